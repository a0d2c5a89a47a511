"""Exhibitors with their protected products and staff, the hall's floor plan, booth assignments."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.auth.models import User
from conference.events.models import Event, Unit
from conference.exhibition.booths import Need
from conference.exhibition.titles import TitleKind
from conference.extensions import db
from conference.registration.models import Delegate, Honorific
from conference.sqltypes import UTCDateTime, enum_column_type
from conference.timeutil import utcnow


class ExhibitorKind(StrEnum):
    FARMERS_ASSOCIATION = "farmers_association"  # hội nông dân
    COOPERATIVE = "cooperative"  # hợp tác xã
    CRAFT_VILLAGE = "craft_village"  # hội làng nghề
    ST_ENTERPRISE = "st_enterprise"  # doanh nghiệp khoa học và công nghệ
    UNIVERSITY = "university"  # trường đại học
    COLLEGE = "college"  # trường cao đẳng
    OTHER = "other"


class ExhibitorStatus(StrEnum):
    SUBMITTED = "submitted"  # waiting for the organizers' review
    CHANGES_REQUESTED = "changes_requested"  # sent back to the applicant with a note
    RESUBMITTED = "resubmitted"  # corrected after a request, waiting again
    APPROVED = "approved"  # exhibits: gets a booth, its staff become delegates
    REJECTED = "rejected"  # refused, or withdrawn after approval; final


class Exhibitor(db.Model):
    """An application to exhibit: the organisation, its needs, its products and its staff."""

    __table_args__ = (
        # One application per organisation: the key is its folded name.
        UniqueConstraint("event_id", "organization_key"),
        Index("ix_exhibitor_event_status", "event_id", "status"),
        Index("ix_exhibitor_event_district", "event_id", "district_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    status: Mapped[ExhibitorStatus] = mapped_column(enum_column_type(ExhibitorStatus))
    organization: Mapped[str] = mapped_column(String(200))
    organization_key: Mapped[str] = mapped_column(String(200))
    kind: Mapped[ExhibitorKind] = mapped_column(enum_column_type(ExhibitorKind))
    district_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    contact_name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(254))
    description: Mapped[str] = mapped_column(Text, default="")
    needs_electricity: Mapped[bool] = mapped_column(default=False)
    needs_extra_table: Mapped[bool] = mapped_column(default=False)
    needs_corner: Mapped[bool] = mapped_column(default=False)
    needs_double: Mapped[bool] = mapped_column(default=False)
    # The district that put the exhibitor forward (None: it applied by itself).
    nominated_by_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    # The applicant's link carries this random key, signed, like a delegate's personal link.
    access_key: Mapped[str] = mapped_column(String(43), unique=True)
    language: Mapped[str] = mapped_column(String(5), default="vi")
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The reason for a rejection, or what to change: the last review's words to the applicant.
    review_note: Mapped[str] = mapped_column(String(1000), default="")
    # Derived by the service so that the database can search and sort.
    search_text: Mapped[str] = mapped_column(Text, default="")
    name_order: Mapped[str] = mapped_column(String(800), default="")

    event: Mapped[Event] = relationship()
    district: Mapped[Unit] = relationship(foreign_keys=[district_id])
    nominated_by: Mapped[Unit | None] = relationship(foreign_keys=[nominated_by_id])
    titles: Mapped[list["IpTitle"]] = relationship(
        back_populates="exhibitor", order_by="IpTitle.position", cascade="all, delete-orphan"
    )
    staff: Mapped[list["ExhibitorStaff"]] = relationship(
        back_populates="exhibitor",
        order_by="ExhibitorStaff.position",
        cascade="all, delete-orphan",
    )
    booth: Mapped["BoothAssignment | None"] = relationship(
        back_populates="exhibitor", cascade="all, delete-orphan"
    )

    @property
    def needs(self) -> frozenset[Need]:
        """What the booth must offer (an extra table is furniture, not a feature of the booth)."""
        wanted = {
            Need.ELECTRICITY: self.needs_electricity,
            Need.CORNER: self.needs_corner,
            Need.DOUBLE: self.needs_double,
        }
        return frozenset(need for need, wanted in wanted.items() if wanted)

    @property
    def pinned_booth(self) -> str | None:
        """The booth an organizer gave by hand, which automatic assignment keeps."""
        return self.booth.booth_code if self.booth is not None and self.booth.pinned else None


class IpTitle(db.Model):
    """A protected product: the product and the title (văn bằng) that protects it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    exhibitor_id: Mapped[int] = mapped_column(
        ForeignKey("exhibitor.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    product_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[TitleKind] = mapped_column(enum_column_type(TitleKind))
    # As printed on the title (see titles.normalize_number).
    number: Mapped[str] = mapped_column(String(20))
    holder: Mapped[str] = mapped_column(String(200))
    # A generated file name under UPLOAD_DIR/exhibition; never the uploader's.
    photo: Mapped[str | None] = mapped_column(String(64))

    exhibitor: Mapped[Exhibitor] = relationship(back_populates="titles")


class ExhibitorStaff(db.Model):
    """Someone who staffs the booth and needs a badge; a delegate once the exhibitor is approved."""

    id: Mapped[int] = mapped_column(primary_key=True)
    exhibitor_id: Mapped[int] = mapped_column(
        ForeignKey("exhibitor.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    honorific: Mapped[Honorific] = mapped_column(enum_column_type(Honorific))
    full_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str] = mapped_column(String(30), default="")
    delegate_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegate.id", ondelete="SET NULL"), index=True
    )

    exhibitor: Mapped[Exhibitor] = relationship(back_populates="staff")
    delegate: Mapped[Delegate | None] = relationship()


class ExhibitionHall(db.Model):
    """The event's hall: the floor plan as `booths.FloorPlan.to_dict()` gives it.

    One document rather than rows: the plan is edited and checked as a whole (booths must not
    overlap each other or the obstacles), and the solver reads it as a whole. ``version``
    counts saved plans, so that an editor working on an old copy is told instead of
    overwriting; ``assignments_version`` counts changes to who holds which booth, and writing
    it is the lock that makes such changes run one at a time (see services._lock_booths).
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), unique=True)
    plan: Mapped[dict] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(default=1)
    assignments_version: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    updated_by: Mapped[User | None] = relationship()


class BoothAssignment(db.Model):
    """Who holds a booth: one exhibitor per booth and one booth per exhibitor, kept by the database.

    ``pinned``: an organizer chose this booth by hand; automatic assignment keeps it.
    """

    __table_args__ = (UniqueConstraint("event_id", "booth_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    booth_code: Mapped[str] = mapped_column(String(12))
    exhibitor_id: Mapped[int] = mapped_column(
        ForeignKey("exhibitor.id", ondelete="CASCADE"), unique=True
    )
    pinned: Mapped[bool] = mapped_column(default=False)
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    exhibitor: Mapped[Exhibitor] = relationship(back_populates="booth")
    assigned_by: Mapped[User | None] = relationship()
