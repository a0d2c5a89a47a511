"""Calendar files: the whole event, and each delegate's own subscription."""

from flask import Blueprint, Response, abort

from conference.auth.access import public
from conference.calendar import services
from conference.downloads import file_response
from conference.events import services as events
from conference.features import Panel
from conference.timeutil import utcnow

bp = Blueprint("calendar", __name__, url_prefix="/calendar")

DELEGATE_PANELS = [
    Panel(
        "calendar/_delegate_panel.html",
        context=lambda delegate: {"urls": services.subscription_urls(delegate)},
        order=60,
    ),
]


def _ics(content: bytes, filename: str) -> Response:
    response = file_response(content, filename, inline=True)
    response.cache_control.no_cache = True  # calendar apps must see a changed time or room
    return response


@bp.route("/event.ics")
@public
def event_calendar():
    """Give the whole event's programme as an iCalendar file."""
    event = events.current_event() or abort(404)
    return _ics(services.event_calendar(event, utcnow()), "hoi-nghi.ics")


@bp.route("/me/<token>.ics")
@public
def delegate_calendar(token: str):
    """Give one delegate's day as a calendar to subscribe to (the signed token is the key)."""
    delegate = services.delegate_for_calendar_token(token) or abort(404)
    return _ics(services.delegate_calendar(delegate, utcnow()), "lich-cua-toi.ics")
