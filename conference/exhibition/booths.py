"""Booth assignment for the exhibition: the floor plan as data and a solver with a proven bound.

Plain frozen dataclasses in, a `BoothAssignment` out; no Flask and no database, so the service
layer can feed it from the models and the CLI, the view and the benchmark can share it.

The floor plan is a grid of cells (one cell is one standard booth module, 3 m × 3 m). Booths are
rectangles of cells; two booths are neighbours when they share an edge. A booth of two or more
cells is a double booth. Obstacles (entrance, stage, pillars) only block cells.

The solver states its objective lexicographically (no weights: each level counts only among
the answers that are best at the levels before it) and solves it level by level:

1. Place as many exhibitors as possible, each in one free booth whose features cover every
   need (electricity, corner, double). Exact: a maximum flow from need sets to offer sets,
   and a greedy walk that keeps a maximum placement reachable at every step.
2. Among those placements, maximise ``same_kind_pairs``: pairs of neighbouring booths held by
   exhibitors of the same kind (pinned exhibitors count). CP-SAT decides the kind of each
   booth; Hall's condition per kind makes that exact (the exhibitors of a kind fit its
   booths), and cuts from the densest n booths of each component tighten the relaxation.
   A hall of up to `WINDOW_BOOTHS` free booths is one model and CP-SAT's bound is proven
   for it; a larger hall is improved window by window (whole components, the rest held
   still) and its bound is the densest-booths bound. ``same_kind_bound`` is the bound.
3. Keeping the kind of every booth from level 2, minimise ``same_district_pairs``: pairs of
   neighbouring booths held by exhibitors of the same district. A greedy seating improved by
   swaps; when it adds no pair to the pins' own it is optimal, otherwise CP-SAT continues
   from it. ``same_district_bound`` is the proven lower bound.

``optimal`` is true when levels 2 and 3 meet their bounds (level 1 always does). Otherwise the
bounds say how far from the optimum the answer is at most. CP-SAT runs on one worker with a
deterministic time budget (``effort``), so the same input gives the same answer on any load.

Pins are organizers' decisions and are never moved: a pinned exhibitor keeps its booth even
when the booth misses a need (reported as ``pin_misses_need``). Everything the solver could
not do is reported as a `Shortfall` with a reason code and data for the message.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from fractions import Fraction
from functools import cache, cached_property
from itertools import combinations, pairwise

from ortools.graph.python import max_flow
from ortools.sat.python import cp_model


class Need(StrEnum):
    """What an exhibitor requires of its booth; the same words name what a booth offers."""

    ELECTRICITY = "electricity"
    CORNER = "corner"
    DOUBLE = "double"


class FloorPlanError(ValueError):
    """A floor plan that cannot be used, with a reason code and the data a message needs."""

    def __init__(self, reason: str, **data: object) -> None:
        super().__init__(reason, data)
        self.reason = reason
        self.data = data


@dataclass(frozen=True)
class Booth:
    code: str
    x: int
    y: int
    w: int = 1
    h: int = 1
    corner: bool = False
    electricity: bool = False

    @property
    def cells(self) -> frozenset[tuple[int, int]]:
        return frozenset(
            (x, y) for x in range(self.x, self.x + self.w) for y in range(self.y, self.y + self.h)
        )

    @cached_property
    def offers(self) -> frozenset[Need]:
        """The needs this booth can meet."""
        offered = set()
        if self.electricity:
            offered.add(Need.ELECTRICITY)
        if self.corner:
            offered.add(Need.CORNER)
        if self.w * self.h >= 2:
            offered.add(Need.DOUBLE)
        return frozenset(offered)


@dataclass(frozen=True)
class Obstacle:
    """Cells no booth may take: ``label`` is "entrance", "stage", "pillar" or similar."""

    label: str
    x: int
    y: int
    w: int = 1
    h: int = 1

    @property
    def cells(self) -> frozenset[tuple[int, int]]:
        return frozenset(
            (x, y) for x in range(self.x, self.x + self.w) for y in range(self.y, self.y + self.h)
        )


@dataclass(frozen=True)
class FloorPlan:
    """The hall: its size in cells, its booths and its obstacles. Checked when made."""

    width: int
    height: int
    booths: tuple[Booth, ...]
    obstacles: tuple[Obstacle, ...] = ()

    def __post_init__(self) -> None:
        owner: dict[tuple[int, int], str] = {}
        codes: set[str] = set()
        for item in (*self.booths, *self.obstacles):
            name = item.code if isinstance(item, Booth) else item.label
            if isinstance(item, Booth):
                if not item.code:
                    raise FloorPlanError("booth_without_code")
                if item.code in codes:
                    raise FloorPlanError("duplicate_booth_code", booth=item.code)
                codes.add(item.code)
            if item.w < 1 or item.h < 1:
                raise FloorPlanError("empty_rectangle", item=name)
            for cell in item.cells:
                if not (0 <= cell[0] < self.width and 0 <= cell[1] < self.height):
                    raise FloorPlanError("outside_hall", item=name)
                if cell in owner:
                    raise FloorPlanError("overlap", item=name, other=owner[cell])
                owner[cell] = name

    @cached_property
    def by_code(self) -> dict[str, Booth]:
        return {booth.code: booth for booth in self.booths}

    @cached_property
    def neighbours(self) -> dict[str, tuple[str, ...]]:
        """Booth code → codes of the booths sharing an edge with it, in plan order."""
        owner = {cell: booth.code for booth in self.booths for cell in booth.cells}
        found: dict[str, set[str]] = {booth.code: set() for booth in self.booths}
        for (x, y), code in owner.items():
            for other in (owner.get((x + 1, y)), owner.get((x, y + 1))):
                if other is not None and other != code:
                    found[code].add(other)
                    found[other].add(code)
        order = {booth.code: index for index, booth in enumerate(self.booths)}
        return {code: tuple(sorted(near, key=order.__getitem__)) for code, near in found.items()}

    @cached_property
    def edges(self) -> tuple[tuple[str, str], ...]:
        """Every pair of neighbouring booths once, in plan order."""
        order = {booth.code: index for index, booth in enumerate(self.booths)}
        return tuple(
            (code, other)
            for code, near in self.neighbours.items()
            for other in near
            if order[code] < order[other]
        )

    @cached_property
    def components(self) -> tuple[tuple[str, ...], ...]:
        """Groups of booths connected by shared edges, each in breadth-first order."""
        seen: set[str] = set()
        found = []
        for booth in self.booths:
            if booth.code in seen:
                continue
            seen.add(booth.code)
            queue = [booth.code]
            for code in queue:
                for other in self.neighbours[code]:
                    if other not in seen:
                        seen.add(other)
                        queue.append(other)
            found.append(tuple(queue))
        return tuple(found)

    @cached_property
    def component_of(self) -> dict[str, int]:
        return {
            code: index for index, component in enumerate(self.components) for code in component
        }

    @cached_property
    def component_bounds(self) -> tuple[tuple[int, ...], ...]:
        """Per component, an upper bound on the pairs of neighbours among any n of its booths."""
        return tuple(_component_bound(self, component) for component in self.components)

    @cached_property
    def component_hulls(self) -> tuple[tuple[tuple[Fraction, Fraction], ...], ...]:
        """Per component, the lines of the concave hull of its bounds (see `_hull_lines`)."""
        return tuple(_hull_lines(bounds) for bounds in self.component_bounds)

    @cached_property
    def walk(self) -> tuple[str, ...]:
        """Every booth code, component after component, so that near booths come close."""
        return tuple(code for component in self.components for code in component)

    def to_dict(self) -> dict:
        """The plan as JSON-ready data; `FloorPlan.from_dict` reads it back."""
        return {
            "width": self.width,
            "height": self.height,
            "booths": [asdict(booth) for booth in self.booths],
            "obstacles": [asdict(obstacle) for obstacle in self.obstacles],
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> FloorPlan:
        try:
            return cls(
                width=int(data["width"]),
                height=int(data["height"]),
                booths=tuple(Booth(**booth) for booth in data["booths"]),
                obstacles=tuple(Obstacle(**obstacle) for obstacle in data.get("obstacles", ())),
            )
        except (KeyError, TypeError, ValueError) as error:
            if isinstance(error, FloorPlanError):
                raise
            raise FloorPlanError("malformed", detail=str(error)) from error


ExhibitorId = Hashable


@dataclass(frozen=True)
class Exhibitor:
    """An approved exhibitor. ``kind`` and ``district`` are compared, never interpreted."""

    id: ExhibitorId
    kind: str
    district: str | None = None
    needs: frozenset[Need] = frozenset()
    pinned: str | None = None


@dataclass(frozen=True)
class Shortfall:
    """Something the solver could not do for one exhibitor.

    Reasons: ``no_free_booth``, ``no_booth_with_electricity``, ``no_corner_booth``,
    ``no_double_booth``, ``no_booth_meeting_needs`` (data: ``eligible_booths``, the free booths
    that meet the needs, 0 when the plan has none; ``needs``), ``pin_unknown_booth`` and
    ``pin_conflict`` (data: ``booth``, and ``holder`` for a conflict; the exhibitor was placed
    as if unpinned), ``pin_misses_need`` (data: ``booth``, ``need``; the pin is kept).
    """

    exhibitor: ExhibitorId
    reason: str
    data: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class BoothAssignment:
    """Exhibitor id → booth code (pins included, in plan order), what could not be done, and
    the value and proven bound of each level of the objective."""

    booths: Mapping[ExhibitorId, str]
    shortfalls: tuple[Shortfall, ...]
    same_kind_pairs: int
    same_kind_bound: int
    same_district_pairs: int
    same_district_bound: int

    @property
    def optimal(self) -> bool:
        return (
            self.same_kind_pairs == self.same_kind_bound
            and self.same_district_pairs == self.same_district_bound
        )

    @property
    def kind_gap(self) -> float:
        """How far below the proven bound the grouping can be, as a share of the bound."""
        if self.same_kind_bound == 0:
            return 0.0
        return (self.same_kind_bound - self.same_kind_pairs) / self.same_kind_bound


# CP-SAT's deterministic time (roughly seconds of one core), not wall time, so that the answer
# does not depend on the machine's load. The demo hall needs at most about 0.1 for its proof.
DEFAULT_EFFORT = 1.0
# Booths CP-SAT regroups at once at level 2: a hall this size is solved as one window, with a
# proof; a larger one window by window (see `_group_kinds`).
WINDOW_BOOTHS = 60
_SINGLE_NEED_REASONS = {
    Need.ELECTRICITY: "no_booth_with_electricity",
    Need.CORNER: "no_corner_booth",
    Need.DOUBLE: "no_double_booth",
}


def assign_booths(
    plan: FloorPlan, exhibitors: Sequence[Exhibitor], effort: float = DEFAULT_EFFORT
) -> BoothAssignment:
    """Assign each exhibitor a booth by the objective in this module's docstring.

    ``effort`` is the deterministic-time budget that the CP-SAT runs share.
    """
    shortfalls: list[Shortfall] = []
    pinned, pool = _apply_pins(plan, exhibitors, shortfalls)
    free = [code for code in plan.walk if code not in pinned]
    seating = _greedy_layout(plan, free, pool)
    seating, kind_bound = _group_kinds(plan, pinned, pool, seating, effort / 2)
    labels = {code: exhibitor.kind for code, exhibitor in seating.items()}
    seating, district_bound = _spread_districts(plan, pinned, pool, labels, effort / 2)
    placed = {exhibitor.id for exhibitor in seating.values()}
    shortfalls.extend(
        _unplaced_shortfall(plan, exhibitor, free, pool)
        for exhibitor in pool
        if exhibitor.id not in placed
    )
    holders = {**pinned, **seating}
    return BoothAssignment(
        booths={
            holders[booth.code].id: booth.code for booth in plan.booths if booth.code in holders
        },
        shortfalls=tuple(shortfalls),
        same_kind_pairs=count_pairs(plan, holders, _kind),
        same_kind_bound=kind_bound,
        same_district_pairs=count_pairs(plan, holders, _district),
        same_district_bound=district_bound,
    )


def count_pairs(
    plan: FloorPlan, holders: Mapping[str, Exhibitor], attribute: Callable[[Exhibitor], object]
) -> int:
    """Pairs of neighbouring booths whose holders share an ``attribute`` that is not None."""
    total = 0
    for a, b in plan.edges:
        if a in holders and b in holders:
            value = attribute(holders[a])
            total += value is not None and value == attribute(holders[b])
    return total


def _kind(exhibitor: Exhibitor) -> str:
    return exhibitor.kind


def _district(exhibitor: Exhibitor) -> str | None:
    return exhibitor.district


def _apply_pins(
    plan: FloorPlan, exhibitors: Iterable[Exhibitor], shortfalls: list[Shortfall]
) -> tuple[dict[str, Exhibitor], list[Exhibitor]]:
    """Keep valid pins (first come, first kept); send the others to the pool with a reason."""
    pinned: dict[str, Exhibitor] = {}
    pool: list[Exhibitor] = []
    for exhibitor in exhibitors:
        code = exhibitor.pinned
        if code is None:
            pool.append(exhibitor)
        elif code not in plan.by_code:
            shortfalls.append(Shortfall(exhibitor.id, "pin_unknown_booth", {"booth": code}))
            pool.append(exhibitor)
        elif code in pinned:
            shortfalls.append(
                Shortfall(exhibitor.id, "pin_conflict", {"booth": code, "holder": pinned[code].id})
            )
            pool.append(exhibitor)
        else:
            pinned[code] = exhibitor
            missing = exhibitor.needs - plan.by_code[code].offers
            shortfalls.extend(
                Shortfall(exhibitor.id, "pin_misses_need", {"booth": code, "need": str(need)})
                for need in Need
                if need in missing
            )
    return pinned, pool


def _max_placements(demand: Counter, supply: Counter) -> int:
    """How many exhibitors fit, as a maximum flow from need sets to offer sets (exact).

    ``demand`` counts exhibitors by need set and ``supply`` counts booths by offer set.
    """
    needs, offers = sorted(+demand, key=_need_order), sorted(+supply, key=_need_order)
    flow = max_flow.SimpleMaxFlow()
    source, sink = 0, 1 + len(needs) + len(offers)
    for i, need_set in enumerate(needs):
        flow.add_arc_with_capacity(source, 1 + i, demand[need_set])
        for j, offer_set in enumerate(offers):
            if need_set <= offer_set:
                flow.add_arc_with_capacity(1 + i, 1 + len(needs) + j, demand[need_set])
    for j, offer_set in enumerate(offers):
        flow.add_arc_with_capacity(1 + len(needs) + j, sink, supply[offer_set])
    if flow.solve(source, sink) != flow.OPTIMAL:
        raise RuntimeError("maximum flow failed")
    return flow.optimal_flow()


@cache
def _need_order(needs: frozenset[Need]) -> tuple[int, ...]:
    """A sort key for need sets that does not depend on string hashing."""
    return tuple(sorted(list(Need).index(need) for need in needs))


class _PlacementCounts:
    """Waiting exhibitors counted by need set and free booths by offer set (the Counters given,
    changed in place as exhibitors are seated), with the most placements they allow."""

    def __init__(self, demand: Counter, supply: Counter) -> None:
        self.demand, self.supply = demand, supply
        self.maximum = _max_placements(demand, supply)

    def seat(self, needs: frozenset[Need], offers: frozenset[Need]) -> bool:
        """Seat one exhibitor with ``needs`` at a booth with ``offers``, if the rest can still
        reach the most placements; tell whether it did."""
        self.demand[needs] -= 1
        self.supply[offers] -= 1
        if _max_placements(self.demand, self.supply) == self.maximum - 1:
            self.maximum -= 1
            return True
        self.demand[needs] += 1
        self.supply[offers] += 1
        return False


def _greedy_layout(
    plan: FloorPlan, free: Sequence[str], pool: Sequence[Exhibitor]
) -> dict[str, Exhibitor]:
    """Level 1, exactly, laid out greedily: walks the booths kind after kind, largest first.

    Every step keeps a maximum placement reachable, and a pair of exhibitor and booth that
    fits some maximum placement at the end fitted one when its kind walked past the booth, so
    the walks end with the most placements.
    """
    counts = _PlacementCounts(
        Counter(exhibitor.needs for exhibitor in pool),
        Counter(plan.by_code[code].offers for code in free),
    )
    sizes = Counter(exhibitor.kind for exhibitor in pool)
    waiting = list(pool)
    seated: dict[str, Exhibitor] = {}
    for kind in sorted(sizes, key=lambda kind: (-sizes[kind], kind)):
        for code in free:
            offers = plan.by_code[code].offers
            if code in seated:
                continue
            candidates = sorted(
                (
                    exhibitor
                    for exhibitor in waiting
                    if exhibitor.kind == kind and exhibitor.needs <= offers
                ),
                key=lambda exhibitor: -len(exhibitor.needs),
            )
            for exhibitor in candidates:
                if counts.seat(exhibitor.needs, offers):
                    seated[code] = exhibitor
                    waiting.remove(exhibitor)
                    break
    return seated


def _greedy_seating(
    plan: FloorPlan,
    holders: Mapping[str, Exhibitor],
    pool: Iterable[Exhibitor],
    labels: Mapping[str, str],
) -> dict[str, Exhibitor]:
    """Fill every labelled booth with an exhibitor of its kind, avoiding district neighbours.

    ``holders`` are the booths already held around them. Hall's condition at level 2 makes
    every labelled booth fillable, and each step keeps it so.
    """
    waiting: dict[str, list[Exhibitor]] = defaultdict(list)
    for exhibitor in pool:
        waiting[exhibitor.kind].append(exhibitor)
    supply: dict[str, Counter] = defaultdict(Counter)
    for code, kind in labels.items():
        supply[kind][plan.by_code[code].offers] += 1
    counts = {
        kind: _PlacementCounts(Counter(exhibitor.needs for exhibitor in exhibitors), supply[kind])
        for kind, exhibitors in waiting.items()
    }
    around = dict(holders)
    seated: dict[str, Exhibitor] = {}
    for code in plan.walk:
        if code not in labels:
            continue
        kind, offers = labels[code], plan.by_code[code].offers
        near = Counter(around[other].district for other in plan.neighbours[code] if other in around)
        candidates = sorted(
            (exhibitor for exhibitor in waiting[kind] if exhibitor.needs <= offers),
            key=lambda exhibitor: (
                exhibitor.district is not None and near[exhibitor.district],
                -len(exhibitor.needs),
            ),
        )
        for exhibitor in candidates:
            if counts[kind].seat(exhibitor.needs, offers):
                seated[code] = around[code] = exhibitor
                waiting[kind].remove(exhibitor)
                break
        else:
            raise RuntimeError(f"booth {code} cannot be filled with its kind")
    return seated


def _windows(plan: FloorPlan, free: Sequence[str]) -> list[list[str]]:
    """Free booths cut into windows of whole components, each small enough for CP-SAT."""
    free_set = set(free)
    windows: list[list[str]] = [[]]
    for component in plan.components:
        codes = [code for code in component if code in free_set]
        if windows[-1] and len(windows[-1]) + len(codes) > WINDOW_BOOTHS:
            windows.append([])
        windows[-1].extend(codes)
    return [window for window in windows if window]


def _group_kinds(
    plan: FloorPlan,
    pinned: Mapping[str, Exhibitor],
    pool: Sequence[Exhibitor],
    seating: Mapping[str, Exhibitor],
    effort: float,
) -> tuple[dict[str, Exhibitor], int]:
    """Level 2: regroup the seating window by window, each window solved by CP-SAT.

    In a window, CP-SAT may seat any exhibitor seated there or not seated anywhere, as many as
    before, while the rest of the hall holds still. With one window this is the whole level
    and CP-SAT's bound is proven for it; with more, `_grouping_bound` is.
    """
    seating = dict(seating)
    windows = _windows(plan, [code for code in plan.walk if code not in pinned])
    bound = _grouping_bound(plan, pinned, pool, len(seating))
    for window in windows:
        start = {code: seating.pop(code) for code in window if code in seating}
        seated = {exhibitor.id for exhibitor in seating.values()}
        candidates = [exhibitor for exhibitor in pool if exhibitor.id not in seated]
        around = {**pinned, **seating}
        share = effort / len(windows)
        labels, window_bound = _label_kinds(plan, around, window, candidates, start, share)
        seating.update(_greedy_seating(plan, around, candidates, labels))
        if len(windows) == 1 and window_bound is not None:
            bound = min(bound, window_bound)
    return seating, bound


def _grouping_bound(
    plan: FloorPlan, pinned: Mapping[str, Exhibitor], pool: Sequence[Exhibitor], placed: int
) -> int:
    """Same-kind pairs are no more than the pairs among the booths held, nor than the pairs
    each kind could hold if it had the hall to itself."""
    bounds = plan.component_bounds
    totals = Counter(exhibitor.kind for exhibitor in (*pool, *pinned.values()))
    return min(
        _densest(bounds, placed + len(pinned)),
        sum(_densest(bounds, total) for total in totals.values()),
    )


def _component_bound(plan: FloorPlan, component: Sequence[str]) -> tuple[int, ...]:
    """An upper bound on the pairs of neighbours among any n booths of one component, n = 0 … c.

    For a component of c booths, e edges and cycle rank e − c + 1, n booths hold at most e
    pairs, n − 1 + (e − c + 1) (a forest plus independent cycles) and half the sum of their n
    largest degrees. When every booth is one cell, n cells hold 2n − (a + b) pairs at most,
    a × b ≥ n being a box that fits in the component's bounding box (a polyomino's perimeter
    is at least its box's, and 4n = 2·pairs + perimeter).
    """
    degrees = sorted((len(plan.neighbours[code]) for code in component), reverse=True)
    edge_count = sum(degrees) // 2
    cycle_rank = edge_count - len(component) + 1
    booths = [plan.by_code[code] for code in component]
    unit_cells = all(booth.w == booth.h == 1 for booth in booths)
    width = max(booth.x for booth in booths) - min(booth.x for booth in booths) + 1
    height = max(booth.y for booth in booths) - min(booth.y for booth in booths) + 1
    bounds = [0]
    for n in range(1, len(component) + 1):
        bound = min(edge_count, n - 1 + cycle_rank, sum(degrees[:n]) // 2)
        if unit_cells:
            box = min(a + -(-n // a) for a in range(1, min(width, height, n) + 1))
            bound = min(bound, 2 * n - box)
        bounds.append(bound)
    return tuple(bounds)


def _densest(component_bounds: Iterable[Sequence[int]], size: int) -> int:
    """An upper bound on the pairs of neighbours among any ``size`` booths of the plan."""
    best = [0] + [-1] * size
    for bounds in component_bounds:
        merged = list(best)
        for n, value in enumerate(best):
            if value < 0:
                continue
            for taken in range(1, min(len(bounds), size - n + 1)):
                merged[n + taken] = max(merged[n + taken], value + bounds[taken])
        best = merged
    return max(best)


def _hull_lines(values: Sequence[int]) -> tuple[tuple[Fraction, Fraction], ...]:
    """Lines a·n + b of the upper concave hull of the points (n, values[n]) for n ≥ 1."""
    hull: list[tuple[int, int]] = []
    for point in list(enumerate(values))[1:]:
        while len(hull) >= 2:
            (x1, y1), (x2, y2) = hull[-2], hull[-1]
            if (y2 - y1) * (point[0] - x1) <= (point[1] - y1) * (x2 - x1):
                hull.pop()
            else:
                break
        hull.append(point)
    lines = []
    for (x1, y1), (x2, y2) in pairwise(hull):
        slope = Fraction(y2 - y1, x2 - x1)
        lines.append((slope, y1 - slope * x1))
    return tuple(lines)


def _solver(effort: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_deterministic_time = effort
    solver.parameters.num_workers = 1
    solver.parameters.linearization_level = 2
    # Measured on the demo hall and on 500 booths: these cut generators, the symmetry
    # detection and probing (in presolve and between searches) cost more time than they save
    # in these models.
    solver.parameters.add_cg_cuts = False
    solver.parameters.add_mir_cuts = False
    solver.parameters.symmetry_level = 0
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.use_sat_inprocessing = False
    return solver


def _label_kinds(
    plan: FloorPlan,
    holders: Mapping[str, Exhibitor],
    window: Sequence[str],
    candidates: Sequence[Exhibitor],
    start: Mapping[str, Exhibitor],
    effort: float,
) -> tuple[dict[str, str], int | None]:
    """The kind each booth of the window gets, and CP-SAT's proven bound on the same-kind pairs
    of the whole plan (None when it proved nothing).

    ``holders`` hold the booths outside the window. As many ``candidates`` as ``start`` seats
    are seated in the window; CP-SAT starts from ``start`` and keeps it if it finds nothing.
    """
    start_labels = {code: exhibitor.kind for code, exhibitor in start.items()}
    fixed_pairs = count_pairs(plan, holders, _kind)
    if not start:
        return start_labels, fixed_pairs
    demands = defaultdict(Counter)
    for exhibitor in candidates:
        demands[exhibitor.kind][exhibitor.needs] += 1
    kinds = sorted(demands)
    model = cp_model.CpModel()
    hints: dict[int, int] = {}  # variable index → hinted value

    def new_bool(hint: bool) -> cp_model.IntVar:
        variable = model.new_bool_var("")
        hints[variable.index] = int(hint)
        return variable

    # A booth can take a kind only if one of its exhibitors fits there (Hall's condition
    # below would keep the label at 0 anyway): fewer variables to build, presolve and relax.
    label = {
        (code, kind): new_bool(start_labels.get(code) == kind)
        for code in window
        for kind in kinds
        if any(need_set <= plan.by_code[code].offers for need_set in demands[kind])
    }
    for code in window:
        model.add_at_most_one(label[code, kind] for kind in kinds if (code, kind) in label)
    model.add(cp_model.LinearExpr.sum(list(label.values())) == len(start))

    # Hall's condition per kind: the booths given to a kind can seat its exhibitors' needs.
    for kind in kinds:
        demand = demands[kind]
        started = Counter(exhibitor.needs for exhibitor in start.values() if exhibitor.kind == kind)
        fitting = [code for code in window if (code, kind) in label]
        seated = {}
        for need_set in sorted(demand, key=_need_order):
            seated[need_set] = model.new_int_var(0, demand[need_set], "")
            hints[seated[need_set].index] = started[need_set]
        model.add(
            cp_model.LinearExpr.sum([label[code, kind] for code in fitting])
            == cp_model.LinearExpr.sum(list(seated.values()))
        )
        for family in _upward_closed_families(list(seated)):
            model.add(
                cp_model.LinearExpr.sum([seated[need_set] for need_set in family])
                <= cp_model.LinearExpr.sum(
                    [
                        label[code, kind]
                        for code in fitting
                        if any(need_set <= plan.by_code[code].offers for need_set in family)
                    ]
                )
            )

    def holds(code: str, kind: str) -> int | cp_model.IntVar:
        """1, 0 or the variable telling whether the booth holds an exhibitor of the kind."""
        if (code, kind) in label:
            return label[code, kind]
        return int(code in holders and holders[code].kind == kind)

    def started_with(code: str, kind: str) -> bool:
        return start_labels.get(code, holders[code].kind if code in holders else None) == kind

    inside = set(window)
    touched = {plan.component_of[code] for code in window}
    totals = Counter(exhibitor.kind for exhibitor in (*candidates, *holders.values()))
    paired_kinds = [kind for kind in kinds if totals[kind] > 1]  # one exhibitor makes no pair
    pairs: dict[tuple[int, str], list] = defaultdict(list)
    pairs_at: dict[tuple[str, str], list] = defaultdict(list)
    for a, b in plan.edges:
        if plan.component_of[a] not in touched or (a not in inside and b not in inside):
            continue
        for kind in paired_kinds:
            ends = [holds(a, kind), holds(b, kind)]
            if 0 in [end for end in ends if isinstance(end, int)]:
                continue
            variables = [end for end in ends if not isinstance(end, int)]
            if len(variables) == 1:
                pair = variables[0]
            else:
                pair = new_bool(started_with(a, kind) and started_with(b, kind))
                model.add_implication(pair, ends[0])
                model.add_implication(pair, ends[1])
            pairs[plan.component_of[a], kind].append(pair)
            pairs_at[a, kind].append(pair)
            pairs_at[b, kind].append(pair)

    # Cuts the linear relaxation misses, all valid for integer solutions: in a component, m
    # booths of one kind hold at most bound(m) pairs (with the pairs already fixed there); a
    # booth has at most n − 1 neighbours of its own kind when the kind has n exhibitors.
    for (index, kind), kind_pairs in pairs.items():
        component = plan.components[index]
        fixed_here = count_pairs(
            plan,
            {c: e for c, e in holders.items() if e.kind == kind and plan.component_of[c] == index},
            _kind,
        )
        present = new_bool(any(started_with(code, kind) for code in component))
        count = cp_model.LinearExpr.sum([holds(code, kind) for code in component])
        model.add(count <= len(component) * present)
        for slope, intercept in plan.component_hulls[index]:
            model.add(
                slope.denominator * (cp_model.LinearExpr.sum(kind_pairs) + fixed_here)
                <= slope.numerator * count + int(intercept * slope.denominator) * present
            )
    for (code, kind), booth_pairs in pairs_at.items():
        if code in inside and totals[kind] - 1 < len(plan.neighbours[code]):
            model.add(
                cp_model.LinearExpr.sum(booth_pairs) <= (totals[kind] - 1) * label[code, kind]
            )

    model.maximize(
        cp_model.LinearExpr.sum([pair for kind_pairs in pairs.values() for pair in kind_pairs])
    )
    # One call for every hint: add_hint costs a Python call per variable.
    model.proto.solution_hint.vars.extend(list(hints))
    model.proto.solution_hint.values.extend(list(hints.values()))
    solver = _solver(effort)
    status = solver.solve(model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        labels = {code: kind for (code, kind), var in label.items() if solver.value(var)}
        return labels, fixed_pairs + math.floor(solver.best_objective_bound + 1e-6)
    if status == cp_model.UNKNOWN:
        return start_labels, None
    raise RuntimeError(f"kind layout: {solver.status_name(status)}")


def _upward_closed_families(need_sets: Sequence[frozenset[Need]]):
    """Families of need sets closed under supersets (within the given sets); Hall needs no other."""
    for size in range(1, len(need_sets) + 1):
        for family in combinations(need_sets, size):
            if all(other in family for member in family for other in need_sets if member <= other):
                yield family


def _spread_districts(
    plan: FloorPlan,
    pinned: Mapping[str, Exhibitor],
    pool: Sequence[Exhibitor],
    labels: Mapping[str, str],
    effort: float,
) -> tuple[dict[str, Exhibitor], int]:
    """Level 3: who sits in each labelled booth, and the proven lower bound on district pairs.

    A greedy seating, improved by swaps, that adds no pair to those the pins already make is
    optimal as it stands; otherwise CP-SAT starts from it.
    """
    fixed_pairs = count_pairs(plan, pinned, _district)
    start = _swap_apart(plan, pinned, pool, _greedy_seating(plan, pinned, pool, labels))
    if count_pairs(plan, {**pinned, **start}, _district) == fixed_pairs:
        return start, fixed_pairs
    model = cp_model.CpModel()
    seat: dict[tuple[int, str], cp_model.IntVar] = {}
    by_district: dict[tuple[str, str], list] = defaultdict(list)
    for index, exhibitor in enumerate(pool):
        for code, kind in labels.items():
            if kind == exhibitor.kind and exhibitor.needs <= plan.by_code[code].offers:
                seat[index, code] = model.new_bool_var("")
                model.add_hint(seat[index, code], start[code] is exhibitor)
                if exhibitor.district is not None:
                    by_district[code, exhibitor.district].append(seat[index, code])
    by_exhibitor: dict[int, list] = defaultdict(list)
    by_booth: dict[str, list] = defaultdict(list)
    for (index, code), variable in seat.items():
        by_exhibitor[index].append(variable)
        by_booth[code].append(variable)
    for variables in by_exhibitor.values():
        model.add_at_most_one(variables)
    for code in labels:
        model.add_exactly_one(by_booth[code])

    districts_at: dict[str, set[str]] = defaultdict(set)
    for code, district in by_district:
        districts_at[code].add(district)
    clashes = []
    for a, b in plan.edges:
        if a in labels and b in labels:
            for district in sorted(districts_at[a] & districts_at[b]):
                clash = model.new_bool_var("")
                model.add(
                    sum(by_district[a, district]) + sum(by_district[b, district]) <= 1 + clash
                )
                clashes.append(clash)
        elif a in labels or b in labels:
            code, other = (a, b) if a in labels else (b, a)
            if other in pinned and pinned[other].district is not None:
                clashes.extend(by_district[code, pinned[other].district])
    model.minimize(sum(clashes))
    solver = _solver(effort)
    status = solver.solve(model)
    if status == cp_model.UNKNOWN:
        return start, fixed_pairs
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RuntimeError(f"seating: {solver.status_name(status)}")
    seated = {
        code: pool[index] for (index, code), variable in seat.items() if solver.value(variable)
    }
    return seated, fixed_pairs + math.ceil(solver.best_objective_bound - 1e-6)


def _swap_apart(
    plan: FloorPlan,
    pinned: Mapping[str, Exhibitor],
    pool: Sequence[Exhibitor],
    seating: Mapping[str, Exhibitor],
) -> dict[str, Exhibitor]:
    """Swap exhibitors of one kind (or bring in one left out) while that removes district pairs."""
    seating = dict(seating)

    def clashes(code: str, exhibitor: Exhibitor, holders: Mapping[str, Exhibitor]) -> int:
        if exhibitor.district is None:
            return 0
        return sum(
            1
            for other in plan.neighbours[code]
            if other in holders
            and holders[other] is not exhibitor
            and holders[other].district == exhibitor.district
        )

    improved = True
    while improved:
        improved = False
        holders = {**pinned, **seating}
        seated = {exhibitor.id for exhibitor in seating.values()}
        left_out = [exhibitor for exhibitor in pool if exhibitor.id not in seated]
        for code in [code for code in plan.walk if code in seating]:
            current = seating[code]
            if not clashes(code, current, holders):
                continue
            offers = plan.by_code[code].offers
            for other_code in plan.walk:
                other = seating.get(other_code)
                if other is None or other_code == code or other.kind != current.kind:
                    continue
                if not (other.needs <= offers and current.needs <= plan.by_code[other_code].offers):
                    continue
                before = clashes(code, current, holders) + clashes(other_code, other, holders)
                swapped = {**holders, code: other, other_code: current}
                if clashes(code, other, swapped) + clashes(other_code, current, swapped) < before:
                    seating[code], seating[other_code] = other, current
                    improved = True
                    break
            else:
                for other in left_out:
                    if (
                        other.kind == current.kind
                        and other.needs <= offers
                        and clashes(code, other, holders) < clashes(code, current, holders)
                    ):
                        seating[code] = other
                        improved = True
                        break
            if improved:
                break
    return seating


def _unplaced_shortfall(
    plan: FloorPlan, exhibitor: Exhibitor, free: Sequence[str], pool: Sequence[Exhibitor]
) -> Shortfall:
    if not exhibitor.needs:
        return Shortfall(
            exhibitor.id, "no_free_booth", {"free_booths": len(free), "exhibitors": len(pool)}
        )
    needs = [need for need in Need if need in exhibitor.needs]
    reason = _SINGLE_NEED_REASONS[needs[0]] if len(needs) == 1 else "no_booth_meeting_needs"
    eligible = sum(1 for code in free if exhibitor.needs <= plan.by_code[code].offers)
    return Shortfall(
        exhibitor.id, reason, {"needs": [str(need) for need in needs], "eligible_booths": eligible}
    )


def demo_hall() -> FloorPlan:
    """The venue's hall as the demo lays it out: 25 booths, 14 × 10 cells.

    A row of six booths along each side wall (A and B, with sockets), two booths on each side of
    the stage (D), a back-to-back island of eight in the middle (C, power at its ends), and a
    double booth beside the entrance (E01).
    """
    booths = [
        *(Booth(f"A{i:02}", 0, 1 + i, corner=i in (1, 6), electricity=True) for i in range(1, 7)),
        *(Booth(f"B{i:02}", 13, 1 + i, corner=i in (1, 6), electricity=True) for i in range(1, 7)),
        *(
            Booth(
                f"C{i:02}",
                5 + (i - 1) % 4,
                4 + (i - 1) // 4,
                corner=(i - 1) % 4 in (0, 3),
                electricity=(i - 1) % 4 in (0, 3),
            )
            for i in range(1, 9)
        ),
        Booth("D01", 2, 0, corner=True),
        Booth("D02", 3, 0, electricity=True),
        Booth("D03", 10, 0, electricity=True),
        Booth("D04", 11, 0, corner=True),
        Booth("E01", 2, 9, w=2, corner=True, electricity=True),
    ]
    obstacles = (
        Obstacle("stage", 4, 0, w=6, h=2),
        Obstacle("entrance", 6, 9, w=2),
        Obstacle("pillar", 3, 4),
        Obstacle("pillar", 10, 4),
    )
    return FloorPlan(width=14, height=10, booths=tuple(booths), obstacles=obstacles)


def grid_hall(islands_across: int, islands_down: int, island_length: int = 10) -> FloorPlan:
    """A large hall of back-to-back islands (2 × ``island_length``) with aisles between them.

    Island ends are corners; every other column has power. Used by the benchmark.
    """
    booths = []
    for row in range(islands_down):
        for column in range(islands_across):
            x0, y0 = 1 + column * (island_length + 1), 1 + row * 3
            for side in range(2):
                for step in range(island_length):
                    booths.append(
                        Booth(
                            f"I{row:02}{column:02}{side}{step:02}",
                            x0 + step,
                            y0 + side,
                            corner=step in (0, island_length - 1),
                            electricity=step % 2 == 0,
                        )
                    )
    width = 1 + islands_across * (island_length + 1)
    height = 1 + islands_down * 3 + 1
    entrance = Obstacle("entrance", width // 2 - 1, height - 1, w=2)
    return FloorPlan(width=width, height=height, booths=tuple(booths), obstacles=(entrance,))
