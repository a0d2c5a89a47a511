import io

import pytest
from openpyxl import Workbook

from conference.registration.invitees import read_invitees
from conference.spreadsheets import UnreadableFile

HEADER = ["Họ và tên", "Chức vụ", "Đơn vị", "Thành phần", "Email", "Danh xưng"]


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_xlsx_rows_are_read_with_line_numbers():
    content = _xlsx([
        HEADER,
        ["Đặng Quốc Việt", "Phó Cục trưởng", "Cục Sở hữu trí tuệ", "Đại biểu Trung ương", "Viet@IPVietnam.gov.vn", "Ông"],
        [None, None, None, None, None, None],
        ["Ngô Thị Ngọc Ánh", "", "Sở Tư pháp", "so_nganh", "anh@hanoi.gov.vn", "bà"],
    ])  # fmt: skip
    rows, errors = read_invitees("khach-moi.xlsx", content)
    assert errors == []
    assert [(row.line, row.full_name, row.email, row.honorific) for row in rows] == [
        (2, "Đặng Quốc Việt", "viet@ipvietnam.gov.vn", "ong"),
        (4, "Ngô Thị Ngọc Ánh", "anh@hanoi.gov.vn", "ba"),
    ]


def test_csv_from_excel_with_bom_and_semicolons_is_read():
    content = (
        "\ufeffHo va ten;Email;Thanh phan\nLê Văn Lợi;loi@hanoi.gov.vn;Nhà khoa học\n".encode()
    )
    rows, errors = read_invitees("ds.csv", content)
    assert errors == []
    assert rows[0].full_name == "Lê Văn Lợi"
    assert rows[0].category == "Nhà khoa học"


def test_every_bad_row_is_reported_with_its_line_and_reason():
    content = _xlsx([
        HEADER,
        ["", "", "", "Nhà khoa học", "a@vnu.edu.vn", ""],
        ["Trần Văn B", "", "", "Nhà khoa học", "khong-phai-email", ""],
        ["Trần Văn C", "", "", "Nhà khoa học", "c@vnu.edu.vn", "Ngài"],
        ["Trần Văn D", "", "", "Nhà khoa học", "C@vnu.edu.vn", ""],
        ["Trần\u202eVăn E", "x" * 300, "", "Nhà khoa học", "e@vnu.edu.vn", ""],
    ])  # fmt: skip
    rows, errors = read_invitees("ds.xlsx", content)
    assert [(e.line, e.column, e.reason) for e in errors] == [
        (2, "full_name", "missing"),
        (3, "email", "invalid_email"),
        (4, "honorific", "invalid_honorific"),
        (5, "email", "duplicate_in_file"),
        (6, "full_name", "control_characters"),
        (6, "position", "too_long"),
    ]
    assert errors[3].value == "4"
    assert [row.line for row in rows] == [2, 3, 4, 5, 6]  # still checked against the database


def test_missing_required_column_is_reported_on_the_header_line():
    rows, errors = read_invitees("ds.xlsx", _xlsx([["Họ và tên", "Email"], ["A", "a@b.vn"]]))
    assert rows == []
    assert [(e.line, e.column, e.reason) for e in errors] == [(1, "category", "missing_column")]


@pytest.mark.parametrize(
    ("filename", "content", "reason"),
    [
        ("ds.xlsx", b"not a zip", "not_xlsx"),
        (
            "ds.csv",
            "Họ và tên,Email\n".encode("cp1258", errors="replace") + b"\xff\xfe",
            "not_utf8",
        ),
        ("ds.pdf", b"%PDF-1.7", "unknown_type"),
        ("ds.csv", b"", "empty"),
    ],
)
def test_unreadable_files_say_why(filename, content, reason):
    with pytest.raises(UnreadableFile) as refused:
        read_invitees(filename, content)
    assert refused.value.reason == reason
