"""Scanning badges at a desk: who gets in, who does not, and why."""

import io
from datetime import timedelta

from openpyxl import load_workbook
from sqlalchemy import func, select

from conference.audit.models import AuditEvent
from conference.audit.services import Actor
from conference.auth.models import Role
from conference.checkin import services
from conference.checkin.models import PLENARY, CheckIn
from conference.extensions import db
from conference.registration import services as registration
from conference.timeutil import utcnow

DESK = Actor.system("bàn đón tiếp")


def _standing() -> int:
    return db.session.scalar(
        select(func.count()).select_from(CheckIn).where(CheckIn.undone_at.is_(None))
    )


def test_confirmed_delegate_is_checked_in_once(event, make_delegate, badge_code):
    delegate = make_delegate(name="Đặng Quốc Việt")
    result = services.scan(event, badge_code(delegate), PLENARY, "Bàn 1", DESK, utcnow())
    assert (result.ok, result.name, result.category) == (True, "Đặng Quốc Việt", "ĐẠI BIỂU")
    again = services.scan(event, badge_code(delegate), PLENARY, "Bàn 2", DESK, utcnow())
    assert (again.ok, again.reason, again.earlier_desk) == (False, "already_checked_in", "Bàn 1")
    assert _standing() == 1


def test_forged_or_unknown_code_is_refused(event, make_delegate, badge_code):
    delegate = make_delegate()
    genuine = badge_code(delegate)
    assert (
        services.scan(event, genuine[:-2] + "AA", PLENARY, "Bàn 1", DESK, utcnow()).reason
        == "unknown_code"
    )
    assert (
        services.scan(event, str(delegate.id), PLENARY, "Bàn 1", DESK, utcnow()).reason
        == "unknown_code"
    )
    assert _standing() == 0


def test_cancelled_and_unconfirmed_delegates_are_refused_with_their_reason(
    event, make_delegate, badge_code
):
    cancelled = make_delegate()
    registration.cancel(cancelled, DESK, utcnow())
    pending = make_delegate("nha_khoa_hoc")
    assert (
        services.scan(event, badge_code(cancelled), PLENARY, "Bàn 1", DESK, utcnow()).reason
        == "cancelled"
    )
    assert (
        services.scan(event, badge_code(pending), PLENARY, "Bàn 1", DESK, utcnow()).reason
        == "not_confirmed"
    )


def test_undo_allows_a_fresh_check_in_and_is_audited(event, make_delegate, badge_code):
    delegate = make_delegate()
    first = services.scan(event, badge_code(delegate), PLENARY, "Bàn 1", DESK, utcnow())
    services.undo(event, first.check_in_id, DESK, utcnow())
    assert services.scan(event, badge_code(delegate), PLENARY, "Bàn 1", DESK, utcnow()).ok
    actions = db.session.scalars(
        select(AuditEvent.action)
        .where(AuditEvent.action.startswith("checkin."))
        .order_by(AuditEvent.id)
    ).all()
    assert actions == ["checkin.scan", "checkin.undo", "checkin.scan"]
    assert db.session.scalar(select(func.count()).select_from(CheckIn)) == 2


def test_desk_page_shows_result_large_and_refusal_reason(
    client, event, login_as, make_delegate, badge_code
):
    delegate = make_delegate(name="Ngô Thị Ngọc Ánh")
    login_as(Role.CHECKIN)
    page = client.post(
        "/checkin/desk", data={"code": badge_code(delegate), "point": PLENARY, "desk": "Cổng A"}
    )
    html = page.get_data(as_text=True)
    assert "MỜI VÀO" in html and "Ngô Thị Ngọc Ánh" in html
    html = client.post(
        "/checkin/desk", data={"code": badge_code(delegate), "point": PLENARY, "desk": "Cổng B"}
    ).get_data(as_text=True)
    assert "KHÔNG ĐÓN TIẾP" in html
    assert "tại Cổng A." in html


def test_desk_script_endpoint_answers_json(client, event, login_as, make_delegate, badge_code):
    delegate = make_delegate(name="Bùi Thị Hoa")
    login_as(Role.CHECKIN)
    body = client.post(
        "/checkin/scan", json={"code": badge_code(delegate), "point": PLENARY, "desk": "Bàn 3"}
    ).json
    assert body["ok"] is True
    assert body["delegate"]["name"] == "Bùi Thị Hoa"
    refused = client.post(
        "/checkin/scan", json={"code": "HN1.XXXX.YYYY", "point": PLENARY, "desk": "Bàn 3"}
    ).json
    assert refused["reason"] == "unknown_code"
    assert refused["message"].startswith("Mã không hợp lệ")


def test_search_by_name_without_accents_and_manual_check_in(client, event, login_as, make_delegate):
    delegate = make_delegate(name="Đỗ Thị Thủy")
    login_as(Role.CHECKIN)
    html = client.get("/checkin/desk?point=plenary&desk=Bàn 1&q=do thuy").get_data(as_text=True)
    assert "Đỗ Thị Thủy" in html and "Xác nhận vào" in html
    client.post(
        "/checkin/desk", data={"delegate_id": delegate.id, "point": PLENARY, "desk": "Bàn 1"}
    )
    html = client.get("/checkin/desk?point=plenary&desk=Bàn 1&q=do thuy").get_data(as_text=True)
    assert "Đã vào" in html


def test_attendance_counts_arrivals_by_category_and_exports(
    client, event, login_as, make_delegate, badge_code
):
    officials = [make_delegate("so_nganh") for _ in range(3)]
    make_delegate("quan_huyen")
    for delegate in officials[:2]:
        services.scan(event, badge_code(delegate), PLENARY, "Bàn 1", DESK, utcnow())
    total, rows = services.attendance(event)
    assert (total.arrived, total.expected) == (2, 4)
    assert {row.label: (row.arrived, row.expected) for row in rows} == {
        "Đại biểu các sở, ban, ngành, đoàn thể": (2, 3),
        "Đại biểu các quận, huyện, thị xã": (0, 1),
    }
    login_as(Role.ORGANIZER)
    assert client.get("/checkin/attendance?format=json").json["total"] == {
        "arrived": 2,
        "expected": 4,
    }
    sheet = load_workbook(io.BytesIO(client.get("/checkin/attendance.xlsx").data)).active
    arrived = [row for row in sheet.iter_rows(min_row=2, values_only=True) if row[5] == "Có"]
    assert len(arrived) == 2


def test_unknown_check_in_point_is_refused(event, make_delegate, badge_code):
    delegate = make_delegate()
    try:
        services.scan(event, badge_code(delegate), "kitchen", "Bàn 1", DESK, utcnow())
    except services.CheckInError as error:
        assert error.reason == "unknown_point"
    else:
        raise AssertionError("an unknown point must be refused")


def test_checked_in_time_is_shown_in_hanoi_time(event, make_delegate, badge_code):
    delegate = make_delegate()
    at = event.starts_at - timedelta(minutes=20)
    services.scan(event, badge_code(delegate), PLENARY, "Bàn 1", DESK, at)
    again = services.scan(event, badge_code(delegate), PLENARY, "Bàn 1", DESK, utcnow())
    assert again.as_json()["earlier"]["local_time"] == "07:10"
