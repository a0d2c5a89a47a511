"""Calendars in iCalendar format: the whole event, and each delegate's own."""
