"""Seat plans: rooms and their layouts, the plenary by protocol, workshops in allocation order.

`plan_seating` seats every audience with ``planner.plan_seating``: the plenary's confirmed
delegates by protocol (front rows for the categories in ``FRONT_ROW_CATEGORIES``, press at
the side, award recipients together near an aisle, then by category rank and the organizers'
order), each workshop's delegates in the order the allocation placed them. Seats an organizer
locked, or moved by hand, stay where they are when planning again.

Hand edits do not take the event lock: the database's unique constraints (one person per
seat, one seat per person in a plan) decide between two organizers who act at once, and the
loser is told the seat was just taken.

Award recipients are the delegates the approved commendation list names
(``nominations.services.award_recipient_ids``); organizers link a nomination to its delegate.

This module builds on workshops and registration, and listens to their signals: a delegate
who leaves the event loses their seats; a workshop seat given or taken back frees or fills a
seat in that workshop's room (once its plan has been made).
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from conference import text
from conference.audit import services as audit
from conference.audit.services import Actor
from conference.events.models import DelegateCategory, Event
from conference.extensions import db
from conference.nominations import services as nominations
from conference.registration import services as registration
from conference.registration.labels import HONORIFIC_LABELS
from conference.registration.models import Delegate, DelegateStatus
from conference.seating import pdf, planner, svg
from conference.seating.models import ProtocolEntry, SeatAssignment, SeatPlan
from conference.timeutil import to_local
from conference.workshops import services as workshops
from conference.workshops.models import Room, Workshop, WorkshopPlacement

# Categories seated in the reserved front rows, and the press, seated at the side walls.
FRONT_ROW_CATEGORIES = frozenset({"trung_uong", "lanh_dao_tp"})
PRESS_CATEGORIES = frozenset({"bao_chi"})


class SeatingError(Exception):
    """A seating change was refused; `reason` says why and `data` carries the details."""

    def __init__(self, reason: str, **data):
        super().__init__(reason)
        self.reason = reason
        self.data = data


@dataclass(frozen=True)
class PlanLine:
    """One audience on the overview: the plenary or a workshop, with how many are seated."""

    title: str
    room: Room | None
    plan: SeatPlan | None
    workshop: Workshop | None
    audience: int
    seated: int


@dataclass(frozen=True)
class Report:
    """What planning one audience did."""

    title: str
    seated: int
    unseated: list[Delegate]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class SeatedPerson:
    seat: str
    delegate: Delegate
    locked: bool
    award: bool


@dataclass(frozen=True)
class LegendLine:
    category: DelegateCategory
    count: int


@dataclass
class PlanPage:
    """Everything the seat-map page and the printouts show for one plan."""

    plan: SeatPlan
    title: str
    room: Room
    layout: planner.Layout
    seated: list[SeatedPerson]
    unseated: list[Delegate]
    legend: list[LegendLine]
    award_ids: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class DelegateSeat:
    """A seat of a delegate's, as their personal page shows it."""

    title: str  # the plenary or the workshop's title
    room: Room
    seat: str
    svg: str

    @property
    def row(self) -> str:
        return planner.parse_seat(self.seat)[0]

    @property
    def number(self) -> int:
        return planner.parse_seat(self.seat)[1]


@dataclass(frozen=True)
class SeatChange:
    """Someone a hand edit moved, and the seat they sit in now."""

    delegate: Delegate
    seat: str


@dataclass(frozen=True)
class ProtocolGroup:
    """Delegates the organizers order in one list: the front rows' guests, or one category."""

    categories: tuple[DelegateCategory, ...]
    front: bool


# --- rooms --------------------------------------------------------------------------------------


def get_room(event: Event, room_id: int) -> Room | None:
    room = db.session.get(Room, room_id)
    return room if room is not None and room.event_id == event.id else None


def rooms(event: Event) -> list[Room]:
    return workshops.rooms(event)


def _plans_in(room: Room) -> list[SeatPlan]:
    """Return the plans held in a room: the plenary's if it is there, and its workshops'."""
    return list(
        db.session.scalars(
            select(SeatPlan)
            .outerjoin(Workshop, Workshop.id == SeatPlan.workshop_id)
            .where((SeatPlan.room_id == room.id) | (Workshop.room_id == room.id))
        )
    )


def save_room(
    event: Event, actor: Actor, name: str, location: str, layout: Mapping, room: Room | None = None
) -> Room:
    """Add a room or change one; a layout may not drop a seat someone sits in."""
    try:
        checked = planner.layout_from_dict(layout)
    except planner.SeatingError as error:
        raise SeatingError("layout_invalid", detail=error.reason, subject=error.subject) from error
    registration.lock_places(event)
    if room is not None:
        seats = set(checked.seat_labels())
        plan_ids = [plan.id for plan in _plans_in(room)]
        lost = sorted(
            db.session.scalars(
                select(SeatAssignment.seat).where(
                    SeatAssignment.plan_id.in_(plan_ids), SeatAssignment.seat.not_in(seats)
                )
            ),
            key=_seat_key,
        )
        if lost:
            db.session.rollback()
            raise SeatingError("seats_in_use", seats=", ".join(lost))
        larger = db.session.scalar(
            select(Workshop)
            .where(Workshop.room_id == room.id, Workshop.capacity > checked.capacity)
            .limit(1)
        )
        if larger is not None:
            db.session.rollback()
            raise SeatingError(
                "below_workshop_capacity", title=larger.title, capacity=larger.capacity
            )
    before = audit.snapshot(room, "name", "location", "capacity") if room else None
    if room is None:
        room = Room(event=event)
        db.session.add(room)
    room.name, room.location = text.normalize(name), text.normalize(location)
    room.layout = planner.layout_to_dict(checked)
    room.capacity = checked.capacity
    try:
        db.session.flush()
    except IntegrityError as error:
        db.session.rollback()
        raise SeatingError("name_taken") from error
    workshops.note_room_change(room)
    audit.record(
        "room.update" if before else "room.create", room, actor, before=before,
        after={**audit.snapshot(room, "name", "location", "capacity"), "layout": room.layout},
        summary=room.name,
    )  # fmt: skip
    db.session.commit()
    return room


def delete_room(room: Room, actor: Actor) -> None:
    """Remove a room that no workshop and not the plenary uses."""
    registration.lock_places(room.event)
    user = db.session.scalar(select(Workshop.title).where(Workshop.room_id == room.id).limit(1))
    if user is not None:
        db.session.rollback()
        raise SeatingError("room_in_use", title=user)
    if db.session.scalar(select(SeatPlan.id).where(SeatPlan.room_id == room.id).limit(1)):
        db.session.rollback()
        raise SeatingError("room_is_plenary")
    audit.record("room.delete", room, actor, before={"name": room.name}, summary=room.name)
    db.session.delete(room)
    db.session.commit()


def _seat_key(label: str) -> tuple:
    row, number = planner.parse_seat(label) if label[:1].isalpha() else ("", 0)
    return len(row), row, number


# --- plans ----------------------------------------------------------------------------------------


def plenary_plan(event: Event) -> SeatPlan | None:
    return db.session.scalar(
        select(SeatPlan)
        .options(joinedload(SeatPlan.plenary_room))
        .where(SeatPlan.event_id == event.id, SeatPlan.workshop_id.is_(None))
    )


def get_plan(event: Event, plan_id: int) -> SeatPlan | None:
    plan = db.session.get(SeatPlan, plan_id)
    return plan if plan is not None and plan.event_id == event.id else None


def set_plenary_room(event: Event, room: Room, actor: Actor) -> SeatPlan:
    """Hold the plenary in a room; seats given in another room are cleared."""
    registration.lock_places(event)
    plan = plenary_plan(event)
    if plan is None:
        plan = SeatPlan(event=event)
        db.session.add(plan)
    if plan.room_id != room.id:
        before = plan.plenary_room.name if plan.plenary_room else None
        if plan.id is not None:
            db.session.execute(delete(SeatAssignment).where(SeatAssignment.plan_id == plan.id))
            plan.planned_at = None
        plan.plenary_room = room
        db.session.flush()
        audit.record(
            "seating.plenary_room", event, actor, before={"room": before},
            after={"room": room.name}, summary=room.name,
        )  # fmt: skip
    db.session.commit()
    return plan


def _workshop_plan(workshop: Workshop) -> SeatPlan:
    plan = db.session.scalar(select(SeatPlan).where(SeatPlan.workshop_id == workshop.id))
    if plan is None:  # no race: callers hold the event lock
        plan = SeatPlan(event_id=workshop.event_id, workshop=workshop)
        db.session.add(plan)
        db.session.flush()
    return plan


def plan_lines(event: Event) -> list[PlanLine]:
    """Return the plenary and every workshop with their rooms and seat counts, in a few queries."""
    seated = dict(
        db.session.execute(
            select(SeatAssignment.plan_id, func.count())
            .join(SeatPlan)
            .where(SeatPlan.event_id == event.id)
            .group_by(SeatAssignment.plan_id)
        ).all()
    )
    plans = {
        plan.workshop_id: plan
        for plan in db.session.scalars(
            select(SeatPlan)
            .options(joinedload(SeatPlan.plenary_room))
            .where(SeatPlan.event_id == event.id)
        )
    }
    placed = dict(
        db.session.execute(
            select(WorkshopPlacement.workshop_id, func.count())
            .join(Workshop)
            .where(Workshop.event_id == event.id)
            .group_by(WorkshopPlacement.workshop_id)
        ).all()
    )
    plenary = plans.get(None)
    lines = [
        PlanLine(
            _("Hội nghị toàn thể"),
            plenary.plenary_room if plenary else None,
            plenary,
            None,
            registration.confirmed_count(event),
            seated.get(plenary.id, 0) if plenary else 0,
        )
    ]
    for workshop in workshops.workshops(event):
        plan = plans.get(workshop.id)
        lines.append(
            PlanLine(
                workshop.title,
                workshop.room,
                plan,
                workshop,
                placed.get(workshop.id, 0),
                seated.get(plan.id, 0) if plan else 0,
            )
        )
    return lines


def _title(plan: SeatPlan) -> str:
    return plan.workshop.title if plan.workshop else _("Hội nghị toàn thể")


def _protocol(event: Event) -> dict[int, ProtocolEntry]:
    return {
        entry.delegate_id: entry
        for entry in db.session.scalars(
            select(ProtocolEntry).where(ProtocolEntry.event_id == event.id)
        )
    }


def _audience(plan: SeatPlan) -> list[tuple[Delegate, planner.Person]]:
    """Return who sits in the plan's room, each with what the planner needs to know."""
    locked = {
        a.delegate_id: a.seat
        for a in db.session.scalars(
            select(SeatAssignment).where(
                SeatAssignment.plan_id == plan.id, SeatAssignment.locked.is_(True)
            )
        )
    }
    if plan.workshop is not None:
        placed = workshops.placed_in(plan.workshop)
        return [
            (
                p.delegate,
                planner.Person(p.delegate_id, order=i, locked_seat=locked.get(p.delegate_id)),
            )
            for i, p in enumerate(placed)
        ]
    protocol = _protocol(plan.event)
    awards = nominations.award_recipient_ids(plan.event)
    # Only those who hold a plenary place: the exhibitors' booth staff work at the exhibition.
    delegates = db.session.scalars(
        select(Delegate)
        .join(Delegate.category)
        .options(joinedload(Delegate.category))
        .where(
            Delegate.event_id == plan.event_id,
            Delegate.status == DelegateStatus.CONFIRMED,
            DelegateCategory.plenary_place,
        )
        .order_by(Delegate.id)
    ).all()
    people = []
    for delegate in delegates:
        entry = protocol.get(delegate.id)
        code = delegate.category.code
        person = planner.Person(
            delegate.id,
            protocol_rank=delegate.category.protocol_rank,
            order=entry.protocol_order if entry else None,
            front=code in FRONT_ROW_CATEGORIES,
            award=delegate.id in awards,
            press=code in PRESS_CATEGORIES,
            locked_seat=locked.get(delegate.id),
        )
        people.append((delegate, person))
    return people


def _layout(room: Room) -> planner.Layout:
    return planner.layout_from_dict(room.layout)


def _store(plan: SeatPlan, seats: Mapping[int, str], keep: Iterable[int]) -> None:
    """Replace the plan's seats, except the delegates in `keep`, by `seats`."""
    keep = set(keep)
    db.session.execute(
        delete(SeatAssignment).where(
            SeatAssignment.plan_id == plan.id, SeatAssignment.delegate_id.not_in(keep)
        )
    )
    db.session.flush()
    db.session.add_all(
        SeatAssignment(plan_id=plan.id, delegate_id=delegate_id, seat=seat)
        for delegate_id, seat in seats.items()
        if delegate_id not in keep
    )
    db.session.flush()


def _plan_one(plan: SeatPlan, actor: Actor, now: datetime, *, keep_everyone: bool) -> Report:
    room = plan.room
    audience = _audience(plan)
    people = [person for _delegate, person in audience]
    if keep_everyone:
        current = _current_seats(plan)
        people = [replace(person, locked_seat=current.get(person.id)) for person in people]
    try:
        result = planner.plan_seating(_layout(room), people)
    except planner.SeatingError as error:
        raise SeatingError("plan_failed", detail=error.reason, title=_title(plan)) from error
    kept = [person.id for person in people if person.locked_seat is not None]
    _store(plan, result.seats, kept)
    plan.planned_at = now
    by_id = {delegate.id: delegate for delegate, _person in audience}
    report = Report(
        _title(plan),
        len(result.seats),
        [by_id[u.person_id] for u in result.unseated],
        result.notes,
    )
    audit.record(
        "seating.plan", plan, actor,
        after={"room": room.name, "seated": report.seated, "unseated": len(report.unseated),
               "kept": len(kept), "notes": list(result.notes)},
        summary=report.title,
    )  # fmt: skip
    return report


def _current_seats(plan: SeatPlan) -> dict[int, str]:
    return dict(
        db.session.execute(
            select(SeatAssignment.delegate_id, SeatAssignment.seat).where(
                SeatAssignment.plan_id == plan.id
            )
        ).all()
    )


def plan_seating(event: Event, actor: Actor, now: datetime) -> list[Report]:
    """Seat the plenary and every workshop anew, keeping locked seats."""
    registration.lock_places(event)
    plans = []
    plenary = plenary_plan(event)
    if plenary is not None and plenary.plenary_room is not None:
        plans.append(plenary)
    plans += [_workshop_plan(workshop) for workshop in workshops.workshops(event)]
    reports = [_plan_one(plan, actor, now, keep_everyone=False) for plan in plans]
    db.session.commit()
    return reports


def seat_newcomers(plan: SeatPlan, actor: Actor, now: datetime) -> Report:
    """Give free seats to those of the audience without one; nobody else moves."""
    registration.lock_places(plan.event)
    report = _plan_one(plan, actor, now, keep_everyone=True)
    db.session.commit()
    return report


# --- hand edits -----------------------------------------------------------------------------------


def _assignment_at(plan: SeatPlan, seat: str) -> SeatAssignment | None:
    return db.session.scalar(
        select(SeatAssignment).where(SeatAssignment.plan_id == plan.id, SeatAssignment.seat == seat)
    )


def _check_seat(plan: SeatPlan, seat: str) -> str:
    seat = seat.strip().upper()
    layout = _layout(plan.room)
    if seat in layout.blocked:
        raise SeatingError("seat_blocked", seat=seat)
    if seat not in set(layout.seat_labels()):
        raise SeatingError("seat_unknown", seat=seat)
    return seat


@contextmanager
def _claiming(seat: str):
    """Run seat changes and commit them; if another organizer took the seat meanwhile, say so.

    Everything that writes goes inside: the database may refuse at any flush, not only at
    the commit.
    """
    try:
        yield
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise SeatingError("seat_conflict", seat=seat) from error


def place(plan: SeatPlan, delegate: Delegate, seat: str, actor: Actor) -> None:
    """Put someone of the audience in a free seat, and lock it there."""
    seat = _check_seat(plan, seat)
    if delegate.id not in {d.id for d, _person in _audience(plan)}:
        raise SeatingError("not_in_audience")
    occupant = _assignment_at(plan, seat)
    if occupant is not None and occupant.delegate_id != delegate.id:
        raise SeatingError("seat_taken", seat=seat, name=occupant.delegate.full_name)
    with _claiming(seat):
        assignment = db.session.scalar(
            select(SeatAssignment).where(
                SeatAssignment.plan_id == plan.id, SeatAssignment.delegate_id == delegate.id
            )
        )
        before = assignment.seat if assignment else None
        if assignment is None:
            assignment = SeatAssignment(plan_id=plan.id, delegate_id=delegate.id)
            db.session.add(assignment)
        assignment.seat, assignment.locked = seat, True
        db.session.flush()
        audit.record(
            "seating.move", delegate, actor, before={"seat": before},
            after={"seat": seat, "plan": _title(plan)}, summary=delegate.full_name,
        )  # fmt: skip


def exchange(plan: SeatPlan, first: str, second: str, actor: Actor) -> list[SeatChange]:
    """Swap the people in two seats, or move one into the other seat if it is free; lock both.

    Return who moved where: one change for a move, two for a swap.
    """
    first, second = _check_seat(plan, first), _check_seat(plan, second)
    if first == second:
        raise SeatingError("same_seat", seat=first)
    one, other = _assignment_at(plan, first), _assignment_at(plan, second)
    if one is None and other is None:
        raise SeatingError("both_free", first=first, second=second)
    if one is None:
        one, other, first, second = other, None, second, first
    if other is None:
        place(plan, one.delegate, second, actor)
        return [SeatChange(one.delegate, second)]
    with _claiming(second):
        # (plan, seat) is unique at every statement: park one person on a seat no layout has.
        one.seat = f"~{one.id}"
        db.session.flush()
        other.seat, other.locked = first, True
        db.session.flush()
        one.seat, one.locked = second, True
        db.session.flush()
        for assignment, was, now_at in ((one, first, second), (other, second, first)):
            audit.record(
                "seating.swap", assignment.delegate, actor, before={"seat": was},
                after={"seat": now_at, "plan": _title(plan)},
                summary=assignment.delegate.full_name,
            )  # fmt: skip
    return [SeatChange(one.delegate, second), SeatChange(other.delegate, first)]


def set_locked(plan: SeatPlan, seat: str, locked: bool, actor: Actor) -> None:
    """Lock a seat so that planning again keeps its occupant there, or unlock it."""
    assignment = _assignment_at(plan, seat)
    if assignment is None:
        raise SeatingError("seat_free", seat=seat)
    if assignment.locked != locked:
        assignment.locked = locked
        audit.record(
            "seating.lock" if locked else "seating.unlock", assignment.delegate, actor,
            after={"seat": seat, "plan": _title(plan)}, summary=assignment.delegate.full_name,
        )  # fmt: skip
    db.session.commit()


# --- protocol: the organizers' order and award recipients ---------------------------------------


def set_protocol_order(event: Event, orders: Mapping[int, int | None], actor: Actor) -> None:
    """Set the organizers' order of delegates in their protocol groups (lower sits nearer).

    None takes a delegate's order away: they sit after everyone ordered in their group.
    """
    valid = set(
        db.session.scalars(
            select(Delegate.id).where(Delegate.event_id == event.id, Delegate.id.in_(list(orders)))
        )
    )
    entries = _protocol(event)
    changed = {}
    for delegate_id, order in orders.items():
        entry = entries.get(delegate_id)
        if delegate_id not in valid or order == (entry.protocol_order if entry else None):
            continue
        if order is None:
            db.session.delete(entry)
        elif entry is None:
            db.session.add(
                ProtocolEntry(delegate_id=delegate_id, event_id=event.id, protocol_order=order)
            )
        else:
            entry.protocol_order = order
        changed[str(delegate_id)] = order
    if changed:
        audit.record("seating.order", event, actor, after={"orders": changed})
    db.session.commit()


def protocol_groups(event: Event) -> list[ProtocolGroup]:
    """Return the front rows' categories as one group, then every other category on its own."""
    front = tuple(c for c in event.categories if c.code in FRONT_ROW_CATEGORIES)
    others = [ProtocolGroup((c,), front=False) for c in event.categories if c not in front]
    return [ProtocolGroup(front, front=True), *others] if front else others


def protocol_list(event: Event, group: ProtocolGroup) -> list[tuple[Delegate, int | None]]:
    """Return the group's confirmed delegates in the organizers' order, with that order.

    Equal orders fall back on the category's rank, then on registration, as the planner does.
    """
    entries = _protocol(event)
    delegates = db.session.scalars(
        select(Delegate)
        .options(joinedload(Delegate.category))
        .where(
            Delegate.event_id == event.id,
            Delegate.category_id.in_([c.id for c in group.categories]),
            Delegate.status == DelegateStatus.CONFIRMED,
        )
    ).all()
    ordered = [(d, entries[d.id].protocol_order if d.id in entries else None) for d in delegates]
    return sorted(
        ordered,
        key=lambda pair: (*planner.order_key(pair[1]), pair[0].category.protocol_rank, pair[0].id),
    )


# --- pages and printouts ----------------------------------------------------------------------------


def plan_page(plan: SeatPlan) -> PlanPage:
    """Return everything a seat map shows, in a constant number of queries."""
    room = plan.room
    layout = _layout(room)
    audience = [delegate for delegate, _person in _audience(plan)]
    by_id = {delegate.id: delegate for delegate in audience}
    order = {label: index for index, label in enumerate(layout.seat_labels())}
    assignments = db.session.scalars(
        select(SeatAssignment).where(SeatAssignment.plan_id == plan.id)
    ).all()
    awards = nominations.award_recipient_ids(plan.event) if plan.workshop is None else set()
    seated = sorted(
        (
            SeatedPerson(a.seat, by_id[a.delegate_id], a.locked, a.delegate_id in awards)
            for a in assignments
            if a.delegate_id in by_id and a.seat in order
        ),
        key=lambda person: order[person.seat],
    )
    seated_ids = {person.delegate.id for person in seated}
    counts = Counter(person.delegate.category_id for person in seated)
    categories = {d.category_id: d.category for d in audience}
    legend = [
        LegendLine(category, counts[category.id])
        for category in sorted(categories.values(), key=lambda c: (c.protocol_rank, c.id))
        if counts[category.id]
    ]
    return PlanPage(
        plan, _title(plan), room, layout, seated,
        [d for d in audience if d.id not in seated_ids], legend, awards,
    )  # fmt: skip


def svg_words() -> svg.Words:
    return svg.Words(
        stage=_("SÂN KHẤU"),
        free=_("ghế trống"),
        blocked=_("không sử dụng"),
        locked=_("đã khóa"),
        award=_("nhận khen thưởng"),
        you=_("chỗ của Quý vị"),
    )


def layout_svg(layout: planner.Layout, title: str) -> str:
    """Return an empty room's drawing, as the layout editor previews it."""
    return svg.render_svg(svg.SeatMap(layout, {}, svg_words(), title=title))


def plan_svg(page: PlanPage) -> str:
    seats = {
        person.seat: svg.SeatView(
            person.delegate.id,
            f"{HONORIFIC_LABELS[person.delegate.honorific]} {person.delegate.full_name}",
            _detail(person.delegate),
            person.delegate.category.color,
            locked=person.locked,
            award=person.award,
        )
        for person in page.seated
    }
    return svg.render_svg(
        svg.SeatMap(page.layout, seats, svg_words(), title=f"{page.title} — {page.room.name}")
    )


def _detail(delegate: Delegate) -> str:
    return ", ".join(part for part in (delegate.category.name, delegate.position) if part)


@force_locale("vi")
def plan_pdf(page: PlanPage, now: datetime) -> bytes:
    """Return the printed seat plan (sơ đồ chỗ ngồi) with its legend and the list by name."""
    event = page.plan.event
    local = to_local(now)
    people = sorted(page.seated, key=lambda person: text.name_sort_key(person.delegate.full_name))
    document = pdf.SeatPlanDocument(
        title="SƠ ĐỒ CHỖ NGỒI",
        subtitle=event.title if page.plan.workshop is None else f"Hội thảo: {page.title}",
        room=page.room.name,
        layout=page.layout,
        seats={
            person.seat: pdf.PrintedSeat(
                person.delegate.full_name, person.delegate.category.color, person.award
            )
            for person in page.seated
        },
        legend=[pdf.LegendEntry(line.category.name, line.category.color, line.count)
                for line in page.legend],
        people=[
            pdf.ListedPerson(
                f"{HONORIFIC_LABELS[person.delegate.honorific]} {person.delegate.full_name}",
                ", ".join(p for p in (person.delegate.position, person.delegate.organization) if p),
                person.seat,
            )
            for person in people
        ],
        place_and_date=f"Hà Nội, ngày {local.day:02d} tháng {local.month:02d} năm {local.year}",
    )  # fmt: skip
    return pdf.render_seat_plan(document)


@force_locale("vi")
def name_cards_pdf(page: PlanPage) -> bytes:
    """Return table name cards (biển tên) for the rows where the front-row guests sit."""
    guest_rows = {
        planner.parse_seat(person.seat)[0]
        for person in page.seated
        if person.delegate.category.code in FRONT_ROW_CATEGORIES
    }
    if not guest_rows and page.seated:
        guest_rows = {planner.parse_seat(page.seated[0].seat)[0]}
    cards = [
        pdf.NameCard(
            str(HONORIFIC_LABELS[person.delegate.honorific]),
            person.delegate.full_name,
            person.delegate.position,
            person.delegate.organization,
            person.seat,
        )
        for person in page.seated
        if planner.parse_seat(person.seat)[0] in guest_rows
    ]
    return pdf.render_name_cards(cards)


def delegate_seats(delegate: Delegate) -> list[DelegateSeat]:
    """Return the delegate's seats (plenary first), each with a map that names nobody else."""
    assignments = db.session.scalars(
        select(SeatAssignment)
        .options(joinedload(SeatAssignment.plan))
        .where(SeatAssignment.delegate_id == delegate.id)
    ).all()
    taken = defaultdict(set)
    for plan_id, seat in db.session.execute(
        select(SeatAssignment.plan_id, SeatAssignment.seat).where(
            SeatAssignment.plan_id.in_([a.plan_id for a in assignments])
        )
    ):
        taken[plan_id].add(seat)
    seats = []
    for assignment in sorted(assignments, key=lambda a: a.plan.workshop_id is not None):
        plan, room = assignment.plan, assignment.plan.room
        title = _title(plan)
        drawing = svg.render_svg(
            svg.SeatMap(
                _layout(room), {}, svg_words(), title=f"{title} — {room.name}",
                highlight=assignment.seat, occupied=frozenset(taken[plan.id]),
            )
        )  # fmt: skip
        seats.append(DelegateSeat(title, room, assignment.seat, drawing))
    return seats


def plenary_seats(event: Event) -> dict[int, str]:
    """Return delegate id → plenary seat, in one query: for badges, lists and check-in."""
    return dict(
        db.session.execute(
            select(SeatAssignment.delegate_id, SeatAssignment.seat)
            .join(SeatPlan)
            .where(SeatPlan.event_id == event.id, SeatPlan.workshop_id.is_(None))
        ).all()
    )


def seat_of(delegate: Delegate, workshop_id: int | None = None) -> str | None:
    """Return the delegate's seat at the plenary, or in a workshop: for the check-in desk."""
    audience = (
        SeatPlan.workshop_id.is_(None)
        if workshop_id is None
        else SeatPlan.workshop_id == workshop_id
    )
    return db.session.scalar(
        select(SeatAssignment.seat)
        .join(SeatPlan)
        .where(
            SeatAssignment.delegate_id == delegate.id,
            SeatPlan.event_id == delegate.event_id,
            audience,
        )
    )


# --- following registration and workshops ----------------------------------------------------------


@registration.delegate_leaving.connect
def _release(delegate: Delegate, actor: Actor, now: datetime) -> None:
    """Free every seat of a delegate who leaves the event (inside registration's transaction)."""
    db.session.execute(delete(SeatAssignment).where(SeatAssignment.delegate_id == delegate.id))
    # Explicitly: SQLite does not enforce ON DELETE CASCADE, and an erased delegate goes next.
    db.session.execute(delete(ProtocolEntry).where(ProtocolEntry.delegate_id == delegate.id))


@workshops.placements_changed.connect
def _follow(event: Event, removed: list, added: list) -> None:
    """Free the room seat of whoever lost a workshop seat; seat newcomers once the room is planned."""
    removed_by_workshop = defaultdict(list)
    for workshop_id, delegate_id in removed:
        removed_by_workshop[workshop_id].append(delegate_id)
    plans = {
        plan.workshop_id: plan
        for plan in db.session.scalars(
            select(SeatPlan).where(SeatPlan.workshop_id.in_({w for w, _d in [*removed, *added]}))
        )
    }
    for workshop_id, delegate_ids in removed_by_workshop.items():
        if workshop_id in plans:
            db.session.execute(
                delete(SeatAssignment).where(
                    SeatAssignment.plan_id == plans[workshop_id].id,
                    SeatAssignment.delegate_id.in_(delegate_ids),
                )
            )
    db.session.flush()
    for workshop_id in {w for w, _d in added}:
        plan = plans.get(workshop_id)
        if plan is not None and plan.planned_at is not None:
            _plan_one(plan, Actor.system(), plan.planned_at, keep_everyone=True)
