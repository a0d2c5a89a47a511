"""Badges are printed from what seating, workshops and the awards list know of each delegate."""

import io

import pdfplumber
import pytest
import zxingcpp
from pypdf import PdfReader

from conference.seating import services as seating
from conference.timeutil import utcnow
from conference.workshops import services as workshops
from tests.integration.seating.conftest import hall
from tests.integration.workshops.conftest import TEST_ACTOR, choose, count_queries, make_workshop

__all__ = ["choose", "count_queries", "hall", "make_workshop"]


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def scanned_codes(pdf: bytes, page_number: int = 0) -> set[str]:
    """Return what the QR codes on a page hold, read from the rendered page as a scanner would."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        image = document.pages[page_number].to_image(resolution=200).original
    return {result.text for result in zxingcpp.read_barcodes(image)}


@pytest.fixture
def hang(event, hall, make_delegate, make_workshop, choose, award_to):
    """Nguyễn Thị Hằng: confirmed, seated in the plenary, placed in a workshop, awarded."""
    delegate = make_delegate("so_nganh", name="Nguyễn Thị Hằng")
    workshop = make_workshop("Thương mại hóa sáng chế", capacity=5)
    choose(delegate, workshop)
    workshops.allocate(event, TEST_ACTOR, utcnow())
    seating.plan_seating(event, TEST_ACTOR, utcnow())
    award_to(delegate)
    return delegate


@pytest.fixture
def viet(event, make_delegate):
    """Đặng Quốc Việt: confirmed, of another category, with neither seat nor workshop."""
    return make_delegate("quan_huyen", name="Đặng Quốc Việt")
