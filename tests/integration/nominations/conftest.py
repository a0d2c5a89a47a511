from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from itertools import count

import pytest
from sqlalchemy import event as sqlalchemy_event

from conference.audit.services import Actor
from conference.auth.models import Role, User
from conference.extensions import db
from conference.nominations import services
from conference.nominations.models import (
    AttachmentKind,
    AwardRound,
    Gender,
    Nomination,
    NominationKind,
    Verdict,
)
from conference.nominations.workflow import Action
from conference.timeutil import utcnow
from tests.documents import pdf_bytes

BANG_KHEN = "Bằng khen của Chủ tịch UBND Thành phố"
GIAY_KHEN = "Giấy khen của Giám đốc Sở Khoa học và Công nghệ"
CRITERIA = [
    ("Xác lập quyền sở hữu trí tuệ", "Có văn bằng bảo hộ được cấp giai đoạn 2021-2025."),
    ("Khai thác, thương mại hóa tài sản trí tuệ", "Có doanh thu từ tài sản trí tuệ."),
    ("Nhãn hiệu tập thể, sản phẩm OCOP", "Xây dựng, phát triển nhãn hiệu tập thể."),
]
GIA_LAM, DONG_ANH = "UBND huyện Gia Lâm", "UBND huyện Đông Anh"


@pytest.fixture
def sign_in(client, login) -> Callable[[User], None]:
    """Sign the test client in as this account, signing out whoever was signed in."""

    def switch(user: User) -> None:
        client.post("/logout")
        login(user)

    return switch


@pytest.fixture
def organizer(make_user) -> User:
    return make_user(
        Role.ORGANIZER, unit="Sở Khoa học và Công nghệ Hà Nội", name="Nguyễn Thị Thu Hà"
    )


@pytest.fixture
def award_round(event, organizer) -> AwardRound:
    """A round open for another week: two award forms, three criteria, 1 collective + 2 people."""
    actor = Actor(user=organizer)
    award_round = services.save_round(
        event,
        services.RoundData(
            title="Khen thưởng sơ kết 5 năm Chương trình phát triển tài sản trí tuệ",
            guidance="Mỗi đơn vị đề nghị không quá 01 tập thể và 02 cá nhân.",
            deadline=utcnow() + timedelta(days=7),
            default_collective_quota=1,
            default_individual_quota=2,
        ),
        actor,
    )
    for name in (BANG_KHEN, GIAY_KHEN):
        services.add_award_form(award_round, name, actor)
    for title, description in CRITERIA:
        services.add_criterion(award_round, title, description, actor)
    return award_round


@pytest.fixture
def unit_user(make_user) -> User:
    return make_user(Role.UNIT, unit=GIA_LAM, name="Lê Thị Mai Anh")


@pytest.fixture
def other_unit_user(make_user) -> User:
    return make_user(Role.UNIT, unit=DONG_ANH, name="Đinh Công Thành")


@pytest.fixture
def reviewer(make_user) -> User:
    return make_user(
        Role.REVIEWER, unit="Ban Thi đua - Khen thưởng Thành phố", name="Trần Văn Hùng"
    )


@pytest.fixture
def second_reviewer(make_user) -> User:
    return make_user(Role.REVIEWER, unit="Sở Nông nghiệp và Môi trường Hà Nội", name="Lê Văn Sơn")


def nomination_data(award_round: AwardRound, kind=NominationKind.INDIVIDUAL, **changes):
    """A complete nomination as a unit would fill it in."""
    forms = award_round.award_forms
    criteria = award_round.criteria
    values = {
        "kind": kind,
        "name": "Nguyễn Văn Hùng" if kind == NominationKind.INDIVIDUAL else "Hợp tác xã Văn Đức",
        "organization": "UBND huyện Gia Lâm",
        "position": "Trưởng phòng Kinh tế" if kind == NominationKind.INDIVIDUAL else "",
        "birth_year": 1978 if kind == NominationKind.INDIVIDUAL else None,
        "gender": Gender.MALE if kind == NominationKind.INDIVIDUAL else None,
        "award_form_id": forms[0].id,
        "achievement": "Hỗ trợ 12 hợp tác xã đăng ký nhãn hiệu tập thể",
        "summary": "Tham mưu kế hoạch phát triển tài sản trí tuệ của huyện giai đoạn 2021-2025.",
        "claims": {
            criteria[0].id: "12 văn bằng nhãn hiệu tập thể.",
            criteria[2].id: "35 sản phẩm OCOP.",
        },
    }
    values.update(changes)
    return services.NominationData(**values)


@pytest.fixture
def nominate(award_round) -> Callable[..., Nomination]:
    """Create a complete draft with its report attached: nominate(user, kind=…, name=…)."""
    names = count(1)

    def make(user: User, kind=NominationKind.INDIVIDUAL, with_report=True, **changes) -> Nomination:
        changes.setdefault("name", f"{nomination_data(award_round, kind).name} {next(names)}")
        nomination = services.create_nomination(
            award_round, user, nomination_data(award_round, kind, **changes), utcnow()
        )
        if with_report:
            services.add_attachment(
                nomination, user, AttachmentKind.REPORT, "bao-cao-thanh-tich.pdf",
                pdf_bytes("Bao cao thanh tich"), utcnow(),
            )  # fmt: skip
        return nomination

    return make


@pytest.fixture
def submitted(nominate) -> Callable[..., Nomination]:
    def make(user: User, **changes) -> Nomination:
        nomination = nominate(user, **changes)
        return services.perform(nomination, Action.SUBMIT, user, utcnow())

    return make


def review_data(
    award_round, verdict=Verdict.RECOMMEND, score=85, not_met=()
) -> services.ReviewData:
    return services.ReviewData(
        score=score,
        verdict=verdict,
        comment="Hồ sơ đầy đủ.",
        findings={
            criterion.id: (
                index not in not_met,
                "" if index not in not_met else "Thiếu minh chứng.",
            )
            for index, criterion in enumerate(award_round.criteria)
        },
    )


@pytest.fixture
def under_review(submitted, reviewer, award_round) -> Callable[..., Nomination]:
    def make(user: User, **changes) -> Nomination:
        nomination = submitted(user, **changes)
        services.save_review(nomination, reviewer, review_data(award_round), utcnow())
        return nomination

    return make


@pytest.fixture
def approved(under_review, reviewer, organizer, award_round) -> Callable[..., Nomination]:
    def make(user: User, **changes) -> Nomination:
        nomination = under_review(user, **changes)
        services.perform(nomination, Action.RECOMMEND, reviewer, utcnow())
        services.approve_list(award_round, [nomination.id], organizer, utcnow())
        return nomination

    return make


@contextmanager
def counted_queries() -> Iterator[list[str]]:
    """Collect the SQL statements run inside the block."""
    statements: list[str] = []

    def collect(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    sqlalchemy_event.listen(db.engine, "before_cursor_execute", collect)
    try:
        yield statements
    finally:
        sqlalchemy_event.remove(db.engine, "before_cursor_execute", collect)
