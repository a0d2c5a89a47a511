"""Fonts and shrink-to-fit text for the badge PDF.

Reportlab draws without kerning, so a line is exactly as wide as the sum of its words and
spaces: widths are measured once per word at 1 pt and scaled, which makes fitting plain
arithmetic.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics

# Be Vietnam Pro's ascender (1000/1000) clears capitals with stacked marks such as "Ễ";
# its descender is 265/1000, so lines 1.25 em apart never touch.
ASCENT = 1.0
LEADING = 1.25


@lru_cache(maxsize=65_536)
def word_width(word: str, font: str) -> float:
    """Width of a word at 1 pt; names repeat the same few thousand syllables."""
    return pdfmetrics.stringWidth(word, font, 1)


@dataclass(frozen=True)
class FittedText:
    """Text broken into lines at one font size; widths are of each line at that size."""

    lines: tuple[str, ...]
    widths: tuple[float, ...]
    font: str
    size: float

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * LEADING


def _narrowest_breaks(widths: Sequence[float], space: float, line_count: int) -> list[int]:
    """Return where to break words into line_count lines so that the widest line is narrowest."""
    prefix = [0.0]
    for width in widths:
        prefix.append(prefix[-1] + width)

    def span(start: int, stop: int) -> float:
        return prefix[stop] - prefix[start] + (stop - start - 1) * space

    count = len(widths)
    # best[lines][stop]: (widest line, breaks) for the first `stop` words set in `lines` lines.
    best: list[dict[int, tuple[float, list[int]]]] = [{0: (0.0, [])}]
    for lines in range(1, line_count + 1):
        row: dict[int, tuple[float, list[int]]] = {}
        for stop in range(lines, count + 1):
            row[stop] = min(
                (
                    max(best[lines - 1][start][0], span(start, stop)),
                    [*best[lines - 1][start][1], stop],
                )
                for start in range(lines - 1, stop)
                if start in best[lines - 1]
            )
        best.append(row)
    return best[line_count][count][1]


@lru_cache(maxsize=4096)
def fit_text(
    text: str,
    font: str,
    width: float,
    max_size: float,
    max_lines: int = 1,
    max_height: float = float("inf"),
) -> FittedText:
    """Set text as large as it may be, up to max_size, within width, height and max_lines.

    There is no lower bound on the size: a long name gets smaller, never cut off. Among line
    counts that reach the same size the fewest lines win, so short names stay on one line.
    """
    words = text.split()
    if not words:
        return FittedText((), (), font, max_size)
    widths = [word_width(word, font) for word in words]
    space = word_width(" ", font)
    chosen_size, chosen_breaks = 0.0, [len(words)]
    for line_count in range(1, min(max_lines, len(words)) + 1):
        breaks = _narrowest_breaks(widths, space, line_count)
        starts = [0, *breaks[:-1]]
        widest = max(
            sum(widths[start:stop]) + (stop - start - 1) * space
            for start, stop in zip(starts, breaks, strict=True)
        )
        size = min(max_size, width / widest, max_height / (line_count * LEADING))
        if size > chosen_size + 1e-6:
            chosen_size, chosen_breaks = size, breaks
    starts = [0, *chosen_breaks[:-1]]
    lines = tuple(
        " ".join(words[start:stop]) for start, stop in zip(starts, chosen_breaks, strict=True)
    )
    line_widths = tuple(
        (sum(widths[start:stop]) + (stop - start - 1) * space) * chosen_size
        for start, stop in zip(starts, chosen_breaks, strict=True)
    )
    return FittedText(lines, line_widths, font, chosen_size)


@dataclass(frozen=True)
class Block:
    """One paragraph of a stack: its text, font, largest size, and the room it wants below."""

    text: str
    font: str
    max_size: float
    max_lines: int = 1
    space_after: float = 0.0
    color: str = "#000000"


def fit_stack(
    blocks: Sequence[Block], width: float, height: float
) -> list[tuple[FittedText, float]]:
    """Fit blocks stacked top to bottom into a box; return each fitted text and its gap below.

    When the stack is too tall every block and gap shrinks by the same factor, which keeps
    the hierarchy of sizes. One pass is enough: at a smaller cap no block takes more lines.
    """
    present = [block for block in blocks if block.text]
    fitted = [fit_text(b.text, b.font, width, b.max_size, b.max_lines) for b in present]
    total = sum(text.height for text in fitted) + sum(b.space_after for b in present[:-1])
    if total <= height:
        return [(text, block.space_after) for text, block in zip(fitted, present, strict=True)]
    factor = height / total
    return [
        (
            fit_text(block.text, block.font, width, text.size * factor, block.max_lines),
            block.space_after * factor,
        )
        for text, block in zip(fitted, present, strict=True)
    ]
