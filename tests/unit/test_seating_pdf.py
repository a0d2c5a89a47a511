"""Printed seating: the text inside the PDFs is read back, and the font is Be Vietnam Pro."""

import io

import pdfplumber
from pypdf import PdfReader

from conference.seating import pdf
from conference.seating.planner import rectangular_layout

LAYOUT = rectangular_layout(3, 8, aisles_after=(4,))


def _document(**changes) -> pdf.SeatPlanDocument:
    fields = dict(
        title="SƠ ĐỒ CHỖ NGỒI",
        subtitle="Hội nghị sơ kết 5 năm",
        room="Hội trường tầng 1",
        layout=LAYOUT,
        seats={
            "A4": pdf.PrintedSeat("Nguyễn Văn Thưởng", "#b91c1c"),
            "A5": pdf.PrintedSeat("Đặng Thị Ngọc Ánh", "#c2410c", award=True),
            "C1": pdf.PrintedSeat("Lê Quang Đạo", "#a16207"),
        },
        legend=[
            pdf.LegendEntry("Đại biểu Trung ương", "#b91c1c", 1),
            pdf.LegendEntry("Lãnh đạo Thành phố", "#c2410c", 1),
            pdf.LegendEntry("Đại diện cơ quan báo, đài", "#a16207", 1),
        ],
        people=[
            pdf.ListedPerson("Bà Đặng Thị Ngọc Ánh", "Phó Chủ tịch, UBND Thành phố", "A5"),
            pdf.ListedPerson("Ông Lê Quang Đạo", "Phóng viên, Báo Hànộimới", "C1"),
            pdf.ListedPerson("Ông Nguyễn Văn Thưởng", "Cục trưởng, Cục Sở hữu trí tuệ", "A4"),
        ],
    )
    fields.update(changes)
    return pdf.SeatPlanDocument(**fields)


def _words(content: bytes, page: int) -> str:
    with pdfplumber.open(io.BytesIO(content)) as document:
        return " ".join(document.pages[page].extract_text().split())


def test_seat_plan_prints_names_seat_labels_and_legend():
    content = pdf.render_seat_plan(_document())
    first = _words(content, 0)
    assert "SƠ ĐỒ CHỖ NGỒI" in first
    assert "SÂN KHẤU" in first
    for label in ("A1", "A4", "B8", "C1"):
        assert label in first
    # Names are set in two lines inside their seats: "Nguyễn Văn" over "Thưởng".
    for part in ("Nguyễn", "Văn Thưởng", "Đặng Thị", "Ngọc Ánh", "Lê Quang", "Đạo"):
        assert part in first
    for legend in (
        "Đại biểu Trung ương (1)",
        "Lãnh đạo Thành phố (1)",
        "Ghế trống",
        "Nhận khen thưởng",
    ):
        assert legend in first
    assert "Ghế không sử dụng" not in first  # this hall has no blocked seat


def test_seat_plan_lists_everyone_with_their_seat_after_the_map():
    content = pdf.render_seat_plan(_document())
    listing = _words(content, 1)
    assert "DANH SÁCH CHỖ NGỒI" in listing
    assert "1 Bà Đặng Thị Ngọc Ánh Phó Chủ tịch, UBND Thành phố A5" in listing
    assert "3 Ông Nguyễn Văn Thưởng Cục trưởng, Cục Sở hữu trí tuệ A4" in listing


def test_seat_plan_and_name_cards_use_only_be_vietnam_pro():
    for content in (
        pdf.render_seat_plan(_document()),
        pdf.render_name_cards([pdf.NameCard("Bà", "Lê Thị Ễn", "Chuyên viên", "Sở Tư pháp")]),
    ):
        reader = PdfReader(io.BytesIO(content))
        fonts = {
            font.get_object()["/BaseFont"]
            for page in reader.pages
            for font in page["/Resources"]["/Font"].values()
        }
        assert fonts and all("BeVietnamPro" in name for name in fonts)


def test_seat_plan_shows_blocked_seats_in_its_legend_when_the_hall_has_some():
    blocked = rectangular_layout(3, 8, aisles_after=(4,), blocked=["C8"])
    assert "Ghế không sử dụng" in _words(pdf.render_seat_plan(_document(layout=blocked)), 0)


def test_seat_plan_of_a_wide_hall_is_printed_on_a3():
    wide = rectangular_layout(4, 40, aisles_after=(10, 30))
    reader = PdfReader(io.BytesIO(pdf.render_seat_plan(_document(layout=wide, people=[]))))
    width, height = (float(value) for value in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (1191, 842)
    assert len(reader.pages) == 1  # no list without people


def test_name_cards_print_one_folded_card_per_sheet_both_faces():
    cards = [
        pdf.NameCard("Ông", "Nguyễn Văn Thưởng", "Phó Chủ tịch UBND Thành phố", "UBND thành phố Hà Nội", "A8"),
        pdf.NameCard("Bà", "Trần Thị Ngọc Ánh", "Phó Vụ trưởng", "Bộ Khoa học và Công nghệ", "A9"),
    ]  # fmt: skip
    content = pdf.render_name_cards(cards)
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 2
    width, height = (float(value) for value in reader.pages[0].mediabox.upper_right)
    assert width > height  # A4 landscape, folded along its length
    with pdfplumber.open(io.BytesIO(content)) as document:
        chars = document.pages[0].chars
        text = "".join(char["text"] for char in chars)
        assert text.count("Ông Nguyễn Văn Thưởng") == 2  # one name per face
        # One face is printed turned half round, so that it reads upright once folded.
        turned = [c for c in chars if c["text"] == "Ô" and c["matrix"][0] == -1]
        straight = [c for c in chars if c["text"] == "Ô" and c["matrix"][0] == 1]
        assert len(turned) == len(straight) == 1
        assert turned[0]["top"] < straight[0]["top"]  # the turned face is the upper half
        assert straight[0]["size"] >= 40
        words = _words(content, 0)
        assert "Phó Chủ tịch UBND Thành phố" in words
        assert "UBND thành phố Hà Nội" in words
        assert "Ghế A8" in words
