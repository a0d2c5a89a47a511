"""Delegates and the invitations that bring some of them."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.events.models import DelegateCategory, Event
from conference.extensions import db
from conference.sqltypes import UTCDateTime, enum_column_type
from conference.timeutil import utcnow


class DelegateStatus(StrEnum):
    PENDING = "pending"  # registered, waiting for an organizer's approval
    CONFIRMED = "confirmed"  # holds one of the event's places
    WAITLISTED = "waitlisted"  # approved, waiting for a place to free up
    DECLINED = "declined"  # an organizer said no
    CANCELLED = "cancelled"  # the delegate (or an organizer for them) withdrew


class Honorific(StrEnum):
    MR = "ong"
    MRS = "ba"


class Invitation(db.Model):
    """A personal invitation from the host department, with a code to type or a link to open."""

    __table_args__ = (UniqueConstraint("event_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("delegate_category.id"))
    code: Mapped[str] = mapped_column(String(12), unique=True)
    honorific: Mapped[Honorific | None] = mapped_column(enum_column_type(Honorific))
    full_name: Mapped[str] = mapped_column(String(120))
    position: Mapped[str] = mapped_column(String(200), default="")
    organization: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # None: valid for as long as registration is open.
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    times_sent: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship()
    category: Mapped[DelegateCategory] = relationship()
    delegate: Mapped["Delegate | None"] = relationship(back_populates="invitation")


class Delegate(db.Model):
    __table_args__ = (
        UniqueConstraint("event_id", "email"),
        Index(
            "ix_delegate_event_status_queue",
            "event_id",
            "status",
            "queued_at",
            "registered_at",
            "id",
        ),
        Index("ix_delegate_event_name_order", "event_id", "name_order"),
        # The places count reads only this index (confirmed delegates of the plenary
        # categories); it also serves the category foreign key.
        Index("ix_delegate_category_status", "category_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    category_id: Mapped[int] = mapped_column(ForeignKey("delegate_category.id"))
    invitation_id: Mapped[int | None] = mapped_column(
        ForeignKey("invitation.id", ondelete="SET NULL"), unique=True
    )
    status: Mapped[DelegateStatus] = mapped_column(enum_column_type(DelegateStatus))

    honorific: Mapped[Honorific] = mapped_column(enum_column_type(Honorific))
    full_name: Mapped[str] = mapped_column(String(120))
    position: Mapped[str] = mapped_column(String(200), default="")
    organization: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str] = mapped_column(String(30), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(5), default="vi")

    # Derived from the fields above by the service, so that the database can search and sort.
    search_text: Mapped[str] = mapped_column(Text, default="")
    name_order: Mapped[str] = mapped_column(String(400), default="")

    # The personal link carries this random key, signed; replacing it revokes the old link.
    access_key: Mapped[str] = mapped_column(String(43), unique=True)
    consent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Waiting-list order: when the delegate became eligible for a place (approved or invited).
    queued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decline_reason: Mapped[str] = mapped_column(String(500), default="")

    event: Mapped[Event] = relationship()
    category: Mapped[DelegateCategory] = relationship()
    invitation: Mapped[Invitation | None] = relationship(back_populates="delegate")

    @property
    def holds_place(self) -> bool:
        return self.status == DelegateStatus.CONFIRMED
