"""The floor plan as shapes for an SVG in the browser: plain data for the templates.

The SVG's unit is one grid cell of ``CELL`` user units; the browser scales it to the page. Names
are wrapped here, by words, because SVG text does not wrap by itself.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from conference.exhibition.booths import FloorPlan

CELL = 60
# Characters that fit on one line of a one-cell booth at the name's font size.
CHARS_PER_CELL = 10
LINES_PER_CELL = 3


@dataclass(frozen=True)
class Holder:
    id: int
    name: str
    kind: str
    colour: str
    highlighted: bool = True


@dataclass(frozen=True)
class BoothShape:
    code: str
    x: int
    y: int
    width: int
    height: int
    corner: bool
    electricity: bool
    holder: Holder | None
    lines: tuple[str, ...]


@dataclass(frozen=True)
class ObstacleShape:
    label: str
    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class HallShape:
    width: int
    height: int
    booths: tuple[BoothShape, ...]
    obstacles: tuple[ObstacleShape, ...]


def wrap(text: str, width: int, lines: int) -> tuple[str, ...]:
    """Break text into at most ``lines`` lines of about ``width`` characters; "…" if cut."""
    found: list[str] = []
    for word in text.split():
        if found and len(found[-1]) + 1 + len(word) <= width:
            found[-1] += " " + word
        else:
            found.append(word)
    if len(found) > lines:
        found = found[:lines]
        found[-1] = found[-1][: max(width - 1, 1)].rstrip(" ,") + "…"
    return tuple(found)


def hall_shape(
    plan: FloorPlan, holders: Mapping[str, Holder], obstacle_labels: Mapping[str, str]
) -> HallShape:
    """The plan in SVG units, each booth with its holder (if any) and its name's lines."""
    booths = tuple(
        BoothShape(
            code=booth.code,
            x=booth.x * CELL,
            y=booth.y * CELL,
            width=booth.w * CELL,
            height=booth.h * CELL,
            corner=booth.corner,
            electricity=booth.electricity,
            holder=holders.get(booth.code),
            lines=wrap(holders[booth.code].name, CHARS_PER_CELL * booth.w, LINES_PER_CELL * booth.h)
            if booth.code in holders
            else (),
        )
        for booth in plan.booths
    )
    obstacles = tuple(
        ObstacleShape(
            label=obstacle_labels.get(obstacle.label, obstacle.label),
            x=obstacle.x * CELL,
            y=obstacle.y * CELL,
            width=obstacle.w * CELL,
            height=obstacle.h * CELL,
        )
        for obstacle in plan.obstacles
    )
    return HallShape(plan.width * CELL, plan.height * CELL, booths, obstacles)
