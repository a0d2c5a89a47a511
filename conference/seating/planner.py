"""Seat plans: who sits where in a hall, following protocol.

Plain data in and out, no Flask and no database. A layout is rows of numbered seats: row A
is nearest the stage; seats are numbered from 1 on the left as seen from the seats, facing
the stage; an aisle may follow any seat number; some seats are blocked (a pillar, the
technicians' desk). Labels read "A5". `layout_to_dict` and `layout_from_dict` give the
JSON-ready form that organizers edit.

`plan_seating` seats people in this order, each step on the seats the steps before left free:

1. Locked seats: an organizer pinned the person there; kept as they are.
2. Reserved front rows (Trung ương, Lãnh đạo Thành phố): by the organizers' order, one
   order across these categories, so that a city leader can sit nearer the centre than a
   central guest (those the organizers did not order come after, and the category's rank
   breaks ties); the most senior in the centre of
   row A, the next on their right, then their left, and so on outward, row after row.
3. Award recipients: one block of adjacent seats against an aisle, as near the stage as
   possible, so that they can walk up together.
4. Press: the seats nearest the side walls, away from the rows of the front guests.
5. Everyone else, by protocol rank and then the organizers' order, from the front and from
   the centre outward. Workshop rooms use this step alone, with the allocation order as
   the organizers' order.

When the hall is too small, people are admitted in that same precedence (front guests,
award recipients, then by protocol rank and order) and the rest are reported as not seated.
"""

import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

# An aisle counts as this many seat widths when measuring how far a seat is from the centre.
AISLE_WIDTH = 1
_SEAT_LABEL = re.compile(r"([A-Z]+)(\d+)")


class SeatingError(Exception):
    """A layout or a seat change is not possible; `reason` says why, `subject` names the culprit."""

    def __init__(self, reason: str, subject: Any = None):
        super().__init__(f"{reason}: {subject!r}" if subject is not None else reason)
        self.reason = reason
        self.subject = subject


@dataclass(frozen=True)
class Row:
    label: str
    seats: int


@dataclass(frozen=True)
class Layout:
    rows: tuple[Row, ...]
    aisles_after: tuple[int, ...] = ()  # an aisle after seat 5 runs between seats 5 and 6
    blocked: frozenset[str] = frozenset()

    def seat_labels(self) -> list[str]:
        """Return every seat that can be used, row by row, left to right."""
        return [
            label
            for row in self.rows
            for number in range(1, row.seats + 1)
            if (label := f"{row.label}{number}") not in self.blocked
        ]

    @property
    def capacity(self) -> int:
        return sum(row.seats for row in self.rows) - len(self.blocked)


@dataclass(frozen=True)
class Person:
    id: Hashable
    protocol_rank: int = 100  # the category's rank: lower sits nearer the stage
    # The organizers' order (lower sits nearer): one order across all the front rows' guests,
    # otherwise within a rank; in a workshop room, the allocation order. None: not ordered, after
    # everyone who is.
    order: int | None = None
    front: bool = False  # reserved front rows: Trung ương, Lãnh đạo Thành phố
    award: bool = False  # receives an award on stage
    press: bool = False
    locked_seat: str | None = None  # pinned by an organizer


@dataclass(frozen=True)
class Unseated:
    person_id: Hashable
    reason: str  # "hall_full"


@dataclass(frozen=True)
class SeatingPlan:
    seats: Mapping[Hashable, str]  # person id → seat label
    unseated: tuple[Unseated, ...] = ()
    # "award_block_split": no free block held all award recipients, so they sit apart.
    notes: tuple[str, ...] = ()


def row_label(index: int) -> str:
    """Return the label of the row at index 0, 1, …: A, B, … Z, AA, AB, …"""
    label = ""
    index += 1
    while index:
        index, letter = divmod(index - 1, 26)
        label = chr(ord("A") + letter) + label
    return label


def parse_seat(label: str) -> tuple[str, int]:
    """Split "AB12" into ("AB", 12)."""
    match = _SEAT_LABEL.fullmatch(label)
    if not match:
        raise SeatingError("seat_label_invalid", label)
    return match[1], int(match[2])


def rectangular_layout(
    rows: int, seats_per_row: int, aisles_after: Iterable[int] = (), blocked: Iterable[str] = ()
) -> Layout:
    """Return a hall of `rows` rows labelled A, B, … with `seats_per_row` seats each."""
    return _checked(
        Layout(
            rows=tuple(Row(row_label(i), seats_per_row) for i in range(rows)),
            aisles_after=tuple(aisles_after),
            blocked=frozenset(blocked),
        )
    )


def layout_to_dict(layout: Layout) -> dict[str, Any]:
    """Return the layout as JSON-ready data: rows with their seat counts, aisles, blocked seats."""
    return {
        "rows": [{"label": row.label, "seats": row.seats} for row in layout.rows],
        "aisles_after": list(layout.aisles_after),
        "blocked": sorted(layout.blocked, key=lambda label: _seat_sort_key(layout, label)),
    }


def layout_from_dict(data: Mapping[str, Any]) -> Layout:
    """Read the form `layout_to_dict` writes; raise SeatingError on anything inconsistent."""
    try:
        rows = tuple(
            Row(str(row["label"]).strip().upper(), int(row["seats"])) for row in data["rows"]
        )
        aisles = tuple(int(seat) for seat in data.get("aisles_after", ()))
        blocked = frozenset(str(label).strip().upper() for label in data.get("blocked", ()))
    except (KeyError, TypeError, ValueError) as error:
        raise SeatingError("layout_malformed", str(error)) from error
    return _checked(Layout(rows, aisles, blocked))


def plan_seating(layout: Layout, people: Iterable[Person]) -> SeatingPlan:
    """Seat people in the layout by protocol; see the module docstring for the order."""
    hall = _Hall(layout)
    people = list(people)
    repeated = [person_id for person_id, n in Counter(p.id for p in people).items() if n > 1]
    if repeated:
        raise SeatingError("person_repeated", repeated[0])
    seats: dict[Hashable, str] = {}
    for person in people:
        if person.locked_seat is not None:
            hall.take(person.locked_seat, person.id)
            seats[person.id] = person.locked_seat

    waiting = sorted((p for p in people if p.locked_seat is None), key=_precedence)
    admitted, turned_away = waiting[: hall.free_count], waiting[hall.free_count :]
    front = [p for p in admitted if p.front]
    award = [p for p in admitted if p.award and not p.front]
    press = [p for p in admitted if p.press and not (p.front or p.award)]
    others = [p for p in admitted if not (p.front or p.award or p.press)]
    notes: list[str] = []

    seats.update(hall.fill(front, hall.protocol_order()))
    guest_rows = {hall.row_of(seats[p.id]) for p in people if p.front and p.id in seats}
    block = hall.award_block(len(award))
    if block is None:
        notes.append("award_block_split")
        others = award + others
    else:
        seats.update(hall.fill(award, block))
    seats.update(hall.fill(press, hall.side_order(away_from=guest_rows)))
    seats.update(hall.fill(others, hall.protocol_order()))
    return SeatingPlan(
        seats=seats,
        unseated=tuple(Unseated(p.id, "hall_full") for p in turned_away),
        notes=tuple(notes),
    )


def move(plan: SeatingPlan, layout: Layout, person_id: Hashable, seat: str) -> SeatingPlan:
    """Return the plan with the person (seated or not) in a free seat."""
    if seat not in set(layout.seat_labels()):
        raise SeatingError("seat_unknown" if seat not in layout.blocked else "seat_blocked", seat)
    taken_by = next((p for p, s in plan.seats.items() if s == seat), None)
    if taken_by not in (None, person_id):
        raise SeatingError("seat_taken", seat)
    if person_id not in plan.seats and all(u.person_id != person_id for u in plan.unseated):
        raise SeatingError("person_unknown", person_id)
    return replace(
        plan,
        seats={**plan.seats, person_id: seat},
        unseated=tuple(u for u in plan.unseated if u.person_id != person_id),
    )


def swap(plan: SeatingPlan, first: Hashable, second: Hashable) -> SeatingPlan:
    """Return the plan with two seated people in each other's seats."""
    for person_id in (first, second):
        if person_id not in plan.seats:
            raise SeatingError("person_not_seated", person_id)
    return replace(plan, seats={**plan.seats, first: plan.seats[second], second: plan.seats[first]})


def order_key(order: int | None) -> tuple[bool, int]:
    """Sort the organizers' orders: lower first, and those without one after every number."""
    return order is None, order or 0


def _precedence(person: Person) -> tuple:
    if person.front:
        return (0, *order_key(person.order), person.protocol_rank, _id_key(person.id))
    group = 1 if person.award else 2
    return (group, person.protocol_rank, *order_key(person.order), _id_key(person.id))


def _id_key(person_id: Hashable) -> tuple:
    # Mixed id types still sort, and integer ids in numeric order.
    return (0, person_id, "") if isinstance(person_id, int) else (1, 0, str(person_id))


def _checked(layout: Layout) -> Layout:
    if not layout.rows:
        raise SeatingError("rows_missing")
    labels = [row.label for row in layout.rows]
    for row in layout.rows:
        if not re.fullmatch(r"[A-Z]+", row.label):
            raise SeatingError("row_label_invalid", row.label)
        if not 1 <= row.seats <= 500:
            raise SeatingError("seats_invalid", row.label)
    repeated = {label for label in labels if labels.count(label) > 1}
    if repeated:
        raise SeatingError("row_label_repeated", min(repeated))
    widest = max(row.seats for row in layout.rows)
    for aisle in layout.aisles_after:
        if not 1 <= aisle < widest or layout.aisles_after.count(aisle) > 1:
            raise SeatingError("aisle_invalid", aisle)
    seats_per_row = {row.label: row.seats for row in layout.rows}
    for label in layout.blocked:
        row, number = parse_seat(label)
        if not 1 <= number <= seats_per_row.get(row, 0):
            raise SeatingError("blocked_seat_unknown", label)
    return replace(layout, aisles_after=tuple(sorted(layout.aisles_after)))


def _seat_sort_key(layout: Layout, label: str) -> tuple[int, int]:
    row, number = parse_seat(label)
    return [r.label for r in layout.rows].index(row), number


class _Hall:
    """The free seats of a layout with their geometry, filled step by step."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self.free = set(layout.seat_labels())
        # Per seat: row index, number, doubled distance from the row's centre (whole numbers
        # even for an even row), and whether it lies left of the centre, so that at equal
        # distance the principal's right (facing the stage) comes first.
        self.geometry: dict[str, tuple[int, int, int, bool]] = {}
        self.row_seats: list[int] = [row.seats for row in layout.rows]
        for index, row in enumerate(layout.rows):
            centre = self._x(1) + self._x(row.seats)
            for number in range(1, row.seats + 1):
                offset = 2 * self._x(number) - centre
                self.geometry[f"{row.label}{number}"] = (index, number, abs(offset), offset < 0)

    @property
    def free_count(self) -> int:
        return len(self.free)

    def row_of(self, seat: str) -> int:
        return self.geometry[seat][0]

    def _x(self, number: int) -> int:
        return number + AISLE_WIDTH * sum(1 for aisle in self.layout.aisles_after if aisle < number)

    def take(self, seat: str, person_id: Hashable) -> None:
        if seat not in self.geometry:
            raise SeatingError("locked_seat_unknown", person_id)
        if seat in self.layout.blocked:
            raise SeatingError("locked_seat_blocked", person_id)
        if seat not in self.free:
            raise SeatingError("locked_seat_shared", seat)
        self.free.discard(seat)

    def fill(self, people: list[Person], seat_order: list[str]) -> dict[Hashable, str]:
        """Give the people, in precedence order, the free seats of seat_order in order."""
        ordered = sorted(people, key=_precedence)
        seats = [seat for seat in seat_order if seat in self.free][: len(ordered)]
        self.free.difference_update(seats)
        return {person.id: seat for person, seat in zip(ordered, seats, strict=True)}

    def protocol_order(self) -> list[str]:
        """Free seats from the front row back, each row from the centre outward, right first."""
        return sorted(self.free, key=self._protocol_key)

    def _protocol_key(self, seat: str) -> tuple[int, int, bool]:
        row, _, distance, left = self.geometry[seat]
        return row, distance, left

    def side_order(self, away_from: set[int]) -> list[str]:
        """Free seats nearest a side wall first, outside the rows given (the guests') first."""

        def key(seat: str) -> tuple:
            row, number, _, left = self.geometry[seat]
            from_wall = min(number - 1, self.row_seats[row] - number)
            return row in away_from, from_wall, row, left, number

        return sorted(self.free, key=key)

    def award_block(self, size: int) -> list[str] | None:
        """Return `size` free seats that touch each other and an aisle, nearest the stage.

        A block grows from one aisle seat outward along its row section, then continues in
        the next row from the same aisle seat; the shared aisle column keeps it in one piece.
        The block nearest the stage wins; between equals, an aisle inside the rows beats the
        walkway at the end of the rows, and a central aisle beats an outer one.
        """
        if not size:
            return []
        best: tuple | None = None
        for anchor, step, wall in self._aisle_seats():
            for start in range(len(self.layout.rows)):
                block = self._grow(start, anchor, step, size)
                if block is None:
                    continue
                last_row = self.geometry[block[-1]][0]
                rank = (start, last_row, wall, self.geometry[block[0]][2], step)
                if best is None or rank < best[0]:
                    best = (rank, block)
                break  # later starts from the same anchor only lie further back
        return best[1] if best else None

    def _aisle_seats(self) -> list[tuple[int, int, bool]]:
        """Return (seat number, direction away from the aisle, is a wall end) per aisle side.

        Seat number -1 stands for the last seat of each row, whatever the row's length.
        """
        inner = [(aisle, -1, False) for aisle in self.layout.aisles_after]
        inner += [(aisle + 1, 1, False) for aisle in self.layout.aisles_after]
        return [*inner, (1, 1, True), (-1, -1, True)]

    def _grow(self, start: int, anchor: int, step: int, size: int) -> list[str] | None:
        block: list[str] = []
        for index in range(start, len(self.layout.rows)):
            row = self.layout.rows[index]
            number = row.seats if anchor == -1 else anchor
            if not 1 <= number <= row.seats or f"{row.label}{number}" not in self.free:
                return None
            while 1 <= number <= row.seats and len(block) < size:
                seat = f"{row.label}{number}"
                if seat not in self.free:
                    break
                block.append(seat)
                if self._aisle_between(number, number + step):
                    break
                number += step
            if len(block) == size:
                return block
        return None

    def _aisle_between(self, number: int, neighbour: int) -> bool:
        return min(number, neighbour) in self.layout.aisles_after
