"""Registration in a real browser: a guest from invitation to confirmation and back; an organizer's day."""

import io
import re

from openpyxl import Workbook, load_workbook
from playwright.sync_api import Page, expect
from sqlalchemy import select

from conference.audit.services import Actor
from conference.demo import DEMO_PASSWORD
from conference.events.services import current_event
from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.registration import services
from conference.registration.invitees import InviteeRow
from conference.timeutil import utcnow


def _sign_in(page: Page, live_server: str, email: str = "btc@demo.hoinghi-shtt.vn") -> None:
    page.goto(live_server + "/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(live_server + "/dashboard")


def test_guest_goes_from_invitation_to_confirmed_and_cancels(page: Page, live_app, live_server):
    with live_app.test_request_context(base_url=live_server):
        event = current_event()
        # Room for everyone waiting, and a place for the new invitation to hold.
        services.set_capacity(event, event.capacity + 30, Actor.system(), utcnow())
        row = InviteeRow(
            line=0, full_name="Nguyễn Thị Hằng", position="Phó Vụ trưởng", organization="Bộ Khoa học và Công nghệ",
            category="trung_uong", email="hang.nt@most.gov.vn", honorific="ba",
        )  # fmt: skip
        services.invite(event, row, Actor.system(), utcnow())
        body = (
            db.session.scalars(
                select(OutboxMessage).where(OutboxMessage.recipient == "hang.nt@most.gov.vn")
            )
            .one()
            .body
        )
        db.session.remove()
    link = re.search(r"(http://\S+/register\?code=\S+)", body).group(1)

    page.goto(link)
    expect(page.get_by_text("Thư mời dành cho Nguyễn Thị Hằng.")).to_be_visible()
    expect(page.get_by_label("Họ và tên")).to_have_value("Nguyễn Thị Hằng")
    expect(page.get_by_text("Đại biểu Trung ương", exact=True)).to_be_visible()
    page.get_by_label("Điện thoại").fill("0912 345 678")
    page.get_by_label("Tôi đồng ý để Ban tổ chức xử lý dữ liệu cá nhân").check()
    page.get_by_role("button", name="Gửi đăng ký").click()

    expect(page.get_by_test_id("registration-state")).to_contain_text("Đã xác nhận")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bà Nguyễn Thị Hằng")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Hủy đăng ký").click()
    expect(page.get_by_test_id("registration-state")).to_contain_text("Đã hủy")
    expect(page.get_by_text("Đã hủy đăng ký.")).to_be_visible()


def _guest_list() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Họ và tên", "Chức vụ", "Đơn vị", "Thành phần", "Email"])
    workbook.active.append(
        [
            "Đặng Quốc Việt",
            "Phó Cục trưởng",
            "Cục Sở hữu trí tuệ",
            "Đại biểu Trung ương",
            "viet.dq@ipvietnam.gov.vn",
        ]
    )
    workbook.active.append(
        ["Vũ Thị Ngọc Ánh", "Nhà báo", "Báo Hànộimới", "bao_chi", "anh.vtn@hanoimoi.vn"]
    )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_organizer_imports_approves_exports_and_sees_the_queue_move(page: Page, live_server):
    _sign_in(page, live_server)

    # Approve the first pending delegate: the event is full, so they join the waiting list.
    page.goto(live_server + "/delegates/?status=pending")
    first_pending = page.locator("input[name=delegate_ids]").first
    first_pending_name = first_pending.get_attribute("aria-label")
    first_pending.check()
    page.get_by_label("Với các đại biểu đã chọn").select_option("approve")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Thực hiện").click()
    expect(page.get_by_text("1 người vào danh sách chờ")).to_be_visible()

    page.goto(live_server + "/delegates/waiting")
    rows = page.locator("tbody tr")
    waiting_before = rows.count()
    head_of_queue = rows.first.locator("td").nth(1).inner_text()
    expect(page.get_by_text(first_pending_name)).to_be_visible()

    # A confirmed delegate cancels: the head of the queue gets the place.
    page.goto(live_server + "/delegates/?status=confirmed")
    page.locator("tbody tr a").first.click()
    page.get_by_label("Quyết định").select_option("cancel")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Thực hiện").click()
    expect(page.get_by_text("Trạng thái mới: Đã hủy.")).to_be_visible()

    page.goto(live_server + "/delegates/waiting")
    expect(page.locator("tbody tr")).to_have_count(waiting_before - 1)
    expect(page.locator("tbody")).not_to_contain_text(head_of_queue)

    # Invitations sent now hold places for the guests until they answer.
    page.goto(live_server + "/invitations/import")
    page.get_by_label("Tệp danh sách khách mời").set_input_files(
        files=[
            {
                "name": "khach-moi.xlsx",
                "mimeType": "application/octet-stream",
                "buffer": _guest_list(),
            }
        ]
    )
    page.get_by_role("button", name="Kiểm tra và gửi thư mời").click()
    expect(page.get_by_text("Đã mời 2 người")).to_be_visible()
    expect(page.get_by_text("viet.dq@ipvietnam.gov.vn")).to_be_visible()

    page.goto(live_server + "/delegates/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel").click()
    assert download.value.suggested_filename == "danh-sach-dai-bieu.xlsx"
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    names = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert head_of_queue in names
    assert len(names) > 150
