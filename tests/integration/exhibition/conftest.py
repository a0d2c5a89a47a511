import io
from collections.abc import Callable
from itertools import count

import pytest
from PIL import Image

from conference.audit.services import Actor
from conference.events.models import Unit
from conference.exhibition import services
from conference.exhibition.booths import demo_hall
from conference.exhibition.models import Exhibitor, ExhibitorKind
from conference.exhibition.titles import TitleKind
from conference.extensions import db
from conference.registration.models import Honorific
from conference.timeutil import utcnow

ORGANIZER = Actor.system("ban tổ chức (kiểm thử)")


def png(size=(40, 30)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, "#0b3d73").save(output, "PNG")
    return output.getvalue()


def district(units: dict[str, Unit], name: str = "UBND huyện Gia Lâm") -> Unit:
    return units[name]


@pytest.fixture
def hall(event):
    """The demo hall of 25 booths, saved as the event's floor plan."""
    return services.save_floor_plan(event, demo_hall().to_dict(), 0, ORGANIZER, utcnow())


@pytest.fixture
def application_form(units) -> Callable[..., dict]:
    """The public application form as an exhibitor fills it in; keyword arguments change fields."""
    numbers = count(1)

    def fill(**changes) -> dict:
        number = next(numbers)
        data = {
            "organization": f"Hợp tác xã Rau an toàn Đặng Xá {number}",
            "kind": "cooperative",
            "district": units["UBND huyện Gia Lâm"].id,
            "contact_name": "Nguyễn Văn Hòa",
            "phone": "0912 345 678",
            "email": f"htx{number}@dangxa.vn",
            "description": "Rau an toàn theo VietGAP.",
            "needs_electricity": "y",
            "products-0-product_name": "Rau an toàn Đặng Xá",
            "products-0-kind": "collective_mark",
            "products-0-number": "4-0312345",
            "products-0-holder": "Hợp tác xã Rau an toàn Đặng Xá",
            "staff-0-honorific": "ong",
            "staff-0-full_name": f"Trần Văn Trực {number}",
            "staff-0-email": f"truc{number}@dangxa.vn",
            "staff-0-phone": "",
            "consent": "y",
        }
        data.update(changes)
        return {key: value for key, value in data.items() if value is not None}

    return fill


@pytest.fixture
def make_exhibitor(event, units) -> Callable[..., Exhibitor]:
    """An application through the service; approved unless told otherwise."""
    numbers = count(1)

    def make(
        name: str | None = None,
        kind: ExhibitorKind = ExhibitorKind.COOPERATIVE,
        district: str = "UBND huyện Gia Lâm",
        status: str = "approved",
        needs: tuple[str, ...] = (),
        staff_email: str | None = None,
        photo: str | None = None,
    ) -> Exhibitor:
        number = next(numbers)
        data = services.ApplicationData(
            organization=name or f"Hợp tác xã Thử nghiệm {number}",
            kind=kind,
            district_id=units[district].id,
            contact_name="Lê Thị Liên",
            phone="0987 654 321",
            email=f"lienhe{number}@htx.vn",
            needs_electricity="electricity" in needs,
            needs_corner="corner" in needs,
            needs_double="double" in needs,
            products=[
                services.ProductData(
                    f"Sản phẩm {number}", TitleKind.MARK, "4-0123456", "Chủ văn bằng", photo
                )
            ],
            staff=[
                services.StaffData(
                    Honorific.MRS, f"Phạm Thị Trực {number}", staff_email or f"truc{number}@htx.vn"
                )
            ],
        )
        exhibitor = services.submit(event, data, ORGANIZER, utcnow())
        if status == "approved":
            services.review(exhibitor, "approve", ORGANIZER, utcnow())
        elif status in ("rejected", "changes_requested"):
            action = "reject" if status == "rejected" else "request_changes"
            services.review(exhibitor, action, ORGANIZER, utcnow(), "Thiếu văn bằng.")
        db.session.expire_all()
        return exhibitor

    return make
