"""Seating pages: the seat map (SVG), corrections, printouts, the room editor, personal pages."""

import io
import re
import xml.etree.ElementTree as ET

import pdfplumber
from sqlalchemy import select

from conference.auth.models import Role
from conference.extensions import db
from conference.registration import services as registration
from conference.seating import services
from conference.seating.models import SeatAssignment
from conference.timeutil import utcnow
from conference.workshops.models import Room
from tests.integration.workshops.conftest import TEST_ACTOR

SVG = "{http://www.w3.org/2000/svg}"


def _page(response) -> str:
    return response.get_data(as_text=True)


def _svgs(page: str) -> list[ET.Element]:
    return [ET.fromstring(markup) for markup in re.findall(r"<svg .*?</svg>", page, re.S)]


def _titles(drawing: ET.Element) -> dict[str, str]:
    return {g.get("data-seat"): g.find(f"{SVG}title").text for g in drawing.iter(f"{SVG}g")}


def _seat_of(delegate) -> str:
    return db.session.scalars(
        select(SeatAssignment.seat).where(SeatAssignment.delegate_id == delegate.id)
    ).one()


def test_seat_map_draws_names_colours_and_a_legend(
    client, event, hall, login_as, make_guest, make_delegate
):
    login_as(Role.ORGANIZER)
    guest = make_guest("trung_uong", "Nguyễn Mạnh Giang", "Cục trưởng")
    official = make_delegate(name="Đặng Thị Ngọc Ánh")
    services.plan_seating(event, TEST_ACTOR, utcnow())
    plan = services.plenary_plan(event)

    page = _page(client.get(f"/seating/plans/{plan.id}"))

    (drawing,) = _svgs(page)
    titles = _titles(drawing)
    assert titles["A5"] == "A5: Ông Nguyễn Mạnh Giang (Đại biểu Trung ương, Cục trưởng)"
    assert titles[_seat_of(official)].startswith("A4: Ông Đặng Thị Ngọc Ánh")
    assert titles["D1"] == "D1: ghế trống"
    fills = {g.get("data-seat"): g.find(f"{SVG}rect").get("fill") for g in drawing.iter(f"{SVG}g")}
    assert fills["A5"] == guest.category.color
    legend = page.split('data-testid="legend"')[1].split("</ul>")[0]
    assert "Đại biểu Trung ương (1)" in legend
    assert "Đại biểu các sở, ban, ngành, đoàn thể (1)" in legend


def test_exchange_form_swaps_and_says_so(client, event, hall, login_as, make_delegate):
    login_as(Role.ORGANIZER)
    first, second = make_delegate(name="Ngô Văn Một"), make_delegate(name="Đinh Thị Hai")
    services.plan_seating(event, TEST_ACTOR, utcnow())
    plan = services.plenary_plan(event)
    seat_one, seat_two = _seat_of(first), _seat_of(second)

    page = _page(
        client.post(
            f"/seating/plans/{plan.id}/exchange",
            data={"first": seat_one.lower(), "second": seat_two},
            follow_redirects=True,
        )
    )

    assert (
        f"Đã đổi chỗ Ngô Văn Một (nay ở ghế {seat_two}) và Đinh Thị Hai (nay ở ghế {seat_one}). "
        "Hai chỗ này đã được khóa."
    ) in page
    assert "Đã chuyển" not in page
    assert (_seat_of(first), _seat_of(second)) == (seat_two, seat_one)


def test_exchange_form_into_a_free_seat_says_it_moved_the_person(
    client, event, hall, login_as, make_delegate
):
    login_as(Role.ORGANIZER)
    client.get("/lang/en")
    delegate = make_delegate(name="Ngô Văn Một")
    services.plan_seating(event, TEST_ACTOR, utcnow())
    plan = services.plenary_plan(event)

    page = _page(
        client.post(
            f"/seating/plans/{plan.id}/exchange",
            data={"first": _seat_of(delegate), "second": "d8"},
            follow_redirects=True,
        )
    )

    assert _seat_of(delegate) == "D8"
    assert "Moved Ngô Văn Một to seat D8. The seat is now locked." in page
    assert "Swapped" not in page


def test_exchange_form_explains_a_seat_that_does_not_exist(
    client, event, hall, login_as, make_delegate
):
    login_as(Role.ORGANIZER)
    make_delegate()
    services.plan_seating(event, TEST_ACTOR, utcnow())
    plan = services.plenary_plan(event)
    page = _page(
        client.post(
            f"/seating/plans/{plan.id}/exchange", data={"first": "A5", "second": "K40"},
            follow_redirects=True,
        )
    )  # fmt: skip
    assert "Không có ghế K40 trong phòng này." in page


def test_seat_plan_pdf_reads_back_names_seats_and_legend(client, event, hall, login_as, make_guest):
    login_as(Role.ORGANIZER)
    make_guest("lanh_dao_tp", "Trần Công Hưng", "Phó Chủ tịch UBND Thành phố")
    services.plan_seating(event, TEST_ACTOR, utcnow())
    plan = services.plenary_plan(event)

    response = client.get(f"/seating/plans/{plan.id}/plan.pdf")

    assert response.mimetype == "application/pdf"
    with pdfplumber.open(io.BytesIO(response.data)) as document:
        hall_page = " ".join(document.pages[0].extract_text().split())
        listing = " ".join(document.pages[1].extract_text().split())
    assert "SƠ ĐỒ CHỖ NGỒI" in hall_page and "Hội trường" in hall_page
    assert "Trần Công" in hall_page and "Hưng" in hall_page and "A5" in hall_page
    assert "Lãnh đạo Thành phố (1)" in hall_page
    assert "Ông Trần Công Hưng Phó Chủ tịch UBND Thành phố, Bộ Khoa học và Công nghệ A5" in listing


def test_name_cards_are_for_the_rows_of_the_front_guests(
    client, event, hall, login_as, make_guest, make_delegate
):
    login_as(Role.ORGANIZER)
    make_guest("trung_uong", "Nguyễn Mạnh Giang", "Cục trưởng")
    for _ in range(9):  # row A holds 8: the ninth official sits in row B and gets no card
        make_delegate()
    services.plan_seating(event, TEST_ACTOR, utcnow())
    plan = services.plenary_plan(event)

    response = client.get(f"/seating/plans/{plan.id}/name-cards.pdf")

    with pdfplumber.open(io.BytesIO(response.data)) as document:
        cards = [page.extract_text() for page in document.pages]
    assert len(cards) == 8  # row A, in seat order, for setting them out along the table
    assert [re.search(r"Ghế (\w+)", card)[1] for card in cards] == [f"A{n}" for n in range(1, 9)]
    assert "Ông Nguyễn Mạnh Giang" in cards[4] and "Cục trưởng" in cards[4]


def test_room_editor_saves_a_layout_and_explains_a_bad_one(client, event, login_as):
    login_as(Role.ORGANIZER)
    form = {"name": "Phòng 305", "location": "Tầng 3", "rows": "6", "seats_per_row": "10",
            "row_lengths": "F=8", "aisles_after": "5", "blocked": "a1, F8", "save": "1"}  # fmt: skip

    response = client.post("/seating/rooms/new", data=form)

    room = db.session.scalars(select(Room)).one()
    assert response.location == f"/seating/rooms/{room.id}"
    assert room.layout["rows"][-1] == {"label": "F", "seats": 8}
    assert room.layout["blocked"] == ["A1", "F8"]
    assert room.capacity == 56
    page = _page(client.post(f"/seating/rooms/{room.id}", data={**form, "aisles_after": "12"}))
    assert "Sơ đồ chưa hợp lệ: lối đi phải nằm giữa hai ghế của hàng dài nhất (12)." in page
    db.session.expire_all()
    assert room.layout["aisles_after"] == [5]


def test_personal_page_shows_the_seat_on_a_map_that_names_nobody_else(
    client, event, hall, make_delegate
):
    me, other = make_delegate(name="Vũ Thị Mình"), make_delegate(name="Hoàng Văn Khác")
    services.plan_seating(event, TEST_ACTOR, utcnow())
    mine = _seat_of(me)

    page = _page(client.get(f"/me/{registration.personal_token(me)}"))

    panel = page.split('data-testid="seats-panel"')[1]
    row, number = mine[0], mine[1:]
    assert f"hàng {row}, ghế {number}" in panel
    (drawing,) = _svgs(panel)
    titles = _titles(drawing)
    assert titles[mine].endswith("chỗ của Quý vị")
    assert titles[_seat_of(other)] == _seat_of(other)
    assert "Hoàng Văn Khác" not in panel


def test_protocol_page_orders_the_front_rows_in_one_list_and_saves_it(
    client, event, hall, login_as, make_guest, make_delegate
):
    login_as(Role.ORGANIZER)
    guest = make_guest("trung_uong", "Lê Kim Thơ", "Trưởng phòng Sáng chế")
    chair = make_guest("lanh_dao_tp", "Trần Công Hưng", "Chủ tịch UBND Thành phố")
    make_delegate(name="Đặng Thị Ngọc Ánh")

    page = _page(client.get("/seating/protocol"))

    table = page.split("<tbody>")[1].split("</tbody>")[0]
    assert table.index("Lê Kim Thơ") < table.index("Trần Công Hưng")
    assert "Lãnh đạo Thành phố" in table and "Đặng Thị Ngọc Ánh" not in table
    assert "số 1 ngồi giữa hàng A" in page

    page = _page(
        client.post(
            "/seating/protocol",
            data={f"order_{guest.id}": "2", f"order_{chair.id}": "1"},
            follow_redirects=True,
        )
    )
    client.post("/seating/plan")

    assert "Đã lưu thứ tự" in page
    table = page.split("<tbody>")[1].split("</tbody>")[0]
    assert table.index("Trần Công Hưng") < table.index("Lê Kim Thơ")
    assert (_seat_of(chair), _seat_of(guest)) == ("A5", "A4")


def test_seat_map_sends_the_same_number_of_queries_for_more_people(
    client, event, hall, login_as, make_delegate, make_guest, count_queries
):
    login_as(Role.ORGANIZER)

    def measure() -> list[int]:
        make_guest("lanh_dao_tp")
        for _ in range(5):
            make_delegate()
        services.plan_seating(event, TEST_ACTOR, utcnow())
        plan = services.plenary_plan(event)
        counts = []
        for path in (f"/seating/plans/{plan.id}", "/seating/", "/seating/protocol"):
            with count_queries() as statements:
                assert client.get(path).status_code == 200
            counts.append(len(statements))
        return counts

    assert measure() == measure()


def test_plan_button_reports_what_it_did(client, event, hall, login_as, make_delegate):
    login_as(Role.ORGANIZER)
    make_delegate()
    page = _page(client.post("/seating/plan", follow_redirects=True))
    assert "«Hội nghị toàn thể»: đã xếp 1 chỗ." in page
