"""Two organizers reprint the same changed badge at once, on PostgreSQL: one new version.

Each request sees that the badge changed since its last printing and locks its row before
raising the version; the second one, once the first has committed, finds the new fingerprint
already there and prints the same version without recording another reprint.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from conference.audit.models import AuditEvent
from conference.auth.models import Role
from conference.badges.models import Badge
from conference.extensions import db
from conference.registration import services as registration
from tests.concurrency import signed_in_client, wait_until_blocked_on_locks
from tests.integration.badges.conftest import page_texts
from tests.integration.workshops.conftest import TEST_ACTOR

pytestmark = pytest.mark.postgres_only


def test_two_reprints_at_once_make_one_new_version(app, make_user, hang):
    data = {"category": "0", "size": "a6", "sheet": "one", "delegate_ids": [hang.id]}
    clients = [signed_in_client(app, make_user(Role.ORGANIZER).email) for _ in range(2)]
    clients[0].post("/badges/print", data=data)
    registration.update_details(hang, TEST_ACTOR, position="Giám đốc")
    # A third transaction holds the badge's row, so that both printings reach it together.
    holder = Session(db.engine)
    holder.execute(select(Badge).where(Badge.delegate_id == hang.id).with_for_update())
    with ThreadPoolExecutor(max_workers=2) as pool:
        pending = [pool.submit(client.post, "/badges/print", data=data) for client in clients]
        wait_until_blocked_on_locks(2)
        holder.rollback()
        responses = [future.result(timeout=30) for future in pending]
    holder.close()

    for response in responses:
        (page,) = page_texts(response.data)
        assert "Giám đốc" in page and "Bản in lần 2" in page
    db.session.expire_all()
    assert db.session.get(Badge, hang.id).version == 2
    reprints = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "badge.reprint"))
    assert len(reprints.all()) == 1
