"""Demo exhibition: the venue's hall of 25 booths and about twenty exhibitors in every state.

The exhibitors are the kinds the seed plan names (III.3): farmers' associations of the
districts, cooperatives, craft-village associations, science-and-technology enterprises,
universities and colleges of Hanoi, with OCOP products, craft-village marks, geographical
indications, plant varieties and university patents. The organisations and products are
Hanoi's; the title numbers are made up, in the shape real titles have.

Everything goes through the services, as applicants, districts and organizers would: the
outbox, the audit log and the staff's delegate registrations are as after a real fortnight.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import count

from sqlalchemy import select

from conference import text
from conference.audit.services import Actor
from conference.auth.models import Role, User
from conference.demodata import People
from conference.events.models import Event, Unit
from conference.exhibition import booths, services
from conference.exhibition.models import ExhibitorKind as Kind
from conference.exhibition.titles import TitleKind as Title
from conference.extensions import db
from conference.registration.models import Honorific

MAIL_DOMAIN = "trienlam.demo.hoinghi-shtt.vn"


@dataclass(frozen=True)
class DemoExhibitor:
    organization: str
    kind: Kind
    district: str
    description: str
    products: list[tuple[str, Title, str, str]]  # product, kind of title, number, holder
    state: str = "approved"  # or submitted, changes_requested, resubmitted, rejected
    needs: frozenset[str] = frozenset()  # electricity, corner, double, table
    note: str = ""  # the organizers' words for a rejection or a request for changes
    nominated: bool = False  # entered by its district's account
    staff: int = 2
    extra: dict = field(default_factory=dict)


EXHIBITORS = [
    DemoExhibitor(
        "Hiệp hội Gốm sứ Bát Tràng", Kind.CRAFT_VILLAGE, "UBND huyện Gia Lâm",
        "Làng gốm hơn 500 năm tuổi; trưng bày gốm men rạn, men lam và trình diễn vuốt gốm.",
        [("Gốm sứ Bát Tràng", Title.COLLECTIVE_MARK, "4-0098765", "Hiệp hội Gốm sứ Bát Tràng"),
         ("Bình hút lộc men rạn", Title.INDUSTRIAL_DESIGN, "3-0021457", "Công ty TNHH Gốm Bát Tràng Minh Long")],
        needs=frozenset({"double", "electricity"}),
    ),
    DemoExhibitor(
        "Hiệp hội Làng nghề Dệt lụa Vạn Phúc", Kind.CRAFT_VILLAGE, "UBND quận Hà Đông",
        "Lụa tơ tằm dệt thủ công, gấm hoa, the, đũi của làng Vạn Phúc.",
        [("Lụa Vạn Phúc", Title.COLLECTIVE_MARK, "4-0154321", "Hiệp hội Làng nghề Dệt lụa Vạn Phúc")],
        needs=frozenset({"table"}),
    ),
    DemoExhibitor(
        "Hội Nông dân huyện Ba Vì", Kind.FARMERS_ASSOCIATION, "UBND huyện Ba Vì",
        "Sản phẩm OCOP của các xã vùng núi Ba Vì: sữa, chè, dược liệu.",
        [("Sữa tươi Ba Vì", Title.CERTIFICATION_MARK, "4-0287412", "UBND huyện Ba Vì"),
         ("Chè Ba Vì", Title.COLLECTIVE_MARK, "4-0301188", "Hội Nông dân huyện Ba Vì")],
        needs=frozenset({"electricity"}),
    ),
    DemoExhibitor(
        "Hội Nông dân huyện Đông Anh", Kind.FARMERS_ASSOCIATION, "UBND huyện Đông Anh",
        "Gạo nếp cái hoa vàng và các sản phẩm từ nếp của vùng Đông Anh.",
        [("Gạo nếp cái hoa vàng Đông Anh", Title.COLLECTIVE_MARK, "4-0265530", "Hội Nông dân huyện Đông Anh")],
    ),
    DemoExhibitor(
        "Hội Nông dân quận Bắc Từ Liêm", Kind.FARMERS_ASSOCIATION, "UBND quận Bắc Từ Liêm",
        "Bưởi Diễn trồng trên đất Phú Diễn, Phú Thượng xưa.",
        [("Bưởi Diễn", Title.GEOGRAPHICAL_INDICATION, "00124", "UBND quận Bắc Từ Liêm")],
        needs=frozenset({"corner"}),
    ),
    DemoExhibitor(
        "Hợp tác xã Nông nghiệp Văn Đức", Kind.COOPERATIVE, "UBND huyện Gia Lâm",
        "Rau an toàn ven sông Hồng, sản xuất theo VietGAP.",
        [("Rau an toàn Văn Đức", Title.COLLECTIVE_MARK, "4-0342219", "Hợp tác xã Nông nghiệp Văn Đức")],
    ),
    DemoExhibitor(
        "Hợp tác xã Cây ăn quả Cam Canh Xuân Phương", Kind.COOPERATIVE, "UBND quận Nam Từ Liêm",
        "Cam Canh, đặc sản làng Canh (Xuân Phương).",
        [("Cam Canh", Title.COLLECTIVE_MARK, "4-0219876", "Hợp tác xã Cây ăn quả Cam Canh Xuân Phương")],
    ),
    DemoExhibitor(
        "Hợp tác xã Ổi Đông Dư", Kind.COOPERATIVE, "UBND huyện Gia Lâm",
        "Ổi Đông Dư, sản phẩm OCOP 4 sao.",
        [("Ổi Đông Dư", Title.COLLECTIVE_MARK, "4-0377102", "Hợp tác xã Ổi Đông Dư")],
        nominated=True,
    ),
    DemoExhibitor(
        "Hội làng nghề Mây tre đan Phú Vinh", Kind.CRAFT_VILLAGE, "UBND huyện Chương Mỹ",
        "Mây tre giang đan Phú Vinh, hàng xuất khẩu và đồ lưu niệm.",
        [("Mây tre đan Phú Vinh", Title.COLLECTIVE_MARK, "4-0187340", "Hội làng nghề Mây tre đan Phú Vinh")],
        staff=1,
    ),
    DemoExhibitor(
        "Hội làng nghề Sơn mài Hạ Thái", Kind.CRAFT_VILLAGE, "UBND huyện Thường Tín",
        "Tranh và đồ sơn mài truyền thống của làng Hạ Thái (Duyên Thái).",
        [("Sơn mài Hạ Thái", Title.COLLECTIVE_MARK, "4-0243905", "Hội làng nghề Sơn mài Hạ Thái")],
        needs=frozenset({"electricity"}),
    ),
    DemoExhibitor(
        "Đại học Bách khoa Hà Nội", Kind.UNIVERSITY, "UBND quận Hai Bà Trưng",
        "Kết quả nghiên cứu được cấp bằng độc quyền sáng chế và đã chuyển giao.",
        [("Thiết bị xử lý nước thải sinh hoạt quy mô hộ gia đình", Title.PATENT, "1-0031245", "Đại học Bách khoa Hà Nội"),
         ("Quy trình sản xuất vật liệu nano bạc kháng khuẩn", Title.PATENT, "1-0028790", "Đại học Bách khoa Hà Nội")],
        needs=frozenset({"electricity", "corner"}),
    ),
    DemoExhibitor(
        "Học viện Nông nghiệp Việt Nam", Kind.UNIVERSITY, "UBND huyện Gia Lâm",
        "Giống cây trồng mới và chế phẩm sinh học do Học viện chọn tạo.",
        [("Giống lúa thơm GL 37", Title.PLANT_VARIETY, "112.VN.2021", "Học viện Nông nghiệp Việt Nam"),
         ("Chế phẩm vi sinh xử lý phụ phẩm nông nghiệp", Title.UTILITY_SOLUTION, "2-0002451", "Học viện Nông nghiệp Việt Nam")],
        needs=frozenset({"electricity"}),
    ),
    DemoExhibitor(
        "Trường Đại học Công nghiệp Hà Nội", Kind.UNIVERSITY, "UBND quận Bắc Từ Liêm",
        "Giải pháp hữu ích của giảng viên và sinh viên về tự động hóa.",
        [("Máy phân loại nông sản theo màu sắc", Title.UTILITY_SOLUTION, "2-0002873", "Trường Đại học Công nghiệp Hà Nội")],
        needs=frozenset({"electricity"}),
    ),
    DemoExhibitor(
        "Trường Cao đẳng nghề Công nghệ cao Hà Nội", Kind.COLLEGE, "UBND quận Nam Từ Liêm",
        "Sản phẩm đào tạo nghề được bảo hộ kiểu dáng công nghiệp.",
        [("Xe điện mini chở hàng nội bộ", Title.INDUSTRIAL_DESIGN, "3-0030112", "Trường Cao đẳng nghề Công nghệ cao Hà Nội")],
        needs=frozenset({"electricity"}),
    ),
    DemoExhibitor(
        "Công ty Cổ phần Công nghệ Sinh học Thăng Long", Kind.ST_ENTERPRISE, "UBND quận Cầu Giấy",
        "Doanh nghiệp khoa học và công nghệ: men vi sinh và chế phẩm sinh học.",
        [("Quy trình lên men thu nhận enzyme từ phụ phẩm lúa gạo", Title.PATENT, "1-0033017", "Công ty Cổ phần Công nghệ Sinh học Thăng Long")],
        needs=frozenset({"electricity"}),
    ),
    DemoExhibitor(
        "Công ty Cổ phần Dược liệu Ba Vì", Kind.ST_ENTERPRISE, "UBND huyện Ba Vì",
        "Cao dược liệu và trà thảo mộc từ vùng trồng dược liệu Ba Vì.",
        [("Dược liệu Ba Vì", Title.MARK, "4-0398154", "Công ty Cổ phần Dược liệu Ba Vì")],
    ),
    DemoExhibitor(
        "Hợp tác xã Gốm Kim Lan", Kind.COOPERATIVE, "UBND huyện Gia Lâm",
        "Gốm Kim Lan, làng gốm cổ bên sông Hồng.",
        [("Gốm Kim Lan", Title.COLLECTIVE_MARK, "4-0366021", "Hợp tác xã Gốm Kim Lan")],
        state="submitted", nominated=True,
    ),
    DemoExhibitor(
        "Hội làng nghề Miến dong Cự Đà", Kind.CRAFT_VILLAGE, "UBND huyện Thanh Oai",
        "Miến dong làm thủ công của làng Cự Đà.",
        [("Miến Cự Đà", Title.COLLECTIVE_MARK, "4-0329987", "Hội làng nghề Miến dong Cự Đà")],
        state="submitted",
    ),
    DemoExhibitor(
        "Hội Nông dân huyện Mê Linh", Kind.FARMERS_ASSOCIATION, "UBND huyện Mê Linh",
        "Hoa và cây cảnh của vùng hoa Mê Linh.",
        [("Hoa Mê Linh", Title.COLLECTIVE_MARK, "4-0251066", "Hội Nông dân huyện Mê Linh")],
        state="changes_requested",
        note="Đề nghị gửi kèm ảnh sản phẩm và xác nhận văn bằng số 4-0251066 đã được gia hạn hiệu lực.",
    ),
    DemoExhibitor(
        "Công ty TNHH Cơ khí chính xác Hà Nội", Kind.ST_ENTERPRISE, "UBND huyện Thanh Trì",
        "Linh kiện cơ khí chính xác; doanh nghiệp khoa học và công nghệ từ 2022.",
        [("Bộ gá kẹp phôi tự định tâm", Title.UTILITY_SOLUTION, "2-0002660", "Công ty TNHH Cơ khí chính xác Hà Nội")],
        state="resubmitted", needs=frozenset({"electricity"}),
        note="Đề nghị bổ sung chủ văn bằng và ghi đúng số văn bằng (dạng 2-0001234).",
    ),
    DemoExhibitor(
        "Công ty TNHH Nông sản sạch Sóc Sơn", Kind.OTHER, "UBND huyện Sóc Sơn",
        "Rau củ sạch và mật ong.",
        [("Mật ong Sóc Sơn", Title.MARK, "4-0401177", "Công ty TNHH Nông sản sạch Sóc Sơn")],
        state="rejected",
        note="Văn bằng số 4-0401177 cấp cho chủ khác; sản phẩm của đơn vị chưa được bảo hộ.",
    ),
]  # fmt: skip


def _slug(organization: str) -> str:
    return "-".join(text.fold(organization).split()[-3:])


def _application(entry: DemoExhibitor, district: Unit, people: People) -> services.ApplicationData:
    contact = people.person()
    staff = [people.person() for _ in range(entry.staff)]
    slug = _slug(entry.organization)
    return services.ApplicationData(
        organization=entry.organization,
        kind=entry.kind,
        district_id=district.id,
        contact_name=contact.full_name,
        phone=people.phone(),
        email=f"{slug}@{MAIL_DOMAIN}",
        description=entry.description,
        needs_electricity="electricity" in entry.needs,
        needs_extra_table="table" in entry.needs,
        needs_corner="corner" in entry.needs,
        needs_double="double" in entry.needs,
        products=[
            services.ProductData(name, kind, number, holder)
            for name, kind, number, holder in entry.products
        ],
        staff=[
            services.StaffData(
                honorific=Honorific(person.honorific),
                full_name=person.full_name,
                email=f"{slug}.{number}@{MAIL_DOMAIN}",
                phone=people.phone(),
            )
            for number, person in enumerate(staff, start=1)
        ],
    )


def seed_exhibition(event: Event, organizer: User, start: datetime) -> None:
    """Lay out the hall, take the applications over the fortnight before `start`, review them
    and assign the booths."""
    people = People(seed=5)
    moments = (start - timedelta(days=14) + timedelta(hours=7 * step) for step in count())
    organizer_actor = Actor(user=organizer)
    services.save_floor_plan(event, booths.demo_hall().to_dict(), 0, organizer_actor, next(moments))
    units = {unit.name: unit for unit in db.session.scalars(select(Unit))}
    district_accounts = {
        user.unit_id: user
        for user in db.session.scalars(select(User).where(User.role == Role.UNIT))
    }
    applicant = Actor(label="đơn vị đăng ký (liên kết hồ sơ)")
    for entry in EXHIBITORS:
        district = units[entry.district]
        data = _application(entry, district, people)
        account = district_accounts.get(district.id) if entry.nominated else None
        exhibitor = services.submit(
            event,
            data,
            Actor(user=account) if account else applicant,
            next(moments),
            nominated_by=district if account else None,
        )
        if entry.state == "approved":
            services.review(exhibitor, "approve", organizer_actor, next(moments))
        elif entry.state == "rejected":
            services.review(exhibitor, "reject", organizer_actor, next(moments), entry.note)
        elif entry.state in ("changes_requested", "resubmitted"):
            services.review(
                exhibitor, "request_changes", organizer_actor, next(moments), entry.note
            )
        if entry.state == "resubmitted":
            services.update_application(exhibitor, data, applicant, next(moments))
    services.auto_assign(event, organizer_actor, next(moments))
