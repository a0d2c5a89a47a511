"""Which delegates a nomination probably names: accent-insensitive matching, plain data only.

For a person, the delegate's name must fold to the same given name (the last word: "Hùng"
and "Hung" match, "Hưng" too, as typed without accents), and the rest of the name and the
workplace decide the order. For a collective, the representative is someone from that
organisation, so the organisation's words decide. An organizer always picks; this only
puts the likely delegates first.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from conference import text

# Words that say little about which organisation is meant.
_COMMON_WORDS = frozenset(
    {
        "ubnd", "uy", "ban", "nhan", "dan", "thanh", "pho", "ha", "noi", "tp", "so", "phong",
        "cong", "ty", "co", "phan", "tnhh", "va", "cua", "quan", "huyen", "thi",
    }
)  # fmt: skip
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Candidate:
    id: int
    full_name: str
    position: str
    organization: str


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    score: float  # 0..1


def _words(value: str) -> set[str]:
    return set(_WORD.findall(text.fold(value))) - _COMMON_WORDS


def _organization_overlap(wanted: str, offered: str) -> float:
    """Half how much of the shorter name the other holds, half how alike the two are overall."""
    wanted_words, offered_words = _words(wanted), _words(offered)
    if not wanted_words or not offered_words:
        return 0.0
    shared = len(wanted_words & offered_words)
    return 0.5 * shared / min(len(wanted_words), len(offered_words)) + 0.5 * shared / len(
        wanted_words | offered_words
    )


def _person_score(name: str, organization: str, candidate: Candidate) -> float:
    wanted, offered = text.fold(name), text.fold(candidate.full_name)
    if not wanted or not offered or wanted.split()[-1] != offered.split()[-1]:
        return 0.0
    similarity = SequenceMatcher(a=wanted, b=offered).ratio()
    return 0.8 * similarity + 0.2 * _organization_overlap(organization, candidate.organization)


def suggest(
    candidates: Iterable[Candidate],
    *,
    name: str,
    organization: str,
    individual: bool,
    limit: int = 5,
    threshold: float = 0.5,
) -> list[Suggestion]:
    """Return up to `limit` likely delegates, best first."""
    scored = []
    for candidate in candidates:
        if individual:
            score = _person_score(name, organization, candidate)
        else:
            score = _organization_overlap(f"{name} {organization}", candidate.organization)
        if score >= threshold:
            scored.append(Suggestion(candidate, round(score, 3)))
    scored.sort(
        key=lambda suggestion: (
            -suggestion.score,
            text.name_sort_key(suggestion.candidate.full_name),
        )
    )
    return scored[:limit]
