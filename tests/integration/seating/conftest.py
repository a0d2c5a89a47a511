"""Seating tests share the workshop fixtures, and add a plenary hall."""

import pytest

from conference.seating import services
from tests.integration.workshops.conftest import (
    TEST_ACTOR,
    add_room,
    choose,
    count_queries,
    make_guest,
    make_workshop,
)

__all__ = ["choose", "count_queries", "make_guest", "make_workshop"]


@pytest.fixture
def hall(event):
    """A plenary hall of 4 rows of 8 seats, an aisle after seat 4, holding the plenary."""
    room = add_room(event, "Hội trường", rows=4, seats=8, aisles=(4,))
    services.set_plenary_room(event, room, TEST_ACTOR)
    return room
