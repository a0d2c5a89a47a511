"""The demo's plenary: the front rows follow one seniority order across both guest categories."""

from sqlalchemy import select

from conference.events.models import Event
from conference.extensions import db
from conference.registration.demo import FRONT_ROW_GUESTS
from conference.seating import services
from conference.seating.models import SeatAssignment

# Row A of the demo hall (15 seats, aisles after 4 and 11) from the centre outward, the
# principal's right first.
ROW_A_BY_PROTOCOL = ["A8", "A9", "A7", "A10", "A6", "A11", "A5", "A12", "A4", "A13", "A3"]


def test_demo_seats_the_front_rows_by_seniority_across_categories(runner):
    assert runner.invoke(args=["demo"]).exit_code == 0
    event = db.session.scalars(select(Event)).one()
    plan = services.plenary_plan(event)
    by_seat = {
        a.seat: a.delegate
        for a in db.session.scalars(select(SeatAssignment).where(SeatAssignment.plan_id == plan.id))
    }
    seniority = {
        (code, position, unit): rank
        for rank, (code, position, unit, _) in enumerate(FRONT_ROW_GUESTS)
    }

    guests = [by_seat[seat] for seat in ROW_A_BY_PROTOCOL]
    ranks = [seniority[(d.category.code, d.position, d.organization)] for d in guests]

    assert [d.position for d in guests[:3]] == [
        "Chủ tịch UBND Thành phố",
        "Thứ trưởng",
        "Phó Chủ tịch UBND Thành phố",
    ]
    assert ranks == sorted(ranks)
    assert {d.category.code for d in guests} == {"trung_uong", "lanh_dao_tp"}
