import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conference.seating.planner import (
    Layout,
    Person,
    Row,
    SeatingError,
    SeatingPlan,
    Unseated,
    layout_from_dict,
    layout_to_dict,
    move,
    parse_seat,
    plan_seating,
    rectangular_layout,
    row_label,
    swap,
)

# The plenary hall: 10 rows of 15, aisles after seats 4 and 11, so the centre is seat 8.
PLENARY = rectangular_layout(10, 15, aisles_after=(4, 11))


# Geometry written out again here, independently of the planner, to check its choices.


def position(layout, seat):
    row, number = parse_seat(seat)
    index = [r.label for r in layout.rows].index(row)
    return index, number, layout.rows[index].seats


def x(layout, number):
    return number + sum(1 for aisle in layout.aisles_after if aisle < number)


def protocol_key(layout, seat):
    """Front row first; nearest the centre; at equal distance the principal's right (higher numbers)."""
    row, number, seats = position(layout, seat)
    offset = 2 * x(layout, number) - (x(layout, 1) + x(layout, seats))
    return row, abs(offset), offset < 0


def from_wall(layout, seat):
    _, number, seats = position(layout, seat)
    return min(number - 1, seats - number)


def adjacent(layout, a, b):
    row_a, number_a, _ = position(layout, a)
    row_b, number_b, _ = position(layout, b)
    if row_a == row_b:
        return abs(number_a - number_b) == 1 and min(number_a, number_b) not in layout.aisles_after
    return abs(row_a - row_b) == 1 and number_a == number_b


def connected(layout, seats):
    seats = set(seats)
    if not seats:
        return True
    reached, frontier = set(), [next(iter(seats))]
    while frontier:
        seat = frontier.pop()
        if seat not in reached:
            reached.add(seat)
            frontier.extend(s for s in seats if adjacent(layout, seat, s))
    return reached == seats


def beside_aisle(layout, seat):
    _, number, seats = position(layout, seat)
    return (
        number in (1, seats) or number in layout.aisles_after or number - 1 in layout.aisles_after
    )


def organizers_order(person):
    """Those the organizers ordered first, by their number; the others after them."""
    return (1, 0) if person.order is None else (0, person.order)


def precedence(person):
    return person.protocol_rank, organizers_order(person), person.id


def front_precedence(person):
    """The front rows' guests: one order across their categories, the rank breaking ties."""
    return organizers_order(person), person.protocol_rank, person.id


@st.composite
def halls(draw):
    """A rectangular hall with aisles, blocked seats, and people of every kind, some locked."""
    seats_per_row = draw(st.integers(1, 12))
    layout = rectangular_layout(
        draw(st.integers(1, 6)),
        seats_per_row,
        aisles_after=draw(st.sets(st.integers(1, seats_per_row - 1))) if seats_per_row > 1 else (),
    )
    labels = layout.seat_labels()
    blocked = draw(st.sets(st.sampled_from(labels), max_size=len(labels) // 4))
    layout = Layout(layout.rows, layout.aisles_after, frozenset(blocked))
    usable = layout.seat_labels()
    count = draw(st.integers(0, len(usable) + 6))
    locked = draw(st.lists(st.sampled_from(usable), unique=True, max_size=min(4, count)))
    kinds = st.sampled_from(["front", "award", "press", "other", "other", "other"])
    people = []
    for i in range(count):
        kind = draw(kinds)
        people.append(
            Person(
                id=i,
                protocol_rank=draw(
                    st.sampled_from({"front": [10, 20], "press": [80]}.get(kind, [30, 50]))
                ),
                order=draw(st.none() | st.integers(0, 3)),
                front=kind == "front",
                award=kind == "award",
                press=kind == "press",
                locked_seat=locked[i] if i < len(locked) else None,
            )
        )
    return layout, people


@settings(max_examples=300, deadline=None)
@given(halls())
def test_plan_seating_uses_each_free_seat_once_and_keeps_locks(hall):
    layout, people = hall

    plan = plan_seating(layout, people)

    seats = list(plan.seats.values())
    assert len(seats) == len(set(seats))
    assert set(seats) <= set(layout.seat_labels())
    assert all(plan.seats[p.id] == p.locked_seat for p in people if p.locked_seat)
    unseated = [u.person_id for u in plan.unseated]
    assert sorted([*plan.seats, *unseated]) == sorted(p.id for p in people)
    if unseated:
        assert len(seats) == layout.capacity


@settings(max_examples=300, deadline=None)
@given(halls())
def test_plan_seating_puts_front_guests_from_the_centre_of_row_a_outward(hall):
    layout, people = hall

    plan = plan_seating(layout, people)

    front = sorted((p for p in people if p.front and not p.locked_seat), key=front_precedence)
    front = [p for p in front if p.id in plan.seats]
    locked = {p.locked_seat for p in people if p.locked_seat}
    best_free = sorted(
        (s for s in layout.seat_labels() if s not in locked), key=lambda s: protocol_key(layout, s)
    )
    assert [plan.seats[p.id] for p in front] == best_free[: len(front)]


@settings(max_examples=300, deadline=None)
@given(halls())
def test_plan_seating_puts_press_nearer_the_walls_than_anyone_else(hall):
    layout, people = hall

    plan = plan_seating(layout, people)

    protocol_rows = {
        position(layout, plan.seats[p.id])[0] for p in people if p.front and p.id in plan.seats
    }
    press = [p for p in people if p.press and not p.locked_seat and p.id in plan.seats]
    others = [
        plan.seats[p.id]
        for p in people
        if not (p.press or p.front or p.award or p.locked_seat) and p.id in plan.seats
    ]
    for person in press:
        seat = plan.seats[person.id]
        if position(layout, seat)[0] in protocol_rows:
            continue  # only when no seat outside the guests' rows was left
        assert all(
            from_wall(layout, seat) <= from_wall(layout, other)
            for other in others
            if position(layout, other)[0] not in protocol_rows
        )


@settings(max_examples=300, deadline=None)
@given(halls())
def test_plan_seating_keeps_award_recipients_together_beside_an_aisle(hall):
    layout, people = hall

    plan = plan_seating(layout, people)

    award = [
        plan.seats[p.id]
        for p in people
        if p.award and not (p.front or p.locked_seat) and p.id in plan.seats
    ]
    if "award_block_split" not in plan.notes and award:
        assert connected(layout, award)
        assert any(beside_aisle(layout, seat) for seat in award)


@settings(max_examples=300, deadline=None)
@given(halls())
def test_plan_seating_seats_everyone_else_by_rank_then_order(hall):
    layout, people = hall

    plan = plan_seating(layout, people)

    others = sorted(
        (p for p in people if not (p.front or p.award or p.press or p.locked_seat)),
        key=precedence,
    )
    keys = [protocol_key(layout, plan.seats[p.id]) for p in others if p.id in plan.seats]
    assert keys == sorted(keys)
    seated = [p.id in plan.seats for p in others]
    assert seated == sorted(seated, reverse=True)  # the hall turns away the last ones only


@settings(max_examples=100, deadline=None)
@given(halls(), st.randoms(use_true_random=False))
def test_plan_seating_does_not_depend_on_the_input_order(hall, rng):
    layout, people = hall
    shuffled = list(people)
    rng.shuffle(shuffled)

    assert plan_seating(layout, shuffled) == plan_seating(layout, people)


@settings(max_examples=200, deadline=None)
@given(halls())
def test_layout_survives_a_round_trip_through_json(hall):
    layout, _ = hall

    assert layout_from_dict(json.loads(json.dumps(layout_to_dict(layout)))) == layout


def test_plan_seating_puts_the_most_senior_at_the_centre_of_row_a_then_right_then_left():
    people = [
        Person("city-vice-chair", protocol_rank=20, order=3, front=True),
        Person("ministry", protocol_rank=10, order=1, front=True),
        Person("city-chair", protocol_rank=20, order=2, front=True),
    ]

    plan = plan_seating(PLENARY, people)

    assert plan.seats == {"ministry": "A8", "city-chair": "A9", "city-vice-chair": "A7"}


def test_plan_seating_orders_the_front_rows_across_categories_by_the_organizers_order():
    people = [
        Person("ministry-department-head", protocol_rank=10, order=3, front=True),
        Person("city-chair", protocol_rank=20, order=1, front=True),
        Person("vice-minister", protocol_rank=10, order=2, front=True),
        Person("city-vice-chair", protocol_rank=20, order=4, front=True),
    ]

    plan = plan_seating(PLENARY, people)

    assert plan.seats == {
        "city-chair": "A8",
        "vice-minister": "A9",
        "ministry-department-head": "A7",
        "city-vice-chair": "A10",
    }


def test_plan_seating_puts_front_guests_without_an_order_after_those_with_one():
    people = [
        Person("ministry-unordered", protocol_rank=10, front=True),
        Person("city-chair", protocol_rank=20, order=5, front=True),
    ]

    plan = plan_seating(PLENARY, people)

    assert plan.seats == {"city-chair": "A8", "ministry-unordered": "A9"}


def test_plan_seating_breaks_ties_in_the_front_rows_by_category_rank():
    people = [
        Person("city", protocol_rank=20, front=True),
        Person("ministry", protocol_rank=10, front=True),
    ]

    plan = plan_seating(PLENARY, people)

    assert plan.seats == {"ministry": "A8", "city": "A9"}


def test_plan_seating_moves_front_guests_around_a_locked_seat():
    people = [
        Person("ministry", protocol_rank=10, front=True),
        Person("host", protocol_rank=30, locked_seat="A8"),
    ]

    plan = plan_seating(PLENARY, people)

    assert plan.seats == {"host": "A8", "ministry": "A9"}


def test_plan_seating_seats_press_at_the_walls_behind_the_guests():
    people = [Person(f"guest-{i}", protocol_rank=10, front=True) for i in range(3)]
    people += [Person(f"press-{i}", protocol_rank=80, order=i, press=True) for i in range(4)]

    plan = plan_seating(PLENARY, people)

    assert [plan.seats[f"press-{i}"] for i in range(4)] == ["B15", "B1", "C15", "C1"]


def test_plan_seating_seats_award_recipients_in_one_block_by_an_aisle():
    people = [Person(f"guest-{i}", protocol_rank=10, front=True) for i in range(9)]
    people += [Person(f"award-{i}", protocol_rank=60, order=i, award=True) for i in range(6)]

    plan = plan_seating(PLENARY, people)

    # The guests fill A4 to A12; the block takes the front row's end by the wall walkway.
    award = [plan.seats[f"award-{i}"] for i in range(6)]
    assert award == ["A15", "A14", "A13", "B15", "B14", "B13"]
    assert plan.notes == ()


def test_plan_seating_notes_when_award_recipients_cannot_sit_together():
    layout = rectangular_layout(2, 3, blocked=("A2", "B1", "B3"))
    people = [Person(i, award=True) for i in range(3)]

    plan = plan_seating(layout, people)

    assert plan.notes == ("award_block_split",)
    assert set(plan.seats.values()) == {"A1", "A3", "B2"}


def test_plan_seating_turns_away_the_lowest_ranks_when_the_hall_is_full():
    layout = rectangular_layout(1, 3)
    people = [
        Person("scientist", protocol_rank=50),
        Person("exhibitor", protocol_rank=90),
        Person("department", protocol_rank=30),
        Person("award", protocol_rank=60, award=True),
    ]

    plan = plan_seating(layout, people)

    assert set(plan.seats) == {"department", "award", "scientist"}
    assert plan.unseated == (Unseated("exhibitor", "hall_full"),)


def test_plan_seating_seats_a_workshop_room_in_allocation_order():
    room = rectangular_layout(5, 10)
    people = [Person(f"delegate-{i}", order=i) for i in range(4)]

    plan = plan_seating(room, people)

    assert [plan.seats[p.id] for p in people] == ["A6", "A5", "A7", "A4"]


@pytest.mark.parametrize(
    ("locked", "reason"),
    [
        (["K1"], "locked_seat_unknown"),
        (["A1"], "locked_seat_blocked"),
        (["B2", "B2"], "locked_seat_shared"),
    ],
)
def test_plan_seating_refuses_impossible_locks(locked, reason):
    layout = rectangular_layout(2, 3, blocked=("A1",))
    people = [Person(i, locked_seat=seat) for i, seat in enumerate(locked)]

    with pytest.raises(SeatingError) as error:
        plan_seating(layout, people)

    assert error.value.reason == reason


def test_move_puts_a_person_in_a_free_seat():
    plan = SeatingPlan(seats={"an": "A1", "binh": "A2"})

    moved = move(plan, PLENARY, "an", "C7")

    assert moved.seats == {"an": "C7", "binh": "A2"}
    assert plan.seats == {"an": "A1", "binh": "A2"}


def test_move_seats_someone_the_hall_had_turned_away():
    plan = SeatingPlan(seats={}, unseated=(Unseated("an", "hall_full"),))

    moved = move(plan, PLENARY, "an", "A1")

    assert moved.seats == {"an": "A1"}
    assert moved.unseated == ()


@pytest.mark.parametrize(
    ("seat", "reason"), [("A2", "seat_taken"), ("Z9", "seat_unknown"), ("B1", "seat_blocked")]
)
def test_move_refuses_a_seat_that_is_not_free(seat, reason):
    layout = rectangular_layout(3, 3, blocked=("B1",))
    plan = SeatingPlan(seats={"an": "A1", "binh": "A2"})

    with pytest.raises(SeatingError) as error:
        move(plan, layout, "an", seat)

    assert error.value.reason == reason


def test_swap_exchanges_two_seats():
    plan = SeatingPlan(seats={"an": "A1", "binh": "A2", "chau": "A3"})

    swapped = swap(plan, "an", "chau")

    assert swapped.seats == {"an": "A3", "binh": "A2", "chau": "A1"}


def test_swap_refuses_someone_without_a_seat():
    plan = SeatingPlan(seats={"an": "A1"}, unseated=(Unseated("binh", "hall_full"),))

    with pytest.raises(SeatingError) as error:
        swap(plan, "an", "binh")

    assert error.value.reason == "person_not_seated"


def test_rectangular_layout_labels_rows_and_counts_usable_seats():
    layout = rectangular_layout(28, 2, blocked=("A1",))

    assert [row.label for row in layout.rows][-3:] == ["Z", "AA", "AB"]
    assert layout.capacity == 55
    assert layout.seat_labels()[:3] == ["A2", "B1", "B2"]
    assert row_label(27) == "AB"


def test_layout_from_dict_reads_rows_of_different_lengths():
    data = {
        "rows": [{"label": "a", "seats": 12}, {"label": "B", "seats": 14}],
        "aisles_after": [7, 3],
        "blocked": ["b14"],
    }

    layout = layout_from_dict(data)

    assert layout == Layout((Row("A", 12), Row("B", 14)), (3, 7), frozenset({"B14"}))
    assert layout.capacity == 25


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"rows": []}, "rows_missing"),
        ({"rows": [{"label": "A"}]}, "layout_malformed"),
        ({"rows": [{"label": "A", "seats": "many"}]}, "layout_malformed"),
        ({"rows": [{"label": "A1", "seats": 5}]}, "row_label_invalid"),
        ({"rows": [{"label": "A", "seats": 0}]}, "seats_invalid"),
        ({"rows": [{"label": "A", "seats": 5}] * 2}, "row_label_repeated"),
        ({"rows": [{"label": "A", "seats": 5}], "aisles_after": [5]}, "aisle_invalid"),
        ({"rows": [{"label": "A", "seats": 5}], "blocked": ["A6"]}, "blocked_seat_unknown"),
        ({"rows": [{"label": "A", "seats": 5}], "blocked": ["6A"]}, "seat_label_invalid"),
    ],
)
def test_layout_from_dict_refuses_inconsistent_layouts(data, reason):
    with pytest.raises(SeatingError) as error:
        layout_from_dict(data)

    assert error.value.reason == reason
