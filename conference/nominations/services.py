"""Commendation: setting up the round, units' nominations, the board's reviews, the final list.

Every change of a nomination's state goes through ``_transition``: it takes the nomination's
row lock, reads the state again, and asks ``workflow.next_state`` whether this user may take
this step now; an illegal step raises ``NominationError`` with the workflow's reason code,
whatever page, command or script asked for it.

Quotas: a submission first takes the round's lock (``_lock_quotas``), so that submissions of
a round run one at a time on PostgreSQL and SQLite; the places already used are then counted
by the database, never from a list in Python. Two submissions at once cannot both take the
last place.

Award recipients for seating and badges: ``award_recipient_ids(event)``.
"""

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.orm import joinedload, selectinload

from conference import text
from conference.audit import services as audit
from conference.audit.services import Actor
from conference.auth.models import Role, User
from conference.events.models import Event, Unit
from conference.extensions import db
from conference.mail.services import send_mail
from conference.nominations import lists, matching, versions, workflow
from conference.nominations.agreement import Agreement, ReviewInput, assess
from conference.nominations.files import AttachmentRejected, check_document
from conference.nominations.models import (
    Attachment,
    AttachmentKind,
    AwardForm,
    AwardRound,
    Claim,
    Criterion,
    Finding,
    Gender,
    Nomination,
    NominationKind,
    NominationState,
    NominationVersion,
    Quota,
    Review,
    Verdict,
)
from conference.nominations.workflow import Action, Party
from conference.registration.models import Delegate, DelegateStatus
from conference.timeutil import to_local

APPROVER_ROLES = (Role.ADMIN, Role.ORGANIZER)
BOARD_ROLES = (Role.REVIEWER, Role.ADMIN, Role.ORGANIZER)
UPLOAD_SUBDIRECTORY = "nominations"
ROUND_FIELDS = (
    "title",
    "guidance",
    "deadline",
    "default_collective_quota",
    "default_individual_quota",
    "chair_id",
)
CONTENT_FIELDS = (
    "kind",
    "name",
    "organization",
    "position",
    "birth_year",
    "gender",
    "award_form_id",
    "achievement",
    "summary",
)
# Delegates who may still be at the ceremony: the candidates for a nomination's link.
_ACTIVE_DELEGATES = (DelegateStatus.CONFIRMED, DelegateStatus.PENDING, DelegateStatus.WAITLISTED)


class NominationError(Exception):
    """A step was refused; `reason` says why and `data` carries the details for the message."""

    def __init__(self, reason: str, **data):
        super().__init__(reason)
        self.reason = reason
        self.data = data


def _refuse(reason: str, **data) -> NominationError:
    # Release the locks taken so far, and whatever else this transaction did.
    db.session.rollback()
    return NominationError(reason, **data)


# --- the round ---------------------------------------------------------------------------------


@dataclass
class RoundData:
    title: str
    guidance: str
    deadline: datetime
    default_collective_quota: int
    default_individual_quota: int
    chair_id: int | None = None


def current_round(event: Event) -> AwardRound | None:
    """Return the event's commendation round (the latest, if several were set up)."""
    return db.session.scalar(
        select(AwardRound)
        .options(selectinload(AwardRound.award_forms), selectinload(AwardRound.criteria))
        .where(AwardRound.event_id == event.id)
        .order_by(AwardRound.id.desc())
        .limit(1)
    )


def possible_chairs() -> list[User]:
    """Return the reviewer accounts that may chair the board, in Vietnamese name order."""
    users = db.session.scalars(select(User).where(User.role == Role.REVIEWER, User.active))
    return sorted(users, key=lambda user: text.name_sort_key(user.full_name))


def save_round(
    event: Event, data: RoundData, actor: Actor, award_round: AwardRound | None = None
) -> AwardRound:
    """Create the event's round, or change the given one."""
    if data.chair_id is not None:
        chair = db.session.get(User, data.chair_id)
        if chair is None or chair.role != Role.REVIEWER:
            raise NominationError("chair_not_reviewer")
    if min(data.default_collective_quota, data.default_individual_quota) < 0:
        raise NominationError("negative_quota")
    created = award_round is None
    award_round = award_round or AwardRound(event=event)
    before = None if created else audit.snapshot(award_round, *ROUND_FIELDS)
    award_round.title = text.normalize(data.title)
    award_round.guidance = text.normalize_multiline(data.guidance)
    award_round.deadline = data.deadline
    award_round.default_collective_quota = data.default_collective_quota
    award_round.default_individual_quota = data.default_individual_quota
    award_round.chair_id = data.chair_id
    db.session.add(award_round)
    audit.record(
        "award_round.create" if created else "award_round.update", award_round, actor,
        before=before, after=audit.snapshot(award_round, *ROUND_FIELDS), summary=award_round.title,
    )  # fmt: skip
    db.session.commit()
    return award_round


def add_award_form(award_round: AwardRound, name: str, actor: Actor) -> AwardForm:
    name = text.normalize(name)
    if any(text.fold(form.name) == text.fold(name) for form in award_round.award_forms):
        raise NominationError("duplicate_award_form")
    form = AwardForm(name=name, position=len(award_round.award_forms) + 1)
    award_round.award_forms.append(form)
    audit.record("award_round.add_form", award_round, actor, after={"award_form": name})
    db.session.commit()
    return form


def remove_award_form(award_round: AwardRound, form_id: int, actor: Actor) -> None:
    form = next((f for f in award_round.award_forms if f.id == form_id), None)
    if form is None:
        raise NominationError("not_found")
    if db.session.scalar(select(Nomination.id).where(Nomination.award_form_id == form_id).limit(1)):
        raise NominationError("in_use")
    award_round.award_forms.remove(form)
    audit.record("award_round.remove_form", award_round, actor, before={"award_form": form.name})
    db.session.commit()


def add_criterion(award_round: AwardRound, title: str, description: str, actor: Actor) -> Criterion:
    criterion = Criterion(
        title=text.normalize(title),
        description=text.normalize_multiline(description),
        position=max((c.position for c in award_round.criteria), default=0) + 1,
    )
    award_round.criteria.append(criterion)
    audit.record(
        "award_round.add_criterion", award_round, actor,
        after={"title": criterion.title, "description": criterion.description},
    )  # fmt: skip
    db.session.commit()
    return criterion


def _criterion(award_round: AwardRound, criterion_id: int) -> Criterion:
    criterion = next((c for c in award_round.criteria if c.id == criterion_id), None)
    if criterion is None:
        raise NominationError("not_found")
    return criterion


def update_criterion(
    award_round: AwardRound, criterion_id: int, title: str, description: str, actor: Actor
) -> Criterion:
    criterion = _criterion(award_round, criterion_id)
    before = audit.snapshot(criterion, "title", "description")
    criterion.title = text.normalize(title)
    criterion.description = text.normalize_multiline(description)
    audit.record(
        "award_round.update_criterion", award_round, actor,
        before=before, after=audit.snapshot(criterion, "title", "description"),
    )  # fmt: skip
    db.session.commit()
    return criterion


def remove_criterion(award_round: AwardRound, criterion_id: int, actor: Actor) -> None:
    """Remove a criterion no nomination claims and no review judged."""
    criterion = _criterion(award_round, criterion_id)
    for model in (Claim, Finding):
        if db.session.scalar(select(model.id).where(model.criterion_id == criterion_id).limit(1)):
            raise NominationError("in_use")
    award_round.criteria.remove(criterion)
    audit.record(
        "award_round.remove_criterion", award_round, actor, before={"title": criterion.title}
    )
    db.session.commit()


# --- quotas ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuotaStatus:
    limit: int
    used: int

    @property
    def left(self) -> int:
        return max(self.limit - self.used, 0)


def quota_overrides(award_round: AwardRound) -> dict[tuple[int, NominationKind], int]:
    """Return the quotas set for particular units: (unit id, kind) → limit."""
    rows = db.session.execute(
        select(Quota.unit_id, Quota.kind, Quota.allowed).where(Quota.round_id == award_round.id)
    )
    return {(unit_id, kind): limit for unit_id, kind, limit in rows}


def _default_quota(award_round: AwardRound, kind: NominationKind) -> int:
    if kind == NominationKind.COLLECTIVE:
        return award_round.default_collective_quota
    return award_round.default_individual_quota


def quota_limit(award_round: AwardRound, unit_id: int, kind: NominationKind) -> int:
    limit = db.session.scalar(
        select(Quota.allowed).where(
            Quota.round_id == award_round.id, Quota.unit_id == unit_id, Quota.kind == kind
        )
    )
    return _default_quota(award_round, kind) if limit is None else limit


def _places_used(award_round: AwardRound, unit_id: int) -> dict[NominationKind, int]:
    rows = db.session.execute(
        select(Nomination.kind, func.count())
        .where(
            Nomination.round_id == award_round.id,
            Nomination.unit_id == unit_id,
            Nomination.state.in_(workflow.HOLDS_QUOTA),
        )
        .group_by(Nomination.kind)
    )
    return dict(rows.all())


def quota_status(award_round: AwardRound, unit_id: int) -> dict[NominationKind, QuotaStatus]:
    """Return, for each kind, how many nominations the unit may put forward and has."""
    used = _places_used(award_round, unit_id)
    return {
        kind: QuotaStatus(quota_limit(award_round, unit_id, kind), used.get(kind, 0))
        for kind in NominationKind
    }


def set_quotas(
    award_round: AwardRound, limits: dict[tuple[int, NominationKind], int | None], actor: Actor
) -> int:
    """Set units' own quotas (None: the round's default applies); return how many changed."""
    current = {(quota.unit_id, quota.kind): quota for quota in award_round.quotas}
    changes = {}
    for (unit_id, kind), limit in limits.items():
        if limit is not None and limit < 0:
            raise _refuse("negative_quota")
        quota = current.get((unit_id, kind))
        old = quota.allowed if quota else None
        if old == limit:
            continue
        if limit is None:
            award_round.quotas.remove(quota)
        elif quota is None:
            award_round.quotas.append(Quota(unit_id=unit_id, kind=kind, allowed=limit))
        else:
            quota.allowed = limit
        changes[f"{unit_id}:{kind}"] = (old, limit)
    if changes:
        audit.record(
            "award_round.quotas", award_round, actor,
            before={key: old for key, (old, _new) in changes.items()},
            after={key: new for key, (_old, new) in changes.items()},
        )  # fmt: skip
    db.session.commit()
    return len(changes)


def _lock_quotas(award_round: AwardRound) -> None:
    # A write, not a SELECT … FOR UPDATE: it takes PostgreSQL's row lock and SQLite's database
    # write lock alike, so the count this transaction takes next is current until it commits.
    db.session.execute(
        update(AwardRound)
        .where(AwardRound.id == award_round.id)
        .values(submissions_version=AwardRound.submissions_version + 1)
        .execution_options(synchronize_session=False)
    )


# --- nominations -------------------------------------------------------------------------------


@dataclass
class NominationData:
    """What a unit typed into the nomination form, already validated by the form."""

    kind: NominationKind
    name: str
    organization: str = ""
    position: str = ""
    birth_year: int | None = None
    gender: Gender | None = None
    award_form_id: int | None = None
    achievement: str = ""
    summary: str = ""
    claims: dict[int, str] = field(default_factory=dict)  # criterion id → evidence


def parties(user: User, nomination: Nomination) -> frozenset[Party]:
    """Return in which capacities the user may act on the nomination."""
    found = set()
    if user.role == Role.UNIT and user.unit_id == nomination.unit_id:
        found.add(Party.UNIT)
    if user.role == Role.REVIEWER and user.unit_id != nomination.unit_id:
        found.add(Party.REVIEWER)
    if may_approve(nomination.round, user):
        found.add(Party.APPROVER)
    return frozenset(found)


def may_approve(award_round: AwardRound, user: User) -> bool:
    """Organizers and the chair the round names give the final approval."""
    return user.role in APPROVER_ROLES or award_round.chair_id == user.id


def _from_nominating_unit(user: User, nomination: Nomination) -> bool:
    return user.role == Role.REVIEWER and user.unit_id == nomination.unit_id


def visible_nomination(user: User, nomination_id: int) -> Nomination | None:
    """Return the nomination if the user may see it: a unit its own, the board what was submitted."""
    nomination = db.session.get(Nomination, nomination_id)
    if nomination is None:
        return None
    if user.role == Role.UNIT:
        return nomination if nomination.unit_id == user.unit_id else None
    if user.role in BOARD_ROLES and nomination.state != NominationState.DRAFT:
        return nomination
    return None


def content_of(nomination: Nomination) -> dict:
    """Return what the unit wrote, as a version keeps it: JSON-ready, criteria by title."""
    titles = {criterion.id: criterion.title for criterion in nomination.round.criteria}
    order = {criterion.id: index for index, criterion in enumerate(nomination.round.criteria)}
    claims = sorted(nomination.claims, key=lambda claim: order.get(claim.criterion_id, 0))
    return {
        "kind": nomination.kind.value,
        "name": nomination.name,
        "organization": nomination.organization,
        "position": nomination.position,
        "birth_year": nomination.birth_year,
        "gender": nomination.gender.value if nomination.gender else None,
        "award_form": nomination.award_form.name if nomination.award_form else None,
        "achievement": nomination.achievement,
        "summary": nomination.summary,
        "criteria": {titles[claim.criterion_id]: claim.evidence for claim in claims},
        "attachments": [
            {"name": a.original_name, "sha256": a.sha256, "kind": a.kind.value, "id": a.id}
            for a in current_attachments(nomination)
        ],
    }


def _edit_view(nomination: Nomination) -> dict:
    content = content_of(nomination)
    del content["attachments"]  # attachments have entries of their own
    return content


def _apply(nomination: Nomination, data: NominationData) -> None:
    award_round = nomination.round
    if data.award_form_id is not None and data.award_form_id not in {
        form.id for form in award_round.award_forms
    }:
        raise _refuse("unknown_award_form")
    criteria = {criterion.id for criterion in award_round.criteria}
    if set(data.claims) - criteria:
        raise _refuse("unknown_criterion")
    individual = data.kind == NominationKind.INDIVIDUAL
    nomination.kind = data.kind
    nomination.name = text.normalize(data.name)
    nomination.organization = text.normalize(data.organization)
    nomination.position = text.normalize(data.position) if individual else ""
    nomination.birth_year = data.birth_year if individual else None
    nomination.gender = data.gender if individual else None
    nomination.award_form = (
        db.session.get(AwardForm, data.award_form_id) if data.award_form_id else None
    )
    nomination.achievement = text.normalize(data.achievement)
    nomination.summary = text.normalize_multiline(data.summary)
    existing = {claim.criterion_id: claim for claim in nomination.claims}
    for criterion_id, claim in existing.items():
        if criterion_id not in data.claims:
            nomination.claims.remove(claim)
    for criterion_id, evidence in data.claims.items():
        claim = existing.get(criterion_id) or Claim(criterion_id=criterion_id)
        claim.evidence = text.normalize_multiline(evidence)
        if criterion_id not in existing:
            nomination.claims.append(claim)


def _check_editable(nomination: Nomination, user: User) -> None:
    if Party.UNIT not in parties(user, nomination):
        raise NominationError("not_permitted")
    if nomination.state not in workflow.EDITABLE:
        raise NominationError("not_editable", state=nomination.state)


def create_nomination(
    award_round: AwardRound, user: User, data: NominationData, now: datetime
) -> Nomination:
    """Start a draft nomination for the user's unit."""
    if user.role != Role.UNIT or user.unit_id is None:
        raise NominationError("not_permitted")
    nomination = Nomination(
        round=award_round, unit_id=user.unit_id, kind=data.kind, state=NominationState.DRAFT,
        name="", created_by=user, created_at=now,
    )  # fmt: skip
    db.session.add(nomination)
    _apply(nomination, data)
    audit.record(
        "nomination.create", nomination, Actor(user), after=_edit_view(nomination),
        summary=nomination.name,
    )  # fmt: skip
    db.session.commit()
    return nomination


def update_nomination(nomination: Nomination, user: User, data: NominationData) -> Nomination:
    """Change a draft, or a nomination the board returned for changes."""
    _check_editable(nomination, user)
    before = _edit_view(nomination)
    _apply(nomination, data)
    after = _edit_view(nomination)
    changed = [key for key in after if after[key] != before[key]]
    if changed:
        audit.record(
            "nomination.edit", nomination, Actor(user),
            before={key: before[key] for key in changed}, after={key: after[key] for key in changed},
            summary=nomination.name,
        )  # fmt: skip
    db.session.commit()
    return nomination


def delete_draft(nomination: Nomination, user: User) -> None:
    """Delete a draft that was never submitted, with its files."""
    _check_editable(nomination, user)
    if nomination.state != NominationState.DRAFT or nomination.version > 0:
        raise NominationError("not_deletable")
    paths = [attachment_path(attachment) for attachment in nomination.attachments]
    audit.record(
        "nomination.delete", nomination, Actor(user), before=_edit_view(nomination),
        summary=nomination.name,
    )  # fmt: skip
    db.session.delete(nomination)
    db.session.commit()
    for path in paths:
        path.unlink(missing_ok=True)


def unit_nominations(award_round: AwardRound, unit_id: int) -> list[Nomination]:
    """Return a unit's nominations in the round, newest first."""
    return list(
        db.session.scalars(
            select(Nomination)
            .options(joinedload(Nomination.award_form))
            .where(Nomination.round_id == award_round.id, Nomination.unit_id == unit_id)
            .order_by(Nomination.created_at.desc(), Nomination.id.desc())
        )
    )


# --- attachments -------------------------------------------------------------------------------


def upload_directory() -> Path:
    return Path(current_app.config["UPLOAD_DIR"]) / UPLOAD_SUBDIRECTORY


def attachment_path(attachment: Attachment) -> Path:
    return upload_directory() / attachment.stored_name


def current_attachments(nomination: Nomination) -> list[Attachment]:
    return [a for a in nomination.attachments if a.removed_at is None]


def get_attachment(nomination: Nomination, attachment_id: int) -> Attachment | None:
    attachment = db.session.get(Attachment, attachment_id)
    return attachment if attachment and attachment.nomination_id == nomination.id else None


def add_attachment(
    nomination: Nomination,
    user: User,
    kind: AttachmentKind,
    filename: str,
    content: bytes,
    now: datetime,
) -> Attachment:
    """Check a PDF or DOCX by its content and keep it under a generated name; a new report replaces the old."""
    _check_editable(nomination, user)
    try:
        checked = check_document(filename, content)
    except AttachmentRejected as error:
        raise NominationError(error.reason) from error
    stored_name = secrets.token_urlsafe(24) + checked.extension
    path = upload_directory() / stored_name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    try:
        if kind == AttachmentKind.REPORT:
            for old in current_attachments(nomination):
                if old.kind == AttachmentKind.REPORT:
                    old.removed_at = now
        attachment = Attachment(
            kind=kind,
            original_name=text.normalize(Path(filename).name)[:255],
            stored_name=stored_name,
            media_type=checked.media_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            uploaded_at=now,
            uploaded_by_id=user.id,
        )
        nomination.attachments.append(attachment)
        audit.record(
            "nomination.attach", nomination, Actor(user),
            after={"name": attachment.original_name, "kind": kind, "size": attachment.size,
                   "sha256": attachment.sha256},
            summary=nomination.name,
        )  # fmt: skip
        db.session.commit()
    except Exception:
        db.session.rollback()
        path.unlink(missing_ok=True)
        raise
    return attachment


def remove_attachment(
    nomination: Nomination, attachment_id: int, user: User, now: datetime
) -> None:
    """Take a file off the nomination; earlier versions keep referring to it."""
    _check_editable(nomination, user)
    attachment = get_attachment(nomination, attachment_id)
    if attachment is None or attachment.removed_at is not None:
        raise NominationError("not_found")
    attachment.removed_at = now
    audit.record(
        "nomination.detach", nomination, Actor(user),
        before={"name": attachment.original_name, "sha256": attachment.sha256},
        summary=nomination.name,
    )  # fmt: skip
    db.session.commit()


# --- changes of state --------------------------------------------------------------------------


def _lock(nomination: Nomination) -> None:
    """Take the nomination's row lock and read it again: another request may have changed it."""
    db.session.execute(
        update(Nomination)
        .where(Nomination.id == nomination.id)
        .values(row_version=Nomination.row_version + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(nomination)


def _completeness(nomination: Nomination) -> workflow.Completeness:
    return workflow.Completeness(
        kind=nomination.kind,
        name=nomination.name,
        organization=nomination.organization,
        position=nomination.position,
        birth_year=nomination.birth_year,
        gender=nomination.gender,
        award_form_id=nomination.award_form_id,
        achievement=nomination.achievement,
        summary=nomination.summary,
        claimed_criteria=len(nomination.claims),
        has_report=any(a.kind == AttachmentKind.REPORT for a in current_attachments(nomination)),
    )


def missing_items(nomination: Nomination) -> list[str]:
    """Return what the unit must still fill in before submitting."""
    return workflow.missing_for_submission(_completeness(nomination))


def may_edit(nomination: Nomination, user: User) -> bool:
    return Party.UNIT in parties(user, nomination) and nomination.state in workflow.EDITABLE


def may_review(nomination: Nomination, user: User) -> bool:
    """Tell whether the user may write a review now (the first one starts the review)."""
    state = nomination.state
    return Party.REVIEWER in parties(user, nomination) and (
        state in workflow.REVIEWABLE or (Action.START_REVIEW, state) in workflow.TRANSITIONS
    )


def available_actions(nomination: Nomination, user: User) -> list[Action]:
    """Return the steps the user may take now (the page offers these; the services decide)."""
    return workflow.available_actions(nomination.state, parties(user, nomination))


def _freeze_version(nomination: Nomination, user: User, now: datetime) -> NominationVersion:
    nomination.version += 1
    version = NominationVersion(
        number=nomination.version, created_at=now, created_by=user, content=content_of(nomination)
    )
    nomination.versions.append(version)
    return version


_DECISIONS = frozenset({Action.RETURN, Action.RECOMMEND, Action.REJECT, Action.APPROVE})
_MAIL_SUBJECTS = {
    Action.RETURN: lambda name: _("Hồ sơ đề nghị khen thưởng cần bổ sung: %(name)s", name=name),
    Action.REJECT: lambda name: _(
        "Hồ sơ đề nghị khen thưởng không được đề xuất: %(name)s", name=name
    ),
}


def _notify_unit(nomination: Nomination, action: Action) -> None:
    """E-mail the unit's accounts the board's decision and its reason."""
    recipients = db.session.scalars(
        select(User.email).where(
            User.unit_id == nomination.unit_id, User.role == Role.UNIT, User.active
        )
    ).all()
    link = url_for("nominations.detail", nomination_id=nomination.id, _external=True)
    with force_locale("vi"):
        for email in recipients:
            send_mail(
                email,
                _MAIL_SUBJECTS[action](nomination.name),
                f"nominations/{action.value}",
                kind=f"nomination.{action.value}",
                nomination=nomination,
                link=link,
            )


def _transition(
    nomination: Nomination, action: Action, user: User, now: datetime, reason: str = ""
) -> None:
    """Take one step in the current transaction, or roll it back and raise why not."""
    reason = text.normalize_multiline(reason)
    if action == Action.SUBMIT:
        _lock_quotas(nomination.round)
    _lock(nomination)
    state = nomination.state
    if _from_nominating_unit(user, nomination) and Party.REVIEWER in workflow.WHO[action]:
        raise _refuse("own_unit", action=action, state=state)
    try:
        target = workflow.next_state(state, action, parties(user, nomination), reason)
    except workflow.TransitionRefused as refused:
        raise _refuse(refused.reason, action=action, state=state) from refused
    if action in workflow.BEFORE_DEADLINE and now >= nomination.round.deadline:
        raise _refuse("deadline_passed", deadline=nomination.round.deadline)
    if action in (Action.SUBMIT, Action.RESUBMIT):
        missing = missing_items(nomination)
        if missing:
            raise _refuse("incomplete", missing=missing)
    if action == Action.SUBMIT:
        status = quota_status(nomination.round, nomination.unit_id)[nomination.kind]
        if status.left == 0:
            raise _refuse("quota_full", kind=nomination.kind, limit=status.limit, used=status.used)
    nomination.state = target
    if action in (Action.SUBMIT, Action.RESUBMIT):
        _freeze_version(nomination, user, now)
        nomination.submitted_at = nomination.submitted_at or now
    if action in workflow.NEEDS_REASON:
        nomination.decision_reason = reason
    if action in _DECISIONS:
        nomination.decided_at = now
    audit.record(
        f"nomination.{action.value}", nomination, Actor(user),
        before={"state": state},
        after={"state": target, "version": nomination.version, "reason": reason or None},
        summary=nomination.name,
    )  # fmt: skip
    if action in _MAIL_SUBJECTS:
        _notify_unit(nomination, action)


def perform(
    nomination: Nomination, action: Action, user: User, now: datetime, reason: str = ""
) -> Nomination:
    """Take one step of the workflow (submit, withdraw, return, recommend…) and save it."""
    _transition(nomination, action, user, now, reason)
    db.session.commit()
    return nomination


def approve_list(
    award_round: AwardRound, nomination_ids: list[int], user: User, now: datetime
) -> int:
    """Approve the chosen recommended nominations together, or none if one cannot be."""
    nominations = db.session.scalars(
        select(Nomination)
        .where(Nomination.id.in_(nomination_ids), Nomination.round_id == award_round.id)
        .order_by(Nomination.id)  # the same lock order in every request: no deadlocks
    ).all()
    if len(nominations) != len(set(nomination_ids)):
        raise _refuse("not_found")
    for nomination in nominations:
        try:
            _transition(nomination, Action.APPROVE, user, now)
        except NominationError as error:
            error.data["name"] = nomination.name
            raise
    db.session.commit()
    return len(nominations)


# --- reviews -----------------------------------------------------------------------------------


@dataclass
class ReviewData:
    score: int
    verdict: Verdict
    comment: str = ""
    findings: dict[int, tuple[bool, str]] = field(default_factory=dict)  # criterion → (met, note)


def _review_view(review: Review, titles: dict[int, str]) -> dict:
    return {
        "score": review.score,
        "verdict": review.verdict.value,
        "comment": review.comment,
        "findings": {
            titles[finding.criterion_id]: {"met": finding.met, "note": finding.note}
            for finding in review.findings
        },
    }


def save_review(nomination: Nomination, user: User, data: ReviewData, now: datetime) -> Review:
    """Record (or change) the user's review of the version under review; the first one starts the review."""
    _lock(nomination)
    if _from_nominating_unit(user, nomination):
        raise _refuse("own_unit")
    if not may_review(nomination, user):
        reason = (
            "not_permitted" if Party.REVIEWER not in parties(user, nomination) else "not_reviewable"
        )
        raise _refuse(reason, state=nomination.state)
    if nomination.state not in workflow.REVIEWABLE:
        _transition(nomination, Action.START_REVIEW, user, now)
    if not 0 <= data.score <= 100:
        raise _refuse("invalid_score")
    titles = {criterion.id: criterion.title for criterion in nomination.round.criteria}
    if set(data.findings) - set(titles):
        raise _refuse("unknown_criterion")
    review = db.session.scalar(
        select(Review).where(
            Review.nomination_id == nomination.id,
            Review.reviewer_id == user.id,
            Review.version == nomination.version,
        )
    )
    before = _review_view(review, titles) if review else None
    if review is None:
        review = Review(
            nomination_id=nomination.id, reviewer=user, version=nomination.version, created_at=now
        )
        db.session.add(review)
    review.score = data.score
    review.verdict = data.verdict
    review.comment = text.normalize_multiline(data.comment)
    review.updated_at = now
    # Changed in place: replacing the rows would insert the new ones before deleting the old.
    existing = {finding.criterion_id: finding for finding in review.findings}
    for criterion_id, finding in existing.items():
        if criterion_id not in data.findings:
            review.findings.remove(finding)
    for criterion_id, (met, note) in data.findings.items():
        finding = existing.get(criterion_id)
        if finding is None:
            finding = Finding(criterion_id=criterion_id)
            review.findings.append(finding)
        finding.met, finding.note = met, text.normalize(note)
    db.session.flush()
    audit.record(
        "nomination.review", nomination, Actor(user),
        before=before, after=_review_view(review, titles), summary=nomination.name,
    )  # fmt: skip
    db.session.commit()
    return review


def reviews_of(nomination: Nomination, version: int | None = None) -> list[Review]:
    """Return the reviews of one version (the latest by default), first written first."""
    return list(
        db.session.scalars(
            select(Review)
            .options(joinedload(Review.reviewer), selectinload(Review.findings))
            .where(
                Review.nomination_id == nomination.id,
                Review.version == (nomination.version if version is None else version),
            )
            .order_by(Review.created_at, Review.id)
        )
    )


def latest_reviews(nominations: list[Nomination]) -> dict[int, list[Review]]:
    """Return the reviews of each nomination's latest version, first written first, in a fixed
    number of queries however many nominations there are."""
    reviews: dict[int, list[Review]] = {nomination.id: [] for nomination in nominations}
    if not nominations:
        return reviews
    rows = db.session.scalars(
        select(Review)
        .join(Nomination, Nomination.id == Review.nomination_id)
        .options(joinedload(Review.reviewer), selectinload(Review.findings))
        .where(Review.nomination_id.in_(list(reviews)), Review.version == Nomination.version)
        .order_by(Review.created_at, Review.id)
    )
    for review in rows:
        reviews[review.nomination_id].append(review)
    return reviews


def agreement_of(reviews: list[Review]) -> Agreement:
    return assess(
        [
            ReviewInput(
                verdict=review.verdict.value,
                score=review.score,
                findings={finding.criterion_id: finding.met for finding in review.findings},
            )
            for review in reviews
        ]
    )


# --- versions and history ----------------------------------------------------------------------


def get_version(nomination: Nomination, number: int) -> NominationVersion | None:
    return next((v for v in nomination.versions if v.number == number), None)


def version_changes(nomination: Nomination, number: int) -> list[versions.Change]:
    """Return what changed in version `number` since the version before it."""
    current = get_version(nomination, number)
    previous = get_version(nomination, number - 1)
    if current is None or previous is None:
        return []
    return versions.diff(previous.content, current.content)


def unsubmitted_changes(nomination: Nomination) -> list[versions.Change]:
    """Return what the unit changed since it last submitted (while correcting a returned one)."""
    latest = get_version(nomination, nomination.version)
    return versions.diff(latest.content, content_of(nomination)) if latest else []


def history(nomination: Nomination, *, include_reviews: bool):
    """Return the audit entries about the nomination, oldest first; reviews are the board's own."""
    entries = audit.history("nomination", nomination.id)
    return [e for e in entries if include_reviews or e.action != "nomination.review"]


# --- the board's queue -------------------------------------------------------------------------


@dataclass
class QueueFilters:
    unit_id: int | None = None
    kind: NominationKind | None = None
    award_form_id: int | None = None
    state: NominationState | None = None


def _queue_query(award_round: AwardRound, filters: QueueFilters, *, with_state: bool = True):
    query = select(Nomination).where(
        Nomination.round_id == award_round.id, Nomination.state != NominationState.DRAFT
    )
    if filters.unit_id:
        query = query.where(Nomination.unit_id == filters.unit_id)
    if filters.kind:
        query = query.where(Nomination.kind == filters.kind)
    if filters.award_form_id:
        query = query.where(Nomination.award_form_id == filters.award_form_id)
    if with_state and filters.state:
        query = query.where(Nomination.state == filters.state)
    return query


def queue(award_round: AwardRound, filters: QueueFilters) -> list[Nomination]:
    """Return submitted nominations matching the filters, the longest waiting first."""
    return list(
        db.session.scalars(
            _queue_query(award_round, filters)
            .options(joinedload(Nomination.unit), joinedload(Nomination.award_form))
            .order_by(Nomination.submitted_at, Nomination.id)
        )
    )


def queue_counts(award_round: AwardRound, filters: QueueFilters) -> dict[NominationState, int]:
    """Return how many nominations matching the filters (all but the state) are in each state."""
    matching_ids = _queue_query(award_round, filters, with_state=False).with_only_columns(
        Nomination.id
    )
    rows = db.session.execute(
        select(Nomination.state, func.count())
        .where(Nomination.id.in_(matching_ids))
        .group_by(Nomination.state)
    )
    return dict(rows.all())


def review_counts(nominations: list[Nomination]) -> dict[int, int]:
    """Return how many reviews each nomination's latest version has, in one query."""
    if not nominations:
        return {}
    rows = db.session.execute(
        select(Review.nomination_id, func.count())
        .join(Nomination, Nomination.id == Review.nomination_id)
        .where(
            Review.nomination_id.in_([n.id for n in nominations]),
            Review.version == Nomination.version,
        )
        .group_by(Review.nomination_id)
    )
    return dict(rows.all())


def state_counts(award_round: AwardRound, unit_id: int | None = None) -> dict[NominationState, int]:
    query = select(Nomination.state, func.count()).where(Nomination.round_id == award_round.id)
    if unit_id is not None:
        query = query.where(Nomination.unit_id == unit_id)
    return dict(db.session.execute(query.group_by(Nomination.state)).all())


def units_with_nominations(award_round: AwardRound) -> list[Unit]:
    """Return the units that submitted something, for the queue's filter."""
    units = db.session.scalars(
        select(Unit).where(
            Unit.id.in_(
                select(Nomination.unit_id).where(
                    Nomination.round_id == award_round.id,
                    Nomination.state != NominationState.DRAFT,
                )
            )
        )
    )
    return sorted(units, key=lambda unit: text.sort_key(unit.name))


def all_units() -> list[Unit]:
    return sorted(db.session.scalars(select(Unit)), key=lambda unit: text.sort_key(unit.name))


def recommended(award_round: AwardRound) -> list[Nomination]:
    """Return what the board recommends and waits for final approval, in list order."""
    nominations = db.session.scalars(
        select(Nomination)
        .options(joinedload(Nomination.unit), joinedload(Nomination.award_form))
        .where(
            Nomination.round_id == award_round.id,
            Nomination.state == NominationState.RECOMMENDED,
        )
    )
    return sorted(nominations, key=lambda nomination: lists.order_key(_entry(nomination)))


# --- award recipients --------------------------------------------------------------------------


def award_recipient_ids(event: Event) -> set[int]:
    """Return the ids of the event's delegates who receive an award: approved people and the
    representatives of approved collectives. Ceremony seating and badges call this."""
    return set(
        db.session.scalars(
            select(Nomination.delegate_id)
            .join(AwardRound, AwardRound.id == Nomination.round_id)
            .join(Delegate, Delegate.id == Nomination.delegate_id)
            .where(
                AwardRound.event_id == event.id,
                Delegate.event_id == event.id,
                Nomination.state == NominationState.APPROVED,
            )
        )
    )


def nominations_of_delegate(delegate: Delegate) -> list[Nomination]:
    """Return the nominations linked to a delegate, whatever their state."""
    return list(
        db.session.scalars(
            select(Nomination)
            .options(joinedload(Nomination.award_form))
            .where(Nomination.delegate_id == delegate.id)
            .order_by(Nomination.id)
        )
    )


def suggest_delegates(nomination: Nomination, limit: int = 5) -> list[matching.Suggestion]:
    """Return the delegates the nomination most likely names, by accent-insensitive match."""
    rows = db.session.execute(
        select(Delegate.id, Delegate.full_name, Delegate.position, Delegate.organization).where(
            Delegate.event_id == nomination.round.event_id,
            Delegate.status.in_(_ACTIVE_DELEGATES),
        )
    )
    return matching.suggest(
        (matching.Candidate(*row) for row in rows),
        name=nomination.name,
        organization=nomination.organization,
        individual=nomination.kind == NominationKind.INDIVIDUAL,
        limit=limit,
    )


def link_delegate(nomination: Nomination, delegate_id: int | None, user: User) -> Nomination:
    """Name the delegate who receives the award (None: no one yet)."""
    if user.role not in APPROVER_ROLES:
        raise NominationError("not_permitted")
    delegate = db.session.get(Delegate, delegate_id) if delegate_id is not None else None
    if delegate_id is not None and (
        delegate is None or delegate.event_id != nomination.round.event_id
    ):
        raise NominationError("unknown_delegate")
    before = nomination.delegate
    if before == delegate:
        return nomination
    nomination.delegate = delegate
    audit.record(
        "nomination.link_delegate", nomination, Actor(user),
        before={"delegate": before.full_name if before else None, "delegate_id": before.id if before else None},
        after={"delegate": delegate.full_name if delegate else None, "delegate_id": delegate_id},
        summary=nomination.name,
    )  # fmt: skip
    db.session.commit()
    return nomination


def search_delegates(event: Event, query: str, limit: int = 20) -> list[Delegate]:
    """Return active delegates whose name, organisation or e-mail holds every word (accents optional)."""
    statement = select(Delegate).where(
        Delegate.event_id == event.id, Delegate.status.in_(_ACTIVE_DELEGATES)
    )
    words = text.fold(query).split()
    if not words:
        return []
    for word in words:
        statement = statement.where(Delegate.search_text.contains(word, autoescape=True))
    return list(db.session.scalars(statement.order_by(Delegate.name_order).limit(limit)))


# --- the list for the UBND ---------------------------------------------------------------------


def reference(nomination: Nomination) -> str:
    return f"HS-{nomination.id:04d}"


def _entry(nomination: Nomination) -> lists.ListEntry:
    form = nomination.award_form
    return lists.ListEntry(
        reference=reference(nomination),
        award_form=form.name if form else "",
        award_form_order=form.position if form else 0,
        kind=nomination.kind.value,
        name=nomination.name,
        position=nomination.position,
        organization=nomination.organization,
        unit=nomination.unit.name,
        achievement=nomination.achievement,
        birth_year=nomination.birth_year,
        gender=nomination.gender.value if nomination.gender else None,
    )


def approved_entries(award_round: AwardRound) -> list[lists.ListEntry]:
    """Return the approved list (what goes to the UBND), in one query."""
    nominations = db.session.scalars(
        select(Nomination)
        .options(joinedload(Nomination.unit), joinedload(Nomination.award_form))
        .where(Nomination.round_id == award_round.id, Nomination.state == NominationState.APPROVED)
    )
    return lists.ordered(_entry(nomination) for nomination in nominations)


def list_workbook(award_round: AwardRound, now: datetime) -> bytes:
    return lists.workbook(approved_entries(award_round), now)


def list_pdf(award_round: AwardRound, now: datetime) -> bytes:
    return lists.annex_pdf(
        approved_entries(award_round), round_title=award_round.title, day=to_local(now).date()
    )
