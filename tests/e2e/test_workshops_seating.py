import re

from playwright.sync_api import Page, expect

from conference.demo import DEMO_PASSWORD
from conference.extensions import db
from conference.registration import services as registration
from conference.registration.models import Delegate
from tests.e2e.conftest import SCREENSHOTS


def _sign_in(page: Page, live_server: str) -> None:
    page.goto(live_server + "/login")
    page.get_by_label("Email").fill("btc@demo.hoinghi-shtt.vn")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def _personal_link(live_app, delegate_id: str) -> str:
    with live_app.test_request_context():
        return f"/me/{registration.personal_token(db.session.get(Delegate, int(delegate_id)))}"


def test_organizer_allocates_swaps_two_delegates_and_both_see_their_new_seat(
    page: Page, phone_page: Page, live_server, live_app
):
    _sign_in(page, live_server)
    page.get_by_role("button", name="Chương trình", exact=True).click()  # the menu's dropdown
    page.get_by_role("link", name="Hội thảo", exact=True).click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Phân bổ chỗ").click()
    expect(page.get_by_role("heading", name="Kết quả phân bổ hội thảo")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Đã phân bổ \d+ chỗ"))).to_be_visible()
    page.screenshot(path=SCREENSHOTS / "workshops_result.png", full_page=True)

    page.get_by_role("button", name="Chương trình", exact=True).click()
    page.get_by_role("link", name="Chỗ ngồi", exact=True).click()
    page.get_by_test_id("plans").get_by_role("link", name="Sơ đồ").first.click()
    expect(page.get_by_role("heading", name="Hội nghị toàn thể")).to_be_visible()
    first, second = page.locator('[data-seat="C3"]'), page.locator('[data-seat="F10"]')
    first_id, second_id = (
        first.get_attribute("data-delegate"),
        second.get_attribute("data-delegate"),
    )
    assert first_id and second_id
    first.click()
    second.click()
    expect(page.get_by_label("Ghế thứ nhất")).to_have_value("C3")
    expect(page.get_by_label("Ghế thứ hai")).to_have_value("F10")
    page.get_by_role("button", name="Đổi chỗ").click()

    expect(page.get_by_text("Đã đổi chỗ")).to_be_visible()
    expect(page.locator('[data-seat="C3"]')).to_have_attribute("data-delegate", second_id)
    expect(page.locator('[data-seat="F10"]')).to_have_attribute("data-delegate", first_id)

    phone_page.goto(live_server + _personal_link(live_app, first_id))
    seat = phone_page.get_by_test_id("delegate-seat").first
    expect(seat).to_contain_text("hàng F, ghế 10")
    expect(phone_page.locator('[data-seat="F10"].seat-here')).to_have_count(1)
    phone_page.screenshot(path=SCREENSHOTS / "personal_seat_moved_phone.png", full_page=True)
    overflow = phone_page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert overflow is False

    phone_page.goto(live_server + _personal_link(live_app, second_id))
    expect(phone_page.get_by_test_id("delegate-seat").first).to_contain_text("hàng C, ghế 3")
