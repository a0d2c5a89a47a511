import pytest
from hypothesis import given
from hypothesis import strategies as st

from conference.exhibition.titles import (
    EXAMPLES,
    TitleKind,
    TitleNumberError,
    normalize_number,
)


@pytest.mark.parametrize(
    ("kind", "typed", "printed"),
    [
        (TitleKind.PATENT, "1-0012345", "1-0012345"),
        (TitleKind.PATENT, "Số: 1 - 0012345", "1-0012345"),
        (TitleKind.PATENT, "10012345", "1-0012345"),
        (TitleKind.UTILITY_SOLUTION, "2–0001234", "2-0001234"),
        (TitleKind.INDUSTRIAL_DESIGN, "No. 3-0012345", "3-0012345"),
        (TitleKind.MARK, " 4-0123456 ", "4-0123456"),
        (TitleKind.COLLECTIVE_MARK, "4-0098765", "4-0098765"),
        (TitleKind.CERTIFICATION_MARK, "4‑0287412", "4-0287412"),
        (TitleKind.GEOGRAPHICAL_INDICATION, "00101", "00101"),
        (TitleKind.GEOGRAPHICAL_INDICATION, "số 00012", "00012"),
        (TitleKind.PLANT_VARIETY, "41.VN.2020", "41.VN.2020"),
        (TitleKind.PLANT_VARIETY, "41 vn 2020", "41.VN.2020"),
        (TitleKind.PLANT_VARIETY, "112.VN.2021", "112.VN.2021"),
    ],
)
def test_title_numbers_are_read_as_printed(kind, typed, printed):
    assert normalize_number(kind, typed) == printed


@pytest.mark.parametrize(
    ("kind", "typed"),
    [
        (TitleKind.PATENT, "1-001234"),  # six digits
        (TitleKind.PATENT, "1-0000000"),  # no title is numbered zero
        (TitleKind.PATENT, "VN 12345"),
        (TitleKind.MARK, "4-0123456-A"),
        (TitleKind.GEOGRAPHICAL_INDICATION, "12"),
        (TitleKind.GEOGRAPHICAL_INDICATION, "00000"),
        (TitleKind.PLANT_VARIETY, "41.VN.20"),
        (TitleKind.PLANT_VARIETY, "0.VN.2020"),
        (TitleKind.PLANT_VARIETY, "41.VN.1820"),
    ],
)
def test_implausible_numbers_are_refused_with_the_expected_shape(kind, typed):
    with pytest.raises(TitleNumberError) as caught:
        normalize_number(kind, typed)

    assert caught.value.reason == "wrong_format"
    assert caught.value.example == EXAMPLES[kind]


def test_a_mark_number_given_for_a_patent_is_recognised():
    with pytest.raises(TitleNumberError) as caught:
        normalize_number(TitleKind.PATENT, "4-0123456")

    assert caught.value.reason == "other_kind"
    assert caught.value.looks_like == TitleKind.MARK
    assert caught.value.example == "1-0012345"


def test_a_patent_number_given_for_a_geographical_indication_is_recognised():
    with pytest.raises(TitleNumberError) as caught:
        normalize_number(TitleKind.GEOGRAPHICAL_INDICATION, "1-0012345")

    assert (caught.value.reason, caught.value.looks_like) == ("other_kind", TitleKind.PATENT)


def test_marks_of_every_sort_share_one_shape():
    for kind in (TitleKind.MARK, TitleKind.COLLECTIVE_MARK, TitleKind.CERTIFICATION_MARK):
        assert normalize_number(kind, "4-0301188") == "4-0301188"


def test_an_empty_number_says_so():
    with pytest.raises(TitleNumberError) as caught:
        normalize_number(TitleKind.PATENT, "  ")

    assert caught.value.reason == "empty"


def test_every_example_is_itself_accepted():
    for kind, example in EXAMPLES.items():
        assert normalize_number(kind, example) == example


@given(st.sampled_from(list(TitleKind)), st.text(max_size=20))
def test_any_text_is_either_refused_or_read_back_to_itself(kind, typed):
    try:
        printed = normalize_number(kind, typed)
    except TitleNumberError:
        return
    assert normalize_number(kind, printed) == printed
