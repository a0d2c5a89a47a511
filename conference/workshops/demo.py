"""Demo workshops: four afternoon workshops on the seed plan's themes, choices, an allocation.

The seed plan (shared/seeds/000_1584d7fd4dda09ed.txt, III.2) holds workshops alongside the
plenary; the programme gives them the afternoon, 13:30–16:30, in parallel. Two run in the
first slot and two in the second, each in its own 50-seat room. Delegates rank them through
the service, as they would on their personal page; an organizer pins a city leader into the
Capital Law workshop, allocates, and then one placed delegate cancels, so that the waiting
list has already moved once.
"""

import random
from datetime import datetime, time, timedelta

from sqlalchemy import select

from conference.audit.services import Actor
from conference.auth.models import User
from conference.events.models import Event
from conference.extensions import db
from conference.registration import services as registration
from conference.registration.models import Delegate, DelegateStatus
from conference.seating.planner import layout_to_dict, rectangular_layout
from conference.timeutil import HANOI, local_to_utc
from conference.workshops import services
from conference.workshops.models import Room, WorkshopPlacement

ROOMS = [
    ("Phòng hội thảo 201", "Tầng 2, Khu liên cơ Võ Chí Công"),
    ("Phòng hội thảo 202", "Tầng 2, Khu liên cơ Võ Chí Công"),
    ("Phòng hội thảo 301", "Tầng 3, Khu liên cơ Võ Chí Công"),
    ("Phòng hội thảo 302", "Tầng 3, Khu liên cơ Võ Chí Công"),
]
STATE_BODIES = ("trung_uong", "lanh_dao_tp", "so_nganh", "quan_huyen")
# title, description, slot (0: 13:30–14:55, 1: 15:05–16:30), room index, meant for, popularity
WORKSHOPS = [
    (
        "Thương mại hóa sáng chế từ trường đại học, viện nghiên cứu",
        "Từ kết quả nghiên cứu đến hợp đồng chuyển giao, li-xăng sáng chế: định giá tài sản trí "
        "tuệ, vai trò của trung tâm chuyển giao công nghệ, chia sẻ lợi ích giữa nhà khoa học, "
        "nhà trường và doanh nghiệp.\nChủ trì: Sở Khoa học và Công nghệ Hà Nội; tham luận của "
        "Đại học Quốc gia Hà Nội, Đại học Bách khoa Hà Nội và Cục Sở hữu trí tuệ.",
        0, 0, (), 5,
    ),
    (
        "Chỉ dẫn địa lý, nhãn hiệu tập thể cho sản phẩm OCOP và làng nghề",
        "Xây dựng, quản lý và khai thác chỉ dẫn địa lý, nhãn hiệu tập thể, nhãn hiệu chứng nhận "
        "cho đặc sản và sản phẩm làng nghề Hà Nội (gốm Bát Tràng, lụa Vạn Phúc, bưởi Diễn, "
        "nhãn chín sớm Đông Anh…); kinh nghiệm của hợp tác xã và UBND các huyện.\nChủ trì: Sở "
        "Nông nghiệp và Môi trường, Liên minh Hợp tác xã Thành phố.",
        0, 1, (), 4,
    ),
    (
        "Thực thi quyền sở hữu trí tuệ trong môi trường số",
        "Xử lý hàng giả, hàng xâm phạm quyền trên sàn thương mại điện tử và mạng xã hội; phối "
        "hợp giữa quản lý thị trường, công an và chủ thể quyền; vai trò của nền tảng số.\nChủ "
        "trì: Cục Quản lý thị trường thành phố Hà Nội, Công an Thành phố.",
        1, 2, (), 3,
    ),
    (
        "Nhiệm vụ phát triển tài sản trí tuệ giai đoạn 2026–2030 theo Luật Thủ đô năm 2024",
        "Các cơ chế, chính sách đặc thù của Luật Thủ đô (sửa đổi) năm 2024 cho khoa học, công "
        "nghệ và đổi mới sáng tạo; đề xuất nhiệm vụ, giải pháp của Chương trình phát triển tài "
        "sản trí tuệ giai đoạn 2026–2030 cho các sở, ngành, quận, huyện.\nChủ trì: Văn phòng "
        "UBND Thành phố, Sở Khoa học và Công nghệ Hà Nội.",
        1, 3, STATE_BODIES, 2,
    ),
]  # fmt: skip
SLOTS = [("13:30", "14:55"), ("15:05", "16:30")]
SHARE_CHOOSING = 0.85


def _at(day, clock: str) -> datetime:
    hours, minutes = map(int, clock.split(":"))
    return local_to_utc(datetime.combine(day, time(hours, minutes)), HANOI)


def seed_workshops(event: Event, organizer: User, now: datetime) -> None:
    """Add the rooms and workshops, let the delegates choose, pin one guest and allocate."""
    actor = Actor(user=organizer)
    rooms = []
    for name, location in ROOMS:
        layout = rectangular_layout(5, 10, aisles_after=(5,))
        room = Room(
            event=event,
            name=name,
            location=location,
            layout=layout_to_dict(layout),
            capacity=layout.capacity,
        )
        rooms.append(room)
    db.session.add_all(rooms)
    db.session.commit()
    day = event.starts_at.astimezone(HANOI).date()
    categories = {category.code: category.id for category in event.categories}
    workshops = []
    for title, description, slot, room, meant_for, _weight in WORKSHOPS:
        data = services.WorkshopData(
            title=title, description=description, room_id=rooms[room].id,
            starts_at=_at(day, SLOTS[slot][0]), ends_at=_at(day, SLOTS[slot][1]), capacity=50,
            category_ids=[categories[code] for code in meant_for],
        )  # fmt: skip
        workshops.append(services.save_workshop(event, data, actor, now - timedelta(days=6)))
    _choose(event, workshops, now)
    _pin_a_leader(event, workshops[3], actor, now)
    services.allocate(event, actor, now)
    _one_cancels(event, workshops[0], now)


def _choose(event: Event, workshops: list, now: datetime) -> None:
    rng = random.Random(2026)
    weights = {w.id: weight for w, (*_rest, weight) in zip(workshops, WORKSHOPS, strict=True)}
    delegates = db.session.scalars(
        select(Delegate)
        .where(
            Delegate.event_id == event.id,
            Delegate.status.in_([DelegateStatus.CONFIRMED, DelegateStatus.PENDING]),
        )
        .order_by(Delegate.id)
    ).all()
    for delegate in delegates:
        if rng.random() > SHARE_CHOOSING:
            continue
        open_to_them = [w for w in workshops if w.is_for(delegate.category_id)]
        wanted = rng.choice([1, 2, 2, 3, 3, 3])
        ranked = []
        while open_to_them and len(ranked) < wanted:
            pick = rng.choices(open_to_them, weights=[weights[w.id] for w in open_to_them])[0]
            ranked.append(pick.id)
            open_to_them.remove(pick)
        actor = Actor(label=f"{registration.SELF}: {delegate.full_name}")
        services.set_choices(delegate, ranked, actor, now - timedelta(days=1))


def _pin_a_leader(event: Event, workshop, actor: Actor, now: datetime) -> None:
    leader = db.session.scalar(
        select(Delegate)
        .join(Delegate.category)
        .where(
            Delegate.event_id == event.id,
            Delegate.status == DelegateStatus.CONFIRMED,
            Delegate.position.startswith("Phó Chánh Văn phòng"),
        )
        .limit(1)
    )
    if leader is not None:
        services.pin(workshop, leader, actor, now)


def _one_cancels(event: Event, workshop, now: datetime) -> None:
    placed = db.session.scalar(
        select(WorkshopPlacement)
        .where(WorkshopPlacement.workshop_id == workshop.id, WorkshopPlacement.locked.is_(False))
        .order_by(WorkshopPlacement.id.desc())
        .limit(1)
    )
    if placed is not None:
        delegate = placed.delegate
        registration.cancel(
            delegate, Actor(label=f"{registration.SELF}: {delegate.full_name}"), now
        )
