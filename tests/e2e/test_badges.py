from playwright.sync_api import Page, expect
from pypdf import PdfReader
from sqlalchemy import select

from conference.events.models import DelegateCategory
from conference.extensions import db
from conference.registration.models import Delegate, DelegateStatus
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_workshops_seating import _sign_in


def _confirmed_names(live_app, code: str) -> set[str]:
    with live_app.app_context():
        return set(
            db.session.scalars(
                select(Delegate.full_name)
                .join(DelegateCategory)
                .where(DelegateCategory.code == code, Delegate.status == DelegateStatus.CONFIRMED)
            )
        )


def test_organizer_prints_the_badges_of_one_category(page: Page, live_server, live_app, tmp_path):
    guests = _confirmed_names(live_app, "trung_uong")
    assert guests
    _sign_in(page, live_server)
    page.get_by_role("button", name="Đại biểu", exact=True).click()  # the menu's dropdown
    page.get_by_role("link", name="In thẻ đại biểu").click()
    expect(page.get_by_role("heading", name="In thẻ đại biểu")).to_be_visible()
    page.get_by_label("Thành phần").select_option(label=f"Đại biểu Trung ương ({len(guests)})")
    page.get_by_label("4 thẻ A6 trên một tờ A4, có dấu cắt").check()
    page.screenshot(path=SCREENSHOTS / "badges_print_page.png", full_page=True)

    with page.expect_download() as download:
        page.get_by_role("button", name="Tải PDF thẻ đại biểu").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)

    assert path.name == "the-dai-bieu.pdf"
    reader = PdfReader(path)
    assert len(reader.pages) == -(-len(guests) // 4)
    # A long name is set on two lines: read the words as one run of text.
    text = " ".join(" ".join(sheet.extract_text() for sheet in reader.pages).split())
    for name in guests:
        assert name in text
    assert "KHÁCH MỜI" in text and "BÁO CHÍ" not in text
