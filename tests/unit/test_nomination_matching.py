"""Suggesting the delegate a nomination names, without caring for accents."""

from conference.nominations.matching import Candidate, suggest

DELEGATES = [
    Candidate(1, "Nguyễn Văn Hùng", "Trưởng phòng Kinh tế", "UBND huyện Gia Lâm"),
    Candidate(2, "Nguyễn Văn Hưng", "Chuyên viên", "Sở Công Thương Hà Nội"),
    Candidate(3, "Trần Văn Hùng", "Giám đốc", "Công ty CP Dược liệu Ba Vì"),
    Candidate(4, "Phạm Quang Trung", "Chủ nhiệm", "HTX Nông nghiệp Văn Đức (Gia Lâm)"),
    Candidate(5, "Lê Thị Mai Anh", "Phó Chủ tịch UBND huyện", "UBND huyện Gia Lâm"),
    Candidate(6, "Đặng Quốc Việt", "Phóng viên", "Báo Hànộimới"),
]


def ids(suggestions) -> list[int]:
    return [suggestion.candidate.id for suggestion in suggestions]


def test_name_typed_without_accents_finds_the_person():
    found = suggest(DELEGATES, name="nguyen van hung", organization="", individual=True)
    assert ids(found)[0] == 1


def test_workplace_decides_between_people_with_the_same_folded_name():
    found = suggest(
        DELEGATES, name="Nguyễn Văn Hưng", organization="Sở Công Thương", individual=True
    )
    assert ids(found)[:2] == [2, 1]


def test_a_different_given_name_is_never_suggested():
    found = suggest(DELEGATES, name="Nguyễn Văn Hùng", organization="", individual=True)
    assert 5 not in ids(found) and 4 not in ids(found)


def test_d_with_stroke_matches_plain_d():
    assert ids(suggest(DELEGATES, name="Dang Quoc Viet", organization="", individual=True)) == [6]


def test_collective_suggests_people_of_that_organisation_first():
    found = suggest(
        DELEGATES,
        name="Hợp tác xã Nông nghiệp Văn Đức",
        organization="UBND xã Văn Đức, huyện Gia Lâm",
        individual=False,
    )
    assert ids(found)[0] == 4
    assert 6 not in ids(found) and 3 not in ids(found)


def test_limit_and_threshold_keep_the_list_short():
    crowd = [Candidate(n, f"Nguyễn Văn Hùng {n}", "", "") for n in range(20)]
    assert len(suggest(crowd, name="Nguyễn Văn Hùng", organization="", individual=True)) == 0
    same = [Candidate(n, "Nguyễn Văn Hùng", "", "") for n in range(20)]
    assert (
        len(suggest(same, name="Nguyễn Văn Hùng", organization="", individual=True, limit=3)) == 3
    )
