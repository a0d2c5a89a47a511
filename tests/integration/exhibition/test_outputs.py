"""What the exhibition gives out: the public page, the workbook, the printed plan."""

import io
import re
from contextlib import contextmanager

import pdfplumber
from openpyxl import load_workbook
from sqlalchemy import event as sql_event

from conference.auth.models import Role
from conference.exhibition import services
from conference.exhibition.models import ExhibitorKind
from conference.extensions import db
from conference.timeutil import utcnow
from tests.integration.exhibition.conftest import ORGANIZER


@contextmanager
def counted_queries():
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    sql_event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sql_event.remove(db.engine, "before_cursor_execute", count)


def test_the_public_page_shows_approved_exhibitors_with_their_titles_and_booths(
    client, hall, event, make_exhibitor
):
    approved = make_exhibitor("Hiệp hội Gốm sứ Bát Tràng", kind=ExhibitorKind.CRAFT_VILLAGE)
    make_exhibitor("Hội làng nghề Chờ Duyệt", status="submitted")
    services.assign_booth(event, approved.id, "E01", ORGANIZER, utcnow())

    page = client.get("/exhibition/").get_data(as_text=True)

    assert "Hiệp hội Gốm sứ Bát Tràng" in page
    assert "Gian E01" in page
    assert "Nhãn hiệu" in page and "4-0123456" in page
    assert "Hội làng nghề Chờ Duyệt" not in page
    assert approved.email not in page and approved.phone not in page
    assert f'data-booth="E01" data-holder="{approved.id}"' in " ".join(page.split())


def test_the_public_search_ignores_accents_and_finds_title_numbers(client, hall, make_exhibitor):
    make_exhibitor("Hiệp hội Gốm sứ Bát Tràng")
    make_exhibitor("Hội Nông dân huyện Đông Anh")

    by_name = client.get("/exhibition/?q=gom+su+bat+trang").get_data(as_text=True)
    by_letter = client.get("/exhibition/?q=dong+anh").get_data(as_text=True)

    assert "1 đơn vị khớp với «gom su bat trang»" in by_name
    assert 'id="exhibitor-1"' in by_name and 'id="exhibitor-2"' not in by_name
    assert 'id="exhibitor-2"' in by_letter and 'id="exhibitor-1"' not in by_letter


def test_the_public_search_dims_the_other_booths_on_the_map(client, hall, event, make_exhibitor):
    found = make_exhibitor("Hiệp hội Gốm sứ Bát Tràng")
    other = make_exhibitor("Hội Nông dân huyện Đông Anh")
    services.auto_assign(event, ORGANIZER, utcnow())

    page = client.get("/exhibition/?q=bat+trang").get_data(as_text=True)

    assert re.search(rf'class="booth held dimmed"\s+data-booth="{other.booth.booth_code}"', page)
    assert re.search(rf'class="booth held"\s+data-booth="{found.booth.booth_code}"', page)


def test_the_workbook_lists_exhibitors_and_their_titles(
    client, login_as, hall, make_exhibitor, event
):
    exhibitor = make_exhibitor("Học viện Nông nghiệp Việt Nam", needs=("electricity", "corner"))
    services.assign_booth(event, exhibitor.id, "A01", ORGANIZER, utcnow())
    make_exhibitor("Hợp tác xã Chờ Duyệt", status="submitted")
    login_as(Role.ORGANIZER)

    response = client.get("/exhibition/exhibitors/export.xlsx?status=approved")

    workbook = load_workbook(io.BytesIO(response.data))
    exhibitors, titles = workbook.worksheets
    header, *rows = [list(row) for row in exhibitors.iter_rows(values_only=True)]
    assert header[:5] == ["TT", "Gian", "Đơn vị", "Loại hình", "Quận, huyện"]
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Gian"] == "A01"
    assert row["Đơn vị"] == "Học viện Nông nghiệp Việt Nam"
    assert row["Trạng thái"] == "Đã duyệt"
    assert row["Yêu cầu gian hàng"] == "có điện, ở góc"
    assert row["Số thẻ"] == 1
    assert [list(r) for r in titles.iter_rows(min_row=2, values_only=True)] == [
        ["Học viện Nông nghiệp Việt Nam", "A01", exhibitor.titles[0].product_name,
         "Nhãn hiệu", "4-0123456", "Chủ văn bằng"],
    ]  # fmt: skip


def test_the_printed_plan_names_the_exhibitors(client, login_as, hall, make_exhibitor, event):
    exhibitor = make_exhibitor("Hiệp hội Làng nghề Dệt lụa Vạn Phúc")
    services.assign_booth(event, exhibitor.id, "C02", ORGANIZER, utcnow())
    login_as(Role.ORGANIZER)

    response = client.get("/exhibition/plan.pdf")

    assert response.mimetype == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.data)) as pdf:
        map_page, listing = pdf.pages[0].extract_text(), pdf.pages[1].extract_text()
    assert "SƠ ĐỒ GIAN HÀNG TRIỂN LÃM" in map_page
    assert {"C02", "Vạn", "Phúc"} <= set(map_page.split())
    assert "C02 Hiệp hội Làng nghề Dệt lụa Vạn Phúc" in " ".join(listing.split())


def pages_query_counts(client, paths) -> list[int]:
    counts = []
    for path in paths:
        with counted_queries() as statements:
            assert client.get(path).status_code == 200
        counts.append(len(statements))
    return counts


def test_list_pages_take_as_many_queries_for_many_exhibitors_as_for_few(
    client, login_as, hall, make_exhibitor, event
):
    paths = ["/exhibition/", "/exhibition/exhibitors/", "/exhibition/booths"]
    for _ in range(2):
        make_exhibitor()
    services.auto_assign(event, ORGANIZER, utcnow())
    login_as(Role.ORGANIZER)
    few = pages_query_counts(client, paths)

    for _ in range(10):
        make_exhibitor()
    services.auto_assign(event, ORGANIZER, utcnow())
    many = pages_query_counts(client, paths)

    assert many == few
