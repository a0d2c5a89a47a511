"""The font every PDF uses: Be Vietnam Pro, which has every Vietnamese glyph (Helvetica has no "ễ")."""

from functools import cache

import fontpkg
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILY = "Be Vietnam Pro"
REGULAR = "BeVietnamPro-Regular"
SEMIBOLD = "BeVietnamPro-SemiBold"
BOLD = "BeVietnamPro-Bold"
ITALIC = "BeVietnamPro-Italic"
BOLD_ITALIC = "BeVietnamPro-BoldItalic"


@cache
def register() -> None:
    """Register the styles with reportlab once per process (parsing a TTF is slow).

    The mappings make <b> and <i> work in Paragraphs set in REGULAR.
    """
    for name, weight, style in (
        (REGULAR, 400, "normal"),
        (SEMIBOLD, 600, "normal"),
        (BOLD, 700, "normal"),
        (ITALIC, 400, "italic"),
        (BOLD_ITALIC, 700, "italic"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(fontpkg.path(FAMILY, weight, style))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD_ITALIC)
