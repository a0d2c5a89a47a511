"""What organizers do with delegates: find, filter, decide in bulk, export."""

import io

import pdfplumber
from openpyxl import load_workbook
from sqlalchemy import event as sa_event
from sqlalchemy import select

from conference.auth.models import Role
from conference.extensions import db
from conference.registration.models import Delegate, DelegateStatus


def _names(page: str, delegates) -> list[str]:
    return sorted((d.full_name for d in delegates if d.full_name in page), key=page.index)


def test_list_sorts_the_vietnamese_way_and_searches_without_accents(
    client, event, login_as, make_delegate
):
    people = [
        make_delegate(name=name)
        for name in ("Trần Thị Bình", "Nguyễn Văn An", "Lê Văn An", "Đặng Quốc Việt")
    ]
    login_as(Role.ORGANIZER)
    page = client.get("/delegates/").get_data(as_text=True)
    assert _names(page, people) == ["Lê Văn An", "Nguyễn Văn An", "Trần Thị Bình", "Đặng Quốc Việt"]

    page = client.get("/delegates/?q=dang+viet").get_data(as_text=True)
    assert _names(page, people) == ["Đặng Quốc Việt"]
    page = client.get("/delegates/?q=nguyen").get_data(as_text=True)
    assert _names(page, people) == ["Nguyễn Văn An"]


def test_list_filters_by_category_state_and_organisation(client, event, login_as, make_delegate):
    official = make_delegate("so_nganh", name="Phạm Minh Tuấn")
    scientist = make_delegate("nha_khoa_hoc", name="Vũ Thị Hoa")
    login_as(Role.ORGANIZER)
    scientists = next(c for c in event.categories if c.code == "nha_khoa_hoc")
    page = client.get(f"/delegates/?category={scientists.id}").get_data(as_text=True)
    assert _names(page, [official, scientist]) == ["Vũ Thị Hoa"]
    page = client.get("/delegates/?status=confirmed").get_data(as_text=True)
    assert _names(page, [official, scientist]) == ["Phạm Minh Tuấn"]
    page = client.get("/delegates/?organization=so+cong+thuong").get_data(as_text=True)
    assert _names(page, [official, scientist]) == ["Vũ Thị Hoa", "Phạm Minh Tuấn"]


def test_list_rows_show_category_and_state_with_names_escaped(
    client, event, login_as, make_delegate
):
    make_delegate("so_nganh", name="Lê <b>Văn</b> An")
    make_delegate("nha_khoa_hoc", name="Vũ Thị Hoa")
    login_as(Role.ORGANIZER)

    rows = client.get("/delegates/").get_data(as_text=True).split("<tbody>")[1]

    officials = next(c for c in event.categories if c.code == "so_nganh")
    scientists = next(c for c in event.categories if c.code == "nha_khoa_hoc")
    an, hoa = rows.split("</tr>")[:2]
    assert "Lê &lt;b&gt;Văn&lt;/b&gt; An</a>" in an
    assert f'style="background:{officials.color}"></span>{officials.name}</td>' in an
    assert '<span class="badge text-bg-success">Đã xác nhận</span>' in an
    assert f'style="background:{scientists.color}"></span>{scientists.name}</td>' in hoa
    assert '<span class="badge text-bg-warning">Chờ duyệt</span>' in hoa


def test_list_shows_counts_per_state(client, event, login_as, make_delegate):
    make_delegate("so_nganh")
    make_delegate("nha_khoa_hoc")
    make_delegate("nha_khoa_hoc")
    login_as(Role.ORGANIZER)
    page = client.get("/delegates/").get_data(as_text=True)
    assert 'Chờ duyệt <span class="badge text-bg-light">2</span>' in page
    assert 'Đã xác nhận <span class="badge text-bg-light">1</span>' in page


def test_bulk_approve_and_decline(client, event, login_as, make_delegate):
    first, second, third = (make_delegate("nha_khoa_hoc") for _ in range(3))
    login_as(Role.ORGANIZER)
    client.post(
        "/delegates/bulk", data={"delegate_ids": [first.id, second.id], "action": "approve"}
    )
    response = client.post(
        "/delegates/bulk",
        data={"delegate_ids": [third.id], "action": "decline", "reason": "Trùng đơn vị"},
        follow_redirects=True,
    )
    assert "Đã không duyệt 1 đại biểu." in response.get_data(as_text=True)
    statuses = [db.session.get(Delegate, d.id).status for d in (first, second, third)]
    assert statuses == [DelegateStatus.CONFIRMED, DelegateStatus.CONFIRMED, DelegateStatus.DECLINED]


def test_bulk_without_selection_says_so(client, event, login_as):
    login_as(Role.ORGANIZER)
    response = client.post("/delegates/bulk", data={"action": "approve"}, follow_redirects=True)
    assert "Hãy chọn ít nhất một đại biểu." in response.get_data(as_text=True)


def test_delegate_page_shows_history_and_decision_changes_state(
    client, event, login_as, make_delegate
):
    delegate = make_delegate("nha_khoa_hoc", name="Bùi Thị Ngọc")
    login_as(Role.ORGANIZER)
    client.post(f"/delegates/{delegate.id}/decision", data={"action": "approve"})
    page = client.get(f"/delegates/{delegate.id}").get_data(as_text=True)
    assert "Đăng ký tham dự" in page
    assert "Duyệt đại biểu" in page
    assert db.session.get(Delegate, delegate.id).status == DelegateStatus.CONFIRMED


def test_delegate_list_query_count_does_not_grow_with_delegates(
    client, event, login_as, make_delegate, app
):
    login_as(Role.ORGANIZER)

    def queries_for_list() -> int:
        statements = []

        def count(*_args):
            statements.append(1)

        sa_event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert client.get("/delegates/").status_code == 200
        finally:
            sa_event.remove(db.engine, "before_cursor_execute", count)
        return len(statements)

    make_delegate()
    few = queries_for_list()
    for _ in range(30):
        make_delegate("nha_khoa_hoc")
    assert queries_for_list() == few


def test_export_xlsx_lists_delegates_in_vietnamese_order(client, event, login_as, make_delegate):
    for name in ("Trần Thị Bình", "Nguyễn Văn An", "Đặng Quốc Việt"):
        make_delegate(name=name)
    login_as(Role.ORGANIZER)
    response = client.get("/delegates/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("TT", "Danh xưng", "Họ và tên")
    assert [row[2] for row in rows[1:]] == ["Nguyễn Văn An", "Trần Thị Bình", "Đặng Quốc Việt"]
    assert rows[1][8] == "Đã xác nhận"


def test_export_pdf_is_grouped_by_category_with_names_intact(
    client, event, login_as, make_delegate
):
    make_delegate("so_nganh", name="Ngô Thị Ngọc Ánh")
    make_delegate("quan_huyen", name="Đặng Quốc Việt")
    login_as(Role.ORGANIZER)
    response = client.get("/delegates/export.pdf")
    assert response.mimetype == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.data)) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "DANH SÁCH ĐẠI BIỂU" in text
    assert "Bà Ngô Thị Ngọc Ánh" in text or "Ông Ngô Thị Ngọc Ánh" in text
    assert "Đặng Quốc Việt" in text
    assert text.index("Đại biểu các sở, ban, ngành, đoàn thể") < text.index(
        "Đại biểu các quận, huyện, thị xã"
    )


def test_cli_export_delegates_writes_workbook(runner, event, make_delegate, tmp_path):
    make_delegate(name="Hoàng Văn Nam")
    out = tmp_path / "dai-bieu.xlsx"
    result = runner.invoke(args=["export-delegates", "--out", str(out)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    assert sheet["C2"].value == "Hoàng Văn Nam"


def test_waiting_page_lists_queue_in_order(client, small_event, login_as, make_delegate):
    for _ in range(3):
        make_delegate()
    first, second = make_delegate(name="Lý Thị Xuân"), make_delegate(name="Kiều Văn Yên")
    login_as(Role.ORGANIZER)
    page = client.get("/delegates/waiting").get_data(as_text=True)
    assert page.index("Lý Thị Xuân") < page.index("Kiều Văn Yên")
    assert db.session.scalars(
        select(Delegate).where(Delegate.status == DelegateStatus.WAITLISTED)
    ).all() == [first, second]


def test_waiting_page_puts_a_delegate_first(client, small_event, login_as, make_delegate):
    for _ in range(3):
        make_delegate()
    first, guest = make_delegate(), make_delegate(name="Đinh Thị Khách")
    login_as(Role.ORGANIZER)
    response = client.post(f"/delegates/{guest.id}/prioritize", follow_redirects=True)
    assert "Đinh Thị Khách đứng đầu danh sách chờ." in response.get_data(as_text=True)
    page = response.get_data(as_text=True)
    assert page.index("Đinh Thị Khách") < page.index(first.full_name)


def test_delegate_page_offers_decisions_that_fit_the_state(client, event, login_as, make_delegate):
    confirmed = make_delegate()
    login_as(Role.ORGANIZER)
    page = client.get(f"/delegates/{confirmed.id}").get_data(as_text=True)
    assert '<option value="approve">' not in page and '<option value="decline">' in page
    client.post(f"/delegates/{confirmed.id}/decision", data={"action": "cancel"})
    page = client.get(f"/delegates/{confirmed.id}").get_data(as_text=True)
    assert "Khôi phục đăng ký" in page
    assert "Ghế hội trường" in page


def test_declining_from_the_delegate_page_asks_for_a_reason(client, event, login_as, make_delegate):
    pending = make_delegate("nha_khoa_hoc")
    login_as(Role.ORGANIZER)
    response = client.post(
        f"/delegates/{pending.id}/decision", data={"action": "decline"}, follow_redirects=True
    )
    assert "Hãy ghi lý do" in response.get_data(as_text=True)
    assert db.session.get(Delegate, pending.id).status == DelegateStatus.PENDING


def test_organizer_changes_a_delegates_category(client, event, login_as, make_delegate):
    from tests.integration.conftest import category

    delegate = make_delegate("so_nganh")
    login_as(Role.ORGANIZER)
    client.post(
        f"/delegates/{delegate.id}/category", data={"category": category(event, "chuyen_gia").id}
    )
    assert db.session.get(Delegate, delegate.id).category.code == "chuyen_gia"
