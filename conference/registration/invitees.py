"""Reading an invitee list: every row checked on its own, every problem with its line number.

The service then checks what needs the database (categories, people already invited) and
saves all rows or none.
"""

from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email

from conference import text
from conference.spreadsheets import UnreadableFile, read_table

MAX_ROWS = 5000
# Header spellings accepted for each column, compared without accents or case.
COLUMNS = {
    "full_name": ("ho va ten", "ho ten", "name", "full name"),
    "position": ("chuc vu", "position", "title"),
    "organization": ("don vi", "don vi cong tac", "co quan", "organisation", "organization"),
    "category": ("thanh phan", "category"),
    "email": ("email", "e-mail", "thu dien tu"),
    "honorific": ("danh xung", "honorific"),
}
REQUIRED = ("full_name", "category", "email")
LIMITS = {"full_name": 120, "position": 200, "organization": 200, "category": 200, "email": 254}
HONORIFICS = {"ong": "ong", "ba": "ba", "mr": "ong", "mrs": "ba", "ms": "ba"}


@dataclass(frozen=True)
class InviteeRow:
    line: int
    full_name: str
    position: str
    organization: str
    category: str
    email: str
    honorific: str | None = None


@dataclass(frozen=True)
class RowError:
    """A problem in the file: `reason` is a code the view turns into a sentence."""

    line: int
    column: str
    reason: str
    value: str = ""


def _header_map(header: list[str]) -> dict[str, int]:
    positions = {}
    for index, title in enumerate(header):
        folded = text.fold(title).strip(" :*")
        for column, spellings in COLUMNS.items():
            if folded in spellings and column not in positions:
                positions[column] = index
    return positions


def _check_cell(line: int, column: str, value: str) -> RowError | None:
    if column in REQUIRED and not value:
        return RowError(line, column, "missing")
    if len(value) > LIMITS.get(column, 200):
        return RowError(line, column, "too_long", value[:40] + "…")
    if text.has_control_characters(value):
        return RowError(line, column, "control_characters")
    return None


def read_invitees(filename: str, content: bytes) -> tuple[list[InviteeRow], list[RowError]]:
    """Return the rows of an invitee list and every problem found, each with its line number.

    Rows with problems are returned too, so that the database checks (categories, people
    already invited) report on every line at once; nothing is imported while errors remain.
    """
    cells = read_table(filename, content)
    positions = _header_map(cells[0])
    missing = [column for column in REQUIRED if column not in positions]
    if missing:
        return [], [RowError(1, column, "missing_column") for column in missing]
    if len(cells) - 1 > MAX_ROWS:
        return [], [RowError(1, "", "too_many_rows", str(MAX_ROWS))]

    rows: list[InviteeRow] = []
    errors: list[RowError] = []
    first_line_of_email: dict[str, int] = {}
    for line, raw in enumerate(cells[1:], start=2):
        values = {
            column: text.normalize(raw[index]) if index < len(raw) else ""
            for column, index in positions.items()
        }
        if not any(values.values()):
            continue
        row_errors = [
            error for column, value in values.items() if (error := _check_cell(line, column, value))
        ]
        email = values["email"].lower()
        if not any(error.column == "email" for error in row_errors):
            try:
                validate_email(email, check_deliverability=False)
            except EmailNotValidError:
                row_errors.append(RowError(line, "email", "invalid_email", email))
            else:
                if email in first_line_of_email:
                    row_errors.append(
                        RowError(
                            line, "email", "duplicate_in_file", str(first_line_of_email[email])
                        )
                    )
                first_line_of_email.setdefault(email, line)
        honorific = values.get("honorific", "")
        if honorific and text.fold(honorific) not in HONORIFICS:
            row_errors.append(RowError(line, "honorific", "invalid_honorific", honorific))
        errors.extend(row_errors)
        rows.append(
            InviteeRow(
                line=line,
                full_name=values["full_name"],
                position=values.get("position", ""),
                organization=values.get("organization", ""),
                category=values["category"],
                email=email,
                honorific=HONORIFICS.get(text.fold(honorific)),
            )
        )
    if not rows and not errors:
        raise UnreadableFile("empty")
    return rows, errors
