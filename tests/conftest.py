"""Fixtures for every test that needs the app.

The database is created the way production creates it, with ``flask db upgrade``, once per
backend and session; each test then starts from that empty, migrated schema. The suite runs
on SQLite and, when TEST_DATABASE_URL is set, once more on PostgreSQL.
"""

import contextvars
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import flask_migrate
import pytest
from flask import Flask, has_app_context
from flask.testing import FlaskClient
from sqlalchemy import create_engine, select, text

from conference import create_app
from conference.auth.models import Role, User
from conference.demo import DEMO_PASSWORD, DemoAccount, add_accounts
from conference.events import demo as events_demo
from conference.events.models import Event, Unit
from conference.extensions import db
from conference.registration import services as registration
from conference.timeutil import utcnow

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]


def base_config(database_url: str, tmp_path: Path) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-for-production-checks",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "MAIL_SERVER": "",
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "PUBLIC_URL": "http://hoinghi.test",
    }


def _upgrade(database_url: str, tmp_path: Path) -> None:
    app = create_app(base_config(database_url, tmp_path))
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()


def _reset_postgres_schema(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """An empty SQLite database migrated with `flask db upgrade`, copied by each test."""
    workdir = tmp_path_factory.mktemp("sqlite")
    template = workdir / "template.sqlite"
    _upgrade(f"sqlite:///{template}", workdir)
    return template


@pytest.fixture(scope="session", params=BACKENDS)
def database_backend(request, tmp_path_factory) -> dict:
    """Migrate an empty database once per backend; tests copy or truncate it."""
    if request.param == "sqlite":
        return {"backend": "sqlite", "template": request.getfixturevalue("sqlite_template")}
    _reset_postgres_schema(POSTGRES_URL)
    _upgrade(POSTGRES_URL, tmp_path_factory.mktemp("postgresql"))
    return {"backend": "postgresql", "url": POSTGRES_URL}


def _truncate_all(app: Flask) -> None:
    tables = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
    with db.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture
def database_url(database_backend, tmp_path) -> str:
    if database_backend["backend"] == "sqlite":
        path = tmp_path / "test.sqlite"
        shutil.copyfile(database_backend["template"], path)
        return f"sqlite:///{path}"
    return database_backend["url"]


@pytest.fixture
def app_config(request, database_url, tmp_path) -> dict:
    """Settings for the app under test; a test module may override this fixture."""
    config = base_config(database_url, tmp_path)
    if request.node.get_closest_marker("postgres_only"):
        # Enough connections that requests really overlap; PostgreSQL allows 100 by default.
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_size": 30, "max_overflow": 30}
    return config


@pytest.fixture(autouse=True)
def _skip_postgres_only_on_sqlite(request):
    if request.node.get_closest_marker("postgres_only") and not request.getfixturevalue(
        "is_postgres"
    ):
        pytest.skip("row locks and concurrent transactions are tested on PostgreSQL")


class RequestIsolatingClient(FlaskClient):
    """Serve each request in its own app context, as production does.

    Tests hold an app context so that they can use the database freely; without this, requests
    would share that context and its ``g`` (the chosen language, queued mail) with each other.
    """

    def open(self, *args, **kwargs):
        if not has_app_context():  # a redirect followed inside an isolated request
            return super().open(*args, **kwargs)
        response = contextvars.Context().run(super().open, *args, **kwargs)
        db.session.expire_all()  # the test sees what the request committed
        return response


@pytest.fixture
def app(app_config, database_backend) -> Iterator[Flask]:
    app = create_app(app_config)
    app.test_client_class = RequestIsolatingClient
    # A request context, not only an app context: services build links for the mail they send.
    with app.test_request_context(base_url=app.config["PUBLIC_URL"]):
        if database_backend["backend"] == "postgresql":
            _truncate_all(app)
        yield app
        db.session.remove()
        check_places_kept()
        db.engine.dispose()


def check_places_kept() -> None:
    """Fail a test that leaves an event keeping other numbers of places taken and of delegates
    waiting than it has.

    The event row keeps both so that deciding on a place is cheap; the fixtures call this when
    a test ends, so that every test that changes a registration checks that its path keeps them
    true.
    """
    for event in db.session.scalars(select(Event)):
        kept = (event.places_taken, event.queue_length)
        assert kept == registration.count_places(event), f"event {event.id} keeps {kept}"
    db.session.remove()


@pytest.fixture
def is_postgres(database_backend) -> bool:
    return database_backend["backend"] == "postgresql"


@pytest.fixture
def client(app) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def units(app) -> dict[str, Unit]:
    """Hanoi's departments and districts, as the demo has them."""
    units = events_demo.seed_units()
    db.session.commit()
    return units


@pytest.fixture
def event(app, units) -> Event:
    """The seed conference, about four weeks ahead, with registration open."""
    event = events_demo.seed_event(utcnow())
    db.session.commit()
    return event


@pytest.fixture
def make_user(app, units) -> Callable[..., User]:
    """Create an account with the demo password: make_user(Role.UNIT, unit="UBND huyện Gia Lâm")."""
    counter = iter(range(1, 10_000))

    def make(role: Role, unit: str | None = None, email: str | None = None, name: str = "") -> User:
        if role == Role.UNIT and unit is None:
            unit = "UBND huyện Gia Lâm"
        number = next(counter)
        account = DemoAccount(
            email or f"{role.value}{number}@test.hoinghi-shtt.vn",
            role,
            name or f"Nguyễn Văn Thử {number}",
            unit,
        )
        (user,) = add_accounts([account], units)
        db.session.commit()
        return user

    return make


@pytest.fixture
def login(client) -> Callable[[User], None]:
    def log_in(user: User) -> None:
        response = client.post("/login", data={"email": user.email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)

    return log_in


@pytest.fixture
def login_as(make_user, login) -> Callable[..., User]:
    """Create an account with the given role, sign the test client in, return the account."""

    def log_in_as(role: Role, unit: str | None = None) -> User:
        user = make_user(role, unit=unit)
        login(user)
        return user

    return log_in_as
