"""Registering delegates, deciding on them, and keeping the event within its places.

Places: a delegate holds one of the event's places only while CONFIRMED, and the number of
confirmed delegates never exceeds ``Event.capacity``. Every change to who holds a place starts
with ``lock_places``, so that such changes run one at a time per event on PostgreSQL and on
SQLite. The event row keeps the number of places taken and the length of the waiting list,
changed under that lock by the services that change a delegate (see ``_recount_places``), so
that a decision reads one row. When a place frees up, the first delegate on the waiting list
(``QUEUE_ORDER``) gets it.

Features that hold something for a delegate (a workshop seat, a plenary seat) connect to
``delegate_leaving`` to give it back when the delegate is cancelled, declined or erased; they
import this module, never the other way round.
"""

import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from blinker import Namespace
from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, Signer
from sqlalchemy import (
    Boolean,
    Integer,
    bindparam,
    case,
    delete,
    exists,
    func,
    literal,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from conference import text
from conference.audit import services as audit
from conference.audit.services import Actor
from conference.documents import Column, Group, ListDocument, render_list
from conference.events.models import DelegateCategory, Event
from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.mail.services import send_mail
from conference.registration.invitees import InviteeRow, RowError
from conference.registration.labels import HONORIFIC_LABELS, STATUS_LABELS
from conference.registration.models import Delegate, DelegateStatus, Honorific, Invitation
from conference.spreadsheets import Sheet, write_xlsx
from conference.timeutil import to_local, utcnow

DELEGATE_LINK_SALT = "delegate-link"
# Fields a delegate may change through their personal link, and an organizer on their behalf.
DETAIL_FIELDS = ("honorific", "full_name", "position", "organization", "phone", "notes")
# Waiting-list order: who became eligible first (approved together: who registered first).
QUEUE_ORDER = (Delegate.queued_at, Delegate.registered_at, Delegate.id)
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are typed by hand
_CODE_PATTERN = re.compile(f"[{_CODE_ALPHABET}]{{4}}-[{_CODE_ALPHABET}]{{4}}")
SELF = "đại biểu (liên kết cá nhân)"

# Sent with the delegate (and `actor`, `now`) inside the transaction that takes them out of the
# event, after the place lock is taken and before the commit: a receiver frees what it holds
# for them in the same transaction. On erase it comes before the row is deleted.
delegate_leaving = Namespace().signal("delegate-leaving")


class RegistrationError(Exception):
    """A registration step was refused; `reason` says why and `data` carries the details."""

    def __init__(self, reason: str, **data):
        super().__init__(reason)
        self.reason = reason
        self.data = data


@dataclass
class RegistrationData:
    """What a delegate typed into the registration form, already validated by the form."""

    honorific: Honorific
    full_name: str
    position: str
    organization: str
    category_id: int | None
    email: str
    phone: str = ""
    notes: str = ""
    language: str = "vi"
    invitation_code: str = ""


@dataclass(frozen=True)
class Registration:
    """A registration just stored, with the delegate's personal-link token.

    The token is read before the commit expires the delegate: the page after registering
    needs nothing else, and loading the delegate again would cost a round of queries.
    """

    delegate: Delegate
    token: str


@dataclass
class DelegateFilters:
    query: str = ""
    category_id: int | None = None
    status: DelegateStatus | None = None
    organization: str = ""


@dataclass
class ListCounts:
    by_status: dict[str, int] = field(default_factory=dict)
    by_category: dict[int, int] = field(default_factory=dict)


# --- personal links -------------------------------------------------------------------------


def _signer() -> Signer:
    return Signer(current_app.config["SECRET_KEY"], salt=DELEGATE_LINK_SALT)


def personal_token(delegate: Delegate) -> str:
    return _signer().sign(delegate.access_key).decode()


def personal_link(delegate: Delegate) -> str:
    return url_for("registration.personal", token=personal_token(delegate), _external=True)


def delegate_for_token(token: str) -> Delegate | None:
    """Return the delegate a personal link belongs to, or None for a forged or revoked link."""
    try:
        access_key = _signer().unsign(token).decode()
    except BadSignature:
        return None
    return delegate_for_access_key(access_key)


def delegate_for_access_key(access_key: str) -> Delegate | None:
    return db.session.scalar(
        select(Delegate)
        .options(joinedload(Delegate.category))
        .where(Delegate.access_key == access_key)
    )


# --- derived fields -------------------------------------------------------------------------


def _refresh_derived(delegate: Delegate) -> None:
    delegate.search_text = " ".join(
        text.fold(value) for value in (delegate.full_name, delegate.organization, delegate.email)
    )
    delegate.name_order = text.name_collation_key(delegate.full_name)


def _normalize_email(email: str) -> str:
    return text.normalize(email).lower()


# --- places and the waiting list ------------------------------------------------------------


_LOCK_EVENT = select(Event.id).where(Event.id == bindparam("event")).with_for_update(key_share=True)


def lock_places(event: Event) -> None:
    """Make this transaction the only one changing who holds a place (or a seat) in the event."""
    if db.session.get_bind().dialect.name == "postgresql":
        # The event's row lock, held until the transaction ends. A lock, not a write: the
        # seating takes it too and changes nothing the row keeps, and an UPDATE would leave a
        # dead version of the row behind each time. NO KEY UPDATE, as an UPDATE would take:
        # rows inserted with a foreign key to the event hold a KEY SHARE lock on it, which a
        # plain FOR UPDATE would wait for (and deadlock on).
        # Run on the connection, without flushing the session first: the lock orders whole
        # transactions, and what it guards is read after it (`_admit` flushes before deciding).
        db.session.connection().execute(_LOCK_EVENT, {"event": event.id})
        return
    # SQLite ignores FOR UPDATE: a write takes its database write lock, so what this
    # transaction reads next is current until it commits.
    db.session.execute(
        update(Event)
        .where(Event.id == event.id)
        .values(places_version=Event.places_version + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(event, ["places_version"])


# Built once, with the event and the moment as parameters: these statements run inside the
# place lock, where building a statement on each call would cost more than running it.
# No parameter may be named after a column of the delegate or the event ("event", "key_id",
# not "event_id", "id"): these statements are embedded in UPDATEs of both (`_ADMIT`,
# `_recount_places`), and a key named after a column would be added to the SET clause.
# A delegate's category is always one of their event's (the services look it up in the
# event), so the count of places taken filters on the category's event: it then reads only
# the (category, status) index.
_COUNT_TAKEN = (
    select(func.count())
    .select_from(Delegate)
    .join(DelegateCategory)
    .where(
        DelegateCategory.event_id == bindparam("event"),
        DelegateCategory.plenary_place,
        Delegate.status == DelegateStatus.CONFIRMED,
    )
)
_ON_WAITING_LIST = (
    Delegate.event_id == bindparam("event"),
    Delegate.status == DelegateStatus.WAITLISTED,
)
_COUNT_QUEUE = select(func.count()).select_from(Delegate).where(*_ON_WAITING_LIST)
_TAKEN = select(Event.places_taken).where(Event.id == bindparam("event"))
_QUEUE_LENGTH = select(Event.queue_length).where(Event.id == bindparam("event"))
_HELD = (
    select(func.count())
    .select_from(Invitation)
    .join(DelegateCategory, Invitation.category_id == DelegateCategory.id)
    .where(
        bindparam("invitations_hold", type_=Boolean),
        Invitation.event_id == bindparam("event"),
        ~Invitation.delegate.has(),
        DelegateCategory.plenary_place,
        or_(Invitation.expires_at.is_(None), Invitation.expires_at > bindparam("now")),
    )
)
_IN_USE = _TAKEN.scalar_subquery() + _HELD.scalar_subquery()
_QUEUE_KEY = tuple_(*(bindparam(f"key_{column.key}", type_=column.type) for column in QUEUE_ORDER))
_QUEUED_AHEAD = (
    select(func.count())
    .select_from(Delegate)
    .where(*_ON_WAITING_LIST, tuple_(*QUEUE_ORDER) < _QUEUE_KEY)
)
# A newcomer's place in the queue is its end, whose number the event row keeps, unless someone
# already waits behind them (a caller's clock ahead of the server's): then it is counted. The
# check reads one index entry at most.
_AHEAD_OF_NEWCOMER = case(
    (
        exists().where(*_ON_WAITING_LIST, tuple_(*QUEUE_ORDER) > _QUEUE_KEY),
        _QUEUED_AHEAD.scalar_subquery(),
    ),
    else_=_QUEUE_LENGTH.scalar_subquery(),
)
# The decision on an eligible delegate, in one statement inside the place lock: the numbers,
# read before the delegate changes, choose between a place and the queue, and their place in
# the queue comes back with the status.
_PLACES = select(_IN_USE.label("in_use"), _AHEAD_OF_NEWCOMER.label("ahead")).cte("places")
_ADMIT = (
    update(Delegate)
    .where(Delegate.id == bindparam("delegate_id"))
    .values(
        status=case(
            (
                select(_PLACES.c.in_use).scalar_subquery() < bindparam("capacity"),
                literal(DelegateStatus.CONFIRMED, Delegate.status.type),
            ),
            else_=literal(DelegateStatus.WAITLISTED, Delegate.status.type),
        ),
        queued_at=bindparam("decided"),
        decided_at=bindparam("decided"),
    )
    .returning(Delegate.status, select(_PLACES.c.ahead).scalar_subquery())
)
# What the changes of status do to the numbers the event row keeps.
_EVENT_ROW = update(Event).where(Event.id == bindparam("event"))
_TAKE_PLACE = _EVENT_ROW.values(places_taken=Event.places_taken + 1)
_JOIN_QUEUE = _EVENT_ROW.values(queue_length=Event.queue_length + 1)
_LEAVE_QUEUE = _EVENT_ROW.values(
    queue_length=Event.queue_length - bindparam("promoted", type_=Integer),
    places_taken=Event.places_taken + bindparam("places", type_=Integer),
)
_RECOUNT = _EVENT_ROW.values(
    places_taken=_COUNT_TAKEN.scalar_subquery(), queue_length=_COUNT_QUEUE.scalar_subquery()
)


def _places_parameters(event: Event, now: datetime) -> dict:
    # Invitations hold places until registration closes.
    return {
        "event": event.id,
        "now": now,
        "invitations_hold": event.registration_state(now) != "closed",
    }


def _queue_parameters(delegate: Delegate) -> dict:
    return {f"key_{column.key}": getattr(delegate, column.key) for column in QUEUE_ORDER}


def confirmed_count(event: Event) -> int:
    """The places taken: confirmed delegates of the categories that sit in the plenary, as the
    event row keeps their number."""
    return db.session.scalar(_TAKEN, {"event": event.id})


def count_places(event: Event) -> tuple[int, int]:
    """Count the places taken and the delegates waiting, delegate by delegate."""
    statement = select(_COUNT_TAKEN.scalar_subquery(), _COUNT_QUEUE.scalar_subquery())
    taken, waiting = db.session.execute(statement, {"event": event.id}).one()
    return taken, waiting


def _store_places(event: Event, statement, **parameters) -> None:
    """Change the numbers the event row keeps by one of the statements above."""
    db.session.connection().execute(statement, {"event": event.id, **parameters})
    db.session.expire(event, ["places_taken", "queue_length"])


def _recount_places(event: Event) -> None:
    """Store the places taken and the length of the queue afresh, counted delegate by delegate.

    The event row keeps both numbers so that each decision on a place reads one row. `_admit`
    and `_promote_waiting` count the changes they make; every other change of status or of
    category (withdrawals, erasure, a move into or out of the hall) ends in
    `_promote_waiting`, which recounts first. All of it runs under the place lock.
    """
    db.session.flush()
    _store_places(event, _RECOUNT)


def held_places(event: Event, now: datetime | None = None) -> int:
    """The places kept for invited guests who have not answered yet, while their code is valid.

    An invitation from the host department promises a place: guests who answer it must not
    find the hall filled by self-registrations in the meantime.
    """
    return db.session.scalar(_HELD, _places_parameters(event, now or utcnow()))


def _places_in_use(event: Event, now: datetime) -> int:
    """Places taken (as the event row keeps them) plus unanswered invitations, in one query."""
    return db.session.scalar(select(_IN_USE), _places_parameters(event, now))


def places_short(event: Event, now: datetime | None = None) -> int:
    """How many places the confirmed delegates and the unanswered invitations lack together."""
    return max(_places_in_use(event, now or utcnow()) - event.capacity, 0)


def free_places(event: Event, now: datetime | None = None) -> int:
    """The places nobody holds, neither a confirmed delegate nor an unanswered invitation."""
    return max(event.capacity - _places_in_use(event, now or utcnow()), 0)


def waitlist_position(delegate: Delegate) -> int | None:
    """Return the delegate's 1-based place in the waiting list, or None if not waiting."""
    if delegate.status != DelegateStatus.WAITLISTED:
        return None
    parameters = {"event": delegate.event_id, **_queue_parameters(delegate)}
    return db.session.scalar(_QUEUED_AHEAD, parameters) + 1


def _admit(delegate: Delegate, now: datetime) -> int | None:
    """Give an eligible delegate a place if one is free, else a place in the queue.

    A delegate of a category without a plenary place (booth staff) is confirmed at once.
    Return their place in the queue (None with a place).
    """
    if not delegate.category.plenary_place:
        delegate.status = DelegateStatus.CONFIRMED
        delegate.queued_at = delegate.decided_at = now
        return None
    db.session.flush()  # the counts must see this transaction's changes; the queue needs the id
    # The queue follows the order in which the place lock was granted: `now` was read before
    # the lock, so a request that read it earlier but got the lock later would slip in ahead
    # of someone already told their place. The decision is dated by the clock read under the
    # lock, and never before the moment the caller gave (a test's or a script's own clock).
    decided_at = max(now, utcnow())
    parameters = {
        **_places_parameters(delegate.event, now),
        **_queue_parameters(delegate),
        "key_queued_at": decided_at,
        "decided": decided_at,
        "delegate_id": delegate.id,
        "capacity": delegate.event.capacity,
    }
    status, ahead = db.session.connection().execute(_ADMIT, parameters).one()
    # Already stored: the session must not write them again.
    for key, value in (("status", status), ("queued_at", decided_at), ("decided_at", decided_at)):
        set_committed_value(delegate, key, value)
    if status == DelegateStatus.WAITLISTED:
        _store_places(delegate.event, _JOIN_QUEUE)
        return ahead + 1
    _store_places(delegate.event, _TAKE_PLACE)
    return None


def _promote_waiting(event: Event, now: datetime) -> list[Delegate]:
    """Recount the places taken and the waiting list, give the free places to the first
    delegates waiting and return them."""
    _recount_places(event)
    promoted = list(
        db.session.scalars(
            select(Delegate)
            .options(joinedload(Delegate.category))
            .where(Delegate.event_id == event.id, Delegate.status == DelegateStatus.WAITLISTED)
            .order_by(*QUEUE_ORDER)
            .limit(free_places(event, now))
        )
    )
    for delegate in promoted:
        delegate.status = DelegateStatus.CONFIRMED
        delegate.decided_at = now
        audit.record(
            "delegate.promote", delegate, Actor.system(),
            before={"status": DelegateStatus.WAITLISTED}, after={"status": DelegateStatus.CONFIRMED},
            summary=delegate.full_name,
        )  # fmt: skip
        _notify(delegate, "promoted")
    if promoted:
        places = sum(delegate.category.plenary_place for delegate in promoted)
        _store_places(event, _LEAVE_QUEUE, promoted=len(promoted), places=places)
    return promoted


# --- mail -----------------------------------------------------------------------------------

_SUBJECTS = {
    "received": lambda: _("Đã nhận đăng ký tham dự Hội nghị"),
    "confirmed": lambda: _("Xác nhận tham dự Hội nghị"),
    "waitlisted": lambda: _("Đăng ký của Quý vị đang trong danh sách chờ"),
    "promoted": lambda: _("Đã có chỗ cho Quý vị tại Hội nghị"),
    "declined": lambda: _("Thông báo về đăng ký tham dự Hội nghị"),
    "cancelled": lambda: _("Đã hủy đăng ký tham dự Hội nghị"),
    "link": lambda: _("Liên kết cá nhân của Quý vị"),
    "exhibition_staff": lambda: _("Xác nhận cán bộ trực gian hàng triển lãm"),
    "exhibition_staff_released": lambda: _("Hủy đăng ký cán bộ trực gian hàng triển lãm"),
}


def _notify(delegate: Delegate, what: str, position: int | None = None) -> OutboxMessage:
    """E-mail the delegate, in their language, about what just happened to their registration.

    `position` is their place in the waiting list, when the caller has just counted it.
    """
    if position is None:
        position = waitlist_position(delegate)
    with force_locale(delegate.language):
        return send_mail(
            delegate.email,
            _SUBJECTS[what](),
            f"registration/{what}",
            kind=f"registration.{what}",
            delegate=delegate,
            event=delegate.event,
            link=personal_link(delegate),
            position=position,
            honorific_labels=HONORIFIC_LABELS,
        )


# --- invitation codes -----------------------------------------------------------------------


def _new_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def normalize_code(code: str) -> str:
    compact = text.normalize(code).upper().replace("-", "").replace(" ", "")
    return f"{compact[:4]}-{compact[4:]}" if len(compact) == 8 else compact


def invitation_for_code(event: Event, code: str, now: datetime) -> Invitation:
    """Return the open invitation with this code, or raise why it cannot be used."""
    code = normalize_code(code)
    # Anything outside the code alphabet cannot match, and some of it (NUL) PostgreSQL refuses.
    if not _CODE_PATTERN.fullmatch(code):
        raise RegistrationError("invalid_code")
    invitation = db.session.scalar(
        select(Invitation)
        .options(joinedload(Invitation.category), joinedload(Invitation.delegate))
        .where(Invitation.event_id == event.id, Invitation.code == code)
    )
    if invitation is None:
        raise RegistrationError("invalid_code")
    if invitation.delegate is not None:
        raise RegistrationError("code_used")
    if invitation.expires_at is not None and now >= invitation.expires_at:
        raise RegistrationError("code_expired")
    return invitation


# --- registering ----------------------------------------------------------------------------

# The message a delegate gets about the state their registration is now in.
_STATE_MAIL = {
    DelegateStatus.PENDING: "received",
    DelegateStatus.CONFIRMED: "confirmed",
    DelegateStatus.WAITLISTED: "waitlisted",
}


def _category(event: Event, category_id: int | None) -> DelegateCategory:
    category = db.session.get(DelegateCategory, category_id) if category_id else None
    if category is None or category.event_id != event.id:
        raise RegistrationError("unknown_category")
    return category


def _check_window(event: Event, now: datetime) -> None:
    state = event.registration_state(now)
    if state != "open":
        raise RegistrationError(state)


def _email_taken(event: Event, email: str, except_id: int | None = None) -> bool:
    query = select(Delegate.id).where(Delegate.event_id == event.id, Delegate.email == email)
    if except_id is not None:
        query = query.where(Delegate.id != except_id)
    return db.session.scalar(query.limit(1)) is not None


def _refusal(event: Event, email: str) -> str:
    """Say which unique rule a registration broke: its e-mail was registered, or its code used."""
    status = db.session.scalar(
        select(Delegate.status).where(Delegate.event_id == event.id, Delegate.email == email)
    )
    if status is None:  # the e-mail is new: another delegate answered the same invitation
        return "code_used"
    return "cancelled_before" if status == DelegateStatus.CANCELLED else "duplicate_email"


def register(event: Event, data: RegistrationData, now: datetime) -> Registration:
    """Register a delegate: invited ones and open categories get a place at once if one is free."""
    _check_window(event, now)
    invitation = (
        invitation_for_code(event, data.invitation_code, now) if data.invitation_code else None
    )
    category = invitation.category if invitation else _category(event, data.category_id)
    if category.invitation_only and invitation is None:
        raise RegistrationError("invitation_required", category=category.name)
    delegate = Delegate(
        event=event,
        category=category,
        invitation=invitation,
        status=DelegateStatus.PENDING,
        honorific=data.honorific,
        full_name=text.normalize(data.full_name),
        position=text.normalize(data.position),
        organization=text.normalize(data.organization),
        email=_normalize_email(data.email),
        phone=text.normalize(data.phone),
        notes=text.normalize_multiline(data.notes),
        language=data.language,
        access_key=secrets.token_urlsafe(32),
        consent_at=now,
        registered_at=now,
    )
    _refresh_derived(delegate)
    db.session.add(delegate)
    try:
        db.session.flush()
    except IntegrityError as error:  # registered before, by this e-mail or with this code
        db.session.rollback()
        raise RegistrationError(_refusal(event, delegate.email)) from error
    position = None
    if invitation is not None or not category.requires_approval:
        lock_places(event)
        position = _admit(delegate, now)
    audit.record(
        "delegate.register", delegate, Actor(label=SELF),
        after={"status": delegate.status, "category": category.code, "invited": invitation is not None},
        summary=delegate.full_name,
    )  # fmt: skip
    _notify(delegate, _STATE_MAIL[delegate.status], position)
    registration = Registration(delegate, personal_token(delegate))
    db.session.commit()
    return registration


# --- decisions --------------------------------------------------------------------------------


def _load_for_update(delegate_ids: list[int]) -> list[Delegate]:
    """Load the delegates as they are now, over any copy the session holds: called under the
    place lock, so that a decision starts from what the request before it decided."""
    return list(
        db.session.scalars(
            select(Delegate)
            .options(joinedload(Delegate.category))
            .where(Delegate.id.in_(delegate_ids))
            .order_by(Delegate.registered_at, Delegate.id)
            .execution_options(populate_existing=True)
        )
    )


APPROVABLE = (DelegateStatus.PENDING, DelegateStatus.DECLINED, DelegateStatus.CANCELLED)


def approve(event: Event, delegate_ids: list[int], actor: Actor, now: datetime) -> list[Delegate]:
    """Approve pending delegates in registration order; those beyond the places wait in line.

    Approving a declined or cancelled delegate reinstates them, on the same terms.
    """
    lock_places(event)
    approved = []
    for delegate in _load_for_update(delegate_ids):
        if delegate.event_id != event.id or delegate.status not in APPROVABLE:
            continue
        before = delegate.status
        delegate.decline_reason = ""
        position = _admit(delegate, now)
        db.session.flush()
        audit.record(
            "delegate.approve", delegate, actor,
            before={"status": before}, after={"status": delegate.status},
            summary=delegate.full_name,
        )  # fmt: skip
        _notify(delegate, "confirmed" if delegate.holds_place else "waitlisted", position)
        approved.append(delegate)
    db.session.commit()
    return approved


def _withdraw(
    event: Event, delegates: list[Delegate], new_status: DelegateStatus, action: str,
    actor: Actor, now: datetime, reason: str = "",
) -> list[Delegate]:  # fmt: skip
    """Take delegates out of the event and hand the places they free to the waiting list."""
    lock_places(event)
    changed = []
    for delegate in delegates:
        db.session.refresh(delegate)  # another request may have changed it before our lock
        allowed = {DelegateStatus.PENDING, DelegateStatus.CONFIRMED, DelegateStatus.WAITLISTED}
        if delegate.event_id != event.id or delegate.status not in allowed:
            continue
        before = delegate.status
        delegate.status = new_status
        delegate.decided_at = now
        delegate.decline_reason = reason
        db.session.flush()
        audit.record(
            action, delegate, actor,
            before={"status": before}, after={"status": new_status, "reason": reason or None},
            summary=delegate.full_name,
        )  # fmt: skip
        _notify(delegate, "declined" if new_status == DelegateStatus.DECLINED else "cancelled")
        delegate_leaving.send(delegate, actor=actor, now=now)
        changed.append(delegate)
    _promote_waiting(event, now)
    db.session.commit()
    return changed


def decline(
    event: Event, delegate_ids: list[int], actor: Actor, now: datetime, reason: str = ""
) -> list[Delegate]:
    """Decline delegates (pending, confirmed or waiting); freed places go to the waiting list."""
    if not text.normalize(reason):
        raise RegistrationError("reason_required")
    return _withdraw(
        event, _load_for_update(delegate_ids), DelegateStatus.DECLINED, "delegate.decline",
        actor, now, reason,
    )  # fmt: skip


def cancel(delegate: Delegate, actor: Actor, now: datetime) -> Delegate:
    """Cancel a registration (by the delegate or for them); a freed place goes to the next in line."""
    if delegate.status in (DelegateStatus.CANCELLED, DelegateStatus.DECLINED):
        raise RegistrationError("already_withdrawn")
    _withdraw(delegate.event, [delegate], DelegateStatus.CANCELLED, "delegate.cancel", actor, now)
    return delegate


def rejoin(delegate: Delegate, now: datetime) -> Delegate:
    """Let a delegate who cancelled register again, on the terms of their category."""
    _check_window(delegate.event, now)
    lock_places(delegate.event)
    db.session.refresh(delegate)  # a second click may have rejoined them before our lock
    if delegate.status != DelegateStatus.CANCELLED:
        db.session.rollback()
        raise RegistrationError("not_cancelled")
    position = None
    if delegate.invitation is not None or not delegate.category.requires_approval:
        position = _admit(delegate, now)
    else:
        delegate.status = DelegateStatus.PENDING
    delegate.consent_at = now
    audit.record(
        "delegate.rejoin", delegate, Actor(label=SELF),
        before={"status": DelegateStatus.CANCELLED}, after={"status": delegate.status},
        summary=delegate.full_name,
    )  # fmt: skip
    _notify(delegate, _STATE_MAIL[delegate.status], position)
    db.session.commit()
    return delegate


def prioritize(event: Event, delegate: Delegate, actor: Actor, now: datetime) -> Delegate:
    """Put a waiting delegate at the head of the waiting list (a guest of honour, a speaker)."""
    lock_places(event)
    db.session.refresh(delegate)
    if delegate.event_id != event.id or delegate.status != DelegateStatus.WAITLISTED:
        raise RegistrationError("not_waiting")
    first = db.session.scalar(
        select(func.min(Delegate.queued_at)).where(
            Delegate.event_id == event.id, Delegate.status == DelegateStatus.WAITLISTED
        )
    )
    before = waitlist_position(delegate)
    delegate.queued_at = first - timedelta(seconds=1)
    audit.record(
        "delegate.prioritize", delegate, actor, before={"position": before}, after={"position": 1},
        summary=delegate.full_name,
    )  # fmt: skip
    _promote_waiting(event, now)
    db.session.commit()
    return delegate


def change_category(delegate: Delegate, category_id: int, actor: Actor, now: datetime) -> Delegate:
    """Move a delegate to another category; a confirmed delegate entering the hall needs a place."""
    event = delegate.event
    category = _category(event, category_id)
    if category.id == delegate.category_id:
        return delegate
    lock_places(event)
    before = delegate.category
    enters_hall = category.plenary_place and not before.plenary_place
    if enters_hall and delegate.status == DelegateStatus.CONFIRMED and free_places(event, now) == 0:
        db.session.rollback()
        raise RegistrationError("no_free_place")
    delegate.category = category
    db.session.flush()
    audit.record(
        "delegate.category", delegate, actor, before={"category": before.code},
        after={"category": category.code}, summary=delegate.full_name,
    )  # fmt: skip
    _promote_waiting(event, now)  # leaving the hall frees a place
    db.session.commit()
    return delegate


def set_capacity(event: Event, capacity: int, actor: Actor, now: datetime) -> list[Delegate]:
    """Change the number of places; more places go to the waiting list at once."""
    lock_places(event)
    taken = confirmed_count(event)
    if capacity < taken:
        db.session.rollback()
        raise RegistrationError("capacity_below_confirmed", confirmed=taken)
    if capacity != event.capacity:
        audit.record(
            "event.capacity",
            event,
            actor,
            before={"capacity": event.capacity},
            after={"capacity": capacity},
        )
        event.capacity = capacity
    promoted = _promote_waiting(event, now)
    db.session.commit()
    return promoted


# --- exhibitors' booth staff ---------------------------------------------------------------------

EXHIBITION_CATEGORY = "trien_lam"
EXHIBITION_STAFF_POSITION = "Cán bộ trực gian hàng"


@dataclass(frozen=True)
class BoothStaff:
    """Someone an approved exhibitor sends to staff its booth."""

    honorific: Honorific
    full_name: str
    email: str
    phone: str
    organization: str


def enrol_exhibition_staff(
    event: Event, people: list[BoothStaff], actor: Actor, now: datetime
) -> list[Delegate]:
    """Make booth staff delegates of the exhibition category, so that they get badges.

    Adds to the caller's transaction and does not commit. The category holds no plenary place
    unless the organizers give it one (``DelegateCategory.plenary_place``): staff are then
    confirmed at once and count against no capacity. Someone already registered under the same
    e-mail (a patent holder who also staffs the booth) keeps their registration and is returned.
    """
    category = next((c for c in event.categories if c.code == EXHIBITION_CATEGORY), None)
    if category is None:
        raise RegistrationError("unknown_category")
    if category.plenary_place:
        lock_places(event)
    delegates = []
    for person in people:
        email = _normalize_email(person.email)
        existing = db.session.scalar(
            select(Delegate).where(Delegate.event_id == event.id, Delegate.email == email)
        )
        if existing is not None:
            delegates.append(existing)
            continue
        delegate = Delegate(
            event=event,
            category=category,
            status=DelegateStatus.PENDING,
            honorific=person.honorific,
            full_name=text.normalize(person.full_name),
            position=EXHIBITION_STAFF_POSITION,
            organization=text.normalize(person.organization),
            email=email,
            phone=text.normalize(person.phone),
            access_key=secrets.token_urlsafe(32),
            # Consent was given on the exhibitor's application, which named them.
            consent_at=now,
            registered_at=now,
        )
        _refresh_derived(delegate)
        db.session.add(delegate)
        position = _admit(delegate, now)
        db.session.flush()
        audit.record(
            "delegate.exhibition_staff", delegate, actor,
            after={"status": delegate.status, "category": category.code},
            summary=f"{delegate.full_name} ({delegate.organization})",
        )  # fmt: skip
        _notify(delegate, "exhibition_staff" if delegate.holds_place else "waitlisted", position)
        delegates.append(delegate)
    return delegates


def release_exhibition_staff(
    event: Event, delegate_ids: list[int], actor: Actor, now: datetime
) -> list[Delegate]:
    """Cancel the booth-staff registrations of an exhibitor that no longer exhibits.

    Adds to the caller's transaction and does not commit. Only delegates of the exhibition
    category are touched: a staff member registered on their own stays registered.
    """
    lock_places(event)
    released = []
    for delegate in _load_for_update(delegate_ids):
        active = delegate.status in (DelegateStatus.CONFIRMED, DelegateStatus.WAITLISTED)
        if delegate.event_id != event.id or not active:
            continue
        if delegate.category.code != EXHIBITION_CATEGORY:
            continue
        before = delegate.status
        delegate.status = DelegateStatus.CANCELLED
        delegate.decided_at = now
        db.session.flush()
        audit.record(
            "delegate.cancel", delegate, actor,
            before={"status": before}, after={"status": DelegateStatus.CANCELLED},
            summary=delegate.full_name,
        )  # fmt: skip
        _notify(delegate, "exhibition_staff_released")
        delegate_leaving.send(delegate, actor=actor, now=now)
        released.append(delegate)
    _promote_waiting(event, now)
    return released


# --- the delegate's own data -------------------------------------------------------------------


def update_details(
    delegate: Delegate, actor: Actor, email: str | None = None, **details
) -> Delegate:
    """Change a delegate's name, position, organisation, phone, notes (and e-mail, if given)."""
    before = audit.snapshot(delegate, *DETAIL_FIELDS, "email")
    for name in DETAIL_FIELDS:
        if name in details:
            value = details[name]
            if isinstance(value, str):
                value = (
                    text.normalize_multiline(value) if name == "notes" else text.normalize(value)
                )
            setattr(delegate, name, value)
    if email is not None:
        email = _normalize_email(email)
        if _email_taken(delegate.event, email, except_id=delegate.id):
            raise RegistrationError("duplicate_email")
        delegate.email = email
    _refresh_derived(delegate)
    after = audit.snapshot(delegate, *DETAIL_FIELDS, "email")
    changed = {key for key in after if after[key] != before[key]}
    if changed:
        audit.record(
            "delegate.edit", delegate, actor,
            before={key: before[key] for key in changed}, after={key: after[key] for key in changed},
            summary=delegate.full_name,
        )  # fmt: skip
    db.session.commit()
    return delegate


def personal_data(delegate: Delegate) -> dict:
    """Return everything the app keeps about a delegate, as they may see it (Nghị định 13/2023)."""
    return {
        "honorific": delegate.honorific.value,
        "full_name": delegate.full_name,
        "position": delegate.position,
        "organization": delegate.organization,
        "category": delegate.category.name,
        "email": delegate.email,
        "phone": delegate.phone,
        "notes": delegate.notes,
        "language": delegate.language,
        "status": delegate.status.value,
        "registered_at": delegate.registered_at.isoformat(),
        "consent_at": delegate.consent_at.isoformat(),
        "invited": delegate.invitation_id is not None,
    }


def erase(delegate: Delegate, actor: Actor, now: datetime) -> None:
    """Delete a delegate and their personal data; a place they held goes to the next in line."""
    event = delegate.event
    delegate_id, email = delegate.id, delegate.email
    lock_places(event)
    # Before the redaction, so that what receivers record about the delegate is redacted too.
    delegate_leaving.send(delegate, actor=actor, now=now)
    audit.redact("delegate", delegate_id)
    audit.record(
        "delegate.erase",
        delegate,
        actor,
        before={"status": delegate.status},
        summary=f"#{delegate_id}",
    )
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.recipient == email))
    if delegate.invitation is not None:
        db.session.delete(delegate.invitation)
    db.session.delete(delegate)
    db.session.flush()
    _promote_waiting(event, now)
    db.session.commit()


def resend_personal_link(event: Event, email: str) -> None:
    """E-mail a delegate their personal link again; say nothing if the e-mail is unknown."""
    delegate = db.session.scalar(
        select(Delegate).where(
            Delegate.event_id == event.id, Delegate.email == _normalize_email(email)
        )
    )
    if delegate is None:
        return
    _notify(delegate, "link")
    db.session.commit()


# --- lists for organizers -----------------------------------------------------------------------


def _filtered(event: Event, filters: DelegateFilters):
    query = select(Delegate).where(Delegate.event_id == event.id)
    if filters.query:
        for word in text.fold(filters.query).split():
            query = query.where(Delegate.search_text.contains(word, autoescape=True))
    if filters.category_id:
        query = query.where(Delegate.category_id == filters.category_id)
    if filters.status:
        query = query.where(Delegate.status == filters.status)
    if filters.organization:
        query = query.where(
            Delegate.search_text.contains(text.fold(filters.organization), autoescape=True)
        )
    return query


def delegate_list(event: Event, filters: DelegateFilters) -> list[Delegate]:
    """Return the delegates matching the filters in Vietnamese name order, in one query."""
    return list(
        db.session.scalars(
            _filtered(event, filters)
            .options(selectinload(Delegate.category))
            .order_by(Delegate.name_order, Delegate.id)
        )
    )


class DelegateRow(NamedTuple):
    """One line of the organizers' list: the columns it shows."""

    id: int
    full_name: str
    position: str
    organization: str
    status: DelegateStatus
    registered_at: datetime
    invitation_id: int | None
    category_id: int


def delegate_rows(event: Event, filters: DelegateFilters) -> list[DelegateRow]:
    """Return the columns the organizers' list shows, in one query and as plain tuples.

    The list shows every delegate at once (1,500 at ten times the seed event): no ORM objects
    to build, and a template reads a tuple's fields several times faster than a result row's.
    """
    query = (
        _filtered(event, filters)
        .with_only_columns(*(getattr(Delegate, name) for name in DelegateRow._fields))
        .order_by(Delegate.name_order, Delegate.id)
    )
    return [DelegateRow._make(row) for row in db.session.execute(query)]


def counts(event: Event) -> ListCounts:
    """Return how many delegates are in each state and, among the active ones, each category."""
    result = ListCounts()
    rows = db.session.execute(
        select(Delegate.status, Delegate.category_id, func.count())
        .where(Delegate.event_id == event.id)
        .group_by(Delegate.status, Delegate.category_id)
    )
    active = {DelegateStatus.PENDING, DelegateStatus.CONFIRMED, DelegateStatus.WAITLISTED}
    for status, category_id, number in rows:
        result.by_status[status] = result.by_status.get(status, 0) + number
        if status in active:
            result.by_category[category_id] = result.by_category.get(category_id, 0) + number
    return result


def waiting_list(event: Event) -> list[Delegate]:
    """Return the waiting list in the order places will be given."""
    return list(
        db.session.scalars(
            select(Delegate)
            .options(joinedload(Delegate.category))
            .where(Delegate.event_id == event.id, Delegate.status == DelegateStatus.WAITLISTED)
            .order_by(*QUEUE_ORDER)
        )
    )


def get_delegate(event: Event, delegate_id: int) -> Delegate | None:
    delegate = db.session.get(Delegate, delegate_id)
    return delegate if delegate is not None and delegate.event_id == event.id else None


# --- invitations ------------------------------------------------------------------------------


class ImportRejected(Exception):
    """An invitee list was refused as a whole; `errors` lists every bad row."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def _category_lookup(event: Event) -> dict[str, DelegateCategory]:
    lookup = {}
    for category in event.categories:
        lookup[text.fold(category.code)] = category
        lookup[text.fold(category.name)] = category
    return lookup


def _invitation_exists(event: Event, email: str) -> bool:
    return (
        db.session.scalar(
            select(Invitation.id)
            .where(Invitation.event_id == event.id, Invitation.email == email)
            .limit(1)
        )
        is not None
    )


def _send_invitation(invitation: Invitation, now: datetime) -> None:
    link = url_for("registration.register", code=invitation.code, _external=True)
    send_mail(
        invitation.email,
        _("Thư mời tham dự %(title)s", title=invitation.event.short_title),
        "registration/invitation",
        kind="registration.invitation",
        invitation=invitation,
        event=invitation.event,
        link=link,
    )
    invitation.sent_at = now
    invitation.times_sent += 1


def _new_invitation(event: Event, row: InviteeRow, category: DelegateCategory) -> Invitation:
    invitation = Invitation(
        event=event,
        category=category,
        code=_new_code(),
        honorific=Honorific(row.honorific) if row.honorific else None,
        full_name=text.normalize(row.full_name),
        position=text.normalize(row.position),
        organization=text.normalize(row.organization),
        email=_normalize_email(row.email),
    )
    db.session.add(invitation)
    return invitation


def invitation_problems(event: Event, rows: list[InviteeRow]) -> list[RowError]:
    """Return what the database says is wrong with an invitee list: categories, people known."""
    categories = _category_lookup(event)
    errors = []
    for row in rows:
        if text.fold(row.category) not in categories:
            errors.append(RowError(row.line, "category", "unknown_category", row.category))
        if _invitation_exists(event, row.email):
            errors.append(RowError(row.line, "email", "already_invited", row.email))
        elif _email_taken(event, row.email):
            errors.append(RowError(row.line, "email", "already_registered", row.email))
    return errors


def import_invitations(
    event: Event, rows: list[InviteeRow], actor: Actor, now: datetime
) -> list[Invitation]:
    """Invite everyone on a list and e-mail each a personal link and code, or no one at all."""
    errors = invitation_problems(event, rows)
    if errors:
        raise ImportRejected(errors)
    categories = _category_lookup(event)
    invitations = [_new_invitation(event, row, categories[text.fold(row.category)]) for row in rows]
    db.session.flush()
    for invitation in invitations:
        _send_invitation(invitation, now)
    audit.record(
        "invitation.import", event, actor, after={"count": len(invitations)},
        summary=_("%(count)d thư mời", count=len(invitations)),
    )  # fmt: skip
    db.session.commit()
    return invitations


def invite(event: Event, row: InviteeRow, actor: Actor, now: datetime) -> Invitation:
    """Invite one person by hand and e-mail them their personal link and code."""
    category = _category_lookup(event).get(text.fold(row.category))
    if category is None:
        raise RegistrationError("unknown_category")
    email = _normalize_email(row.email)
    if _invitation_exists(event, email):
        raise RegistrationError("already_invited")
    if _email_taken(event, email):
        raise RegistrationError("already_registered")
    invitation = _new_invitation(event, row, category)
    db.session.flush()
    _send_invitation(invitation, now)
    audit.record("invitation.create", invitation, actor, summary=invitation.full_name)
    db.session.commit()
    return invitation


def resend_invitation(invitation: Invitation, actor: Actor, now: datetime) -> Invitation:
    """E-mail an invitation again to someone who has not answered."""
    if invitation.delegate is not None:
        raise RegistrationError("code_used")
    _send_invitation(invitation, now)
    audit.record("invitation.resend", invitation, actor, summary=invitation.full_name)
    db.session.commit()
    return invitation


def withdraw_invitation(invitation: Invitation, actor: Actor, now: datetime) -> None:
    """Take back an invitation nobody answered; the place it kept goes to the waiting list."""
    if invitation.delegate is not None:
        raise RegistrationError("code_used")
    event = invitation.event
    lock_places(event)
    audit.record(
        "invitation.withdraw", invitation, actor,
        before={"email": invitation.email, "category": invitation.category.code},
        summary=invitation.full_name,
    )  # fmt: skip
    db.session.delete(invitation)
    db.session.flush()
    _promote_waiting(event, now)
    db.session.commit()


def invitations(event: Event, *, unanswered_only: bool = False) -> list[Invitation]:
    """Return the event's invitations in Vietnamese name order, with who answered."""
    query = (
        select(Invitation)
        .options(joinedload(Invitation.category), joinedload(Invitation.delegate))
        .where(Invitation.event_id == event.id)
    )
    if unanswered_only:
        query = query.where(~Invitation.delegate.has())
    return sorted(
        db.session.scalars(query), key=lambda invitation: text.name_sort_key(invitation.full_name)
    )


def get_invitation(event: Event, invitation_id: int) -> Invitation | None:
    invitation = db.session.get(Invitation, invitation_id)
    return invitation if invitation is not None and invitation.event_id == event.id else None


# --- exports ----------------------------------------------------------------------------------


def _local(moment: datetime | None) -> str:
    return to_local(moment).strftime("%d/%m/%Y %H:%M") if moment else ""


@force_locale("vi")
def delegates_workbook(event: Event, filters: DelegateFilters, now: datetime) -> bytes:
    """Return the (filtered) delegate list as XLSX, in Vietnamese name order."""
    rows = [
        [
            number, str(HONORIFIC_LABELS[d.honorific]), d.full_name, d.position, d.organization,
            d.category.name, d.email, d.phone, str(STATUS_LABELS[d.status]), _local(d.registered_at),
            "Có" if d.invitation_id else "", d.notes,
        ]
        for number, d in enumerate(delegate_list(event, filters), start=1)
    ]  # fmt: skip
    sheet = Sheet(
        "Đại biểu",
        [("TT", 6), ("Danh xưng", 10), ("Họ và tên", 28), ("Chức vụ", 28), ("Đơn vị công tác", 36),
         ("Thành phần", 30), ("Email", 30), ("Điện thoại", 16), ("Trạng thái", 16),
         ("Đăng ký lúc", 17), ("Khách mời", 10), ("Ghi chú", 30)],
        rows,
    )  # fmt: skip
    return write_xlsx([sheet], now)


@force_locale("vi")
def delegates_pdf(event: Event, filters: DelegateFilters, now: datetime) -> bytes:
    """Return the printable delegate list, grouped by category in protocol order, names sorted."""
    if filters.status is None:
        filters = DelegateFilters(**{**filters.__dict__, "status": DelegateStatus.CONFIRMED})
    by_category: dict[int, list[Delegate]] = {}
    for delegate in delegate_list(event, filters):
        by_category.setdefault(delegate.category_id, []).append(delegate)
    groups = [
        Group(
            category.name,
            [
                [f"{HONORIFIC_LABELS[d.honorific]!s} {d.full_name}", d.position, d.organization]
                for d in by_category[category.id]
            ],
        )
        for category in event.categories
        if category.id in by_category
    ]
    total = sum(len(group.rows) for group in groups)
    local_now = to_local(now)
    return render_list(
        ListDocument(
            title="DANH SÁCH ĐẠI BIỂU",
            subtitle=f"{event.title} ({str(STATUS_LABELS[filters.status]).lower()}: {total} người)",
            columns=[
                Column("Họ và tên", 0.3),
                Column("Chức vụ", 0.3),
                Column("Đơn vị công tác", 0.35),
            ],
            groups=groups,
            place_and_date=f"Hà Nội, ngày {local_now.day:02d} tháng {local_now.month:02d} năm {local_now.year}",
        )
    )
