"""Invitations: by hand, from a spreadsheet (all or nothing), resent, answered."""

import io
import re

from openpyxl import Workbook
from sqlalchemy import select

from conference.auth.models import Role
from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.registration.models import Delegate, DelegateStatus, Invitation

HEADER = ["Họ và tên", "Chức vụ", "Đơn vị", "Thành phần", "Email"]


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in [HEADER, *rows]:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _upload(client, content: bytes, name="khach-moi.xlsx"):
    return client.post(
        "/invitations/import",
        data={"file": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def test_import_invites_everyone_and_mails_link_and_code(client, event, login_as):
    login_as(Role.ORGANIZER)
    response = _upload(client, _xlsx([
        ["Đặng Quốc Việt", "Phó Cục trưởng", "Cục Sở hữu trí tuệ", "Đại biểu Trung ương", "viet@ipvietnam.gov.vn"],
        ["Vũ Thị Hoa", "Phó Chủ tịch UBND Thành phố", "UBND thành phố Hà Nội", "lanh_dao_tp", "hoa@hanoi.gov.vn"],
    ]))  # fmt: skip
    assert response.location == "/invitations/"
    invitations = db.session.scalars(select(Invitation).order_by(Invitation.id)).all()
    assert [(i.full_name, i.category.code) for i in invitations] == [
        ("Đặng Quốc Việt", "trung_uong"),
        ("Vũ Thị Hoa", "lanh_dao_tp"),
    ]
    mail = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipient == "viet@ipvietnam.gov.vn")
    ).one()
    assert invitations[0].code in mail.body
    assert f"/register?code={invitations[0].code}" in mail.body


def test_import_with_bad_rows_invites_no_one_and_lists_each_problem(client, event, login_as):
    login_as(Role.ORGANIZER)
    page = _upload(client, _xlsx([
        ["Đặng Quốc Việt", "", "", "Đại biểu Trung ương", "viet@ipvietnam.gov.vn"],
        ["Vũ Thị Hoa", "", "", "Thành phần lạ", "hoa@hanoi.gov.vn"],
        ["", "", "", "Nhà khoa học", "x@vnu.edu.vn"],
    ])).get_data(as_text=True)  # fmt: skip
    assert "Chưa mời ai: tệp có 2 lỗi." in page
    assert "Dòng 3: thành phần «Thành phần lạ» không có trong danh mục" in page
    assert "Dòng 4: thiếu Họ và tên" in page
    assert db.session.scalars(select(Invitation)).all() == []
    assert db.session.scalars(select(OutboxMessage)).all() == []


def test_import_refuses_people_already_invited_or_registered(
    client, event, login_as, make_delegate
):
    login_as(Role.ORGANIZER)
    make_delegate(email="dadangky@hanoi.gov.vn")
    _upload(client, _xlsx([["Lê Văn A", "", "", "Nhà khoa học", "a@vnu.edu.vn"]]))
    page = _upload(client, _xlsx([
        ["Lê Văn A", "", "", "Nhà khoa học", "a@vnu.edu.vn"],
        ["Lê Văn B", "", "", "Nhà khoa học", "dadangky@hanoi.gov.vn"],
    ])).get_data(as_text=True)  # fmt: skip
    assert "Dòng 2: «a@vnu.edu.vn» đã được mời trước đó" in page
    assert "Dòng 3: «dadangky@hanoi.gov.vn» đã đăng ký tham dự" in page


def test_import_of_unreadable_file_says_what_to_do(client, event, login_as):
    login_as(Role.ORGANIZER)
    page = _upload(client, b"\xff\xfe\x00garbage", name="ds.csv").get_data(as_text=True)
    assert "CSV UTF-8" in page


def test_invitation_link_fills_the_form_and_confirms(client, event, login_as):
    login_as(Role.ORGANIZER)
    client.post("/invitations/new", data={
        "honorific": "ong", "full_name": "Đặng Quốc Việt", "position": "Phó Cục trưởng",
        "organization": "Cục Sở hữu trí tuệ", "category": "trung_uong", "email": "viet@ipvietnam.gov.vn",
    })  # fmt: skip
    client.post("/logout")
    body = db.session.scalars(select(OutboxMessage)).one().body
    link = re.search(r"http://localhost(/register\?code=\S+)", body).group(1)
    page = client.get(link).get_data(as_text=True)
    assert 'value="Đặng Quốc Việt"' in page
    assert "Đại biểu Trung ương" in page
    assert "(theo thư mời)" in page

    invitation = db.session.scalars(select(Invitation)).one()
    response = client.post("/register", data={
        "honorific": "ong", "full_name": "Đặng Quốc Việt", "position": "Phó Cục trưởng",
        "organization": "Cục Sở hữu trí tuệ", "email": "viet@ipvietnam.gov.vn",
        "category": invitation.category_id, "invitation_code": invitation.code, "consent": "y",
    })  # fmt: skip
    assert response.status_code == 302
    delegate = db.session.scalars(select(Delegate)).one()
    assert (delegate.status, delegate.invitation) == (DelegateStatus.CONFIRMED, invitation)

    again = client.get(link).get_data(as_text=True)
    assert "Mã mời này đã được dùng để đăng ký." in again


def test_invitations_page_shows_who_has_not_answered_and_resends(client, event, login_as):
    login_as(Role.ORGANIZER)
    for email in ("mot@hanoi.gov.vn", "hai@hanoi.gov.vn"):
        client.post("/invitations/new", data={
            "honorific": "", "full_name": f"Khách {email[:3]}", "position": "", "organization": "",
            "category": "lanh_dao_tp", "email": email,
        })  # fmt: skip
    page = client.get("/invitations/?unanswered=1").get_data(as_text=True)
    assert "mot@hanoi.gov.vn" in page and "hai@hanoi.gov.vn" in page
    invitation = db.session.scalars(
        select(Invitation).where(Invitation.email == "mot@hanoi.gov.vn")
    ).one()
    client.post(f"/invitations/{invitation.id}/resend")
    db.session.refresh(invitation)
    assert invitation.times_sent == 2
    assert (
        len(
            db.session.scalars(
                select(OutboxMessage).where(OutboxMessage.recipient == "mot@hanoi.gov.vn")
            ).all()
        )
        == 2
    )


def test_expired_invitation_code_is_refused(client, event, login_as):
    from datetime import timedelta

    from conference.timeutil import utcnow

    login_as(Role.ORGANIZER)
    client.post("/invitations/new", data={
        "honorific": "", "full_name": "Khách Hết Hạn", "position": "", "organization": "",
        "category": "trung_uong", "email": "het@most.gov.vn",
    })  # fmt: skip
    invitation = db.session.scalars(select(Invitation)).one()
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    page = client.get(f"/register?code={invitation.code}").get_data(as_text=True)
    assert "Mã mời đã hết hạn." in page


def test_cli_import_invitees_reports_bad_rows_and_invites_nobody(runner, event, tmp_path):
    bad = tmp_path / "ds.xlsx"
    bad.write_bytes(_xlsx([["A", "", "", "Không có", "a@b.vn"]]))
    result = runner.invoke(args=["import-invitees", str(bad)])
    assert result.exit_code != 0
    assert "line 2: category: unknown_category" in result.output
    good = tmp_path / "ok.xlsx"
    good.write_bytes(
        _xlsx([["Đặng Quốc Việt", "", "", "Đại biểu Trung ương", "viet@ipvietnam.gov.vn"]])
    )
    result = runner.invoke(args=["import-invitees", str(good)])
    assert result.exit_code == 0, result.output
    mail = db.session.scalars(select(OutboxMessage)).one()
    assert "http://hoinghi.test/register?code=" in mail.body


def test_withdrawing_an_unanswered_invitation(client, event, login_as):
    login_as(Role.ORGANIZER)
    client.post("/invitations/new", data={
        "honorific": "", "full_name": "Khách Thu Hồi", "position": "", "organization": "",
        "category": "trung_uong", "email": "thuhoi@most.gov.vn",
    })  # fmt: skip
    invitation = db.session.scalars(select(Invitation)).one()
    response = client.post(f"/invitations/{invitation.id}/withdraw", follow_redirects=True)
    assert "Đã thu hồi thư mời của Khách Thu Hồi" in response.get_data(as_text=True)
    assert db.session.scalars(select(Invitation)).all() == []


def test_inviting_into_a_full_hall_warns_that_late_answers_will_wait(client, event, login_as):
    event.capacity = 1
    db.session.commit()
    login_as(Role.ORGANIZER)
    _upload(client, _xlsx([
        ["Đặng Quốc Việt", "Phó Cục trưởng", "Cục Sở hữu trí tuệ", "trung_uong", "viet@ipvietnam.gov.vn"],
    ]))  # fmt: skip
    assert "không đủ chỗ" not in client.get("/invitations/").get_data(as_text=True)

    _upload(client, _xlsx([
        ["Vũ Thị Hoa", "Phó Chủ tịch UBND Thành phố", "UBND thành phố Hà Nội", "lanh_dao_tp", "hoa@hanoi.gov.vn"],
    ]))  # fmt: skip
    page = client.get("/invitations/").get_data(as_text=True)

    assert "Hội trường không đủ chỗ cho mọi khách mời chưa trả lời: thiếu 1 chỗ." in page
