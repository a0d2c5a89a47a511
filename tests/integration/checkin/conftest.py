"""Check-in fixtures: badge codes, booth staff, and the workshop and plenary hall fixtures."""

from collections.abc import Callable
from itertools import count

import pytest

from conference.audit.services import Actor
from conference.badges import services as badges
from conference.extensions import db
from conference.registration import services as registration
from conference.registration.models import Delegate, Honorific
from conference.timeutil import utcnow
from tests.integration.seating.conftest import hall
from tests.integration.workshops.conftest import make_workshop

__all__ = ["hall", "make_workshop"]


@pytest.fixture
def badge_code(app) -> Callable[[Delegate], str]:
    """Return what the QR code on a delegate's badge holds."""

    def code(delegate: Delegate) -> str:
        return badges.qr_payload(badges.ensure_badges([delegate])[delegate.id])

    return code


@pytest.fixture
def booth_staff(event) -> Callable[[str], Delegate]:
    """Enrol someone who staffs an exhibitor's booth: confirmed, without a plenary place."""

    numbers = count(1)

    def enrol(name: str) -> Delegate:
        person = registration.BoothStaff(
            honorific=Honorific.MRS, full_name=name, email=f"giangian{next(numbers)}@htx.vn",
            phone="0987 654 321", organization="Hợp tác xã Bát Tràng",
        )  # fmt: skip
        (delegate,) = registration.enrol_exhibition_staff(
            event, [person], Actor.system("triển lãm"), utcnow()
        )
        db.session.commit()
        return delegate

    return enrol
