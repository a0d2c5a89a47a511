"""Calendars served to phones: parsed back with icalendar, checked in UTC and in Hanoi time."""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from conference.audit.services import Actor
from conference.auth.models import Role
from conference.calendar import services as calendars
from conference.registration import services as registration
from conference.timeutil import utcnow

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def _entries(response) -> dict[str, object]:
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    return {str(component["SUMMARY"]): component for component in calendar.walk("VEVENT")}, calendar


def test_event_calendar_has_programme_in_hanoi_time_with_timezone(client, event):
    entries, calendar = _entries(client.get("/calendar/event.ics"))
    opening = entries["Phát biểu khai mạc Hội nghị"]
    start = opening.decoded("DTSTART")
    assert start.tzinfo.key == "Asia/Ho_Chi_Minh"
    assert (start.hour, start.minute) == (8, 10)
    assert start.astimezone(UTC).hour == 1
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    assert "Số 258 Võ Chí Công" in str(opening["LOCATION"])
    assert opening.decoded("GEO") == (21.0694, 105.8052)
    assert "Triển lãm kết quả phát triển tài sản trí tuệ tại Thành phố Hà Nội" in entries


def test_event_calendar_uids_are_stable(client, event):
    first, _ = _entries(client.get("/calendar/event.ics"))
    second, _ = _entries(client.get("/calendar/event.ics"))
    assert {title: str(entry["UID"]) for title, entry in first.items()} == {
        title: str(entry["UID"]) for title, entry in second.items()
    }
    assert str(first["Bế mạc Hội nghị"]["UID"]).endswith("@hoinghi-shtt.sokhcn.hanoi.gov.vn")


def test_reminder_rings_the_evening_before(client, event):
    entries, _ = _entries(client.get("/calendar/event.ics"))
    first = min(entries.values(), key=lambda entry: entry.decoded("DTSTART"))
    (alarm,) = first.walk("VALARM")
    rings_at = first.decoded("DTSTART") + alarm.decoded("TRIGGER")
    assert rings_at.astimezone(HANOI).hour == 20
    assert (
        first.decoded("DTSTART").astimezone(HANOI).date() - rings_at.astimezone(HANOI).date()
    ) == timedelta(days=1)


def test_sequence_grows_when_time_or_room_changes_not_for_a_new_presenter(client, event, login_as):
    login_as(Role.ORGANIZER)
    item = next(item for item in event.agenda_items if item.title == "Bế mạc Hội nghị")
    day = item.starts_at.astimezone(HANOI).strftime("%Y-%m-%d")
    form = {
        "starts_at": f"{day}T11:15",
        "ends_at": f"{day}T11:30",
        "title": item.title,
        "location": "Hội trường",
    }
    client.post(
        f"/programme/{item.id}", data={**form, "presenter": "Lãnh đạo Sở Khoa học và Công nghệ"}
    )
    entries, _ = _entries(client.get("/calendar/event.ics"))
    assert int(entries["Bế mạc Hội nghị"]["SEQUENCE"]) == 0
    client.post(f"/programme/{item.id}", data={**form, "ends_at": f"{day}T11:40", "presenter": ""})
    client.post(
        f"/programme/{item.id}",
        data={**form, "ends_at": f"{day}T11:40", "location": "Phòng họp số 1", "presenter": ""},
    )
    entries, _ = _entries(client.get("/calendar/event.ics"))
    closing = entries["Bế mạc Hội nghị"]
    assert int(closing["SEQUENCE"]) == 2
    assert closing.decoded("DTEND").astimezone(HANOI).strftime("%H:%M") == "11:40"
    assert str(closing["LOCATION"]).startswith("Phòng họp số 1, Khu liên cơ Võ Chí Công")


def test_personal_calendar_by_secret_link_on_the_personal_page(client, event, make_delegate):
    delegate = make_delegate()
    page = client.get(f"/me/{registration.personal_token(delegate)}").get_data(as_text=True)
    webcal = re.search(r'href="(webcal://[^"]+)"', page).group(1)
    assert webcal.endswith(".ics")
    path = "/" + webcal.split("/", 3)[3]
    entries, calendar = _entries(client.get(path))
    assert "Phát biểu khai mạc Hội nghị" in entries
    assert str(calendar["X-WR-CALNAME"]) == event.short_title


def test_personal_calendar_token_cannot_open_the_personal_page(client, event, make_delegate):
    delegate = make_delegate()
    token = calendars.calendar_token(delegate)
    assert client.get(f"/me/{token}").status_code == 404
    assert client.get(f"/calendar/me/{token}x.ics").status_code == 404


def test_cancelled_delegate_calendar_is_emptied(client, event, make_delegate):
    delegate = make_delegate()
    token = calendars.calendar_token(delegate)
    registration.cancel(delegate, Actor.system(), utcnow())
    entries, _ = _entries(client.get(f"/calendar/me/{token}.ics"))
    assert entries == {}


def test_times_survive_in_utc(client, event):
    entries, _ = _entries(client.get("/calendar/event.ics"))
    for entry in entries.values():
        assert entry.decoded("DTSTART").astimezone(UTC) >= event.starts_at.astimezone(
            UTC
        ) - timedelta(seconds=1)
        assert isinstance(entry.decoded("DTSTART"), datetime)
