"""Registering through the public form: states, messages, and what is stored."""

import re
import unicodedata
from datetime import timedelta

from sqlalchemy import select

from conference.audit.models import AuditEvent
from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.registration import services
from conference.registration.models import Delegate, DelegateStatus
from tests.integration.registration.conftest import category


def _delegate(email: str) -> Delegate:
    return db.session.scalars(select(Delegate).where(Delegate.email == email)).one()


def test_register_in_open_category_is_confirmed_and_mailed(client, event, form_data):
    data = form_data(category=category(event, "so_nganh").id, email="Vinh.LQ@Hanoi.gov.vn")
    response = client.post("/register", data=data)
    delegate = _delegate("vinh.lq@hanoi.gov.vn")
    assert delegate.status == DelegateStatus.CONFIRMED
    assert response.location.startswith("/me/")
    page = client.get(response.location).get_data(as_text=True)
    assert "Đã xác nhận" in page
    message = db.session.scalars(select(OutboxMessage)).one()
    assert message.subject == "Xác nhận tham dự Hội nghị"
    assert f"/me/{services.personal_token(delegate)}" in message.body


def test_register_in_category_needing_approval_is_pending(client, event, form_data):
    client.post("/register", data=form_data(email="khoahoc@vnu.edu.vn"))
    delegate = _delegate("khoahoc@vnu.edu.vn")
    assert delegate.status == DelegateStatus.PENDING
    message = db.session.scalars(select(OutboxMessage)).one()
    assert "chờ duyệt" in message.body


def test_register_stores_names_nfc_and_trimmed(client, event, form_data):
    decomposed = unicodedata.normalize("NFD", "  Đặng   Quốc Việt ")
    organization = unicodedata.normalize("NFD", "Trường Đại học Bách khoa Hà Nội")
    client.post(
        "/register",
        data=form_data(full_name=decomposed, organization=organization, email="viet@hust.edu.vn"),
    )
    delegate = _delegate("viet@hust.edu.vn")
    assert delegate.full_name == "Đặng Quốc Việt"
    assert delegate.organization == "Trường Đại học Bách khoa Hà Nội"
    assert unicodedata.is_normalized("NFC", delegate.full_name)


def test_register_without_consent_is_refused_and_keeps_input(client, event, form_data):
    data = form_data(full_name="Ngô Thị Ngọc Ánh", email="anh@hanoi.gov.vn")
    del data["consent"]
    page = client.post("/register", data=data).get_data(as_text=True)
    assert "Cần có sự đồng ý của Quý vị để đăng ký tham dự." in page
    assert 'value="Ngô Thị Ngọc Ánh"' in page
    assert db.session.scalars(select(Delegate)).first() is None


def test_register_with_duplicate_email_is_refused_next_to_email(client, event, form_data):
    client.post("/register", data=form_data(email="trung@hanoi.gov.vn"))
    page = client.post("/register", data=form_data(email="TRUNG@hanoi.gov.vn ")).get_data(
        as_text=True
    )
    assert "Email này đã được dùng để đăng ký." in page
    assert len(db.session.scalars(select(Delegate)).all()) == 1


def test_register_in_invitation_only_category_without_code_is_refused(client, event, form_data):
    data = form_data(category=category(event, "trung_uong").id, email="a@most.gov.vn")
    page = client.post("/register", data=data).get_data(as_text=True)
    assert "Thành phần «Đại biểu Trung ương» chỉ dành cho khách mời" in page
    assert db.session.scalars(select(Delegate)).first() is None


def test_register_with_unknown_code_is_refused_next_to_code(client, event, form_data):
    page = client.post("/register", data=form_data(invitation_code="ZZZZ-ZZZZ")).get_data(
        as_text=True
    )
    assert "Mã mời không đúng." in page


def test_register_with_absurd_lengths_and_control_characters_says_which_field(
    client, event, form_data
):
    data = form_data(full_name="A" * 500, organization="Sở\u0000KH", position="Trưởng\u202ephòng")
    page = client.post("/register", data=data).get_data(as_text=True)
    assert "Tối đa 120 ký tự." in page
    assert page.count("ký tự điều khiển hoặc ký tự ẩn") == 2
    assert db.session.scalars(select(Delegate)).first() is None


def test_register_with_bad_phone_explains_format(client, event, form_data):
    page = client.post("/register", data=form_data(phone="gọi tôi")).get_data(as_text=True)
    assert "Số điện thoại gồm 8–15 chữ số" in page


def test_register_before_opening_says_when_it_opens(client, event, form_data):
    event.registration_opens_at = event.registration_closes_at - timedelta(days=1)
    db.session.commit()
    page = client.get("/register").get_data(as_text=True)
    assert "Đăng ký sẽ mở lúc" in page
    client.post("/register", data=form_data(email="som@hanoi.gov.vn"))
    assert db.session.scalars(select(Delegate)).first() is None


def test_register_after_closing_says_it_has_closed(client, event, form_data):
    event.registration_closes_at = event.registration_opens_at + timedelta(hours=1)
    db.session.commit()
    assert "Đã hết hạn đăng ký" in client.get("/register").get_data(as_text=True)


def test_register_is_audited_without_personal_details(client, event, form_data):
    client.post("/register", data=form_data(email="log@hanoi.gov.vn"))
    entry = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "delegate.register")
    ).one()
    assert entry.after == {"status": "pending", "category": "nha_khoa_hoc", "invited": False}


def test_register_in_english_mails_in_english(client, event, form_data):
    client.get("/lang/en")
    client.post(
        "/register",
        data=form_data(category=category(event, "so_nganh").id, email="en@hanoi.gov.vn"),
    )
    message = db.session.scalars(select(OutboxMessage)).one()
    assert message.subject == "Your attendance is confirmed"
    assert _delegate("en@hanoi.gov.vn").language == "en"


def test_resend_link_mails_link_only_to_registered_email(client, event, make_delegate):
    delegate = make_delegate(email="lan@hanoi.gov.vn")
    client.post("/register/link", data={"email": "lan@hanoi.gov.vn"})
    client.post("/register/link", data={"email": "khongco@hanoi.gov.vn"})
    messages = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "registration.link")
    ).all()
    assert [m.recipient for m in messages] == ["lan@hanoi.gov.vn"]
    assert f"/me/{services.personal_token(delegate)}" in messages[0].body


def test_personal_page_with_forged_token_is_not_found(client, event, make_delegate):
    delegate = make_delegate()
    token = services.personal_token(delegate)
    assert client.get(f"/me/{token}").status_code == 200
    assert client.get(f"/me/{token[:-2]}xx").status_code == 404
    assert client.get(f"/me/{delegate.access_key}").status_code == 404


def test_delegate_edits_details_and_change_is_audited(client, event, make_delegate):
    delegate = make_delegate(name="Lê Văn Lợi")
    token = services.personal_token(delegate)
    response = client.post(
        f"/me/{token}/edit",
        data={"honorific": "ong", "full_name": "Lê Văn Lợi", "position": "Phó Giám đốc",
              "organization": "Sở Công Thương Hà Nội", "email": delegate.email, "phone": "", "notes": "Ăn chay"},
    )  # fmt: skip
    assert response.location == f"/me/{token}"
    db.session.refresh(delegate)
    assert (delegate.position, delegate.notes) == ("Phó Giám đốc", "Ăn chay")
    entry = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "delegate.edit")).one()
    assert entry.after == {"position": "Phó Giám đốc", "notes": "Ăn chay"}


def test_delegate_cancels_by_personal_link(client, event, make_delegate):
    delegate = make_delegate()
    token = services.personal_token(delegate)
    client.post(f"/me/{token}/cancel")
    db.session.refresh(delegate)
    assert delegate.status == DelegateStatus.CANCELLED
    assert "Đăng ký đã được hủy." in client.get(f"/me/{token}").get_data(as_text=True)


def test_delegate_downloads_own_data(client, event, make_delegate):
    delegate = make_delegate(name="Phạm Thu Trang")
    response = client.get(f"/me/{services.personal_token(delegate)}/data.json")
    assert response.json["full_name"] == "Phạm Thu Trang"
    assert response.json["consent_at"]


def test_delegate_erases_own_data_everywhere(client, event, make_delegate):
    delegate = make_delegate(name="Hoàng Minh Châu", email="chau@hanoi.gov.vn")
    token, delegate_id = services.personal_token(delegate), delegate.id
    client.post(f"/me/{token}/erase")
    assert db.session.get(Delegate, delegate_id) is None
    assert (
        db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.recipient == "chau@hanoi.gov.vn")
        ).all()
        == []
    )
    summaries = db.session.scalars(
        select(AuditEvent.summary).where(AuditEvent.object_id == str(delegate_id))
    ).all()
    assert all("Châu" not in summary for summary in summaries)
    assert client.get(f"/me/{token}").status_code == 404


def test_personal_link_in_mail_opens_personal_page(client, event, form_data):
    client.post("/register", data=form_data(email="mail@hanoi.gov.vn"))
    body = db.session.scalars(select(OutboxMessage)).one().body
    path = re.search(r"http://localhost(/me/\S+)", body).group(1)
    assert "Chờ duyệt" in client.get(path).get_data(as_text=True)


def test_registering_again_after_cancelling_points_to_the_personal_link(client, event, form_data):
    client.post("/register", data=form_data(email="lai@hanoi.gov.vn"))
    delegate = _delegate("lai@hanoi.gov.vn")
    token = services.personal_token(delegate)
    client.post(f"/me/{token}/cancel")
    page = client.post("/register", data=form_data(email="lai@hanoi.gov.vn")).get_data(as_text=True)
    assert "Email này thuộc một đăng ký đã hủy." in page
    assert "Đăng ký lại" in client.get(f"/me/{token}").get_data(as_text=True)
    client.post(f"/me/{token}/rejoin")
    db.session.refresh(delegate)
    assert delegate.status == DelegateStatus.PENDING


def test_personal_data_download_includes_what_other_features_keep(client, event, make_delegate):
    delegate = make_delegate()
    data = client.get(f"/me/{services.personal_token(delegate)}/data.json").json
    assert data["workshop_choices"] == [] and data["workshops"] == [] and data["seats"] == []
