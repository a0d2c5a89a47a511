"""The event's settings, its programme and the city's units."""

from datetime import datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy import text as sql

from conference import text
from conference.audit import services as audit
from conference.audit.services import Actor
from conference.calendar.ics import schedule_fingerprint
from conference.events.models import AgendaItem, DelegateCategory, Event, Unit, UnitKind
from conference.extensions import db

EVENT_SETTINGS = (
    "title",
    "short_title",
    "description",
    "host",
    "venue",
    "address",
    "latitude",
    "longitude",
    "starts_at",
    "ends_at",
    "registration_opens_at",
    "registration_closes_at",
    "contact_email",
    "contact_phone",
)
AGENDA_FIELDS = ("starts_at", "ends_at", "title", "presenter", "location")


class EventError(Exception):
    """A change to the event was refused; `reason` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def ping_database() -> None:
    """Run the cheapest query there is, so that a health check fails when the database does."""
    db.session.execute(sql("SELECT 1"))


class Scheduled(Protocol):
    """Anything a calendar shows: the event, a programme item, a workshop."""

    starts_at: datetime
    ends_at: datetime
    schedule_fingerprint: str
    schedule_sequence: int


def note_schedule(item: Scheduled, room: str) -> None:
    """Raise the calendar SEQUENCE of an event, programme item or workshop whose time or room changed."""
    fingerprint = schedule_fingerprint(item.starts_at, item.ends_at, room)
    if item.schedule_fingerprint and fingerprint != item.schedule_fingerprint:
        item.schedule_sequence += 1
    item.schedule_fingerprint = fingerprint


def current_event(*options) -> Event | None:
    """Return the event this installation runs (the latest one, if several were ever created).

    Programme and categories load when a page first touches them, as most requests do not;
    a page that needs them at once passes loader options (``joinedload(Event.categories)``).
    """
    return db.session.scalar(
        select(Event).options(*options).order_by(Event.starts_at.desc()).limit(1)
    )


def _check_times(starts_at, ends_at) -> None:
    if ends_at <= starts_at:
        raise EventError("ends_before_start")


def check_settings(**settings) -> None:
    """Refuse settings whose times contradict each other, before anything is saved."""
    _check_times(settings["starts_at"], settings["ends_at"])
    if settings["registration_closes_at"] <= settings["registration_opens_at"]:
        raise EventError("registration_closes_before_open")
    if settings["registration_closes_at"] > settings["ends_at"]:
        raise EventError("registration_closes_after_event")


def update_event(event: Event, actor: Actor, **settings) -> Event:
    """Change the event's settings; times are aware datetimes (capacity: registration.set_capacity)."""
    check_settings(**settings)
    before = audit.snapshot(event, *EVENT_SETTINGS)
    for field in EVENT_SETTINGS:
        value = settings[field]
        setattr(event, field, text.normalize(value) if isinstance(value, str) else value)
    note_schedule(event, event.venue)
    audit.record(
        "event.update", event, actor, before=before, after=audit.snapshot(event, *EVENT_SETTINGS)
    )
    db.session.commit()
    return event


def save_agenda_item(
    event: Event, actor: Actor, item: AgendaItem | None = None, **fields
) -> AgendaItem:
    """Add an item to the programme, or change an existing one."""
    _check_times(fields["starts_at"], fields["ends_at"])
    before = audit.snapshot(item, *AGENDA_FIELDS) if item else None
    if item is None:
        item = AgendaItem(event=event)
        db.session.add(item)
    for field in AGENDA_FIELDS:
        value = fields[field]
        setattr(item, field, text.normalize(value) if isinstance(value, str) else value)
    note_schedule(item, item.location)
    audit.record(
        "agenda.update" if before else "agenda.create",
        item,
        actor,
        before=before,
        after=audit.snapshot(item, *AGENDA_FIELDS),
        summary=item.title,
    )
    db.session.commit()
    return item


def delete_agenda_item(item: AgendaItem, actor: Actor) -> None:
    """Remove an item from the programme."""
    audit.record(
        "agenda.delete",
        item,
        actor,
        before=audit.snapshot(item, *AGENDA_FIELDS),
        summary=item.title,
    )
    db.session.delete(item)
    db.session.commit()


def get_agenda_item(event: Event, item_id: int) -> AgendaItem | None:
    item = db.session.get(AgendaItem, item_id)
    return item if item is not None and item.event_id == event.id else None


def get_unit(unit_id: int | None) -> Unit | None:
    return db.session.get(Unit, unit_id) if unit_id else None


def units(kind: UnitKind | None = None) -> list[Unit]:
    """Return the city's units in Vietnamese alphabetical order."""
    query = select(Unit)
    if kind is not None:
        query = query.where(Unit.kind == kind)
    return sorted(db.session.scalars(query), key=lambda unit: text.sort_key(unit.name))


def categories(event: Event) -> list[DelegateCategory]:
    """Return the event's delegate categories in protocol order."""
    return list(
        db.session.scalars(
            select(DelegateCategory)
            .where(DelegateCategory.event_id == event.id)
            .order_by(DelegateCategory.protocol_rank, DelegateCategory.id)
        )
    )
