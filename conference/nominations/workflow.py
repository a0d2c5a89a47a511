"""The life of a nomination: which step may follow which, and who may take it.

Plain data, no Flask and no database; the services ask this module before every change of
state, so that an illegal step is refused whichever page or command asked for it.

    action        from → to                                 who
    submit        draft → submitted                         the unit, before the deadline
    withdraw      submitted → draft, resubmitted → returned  the unit, before review starts
    start_review  submitted, resubmitted → under_review     a reviewer
    return        under_review → returned                   a reviewer, with a reason
    resubmit      returned → resubmitted                    the unit
    recommend     under_review → recommended                a reviewer
    reject        under_review → rejected                   a reviewer, with a reason
    reopen        recommended, rejected → under_review      a reviewer or an approver, with a reason
    approve       recommended → approved                    an approver

Who acts is a party, not a role: the nominating unit (a unit account of the unit that
proposed it), a reviewer (a board member who does not belong to that unit) and an approver
(an organizer, or the chair the round names). The services work out a user's parties.
"""

from dataclasses import dataclass
from enum import StrEnum

from conference.nominations.models import NominationKind, NominationState

State = NominationState


class Party(StrEnum):
    UNIT = "unit"
    REVIEWER = "reviewer"
    APPROVER = "approver"


class Action(StrEnum):
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    START_REVIEW = "start_review"
    RETURN = "return"
    RESUBMIT = "resubmit"
    RECOMMEND = "recommend"
    REJECT = "reject"
    REOPEN = "reopen"
    APPROVE = "approve"


# (action, from) → to
TRANSITIONS: dict[tuple[Action, State], State] = {
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

WHO: dict[Action, frozenset[Party]] = {
    Action.SUBMIT: frozenset({Party.UNIT}),
    Action.WITHDRAW: frozenset({Party.UNIT}),
    Action.RESUBMIT: frozenset({Party.UNIT}),
    Action.START_REVIEW: frozenset({Party.REVIEWER}),
    Action.RETURN: frozenset({Party.REVIEWER}),
    Action.RECOMMEND: frozenset({Party.REVIEWER}),
    Action.REJECT: frozenset({Party.REVIEWER}),
    Action.REOPEN: frozenset({Party.REVIEWER, Party.APPROVER}),
    Action.APPROVE: frozenset({Party.APPROVER}),
}

# The unit must be told why.
NEEDS_REASON = frozenset({Action.RETURN, Action.REJECT, Action.REOPEN})
# Only the submission deadline binds: a unit may still correct what the board returned.
BEFORE_DEADLINE = frozenset({Action.SUBMIT})

EDITABLE = frozenset({State.DRAFT, State.RETURNED})
REVIEWABLE = frozenset({State.UNDER_REVIEW})
# States in which a nomination uses one of its unit's places (withdrawn or rejected: freed).
HOLDS_QUOTA = frozenset(
    {
        State.SUBMITTED,
        State.UNDER_REVIEW,
        State.RETURNED,
        State.RESUBMITTED,
        State.RECOMMENDED,
        State.APPROVED,
    }
)


class TransitionRefused(Exception):
    """The step is not allowed; `reason` is "illegal_transition", "not_permitted" or "reason_required"."""

    def __init__(self, reason: str, action: Action, state: State):
        super().__init__(f"{reason}: {action} from {state}")
        self.reason = reason
        self.action = action
        self.state = state


def next_state(state: State, action: Action, parties: frozenset[Party], reason: str = "") -> State:
    """Return the state the action leads to, or raise TransitionRefused."""
    target = TRANSITIONS.get((action, state))
    if target is None:
        raise TransitionRefused("illegal_transition", action, state)
    if not WHO[action] & parties:
        raise TransitionRefused("not_permitted", action, state)
    if action in NEEDS_REASON and not reason.strip():
        raise TransitionRefused("reason_required", action, state)
    return target


def available_actions(state: State, parties: frozenset[Party]) -> list[Action]:
    """Return the actions these parties may take now, in the order of the Action enum."""
    return [action for action in Action if (action, state) in TRANSITIONS and WHO[action] & parties]


@dataclass(frozen=True)
class Completeness:
    """What a submission needs, read from a nomination (plain values)."""

    kind: NominationKind
    name: str
    organization: str
    position: str
    birth_year: int | None
    gender: str | None
    award_form_id: int | None
    achievement: str
    summary: str
    claimed_criteria: int
    has_report: bool


def missing_for_submission(nomination: Completeness) -> list[str]:
    """Return the codes of what is missing before the nomination can be submitted."""
    required = [
        ("name", bool(nomination.name.strip())),
        ("organization", bool(nomination.organization.strip())),
        ("award_form", nomination.award_form_id is not None),
        ("achievement", bool(nomination.achievement.strip())),
        ("summary", bool(nomination.summary.strip())),
        ("criteria", nomination.claimed_criteria > 0),
        ("report", nomination.has_report),
    ]
    if nomination.kind == NominationKind.INDIVIDUAL:
        required[2:2] = [
            ("position", bool(nomination.position.strip())),
            ("birth_year", nomination.birth_year is not None),
            ("gender", nomination.gender is not None),
        ]
    return [code for code, present in required if not present]
