"""docs/openapi.json is a valid OpenAPI document and describes what the API really answers."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from conference.auth.models import Role

SPEC = json.loads((Path(__file__).resolve().parents[3] / "docs" / "openapi.json").read_text())


def _conforms(instance, schema_name: str) -> None:
    # OpenAPI 3.1 schemas are JSON Schema 2020-12; the document itself declares no $schema.
    registry = Registry().with_resource(
        "urn:spec", Resource.from_contents(SPEC, default_specification=DRAFT202012)
    )
    schema = {"$ref": f"urn:spec#/components/schemas/{schema_name}"}
    Draft202012Validator(schema, registry=registry).validate(instance)


@pytest.fixture
def token(client, login_as) -> str:
    login_as(Role.ORGANIZER)
    html = client.post("/checkin/devices", data={"name": "Máy quét"}).get_data(as_text=True)
    client.post("/logout")
    return html.split('data-testid="device-token">')[1].split("<")[0]


def test_spec_is_valid_openapi():
    validate(SPEC)


def test_documented_paths_are_served(app):
    served = {rule.rule for rule in app.url_map.iter_rules()}
    assert {"/api/v1" + path for path in SPEC["paths"]} <= served


def test_scan_answers_match_the_schema(client, event, make_delegate, badge_code, token):
    headers = {"Authorization": f"Bearer {token}"}
    code = badge_code(make_delegate())
    for body in ({"code": code, "point": "plenary"}, {"code": code}, {"code": "HN1.NOPE.NOPE"}):
        answer = client.post("/api/v1/scans", json=body, headers=headers)
        assert answer.status_code == 200
        _conforms(answer.json, "ScanResult")
    _conforms(client.post("/api/v1/scans", json={}, headers=headers).json, "Error")
    _conforms(client.post("/api/v1/scans", json={"code": "x"}).json, "Error")
    for point in client.get("/api/v1/points", headers=headers).json:
        _conforms(point, "Point")


def test_workshop_scan_answers_match_the_schema(
    client, event, make_delegate, make_workshop, badge_code, token
):
    headers = {"Authorization": f"Bearer {token}"}
    workshop = make_workshop("Thương mại hóa sáng chế")
    points = client.get("/api/v1/points", headers=headers).json
    assert f"workshop-{workshop.id}" in [point["code"] for point in points]
    code = badge_code(make_delegate())
    answer = client.post(
        "/api/v1/scans", json={"code": code, "point": f"workshop-{workshop.id}"}, headers=headers
    ).json
    assert answer["reason"] == "wrong_workshop"
    _conforms(answer, "ScanResult")
    answer = client.post("/api/v1/scans", json={"code": code}, headers=headers).json
    assert answer["ok"] is True
    _conforms(answer, "ScanResult")
