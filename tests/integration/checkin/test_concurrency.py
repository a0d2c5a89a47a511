"""Several desks scanning the same badge at the same moment record exactly one check-in."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from conference.auth.models import Role
from conference.checkin.models import CheckIn
from conference.extensions import db


@pytest.fixture(autouse=True)
def postgres_only(is_postgres):
    if not is_postgres:
        pytest.skip("concurrent transactions are tested on PostgreSQL")


def test_simultaneous_scans_of_one_badge_make_one_check_in(
    app, client, event, login_as, make_delegate, badge_code
):
    code = badge_code(make_delegate())
    login_as(Role.CHECKIN)
    cookie = client.get_cookie("session").value
    desks = 12
    barrier = threading.Barrier(desks, timeout=30)

    def scan(number):
        desk_client = app.test_client()
        desk_client.set_cookie("session", cookie)
        barrier.wait()
        return desk_client.post(
            "/checkin/scan", json={"code": code, "point": "plenary", "desk": f"Bàn {number}"}
        ).json

    with ThreadPoolExecutor(max_workers=desks) as pool:
        answers = list(pool.map(scan, range(desks)))

    assert sum(answer["ok"] for answer in answers) == 1
    assert {answer["reason"] for answer in answers if not answer["ok"]} == {"already_checked_in"}
    assert db.session.scalar(select(func.count()).select_from(CheckIn)) == 1
