"""Calendars as iCalendar (RFC 5545): plain data in, bytes out.

One builder serves the whole event's calendar and each delegate's own. Times are written in
the event's zone with a VTIMEZONE, so a phone shows 08:00 in Hanoi whatever zone it is set
to. A calendar app recognizes an entry it already has by its UID and takes a new version only
when SEQUENCE grows: callers keep UIDs stable and raise SEQUENCE when schedule_fingerprint
changes.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, vDuration

PRODID = "-//So KH&CN Ha Noi//Hoi nghi so ket tai san tri tue//VI"
# Subscribed calendars fetch again this often, so that a changed time or room reaches phones.
REFRESH_INTERVAL = timedelta(hours=1)
# The reminder rings the evening before the first entry of each day, at this local time.
REMINDER_AT = time(20, 0)


@dataclass(frozen=True)
class EventDetails:
    """Where the event takes place, repeated in every entry."""

    title: str
    venue: str
    address: str
    latitude: Decimal | float | None = None
    longitude: Decimal | float | None = None
    url: str = ""
    timezone: str = "Asia/Ho_Chi_Minh"


@dataclass(frozen=True)
class CalendarEntry:
    """One item of the calendar: a part of the plenary, a workshop, the exhibition."""

    uid: str
    title: str
    start: datetime  # aware, any zone
    end: datetime
    room: str = ""
    description: str = ""
    sequence: int = 0


def entry_uid(kind: str, ident: int | str, domain: str) -> str:
    """Return a UID that stays the same across builds: "agenda-12@hoinghi.example.vn"."""
    return f"{kind}-{ident}@{domain}"


def schedule_fingerprint(start: datetime, end: datetime, room: str) -> str:
    """Return a short digest of what a calendar must be told about when it changes.

    The times are compared as instants, so the same moment written in another zone gives
    the same fingerprint.
    """
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("start and end must be aware datetimes")
    text = "|".join(
        [start.astimezone(UTC).isoformat(), end.astimezone(UTC).isoformat(), room.strip()]
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _location(event: EventDetails, room: str) -> str:
    """Join room, venue and address, leaving out what a room's own location already says."""
    parts: list[str] = []
    for part in (room, event.venue, event.address):
        if part and not any(part in earlier for earlier in parts):
            parts.append(part)
    return ", ".join(parts)


def _reminder(entry: CalendarEntry, zone: ZoneInfo) -> Alarm:
    local_start = entry.start.astimezone(zone)
    evening_before = datetime.combine(
        local_start.date() - timedelta(days=1), REMINDER_AT, tzinfo=zone
    )
    return Alarm.new_display(
        description=f"Ngày mai {local_start:%H:%M}: {entry.title}",
        # Relative to the start: every calendar app understands that; absolute triggers less so.
        trigger=evening_before - local_start,
    )


def build_calendar(
    event: EventDetails,
    entries: Sequence[CalendarEntry],
    *,
    generated_at: datetime,
    name: str | None = None,
) -> bytes:
    """Return a VCALENDAR of the entries, named after the event unless a name is given.

    generated_at becomes each entry's DTSTAMP; passing it in keeps the builder pure.
    """
    zone = ZoneInfo(event.timezone)
    for entry in entries:
        if entry.start.tzinfo is None or entry.end.tzinfo is None:
            raise ValueError(f"entry {entry.uid} has a naive time; give aware datetimes")
    # One reminder per day is enough: a phone that rings for each item of the programme
    # at 20:00 teaches its owner to ignore it.
    first_of_day: dict[date, str] = {}
    for entry in sorted(entries, key=lambda entry: entry.start):
        first_of_day.setdefault(entry.start.astimezone(zone).date(), entry.uid)
    reminded = set(first_of_day.values())

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.calendar_name = name or event.title
    calendar.add("x-wr-timezone", event.timezone)
    calendar.refresh_interval = REFRESH_INTERVAL
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    geo = (
        (float(event.latitude), float(event.longitude))
        if event.latitude is not None and event.longitude is not None
        else None
    )
    for entry in entries:
        component = Event.new(
            uid=entry.uid,
            summary=entry.title,
            start=entry.start.astimezone(zone),
            end=entry.end.astimezone(zone),
            stamp=generated_at.astimezone(UTC),
            sequence=entry.sequence,
            location=_location(event, entry.room),
            description=entry.description or None,
            url=event.url or None,
        )
        if geo:
            component.add("geo", geo)
        if entry.uid in reminded:
            component.add_component(_reminder(entry, zone))
        calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar.to_ical()
