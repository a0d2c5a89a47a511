"""The JSON API for scanning devices, with bearer tokens."""

from sqlalchemy import select

from conference.auth.models import Role
from conference.checkin.models import CheckIn, ScanDevice
from conference.extensions import db


def _token(client, login_as) -> str:
    login_as(Role.ORGANIZER)
    html = client.post("/checkin/devices", data={"name": "Máy quét cổng A"}).get_data(as_text=True)
    client.post("/logout")
    return html.split('data-testid="device-token">')[1].split("<")[0]


def test_device_scans_with_its_token(client, event, login_as, make_delegate, badge_code):
    delegate = make_delegate(name="Lê Văn Lợi")
    token = _token(client, login_as)
    response = client.post(
        "/api/v1/scans",
        json={"code": badge_code(delegate)},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200
    assert response.json["ok"] is True
    check_in = db.session.scalars(select(CheckIn)).one()
    assert check_in.desk == "Máy quét cổng A"
    assert check_in.device.name == "Máy quét cổng A"


def test_requests_without_a_valid_token_are_refused(client, event):
    assert client.post("/api/v1/scans", json={"code": "x"}).status_code == 401
    assert (
        client.post(
            "/api/v1/scans", json={"code": "x"}, headers={"Authorization": "Bearer nope"}
        ).status_code
        == 401
    )
    assert client.get("/api/v1/points").status_code == 401


def test_revoked_device_can_no_longer_scan(client, event, login_as, make_delegate, badge_code):
    token = _token(client, login_as)
    device = db.session.scalars(select(ScanDevice)).one()
    login_as(Role.ORGANIZER)
    client.post(f"/checkin/devices/{device.id}/revoke")
    response = client.post(
        "/api/v1/scans", json={"code": "x"}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 401


def test_malformed_body_gets_a_clear_error(client, event, login_as):
    token = _token(client, login_as)
    response = client.post(
        "/api/v1/scans", data="not json", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 400
    assert response.json["error"] == "bad_request"


def test_points_lists_the_plenary(client, event, login_as):
    token = _token(client, login_as)
    points = client.get("/api/v1/points", headers={"Authorization": f"Bearer {token}"}).json
    assert points[0]["code"] == "plenary"


def test_only_a_hash_of_the_token_is_stored(client, event, login_as):
    token = _token(client, login_as)
    device = db.session.scalars(select(ScanDevice)).one()
    assert token not in device.token_hash
    assert len(device.token_hash) == 64
