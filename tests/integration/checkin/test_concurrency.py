"""Several desks scanning the same badge at the same moment record exactly one check-in."""

import pytest
from sqlalchemy import func, select

from conference.auth.models import Role
from conference.checkin.models import CheckIn
from conference.extensions import db
from conference.timeutil import utcnow
from conference.workshops import services as workshops
from tests.concurrency import Post, post_all_at_once
from tests.integration.workshops.conftest import TEST_ACTOR

pytestmark = pytest.mark.postgres_only

DESKS = 12


def _scan_at_once(app, client, code: str, point: str) -> list[dict]:
    """Scan one badge from DESKS desks released together, each in its own thread and session."""
    scans = [
        Post("/checkin/scan", json={"code": code, "point": point, "desk": f"Bàn {number}"})
        for number in range(DESKS)
    ]
    cookie = client.get_cookie("session").value
    return [response.json for response in post_all_at_once(app, scans, session_cookie=cookie)]


def _assert_one_check_in(answers: list[dict]) -> None:
    assert sum(answer["ok"] for answer in answers) == 1
    assert {answer["reason"] for answer in answers if not answer["ok"]} == {"already_checked_in"}
    assert db.session.scalar(select(func.count()).select_from(CheckIn)) == 1


def test_simultaneous_scans_of_one_badge_make_one_check_in(
    app, client, event, login_as, make_delegate, badge_code
):
    code = badge_code(make_delegate())
    login_as(Role.CHECKIN)
    _assert_one_check_in(_scan_at_once(app, client, code, "plenary"))


def test_simultaneous_scans_at_a_workshop_door_make_one_check_in(
    app, client, event, login_as, make_delegate, make_workshop, badge_code
):
    workshop = make_workshop("Thương mại hóa sáng chế")
    delegate = make_delegate()
    workshops.pin(workshop, delegate, TEST_ACTOR, utcnow())
    code = badge_code(delegate)
    login_as(Role.CHECKIN)
    answers = _scan_at_once(app, client, code, f"workshop-{workshop.id}")
    _assert_one_check_in(answers)
    assert {answer["delegate"]["workshop"] for answer in answers} == {
        "Thương mại hóa sáng chế — Phòng Thương mại hóa sáng chế"
    }
    assert db.session.scalar(select(CheckIn.point)) == f"workshop-{workshop.id}"
