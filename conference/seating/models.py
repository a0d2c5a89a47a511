"""Seat plans and who sits where; the protocol facts about a delegate that seating needs.

A seat plan is one audience in one room: the plenary (``workshop_id`` is NULL, one per event)
or a workshop. The database keeps a seat to one person and a person to one seat per plan, so
that two organizers editing at once can never seat two people in one chair.
"""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.events.models import Event
from conference.extensions import db
from conference.registration.models import Delegate
from conference.sqltypes import UTCDateTime
from conference.workshops.models import Room, Workshop


class SeatPlan(db.Model):
    """Who sits where for one audience: the plenary (no workshop) or one workshop."""

    __table_args__ = (
        Index(
            "uq_seat_plan_plenary",
            "event_id",
            unique=True,
            sqlite_where=text("workshop_id IS NULL"),
            postgresql_where=text("workshop_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    # The plenary's hall; a workshop's plan always uses the workshop's own room.
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id"), index=True)
    workshop_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), unique=True
    )
    planned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    event: Mapped[Event] = relationship()
    plenary_room: Mapped[Room | None] = relationship()
    workshop: Mapped[Workshop | None] = relationship()

    @property
    def room(self) -> Room | None:
        return self.workshop.room if self.workshop is not None else self.plenary_room


class SeatAssignment(db.Model):
    __table_args__ = (
        UniqueConstraint("plan_id", "seat"),
        UniqueConstraint("plan_id", "delegate_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("seat_plan.id", ondelete="CASCADE"))
    delegate_id: Mapped[int] = mapped_column(
        ForeignKey("delegate.id", ondelete="CASCADE"), index=True
    )
    seat: Mapped[str] = mapped_column(String(12))  # "C12": row C, seat 12
    # Pinned by an organizer: planning again keeps it.
    locked: Mapped[bool] = mapped_column(Boolean, default=False)

    plan: Mapped[SeatPlan] = relationship()
    delegate: Mapped[Delegate] = relationship()


class ProtocolEntry(db.Model):
    """What the plenary protocol knows of a delegate beyond their category.

    ``protocol_order``: the organizers' order (lower sits nearer the centre of the front):
    one order across the front rows' categories (Trung ương, Lãnh đạo Thành phố), otherwise
    within the category. Who receives an award is not kept here: the approved commendation
    list (``nominations.services.award_recipient_ids``) says it.
    """

    delegate_id: Mapped[int] = mapped_column(
        ForeignKey("delegate.id", ondelete="CASCADE"), primary_key=True
    )
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    protocol_order: Mapped[int] = mapped_column(default=0)

    delegate: Mapped[Delegate] = relationship()
