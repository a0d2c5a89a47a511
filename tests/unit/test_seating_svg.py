"""The seat map SVG: what each seat says and where it is drawn, read back by parsing the markup."""

import xml.etree.ElementTree as ET

from conference.seating import svg
from conference.seating.planner import rectangular_layout

NS = {"svg": "http://www.w3.org/2000/svg"}
WORDS = svg.Words(
    stage="SÂN KHẤU", free="ghế trống", blocked="không sử dụng", locked="đã khóa",
    award="nhận khen thưởng", you="chỗ của Quý vị",
)  # fmt: skip
LAYOUT = rectangular_layout(2, 6, aisles_after=(3,), blocked=["B6"])


def _seats(markup: str) -> dict[str, ET.Element]:
    root = ET.fromstring(markup)
    return {g.get("data-seat"): g for g in root.iterfind(".//svg:g", NS)}


def _title(group: ET.Element) -> str:
    return group.find("svg:title", NS).text


def _rect(group: ET.Element) -> ET.Element:
    return group.find("svg:rect", NS)


def test_render_svg_names_people_in_titles_with_category_colours():
    seats = {
        "A3": svg.SeatView(7, "Ông Nguyễn Văn Thưởng", "Lãnh đạo Thành phố", "#c2410c"),
        "A4": svg.SeatView(9, "Bà Đặng Thị Ngọc Ánh", "Nhà khoa học", "#6d28d9", locked=True, award=True),
    }  # fmt: skip
    markup = svg.render_svg(svg.SeatMap(LAYOUT, seats, WORDS, title="Hội trường"))
    groups = _seats(markup)
    assert _title(groups["A3"]) == "A3: Ông Nguyễn Văn Thưởng (Lãnh đạo Thành phố)"
    assert _title(groups["A4"]) == (
        "A4: Bà Đặng Thị Ngọc Ánh (Nhà khoa học; nhận khen thưởng; đã khóa)"
    )
    assert groups["A3"].get("data-delegate") == "7"
    assert _rect(groups["A3"]).get("fill") == "#c2410c"
    assert _rect(groups["A4"]).get("stroke") == svg.LOCK_OUTLINE
    assert groups["A4"].find("svg:circle", NS) is not None  # the award mark
    assert _title(groups["A1"]) == "A1: ghế trống"
    assert "data-delegate" not in groups["A1"].attrib
    assert _title(groups["B6"]) == "B6: không sử dụng"


def test_render_svg_draws_every_seat_with_aisle_gap_and_row_a_nearest_the_stage():
    groups = _seats(svg.render_svg(svg.SeatMap(LAYOUT, {}, WORDS)))
    assert len(groups) == 12
    x = {label: float(_rect(group).get("x")) for label, group in groups.items()}
    y = {label: float(_rect(group).get("y")) for label, group in groups.items()}
    assert x["A2"] - x["A1"] == svg.PITCH
    assert x["A4"] - x["A3"] == 2 * svg.PITCH  # the aisle after seat 3 is one seat wide
    assert x["A1"] < x["A6"]  # seat 1 on the left, facing the stage at the top
    assert y["A1"] < y["B1"]


def test_render_svg_escapes_names_and_refuses_colours_that_are_not_hex():
    seats = {"A1": svg.SeatView(1, '<script>alert("x")</script>', "", 'red" onload="x')}
    markup = svg.render_svg(svg.SeatMap(LAYOUT, seats, WORDS))
    assert "<script>" not in markup
    group = _seats(markup)["A1"]  # still well-formed XML
    assert _title(group) == 'A1: <script>alert("x")</script>'
    assert _rect(group).get("fill") == svg.DEFAULT_COLOR


def test_render_svg_for_a_delegate_names_nobody_else_and_marks_their_seat():
    markup = svg.render_svg(
        svg.SeatMap(LAYOUT, {}, WORDS, highlight="A2", occupied=frozenset({"A1", "A2", "B1"}))
    )
    groups = _seats(markup)
    assert _title(groups["A2"]) == "A2 — chỗ của Quý vị"
    assert _rect(groups["A2"]).get("fill") == svg.HERE_FILL
    assert _title(groups["A1"]) == "A1"
    assert _rect(groups["A1"]).get("fill") == svg.OCCUPIED_FILL
    assert _title(groups["A3"]) == "A3: ghế trống"


def test_render_svg_scales_through_its_viewbox():
    root = ET.fromstring(svg.render_svg(svg.SeatMap(LAYOUT, {}, WORDS, title="Phòng 201")))
    assert root.get("width") == "100%"
    assert root.get("viewBox").startswith("0 0 ")
    assert root.get("aria-label") == "Phòng 201"
