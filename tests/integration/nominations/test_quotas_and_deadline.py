"""Quotas per unit and kind, enforced at submission; the submission deadline."""

from datetime import timedelta

import pytest

from conference.audit.services import Actor
from conference.extensions import db
from conference.nominations import services
from conference.nominations.models import NominationKind, NominationState
from conference.nominations.workflow import Action
from conference.timeutil import utcnow
from tests.integration.nominations.conftest import review_data

INDIVIDUAL, COLLECTIVE = NominationKind.INDIVIDUAL, NominationKind.COLLECTIVE


def _submit(nomination, user):
    return services.perform(nomination, Action.SUBMIT, user, utcnow())


def _quota_error(nomination, user) -> services.NominationError:
    with pytest.raises(services.NominationError) as error:
        _submit(nomination, user)
    return error.value


def test_third_individual_is_refused_with_the_numbers(nominate, submitted, unit_user, award_round):
    submitted(unit_user)
    submitted(unit_user)
    third = nominate(unit_user)

    error = _quota_error(third, unit_user)

    assert error.reason == "quota_full"
    assert error.data == {"kind": INDIVIDUAL, "limit": 2, "used": 2}
    db.session.refresh(third)
    assert third.state == NominationState.DRAFT
    assert services.quota_status(award_round, unit_user.unit_id)[INDIVIDUAL].left == 0


def test_kinds_and_units_have_separate_quotas(
    submitted, nominate, unit_user, other_unit_user, award_round
):
    submitted(unit_user)
    submitted(unit_user)
    submitted(unit_user, kind=COLLECTIVE)
    submitted(other_unit_user)
    status = services.quota_status(award_round, unit_user.unit_id)
    assert (status[INDIVIDUAL].used, status[COLLECTIVE].used) == (2, 1)
    assert _quota_error(nominate(unit_user, kind=COLLECTIVE), unit_user).data["limit"] == 1
    assert services.quota_status(award_round, other_unit_user.unit_id)[INDIVIDUAL].left == 1


def test_drafts_do_not_count_and_withdrawal_gives_the_place_back(
    nominate, submitted, unit_user, award_round
):
    for _ in range(3):
        nominate(unit_user)
    first = submitted(unit_user)
    submitted(unit_user)
    waiting = nominate(unit_user)
    assert _quota_error(waiting, unit_user).reason == "quota_full"

    services.perform(first, Action.WITHDRAW, unit_user, utcnow())

    assert _submit(waiting, unit_user).state == NominationState.SUBMITTED


def test_a_rejected_nomination_gives_its_place_back(
    submitted, nominate, unit_user, reviewer, award_round
):
    rejected = submitted(unit_user)
    submitted(unit_user)
    services.save_review(rejected, reviewer, review_data(award_round), utcnow())
    services.perform(rejected, Action.REJECT, reviewer, utcnow(), "Ngoài giai đoạn sơ kết.")
    assert _submit(nominate(unit_user), unit_user).state == NominationState.SUBMITTED


def test_a_returned_nomination_keeps_its_place(under_review, nominate, unit_user, reviewer):
    returned = under_review(unit_user)
    services.perform(returned, Action.RETURN, reviewer, utcnow(), "Bổ sung.")
    under_review(unit_user)
    assert _quota_error(nominate(unit_user), unit_user).reason == "quota_full"


def test_a_unit_s_own_quota_overrides_the_default_and_blank_restores_it(
    submitted, nominate, unit_user, organizer, award_round
):
    actor = Actor(user=organizer)
    services.set_quotas(award_round, {(unit_user.unit_id, INDIVIDUAL): 3}, actor)
    for _ in range(3):
        submitted(unit_user)
    assert services.quota_status(award_round, unit_user.unit_id)[INDIVIDUAL].limit == 3
    services.set_quotas(award_round, {(unit_user.unit_id, INDIVIDUAL): None}, actor)
    assert _quota_error(nominate(unit_user), unit_user).data == {
        "kind": INDIVIDUAL, "limit": 2, "used": 3,
    }  # fmt: skip


def test_a_quota_of_zero_closes_a_kind_for_a_unit(nominate, unit_user, organizer, award_round):
    services.set_quotas(award_round, {(unit_user.unit_id, COLLECTIVE): 0}, Actor(user=organizer))
    assert _quota_error(nominate(unit_user, kind=COLLECTIVE), unit_user).data["limit"] == 0


def test_submission_after_the_deadline_is_refused(nominate, unit_user, award_round):
    nomination = nominate(unit_user)
    late = award_round.deadline + timedelta(minutes=1)
    with pytest.raises(services.NominationError) as error:
        services.perform(nomination, Action.SUBMIT, unit_user, late)
    assert (error.value.reason, error.value.data) == (
        "deadline_passed",
        {"deadline": award_round.deadline},
    )
    with pytest.raises(services.NominationError):
        services.perform(nomination, Action.SUBMIT, unit_user, award_round.deadline)
    db.session.refresh(nomination)
    assert nomination.state == NominationState.DRAFT


def test_a_returned_nomination_may_be_resubmitted_and_withdrawn_after_the_deadline(
    under_review, submitted, unit_user, reviewer, award_round
):
    returned = under_review(unit_user)
    services.perform(returned, Action.RETURN, reviewer, utcnow(), "Bổ sung xác nhận.")
    pending = submitted(unit_user)
    late = award_round.deadline + timedelta(days=3)

    services.perform(returned, Action.RESUBMIT, unit_user, late)
    services.perform(pending, Action.WITHDRAW, unit_user, late)

    assert (returned.state, pending.state) == (NominationState.RESUBMITTED, NominationState.DRAFT)


def test_the_submit_message_says_how_many_places_are_left(
    client, sign_in, nominate, unit_user, award_round
):
    first, second, third = (nominate(unit_user) for _ in range(3))
    sign_in(unit_user)

    response = client.post(f"/nominations/{first.id}/actions/submit", follow_redirects=True)
    assert "Đã nộp hồ sơ. Đơn vị còn được đề nghị 1 cá nhân (chỉ tiêu 2)." in response.get_data(
        as_text=True
    )
    client.post(f"/nominations/{second.id}/actions/submit")
    response = client.post(f"/nominations/{third.id}/actions/submit", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Đơn vị đã dùng hết chỉ tiêu cá nhân: được đề nghị 2, đã nộp 2, còn lại 0." in page
