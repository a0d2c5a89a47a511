"""The exhibition in a real browser: from a district's nomination to the public map."""

import re

from playwright.sync_api import Page, expect

from conference.demo import DEMO_PASSWORD
from conference.events import services as events
from conference.exhibition import services
from tests.e2e.conftest import SCREENSHOTS

NOMINEE = "Hợp tác xã Mây tre Phú Nghĩa"


def sign_in(page: Page, live_server: str, email: str) -> None:
    page.goto(live_server + "/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(live_server + "/dashboard")


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"exhibition_{name}.png", full_page=True)


def test_district_nominates_organizer_approves_assigns_moves_and_the_public_map_shows_it(
    page: Page, live_server, live_app
):
    # A district nominates an exhibitor of its own.
    sign_in(page, live_server, "gialam@demo.hoinghi-shtt.vn")
    page.get_by_role("link", name="Triển lãm", exact=True).click()
    page.get_by_role("link", name="Đề xuất đơn vị", exact=True).click()
    page.get_by_label("Tên tổ chức").fill(NOMINEE)
    page.get_by_label("Loại hình").select_option(label="Hợp tác xã")
    page.get_by_label("Người liên hệ").fill("Nguyễn Văn Mây")
    page.get_by_label("Điện thoại").first.fill("0912 111 222")
    page.get_by_label("Email (nhận thông báo về hồ sơ)").fill("maytre@phunghia.vn")
    page.get_by_label("Tên sản phẩm").fill("Mây tre đan Phú Nghĩa")
    page.get_by_label("Loại văn bằng bảo hộ").select_option(label="Nhãn hiệu tập thể")
    expect(page.get_by_label("Số văn bằng")).to_have_attribute("placeholder", "4-0123456")
    page.get_by_label("Số văn bằng").fill("4-0355120")
    page.get_by_label("Chủ văn bằng").fill("Hợp tác xã Mây tre Phú Nghĩa")
    page.get_by_role("button", name="Thêm sản phẩm").click()  # a row in the browser, no reload
    expect(page.locator("[data-row]")).to_have_count(2)
    page.locator("[name='staff-0-full_name']").fill("Trần Thị Đan")
    page.locator("[name='staff-0-email']").fill("dan@phunghia.vn")
    page.get_by_label("Cần điện (ổ cắm)").check()
    shot(page, "1_nomination_form")
    page.get_by_role("button", name="Gửi hồ sơ").click()
    expect(page.get_by_text(f"Đã gửi hồ sơ của «{NOMINEE}»")).to_be_visible()
    expect(page.get_by_test_id("exhibitor-status")).to_have_text("Chờ duyệt")
    sign_out(page)

    # An organizer approves it and assigns every booth automatically.
    sign_in(page, live_server, "btc@demo.hoinghi-shtt.vn")
    page.goto(live_server + "/exhibition/exhibitors/?status=submitted")
    page.get_by_role("link", name=NOMINEE).click()
    page.get_by_role("button", name="Duyệt", exact=True).click()
    expect(page.get_by_test_id("exhibitor-status")).to_have_text("Đã duyệt")
    page.get_by_role("link", name="Triển lãm", exact=True).click()
    page.get_by_role("link", name="Gian hàng", exact=True).click()
    page.get_by_test_id("auto-assign").click()
    expect(page.get_by_text(re.compile(r"Đã xếp 17/17 đơn vị vào 25 gian"))).to_be_visible()
    shot(page, "2_auto_assigned")

    with live_app.app_context():
        event = events.current_event()
        nominee = next(e for e in services.holders(event).values() if e.organization == NOMINEE)
        nominee_id, first_booth = nominee.id, nominee.booth.booth_code
        free = [
            b.code
            for b in services.floor_plan(event).booths
            if b.code not in services.holders(event)
        ]
    target = next(code for code in free if code != first_booth)

    # Then moves it by hand: drag its name onto a free booth of the map.
    page.get_by_test_id(f"chip-{nominee_id}").drag_to(page.locator(f"[data-booth='{target}']"))
    expect(page.get_by_text(f"«{NOMINEE}» ở gian {target}")).to_be_visible()
    expect(page.locator(f"[data-booth='{target}']")).to_have_attribute(
        "data-holder", str(nominee_id)
    )
    shot(page, "3_moved_by_hand")

    # The public map shows it where it was moved, and the search finds it without accents.
    sign_out(page)
    page.goto(live_server + "/exhibition/?q=may+tre+phu+nghia")
    card = page.get_by_test_id("exhibitor-card")
    expect(card).to_have_count(1)
    expect(card.get_by_test_id("booth")).to_have_text(f"Gian {target}")
    expect(card).to_contain_text("Nhãn hiệu tập thể")
    expect(card).to_contain_text("4-0355120")
    booth = page.locator(f"[data-booth='{target}']")
    expect(booth).to_have_attribute("data-holder", str(nominee_id))
    expect(booth).not_to_have_class(re.compile("dimmed"))


def test_organizer_draws_a_booth_in_the_plan_editor(page: Page, live_server, live_app):
    sign_in(page, live_server, "btc@demo.hoinghi-shtt.vn")
    page.goto(live_server + "/exhibition/plan")
    page.get_by_role("button", name="+ Gian").click()
    page.get_by_label("Mã gian").fill("f01")
    page.get_by_label("Có điện").check()
    box = page.locator("[data-editor] .booth.selected").bounding_box()
    handle = page.locator("[data-editor] .handle").bounding_box()
    page.mouse.move(handle["x"] + 4, handle["y"] + 4)
    page.mouse.down()
    page.mouse.move(handle["x"] + 4 + box["width"], handle["y"] + 4, steps=5)
    page.mouse.up()
    expect(page.get_by_label("rộng", exact=True)).to_have_value("2")
    shot(page, "4_plan_editor")
    page.get_by_role("button", name="Lưu sơ đồ").click()

    expect(page.get_by_text("Đã lưu sơ đồ gian hàng.")).to_be_visible()
    with live_app.app_context():
        booth = services.floor_plan(events.current_event()).by_code["F01"]
    assert (booth.w, booth.h, booth.electricity) == (2, 1, True)


def test_the_public_exhibition_reads_well_on_a_phone(phone_page: Page, live_server):
    phone_page.goto(live_server + "/")
    phone_page.get_by_role("link", name="Triển lãm: sơ đồ và đơn vị trưng bày").click()
    expect(phone_page).to_have_url(live_server + "/exhibition/")
    expect(phone_page.get_by_test_id("hall-map")).to_be_visible()
    expect(phone_page.get_by_role("heading", name="Hiệp hội Gốm sứ Bát Tràng")).to_be_visible()
    overflow = phone_page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert overflow is False
    # The map keeps names readable and scrolls sideways inside its card, not the page.
    name_size = phone_page.evaluate(
        """() => {
          const svg = document.querySelector('.hall-map');
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return parseFloat(getComputedStyle(document.querySelector('.booth-name')).fontSize) * scale;
        }"""
    )
    assert name_size >= 8
    expect(phone_page.get_by_text("Vuốt ngang để xem hết sơ đồ")).to_be_visible()
    shot(phone_page, "5_phone_map")
    scroller = phone_page.get_by_test_id("hall-scroll")
    scroller.evaluate("element => element.scrollTo(element.scrollWidth, 0)")
    rightmost = phone_page.evaluate(
        "Math.max(...[...document.querySelectorAll('[data-booth]')]"
        ".map(booth => booth.getBoundingClientRect().right))"
    )
    assert rightmost <= 390
    shot(phone_page, "6_phone_map_scrolled")
