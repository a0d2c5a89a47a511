import io

import pdfplumber

from conference.exhibition.booths import Booth, FloorPlan, demo_hall
from conference.exhibition.plan_pdf import BoothHolder, PlanDocument, render_plan

DOCUMENT = PlanDocument(
    title="SƠ ĐỒ GIAN HÀNG TRIỂN LÃM",
    subtitle="Triển lãm kết quả phát triển tài sản trí tuệ — Khu liên cơ Võ Chí Công",
    place_and_date="Hà Nội, ngày 01 tháng 12 năm 2026",
    obstacle_labels={"stage": "Sân khấu", "entrance": "Lối vào", "pillar": "Cột"},
)
HOLDERS = {
    "E01": BoothHolder("Hiệp hội Gốm sứ Bát Tràng", "Hội làng nghề", "H. Gia Lâm", "#fed7aa"),
    "C02": BoothHolder("Hiệp hội Làng nghề Dệt lụa Vạn Phúc", "Hội làng nghề", "Q. Hà Đông"),
    "A01": BoothHolder("Đại học Bách khoa Hà Nội", "Trường đại học", "Q. Hai Bà Trưng"),
}


def pages_text(pdf_bytes: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        return [page.extract_text() for page in pdf.pages]


def test_the_map_shows_every_booth_code_and_the_obstacles():
    first, *_rest = pages_text(render_plan(demo_hall(), HOLDERS, DOCUMENT))

    for booth in demo_hall().booths:
        assert booth.code in first
    assert "SÂN KHẤU" in first and "LỐI VÀO" in first
    assert "SƠ ĐỒ GIAN HÀNG TRIỂN LÃM" in first


def test_the_list_reads_back_every_holder_in_full_with_vietnamese_letters():
    _first, *rest = pages_text(render_plan(demo_hall(), HOLDERS, DOCUMENT))
    listing = " ".join(" ".join(rest).split())

    assert "E01 Hiệp hội Gốm sứ Bát Tràng Hội làng nghề H. Gia Lâm" in listing
    assert "Hiệp hội Làng nghề Dệt lụa Vạn Phúc" in listing
    assert "A02 (còn trống)" in listing


def test_the_map_is_landscape_and_the_list_portrait():
    with pdfplumber.open(io.BytesIO(render_plan(demo_hall(), HOLDERS, DOCUMENT))) as pdf:
        first, second = pdf.pages[0], pdf.pages[1]
        assert first.width > first.height
        assert second.height > second.width


def test_a_name_too_long_for_its_booth_is_cut_on_the_map_but_whole_in_the_list():
    plan = FloorPlan(width=20, height=12, booths=(Booth("A01", 0, 0),))
    name = "Hợp tác xã Dịch vụ Nông nghiệp và Tiêu thụ Sản phẩm An toàn " * 4
    holders = {"A01": BoothHolder(name.strip(), "Hợp tác xã", "H. Gia Lâm")}

    first, second = pages_text(render_plan(plan, holders, DOCUMENT))

    assert "…" in first
    assert first.count("Dịch vụ") < 4
    # The list's cell wraps over several lines; every word of the name is there.
    assert second.split().count("Dịch") == 4


def test_an_empty_hall_still_prints():
    plan = FloorPlan(width=14, height=10, booths=())

    first, second = pages_text(render_plan(plan, {}, DOCUMENT))

    assert "SƠ ĐỒ GIAN HÀNG TRIỂN LÃM" in first
    assert "DANH SÁCH GIAN HÀNG" in second
