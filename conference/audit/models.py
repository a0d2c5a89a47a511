"""The audit log: who changed what, when, with the state before and after."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.auth.models import User
from conference.extensions import db
from conference.sqltypes import UTCDateTime
from conference.timeutil import utcnow


class AuditEvent(db.Model):
    """One recorded change. Rows are only ever inserted, never updated or deleted."""

    __table_args__ = (Index("ix_audit_event_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    # Who acted when it was not an account: "đại biểu (liên kết cá nhân)", "hệ thống", a CLI run.
    actor_label: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(80), index=True)
    object_type: Mapped[str] = mapped_column(String(60))
    object_id: Mapped[str] = mapped_column(String(60))
    summary: Mapped[str] = mapped_column(String(300), default="")
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)

    actor: Mapped[User | None] = relationship()
