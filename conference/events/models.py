"""The event itself, its programme, the city's units and the categories of delegates."""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy import ForeignKey, Numeric, String, Text, UniqueConstraint, sql
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db
from conference.sqltypes import UTCDateTime, enum_column_type


class Event(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    short_title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    host: Mapped[str] = mapped_column(String(200))
    venue: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300))
    latitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    longitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Ho_Chi_Minh")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    registration_opens_at: Mapped[datetime] = mapped_column(UTCDateTime)
    registration_closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    capacity: Mapped[int] = mapped_column(default=150)
    # What calendars were last told about the event's time and place, and how often it changed
    # (iCalendar SEQUENCE): phones take an update only when the sequence grows.
    schedule_fingerprint: Mapped[str] = mapped_column(String(16), default="")
    schedule_sequence: Mapped[int] = mapped_column(default=0)
    # On SQLite, bumped by every change to who holds a place: the write is the lock that makes
    # such changes run one at a time per event (PostgreSQL locks the row instead; see
    # registration.services.lock_places).
    places_version: Mapped[int] = mapped_column(default=0)
    # Confirmed delegates of the categories with a plenary place, and delegates on the waiting
    # list: kept by the registration services under that lock (see _recount_places there).
    places_taken: Mapped[int] = mapped_column(default=0, server_default="0")
    queue_length: Mapped[int] = mapped_column(default=0, server_default="0")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")

    agenda_items: Mapped[list["AgendaItem"]] = relationship(
        back_populates="event", order_by="AgendaItem.starts_at", cascade="all, delete-orphan"
    )
    categories: Mapped[list["DelegateCategory"]] = relationship(
        back_populates="event",
        order_by="DelegateCategory.protocol_rank",
        cascade="all, delete-orphan",
    )

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def registration_state(self, now: datetime) -> str:
        """Return "not_open", "open" or "closed" for the moment given."""
        if now < self.registration_opens_at:
            return "not_open"
        if now >= self.registration_closes_at:
            return "closed"
        return "open"


class AgendaItem(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    title: Mapped[str] = mapped_column(String(300))
    presenter: Mapped[str] = mapped_column(String(300), default="")
    location: Mapped[str] = mapped_column(String(200), default="")
    schedule_fingerprint: Mapped[str] = mapped_column(String(16), default="")
    schedule_sequence: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship(back_populates="agenda_items")


class UnitKind(StrEnum):
    DEPARTMENT = "department"  # sở, ban, ngành
    DISTRICT = "district"  # UBND quận, huyện, thị xã
    OTHER = "other"


class Unit(db.Model):
    """An organisation of the city: a department, a district People's Committee or another body."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str] = mapped_column(String(80), default="")
    kind: Mapped[UnitKind] = mapped_column(enum_column_type(UnitKind))


class DelegateCategory(db.Model):
    """A thành phần tham dự of the seed plan, with what seating and badges need to know of it."""

    __table_args__ = (UniqueConstraint("event_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    invitation_only: Mapped[bool] = mapped_column(default=False)
    # Self-registrations in this category wait for an organizer; invited delegates never do.
    requires_approval: Mapped[bool] = mapped_column(default=True)
    # Whether its confirmed delegates take one of the event's places in the plenary hall.
    # Exhibitors' booth staff do not: they work at the exhibition (see registration services).
    # Set when the event is made; changing it later needs the event's places counted anew
    # (registration.services._recount_places).
    plenary_place: Mapped[bool] = mapped_column(default=True, server_default=sql.true())
    # Lower ranks sit nearer the stage: central government guests first.
    protocol_rank: Mapped[int] = mapped_column(default=100)
    badge_label: Mapped[str] = mapped_column(String(40))
    color: Mapped[str] = mapped_column(String(7), default="#1f5fa8")

    event: Mapped[Event] = relationship(back_populates="categories")
