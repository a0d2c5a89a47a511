"""A desk checks in every confirmed delegate (the full plenary and the exhibitors' booth staff)
with a scanner, without a wrong or double entry."""

from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from conference.badges import services as badges
from conference.checkin.models import CheckIn
from conference.demo import DEMO_PASSWORD
from conference.events.services import current_event
from conference.extensions import db
from conference.registration import services as registration
from conference.registration.models import DelegateStatus


def _codes(live_app) -> list[tuple[str, str]]:
    with live_app.test_request_context():
        event = current_event()
        confirmed = registration.delegate_list(
            event, registration.DelegateFilters(status=DelegateStatus.CONFIRMED)
        )
        issued = badges.ensure_badges(confirmed)
        codes = [
            (delegate.full_name, badges.qr_payload(issued[delegate.id])) for delegate in confirmed
        ]
        db.session.remove()
    return codes


def test_desk_checks_in_every_confirmed_delegate_once(page: Page, live_app, live_server):
    people = _codes(live_app)
    with live_app.test_request_context():
        # The plenary is full; the exhibitors' booth staff are confirmed on top of its places.
        assert registration.confirmed_count(current_event()) == 150
        db.session.remove()
    assert len(people) > 150

    page.goto(live_server + "/login")
    page.get_by_label("Email").fill("dontiep@demo.hoinghi-shtt.vn")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(live_server + "/checkin/")
    page.get_by_label("Tên bàn").fill("Cổng chính")
    page.get_by_role("button", name="Mở bàn đón tiếp").click()

    scan = page.get_by_test_id("scan-input")
    result = page.get_by_test_id("scan-result")
    for name, code in people:
        # A USB scanner types the code, then Enter, into the focused field.
        expect(scan).to_be_focused()
        page.keyboard.type(code)
        page.keyboard.press("Enter")
        # The desk empties the field when the answer arrives: two delegates may share a name.
        expect(scan).to_have_value("")
        expect(result).to_contain_text(name)
        expect(result).to_contain_text("MỜI VÀO")

    name, code = people[0]
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    expect(result).to_contain_text("KHÔNG ĐÓN TIẾP")
    expect(result).to_contain_text("tại Cổng chính")

    page.keyboard.type("HN1.KHONGPHAITHE.XXXX")
    page.keyboard.press("Enter")
    expect(result).to_contain_text("Mã không hợp lệ")

    with live_app.app_context():
        standing = db.session.scalar(
            select(func.count()).select_from(CheckIn).where(CheckIn.undone_at.is_(None))
        )
        people_in = db.session.scalar(select(func.count(func.distinct(CheckIn.delegate_id))))
        db.session.remove()
    assert standing == people_in == len(people)
