"""Workshop services: the allocation stored, pins kept, freed seats handed on, the rules refused."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from conference.audit.models import AuditEvent
from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.registration import services as registration
from conference.timeutil import utcnow
from conference.workshops import services
from conference.workshops.models import WorkshopChoice, WorkshopPlacement
from tests.integration.workshops.conftest import TEST_ACTOR, at


def placed(workshop) -> set[str]:
    return {
        p.delegate.full_name
        for p in db.session.scalars(
            select(WorkshopPlacement).where(WorkshopPlacement.workshop_id == workshop.id)
        )
    }


def holds(delegate) -> set[str]:
    return {
        p.workshop.title
        for p in db.session.scalars(
            select(WorkshopPlacement).where(WorkshopPlacement.delegate_id == delegate.id)
        )
    }


@pytest.fixture
def contested(event, make_workshop, make_delegate, choose):
    """A and B at the same time, one seat each; the seat in A is pinned to its holder.

    `first` ranked A first and `second` ranked B then A; B is pinned to `b_holder`. After
    the allocation, A's waiting list is `first` (rank 1), then `second` (rank 2).
    """
    a, b = make_workshop("A", capacity=1), make_workshop("B", capacity=1)
    holder, b_holder = make_delegate(name="Lê Văn Giữ"), make_delegate(name="Phan Thị Bích")
    first, second = make_delegate(name="Đỗ Văn Nhất"), make_delegate(name="Vũ Thị Nhì")
    choose(holder, a)
    choose(b_holder, b)
    choose(first, a)
    choose(second, b, a)
    services.pin(a, holder, TEST_ACTOR, utcnow())
    services.pin(b, b_holder, TEST_ACTOR, utcnow())
    services.allocate(event, TEST_ACTOR, utcnow())
    return {"a": a, "b": b, "holder": holder, "first": first, "second": second}


def test_allocate_stores_placements_and_counts_choices_by_rank(
    event, make_workshop, make_delegate, choose
):
    a, b = make_workshop("A", capacity=1), make_workshop("B", capacity=2)
    d1, d2, d3 = (make_delegate() for _ in range(3))
    choose(d1, a, b)
    choose(d2, a, b)
    choose(d3, b)

    outcome = services.allocate(event, TEST_ACTOR, utcnow())

    assert len(placed(a)) == 1 and placed(a) <= {d1.full_name, d2.full_name}
    assert placed(b) == {d1.full_name, d2.full_name, d3.full_name} - placed(a)
    assert outcome.by_rank == {1: 2, 2: 1}
    assert outcome.unplaced == []
    assert services.get_settings(event).allocated_at is not None
    entry = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "workshop.allocate")
    ).one()
    assert entry.after["placed"] == 3


def test_allocate_gives_one_seat_per_time_slot(event, make_workshop, make_delegate, choose):
    a, b = make_workshop("A", capacity=5), make_workshop("B", capacity=5)
    c = make_workshop("C", slot="late", capacity=5)
    delegate = make_delegate()
    choose(delegate, a, b, c)

    services.allocate(event, TEST_ACTOR, utcnow())

    assert holds(delegate) == {"A", "C"}  # B runs at the same time as A


def test_reallocation_keeps_pinned_delegates(event, make_workshop, make_delegate, choose):
    a = make_workshop("A", capacity=1)
    pinned, other = make_delegate(), make_delegate()
    choose(pinned, a)
    choose(other, a)
    services.pin(a, pinned, TEST_ACTOR, utcnow())

    first = services.allocate(event, TEST_ACTOR, utcnow())
    second = services.allocate(event, TEST_ACTOR, utcnow())

    assert placed(a) == {pinned.full_name}
    assert first.unplaced == second.unplaced == [other]
    assert second.pinned == 1


def test_allocate_ignores_delegates_not_yet_confirmed(event, make_workshop, make_delegate, choose):
    a = make_workshop("A", capacity=5)
    pending = make_delegate("nha_khoa_hoc")  # waits for an organizer's approval
    choose(pending, a)

    outcome = services.allocate(event, TEST_ACTOR, utcnow())

    assert placed(a) == set()
    assert outcome.asked == 0


def test_cancelled_registration_frees_seat_for_best_placed_waiting(event, contested):
    a, first, second = contested["a"], contested["first"], contested["second"]
    holder = contested["holder"]
    assert [w.delegate for w in services.waiting_for(a)] == [first, second]

    registration.cancel(holder, TEST_ACTOR, utcnow())

    assert placed(a) == {first.full_name}
    assert [w.delegate for w in services.waiting_for(a)] == [second]
    mail = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "workshops.placed")
    ).one()
    assert mail.recipient == first.email
    assert mail.subject == "Đã có chỗ cho Quý vị tại hội thảo «A»"
    assert f"/me/{registration.personal_token(first)}" in mail.body
    promote = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "workshop.promote")
    ).one()
    assert promote.object_id == str(first.id)
    assert promote.after == {"workshop": "A", "rank": 1}


def test_erased_delegate_leaves_no_choice_or_seat_and_the_seat_moves_on(event, contested):
    holder_id, first = contested["holder"].id, contested["first"]

    registration.erase(contested["holder"], TEST_ACTOR, utcnow())

    assert placed(contested["a"]) == {first.full_name}
    for model in (WorkshopChoice, WorkshopPlacement):
        assert db.session.scalars(select(model).where(model.delegate_id == holder_id)).all() == []


def test_leaving_a_workshop_hands_the_seat_to_the_next_in_line(event, contested):
    holder = contested["holder"]

    services.leave(holder, contested["a"], TEST_ACTOR, utcnow())

    assert placed(contested["a"]) == {contested["first"].full_name}
    assert services.choices_of(holder) == []


def test_freed_seat_moves_a_delegate_up_from_a_lower_choice(event, contested):
    """`second` holds nothing; once `first` and the holder are gone, A goes to `second` (rank 2)."""
    a, second = contested["a"], contested["second"]
    services.leave(contested["first"], a, TEST_ACTOR, utcnow())

    registration.cancel(contested["holder"], TEST_ACTOR, utcnow())

    assert placed(a) == {second.full_name}


def test_more_capacity_gives_seats_to_the_waiting_list(event, contested):
    a = contested["a"]
    data = services.WorkshopData(
        title=a.title, description="", room_id=a.room_id, starts_at=a.starts_at,
        ends_at=a.ends_at, capacity=2,
    )  # fmt: skip

    services.save_workshop(event, data, TEST_ACTOR, utcnow(), a)

    assert placed(a) == {contested["holder"].full_name, contested["first"].full_name}


def test_capacity_below_the_seats_given_is_refused(event, contested):
    a = contested["a"]
    data = services.WorkshopData(
        title=a.title, description="", room_id=a.room_id, starts_at=a.starts_at,
        ends_at=a.ends_at, capacity=0,
    )  # fmt: skip
    with pytest.raises(services.WorkshopError) as refused:
        services.save_workshop(event, data, TEST_ACTOR, utcnow(), a)
    assert refused.value.reason == "capacity_below_placed"
    assert refused.value.data == {"placed": 1}
    db.session.expire_all()
    assert a.capacity == 1


def test_capacity_above_the_room_is_refused(event, make_workshop):
    a = make_workshop("A")
    data = services.WorkshopData(
        title="A", description="", room_id=a.room_id, starts_at=a.starts_at,
        ends_at=a.ends_at, capacity=51,
    )  # fmt: skip
    with pytest.raises(services.WorkshopError) as refused:
        services.save_workshop(event, data, TEST_ACTOR, utcnow(), a)
    assert refused.value.reason == "capacity_above_room"
    assert refused.value.data["seats"] == 50


def test_moving_a_workshop_onto_a_slot_where_its_delegates_sit_elsewhere_is_refused(
    event, make_workshop, make_delegate, choose
):
    early, late = make_workshop("Sớm", capacity=3), make_workshop("Muộn", slot="late", capacity=3)
    delegate = make_delegate()
    choose(delegate, early, late)
    services.allocate(event, TEST_ACTOR, utcnow())
    data = services.WorkshopData(
        title="Muộn", description="", room_id=late.room_id, starts_at=early.starts_at,
        ends_at=early.ends_at, capacity=3,
    )  # fmt: skip

    with pytest.raises(services.WorkshopError) as refused:
        services.save_workshop(event, data, TEST_ACTOR, utcnow(), late)

    assert refused.value.reason == "times_clash_placements"


def test_deleting_a_workshop_with_seats_given_is_refused(event, contested):
    with pytest.raises(services.WorkshopError) as refused:
        services.delete_workshop(contested["a"], TEST_ACTOR)
    assert refused.value.reason == "has_placements"
    assert services.get_workshop(event, contested["a"].id) is not None


def test_deleting_a_workshop_takes_its_choices_along(event, make_workshop, make_delegate, choose):
    a, b = make_workshop("A"), make_workshop("B", slot="late")
    delegate = make_delegate()
    choose(delegate, a, b)

    services.delete_workshop(a, TEST_ACTOR)

    assert [w.title for w in services.choices_of(delegate)] == ["B"]
    assert (
        db.session.scalars(select(WorkshopChoice).where(WorkshopChoice.workshop_id == a.id)).all()
        == []
    )


def test_choices_after_the_deadline_are_refused(event, make_workshop, make_delegate, choose):
    a = make_workshop("A")
    delegate = make_delegate()
    services.set_deadline(event, utcnow() - timedelta(minutes=1), TEST_ACTOR)

    with pytest.raises(services.WorkshopError) as refused:
        choose(delegate, a)

    assert refused.value.reason == "choices_closed"
    assert services.choices_of(delegate) == []


def test_deadline_defaults_to_the_close_of_registration(event):
    assert services.choices_close_at(event) == event.registration_closes_at
    later = at(event, "08:00") - timedelta(days=2)
    services.set_deadline(event, later, TEST_ACTOR)
    assert services.choices_close_at(event) == later


def test_choices_refuse_a_workshop_not_meant_for_the_category(
    event, make_workshop, make_delegate, choose
):
    guests_only = make_workshop("Chỉ cho khách mời", categories=("trung_uong", "lanh_dao_tp"))
    delegate = make_delegate("so_nganh")
    with pytest.raises(services.WorkshopError) as refused:
        choose(delegate, guests_only)
    assert refused.value.reason == "not_for_category"


def test_choices_repeated_or_too_many_are_refused(event, make_workshop, make_delegate, choose):
    a, b = make_workshop("A"), make_workshop("B")
    c, d = make_workshop("C", slot="late"), make_workshop("D", slot="late")
    delegate = make_delegate()
    with pytest.raises(services.WorkshopError) as repeated:
        choose(delegate, a, a)
    with pytest.raises(services.WorkshopError) as too_many:
        choose(delegate, a, b, c, d)
    assert (repeated.value.reason, too_many.value.reason) == ("repeated", "too_many")


def test_new_choices_after_allocation_give_up_a_seat_no_longer_wanted(
    event, contested, make_workshop, choose
):
    later = make_workshop("Muộn", slot="late", capacity=1)
    first, holder = contested["first"], contested["holder"]
    services.unpin(contested["a"], holder, TEST_ACTOR)

    choose(holder, later)

    assert holds(holder) == {"Muộn"}  # placed at once: seats left and the allocation has run
    assert placed(contested["a"]) == {first.full_name}


def test_pin_moves_a_delegate_out_of_a_workshop_at_the_same_time(
    event, make_workshop, make_delegate, choose
):
    a, b = make_workshop("A", capacity=2), make_workshop("B", capacity=2)
    delegate = make_delegate()
    choose(delegate, a)
    services.allocate(event, TEST_ACTOR, utcnow())

    services.pin(b, delegate, TEST_ACTOR, utcnow())

    placement = db.session.scalars(
        select(WorkshopPlacement).where(WorkshopPlacement.delegate_id == delegate.id)
    ).one()
    assert (placement.workshop.title, placement.locked) == ("B", True)


def test_pin_into_a_full_workshop_is_refused(event, contested, make_delegate):
    with pytest.raises(services.WorkshopError) as refused:
        services.pin(contested["a"], make_delegate(), TEST_ACTOR, utcnow())
    assert refused.value.reason == "full"


def test_declined_delegate_gives_their_seat_back(event, contested):
    registration.decline(event, [contested["holder"].id], TEST_ACTOR, utcnow(), "Trùng lịch")
    assert placed(contested["a"]) == {contested["first"].full_name}
