"""CSRF protection stays on in production; here it is on, as it is there."""

import pytest

from conference.auth.models import Role


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True}


def test_form_post_without_token_is_refused(client, make_user):
    user = make_user(Role.ORGANIZER)
    response = client.post("/login", data={"email": user.email, "password": "hoinghi2026"})
    assert response.status_code == 400
    assert "Phiên làm việc đã hết hạn" in response.get_data(as_text=True)


def test_form_post_with_token_from_the_page_is_accepted(client, make_user):
    user = make_user(Role.ORGANIZER)
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post(
        "/login", data={"email": user.email, "password": "hoinghi2026", "csrf_token": token}
    )
    assert response.status_code == 302
