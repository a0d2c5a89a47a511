"""Workshop seats: ranked choices in, an optimal and fair assignment out.

Plain data in and out, no Flask and no database: the service reads the workshops, the
choices and the organizers' locks, calls `allocate`, and stores the placements.

The model is a 0/1 integer programme solved exactly by HiGHS (`scipy.optimize.milp`):
one variable per (delegate, workshop the delegate ranked), at most `capacity` seats per
workshop once the locked placements are counted, and at most one seat per delegate among
workshops whose times overlap. Overlap is general interval overlap on half-open intervals
[start, end): a workshop ending at 10:00 does not clash with one starting at 10:00, and a
delegate who ranked workshops at different times can get one seat at each time.

What is maximised, in this order (each level only decides among the optima of the one above):

1. Seats given. Nobody is left without a seat so that others move up their lists.
2. Satisfaction: a seat at rank r of a list earns ``K + 1 - r`` points, where K is the
   longest list of the run (top three: 1st = 3, 2nd = 2, 3rd = 1).
3. The queue: delegates are queued by priority (higher first), then by a seeded lottery
   (a SHA-256 of the seed and the delegate id, so not by registration order). The
   delegate at place q (from 0) of a queue of n weighs n - q, and the solver maximises
   the sum of weight × points. So whoever is ahead wins a contested seat, or the better
   choice when two delegates could swap. The weights are linear, not exponential: in a
   trade among three or more people, someone ahead may drop one rank if that lifts two
   people close behind them by more.

Levels 1 and 2 are one integer objective: a seat is worth ``SEAT`` plus its points, with
``SEAT`` larger than any possible swing in points, so seats always come first. Level 3 is
a second solve that keeps the first optimum as a constraint. All coefficients are
integers, and HiGHS runs with a zero gap, so each level is a proven optimum, not a
heuristic. Workshops and requests are put in a canonical order first, so the same data
gives the same allocation whatever order it arrives in.
"""

import hashlib
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csr_array


class AllocationError(Exception):
    """The input cannot be allocated; `reason` says why and `subject` names what is at fault."""

    def __init__(self, reason: str, subject: Any = None):
        super().__init__(f"{reason}: {subject!r}" if subject is not None else reason)
        self.reason = reason
        self.subject = subject


@dataclass(frozen=True)
class Workshop:
    id: Hashable
    capacity: int
    # Aware datetimes in production; anything comparable (numbers in tests) works.
    starts_at: Any
    ends_at: Any


@dataclass(frozen=True)
class Request:
    delegate_id: Hashable
    choices: tuple[Hashable, ...]  # workshop ids, best first
    priority: int = 0  # set by organizers; higher goes first (invited speakers, guests)


@dataclass(frozen=True)
class Lock:
    """An organizer pinned a delegate into a workshop: the seat is kept and never moved."""

    delegate_id: Hashable
    workshop_id: Hashable


@dataclass(frozen=True)
class Placement:
    delegate_id: Hashable
    workshop_id: Hashable
    rank: int | None  # 1 for a first choice; None for a lock into a workshop not ranked
    locked: bool = False


@dataclass(frozen=True)
class WaitingEntry:
    delegate_id: Hashable
    rank: int  # the rank the delegate gave this workshop
    priority: int
    # Seats the delegate holds at overlapping times, worse ranked: given up on moving in.
    gives_up: tuple[Hashable, ...] = ()


@dataclass(frozen=True)
class Allocation:
    # Grouped by workshop; within one, in seating order: locked, then rank, then the queue.
    placements: tuple[Placement, ...]
    # Per workshop, who ranked it above what they got (or got nothing then), best-placed first.
    waiting: Mapping[Hashable, tuple[WaitingEntry, ...]]
    # Seats given by rank of choice: {1: 410, 2: 95, 3: 12}; locked unranked seats are left out.
    by_rank: Mapping[int, int]
    # Delegates who asked for a workshop and got none, in queue order.
    unplaced: tuple[Hashable, ...]

    def workshops_of(self, delegate_id: Hashable) -> tuple[Hashable, ...]:
        return tuple(p.workshop_id for p in self.placements if p.delegate_id == delegate_id)


def overlaps(a: Workshop, b: Workshop) -> bool:
    """Tell whether two workshops run at the same time (touching ends do not overlap)."""
    return a.starts_at < b.ends_at and b.starts_at < a.ends_at


def lottery_ticket(seed: str, delegate_id: Hashable) -> bytes:
    """Return the delegate's lottery ticket: fixed for a seed, unrelated to registration order."""
    return hashlib.sha256(f"{seed}\x1f{delegate_id}".encode()).digest()


def allocate(
    workshops: Iterable[Workshop],
    requests: Iterable[Request],
    locked: Iterable[Lock] = (),
    *,
    seed: str,
) -> Allocation:
    """Give workshop seats to ranked requests, keeping the locks; see the module docstring."""
    problem = _Problem(workshops, requests, locked, seed)
    chosen = _solve(problem)
    placements = problem.locked_placements() + [
        Placement(problem.delegate_of[v], problem.workshop_of[v], problem.rank_of[v])
        for v in chosen
    ]
    return _summarise(problem, _seating_order(problem, placements))


def waiting_lists(
    workshops: Iterable[Workshop],
    requests: Iterable[Request],
    placements: Iterable[Placement],
    *,
    seed: str,
) -> dict[Hashable, tuple[WaitingEntry, ...]]:
    """Return each workshop's waiting list for the placements as they stand now.

    A delegate waits for a workshop they ranked when they hold no seat at an overlapping
    time, or only seats they ranked lower. A delegate locked at an overlapping time does
    not wait: a lock is never moved. Best-placed first: by the rank they gave the
    workshop, then priority, then the lottery.
    """
    problem = _Problem(workshops, requests, (), seed)
    return _waiting_lists(problem, list(placements))


def fill_free_seats(
    workshops: Iterable[Workshop],
    requests: Iterable[Request],
    placements: Iterable[Placement],
    *,
    seed: str,
) -> tuple[Placement, ...]:
    """Give every free seat (after a cancellation, a larger room) to the best-placed person waiting.

    Someone who moves up gives up a lower-ranked seat at the same time, which is offered in
    turn; each move strictly improves someone's rank, so this ends. Returns all placements,
    in the order `allocate` uses, so that the service can store the difference.
    """
    problem = _Problem(workshops, requests, (), seed)
    current = list(placements)
    while move := _next_move(problem, current):
        entry, workshop_id = move
        current = [
            p
            for p in current
            if not (p.delegate_id == entry.delegate_id and p.workshop_id in entry.gives_up)
        ]
        current.append(Placement(entry.delegate_id, workshop_id, entry.rank))
    return tuple(_seating_order(problem, current))


class _Problem:
    """The input checked and indexed: workshops, queue order, and one variable per candidate."""

    def __init__(
        self,
        workshops: Iterable[Workshop],
        requests: Iterable[Request],
        locked: Iterable[Lock],
        seed: str,
    ):
        self.workshops = _check_workshops(workshops)
        self.requests = _check_requests(requests, self.workshops)
        self.locks = _check_locks(locked, self.workshops)
        tickets = {d: lottery_ticket(seed, d) for d in self.requests}
        queue = sorted(self.requests.values(), key=lambda r: (-r.priority, tickets[r.delegate_id]))
        self.position = {r.delegate_id: i for i, r in enumerate(queue)}
        self.longest = max((len(r.choices) for r in queue), default=0)
        self.cliques = _maximal_cliques(self.workshops)
        self.seats_left = _seats_left(self.workshops, self.locks)
        locked_at = defaultdict(list)
        for lock in self.locks:
            locked_at[lock.delegate_id].append(self.workshops[lock.workshop_id])
        # One candidate variable per ranked workshop with a seat left that no lock clashes with.
        candidates = [
            (request.delegate_id, workshop_id, rank)
            for request in queue
            for rank, workshop_id in enumerate(request.choices, start=1)
            if self.seats_left[workshop_id]
            and not any(
                overlaps(self.workshops[workshop_id], pinned)
                for pinned in locked_at[request.delegate_id]
            )
        ]
        self.delegate_of = [d for d, _, _ in candidates]
        self.workshop_of = [w for _, w, _ in candidates]
        self.rank_of = [r for _, _, r in candidates]

    def rank(self, delegate_id: Hashable, workshop_id: Hashable) -> int | None:
        request = self.requests.get(delegate_id)
        if request is None or workshop_id not in request.choices:
            return None
        return request.choices.index(workshop_id) + 1

    def queue_key(self, delegate_id: Hashable) -> int:
        # Delegates with locks but no request sort after everyone who asked.
        return self.position.get(delegate_id, len(self.position))

    def locked_placements(self) -> list[Placement]:
        return [
            Placement(
                lock.delegate_id,
                lock.workshop_id,
                self.rank(lock.delegate_id, lock.workshop_id),
                locked=True,
            )
            for lock in self.locks
        ]


def _seats_left(workshops: Mapping[Hashable, Workshop], locks: list[Lock]) -> dict[Hashable, int]:
    left = {w: workshop.capacity for w, workshop in workshops.items()}
    for lock in locks:
        left[lock.workshop_id] -= 1
        if left[lock.workshop_id] < 0:
            raise AllocationError("locks_exceed_capacity", lock.workshop_id)
    return left


def _check_workshops(workshops: Iterable[Workshop]) -> dict[Hashable, Workshop]:
    indexed: dict[Hashable, Workshop] = {}
    for workshop in sorted(workshops, key=lambda w: (w.starts_at, w.ends_at, str(w.id))):
        if workshop.id in indexed:
            raise AllocationError("duplicate_workshop", workshop.id)
        if workshop.capacity < 0:
            raise AllocationError("negative_capacity", workshop.id)
        if not workshop.starts_at < workshop.ends_at:
            raise AllocationError("empty_interval", workshop.id)
        indexed[workshop.id] = workshop
    return indexed


def _check_requests(
    requests: Iterable[Request], workshops: Mapping[Hashable, Workshop]
) -> dict[Hashable, Request]:
    indexed: dict[Hashable, Request] = {}
    for request in requests:
        if request.delegate_id in indexed:
            raise AllocationError("duplicate_request", request.delegate_id)
        if len(set(request.choices)) != len(request.choices):
            raise AllocationError("repeated_choice", request.delegate_id)
        unknown = [w for w in request.choices if w not in workshops]
        if unknown:
            raise AllocationError("unknown_workshop", unknown[0])
        indexed[request.delegate_id] = request
    return indexed


def _check_locks(locked: Iterable[Lock], workshops: Mapping[Hashable, Workshop]) -> list[Lock]:
    locks = sorted(set(locked), key=lambda lock: (str(lock.delegate_id), str(lock.workshop_id)))
    by_delegate = defaultdict(list)
    for lock in locks:
        if lock.workshop_id not in workshops:
            raise AllocationError("unknown_workshop", lock.workshop_id)
        workshop = workshops[lock.workshop_id]
        if any(overlaps(workshop, other) for other in by_delegate[lock.delegate_id]):
            raise AllocationError("overlapping_locks", lock.delegate_id)
        by_delegate[lock.delegate_id].append(workshop)
    return locks


def _maximal_cliques(workshops: Mapping[Hashable, Workshop]) -> list[list[Hashable]]:
    """Return the sets of workshops running at one moment, maximal ones only.

    Intervals overlap pairwise exactly when some start lies inside all of them, so the sets
    alive at each start cover every clash; a delegate's "at most one per set" rows then
    forbid every overlapping pair and nothing more.
    """
    alive = [
        frozenset(
            w for w, other in workshops.items() if other.starts_at <= s.starts_at < other.ends_at
        )
        for s in workshops.values()
    ]
    maximal = {group for group in alive if len(group) > 1 and not any(group < o for o in alive)}
    # A set's order follows string hashing, which changes between processes; the rows must not.
    ids = list(workshops)
    by_index = sorted(sorted(ids.index(w) for w in group) for group in maximal)
    return [[ids[i] for i in group] for group in by_index]


def _solve(problem: _Problem) -> list[int]:
    """Return the indices of the candidate variables that get a seat."""
    count = len(problem.delegate_of)
    if not count:
        return []
    rows = _constraint_rows(problem)
    ranks = np.array(problem.rank_of)
    points = problem.longest + 1 - ranks
    # Worth more than every point a whole allocation could lose: seats come first. Kept as
    # small as that allows, so that one point stays far above the solver's tolerances.
    seat = (problem.longest - 1) * min(count, sum(problem.seats_left.values())) + 1
    satisfaction = seat + points
    position = np.array([problem.position[d] for d in problem.delegate_of])
    queue_weight = (len(problem.position) - position) * points

    first = _milp(-satisfaction, rows)
    best = round(float(satisfaction @ first))
    # Integer objective: "at least best - 0.5" is "exactly the optimum", with room for rounding.
    keep_best = LinearConstraint(satisfaction.reshape(1, -1), lb=best - 0.5, ub=np.inf)
    second = _milp(-queue_weight, [*rows, keep_best])
    return [int(v) for v in np.flatnonzero(second)]


def _constraint_rows(problem: _Problem) -> list[LinearConstraint]:
    count = len(problem.delegate_of)
    order = {w: i for i, w in enumerate(problem.workshops)}
    column = np.arange(count)
    workshop_index = np.array([order[w] for w in problem.workshop_of])
    capacity = LinearConstraint(
        csr_array((np.ones(count), (workshop_index, column)), shape=(len(order), count)),
        ub=np.array([problem.seats_left[w] for w in order], dtype=float),
    )
    by_delegate: dict[Hashable, list[int]] = defaultdict(list)
    for v, delegate_id in enumerate(problem.delegate_of):
        by_delegate[delegate_id].append(v)
    row_of, col_of = [], []
    clash_rows = 0
    for variables in by_delegate.values():
        for clique in problem.cliques:
            clashing = [v for v in variables if problem.workshop_of[v] in clique]
            if len(clashing) > 1:
                row_of.extend([clash_rows] * len(clashing))
                col_of.extend(clashing)
                clash_rows += 1
    if not clash_rows:
        return [capacity]
    one_per_time = LinearConstraint(
        csr_array((np.ones(len(col_of)), (row_of, col_of)), shape=(clash_rows, count)), ub=1
    )
    return [capacity, one_per_time]


def _milp(cost: np.ndarray, constraints: Sequence[LinearConstraint]) -> np.ndarray:
    # Without presolve: on these assignment-shaped models the LP relaxation is nearly
    # integral, and HiGHS's MIP presolve took ten times longer than the solve itself.
    result = milp(
        cost,
        integrality=np.ones(len(cost)),
        bounds=Bounds(0, 1),
        constraints=constraints,
        options={"mip_rel_gap": 0, "presolve": False},
    )
    if result.status != 0:
        raise AllocationError("solver_failed", result.message)
    return np.round(result.x).astype(int)


def _seating_order(problem: _Problem, placements: list[Placement]) -> list[Placement]:
    order = {w: i for i, w in enumerate(problem.workshops)}
    return sorted(
        placements,
        key=lambda p: (
            order[p.workshop_id],
            not p.locked,
            p.rank or 0,
            problem.queue_key(p.delegate_id),
            str(p.delegate_id),
        ),
    )


def _summarise(problem: _Problem, placements: list[Placement]) -> Allocation:
    placed = {p.delegate_id for p in placements}
    return Allocation(
        placements=tuple(placements),
        waiting=_waiting_lists(problem, placements),
        by_rank=dict(sorted(Counter(p.rank for p in placements if p.rank).items())),
        unplaced=tuple(
            d
            for d in sorted(problem.requests, key=problem.queue_key)
            if problem.requests[d].choices and d not in placed
        ),
    )


def _waiting_lists(
    problem: _Problem, placements: list[Placement]
) -> dict[Hashable, tuple[WaitingEntry, ...]]:
    held: dict[Hashable, list[Placement]] = defaultdict(list)
    for placement in placements:
        held[placement.delegate_id].append(placement)
    waiting: dict[Hashable, list[WaitingEntry]] = {w: [] for w in problem.workshops}
    for request in problem.requests.values():
        for rank, workshop_id in enumerate(request.choices, start=1):
            workshop = problem.workshops[workshop_id]
            clashing = [
                p
                for p in held[request.delegate_id]
                if overlaps(workshop, problem.workshops[p.workshop_id])
            ]
            if all(not p.locked and p.rank is not None and p.rank > rank for p in clashing):
                gives_up = tuple(p.workshop_id for p in clashing)
                waiting[workshop_id].append(
                    WaitingEntry(request.delegate_id, rank, request.priority, gives_up)
                )
    return {
        w: tuple(sorted(entries, key=lambda e: (e.rank, problem.queue_key(e.delegate_id))))
        for w, entries in waiting.items()
    }


def _next_move(
    problem: _Problem, placements: list[Placement]
) -> tuple[WaitingEntry, Hashable] | None:
    taken = Counter(p.workshop_id for p in placements)
    waiting = _waiting_lists(problem, placements)
    for workshop_id, workshop in problem.workshops.items():
        if taken[workshop_id] < workshop.capacity and waiting[workshop_id]:
            return waiting[workshop_id][0], workshop_id
    return None
