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
from conference.seating import services as seating
from conference.workshops import services as workshops
from tests.e2e.conftest import SCREENSHOTS


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


def _log_in_desk(page: Page, live_server: str, point: str, desk: str) -> None:
    page.goto(live_server + "/login")
    page.get_by_label("Email").fill("dontiep@demo.hoinghi-shtt.vn")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(live_server + "/checkin/")
    page.get_by_label("Nơi đón tiếp").select_option(label=point)
    page.get_by_label("Tên bàn").fill(desk)
    page.get_by_role("button", name="Mở bàn đón tiếp").click()


def _scan(page: Page, code: str) -> None:
    """Type the code and Enter, as a USB scanner does, and wait for the desk's answer."""
    expect(page.get_by_test_id("scan-input")).to_be_focused()
    page.keyboard.type(code)
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("scan-input")).to_have_value("")


def test_desk_checks_in_every_confirmed_delegate_once(page: Page, live_app, live_server):
    people = _codes(live_app)
    with live_app.test_request_context():
        # The plenary is full (its places confirmed, or held for invited guests who have not
        # answered yet); the exhibitors' booth staff are confirmed on top of its places.
        event = current_event()
        plenary = registration.confirmed_count(event)
        assert plenary + registration.held_places(event) == event.capacity == 150
        db.session.remove()
    assert len(people) > plenary

    _log_in_desk(page, live_server, "Hội trường (phiên toàn thể)", "Cổng chính")

    result = page.get_by_test_id("scan-result")
    for name, code in people:
        # The desk empties the field when the answer arrives: two delegates may share a name.
        _scan(page, code)
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


def test_workshop_desk_lets_in_its_delegates_and_turns_away_the_others(
    page: Page, live_app, live_server
):
    with live_app.test_request_context():
        event = current_event()
        workshop = workshops.workshops(event)[0]
        placed = workshops.placed_in(workshop)[0].delegate
        others = registration.delegate_list(
            event, registration.DelegateFilters(status=DelegateStatus.CONFIRMED)
        )
        held = workshops.workshops_by_delegate(event)
        unplaced = next(d for d in others if workshop not in held.get(d.id, []))
        issued = badges.ensure_badges([placed, unplaced])
        point = f"Hội thảo: {workshop.title} — {workshops.room_place(workshop.room)}"
        room = workshop.room.name
        seat = seating.seat_of(placed, workshop.id)
        elsewhere = [w.title for w in held.get(unplaced.id, [])]
        people = {
            "placed": (placed.full_name, badges.qr_payload(issued[placed.id])),
            "unplaced": (unplaced.full_name, badges.qr_payload(issued[unplaced.id])),
        }
        db.session.remove()

    _log_in_desk(page, live_server, point, "Cửa phòng")
    expect(page.get_by_role("heading", name=point)).to_be_visible()
    result = page.get_by_test_id("scan-result")

    name, code = people["placed"]
    _scan(page, code)
    expect(result).to_have_class("scan-result scan-ok")
    expect(result).to_have_css("background-color", "rgb(21, 128, 61)")
    expect(result).to_contain_text("MỜI VÀO")
    expect(result).to_contain_text(name)
    expect(result).to_contain_text(room)
    if seat:
        expect(result).to_contain_text(f"Ghế: {seat}")
    page.screenshot(path=SCREENSHOTS / "checkin-workshop-desk-ok.png", full_page=True)

    name, code = people["unplaced"]
    _scan(page, code)
    expect(result).to_have_class("scan-result scan-refused")
    expect(result).to_have_css("background-color", "rgb(185, 28, 28)")
    expect(result).to_contain_text("KHÔNG ĐÓN TIẾP")
    expect(result).to_contain_text(name)
    expect(result).to_contain_text("không có chỗ ở hội thảo này")
    for title in elsewhere:
        expect(result).to_contain_text(title)

    with live_app.app_context():
        points = db.session.scalars(select(CheckIn.point)).all()
        db.session.remove()
    assert points == [f"workshop-{workshop.id}"]
