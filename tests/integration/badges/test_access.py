"""Who gets which badge: organizers print, a delegate downloads only their own, the CLI writes."""

import pytest
from pypdf import PdfReader

from conference.auth.models import Role
from conference.registration import services as registration
from conference.timeutil import utcnow
from tests.integration.badges.conftest import page_texts
from tests.integration.workshops.conftest import TEST_ACTOR

PRINT_FORM = {"category": "0", "size": "a6", "sheet": "one"}


@pytest.mark.parametrize("role", [Role.UNIT, Role.REVIEWER, Role.CHECKIN])
def test_badge_printing_is_refused_to_other_roles(client, login_as, viet, role):
    login_as(role)

    assert client.get("/badges/").status_code == 403
    assert client.post("/badges/print", data=PRINT_FORM).status_code == 403


def test_badge_printing_sends_anonymous_visitors_to_log_in(client, viet):
    for response in (client.get("/badges/"), client.post("/badges/print", data=PRINT_FORM)):
        assert response.status_code == 302 and response.location.startswith("/login")


def test_badges_page_is_in_the_organizers_menu(client, login_as, viet):
    login_as(Role.ORGANIZER)

    page = client.get("/badges/").get_data(as_text=True)

    assert 'href="/badges/"' in page and "In thẻ đại biểu" in page
    assert "Đại biểu các quận, huyện, thị xã (1)" in page


def test_delegate_downloads_only_their_own_badge(client, hang, viet):
    token = registration.personal_token(viet)

    response = client.get(f"/badges/me/{token}.pdf")

    assert response.status_code == 200 and response.mimetype == "application/pdf"
    (text,) = page_texts(response.data)
    assert "Đặng Quốc Việt" in text and "Nguyễn Thị Hằng" not in text


def test_delegate_data_download_includes_the_badge_version(client, viet):
    token = registration.personal_token(viet)
    client.get(f"/badges/me/{token}.pdf")

    data = client.get(f"/me/{token}/data.json").get_json()

    assert data["badge"]["version"] == 1 and data["badge"]["printed_at"]


def test_delegate_badge_needs_a_genuine_token(client, viet):
    token = registration.personal_token(viet)

    assert client.get(f"/badges/me/{token[:-2]}xx.pdf").status_code == 404


def test_personal_page_offers_the_badge_once_confirmed(client, viet):
    token = registration.personal_token(viet)

    page = client.get(f"/me/{token}").get_data(as_text=True)

    assert "Thẻ đại biểu" in page and f"/badges/me/{token}.pdf" in page


def test_personal_page_says_why_there_is_no_badge_yet(client, make_delegate):
    pending = make_delegate("nha_khoa_hoc", name="Lê Văn Chờ")
    token = registration.personal_token(pending)

    page = client.get(f"/me/{token}").get_data(as_text=True)

    assert "Thẻ đại biểu sẽ có tại đây khi Ban tổ chức xác nhận đăng ký" in page
    assert "/badges/me/" not in page


def test_delegate_not_confirmed_gets_no_badge(client, make_delegate):
    delegate = make_delegate("so_nganh", name="Phạm Thị Hủy")
    registration.cancel(delegate, TEST_ACTOR, utcnow())
    token = registration.personal_token(delegate)

    response = client.get(f"/badges/me/{token}.pdf", follow_redirects=True)

    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "Chỉ in thẻ cho đại biểu đã được xác nhận." in page
    assert "Đăng ký này không còn hiệu lực nên không có thẻ đại biểu." in page


def test_badges_command_writes_the_badges_of_one_category(runner, tmp_path, event, hang, viet):
    out = tmp_path / "the.pdf"

    result = runner.invoke(args=["badges", "--out", str(out), "--category", "quan_huyen"])

    assert result.exit_code == 0, result.output
    assert f"1 badges written to {out}." in result.output
    (text,) = page_texts(out.read_bytes())
    assert "Đặng Quốc Việt" in text


def test_badges_command_writes_every_confirmed_delegate_four_up(runner, tmp_path, hang, viet):
    out = tmp_path / "the.pdf"

    result = runner.invoke(args=["badges", "--out", str(out), "--sheet", "a4"])

    assert result.exit_code == 0, result.output
    assert "2 badges written" in result.output
    assert len(PdfReader(out).pages) == 1


def test_badges_command_refuses_an_unknown_category(runner, tmp_path, viet):
    result = runner.invoke(args=["badges", "--out", str(tmp_path / "x.pdf"), "--category", "xx"])

    assert result.exit_code != 0
    assert "No category has the code 'xx'" in result.output
    assert not (tmp_path / "x.pdf").exists()
