"""The outbox: every message the app sends is kept here, delivered or not."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from conference.extensions import db
from conference.sqltypes import UTCDateTime, enum_column_type
from conference.timeutil import utcnow


class MessageStatus(StrEnum):
    QUEUED = "queued"  # waiting for SMTP delivery
    SENDING = "sending"  # claimed by one worker, so that no other sends it twice
    STORED = "stored"  # no mail server configured: read it in the outbox page
    SENT = "sent"
    FAILED = "failed"  # SMTP refused it; kept for a retry


class OutboxMessage(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    recipient: Mapped[str] = mapped_column(String(254), index=True)
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    # What the message is about ("registration.confirmed", "auth.password_reset"), for filtering.
    kind: Mapped[str] = mapped_column(String(60), default="", index=True)
    status: Mapped[MessageStatus] = mapped_column(enum_column_type(MessageStatus), index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
