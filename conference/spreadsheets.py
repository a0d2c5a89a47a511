"""Spreadsheets in and out (XLSX, and CSV in): plain data and bytes, no database.

The offices work in Excel: imports accept what they save (XLSX, or CSV in UTF-8) and exports
are XLSX files with a frozen, filterable header row that print on one page width.
"""

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter


class UnreadableFile(Exception):
    """The file is not a spreadsheet we can read; `reason` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _cells_from_xlsx(content: bytes) -> list[list[str]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError) as error:
        raise UnreadableFile("not_xlsx") from error
    sheet = workbook.worksheets[0]
    rows = [
        ["" if cell is None else str(cell) for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    workbook.close()
    return rows


def _cells_from_csv(content: bytes) -> list[list[str]]:
    try:
        decoded = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile("not_utf8") from error
    try:
        dialect = csv.Sniffer().sniff(decoded[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(decoded), dialect))


def read_table(filename: str, content: bytes) -> list[list[str]]:
    """Return the first sheet of an XLSX file, or a CSV file, as rows of strings."""
    if filename.lower().endswith(".xlsx"):
        rows = _cells_from_xlsx(content)
    elif filename.lower().endswith(".csv"):
        rows = _cells_from_csv(content)
    else:
        raise UnreadableFile("unknown_type")
    if not rows:
        raise UnreadableFile("empty")
    return rows


@dataclass(frozen=True)
class Sheet:
    """A table to write: a title, column headings with widths, and rows of cell values."""

    title: str
    headings: list[tuple[str, int]]
    rows: list[list[object]]


def write_xlsx(sheets: list[Sheet], generated_at: datetime) -> bytes:
    """Write tables as an XLSX workbook the offices can open, filter and print."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="0B3D73")
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.title[:31])
        worksheet.append([heading for heading, _width in sheet.headings])
        for index, (_heading, width) in enumerate(sheet.headings, start=1):
            cell = worksheet.cell(row=1, column=index)
            cell.font, cell.fill = header_font, header_fill
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            worksheet.column_dimensions[get_column_letter(index)].width = width
        for row in sheet.rows:
            worksheet.append(row)
        worksheet.freeze_panes = "A2"
        if sheet.rows:
            worksheet.auto_filter.ref = worksheet.dimensions
        worksheet.print_options.gridLines = True
        worksheet.page_setup.orientation = "landscape"
        worksheet.page_setup.fitToWidth = 1
    workbook.properties.created = generated_at.replace(tzinfo=None)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
