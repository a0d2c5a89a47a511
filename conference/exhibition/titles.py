"""Vietnamese IP titles (văn bằng bảo hộ): their kinds and the shape of their numbers.

Plain functions on strings, no Flask and no database. The shapes are those printed on the
titles themselves:

- The IP Office (Cục Sở hữu trí tuệ) numbers the titles it grants with the object's digit, a
  hyphen and seven digits: patents (Bằng độc quyền sáng chế) 1-0012345, utility solutions
  (Bằng độc quyền giải pháp hữu ích) 2-0001234, industrial designs (Bằng độc quyền kiểu dáng
  công nghiệp) 3-0012345, marks, collective and certification marks included (Giấy chứng nhận
  đăng ký nhãn hiệu) 4-0123456.
- Its geographical-indication certificates (Giấy chứng nhận đăng ký chỉ dẫn địa lý) carry five
  digits: 00012 ("mật ong Mù Cang Chải" is 00101).
- Plant-variety titles (Bằng bảo hộ giống cây trồng) come from the Ministry of Agriculture's
  variety-protection office, numbered within each year: 41.VN.2020.

``normalize_number`` accepts what people type or paste ("Số: 1 - 0012345", "4–0123456",
"41 VN 2020") and returns the number as printed, or raises `TitleNumberError` with a reason
code; the form turns it into a message that shows the expected shape.
"""

import re
import unicodedata
from enum import StrEnum


class TitleKind(StrEnum):
    """The kinds of IP title an exhibitor's product may hold."""

    PATENT = "patent"  # sáng chế
    UTILITY_SOLUTION = "utility_solution"  # giải pháp hữu ích
    INDUSTRIAL_DESIGN = "industrial_design"  # kiểu dáng công nghiệp
    MARK = "mark"  # nhãn hiệu
    COLLECTIVE_MARK = "collective_mark"  # nhãn hiệu tập thể
    CERTIFICATION_MARK = "certification_mark"  # nhãn hiệu chứng nhận
    GEOGRAPHICAL_INDICATION = "geographical_indication"  # chỉ dẫn địa lý
    PLANT_VARIETY = "plant_variety"  # giống cây trồng


class TitleNumberError(ValueError):
    """A title number that cannot be right for its kind.

    Reasons: ``empty``; ``wrong_format`` (``example`` shows the right shape); ``other_kind``
    (the number has the shape of ``looks_like``'s titles, e.g. a mark's number for a patent).
    """

    def __init__(self, reason: str, kind: TitleKind, looks_like: TitleKind | None = None):
        super().__init__(reason, kind, looks_like)
        self.reason = reason
        self.kind = kind
        self.example = EXAMPLES[kind]
        self.looks_like = looks_like


EXAMPLES = {
    TitleKind.PATENT: "1-0012345",
    TitleKind.UTILITY_SOLUTION: "2-0001234",
    TitleKind.INDUSTRIAL_DESIGN: "3-0012345",
    TitleKind.MARK: "4-0123456",
    TitleKind.COLLECTIVE_MARK: "4-0123456",
    TitleKind.CERTIFICATION_MARK: "4-0123456",
    TitleKind.GEOGRAPHICAL_INDICATION: "00012",
    TitleKind.PLANT_VARIETY: "41.VN.2020",
}
# The object digit of the IP Office's titles; marks of every sort share 4.
_OFFICE_DIGITS = {
    TitleKind.PATENT: "1",
    TitleKind.UTILITY_SOLUTION: "2",
    TitleKind.INDUSTRIAL_DESIGN: "3",
    TitleKind.MARK: "4",
    TitleKind.COLLECTIVE_MARK: "4",
    TitleKind.CERTIFICATION_MARK: "4",
}
_KIND_OF_DIGIT = {"1": TitleKind.PATENT, "2": TitleKind.UTILITY_SOLUTION,
                  "3": TitleKind.INDUSTRIAL_DESIGN, "4": TitleKind.MARK}  # fmt: skip
_OFFICE_TITLE = re.compile(r"([1-4])-?(\d{7})")
_GEOGRAPHICAL_INDICATION = re.compile(r"\d{5}")
_PLANT_VARIETY = re.compile(r"(\d{1,4})\.?VN\.?((?:19|20)\d{2})")
# What people put before the number: "Số:", "No.", "#".
_LEADING_WORDS = re.compile(r"^(?:SỐ|SO|NO|N°|#)[.:]?")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")


def _compact(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw).translate(_DASHES).upper()
    text = re.sub(r"\s+", "", text)
    return _LEADING_WORDS.sub("", text)


def _read(text: str) -> tuple[TitleKind, str] | None:
    """The kind whose shape the text has (marks answer MARK) and the number as printed."""
    if match := _OFFICE_TITLE.fullmatch(text):
        return (_KIND_OF_DIGIT[match[1]], f"{match[1]}-{match[2]}") if int(match[2]) else None
    if _GEOGRAPHICAL_INDICATION.fullmatch(text):
        return (TitleKind.GEOGRAPHICAL_INDICATION, text) if int(text) else None
    if match := _PLANT_VARIETY.fullmatch(text):
        return (TitleKind.PLANT_VARIETY, f"{match[1]}.VN.{match[2]}") if int(match[1]) else None
    return None


def _family(kind: TitleKind) -> TitleKind:
    return TitleKind.MARK if _OFFICE_DIGITS.get(kind) == "4" else kind


def normalize_number(kind: TitleKind, raw: str) -> str:
    """Return the title number as printed on the title, or raise TitleNumberError."""
    kind = TitleKind(kind)
    text = _compact(raw or "")
    if not text:
        raise TitleNumberError("empty", kind)
    read = _read(text)
    if read is None:
        raise TitleNumberError("wrong_format", kind)
    shape, number = read
    if shape != _family(kind):
        raise TitleNumberError("other_kind", kind, looks_like=shape)
    return number
