"""Real concurrent requests against PostgreSQL: quotas hold, a nomination changes state once.

Each thread has its own test client, session and database connection, and all start together.
"""

import pytest
from sqlalchemy import func, select

from conference.audit.models import AuditEvent
from conference.audit.services import Actor
from conference.extensions import db
from conference.nominations import services
from conference.nominations.models import (
    Nomination,
    NominationKind,
    NominationState,
    NominationVersion,
    Review,
)
from tests.concurrency import Post, post_all_at_once
from tests.integration.nominations.conftest import review_data

pytestmark = pytest.mark.postgres_only

DRAFTS = 16


def _all_at_once(app, requests) -> list[tuple[int, str]]:
    """Send each (email, path, data) signed in as that account; return the pages shown."""
    posts = [Post(path, data, email) for email, path, data in requests]
    return [
        (response.status_code, response.get_data(as_text=True))
        for response in post_all_at_once(app, posts, follow_redirects=True)
    ]


def _count(model, *conditions) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*conditions))


def test_concurrent_submissions_never_exceed_the_quota(app, nominate, unit_user, award_round):
    drafts = [nominate(unit_user) for _ in range(DRAFTS)]  # quota: 2 individuals

    results = _all_at_once(
        app, [(unit_user.email, f"/nominations/{d.id}/actions/submit", {}) for d in drafts]
    )

    assert [status for status, _page in results] == [200] * DRAFTS
    accepted = [page for _status, page in results if "Đã nộp hồ sơ." in page]
    refused = [page for _status, page in results if "Đơn vị đã dùng hết chỉ tiêu cá nhân" in page]
    assert (len(accepted), len(refused)) == (2, DRAFTS - 2)
    db.session.expire_all()
    assert _count(Nomination, Nomination.state == NominationState.SUBMITTED) == 2
    assert _count(Nomination, Nomination.state == NominationState.DRAFT) == DRAFTS - 2
    assert _count(NominationVersion) == 2


def test_a_nomination_submitted_from_many_tabs_at_once_is_submitted_once(
    app, nominate, unit_user, award_round
):
    nomination = nominate(unit_user)

    _all_at_once(app, [(unit_user.email, f"/nominations/{nomination.id}/actions/submit", {})] * 10)

    db.session.expire_all()
    assert db.session.get(Nomination, nomination.id).version == 1
    assert _count(NominationVersion) == 1
    assert _count(AuditEvent, AuditEvent.action == "nomination.submit") == 1


def test_withdrawal_and_the_first_review_racing_leave_one_consistent_outcome(
    app, submitted, unit_user, reviewer, organizer, award_round
):
    places = {(unit_user.unit_id, NominationKind.INDIVIDUAL): 10}
    services.set_quotas(award_round, places, Actor(user=organizer))
    for _round in range(5):
        nomination = submitted(unit_user)
        review = review_data(award_round)
        form = {"score": review.score, "verdict": review.verdict.value, "comment": ""}
        form |= {f"met_{c.id}": "met" for c in award_round.criteria}

        _all_at_once(
            app,
            [
                (unit_user.email, f"/nominations/{nomination.id}/actions/withdraw", {}),
                (reviewer.email, f"/nominations/{nomination.id}/review", form),
            ],
        )

        db.session.expire_all()
        state = db.session.get(Nomination, nomination.id).state
        reviews = _count(Review, Review.nomination_id == nomination.id)
        assert (state, reviews) in {(NominationState.DRAFT, 0), (NominationState.UNDER_REVIEW, 1)}
