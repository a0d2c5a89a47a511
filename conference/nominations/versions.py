"""The differences between two submitted versions of a nomination: plain dicts in, changes out.

A version's content is a flat-enough dict (see services.content_of): strings and numbers,
``criteria`` (criterion title → evidence) and ``attachments`` (a list of dicts with ``name``
and ``sha256``). Long texts get a word-by-word diff so that a reviewer sees what the unit
rewrote, not only that a paragraph changed.
"""

import difflib
import re
from dataclasses import dataclass, field

# Texts longer than this (or with line breaks) are compared word by word.
_INLINE_LIMIT = 80
# Words and the spaces between them, so that joining the pieces gives the text back exactly.
_WORDS = re.compile(r"\S+|\s+")


@dataclass(frozen=True)
class Segment:
    op: str  # "equal", "insert" or "delete"
    text: str


@dataclass(frozen=True)
class Change:
    field: str  # a content key, or "criteria" / "attachments" with `item` naming the entry
    before: str
    after: str
    item: str = ""
    segments: list[Segment] = field(default_factory=list)  # for long texts

    @property
    def kind(self) -> str:
        if not self.before:
            return "added"
        if not self.after:
            return "removed"
        return "changed"


def word_diff(before: str, after: str) -> list[Segment]:
    """Return after as runs of kept, inserted and deleted words; joined, they give both texts."""
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            segments.append(Segment("delete", "".join(old[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(Segment("insert", "".join(new[j1:j2])))
        if op == "equal":
            segments.append(Segment("equal", "".join(new[j1:j2])))
    return segments


def _text(value) -> str:
    return "" if value is None else str(value)


def _change(name: str, before, after, item: str = "") -> Change | None:
    before, after = _text(before), _text(after)
    if before == after:
        return None
    long = max(len(before), len(after)) > _INLINE_LIMIT or "\n" in before + after
    segments = word_diff(before, after) if long and before and after else []
    return Change(name, before, after, item, segments)


def _attachment_label(attachment: dict) -> str:
    return f"{attachment['name']} ({attachment['sha256'][:8]})"


def diff(before: dict, after: dict) -> list[Change]:
    """Return what changed from before to after, fields in after's order, then removed ones."""
    changes: list[Change | None] = []
    for name in [*after, *(key for key in before if key not in after)]:
        if name == "criteria":
            old, new = before.get(name, {}), after.get(name, {})
            for title in [*new, *(key for key in old if key not in new)]:
                changes.append(_change(name, old.get(title), new.get(title), item=title))
        elif name == "attachments":
            old = {_attachment_label(a) for a in before.get(name, [])}
            new = {_attachment_label(a) for a in after.get(name, [])}
            changes += [_change(name, "", label, item=label) for label in sorted(new - old)]
            changes += [_change(name, label, "", item=label) for label in sorted(old - new)]
        else:
            changes.append(_change(name, before.get(name), after.get(name)))
    return [change for change in changes if change is not None]
