"""Workshops: the organizers' list, the delegates' ranked choices, the allocation, the waiting lists.

Every change to who holds a workshop seat starts with ``registration.lock_places(event)``, the
event's lock for anything that changes who holds a place, so such changes run one at a time
per event and the capacity is never exceeded on PostgreSQL or SQLite.

Before the first allocation nobody holds a seat except those an organizer pinned. `allocate`
then gives the seats (``allocation.allocate``: optimal, fair, deterministic for the event's
lottery seed) and keeps every pin. From then on a seat that frees up (a delegate cancels their
registration or leaves the workshop, an organizer adds seats) goes at once to the best-placed
person waiting (``allocation.fill_free_seats``), who is told by e-mail; each move is in the
audit log.

Imports point down: this module uses registration and is told by its ``delegate_leaving``
signal when a delegate leaves; it sends ``placements_changed`` for the seating feature, which
builds on it, to free and fill seats in the rooms.
"""

import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from blinker import Namespace
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import delete, func, select
from sqlalchemy.orm import joinedload

from conference import text
from conference.audit import services as audit
from conference.audit.services import Actor
from conference.events import services as events
from conference.events.models import DelegateCategory, Event
from conference.extensions import db
from conference.mail.services import send_mail
from conference.registration import services as registration
from conference.registration.labels import HONORIFIC_LABELS
from conference.registration.models import Delegate, DelegateStatus
from conference.workshops import allocation
from conference.workshops.models import (
    Room,
    Workshop,
    WorkshopChoice,
    WorkshopPlacement,
    WorkshopSettings,
)

MAX_CHOICES = 3
WORKSHOP_FIELDS = ("title", "description", "room_id", "starts_at", "ends_at", "capacity")

# Sent with the event inside the transaction that changed who holds workshop seats, with
# `removed` and `added`: lists of (workshop id, delegate id). Seating frees and fills seats.
placements_changed = Namespace().signal("workshop-placements-changed")


class WorkshopError(Exception):
    """A workshop change was refused; `reason` says why and `data` carries the details."""

    def __init__(self, reason: str, **data):
        super().__init__(reason)
        self.reason = reason
        self.data = data


@dataclass
class WorkshopData:
    """A workshop as the organizers' form gives it, already validated by the form."""

    title: str
    description: str
    room_id: int
    starts_at: datetime
    ends_at: datetime
    capacity: int
    category_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Slot:
    """Workshops whose times overlap, directly or through one another: one may attend one."""

    starts_at: datetime
    ends_at: datetime
    workshops: tuple[Workshop, ...]


@dataclass(frozen=True)
class WorkshopLine:
    workshop: Workshop
    placed: int
    waiting: int


@dataclass(frozen=True)
class Outcome:
    """Who holds what after an allocation, and how well they fared."""

    by_rank: dict[int, int]  # seats given by rank of choice; pinned unranked seats left out
    pinned: int
    asked: int  # delegates who ranked at least one workshop
    unplaced: list[Delegate]  # asked and got nothing, in lottery order
    lines: list[WorkshopLine]


@dataclass(frozen=True)
class WaitingPerson:
    delegate: Delegate
    rank: int  # the rank they gave this workshop
    holds: tuple[Workshop, ...]  # seats at the same time they would give up


@dataclass(frozen=True)
class DelegateWorkshops:
    """What a delegate's personal page shows: their choices, seats and places in line."""

    offered: bool  # the event has workshops at all
    choices: list[Workshop]  # best first
    placed: list[WorkshopPlacement]
    waiting: dict[int, int]  # workshop id → place in its waiting list (1 = next)
    closes_at: datetime
    open: bool
    allocated: bool


# --- settings, reading ------------------------------------------------------------------------


def get_settings(event: Event) -> WorkshopSettings | None:
    return db.session.get(WorkshopSettings, event.id)


def choices_close_at(event: Event) -> datetime:
    """Return when delegates stop choosing: the organizers' deadline, else registration's close."""
    settings = get_settings(event)
    if settings is not None and settings.choices_close_at is not None:
        return settings.choices_close_at
    return event.registration_closes_at


def choices_open(event: Event, now: datetime) -> bool:
    return now < choices_close_at(event)


def _lock(event: Event) -> WorkshopSettings:
    """Take the event's place lock and return its workshop settings, created on first use."""
    registration.lock_places(event)
    settings = get_settings(event)
    if settings is None:  # no race: the lock is held
        settings = WorkshopSettings(event_id=event.id, lottery_seed=secrets.token_hex(16))
        db.session.add(settings)
        db.session.flush()
    return settings


def set_deadline(event: Event, closes_at: datetime | None, actor: Actor) -> None:
    """Set when delegates stop choosing workshops, for every workshop (None: with registration)."""
    settings = _lock(event)
    if closes_at != settings.choices_close_at:
        audit.record(
            "workshop.deadline", event, actor,
            before={"choices_close_at": settings.choices_close_at},
            after={"choices_close_at": closes_at},
        )  # fmt: skip
        settings.choices_close_at = closes_at
    db.session.commit()


def workshops(event: Event) -> list[Workshop]:
    """Return the event's workshops by start time, with their rooms and categories, in one query."""
    return list(
        db.session.scalars(
            select(Workshop)
            .options(joinedload(Workshop.room), joinedload(Workshop.categories))
            .where(Workshop.event_id == event.id)
            .order_by(Workshop.starts_at, Workshop.ends_at, Workshop.id)
        ).unique()
    )


def get_workshop(event: Event, workshop_id: int) -> Workshop | None:
    workshop = db.session.get(Workshop, workshop_id)
    return workshop if workshop is not None and workshop.event_id == event.id else None


def slots(all_workshops: Iterable[Workshop]) -> list[Slot]:
    """Group workshops (sorted by start) into time slots of parallel workshops."""
    grouped: list[list[Workshop]] = []
    for workshop in sorted(all_workshops, key=lambda w: (w.starts_at, w.ends_at, w.id)):
        if grouped and workshop.starts_at < max(w.ends_at for w in grouped[-1]):
            grouped[-1].append(workshop)
        else:
            grouped.append([workshop])
    return [
        Slot(min(w.starts_at for w in group), max(w.ends_at for w in group), tuple(group))
        for group in grouped
    ]


def rooms(event: Event) -> list[Room]:
    return sorted(
        db.session.scalars(select(Room).where(Room.event_id == event.id)),
        key=lambda room: text.sort_key(room.name),
    )


# --- the state the allocation works on ----------------------------------------------------------


@dataclass
class _State:
    workshops: dict[int, Workshop]
    requests: list[allocation.Request]
    placements: list[WorkshopPlacement]
    seed: str
    _choices: dict[int, tuple[int, ...]] = field(init=False)

    def __post_init__(self):
        self._choices = {request.delegate_id: request.choices for request in self.requests}

    def solver_workshops(self) -> list[allocation.Workshop]:
        return [
            allocation.Workshop(w.id, w.capacity, w.starts_at, w.ends_at)
            for w in self.workshops.values()
        ]

    def rank(self, delegate_id: int, workshop_id: int) -> int | None:
        choices = self._choices.get(delegate_id, ())
        return choices.index(workshop_id) + 1 if workshop_id in choices else None

    def solver_placements(self) -> list[allocation.Placement]:
        return [
            allocation.Placement(
                p.delegate_id, p.workshop_id, self.rank(p.delegate_id, p.workshop_id), p.locked
            )
            for p in self.placements
        ]

    def waiting_lists(self) -> dict[int, tuple[allocation.WaitingEntry, ...]]:
        return allocation.waiting_lists(
            self.solver_workshops(), self.requests, self.solver_placements(), seed=self.seed
        )


def _requests(event: Event, leaving: Iterable[int] = ()) -> list[allocation.Request]:
    """Return the ranked choices of the delegates who hold a place, in one query."""
    rows = db.session.execute(
        select(WorkshopChoice.delegate_id, WorkshopChoice.workshop_id)
        .join(Delegate, Delegate.id == WorkshopChoice.delegate_id)
        .where(
            Delegate.event_id == event.id,
            Delegate.status == DelegateStatus.CONFIRMED,
            Delegate.id.not_in(list(leaving)),
        )
        .order_by(WorkshopChoice.delegate_id, WorkshopChoice.rank)
    )
    choices: dict[int, list[int]] = defaultdict(list)
    for delegate_id, workshop_id in rows:
        choices[delegate_id].append(workshop_id)
    return [allocation.Request(d, tuple(ranked)) for d, ranked in choices.items()]


def _placements(event: Event) -> list[WorkshopPlacement]:
    return list(
        db.session.scalars(
            select(WorkshopPlacement)
            .join(Workshop)
            .where(Workshop.event_id == event.id)
            .order_by(WorkshopPlacement.id)
        )
    )


def _state(event: Event, seed: str, leaving: Iterable[int] = ()) -> _State:
    leaving = list(leaving)
    return _State(
        workshops={w.id: w for w in workshops(event)},
        requests=_requests(event, leaving),
        placements=[p for p in _placements(event) if p.delegate_id not in leaving],
        seed=seed,
    )


def _seed(event: Event) -> str:
    # Read-only pages before the first write have no settings yet; any seed orders them alike.
    settings = get_settings(event)
    return settings.lottery_seed if settings is not None else ""


# --- organizers: workshops ----------------------------------------------------------------------


def _check_workshop(event: Event, data: WorkshopData, workshop: Workshop | None) -> Room:
    if data.ends_at <= data.starts_at:
        raise WorkshopError("ends_before_start")
    room = db.session.get(Room, data.room_id)
    if room is None or room.event_id != event.id:
        raise WorkshopError("unknown_room")
    if data.capacity > room.capacity:
        raise WorkshopError("capacity_above_room", room=room.name, seats=room.capacity)
    if workshop is None:
        return room
    placed = _placed_count(workshop)
    if data.capacity < placed:
        raise WorkshopError("capacity_below_placed", placed=placed)
    moved = (data.starts_at, data.ends_at) != (workshop.starts_at, workshop.ends_at)
    if moved and _clashes_if_moved(event, workshop, data.starts_at, data.ends_at):
        raise WorkshopError("times_clash_placements")
    return room


def _placed_count(workshop: Workshop) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(WorkshopPlacement)
        .where(WorkshopPlacement.workshop_id == workshop.id)
    )


def _clashes_if_moved(event: Event, workshop: Workshop, starts_at, ends_at) -> bool:
    """Tell whether someone placed here also holds a seat in a workshop the new times overlap."""
    moved = allocation.Workshop(workshop.id, workshop.capacity, starts_at, ends_at)
    others = {
        w.id: w
        for w in workshops(event)
        if w.id != workshop.id
        and allocation.overlaps(moved, allocation.Workshop(w.id, 0, w.starts_at, w.ends_at))
    }
    if not others:
        return False
    here = select(WorkshopPlacement.delegate_id).where(WorkshopPlacement.workshop_id == workshop.id)
    clash = db.session.scalar(
        select(WorkshopPlacement.id)
        .where(
            WorkshopPlacement.workshop_id.in_(list(others)),
            WorkshopPlacement.delegate_id.in_(here),
        )
        .limit(1)
    )
    return clash is not None


def save_workshop(
    event: Event, data: WorkshopData, actor: Actor, now: datetime, workshop: Workshop | None = None
) -> Workshop:
    """Add a workshop or change one; more seats go to the waiting list at once."""
    settings = _lock(event)
    room = _check_workshop(event, data, workshop)
    before = _snapshot(workshop) if workshop else None
    old_room_id = workshop.room_id if workshop else None
    if workshop is None:
        workshop = Workshop(event=event)
        db.session.add(workshop)
    workshop.title = text.normalize(data.title)
    workshop.description = text.normalize_multiline(data.description)
    workshop.room = room
    workshop.starts_at, workshop.ends_at = data.starts_at, data.ends_at
    workshop.capacity = data.capacity
    workshop.categories = list(
        db.session.scalars(
            select(DelegateCategory).where(
                DelegateCategory.event_id == event.id, DelegateCategory.id.in_(data.category_ids)
            )
        )
    )
    _note_schedule(workshop)
    db.session.flush()
    audit.record(
        "workshop.update" if before else "workshop.create", workshop, actor,
        before=before, after=_snapshot(workshop), summary=workshop.title,
    )  # fmt: skip
    if old_room_id is not None and old_room_id != room.id:
        # Everyone moves to the new room: seating frees their old seats and gives new ones.
        pairs = [(workshop.id, d) for d in _placed_ids(workshop)]
        placements_changed.send(event, removed=pairs, added=pairs)
    _refill(event, settings, actor, now)
    db.session.commit()
    return workshop


def room_place(room: Room) -> str:
    """Return where a room is, as calendars and desks show it: "Phòng 201, Tầng 2"."""
    return ", ".join(part for part in (room.name, room.location) if part)


def _note_schedule(workshop: Workshop) -> None:
    events.note_schedule(workshop, room_place(workshop.room))


def note_room_change(room: Room) -> None:
    """Tell calendars about the workshops held in a room that was renamed or moved (no commit)."""
    for workshop in db.session.scalars(select(Workshop).where(Workshop.room_id == room.id)):
        _note_schedule(workshop)


def _snapshot(workshop: Workshop) -> dict:
    return {
        **audit.snapshot(workshop, *WORKSHOP_FIELDS),
        "categories": sorted(c.code for c in workshop.categories),
    }


def _placed_ids(workshop: Workshop) -> list[int]:
    return list(
        db.session.scalars(
            select(WorkshopPlacement.delegate_id).where(
                WorkshopPlacement.workshop_id == workshop.id
            )
        )
    )


def delete_workshop(workshop: Workshop, actor: Actor) -> None:
    """Remove a workshop nobody holds a seat in; the choices made for it go with it."""
    _lock(workshop.event)
    placed = _placed_count(workshop)
    if placed:
        db.session.rollback()
        raise WorkshopError("has_placements", placed=placed)
    audit.record(
        "workshop.delete", workshop, actor, before=_snapshot(workshop), summary=workshop.title
    )
    # Explicitly, not by ON DELETE CASCADE: SQLite does not enforce foreign keys here.
    db.session.execute(delete(WorkshopChoice).where(WorkshopChoice.workshop_id == workshop.id))
    db.session.delete(workshop)
    db.session.commit()


# --- delegates: choices -------------------------------------------------------------------------


def check_choices(event: Event, category_id: int | None, workshop_ids: list[int]) -> None:
    """Refuse a ranking that repeats, is too long, or names workshops not meant for the category."""
    if len(workshop_ids) > MAX_CHOICES:
        raise WorkshopError("too_many", most=MAX_CHOICES)
    if len(set(workshop_ids)) != len(workshop_ids):
        raise WorkshopError("repeated")
    known = {w.id: w for w in workshops(event)}
    for workshop_id in workshop_ids:
        workshop = known.get(workshop_id)
        if workshop is None:
            raise WorkshopError("unknown_workshop")
        if category_id is not None and not workshop.is_for(category_id):
            raise WorkshopError("not_for_category", title=workshop.title)


def choices_of(delegate: Delegate) -> list[Workshop]:
    """Return the workshops the delegate ranked, best first."""
    return list(
        db.session.scalars(
            select(Workshop)
            .join(WorkshopChoice)
            .options(joinedload(Workshop.room))
            .where(WorkshopChoice.delegate_id == delegate.id)
            .order_by(WorkshopChoice.rank)
        )
    )


def _titles(workshop_list: Iterable[Workshop]) -> list[str]:
    return [w.title for w in workshop_list]


def _store_choices(delegate: Delegate, workshop_ids: list[int]) -> None:
    db.session.execute(delete(WorkshopChoice).where(WorkshopChoice.delegate_id == delegate.id))
    db.session.flush()  # the old ranks go before the new ones arrive: (delegate, rank) is unique
    db.session.add_all(
        WorkshopChoice(delegate_id=delegate.id, workshop_id=workshop_id, rank=rank)
        for rank, workshop_id in enumerate(workshop_ids, start=1)
    )
    db.session.flush()


def set_choices(delegate: Delegate, workshop_ids: list[int], actor: Actor, now: datetime) -> None:
    """Store a delegate's ranking (best first) until the deadline.

    After the allocation, a seat in a workshop the delegate no longer ranks is given up (unless
    an organizer pinned it) and goes to the next in line; a workshop now ranked higher than
    the seat they hold puts them in its waiting list, and takes them at once if it has room.
    """
    event = delegate.event
    if not choices_open(event, now):
        raise WorkshopError("choices_closed", closes_at=choices_close_at(event))
    check_choices(event, delegate.category_id, workshop_ids)
    settings = _lock(event)
    before = _titles(choices_of(delegate))
    _store_choices(delegate, workshop_ids)
    after = _titles(choices_of(delegate))
    if before != after:
        audit.record(
            "workshop.choices", delegate, actor,
            before={"choices": before}, after={"choices": after}, summary=delegate.full_name,
        )  # fmt: skip
    if settings.allocated_at is not None:
        dropped = db.session.scalars(
            select(WorkshopPlacement).where(
                WorkshopPlacement.delegate_id == delegate.id,
                WorkshopPlacement.locked.is_(False),
                WorkshopPlacement.workshop_id.not_in(workshop_ids),
            )
        ).all()
        _remove(event, dropped, actor, "workshop.leave")
    _refill(event, settings, actor, now)
    db.session.commit()


def leave(delegate: Delegate, workshop: Workshop, actor: Actor, now: datetime) -> None:
    """Take a delegate out of a workshop and off its list; their seat goes to the next in line."""
    event = delegate.event
    settings = _lock(event)
    ranked = choices_of(delegate)
    placement = _placement(workshop, delegate)
    if workshop not in ranked and placement is None:
        db.session.rollback()
        return
    _store_choices(delegate, [w.id for w in ranked if w.id != workshop.id])
    if placement is not None:
        _remove(event, [placement], actor, "workshop.leave")
    else:
        audit.record(
            "workshop.choices", delegate, actor, before={"choices": _titles(ranked)},
            after={"choices": _titles(w for w in ranked if w.id != workshop.id)},
            summary=delegate.full_name,
        )  # fmt: skip
    _refill(event, settings, actor, now)
    db.session.commit()


def _placement(workshop: Workshop, delegate: Delegate) -> WorkshopPlacement | None:
    return db.session.scalar(
        select(WorkshopPlacement).where(
            WorkshopPlacement.workshop_id == workshop.id,
            WorkshopPlacement.delegate_id == delegate.id,
        )
    )


def _remove(
    event: Event, placements: Iterable[WorkshopPlacement], actor: Actor, action: str
) -> None:
    removed = []
    for placement in placements:
        audit.record(
            action, placement.delegate, actor,
            before={"workshop": placement.workshop.title, "locked": placement.locked},
            summary=placement.delegate.full_name,
        )  # fmt: skip
        removed.append((placement.workshop_id, placement.delegate_id))
        db.session.delete(placement)
    db.session.flush()
    if removed:
        placements_changed.send(event, removed=removed, added=[])


@registration.delegate_leaving.connect
def _release(delegate: Delegate, actor: Actor, now: datetime) -> None:
    """Free a leaving delegate's workshop seats (called inside registration's transaction).

    Registration holds the event's place lock already.
    """
    event = delegate.event
    held = db.session.scalars(
        select(WorkshopPlacement).where(WorkshopPlacement.delegate_id == delegate.id)
    ).all()
    _remove(event, held, actor, "workshop.release")
    # Explicitly: SQLite does not enforce ON DELETE CASCADE, and an erased delegate goes next.
    db.session.execute(delete(WorkshopChoice).where(WorkshopChoice.delegate_id == delegate.id))
    settings = get_settings(event)
    if settings is not None:
        _refill(event, settings, actor, now, leaving=[delegate.id])


# --- organizers: allocation, pins ---------------------------------------------------------------


def allocate(event: Event, actor: Actor, now: datetime) -> Outcome:
    """Give every workshop seat anew, optimally, keeping the organizers' pins."""
    settings = _lock(event)
    state = _state(event, settings.lottery_seed)
    locks = [allocation.Lock(p.delegate_id, p.workshop_id) for p in state.placements if p.locked]
    try:
        result = allocation.allocate(
            state.solver_workshops(), state.requests, locks, seed=settings.lottery_seed
        )
    except allocation.AllocationError as error:
        db.session.rollback()
        raise WorkshopError("allocation_failed", detail=error.reason) from error
    wanted = {(p.workshop_id, p.delegate_id) for p in result.placements}
    current = {(p.workshop_id, p.delegate_id): p for p in state.placements}
    removed = [pair for pair in current if pair not in wanted]
    added = [pair for pair in wanted if pair not in current]
    for pair in removed:
        db.session.delete(current[pair])
    db.session.add_all(WorkshopPlacement(workshop_id=w, delegate_id=d) for w, d in added)
    db.session.flush()
    audit.record(
        "workshop.allocate", event, actor,
        after={
            "by_rank": {str(rank): count for rank, count in result.by_rank.items()},
            "placed": len(result.placements), "unplaced": len(result.unplaced),
            "pinned": len(locks), "changed": len(removed) + len(added),
        },
        summary=_("%(count)d chỗ hội thảo", count=len(result.placements)),
    )  # fmt: skip
    settings.allocated_at = now
    if removed or added:
        placements_changed.send(event, removed=removed, added=added)
    db.session.commit()
    return outcome(event)


def pin(workshop: Workshop, delegate: Delegate, actor: Actor, now: datetime) -> None:
    """Pin a delegate into a workshop: allocations keep it; a clashing seat they held is freed."""
    event = workshop.event
    settings = _lock(event)
    db.session.refresh(delegate)
    if delegate.event_id != event.id or delegate.status != DelegateStatus.CONFIRMED:
        raise WorkshopError("not_confirmed")
    placement = _placement(workshop, delegate)
    if placement is None:
        held = db.session.scalars(
            select(WorkshopPlacement)
            .options(joinedload(WorkshopPlacement.workshop))
            .where(WorkshopPlacement.delegate_id == delegate.id)
        ).all()
        clashing = [p for p in held if _overlap(p.workshop, workshop)]
        if any(p.locked for p in clashing):
            raise WorkshopError("pinned_elsewhere", title=clashing[0].workshop.title)
        if _placed_count(workshop) >= workshop.capacity:
            raise WorkshopError("full")
        _remove(event, clashing, actor, "workshop.leave")
        placement = WorkshopPlacement(workshop=workshop, delegate=delegate)
        db.session.add(placement)
        db.session.flush()
        placements_changed.send(event, removed=[], added=[(workshop.id, delegate.id)])
    placement.locked = True
    audit.record(
        "workshop.pin", delegate, actor, after={"workshop": workshop.title},
        summary=delegate.full_name,
    )  # fmt: skip
    _refill(event, settings, actor, now)
    db.session.commit()


def unpin(workshop: Workshop, delegate: Delegate, actor: Actor) -> None:
    """Let the allocation move a pinned delegate again; they keep the seat for now."""
    _lock(workshop.event)
    placement = _placement(workshop, delegate)
    if placement is not None and placement.locked:
        placement.locked = False
        audit.record(
            "workshop.unpin", delegate, actor, before={"workshop": workshop.title},
            summary=delegate.full_name,
        )  # fmt: skip
    db.session.commit()


def remove(workshop: Workshop, delegate: Delegate, actor: Actor, now: datetime) -> None:
    """Take a delegate out of a workshop for good (off its list too); the seat goes to the next."""
    leave(delegate, workshop, actor, now)


def _overlap(a: Workshop, b: Workshop) -> bool:
    return a.starts_at < b.ends_at and b.starts_at < a.ends_at


def _refill(
    event: Event, settings: WorkshopSettings, actor: Actor, now: datetime, leaving=()
) -> None:
    """Give every free seat to the best-placed person waiting; audit and e-mail each move."""
    if settings.allocated_at is None:
        return
    state = _state(event, settings.lottery_seed, leaving)
    filled = allocation.fill_free_seats(
        state.solver_workshops(), state.requests, state.solver_placements(),
        seed=settings.lottery_seed,
    )  # fmt: skip
    wanted = {(p.workshop_id, p.delegate_id) for p in filled}
    current = {(p.workshop_id, p.delegate_id): p for p in state.placements}
    added = [p for p in filled if (p.workshop_id, p.delegate_id) not in current]
    given_up = [pair for pair in current if pair not in wanted]
    if not added:
        return
    delegates = {
        d.id: d
        for d in db.session.scalars(
            select(Delegate)
            .options(joinedload(Delegate.event))
            .where(Delegate.id.in_([p.delegate_id for p in added]))
        )
    }
    for pair in given_up:
        db.session.delete(current[pair])
    db.session.flush()
    for placement in added:
        db.session.add(
            WorkshopPlacement(workshop_id=placement.workshop_id, delegate_id=placement.delegate_id)
        )
    db.session.flush()
    for placement in added:
        delegate, workshop = (
            delegates[placement.delegate_id],
            state.workshops[placement.workshop_id],
        )
        gave_up = [state.workshops[w] for w, d in given_up if d == delegate.id]
        audit.record(
            "workshop.promote", delegate, Actor.system(),
            before={"workshops": _titles(gave_up)} if gave_up else None,
            after={"workshop": workshop.title, "rank": placement.rank},
            summary=delegate.full_name,
        )  # fmt: skip
        _notify_placed(delegate, workshop, gave_up)
    placements_changed.send(
        event,
        removed=given_up,
        added=[(p.workshop_id, p.delegate_id) for p in added],
    )


def _notify_placed(delegate: Delegate, workshop: Workshop, gave_up: list[Workshop]) -> None:
    with force_locale(delegate.language):
        send_mail(
            delegate.email,
            _("Đã có chỗ cho Quý vị tại hội thảo «%(title)s»", title=workshop.title),
            "workshops/placed",
            kind="workshops.placed",
            delegate=delegate,
            event=delegate.event,
            workshop=workshop,
            gave_up=gave_up,
            link=registration.personal_link(delegate),
            honorific_labels=HONORIFIC_LABELS,
        )


# --- results and lists ----------------------------------------------------------------------------


def outcome(event: Event) -> Outcome:
    """Count the seats by rank of choice and find who asked and got nothing, in a few queries."""
    state = _state(event, _seed(event))
    placements = state.solver_placements()
    waiting = state.waiting_lists()
    by_rank: dict[int, int] = defaultdict(int)
    for placement in placements:
        if placement.rank:
            by_rank[placement.rank] += 1
    placed = defaultdict(int)
    for placement in placements:
        placed[placement.workshop_id] += 1
    holders = {p.delegate_id for p in placements}
    queue = sorted(
        (r.delegate_id for r in state.requests if r.choices and r.delegate_id not in holders),
        key=lambda d: allocation.lottery_ticket(state.seed, d),
    )
    unplaced = _delegates(queue)
    return Outcome(
        by_rank=dict(sorted(by_rank.items())),
        pinned=sum(1 for p in placements if p.locked),
        asked=sum(1 for r in state.requests if r.choices),
        unplaced=[unplaced[d] for d in queue],
        lines=[
            WorkshopLine(w, placed[w.id], len(waiting.get(w.id, ())))
            for w in state.workshops.values()
        ],
    )


def _delegates(ids: Iterable[int]) -> dict[int, Delegate]:
    return {
        d.id: d
        for d in db.session.scalars(
            select(Delegate)
            .options(joinedload(Delegate.category))
            .where(Delegate.id.in_(list(ids)))
        )
    }


def placed_in(workshop: Workshop) -> list[WorkshopPlacement]:
    """Return the workshop's delegates in the allocation's seating order, in one query."""
    placements = list(
        db.session.scalars(
            select(WorkshopPlacement)
            .options(joinedload(WorkshopPlacement.delegate).joinedload(Delegate.category))
            .where(WorkshopPlacement.workshop_id == workshop.id)
        )
    )
    ranks = choice_ranks(workshop)
    seed = _seed(workshop.event)
    return sorted(
        placements,
        key=lambda p: (
            not p.locked,
            ranks.get(p.delegate_id) or 0,
            allocation.lottery_ticket(seed, p.delegate_id),
        ),
    )


def choice_ranks(workshop: Workshop) -> dict[int, int]:
    """Return delegate id → the rank they gave this workshop."""
    return dict(
        db.session.execute(
            select(WorkshopChoice.delegate_id, WorkshopChoice.rank).where(
                WorkshopChoice.workshop_id == workshop.id
            )
        ).all()
    )


def waiting_for(workshop: Workshop) -> list[WaitingPerson]:
    """Return the workshop's waiting list, best-placed first."""
    state = _state(workshop.event, _seed(workshop.event))
    waiting = state.waiting_lists().get(workshop.id, ())
    people = _delegates(entry.delegate_id for entry in waiting)
    return [
        WaitingPerson(
            people[entry.delegate_id],
            entry.rank,
            tuple(state.workshops[w] for w in entry.gives_up),
        )
        for entry in waiting
    ]


def placements_of(delegate: Delegate) -> list[WorkshopPlacement]:
    """Return the delegate's workshop seats by start time, with workshop and room, in one query."""
    return list(
        db.session.scalars(
            select(WorkshopPlacement)
            .join(Workshop)
            .options(joinedload(WorkshopPlacement.workshop).joinedload(Workshop.room))
            .where(WorkshopPlacement.delegate_id == delegate.id)
            .order_by(Workshop.starts_at, Workshop.id)
        )
    )


def delegate_workshops(delegate: Delegate, now: datetime) -> DelegateWorkshops:
    """Return what the delegate's personal page shows about workshops."""
    event = delegate.event
    settings = get_settings(event)
    placed = placements_of(delegate)
    waiting: dict[int, int] = {}
    if settings is not None and settings.allocated_at is not None:
        for workshop_id, entries in _state(event, settings.lottery_seed).waiting_lists().items():
            for position, entry in enumerate(entries, start=1):
                if entry.delegate_id == delegate.id:
                    waiting[workshop_id] = position
    return DelegateWorkshops(
        offered=db.session.scalar(select(Workshop.id).where(Workshop.event_id == event.id).limit(1))
        is not None,
        choices=choices_of(delegate),
        placed=placed,
        waiting=waiting,
        closes_at=choices_close_at(event),
        open=choices_open(event, now),
        allocated=settings is not None and settings.allocated_at is not None,
    )


def workshops_by_delegate(event: Event) -> dict[int, list[Workshop]]:
    """Return delegate id → the workshops they hold seats in, by start time, in two queries.

    For badges, lists and check-in, which need every delegate's workshops at once.
    """
    held: dict[int, list[Workshop]] = defaultdict(list)
    for placement in db.session.scalars(
        select(WorkshopPlacement)
        .join(Workshop)
        .options(joinedload(WorkshopPlacement.workshop).joinedload(Workshop.room))
        .where(Workshop.event_id == event.id)
        .order_by(Workshop.starts_at, Workshop.id)
    ):
        held[placement.delegate_id].append(placement.workshop)
    return dict(held)


def seating_order(workshop: Workshop) -> list[int]:
    """Return the delegate ids placed in the workshop, in the allocation's order."""
    return [p.delegate_id for p in placed_in(workshop)]
