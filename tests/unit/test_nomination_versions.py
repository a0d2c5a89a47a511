"""What changed between two submitted versions of a nomination."""

from hypothesis import given
from hypothesis import strategies as st

from conference.nominations.versions import diff, word_diff

FIRST = {
    "kind": "collective",
    "name": "Phòng Quản lý thương mại",
    "organization": "Sở Công Thương Hà Nội",
    "birth_year": None,
    "summary": "Phòng chủ trì tổ chức 16 hội chợ, tuần hàng giới thiệu sản phẩm OCOP của Hà Nội.",
    "criteria": {"Khai thác": "16 hội chợ.", "Nhãn hiệu tập thể": "420 sản phẩm OCOP."},
    "attachments": [{"name": "bao-cao.pdf", "sha256": "aa" * 32, "kind": "report", "id": 1}],
}


def test_identical_versions_have_no_changes():
    assert diff(FIRST, dict(FIRST)) == []


def test_changed_short_field_shows_before_and_after():
    second = {**FIRST, "organization": "Sở Công Thương thành phố Hà Nội"}
    (change,) = diff(FIRST, second)
    assert (change.field, change.before, change.after, change.kind) == (
        "organization", "Sở Công Thương Hà Nội", "Sở Công Thương thành phố Hà Nội", "changed",
    )  # fmt: skip
    assert change.segments == []


def test_long_text_gets_a_word_diff_that_marks_only_the_new_sentence():
    addition = "\nDoanh số bán hàng tại các hội chợ đạt 186 tỷ đồng."
    second = {**FIRST, "summary": FIRST["summary"] + addition}
    (change,) = diff(FIRST, second)
    inserted = "".join(s.text for s in change.segments if s.op == "insert")
    assert inserted == addition
    assert not [s for s in change.segments if s.op == "delete"]


def test_criteria_are_compared_one_by_one():
    second = {
        **FIRST,
        "criteria": {"Khai thác": "16 hội chợ; doanh số 186 tỷ đồng.", "Tuyên truyền": "12 lớp."},
    }
    changes = {(c.item, c.kind) for c in diff(FIRST, second)}
    assert changes == {
        ("Khai thác", "changed"),
        ("Tuyên truyền", "added"),
        ("Nhãn hiệu tập thể", "removed"),
    }


def test_a_replaced_report_shows_one_file_added_and_one_removed():
    second = {
        **FIRST,
        "attachments": [
            {"name": "bao-cao-bo-sung.pdf", "sha256": "bb" * 32, "kind": "report", "id": 2}
        ],
    }
    changes = [(c.field, c.kind, c.item) for c in diff(FIRST, second)]
    assert changes == [
        ("attachments", "added", "bao-cao-bo-sung.pdf (bbbbbbbb)"),
        ("attachments", "removed", "bao-cao.pdf (aaaaaaaa)"),
    ]


def test_a_field_set_from_nothing_is_added():
    (change,) = diff({**FIRST, "birth_year": None}, {**FIRST, "birth_year": 1980})
    assert (change.field, change.kind, change.after) == ("birth_year", "added", "1980")


texts = st.text(alphabet=st.sampled_from(list("ab cđ\nệ ")), max_size=40)


@given(texts, texts)
def test_word_diff_gives_back_both_texts(before, after):
    segments = word_diff(before, after)
    assert "".join(s.text for s in segments if s.op != "delete") == after
    assert "".join(s.text for s in segments if s.op != "insert") == before
