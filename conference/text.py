"""Vietnamese text: normalization, accent-insensitive search and the Vietnamese sort order.

Plain functions on strings, without Flask or a database, so that every module can rely on them.
"""

import re
import unicodedata

# Combining marks that make a different letter (breve, circumflex, horn: ă â ê ô ơ ư) ...
_LETTER_MODIFIERS = {"\u0306", "\u0302", "\u031b"}
# ... and the five tone marks, in dictionary order after the level tone (thanh ngang).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
    "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_SPACES = re.compile(r"\s+")
# Cc covers C0/C1 controls; Cf covers invisible format characters such as U+202E (RTL override).
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}


def normalize(text: str | None) -> str:
    """Return text in NFC with surrounding space removed and inner runs of space collapsed."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def normalize_multiline(text: str | None) -> str:
    """Return NFC text keeping line breaks, each line trimmed, no trailing empty lines."""
    if not text:
        return ""
    lines = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.strip() for line in lines.split("\n")).strip()


def has_control_characters(text: str, allow_newlines: bool = False) -> bool:
    """Tell whether text holds characters that no one types: controls, format marks, unassigned."""
    allowed = {"\n", "\r", "\t"} if allow_newlines else set()
    return any(
        unicodedata.category(char) in _FORBIDDEN_CATEGORIES and char not in allowed for char in text
    )


def fold(text: str | None) -> str:
    """Return text lower-cased and stripped of accents for search: "Đặng Quốc Việt" → "dang quoc viet"."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", bare.casefold()).strip()


def _rank(char: str) -> int:
    # Punctuation and digits before the alphabet, letters of other scripts after it.
    if char in _LETTER_RANK:
        return 0x1000 + _LETTER_RANK[char]
    code = min(ord(char), 0xDFFF)
    return 0x2000 + code if char.isalpha() else 0x0001 + min(code, 0x0FFE)


def _letters_and_tones(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    letters: list[str] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", word.casefold()):
        if char in _TONES:
            tones.append(_TONES[char])
        elif char in _LETTER_MODIFIERS and letters:
            letter = unicodedata.normalize("NFC", letters[-1] + char)
            # ă â ê ô ơ ư; a stray mark that makes no letter ("0̛", pasted) is left out.
            if len(letter) == 1:
                letters[-1] = letter
        elif not unicodedata.combining(char):
            letters.append(char)
    return tuple(_rank(letter) for letter in letters), tuple(tones)


def sort_key(text: str | None) -> tuple:
    """Return a key that orders text the Vietnamese way: letters first (a ă â … đ …), then tones."""
    words = normalize(text).split(" ") if text else []
    keys = [_letters_and_tones(word) for word in words if word]
    return tuple(letters for letters, _ in keys), tuple(tones for _, tones in keys)


def name_sort_key(full_name: str | None) -> tuple:
    """Return the key for a person's name: given name (the last word) first, then the rest in order.

    "Nguyễn Văn An" sorts before "Trần Thị Bình" because An < Bình, and among the Ans
    "Lê Văn An" precedes "Nguyễn Văn An".
    """
    words = normalize(full_name).split(" ") if full_name else []
    return sort_key(words[-1] if words else ""), sort_key(" ".join(words[:-1]))


def _encode_level(words: tuple[tuple[int, ...], ...]) -> str:
    # Each code as four hex digits, each word closed by 0000 and the list by another 0000:
    # codes are never 0, so comparing the strings compares the tuples.
    return "".join("".join(f"{code:04x}" for code in word) + "0000" for word in words) + "0000"


def _encode(key: tuple) -> str:
    letters, tones = key
    return _encode_level(letters) + _encode_level(tones)


def collation_key(text: str | None) -> str:
    """Return sort_key(text) as a string of hex digits that sorts the same way.

    Stored in a column, it lets the database order rows the Vietnamese way with a plain
    ORDER BY: hex digits compare alike under SQLite's BINARY and PostgreSQL's collations.
    """
    return _encode(sort_key(text))


def name_collation_key(full_name: str | None) -> str:
    """Return name_sort_key(full_name) as a string of hex digits that sorts the same way."""
    given, rest = name_sort_key(full_name)
    return _encode(given) + _encode(rest)
