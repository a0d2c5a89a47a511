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


def _source_messages() -> set[str]:
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.fixture(scope="module")
def catalog():
    with CATALOG.open("rb") as po:
        return {message.id: message.string for message in read_po(po) if message.id}


def test_every_message_has_an_english_translation(catalog):
    untranslated = sorted(m for m in _source_messages() if not catalog.get(m))
    assert untranslated == [], "run `make extract-messages` and translate these in en/messages.po"


def test_translations_keep_their_placeholders(catalog):
    broken = [
        source
        for source, translated in catalog.items()
        if isinstance(source, str)
        and translated
        and set(PLACEHOLDER.findall(source)) != set(PLACEHOLDER.findall(translated))
    ]
    assert broken == []
