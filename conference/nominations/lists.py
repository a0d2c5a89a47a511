"""The list proposed for commendation (danh sách đề nghị khen thưởng), as XLSX and as a PDF annex.

Plain rows in, bytes out, no Flask and no database. Both outputs are in Vietnamese whatever
the reader's language: they are official documents for the UBND. The order is the one such
annexes use: by award form (in the round's order), collectives before individuals, then by
proposing unit and name in Vietnamese order.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from conference import text
from conference.documents import Column, Group, ListDocument, render_list
from conference.spreadsheets import Sheet, write_xlsx

KIND_LABELS = {"collective": "Tập thể", "individual": "Cá nhân"}
GENDER_LABELS = {"male": "Nam", "female": "Nữ"}
HONORIFICS = {"male": "Ông", "female": "Bà"}
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
_KIND_ORDER = {"collective": 0, "individual": 1}


@dataclass(frozen=True)
class ListEntry:
    reference: str  # the nomination's number, e.g. "HS-0012"
    award_form: str
    award_form_order: int
    kind: str  # "collective" or "individual"
    name: str
    position: str
    organization: str
    unit: str  # the proposing unit
    achievement: str
    birth_year: int | None = None
    gender: str | None = None


def order_key(entry: ListEntry) -> tuple:
    name_key = text.name_sort_key if entry.kind == "individual" else text.sort_key
    return (
        entry.award_form_order,
        _KIND_ORDER[entry.kind],
        text.sort_key(entry.unit),
        name_key(entry.name),
    )


def ordered(entries: Iterable[ListEntry]) -> list[ListEntry]:
    return sorted(entries, key=order_key)


def grouped(entries: Iterable[ListEntry]) -> list[tuple[str, str, list[ListEntry]]]:
    """Return (award form, kind, entries) in list order."""
    groups: dict[tuple[str, str], list[ListEntry]] = {}
    for entry in ordered(entries):
        groups.setdefault((entry.award_form, entry.kind), []).append(entry)
    return [(form, kind, members) for (form, kind), members in groups.items()]


def unit_counts(entries: Iterable[ListEntry]) -> list[tuple[str, int, int]]:
    """Return (unit, collectives, individuals) for each proposing unit, in Vietnamese order."""
    counts: dict[str, list[int]] = {}
    for entry in entries:
        counts.setdefault(entry.unit, [0, 0])[_KIND_ORDER[entry.kind]] += 1
    return [
        (unit, collectives, individuals)
        for unit, (collectives, individuals) in sorted(
            counts.items(), key=lambda item: text.sort_key(item[0])
        )
    ]


def _count_phrase(collectives: int, individuals: int) -> str:
    return f"{collectives:02d} tập thể, {individuals:02d} cá nhân"


def _display_name(entry: ListEntry) -> str:
    honorific = HONORIFICS.get(entry.gender or "") if entry.kind == "individual" else None
    return f"{honorific} {entry.name}" if honorific else entry.name


def annex_pdf(entries: list[ListEntry], *, round_title: str, day: date) -> bytes:
    """Return the list in the layout of an official annex (phụ lục), landscape A4, dated `day`."""
    groups = []
    for number, (form, kind, members) in enumerate(grouped(entries)):
        heading = (
            f"{_ROMAN[number] if number < len(_ROMAN) else number + 1}. {form}: "
            f"{len(members):02d} {KIND_LABELS[kind].lower()}"
        )
        rows = [
            [_display_name(e), e.position, e.organization, e.achievement, e.unit] for e in members
        ]
        groups.append(Group(heading, rows))
    counts = unit_counts(entries)
    total_collectives = sum(collectives for _unit, collectives, _people in counts)
    total_individuals = sum(people for _unit, _collectives, people in counts)
    summary = [("Tổng hợp theo đơn vị đề nghị", "Số lượng")]
    summary += [(unit, _count_phrase(collectives, people)) for unit, collectives, people in counts]
    summary.append(("Tổng cộng", _count_phrase(total_collectives, total_individuals)))
    return render_list(
        ListDocument(
            title="DANH SÁCH TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG",
            subtitle=(
                f"{round_title} (Kèm theo Tờ trình số ....../TTr-SKHCN ngày ..../..../"
                f"{day.year} của Sở Khoa học và Công nghệ Hà Nội)"
            ),
            columns=[
                Column("Tên tập thể / Họ và tên", 0.2),
                Column("Chức vụ", 0.14),
                Column("Cơ quan, đơn vị công tác", 0.2),
                Column("Thành tích", 0.31),
                Column("Đơn vị đề nghị", 0.12),
            ],
            groups=groups,
            place_and_date=f"Hà Nội, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}",
            summary=summary,
            landscape=True,
        )
    )


def workbook(entries: list[ListEntry], generated_at: datetime) -> bytes:
    """Return the list as XLSX: one sheet with every entry, one with the counts per unit."""
    rows = [
        [
            number, e.award_form, KIND_LABELS[e.kind], e.name, e.birth_year or "",
            GENDER_LABELS.get(e.gender or "", ""), e.position, e.organization, e.unit,
            e.achievement, e.reference,
        ]
        for number, e in enumerate(ordered(entries), start=1)
    ]  # fmt: skip
    counts = unit_counts(entries)
    return write_xlsx(
        [
            Sheet(
                "Danh sách đề nghị",
                [("TT", 6), ("Hình thức khen thưởng", 30), ("Tập thể/Cá nhân", 12),
                 ("Tên tập thể / Họ và tên", 32), ("Năm sinh", 9), ("Giới tính", 9),
                 ("Chức vụ", 26), ("Cơ quan, đơn vị công tác", 34), ("Đơn vị đề nghị", 28),
                 ("Thành tích", 60), ("Mã hồ sơ", 10)],
                rows,
            ),
            Sheet(
                "Tổng hợp theo đơn vị",
                [("Đơn vị đề nghị", 40), ("Tập thể", 10), ("Cá nhân", 10), ("Cộng", 10)],
                [[unit, collectives, people, collectives + people]
                 for unit, collectives, people in counts],
            ),
        ],
        generated_at,
    )  # fmt: skip
