from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from conference.calendar.ics import (
    CalendarEntry,
    EventDetails,
    build_calendar,
    entry_uid,
    schedule_fingerprint,
)

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
DOMAIN = "hoinghi-shtt.example.vn"
EVENT = EventDetails(
    title="Hội nghị sơ kết 5 năm Chương trình phát triển tài sản trí tuệ Hà Nội",
    venue="Khu liên cơ Võ Chí Công",
    address="Số 258 Võ Chí Công, phường Xuân La, quận Tây Hồ, Hà Nội",
    latitude=Decimal("21.069400"),
    longitude=Decimal("105.805200"),
    url="https://hoinghi-shtt.example.vn/",
)
GENERATED_AT = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
# Stored in UTC as the database keeps them: 08:00 and 13:30 in Hanoi on 14/04/2026.
OPENING = CalendarEntry(
    uid=entry_uid("agenda", 2, DOMAIN),
    title="Phát biểu khai mạc Hội nghị",
    start=datetime(2026, 4, 14, 1, 0, tzinfo=UTC),
    end=datetime(2026, 4, 14, 1, 10, tzinfo=UTC),
    room="Hội trường",
    description="Lãnh đạo UBND Thành phố",
    sequence=1,
)
WORKSHOP = CalendarEntry(
    uid=entry_uid("workshop", 7, DOMAIN),
    title="Hội thảo 2: Thương mại hóa sáng chế",
    start=datetime(2026, 4, 14, 6, 30, tzinfo=UTC),
    end=datetime(2026, 4, 14, 9, 30, tzinfo=UTC),
    room="Phòng 301",
)
RECEPTION = CalendarEntry(
    uid=entry_uid("agenda", 1, DOMAIN),
    title="Đón tiếp đại biểu",
    start=datetime(2026, 4, 14, 7, 30, tzinfo=HANOI),
    end=datetime(2026, 4, 14, 8, 0, tzinfo=HANOI),
    room="Sảnh tầng 1",
)


def parse(ics: bytes) -> Calendar:
    return Calendar.from_ical(ics)


def events_by_uid(calendar: Calendar) -> dict:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_build_calendar_publishes_with_name_zone_and_product():
    calendar = parse(build_calendar(EVENT, [OPENING], generated_at=GENERATED_AT))

    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["VERSION"] == "2.0"
    assert "Hoi nghi" in calendar["PRODID"]
    assert calendar["X-WR-CALNAME"] == EVENT.title
    assert calendar["X-WR-TIMEZONE"] == "Asia/Ho_Chi_Minh"


def test_build_calendar_takes_a_name_for_a_personal_calendar():
    ics = build_calendar(
        EVENT, [OPENING], generated_at=GENERATED_AT, name="Lịch của Nguyễn Thị Hằng"
    )

    assert parse(ics)["X-WR-CALNAME"] == "Lịch của Nguyễn Thị Hằng"


def test_build_calendar_defines_the_hanoi_time_zone_at_utc_plus_seven():
    calendar = parse(build_calendar(EVENT, [OPENING], generated_at=GENERATED_AT))

    (timezone,) = calendar.walk("VTIMEZONE")
    assert timezone["TZID"] == "Asia/Ho_Chi_Minh"
    offsets = [part["TZOFFSETTO"].td for part in timezone.walk("STANDARD")]
    assert offsets[-1] == timedelta(hours=7)


def test_build_calendar_writes_local_times_with_tzid_that_mean_the_same_instant():
    ics = build_calendar(EVENT, [OPENING, WORKSHOP], generated_at=GENERATED_AT)

    assert b"DTSTART;TZID=Asia/Ho_Chi_Minh:20260414T080000" in ics
    events = events_by_uid(parse(ics))
    opening = events[OPENING.uid]
    assert opening.start.astimezone(UTC) == datetime(2026, 4, 14, 1, 0, tzinfo=UTC)
    assert opening.end.astimezone(UTC) == datetime(2026, 4, 14, 1, 10, tzinfo=UTC)
    local = events[WORKSHOP.uid].start.astimezone(HANOI)
    assert (local.hour, local.minute) == (13, 30)
    assert local.utcoffset() == timedelta(hours=7)


def test_build_calendar_keeps_uids_and_bytes_stable_across_builds():
    first = build_calendar(EVENT, [OPENING, WORKSHOP], generated_at=GENERATED_AT)
    second = build_calendar(EVENT, [OPENING, WORKSHOP], generated_at=GENERATED_AT)

    assert set(events_by_uid(parse(first))) == {
        "agenda-2@hoinghi-shtt.example.vn",
        "workshop-7@hoinghi-shtt.example.vn",
    }
    assert first == second


def test_build_calendar_writes_sequence_location_geo_url_and_description():
    events = events_by_uid(
        parse(build_calendar(EVENT, [OPENING, WORKSHOP], generated_at=GENERATED_AT))
    )

    opening = events[OPENING.uid]
    assert opening["SEQUENCE"] == 1
    assert events[WORKSHOP.uid]["SEQUENCE"] == 0
    assert str(opening["LOCATION"]) == (
        "Hội trường, Khu liên cơ Võ Chí Công, Số 258 Võ Chí Công, phường Xuân La, quận Tây Hồ, Hà Nội"
    )
    assert (opening["GEO"].latitude, opening["GEO"].longitude) == (21.0694, 105.8052)
    assert str(opening["URL"]) == EVENT.url
    assert str(opening["DESCRIPTION"]) == "Lãnh đạo UBND Thành phố"
    assert opening["DTSTAMP"].dt == GENERATED_AT


def test_build_calendar_does_not_repeat_a_venue_the_room_already_names():
    room = "Phòng hội thảo 201, Tầng 2, Khu liên cơ Võ Chí Công"
    entry = CalendarEntry(WORKSHOP.uid, WORKSHOP.title, WORKSHOP.start, WORKSHOP.end, room=room)
    (event,) = parse(build_calendar(EVENT, [entry], generated_at=GENERATED_AT)).walk("VEVENT")
    assert (
        str(event["LOCATION"]) == f"{room}, Số 258 Võ Chí Công, phường Xuân La, quận Tây Hồ, Hà Nội"
    )


def test_build_calendar_reminds_at_20_00_the_evening_before_the_first_entry_of_the_day():
    events = events_by_uid(
        parse(build_calendar(EVENT, [OPENING, WORKSHOP, RECEPTION], generated_at=GENERATED_AT))
    )

    reception = events[RECEPTION.uid]
    (alarm,) = reception.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    rings_at = (reception.start + alarm["TRIGGER"].dt).astimezone(HANOI)
    assert rings_at == datetime(2026, 4, 13, 20, 0, tzinfo=HANOI)
    assert "07:30" in str(alarm["DESCRIPTION"])
    assert events[OPENING.uid].walk("VALARM") == []
    assert events[WORKSHOP.uid].walk("VALARM") == []


def test_build_calendar_reminds_once_for_each_day():
    next_day = CalendarEntry(
        uid=entry_uid("exhibition", 1, DOMAIN),
        title="Triển lãm (ngày 2)",
        start=datetime(2026, 4, 15, 8, 0, tzinfo=HANOI),
        end=datetime(2026, 4, 15, 11, 0, tzinfo=HANOI),
    )

    events = events_by_uid(
        parse(build_calendar(EVENT, [OPENING, WORKSHOP, next_day], generated_at=GENERATED_AT))
    )

    assert [uid for uid, event in events.items() if event.walk("VALARM")] == [
        OPENING.uid,
        next_day.uid,
    ]


def test_build_calendar_leaves_out_geo_without_coordinates():
    no_coordinates = EventDetails(
        title="Hội nghị", venue="Khu liên cơ Võ Chí Công", address="Hà Nội"
    )

    (event,) = parse(build_calendar(no_coordinates, [OPENING], generated_at=GENERATED_AT)).walk(
        "VEVENT"
    )

    assert "GEO" not in event


def test_build_calendar_refuses_naive_times():
    naive = CalendarEntry(
        uid="x@y",
        title="Giờ không rõ múi",
        start=datetime(2026, 4, 14, 8),
        end=datetime(2026, 4, 14, 9),
    )

    with pytest.raises(ValueError, match="naive"):
        build_calendar(EVENT, [naive], generated_at=GENERATED_AT)


def test_entry_uid_is_stable_and_names_kind_id_and_domain():
    assert (
        entry_uid("workshop", 7, DOMAIN)
        == entry_uid("workshop", "7", DOMAIN)
        == "workshop-7@hoinghi-shtt.example.vn"
    )


def test_schedule_fingerprint_changes_with_time_or_room():
    base = schedule_fingerprint(WORKSHOP.start, WORKSHOP.end, "Phòng 301")

    assert schedule_fingerprint(WORKSHOP.start, WORKSHOP.end, "Phòng 302") != base
    assert (
        schedule_fingerprint(WORKSHOP.start + timedelta(minutes=15), WORKSHOP.end, "Phòng 301")
        != base
    )
    assert (
        schedule_fingerprint(WORKSHOP.start, WORKSHOP.end + timedelta(minutes=15), "Phòng 301")
        != base
    )


@given(
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1)),
    st.text(max_size=30),
)
def test_schedule_fingerprint_ignores_the_zone_a_time_is_written_in(moment, room):
    start = moment.replace(tzinfo=UTC)
    end = start + timedelta(hours=1)

    assert schedule_fingerprint(start, end, room) == schedule_fingerprint(
        start.astimezone(HANOI), end.astimezone(HANOI), room
    )
