"""The commendation workflow through the services: steps, refusals, reviews, versions, history, mail."""

import pytest
from sqlalchemy import func, select

from conference.audit.models import AuditEvent
from conference.auth.models import Role
from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.nominations import services
from conference.nominations.models import (
    AttachmentKind,
    Nomination,
    NominationState,
    NominationVersion,
    Review,
    Verdict,
)
from conference.nominations.workflow import Action
from conference.registration import services as registration
from conference.registration.models import Honorific
from conference.timeutil import utcnow
from tests.documents import docx_bytes
from tests.integration.nominations.conftest import GIA_LAM, nomination_data, review_data
from tests.integration.registration.conftest import category

State = NominationState


def _refused(call, *args, **kwargs) -> services.NominationError:
    with pytest.raises(services.NominationError) as error:
        call(*args, **kwargs)
    return error.value


def _state(nomination) -> State:
    return db.session.scalar(select(Nomination.state).where(Nomination.id == nomination.id))


def test_submission_freezes_version_one_with_what_the_unit_wrote(nominate, unit_user):
    nomination = nominate(unit_user, name="Nguyễn  Văn Hùng ")
    services.perform(nomination, Action.SUBMIT, unit_user, utcnow())
    version = db.session.scalars(select(NominationVersion)).one()
    assert (_state(nomination), nomination.version, version.number) == (State.SUBMITTED, 1, 1)
    assert version.content["name"] == "Nguyễn Văn Hùng"
    assert version.content["award_form"] == "Bằng khen của Chủ tịch UBND Thành phố"
    assert list(version.content["criteria"]) == [
        "Xác lập quyền sở hữu trí tuệ",
        "Nhãn hiệu tập thể, sản phẩm OCOP",
    ]
    assert [a["name"] for a in version.content["attachments"]] == ["bao-cao-thanh-tich.pdf"]


def test_incomplete_nomination_is_refused_with_what_is_missing(nominate, unit_user, award_round):
    nomination = nominate(
        unit_user, with_report=False, birth_year=None, claims={}, award_form_id=None
    )
    error = _refused(services.perform, nomination, Action.SUBMIT, unit_user, utcnow())
    assert error.reason == "incomplete"
    assert error.data["missing"] == ["birth_year", "award_form", "criteria", "report"]
    assert _state(nomination) == State.DRAFT


@pytest.mark.parametrize(
    ("setup", "actor", "action", "reason"),
    [
        ("draft", "reviewer", Action.SUBMIT, "not_permitted"),
        ("draft", "other_unit", Action.SUBMIT, "not_permitted"),
        ("draft", "unit", Action.RECOMMEND, "illegal_transition"),
        ("submitted", "unit", Action.RECOMMEND, "illegal_transition"),
        ("under_review", "unit", Action.RECOMMEND, "not_permitted"),
        ("under_review", "unit", Action.WITHDRAW, "illegal_transition"),
        ("under_review", "organizer", Action.RECOMMEND, "not_permitted"),
        ("under_review", "organizer", Action.APPROVE, "illegal_transition"),
        ("under_review", "reviewer", Action.RETURN, "reason_required"),
        ("under_review", "reviewer", Action.APPROVE, "illegal_transition"),
        ("recommended", "reviewer", Action.APPROVE, "not_permitted"),
        ("recommended", "unit", Action.RESUBMIT, "illegal_transition"),
        ("approved", "organizer", Action.REOPEN, "illegal_transition"),
        ("approved", "unit", Action.WITHDRAW, "illegal_transition"),
    ],
)
def test_service_refuses_illegal_steps_whatever_the_page_offered(
    request, setup, actor, action, reason, nominate, under_review, approved, unit_user
):
    makers = {
        "draft": nominate,
        "submitted": request.getfixturevalue("submitted"),
        "under_review": under_review,
        "recommended": under_review,
        "approved": approved,
    }
    nomination = makers[setup](unit_user)
    if setup == "recommended":
        services.perform(
            nomination, Action.RECOMMEND, request.getfixturevalue("reviewer"), utcnow()
        )
    before = _state(nomination)
    user = {
        "unit": unit_user,
        "other_unit": request.getfixturevalue("other_unit_user"),
        "reviewer": request.getfixturevalue("reviewer"),
        "organizer": request.getfixturevalue("organizer"),
    }[actor]

    error = _refused(services.perform, nomination, action, user, utcnow())

    assert error.reason == reason
    assert _state(nomination) == before


def test_reviewer_from_the_nominating_unit_may_neither_review_nor_decide(
    submitted, unit_user, make_user, award_round
):
    colleague = make_user(Role.REVIEWER, unit=GIA_LAM)
    nomination = submitted(unit_user)
    assert (
        _refused(
            services.save_review, nomination, colleague, review_data(award_round), utcnow()
        ).reason
        == "own_unit"
    )
    assert (
        _refused(services.perform, nomination, Action.START_REVIEW, colleague, utcnow()).reason
        == "own_unit"
    )
    assert not services.may_review(nomination, colleague)
    assert _state(nomination) == State.SUBMITTED


def test_first_review_starts_the_review_and_saving_again_changes_it(
    submitted, unit_user, reviewer, award_round
):
    nomination = submitted(unit_user)
    services.save_review(nomination, reviewer, review_data(award_round, score=70), utcnow())
    assert _state(nomination) == State.UNDER_REVIEW
    services.save_review(
        nomination, reviewer, review_data(award_round, Verdict.RETURN, 55, not_met={1}), utcnow()
    )
    review = db.session.scalars(select(Review)).one()
    assert (review.score, review.verdict, review.version) == (55, Verdict.RETURN, 1)
    assert sorted((f.met, f.note) for f in review.findings) == [
        (False, "Thiếu minh chứng."), (True, ""), (True, ""),
    ]  # fmt: skip
    actions = db.session.scalars(
        select(AuditEvent.action)
        .where(AuditEvent.object_type == "nomination")
        .order_by(AuditEvent.id)
    ).all()
    assert actions[-3:] == ["nomination.start_review", "nomination.review", "nomination.review"]


def test_unit_may_withdraw_until_review_starts(submitted, unit_user, reviewer, award_round):
    nomination = submitted(unit_user)
    services.perform(nomination, Action.WITHDRAW, unit_user, utcnow())
    assert _state(nomination) == State.DRAFT
    services.perform(nomination, Action.SUBMIT, unit_user, utcnow())
    services.perform(nomination, Action.START_REVIEW, reviewer, utcnow())
    assert (
        _refused(services.perform, nomination, Action.WITHDRAW, unit_user, utcnow()).reason
        == "illegal_transition"
    )
    assert nomination.version == 2


def test_return_emails_the_unit_s_active_accounts_with_the_reason(
    under_review, unit_user, reviewer, make_user
):
    colleague = make_user(Role.UNIT, unit=GIA_LAM, email="vanthu@gialam.hanoi.gov.vn")
    make_user(Role.UNIT, unit="UBND huyện Đông Anh", email="khac@dongan.hanoi.gov.vn")
    nomination = under_review(unit_user)
    reason = "Bổ sung danh sách 12 nhãn hiệu tập thể kèm số văn bằng."
    services.perform(nomination, Action.RETURN, reviewer, utcnow(), reason)

    messages = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "nomination.return")
    ).all()
    assert sorted(m.recipient for m in messages) == sorted([unit_user.email, colleague.email])
    assert messages[0].subject == f"Hồ sơ đề nghị khen thưởng cần bổ sung: {nomination.name}"
    assert reason in messages[0].body
    assert f"http://hoinghi.test/nominations/{nomination.id}" in messages[0].body
    assert (_state(nomination), nomination.decision_reason) == (State.RETURNED, reason)


def test_resubmission_keeps_both_versions_and_shows_the_changes(
    under_review, unit_user, reviewer, award_round
):
    nomination = under_review(unit_user)
    services.perform(nomination, Action.RETURN, reviewer, utcnow(), "Bổ sung doanh thu.")
    first_summary = nomination.summary
    corrected = nomination_data(
        award_round,
        name=nomination.name,
        summary=first_summary + " Doanh thu năm 2024 đạt 42,6 tỷ đồng.",
    )
    services.update_nomination(nomination, unit_user, corrected)
    assert [c.field for c in services.unsubmitted_changes(nomination)] == ["summary"]
    services.add_attachment(
        nomination, unit_user, AttachmentKind.REPORT, "bao-cao-bo-sung.docx", docx_bytes(), utcnow()
    )
    services.perform(nomination, Action.RESUBMIT, unit_user, utcnow())

    versions = db.session.scalars(
        select(NominationVersion).order_by(NominationVersion.number)
    ).all()
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].content["summary"] == first_summary  # the first version is untouched
    changes = services.version_changes(nomination, 2)
    assert [(c.field, c.kind) for c in changes] == [
        ("summary", "changed"), ("attachments", "added"), ("attachments", "removed"),
    ]  # fmt: skip
    inserted = "".join(s.text for s in changes[0].segments if s.op == "insert")
    assert inserted == " Doanh thu năm 2024 đạt 42,6 tỷ đồng."
    assert _state(nomination) == State.RESUBMITTED


def test_reviews_of_the_earlier_version_stay_with_it(
    under_review, unit_user, reviewer, second_reviewer, award_round
):
    nomination = under_review(unit_user)
    services.perform(nomination, Action.RETURN, reviewer, utcnow(), "Bổ sung.")
    services.perform(nomination, Action.RESUBMIT, unit_user, utcnow())
    assert services.reviews_of(nomination) == []
    assert [r.reviewer_id for r in services.reviews_of(nomination, version=1)] == [reviewer.id]
    services.save_review(nomination, second_reviewer, review_data(award_round), utcnow())
    assert [r.version for r in services.reviews_of(nomination)] == [2]


def test_agreement_of_two_reviews_that_differ(
    under_review, unit_user, second_reviewer, award_round
):
    nomination = under_review(unit_user)  # the first reviewer recommends, 85 points
    services.save_review(
        nomination,
        second_reviewer,
        review_data(award_round, Verdict.RETURN, 60, not_met={1}),
        utcnow(),
    )
    agreement = services.agreement_of(services.reviews_of(nomination))
    assert agreement.status == "conflict"
    assert agreement.verdicts == {"recommend": 1, "return": 1}
    assert agreement.disputed_criteria == [award_round.criteria[1].id]
    assert agreement.scores_apart


def test_rejection_tells_the_unit_why(under_review, unit_user, reviewer):
    nomination = under_review(unit_user)
    services.perform(nomination, Action.REJECT, reviewer, utcnow(), "Văn bằng cấp trước năm 2021.")
    message = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "nomination.reject")
    ).first()
    assert "Văn bằng cấp trước năm 2021." in message.body
    assert _state(nomination) == State.REJECTED


def test_the_chair_the_round_names_approves_and_other_reviewers_cannot(
    under_review, unit_user, reviewer, second_reviewer, award_round
):
    nomination = under_review(unit_user)
    services.perform(nomination, Action.RECOMMEND, reviewer, utcnow())
    error = _refused(services.approve_list, award_round, [nomination.id], second_reviewer, utcnow())
    assert (error.reason, error.data["name"]) == ("not_permitted", nomination.name)
    award_round.chair_id = second_reviewer.id
    db.session.commit()
    assert services.approve_list(award_round, [nomination.id], second_reviewer, utcnow()) == 1
    assert _state(nomination) == State.APPROVED


def test_approving_a_list_is_all_or_nothing(
    under_review, unit_user, reviewer, organizer, award_round
):
    ready = under_review(unit_user)
    services.perform(ready, Action.RECOMMEND, reviewer, utcnow())
    not_ready = under_review(unit_user)
    error = _refused(
        services.approve_list, award_round, [ready.id, not_ready.id], organizer, utcnow()
    )
    assert error.reason == "illegal_transition"
    assert (_state(ready), _state(not_ready)) == (State.RECOMMENDED, State.UNDER_REVIEW)


def test_reopening_a_recommendation_needs_a_reason_and_goes_back_to_review(
    under_review, unit_user, reviewer, organizer
):
    nomination = under_review(unit_user)
    services.perform(nomination, Action.RECOMMEND, reviewer, utcnow())
    services.perform(nomination, Action.REOPEN, organizer, utcnow(), "Trùng với hồ sơ của Sở.")
    assert _state(nomination) == State.UNDER_REVIEW


def test_a_submitted_nomination_cannot_be_edited_or_given_files(submitted, unit_user, award_round):
    nomination = submitted(unit_user)
    error = _refused(
        services.update_nomination, nomination, unit_user, nomination_data(award_round)
    )
    assert (error.reason, error.data["state"]) == ("not_editable", State.SUBMITTED)
    error = _refused(
        services.add_attachment,
        nomination,
        unit_user,
        AttachmentKind.EVIDENCE,
        "x.docx",
        docx_bytes(),
        utcnow(),
    )
    assert error.reason == "not_editable"


def test_history_tells_who_did_what_when_in_order(under_review, unit_user, reviewer):
    nomination = under_review(unit_user)
    services.perform(nomination, Action.RETURN, reviewer, utcnow(), "Bổ sung.")
    entries = services.history(nomination, include_reviews=True)
    assert [(e.action, e.actor_id) for e in entries] == [
        ("nomination.create", unit_user.id),
        ("nomination.attach", unit_user.id),
        ("nomination.submit", unit_user.id),
        ("nomination.start_review", reviewer.id),
        ("nomination.review", reviewer.id),
        ("nomination.return", reviewer.id),
    ]
    assert entries[-1].before == {"state": "under_review"}
    assert entries[-1].after == {"state": "returned", "version": 1, "reason": "Bổ sung."}
    unit_view = services.history(nomination, include_reviews=False)
    assert "nomination.review" not in [e.action for e in unit_view]


def test_edits_are_recorded_field_by_field(nominate, unit_user, award_round):
    nomination = nominate(unit_user)
    data = nomination_data(award_round, name=nomination.name, position="Phó Trưởng phòng Kinh tế")
    services.update_nomination(nomination, unit_user, data)
    entry = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "nomination.edit")
    ).one()
    assert (entry.before, entry.after) == (
        {"position": "Trưởng phòng Kinh tế"},
        {"position": "Phó Trưởng phòng Kinh tế"},
    )


def test_only_a_never_submitted_draft_can_be_deleted_and_its_files_go(
    nominate, submitted, unit_user
):
    draft = nominate(unit_user)
    path = services.attachment_path(draft.attachments[0])
    assert path.is_file()
    services.delete_draft(draft, unit_user)
    assert not path.exists()
    assert db.session.get(Nomination, draft.id) is None

    withdrawn = submitted(unit_user)
    services.perform(withdrawn, Action.WITHDRAW, unit_user, utcnow())
    assert _refused(services.delete_draft, withdrawn, unit_user).reason == "not_deletable"


def _delegate(event, name: str, email: str):
    return registration.register(
        event,
        registration.RegistrationData(
            honorific=Honorific.MR, full_name=name, position="Chủ nhiệm",
            organization="UBND huyện Gia Lâm", category_id=category(event, "quan_huyen").id,
            email=email,
        ),
        utcnow(),
    ).delegate  # fmt: skip


def test_award_recipients_are_the_linked_delegates_of_approved_nominations(
    approved, under_review, unit_user, organizer, event
):
    person = _delegate(event, "Nguyễn Văn Hùng", "hungnv@gialam.hanoi.gov.vn")
    other = _delegate(event, "Trần Minh Sơn", "sontm@gialam.hanoi.gov.vn")
    winner = approved(unit_user, name="Nguyen Van Hung")
    pending = under_review(unit_user, name="Trần Minh Sơn")

    suggestions = services.suggest_delegates(winner)
    assert [s.candidate.id for s in suggestions] == [person.id]
    services.link_delegate(winner, person.id, organizer)
    services.link_delegate(pending, other.id, organizer)

    assert services.award_recipient_ids(event) == {person.id}
    assert [n.id for n in services.nominations_of_delegate(person)] == [winner.id]
    services.link_delegate(winner, None, organizer)
    assert services.award_recipient_ids(event) == set()


def test_only_organizers_link_delegates(approved, unit_user, reviewer):
    nomination = approved(unit_user)
    assert _refused(services.link_delegate, nomination, None, reviewer).reason == "not_permitted"


def test_every_state_change_leaves_exactly_one_audit_entry(approved, unit_user):
    nomination = approved(unit_user)
    steps = db.session.scalar(
        select(func.count())
        .select_from(AuditEvent)
        .where(
            AuditEvent.object_id == str(nomination.id),
            AuditEvent.action.in_(
                [
                    "nomination.submit",
                    "nomination.start_review",
                    "nomination.recommend",
                    "nomination.approve",
                ]
            ),
        )
    )
    assert steps == 4


def test_a_nomination_naming_another_round_s_award_form_is_not_saved(unit_user, award_round):
    data = nomination_data(award_round, award_form_id=award_round.award_forms[-1].id + 100)
    assert _refused(services.create_nomination, award_round, unit_user, data, utcnow()).reason == (
        "unknown_award_form"
    )
    assert db.session.scalar(select(func.count()).select_from(Nomination)) == 0
