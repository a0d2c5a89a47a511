"""The nomination state machine: every allowed step, every refused one, and who may take each."""

from itertools import chain, combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conference.nominations.models import NominationKind
from conference.nominations.workflow import (
    EDITABLE,
    HOLDS_QUOTA,
    NEEDS_REASON,
    TRANSITIONS,
    WHO,
    Action,
    Completeness,
    Party,
    State,
    TransitionRefused,
    available_actions,
    missing_for_submission,
    next_state,
)

ALL_PARTY_SETS = [
    frozenset(parties)
    for parties in chain.from_iterable(combinations(list(Party), n) for n in range(4))
]
ALLOWED = sorted(TRANSITIONS.items(), key=lambda item: (item[0][0].value, item[0][1].value))
REFUSED = sorted(
    ((action, state) for action in Action for state in State if (action, state) not in TRANSITIONS),
    key=lambda pair: (pair[0].value, pair[1].value),
)


def _reason(action: Action) -> str:
    return "Thiếu xác nhận của thủ trưởng đơn vị." if action in NEEDS_REASON else ""


def test_the_table_is_the_issue_s_workflow():
    assert TRANSITIONS == {
        (Action.SUBMIT, State.DRAFT): State.SUBMITTED,
        (Action.WITHDRAW, State.SUBMITTED): State.DRAFT,
        (Action.WITHDRAW, State.RESUBMITTED): State.RETURNED,
        (Action.START_REVIEW, State.SUBMITTED): State.UNDER_REVIEW,
        (Action.START_REVIEW, State.RESUBMITTED): State.UNDER_REVIEW,
        (Action.RETURN, State.UNDER_REVIEW): State.RETURNED,
        (Action.RESUBMIT, State.RETURNED): State.RESUBMITTED,
        (Action.RECOMMEND, State.UNDER_REVIEW): State.RECOMMENDED,
        (Action.REJECT, State.UNDER_REVIEW): State.REJECTED,
        (Action.REOPEN, State.RECOMMENDED): State.UNDER_REVIEW,
        (Action.REOPEN, State.REJECTED): State.UNDER_REVIEW,
        (Action.APPROVE, State.RECOMMENDED): State.APPROVED,
    }


@pytest.mark.parametrize(("step", "target"), ALLOWED, ids=lambda v: str(v))
def test_allowed_step_leads_to_its_state_for_each_party_that_may_take_it(step, target):
    action, state = step
    for party in WHO[action]:
        assert next_state(state, action, frozenset({party}), _reason(action)) == target


@pytest.mark.parametrize(("step", "target"), ALLOWED, ids=lambda v: str(v))
def test_allowed_step_is_refused_to_parties_that_may_not_take_it(step, target):
    action, state = step
    for parties in ALL_PARTY_SETS:
        if parties & WHO[action]:
            continue
        with pytest.raises(TransitionRefused) as refused:
            next_state(state, action, parties, _reason(action))
        assert refused.value.reason == "not_permitted"


@pytest.mark.parametrize(("action", "state"), REFUSED, ids=lambda v: str(v))
def test_step_outside_the_table_is_refused_whoever_asks(action, state):
    for parties in ALL_PARTY_SETS:
        with pytest.raises(TransitionRefused) as refused:
            next_state(state, action, parties, "một lý do")
        assert (refused.value.reason, refused.value.action, refused.value.state) == (
            "illegal_transition",
            action,
            state,
        )


@pytest.mark.parametrize("action", sorted(NEEDS_REASON))
@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_return_reject_and_reopen_need_a_reason(action, reason):
    state = next(state for (a, state) in TRANSITIONS if a == action)
    with pytest.raises(TransitionRefused) as refused:
        next_state(state, action, WHO[action], reason)
    assert refused.value.reason == "reason_required"


def test_approved_is_final_and_draft_is_only_left_by_submitting():
    assert available_actions(State.APPROVED, frozenset(Party)) == []
    assert available_actions(State.DRAFT, frozenset(Party)) == [Action.SUBMIT]


def test_every_state_is_reachable_from_draft():
    reached, frontier = {State.DRAFT}, [State.DRAFT]
    while frontier:
        state = frontier.pop()
        for (_action, source), target in TRANSITIONS.items():
            if source == state and target not in reached:
                reached.add(target)
                frontier.append(target)
    assert reached == set(State)


@pytest.mark.parametrize("state", list(State))
@pytest.mark.parametrize("parties", ALL_PARTY_SETS, ids=lambda p: "+".join(sorted(p)) or "none")
def test_available_actions_are_exactly_the_steps_next_state_allows(state, parties):
    allowed = []
    for action in Action:
        try:
            next_state(state, action, parties, "lý do")
        except TransitionRefused:
            continue
        allowed.append(action)
    assert available_actions(state, parties) == allowed


@given(st.lists(st.tuples(st.sampled_from(list(Action)), st.sampled_from(ALL_PARTY_SETS))))
def test_any_sequence_of_requests_only_follows_the_table(requests):
    state = State.DRAFT
    for action, parties in requests:
        try:
            new = next_state(state, action, parties, "lý do")
        except TransitionRefused:
            continue
        assert TRANSITIONS[(action, state)] == new
        assert parties & WHO[action]
        state = new


def test_quota_is_held_from_submission_until_withdrawal_or_rejection():
    assert set(State) - HOLDS_QUOTA == {State.DRAFT, State.REJECTED}
    assert set(EDITABLE) == {State.DRAFT, State.RETURNED}


def _complete(**changes) -> Completeness:
    values = {
        "kind": NominationKind.INDIVIDUAL, "name": "Nguyễn Thị Hằng", "organization": "UBND huyện Gia Lâm",
        "position": "Trưởng phòng Kinh tế", "birth_year": 1978, "gender": "female",
        "award_form_id": 1, "achievement": "Hỗ trợ 12 nhãn hiệu tập thể", "summary": "Tóm tắt.",
        "claimed_criteria": 2, "has_report": True,
    }  # fmt: skip
    values.update(changes)
    return Completeness(**values)


def test_complete_individual_misses_nothing():
    assert missing_for_submission(_complete()) == []


def test_individual_needs_position_birth_year_and_gender_in_form_order():
    missing = missing_for_submission(
        _complete(position=" ", birth_year=None, gender=None, has_report=False)
    )
    assert missing == ["position", "birth_year", "gender", "report"]


def test_collective_needs_no_personal_fields():
    collective = _complete(
        kind=NominationKind.COLLECTIVE, position="", birth_year=None, gender=None
    )
    assert missing_for_submission(collective) == []


def test_empty_draft_misses_everything_it_needs():
    empty = _complete(
        kind=NominationKind.COLLECTIVE, name="", organization="", award_form_id=None,
        achievement="", summary="", claimed_criteria=0, has_report=False,
    )  # fmt: skip
    assert missing_for_submission(empty) == [
        "name", "organization", "award_form", "achievement", "summary", "criteria", "report",
    ]  # fmt: skip
