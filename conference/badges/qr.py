"""The QR code a badge carries: its modules from `qrcode`, drawn as vectors on a reportlab canvas.

Vectors instead of a bitmap: they print sharp at any size, and a PDF of 1,500 badges stays
small because nothing is rasterized, compressed and embedded per badge.
"""

from dataclasses import dataclass

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.pdfgen.canvas import Canvas

# ISO/IEC 18004 asks for four light modules around the symbol; the badge leaves them white.
QUIET_ZONE = 4
# Any of the eight mask patterns makes a valid symbol. Trying all eight for the lowest penalty
# took nine tenths of the time to encode, and most of a badge's time to render; our payloads
# are random base32, which no mask turns into the long runs the penalty guards against (tests
# decode hundreds of them), so every badge uses the same one.
MASK_PATTERN = 2


@dataclass(frozen=True)
class QrModules:
    """A QR symbol as runs of dark modules, quiet zone included."""

    size: int
    # (row counted from the top, first column, number of dark modules side by side)
    dark_runs: tuple[tuple[int, int, int], ...]


def qr_modules(token: str) -> QrModules:
    """Encode a token with medium error correction (15% of the symbol may be lost or smudged)."""
    code = qrcode.QRCode(
        error_correction=ERROR_CORRECT_M, border=QUIET_ZONE, mask_pattern=MASK_PATTERN
    )
    code.add_data(token)
    code.make(fit=True)
    matrix = code.get_matrix()
    runs = []
    for row, modules in enumerate(matrix):
        column = 0
        while column < len(modules):
            if modules[column]:
                start = column
                while column < len(modules) and modules[column]:
                    column += 1
                runs.append((row, start, column - start))
            else:
                column += 1
    return QrModules(len(matrix), tuple(runs))


def draw_qr(canvas: Canvas, modules: QrModules, x: float, y: float, side: float) -> None:
    """Draw the symbol as a square of the given side, its lower left corner at (x, y).

    All runs go into one filled path: viewers then fill the union, without the hairline
    seams that separately filled rectangles show between rows.
    """
    unit = side / modules.size
    top = y + side
    path = canvas.beginPath()
    for row, column, length in modules.dark_runs:
        path.rect(x + column * unit, top - (row + 1) * unit, length * unit, unit)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
