"""Organizers assigning booths at the same moment, with real concurrent requests on PostgreSQL.

Each thread has its own test client, session and database connection; all start together.
"""

import pytest
from sqlalchemy import select

from conference.auth.models import Role
from conference.exhibition import services
from conference.exhibition.models import BoothAssignment
from conference.extensions import db
from tests.concurrency import Post, post_all_at_once

pytestmark = pytest.mark.postgres_only

ORGANIZERS = 8


@pytest.fixture
def organizers(make_user) -> list[str]:
    return [make_user(Role.ORGANIZER).email for _ in range(ORGANIZERS)]


def all_at_once(app, emails, requests) -> list[tuple[int, str]]:
    """Each organizer posts their (path, data) at the same moment; return the pages shown."""
    posts = [Post(path, data, email) for email, (path, data) in zip(emails, requests, strict=True)]
    return [
        (response.status_code, response.get_data(as_text=True))
        for response in post_all_at_once(app, posts, follow_redirects=True)
    ]


def test_organizers_assigning_the_same_booth_at_once_one_wins_the_others_are_told(
    app, hall, make_exhibitor, organizers
):
    exhibitors = [make_exhibitor(f"Hợp tác xã Đồng thời {i}") for i in range(ORGANIZERS)]
    requests = [
        ("/exhibition/booths/assign", {"exhibitor_id": exhibitor.id, "booth": "C03"})
        for exhibitor in exhibitors
    ]

    results = all_at_once(app, organizers, requests)

    assert [status for status, _page in results] == [200] * ORGANIZERS
    db.session.expire_all()
    (holder,) = db.session.scalars(
        select(BoothAssignment).where(BoothAssignment.booth_code == "C03")
    ).all()
    winner = holder.exhibitor.organization
    won = [page for _status, page in results if f"«{winner}» ở gian C03" in page]
    told = [page for _status, page in results if f"Gian C03 vừa được gán cho «{winner}»" in page]
    assert len(won) == 1
    assert len(told) == ORGANIZERS - 1
    assert len(db.session.scalars(select(BoothAssignment)).all()) == 1


def test_one_exhibitor_sent_to_different_booths_at_once_ends_in_one_booth(
    app, hall, make_exhibitor, organizers
):
    exhibitor = make_exhibitor()
    codes = ["A01", "A02", "B01", "B02", "C01", "C02", "D01", "D02"]
    requests = [
        ("/exhibition/booths/assign", {"exhibitor_id": exhibitor.id, "booth": code})
        for code in codes
    ]

    results = all_at_once(app, organizers, requests)

    assert [status for status, _page in results] == [200] * ORGANIZERS
    db.session.expire_all()
    rows = db.session.scalars(select(BoothAssignment)).all()
    assert len(rows) == 1 and rows[0].exhibitor_id == exhibitor.id and rows[0].booth_code in codes


def test_automatic_and_manual_assignment_at_once_never_share_a_booth(
    app, hall, event, make_exhibitor, organizers
):
    exhibitors = [make_exhibitor(f"Hợp tác xã Song song {i}") for i in range(12)]
    manual = list(zip(exhibitors, ["A01", "A03", "B02", "C03", "D04", "E01"], strict=False))
    requests = [("/exhibition/booths/auto", {})] * 2 + [
        ("/exhibition/booths/assign", {"exhibitor_id": exhibitor.id, "booth": code})
        for exhibitor, code in manual
    ]

    results = all_at_once(app, organizers, requests)

    assert [status for status, _page in results] == [200] * ORGANIZERS
    db.session.expire_all()
    rows = db.session.scalars(select(BoothAssignment)).all()
    assert len({row.booth_code for row in rows}) == len(rows) == 12
    assert len({row.exhibitor_id for row in rows}) == 12
    held = {row.exhibitor_id: row for row in rows}
    for (exhibitor, code), (_status, page) in zip(manual, results[2:], strict=True):
        if f"«{exhibitor.organization}» ở gian {code}" in page:
            assert (held[exhibitor.id].booth_code, held[exhibitor.id].pinned) == (code, True)
        else:  # the solver gave the booth to someone else a moment before
            assert f"Gian {code} vừa được gán cho" in page
    assert services.holders(event).keys() == {row.booth_code for row in rows}
