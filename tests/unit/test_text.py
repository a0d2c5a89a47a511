import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conference import text

DECOMPOSED_HANG = unicodedata.normalize("NFD", "Nguyễn Thị Hằng")


def test_normalize_composes_nfd_input():
    assert text.normalize(DECOMPOSED_HANG) == "Nguyễn Thị Hằng"
    assert unicodedata.is_normalized("NFC", text.normalize(DECOMPOSED_HANG))


def test_normalize_collapses_and_trims_spaces():
    assert text.normalize("  Đặng   Quốc\tViệt \n") == "Đặng Quốc Việt"


def test_normalize_multiline_keeps_line_breaks():
    assert text.normalize_multiline(" Ăn chay \r\n Dùng xe lăn \n\n") == "Ăn chay\nDùng xe lăn"


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Đặng Quốc Việt", "dang quoc viet"),
        ("Nguyễn Thị Hằng", "nguyen thi hang"),
        (DECOMPOSED_HANG, "nguyen thi hang"),
        ("ĐỖ THỊ ỨNG", "do thi ung"),
        ("Hợp tác xã Nông nghiệp Văn Đức", "hop tac xa nong nghiep van duc"),
    ],
)
def test_fold_removes_accents_and_case(raw, folded):
    assert text.fold(raw) == folded


def test_fold_lets_plain_query_find_accented_name():
    assert text.fold("nguyen") in text.fold("Nguyễn Văn Lợi")
    assert text.fold("d") in text.fold("Đào")


@pytest.mark.parametrize("value", ["Lê\x00Văn", "Trần\u202eThị", "Phạm\x1b[31m", "Hoàng\u200bAnh"])
def test_has_control_characters_finds_invisible_characters(value):
    assert text.has_control_characters(value)


def test_has_control_characters_accepts_vietnamese_text():
    assert not text.has_control_characters("Nguyễn Thị Ánh Tuyết, Sở KH&CN (Hà Nội) – 2026")


def test_has_control_characters_allows_newlines_only_when_asked():
    assert text.has_control_characters("dòng 1\ndòng 2")
    assert not text.has_control_characters("dòng 1\ndòng 2", allow_newlines=True)


def test_name_sort_key_orders_by_given_name_first():
    names = ["Trần Thị Bình", "Nguyễn Văn An", "Lê Văn An", "Phạm Minh Châu"]
    assert sorted(names, key=text.name_sort_key) == [
        "Lê Văn An",
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Phạm Minh Châu",
    ]


def test_name_sort_key_puts_d_before_dj_and_vowel_letters_in_alphabet_order():
    # Vietnamese alphabet: a ă â b c d đ e ê … o ô ơ … u ư
    names = ["Ngô Văn Đức", "Hà Thị Dung", "Vũ Văn Ân", "Bùi Thị Ăn", "Lý Văn An"]
    assert sorted(names, key=text.name_sort_key) == [
        "Lý Văn An",
        "Bùi Thị Ăn",
        "Vũ Văn Ân",
        "Hà Thị Dung",
        "Ngô Văn Đức",
    ]


def test_name_sort_key_orders_o_ô_ơ_and_u_ư():
    given_names = ["Ơn", "On", "Ôn", "Ưng", "Ung"]
    people = [f"Nguyễn Văn {given}" for given in given_names]
    assert [p.split()[-1] for p in sorted(people, key=text.name_sort_key)] == [
        "On",
        "Ôn",
        "Ơn",
        "Ung",
        "Ưng",
    ]


def test_name_sort_key_uses_tones_only_to_break_ties():
    # Level, huyền, hỏi, ngã, sắc, nặng; but a letter difference outweighs any tone.
    given_names = ["Mạnh", "Mãnh", "Mánh", "Mành", "Manh", "Mảnh", "Mai"]
    ordered = sorted((f"Trần {g}" for g in given_names), key=text.name_sort_key)
    assert [name.split()[-1] for name in ordered] == [
        "Mai",
        "Manh",
        "Mành",
        "Mảnh",
        "Mãnh",
        "Mánh",
        "Mạnh",
    ]


def test_name_sort_key_ignores_case_and_normal_form():
    assert text.name_sort_key("NGUYỄN THỊ HẰNG") == text.name_sort_key(DECOMPOSED_HANG)


def test_sort_key_orders_units_the_vietnamese_way():
    units = [
        "UBND huyện Đông Anh",
        "UBND huyện Ba Vì",
        "UBND huyện Chương Mỹ",
        "UBND huyện Đan Phượng",
    ]
    assert sorted(units, key=text.sort_key) == [
        "UBND huyện Ba Vì",
        "UBND huyện Chương Mỹ",
        "UBND huyện Đan Phượng",
        "UBND huyện Đông Anh",
    ]


@given(st.text())
def test_fold_and_sort_keys_accept_any_text(value):
    assert text.fold(value) == text.fold(text.normalize(value))
    text.name_sort_key(value)
    text.sort_key(value)


@given(st.lists(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxy ÀÁẢÃẠ", min_size=1), min_size=2))
def test_name_sort_key_is_a_total_order(names):
    ordered = sorted(names, key=text.name_sort_key)
    assert sorted(ordered, key=text.name_sort_key) == ordered


VIETNAMESE_NAMES = st.lists(
    st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẢÃẠàáảãạĐ0-", min_size=1, max_size=6),
    min_size=1,
    max_size=4,
).map(" ".join)


@given(VIETNAMESE_NAMES, VIETNAMESE_NAMES)
def test_name_collation_key_orders_like_name_sort_key(first, second):
    by_tuple = (text.name_sort_key(first) > text.name_sort_key(second)) - (
        text.name_sort_key(first) < text.name_sort_key(second)
    )
    by_string = (text.name_collation_key(first) > text.name_collation_key(second)) - (
        text.name_collation_key(first) < text.name_collation_key(second)
    )
    assert by_string == by_tuple


def test_sort_key_leaves_out_a_letter_mark_that_makes_no_letter():
    assert text.sort_key("Lê 0\u031b") == text.sort_key("Lê 0")
    assert text.collation_key("q\u0302") == text.collation_key("q")


@given(st.text(), st.text())
def test_collation_key_orders_like_sort_key(first, second):
    assert (text.sort_key(first) < text.sort_key(second)) == (
        text.collation_key(first) < text.collation_key(second)
    )


def test_name_collation_key_is_hex_only():
    key = text.name_collation_key("Nguyễn Thị Hằng")
    assert set(key) <= set("0123456789abcdef")
