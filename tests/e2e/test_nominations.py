"""The commendation round trip in a real browser, on the demo data.

A unit submits a nomination with its report, a reviewer returns it, the unit corrects and
resubmits, the reviewer recommends it, an organizer approves the list, and the XLSX the
organizer downloads contains the row.
"""

import re

from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect

from conference.demo import DEMO_PASSWORD
from tests.documents import pdf_bytes
from tests.e2e.conftest import SCREENSHOTS

NAME = "Đỗ Thị Thanh Hương"
RETURN_REASON = "Đề nghị bổ sung số liệu doanh thu của các hợp tác xã được hỗ trợ."
CORRECTION = " Doanh thu của 12 hợp tác xã năm 2024 tăng bình quân 27% so với năm 2020."


def _signed_in(browser: Browser, base: str, email: str) -> Page:
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("dialog", lambda dialog: dialog.accept())  # the confirm() before each step
    page.goto(base + "/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(base + "/dashboard")
    return page


def _shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"nominations-{name}.png", full_page=True)


def _review(page: Page, score: str, verdict: str) -> None:
    for group in page.locator(".criterion-review").all():
        group.get_by_label("Đạt", exact=True).check()
    page.get_by_label("Điểm (0–100)").fill(score)
    page.get_by_label(verdict, exact=True).check()
    page.get_by_role("button", name="Ghi ý kiến").click()
    expect(page.get_by_text("Đã ghi ý kiến thẩm định.")).to_be_visible()


def test_unit_submits_board_returns_unit_resubmits_board_recommends_organizer_approves(
    browser: Browser, live_server: str, tmp_path
):
    report = tmp_path / "Báo cáo thành tích.pdf"
    report.write_bytes(pdf_bytes("Bao cao thanh tich - Do Thi Thanh Huong"))

    # The unit (UBND huyện Gia Lâm) proposes a person and submits.
    unit = _signed_in(browser, live_server, "gialam@demo.hoinghi-shtt.vn")
    unit.get_by_role("link", name="Khen thưởng").click()
    expect(unit.get_by_test_id("quota-left-individual")).to_have_text("2")
    unit.get_by_role("link", name="Đề nghị cá nhân").click()
    expect(unit.get_by_label("Tên tập thể")).to_be_hidden()
    unit.get_by_label("Họ và tên").fill(NAME)
    unit.get_by_label("Năm sinh").fill("1983")
    unit.get_by_label("Giới tính").select_option(label="Nữ")
    unit.get_by_label("Chức vụ").fill("Phó Trưởng phòng Kinh tế")
    unit.get_by_label("Đơn vị công tác").fill("UBND huyện Gia Lâm")
    unit.get_by_label("Hình thức khen thưởng đề nghị").select_option(
        label="Bằng khen của Chủ tịch UBND Thành phố"
    )
    unit.get_by_label("Thành tích (một dòng, in trong danh sách đề nghị)").fill(
        "Hướng dẫn 12 hợp tác xã xây dựng nhãn hiệu tập thể rau, quả"
    )
    unit.get_by_label("Tóm tắt thành tích").fill(
        "Trực tiếp hướng dẫn hồ sơ đăng ký nhãn hiệu tập thể cho 12 hợp tác xã của huyện."
    )
    unit.get_by_label("Nhãn hiệu tập thể, chỉ dẫn địa lý, sản phẩm OCOP").check()
    unit.locator(".criterion").nth(2).get_by_label("Minh chứng").fill(
        "12 giấy chứng nhận nhãn hiệu tập thể (2021-2024)."
    )
    _shot(unit, "1-unit-form")
    unit.get_by_role("button", name="Lưu hồ sơ").click()
    expect(unit.get_by_text("Đã lưu bản nháp.")).to_be_visible()
    expect(unit.get_by_text("Để nộp hồ sơ còn cần: báo cáo thành tích")).to_be_visible()
    unit.get_by_label("Tệp PDF hoặc DOCX, tối đa 10 MB").set_input_files(report)
    unit.get_by_role("button", name="Tải lên").click()
    expect(unit.get_by_text("Đã đính kèm «Báo cáo thành tích.pdf».")).to_be_visible()
    unit.get_by_role("button", name="Nộp hồ sơ").click()
    expect(unit.get_by_text("Đơn vị còn được đề nghị 1 cá nhân (chỉ tiêu 3).")).to_be_visible()
    expect(unit.get_by_test_id("state")).to_have_text("Đã nộp")
    nomination_url = unit.url
    _shot(unit, "2-unit-submitted")

    # A reviewer of the awards board finds it in the queue, reviews it and returns it.
    board = _signed_in(browser, live_server, "tdkt@demo.hoinghi-shtt.vn")
    board.get_by_role("link", name="Khen thưởng").click()
    board.get_by_role("link", name=re.compile(r"^Đã nộp \d")).click()
    board.get_by_role("link", name=NAME).click()
    # A score out of range is refused, and what the reviewer typed is all still there.
    note = "Chưa có số liệu doanh thu của các hợp tác xã."
    board.locator(".criterion-review").first.get_by_placeholder("Ghi chú").fill(note)
    board.get_by_label("Nhận xét").fill(RETURN_REASON)
    board.get_by_label("Điểm (0–100)").fill("150")
    board.get_by_role("button", name="Ghi ý kiến").click()
    expect(board.get_by_test_id("review-error")).to_be_focused()
    expect(board.get_by_text("Điểm từ 0 đến 100.")).to_be_visible()
    expect(board.locator(".criterion-review").first.get_by_placeholder("Ghi chú")).to_have_value(
        note
    )
    expect(board.get_by_label("Nhận xét")).to_have_value(RETURN_REASON)
    _shot(board, "3-board-review-error")
    _review(board, "62", "Trả lại để bổ sung")
    board.get_by_test_id("decision-return").get_by_role("textbox").fill(RETURN_REASON)
    board.get_by_test_id("decision-return").get_by_role("button").click()
    expect(
        board.get_by_text("Đã trả lại hồ sơ; đơn vị đã được thông báo qua email.")
    ).to_be_visible()
    _shot(board, "3-board-returned")

    # The unit reads the reason, corrects the summary and resubmits.
    unit.goto(nomination_url)
    expect(unit.get_by_test_id("decision-reason")).to_contain_text(RETURN_REASON)
    unit.get_by_role("link", name="Sửa hồ sơ").click()
    summary = unit.get_by_label("Tóm tắt thành tích")
    summary.fill(summary.input_value() + CORRECTION)
    unit.get_by_role("button", name="Lưu hồ sơ").click()
    expect(unit.get_by_text("Đã sửa so với lần nộp trước (chưa nộp lại)")).to_be_visible()
    unit.get_by_role("button", name="Nộp lại hồ sơ").click()
    expect(unit.get_by_test_id("state")).to_have_text("Đã nộp lại")
    _shot(unit, "4-unit-resubmitted")

    # The reviewer sees what changed in the second version and recommends it.
    board.goto(nomination_url)
    expect(board.get_by_text("Thay đổi ở lần nộp thứ 2 so với lần trước")).to_be_visible()
    expect(board.locator(".changes ins")).to_contain_text(CORRECTION.strip())
    _review(board, "88", "Đề xuất khen thưởng")
    board.get_by_role("button", name="Đề xuất khen thưởng").click()
    expect(board.get_by_test_id("state")).to_have_text("Đề xuất khen thưởng")
    _shot(board, "5-board-recommended")

    # An organizer approves the list and downloads it.
    organizer = _signed_in(browser, live_server, "btc@demo.hoinghi-shtt.vn")
    organizer.goto(live_server + "/nominations/approval")
    expect(organizer.get_by_role("link", name=NAME)).to_be_visible()
    # One review only: not ticked for the organizer, who reads it and ticks it.
    ours = organizer.get_by_role("checkbox", name=NAME)
    expect(ours).not_to_be_checked()
    ours.check()
    # The demo's Cầu Giấy collective has conflicting reviews: unticked, with the reasons.
    conflicting = organizer.locator("tr", has_text="Phòng Kinh tế quận Cầu Giấy")
    expect(conflicting.get_by_role("checkbox")).not_to_be_checked()
    expect(conflicting.get_by_test_id("conflict-note")).to_contain_text(
        "Điểm chênh lệch lớn: 64–81"
    )
    _shot(organizer, "6-organizer-approval")
    organizer.get_by_role("button", name="Phê duyệt các hồ sơ đã chọn").click()
    expect(organizer.get_by_text(re.compile(r"Đã phê duyệt \d+ hồ sơ\."))).to_be_visible()
    _shot(organizer, "7-organizer-approved")
    with organizer.expect_download() as download_info:
        organizer.get_by_role("link", name="Xuất Excel").click()
    download = download_info.value
    assert download.suggested_filename == "danh-sach-de-nghi-khen-thuong.xlsx"
    download.save_as(tmp_path / download.suggested_filename)
    workbook = load_workbook(tmp_path / download.suggested_filename)
    rows = list(workbook["Danh sách đề nghị"].iter_rows(values_only=True))
    ours = [row for row in rows if row[3] == NAME]
    assert len(ours) == 1
    assert ours[0][1:10] == (
        "Bằng khen của Chủ tịch UBND Thành phố", "Cá nhân", NAME, 1983, "Nữ",
        "Phó Trưởng phòng Kinh tế", "UBND huyện Gia Lâm", "UBND huyện Gia Lâm",
        "Hướng dẫn 12 hợp tác xã xây dựng nhãn hiệu tập thể rau, quả",
    )  # fmt: skip

    # The return was e-mailed to the unit: it waits in the outbox.
    organizer.goto(live_server + "/outbox/")
    expect(
        organizer.get_by_text(f"Hồ sơ đề nghị khen thưởng cần bổ sung: {NAME}").first
    ).to_be_visible()

    # The unit's page shows the approval; its history lists every step.
    unit.goto(nomination_url)
    expect(unit.get_by_test_id("state")).to_have_text("Đã phê duyệt")
    history = unit.locator(".history")
    for step in ("Nộp hồ sơ khen thưởng", "Trả lại hồ sơ để bổ sung", "Nộp lại hồ sơ khen thưởng",
                 "Đề xuất khen thưởng", "Phê duyệt khen thưởng"):  # fmt: skip
        expect(history).to_contain_text(step)
    _shot(unit, "8-unit-approved")
    for page in (unit, board, organizer):
        page.context.close()


def test_reviewer_from_the_nominating_department_cannot_review_its_nomination(
    page: Page, live_server: str
):
    page.goto(live_server + "/login")
    page.get_by_label("Email").fill("thamdinh.nnmt@demo.hoinghi-shtt.vn")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(live_server + "/nominations/queue?state=under_review")
    row = page.locator("tr", has_text="Sở Nông nghiệp và Môi trường Hà Nội").first
    row.get_by_role("link").first.click()
    expect(page.get_by_text("Bạn thuộc đơn vị đề nghị nên không thẩm định")).to_be_visible()
    expect(page.get_by_role("button", name="Ghi ý kiến")).to_have_count(0)


def test_delegate_list_marks_the_demo_award_recipients(page: Page, live_server: str):
    page.goto(live_server + "/login")
    page.get_by_label("Email").fill("btc@demo.hoinghi-shtt.vn")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(live_server + "/delegates/?status=confirmed")
    expect(page.get_by_test_id("award-recipient")).to_have_count(4)
    recipient = page.locator("tr", has=page.get_by_test_id("award-recipient")).first
    recipient.get_by_role("link").first.click()
    expect(page.get_by_test_id("delegate-awards")).to_contain_text("Nhận khen thưởng")
