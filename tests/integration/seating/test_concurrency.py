"""Two organizers put two people in the same seat at once, on PostgreSQL: one wins.

The service checks that a seat is free and then writes; between the two, another organizer
may write the same seat. The database's unique constraint on (plan, seat) decides, and the
loser is told that the seat was just taken.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from conference.auth.models import Role
from conference.extensions import db
from conference.seating import services
from conference.seating.models import SeatAssignment
from conference.timeutil import utcnow
from tests.concurrency import signed_in_client, wait_until_blocked_on_locks
from tests.integration.workshops.conftest import TEST_ACTOR

pytestmark = pytest.mark.postgres_only

CONFLICT = "vừa được người khác xếp cho một đại biểu khác"
TAKEN = "đã có"


@pytest.fixture
def seated(event, hall, make_delegate):
    """Two delegates seated in the plenary, and a free seat both organizers want."""
    people = [make_delegate(name="Ngô Văn Một"), make_delegate(name="Đinh Thị Hai")]
    services.plan_seating(event, TEST_ACTOR, utcnow())
    return services.plenary_plan(event), people


def _seat_holders(plan, seat: str) -> list[int]:
    db.session.expire_all()
    return db.session.scalars(
        select(SeatAssignment.delegate_id).where(
            SeatAssignment.plan_id == plan.id, SeatAssignment.seat == seat
        )
    ).all()


def test_a_seat_written_by_another_transaction_meanwhile_is_a_clear_conflict(
    app, seated, make_user
):
    plan, (first, second) = seated
    organizer = signed_in_client(app, make_user(Role.ORGANIZER).email)
    # Another organizer's transaction has put `first` in D8 but not committed yet: the check
    # for a free seat cannot see it, so only the database can stop the second write.
    other = Session(db.engine)
    other.execute(
        update(SeatAssignment)
        .where(SeatAssignment.plan_id == plan.id, SeatAssignment.delegate_id == first.id)
        .values(seat="D8")
    )
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(
            organizer.post,
            f"/seating/plans/{plan.id}/place",
            data={"delegate_id": second.id, "seat": "D8"},
            follow_redirects=True,
        )
        wait_until_blocked_on_locks()
        other.commit()
        page = pending.result(timeout=30).get_data(as_text=True)
    other.close()

    assert CONFLICT in page
    assert _seat_holders(plan, "D8") == [first.id]


def test_two_organizers_at_once_seat_one_person_and_tell_the_other(app, seated, make_user):
    plan, people = seated
    clients = [signed_in_client(app, make_user(Role.ORGANIZER).email) for _ in people]
    ids, path = [person.id for person in people], f"/seating/plans/{plan.id}/place"

    def put(index: int, seat: str, barrier: threading.Barrier) -> str:
        barrier.wait()
        response = clients[index].post(
            path, data={"delegate_id": ids[index], "seat": seat}, follow_redirects=True
        )
        return response.get_data(as_text=True)

    for seat in ("D8", "D7", "D6", "D5", "D4"):
        barrier = threading.Barrier(len(ids), timeout=30)
        with ThreadPoolExecutor(max_workers=len(ids)) as pool:
            pages = list(pool.map(put, range(len(ids)), [seat] * len(ids), [barrier] * len(ids)))

        holders = _seat_holders(plan, seat)
        assert len(holders) == 1
        winner = ids.index(holders[0])
        assert f"vào ghế {seat}" in pages[winner]
        loser = pages[1 - winner]
        assert CONFLICT in loser or f"Ghế {seat} {TAKEN}" in loser
