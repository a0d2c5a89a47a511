import itertools
from collections import Counter
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conference.timeutil import HANOI
from conference.workshops.allocation import (
    AllocationError,
    Lock,
    Placement,
    Request,
    Workshop,
    allocate,
    fill_free_seats,
    lottery_ticket,
    overlaps,
    waiting_lists,
)

SEED = "hoi-nghi-2026"


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 12, hour, minute, tzinfo=HANOI)


FIRST_SLOT = {"start": at(13, 30), "end": at(15)}
SECOND_SLOT = {"start": at(15, 15), "end": at(16, 45)}


def workshop(id, capacity=50, start=FIRST_SLOT["start"], end=FIRST_SLOT["end"]):
    return Workshop(id, capacity, start, end)


def seats(allocation):
    return {(p.delegate_id, p.workshop_id) for p in allocation.placements}


# Brute force: every way to give each delegate a clash-free subset of the workshops they ranked.


def queue_weights(requests):
    queue = sorted(requests, key=lambda r: (-r.priority, lottery_ticket(SEED, r.delegate_id)))
    return {r.delegate_id: len(queue) - i for i, r in enumerate(queue)}


def score(placements, requests):
    """Seats, then rank points (K + 1 - rank), then queue weight × points: the documented order."""
    longest = max((len(r.choices) for r in requests), default=0)
    weight = queue_weights(requests)
    ranked = [p for p in placements if not p.locked]
    points = [(p.delegate_id, longest + 1 - p.rank) for p in ranked]
    return (
        len(ranked),
        sum(value for _, value in points),
        sum(weight[d] * value for d, value in points),
    )


def brute_force_best(workshops, requests, locks):
    by_id = {w.id: w for w in workshops}
    locked_at = {lock.delegate_id: [] for lock in locks}
    for lock in locks:
        locked_at[lock.delegate_id].append(by_id[lock.workshop_id])
    left = {w.id: w.capacity for w in workshops}
    for lock in locks:
        left[lock.workshop_id] -= 1

    def options(request):
        allowed = [
            (rank, w)
            for rank, w in enumerate(request.choices, start=1)
            if not any(
                overlaps(by_id[w], other) for other in locked_at.get(request.delegate_id, [])
            )
        ]
        for size in range(len(allowed) + 1):
            for subset in itertools.combinations(allowed, size):
                if not any(
                    overlaps(by_id[a], by_id[b])
                    for (_, a), (_, b) in itertools.combinations(subset, 2)
                ):
                    yield [Placement(request.delegate_id, w, rank) for rank, w in subset]

    best = None
    for combination in itertools.product(*(list(options(r)) for r in requests)):
        placements = [p for group in combination for p in group]
        used = Counter(p.workshop_id for p in placements)
        if all(used[w] <= left[w] for w in used):
            candidate = score(placements, requests)
            best = candidate if best is None else max(best, candidate)
    return best


@st.composite
def instances(draw):
    """Small instances with general interval overlaps, priorities and consistent locks."""
    workshops = [
        Workshop(f"W{i}", draw(st.integers(0, 2)), start, start + draw(st.integers(1, 3)))
        for i in range(draw(st.integers(1, 4)))
        for start in [draw(st.integers(0, 4))]
    ]
    ids = [w.id for w in workshops]
    requests = [
        Request(
            delegate_id=d,
            choices=tuple(draw(st.permutations(ids))[: draw(st.integers(0, min(3, len(ids))))]),
            priority=draw(st.integers(0, 1)),
        )
        for d in range(draw(st.integers(1, 5)))
    ]
    locks, left = [], {w.id: w.capacity for w in workshops}
    by_id = {w.id: w for w in workshops}
    for d, w in draw(st.lists(st.tuples(st.integers(0, 5), st.sampled_from(ids)), max_size=3)):
        mine = [by_id[lock.workshop_id] for lock in locks if lock.delegate_id == d]
        if left[w] and not any(overlaps(by_id[w], other) for other in mine):
            locks.append(Lock(d, w))
            left[w] -= 1
    return workshops, requests, locks


@settings(max_examples=300, deadline=None)
@given(instances())
def test_allocate_matches_brute_force_optimum(instance):
    workshops, requests, locks = instance

    allocation = allocate(workshops, requests, locks, seed=SEED)

    assert score(allocation.placements, requests) == brute_force_best(workshops, requests, locks)


@settings(max_examples=300, deadline=None)
@given(instances())
def test_allocate_keeps_capacity_time_and_locks(instance):
    workshops, requests, locks = instance
    by_id = {w.id: w for w in workshops}

    allocation = allocate(workshops, requests, locks, seed=SEED)

    used = Counter(p.workshop_id for p in allocation.placements)
    assert all(used[w.id] <= w.capacity for w in workshops)
    held = {}
    for p in allocation.placements:
        held.setdefault(p.delegate_id, []).append(by_id[p.workshop_id])
    for mine in held.values():
        assert not any(overlaps(a, b) for a, b in itertools.combinations(mine, 2))
    kept = {(p.delegate_id, p.workshop_id) for p in allocation.placements if p.locked}
    assert kept == {(lock.delegate_id, lock.workshop_id) for lock in locks}
    assert len(allocation.placements) == len(seats(allocation))


@settings(max_examples=100, deadline=None)
@given(instances(), st.randoms(use_true_random=False))
def test_allocate_gives_the_same_result_whatever_the_input_order(instance, rng):
    workshops, requests, locks = instance
    shuffled = [list(workshops), list(requests), list(locks)]
    for items in shuffled:
        rng.shuffle(items)

    assert allocate(*shuffled, seed=SEED) == allocate(workshops, requests, locks, seed=SEED)


@settings(max_examples=200, deadline=None)
@given(instances())
def test_waiting_lists_hold_only_people_who_want_to_move_up(instance):
    workshops, requests, locks = instance
    by_id = {w.id: w for w in workshops}
    ranks = {r.delegate_id: r.choices for r in requests}

    allocation = allocate(workshops, requests, locks, seed=SEED)

    used = Counter(p.workshop_id for p in allocation.placements)
    for workshop_id, entries in allocation.waiting.items():
        assert [e.rank for e in entries] == sorted(e.rank for e in entries)
        for entry in entries:
            assert ranks[entry.delegate_id].index(workshop_id) + 1 == entry.rank
            clashing = [
                p
                for p in allocation.placements
                if p.delegate_id == entry.delegate_id
                and overlaps(by_id[p.workshop_id], by_id[workshop_id])
            ]
            assert all(not p.locked and p.rank > entry.rank for p in clashing)
            # The optimum leaves a seat free to someone waiting only if taking it costs two seats.
            if used[workshop_id] < by_id[workshop_id].capacity:
                assert len(entry.gives_up) >= 2


def test_allocate_gives_first_choices_when_there_is_room():
    workshops = [workshop("patents"), workshop("marks")]
    requests = [Request(1, ("patents", "marks")), Request(2, ("marks", "patents"))]

    allocation = allocate(workshops, requests, seed=SEED)

    assert seats(allocation) == {(1, "patents"), (2, "marks")}
    assert allocation.by_rank == {1: 2}
    assert allocation.unplaced == ()


def test_allocate_places_everyone_before_moving_anyone_up():
    # A first choice for delegate 1 alone would leave delegate 2 with nothing.
    workshops = [workshop("patents", capacity=1), workshop("marks", capacity=1)]
    requests = [Request(1, ("patents", "marks")), Request(2, ("patents",))]

    allocation = allocate(workshops, requests, seed=SEED)

    assert seats(allocation) == {(1, "marks"), (2, "patents")}
    assert allocation.by_rank == {1: 1, 2: 1}


def test_allocate_places_everyone_even_when_points_alone_would_tie():
    # Delegate 1's first choice alone is 3 points; their second (2) plus delegate 2's third (1)
    # is 3 points as well. Two seats beat one, whatever the priority.
    workshops = [
        workshop("patents", capacity=1),
        workshop("marks", capacity=1),
        workshop("digital", capacity=0),
        workshop("law", capacity=0),
    ]
    requests = [
        Request(1, ("patents", "marks", "law"), priority=5),
        Request(2, ("digital", "law", "patents")),
    ]

    allocation = allocate(workshops, requests, seed=SEED)

    assert seats(allocation) == {(1, "marks"), (2, "patents")}
    assert allocation.unplaced == ()


def test_allocate_gives_a_contested_seat_to_the_higher_priority():
    workshops = [workshop("patents", capacity=1)]
    requests = [Request(d, ("patents",)) for d in range(1, 6)] + [Request(6, ("patents",), 5)]

    allocation = allocate(workshops, requests, seed=SEED)

    assert seats(allocation) == {(6, "patents")}
    assert [e.delegate_id for e in allocation.waiting["patents"]][:1] == [
        min(range(1, 6), key=lambda d: lottery_ticket(SEED, d))
    ]


def test_allocate_breaks_ties_by_the_seeded_lottery_not_by_registration_order():
    workshops = [workshop("patents", capacity=1)]
    requests = [Request(d, ("patents",)) for d in range(1, 4)]

    winners = {
        seed: allocate(workshops, requests, seed=seed).placements[0].delegate_id
        for seed in (f"seed-{i}" for i in range(30))
    }

    assert set(winners.values()) == {1, 2, 3}
    assert all(
        allocate(workshops, requests, seed=seed).placements[0].delegate_id == winner
        for seed, winner in winners.items()
    )


def test_allocate_keeps_a_lock_even_against_everyones_wishes():
    workshops = [workshop("patents", capacity=1), workshop("marks", capacity=1)]
    requests = [Request(1, ("marks",)), Request(2, ("patents",), priority=9)]

    allocation = allocate(workshops, requests, [Lock(1, "patents")], seed=SEED)

    assert Placement(1, "patents", None, locked=True) in allocation.placements
    assert (1, "marks") not in seats(allocation)
    assert allocation.unplaced == (2,)
    assert [e.delegate_id for e in allocation.waiting["patents"]] == [2]
    assert allocation.waiting["marks"] == ()  # a lock at the same time is never moved


def test_allocate_gives_one_seat_per_time_to_choices_in_both_slots():
    first_slot = [
        workshop(f"M{i}", start=FIRST_SLOT["start"], end=FIRST_SLOT["end"]) for i in (1, 2)
    ]
    second_slot = [
        workshop(f"A{i}", start=SECOND_SLOT["start"], end=SECOND_SLOT["end"]) for i in (1, 2)
    ]
    requests = [Request(1, ("M1", "M2", "A1")), Request(2, ("A2",))]

    allocation = allocate(first_slot + second_slot, requests, seed=SEED)

    assert seats(allocation) == {(1, "M1"), (1, "A1"), (2, "A2")}
    assert allocation.by_rank == {1: 2, 3: 1}


def test_allocate_handles_partial_overlaps_not_only_identical_slots():
    # 13:30-15:00 and 14:30-16:00 clash, as do 14:30-16:00 and 15:30-17:00, but not the first and last.
    workshops = [
        workshop("early", start=at(13, 30), end=at(15)),
        workshop("middle", start=at(14, 30), end=at(16)),
        workshop("late", start=at(15, 30), end=at(17)),
    ]
    requests = [Request(1, ("middle", "early", "late"))]

    allocation = allocate(workshops, requests, seed=SEED)

    # Two seats (early + late) come before one first choice (middle).
    assert seats(allocation) == {(1, "early"), (1, "late")}
    assert [e.delegate_id for e in allocation.waiting["middle"]] == [1]
    assert allocation.waiting["middle"][0].gives_up == ("early", "late")


def test_allocate_treats_touching_times_as_not_overlapping():
    workshops = [
        workshop("first", start=at(13), end=at(14)),
        workshop("second", start=at(14), end=at(15)),
    ]

    allocation = allocate(workshops, [Request(1, ("first", "second"))], seed=SEED)

    assert seats(allocation) == {(1, "first"), (1, "second")}


def test_allocate_lists_waiting_people_by_rank_then_priority():
    workshops = [
        workshop("patents", capacity=1),
        workshop("marks", capacity=3),
        workshop("digital", capacity=0),
    ]
    requests = [
        Request(1, ("patents", "marks"), priority=2),
        Request(2, ("marks",)),
        Request(3, ("patents", "marks")),
        Request(4, ("patents",)),
        Request(6, ("digital", "patents"), priority=9),
    ]

    allocation = allocate(workshops, requests, seed=SEED)

    # Delegate 4 asked for nothing else, so the one seat in "patents" is theirs.
    assert seats(allocation) == {(4, "patents"), (1, "marks"), (2, "marks"), (3, "marks")}
    waiting = [(e.delegate_id, e.rank, e.gives_up) for e in allocation.waiting["patents"]]
    assert waiting == [(1, 1, ("marks",)), (3, 1, ("marks",)), (6, 2, ())]
    assert allocation.unplaced == (6,)


def test_allocate_reports_who_got_nothing_in_queue_order():
    workshops = [workshop("patents", capacity=1)]
    requests = [Request(d, ("patents",)) for d in range(1, 5)] + [Request(9, ())]

    allocation = allocate(workshops, requests, seed=SEED)

    expected = sorted(range(1, 5), key=lambda d: lottery_ticket(SEED, d))[1:]
    assert allocation.unplaced == tuple(expected)


def test_fill_free_seats_gives_a_cancelled_seat_to_the_next_in_line():
    workshops = [workshop("patents", capacity=1), workshop("marks", capacity=1)]
    requests = [
        Request(1, ("patents",), priority=2),
        Request(2, ("patents", "marks")),
        Request(3, ("marks",), priority=1),
        Request(4, ("marks",)),
    ]
    allocation = allocate(workshops, requests, seed=SEED)
    assert seats(allocation) == {(1, "patents"), (3, "marks")}
    # Delegate 1 cancels: their request and their seat go.
    remaining = [p for p in allocation.placements if p.delegate_id != 1]

    refilled = fill_free_seats(workshops, requests[1:], remaining, seed=SEED)

    assert {(p.delegate_id, p.workshop_id) for p in refilled} == {(2, "patents"), (3, "marks")}


def test_fill_free_seats_cascades_when_someone_moves_up():
    workshops = [workshop("patents", capacity=1), workshop("marks", capacity=1)]
    requests = [Request(2, ("patents", "marks")), Request(4, ("marks",))]
    placements = [Placement(2, "marks", 2)]

    refilled = fill_free_seats(workshops, requests, placements, seed=SEED)

    assert {(p.delegate_id, p.workshop_id, p.rank) for p in refilled} == {
        (2, "patents", 1),
        (4, "marks", 1),
    }


def test_fill_free_seats_never_moves_a_lock():
    workshops = [workshop("patents", capacity=1), workshop("marks", capacity=1)]
    requests = [Request(2, ("patents", "marks"))]
    placements = [Placement(2, "marks", 2, locked=True)]

    assert fill_free_seats(workshops, requests, placements, seed=SEED) == tuple(placements)


def test_waiting_lists_follow_the_placements_given():
    workshops = [workshop("patents", capacity=1)]
    requests = [Request(1, ("patents",)), Request(2, ("patents",), priority=3)]

    waiting = waiting_lists(workshops, requests, [Placement(1, "patents", 1)], seed=SEED)

    assert [e.delegate_id for e in waiting["patents"]] == [2]


@pytest.mark.parametrize(
    ("workshops", "requests", "locks", "reason"),
    [
        ([workshop("a", capacity=1)], [], [Lock(1, "a"), Lock(2, "a")], "locks_exceed_capacity"),
        ([workshop("a")], [Request(1, ("b",))], [], "unknown_workshop"),
        ([workshop("a")], [Request(1, ("a", "a"))], [], "repeated_choice"),
        ([workshop("a")], [Request(1, ("a",)), Request(1, ())], [], "duplicate_request"),
        ([workshop("a", start=at(15), end=at(14))], [], [], "empty_interval"),
        (
            [workshop("a"), workshop("b")],
            [],
            [Lock(1, "a"), Lock(1, "b")],
            "overlapping_locks",
        ),
    ],
)
def test_allocate_refuses_inconsistent_input(workshops, requests, locks, reason):
    with pytest.raises(AllocationError) as error:
        allocate(workshops, requests, locks, seed=SEED)

    assert error.value.reason == reason
