"""Writing and reading the audit log.

``record`` adds an entry to the caller's transaction and does not commit: the change and
its audit entry are saved together or not at all.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from conference.audit.models import AuditEvent
from conference.auth.models import User
from conference.extensions import db


@dataclass(frozen=True)
class Actor:
    """Who is acting: an account, or a described outsider (a delegate's personal link, the CLI)."""

    user: User | None = None
    label: str = ""

    @classmethod
    def system(cls, label: str = "hệ thống") -> "Actor":
        return cls(label=label)


def _json_safe(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [_json_safe(item) for item in value]
    return value


def snapshot(obj: Any, *fields: str) -> dict[str, Any]:
    """Return the named attributes of obj as a JSON-ready dict, for before/after."""
    return {field: _json_safe(getattr(obj, field)) for field in fields}


def record(
    action: str,
    target: Any,
    actor: Actor,
    *,
    before: dict | None = None,
    after: dict | None = None,
    summary: str = "",
) -> AuditEvent:
    """Add an audit entry for an action on target (a model instance) to the current transaction."""
    if target.id is None:
        db.session.flush()
    entry = AuditEvent(
        actor=actor.user,
        actor_label=actor.label or (actor.user.email if actor.user else ""),
        action=action,
        object_type=target.__tablename__,
        object_id=str(target.id),
        summary=summary[:300],
        before=_json_safe(before) if before is not None else None,
        after=_json_safe(after) if after is not None else None,
    )
    db.session.add(entry)
    return entry


def redact(object_type: str, object_id: int | str) -> None:
    """Blank what entries about an object say of it, when its personal data must be erased.

    The one change the log allows (Nghị định 13/2023/NĐ-CP): the entries stay, so that the
    sequence of actions remains, but they no longer name the person or hold their details.
    """
    db.session.execute(
        update(AuditEvent)
        .where(AuditEvent.object_type == object_type, AuditEvent.object_id == str(object_id))
        .values(summary=f"#{object_id}", before=None, after=None)
    )


def history(object_type: str, object_id: int | str) -> list[AuditEvent]:
    """Return the entries about one object, oldest first."""
    return list(
        db.session.scalars(
            select(AuditEvent)
            .options(joinedload(AuditEvent.actor))
            .where(AuditEvent.object_type == object_type, AuditEvent.object_id == str(object_id))
            .order_by(AuditEvent.at, AuditEvent.id)
        )
    )


def recent(
    limit: int, *, action_prefix: str = "", before_id: int | None = None
) -> list[AuditEvent]:
    """Return the latest entries, newest first, optionally only actions starting with a prefix."""
    query = select(AuditEvent).options(joinedload(AuditEvent.actor))
    if action_prefix:
        query = query.where(AuditEvent.action.startswith(action_prefix, autoescape=True))
    if before_id is not None:
        query = query.where(AuditEvent.id < before_id)
    return list(db.session.scalars(query.order_by(AuditEvent.id.desc()).limit(limit)))
