"""A delegate's badge: the key its QR code carries and which printing is the current one."""

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.extensions import db
from conference.registration.models import Delegate
from conference.sqltypes import UTCDateTime


class Badge(db.Model):
    delegate_id: Mapped[int] = mapped_column(
        ForeignKey("delegate.id", ondelete="CASCADE"), primary_key=True
    )
    # Stays the same across reprints, so that an old badge still identifies its holder.
    key: Mapped[str] = mapped_column(String(16), unique=True)
    # 0 until first printed; a reprint after the printed content changed is a new version.
    version: Mapped[int] = mapped_column(default=0)
    printed_fingerprint: Mapped[str] = mapped_column(String(64), default="")
    printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    delegate: Mapped[Delegate] = relationship()
