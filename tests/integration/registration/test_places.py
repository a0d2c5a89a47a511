"""Capacity and the waiting list: confirmed delegates never exceed the places."""

from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import select

from conference.audit.models import AuditEvent
from conference.audit.services import Actor
from conference.events.models import Event
from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.registration import services
from conference.registration.models import Delegate, DelegateStatus
from conference.timeutil import utcnow
from tests.integration.conftest import category

SYSTEM = Actor.system("test")


def _statuses(delegates):
    for delegate in delegates:
        db.session.refresh(delegate)
    return [delegate.status.value for delegate in delegates]


def test_open_category_fills_places_then_queues_in_order(small_event, make_delegate):
    delegates = [make_delegate() for _ in range(5)]
    assert _statuses(delegates) == ["confirmed"] * 3 + ["waitlisted"] * 2
    assert [services.waitlist_position(d) for d in delegates[3:]] == [1, 2]


def test_waitlisted_delegate_is_told_their_position(small_event, make_delegate):
    for _ in range(4):
        make_delegate()
    waiting = make_delegate(email="cho@hanoi.gov.vn")
    message = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.recipient == "cho@hanoi.gov.vn")
    ).one()
    assert message.subject == "Đăng ký của Quý vị đang trong danh sách chờ"
    assert "vị trí số 2 trong danh sách chờ" in message.body
    assert services.waitlist_position(waiting) == 2


def test_cancellation_promotes_first_waiting_and_mails_them(small_event, make_delegate):
    confirmed = [make_delegate() for _ in range(3)]
    first, second = make_delegate(email="dau@hanoi.gov.vn"), make_delegate()
    services.cancel(confirmed[1], SYSTEM, utcnow())
    assert _statuses([confirmed[1], first, second]) == ["cancelled", "confirmed", "waitlisted"]
    assert services.waitlist_position(second) == 1
    promoted_mail = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "registration.promoted")
    ).one()
    assert promoted_mail.recipient == "dau@hanoi.gov.vn"
    entry = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "delegate.promote")
    ).one()
    assert entry.object_id == str(first.id)


def test_decline_of_confirmed_promotes_next(small_event, make_delegate):
    confirmed = [make_delegate() for _ in range(3)]
    waiting = make_delegate()
    services.decline(small_event, [confirmed[0].id], SYSTEM, utcnow(), "Sai thành phần")
    assert _statuses([confirmed[0], waiting]) == ["declined", "confirmed"]
    assert confirmed[0].decline_reason == "Sai thành phần"


def test_cancelling_waiting_or_pending_frees_no_place(small_event, make_delegate):
    [make_delegate() for _ in range(3)]
    first_waiting, second_waiting = make_delegate(), make_delegate()
    services.cancel(first_waiting, SYSTEM, utcnow())
    assert _statuses([second_waiting]) == ["waitlisted"]
    assert services.confirmed_count(small_event) == 3


def test_approval_beyond_places_goes_to_waiting_list_in_registration_order(
    small_event, make_delegate
):
    make_delegate("so_nganh")
    pending = [make_delegate("nha_khoa_hoc") for _ in range(4)]
    assert _statuses(pending) == ["pending"] * 4
    services.approve(small_event, [d.id for d in reversed(pending)], SYSTEM, utcnow())
    assert _statuses(pending) == ["confirmed", "confirmed", "waitlisted", "waitlisted"]


def test_approving_twice_changes_nothing(small_event, make_delegate):
    pending = make_delegate("nha_khoa_hoc")
    services.approve(small_event, [pending.id], SYSTEM, utcnow())
    assert services.approve(small_event, [pending.id], SYSTEM, utcnow()) == []
    assert services.confirmed_count(small_event) == 1


def test_cancelling_twice_is_refused(small_event, make_delegate):
    delegate = make_delegate()
    services.cancel(delegate, SYSTEM, utcnow())
    with pytest.raises(services.RegistrationError) as refused:
        services.cancel(delegate, SYSTEM, utcnow())
    assert refused.value.reason == "already_withdrawn"


def test_more_places_promote_waiting_at_once(small_event, make_delegate):
    [make_delegate() for _ in range(3)]
    waiting = [make_delegate() for _ in range(3)]
    promoted = services.set_capacity(small_event, 5, SYSTEM, utcnow())
    assert [d.id for d in promoted] == [d.id for d in waiting[:2]]
    assert _statuses(waiting) == ["confirmed", "confirmed", "waitlisted"]


def test_fewer_places_than_confirmed_is_refused(small_event, make_delegate):
    [make_delegate() for _ in range(3)]
    with pytest.raises(services.RegistrationError) as refused:
        services.set_capacity(small_event, 2, SYSTEM, utcnow())
    assert refused.value.data == {"confirmed": 3}
    db.session.refresh(small_event)
    assert small_event.capacity == 3


def test_erasing_confirmed_delegate_gives_place_to_next(small_event, make_delegate):
    confirmed = [make_delegate() for _ in range(3)]
    waiting = make_delegate()
    services.erase(confirmed[0], SYSTEM, utcnow())
    assert _statuses([waiting]) == ["confirmed"]


def test_waiting_order_follows_time_of_eligibility_not_id(small_event, make_delegate):
    [make_delegate() for _ in range(3)]
    now = utcnow()
    late = make_delegate("nha_khoa_hoc", when=now)
    early = make_delegate("nha_khoa_hoc", when=now - timedelta(minutes=5))
    services.approve(small_event, [late.id, early.id], SYSTEM, now)
    # Approved in one go: registration order decides, and `early` registered first.
    assert [d.id for d in services.waiting_list(small_event)] == [early.id, late.id]


def test_a_registration_that_gets_the_place_lock_later_queues_behind(small_event, make_delegate):
    [make_delegate() for _ in range(3)]
    now = utcnow()
    first = make_delegate(email="dau@hanoi.gov.vn", when=now)
    # Read its clock before `first` did, but took the place lock after it: it was told 2.
    second = make_delegate(email="sau@hanoi.gov.vn", when=now - timedelta(seconds=1))

    assert [d.id for d in services.waiting_list(small_event)] == [first.id, second.id]
    told = db.session.scalar(
        select(OutboxMessage.body).where(OutboxMessage.recipient == "sau@hanoi.gov.vn")
    )
    assert "vị trí số 2 trong danh sách chờ" in told


def test_newcomer_queued_ahead_of_a_future_clock_is_told_the_counted_place(
    small_event, make_delegate
):
    [make_delegate() for _ in range(3)]
    now = utcnow()
    make_delegate(email="som@hanoi.gov.vn", when=now + timedelta(hours=1))
    # The server's clock queues this one ahead of the first waiting delegate, not at the end.
    make_delegate(email="dung-gio@hanoi.gov.vn", when=now)

    told = db.session.scalar(
        select(OutboxMessage.body).where(OutboxMessage.recipient == "dung-gio@hanoi.gov.vn")
    )
    assert "vị trí số 1 trong danh sách chờ" in told
    assert [d.email for d in services.waiting_list(small_event)] == [
        "dung-gio@hanoi.gov.vn",
        "som@hanoi.gov.vn",
    ]


def test_invited_delegate_gets_place_without_approval(event, make_delegate, client):
    row = services.InviteeRow(
        line=0, full_name="Đặng Quốc Việt", position="Phó Cục trưởng",
        organization="Cục Sở hữu trí tuệ", category="trung_uong", email="viet@ipvietnam.gov.vn",
    )  # fmt: skip
    invitation = services.invite(event, row, SYSTEM, utcnow())
    data = services.RegistrationData(
        honorific="ong", full_name="Đặng Quốc Việt", position="Phó Cục trưởng",
        organization="Cục Sở hữu trí tuệ", category_id=None, email="viet@ipvietnam.gov.vn",
        invitation_code=invitation.code.lower().replace("-", ""),
    )  # fmt: skip
    delegate = services.register(event, data, utcnow()).delegate
    assert delegate.status == DelegateStatus.CONFIRMED
    assert delegate.category.code == "trung_uong"
    assert delegate.invitation == invitation


def _invite(event, email: str, code: str = "trung_uong"):
    row = services.InviteeRow(
        line=0, full_name=f"Khách mời {email}", position="", organization="Bộ KH&CN",
        category=code, email=email,
    )  # fmt: skip
    return services.invite(event, row, SYSTEM, utcnow())


def _answer(event, invitation):
    data = services.RegistrationData(
        honorific="ong", full_name=invitation.full_name, position="", organization="Bộ KH&CN",
        category_id=None, email=invitation.email, invitation_code=invitation.code,
    )  # fmt: skip
    return services.register(event, data, utcnow()).delegate


def test_unanswered_invitation_keeps_a_place_for_its_guest(small_event, make_delegate):
    invitation = _invite(small_event, "vip@most.gov.vn")
    walk_ins = [make_delegate() for _ in range(3)]
    assert _statuses(walk_ins) == ["confirmed", "confirmed", "waitlisted"]
    assert services.held_places(small_event) == 1
    guest = _answer(small_event, invitation)
    assert guest.status == DelegateStatus.CONFIRMED
    assert services.confirmed_count(small_event) == 3


def test_withdrawn_invitation_gives_its_place_to_the_waiting_list(small_event, make_delegate):
    invitation = _invite(small_event, "vip@most.gov.vn")
    *_confirmed, waiting = [make_delegate() for _ in range(3)]
    services.withdraw_invitation(invitation, SYSTEM, utcnow())
    assert _statuses([waiting]) == ["confirmed"]
    assert services.held_places(small_event) == 0


def test_expired_invitation_keeps_no_place(small_event, make_delegate):
    invitation = _invite(small_event, "vip@most.gov.vn")
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert services.held_places(small_event) == 0
    assert services.free_places(small_event) == 3


def test_organizer_puts_a_waiting_guest_first_in_line(small_event, make_delegate):
    [make_delegate() for _ in range(3)]
    first, second, speaker = (make_delegate() for _ in range(3))
    services.prioritize(small_event, speaker, SYSTEM, utcnow())
    assert [d.id for d in services.waiting_list(small_event)] == [speaker.id, first.id, second.id]
    assert services.waitlist_position(speaker) == 1


def test_cancelled_delegate_is_reinstated_by_approval_and_by_rejoining(small_event, make_delegate):
    by_organizer, by_self = make_delegate(), make_delegate()
    services.cancel(by_organizer, SYSTEM, utcnow())
    services.cancel(by_self, SYSTEM, utcnow())
    services.approve(small_event, [by_organizer.id], SYSTEM, utcnow())
    services.rejoin(by_self, utcnow())
    assert _statuses([by_organizer, by_self]) == ["confirmed", "confirmed"]


@contextmanager
def another_request(app):
    """A request of its own, with its own database session, as a second browser tab makes."""
    with app.app_context(), app.test_request_context(base_url=app.config["PUBLIC_URL"]):
        yield


def test_approving_whom_another_organizer_just_approved_changes_nothing(
    app, small_event, make_delegate
):
    pending = make_delegate("nha_khoa_hoc", email="duyet@hanoi.gov.vn")  # loaded before the lock
    with another_request(app):
        services.approve(db.session.get(Event, small_event.id), [pending.id], SYSTEM, utcnow())

    services.approve(small_event, [pending.id], SYSTEM, utcnow())

    assert services.confirmed_count(small_event) == 1
    assert services.count_places(small_event) == (1, 0)
    confirmations = db.session.scalars(
        select(OutboxMessage.subject).where(OutboxMessage.recipient == "duyet@hanoi.gov.vn")
    ).all()
    assert confirmations.count("Xác nhận tham dự Hội nghị") == 1


def test_rejoining_twice_at_once_takes_one_place(app, small_event, make_delegate):
    delegate = make_delegate(email="quaylai@hanoi.gov.vn")
    services.cancel(delegate, SYSTEM, utcnow())  # `delegate` is now the first tab's copy
    with another_request(app):
        services.rejoin(db.session.get(Delegate, delegate.id), utcnow())

    with pytest.raises(services.RegistrationError, match="not_cancelled"):
        services.rejoin(delegate, utcnow())

    assert services.confirmed_count(small_event) == 1
    assert services.count_places(small_event) == (1, 0)


def test_declining_without_a_reason_is_refused(small_event, make_delegate):
    delegate = make_delegate("nha_khoa_hoc")
    with pytest.raises(services.RegistrationError) as refused:
        services.decline(small_event, [delegate.id], SYSTEM, utcnow(), "  ")
    assert refused.value.reason == "reason_required"
    assert _statuses([delegate]) == ["pending"]


def test_category_change_out_of_the_hall_frees_a_place_and_back_needs_one(
    small_event, make_delegate
):
    mover, *_others = [make_delegate() for _ in range(3)]
    waiting = make_delegate()
    booth_staff = category(small_event, "trien_lam")
    services.change_category(mover, booth_staff.id, SYSTEM, utcnow())
    assert _statuses([waiting]) == ["confirmed"]  # the place mover left
    with pytest.raises(services.RegistrationError) as refused:
        services.change_category(mover, category(small_event, "so_nganh").id, SYSTEM, utcnow())
    assert refused.value.reason == "no_free_place"
    db.session.refresh(mover)
    assert mover.category == booth_staff
