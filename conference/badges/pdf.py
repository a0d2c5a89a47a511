"""Badges as PDF: plain data in, bytes out.

A badge names its wearer in large type, says in which capacity they attend (the coloured band
that ushers read from across the hall), where they sit and which workshop they attend, and
carries a QR code for the check-in desk. Two sizes: A6 for a lanyard sleeve, printed one per
page or four on an A4 sheet with crop marks, and ID-1 for a card printer.
"""

import enum
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from math import cos, pi, sin
from typing import Literal

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from conference.badges.qr import draw_qr, qr_modules
from conference.badges.typesetting import ASCENT, LEADING, Block, FittedText, fit_stack, fit_text
from conference.pdffonts import BOLD, REGULAR, SEMIBOLD
from conference.pdffonts import register as register_fonts
from conference.text import name_sort_key

INK = "#111827"
MUTED = "#4b5563"
OFFICIAL_RED = "#b91c1c"
TITLE_BLUE = "#0b3a6e"
AWARD_GOLD = "#f2c744"
AWARD_INK = "#5b3b00"
AWARD_TEXT = "NHẬN KHEN THƯỞNG"


@dataclass(frozen=True)
class BadgeEvent:
    """What every badge of one event repeats at its top."""

    short_title: str
    dates_text: str  # e.g. "Thứ Ba, 14/04/2026 · Khu liên cơ Võ Chí Công"
    organizer: str = ""  # the issuing body, e.g. "UBND THÀNH PHỐ HÀ NỘI"


@dataclass(frozen=True)
class BadgeCategory:
    label: str  # e.g. "ĐẠI BIỂU", "BÁO CHÍ"
    color: str  # "#rrggbb"
    protocol_rank: int  # lower ranks come first


@dataclass(frozen=True)
class BadgeWorkshop:
    title: str
    where: str  # the room, and the time when it helps: "13:30 · Phòng hội thảo 201"


@dataclass(frozen=True)
class Badge:
    full_name: str
    category: BadgeCategory
    qr_token: str
    position: str = ""  # chức vụ
    unit: str = ""  # đơn vị
    award_recipient: bool = False
    seat: str = ""  # plenary seat, e.g. "Hàng C · Ghế 12"
    workshops: tuple[BadgeWorkshop, ...] = ()  # in time order; one per time slot at most
    version: int = 1  # 2 on the first reprint, and so on


class BadgeSize(enum.Enum):
    A6 = "a6"
    ID1 = "id1"


class Sheet(enum.Enum):
    ONE_PER_PAGE = "one"
    A4_FOUR_UP = "a4-4up"


def sort_badges(badges: Iterable[Badge]) -> list[Badge]:
    """Order badges for printing: by category in protocol order, then by Vietnamese name."""
    return sorted(
        badges, key=lambda badge: (badge.category.protocol_rank, name_sort_key(badge.full_name))
    )


@dataclass(frozen=True)
class _Box:
    x: float
    y: float  # bottom edge
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y + self.height

    @property
    def centre(self) -> float:
        return self.x + self.width / 2


def _mm_box(x: float, y: float, width: float, height: float) -> _Box:
    return _Box(x * mm, y * mm, width * mm, height * mm)


@dataclass(frozen=True)
class _TypeScale:
    """Largest size of each text, in points; text shrinks below these to fit."""

    organizer: float
    title: float
    dates: float
    name: float
    position: float
    unit: float
    award: float
    label: float
    seat: float
    workshop: float
    band: float
    version: float


@dataclass(frozen=True)
class _Layout:
    width: float
    height: float
    header: _Box
    rule_y: float
    name: _Box
    identity: _Box  # chức vụ, đơn vị and the award mark
    details: _Box  # seat and workshop
    qr: _Box
    band: _Box
    type: _TypeScale
    gap: float  # between paragraphs of a stack
    # A badge with more workshops than this shows only their times and rooms: their titles
    # would shrink below what anyone can read.
    workshop_titles: int


# A6 portrait, 105 × 148 mm, with 5 mm of white all round: an office printer cannot print to
# the edge, and four-up sheets are cut along the badges' edges.
_A6 = _Layout(
    width=105 * mm,
    height=148 * mm,
    header=_mm_box(5, 114, 95, 29),
    rule_y=112 * mm,
    name=_mm_box(5, 84, 95, 26),
    identity=_mm_box(5, 61, 95, 22),
    details=_mm_box(5, 26, 58, 33),
    qr=_mm_box(66, 26, 34, 34),
    band=_mm_box(5, 5, 95, 18),
    type=_TypeScale(
        organizer=7.5, title=11.5, dates=8, name=28, position=10.5, unit=10.5, award=8,
        label=6.5, seat=15, workshop=10, band=26, version=7,
    ),
    gap=1.2 * mm,
    workshop_titles=2,
)  # fmt: skip

# ID-1 landscape, 85.6 × 54 mm: card printers print to the edge, so 3 mm margins.
_ID1 = _Layout(
    width=85.6 * mm,
    height=54 * mm,
    header=_mm_box(3, 40.5, 55, 10.5),
    rule_y=39.5 * mm,
    name=_mm_box(3, 28, 55, 10.5),
    identity=_mm_box(3, 13.5, 55, 13.5),
    details=_mm_box(60.6, 13.5, 22, 14.5),
    qr=_mm_box(60.6, 29, 22, 22),
    band=_mm_box(3, 3, 79.6, 9),
    type=_TypeScale(
        organizer=5, title=7, dates=5.5, name=16, position=7, unit=7, award=5.5,
        label=4.5, seat=8, workshop=6, band=14, version=5,
    ),
    gap=0.6 * mm,
    workshop_titles=1,
)  # fmt: skip

_LAYOUTS = {BadgeSize.A6: _A6, BadgeSize.ID1: _ID1}


Align = Literal["centre", "left"]


@lru_cache(maxsize=256)
def _color(hex_code: str) -> Color:
    return HexColor(hex_code)


@lru_cache(maxsize=256)
def _ink_on(background: str) -> str:
    """Black or white, whichever reads better on the background (WCAG relative luminance)."""
    color = _color(background)

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    luminance = (
        0.2126 * linear(color.red) + 0.7152 * linear(color.green) + 0.0722 * linear(color.blue)
    )
    return INK if luminance > 0.4 else "#ffffff"


def _draw_lines(canvas: Canvas, text: FittedText, top: float, x: float, align: Align) -> float:
    """Draw fitted lines below top, centred on x or starting at x; return their bottom."""
    canvas.setFont(text.font, text.size)
    baseline = top - text.size * ASCENT
    for line, width in zip(text.lines, text.widths, strict=True):
        canvas.drawString(x - width / 2 if align == "centre" else x, baseline, line)
        baseline -= text.size * LEADING
    return top - text.height


def _draw_stack(
    canvas: Canvas, box: _Box, blocks: Sequence[Block], align: Align, middle: bool
) -> None:
    """Draw blocks top to bottom in the box, shrunk to fit, optionally centred vertically."""
    stack = fit_stack(blocks, box.width, box.height)
    height = sum(text.height + gap for text, gap in stack[:-1]) + (
        stack[-1][0].height if stack else 0
    )
    top = box.top - ((box.height - height) / 2 if middle else 0)
    x = box.centre if align == "centre" else box.x
    colors = [block.color for block in blocks if block.text]
    for (text, gap), color in zip(stack, colors, strict=True):
        canvas.setFillColor(_color(color))
        top = _draw_lines(canvas, text, top, x, align) - gap


def _draw_star(canvas: Canvas, cx: float, cy: float, radius: float) -> None:
    # Be Vietnam Pro has no "★", so the award's star is drawn.
    path = canvas.beginPath()
    for point in range(10):
        r = radius if point % 2 == 0 else radius * 0.42
        angle = pi / 2 + point * pi / 5
        (path.moveTo if point == 0 else path.lineTo)(cx + r * cos(angle), cy + r * sin(angle))
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def _draw_award(canvas: Canvas, layout: _Layout, top: float) -> float:
    """Draw the award-recipient mark, a gold pill centred below top; return its bottom."""
    text = fit_text(AWARD_TEXT, BOLD, layout.identity.width, layout.type.award)
    pad = text.size * 0.7
    star = text.size * 0.62
    pill_width = text.widths[0] + 2 * pad + 2 * star + pad * 0.5
    pill_height = text.size * 1.9
    left = layout.identity.centre - pill_width / 2
    bottom = top - pill_height
    canvas.setFillColor(_color(AWARD_GOLD))
    canvas.roundRect(left, bottom, pill_width, pill_height, pill_height / 2, stroke=0, fill=1)
    canvas.setFillColor(_color(AWARD_INK))
    _draw_star(canvas, left + pad + star, bottom + pill_height / 2, star)
    canvas.setFont(BOLD, text.size)
    canvas.drawString(
        left + pad + 2 * star + pad * 0.5, bottom + pill_height / 2 - text.size * 0.36, AWARD_TEXT
    )
    return bottom


def _draw_header(canvas: Canvas, layout: _Layout, event: BadgeEvent, rule_color: str) -> None:
    scale = layout.type
    blocks = [
        Block(event.organizer, SEMIBOLD, scale.organizer, 1, layout.gap, OFFICIAL_RED),
        Block(event.short_title, BOLD, scale.title, 3, layout.gap, TITLE_BLUE),
        Block(event.dates_text, REGULAR, scale.dates, 2, 0, MUTED),
    ]
    _draw_stack(canvas, layout.header, blocks, "centre", middle=True)
    canvas.setStrokeColor(_color(rule_color))
    canvas.setLineWidth(layout.gap / 2)
    header = layout.header
    canvas.line(header.x, layout.rule_y, header.x + header.width, layout.rule_y)


def _draw_identity(canvas: Canvas, layout: _Layout, badge: Badge) -> None:
    """Draw họ tên, chức vụ, đơn vị and, for an award recipient, the award mark below them."""
    scale = layout.type
    name = [Block(badge.full_name, BOLD, scale.name, 2, 0, INK)]
    _draw_stack(canvas, layout.name, name, "centre", middle=True)
    box = layout.identity
    award_room = scale.award * 1.9 + layout.gap if badge.award_recipient else 0
    blocks = [
        Block(badge.position, REGULAR, scale.position, 2, layout.gap / 2, INK),
        Block(badge.unit, SEMIBOLD, scale.unit, 2, 0, INK),
    ]
    text_box = _Box(box.x, box.y + award_room, box.width, box.height - award_room)
    _draw_stack(canvas, text_box, blocks, "centre", middle=True)
    if badge.award_recipient:
        _draw_award(canvas, layout, box.y + award_room - layout.gap)


def _draw_details(canvas: Canvas, layout: _Layout, badge: Badge) -> None:
    """Draw where the wearer sits and which workshop they attend, beside the QR code."""
    scale = layout.type
    blocks = []
    if badge.seat:
        blocks += [
            Block("GHẾ HỘI TRƯỜNG", SEMIBOLD, scale.label, 1, 0, MUTED),
            Block(badge.seat, BOLD, scale.seat, 1, layout.gap * 1.5, INK),
        ]
    if badge.workshops:
        blocks.append(Block("HỘI THẢO", SEMIBOLD, scale.label, 1, 0, MUTED))
        # Two workshops share the room one would have: fewer lines each, before shrinking.
        title_lines = 3 if len(badge.workshops) == 1 else 2
        titled = len(badge.workshops) <= layout.workshop_titles
        for workshop in badge.workshops:
            if titled:
                blocks.append(
                    Block(
                        workshop.title, SEMIBOLD, scale.workshop, title_lines, layout.gap / 2, INK
                    )
                )
            blocks.append(Block(workshop.where, REGULAR, scale.workshop, 1, layout.gap, INK))
    _draw_stack(canvas, layout.details, blocks, "left", middle=False)
    side = min(layout.qr.width, layout.qr.height)
    qr_x = layout.qr.x + layout.qr.width - side
    draw_qr(canvas, qr_modules(badge.qr_token), qr_x, layout.qr.y, side)


def _draw_band(canvas: Canvas, layout: _Layout, badge: Badge) -> None:
    """Draw the category's coloured band with its label, and the reprint number if any."""
    band = layout.band
    canvas.setFillColor(_color(badge.category.color))
    canvas.roundRect(band.x, band.y, band.width, band.height, layout.gap * 1.5, stroke=0, fill=1)
    ink = _ink_on(badge.category.color)
    label = [Block(badge.category.label, BOLD, layout.type.band, 1, 0, ink)]
    inner = _Box(
        band.x + band.width * 0.1, band.y + band.height * 0.1, band.width * 0.8, band.height * 0.8
    )
    _draw_stack(canvas, inner, label, "centre", middle=True)
    if badge.version > 1:
        canvas.setFont(REGULAR, layout.type.version)
        right, baseline = band.x + band.width - layout.gap * 2, band.y + layout.gap * 1.5
        canvas.drawRightString(right, baseline, f"Bản in lần {badge.version}")


def _draw_badge(canvas: Canvas, layout: _Layout, event: BadgeEvent, badge: Badge) -> None:
    _draw_header(canvas, layout, event, badge.category.color)
    _draw_identity(canvas, layout, badge)
    _draw_details(canvas, layout, badge)
    _draw_band(canvas, layout, badge)


def _draw_crop_marks(
    canvas: Canvas, width: float, height: float, cut_x: float, cut_y: float
) -> None:
    """Mark the two guillotine cuts of a four-up sheet where they meet the edges and each other."""
    length = 4.5 * mm
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.25)
    canvas.line(cut_x, 0, cut_x, length)
    canvas.line(cut_x, height - length, cut_x, height)
    canvas.line(0, cut_y, length, cut_y)
    canvas.line(width - length, cut_y, width, cut_y)
    canvas.line(cut_x - length, cut_y, cut_x + length, cut_y)
    canvas.line(cut_x, cut_y - length, cut_x, cut_y + length)


def render_badges(
    event: BadgeEvent,
    badges: Sequence[Badge],
    size: BadgeSize = BadgeSize.A6,
    sheet: Sheet = Sheet.ONE_PER_PAGE,
) -> bytes:
    """Return a PDF of the badges in the order given (see sort_badges for print order)."""
    if not badges:
        raise ValueError("no badges to render")
    if sheet is Sheet.A4_FOUR_UP and size is not BadgeSize.A6:
        raise ValueError("only A6 badges are imposed four to an A4 sheet")
    register_fonts()
    layout = _LAYOUTS[size]
    page_size = A4 if sheet is Sheet.A4_FOUR_UP else (layout.width, layout.height)
    buffer = io.BytesIO()
    # invariant: the same badges give the same bytes (no creation date in the file).
    canvas = Canvas(buffer, pagesize=page_size, invariant=True)
    canvas.setTitle(f"Thẻ đại biểu – {event.short_title}")
    if sheet is Sheet.ONE_PER_PAGE:
        for badge in badges:
            _draw_badge(canvas, layout, event, badge)
            canvas.showPage()
    else:
        sheet_width, sheet_height = page_size
        # Four A6 fill an A4 but for 1 mm of height, split above and below.
        bottom = (sheet_height - 2 * layout.height) / 2
        cells = [
            (0, bottom + layout.height),
            (layout.width, bottom + layout.height),
            (0, bottom),
            (layout.width, bottom),
        ]
        for first in range(0, len(badges), 4):
            for badge, (x, y) in zip(badges[first : first + 4], cells, strict=False):
                canvas.saveState()
                canvas.translate(x, y)
                _draw_badge(canvas, layout, event, badge)
                canvas.restoreState()
            _draw_crop_marks(
                canvas, sheet_width, sheet_height, layout.width, bottom + layout.height
            )
            canvas.showPage()
    canvas.save()
    return buffer.getvalue()
