"""Checking delegates in: scans at a desk or from a device, corrections, attendance.

A scan is idempotent: the database keeps at most one standing check-in per person and point
(a partial unique index), so two desks scanning the same badge at once record one check-in
and the second desk is told when and where the first one was.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, true
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from conference import text
from conference.audit import services as audit
from conference.audit.services import Actor
from conference.badges import services as badges
from conference.checkin.models import PLENARY, WORKSHOP_POINT, CheckIn, ScanDevice
from conference.events.models import DelegateCategory, Event
from conference.extensions import db
from conference.registration.models import Delegate, DelegateStatus
from conference.seating import services as seating
from conference.spreadsheets import Sheet, write_xlsx
from conference.timeutil import to_local, utcnow
from conference.workshops import services as workshops
from conference.workshops.models import Workshop, WorkshopPlacement

SEARCH_LIMIT = 20


class CheckInError(Exception):
    """A check-in step was refused; `reason` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Point:
    """A door where delegates are checked in: the plenary hall, or a workshop's room."""

    code: str
    label: str
    workshop_id: int | None = None


@dataclass(frozen=True)
class ScanResult:
    """What the desk shows, large: who it is and where they sit, or why not."""

    ok: bool
    reason: str = ""  # unknown_code, cancelled, not_confirmed, wrong_workshop, already_checked_in
    delegate_id: int | None = None
    name: str = ""
    honorific: str = ""
    organization: str = ""
    category: str = ""
    category_color: str = ""
    seat: str = ""
    workshop: str = ""
    check_in_id: int | None = None
    at: datetime | None = None
    earlier_at: datetime | None = None
    earlier_desk: str = ""

    def as_json(self) -> dict:
        return {
            "ok": self.ok,
            "reason": self.reason or None,
            "delegate": None if self.delegate_id is None else {
                "id": self.delegate_id, "name": self.name, "honorific": self.honorific,
                "organization": self.organization, "category": self.category,
                "seat": self.seat or None, "workshop": self.workshop or None,
            },
            "check_in_id": self.check_in_id,
            "local_time": to_local(self.at).strftime("%H:%M") if self.at else None,
            "earlier": None if self.earlier_at is None else {
                "at": self.earlier_at.isoformat(), "local_time": to_local(self.earlier_at).strftime("%H:%M"),
                "desk": self.earlier_desk,
            },
        }  # fmt: skip


def workshop_point(workshop_id: int) -> str:
    """Return the code of a workshop's check-in point: "workshop-12"."""
    return f"{WORKSHOP_POINT}{workshop_id}"


def workshop_label(workshop: Workshop) -> str:
    """Return a workshop as the desk shows it: its title and where its room is."""
    return f"{workshop.title} — {workshops.room_place(workshop.room)}"


def _plenary() -> Point:
    return Point(PLENARY, str(_l("Hội trường (phiên toàn thể)")))


def _at_workshop(workshop: Workshop) -> Point:
    return Point(
        workshop_point(workshop.id),
        _("Hội thảo: %(workshop)s", workshop=workshop_label(workshop)),
        workshop.id,
    )


def points(event: Event) -> list[Point]:
    """Return where delegates are checked in: the plenary hall and each workshop's room."""
    return [_plenary(), *(_at_workshop(workshop) for workshop in workshops.workshops(event))]


def point_for(event: Event, code: str) -> Point:
    """Return the check-in point with this code, or refuse with "unknown_point"."""
    if code == PLENARY:
        return _plenary()
    # At most nine ASCII digits: anything longer cannot be an id and overflows PostgreSQL's integer.
    ident = re.fullmatch(re.escape(WORKSHOP_POINT) + r"([0-9]{1,9})", code)
    workshop = workshops.get_workshop(event, int(ident[1])) if ident else None
    if workshop is None:
        raise CheckInError("unknown_point")
    return _at_workshop(workshop)


def _result(delegate: Delegate, ok: bool, reason: str = "", **extra) -> ScanResult:
    return ScanResult(
        ok=ok, reason=reason, delegate_id=delegate.id, name=delegate.full_name,
        honorific=delegate.honorific.value, organization=delegate.organization,
        category=delegate.category.badge_label, category_color=delegate.category.color, **extra,
    )  # fmt: skip


def _standing_at(point: str):
    return (CheckIn.point == point) & CheckIn.undone_at.is_(None)


def _standing(delegate_id: int, point: str) -> CheckIn | None:
    return db.session.scalar(
        select(CheckIn).where(CheckIn.delegate_id == delegate_id, _standing_at(point))
    )


def _whereabouts(delegate: Delegate, point: Point, held: list[Workshop]) -> dict[str, str]:
    """Say where the delegate sits in the room of this point, and which workshop is theirs.

    At a workshop's door that is this workshop when they hold a seat in it, otherwise the
    ones they do hold; at the plenary, every workshop they hold a seat in.
    """
    shown = [workshop for workshop in held if workshop.id == point.workshop_id] or held
    return {
        "seat": seating.seat_of(delegate, point.workshop_id) or "",
        "workshop": "; ".join(workshop_label(workshop) for workshop in shown),
    }


def _check_in(event: Event, delegate: Delegate, point: Point, desk: str, actor: Actor,
              device: ScanDevice | None, now: datetime) -> ScanResult:  # fmt: skip
    if delegate.event_id != event.id:
        return ScanResult(ok=False, reason="unknown_code")
    if delegate.status in (DelegateStatus.CANCELLED, DelegateStatus.DECLINED):
        return _result(delegate, False, "cancelled")
    if delegate.status != DelegateStatus.CONFIRMED:
        return _result(delegate, False, "not_confirmed")
    held = [placement.workshop for placement in workshops.placements_of(delegate)]
    # Worked out before the insert: after a refused insert the session starts afresh.
    where = _whereabouts(delegate, point, held)
    if point.workshop_id is not None and all(w.id != point.workshop_id for w in held):
        return _result(delegate, False, "wrong_workshop", **where)
    check_in = CheckIn(
        event_id=event.id, delegate_id=delegate.id, point=point.code, desk=text.normalize(desk)[:60],
        at=now, by_id=actor.user.id if actor.user else None, device_id=device.id if device else None,
    )  # fmt: skip
    db.session.add(check_in)
    try:
        db.session.flush()
    except IntegrityError:  # already in: by this desk a moment ago, or another desk just now
        db.session.rollback()
        earlier = _standing(delegate.id, point.code)
        return _result(
            delegate, False, "already_checked_in", earlier_at=earlier.at,
            earlier_desk=earlier.desk, **where,
        )  # fmt: skip
    audit.record("checkin.scan", check_in, actor, after={"point": point.code, "desk": check_in.desk},
                 summary=delegate.full_name)  # fmt: skip
    db.session.commit()
    return _result(delegate, True, check_in_id=check_in.id, at=check_in.at, **where)


def scan(event: Event, scanned: str, point_code: str, desk: str, actor: Actor,
         now: datetime, device: ScanDevice | None = None) -> ScanResult:  # fmt: skip
    """Check in the holder of a scanned badge, or say why not."""
    point = point_for(event, point_code)
    badge = badges.badge_for_scan(scanned)
    if badge is None:
        return ScanResult(ok=False, reason="unknown_code")
    return _check_in(event, badge.delegate, point, desk, actor, device, now)


def check_in_delegate(event: Event, delegate_id: int, point_code: str, desk: str,
                      actor: Actor, now: datetime) -> ScanResult:  # fmt: skip
    """Check in someone found by name, who came without their badge."""
    point = point_for(event, point_code)
    delegate = db.session.get(Delegate, delegate_id)
    if delegate is None:
        return ScanResult(ok=False, reason="unknown_code")
    return _check_in(event, delegate, point, desk, actor, None, now)


def undo(event: Event, check_in_id: int, actor: Actor, now: datetime) -> CheckIn:
    """Take back a check-in recorded by mistake; the record stays, marked undone."""
    check_in = db.session.get(CheckIn, check_in_id)
    if check_in is None or check_in.event_id != event.id:
        raise CheckInError("unknown_check_in")
    if check_in.undone_at is not None:
        raise CheckInError("already_undone")
    check_in.undone_at = now
    check_in.undone_by_id = actor.user.id if actor.user else None
    audit.record("checkin.undo", check_in, actor, before={"point": check_in.point, "desk": check_in.desk},
                 summary=check_in.delegate.full_name)  # fmt: skip
    db.session.commit()
    return check_in


def recent(event: Event, point_code: str, desk: str, limit: int = 8) -> list[CheckIn]:
    """Return this desk's latest check-ins, newest first, for the desk to correct mistakes."""
    return list(
        db.session.scalars(
            select(CheckIn)
            .options(joinedload(CheckIn.delegate))
            .where(CheckIn.event_id == event.id, CheckIn.point == point_code, CheckIn.desk == desk)
            .order_by(CheckIn.id.desc())
            .limit(limit)
        )
    )


@dataclass(frozen=True)
class Found:
    delegate: Delegate
    check_in: CheckIn | None
    expected_here: bool  # False at a workshop's door for someone without a seat in it


def search(event: Event, query: str, point_code: str) -> list[Found]:
    """Find delegates by name or organisation, accents optional, with their check-in here."""
    words = text.fold(query).split()
    if not words:
        return []
    point = point_for(event, point_code)
    order = [Delegate.status != DelegateStatus.CONFIRMED, Delegate.name_order]
    if point.workshop_id is None:
        placed_here = true()
    else:
        placed_here = (
            select(WorkshopPlacement.id)
            .where(
                WorkshopPlacement.delegate_id == Delegate.id,
                WorkshopPlacement.workshop_id == point.workshop_id,
            )
            .exists()
        )
        order.insert(1, ~placed_here)
    statement = (
        select(Delegate, CheckIn, placed_here)
        .options(joinedload(Delegate.category))
        .outerjoin(CheckIn, (CheckIn.delegate_id == Delegate.id) & _standing_at(point.code))
        .where(Delegate.event_id == event.id)
        .order_by(*order)
        .limit(SEARCH_LIMIT)
    )
    for word in words:
        statement = statement.where(Delegate.search_text.contains(word, autoescape=True))
    return [Found(*row) for row in db.session.execute(statement)]


@dataclass(frozen=True)
class Attendance:
    key: str  # a category's code, or a check-in point's
    label: str
    arrived: int
    expected: int

    @property
    def share(self) -> float:
        return self.arrived / self.expected if self.expected else 0.0


def _standing_at_workshops(event: Event):
    return (
        (CheckIn.event_id == event.id)
        & CheckIn.point.startswith(WORKSHOP_POINT)
        & CheckIn.undone_at.is_(None)
    )


def attendance(event: Event) -> tuple[Attendance, list[Attendance]]:
    """Return arrived / expected at the plenary: in total and for each category that sits there.

    Categories without a plenary place (the exhibitors' booth staff) count in neither figure.
    """
    expected = dict(
        db.session.execute(
            select(Delegate.category_id, func.count())
            .join(DelegateCategory, Delegate.category_id == DelegateCategory.id)
            .where(
                Delegate.event_id == event.id,
                Delegate.status == DelegateStatus.CONFIRMED,
                DelegateCategory.plenary_place,
            )
            .group_by(Delegate.category_id)
        ).all()
    )
    arrived = dict(
        db.session.execute(
            select(Delegate.category_id, func.count())
            .join(CheckIn, CheckIn.delegate_id == Delegate.id)
            .join(DelegateCategory, Delegate.category_id == DelegateCategory.id)
            .where(
                CheckIn.event_id == event.id, _standing_at(PLENARY), DelegateCategory.plenary_place
            )
            .group_by(Delegate.category_id)
        ).all()
    )
    rows = [
        Attendance(
            category.code, category.name, arrived.get(category.id, 0), expected.get(category.id, 0)
        )
        for category in event.categories
        if expected.get(category.id) or arrived.get(category.id)
    ]
    total = Attendance("total", str(_l("Tổng cộng")), sum(arrived.values()), sum(expected.values()))
    return total, rows


def workshop_attendance(event: Event) -> list[Attendance]:
    """Return arrived / expected at each workshop; expected are the delegates placed in it."""
    placed = dict(
        db.session.execute(
            select(WorkshopPlacement.workshop_id, func.count())
            .join(Workshop)
            .where(Workshop.event_id == event.id)
            .group_by(WorkshopPlacement.workshop_id)
        ).all()
    )
    arrived = dict(
        db.session.execute(
            select(CheckIn.point, func.count())
            .where(_standing_at_workshops(event))
            .group_by(CheckIn.point)
        ).all()
    )
    return [
        Attendance(
            workshop_point(workshop.id), workshop_label(workshop),
            arrived.get(workshop_point(workshop.id), 0), placed.get(workshop.id, 0),
        )
        for workshop in workshops.workshops(event)
    ]  # fmt: skip


def attendance_workbook(event: Event, now: datetime) -> bytes:
    """Return who was expected and who arrived, when and where, as XLSX.

    One row per confirmed delegate: the plenary check-in, then a column per workshop saying
    when they came in, "Chưa đến" while they are awaited, empty where they hold no seat.
    """
    rows = db.session.execute(
        select(Delegate, DelegateCategory.name, CheckIn)
        .join(DelegateCategory, Delegate.category_id == DelegateCategory.id)
        .outerjoin(CheckIn, (CheckIn.delegate_id == Delegate.id) & _standing_at(PLENARY))
        .where(Delegate.event_id == event.id, Delegate.status == DelegateStatus.CONFIRMED)
        .order_by(DelegateCategory.protocol_rank, Delegate.name_order)
    ).all()
    all_workshops = workshops.workshops(event)
    placed = {
        (delegate_id, workshop_id)
        for delegate_id, workshop_id in db.session.execute(
            select(WorkshopPlacement.delegate_id, WorkshopPlacement.workshop_id)
            .join(Workshop)
            .where(Workshop.event_id == event.id)
        )
    }
    came_at = {
        (delegate_id, point): at
        for delegate_id, point, at in db.session.execute(
            select(CheckIn.delegate_id, CheckIn.point, CheckIn.at).where(
                _standing_at_workshops(event)
            )
        )
    }

    def at_workshop(delegate: Delegate, workshop: Workshop) -> str:
        at = came_at.get((delegate.id, workshop_point(workshop.id)))
        if at is not None:
            return to_local(at).strftime("%H:%M")
        return "Chưa đến" if (delegate.id, workshop.id) in placed else ""

    sheet = Sheet(
        "Điểm danh",
        [("TT", 6), ("Họ và tên", 28), ("Chức vụ", 28), ("Đơn vị", 36), ("Thành phần", 30),
         ("Đã đến", 9), ("Lúc", 9), ("Bàn đón tiếp", 16),
         *((f"Hội thảo: {workshop.title}", 18) for workshop in all_workshops)],
        [
            [number, delegate.full_name, delegate.position, delegate.organization, category,
             "Có" if check_in else "", to_local(check_in.at).strftime("%H:%M") if check_in else "",
             check_in.desk if check_in else "",
             *(at_workshop(delegate, workshop) for workshop in all_workshops)]
            for number, (delegate, category, check_in) in enumerate(rows, start=1)
        ],
    )  # fmt: skip
    return write_xlsx([sheet], now)


# --- scanning devices -------------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_device(name: str, actor: Actor) -> tuple[ScanDevice, str]:
    """Register a scanning device; return it and its token, which is shown this once only."""
    token = secrets.token_urlsafe(32)
    device = ScanDevice(
        name=text.normalize(name),
        token_hash=_hash(token),
        created_by_id=actor.user.id if actor.user else None,
    )
    db.session.add(device)
    audit.record("checkin.device_add", device, actor, summary=device.name)
    db.session.commit()
    return device, token


def revoke_device(device_id: int, actor: Actor, now: datetime) -> ScanDevice:
    device = db.session.get(ScanDevice, device_id)
    if device is None:
        raise CheckInError("unknown_device")
    device.revoked_at = now
    audit.record("checkin.device_revoke", device, actor, summary=device.name)
    db.session.commit()
    return device


def device_for_token(token: str) -> ScanDevice | None:
    """Return the active device holding this token, noting that it was seen."""
    device = db.session.scalar(
        select(ScanDevice).where(
            ScanDevice.token_hash == _hash(token), ScanDevice.revoked_at.is_(None)
        )
    )
    if device is not None:
        device.last_used_at = utcnow()
    return device


def devices() -> list[ScanDevice]:
    return list(
        db.session.scalars(
            select(ScanDevice).order_by(ScanDevice.revoked_at.is_not(None), ScanDevice.name)
        )
    )
