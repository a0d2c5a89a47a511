"""Vietnamese is the source language; the English catalog must cover every message."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "conference/translations/en/LC_MESSAGES/messages.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _source_messages() -> dict[str, tuple[str, ...]]:
    """Every message in the sources, by its (singular) id: (message,) or (singular, plural)."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
    found = {}
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords
    ):
        forms = (message,) if isinstance(message, str) else tuple(message)
        found[forms[0]] = forms
    return found


@pytest.fixture(scope="module")
def catalog() -> dict[str, tuple[str, ...]]:
    """The English catalog by (singular) id: its translation, or its plural forms."""
    with CATALOG.open("rb") as po:
        return {
            (message.id if isinstance(message.id, str) else message.id[0]): (
                (message.string,) if isinstance(message.string, str) else tuple(message.string)
            )
            for message in read_po(po)
            if message.id
        }


def test_every_message_has_an_english_translation(catalog):
    untranslated = sorted(m for m in _source_messages() if not all(catalog.get(m, ("",))))
    assert untranslated == [], "run `make extract-messages` and translate these in en/messages.po"


def test_translations_keep_their_placeholders(catalog):
    """A plural form may say the count in words ("Submitted once"): only it may drop %(num)d."""
    broken = [
        source
        for source, forms in catalog.items()
        for translated in forms
        if translated
        and set(PLACEHOLDER.findall(source)) - ({"num"} if len(forms) == 2 else set())
        != set(PLACEHOLDER.findall(translated)) - ({"num"} if len(forms) == 2 else set())
    ]
    assert broken == []


def test_counted_messages_have_english_plural_forms(catalog):
    counted = {source: forms for source, forms in _source_messages().items() if len(forms) == 2}
    assert counted, "ngettext is used for messages with a count"
    assert sorted(s for s in counted if len(catalog.get(s, ())) != 2) == [], (
        "run `make extract-messages`: these need msgid_plural and two English forms"
    )


def test_counted_messages_read_the_same_in_vietnamese_whatever_the_count(catalog):
    """Vietnamese has one form: without a catalog, gettext shows the plural id for every
    count but 1, so both ids must be the same Vietnamese sentence."""
    differing = [forms for forms in _source_messages().values() if len(set(forms)) == 2]
    assert differing == []
