"""Demo data for the event: the seed plan's conference, its programme, Hanoi's units, the categories.

Source: shared/seeds/000_1584d7fd4dda09ed.txt (Kế hoạch sơ kết 5 năm Chương trình phát triển
tài sản trí tuệ trên địa bàn thành phố Hà Nội đến năm 2030), sections III and V.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from conference.events.models import AgendaItem, DelegateCategory, Event, Unit, UnitKind
from conference.events.services import note_schedule
from conference.extensions import db
from conference.timeutil import HANOI, local_to_utc

DEPARTMENTS = [
    ("Sở Khoa học và Công nghệ Hà Nội", "Sở KH&CN"),
    ("Sở Công Thương Hà Nội", "Sở Công Thương"),
    ("Sở Nông nghiệp và Môi trường Hà Nội", "Sở NN&MT"),
    ("Sở Tài chính Hà Nội", "Sở Tài chính"),
    ("Sở Tư pháp Hà Nội", "Sở Tư pháp"),
    ("Sở Giáo dục và Đào tạo Hà Nội", "Sở GD&ĐT"),
    ("Sở Văn hóa và Thể thao Hà Nội", "Sở VH&TT"),
    ("Sở Du lịch Hà Nội", "Sở Du lịch"),
    ("Sở Y tế Hà Nội", "Sở Y tế"),
    ("Sở Nội vụ Hà Nội", "Sở Nội vụ"),
    ("Sở Xây dựng Hà Nội", "Sở Xây dựng"),
    ("Văn phòng UBND Thành phố", "VP UBND TP"),
    ("Ban Thi đua - Khen thưởng Thành phố", "Ban TĐ-KT"),
    ("Công an Thành phố Hà Nội", "CATP"),
    ("Ban Quản lý các khu công nghệ cao và khu công nghiệp Thành phố", "BQL KCNC&KCN"),
]
OTHER_UNITS = [
    ("Đài Phát thanh và Truyền hình Hà Nội", "Đài PT&TH HN"),
    ("Hội Nông dân Thành phố Hà Nội", "Hội Nông dân TP"),
    ("Liên minh Hợp tác xã Thành phố Hà Nội", "Liên minh HTX TP"),
    ("Thành đoàn Hà Nội", "Thành đoàn"),
    ("Liên hiệp các Hội Khoa học và Kỹ thuật Hà Nội", "Liên hiệp Hội KH&KT"),
]
URBAN_DISTRICTS = [
    "Ba Đình", "Hoàn Kiếm", "Tây Hồ", "Long Biên", "Cầu Giấy", "Đống Đa", "Hai Bà Trưng",
    "Hoàng Mai", "Thanh Xuân", "Nam Từ Liêm", "Bắc Từ Liêm", "Hà Đông",
]  # fmt: skip
RURAL_DISTRICTS = [
    "Ba Vì", "Chương Mỹ", "Đan Phượng", "Đông Anh", "Gia Lâm", "Hoài Đức", "Mê Linh", "Mỹ Đức",
    "Phú Xuyên", "Phúc Thọ", "Quốc Oai", "Sóc Sơn", "Thạch Thất", "Thanh Oai", "Thanh Trì",
    "Thường Tín", "Ứng Hòa",
]  # fmt: skip

# code, name, by invitation only, needs approval, protocol rank, badge label, colour.
# Officials of the city's departments and districts are confirmed at once; others are approved.
CATEGORIES = [
    ("trung_uong", "Đại biểu Trung ương", True, False, 10, "KHÁCH MỜI", "#b91c1c"),
    ("lanh_dao_tp", "Lãnh đạo Thành phố", True, False, 20, "KHÁCH MỜI", "#c2410c"),
    ("so_nganh", "Đại biểu các sở, ban, ngành, đoàn thể", False, False, 30, "ĐẠI BIỂU", "#1d4ed8"),
    ("quan_huyen", "Đại biểu các quận, huyện, thị xã", False, False, 40, "ĐẠI BIỂU", "#0f766e"),
    ("nha_khoa_hoc", "Nhà khoa học", False, True, 50, "ĐẠI BIỂU", "#6d28d9"),
    ("chuyen_gia", "Chuyên gia lĩnh vực sở hữu trí tuệ", False, True, 55, "ĐẠI BIỂU", "#a21caf"),
    (
        "chu_van_bang",
        "Tổ chức, cá nhân có bằng sáng chế, kiểu dáng công nghiệp, giải pháp hữu ích",
        False, True, 60, "ĐẠI BIỂU", "#4d7c0f",
    ),
    ("bao_chi", "Đại diện cơ quan báo, đài Trung ương và Thành phố", False, True, 80, "BÁO CHÍ", "#a16207"),
    ("trien_lam", "Đơn vị tham gia triển lãm", True, False, 90, "TRIỂN LÃM", "#0e7490"),
    ("ban_to_chuc", "Ban tổ chức, phục vụ hội nghị", True, False, 95, "BAN TỔ CHỨC", "#374151"),
]  # fmt: skip
# Categories whose delegates hold no place among the plenary's 150: exhibitors' booth staff.
WITHOUT_PLENARY_PLACE = {"trien_lam"}

# start, end (local wall-clock), title, presenter, place
PROGRAMME = [
    ("07:30", "08:00", "Đón tiếp đại biểu; tham quan Triển lãm kết quả phát triển tài sản trí tuệ",
     "Ban tổ chức", "Sảnh tầng 1"),
    ("08:00", "08:10", "Tuyên bố lý do, giới thiệu đại biểu", "Sở Khoa học và Công nghệ", "Hội trường"),
    ("08:10", "08:20", "Phát biểu khai mạc Hội nghị", "Lãnh đạo UBND Thành phố", "Hội trường"),
    ("08:20", "08:35", "Trình chiếu phóng sự «5 năm phát triển tài sản trí tuệ Thủ đô»",
     "Đài Phát thanh và Truyền hình Hà Nội", "Hội trường"),
    ("08:35", "09:05",
     "Báo cáo sơ kết 5 năm (2021-2025) thực hiện Chương trình phát triển tài sản trí tuệ "
     "trên địa bàn thành phố Hà Nội đến năm 2030",
     "Lãnh đạo Sở Khoa học và Công nghệ", "Hội trường"),
    ("09:05", "10:05",
     "Tham luận của các sở, ngành, quận, huyện, nhà khoa học, hợp tác xã và doanh nghiệp",
     "Các đơn vị được phân công", "Hội trường"),
    ("10:05", "10:20", "Phát biểu của đại diện Cục Sở hữu trí tuệ, Bộ Khoa học và Công nghệ",
     "Cục Sở hữu trí tuệ", "Hội trường"),
    ("10:20", "10:45",
     "Công bố Quyết định và trao Bằng khen của Chủ tịch UBND Thành phố cho các tập thể, "
     "cá nhân có thành tích xuất sắc",
     "Ban Thi đua - Khen thưởng Thành phố", "Hội trường"),
    ("10:45", "11:15", "Phát biểu chỉ đạo; phương hướng, nhiệm vụ giai đoạn 2026-2030",
     "Lãnh đạo UBND Thành phố", "Hội trường"),
    ("11:15", "11:30", "Bế mạc Hội nghị", "Ban tổ chức", "Hội trường"),
    ("13:30", "16:30", "Các hội thảo chuyên đề (diễn ra song song)", "", "Các phòng hội thảo"),
]  # fmt: skip


def conference_day(today: date) -> date:
    """Return a Tuesday about four weeks after today: far enough for registration to be open."""
    day = today + timedelta(weeks=4)
    return day + timedelta(days=(1 - day.weekday()) % 7)


def _at(day: date, clock: str) -> datetime:
    hours, minutes = map(int, clock.split(":"))
    return local_to_utc(datetime.combine(day, time(hours, minutes)), HANOI)


def seed_units() -> dict[str, Unit]:
    """Add Hanoi's departments, districts and other bodies; return them by name."""
    rows = [(name, short, UnitKind.DEPARTMENT) for name, short in DEPARTMENTS]
    rows += [(f"UBND quận {name}", f"Q. {name}", UnitKind.DISTRICT) for name in URBAN_DISTRICTS]
    rows += [("UBND thị xã Sơn Tây", "TX. Sơn Tây", UnitKind.DISTRICT)]
    rows += [(f"UBND huyện {name}", f"H. {name}", UnitKind.DISTRICT) for name in RURAL_DISTRICTS]
    rows += [(name, short, UnitKind.OTHER) for name, short in OTHER_UNITS]
    units = {name: Unit(name=name, short_name=short, kind=kind) for name, short, kind in rows}
    db.session.add_all(units.values())
    return units


def seed_event(now: datetime) -> Event:
    """Add the review conference with its programme and categories of delegates."""
    day = conference_day(now.astimezone(HANOI).date())
    event = Event(
        title=(
            "Hội nghị sơ kết 5 năm thực hiện Chương trình phát triển tài sản trí tuệ "
            "trên địa bàn thành phố Hà Nội đến năm 2030"
        ),
        short_title="Sơ kết 5 năm Chương trình phát triển tài sản trí tuệ Hà Nội",
        description=(
            "Đánh giá kết quả và tác động trong 05 năm (2021-2025) triển khai Chương trình "
            "phát triển tài sản trí tuệ trên địa bàn thành phố Hà Nội đến năm 2030; đề xuất "
            "nguyên tắc, cơ chế, chính sách và giải pháp cho giai đoạn 2026-2030; biểu dương, "
            "khen thưởng các tập thể, cá nhân tiêu biểu. Cùng thời gian và địa điểm: các hội thảo "
            "chuyên đề và Triển lãm kết quả phát triển tài sản trí tuệ tại Thành phố Hà Nội "
            "(khoảng 25 gian hàng)."
        ),
        host="UBND thành phố Hà Nội – Sở Khoa học và Công nghệ Hà Nội",
        venue="Khu liên cơ Võ Chí Công",
        address="Số 258 Võ Chí Công, phường Xuân La, quận Tây Hồ, Hà Nội",
        latitude=Decimal("21.069400"),
        longitude=Decimal("105.805200"),
        timezone="Asia/Ho_Chi_Minh",
        starts_at=_at(day, "07:30"),
        ends_at=_at(day, "16:30"),
        registration_opens_at=now - timedelta(days=7),
        registration_closes_at=_at(day - timedelta(days=3), "17:00"),
        capacity=150,
        contact_email="hoinghi-shtt@sokhcn.hanoi.gov.vn",
        contact_phone="024 3825 0000",
    )
    event.categories = [
        DelegateCategory(
            code=code,
            name=name,
            invitation_only=invitation_only,
            requires_approval=requires_approval,
            protocol_rank=rank,
            badge_label=label,
            color=color,
            plenary_place=code not in WITHOUT_PLENARY_PLACE,
        )
        for code, name, invitation_only, requires_approval, rank, label, color in CATEGORIES
    ]
    event.agenda_items = [
        AgendaItem(
            starts_at=_at(day, start),
            ends_at=_at(day, end),
            title=title,
            presenter=presenter,
            location=place,
        )
        for start, end, title, presenter, place in PROGRAMME
    ]
    note_schedule(event, event.venue)
    for item in event.agenda_items:
        note_schedule(item, item.location)
    db.session.add(event)
    return event
