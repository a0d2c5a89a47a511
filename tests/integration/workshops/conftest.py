"""Fixtures for workshops and seating: rooms, workshops in two time slots, choices."""

from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime, time
from itertools import count

import pytest
from sqlalchemy import event as sqlalchemy_event

from conference.audit.services import Actor
from conference.events.models import Event
from conference.extensions import db
from conference.registration import services as registration
from conference.registration.invitees import InviteeRow
from conference.registration.models import Delegate, Honorific
from conference.seating.planner import layout_to_dict, rectangular_layout
from conference.timeutil import HANOI, local_to_utc, utcnow
from conference.workshops import services
from conference.workshops.models import Room, Workshop
from tests.integration.conftest import category

__all__ = ["category"]

TEST_ACTOR = Actor(label="kiểm thử")


def at(event: Event, clock: str) -> datetime:
    """The conference day at a Hanoi wall-clock time."""
    hours, minutes = map(int, clock.split(":"))
    day = event.starts_at.astimezone(HANOI).date()
    return local_to_utc(datetime.combine(day, time(hours, minutes)), HANOI)


def add_room(event: Event, name: str, rows: int = 5, seats: int = 10, aisles=(5,)) -> Room:
    layout = rectangular_layout(rows, seats, aisles_after=aisles)
    room = Room(event=event, name=name, layout=layout_to_dict(layout), capacity=layout.capacity)
    db.session.add(room)
    db.session.commit()
    return room


SLOTS = {"early": ("13:30", "14:55"), "late": ("15:05", "16:30")}


@pytest.fixture
def make_workshop(event) -> Callable[..., Workshop]:
    """Add a workshop in its own room: make_workshop("A", slot="early", capacity=2)."""

    def make(title: str, slot: str = "early", capacity: int = 2, categories=()) -> Workshop:
        room = add_room(event, f"Phòng {title}")
        start, end = SLOTS[slot]
        data = services.WorkshopData(
            title=title, description="", room_id=room.id, starts_at=at(event, start),
            ends_at=at(event, end), capacity=capacity,
            category_ids=[category(event, code).id for code in categories],
        )  # fmt: skip
        return services.save_workshop(event, data, TEST_ACTOR, utcnow())

    return make


@pytest.fixture
def choose() -> Callable[..., None]:
    """Rank workshops for a delegate, best first, as they would on their personal page."""

    def rank(delegate: Delegate, *workshops: Workshop) -> None:
        services.set_choices(delegate, [w.id for w in workshops], TEST_ACTOR, utcnow())

    return rank


@pytest.fixture
def count_queries(app):
    """`with count_queries() as statements:` collects the SQL the block sends."""

    @contextmanager
    def counting():
        statements: list[str] = []

        def note(conn, cursor, statement, *args):
            statements.append(statement)

        sqlalchemy_event.listen(db.engine, "before_cursor_execute", note)
        try:
            yield statements
        finally:
            sqlalchemy_event.remove(db.engine, "before_cursor_execute", note)

    return counting


@pytest.fixture
def make_guest(event) -> Callable[..., Delegate]:
    """Invite a guest of an invitation-only category and register them with their code."""
    numbers = count(1)

    def make(code: str, name: str | None = None, position: str = "Cục trưởng") -> Delegate:
        number = next(numbers)
        row = InviteeRow(
            line=0, full_name=name or f"Nguyễn Văn Khách {number}", position=position,
            organization="Bộ Khoa học và Công nghệ", category=code,
            email=f"khach{number}@most.gov.vn", honorific="ong",
        )  # fmt: skip
        invitation = registration.invite(event, row, TEST_ACTOR, utcnow())
        data = registration.RegistrationData(
            honorific=Honorific.MR, full_name=row.full_name, position=row.position,
            organization=row.organization, category_id=None, email=row.email,
            invitation_code=invitation.code,
        )  # fmt: skip
        return registration.register(event, data, utcnow()).delegate

    return make
