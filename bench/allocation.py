"""Benchmark: workshop allocation and plenary seating at ten times the seed event.

Run with `.venv/bin/python bench/allocation.py`. Builds 1,500 delegates who rank three of
ten workshops (two afternoon slots of five parallel workshops, some far more popular than
others), allocates them exactly, and seats 1,500 people in a 1,520-seat hall by protocol.
Each figure comes with a baseline measured in the same run on the same input: a greedy
first-come fill for the allocation, a plain sort for the seating, so that the ratio shows
what the optimal method costs and what it buys.
"""

import argparse
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from conference.seating.planner import Person, plan_seating, rectangular_layout
from conference.timeutil import HANOI
from conference.workshops.allocation import (
    Request,
    Workshop,
    allocate,
    lottery_ticket,
    overlaps,
)

DELEGATES = 1500
SEED = "bench-2026"
ALLOCATION_TARGET = 0.5
SEATING_TARGET = 0.2
# Share of the demand each workshop draws, most popular first (a Zipf-like skew).
POPULARITY = [1 / (rank + 1) ** 0.8 for rank in range(10)]


def workshops(capacity: int) -> list[Workshop]:
    slots = [
        (datetime(2026, 3, 12, 13, 30, tzinfo=HANOI), datetime(2026, 3, 12, 15, tzinfo=HANOI)),
        (datetime(2026, 3, 12, 15, 15, tzinfo=HANOI), datetime(2026, 3, 12, 16, 45, tzinfo=HANOI)),
    ]
    return [Workshop(f"W{i + 1}", capacity, *slots[i % 2]) for i in range(10)]


def requests(rng: random.Random, ids: list[str]) -> list[Request]:
    made = []
    for delegate in range(DELEGATES):
        pool, weights, choices = list(ids), list(POPULARITY), []
        for _ in range(3):
            pick = rng.choices(range(len(pool)), weights=weights)[0]
            choices.append(pool.pop(pick))
            weights.pop(pick)
        # About one in thirty is an invited speaker or guest with priority.
        made.append(Request(delegate, tuple(choices), priority=int(rng.random() < 1 / 30)))
    return made


def greedy_fill(all_workshops: list[Workshop], all_requests: list[Request]) -> Counter:
    """The baseline: in queue order, each delegate takes each choice still open that fits."""
    by_id = {w.id: w for w in all_workshops}
    left = {w.id: w.capacity for w in all_workshops}
    by_rank: Counter = Counter()
    queue = sorted(all_requests, key=lambda r: (-r.priority, lottery_ticket(SEED, r.delegate_id)))
    for request in queue:
        held: list[Workshop] = []
        for rank, workshop_id in enumerate(request.choices, start=1):
            workshop = by_id[workshop_id]
            if left[workshop_id] and not any(overlaps(workshop, other) for other in held):
                left[workshop_id] -= 1
                held.append(workshop)
                by_rank[rank] += 1
    return by_rank


def plenary_people(rng: random.Random) -> list[Person]:
    # Category mix of the seed plan, scaled: (protocol rank, how many, flag).
    mix = [(10, 12, "front"), (20, 30, "front"), (30, 300, ""), (40, 300, ""), (50, 200, "")]
    mix += [(55, 150, ""), (60, 360, ""), (60, 40, "award"), (80, 48, "press"), (90, 60, "")]
    people = []
    for rank, count, flag in mix:
        for order in range(count):
            people.append(
                Person(
                    id=len(people),
                    protocol_rank=rank,
                    order=order,
                    front=flag == "front",
                    award=flag == "award",
                    press=flag == "press",
                )
            )
    rng.shuffle(people)
    return people


def plain_sort(layout, people: list[Person]) -> dict:
    """The baseline: sort by rank and order, fill the seats row by row."""
    ordered = sorted(people, key=lambda p: (p.protocol_rank, p.order, p.id))
    return {p.id: seat for p, seat in zip(ordered, layout.seat_labels(), strict=False)}


def timed(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Return the median duration of run() over `repeat` runs, and its result."""
    durations, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        durations.append(time.perf_counter() - start)
    return statistics.median(durations), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median shown)")
    parser.add_argument("--capacity", type=int, nargs="+", default=[50, 150])
    args = parser.parse_args()
    rng = random.Random(2026)

    rows = []
    for capacity in args.capacity:
        rooms = workshops(capacity)
        asked = requests(rng, [w.id for w in rooms])
        optimal_time, allocation = timed(partial(allocate, rooms, asked, seed=SEED), args.repeat)
        greedy_time, greedy = timed(partial(greedy_fill, rooms, asked), args.repeat)
        optimal_ranks = allocation.by_rank
        label = f"{capacity} seats x 10"
        rows += [
            (f"allocation time, s ({label})", optimal_time, greedy_time, _seconds, ALLOCATION_TARGET),
            (f"delegates given 1st choice ({label})", optimal_ranks[1] / DELEGATES,
             greedy[1] / DELEGATES, _share, None),
            (f"seats given ({label})", sum(optimal_ranks.values()), sum(greedy.values()), _count, None),
            (f"rank points 3/2/1 ({label})", _points(optimal_ranks), _points(greedy), _count, None),
        ]  # fmt: skip

    hall = rectangular_layout(38, 40, aisles_after=(10, 30))
    people = plenary_people(rng)
    seating_time, plan = timed(partial(plan_seating, hall, people), args.repeat)
    sort_time, _ = timed(partial(plain_sort, hall, people), args.repeat)
    rows.append(
        ("seating 1,500 in 1,520 seats, s", seating_time, sort_time, _seconds, SEATING_TARGET)
    )
    if len(plan.seats) != len(people) or plan.notes:
        raise SystemExit(f"seating went wrong: {len(plan.seats)} seated, notes {plan.notes}")

    print(
        f"{DELEGATES} delegates, top-3 of 10 workshops in 2 slots; median of {args.repeat} runs\n"
    )
    print(f"{'figure':<44}{'optimal':>12}{'baseline':>12}{'ratio':>9}{'target':>11}")
    for name, value, baseline, shown, target in rows:
        ratio = value / baseline if baseline else float("inf")
        verdict = "" if target is None else ("ok < " if value < target else "OVER ") + f"{target:g}"
        print(f"{name:<44}{shown(value):>12}{shown(baseline):>12}{ratio:>9.2f}{verdict:>11}")
    print("\nbaselines: allocation = greedy fill in queue order; seating = plain sort + row fill")


def _points(by_rank: Counter | dict) -> int:
    return sum(count * (4 - rank) for rank, count in by_rank.items())


def _seconds(value: float) -> str:
    return f"{value:.4f}"


def _share(value: float) -> str:
    return f"{value:.1%}"


def _count(value: int) -> str:
    return f"{value:,}"


if __name__ == "__main__":
    main()
