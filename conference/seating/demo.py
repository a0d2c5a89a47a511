"""Demo seating: the 150-seat plenary hall, protocol order, seat plans.

The award recipients are those of the demo's approved commendation list (nominations/demo.py),
which runs first, so that they sit together by an aisle.
"""

from datetime import datetime

from sqlalchemy import select

from conference.audit.services import Actor
from conference.auth.models import User
from conference.events.models import Event
from conference.extensions import db
from conference.registration.demo import FRONT_ROW_GUESTS
from conference.registration.models import Delegate, DelegateStatus
from conference.seating import services
from conference.seating.planner import layout_to_dict, rectangular_layout
from conference.workshops.models import Room


def seed_seating(event: Event, organizer: User, now: datetime) -> None:
    """Add the plenary hall, set the protocol order, and seat everyone."""
    actor = Actor(user=organizer)
    layout = rectangular_layout(10, 15, aisles_after=(4, 11))
    hall = Room(
        event=event,
        name="Hội trường tầng 1",
        location="Tầng 1, Khu liên cơ Võ Chí Công",
        layout=layout_to_dict(layout),
        capacity=layout.capacity,
    )
    db.session.add(hall)
    db.session.commit()
    services.set_plenary_room(event, hall, actor)
    confirmed = db.session.scalars(
        select(Delegate)
        .where(Delegate.event_id == event.id, Delegate.status == DelegateStatus.CONFIRMED)
        .order_by(Delegate.id)
    ).all()
    services.set_protocol_order(event, _seniority(confirmed), actor)
    services.plan_seating(event, actor, now)


def _seniority(delegates: list[Delegate]) -> dict[int, int]:
    """Order the front rows' guests as the demo lists them, senior first, across categories."""
    ranks = {
        (code, position, unit): rank
        for rank, (code, position, unit, _domain) in enumerate(FRONT_ROW_GUESTS, start=1)
    }
    return {
        delegate.id: ranks[(delegate.category.code, delegate.position, delegate.organization)]
        for delegate in delegates
        if delegate.category.code in services.FRONT_ROW_CATEGORIES
    }
