"""Real concurrent requests against PostgreSQL: places are never over-given, the queue stays whole.

Each thread has its own test client, session and database connection, and all start together.
"""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from conference.audit.models import AuditEvent
from conference.audit.services import Actor
from conference.auth.models import Role
from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.registration import services
from conference.registration.models import Delegate, DelegateStatus
from conference.timeutil import utcnow
from tests.concurrency import Post, post_all_at_once
from tests.integration.registration.conftest import category

pytestmark = pytest.mark.postgres_only

REGISTRATIONS = 120
MAIL = {DelegateStatus.CONFIRMED: "confirmed", DelegateStatus.WAITLISTED: "waitlisted"}
PLACES = 10


def _all_at_once(app, requests) -> list[int]:
    return [
        response.status_code for response in post_all_at_once(app, [Post(*r) for r in requests])
    ]


def _count(event, status) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Delegate)
        .where(Delegate.event_id == event.id, Delegate.status == status)
    )


def _register_many(app, event, number):
    open_category = category(event, "so_nganh").id
    requests = [
        (
            "/register",
            {
                "honorific": "ong",
                "full_name": f"Nguyễn Văn Thử {i}",
                "position": "Chuyên viên",
                "organization": "Sở Công Thương Hà Nội",
                "category": open_category,
                "email": f"thu{i}@hanoi.gov.vn",
                "consent": "y",
            },
        )
        for i in range(number)
    ]
    return _all_at_once(app, requests)


def test_concurrent_registrations_fill_exactly_the_free_places(app, event):
    event.capacity = PLACES
    db.session.commit()

    statuses = _register_many(app, event, REGISTRATIONS)

    assert statuses == [302] * REGISTRATIONS
    db.session.expire_all()
    assert _count(event, DelegateStatus.CONFIRMED) == PLACES
    assert _count(event, DelegateStatus.WAITLISTED) == REGISTRATIONS - PLACES
    waiting = services.waiting_list(event)
    assert [services.waitlist_position(delegate) for delegate in waiting] == list(
        range(1, REGISTRATIONS - PLACES + 1)
    )
    # Each was told the place they really have: the queue follows the order of the decisions.
    told = {
        recipient: int(re.search(r"vị trí số (\d+)", body).group(1))
        for recipient, body in db.session.execute(
            select(OutboxMessage.recipient, OutboxMessage.body).where(
                OutboxMessage.kind == "registration.waitlisted"
            )
        )
    }
    assert told == {delegate.email: position for position, delegate in enumerate(waiting, 1)}
    # One e-mail and one audit entry each, telling the state they ended in.
    states = dict(db.session.execute(select(Delegate.email, Delegate.status)).all())
    mails = db.session.execute(select(OutboxMessage.recipient, OutboxMessage.kind)).all()
    assert sorted(mails) == sorted(
        (email, f"registration.{MAIL[s]}") for email, s in states.items()
    )
    ids = dict(db.session.execute(select(Delegate.id, Delegate.status)).all())
    entries = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "delegate.register")
    ).all()
    assert sorted((int(e.object_id), e.after["status"]) for e in entries) == sorted(ids.items())


def test_concurrent_duplicate_registrations_keep_one(app, event):
    data = {
        "honorific": "ba", "full_name": "Trần Thị Thu", "organization": "Sở Tư pháp Hà Nội",
        "category": category(event, "so_nganh").id, "email": "thu@hanoi.gov.vn", "consent": "y",
    }  # fmt: skip
    statuses = _all_at_once(app, [("/register", data)] * 20)
    assert statuses.count(302) == 1
    assert statuses.count(200) == 19  # the form again, with the duplicate-email message
    assert _count(event, DelegateStatus.CONFIRMED) == 1


def test_concurrent_answers_to_one_invitation_keep_one(app, event):
    row = services.InviteeRow(
        line=0, full_name="Phạm Văn Khách", position="Thứ trưởng", organization="Bộ KH&CN",
        category="trung_uong", email="khach@most.gov.vn",
    )  # fmt: skip
    code = services.invite(event, row, Actor.system("test"), utcnow()).code
    forms = [
        {"honorific": "ong", "full_name": "Phạm Văn Khách", "organization": "Bộ KH&CN",
         "email": f"khach{i}@most.gov.vn", "invitation_code": code, "consent": "y"}
        for i in range(12)
    ]  # fmt: skip

    responses = post_all_at_once(app, [Post("/register", form) for form in forms])

    assert sorted(response.status_code for response in responses) == [200] * 11 + [302]
    refused = [r.get_data(as_text=True) for r in responses if r.status_code == 200]
    assert all("Mã mời này đã được dùng để đăng ký" in page for page in refused)
    assert _count(event, DelegateStatus.CONFIRMED) == 1


def test_concurrent_cancellations_promote_each_waiting_delegate_once(app, event):
    event.capacity = PLACES
    db.session.commit()
    _register_many(app, event, 40)
    db.session.expire_all()
    confirmed = services.delegate_list(
        event, services.DelegateFilters(status=DelegateStatus.CONFIRMED)
    )
    first_waiting = [delegate.id for delegate in services.waiting_list(event)[:6]]
    leaving = confirmed[:6]

    # Six cancel at once, and each one twice (a double click), from twelve threads.
    requests = [
        (f"/me/{services.personal_token(d)}/cancel", {}) for d in leaving for _twice in range(2)
    ]
    statuses = _all_at_once(app, requests)

    assert statuses == [302] * len(requests)
    db.session.expire_all()
    assert _count(event, DelegateStatus.CONFIRMED) == PLACES
    assert _count(event, DelegateStatus.CANCELLED) == 6
    promoted = db.session.scalars(
        select(Delegate.id).where(
            Delegate.id.in_(first_waiting), Delegate.status == DelegateStatus.CONFIRMED
        )
    ).all()
    assert sorted(promoted) == sorted(first_waiting)
    assert _count(event, DelegateStatus.WAITLISTED) == 40 - PLACES - 6
    positions = [services.waitlist_position(d) for d in services.waiting_list(event)]
    assert positions == list(range(1, 40 - PLACES - 6 + 1))


def test_concurrent_approvals_and_cancellations_never_exceed_capacity(app, event, make_user):
    event.capacity = PLACES
    db.session.commit()
    _register_many(app, event, PLACES)
    pending = []
    for i in range(20):
        data = services.RegistrationData(
            honorific="ba", full_name=f"Lê Thị Duyệt {i}", position="", organization="Đại học Quốc gia Hà Nội",
            category_id=category(event, "nha_khoa_hoc").id, email=f"duyet{i}@vnu.edu.vn",
        )  # fmt: skip
        pending.append(services.register(event, data, event.registration_opens_at).delegate.id)
    organizer_emails = [make_user(Role.ORGANIZER).email for _ in range(4)]
    confirmed = services.delegate_list(
        event, services.DelegateFilters(status=DelegateStatus.CONFIRMED)
    )
    cancel_links = [f"/me/{services.personal_token(delegate)}/cancel" for delegate in confirmed[:4]]
    barrier = threading.Barrier(8, timeout=30)

    def approve(index):
        client = app.test_client()
        client.post("/login", data={"email": organizer_emails[index], "password": "hoinghi2026"})
        barrier.wait()
        batch = pending[index * 5 : index * 5 + 5]
        return client.post(
            "/delegates/bulk", data={"delegate_ids": batch, "action": "approve"}
        ).status_code

    def cancel(index):
        client = app.test_client()
        barrier.wait()
        return client.post(cancel_links[index]).status_code

    jobs = [(approve, index) for index in range(4)] + [(cancel, index) for index in range(4)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda job: job[0](job[1]), jobs))

    assert results == [302] * 8
    db.session.expire_all()
    assert _count(event, DelegateStatus.CONFIRMED) == PLACES
    assert _count(event, DelegateStatus.WAITLISTED) == 20 - 4
