"""Check-ins at the plenary and the workshops, and the scanning devices allowed to record them."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.auth.models import User
from conference.extensions import db
from conference.registration.models import Delegate
from conference.sqltypes import UTCDateTime
from conference.timeutil import utcnow

PLENARY = "plenary"
WORKSHOP_POINT = "workshop-"  # followed by the workshop's id


class CheckIn(db.Model):
    """A delegate arriving at a check-in point; undone by a correction, never deleted."""

    __table_args__ = (
        # At most one standing check-in per person and point: the database, not the code,
        # decides between two desks scanning the same badge at the same moment.
        Index(
            "uq_check_in_standing",
            "delegate_id",
            "point",
            unique=True,
            sqlite_where=text("undone_at IS NULL"),
            postgresql_where=text("undone_at IS NULL"),
        ),
        Index("ix_check_in_event_point", "event_id", "point"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    delegate_id: Mapped[int] = mapped_column(ForeignKey("delegate.id", ondelete="CASCADE"))
    # PLENARY, or "workshop-<id>" for a workshop room.
    point: Mapped[str] = mapped_column(String(40))
    desk: Mapped[str] = mapped_column(String(60), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    device_id: Mapped[int | None] = mapped_column(ForeignKey("scan_device.id"))
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    delegate: Mapped[Delegate] = relationship()
    by: Mapped[User | None] = relationship(foreign_keys=[by_id])
    device: Mapped["ScanDevice | None"] = relationship()


class ScanDevice(db.Model):
    """A handheld scanner or app that records check-ins through the JSON API with a token."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    # Only the SHA-256 of the token is kept: it is shown once, when the device is added.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
