"""The printable floor plan: a `FloorPlan` and the booths' holders in, PDF bytes out.

The first page (A4 landscape) draws the hall to scale: obstacles shaded and named, every booth
with its code and its holder's name, coloured by the holder's kind, with marks for power and
corners. The pages after it (A4 portrait) list the booths in code order with their holders, so
that a name too long for its booth is still read in full. No Flask, no database.
"""

import io
from collections.abc import Mapping
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LongTable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)

from conference import pdffonts
from conference.documents import markup, official_heading
from conference.exhibition.booths import Booth, FloorPlan

# Fills for the holders' kinds, in the order the kinds first appear on the plan.
PALETTE = ["#dbeafe", "#dcfce7", "#fef3c7", "#fce7f3", "#ede9fe", "#ccfbf1", "#fee2e2", "#e5e7eb"]
POWER = colors.HexColor("#d97706")
INK = colors.HexColor("#1f2937")
MARGIN = 12 * mm
LARGEST_TEXT, SMALLEST_TEXT = 6.5, 4.2


@dataclass(frozen=True)
class BoothHolder:
    name: str
    kind: str = ""
    district: str = ""
    colour: str = ""  # "#rrggbb" for the kind; the palette's next colour if empty


@dataclass(frozen=True)
class PlanDocument:
    title: str
    subtitle: str = ""
    place_and_date: str = ""
    issuer: tuple[str, str] = ("UBND THÀNH PHỐ HÀ NỘI", "SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    # obstacle label in the plan → the words printed on it ("stage" → "Sân khấu")
    obstacle_labels: Mapping[str, str] = field(default_factory=dict)
    legend_power: str = "Gian có điện"
    legend_corner: str = "Gian góc"
    legend_free: str = "Gian còn trống"
    list_title: str = "DANH SÁCH GIAN HÀNG"
    list_headings: tuple[str, str, str, str] = (
        "Gian",
        "Đơn vị trưng bày",
        "Loại hình",
        "Quận, huyện",
    )
    free_text: str = "(còn trống)"


def _fit(name: str, width: float, height: float) -> tuple[float, list[str]]:
    """The largest font size at which the name's lines fit the box, and the lines.

    At the smallest size the lines that do not fit are cut, the last one ending with "…".
    """
    size = LARGEST_TEXT
    while True:
        lines = simpleSplit(name, pdffonts.REGULAR, size, width)
        if len(lines) * size * 1.15 <= height or size <= SMALLEST_TEXT:
            break
        size = round(size - 0.3, 2)
    room = max(int(height // (size * 1.15)), 0)
    if len(lines) > room:
        lines = lines[:room]
        if lines:
            lines[-1] = lines[-1].rstrip(" ,") + "…"
    return size, lines


class _Hall(Flowable):
    """The hall drawn to scale in the space the frame gives it."""

    def __init__(self, plan: FloorPlan, holders, fills, document: PlanDocument, height: float):
        super().__init__()
        self.plan, self.holders, self.fills, self.document = plan, holders, fills, document
        self.wanted_height = height

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = min(self.wanted_height, available_height)
        return self.width, self.height

    def draw(self):
        plan, canvas = self.plan, self.canv
        cell = min(self.width / plan.width, self.height / plan.height)
        left = (self.width - cell * plan.width) / 2
        top = self.height

        def box(x: int, y: int, w: int, h: int) -> tuple[float, float, float, float]:
            return left + x * cell, top - (y + h) * cell, w * cell, h * cell

        canvas.setStrokeColor(INK)
        canvas.setLineWidth(1.2)
        canvas.rect(*box(0, 0, plan.width, plan.height))
        for obstacle in plan.obstacles:
            x, y, w, h = box(obstacle.x, obstacle.y, obstacle.w, obstacle.h)
            canvas.setFillColor(colors.HexColor("#d1d5db"))
            canvas.setLineWidth(0.5)
            canvas.rect(x, y, w, h, fill=1)
            label = self.document.obstacle_labels.get(obstacle.label, obstacle.label)
            size, lines = _fit(label.upper(), w - 2, h - 2)
            self._lines(
                lines, pdffonts.BOLD, size, x + w / 2, y + h / 2, colors.HexColor("#374151")
            )
        for booth in plan.booths:
            self._booth(booth, box(booth.x, booth.y, booth.w, booth.h))

    def _booth(self, booth: Booth, area) -> None:
        canvas = self.canv
        x, y, w, h = area
        holder = self.holders.get(booth.code)
        canvas.setLineWidth(0.8)
        canvas.setStrokeColor(INK)
        if holder is None:
            canvas.setDash(2, 2)
            canvas.setFillColor(colors.white)
        else:
            canvas.setFillColor(colors.HexColor(self.fills[holder.kind]))
        canvas.rect(x + 1, y + 1, w - 2, h - 2, fill=1)
        canvas.setDash()
        pad = 2.2
        canvas.setFillColor(INK)
        canvas.setFont(pdffonts.BOLD, 7)
        canvas.drawString(x + pad + 1, y + h - pad - 7, booth.code)
        if booth.electricity:
            canvas.setFillColor(POWER)
            canvas.circle(x + w - pad - 3, y + h - pad - 3, 2.2, stroke=0, fill=1)
        if booth.corner:
            canvas.setFillColor(INK)
            path = canvas.beginPath()
            path.moveTo(x + 1, y + 1)
            path.lineTo(x + 7, y + 1)
            path.lineTo(x + 1, y + 7)
            path.close()
            canvas.drawPath(path, stroke=0, fill=1)
        if holder is not None:
            size, lines = _fit(holder.name, w - 2 * pad - 2, h - 2 * pad - 10)
            middle = y + (h - 10) / 2
            self._lines(lines, pdffonts.REGULAR, size, x + w / 2, middle, INK)

    def _lines(self, lines, font, size, centre_x, centre_y, colour) -> None:
        canvas = self.canv
        canvas.setFillColor(colour)
        canvas.setFont(font, size)
        leading = size * 1.15
        first = centre_y + (len(lines) - 1) * leading / 2 - size / 3
        for index, line in enumerate(lines):
            canvas.drawCentredString(centre_x, first - index * leading, line)


def _styles() -> dict[str, ParagraphStyle]:
    pdffonts.register()
    base = ParagraphStyle("base", fontName=pdffonts.REGULAR, fontSize=9.5, leading=12)
    centred = ParagraphStyle("centred", parent=base, alignment=TA_CENTER)
    return {
        "cell": base,
        "head": ParagraphStyle("head", parent=centred, fontName=pdffonts.BOLD),
        "issuer": ParagraphStyle("issuer", parent=centred, fontSize=9, leading=11.5),
        "title": ParagraphStyle(
            "title", parent=centred, fontName=pdffonts.BOLD, fontSize=13, leading=16
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=centred, fontName=pdffonts.ITALIC, fontSize=10, leading=13
        ),
    }


def _header(document: PlanDocument, styles, width: float) -> list:
    header = official_heading(document.issuer, document.place_and_date, styles["issuer"], width)
    story = [header, Spacer(1, 3 * mm), Paragraph(markup(document.title), styles["title"])]
    if document.subtitle:
        story.append(Paragraph(markup(document.subtitle), styles["subtitle"]))
    return [*story, Spacer(1, 3 * mm)]


class _Legend(Flowable):
    """Swatches and marks with their meaning, in rows (the font has no geometric shapes)."""

    SIZE = 8

    def __init__(self, items: list[tuple[str, colors.Color, str]]):
        super().__init__()
        self.items = items  # (shape: "box", "dashed", "dot" or "corner"; colour; words)

    def _rows(self, width: float) -> list[list[tuple[float, tuple]]]:
        rows: list[list[tuple[float, tuple]]] = [[]]
        x = 0.0
        for item in self.items:
            step = 14 + pdfmetrics.stringWidth(item[2], pdffonts.REGULAR, self.SIZE) + 14
            if rows[-1] and x + step > width:
                rows.append([])
                x = 0.0
            rows[-1].append((x, item))
            x += step
        return rows

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = len(self._rows(available_width)) * (self.SIZE + 5)
        return self.width, self.height

    def draw(self):
        canvas, size = self.canv, self.SIZE
        for number, row in enumerate(self._rows(self.width)):
            y = self.height - (number + 1) * (size + 5) + 3
            for x, (shape, colour, words) in row:
                canvas.setFillColor(colour)
                canvas.setStrokeColor(INK)
                canvas.setLineWidth(0.6)
                if shape == "dot":
                    canvas.circle(x + size / 2, y + size / 2, 2.5, stroke=0, fill=1)
                elif shape == "corner":
                    path = canvas.beginPath()
                    path.moveTo(x, y)
                    path.lineTo(x + size, y)
                    path.lineTo(x, y + size)
                    path.close()
                    canvas.drawPath(path, stroke=0, fill=1)
                else:
                    canvas.setDash(*((1.5, 1.5) if shape == "dashed" else ()))
                    canvas.rect(x, y, size, size, fill=1)
                    canvas.setDash()
                canvas.setFillColor(INK)
                canvas.setFont(pdffonts.REGULAR, size)
                canvas.drawString(x + size + 4, y + 1, words)


def _legend(document: PlanDocument, fills: Mapping[str, str]) -> _Legend:
    items = [("box", colors.HexColor(fill), kind) for kind, fill in fills.items() if kind]
    items += [
        ("dot", POWER, document.legend_power),
        ("corner", INK, document.legend_corner),
        ("dashed", colors.white, document.legend_free),
    ]
    return _Legend(items)


def _booth_list(plan: FloorPlan, holders, document: PlanDocument, styles, width: float) -> list:
    rows = [[Paragraph(markup(heading), styles["head"]) for heading in document.list_headings]]
    for booth in sorted(plan.booths, key=lambda booth: booth.code):
        holder = holders.get(booth.code)
        cells = (
            [booth.code, holder.name, holder.kind, holder.district]
            if holder
            else [booth.code, document.free_text, "", ""]
        )
        rows.append([Paragraph(markup(cell), styles["cell"]) for cell in cells])
    table = LongTable(
        rows, colWidths=[width * share for share in (0.1, 0.46, 0.24, 0.2)], repeatRows=1
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return [Paragraph(markup(document.list_title), styles["title"]), Spacer(1, 4 * mm), table]


def _page_number(canvas, pdf) -> None:
    canvas.saveState()
    canvas.setFont(pdffonts.REGULAR, 8)
    width = canvas._pagesize[0]
    canvas.drawCentredString(width / 2, 7 * mm, str(canvas.getPageNumber()))
    canvas.restoreState()


def render_plan(
    plan: FloorPlan, holders: Mapping[str, BoothHolder], document: PlanDocument
) -> bytes:
    """Return the floor plan and the list of booths as a PDF."""
    styles = _styles()
    output = io.BytesIO()
    across, portrait = landscape(A4), A4
    pdf = BaseDocTemplate(
        output, pagesize=across, title=document.title, author=document.issuer[1],
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
    )  # fmt: skip
    pdf.addPageTemplates(
        [
            PageTemplate(
                "map",
                [Frame(MARGIN, MARGIN, across[0] - 2 * MARGIN, across[1] - 2 * MARGIN, id="map")],
                pagesize=across,
                onPage=_page_number,
            ),
            PageTemplate(
                "list",
                [
                    Frame(
                        MARGIN,
                        MARGIN,
                        portrait[0] - 2 * MARGIN,
                        portrait[1] - 2 * MARGIN,
                        id="list",
                    )
                ],
                pagesize=portrait,
                onPage=_page_number,
            ),
        ]
    )
    fills: dict[str, str] = {}
    for booth in plan.booths:
        if booth.code in holders:
            holder = holders[booth.code]
            fills.setdefault(holder.kind, holder.colour or PALETTE[len(fills) % len(PALETTE)])
    map_width = across[0] - 2 * MARGIN
    header = _header(document, styles, map_width)
    legend = _legend(document, fills)
    used = sum(item.wrap(map_width, across[1])[1] for item in [*header, legend])
    hall_height = across[1] - 2 * MARGIN - used - 8 * mm
    story = [
        *header,
        _Hall(plan, holders, fills, document, hall_height),
        Spacer(1, 3 * mm),
        legend,
        NextPageTemplate("list"),
        PageBreak(),
        *_booth_list(plan, holders, document, styles, portrait[0] - 2 * MARGIN),
    ]
    pdf.build(story)
    return output.getvalue()
