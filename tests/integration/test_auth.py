import re

import pytest
from sqlalchemy import select

from conference.audit.models import AuditEvent
from conference.auth import services
from conference.auth.models import Role, User
from conference.demo import DEMO_PASSWORD
from conference.extensions import db
from conference.mail.models import OutboxMessage


def test_login_with_right_password_opens_dashboard(client, make_user):
    user = make_user(Role.ORGANIZER, name="Nguyễn Thị Thu Hà")
    response = client.post("/login", data={"email": user.email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response.location == "/dashboard"
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Xin chào, Nguyễn Thị Thu Hà" in page


def test_login_ignores_email_case_and_spaces(client, make_user):
    user = make_user(Role.ORGANIZER)
    response = client.post(
        "/login", data={"email": f"  {user.email.upper()} ", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302


def test_login_with_wrong_password_says_so_and_keeps_email(client, make_user):
    user = make_user(Role.ORGANIZER)
    response = client.post("/login", data={"email": user.email, "password": "sai-mat-khau"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Email hoặc mật khẩu không đúng." in page
    assert f'value="{user.email}"' in page


def test_login_of_deactivated_account_is_refused(client, make_user):
    user = make_user(Role.ORGANIZER)
    user.active = False
    db.session.commit()
    response = client.post("/login", data={"email": user.email, "password": DEMO_PASSWORD})
    assert "Email hoặc mật khẩu không đúng." in response.get_data(as_text=True)


def test_login_follows_next_only_within_the_site(client, make_user):
    user = make_user(Role.ORGANIZER)
    data = {"email": user.email, "password": DEMO_PASSWORD}
    assert client.post("/login?next=/outbox/", data=data).location == "/outbox/"
    client.post("/logout")
    assert client.post("/login?next=https://evil.example/", data=data).location == "/dashboard"
    client.post("/logout")
    assert client.post("/login?next=//evil.example/", data=data).location == "/dashboard"


def test_logout_ends_the_session(client, login_as):
    login_as(Role.ORGANIZER)
    client.post("/logout")
    assert client.get("/dashboard").status_code == 302


def test_password_reset_link_arrives_in_outbox_and_sets_new_password(client, make_user):
    user = make_user(Role.REVIEWER)
    client.post("/password/forgot", data={"email": user.email})
    message = db.session.scalars(select(OutboxMessage)).one()
    assert message.recipient == user.email
    assert message.status == "stored"
    link = re.search(r"http://localhost(/password/reset/\S+)", message.body).group(1)

    response = client.post(
        link, data={"password": "mat-khau-moi-2026", "confirm": "mat-khau-moi-2026"}
    )
    assert response.location == "/login"
    assert services.authenticate(user.email, "mat-khau-moi-2026") == user
    assert services.authenticate(user.email, DEMO_PASSWORD) is None
    # The link worked once; it does not work again.
    again = client.get(link, follow_redirects=True).get_data(as_text=True)
    assert "Liên kết đặt lại mật khẩu không đúng hoặc đã được dùng." in again


def test_password_reset_for_unknown_email_reveals_nothing(client, app):
    response = client.post(
        "/password/forgot", data={"email": "khongco@hanoi.gov.vn"}, follow_redirects=True
    )
    assert "Nếu email này có tài khoản" in response.get_data(as_text=True)
    assert db.session.scalars(select(OutboxMessage)).all() == []


def test_password_reset_with_forged_token_is_refused(client, app):
    response = client.get("/password/reset/not-a-token", follow_redirects=True)
    assert "Liên kết đặt lại mật khẩu không đúng" in response.get_data(as_text=True)


def test_password_reset_token_expires(app, make_user):
    user = make_user(Role.ORGANIZER)
    token = services.password_reset_token(user)
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    with pytest.raises(services.AuthError) as refused:
        services.user_for_reset_token(token)
    assert refused.value.reason == "expired_token"


def test_admin_creates_unit_account_and_it_is_audited(client, login_as, units):
    admin = login_as(Role.ADMIN)
    unit = units["UBND huyện Gia Lâm"]
    response = client.post(
        "/admin/users/new",
        data={
            "email": "vanthu.gialam@hanoi.gov.vn",
            "full_name": "Lê  Thị   Mai Anh",
            "password": "mot-mat-khau-dai",
            "role": "unit",
            "unit": unit.id,
        },
    )
    assert response.location == "/admin/users"
    user = db.session.scalars(select(User).where(User.email == "vanthu.gialam@hanoi.gov.vn")).one()
    assert (user.role, user.unit, user.full_name) == (Role.UNIT, unit, "Lê Thị Mai Anh")
    entry = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "user.create")).one()
    assert entry.actor == admin
    assert entry.after["unit"] == "UBND huyện Gia Lâm"


def test_unit_account_without_unit_is_refused_next_to_the_field(client, login_as):
    login_as(Role.ADMIN)
    response = client.post(
        "/admin/users/new",
        data={
            "email": "a@hanoi.gov.vn",
            "full_name": "A",
            "password": "mot-mat-khau-dai",
            "role": "unit",
            "unit": 0,
        },
    )
    assert "Tài khoản vai trò «Đơn vị» phải thuộc một đơn vị." in response.get_data(as_text=True)
    assert db.session.scalars(select(User).where(User.email == "a@hanoi.gov.vn")).first() is None


def test_duplicate_email_is_refused(client, login_as, make_user):
    login_as(Role.ADMIN)
    existing = make_user(Role.CHECKIN)
    response = client.post(
        "/admin/users/new",
        data={
            "email": existing.email,
            "full_name": "B",
            "password": "mot-mat-khau-dai",
            "role": "checkin",
            "unit": 0,
        },
    )
    assert "Đã có tài khoản dùng email này." in response.get_data(as_text=True)


def test_admin_cannot_lock_themselves_out(client, login_as):
    admin = login_as(Role.ADMIN)
    response = client.post(
        f"/admin/users/{admin.id}", data={"role": "organizer", "unit": 0, "active": "y"}
    )
    assert "Bạn không thể tự đổi vai trò" in response.get_data(as_text=True)
    db.session.refresh(admin)
    assert admin.role == Role.ADMIN


def test_admin_deactivates_an_account(client, login_as, make_user):
    login_as(Role.ADMIN)
    other = make_user(Role.CHECKIN)
    client.post(f"/admin/users/{other.id}", data={"role": "checkin", "unit": 0})
    db.session.refresh(other)
    assert other.active is False


class TestLoginRateLimit:
    @pytest.fixture
    def app_config(self, app_config):
        return {**app_config, "RATELIMIT_ENABLED": True, "RATELIMIT_LOGIN": "3 per minute"}

    def test_too_many_attempts_on_one_account_are_refused(self, client, make_user):
        user = make_user(Role.ORGANIZER)
        for _attempt in range(3):
            client.post("/login", data={"email": user.email, "password": "sai"})
        response = client.post("/login", data={"email": user.email, "password": DEMO_PASSWORD})
        assert response.status_code == 429
        assert "Quá nhiều lần thử" in response.get_data(as_text=True)

    def test_attempts_from_other_addresses_on_one_account_are_refused(self, client, make_user):
        user = make_user(Role.ORGANIZER)
        for number in range(3):
            client.post(
                "/login",
                data={"email": user.email, "password": "sai"},
                environ_base={"REMOTE_ADDR": f"10.0.0.{number}"},
            )
        response = client.post(
            "/login",
            data={"email": user.email, "password": "sai"},
            environ_base={"REMOTE_ADDR": "10.0.0.99"},
        )
        assert response.status_code == 429

    def test_attempts_on_many_accounts_from_one_address_are_refused(self, client, make_user):
        for number in range(3):
            client.post("/login", data={"email": f"doan{number}@hanoi.gov.vn", "password": "sai"})
        response = client.post("/login", data={"email": "khac@hanoi.gov.vn", "password": "sai"})
        assert response.status_code == 429

    def test_viewing_the_login_page_is_not_limited(self, client):
        for _attempt in range(5):
            assert client.get("/login").status_code == 200
