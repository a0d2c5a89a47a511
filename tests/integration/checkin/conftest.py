from collections.abc import Callable

import pytest

from conference.badges import services as badges
from conference.registration.models import Delegate


@pytest.fixture
def badge_code(app) -> Callable[[Delegate], str]:
    """Return what the QR code on a delegate's badge holds."""

    def code(delegate: Delegate) -> str:
        return badges.qr_payload(badges.ensure_badges([delegate])[delegate.id])

    return code
