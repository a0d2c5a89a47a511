"""The event's calendar and each delegate's own, built from what the database holds now."""

from datetime import datetime

from flask import current_app, url_for
from itsdangerous import BadSignature, Signer

from conference.calendar.ics import CalendarEntry, EventDetails, build_calendar, entry_uid
from conference.events.models import Event
from conference.registration.models import Delegate, DelegateStatus
from conference.registration.services import delegate_for_access_key
from conference.workshops import services as workshops
from conference.workshops.models import Workshop

# UIDs must never change, whatever address the site moves to: a fixed domain of our own.
UID_DOMAIN = "hoinghi-shtt.sokhcn.hanoi.gov.vn"
_SALT = "delegate-calendar"
EXHIBITION_TITLE = "Triển lãm kết quả phát triển tài sản trí tuệ tại Thành phố Hà Nội"


def _details(event: Event) -> EventDetails:
    return EventDetails(
        title=event.title,
        venue=event.venue,
        address=event.address,
        latitude=event.latitude,
        longitude=event.longitude,
        url=url_for("events.home", _external=True),
        timezone=event.timezone,
    )


def _programme(event: Event) -> list[CalendarEntry]:
    return [
        CalendarEntry(
            uid=entry_uid("agenda", item.id, UID_DOMAIN),
            title=item.title,
            start=item.starts_at,
            end=item.ends_at,
            room=item.location,
            description=item.presenter,
            sequence=item.schedule_sequence,
        )
        for item in event.agenda_items
    ]


def _workshop(workshop: Workshop) -> CalendarEntry:
    return CalendarEntry(
        uid=entry_uid("workshop", workshop.id, UID_DOMAIN),
        title=workshop.title,
        start=workshop.starts_at,
        end=workshop.ends_at,
        room=workshops.room_place(workshop.room),
        description=workshop.description,
        sequence=workshop.schedule_sequence,
    )


def _exhibition(event: Event) -> CalendarEntry:
    return CalendarEntry(
        uid=entry_uid("exhibition", event.id, UID_DOMAIN),
        title=EXHIBITION_TITLE,
        start=event.starts_at,
        end=event.ends_at,
        sequence=event.schedule_sequence,
    )


def event_calendar(event: Event, now: datetime) -> bytes:
    """Return the whole event: the plenary programme, every workshop and the exhibition."""
    entries = [
        *_programme(event),
        *(_workshop(workshop) for workshop in workshops.workshops(event)),
        _exhibition(event),
    ]
    return build_calendar(_details(event), entries, generated_at=now)


def delegate_calendar(delegate: Delegate, now: datetime) -> bytes:
    """Return one delegate's day: the programme, their workshops, the exhibition, while confirmed."""
    event = delegate.event
    entries = (
        [
            *_programme(event),
            *(_workshop(placement.workshop) for placement in workshops.placements_of(delegate)),
            _exhibition(event),
        ]
        if delegate.status == DelegateStatus.CONFIRMED
        else []
    )
    return build_calendar(_details(event), entries, generated_at=now, name=event.short_title)


def _signer() -> Signer:
    return Signer(current_app.config["SECRET_KEY"], salt=_SALT)


def calendar_token(delegate: Delegate) -> str:
    """Return the secret part of a delegate's subscription URL (it can read, not edit)."""
    return _signer().sign(delegate.access_key).decode()


def delegate_for_calendar_token(token: str) -> Delegate | None:
    try:
        access_key = _signer().unsign(token).decode()
    except BadSignature:
        return None
    return delegate_for_access_key(access_key)


def subscription_urls(delegate: Delegate) -> dict[str, str]:
    """Return the delegate's calendar as a download and as a webcal:// subscription."""
    download = url_for("calendar.delegate_calendar", token=calendar_token(delegate), _external=True)
    return {"download": download, "webcal": "webcal://" + download.split("://", 1)[1]}
