"""Printable lists in the layout of an official document: plain data in, PDF bytes out.

The header follows Vietnamese administrative documents (the issuing body on the left, the
national motto on the right), then a title, then numbered tables grouped under headings, with
page numbers. Used for the delegate list, the list proposed for commendation and the like.
"""

import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from conference import pdffonts


@dataclass(frozen=True)
class Column:
    heading: str
    width: float  # share of the table width; the shares are scaled to fill it


@dataclass(frozen=True)
class Group:
    heading: str
    rows: list[list[str]]


@dataclass(frozen=True)
class ListDocument:
    title: str
    subtitle: str
    columns: list[Column]
    groups: list[Group]
    issuer: tuple[str, str] = ("UBND THÀNH PHỐ HÀ NỘI", "SỞ KHOA HỌC VÀ CÔNG NGHỆ")
    place_and_date: str = ""
    summary: list[tuple[str, str]] = field(default_factory=list)
    landscape: bool = False
    numbered: bool = True


def _styles() -> dict[str, ParagraphStyle]:
    pdffonts.register()
    base = ParagraphStyle("base", fontName=pdffonts.REGULAR, fontSize=9.5, leading=12)
    return {
        "cell": base,
        "head": ParagraphStyle("head", parent=base, fontName=pdffonts.BOLD, alignment=TA_CENTER),
        "issuer": ParagraphStyle(
            "issuer", parent=base, alignment=TA_CENTER, fontSize=10, leading=13
        ),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=pdffonts.BOLD,
            fontSize=13,
            leading=17,
            alignment=TA_CENTER,
        ),
        "subtitle": ParagraphStyle(
            "subtitle",
            parent=base,
            fontName=pdffonts.ITALIC,
            alignment=TA_CENTER,
            fontSize=10.5,
            leading=14,
        ),
        "group": ParagraphStyle(
            "group", parent=base, fontName=pdffonts.BOLD, fontSize=10.5, leading=14
        ),
    }


def markup(value: object) -> str:
    """Return any value as text that a reportlab Paragraph shows as it is."""
    return escape(str(value))


def official_heading(
    issuer: tuple[str, str], place_and_date: str, style: ParagraphStyle, width: float
) -> Table:
    """Return the heading of an official document: the issuing body on the left; the national
    name and motto (quốc hiệu, tiêu ngữ) with the place and date on the right."""
    left = Paragraph(f"{markup(issuer[0])}<br/><b>{markup(issuer[1])}</b>", style)
    right = Paragraph(
        "<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br/><b>Độc lập - Tự do - Hạnh phúc</b>"
        + (f"<br/><i>{markup(place_and_date)}</i>" if place_and_date else ""),
        style,
    )
    heading = Table([[left, right]], colWidths=[width * 0.42, width * 0.58])
    heading.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("PADDING", (0, 0), (-1, -1), 0)])
    )
    return heading


def _header(document: ListDocument, styles, width: float) -> list:
    return [
        official_heading(document.issuer, document.place_and_date, styles["issuer"], width),
        Spacer(1, 8 * mm),
        Paragraph(markup(document.title), styles["title"]),
        Paragraph(markup(document.subtitle), styles["subtitle"])
        if document.subtitle
        else Spacer(1, 0),
        Spacer(1, 5 * mm),
    ]


def _table(
    document: ListDocument, group: Group, styles, width: float, first_number: int
) -> LongTable:
    # The row number gets a fixed width that holds four digits, the other columns share the rest.
    number_width = 12 * mm if document.numbered else 0
    total = sum(column.width for column in document.columns)
    widths = ([number_width] if document.numbered else []) + [
        (width - number_width) * column.width / total for column in document.columns
    ]
    columns = ([Column("TT", 0)] if document.numbered else []) + document.columns
    rows = [[Paragraph(markup(column.heading), styles["head"]) for column in columns]]
    for number, row in enumerate(group.rows, start=first_number):
        cells = ([str(number)] if document.numbered else []) + list(row)
        rows.append([Paragraph(markup(cell), styles["cell"]) for cell in cells])
    table = LongTable(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf3")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _page_number(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont(pdffonts.REGULAR, 8.5)
    canvas.drawCentredString(doc.pagesize[0] / 2, 10 * mm, f"Trang {doc.page}")
    canvas.restoreState()


def render_list(document: ListDocument) -> bytes:
    """Return the document as PDF bytes."""
    styles = _styles()
    pagesize = landscape(A4) if document.landscape else A4
    output = io.BytesIO()
    pdf = SimpleDocTemplate(
        output, pagesize=pagesize, leftMargin=18 * mm, rightMargin=15 * mm,
        topMargin=15 * mm, bottomMargin=18 * mm, title=document.title, author=document.issuer[1],
    )  # fmt: skip
    width = pagesize[0] - pdf.leftMargin - pdf.rightMargin
    story = _header(document, styles, width)
    number = 1
    for group in document.groups:
        if group.heading:
            story.append(
                KeepTogether([Paragraph(markup(group.heading), styles["group"]), Spacer(1, 2 * mm)])
            )
        story.append(_table(document, group, styles, width, number))
        story.append(Spacer(1, 5 * mm))
        number += len(group.rows)
    if document.summary:
        summary = Table(
            [[Paragraph(markup(label), styles["cell"]), Paragraph(markup(value), styles["cell"])]
             for label, value in document.summary],
            colWidths=[width * 0.6, width * 0.2],
        )  # fmt: skip
        summary.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]))
        story.append(summary)
    pdf.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return output.getvalue()
