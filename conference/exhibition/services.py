"""Exhibitors' applications and their review, the floor plan, and who holds which booth.

Applications: anyone may apply (``submit``), a district may nominate an exhibitor of its own
district or send it a signed link that fills the form in (``invitation_token``). Organizers
``review`` them: approve, reject with a reason, or ask for changes, which the applicant makes
through the link in the e-mail (``update_application``). An approved exhibitor's staff become delegates of
the exhibition category (``registration.services.enrol_exhibition_staff``).

Booths: every change to who holds a booth starts with ``_lock_booths``, so that such changes
run one at a time per event; the database keeps one exhibitor per booth and one booth per
exhibitor besides, and a second organizer who asks for a booth taken a moment ago is told who
holds it. ``auto_assign`` places those without a booth with the solver in `booths.py` and keeps
the booths already held; asked to place everyone again, it still keeps the pinned ones, which
are those an organizer gave by hand. An exhibitor given a new booth is e-mailed its code.
"""

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, Signer, URLSafeTimedSerializer
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from conference import text
from conference.audit import services as audit
from conference.audit.services import Actor
from conference.events.models import Event, Unit, UnitKind
from conference.exhibition import booths, plan_pdf
from conference.exhibition.labels import (
    KIND_COLOURS,
    KIND_LABELS,
    OBSTACLE_LABELS,
    STATUS_LABELS,
    TITLE_KIND_LABELS,
    needs_text,
)
from conference.exhibition.models import (
    BoothAssignment,
    ExhibitionHall,
    Exhibitor,
    ExhibitorKind,
    ExhibitorStaff,
    ExhibitorStatus,
    IpTitle,
)
from conference.exhibition.photos import Photo
from conference.exhibition.titles import TitleKind, normalize_number
from conference.extensions import db
from conference.mail.services import send_mail
from conference.registration import services as registration
from conference.registration.labels import HONORIFIC_LABELS
from conference.registration.models import Honorific
from conference.spreadsheets import Sheet, write_xlsx
from conference.timeutil import to_local

APPLICATION_SALT = "exhibitor-application"
INVITATION_SALT = "exhibitor-invitation"
PHOTO_SALT = "exhibitor-photo"
INVITATION_MAX_AGE = timedelta(days=60)
PHOTO_FOLDER = "exhibition"
# Statuses in which the applicant (or their district) may still change the application.
EDITABLE = frozenset(
    {ExhibitorStatus.SUBMITTED, ExhibitorStatus.CHANGES_REQUESTED, ExhibitorStatus.RESUBMITTED}
)
_REVIEWS = {  # action → (statuses it applies to, new status, audit action, mail)
    "approve": (EDITABLE, ExhibitorStatus.APPROVED, "exhibitor.approve", "approved"),
    "reject": (
        EDITABLE | {ExhibitorStatus.APPROVED},
        ExhibitorStatus.REJECTED,
        "exhibitor.reject",
        "rejected",
    ),
    "request_changes": (
        frozenset({ExhibitorStatus.SUBMITTED, ExhibitorStatus.RESUBMITTED}),
        ExhibitorStatus.CHANGES_REQUESTED,
        "exhibitor.request_changes",
        "changes_requested",
    ),
}
REVIEW_ACTIONS = tuple(_REVIEWS)
MAX_CODE_LENGTH = 12
MAX_HALL_SIDE = 200
DETAIL_FIELDS = (
    "organization", "kind", "district_id", "contact_name", "phone", "email", "description",
    "needs_electricity", "needs_extra_table", "needs_corner", "needs_double",
)  # fmt: skip


class ExhibitionError(Exception):
    """An exhibition step was refused; `reason` says why and `data` carries the details."""

    def __init__(self, reason: str, **data):
        super().__init__(reason)
        self.reason = reason
        self.data = data


@dataclass
class ProductData:
    """One protected product as the form gives it; ``photo`` is a stored photo's name."""

    product_name: str
    kind: TitleKind
    number: str
    holder: str
    photo: str | None = None


@dataclass
class StaffData:
    honorific: Honorific
    full_name: str
    email: str
    phone: str = ""


@dataclass
class ApplicationData:
    """What an application says, already validated by the form."""

    organization: str
    kind: ExhibitorKind
    district_id: int
    contact_name: str
    phone: str
    email: str
    description: str = ""
    needs_electricity: bool = False
    needs_extra_table: bool = False
    needs_corner: bool = False
    needs_double: bool = False
    products: list[ProductData] = field(default_factory=list)
    staff: list[StaffData] = field(default_factory=list)
    language: str = "vi"


@dataclass
class InvitationData:
    """What an invitation link fills in; ``nominated_by_id`` is the inviting district, if any."""

    organization: str
    email: str
    contact_name: str = ""
    kind: ExhibitorKind | None = None
    district_id: int | None = None
    nominated_by_id: int | None = None


@dataclass
class ExhibitorFilters:
    query: str = ""
    status: ExhibitorStatus | None = None
    kind: ExhibitorKind | None = None
    district_id: int | None = None


@dataclass(frozen=True)
class AutoAssignment:
    """What ``auto_assign`` did: the solver's answer, the exhibitors' names, how many moved."""

    result: booths.BoothAssignment
    names: dict[int, str]
    exhibitors: int
    booths: int
    moved: int


# --- links ---------------------------------------------------------------------------------------


def _signer(salt: str) -> Signer:
    return Signer(current_app.config["SECRET_KEY"], salt=salt)


def application_token(exhibitor: Exhibitor) -> str:
    return _signer(APPLICATION_SALT).sign(exhibitor.access_key).decode()


def application_link(exhibitor: Exhibitor) -> str:
    return url_for("exhibition.application", token=application_token(exhibitor), _external=True)


def exhibitor_for_token(token: str) -> Exhibitor | None:
    """Return the application a link belongs to, or None for a forged link."""
    try:
        access_key = _signer(APPLICATION_SALT).unsign(token).decode()
    except BadSignature:
        return None
    return db.session.scalar(select(Exhibitor).where(Exhibitor.access_key == access_key))


def _invitation_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=INVITATION_SALT)


def invitation_token(data: InvitationData) -> str:
    payload = {
        "o": data.organization,
        "e": data.email,
        "n": data.contact_name,
        "k": data.kind.value if data.kind else None,
        "d": data.district_id,
        "u": data.nominated_by_id,
    }
    return _invitation_serializer().dumps(payload)


def invitation_from_token(token: str) -> InvitationData | None:
    """Return what an invitation link fills in, or None for a forged or expired link."""
    try:
        payload = _invitation_serializer().loads(
            token, max_age=int(INVITATION_MAX_AGE.total_seconds())
        )
    except BadSignature:
        return None
    return InvitationData(
        organization=payload["o"],
        email=payload["e"],
        contact_name=payload["n"],
        kind=ExhibitorKind(payload["k"]) if payload["k"] else None,
        district_id=payload["d"],
        nominated_by_id=payload["u"],
    )


def invite(event: Event, data: InvitationData, actor: Actor) -> str:
    """E-mail an organisation a link to the application form, filled in; return the link."""
    if data.district_id is not None:
        _district(data.district_id)
    link = url_for("exhibition.apply", invite=invitation_token(data), _external=True)
    send_mail(
        data.email,
        _("Mời tham gia Triển lãm kết quả phát triển tài sản trí tuệ"),
        "exhibition/invitation",
        kind="exhibition.invitation",
        event=event,
        invitation=data,
        inviter=db.session.get(Unit, data.nominated_by_id) if data.nominated_by_id else None,
        link=link,
    )
    audit.record(
        "exhibitor.invite", event, actor,
        after={"organization": data.organization, "email": data.email},
        summary=f"{data.organization} <{data.email}>",
    )  # fmt: skip
    db.session.commit()
    return link


# --- photos --------------------------------------------------------------------------------------


def _photo_folder() -> Path:
    return Path(current_app.config["UPLOAD_DIR"]) / PHOTO_FOLDER


def store_photo(photo: Photo) -> str:
    """Write a checked photo under UPLOAD_DIR with a generated name; return the name."""
    folder = _photo_folder()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_urlsafe(18)}.{photo.extension}"
    (folder / name).write_bytes(photo.content)
    return name


def photo_path(name: str) -> Path:
    return _photo_folder() / name


def photo_ref(name: str) -> str:
    """A signed reference to a stored photo, for a form that is shown again."""
    return _signer(PHOTO_SALT).sign(name).decode()


def photo_from_ref(ref: str) -> str | None:
    """Return the photo a form's reference names, or None if it was not given by this app."""
    try:
        name = _signer(PHOTO_SALT).unsign(ref).decode()
    except BadSignature:
        return None
    return name if photo_path(name).is_file() else None


def _remove_photos(names: set[str]) -> None:
    for name in names:
        photo_path(name).unlink(missing_ok=True)


# --- applications -----------------------------------------------------------------------------


def districts() -> list[Unit]:
    """Hanoi's districts, in Vietnamese alphabetical order."""
    units = db.session.scalars(select(Unit).where(Unit.kind == UnitKind.DISTRICT))
    return sorted(units, key=lambda unit: text.sort_key(unit.name))


def _district(district_id: int | None) -> Unit:
    unit = db.session.get(Unit, district_id) if district_id else None
    if unit is None or unit.kind != UnitKind.DISTRICT:
        raise ExhibitionError("unknown_district")
    return unit


def _check(data: ApplicationData) -> None:
    _district(data.district_id)
    if not data.products:
        raise ExhibitionError("no_products")
    if not data.staff:
        raise ExhibitionError("no_staff")
    limit = current_app.config["EXHIBITION_STAFF_BADGES"]
    if len(data.staff) > limit:
        raise ExhibitionError("too_many_staff", limit=limit)
    for product in data.products:
        product.number = normalize_number(product.kind, product.number)


def _refresh_derived(exhibitor: Exhibitor) -> None:
    with force_locale("vi"):
        words = [
            exhibitor.organization,
            exhibitor.district.name if exhibitor.district else "",
            str(KIND_LABELS[exhibitor.kind]),
            exhibitor.description,
        ]
        for title in exhibitor.titles:
            words += [title.product_name, title.holder, title.number]
            words.append(str(TITLE_KIND_LABELS[title.kind]))
    exhibitor.search_text = " ".join(text.fold(word) for word in words if word)
    exhibitor.name_order = text.collation_key(exhibitor.organization)


def _apply(exhibitor: Exhibitor, data: ApplicationData) -> set[str]:
    """Copy the application onto the exhibitor; return the photos it no longer uses."""
    exhibitor.organization = text.normalize(data.organization)
    exhibitor.organization_key = text.fold(data.organization)
    exhibitor.kind = data.kind
    exhibitor.district = _district(data.district_id)
    exhibitor.contact_name = text.normalize(data.contact_name)
    exhibitor.phone = text.normalize(data.phone)
    exhibitor.email = text.normalize(data.email).lower()
    exhibitor.description = text.normalize_multiline(data.description)
    for name in ("needs_electricity", "needs_extra_table", "needs_corner", "needs_double"):
        setattr(exhibitor, name, bool(getattr(data, name)))
    old_photos = {title.photo for title in exhibitor.titles if title.photo}
    exhibitor.titles = [
        IpTitle(
            position=position,
            product_name=text.normalize(product.product_name),
            kind=product.kind,
            number=product.number,
            holder=text.normalize(product.holder),
            photo=product.photo,
        )
        for position, product in enumerate(data.products)
    ]
    exhibitor.staff = [
        ExhibitorStaff(
            position=position,
            honorific=person.honorific,
            full_name=text.normalize(person.full_name),
            email=text.normalize(person.email).lower(),
            phone=text.normalize(person.phone),
        )
        for position, person in enumerate(data.staff)
    ]
    _refresh_derived(exhibitor)
    return old_photos - {product.photo for product in data.products if product.photo}


def _snapshot(exhibitor: Exhibitor) -> dict:
    data = audit.snapshot(exhibitor, *DETAIL_FIELDS)
    data["products"] = [
        f"{title.product_name} ({title.kind.value} {title.number})" for title in exhibitor.titles
    ]
    data["staff"] = [person.full_name for person in exhibitor.staff]
    return data


def submit(
    event: Event,
    data: ApplicationData,
    actor: Actor,
    now: datetime,
    nominated_by: Unit | None = None,
) -> Exhibitor:
    """Record a new application (from the public form, or a district's nomination) and
    acknowledge it by e-mail with the applicant's link."""
    _check(data)
    if nominated_by is not None and nominated_by.id != data.district_id:
        raise ExhibitionError("other_district")
    exhibitor = Exhibitor(
        event=event,
        status=ExhibitorStatus.SUBMITTED,
        nominated_by=nominated_by,
        access_key=secrets.token_urlsafe(32),
        language=data.language,
        submitted_at=now,
    )
    _apply(exhibitor, data)
    db.session.add(exhibitor)
    try:
        db.session.flush()
    except IntegrityError as error:  # the same organisation, a moment ago or long before
        db.session.rollback()
        raise ExhibitionError("duplicate_organization") from error
    audit.record(
        "exhibitor.nominate" if nominated_by else "exhibitor.submit",
        exhibitor, actor, after=_snapshot(exhibitor), summary=exhibitor.organization,
    )  # fmt: skip
    _notify(exhibitor, "received")
    db.session.commit()
    return exhibitor


def organization_taken(event: Event, organization: str, except_id: int | None = None) -> bool:
    query = select(Exhibitor.id).where(
        Exhibitor.event_id == event.id, Exhibitor.organization_key == text.fold(organization)
    )
    if except_id is not None:
        query = query.where(Exhibitor.id != except_id)
    return db.session.scalar(query.limit(1)) is not None


def update_application(
    exhibitor: Exhibitor, data: ApplicationData, actor: Actor, now: datetime
) -> Exhibitor:
    """Change an application that is still open; one sent back for changes goes back to review."""
    if exhibitor.status not in EDITABLE:
        raise ExhibitionError("locked", status=exhibitor.status)
    _check(data)
    if organization_taken(exhibitor.event, data.organization, except_id=exhibitor.id):
        raise ExhibitionError("duplicate_organization")
    before = _snapshot(exhibitor)
    unused = _apply(exhibitor, data)
    resubmitted = exhibitor.status == ExhibitorStatus.CHANGES_REQUESTED
    if resubmitted:
        exhibitor.status = ExhibitorStatus.RESUBMITTED
        exhibitor.submitted_at = now
    after = _snapshot(exhibitor)
    changed = {key for key in after if after[key] != before[key]}
    audit.record(
        "exhibitor.resubmit" if resubmitted else "exhibitor.update", exhibitor, actor,
        before={key: before[key] for key in changed}, after={key: after[key] for key in changed},
        summary=exhibitor.organization,
    )  # fmt: skip
    if resubmitted:
        _notify(exhibitor, "received")
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise ExhibitionError("duplicate_organization") from error
    _remove_photos(unused)
    return exhibitor


def review(
    exhibitor: Exhibitor, action: str, actor: Actor, now: datetime, note: str = ""
) -> Exhibitor:
    """Approve, reject (with a reason) or ask for changes (saying which); the applicant is told.

    Approval makes the staff delegates; rejecting an approved exhibitor frees its booth and
    cancels their registrations.
    """
    allowed, new_status, audit_action, mail = _REVIEWS[action]
    note = text.normalize_multiline(note)
    if action != "approve" and not note:
        raise ExhibitionError("note_required", action=action)
    before = exhibitor.status
    # A conditional write: of two organizers deciding at once, the second finds it decided.
    changed = db.session.execute(
        update(Exhibitor)
        .where(Exhibitor.id == exhibitor.id, Exhibitor.status.in_(allowed))
        .values(status=new_status, decided_at=now, review_note=note)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not changed:
        db.session.rollback()
        db.session.refresh(exhibitor)
        raise ExhibitionError("not_allowed", status=exhibitor.status)
    db.session.refresh(exhibitor)
    if new_status == ExhibitorStatus.APPROVED:
        _enrol_staff(exhibitor, actor, now)
    elif before == ExhibitorStatus.APPROVED:
        _withdraw(exhibitor, actor, now)
    audit.record(
        audit_action, exhibitor, actor,
        before={"status": before}, after={"status": new_status, "note": note or None},
        summary=exhibitor.organization,
    )  # fmt: skip
    _notify(exhibitor, mail)
    db.session.commit()
    return exhibitor


def _enrol_staff(exhibitor: Exhibitor, actor: Actor, now: datetime) -> None:
    people = [
        registration.BoothStaff(
            honorific=person.honorific,
            full_name=person.full_name,
            email=person.email,
            phone=person.phone,
            organization=exhibitor.organization,
        )
        for person in exhibitor.staff
    ]
    delegates = registration.enrol_exhibition_staff(exhibitor.event, people, actor, now)
    for person, delegate in zip(exhibitor.staff, delegates, strict=True):
        person.delegate = delegate


def _withdraw(exhibitor: Exhibitor, actor: Actor, now: datetime) -> None:
    """Free the booth of an exhibitor that no longer exhibits and cancel its staff."""
    if exhibitor.booth is not None:
        _lock_booths(exhibitor.event)
        audit.record(
            "booth.unassign", exhibitor, actor,
            before={"booth": exhibitor.booth.booth_code}, summary=exhibitor.organization,
        )  # fmt: skip
        exhibitor.booth = None
    delegate_ids = [person.delegate_id for person in exhibitor.staff if person.delegate_id]
    registration.release_exhibition_staff(exhibitor.event, delegate_ids, actor, now)


_SUBJECTS = {
    "received": lambda: _("Đã nhận hồ sơ đăng ký tham gia Triển lãm"),
    "approved": lambda: _("Hồ sơ tham gia Triển lãm đã được duyệt"),
    "rejected": lambda: _("Thông báo về hồ sơ tham gia Triển lãm"),
    "changes_requested": lambda: _("Đề nghị bổ sung hồ sơ tham gia Triển lãm"),
    "booth": lambda: _("Gian hàng của đơn vị tại Triển lãm"),
    "booth_released": lambda: _("Thay đổi gian hàng của đơn vị tại Triển lãm"),
}


def _notify(exhibitor: Exhibitor, what: str, **context) -> None:
    """E-mail the applicant, in their language, about what just happened to the application."""
    with force_locale(exhibitor.language):
        send_mail(
            exhibitor.email,
            _SUBJECTS[what](),
            f"exhibition/{what}",
            kind=f"exhibition.{what}",
            exhibitor=exhibitor,
            event=exhibitor.event,
            link=application_link(exhibitor),
            kind_labels=KIND_LABELS,
            title_kind_labels=TITLE_KIND_LABELS,
            **context,
        )


# --- lists -------------------------------------------------------------------------------------


def _filtered(event: Event, filters: ExhibitorFilters):
    query = select(Exhibitor).where(Exhibitor.event_id == event.id)
    for word in text.fold(filters.query).split():
        query = query.where(Exhibitor.search_text.contains(word, autoescape=True))
    if filters.status:
        query = query.where(Exhibitor.status == filters.status)
    if filters.kind:
        query = query.where(Exhibitor.kind == filters.kind)
    if filters.district_id:
        query = query.where(Exhibitor.district_id == filters.district_id)
    return query


def exhibitor_list(event: Event, filters: ExhibitorFilters) -> list[Exhibitor]:
    """Return the exhibitors matching the filters, by name, with what a list shows, in
    a constant number of queries."""
    return list(
        db.session.scalars(
            _filtered(event, filters)
            .options(
                joinedload(Exhibitor.district),
                joinedload(Exhibitor.nominated_by),
                joinedload(Exhibitor.booth),
                selectinload(Exhibitor.titles),
            )
            .order_by(Exhibitor.name_order, Exhibitor.id)
        ).unique()
    )


def status_counts(event: Event, district_id: int | None = None) -> dict[ExhibitorStatus, int]:
    query = (
        select(Exhibitor.status, func.count())
        .where(Exhibitor.event_id == event.id)
        .group_by(Exhibitor.status)
    )
    if district_id is not None:
        query = query.where(Exhibitor.district_id == district_id)
    return {status: count for status, count in db.session.execute(query)}


def get_exhibitor(event: Event, exhibitor_id: int, district_id: int | None = None):
    """The event's exhibitor with this id, or None; a district sees only its own."""
    exhibitor = db.session.get(Exhibitor, exhibitor_id)
    if exhibitor is None or exhibitor.event_id != event.id:
        return None
    if district_id is not None and exhibitor.district_id != district_id:
        return None
    return exhibitor


def get_title(title_id: int) -> IpTitle | None:
    return db.session.get(IpTitle, title_id)


def public_exhibitors(event: Event, query: str = "") -> list[Exhibitor]:
    """The approved exhibitors a visitor may see, by booth then name, searched accent-blind."""
    exhibitors = exhibitor_list(
        event, ExhibitorFilters(query=query, status=ExhibitorStatus.APPROVED)
    )
    return sorted(
        exhibitors, key=lambda e: (e.booth is None, e.booth.booth_code if e.booth else "")
    )


# --- the floor plan ----------------------------------------------------------------------------


def hall(event: Event) -> ExhibitionHall | None:
    return db.session.scalar(select(ExhibitionHall).where(ExhibitionHall.event_id == event.id))


def floor_plan(event: Event) -> booths.FloorPlan:
    """The event's floor plan; an empty hall when none has been drawn."""
    row = hall(event)
    if row is None:
        return booths.FloorPlan(width=14, height=10, booths=())
    return booths.FloorPlan.from_dict(row.plan)


def _clean_plan(data: dict) -> booths.FloorPlan:
    """Read an edited plan, with codes trimmed and upper-cased, or raise FloorPlanError."""
    try:
        cleaned = {
            "width": int(data["width"]),
            "height": int(data["height"]),
            "booths": [
                {**booth, "code": text.normalize(str(booth.get("code", ""))).upper()}
                for booth in data["booths"]
            ],
            "obstacles": [
                {**obstacle, "label": text.normalize(str(obstacle.get("label", "")))}
                for obstacle in data.get("obstacles", [])
            ],
        }
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise booths.FloorPlanError("malformed", detail=str(error)) from error
    if max(cleaned["width"], cleaned["height"]) > MAX_HALL_SIDE:
        raise booths.FloorPlanError("hall_too_large", limit=MAX_HALL_SIDE)
    for booth in cleaned["booths"]:
        if len(booth["code"]) > MAX_CODE_LENGTH:
            raise booths.FloorPlanError("code_too_long", booth=booth["code"], limit=MAX_CODE_LENGTH)
    return booths.FloorPlan.from_dict(cleaned)


def save_floor_plan(
    event: Event, data: dict, expected_version: int, actor: Actor, now: datetime
) -> ExhibitionHall:
    """Save an edited floor plan, unless it is invalid (FloorPlanError), was saved by someone
    else since it was loaded (``stale_plan``) or drops a booth that someone holds."""
    plan = _clean_plan(data)
    row = hall(event)
    if row is None:
        if expected_version != 0:
            raise ExhibitionError("stale_plan")
        row = ExhibitionHall(event_id=event.id, plan=plan.to_dict(), updated_at=now)
        row.updated_by = actor.user
        db.session.add(row)
        try:
            db.session.flush()
        except IntegrityError as error:
            db.session.rollback()
            raise ExhibitionError("stale_plan") from error
        before = None
    else:
        before = row.plan
        # Conditional: the write succeeds only on the version the editor loaded, and holds
        # the row (and so every booth change) until this transaction ends.
        saved = db.session.execute(
            update(ExhibitionHall)
            .where(ExhibitionHall.id == row.id, ExhibitionHall.version == expected_version)
            .values(
                plan=plan.to_dict(),
                version=ExhibitionHall.version + 1,
                updated_at=now,
                updated_by_id=actor.user.id if actor.user else None,
            )
            .execution_options(synchronize_session=False)
        ).rowcount
        if not saved:
            db.session.rollback()
            raise ExhibitionError("stale_plan")
    held = db.session.execute(
        select(BoothAssignment.booth_code, Exhibitor.organization)
        .join(Exhibitor)
        .where(BoothAssignment.event_id == event.id)
        .order_by(BoothAssignment.booth_code)
    ).all()
    for code, organization in held:
        if code not in plan.by_code:
            db.session.rollback()
            raise ExhibitionError("held_booth_removed", booth=code, holder=organization)
    audit.record(
        "floor_plan.update", row, actor,
        before=_plan_summary(before) if before else None, after=_plan_summary(plan.to_dict()),
        summary=_("%(count)d gian", count=len(plan.booths)),
    )  # fmt: skip
    db.session.commit()
    db.session.refresh(row)
    return row


def _plan_summary(plan: dict) -> dict:
    return {
        "size": f"{plan['width']}×{plan['height']}",
        "booths": [booth["code"] for booth in plan["booths"]],
        "obstacles": len(plan.get("obstacles", [])),
    }


# --- who holds which booth ---------------------------------------------------------------------


def _lock_booths(event: Event) -> ExhibitionHall:
    """Serialize changes to who holds a booth, per event, on PostgreSQL and SQLite alike.

    A write rather than SELECT … FOR UPDATE: it takes PostgreSQL's row lock and SQLite's
    write lock, so what the transaction reads next stays true until it commits.
    """
    locked = db.session.execute(
        update(ExhibitionHall)
        .where(ExhibitionHall.event_id == event.id)
        .values(assignments_version=ExhibitionHall.assignments_version + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not locked:
        raise ExhibitionError("no_floor_plan")
    return hall(event)


def holders(event: Event) -> dict[str, Exhibitor]:
    """Booth code → the exhibitor holding it, in one query."""
    rows = db.session.scalars(
        select(BoothAssignment)
        .options(joinedload(BoothAssignment.exhibitor).joinedload(Exhibitor.district))
        .where(BoothAssignment.event_id == event.id)
    )
    return {row.booth_code: row.exhibitor for row in rows}


def missing_needs(plan: booths.FloorPlan, exhibitor: Exhibitor, code: str) -> frozenset:
    """What the exhibitor needs that the booth does not offer."""
    return exhibitor.needs - plan.by_code[code].offers


def _approved(event: Event, exhibitor_id: int) -> Exhibitor:
    exhibitor = get_exhibitor(event, exhibitor_id)
    if exhibitor is None or exhibitor.status != ExhibitorStatus.APPROVED:
        raise ExhibitionError("not_approved")
    return exhibitor


def assign_booth(
    event: Event, exhibitor_id: int, booth_code: str, actor: Actor, now: datetime
) -> Exhibitor:
    """Give an approved exhibitor a free booth by hand (moving it if it had one), pinned; the
    exhibitor is e-mailed the booth when it is a new one.

    A booth someone else holds is refused (``booth_taken``, naming the holder), however
    recently they got it: an organizer replaces a holder by removing it first.
    """
    row = _lock_booths(event)
    plan = booths.FloorPlan.from_dict(row.plan)
    code = text.normalize(booth_code).upper()
    if code not in plan.by_code:
        raise ExhibitionError("unknown_booth", booth=code)
    exhibitor = _approved(event, exhibitor_id)
    holder = db.session.scalar(
        select(BoothAssignment)
        .options(joinedload(BoothAssignment.exhibitor))
        .where(BoothAssignment.event_id == event.id, BoothAssignment.booth_code == code)
    )
    if holder is not None and holder.exhibitor_id != exhibitor.id:
        db.session.rollback()
        raise ExhibitionError("booth_taken", booth=code, holder=holder.exhibitor.organization)
    current = exhibitor.booth
    before = current.booth_code if current else None
    if current is None:
        exhibitor.booth = BoothAssignment(event_id=event.id, booth_code=code)
    current = exhibitor.booth
    current.booth_code, current.pinned = code, True
    current.assigned_at, current.assigned_by = now, actor.user
    try:
        db.session.flush()
    except IntegrityError as error:  # the lock makes this unreachable; the constraint stays
        db.session.rollback()
        raise ExhibitionError("booth_taken", booth=code, holder="") from error
    audit.record(
        "booth.move" if before and before != code else "booth.assign", exhibitor, actor,
        before={"booth": before}, after={"booth": code, "pinned": True},
        summary=f"{exhibitor.organization}: {code}",
    )  # fmt: skip
    if before != code:
        _notify(exhibitor, "booth")
    db.session.commit()
    return exhibitor


def unassign_booth(event: Event, exhibitor_id: int, actor: Actor) -> Exhibitor:
    """Take an exhibitor's booth away (it waits for the next assignment); it is e-mailed so."""
    _lock_booths(event)
    exhibitor = get_exhibitor(event, exhibitor_id)
    if exhibitor is None or exhibitor.booth is None:
        db.session.rollback()
        raise ExhibitionError("no_booth")
    audit.record(
        "booth.unassign", exhibitor, actor,
        before={"booth": exhibitor.booth.booth_code}, summary=exhibitor.organization,
    )  # fmt: skip
    _notify(exhibitor, "booth_released", booth=exhibitor.booth.booth_code)
    exhibitor.booth = None
    db.session.commit()
    return exhibitor


def set_pinned(event: Event, exhibitor_id: int, pinned: bool, actor: Actor) -> Exhibitor:
    """Pin an exhibitor to its booth (automatic assignment keeps it) or let it move again."""
    _lock_booths(event)
    exhibitor = get_exhibitor(event, exhibitor_id)
    if exhibitor is None or exhibitor.booth is None:
        db.session.rollback()
        raise ExhibitionError("no_booth")
    if exhibitor.booth.pinned != pinned:
        exhibitor.booth.pinned = pinned
        audit.record(
            "booth.pin" if pinned else "booth.unpin", exhibitor, actor,
            after={"booth": exhibitor.booth.booth_code}, summary=exhibitor.organization,
        )  # fmt: skip
    db.session.commit()
    return exhibitor


def auto_assign(
    event: Event,
    actor: Actor,
    now: datetime,
    effort: float = booths.DEFAULT_EFFORT,
    reassign_all: bool = False,
) -> AutoAssignment:
    """Place the approved exhibitors that have no booth with the solver, keeping every booth
    already held; ``reassign_all`` places everyone again but the pinned. Whoever gets a new
    booth is e-mailed it, and whoever loses theirs without a new one is told so."""
    row = _lock_booths(event)
    plan = booths.FloorPlan.from_dict(row.plan)
    approved = list(
        db.session.scalars(
            select(Exhibitor)
            .options(joinedload(Exhibitor.booth))
            .where(Exhibitor.event_id == event.id, Exhibitor.status == ExhibitorStatus.APPROVED)
            .order_by(Exhibitor.submitted_at, Exhibitor.id)
        ).unique()
    )
    before = {e.id: e.booth.booth_code for e in approved if e.booth is not None}
    kept = {e.id: e.pinned_booth for e in approved} if reassign_all else before
    result = booths.assign_booths(
        plan,
        [
            booths.Exhibitor(
                id=exhibitor.id,
                kind=exhibitor.kind.value,
                district=str(exhibitor.district_id),
                needs=exhibitor.needs,
                pinned=kept.get(exhibitor.id),
            )
            for exhibitor in approved
        ],
        effort=effort,
    )
    changed = [e for e in approved if before.get(e.id) != result.booths.get(e.id)]
    # Clear the moving assignments first, so that no booth is held twice in between.
    for exhibitor in changed:
        exhibitor.booth = None
    db.session.flush()
    for exhibitor in changed:
        code = result.booths.get(exhibitor.id)
        if code is not None:
            exhibitor.booth = BoothAssignment(
                event_id=event.id, booth_code=code, assigned_at=now, assigned_by=actor.user
            )
            _notify(exhibitor, "booth")
        else:
            _notify(exhibitor, "booth_released", booth=before[exhibitor.id])
        audit.record(
            "booth.auto_assign", exhibitor, actor,
            before={"booth": before.get(exhibitor.id)}, after={"booth": code},
            summary=f"{exhibitor.organization}: {code or '—'}",
        )  # fmt: skip
    db.session.commit()
    return AutoAssignment(
        result=result,
        names={exhibitor.id: exhibitor.organization for exhibitor in approved},
        exhibitors=len(approved),
        booths=len(plan.booths),
        moved=len(changed),
    )


def booth_counts(event: Event) -> tuple[int, int]:
    """(booths held, booths on the plan)."""
    held = db.session.scalar(
        select(func.count())
        .select_from(BoothAssignment)
        .where(BoothAssignment.event_id == event.id)
    )
    return held, len(floor_plan(event).booths)


# --- outputs -------------------------------------------------------------------------------------


def _local(moment: datetime | None) -> str:
    return to_local(moment).strftime("%d/%m/%Y %H:%M") if moment else ""


@force_locale("vi")
def exhibitors_workbook(event: Event, filters: ExhibitorFilters, now: datetime) -> bytes:
    """The exhibitor list as XLSX: one sheet of exhibitors, one of their protected products."""
    exhibitors = exhibitor_list(event, filters)
    staff = _staff_by_exhibitor([exhibitor.id for exhibitor in exhibitors])
    rows = [
        [
            number, e.booth.booth_code if e.booth else "", e.organization, str(KIND_LABELS[e.kind]),
            e.district.name, e.contact_name, e.phone, e.email, str(STATUS_LABELS[e.status]),
            len(e.titles), _requests(e), len(staff.get(e.id, [])),
            "; ".join(f"{HONORIFIC_LABELS[p.honorific]!s} {p.full_name}" for p in staff.get(e.id, [])),
            e.nominated_by.name if e.nominated_by else "", _local(e.submitted_at), e.review_note,
        ]
        for number, e in enumerate(exhibitors, start=1)
    ]  # fmt: skip
    products = [
        [e.organization, e.booth.booth_code if e.booth else "", title.product_name,
         str(TITLE_KIND_LABELS[title.kind]), title.number, title.holder]
        for e in exhibitors
        for title in e.titles
    ]  # fmt: skip
    return write_xlsx(
        [
            Sheet(
                "Đơn vị triển lãm",
                [("TT", 6), ("Gian", 8), ("Đơn vị", 40), ("Loại hình", 22), ("Quận, huyện", 24),
                 ("Người liên hệ", 24), ("Điện thoại", 16), ("Email", 30), ("Trạng thái", 18),
                 ("Số sản phẩm", 10), ("Yêu cầu gian hàng", 26), ("Số thẻ", 8),
                 ("Cán bộ trực gian hàng", 40), ("Đề xuất bởi", 24), ("Nộp lúc", 17),
                 ("Ghi chú xét duyệt", 36)],
                rows,
            ),
            Sheet(
                "Sản phẩm, văn bằng",
                [("Đơn vị", 40), ("Gian", 8), ("Sản phẩm", 36), ("Loại văn bằng", 22),
                 ("Số văn bằng", 14), ("Chủ văn bằng", 36)],
                products,
            ),
        ],
        now,
    )  # fmt: skip


def _requests(exhibitor: Exhibitor) -> str:
    extra_table = str(_("thêm bàn")) if exhibitor.needs_extra_table else ""
    return ", ".join(filter(None, [needs_text(exhibitor.needs), extra_table]))


def _staff_by_exhibitor(exhibitor_ids: list[int]) -> dict[int, list[ExhibitorStaff]]:
    found: dict[int, list[ExhibitorStaff]] = {}
    if not exhibitor_ids:
        return found
    rows = db.session.scalars(
        select(ExhibitorStaff)
        .where(ExhibitorStaff.exhibitor_id.in_(exhibitor_ids))
        .order_by(ExhibitorStaff.exhibitor_id, ExhibitorStaff.position)
    )
    for person in rows:
        found.setdefault(person.exhibitor_id, []).append(person)
    return found


@force_locale("vi")
def floor_plan_pdf(event: Event, now: datetime) -> bytes:
    """The printable floor plan: the map with exhibitors' names, then the list by booth."""
    plan = floor_plan(event)
    held = holders(event)
    local_now = to_local(now)
    return plan_pdf.render_plan(
        plan,
        {
            code: plan_pdf.BoothHolder(
                name=exhibitor.organization,
                kind=str(KIND_LABELS[exhibitor.kind]),
                district=exhibitor.district.short_name or exhibitor.district.name,
                colour=KIND_COLOURS[exhibitor.kind],
            )
            for code, exhibitor in held.items()
        },
        plan_pdf.PlanDocument(
            title="SƠ ĐỒ GIAN HÀNG TRIỂN LÃM",
            subtitle=f"Triển lãm kết quả phát triển tài sản trí tuệ — {event.venue}",
            place_and_date=f"Hà Nội, ngày {local_now.day:02d} tháng {local_now.month:02d} "
            f"năm {local_now.year}",
            obstacle_labels={key: str(label) for key, label in OBSTACLE_LABELS.items()},
        ),
    )
