"""Organizers review applications; the applicant is told each time; approved staff get badges."""

from sqlalchemy import select

from conference.audit.models import AuditEvent
from conference.auth.models import Role
from conference.exhibition import services
from conference.exhibition.models import ExhibitorStatus
from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.registration import services as registration
from conference.registration.models import Delegate, DelegateStatus
from conference.seating import services as seating
from conference.seating.models import SeatAssignment
from conference.timeutil import utcnow
from tests.integration.conftest import category
from tests.integration.exhibition.conftest import ORGANIZER
from tests.integration.workshops.conftest import add_room


def mail_to(email: str) -> list[OutboxMessage]:
    return list(
        db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.recipient == email).order_by(OutboxMessage.id)
        )
    )


def actions(exhibitor) -> list[str]:
    return list(
        db.session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.object_type == "exhibitor", AuditEvent.object_id == str(exhibitor.id))
            .order_by(AuditEvent.id)
        )
    )


def test_approval_mails_the_applicant_and_makes_the_staff_delegates(
    client, login_as, make_exhibitor, event
):
    exhibitor = make_exhibitor(status="submitted")
    free_before = registration.free_places(event)
    login_as(Role.ORGANIZER)

    response = client.post(
        f"/exhibition/exhibitors/{exhibitor.id}/review", data={"action": "approve"},
        follow_redirects=True,
    )  # fmt: skip

    assert "Đơn vị đã được gửi email thông báo" in response.get_data(as_text=True)
    db.session.refresh(exhibitor)
    assert exhibitor.status == ExhibitorStatus.APPROVED
    assert mail_to(exhibitor.email)[-1].subject == "Hồ sơ tham gia Triển lãm đã được duyệt"
    assert actions(exhibitor) == ["exhibitor.submit", "exhibitor.approve"]
    (person,) = exhibitor.staff
    delegate = person.delegate
    assert delegate.category.code == "trien_lam"
    assert delegate.status == DelegateStatus.CONFIRMED
    assert delegate.organization == exhibitor.organization
    assert mail_to(delegate.email)[-1].subject == "Xác nhận cán bộ trực gian hàng triển lãm"
    # Booth staff take none of the plenary's places.
    assert registration.free_places(event) == free_before


def test_staff_are_confirmed_even_when_the_plenary_is_full(make_exhibitor, event):
    event.capacity = 0
    db.session.commit()

    exhibitor = make_exhibitor()

    assert exhibitor.staff[0].delegate.status == DelegateStatus.CONFIRMED


def test_a_staff_member_already_registered_keeps_their_registration(make_exhibitor, event):
    data = registration.RegistrationData(
        honorific="ba", full_name="Phạm Thị Trực", position="Giám đốc",
        organization="Hợp tác xã Thử nghiệm", category_id=category(event, "chu_van_bang").id,
        email="truc@htx.vn",
    )  # fmt: skip
    registered = registration.register(event, data, utcnow()).delegate

    exhibitor = make_exhibitor(staff_email="truc@htx.vn")

    assert exhibitor.staff[0].delegate_id == registered.id
    assert len(db.session.scalars(select(Delegate)).all()) == 1
    assert db.session.get(Delegate, registered.id).category.code == "chu_van_bang"


def test_rejection_needs_a_reason_which_the_applicant_receives(client, login_as, make_exhibitor):
    exhibitor = make_exhibitor(status="submitted")
    login_as(Role.ORGANIZER)

    refused = client.post(
        f"/exhibition/exhibitors/{exhibitor.id}/review", data={"action": "reject"},
        follow_redirects=True,
    )  # fmt: skip
    assert "Hãy ghi lý do hoặc nội dung cần bổ sung" in refused.get_data(as_text=True)
    db.session.refresh(exhibitor)
    assert exhibitor.status == ExhibitorStatus.SUBMITTED

    client.post(
        f"/exhibition/exhibitors/{exhibitor.id}/review",
        data={"action": "reject", "note": "Sản phẩm chưa được cấp văn bằng bảo hộ."},
    )

    db.session.refresh(exhibitor)
    assert exhibitor.status == ExhibitorStatus.REJECTED
    message = mail_to(exhibitor.email)[-1]
    assert message.subject == "Thông báo về hồ sơ tham gia Triển lãm"
    assert "Lý do: Sản phẩm chưa được cấp văn bằng bảo hộ." in message.body
    entry = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "exhibitor.reject")
    ).one()
    assert entry.before == {"status": "submitted"}
    assert entry.after == {"status": "rejected", "note": "Sản phẩm chưa được cấp văn bằng bảo hộ."}


def test_a_request_for_changes_sends_the_note_and_the_link(client, login_as, make_exhibitor):
    exhibitor = make_exhibitor(status="submitted")
    login_as(Role.ORGANIZER)

    client.post(
        f"/exhibition/exhibitors/{exhibitor.id}/review",
        data={"action": "request_changes", "note": "Xin gửi kèm ảnh sản phẩm."},
    )

    db.session.refresh(exhibitor)
    assert exhibitor.status == ExhibitorStatus.CHANGES_REQUESTED
    message = mail_to(exhibitor.email)[-1]
    assert message.subject == "Đề nghị bổ sung hồ sơ tham gia Triển lãm"
    assert "Xin gửi kèm ảnh sản phẩm." in message.body
    assert services.application_token(exhibitor) in message.body


def test_withdrawing_an_approved_exhibitor_frees_its_booth_and_cancels_its_staff(
    make_exhibitor, hall, event
):
    exhibitor = make_exhibitor()
    services.assign_booth(event, exhibitor.id, "A01", ORGANIZER, utcnow())
    delegate = exhibitor.staff[0].delegate

    services.review(exhibitor, "reject", ORGANIZER, utcnow(), "Đơn vị xin rút.")

    db.session.expire_all()
    assert exhibitor.booth is None
    assert services.holders(event) == {}
    assert delegate.status == DelegateStatus.CANCELLED
    assert mail_to(delegate.email)[-1].subject == "Hủy đăng ký cán bộ trực gian hàng triển lãm"
    assert "booth.unassign" in actions(exhibitor)


def test_a_decision_already_taken_is_not_taken_twice(client, login_as, make_exhibitor):
    exhibitor = make_exhibitor()
    login_as(Role.ORGANIZER)

    response = client.post(
        f"/exhibition/exhibitors/{exhibitor.id}/review", data={"action": "approve"},
        follow_redirects=True,
    )  # fmt: skip

    assert "Hồ sơ đang ở trạng thái «Đã duyệt»" in response.get_data(as_text=True)
    assert actions(exhibitor).count("exhibitor.approve") == 1
    assert len(db.session.scalars(select(Delegate)).all()) == 1


def test_the_review_page_shows_products_staff_and_history(client, login_as, make_exhibitor):
    exhibitor = make_exhibitor(status="changes_requested")
    login_as(Role.ORGANIZER)

    page = client.get(f"/exhibition/exhibitors/{exhibitor.id}").get_data(as_text=True)

    assert exhibitor.titles[0].product_name in page
    assert "Nhãn hiệu" in page and "4-0123456" in page
    assert exhibitor.staff[0].full_name in page
    assert "Đề nghị bổ sung hồ sơ triển lãm" in page
    assert "Thiếu văn bằng." in page


def test_booth_staff_are_not_seated_in_the_plenary(make_exhibitor, make_delegate, event):
    room = add_room(event, "Hội trường", rows=2, seats=4, aisles=(2,))
    seating.set_plenary_room(event, room, ORGANIZER)
    official = make_delegate("so_nganh")
    exhibitor = make_exhibitor()

    seating.plan_seating(event, ORGANIZER, utcnow())

    seated = set(
        db.session.scalars(
            select(SeatAssignment.delegate_id).where(
                SeatAssignment.plan_id == seating.plenary_plan(event).id
            )
        )
    )
    assert seated == {official.id}
    assert exhibitor.staff[0].delegate_id not in seated
