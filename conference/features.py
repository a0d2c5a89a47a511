"""What each feature contributes to the shared pages.

A feature's views module may declare ``NAV`` (menu entries), ``PANELS`` (dashboard panels),
``DELEGATE_PANELS`` (sections of a delegate's personal page: their workshop, seat, badge…),
``DELEGATE_DATA`` (functions giving what the feature keeps about a delegate, for their download),
``REGISTRATION_SECTIONS`` (parts of the public registration form: the workshop choices…)
and ``AUDIT_ACTIONS`` (readable names of the actions it records in the audit log);
create_app collects them, so that adding a feature never means editing shared templates.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_login import current_user

# Menu entries that share a group show as one dropdown; the group takes its place by its
# first entry's order. A group with one entry visible to a role shows as a plain link.
NAV_GROUPS = {
    "delegates": _l("Đại biểu"),
    "programme": _l("Chương trình"),
    "reception": _l("Đón tiếp"),
    "system": _l("Hệ thống"),
}


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: str
    roles: frozenset
    order: int = 50
    group: str = ""


@dataclass(frozen=True)
class NavGroup:
    label: str
    items: tuple[NavItem, ...]


@dataclass(frozen=True)
class Panel:
    """A template and the function that gives its context (for an event, or a delegate)."""

    template: str
    roles: frozenset = frozenset()
    context: Callable[..., dict] = field(default=lambda subject: {})
    order: int = 50


@dataclass(frozen=True)
class FormSection:
    """An optional part of the registration form that another feature owns.

    ``form(event)`` returns a form bound to the request, its fields named ``<prefix>-…``
    (without its own CSRF token), or None when the section has nothing to ask. When the delegate
    filled in any of its fields, the registration view validates it with its own form and, once
    the delegate is registered, calls ``save(delegate, form)``; a section left blank is neither
    validated nor saved, and its form is only built to show the page.
    """

    template: str
    prefix: str
    form: Callable[..., Any]
    save: Callable[..., None]
    order: int = 50

    def answered(self, submitted: Mapping[str, str]) -> bool:
        return any(value for name, value in submitted.items() if name.startswith(f"{self.prefix}-"))


def collect(app: Flask, modules: Iterable[ModuleType]) -> None:
    modules = list(modules)
    app.extensions["nav"] = sorted(
        (item for module in modules for item in getattr(module, "NAV", ())),
        key=lambda item: item.order,
    )
    sorted_entries = (
        ("panels", "PANELS"),
        ("delegate_panels", "DELEGATE_PANELS"),
        ("registration_sections", "REGISTRATION_SECTIONS"),
    )
    for name, attribute in sorted_entries:
        app.extensions[name] = sorted(
            (entry for module in modules for entry in getattr(module, attribute, ())),
            key=lambda entry: entry.order,
        )
    # What each feature keeps about a delegate, for their download of their own data.
    app.extensions["delegate_data"] = [
        provider for module in modules for provider in getattr(module, "DELEGATE_DATA", ())
    ]
    app.extensions["audit_actions"] = {
        action: label
        for module in modules
        for action, label in getattr(module, "AUDIT_ACTIONS", {}).items()
    }


def visible(entries: Iterable) -> list:
    """Return the entries the signed-in account's role may see."""
    if not current_user.is_authenticated:
        return []
    return [entry for entry in entries if current_user.role in entry.roles]


def menu(items: Iterable[NavItem]) -> list[NavItem | NavGroup]:
    """Return the visible menu, its grouped entries gathered where the group first appears."""
    shown = visible(items)
    entries: list[NavItem | NavGroup] = []
    placed: set[str] = set()
    for item in shown:
        if not item.group:
            entries.append(item)
        elif item.group not in placed:
            placed.add(item.group)
            members = tuple(other for other in shown if other.group == item.group)
            entries.append(
                members[0] if len(members) == 1 else NavGroup(str(NAV_GROUPS[item.group]), members)
            )
    return entries
