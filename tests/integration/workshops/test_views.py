"""Workshop pages: organizers' CRUD and allocation, delegates' ranking, the registration form."""

import re
from datetime import timedelta

from sqlalchemy import select

from conference.auth.models import Role
from conference.extensions import db
from conference.registration import services as registration
from conference.registration.models import Delegate
from conference.timeutil import utcnow
from conference.workshops import services
from conference.workshops.models import Workshop
from tests.integration.workshops.conftest import TEST_ACTOR, add_room, category


def _page(response) -> str:
    return response.get_data(as_text=True)


def _me(delegate, path: str = "") -> str:
    return f"/me/{registration.personal_token(delegate)}{path}"


def test_organizer_adds_a_workshop_shown_in_its_time_slot(client, event, login_as):
    login_as(Role.ORGANIZER)
    room = add_room(event, "Phòng hội thảo 201")
    day = event.starts_at.astimezone(event.zone).strftime("%Y-%m-%d")
    response = client.post(
        "/workshops/new",
        data={
            "title": "Thực thi quyền sở hữu trí tuệ trong môi trường số",
            "description": "Chủ trì: Cục Quản lý thị trường",
            "room_id": room.id, "starts_at": f"{day}T13:30", "ends_at": f"{day}T14:55",
            "capacity": "50", "category_ids": [category(event, "so_nganh").id],
        },
    )  # fmt: skip
    workshop = db.session.scalars(select(Workshop)).one()
    assert response.location == f"/workshops/{workshop.id}"
    assert [c.code for c in workshop.categories] == ["so_nganh"]
    page = _page(client.get("/workshops/"))
    assert "Khung giờ 13:30 – 14:55" in page
    assert "Thực thi quyền sở hữu trí tuệ trong môi trường số" in page
    assert "Dành cho: Đại biểu các sở, ban, ngành, đoàn thể" in page


def test_workshop_form_explains_a_room_too_small(client, event, login_as, make_workshop):
    login_as(Role.ORGANIZER)
    workshop = make_workshop("A")
    day = event.starts_at.astimezone(event.zone).strftime("%Y-%m-%d")
    page = _page(
        client.post(
            f"/workshops/{workshop.id}/edit",
            data={"title": "A", "room_id": workshop.room_id, "starts_at": f"{day}T13:30",
                  "ends_at": f"{day}T14:55", "capacity": "80"},
        )
    )  # fmt: skip
    assert "Phòng «Phòng A» chỉ có 50 ghế" in page
    assert 'value="80"' in page  # what was typed stays


def test_deleting_a_workshop_asks_first_and_refuses_while_seats_are_given(
    client, event, login_as, make_workshop, make_delegate, choose
):
    login_as(Role.ORGANIZER)
    workshop = make_workshop("A")
    choose(make_delegate(), workshop)
    services.allocate(event, TEST_ACTOR, utcnow())
    detail = _page(client.get(f"/workshops/{workshop.id}"))
    assert 'data-confirm="Xóa hội thảo «A»?' in detail

    page = _page(client.post(f"/workshops/{workshop.id}/delete", follow_redirects=True))

    assert "Không thể xóa: 1 đại biểu đã được xếp vào hội thảo này." in page
    assert db.session.get(Workshop, workshop.id) is not None


def test_allocate_button_leads_to_the_result_with_counts_and_who_got_none(
    client, event, login_as, make_workshop, make_delegate, choose
):
    login_as(Role.ORGANIZER)
    workshop = make_workshop("A", capacity=1)
    lucky, unlucky = make_delegate(name="Ngô Thị Ánh"), make_delegate(name="Lê Văn Đức")
    choose(lucky, workshop)
    choose(unlucky, workshop)
    services.pin(workshop, lucky, TEST_ACTOR, utcnow())

    response = client.post("/workshops/allocate", follow_redirects=True)

    page = _page(response)
    assert "Đã phân bổ 1 chỗ cho 2 đại biểu đã chọn hội thảo." in page
    assert "Chưa có chỗ nào (1)" in page
    assert "Lê Văn Đức" in page.split("Chưa có chỗ nào (1)")[1]


def test_delegate_ranks_workshops_by_slot_and_sees_them_on_their_page(
    client, event, make_workshop, make_delegate
):
    early, late = make_workshop("Sáng chế đại học"), make_workshop("Môi trường số", slot="late")
    delegate = make_delegate()
    form = _page(client.get(_me(delegate, "/workshops")))
    assert "Khung giờ 13:30 – 14:55" in form and "Khung giờ 15:05 – 16:30" in form

    response = client.post(
        _me(delegate, "/workshops"), data={f"rank_{late.id}": "1", f"rank_{early.id}": "2"}
    )

    assert response.location == _me(delegate)
    assert [w.title for w in services.choices_of(delegate)] == ["Môi trường số", "Sáng chế đại học"]
    page = _page(client.get(_me(delegate)))
    panel = page.split('data-testid="workshops-panel"')[1]
    assert panel.index("Môi trường số") < panel.index("Sáng chế đại học")
    assert "Ban tổ chức sẽ xếp chỗ sau hạn chọn" in panel


def test_delegate_giving_two_workshops_one_rank_is_told(
    client, event, make_workshop, make_delegate
):
    a, b = make_workshop("A"), make_workshop("B")
    delegate = make_delegate()
    page = _page(
        client.post(_me(delegate, "/workshops"), data={f"rank_{a.id}": "1", f"rank_{b.id}": "1"})
    )
    assert "Mỗi thứ tự chỉ chọn cho một hội thảo." in page
    assert services.choices_of(delegate) == []


def test_choosing_after_the_deadline_is_closed(client, event, make_workshop, make_delegate):
    a = make_workshop("A")
    delegate = make_delegate()
    services.set_deadline(event, utcnow() - timedelta(hours=1), TEST_ACTOR)

    page = _page(client.get(_me(delegate, "/workshops")))
    client.post(_me(delegate, "/workshops"), data={f"rank_{a.id}": "1"})

    assert "Đã hết hạn chọn hội thảo" in page
    assert services.choices_of(delegate) == []


def test_personal_page_shows_the_seat_given_and_the_place_in_line(
    client, event, make_workshop, make_delegate, choose
):
    a, b = make_workshop("Hội thảo A", capacity=1), make_workshop("Hội thảo B", capacity=1)
    holder, waiting = make_delegate(), make_delegate()
    choose(holder, a)
    choose(waiting, a, b)
    services.pin(a, holder, TEST_ACTOR, utcnow())
    services.allocate(event, TEST_ACTOR, utcnow())

    holder_panel = _page(client.get(_me(holder))).split('data-testid="workshops-panel"')[1]
    waiting_panel = _page(client.get(_me(waiting))).split('data-testid="workshops-panel"')[1]

    assert "Quý vị được xếp vào:" in holder_panel and "Hội thảo A" in holder_panel
    assert "Hội thảo B" in waiting_panel.split("Quý vị được xếp vào:")[1].split("</ul>")[0]
    assert "chờ chỗ: thứ 1" in waiting_panel


def test_delegate_leaves_a_workshop_from_their_page(
    client, event, make_workshop, make_delegate, choose
):
    a = make_workshop("A", capacity=1)
    leaving, next_in_line = make_delegate(), make_delegate()
    choose(leaving, a)
    choose(next_in_line, a)
    services.pin(a, leaving, TEST_ACTOR, utcnow())
    services.allocate(event, TEST_ACTOR, utcnow())

    page = _page(client.post(_me(leaving, f"/workshops/{a.id}/leave"), follow_redirects=True))

    assert "Quý vị đã rời hội thảo «A»." in page
    assert [p.delegate for p in services.placed_in(a)] == [next_in_line]


def test_registration_form_takes_a_ranking(client, event, form_data, make_workshop):
    a, b = make_workshop("A"), make_workshop("B", slot="late")
    assert 'data-testid="registration-workshops"' in _page(client.get("/register"))

    data = form_data(
        email="chon@hanoi.gov.vn", **{f"workshops-rank_{b.id}": "1", f"workshops-rank_{a.id}": "2"}
    )
    response = client.post("/register", data=data)

    assert response.status_code == 302
    delegate = db.session.scalars(
        select(Delegate).where(Delegate.email == "chon@hanoi.gov.vn")
    ).one()
    assert [w.title for w in services.choices_of(delegate)] == ["B", "A"]


def test_registration_form_refuses_a_workshop_not_for_the_category_and_keeps_input(
    client, event, form_data, make_workshop
):
    guests_only = make_workshop("Luật Thủ đô", categories=("trung_uong",))
    data = form_data(
        full_name="Hà Thị Ngọc", email="ngoc@hanoi.gov.vn",
        **{f"workshops-rank_{guests_only.id}": "1"},
    )  # fmt: skip

    page = _page(client.post("/register", data=data))

    assert "Hội thảo này dành cho: Đại biểu Trung ương." in page
    assert 'value="Hà Thị Ngọc"' in page
    assert db.session.scalars(select(Delegate)).first() is None


def test_registration_form_shown_again_keeps_the_ranking(client, event, form_data, make_workshop):
    a, b = make_workshop("A"), make_workshop("B", slot="late")
    data = form_data(consent="", **{f"workshops-rank_{b.id}": "1"})

    page = _page(client.post("/register", data=data))

    chosen = re.search(rf'<select[^>]*name="workshops-rank_{b.id}".*?</select>', page, re.S)
    assert re.search(r'<option selected value="1">', chosen.group(0))
    assert f'name="workshops-rank_{a.id}"' in page
    assert db.session.scalars(select(Delegate)).first() is None


def test_registration_form_shown_again_offers_the_ranking_left_blank(
    client, event, form_data, make_workshop
):
    make_workshop("A")

    page = _page(client.post("/register", data=form_data(consent="")))

    assert 'data-testid="registration-workshops"' in page


def test_registration_form_without_workshops_has_no_ranking(client, event):
    assert "registration-workshops" not in _page(client.get("/register"))


def test_workshop_pages_send_the_same_number_of_queries_for_more_delegates(
    client, event, login_as, make_workshop, make_delegate, choose, count_queries
):
    login_as(Role.ORGANIZER)
    a, b = make_workshop("A", capacity=3), make_workshop("B", capacity=3)
    c = make_workshop("C", slot="late", capacity=3)
    pages = ["/workshops/", f"/workshops/{a.id}", "/workshops/result", "/dashboard"]

    def measure() -> list[int]:
        for _ in range(4):
            choose(make_delegate(), a, b, c)
        services.allocate(event, TEST_ACTOR, utcnow())
        counts = []
        for path in pages:
            with count_queries() as statements:
                assert client.get(path).status_code == 200
            counts.append(len(statements))
        return counts

    assert measure() == measure()  # 4 delegates, then 8: same queries per page


def test_cli_allocates_and_prints_the_outcome(runner, event, make_workshop, make_delegate, choose):
    a = make_workshop("Chỉ dẫn địa lý", capacity=1)
    choose(make_delegate(), a)
    choose(make_delegate(), a)

    result = runner.invoke(args=["allocate-workshops"])

    assert result.exit_code == 0, result.output
    assert "Allocated 1 seats to 2 delegates who chose workshops." in result.output
    assert "choice 1: 1" in result.output
    assert "no seat at all: 1" in result.output
    assert "Chỉ dẫn địa lý: 1/1, 1 waiting" in result.output


def test_personal_page_has_no_workshop_section_while_there_are_no_workshops(
    client, event, make_delegate
):
    page = _page(client.get(_me(make_delegate())))
    assert 'data-testid="workshops-panel"' not in page
