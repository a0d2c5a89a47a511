"""The seat map as SVG: plain data in, markup out, no Flask and no database.

The stage is at the top and the audience faces it, so seat 1 (on the left as seen from the
seats) is on the left of the drawing, and row A is nearest the stage. Each row is centred
as the planner centres it. Every seat is a group with ``data-seat`` (and ``data-delegate``
when taken) and a ``<title>``, which browsers show on hover and screen readers read out. The
drawing scales to its container through its viewBox, so it fits a phone's width.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from conference.seating.planner import AISLE_WIDTH, Layout

SEAT = 26  # a seat's side, in SVG user units
GAP = 4
PITCH = SEAT + GAP
MARGIN = 30  # room for the row labels on both sides
STAGE_HEIGHT = 34
FREE_FILL = "#ffffff"
BLOCKED_FILL = "#d9dde3"
OCCUPIED_FILL = "#cbd5e1"
OUTLINE = "#8a94a3"
LOCK_OUTLINE = "#111827"
AWARD_MARK = "#f2b705"
HERE_FILL = "#dc2626"
DEFAULT_COLOR = "#1f5fa8"
_HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class SeatView:
    """What one taken seat shows."""

    delegate_id: int
    name: str
    detail: str  # category, position: read in the tooltip
    color: str  # the category's colour
    locked: bool = False
    award: bool = False


@dataclass(frozen=True)
class Words:
    """The few words the drawing writes, in the reader's language."""

    stage: str
    free: str
    blocked: str
    locked: str
    award: str
    you: str


@dataclass(frozen=True)
class SeatMap:
    layout: Layout
    seats: Mapping[str, SeatView]  # seat label → who sits there
    words: Words
    title: str = ""
    highlight: str | None = None  # a seat to point out: the reader's own
    # Seats taken by people the reader may not see (a delegate's own page names nobody else).
    occupied: frozenset[str] = frozenset()


def render_svg(seat_map: SeatMap) -> str:
    """Return an <svg> element drawing the hall, its seats and who sits in them."""
    layout = seat_map.layout
    widest = max(_x(layout, row.seats) for row in layout.rows)
    width = 2 * MARGIN + widest * PITCH - GAP
    top = STAGE_HEIGHT + 2 * GAP + 8
    height = top + len(layout.rows) * PITCH + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="seat-map" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(seat_map.title)}" '
        f'font-family="system-ui, sans-serif" style="max-width:{width * 1.6:.0f}px">',
        f"<title>{escape(seat_map.title)}</title>",
        _stage(width, seat_map.words.stage),
    ]
    for index, row in enumerate(layout.rows):
        y = top + index * PITCH
        offset = MARGIN + (widest - _x(layout, row.seats)) * PITCH / 2
        parts.append(_row_label(row.label, MARGIN / 2, y))
        parts.append(_row_label(row.label, width - MARGIN / 2, y))
        for number in range(1, row.seats + 1):
            label = f"{row.label}{number}"
            x = offset + (_x(layout, number) - 1) * PITCH
            parts.append(_seat(seat_map, label, number, x, y))
    parts.append("</svg>")
    return "".join(parts)


def _x(layout: Layout, number: int) -> int:
    """The seat's column counted in seat widths, aisles included (as the planner counts)."""
    return number + AISLE_WIDTH * sum(1 for aisle in layout.aisles_after if aisle < number)


def _stage(width: float, label: str) -> str:
    return (
        f'<rect x="{MARGIN}" y="{GAP}" width="{width - 2 * MARGIN}" height="{STAGE_HEIGHT}" '
        f'rx="6" fill="#0b3d73"/>'
        f'<text x="{width / 2}" y="{GAP + STAGE_HEIGHT / 2 + 5}" text-anchor="middle" '
        f'font-size="14" font-weight="700" fill="#ffffff" letter-spacing="2">{escape(label)}</text>'
    )


def _row_label(label: str, x: float, y: float) -> str:
    return (
        f'<text x="{x}" y="{y + SEAT / 2 + 4}" text-anchor="middle" font-size="12" '
        f'font-weight="600" fill="#4b5563">{escape(label)}</text>'
    )


def _seat(seat_map: SeatMap, label: str, number: int, x: float, y: float) -> str:
    words = seat_map.words
    taken = seat_map.seats.get(label)
    here = label == seat_map.highlight
    if label in seat_map.layout.blocked:
        return (
            f'<g class="seat seat-blocked" data-seat="{label}"><title>{label}: {escape(words.blocked)}</title>'
            f'<rect x="{x}" y="{y}" width="{SEAT}" height="{SEAT}" rx="4" fill="{BLOCKED_FILL}"/>'
            f'<path d="M{x + 6} {y + 6}L{x + SEAT - 6} {y + SEAT - 6}M{x + SEAT - 6} {y + 6}'
            f'L{x + 6} {y + SEAT - 6}" stroke="{OUTLINE}" stroke-width="1.5"/></g>'
        )
    if taken is None and label in seat_map.occupied:
        title, fill, ink, attributes = label, OCCUPIED_FILL, "#374151", ""
        outline, outline_width = OCCUPIED_FILL, 1
    elif taken is None:
        title, fill, ink, attributes = f"{label}: {words.free}", FREE_FILL, "#6b7280", ""
        outline, outline_width = OUTLINE, 1
    else:
        notes = [taken.detail] if taken.detail else []
        notes += [words.award] if taken.award else []
        notes += [words.locked] if taken.locked else []
        title = f"{label}: {taken.name}" + (f" ({'; '.join(notes)})" if notes else "")
        fill = color(taken.color)
        ink = _ink_on(fill)
        attributes = f' data-delegate="{taken.delegate_id}"'
        outline, outline_width = (LOCK_OUTLINE, 2.5) if taken.locked else (fill, 1)
    if here:
        title = f"{title} — {words.you}"
        fill, ink, outline, outline_width = HERE_FILL, "#ffffff", LOCK_OUTLINE, 2
    award_mark = (
        f'<circle cx="{x + SEAT - 5}" cy="{y + 5}" r="4" fill="{AWARD_MARK}" stroke="#ffffff"/>'
        if taken is not None and taken.award
        else ""
    )
    classes = (
        "seat seat-free" if taken is None and label not in seat_map.occupied else "seat seat-taken"
    )
    return (
        f'<g class="{classes}{" seat-here" if here else ""}" data-seat="{label}"{attributes} tabindex="0">'
        f"<title>{escape(title)}</title>"
        f'<rect x="{x}" y="{y}" width="{SEAT}" height="{SEAT}" rx="4" fill="{fill}" '
        f'stroke="{outline}" stroke-width="{outline_width}"/>'
        f'<text x="{x + SEAT / 2}" y="{y + SEAT / 2 + 4}" text-anchor="middle" font-size="11" '
        f'fill="{ink}" pointer-events="none">{number}</text>{award_mark}</g>'
    )


def color(value: str) -> str:
    """Return the colour if it is a plain #rrggbb, else the default: nothing else goes in markup."""
    return value if _HEX_COLOR.fullmatch(value or "") else DEFAULT_COLOR


def _ink_on(fill: str) -> str:
    """Black or white, whichever reads better on the colour (WCAG relative luminance)."""
    red, green, blue = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return "#111827" if luminance > 0.4 else "#ffffff"
