"""Fixtures shared by the integration tests: delegates registered through the real services."""

from collections.abc import Callable
from itertools import count

import pytest

from conference.events.models import DelegateCategory, Event
from conference.extensions import db
from conference.registration import services
from conference.registration.models import Delegate, Honorific
from conference.timeutil import utcnow


def category(event: Event, code: str) -> DelegateCategory:
    return next(c for c in event.categories if c.code == code)


@pytest.fixture
def form_data(event) -> Callable[..., dict]:
    """The registration form as a delegate fills it in; keyword arguments change fields."""
    numbers = count(1)

    def fill(**changes) -> dict:
        number = next(numbers)
        data = {
            "honorific": "ba",
            "full_name": f"Nguyễn Thị Hằng {number}",
            "position": "Trưởng phòng Quản lý sở hữu trí tuệ",
            "organization": "Sở Khoa học và Công nghệ Hà Nội",
            "category": category(event, "nha_khoa_hoc").id,
            "email": f"hangnt{number}@hanoi.gov.vn",
            "phone": "0912 345 678",
            "notes": "",
            "invitation_code": "",
            "consent": "y",
        }
        data.update(changes)
        return data

    return fill


@pytest.fixture
def make_delegate(event) -> Callable[..., Delegate]:
    """Register a delegate through the service: make_delegate("so_nganh") is confirmed at once."""
    numbers = count(1)

    def make(
        code: str = "so_nganh", name: str | None = None, email: str | None = None, when=None
    ) -> Delegate:
        number = next(numbers)
        data = services.RegistrationData(
            honorific=Honorific.MR,
            full_name=name or f"Trần Văn Bình {number}",
            position="Chuyên viên",
            organization="Sở Công Thương Hà Nội",
            category_id=category(event, code).id,
            email=email or f"binhtv{number}@hanoi.gov.vn",
        )
        return services.register(event, data, when or utcnow()).delegate

    return make


@pytest.fixture
def small_event(event) -> Event:
    """The event with only three places, so that it fills quickly."""
    event.capacity = 3
    db.session.commit()
    return event


@pytest.fixture
def award_to(event, units) -> Callable[..., list]:
    """Put delegates on the approved commendation list, as the awards board's work ends."""
    from conference.nominations.models import (
        AwardForm,
        AwardRound,
        Nomination,
        NominationKind,
        NominationState,
    )

    def award(*delegates: Delegate, form: str = "Bằng khen của Chủ tịch UBND Thành phố") -> list:
        award_round = AwardRound(
            event=event, title="Khen thưởng sơ kết 5 năm", deadline=event.starts_at
        )
        award_form = AwardForm(round=award_round, name=form)
        nominations = [
            Nomination(
                round=award_round,
                unit=units["UBND huyện Gia Lâm"],
                kind=NominationKind.INDIVIDUAL,
                state=NominationState.APPROVED,
                award_form=award_form,
                name=delegate.full_name,
                delegate_id=delegate.id,
            )
            for delegate in delegates
        ]
        db.session.add_all([award_round, award_form, *nominations])
        db.session.commit()
        return nominations

    return award
