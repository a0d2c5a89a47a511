"""Printed seating: the seat plan (sơ đồ chỗ ngồi) and table name cards (biển tên).

Plain data in, PDF bytes out, no Flask and no database; the words are Vietnamese because
these are the host department's printed documents. Everything is set in Be Vietnam Pro,
which has every Vietnamese glyph.

The seat plan's first page draws the hall with the stage at the top, each seat tinted with
its category's colour and holding the person's name, and a legend; the pages after list
everyone with their seat, in the order given (the service sorts them the Vietnamese way),
for the ushers at the door. A name card is an A4 sheet folded lengthwise into a tent: the
upper half is printed upside down so that both faces read upright once folded.
"""

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    LongTable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from conference import pdffonts
from conference.documents import markup
from conference.seating.planner import AISLE_WIDTH, Layout
from conference.seating.svg import color as safe_color

STAGE = "SÂN KHẤU"
FREE = "Ghế trống"
BLOCKED = "Ghế không sử dụng"
AWARD = "Nhận khen thưởng"
LIST_TITLE = "DANH SÁCH CHỖ NGỒI"
INK = colors.HexColor("#111827")
MUTED = colors.HexColor("#6b7280")
GOLD = colors.HexColor("#f2b705")
MARGIN = 12 * mm
# Above this many seat columns an A4 sheet leaves names too small to read: use A3.
A4_COLUMNS = 24


@dataclass(frozen=True)
class PrintedSeat:
    name: str
    color: str  # the category's colour, #rrggbb
    award: bool = False


@dataclass(frozen=True)
class LegendEntry:
    label: str
    color: str
    count: int


@dataclass(frozen=True)
class ListedPerson:
    name: str  # with the honorific: "Ông Nguyễn Văn An"
    detail: str  # position and unit
    seat: str


@dataclass(frozen=True)
class SeatPlanDocument:
    title: str  # "SƠ ĐỒ CHỖ NGỒI"
    subtitle: str  # what gathers there: the conference, or a workshop
    room: str
    layout: Layout
    seats: Mapping[str, PrintedSeat]  # seat label → who sits there
    legend: Sequence[LegendEntry]
    people: Sequence[ListedPerson]  # in the order to print them
    place_and_date: str = ""


@dataclass(frozen=True)
class NameCard:
    honorific: str  # "Ông", "Bà"
    name: str
    position: str
    organization: str
    seat: str = ""  # printed small inside the fold, for whoever sets out the cards


def render_seat_plan(document: SeatPlanDocument) -> bytes:
    """Return the seat plan: the hall with names and a legend, then the list by name."""
    pdffonts.register()
    widest = max(_x(document.layout, row.seats) for row in document.layout.rows)
    pagesize = landscape(A4 if widest <= A4_COLUMNS else A3)
    output = io.BytesIO()
    pdf = SimpleDocTemplate(
        output, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm, title=f"{document.title} — {document.room}",
        author="Sở Khoa học và Công nghệ Hà Nội", initialFontName=pdffonts.REGULAR,
    )  # fmt: skip
    styles = _styles()
    story = [
        Paragraph(markup(document.title), styles["title"]),
        Paragraph(markup(f"{document.subtitle} — {document.room}"), styles["subtitle"]),
    ]
    if document.place_and_date:
        story.append(Paragraph(markup(document.place_and_date), styles["date"]))
    story += [
        Spacer(1, 3 * mm),
        _Hall(document.layout, document.seats, widest),
        Spacer(1, 4 * mm),
        _legend(document, pdf.width, styles),
    ]
    if document.people:
        story += [PageBreak(), Paragraph(LIST_TITLE, styles["title"])]
        story += [Paragraph(markup(f"{document.subtitle} — {document.room}"), styles["subtitle"])]
        story += [Spacer(1, 4 * mm), _people_table(document.people, pdf.width, styles)]
    pdf.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return output.getvalue()


def render_name_cards(cards: Sequence[NameCard]) -> bytes:
    """Return one folded tent card per A4 sheet, both faces reading upright once folded."""
    pdffonts.register()
    output = io.BytesIO()
    width, height = landscape(A4)
    # Not reportlab's default Helvetica, which has no Vietnamese letters, even as a fallback.
    canvas = Canvas(output, pagesize=(width, height), initialFontName=pdffonts.REGULAR)
    canvas.setTitle("Biển tên đại biểu")
    canvas.setAuthor("Sở Khoa học và Công nghệ Hà Nội")
    for card in cards:
        half = height / 2
        _fold_line(canvas, width, half)
        _card_face(canvas, card, width, half)
        canvas.saveState()
        canvas.translate(width, height)
        canvas.rotate(180)
        _card_face(canvas, card, width, half)
        canvas.restoreState()
        if card.seat:
            canvas.setFont(pdffonts.REGULAR, 7)
            canvas.setFillColor(MUTED)
            canvas.drawRightString(width - 8 * mm, half - 5 * mm, f"Ghế {card.seat}")
        canvas.showPage()
    if not cards:
        canvas.showPage()
    canvas.save()
    return output.getvalue()


# --- the hall -------------------------------------------------------------------------------------


def _x(layout: Layout, number: int) -> int:
    return number + AISLE_WIDTH * sum(1 for aisle in layout.aisles_after if aisle < number)


class _Hall(Flowable):
    """The stage and every seat, scaled to the frame's width."""

    def __init__(self, layout: Layout, seats: Mapping[str, PrintedSeat], widest: int):
        super().__init__()
        self.layout, self.seats, self.widest = layout, seats, widest

    def wrap(self, available_width, available_height):
        self.label_width = 7 * mm
        self.pitch = min((available_width - 2 * self.label_width) / self.widest, 22 * mm)
        self.seat_width = self.pitch * 0.92
        self.stage_height = 9 * mm
        room_for_rows = available_height - self.stage_height - 4 * mm - 45 * mm  # the legend
        self.row_pitch = min(self.seat_width * 0.72, room_for_rows / len(self.layout.rows))
        self.seat_height = self.row_pitch * 0.88
        self.width = available_width
        self.height = self.stage_height + 4 * mm + self.row_pitch * len(self.layout.rows)
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        hall_width = self.widest * self.pitch
        left = (self.width - hall_width) / 2
        top = self.height
        canvas.setFillColor(colors.HexColor("#0b3d73"))
        canvas.roundRect(
            left, top - self.stage_height, hall_width, self.stage_height, 4, stroke=0, fill=1
        )
        canvas.setFillColor(colors.white)
        canvas.setFont(pdffonts.BOLD, 11)
        canvas.drawCentredString(self.width / 2, top - self.stage_height / 2 - 4, STAGE)
        for index, row in enumerate(self.layout.rows):
            y = top - self.stage_height - 4 * mm - (index + 1) * self.row_pitch
            offset = left + (self.widest - _x(self.layout, row.seats)) * self.pitch / 2
            canvas.setFillColor(MUTED)
            canvas.setFont(pdffonts.BOLD, 9)
            middle = y + self.seat_height / 2 - 3
            canvas.drawCentredString(left - self.label_width / 2, middle, row.label)
            canvas.drawCentredString(left + hall_width + self.label_width / 2, middle, row.label)
            for number in range(1, row.seats + 1):
                label = f"{row.label}{number}"
                x = offset + (_x(self.layout, number) - 1) * self.pitch
                self._seat(label, x, y)

    def _seat(self, label: str, x: float, y: float) -> None:
        canvas, w, h = self.canv, self.seat_width, self.seat_height
        canvas.saveState()
        person = self.seats.get(label)
        if label in self.layout.blocked:
            canvas.setFillColor(colors.HexColor("#d9dde3"))
            canvas.setStrokeColor(MUTED)
            canvas.roundRect(x, y, w, h, 2, stroke=0, fill=1)
            canvas.line(x + 2, y + 2, x + w - 2, y + h - 2)
            canvas.line(x + 2, y + h - 2, x + w - 2, y + 2)
        elif person is None:
            canvas.setStrokeColor(MUTED)
            canvas.setDash(1.5, 1.5)
            canvas.setLineWidth(0.5)
            canvas.roundRect(x, y, w, h, 2, stroke=1, fill=0)
        else:
            category = colors.HexColor(safe_color(person.color))
            canvas.setFillColor(_tint(category))
            canvas.setStrokeColor(category)
            canvas.setLineWidth(1.2)
            canvas.roundRect(x, y, w, h, 2, stroke=1, fill=1)
            canvas.setFillColor(category)
            canvas.rect(x, y + h - 1.6, w, 1.6, stroke=0, fill=1)
            self._name(person.name, x, y, w, h)
            if person.award:
                canvas.setFillColor(GOLD)
                canvas.circle(x + w - 2.6, y + h - 3.6, 1.8, stroke=0, fill=1)
        canvas.setFillColor(MUTED)
        canvas.setFont(pdffonts.REGULAR, min(4.5, h / 5))
        canvas.drawString(x + 1.5, y + h - min(4.5, h / 5) - 1.8, label)
        canvas.restoreState()

    def _name(self, name: str, x: float, y: float, w: float, h: float) -> None:
        lines = _two_lines(name)
        widest = max(stringWidth(line, pdffonts.BOLD, 1) for line in lines)
        size = max(min(6.5, (w - 2.5) / widest, h / 4.2), 3.2)
        canvas = self.canv
        canvas.setFillColor(INK)
        canvas.setFont(pdffonts.BOLD, size)
        middle = y + (h - 4) / 2
        first = middle + (size * 0.55 if len(lines) == 2 else -size * 0.35)
        for number, line in enumerate(lines):
            canvas.drawCentredString(x + w / 2, first - number * size * 1.15, line)


def _two_lines(name: str) -> list[str]:
    """Break a name into at most two lines, the wider of which is as narrow as possible."""
    words = name.split()
    if len(words) < 2:
        return [name]
    breaks = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    best = min(breaks, key=lambda pair: max(_width(pair[0]), _width(pair[1])))
    return list(best)


@lru_cache(maxsize=8192)
def _width(text: str) -> float:
    return stringWidth(text, pdffonts.BOLD, 1)


def _tint(color: colors.Color, share: float = 0.18) -> colors.Color:
    """The colour mixed into white: light enough for black text, and for a grey printer."""
    return colors.Color(*(1 - share + share * channel for channel in color.rgb()))


def _legend(document: SeatPlanDocument, width: float, styles) -> Table:
    """Each category with its count, then the marks that appear on this plan."""
    swatch_cells = [
        _swatch(colors.HexColor(safe_color(entry.color)), f"{entry.label} ({entry.count})", styles)
        for entry in document.legend
    ]
    swatch_cells.append(_swatch(None, FREE, styles))
    if document.layout.blocked:
        swatch_cells.append(_swatch(colors.HexColor("#d9dde3"), BLOCKED, styles, plain=True))
    if any(seat.award for seat in document.seats.values()):
        swatch_cells.append(_swatch(GOLD, AWARD, styles, dot=True))
    columns = 3
    rows = [swatch_cells[i : i + columns] for i in range(0, len(swatch_cells), columns)]
    rows[-1] += [""] * (columns - len(rows[-1]))
    table = Table(rows, colWidths=[width / columns] * columns)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), pdffonts.REGULAR),  # the empty cells too
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


class _Swatch(Flowable):
    def __init__(self, color, plain: bool, dot: bool):
        super().__init__()
        self.color, self.plain, self.dot = color, plain, dot
        self.width, self.height = 8 * mm, 4.5 * mm

    def draw(self):
        canvas = self.canv
        if self.dot:
            canvas.setFillColor(self.color)
            canvas.circle(self.width / 2, self.height / 2, 1.8 * mm, stroke=0, fill=1)
        elif self.color is None:
            canvas.setStrokeColor(MUTED)
            canvas.setDash(1.5, 1.5)
            canvas.roundRect(0, 0, self.width, self.height, 2, stroke=1, fill=0)
        else:
            canvas.setFillColor(self.color if self.plain else _tint(self.color))
            canvas.setStrokeColor(self.color)
            canvas.roundRect(
                0, 0, self.width, self.height, 2, stroke=0 if self.plain else 1, fill=1
            )


def _swatch(color, text: str, styles, plain: bool = False, dot: bool = False) -> Table:
    cell = Table(
        [[_Swatch(color, plain, dot), Paragraph(markup(text), styles["legend"])]],
        colWidths=[10 * mm, None],
    )
    cell.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), pdffonts.REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return cell


def _people_table(people: Sequence[ListedPerson], width: float, styles) -> LongTable:
    shares = [0.05, 0.27, 0.6, 0.08]
    headings = ["TT", "Họ và tên", "Chức vụ, đơn vị", "Ghế"]
    rows = [[Paragraph(heading, styles["head"]) for heading in headings]]
    for number, person in enumerate(people, start=1):
        cells = [str(number), person.name, person.detail, person.seat]
        rows.append([Paragraph(markup(cell), styles["row"]) for cell in cells])
    table = LongTable(rows, colWidths=[width * share for share in shares], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), pdffonts.REGULAR),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=pdffonts.REGULAR, fontSize=9.5, leading=12)
    return {
        "cell": base,
        "head": ParagraphStyle("head", parent=base, fontName=pdffonts.BOLD, alignment=TA_CENTER),
        "legend": ParagraphStyle("legend", parent=base, fontSize=8.5, leading=10.5),
        "row": ParagraphStyle("row", parent=base, fontSize=8.5, leading=10.5),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=pdffonts.BOLD,
            fontSize=15,
            leading=19,
            alignment=TA_CENTER,
        ),
        "subtitle": ParagraphStyle(
            "subtitle",
            parent=base,
            fontName=pdffonts.ITALIC,
            fontSize=10.5,
            leading=14,
            alignment=TA_CENTER,
        ),
        "date": ParagraphStyle(
            "date", parent=base, fontSize=9, alignment=TA_CENTER, textColor=MUTED
        ),
    }


def _page_number(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont(pdffonts.REGULAR, 8)
    canvas.setFillColor(MUTED)
    canvas.drawCentredString(doc.pagesize[0] / 2, 7 * mm, f"Trang {doc.page}")
    canvas.restoreState()


# --- name cards -----------------------------------------------------------------------------------


def _fold_line(canvas: Canvas, width: float, half: float) -> None:
    canvas.saveState()
    canvas.setStrokeColor(colors.HexColor("#9ca3af"))
    canvas.setLineWidth(0.4)
    canvas.setDash(4, 4)
    canvas.line(0, half, width, half)
    canvas.restoreState()


def _card_face(canvas: Canvas, card: NameCard, width: float, half: float) -> None:
    """Draw one face in the lower half: the name large, then position and unit smaller."""
    usable = width - 30 * mm
    name = f"{card.honorific} {card.name}".strip()
    name_size = min(54.0, usable / stringWidth(name, pdffonts.BOLD, 1))
    smaller = [
        _wrapped(card.position, pdffonts.REGULAR, 26, usable, 2),
        _wrapped(card.organization, pdffonts.REGULAR, 21, usable, 2),
    ]
    block = name_size + sum(len(lines) * size * 1.2 for lines, size in smaller)
    y = half / 2 + block / 2 - name_size * 0.8
    canvas.setFillColor(colors.HexColor("#b91c1c"))
    canvas.rect(15 * mm, half - 12 * mm, width - 30 * mm, 1.2, stroke=0, fill=1)
    canvas.setFillColor(INK)
    canvas.setFont(pdffonts.BOLD, name_size)
    canvas.drawCentredString(width / 2, y, name)
    y -= name_size * 0.3 + 3 * mm
    for lines, size in smaller:
        canvas.setFont(pdffonts.REGULAR, size)
        for line in lines:
            y -= size * 1.2
            canvas.drawCentredString(width / 2, y, line)


def _wrapped(text: str, font: str, size: float, width: float, most: int) -> tuple[list[str], float]:
    """Break text to the width, shrinking the size until it fits in `most` lines."""
    if not text:
        return [], size
    lines = simpleSplit(text, font, size, width)
    while len(lines) > most and size > 8:
        size -= 1
        lines = simpleSplit(text, font, size, width)
    return lines[:most], size
