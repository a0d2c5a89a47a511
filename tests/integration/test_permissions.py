"""Every view that is not public refuses anonymous visitors and the roles it is not meant for.

A view without ``@public`` or ``@roles_required`` fails here, so a forgotten guard cannot ship.
"""

import pytest
from werkzeug.routing import Rule

from conference.auth.models import Role

# Static files are served by Flask and bootstrap-flask themselves.
STATIC_ENDPOINTS = {"static", "bootstrap.static"}
DUMMY_VALUES = {
    "IntegerConverter": 1,
    "UUIDConverter": "00000000-0000-0000-0000-000000000000",
    "PathConverter": "x/y",
}


def _url(rule: Rule) -> str:
    """Return a URL for the rule with placeholder values: guards answer before any lookup."""
    values = {
        name: DUMMY_VALUES.get(type(converter).__name__, "x")
        for name, converter in rule._converters.items()
    }
    _domain, path = rule.build(values)
    return path


def _guarded_rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in STATIC_ENDPOINTS:
            continue
        view = app.view_functions[rule.endpoint]
        if getattr(view, "is_public", False):
            continue
        yield rule, view


def _methods(rule: Rule):
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def test_every_view_declares_who_may_open_it(app):
    undeclared = [
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in STATIC_ENDPOINTS
        and not getattr(app.view_functions[rule.endpoint], "is_public", False)
        and not getattr(app.view_functions[rule.endpoint], "allowed_roles", None)
    ]
    assert undeclared == []


def test_guarded_views_send_anonymous_visitors_to_login(app, client):
    for rule, _view in _guarded_rules(app):
        for method in _methods(rule):
            response = client.open(_url(rule), method=method)
            assert response.status_code == 302, (rule.rule, method, response.status_code)
            assert response.location.startswith("/login"), (rule.rule, method)


@pytest.mark.parametrize("role", list(Role))
def test_guarded_views_refuse_roles_they_are_not_for(app, client, login_as, role):
    login_as(role)
    checked = 0
    for rule, view in _guarded_rules(app):
        if role in view.allowed_roles:
            continue
        for method in _methods(rule):
            response = client.open(_url(rule), method=method)
            assert response.status_code == 403, (role, rule.rule, method, response.status_code)
            checked += 1
    if role != Role.ADMIN:
        assert checked > 0, f"no view is closed to {role}: the matrix tests nothing"
