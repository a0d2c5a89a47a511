"""Languages and how dates and times are written: dd/mm/yyyy, 24-hour clock, Hanoi time."""

from datetime import datetime

from flask import session
from flask_babel import format_datetime

from conference.timeutil import to_local

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"


def select_locale() -> str:
    """Use the language this browser chose, Vietnamese otherwise (not the browser's header)."""
    chosen = session.get("lang")
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


# Numbers only, the same in every language: strftime is much cheaper than Babel on long lists.
def date_filter(moment: datetime | None) -> str:
    return to_local(moment).strftime("%d/%m/%Y") if moment else ""


def time_filter(moment: datetime | None) -> str:
    return to_local(moment).strftime("%H:%M") if moment else ""


def datetime_filter(moment: datetime | None) -> str:
    return to_local(moment).strftime("%d/%m/%Y %H:%M") if moment else ""


def long_date_filter(moment: datetime | None) -> str:
    """Return e.g. "Thứ Ba, 22/12/2026" (or "Tuesday, 22/12/2026" in English)."""
    return format_datetime(moment, "EEEE, dd/MM/yyyy") if moment else ""


FILTERS = {
    "date": date_filter,
    "time": time_filter,
    "datetime": datetime_filter,
    "long_date": long_date_filter,
}
