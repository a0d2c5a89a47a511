"""Rooms, workshops, the delegates' ranked choices, and the seats the allocation gave them.

Rooms live here because a workshop takes place in one; their seat layouts are edited and
used by the seating feature, which builds on this module (never the other way round).

Waiting lists are not stored: they follow from the choices and the placements
(``allocation.waiting_lists``), so they can never disagree with either.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    ForeignKey,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.events.models import DelegateCategory, Event
from conference.extensions import db
from conference.registration.models import Delegate
from conference.sqltypes import UTCDateTime

DEFAULT_CAPACITY = 50

workshop_category = Table(
    "workshop_category",
    db.metadata,
    Column("workshop_id", ForeignKey("workshop.id", ondelete="CASCADE"), primary_key=True),
    Column("category_id", ForeignKey("delegate_category.id", ondelete="CASCADE"), primary_key=True),
)


class Room(db.Model):
    """A hall or meeting room; ``layout`` is the planner's JSON-ready form (rows, aisles, blocked)."""

    __table_args__ = (UniqueConstraint("event_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    location: Mapped[str] = mapped_column(String(200), default="")
    layout: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Seats the layout can use, kept beside it so that lists need not parse every layout.
    capacity: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship()


class Workshop(db.Model):
    __table_args__ = (
        CheckConstraint("capacity >= 0", name="capacity_not_negative"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    capacity: Mapped[int] = mapped_column(default=DEFAULT_CAPACITY)
    # What calendars were last told about its time and room, and how often that changed
    # (iCalendar SEQUENCE), as for the plenary programme (events.services.note_schedule).
    schedule_fingerprint: Mapped[str] = mapped_column(String(16), default="")
    schedule_sequence: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship()
    room: Mapped[Room] = relationship()
    # Who it is meant for; none means every delegate may choose it.
    categories: Mapped[list[DelegateCategory]] = relationship(
        secondary=workshop_category, order_by=DelegateCategory.protocol_rank
    )

    def is_for(self, category_id: int) -> bool:
        return not self.categories or any(c.id == category_id for c in self.categories)


class WorkshopChoice(db.Model):
    """A delegate's wish: rank 1 is the workshop they most want."""

    __table_args__ = (
        UniqueConstraint("delegate_id", "workshop_id"),
        UniqueConstraint("delegate_id", "rank"),
        CheckConstraint("rank >= 1", name="rank_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    delegate_id: Mapped[int] = mapped_column(ForeignKey("delegate.id", ondelete="CASCADE"))
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    rank: Mapped[int]

    delegate: Mapped[Delegate] = relationship()
    workshop: Mapped[Workshop] = relationship()


class WorkshopPlacement(db.Model):
    """A seat in a workshop; ``locked`` when an organizer pinned the delegate there."""

    __table_args__ = (UniqueConstraint("workshop_id", "delegate_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshop.id", ondelete="CASCADE"))
    delegate_id: Mapped[int] = mapped_column(
        ForeignKey("delegate.id", ondelete="CASCADE"), index=True
    )
    locked: Mapped[bool] = mapped_column(default=False)

    delegate: Mapped[Delegate] = relationship()
    workshop: Mapped[Workshop] = relationship()


class WorkshopSettings(db.Model):
    """The event's workshop settings: the choice deadline and the allocation lottery's seed."""

    event_id: Mapped[int] = mapped_column(
        ForeignKey("event.id", ondelete="CASCADE"), primary_key=True
    )
    # None: choices close with registration.
    choices_close_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Random per event, so that the lottery cannot be predicted from delegate ids.
    lottery_seed: Mapped[str] = mapped_column(String(32))
    # Set by the first allocation; from then on a freed seat goes to the waiting list at once.
    allocated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
