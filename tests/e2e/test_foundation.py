from playwright.sync_api import Page, expect

from conference.demo import DEMO_PASSWORD


def test_visitor_reads_event_switches_language_and_organizer_signs_in(page: Page, live_server):
    page.goto(live_server + "/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hội nghị sơ kết 5 năm")
    expect(page.get_by_role("heading", name="Chương trình hội nghị")).to_be_visible()
    expect(page.get_by_text("Phát biểu khai mạc Hội nghị")).to_be_visible()

    page.get_by_test_id("language-switch").click()
    expect(page.get_by_role("heading", name="Conference programme")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_test_id("language-switch").click()
    expect(page.get_by_role("heading", name="Chương trình hội nghị")).to_be_visible()

    page.get_by_role("link", name="Đăng nhập").click()
    page.get_by_label("Email").fill("btc@demo.hoinghi-shtt.vn")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page).to_have_url(live_server + "/dashboard")
    expect(page.get_by_role("heading", name="Xin chào, Nguyễn Thị Thu Hà")).to_be_visible()
    expect(page.get_by_text("Đang mở đăng ký")).to_be_visible()


def test_wrong_password_shows_message_next_to_field(page: Page, live_server):
    page.goto(live_server + "/login")
    page.get_by_label("Email").fill("btc@demo.hoinghi-shtt.vn")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Email hoặc mật khẩu không đúng.")).to_be_visible()
    expect(page.get_by_label("Email")).to_have_value("btc@demo.hoinghi-shtt.vn")


def test_event_page_reads_well_on_a_phone(phone_page: Page, live_server):
    phone_page.goto(live_server + "/")
    expect(phone_page.get_by_text("Phát biểu khai mạc Hội nghị")).to_be_visible()
    overflow = phone_page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert overflow is False
