"""Whatever people type or paste into the registration form, the server answers with a page."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.integration.registration.conftest import category

ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=400)
FIELDS = (
    "honorific",
    "full_name",
    "position",
    "organization",
    "category",
    "email",
    "phone",
    "notes",
    "invitation_code",
)


@settings(
    max_examples=120, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip
@given(
    values=st.fixed_dictionaries({}, optional={name: ANY_TEXT for name in FIELDS}),
    consent=st.booleans(),
)
def test_registration_form_never_fails_with_a_server_error(client, event, values, consent):
    data = dict(values)
    if consent:
        data["consent"] = "y"
    response = client.post("/register", data=data)
    assert response.status_code in (200, 302), response.status_code


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(full_name=ANY_TEXT, organization=ANY_TEXT, notes=ANY_TEXT)
def test_registration_with_valid_email_and_any_text_never_fails(
    client, event, full_name, organization, notes
):
    data = {
        "honorific": "ong", "full_name": full_name, "organization": organization, "notes": notes,
        "category": category(event, "nha_khoa_hoc").id, "email": "fuzz@vnu.edu.vn", "consent": "y",
    }  # fmt: skip
    assert client.post("/register", data=data).status_code in (200, 302)
