"""Demo delegates: a full conference with invitations, approvals, a waiting list and cancellations.

Everything goes through the registration services, as real delegates and organizers would, so
that the outbox, the audit log and the waiting list are as they would be after a real week
of registration.
"""

from collections import defaultdict
from datetime import datetime, timedelta
from itertools import count

from conference.audit.services import Actor
from conference.auth.models import User
from conference.demodata import People, Person
from conference.events.models import Event
from conference.registration import services
from conference.registration.invitees import InviteeRow
from conference.registration.models import DelegateStatus, Honorific

# The front rows' guests (category code, position, organisation, e-mail domain), most senior
# first across both categories: the protocol order the seating demo sets. Each category's
# first guests answer their invitation (INVITATIONS), so the most junior have not answered yet.
FRONT_ROW_GUESTS = [
    ("lanh_dao_tp", "Chủ tịch UBND Thành phố", "UBND thành phố Hà Nội", "hanoi.gov.vn"),
    ("trung_uong", "Thứ trưởng", "Bộ Khoa học và Công nghệ", "most.gov.vn"),
    ("lanh_dao_tp", "Phó Chủ tịch UBND Thành phố", "UBND thành phố Hà Nội", "hanoi.gov.vn"),
    ("lanh_dao_tp", "Phó Chủ tịch HĐND Thành phố", "HĐND thành phố Hà Nội", "hanoi.gov.vn"),
    (
        "trung_uong", "Cục trưởng", "Cục Sở hữu trí tuệ, Bộ Khoa học và Công nghệ",
        "ipvietnam.gov.vn",
    ),
    ("lanh_dao_tp", "Phó Trưởng ban Tuyên giáo Thành ủy", "Thành ủy Hà Nội", "hanoi.dcs.vn"),
    ("trung_uong", "Vụ trưởng Vụ Pháp chế", "Bộ Khoa học và Công nghệ", "most.gov.vn"),
    ("lanh_dao_tp", "Chánh Văn phòng UBND Thành phố", "Văn phòng UBND Thành phố", "hanoi.gov.vn"),
    (
        "trung_uong", "Phó Cục trưởng", "Cục Sở hữu trí tuệ, Bộ Khoa học và Công nghệ",
        "ipvietnam.gov.vn",
    ),
    (
        "lanh_dao_tp", "Trưởng ban Kinh tế - Ngân sách HĐND Thành phố", "HĐND thành phố Hà Nội",
        "hanoi.gov.vn",
    ),
    (
        "trung_uong", "Phó Cục trưởng", "Cục Bản quyền tác giả, Bộ Văn hóa, Thể thao và Du lịch",
        "cov.gov.vn",
    ),
    (
        "trung_uong", "Phó Cục trưởng",
        "Cục Trồng trọt và Bảo vệ thực vật, Bộ Nông nghiệp và Môi trường", "cuctrongtrot.gov.vn",
    ),
    (
        "trung_uong", "Phó Vụ trưởng Vụ Phát triển khoa học và công nghệ địa phương",
        "Bộ Khoa học và Công nghệ", "most.gov.vn",
    ),
    (
        "trung_uong", "Trưởng phòng Sáng chế", "Cục Sở hữu trí tuệ, Bộ Khoa học và Công nghệ",
        "ipvietnam.gov.vn",
    ),
    ("lanh_dao_tp", "Phó Chánh Văn phòng UBND Thành phố", "Văn phòng UBND Thành phố", "hanoi.gov.vn"),
    (
        "lanh_dao_tp", "Phó Trưởng ban Văn hóa - Xã hội HĐND Thành phố", "HĐND thành phố Hà Nội",
        "hanoi.gov.vn",
    ),
    ("trung_uong", "Phó Vụ trưởng Vụ Pháp chế", "Bộ Khoa học và Công nghệ", "most.gov.vn"),
    (
        "trung_uong", "Chuyên viên chính Vụ Phát triển khoa học và công nghệ địa phương",
        "Bộ Khoa học và Công nghệ", "most.gov.vn",
    ),
]  # fmt: skip

# category code → (position, organisation, e-mail domain) a delegate of it may have, given out
# in this order (and round again) to the category's delegates.
PROFILES = {
    **{
        code: [
            (position, unit, domain) for c, position, unit, domain in FRONT_ROW_GUESTS if c == code
        ]
        for code in ("trung_uong", "lanh_dao_tp")
    },
    "so_nganh": [
        ("Phó Giám đốc", "Sở Khoa học và Công nghệ Hà Nội", "hanoi.gov.vn"),
        ("Trưởng phòng Quản lý sở hữu trí tuệ", "Sở Khoa học và Công nghệ Hà Nội", "hanoi.gov.vn"),
        ("Phó Giám đốc", "Sở Công Thương Hà Nội", "hanoi.gov.vn"),
        ("Trưởng phòng Quản lý thương mại", "Sở Công Thương Hà Nội", "hanoi.gov.vn"),
        (
            "Phó Chi cục trưởng Chi cục Phát triển nông thôn",
            "Sở Nông nghiệp và Môi trường Hà Nội",
            "hanoi.gov.vn",
        ),
        ("Phó Giám đốc", "Sở Tư pháp Hà Nội", "hanoi.gov.vn"),
        ("Trưởng phòng Quản lý văn hóa", "Sở Văn hóa và Thể thao Hà Nội", "hanoi.gov.vn"),
        ("Phó Giám đốc", "Sở Giáo dục và Đào tạo Hà Nội", "hanoi.gov.vn"),
        ("Phó Cục trưởng", "Cục Quản lý thị trường thành phố Hà Nội", "dms.gov.vn"),
        ("Trưởng phòng Cảnh sát kinh tế", "Công an Thành phố Hà Nội", "hanoi.gov.vn"),
        ("Phó Chủ tịch", "Liên minh Hợp tác xã Thành phố Hà Nội", "lmhtxhanoi.vn"),
        ("Phó Chủ tịch", "Hội Nông dân Thành phố Hà Nội", "hoinongdanhanoi.vn"),
    ],
    "quan_huyen": [
        ("Phó Chủ tịch UBND huyện", "UBND huyện Gia Lâm", "hanoi.gov.vn"),
        ("Phó Chủ tịch UBND huyện", "UBND huyện Đông Anh", "hanoi.gov.vn"),
        ("Trưởng phòng Kinh tế", "UBND huyện Thường Tín", "hanoi.gov.vn"),
        ("Phó Chủ tịch UBND huyện", "UBND huyện Chương Mỹ", "hanoi.gov.vn"),
        ("Trưởng phòng Kinh tế", "UBND huyện Ba Vì", "hanoi.gov.vn"),
        ("Phó Chủ tịch UBND quận", "UBND quận Cầu Giấy", "hanoi.gov.vn"),
        ("Trưởng phòng Kinh tế", "UBND quận Hà Đông", "hanoi.gov.vn"),
        ("Phó Chủ tịch UBND huyện", "UBND huyện Phú Xuyên", "hanoi.gov.vn"),
        ("Trưởng phòng Kinh tế", "UBND huyện Mê Linh", "hanoi.gov.vn"),
        ("Phó Chủ tịch UBND thị xã", "UBND thị xã Sơn Tây", "hanoi.gov.vn"),
        ("Trưởng phòng Kinh tế", "UBND huyện Hoài Đức", "hanoi.gov.vn"),
        ("Phó Chủ tịch UBND huyện", "UBND huyện Mỹ Đức", "hanoi.gov.vn"),
    ],
    "nha_khoa_hoc": [
        ("PGS.TS., Trưởng phòng Khoa học công nghệ", "Đại học Bách khoa Hà Nội", "hust.edu.vn"),
        ("GS.TS., Viện trưởng", "Viện Công nghệ sinh học, Viện Hàn lâm KH&CN Việt Nam", "vast.vn"),
        ("PGS.TS., Giảng viên", "Học viện Nông nghiệp Việt Nam", "vnua.edu.vn"),
        ("TS., Giám đốc Trung tâm Chuyển giao công nghệ", "Đại học Quốc gia Hà Nội", "vnu.edu.vn"),
        ("TS., Nghiên cứu viên chính", "Viện Khoa học Nông nghiệp Việt Nam", "vaas.vn"),
        (
            "PGS.TS., Trưởng khoa Công nghệ thực phẩm",
            "Trường Đại học Công nghiệp Hà Nội",
            "haui.edu.vn",
        ),
    ],
    "chuyen_gia": [
        ("Luật sư, Giám đốc", "Công ty Luật TNHH Sở hữu trí tuệ Hà Thành", "hathanhip.vn"),
        ("Phó Chủ tịch", "Hội Sở hữu trí tuệ Việt Nam", "vipa.org.vn"),
        ("TS., Giảng viên Khoa Pháp luật dân sự", "Trường Đại học Luật Hà Nội", "hlu.edu.vn"),
        (
            "Đại diện sở hữu công nghiệp",
            "Công ty TNHH Tư vấn Sở hữu trí tuệ An Việt",
            "anvietip.vn",
        ),
    ],
    "chu_van_bang": [
        ("Giám đốc", "Công ty CP Công nghệ Sinh học Thăng Long", "thanglongbio.vn"),
        ("Chủ nhiệm", "HTX Nông nghiệp Văn Đức (Gia Lâm)", "htxvanduc.vn"),
        ("Giám đốc", "Công ty TNHH Cơ khí chính xác Hà Nội", "cokhihn.vn"),
        ("Nhà sáng chế, kỹ sư", "Công ty CP Thiết bị điện Đông Anh", "thietbidongan.vn"),
        ("Giám đốc", "Công ty TNHH Gốm Bát Tràng Minh Long", "gomminhlong.vn"),
        ("Phó Giám đốc", "Công ty CP Dược liệu Ba Vì", "duoclieubavi.vn"),
    ],
    "bao_chi": [
        ("Phóng viên", "Báo Hànộimới", "hanoimoi.vn"),
        ("Phóng viên", "Báo Kinh tế & Đô thị", "kinhtedothi.vn"),
        ("Biên tập viên", "Đài Phát thanh và Truyền hình Hà Nội", "hanoitv.vn"),
        ("Phóng viên", "Báo Khoa học và Phát triển", "khoahocphattrien.vn"),
        ("Phóng viên", "Thông tấn xã Việt Nam", "vnanet.vn"),
        ("Phóng viên", "Báo Nhân Dân", "nhandan.vn"),
    ],
}

# How many of each category the demo brings. Invited guests answer their invitation (or not
# yet); the others register themselves. 150 places: the event fills and a waiting list forms.
INVITATIONS = {  # category: (answered, not answered yet)
    "trung_uong": (8, 2), "lanh_dao_tp": (6, 2), "so_nganh": (6, 4), "quan_huyen": (6, 6),
}  # fmt: skip
SELF_REGISTERED = {
    "so_nganh": 24, "quan_huyen": 24, "nha_khoa_hoc": 28, "chuyen_gia": 18,
    "chu_van_bang": 32, "bao_chi": 20,
}  # fmt: skip
PENDING_LEFT = 10
DECLINED = 3
CANCELLED = 4
NOTES = ["", "", "", "", "Ăn chay", "Cần chỗ ngồi gần lối đi (xe lăn)", "Đi cùng 01 phóng viên ảnh"]


class _Emails:
    """Office-style addresses (given name + initials), numbered when two people would share one."""

    def __init__(self):
        self.used: set[str] = set()

    def unique(self, person: Person, domain: str) -> str:
        local, _, host = person.email(domain).partition("@")
        email, number = f"{local}@{host}", 1
        while email in self.used:
            number += 1
            email = f"{local}{number}@{host}"
        self.used.add(email)
        return email


def seed_delegates(event: Event, organizer: User, start: datetime) -> None:
    """Invite and register the demo delegates over the week before `start`."""
    people, emails = People(seed=2026), _Emails()
    organizer_actor = Actor(user=organizer)
    moments = (
        start - timedelta(days=6, hours=20) + timedelta(minutes=31 * step) for step in count()
    )
    category_ids = {category.code: category.id for category in event.categories}
    profile_counters = defaultdict(count)

    def invitee(code: str) -> InviteeRow:
        profiles = PROFILES[code]
        position, organization, domain = profiles[next(profile_counters[code]) % len(profiles)]
        person = people.person()
        return InviteeRow(
            line=0, full_name=person.full_name, position=position, organization=organization,
            category=code, email=emails.unique(person, domain), honorific=person.honorific,
        )  # fmt: skip

    def registration(row: InviteeRow, code: str = "") -> services.RegistrationData:
        return services.RegistrationData(
            honorific=Honorific(row.honorific),
            full_name=row.full_name,
            position=row.position,
            organization=row.organization,
            category_id=category_ids[row.category],
            email=row.email,
            phone=people.phone(),
            notes=people.random.choice(NOTES),
            invitation_code=code,
        )

    answering = []
    for code, (answered, silent) in INVITATIONS.items():
        for index in range(answered + silent):
            row = invitee(code)
            invitation = services.invite(event, row, organizer_actor, next(moments))
            if index < answered:
                answering.append((row, invitation.code))
    for row, code in answering:
        services.register(event, registration(row, code), next(moments))

    pending = []
    for code, number in SELF_REGISTERED.items():
        for _index in range(number):
            delegate = services.register(event, registration(invitee(code)), next(moments)).delegate
            if delegate.status == DelegateStatus.PENDING:
                pending.append(delegate.id)

    decided = pending[: len(pending) - PENDING_LEFT]
    services.decline(
        event,
        decided[:DECLINED],
        organizer_actor,
        next(moments),
        "Đơn vị đã cử đủ số lượng đại biểu.",
    )
    services.approve(event, decided[DECLINED:], organizer_actor, next(moments))

    confirmed = services.delegate_list(
        event, services.DelegateFilters(status=DelegateStatus.CONFIRMED)
    )
    for delegate in confirmed[7 : 7 + CANCELLED]:
        services.cancel(
            delegate, Actor(label=f"{services.SELF}: {delegate.full_name}"), next(moments)
        )
