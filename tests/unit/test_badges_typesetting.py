import pytest
from hypothesis import given
from hypothesis import strategies as st

from conference.badges.typesetting import LEADING, Block, fit_stack, fit_text, word_width
from conference.pdffonts import BOLD, REGULAR
from conference.pdffonts import register as register_fonts

LONG_NAME = "Công Tằng Tôn Nữ Thị Phương Thảo Nguyễn Hoàng Bảo Ngọc"
SYLLABLES = ["Nguyễn", "Thị", "Hằng", "Đặng", "Quốc", "Việt", "Ngô", "Ngọc", "Ánh", "Tằng", "Ưng"]


@pytest.fixture(scope="module", autouse=True)
def fonts():
    register_fonts()


def line_width(line: str, font: str, size: float) -> float:
    return word_width(line, font) * size


def test_fit_text_keeps_short_name_on_one_line_at_full_size():
    fitted = fit_text("Đặng Quốc Việt", BOLD, 270, 28, max_lines=2)

    assert fitted.lines == ("Đặng Quốc Việt",)
    assert fitted.size == 28


def test_fit_text_breaks_long_name_into_two_lines_within_width():
    fitted = fit_text(LONG_NAME, BOLD, 270, 28, max_lines=2)

    assert len(fitted.lines) == 2
    assert " ".join(fitted.lines) == LONG_NAME
    assert all(line_width(line, BOLD, fitted.size) <= 270 + 1e-6 for line in fitted.lines)
    assert fitted.size < 28


def test_fit_text_shrinks_below_any_floor_rather_than_cut_a_word():
    fitted = fit_text("Khôngthểxuốngdòngđượcchútnào", BOLD, 40, 28, max_lines=2)

    assert fitted.lines == ("Khôngthểxuốngdòngđượcchútnào",)
    assert line_width(fitted.lines[0], BOLD, fitted.size) == pytest.approx(40)


def test_fit_text_respects_height_of_box():
    fitted = fit_text(LONG_NAME, BOLD, 2000, 28, max_lines=2, max_height=20)

    assert fitted.height <= 20 + 1e-6


def test_fit_text_reports_drawn_line_widths():
    fitted = fit_text("Ngô Thị Ngọc Ánh", REGULAR, 500, 12)

    assert fitted.widths[0] == pytest.approx(line_width("Ngô Thị Ngọc Ánh", REGULAR, 12))


@given(
    words=st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=14),
    width=st.floats(min_value=20, max_value=400),
    max_size=st.floats(min_value=4, max_value=40),
    max_lines=st.integers(min_value=1, max_value=4),
)
def test_fit_text_never_overflows_and_keeps_every_word(words, width, max_size, max_lines):
    text = " ".join(words)

    fitted = fit_text(text, BOLD, width, max_size, max_lines)

    assert " ".join(fitted.lines) == text
    assert 1 <= len(fitted.lines) <= max_lines
    assert 0 < fitted.size <= max_size
    assert all(line_width(line, BOLD, fitted.size) <= width * (1 + 1e-9) for line in fitted.lines)


def test_fit_stack_shrinks_every_block_by_the_same_factor():
    blocks = [
        Block("Phó Cục trưởng Cục Sở hữu trí tuệ", REGULAR, 10, 2, 3),
        Block("Ban Quản lý các khu công nghệ cao và khu công nghiệp Thành phố", BOLD, 10, 2),
    ]

    stack = fit_stack(blocks, 120, 30)

    total = sum(text.height for text, _ in stack) + stack[0][1]
    assert total <= 30 + 1e-6
    assert stack[0][0].size < 10
    assert stack[1][0].size < 10


def test_fit_stack_leaves_out_empty_blocks():
    stack = fit_stack([Block("", REGULAR, 10), Block("Chuyên viên", REGULAR, 10)], 200, 100)

    assert [text.lines for text, _ in stack] == [("Chuyên viên",)]
    assert stack[0][0].height == pytest.approx(10 * LEADING)
