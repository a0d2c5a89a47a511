"""Time in one place: stored in UTC, shown in the event's time zone (Asia/Ho_Chi_Minh)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def utcnow() -> datetime:
    return datetime.now(UTC)


def to_local(moment: datetime, zone: ZoneInfo = HANOI) -> datetime:
    """Return an aware UTC moment as wall-clock time in the given zone."""
    return moment.astimezone(zone)


def local_to_utc(wall_clock: datetime, zone: ZoneInfo = HANOI) -> datetime:
    """Read a naive wall-clock time (a form's input) in the given zone and return it in UTC."""
    return wall_clock.replace(tzinfo=zone).astimezone(UTC)
