"""Demo data: the seed event with everything each page needs to show something true.

Each feature adds its own part in its module's demo.py; ``load`` calls them in order. It needs
a request context (links in the e-mails it sends): the CLI gives one for PUBLIC_URL.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from conference.auth.models import Role, User
from conference.events import demo as events_demo
from conference.events.models import Event, Unit
from conference.exhibition import demo as exhibition_demo
from conference.extensions import db
from conference.nominations import demo as nominations_demo
from conference.registration import demo as registration_demo
from conference.seating import demo as seating_demo
from conference.workshops import demo as workshops_demo

DEMO_PASSWORD = "hoinghi2026"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: Role
    full_name: str
    unit: str | None = None


DEMO_ACCOUNTS = [
    DemoAccount("admin@demo.hoinghi-shtt.vn", Role.ADMIN, "Phạm Minh Tuấn", "Sở Khoa học và Công nghệ Hà Nội"),
    DemoAccount("btc@demo.hoinghi-shtt.vn", Role.ORGANIZER, "Nguyễn Thị Thu Hà", "Sở Khoa học và Công nghệ Hà Nội"),
    DemoAccount("tdkt@demo.hoinghi-shtt.vn", Role.REVIEWER, "Trần Văn Hùng", "Ban Thi đua - Khen thưởng Thành phố"),
    # The board's chair for the demo round (AwardRound.chair): reviews, and approves the list.
    DemoAccount("chutich.hd@demo.hoinghi-shtt.vn", Role.REVIEWER, "Hoàng Minh Đức", "Ban Thi đua - Khen thưởng Thành phố"),
    # A board member from a department: may not review that department's nominations.
    DemoAccount("thamdinh.nnmt@demo.hoinghi-shtt.vn", Role.REVIEWER, "Lê Văn Sơn", "Sở Nông nghiệp và Môi trường Hà Nội"),
    DemoAccount("gialam@demo.hoinghi-shtt.vn", Role.UNIT, "Lê Thị Mai Anh", "UBND huyện Gia Lâm"),
    DemoAccount("dongan@demo.hoinghi-shtt.vn", Role.UNIT, "Đinh Công Thành", "UBND huyện Đông Anh"),
    DemoAccount("caugiay@demo.hoinghi-shtt.vn", Role.UNIT, "Vũ Thị Ngọc Ánh", "UBND quận Cầu Giấy"),
    DemoAccount("shtt@demo.hoinghi-shtt.vn", Role.UNIT, "Phạm Thu Trang", "Sở Khoa học và Công nghệ Hà Nội"),
    DemoAccount("congthuong@demo.hoinghi-shtt.vn", Role.UNIT, "Ngô Thanh Hải", "Sở Công Thương Hà Nội"),
    DemoAccount("nnmt@demo.hoinghi-shtt.vn", Role.UNIT, "Bùi Thị Lan", "Sở Nông nghiệp và Môi trường Hà Nội"),
    DemoAccount("dontiep@demo.hoinghi-shtt.vn", Role.CHECKIN, "Đỗ Quang Huy", "Sở Khoa học và Công nghệ Hà Nội"),
]  # fmt: skip


class DatabaseNotEmpty(Exception):
    """The demo only fills an empty database; it never mixes with real data."""


def database_is_empty() -> bool:
    return (
        db.session.scalar(select(Event.id).limit(1)) is None
        and db.session.scalar(select(User.id).limit(1)) is None
    )


def add_accounts(accounts: list[DemoAccount], units: dict[str, Unit]) -> list[User]:
    """Add demo accounts that all share DEMO_PASSWORD."""
    password_hash = generate_password_hash(DEMO_PASSWORD)
    users = [
        User(
            email=account.email,
            password_hash=password_hash,
            full_name=account.full_name,
            role=account.role,
            unit=units.get(account.unit) if account.unit else None,
        )
        for account in accounts
    ]
    db.session.add_all(users)
    return users


def load(now: datetime) -> Event:
    """Fill an empty database with the demo event; refuse if anything is already there."""
    if not database_is_empty():
        raise DatabaseNotEmpty
    units = events_demo.seed_units()
    event = events_demo.seed_event(now)
    users = add_accounts(DEMO_ACCOUNTS, units)
    db.session.commit()
    organizer = next(user for user in users if user.role == Role.ORGANIZER)
    registration_demo.seed_delegates(event, organizer, now)
    workshops_demo.seed_workshops(event, organizer, now)
    nominations_demo.seed(event, {user.email: user for user in users}, now)
    seating_demo.seed_seating(event, organizer, now)
    exhibition_demo.seed_exhibition(event, organizer, now)
    return event
