"""The commendation pages: forms, uploads, the queue, reviews, set-up, the list, the delegate marks."""

import io
import re

import pdfplumber
from openpyxl import load_workbook
from sqlalchemy import func, select

from conference.audit.services import Actor
from conference.auth.models import Role
from conference.extensions import db
from conference.nominations import services
from conference.nominations.models import (
    Attachment,
    AwardRound,
    Gender,
    Nomination,
    NominationKind,
    NominationState,
    Quota,
    Verdict,
)
from conference.nominations.workflow import Action
from conference.registration import services as registration
from conference.registration.models import Honorific
from conference.timeutil import utcnow
from tests.documents import docx_bytes, pdf_bytes
from tests.integration.nominations.conftest import BANG_KHEN, counted_queries, review_data
from tests.integration.registration.conftest import category


def _text(response) -> str:
    return response.get_data(as_text=True)


def _collective_form(award_round, **changes) -> dict:
    criteria = award_round.criteria
    data = {
        "kind": "collective",
        "collective_name": "Hợp tác xã Nông nghiệp Văn Đức",
        "collective_organization": "UBND xã Văn Đức, huyện Gia Lâm",
        "award_form": award_round.award_forms[0].id,
        "achievement": "Phát triển nhãn hiệu tập thể «Rau an toàn Văn Đức»",
        "summary": "Hợp tác xã có 312 xã viên.\nDoanh thu năm 2024 đạt 42,6 tỷ đồng.",
        f"claim_{criteria[0].id}": "y",
        f"evidence_{criteria[0].id}": "Giấy chứng nhận số 4-0412345-000.",
    }
    data.update(changes)
    return data


def test_unit_creates_uploads_and_submits_through_the_pages(
    client, sign_in, unit_user, award_round
):
    sign_in(unit_user)
    response = client.post("/nominations/new", data=_collective_form(award_round))
    nomination = db.session.scalars(select(Nomination)).one()
    assert response.location == f"/nominations/{nomination.id}"
    assert (nomination.kind, nomination.name, nomination.state) == (
        NominationKind.COLLECTIVE, "Hợp tác xã Nông nghiệp Văn Đức", NominationState.DRAFT,
    )  # fmt: skip
    assert nomination.summary == "Hợp tác xã có 312 xã viên.\nDoanh thu năm 2024 đạt 42,6 tỷ đồng."

    page = _text(client.get(f"/nominations/{nomination.id}"))
    assert "Để nộp hồ sơ còn cần: báo cáo thành tích (PDF hoặc DOCX)." in page

    response = client.post(
        f"/nominations/{nomination.id}/attachments",
        data={"kind": "report", "file": (io.BytesIO(docx_bytes()), "Báo cáo thành tích.docx")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "Đã đính kèm «Báo cáo thành tích.docx»." in _text(response)

    response = client.post(f"/nominations/{nomination.id}/actions/submit", follow_redirects=True)
    assert "Đơn vị còn được đề nghị 0 tập thể (chỉ tiêu 1)." in _text(response)
    db.session.refresh(nomination)
    assert (nomination.state, nomination.version) == (NominationState.SUBMITTED, 1)


def test_form_errors_appear_next_to_their_fields_and_keep_the_input(
    client, sign_in, unit_user, award_round
):
    sign_in(unit_user)
    criterion = award_round.criteria[1]
    response = client.post(
        "/nominations/new",
        data=_collective_form(
            award_round, collective_name="", **{f"claim_{criterion.id}": "y"}, birth_year="1850"
        ),
    )
    page = _text(response)
    assert response.status_code == 200
    assert "Hãy nhập tên tập thể." in page
    assert "Hãy nêu minh chứng cho tiêu chuẩn này." in page
    assert "Năm sinh từ 1930 đến" in page
    assert "UBND xã Văn Đức, huyện Gia Lâm" in page  # what was typed is still there
    assert db.session.scalar(select(func.count()).select_from(Nomination)) == 0


def test_a_fake_pdf_is_refused_with_a_message_and_nothing_is_stored(
    app, client, sign_in, nominate, unit_user
):
    nomination = nominate(unit_user, with_report=False)
    sign_in(unit_user)
    response = client.post(
        f"/nominations/{nomination.id}/attachments",
        data={"kind": "report", "file": (io.BytesIO(b"<html>not a pdf</html>"), "bao-cao.pdf")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "nội dung không phải PDF" in _text(response)
    assert db.session.scalar(select(func.count()).select_from(Attachment)) == 0
    assert (
        not list(services.upload_directory().glob("*"))
        if services.upload_directory().exists()
        else True
    )


def test_a_new_report_replaces_the_old_one(client, sign_in, nominate, unit_user):
    nomination = nominate(unit_user)
    sign_in(unit_user)
    client.post(
        f"/nominations/{nomination.id}/attachments",
        data={"kind": "report", "file": (io.BytesIO(pdf_bytes("moi")), "bao-cao-moi.pdf")},
        content_type="multipart/form-data",
    )
    db.session.refresh(nomination)
    current = [a.original_name for a in services.current_attachments(nomination)]
    assert current == ["bao-cao-moi.pdf"]
    assert len(nomination.attachments) == 2


def test_queue_filters_and_counts(client, sign_in, reviewer, submitted, under_review, unit_user,
                                  other_unit_user, award_round):  # fmt: skip
    submitted(unit_user, name="Nguyễn Văn Hùng")
    under_review(unit_user, name="Lê Thị Hoa")
    submitted(
        other_unit_user, name="Công ty CP Thiết bị điện Đông Anh", kind=NominationKind.COLLECTIVE
    )
    sign_in(reviewer)

    page = _text(client.get(f"/nominations/queue?unit={unit_user.unit_id}"))
    assert "Nguyễn Văn Hùng" in page and "Lê Thị Hoa" in page
    assert "Công ty CP Thiết bị điện Đông Anh" not in page
    assert re.search(
        r'data-testid="count-submitted">Đã nộp <span class="badge text-bg-light">1<', page
    )
    assert re.search(
        r'data-testid="count-under_review">Đang thẩm định <span class="badge text-bg-light">1<',
        page,
    )

    page = _text(client.get("/nominations/queue?kind=collective&state=submitted"))
    assert "Công ty CP Thiết bị điện Đông Anh" in page and "Nguyễn Văn Hùng" not in page


def test_queue_page_runs_the_same_queries_for_three_or_twelve_nominations(
    client, sign_in, reviewer, submitted, make_user, award_round
):
    units = ["UBND huyện Gia Lâm", "UBND huyện Đông Anh", "UBND huyện Ba Vì", "UBND quận Cầu Giấy",
             "UBND huyện Mê Linh", "UBND huyện Sóc Sơn"]  # fmt: skip
    accounts = [make_user(Role.UNIT, unit=name) for name in units]
    for account in accounts[:2]:
        submitted(account)
    submitted(accounts[2], kind=NominationKind.COLLECTIVE)
    sign_in(reviewer)
    with counted_queries() as few:
        client.get("/nominations/queue")
    for account in accounts[3:]:
        submitted(account)
        submitted(account)
        submitted(account, kind=NominationKind.COLLECTIVE)
    with counted_queries() as many:
        assert client.get("/nominations/queue").status_code == 200
    assert len(many) == len(few)


def test_detail_shows_conflicting_reviews_to_the_board_not_to_the_unit(
    client, sign_in, under_review, unit_user, second_reviewer, reviewer, award_round
):
    nomination = under_review(unit_user)
    services.save_review(
        nomination,
        second_reviewer,
        review_data(award_round, Verdict.RETURN, 58, not_met={1}),
        utcnow(),
    )
    sign_in(reviewer)
    page = _text(client.get(f"/nominations/{nomination.id}"))
    assert "Các ý kiến chưa thống nhất:" in page
    assert "Đánh giá khác nhau ở tiêu chuẩn «Khai thác, thương mại hóa tài sản trí tuệ»" in page
    assert "Điểm chênh lệch lớn: 58–85" in page

    sign_in(unit_user)
    page = _text(client.get(f"/nominations/{nomination.id}"))
    assert "Lê Văn Sơn" not in page and "58 điểm" not in page


def test_reviewer_writes_a_review_and_returns_the_nomination_from_the_page(
    client, sign_in, submitted, unit_user, reviewer, award_round
):
    nomination = submitted(unit_user)
    sign_in(reviewer)
    form = {"score": "72", "verdict": "return", "comment": "Thiếu xác nhận của UBND huyện."}
    form |= {f"met_{c.id}": "met" for c in award_round.criteria}
    form[f"note_{award_round.criteria[0].id}"] = "Đủ 12 văn bằng."
    client.post(f"/nominations/{nomination.id}/review", data=form)
    response = client.post(f"/nominations/{nomination.id}/actions/return", data={"reason": ""},
                           follow_redirects=True)  # fmt: skip
    assert "Hãy ghi lý do, để đơn vị biết cần làm gì." in _text(response)
    response = client.post(
        f"/nominations/{nomination.id}/actions/return",
        data={"reason": "Bổ sung xác nhận của Chủ tịch UBND huyện."},
        follow_redirects=True,
    )
    assert "Đã trả lại hồ sơ; đơn vị đã được thông báo qua email." in _text(response)
    db.session.refresh(nomination)
    assert nomination.state == NominationState.RETURNED
    review = services.reviews_of(nomination)[0]
    assert (review.score, review.verdict) == (72, Verdict.RETURN)

    sign_in(unit_user)
    page = _text(client.get(f"/nominations/{nomination.id}"))
    assert "Lý do của Hội đồng: Bổ sung xác nhận của Chủ tịch UBND huyện." in page
    assert "Nộp lại hồ sơ" in page


def _input(page: str, name: str, value: str) -> str:
    """The <input> with this name and value (WTForms writes attributes in alphabetical order)."""
    found = re.search(rf'<input [^>]*name="{name}"[^>]*value="{re.escape(value)}">', page)
    assert found, f"no input {name}={value!r}"
    return found.group(0)


def test_a_review_with_a_bad_score_is_shown_again_with_everything_the_reviewer_typed(
    client, sign_in, submitted, unit_user, reviewer, award_round
):
    nomination = submitted(unit_user)
    first, second, third = award_round.criteria
    sign_in(reviewer)
    comment = "Đề nghị bổ sung số liệu doanh thu năm 2024.\nXác nhận của UBND huyện."
    form = {
        f"met_{first.id}": "met", f"note_{first.id}": "Đủ 12 văn bằng, đã đối chiếu bản gốc.",
        f"met_{second.id}": "not_met", f"note_{second.id}": "Chưa có số liệu doanh thu.",
        f"met_{third.id}": "met", "verdict": "return", "comment": comment,
    }  # fmt: skip
    for score in ("150", ""):
        response = client.post(f"/nominations/{nomination.id}/review", data=form | {"score": score})
        assert response.status_code == 200
        page = _text(response)
        assert 'data-testid="review-error"' in page
        assert "Ý kiến thẩm định chưa được ghi: hãy đánh giá đủ các tiêu chuẩn" in page
        assert "is-invalid" in _input(page, "score", score)
        assert ("Điểm từ 0 đến 100." in page) == bool(score)
        for criterion in (first, second):
            _input(page, f"note_{criterion.id}", form[f"note_{criterion.id}"])
        assert _input(page, f"met_{second.id}", "not_met").startswith("<input checked")
        assert _input(page, f"met_{first.id}", "met").startswith("<input checked")
        assert _input(page, "verdict", "return").startswith("<input checked")
        assert re.search(r'name="comment"[^>]*>\s*' + re.escape(comment) + "</textarea>", page)
    assert services.reviews_of(nomination) == []


def test_version_page_shows_what_changed_since_the_previous_submission(
    client, sign_in, under_review, unit_user, reviewer, award_round
):
    nomination = under_review(unit_user)
    services.perform(nomination, Action.RETURN, reviewer, utcnow(), "Bổ sung.")
    sign_in(unit_user)
    form = _collective_form(award_round, kind="individual", full_name=nomination.name,
                            workplace="UBND huyện Gia Lâm", position="Trưởng phòng Kinh tế",
                            birth_year="1978", gender="male",
                            summary=nomination.summary + " Hướng dẫn 12 hợp tác xã.")  # fmt: skip
    client.post(f"/nominations/{nomination.id}/edit", data=form)
    client.post(f"/nominations/{nomination.id}/actions/resubmit")
    sign_in(reviewer)
    page = _text(client.get(f"/nominations/{nomination.id}/versions/2"))
    assert "Thay đổi so với lần nộp trước" in page
    assert "<ins> Hướng dẫn 12 hợp tác xã.</ins>" in page


def test_organizer_sets_up_a_round_from_the_pages(client, sign_in, organizer, event, reviewer):
    sign_in(organizer)
    response = client.post(
        "/nominations/round",
        data={
            "title": "Khen thưởng sơ kết 5 năm", "deadline": "2030-12-01T17:00",
            "default_collective_quota": "1", "default_individual_quota": "2",
            "chair_id": str(reviewer.id), "guidance": "Mỗi đơn vị không quá 01 tập thể.",
        },
    )  # fmt: skip
    assert response.status_code == 302
    award_round = db.session.scalars(select(AwardRound)).one()
    assert (award_round.chair_id, award_round.deadline.hour) == (reviewer.id, 10)  # 17:00 Hanoi
    client.post("/nominations/round/award-forms", data={"name": BANG_KHEN})
    response = client.post("/nominations/round/award-forms", data={"name": BANG_KHEN.upper()})
    assert "Đã có hình thức khen thưởng này." in _text(response)
    client.post(
        "/nominations/round/criteria",
        data={"title": "Xác lập quyền", "description": "Có văn bằng."},
    )
    gia_lam = unit_id = next(u.id for u in services.all_units() if u.name == "UBND huyện Gia Lâm")
    client.post("/nominations/round/quotas", data={f"collective_{unit_id}": "3"})
    db.session.expire_all()
    assert [f.name for f in award_round.award_forms] == [BANG_KHEN]
    assert [(c.title, c.description) for c in award_round.criteria] == [
        ("Xác lập quyền", "Có văn bằng.")
    ]
    assert db.session.scalars(select(Quota.allowed).where(Quota.unit_id == gia_lam)).all() == [3]


def test_a_criterion_a_nomination_claims_cannot_be_removed(
    client, sign_in, organizer, nominate, unit_user, award_round
):
    nominate(unit_user)
    criterion = award_round.criteria[0]
    sign_in(organizer)
    response = client.post(
        f"/nominations/round/criteria/{criterion.id}/remove", follow_redirects=True
    )
    assert "đang được dùng trong hồ sơ" in _text(response)
    db.session.expire_all()
    assert len(award_round.criteria) == 3


def test_organizer_approves_and_downloads_the_list(
    client, sign_in, organizer, under_review, unit_user, reviewer, award_round
):
    first = under_review(unit_user, name="Nguyễn Văn Hùng")
    second = under_review(unit_user, name="Lê Thị Hoa", gender=Gender.FEMALE)
    for nomination in (first, second):
        services.perform(nomination, Action.RECOMMEND, reviewer, utcnow())
    sign_in(organizer)
    page = _text(client.get("/nominations/approval"))
    assert "Hội đồng đề xuất, chờ phê duyệt (2)" in page
    response = client.post("/nominations/approval", data={"nomination_ids": [second.id]},
                           follow_redirects=True)  # fmt: skip
    assert "Đã phê duyệt 1 hồ sơ." in _text(response)

    workbook = load_workbook(io.BytesIO(client.get("/nominations/list.xlsx").data))
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert [row[3] for row in rows[1:]] == ["Lê Thị Hoa"]
    response = client.get("/nominations/list.pdf")
    with pdfplumber.open(io.BytesIO(response.data)) as pdf:
        text = pdf.pages[0].extract_text()
    assert "Bà Lê Thị Hoa" in text and "Nguyễn Văn Hùng" not in text
    assert f"I. {BANG_KHEN}: 01 cá nhân" in text


def _approval_row(page: str, nomination) -> str:
    match = re.search(rf'<tr[^>]*data-testid="approval-{nomination.id}">(.*?)</tr>', page, re.S)
    assert match, f"no approval row for {nomination.name}"
    return match.group(1)


def _ticked(row: str) -> bool:
    return re.search(r'name="nomination_ids" value="\d+" checked', row) is not None


def test_approval_ticks_only_agreeing_reviews_and_shows_the_scores(
    client, sign_in, organizer, under_review, unit_user, reviewer, second_reviewer, award_round
):
    agreeing = under_review(unit_user, name="Nguyễn Văn Hùng")  # the first reviewer: 85
    conflicting = under_review(unit_user, name="Lê Thị Hoa", gender=Gender.FEMALE)
    services.save_review(agreeing, second_reviewer, review_data(award_round, score=80), utcnow())
    services.save_review(
        conflicting, second_reviewer,
        review_data(award_round, Verdict.RETURN, 58, not_met={1}), utcnow(),
    )  # fmt: skip
    for nomination in (agreeing, conflicting):
        services.perform(nomination, Action.RECOMMEND, reviewer, utcnow())
    sign_in(organizer)
    page = _text(client.get("/nominations/approval"))

    row = _approval_row(page, agreeing)
    assert _ticked(row)
    assert "Thống nhất" in row
    assert "Trần Văn Hùng: <strong>85 điểm</strong>" in row
    assert "Lê Văn Sơn: <strong>80 điểm</strong>" in row
    assert "conflict-note" not in row

    row = _approval_row(page, conflicting)
    assert not _ticked(row)
    assert "Chưa thống nhất" in row
    assert "Trần Văn Hùng: <strong>85 điểm</strong> · đề xuất khen thưởng" in row
    assert "Lê Văn Sơn: <strong>58 điểm</strong> · trả lại để bổ sung" in row
    assert "Chưa chọn sẵn: các ý kiến chưa thống nhất." in row
    assert "Điểm chênh lệch lớn: 58–85" in row
    assert "Đánh giá khác nhau ở tiêu chuẩn «Khai thác, thương mại hóa tài sản trí tuệ»" in row


def test_approval_does_not_tick_a_nomination_with_a_single_review(
    client, sign_in, organizer, under_review, unit_user, reviewer
):
    nomination = under_review(unit_user)
    services.perform(nomination, Action.RECOMMEND, reviewer, utcnow())
    sign_in(organizer)
    row = _approval_row(_text(client.get("/nominations/approval")), nomination)
    assert not _ticked(row)
    assert "Một ý kiến" in row and "Chưa chọn sẵn: chưa đủ ý kiến để đối chiếu." in row


def test_approval_page_runs_the_same_queries_for_two_or_six_nominations(
    client, sign_in, organizer, under_review, make_user, reviewer, second_reviewer, award_round
):
    accounts = [make_user(Role.UNIT, unit=name) for name in
                ("UBND huyện Ba Vì", "UBND huyện Mê Linh", "UBND huyện Sóc Sơn")]  # fmt: skip

    def recommend_two(account):
        for _ in range(2):
            nomination = under_review(account)
            services.save_review(nomination, second_reviewer, review_data(award_round), utcnow())
            services.perform(nomination, Action.RECOMMEND, reviewer, utcnow())

    recommend_two(accounts[0])
    sign_in(organizer)
    with counted_queries() as few:
        client.get("/nominations/approval")
    for account in accounts[1:]:
        recommend_two(account)
    with counted_queries() as many:
        page = _text(client.get("/nominations/approval"))
    assert page.count("Thống nhất") == 6
    assert len(many) == len(few)


def test_counts_read_right_in_english_for_one_and_several_and_in_vietnamese(
    client, sign_in, organizer, under_review, unit_user, reviewer, award_round
):
    first, second = under_review(unit_user), under_review(unit_user)
    third = under_review(unit_user, kind=NominationKind.COLLECTIVE)
    for nomination in (first, second, third):
        services.perform(nomination, Action.RECOMMEND, reviewer, utcnow())
    sign_in(organizer)
    client.get("/lang/en")

    response = client.post("/nominations/approval", data={"nomination_ids": [first.id]},
                           follow_redirects=True)  # fmt: skip
    assert "1 nomination approved." in _text(response)
    page = _text(client.get(f"/nominations/{first.id}"))
    assert "Submitted once; first at" in page and "85 points" in page
    response = client.post("/nominations/round/quotas", data={f"collective_{unit_user.unit_id}": "3"},
                           follow_redirects=True)  # fmt: skip
    assert "Quotas saved (1 change)." in _text(response)
    assert "Leave blank to use the general quota: 1 collective, 2 individuals." in _text(response)

    response = client.post("/nominations/approval", data={"nomination_ids": [second.id, third.id]},
                           follow_redirects=True)  # fmt: skip
    assert "2 nominations approved." in _text(response)

    client.get("/lang/vi")
    quotas = {f"collective_{unit_user.unit_id}": "2", f"individual_{unit_user.unit_id}": "4"}
    response = client.post("/nominations/round/quotas", data=quotas, follow_redirects=True)
    assert "Đã lưu chỉ tiêu (2 thay đổi)." in _text(response)
    assert "Để trống để dùng chỉ tiêu chung: 1 tập thể, 2 cá nhân." in _text(response)


def test_export_nominations_command_writes_the_approved_list(runner, approved, unit_user, tmp_path):
    approved(unit_user, name="Phạm Hồng Giang")
    out = tmp_path / "danh-sach.xlsx"
    result = runner.invoke(args=["export-nominations", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 approved nominations written" in result.output
    rows = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert rows[1][1:4] == (BANG_KHEN, "Cá nhân", "Phạm Hồng Giang")


def test_export_nominations_without_a_round_says_so(runner, event):
    result = runner.invoke(args=["export-nominations", "--out", "/tmp/never.xlsx"])
    assert result.exit_code != 0
    assert "No commendation round" in result.output


def _delegates(event, count):
    return [
        registration.register(
            event,
            registration.RegistrationData(
                honorific=Honorific.MRS, full_name=f"Nguyễn Thị Hằng {n}", position="Trưởng phòng",
                organization="UBND huyện Gia Lâm", category_id=category(event, "quan_huyen").id,
                email=f"hang{n}@gialam.hanoi.gov.vn",
            ),
            utcnow(),
        ).delegate
        for n in range(count)
    ]  # fmt: skip


def test_delegate_list_and_page_mark_award_recipients_with_constant_queries(
    client, sign_in, organizer, approved, unit_user, event
):
    delegates = _delegates(event, 8)
    award_round = services.current_round(event)
    services.set_quotas(
        award_round, {(unit_user.unit_id, NominationKind.INDIVIDUAL): 5}, Actor(user=organizer)
    )
    first = approved(unit_user, name="Nguyễn Thị Hằng 0")
    services.link_delegate(first, delegates[0].id, organizer)
    sign_in(organizer)
    with counted_queries() as one_award:
        page = _text(client.get("/delegates/"))
    assert page.count('data-testid="award-recipient"') == 1
    for delegate in delegates[1:4]:
        nomination = approved(unit_user, name=delegate.full_name)
        services.link_delegate(nomination, delegate.id, organizer)
    with counted_queries() as four_awards:
        page = _text(client.get("/delegates/"))
    assert page.count('data-testid="award-recipient"') == 4
    assert len(four_awards) == len(one_award)

    page = _text(client.get(f"/delegates/{delegates[0].id}"))
    assert "Nhận khen thưởng" in page and BANG_KHEN in page


def test_queue_says_in_words_which_nominations_have_a_linked_delegate(
    client, sign_in, organizer, approved, unit_user, event
):
    nomination = approved(unit_user, name="Nguyễn Thị Hằng 0")
    sign_in(organizer)
    assert 'data-testid="queue-legend"' not in _text(client.get("/nominations/queue"))
    services.link_delegate(nomination, _delegates(event, 1)[0].id, organizer)
    page = _text(client.get("/nominations/queue"))
    assert ">ĐB<" not in page
    badge = re.search(
        r'<span [^>]*title="([^"]+)"[^>]*data-testid="delegate-linked">([^<]+)<', page
    )
    assert badge.groups() == ("Đã gắn đại biểu nhận khen thưởng", "Đã gắn đại biểu")
    legend = re.search(r'data-testid="queue-legend">(.*?)</p>', page, re.S).group(1)
    assert "đại biểu đó được xếp chỗ và in thẻ như người nhận khen thưởng" in legend


def test_link_delegate_page_suggests_by_name_without_accents(
    client, sign_in, organizer, approved, unit_user, event
):
    delegates = _delegates(event, 3)
    nomination = approved(unit_user, name="Nguyen Thi Hang 2")
    sign_in(organizer)
    page = _text(client.get(f"/nominations/{nomination.id}/delegate"))
    suggestions = page[page.index("Gợi ý theo tên") : page.index("Tìm đại biểu")]
    assert "Nguyễn Thị Hằng 2" in suggestions
    response = client.post(
        f"/nominations/{nomination.id}/delegate", data={"delegate_id": delegates[2].id}
    )
    assert response.status_code == 302
    assert services.award_recipient_ids(event) == {delegates[2].id}


def test_demo_has_nominations_in_every_state_and_linked_recipients(runner):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    states = set(db.session.scalars(select(Nomination.state)))
    assert states == set(NominationState)
    assert db.session.scalar(select(func.count()).select_from(Nomination)) == 15
    event = db.session.scalars(select(AwardRound)).one().event
    assert len(services.award_recipient_ids(event)) == 4
