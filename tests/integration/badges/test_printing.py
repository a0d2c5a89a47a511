"""Organizers print badges: all, a category or a selection, read back from the PDF."""

from sqlalchemy import select

from conference.audit.models import AuditEvent
from conference.auth.models import Role
from conference.badges import services
from conference.badges.models import Badge
from conference.badges.pdf import AWARD_TEXT
from conference.extensions import db
from conference.registration import services as registration
from conference.registration.models import DelegateStatus
from conference.seating import services as seating
from conference.timeutil import utcnow
from tests.integration.badges.conftest import page_texts, scanned_codes
from tests.integration.conftest import category
from tests.integration.workshops.conftest import TEST_ACTOR


def _print(client, **fields):
    data = {"category": "0", "size": "a6", "sheet": "one", **fields}
    return client.post("/badges/print", data=data)


def _pdf_texts(response) -> list[str]:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "application/pdf"
    return page_texts(response.data)


def test_print_badges_shows_name_seat_workshop_room_and_award(client, login_as, hang, viet):
    login_as(Role.ORGANIZER)
    seat = seating.plenary_seats(hang.event)[hang.id]

    texts = _pdf_texts(_print(client))

    hang_page = next(text for text in texts if "Nguyễn Thị Hằng" in text)
    row, number = seat[0], seat[1:]
    assert f"Hàng {row} · Ghế {number}" in hang_page
    assert "Thương mại hóa sáng chế" in hang_page
    assert "13:30 · Phòng Thương mại hóa sáng chế" in hang_page
    assert AWARD_TEXT in hang_page
    assert "Sở Công Thương Hà Nội" in hang_page and "ĐẠI BIỂU" in hang_page
    assert "Sơ kết 5 năm Chương trình" in hang_page
    viet_page = next(text for text in texts if "Đặng Quốc Việt" in text)
    assert AWARD_TEXT not in viet_page
    assert "HỘI THẢO" not in viet_page


def test_print_badges_leaves_out_delegates_not_confirmed(
    client, login_as, event, make_delegate, viet
):
    login_as(Role.ORGANIZER)
    pending = make_delegate("nha_khoa_hoc", name="Lê Văn Chờ")
    cancelled = make_delegate("so_nganh", name="Phạm Thị Hủy")
    registration.cancel(cancelled, TEST_ACTOR, utcnow())
    assert pending.status == DelegateStatus.PENDING

    texts = _pdf_texts(_print(client))

    assert len(texts) == 1
    assert "Đặng Quốc Việt" in texts[0]


def test_print_badges_of_one_category(client, login_as, event, hang, viet):
    login_as(Role.ORGANIZER)

    texts = _pdf_texts(_print(client, category=str(category(event, "quan_huyen").id)))

    assert len(texts) == 1
    assert "Đặng Quốc Việt" in texts[0] and "Nguyễn Thị Hằng" not in texts[0]


def test_print_badges_of_a_selection_prints_only_the_ticked_confirmed(
    client, login_as, event, make_delegate, hang, viet
):
    login_as(Role.ORGANIZER)
    make_delegate("so_nganh", name="Vũ Minh Khôi")
    pending = make_delegate("nha_khoa_hoc", name="Lê Văn Chờ")

    texts = _pdf_texts(_print(client, delegate_ids=[str(hang.id), str(pending.id)]))

    assert len(texts) == 1
    assert "Nguyễn Thị Hằng" in texts[0]


def test_badges_page_from_the_delegate_list_says_how_many_of_the_ticked_get_a_badge(
    client, login_as, make_delegate, viet
):
    login_as(Role.ORGANIZER)
    pending = make_delegate("nha_khoa_hoc", name="Lê Văn Chờ")

    response = client.post("/badges/", data={"delegate_ids": [viet.id, pending.id]})

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Đã chọn 2 đại biểu trong danh sách; 1 người đã được xác nhận" in page
    assert f'name="delegate_ids" value="{viet.id}"' in page


def test_delegate_list_offers_to_print_the_ticked_delegates_badges(client, login_as, viet):
    login_as(Role.ORGANIZER)

    page = client.get("/delegates/").get_data(as_text=True)

    assert 'formaction="/badges/"' in page and "In thẻ người đã chọn" in page


def test_print_badges_a6_four_up_on_a4(client, login_as, hang, viet):
    login_as(Role.ORGANIZER)

    texts = _pdf_texts(_print(client, sheet="a4-4up"))

    assert len(texts) == 1
    assert "Nguyễn Thị Hằng" in texts[0] and "Đặng Quốc Việt" in texts[0]


def test_print_badges_refuses_id1_cards_four_up_next_to_the_field(client, login_as, viet):
    login_as(Role.ORGANIZER)

    response = _print(client, size="id1", sheet="a4-4up")

    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "Chỉ thẻ khổ A6 mới in được 4 thẻ trên một tờ A4." in response.get_data(as_text=True)


def test_print_badges_says_when_nobody_is_confirmed(client, login_as, event, make_delegate):
    login_as(Role.ORGANIZER)
    make_delegate("nha_khoa_hoc")

    response = _print(client)

    assert response.mimetype == "text/html"
    assert "Không có đại biểu đã xác nhận nào để in thẻ." in response.get_data(as_text=True)


def _badge(delegate) -> Badge:
    db.session.expire_all()
    return db.session.get(Badge, delegate.id)


def test_reprint_after_a_change_is_a_new_version_and_the_old_code_still_resolves(
    client, login_as, event, hang
):
    login_as(Role.ORGANIZER)
    first = _print(client).data
    (old_code,) = scanned_codes(first)
    assert _badge(hang).version == 1
    assert "Bản in lần" not in page_texts(first)[0]
    registration.update_details(hang, TEST_ACTOR, position="Giám đốc")

    second = _print(client).data

    assert "Giám đốc" in page_texts(second)[0] and "Bản in lần 2" in page_texts(second)[0]
    assert _badge(hang).version == 2
    assert scanned_codes(second) == {old_code}
    assert services.badge_for_scan(old_code).delegate_id == hang.id
    entry = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "badge.reprint")).one()
    assert entry.object_id == str(hang.id) and entry.after == {"version": 2}


def test_reprint_after_a_seat_change_is_a_new_version(client, login_as, event, hang):
    login_as(Role.ORGANIZER)
    _print(client)
    plan = seating.plenary_plan(event)
    seating.exchange(plan, seating.plenary_seats(event)[hang.id], "D8", TEST_ACTOR)
    db.session.commit()

    texts = _pdf_texts(_print(client))

    assert _badge(hang).version == 2
    assert "Hàng D · Ghế 8" in texts[0] and "Bản in lần 2" in texts[0]


def test_reprint_without_a_change_keeps_the_version(client, login_as, hang, viet):
    login_as(Role.ORGANIZER)
    _print(client)

    texts = _pdf_texts(_print(client, size="id1"))

    assert (_badge(hang).version, _badge(viet).version) == (1, 1)
    assert not any("Bản in lần" in text for text in texts)
    assert (
        db.session.scalars(select(AuditEvent).where(AuditEvent.action == "badge.reprint")).all()
        == []
    )


def test_print_badges_queries_do_not_grow_with_the_delegates(
    event, make_delegate, hang, count_queries
):
    def queries_for_printing() -> int:
        delegates = services.confirmed_delegates(event)
        with count_queries() as statements:
            services.print_badges(event, delegates, TEST_ACTOR, utcnow())
        return len(statements)

    few = queries_for_printing()
    for _ in range(6):
        make_delegate("so_nganh")
    registration_changed = queries_for_printing()

    assert registration_changed == few
