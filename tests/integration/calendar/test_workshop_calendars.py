"""Workshops in the calendars: everyone's in the event's, each delegate's own in theirs."""

from dataclasses import replace
from datetime import UTC, timedelta

from icalendar import Calendar

from conference.calendar import services as calendars
from conference.seating import services as seating
from conference.seating.planner import layout_to_dict, rectangular_layout
from conference.timeutil import HANOI, utcnow
from conference.workshops import services as workshops
from tests.integration.workshops.conftest import TEST_ACTOR, add_room

UID_END = "@hoinghi-shtt.sokhcn.hanoi.gov.vn"


def _entries(ics: bytes) -> dict:
    return {
        str(component["SUMMARY"]): component for component in Calendar.from_ical(ics).walk("VEVENT")
    }


def _data(workshop, **changes) -> workshops.WorkshopData:
    data = workshops.WorkshopData(
        title=workshop.title, description=workshop.description, room_id=workshop.room_id,
        starts_at=workshop.starts_at, ends_at=workshop.ends_at, capacity=workshop.capacity,
        category_ids=[c.id for c in workshop.categories],
    )  # fmt: skip
    return replace(data, **changes)


def _save(event, workshop, **changes):
    return workshops.save_workshop(
        event, _data(workshop, **changes), TEST_ACTOR, utcnow(), workshop
    )


def _sequence(event, title: str) -> int:
    return int(_entries(calendars.event_calendar(event, utcnow()))[title]["SEQUENCE"])


def test_delegate_calendar_has_their_workshop_in_utc_and_hanoi_time(
    client, event, make_delegate, make_workshop
):
    mine = make_workshop("Thương mại hóa sáng chế")
    other = make_workshop("Chỉ dẫn địa lý", slot="late")
    delegate = make_delegate()
    workshops.pin(mine, delegate, TEST_ACTOR, utcnow())
    token = calendars.calendar_token(delegate)

    entries = _entries(client.get(f"/calendar/me/{token}.ics").data)

    assert other.title not in entries
    assert "Phát biểu khai mạc Hội nghị" in entries
    entry = entries["Thương mại hóa sáng chế"]
    assert str(entry["UID"]) == f"workshop-{mine.id}{UID_END}"
    assert str(entry["LOCATION"]).startswith(
        "Phòng Thương mại hóa sáng chế, Khu liên cơ Võ Chí Công"
    )
    start, end = entry.decoded("DTSTART"), entry.decoded("DTEND")
    assert start.tzinfo.key == "Asia/Ho_Chi_Minh"
    assert (start.strftime("%H:%M"), end.strftime("%H:%M")) == ("13:30", "14:55")
    assert (start.astimezone(UTC).strftime("%H:%M"), end.astimezone(UTC).strftime("%H:%M")) == (
        "06:30",
        "07:55",
    )
    assert start.astimezone(UTC) == mine.starts_at.astimezone(UTC)


def test_event_calendar_has_every_workshop(client, event, make_workshop):
    first, second = make_workshop("Thương mại hóa sáng chế"), make_workshop("Nhãn hiệu tập thể")
    entries = _entries(client.get("/calendar/event.ics").data)
    assert str(entries[first.title]["UID"]) == f"workshop-{first.id}{UID_END}"
    assert str(entries[second.title]["UID"]) == f"workshop-{second.id}{UID_END}"
    assert "Phòng Nhãn hiệu tập thể" in str(entries[second.title]["LOCATION"])


def test_workshop_sequence_grows_when_room_or_time_changes_not_otherwise(event, make_workshop):
    workshop = make_workshop("Thương mại hóa sáng chế")
    title = workshop.title
    assert _sequence(event, title) == 0

    _save(event, workshop, description="Trao đổi kinh nghiệm", capacity=3)
    assert _sequence(event, title) == 0

    other_room = add_room(event, "Phòng họp 201")
    _save(event, workshop, room_id=other_room.id)
    assert _sequence(event, title) == 1

    _save(event, workshop, ends_at=workshop.ends_at + timedelta(minutes=10))
    entry = _entries(calendars.event_calendar(event, utcnow()))[title]
    assert int(entry["SEQUENCE"]) == 2
    assert entry.decoded("DTEND").astimezone(HANOI).strftime("%H:%M") == "15:05"
    assert "Phòng họp 201" in str(entry["LOCATION"])


def test_workshop_sequence_grows_when_its_room_is_renamed_not_when_another_is(event, make_workshop):
    workshop = make_workshop("Thương mại hóa sáng chế")
    elsewhere = add_room(event, "Phòng họp 305")
    layout = layout_to_dict(rectangular_layout(5, 10, aisles_after=(5,)))
    seating.save_room(event, TEST_ACTOR, "Phòng họp 305 mới", "", layout, elsewhere)
    assert _sequence(event, workshop.title) == 0
    seating.save_room(event, TEST_ACTOR, workshop.room.name, "Tầng 3, nhà B", layout, workshop.room)
    entry = _entries(calendars.event_calendar(event, utcnow()))[workshop.title]
    assert int(entry["SEQUENCE"]) == 1
    assert str(entry["LOCATION"]).startswith("Phòng Thương mại hóa sáng chế, Tầng 3, nhà B, ")
