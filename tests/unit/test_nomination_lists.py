"""The list for the UBND, read back: the XLSX rows and the text of the PDF annex."""

import io
from datetime import UTC, date, datetime

import pdfplumber
from openpyxl import load_workbook

from conference.nominations.lists import ListEntry, annex_pdf, grouped, unit_counts, workbook

BANG_KHEN = "Bằng khen của Chủ tịch UBND Thành phố"
GIAY_KHEN = "Giấy khen của Giám đốc Sở Khoa học và Công nghệ"


def entry(reference, form, order, kind, name, unit, **fields) -> ListEntry:
    values = {"position": "", "organization": unit, "achievement": f"Thành tích của {name}"}
    values.update(fields)
    return ListEntry(reference, form, order, kind, name, unit=unit, **values)


ENTRIES = [
    entry("HS-0007", GIAY_KHEN, 2, "individual", "Nguyễn Minh Nga", "Sở Khoa học và Công nghệ Hà Nội",
          position="Trưởng phòng Quản lý sở hữu trí tuệ", birth_year=1979, gender="female"),
    entry("HS-0005", BANG_KHEN, 1, "individual", "Phạm Hồng Giang", "Sở Khoa học và Công nghệ Hà Nội",
          position="PGS.TS., Trưởng khoa", birth_year=1976, gender="male",
          organization="Trường Đại học Công nghiệp Hà Nội"),
    entry("HS-0012", BANG_KHEN, 1, "collective", "Công ty CP Thiết bị điện Đông Anh", "UBND huyện Đông Anh"),
    entry("HS-0001", BANG_KHEN, 1, "collective", "Hợp tác xã Nông nghiệp Văn Đức", "UBND huyện Gia Lâm"),
    entry("HS-0016", BANG_KHEN, 1, "individual", "Lê Văn An", "UBND huyện Ba Vì",
          position="Chủ tịch Hội Nông dân xã", birth_year=1968, gender="male"),
]  # fmt: skip


def test_groups_follow_award_form_then_collectives_then_individuals():
    groups = [
        (form, kind, [e.reference for e in members]) for form, kind, members in grouped(ENTRIES)
    ]
    assert groups == [
        (BANG_KHEN, "collective", ["HS-0012", "HS-0001"]),  # UBND huyện Đông Anh < Gia Lâm
        (BANG_KHEN, "individual", ["HS-0005", "HS-0016"]),  # Sở … < UBND …
        (GIAY_KHEN, "individual", ["HS-0007"]),
    ]


def test_unit_counts_sort_units_the_vietnamese_way():
    assert unit_counts(ENTRIES) == [
        ("Sở Khoa học và Công nghệ Hà Nội", 0, 2),
        ("UBND huyện Ba Vì", 0, 1),
        ("UBND huyện Đông Anh", 1, 0),
        ("UBND huyện Gia Lâm", 1, 0),
    ]


def test_workbook_lists_every_entry_in_order_with_a_summary_sheet():
    workbook_file = load_workbook(io.BytesIO(workbook(ENTRIES, datetime(2026, 12, 1, tzinfo=UTC))))
    rows = list(workbook_file["Danh sách đề nghị"].iter_rows(values_only=True))
    assert rows[0][:4] == (
        "TT",
        "Hình thức khen thưởng",
        "Tập thể/Cá nhân",
        "Tên tập thể / Họ và tên",
    )
    assert [(row[0], row[3], row[10]) for row in rows[1:]] == [
        (1, "Công ty CP Thiết bị điện Đông Anh", "HS-0012"),
        (2, "Hợp tác xã Nông nghiệp Văn Đức", "HS-0001"),
        (3, "Phạm Hồng Giang", "HS-0005"),
        (4, "Lê Văn An", "HS-0016"),
        (5, "Nguyễn Minh Nga", "HS-0007"),
    ]
    assert rows[3][4:9] == (
        1976, "Nam", "PGS.TS., Trưởng khoa", "Trường Đại học Công nghiệp Hà Nội",
        "Sở Khoa học và Công nghệ Hà Nội",
    )  # fmt: skip
    summary = list(workbook_file["Tổng hợp theo đơn vị"].iter_rows(values_only=True))
    assert summary[1] == ("Sở Khoa học và Công nghệ Hà Nội", 0, 2, 2)


def test_pdf_annex_has_the_title_numbered_groups_honorifics_and_counts():
    content = annex_pdf(ENTRIES, round_title="Khen thưởng sơ kết 5 năm", day=date(2026, 12, 1))
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
        assert pdf.pages[0].width > pdf.pages[0].height  # landscape
    assert "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG" in text
    assert "Hà Nội, ngày 01 tháng 12 năm 2026" in text
    headings = [
        f"I. {BANG_KHEN}: 02 tập thể",
        f"II. {BANG_KHEN}: 02 cá nhân",
        f"III. {GIAY_KHEN}: 01 cá nhân",
    ]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "Ông Phạm Hồng Giang" in text and "Bà Nguyễn Minh Nga" in text
    assert "5 Bà Nguyễn Minh Nga" in text  # numbered on across the groups
    assert "Tổng cộng 02 tập thể, 03 cá nhân" in text
    assert "UBND huyện Đông Anh 01 tập thể, 00 cá nhân" in text


def test_empty_list_still_makes_a_document():
    content = annex_pdf([], round_title="Khen thưởng", day=date(2026, 12, 1))
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        assert "Tổng cộng 00 tập thể, 00 cá nhân" in pdf.pages[0].extract_text()
