"""Commendation: the round (award forms, criteria, quotas), units' nominations, the board's reviews.

Who "the board's chair" is: the round names one reviewer account as ``AwardRound.chair``
(Chủ tịch Hội đồng Thi đua – Khen thưởng of the round). That account reviews like any
reviewer and may also give the final approval of the list, as organizers may.
"""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from conference.auth.models import User
from conference.events.models import Event, Unit
from conference.extensions import db
from conference.registration.models import Delegate
from conference.sqltypes import UTCDateTime, enum_column_type
from conference.timeutil import utcnow


class NominationKind(StrEnum):
    COLLECTIVE = "collective"  # tập thể
    INDIVIDUAL = "individual"  # cá nhân


class NominationState(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    RETURNED = "returned"  # sent back to the unit for changes
    RESUBMITTED = "resubmitted"
    RECOMMENDED = "recommended"  # the board proposes it for commendation
    REJECTED = "rejected"
    APPROVED = "approved"  # on the final list handed to the UBND


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


class Verdict(StrEnum):
    """What a reviewer advises the board to do."""

    RECOMMEND = "recommend"
    RETURN = "return"
    REJECT = "reject"


class AttachmentKind(StrEnum):
    REPORT = "report"  # báo cáo thành tích, required to submit
    EVIDENCE = "evidence"  # tài liệu minh chứng


class AwardRound(db.Model):
    """A commendation round (đợt khen thưởng) and the guidance units follow."""

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    guidance: Mapped[str] = mapped_column(Text, default="")
    deadline: Mapped[datetime] = mapped_column(UTCDateTime)
    # Quotas for units without their own Quota row.
    default_collective_quota: Mapped[int] = mapped_column(default=1)
    default_individual_quota: Mapped[int] = mapped_column(default=2)
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # Bumped by every submission; the write is the lock that makes quota checks of the round
    # run one at a time (see services._lock_quotas).
    submissions_version: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    event: Mapped[Event] = relationship()
    chair: Mapped[User | None] = relationship()
    award_forms: Mapped[list["AwardForm"]] = relationship(
        back_populates="round", order_by="AwardForm.position", cascade="all, delete-orphan"
    )
    criteria: Mapped[list["Criterion"]] = relationship(
        back_populates="round", order_by="Criterion.position", cascade="all, delete-orphan"
    )
    quotas: Mapped[list["Quota"]] = relationship(
        back_populates="round", cascade="all, delete-orphan"
    )


class AwardForm(db.Model):
    """A form of commendation, e.g. Bằng khen của Chủ tịch UBND Thành phố."""

    __table_args__ = (UniqueConstraint("round_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("award_round.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)

    round: Mapped[AwardRound] = relationship(back_populates="award_forms")


class Criterion(db.Model):
    """One criterion (tiêu chuẩn) of the round's guidance."""

    __tablename__ = "award_criterion"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("award_round.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    round: Mapped[AwardRound] = relationship(back_populates="criteria")


class Quota(db.Model):
    """How many nominations of one kind a unit may put forward, when not the round's default."""

    __tablename__ = "award_quota"
    __table_args__ = (UniqueConstraint("round_id", "unit_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("award_round.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    kind: Mapped[NominationKind] = mapped_column(enum_column_type(NominationKind))
    allowed: Mapped[int]

    round: Mapped[AwardRound] = relationship(back_populates="quotas")
    unit: Mapped[Unit] = relationship()


class Nomination(db.Model):
    """A unit's proposal to commend a collective or a person (hồ sơ đề nghị khen thưởng)."""

    __table_args__ = (
        Index("ix_nomination_round_unit_kind_state", "round_id", "unit_id", "kind", "state"),
        Index("ix_nomination_round_state", "round_id", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("award_round.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    kind: Mapped[NominationKind] = mapped_column(enum_column_type(NominationKind))
    state: Mapped[NominationState] = mapped_column(
        enum_column_type(NominationState), default=NominationState.DRAFT
    )
    award_form_id: Mapped[int | None] = mapped_column(ForeignKey("award_form.id"), index=True)

    # A collective's name and its organisation, or a person's name and workplace (đơn vị).
    name: Mapped[str] = mapped_column(String(200))
    organization: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[str] = mapped_column(String(200), default="")  # chức vụ, for a person
    birth_year: Mapped[int | None]
    gender: Mapped[Gender | None] = mapped_column(enum_column_type(Gender))
    achievement: Mapped[str] = mapped_column(String(300), default="")  # one line, for the list
    summary: Mapped[str] = mapped_column(Text, default="")

    # The number of the latest submitted version (0: never submitted).
    version: Mapped[int] = mapped_column(default=0)
    # Bumped by every change of state; the write is the row lock (services._lock).
    row_version: Mapped[int] = mapped_column(default=0)
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    # The delegate who receives the award: the person, or a collective's representative.
    delegate_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegate.id", ondelete="SET NULL"), index=True
    )

    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    round: Mapped[AwardRound] = relationship()
    unit: Mapped[Unit] = relationship()
    award_form: Mapped[AwardForm | None] = relationship()
    delegate: Mapped[Delegate | None] = relationship()
    created_by: Mapped[User | None] = relationship()
    claims: Mapped[list["Claim"]] = relationship(
        back_populates="nomination", cascade="all, delete-orphan"
    )
    attachments: Mapped[list["Attachment"]] = relationship(
        back_populates="nomination", order_by="Attachment.id", cascade="all, delete-orphan"
    )
    versions: Mapped[list["NominationVersion"]] = relationship(
        back_populates="nomination",
        order_by="NominationVersion.number",
        cascade="all, delete-orphan",
    )


class Claim(db.Model):
    """A criterion the unit says the nomination meets, with its evidence."""

    __tablename__ = "nomination_claim"
    __table_args__ = (UniqueConstraint("nomination_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nomination.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("award_criterion.id"), index=True)
    evidence: Mapped[str] = mapped_column(Text, default="")

    nomination: Mapped[Nomination] = relationship(back_populates="claims")
    criterion: Mapped[Criterion] = relationship()


class Attachment(db.Model):
    """An uploaded file, kept under UPLOAD_DIR by a generated name; never served from static/."""

    __tablename__ = "nomination_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(
        ForeignKey("nomination.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[AttachmentKind] = mapped_column(enum_column_type(AttachmentKind))
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    # Removed files stay on disk: earlier versions of the nomination still refer to them.
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    nomination: Mapped[Nomination] = relationship(back_populates="attachments")


class NominationVersion(db.Model):
    """What the unit submitted, frozen at each submission. Rows are only ever inserted."""

    __table_args__ = (UniqueConstraint("nomination_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(ForeignKey("nomination.id", ondelete="CASCADE"))
    number: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    content: Mapped[dict] = mapped_column(JSON)

    nomination: Mapped[Nomination] = relationship(back_populates="versions")
    created_by: Mapped[User | None] = relationship()


class Review(db.Model):
    """One reviewer's assessment of one submitted version of a nomination."""

    __tablename__ = "nomination_review"
    __table_args__ = (UniqueConstraint("nomination_id", "reviewer_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    nomination_id: Mapped[int] = mapped_column(
        ForeignKey("nomination.id", ondelete="CASCADE"), index=True
    )
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    version: Mapped[int]
    score: Mapped[int]  # 0–100
    verdict: Mapped[Verdict] = mapped_column(enum_column_type(Verdict))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    reviewer: Mapped[User] = relationship()
    findings: Mapped[list["Finding"]] = relationship(
        back_populates="review", cascade="all, delete-orphan"
    )


class Finding(db.Model):
    """A reviewer's judgement of one criterion: met or not, with a note."""

    __tablename__ = "review_finding"
    __table_args__ = (UniqueConstraint("review_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("nomination_review.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("award_criterion.id"), index=True)
    met: Mapped[bool]
    note: Mapped[str] = mapped_column(String(1000), default="")

    review: Mapped[Review] = relationship(back_populates="findings")
