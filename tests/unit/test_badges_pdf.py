import io

import pdfplumber
import pytest
import zxingcpp
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, A6
from reportlab.lib.units import mm

from conference.badges.pdf import (
    AWARD_TEXT,
    Badge,
    BadgeCategory,
    BadgeEvent,
    BadgeSize,
    BadgeWorkshop,
    Sheet,
    render_badges,
    sort_badges,
)

EVENT = BadgeEvent(
    short_title="Sơ kết 5 năm Chương trình phát triển tài sản trí tuệ Hà Nội",
    dates_text="Thứ Ba, 14/04/2026 · Khu liên cơ Võ Chí Công",
    organizer="UBND THÀNH PHỐ HÀ NỘI",
)
GUEST = BadgeCategory("KHÁCH MỜI", "#b91c1c", 10)
DELEGATE = BadgeCategory("ĐẠI BIỂU", "#1d4ed8", 30)
PRESS = BadgeCategory("BÁO CHÍ", "#a16207", 80)
STAFF = BadgeCategory("BAN TỔ CHỨC", "#374151", 95)
LONG_NAME = "Công Tằng Tôn Nữ Thị Phương Thảo Nguyễn Hoàng Bảo Ngọc"
ID1 = (85.6 * mm, 54 * mm)


def badge(full_name: str, category: BadgeCategory = DELEGATE, **fields) -> Badge:
    token = f"tok.{full_name.encode().hex()[:24]}.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg"
    return Badge(
        full_name=full_name, category=category, qr_token=fields.pop("qr_token", token), **fields
    )


HANG = badge(
    "Nguyễn Thị Hằng",
    position="Phó Giám đốc",
    unit="Sở Khoa học và Công nghệ Hà Nội",
    seat="Hàng C · Ghế 12",
    workshops=(
        BadgeWorkshop("Hội thảo 2: Thương mại hóa sáng chế trong trường đại học", "Phòng 301"),
    ),
    award_recipient=True,
)
VIET = badge(
    "Đặng Quốc Việt", PRESS, unit="Đài Phát thanh và Truyền hình Hà Nội", seat="Hàng K · Ghế 3"
)
ANH = badge(
    "Ngô Thị Ngọc Ánh", STAFF, position="Chuyên viên", unit="Sở Khoa học và Công nghệ Hà Nội"
)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    return [
        (float(p.mediabox.width), float(p.mediabox.height))
        for p in PdfReader(io.BytesIO(pdf)).pages
    ]


def scanned_tokens(pdf: bytes, page_number: int = 0) -> set[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        image = document.pages[page_number].to_image(resolution=200).original
    return {result.text for result in zxingcpp.read_barcodes(image)}


def test_render_badges_writes_names_with_diacritics_seat_workshop_and_category():
    pdf = render_badges(EVENT, [HANG, VIET, ANH])

    texts = page_texts(pdf)
    assert len(texts) == 3
    assert "Nguyễn Thị Hằng" in texts[0]
    assert "Hàng C · Ghế 12" in texts[0]
    assert "Thương mại hóa" in texts[0] and "Phòng 301" in texts[0]
    assert "ĐẠI BIỂU" in texts[0]
    assert "Phó Giám đốc" in texts[0] and "Sở Khoa học và Công nghệ Hà Nội" in texts[0]
    assert "Đặng Quốc Việt" in texts[1] and "BÁO CHÍ" in texts[1] and "Hàng K · Ghế 3" in texts[1]
    assert "Ngô Thị Ngọc Ánh" in texts[2] and "BAN TỔ CHỨC" in texts[2]
    assert "Sơ kết 5 năm Chương trình" in texts[2] and "Thứ Ba, 14/04/2026" in texts[2]


TWO_WORKSHOPS = (
    BadgeWorkshop("Chỉ dẫn địa lý cho sản phẩm OCOP", "13:30 · Phòng hội thảo 202"),
    BadgeWorkshop("Thực thi quyền sở hữu trí tuệ", "15:05 · Phòng hội thảo 301"),
)


def test_render_badges_lists_two_workshops_each_with_its_time_and_room():
    two = badge("Trần Văn Bình", seat="Hàng A · Ghế 1", workshops=TWO_WORKSHOPS)

    text = page_texts(render_badges(EVENT, [two]))[0]

    assert "Chỉ dẫn địa lý cho sản phẩm OCOP" in text and "13:30 · Phòng hội thảo 202" in text
    assert "Thực thi quyền sở hữu trí tuệ" in text and "15:05 · Phòng hội thảo 301" in text


def test_render_badges_id1_card_gives_two_workshops_only_their_times_and_rooms():
    two = badge("Trần Văn Bình", seat="Hàng A · Ghế 1", workshops=TWO_WORKSHOPS)

    text = page_texts(render_badges(EVENT, [two], BadgeSize.ID1))[0]

    assert "13:30 · Phòng hội thảo 202" in text and "15:05 · Phòng hội thảo 301" in text
    assert "Chỉ dẫn địa lý" not in text


def test_render_badges_leaves_out_seat_and_workshop_a_badge_does_not_have():
    texts = page_texts(render_badges(EVENT, [ANH]))

    assert "GHẾ HỘI TRƯỜNG" not in texts[0]
    assert "HỘI THẢO" not in texts[0]


def test_render_badges_marks_award_recipients_only():
    texts = page_texts(render_badges(EVENT, [HANG, VIET]))

    assert AWARD_TEXT in texts[0]
    assert AWARD_TEXT not in texts[1]


def test_render_badges_marks_a_reprint_with_its_version():
    texts = page_texts(render_badges(EVENT, [ANH, badge("Ngô Thị Ngọc Ánh", STAFF, version=2)]))

    assert "Bản in lần" not in texts[0]
    assert "Bản in lần 2" in texts[1]


def test_render_badges_fits_a_very_long_name_on_two_lines_inside_the_badge():
    pdf = render_badges(EVENT, [badge(LONG_NAME, GUEST, unit="Cục Sở hữu trí tuệ")])

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        lines = page.extract_text_lines()
    name_lines = [line for line in lines if line["text"] in LONG_NAME]
    assert " ".join(line["text"] for line in name_lines) == LONG_NAME
    assert len(name_lines) == 2
    for line in name_lines:
        assert line["x0"] >= 5 * mm - 0.01
        assert line["x1"] <= page.width - 5 * mm + 0.01


@pytest.mark.parametrize("size", [BadgeSize.A6, BadgeSize.ID1])
def test_render_badges_never_draws_outside_the_badge(size):
    pdf = render_badges(
        EVENT, [badge(LONG_NAME, GUEST, position="Phó Cục trưởng " * 6, unit="Đơn vị " * 12)], size
    )

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        assert page.chars
        for char in page.chars:
            assert char["x0"] > 0 and char["x1"] < page.width
            assert char["top"] > 0 and char["bottom"] < page.height


def test_render_badges_a6_one_per_page_by_default():
    assert page_sizes(render_badges(EVENT, [HANG, VIET])) == [pytest.approx(A6, abs=0.01)] * 2


def test_render_badges_id1_card():
    pdf = render_badges(EVENT, [HANG], BadgeSize.ID1)

    assert page_sizes(pdf) == [pytest.approx(ID1, abs=0.01)]
    assert "Nguyễn Thị Hằng" in page_texts(pdf)[0]


def test_render_badges_imposes_four_a6_on_each_a4_sheet():
    names = [
        "Nguyễn Thị Hằng",
        "Đặng Quốc Việt",
        "Ngô Thị Ngọc Ánh",
        "Lê Văn An",
        "Trần Thị Bình",
        "Phạm Minh Châu",
    ]

    pdf = render_badges(EVENT, [badge(name) for name in names], sheet=Sheet.A4_FOUR_UP)

    assert page_sizes(pdf) == [pytest.approx(A4, abs=0.01)] * 2
    first, second = page_texts(pdf)
    assert all(name in first for name in names[:4])
    assert all(name in second for name in names[4:]) and not any(
        name in second for name in names[:4]
    )


def test_render_badges_four_up_draws_crop_marks_on_the_cut_lines():
    pdf = render_badges(EVENT, [HANG, VIET, ANH, badge("Lê Văn An")], sheet=Sheet.A4_FOUR_UP)

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        lines = document.pages[0].lines
    middle_x, width = A4[0] / 2, A4[0]
    vertical_marks = [line for line in lines if line["x0"] == pytest.approx(middle_x) == line["x1"]]
    assert any(line["top"] == pytest.approx(0) for line in vertical_marks)
    assert any(line["bottom"] == pytest.approx(A4[1]) for line in vertical_marks)
    horizontal_marks = [line for line in lines if line["top"] == pytest.approx(line["bottom"])]
    assert any(line["x0"] == pytest.approx(0) for line in horizontal_marks)
    assert any(line["x1"] == pytest.approx(width) for line in horizontal_marks)


@pytest.mark.parametrize(
    ("size", "sheet"),
    [
        (BadgeSize.A6, Sheet.ONE_PER_PAGE),
        (BadgeSize.ID1, Sheet.ONE_PER_PAGE),
        (BadgeSize.A6, Sheet.A4_FOUR_UP),
    ],
)
def test_render_badges_qr_codes_scan_back_to_their_tokens(size, sheet):
    badges = [HANG, VIET, ANH, badge("Lê Văn An")]

    pdf = render_badges(EVENT, badges, size, sheet)

    expected = {b.qr_token for b in badges} if sheet is Sheet.A4_FOUR_UP else {HANG.qr_token}
    assert scanned_tokens(pdf) == expected


def test_render_badges_refuses_an_empty_list():
    with pytest.raises(ValueError, match="no badges"):
        render_badges(EVENT, [])


def test_render_badges_imposes_only_a6():
    with pytest.raises(ValueError, match="A6"):
        render_badges(EVENT, [HANG], BadgeSize.ID1, Sheet.A4_FOUR_UP)


def test_sort_badges_by_protocol_rank_then_vietnamese_name_order():
    badges = [
        badge("Trần Văn Đức"),
        badge("Ngô Thị Ngọc Ánh", PRESS),
        badge("Nguyễn Văn An"),
        badge("Nguyễn Thị Dung"),
        badge("Đặng Quốc Việt", GUEST),
        badge("Lê Văn An"),
        badge("Phạm Thị Ân"),
    ]

    ordered = [b.full_name for b in sort_badges(badges)]

    assert ordered == [
        "Đặng Quốc Việt",
        "Lê Văn An",
        "Nguyễn Văn An",
        "Phạm Thị Ân",
        "Nguyễn Thị Dung",
        "Trần Văn Đức",
        "Ngô Thị Ngọc Ánh",
    ]
