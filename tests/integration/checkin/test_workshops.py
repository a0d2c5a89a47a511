"""Check-in at the workshops' doors, seats and workshops in every answer, attendance per workshop."""

import io

from openpyxl import load_workbook
from sqlalchemy import func, select

from conference.audit.services import Actor
from conference.auth.models import Role
from conference.checkin import services
from conference.checkin.models import PLENARY, CheckIn
from conference.extensions import db
from conference.registration import services as registration
from conference.seating import services as seating
from conference.timeutil import utcnow
from conference.workshops import services as workshops
from tests.integration.workshops.conftest import TEST_ACTOR

DESK = Actor.system("bàn đón tiếp")


def _place(workshop, *delegates) -> None:
    for delegate in delegates:
        workshops.pin(workshop, delegate, TEST_ACTOR, utcnow())


def _scan(event, code: str, point: str) -> services.ScanResult:
    return services.scan(event, code, point, "Cửa phòng", DESK, utcnow())


def _check_ins() -> int:
    return db.session.scalar(select(func.count()).select_from(CheckIn))


def test_each_workshop_is_a_check_in_point_named_with_its_room(event, make_workshop):
    first, second = make_workshop("Thương mại hóa sáng chế"), make_workshop("Nhãn hiệu tập thể")
    assert [(point.code, point.label) for point in services.points(event)] == [
        (PLENARY, "Hội trường (phiên toàn thể)"),
        (
            f"workshop-{first.id}",
            "Hội thảo: Thương mại hóa sáng chế — Phòng Thương mại hóa sáng chế",
        ),
        (f"workshop-{second.id}", "Hội thảo: Nhãn hiệu tập thể — Phòng Nhãn hiệu tập thể"),
    ]
    assert services.point_for(event, f"workshop-{second.id}").workshop_id == second.id
    for unknown in (
        "workshop-999",
        "workshop-",
        "workshop-x1",
        "workshop-²",
        "workshop-99999999999",
        "kitchen",
    ):
        try:
            services.point_for(event, unknown)
        except services.CheckInError as error:
            assert error.reason == "unknown_point"
        else:
            raise AssertionError(f"{unknown} must be refused")


def test_placed_delegate_is_checked_in_at_their_workshop_with_its_room_and_seat(
    event, hall, make_delegate, make_workshop, badge_code
):
    workshop = make_workshop("Thương mại hóa sáng chế")
    delegate = make_delegate(name="Phạm Thị Thu Hà")
    _place(workshop, delegate)
    seating.plan_seating(event, TEST_ACTOR, utcnow())
    plenary_seat = seating.plenary_seats(event)[delegate.id]
    workshop_seat = seating.seat_of(delegate, workshop.id)
    assert plenary_seat and workshop_seat

    at_door = _scan(event, badge_code(delegate), f"workshop-{workshop.id}")
    assert (at_door.ok, at_door.seat) == (True, workshop_seat)
    assert at_door.workshop == "Thương mại hóa sáng chế — Phòng Thương mại hóa sáng chế"

    in_hall = _scan(event, badge_code(delegate), PLENARY)
    assert (in_hall.ok, in_hall.seat, in_hall.workshop) == (True, plenary_seat, at_door.workshop)
    assert _check_ins() == 2


def test_delegate_of_another_workshop_is_refused_and_told_where_to_go(
    client, event, login_as, make_delegate, make_workshop, badge_code
):
    here, there = make_workshop("Thương mại hóa sáng chế"), make_workshop("Nhãn hiệu tập thể")
    delegate = make_delegate(name="Vũ Minh Đức")
    _place(there, delegate)
    result = _scan(event, badge_code(delegate), f"workshop-{here.id}")
    assert (result.ok, result.reason) == (False, "wrong_workshop")
    assert result.workshop == "Nhãn hiệu tập thể — Phòng Nhãn hiệu tập thể"
    assert _check_ins() == 0

    login_as(Role.CHECKIN)
    html = client.post(
        "/checkin/desk",
        data={"code": badge_code(delegate), "point": f"workshop-{here.id}", "desk": "Cửa A"},
    ).get_data(as_text=True)
    assert "KHÔNG ĐÓN TIẾP" in html and "Vũ Minh Đức" in html
    assert (
        "Đại biểu không có chỗ ở hội thảo này. Hội thảo của đại biểu: "
        "Nhãn hiệu tập thể — Phòng Nhãn hiệu tập thể."
    ) in html


def test_delegate_without_a_workshop_is_refused_at_a_workshop_door(
    client, event, login_as, make_delegate, make_workshop
):
    workshop = make_workshop("Thương mại hóa sáng chế")
    delegate = make_delegate(name="Hoàng Văn Nam")
    login_as(Role.CHECKIN)
    body = client.post(
        "/checkin/desk",
        data={"delegate_id": delegate.id, "point": f"workshop-{workshop.id}", "desk": "Cửa A"},
    ).get_data(as_text=True)
    assert "chưa được xếp vào hội thảo nào" in body
    assert _check_ins() == 0


def test_desk_script_and_device_answers_carry_seat_and_workshop(
    client, event, hall, login_as, make_delegate, make_workshop, badge_code
):
    workshop = make_workshop("Thương mại hóa sáng chế")
    placed, elsewhere = make_delegate(name="Trịnh Thu Trang"), make_delegate(name="Lý Văn Hùng")
    _place(workshop, placed)
    seating.plan_seating(event, TEST_ACTOR, utcnow())
    point = f"workshop-{workshop.id}"
    login_as(Role.CHECKIN)

    body = client.post(
        "/checkin/scan", json={"code": badge_code(placed), "point": point, "desk": "Cửa A"}
    ).json
    assert body["ok"] is True
    assert body["delegate"]["seat"] == seating.seat_of(placed, workshop.id)
    assert body["delegate"]["workshop"] == "Thương mại hóa sáng chế — Phòng Thương mại hóa sáng chế"

    refused = client.post(
        "/checkin/scan", json={"code": badge_code(elsewhere), "point": point, "desk": "Cửa A"}
    ).json
    assert (refused["ok"], refused["reason"]) == (False, "wrong_workshop")
    assert refused["delegate"]["workshop"] is None
    assert "chưa được xếp vào hội thảo nào" in refused["message"]

    hall_body = client.post(
        "/checkin/scan", json={"code": badge_code(placed), "point": PLENARY, "desk": "Cổng"}
    ).json
    assert hall_body["delegate"]["seat"] == seating.plenary_seats(event)[placed.id]


def test_workshop_attendance_counts_placed_and_arrived(
    client, event, login_as, make_delegate, make_workshop, badge_code
):
    first, second = make_workshop("Thương mại hóa sáng chế"), make_workshop("Nhãn hiệu tập thể")
    people = [make_delegate() for _ in range(3)]
    _place(first, *people[:2])
    _place(second, people[2])
    _scan(event, badge_code(people[0]), f"workshop-{first.id}")
    _scan(event, badge_code(people[2]), f"workshop-{first.id}")  # refused: wrong workshop
    undone = _scan(event, badge_code(people[2]), f"workshop-{second.id}")
    services.undo(event, undone.check_in_id, DESK, utcnow())

    assert {
        row.label: (row.arrived, row.expected) for row in services.workshop_attendance(event)
    } == {
        "Thương mại hóa sáng chế — Phòng Thương mại hóa sáng chế": (1, 2),
        "Nhãn hiệu tập thể — Phòng Nhãn hiệu tập thể": (0, 1),
    }
    login_as(Role.ORGANIZER)
    board = client.get("/checkin/attendance?format=json").json
    assert [(row["key"], row["arrived"], row["expected"]) for row in board["workshops"]] == [
        (f"workshop-{first.id}", 1, 2),
        (f"workshop-{second.id}", 0, 1),
    ]
    html = client.get("/checkin/attendance").get_data(as_text=True)
    assert 'data-testid="workshop-table"' in html and "Nhãn hiệu tập thể — Phòng" in html


def test_plenary_attendance_leaves_out_booth_staff(event, make_delegate, booth_staff, badge_code):
    official = make_delegate("so_nganh")
    staff = booth_staff("Nguyễn Thị Gốm")
    assert staff.status == "confirmed"
    for delegate in (official, staff):
        assert _scan(event, badge_code(delegate), PLENARY).ok
    total, rows = services.attendance(event)
    assert (total.arrived, total.expected) == (1, 1)
    assert [row.key for row in rows] == ["so_nganh"]


def test_attendance_workbook_has_a_column_per_workshop(
    client, event, login_as, make_delegate, make_workshop, badge_code
):
    workshop = make_workshop("Thương mại hóa sáng chế")
    came, awaited = make_delegate(name="Đinh Văn Tới"), make_delegate(name="Mai Thị Chờ")
    outside = make_delegate(name="Tạ Văn Ngoài")
    _place(workshop, came, awaited)
    _scan(event, badge_code(came), f"workshop-{workshop.id}")
    login_as(Role.ORGANIZER)
    sheet = load_workbook(io.BytesIO(client.get("/checkin/attendance.xlsx").data)).active
    header, *lines = sheet.iter_rows(values_only=True)
    assert header[-1] == "Hội thảo: Thương mại hóa sáng chế"
    column = {line[1]: line[-1] for line in lines}
    assert column[awaited.full_name] == "Chưa đến"
    assert column[outside.full_name] is None
    assert len(column[came.full_name]) == 5 and column[came.full_name][2] == ":"


def test_desk_search_shows_the_real_status_of_who_cannot_come_in(
    client, event, login_as, make_delegate
):
    cancelled = make_delegate(name="Lương Thị Hủy")
    registration.cancel(cancelled, DESK, utcnow())
    pending = make_delegate("nha_khoa_hoc", name="Lương Văn Chờ")
    login_as(Role.CHECKIN)
    html = client.get("/checkin/desk?point=plenary&desk=Bàn 1&q=luong").get_data(as_text=True)
    statuses = [part.split("<")[0] for part in html.split('data-testid="found-status">')[1:]]
    assert sorted(statuses) == ["Chờ duyệt", "Đã hủy"]
    assert "Chưa được xác nhận" not in html
    assert pending.status == "pending"


def test_desk_search_at_a_workshop_door_lists_its_delegates_first_and_marks_the_others(
    client, event, login_as, make_delegate, make_workshop
):
    workshop = make_workshop("Thương mại hóa sáng chế")
    make_delegate(name="Phan Thị An")
    placed = make_delegate(name="Phan Văn Bình")
    _place(workshop, placed)
    login_as(Role.CHECKIN)

    html = client.get(f"/checkin/desk?point=workshop-{workshop.id}&desk=Cửa A&q=phan").get_data(
        as_text=True
    )

    assert html.index("Phan Văn Bình") < html.index("Phan Thị An")
    statuses = [part.split("<")[0] for part in html.split('data-testid="found-status">')[1:]]
    assert statuses == ["Không có chỗ ở hội thảo này"]
    assert html.count("Xác nhận vào") == 1
