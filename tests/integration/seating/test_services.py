"""Seating services: protocol in the plenary, allocation order in workshops, hand edits, hooks."""

import pytest
from sqlalchemy import select

from conference.extensions import db
from conference.registration import services as registration
from conference.seating import planner, services
from conference.seating.models import SeatAssignment
from conference.timeutil import utcnow
from conference.workshops import services as workshops
from tests.integration.workshops.conftest import TEST_ACTOR, add_room


def seats(plan) -> dict[str, str]:
    """Full name → seat, as stored."""
    return {
        a.delegate.full_name: a.seat
        for a in db.session.scalars(select(SeatAssignment).where(SeatAssignment.plan_id == plan.id))
    }


def adjacent(first: str, second: str) -> bool:
    (row_a, number_a), (row_b, number_b) = planner.parse_seat(first), planner.parse_seat(second)
    same_row = row_a == row_b and abs(number_a - number_b) == 1 and min(number_a, number_b) != 4
    same_column = number_a == number_b and abs(ord(row_a) - ord(row_b)) == 1
    return same_row or same_column


def test_plenary_puts_guests_in_front_press_at_the_walls_award_recipients_together(
    event, hall, make_guest, make_delegate, award_to
):
    senior = make_guest("trung_uong", "Nguyễn Mạnh Giang", "Cục trưởng")
    deputy = make_guest("trung_uong", "Bùi Quốc Toàn", "Phó Cục trưởng")
    leader = make_guest("lanh_dao_tp", "Trần Công Hưng", "Phó Chủ tịch UBND Thành phố")
    press = [make_delegate("bao_chi", name=f"Phóng viên {i}") for i in range(2)]
    registration.approve(event, [d.id for d in press], TEST_ACTOR, utcnow())
    for i in range(6):
        make_delegate("so_nganh", name=f"Chuyên viên {i}")
    honoured = [make_delegate("quan_huyen", name=f"Khen thưởng {i}") for i in range(3)]
    services.set_protocol_order(event, {deputy.id: 2, senior.id: 1}, TEST_ACTOR)
    award_to(*honoured)

    (report,) = services.plan_seating(event, TEST_ACTOR, utcnow())

    placed = seats(services.plenary_plan(event))
    assert report.seated == len(placed) == 14 and report.unseated == []
    assert len(set(placed.values())) == 14
    assert placed[senior.full_name] == "A5"  # the centre, on the principal's right
    assert {placed[d.full_name][0] for d in (senior, deputy, leader)} == {"A"}
    for delegate in press:
        assert planner.parse_seat(placed[delegate.full_name])[1] in (1, 8)  # by a wall
    award_seats = sorted(placed[d.full_name] for d in honoured)
    assert all(
        any(adjacent(seat, other) for other in award_seats if other != seat) for seat in award_seats
    )


def test_protocol_order_decides_who_sits_in_the_centre(event, hall, make_guest):
    first, second = (
        make_guest("trung_uong", "Lê Kim Thơ"),
        make_guest("trung_uong", "Phan Tiến Hưng"),
    )
    services.set_protocol_order(event, {first.id: 2, second.id: 1}, TEST_ACTOR)

    services.plan_seating(event, TEST_ACTOR, utcnow())

    placed = seats(services.plenary_plan(event))
    assert placed == {"Phan Tiến Hưng": "A5", "Lê Kim Thơ": "A4"}


def test_protocol_order_seats_a_city_leader_before_a_junior_central_guest(event, hall, make_guest):
    junior = make_guest("trung_uong", "Lê Kim Thơ", "Trưởng phòng Sáng chế")
    chair = make_guest("lanh_dao_tp", "Trần Công Hưng", "Chủ tịch UBND Thành phố")
    minister = make_guest("trung_uong", "Phan Tiến Hưng", "Thứ trưởng")
    services.set_protocol_order(event, {chair.id: 1, minister.id: 2, junior.id: 3}, TEST_ACTOR)

    services.plan_seating(event, TEST_ACTOR, utcnow())

    placed = seats(services.plenary_plan(event))
    # The hall's centre is the aisle between A4 and A5: A5, then A4, then A6.
    assert placed == {"Trần Công Hưng": "A5", "Phan Tiến Hưng": "A4", "Lê Kim Thơ": "A6"}


def test_protocol_list_of_the_front_rows_joins_both_categories_in_one_order(event, make_guest):
    junior = make_guest("trung_uong", "Lê Kim Thơ")
    chair = make_guest("lanh_dao_tp", "Trần Công Hưng")
    unordered = make_guest("lanh_dao_tp", "Vũ Thị Lan")
    services.set_protocol_order(event, {chair.id: 1, junior.id: 2, unordered.id: 2}, TEST_ACTOR)

    front, *others = services.protocol_groups(event)
    listed = services.protocol_list(event, front)

    assert front.front and {c.code for c in front.categories} == {"trung_uong", "lanh_dao_tp"}
    assert all(len(group.categories) == 1 and not group.front for group in others)
    # Equal orders: Trung ương before Lãnh đạo Thành phố, as the planner breaks the tie.
    assert [(d.full_name, order) for d, order in listed] == [
        ("Trần Công Hưng", 1),
        ("Lê Kim Thơ", 2),
        ("Vũ Thị Lan", 2),
    ]


def test_workshop_room_seats_pinned_then_by_allocation_order(
    event, make_workshop, make_delegate, choose
):
    workshop = make_workshop("A", capacity=4)
    people = [make_delegate() for _ in range(4)]
    for delegate in people:
        choose(delegate, workshop)
    workshops.pin(workshop, people[3], TEST_ACTOR, utcnow())
    workshops.allocate(event, TEST_ACTOR, utcnow())

    services.plan_seating(event, TEST_ACTOR, utcnow())

    plan = services.plan_page(services._workshop_plan(workshop)).plan
    placed = seats(plan)
    assert workshops.seating_order(workshop)[0] == people[3].id  # pinned comes first
    names = {d.id: d.full_name for d in people}
    in_order = [placed[names[d]] for d in workshops.seating_order(workshop)]
    # Front row, from the centre outward: A6, A5, A7, A4 (the room is 10 wide, aisle after 5).
    assert in_order == ["A6", "A5", "A7", "A4"] or in_order == ["A5", "A6", "A4", "A7"]


def test_exchange_swaps_two_people_and_locks_them_so_planning_again_keeps_it(
    event, hall, make_delegate
):
    first, second = make_delegate(name="Ngô Văn Một"), make_delegate(name="Đinh Thị Hai")
    services.plan_seating(event, TEST_ACTOR, utcnow())
    plan = services.plenary_plan(event)
    before = seats(plan)

    moved = services.exchange(plan, before[first.full_name], before[second.full_name], TEST_ACTOR)
    services.plan_seating(event, TEST_ACTOR, utcnow())

    after = seats(plan)
    assert [(c.delegate.id, c.seat) for c in moved] == [
        (first.id, before[second.full_name]),
        (second.id, before[first.full_name]),
    ]
    assert after == {
        first.full_name: before[second.full_name],
        second.full_name: before[first.full_name],
    }
    assert all(a.locked for a in db.session.scalars(select(SeatAssignment)))


def test_exchange_into_a_free_seat_moves_the_person(event, hall, make_delegate):
    delegate = make_delegate()
    services.plan_seating(event, TEST_ACTOR, utcnow())
    plan = services.plenary_plan(event)

    (moved,) = services.exchange(plan, "d8", seats(plan)[delegate.full_name], TEST_ACTOR)

    assert (moved.delegate.id, moved.seat) == (delegate.id, "D8")
    assert seats(plan) == {delegate.full_name: "D8"}


@pytest.mark.parametrize(
    ("seat", "reason"), [("Z1", "seat_unknown"), ("A9", "seat_unknown"), ("B2", "seat_taken")]
)
def test_place_refuses_unknown_and_taken_seats(event, hall, make_delegate, seat, reason):
    sitting, standing = make_delegate(), make_delegate()
    services.plan_seating(event, TEST_ACTOR, utcnow())
    plan = services.plenary_plan(event)
    services.place(plan, sitting, "B2", TEST_ACTOR)
    with pytest.raises(services.SeatingError) as refused:
        services.place(plan, standing, seat, TEST_ACTOR)
    assert refused.value.reason == reason


def test_room_layout_may_not_drop_a_seat_someone_sits_in(event, hall, make_delegate):
    delegate = make_delegate()
    services.plan_seating(event, TEST_ACTOR, utcnow())
    services.place(services.plenary_plan(event), delegate, "D8", TEST_ACTOR)
    smaller = planner.layout_to_dict(planner.rectangular_layout(3, 8, aisles_after=(4,)))

    with pytest.raises(services.SeatingError) as refused:
        services.save_room(event, TEST_ACTOR, hall.name, "", smaller, hall)

    assert (refused.value.reason, refused.value.data) == ("seats_in_use", {"seats": "D8"})
    db.session.expire_all()
    assert hall.capacity == 32


def test_room_layout_may_not_fall_below_a_workshop_capacity(event, make_workshop):
    workshop = make_workshop("A", capacity=40)
    small = planner.layout_to_dict(planner.rectangular_layout(3, 10))
    with pytest.raises(services.SeatingError) as refused:
        services.save_room(event, TEST_ACTOR, "Phòng A", "", small, workshop.room)
    assert refused.value.reason == "below_workshop_capacity"


def test_room_with_a_bad_layout_is_refused_with_the_planner_reason(event):
    with pytest.raises(services.SeatingError) as refused:
        services.save_room(
            event, TEST_ACTOR, "Phòng mới", "",
            {"rows": [{"label": "A", "seats": 6}], "aisles_after": [6]},
        )  # fmt: skip
    assert refused.value.data["detail"] == "aisle_invalid"


def test_cancelled_delegate_loses_their_seat_and_a_promoted_one_gets_a_free_seat(
    small_event, hall, make_delegate
):
    sitting = [make_delegate() for _ in range(3)]
    waiting = make_delegate()  # the event's three places are taken: waits
    services.plan_seating(small_event, TEST_ACTOR, utcnow())
    plan = services.plenary_plan(small_event)
    before = seats(plan)

    registration.cancel(sitting[0], TEST_ACTOR, utcnow())  # the place goes to `waiting`
    page = services.plan_page(plan)
    services.seat_newcomers(plan, TEST_ACTOR, utcnow())

    assert [d.id for d in page.unseated] == [waiting.id]
    after = seats(plan)
    assert sitting[0].full_name not in after
    assert {name: seat for name, seat in after.items() if name != waiting.full_name} == {
        d.full_name: before[d.full_name] for d in sitting[1:]
    }
    assert (
        after[waiting.full_name] not in before.values()
        or after[waiting.full_name] == before[sitting[0].full_name]
    )


def test_a_freed_workshop_seat_goes_with_its_room_seat_to_the_next_in_line(
    event, make_workshop, make_delegate, choose
):
    workshop = make_workshop("A", capacity=2)
    people = [make_delegate() for _ in range(3)]
    for delegate in people:
        choose(delegate, workshop)
    workshops.allocate(event, TEST_ACTOR, utcnow())
    services.plan_seating(event, TEST_ACTOR, utcnow())
    plan = services._workshop_plan(workshop)
    before = seats(plan)
    leaving = next(d for d in people if d.full_name in before)
    staying = next(d for d in people if d.full_name in before and d is not leaving)
    newcomer = next(d for d in people if d.full_name not in before)

    registration.cancel(leaving, TEST_ACTOR, utcnow())

    assert seats(plan) == {
        staying.full_name: before[staying.full_name],
        newcomer.full_name: before[leaving.full_name],
    }


def test_award_recipients_on_the_seat_map_are_those_of_the_approved_list(
    event, hall, make_delegate, award_to
):
    honoured, other = make_delegate(name="Lê Thị Khen"), make_delegate(name="Phạm Văn Thường")
    (nomination,) = award_to(honoured)
    services.plan_seating(event, TEST_ACTOR, utcnow())
    page = services.plan_page(services.plenary_plan(event))
    assert {person.delegate.full_name for person in page.seated if person.award} == {"Lê Thị Khen"}
    nomination.delegate_id = other.id  # the organizer linked the nomination to the right person
    db.session.commit()
    page = services.plan_page(services.plenary_plan(event))
    assert {person.delegate.full_name for person in page.seated if person.award} == {
        "Phạm Văn Thường"
    }


def test_plenary_in_another_room_starts_afresh(event, hall, make_delegate):
    make_delegate()
    services.plan_seating(event, TEST_ACTOR, utcnow())
    other = add_room(event, "Hội trường lớn", rows=3, seats=10)

    plan = services.set_plenary_room(event, other, TEST_ACTOR)

    assert plan.room == other and seats(plan) == {} and plan.planned_at is None


def test_cli_plans_seating(runner, event, hall, make_delegate):
    make_delegate()
    result = runner.invoke(args=["plan-seating"])
    assert result.exit_code == 0, result.output
    assert "Hội nghị toàn thể: 1 seated" in result.output


def test_bulk_lookups_give_every_delegate_their_seat_and_workshops(
    event, hall, make_workshop, make_delegate, choose
):
    early, late = make_workshop("Sớm", capacity=2), make_workshop("Muộn", slot="late", capacity=2)
    both, none = make_delegate(), make_delegate()
    choose(both, late, early)
    workshops.allocate(event, TEST_ACTOR, utcnow())
    services.plan_seating(event, TEST_ACTOR, utcnow())

    seats_by_id = services.plenary_seats(event)
    held = workshops.workshops_by_delegate(event)

    assert set(seats_by_id) == {both.id, none.id}
    assert seats_by_id[both.id] == seats(services.plenary_plan(event))[both.full_name]
    assert [w.title for w in held[both.id]] == ["Sớm", "Muộn"]
    assert none.id not in held
