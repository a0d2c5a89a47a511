"""Demo commendation round: the guidance, criteria and quotas, and fifteen nominations in every state.

The nominations come from the seed plan's themes (units with many IP titles, OCOP products,
collective marks, university patents) and go through the services as units and the board
would: drafts, submissions with a report attached, reviews that agree and reviews that
conflict, a return and a resubmission, a rejection, and a list approved by the board's chair,
whose award recipients are linked to delegates of the demo conference.
"""

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from itertools import count

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from conference import pdffonts
from conference.audit.services import Actor
from conference.auth.models import User
from conference.demodata import People
from conference.events.models import Event
from conference.nominations import services
from conference.nominations.models import (
    AttachmentKind,
    AwardRound,
    Gender,
    NominationKind,
    NominationState,
    Verdict,
)
from conference.nominations.workflow import NEEDS_REASON, Action
from conference.registration import services as registration
from conference.registration.models import DelegateStatus
from conference.timeutil import HANOI, local_to_utc

GUIDANCE = """\
Căn cứ Kế hoạch sơ kết 5 năm thực hiện Chương trình phát triển tài sản trí tuệ trên địa bàn thành phố Hà Nội đến năm 2030, Sở Khoa học và Công nghệ phối hợp với Ban Thi đua - Khen thưởng Thành phố hướng dẫn các sở, ban, ngành, UBND các quận, huyện, thị xã lựa chọn, đề nghị khen thưởng như sau:

1. Đối tượng: tập thể, cá nhân có thành tích xuất sắc, tiêu biểu trong triển khai Chương trình giai đoạn 2021-2025; ưu tiên tập thể, cá nhân trực tiếp nghiên cứu, sản xuất, kinh doanh, hợp tác xã và doanh nghiệp nhỏ và vừa.
2. Số lượng: mỗi đơn vị đề nghị không quá 01 tập thể và 02 cá nhân, trừ đơn vị được giao chỉ tiêu riêng.
3. Hồ sơ: báo cáo thành tích có xác nhận của thủ trưởng đơn vị (PDF hoặc DOCX, tối đa 10 MB); thành tích tóm tắt một dòng; minh chứng cho từng tiêu chuẩn (số văn bằng, sản phẩm, số liệu).
4. Thời hạn: nộp hồ sơ trên hệ thống trước hạn nêu trên. Hồ sơ nộp muộn hoặc thiếu thành phần không được xem xét."""

AWARD_FORMS = [
    "Bằng khen của Chủ tịch UBND Thành phố",
    "Giấy khen của Giám đốc Sở Khoa học và Công nghệ",
]
CRITERIA = [
    ("Xác lập quyền sở hữu trí tuệ",
     "Có văn bằng bảo hộ (sáng chế, giải pháp hữu ích, kiểu dáng công nghiệp, nhãn hiệu, chỉ dẫn "
     "địa lý, giống cây trồng) được cấp trong giai đoạn 2021-2025, hoặc hỗ trợ tổ chức, cá nhân "
     "trên địa bàn xác lập quyền."),
    ("Khai thác, thương mại hóa tài sản trí tuệ",
     "Đưa tài sản trí tuệ vào sản xuất, kinh doanh, chuyển giao; có doanh thu hoặc hiệu quả kinh "
     "tế - xã hội được xác nhận."),
    ("Nhãn hiệu tập thể, chỉ dẫn địa lý, sản phẩm OCOP",
     "Xây dựng, quản lý và phát triển nhãn hiệu tập thể, nhãn hiệu chứng nhận, chỉ dẫn địa lý "
     "gắn với sản phẩm OCOP, làng nghề."),
    ("Bảo vệ, thực thi quyền sở hữu trí tuệ",
     "Kiểm tra, xử lý vi phạm, chống hàng giả; hỗ trợ doanh nghiệp tự bảo vệ quyền."),
    ("Tuyên truyền, đào tạo về sở hữu trí tuệ",
     "Tổ chức tập huấn, tuyên truyền về sở hữu trí tuệ cho cán bộ, doanh nghiệp, hợp tác xã và "
     "người dân."),
]  # fmt: skip
# Units with many titles get more places than the default 1 collective and 2 individuals.
QUOTAS = {"Sở Khoa học và Công nghệ Hà Nội": (2, 3), "UBND huyện Gia Lâm": (2, 3)}

TDKT, CHAIR, NNMT_REVIEWER = (
    "tdkt@demo.hoinghi-shtt.vn",
    "chutich.hd@demo.hoinghi-shtt.vn",
    "thamdinh.nnmt@demo.hoinghi-shtt.vn",
)
ORGANIZER = "btc@demo.hoinghi-shtt.vn"


@dataclass(frozen=True)
class DemoReview:
    reviewer: str
    verdict: Verdict
    score: int
    not_met: dict[int, str] = field(default_factory=dict)  # criterion number → note
    comment: str = ""


@dataclass(frozen=True)
class DemoNomination:
    account: str  # the unit account that proposes it
    kind: NominationKind
    name: str  # a person's name is drawn when empty, or taken from `delegate`
    organization: str
    achievement: str
    summary: str
    claims: dict[int, str]  # criterion number (1-based) → evidence
    state: NominationState
    award_form: int = 0
    position: str = ""
    birth_year: int | None = None
    gender: Gender | None = None
    # A delegate of the demo conference this nomination names, by organisation and position.
    delegate: tuple[str, str] | None = None
    reviews: tuple[DemoReview, ...] = ()
    reason: str = ""  # of the return or the rejection
    correction: str = ""  # appended to the summary before resubmitting


NOMINATIONS = [
    DemoNomination(
        "gialam@demo.hoinghi-shtt.vn", NominationKind.COLLECTIVE,
        "Hợp tác xã Nông nghiệp Văn Đức", "UBND xã Văn Đức, huyện Gia Lâm",
        "Xây dựng và phát triển nhãn hiệu tập thể «Rau an toàn Văn Đức»; 03 sản phẩm OCOP 4 sao",
        "Hợp tác xã có 312 xã viên, canh tác 180 ha rau an toàn ven sông Hồng. Năm 2022 hợp tác "
        "xã được Cục Sở hữu trí tuệ cấp Giấy chứng nhận đăng ký nhãn hiệu tập thể «Rau an toàn "
        "Văn Đức», ban hành quy chế quản lý, sử dụng nhãn hiệu và cấp quyền sử dụng cho 126 hộ "
        "xã viên, áp dụng tem truy xuất nguồn gốc.\nDoanh thu năm 2024 đạt 42,6 tỷ đồng, tăng 38% "
        "so với năm 2020; sản phẩm có mặt tại 45 cửa hàng, siêu thị trong nội thành.",
        {1: "Giấy chứng nhận đăng ký nhãn hiệu tập thể số 4-0412345-000, cấp ngày 15/6/2022.",
         2: "Doanh thu 2024: 42,6 tỷ đồng (tăng 38% so với 2020); 126 hộ được cấp quyền sử dụng nhãn hiệu.",
         3: "03 sản phẩm OCOP 4 sao: rau muống, cải ngồng, su hào Văn Đức (Quyết định của UBND Thành phố năm 2023)."},
        NominationState.APPROVED, delegate=("HTX Nông nghiệp Văn Đức", ""),
        reviews=(DemoReview(TDKT, Verdict.RECOMMEND, 91), DemoReview(NNMT_REVIEWER, Verdict.RECOMMEND, 88)),
    ),
    DemoNomination(
        "gialam@demo.hoinghi-shtt.vn", NominationKind.INDIVIDUAL, "", "UBND huyện Gia Lâm",
        "Tham mưu hỗ trợ 12 hợp tác xã, làng nghề đăng ký nhãn hiệu tập thể; 35 sản phẩm OCOP",
        "Trưởng phòng Kinh tế huyện từ năm 2020. Tham mưu UBND huyện ban hành kế hoạch phát triển "
        "tài sản trí tuệ giai đoạn 2021-2025; trực tiếp hướng dẫn hồ sơ đăng ký nhãn hiệu tập thể "
        "cho 12 hợp tác xã, làng nghề; phối hợp đánh giá, phân hạng 35 sản phẩm OCOP.",
        {1: "12 nhãn hiệu tập thể được cấp văn bằng (2021-2024).",
         3: "35 sản phẩm OCOP từ 3 sao trở lên của huyện Gia Lâm."},
        NominationState.RETURNED, position="Trưởng phòng Kinh tế", birth_year=1978,
        gender=Gender.MALE,
        reviews=(DemoReview(TDKT, Verdict.RETURN, 62, {3: "Chưa tách phần việc cá nhân trực tiếp thực hiện."}),),
        reason="Đề nghị bổ sung: (1) danh sách 12 nhãn hiệu tập thể kèm số văn bằng; (2) báo cáo "
        "thành tích có xác nhận của Chủ tịch UBND huyện; (3) làm rõ phần việc cá nhân trực tiếp "
        "thực hiện so với kết quả chung của phòng.",
    ),
    DemoNomination(
        "gialam@demo.hoinghi-shtt.vn", NominationKind.COLLECTIVE,
        "Hiệp hội Gốm sứ Bát Tràng", "UBND xã Bát Tràng, huyện Gia Lâm",
        "Quản lý nhãn hiệu tập thể «Gốm Bát Tràng»; phối hợp xử lý 14 vụ hàng giả nhãn hiệu",
        "Hiệp hội quản lý nhãn hiệu tập thể «Gốm Bát Tràng» cho 186 cơ sở sản xuất.",
        {3: "Nhãn hiệu tập thể «Gốm Bát Tràng» (bảo hộ từ 2008, gia hạn 2023)."},
        NominationState.DRAFT,
    ),
    DemoNomination(
        "shtt@demo.hoinghi-shtt.vn", NominationKind.COLLECTIVE,
        "Phòng Quản lý sở hữu trí tuệ", "Sở Khoa học và Công nghệ Hà Nội",
        "Tham mưu triển khai Chương trình; hỗ trợ xác lập quyền cho 1.250 nhãn hiệu và 86 sáng chế",
        "Phòng tham mưu Sở xây dựng, trình UBND Thành phố ban hành Chương trình và các kế hoạch "
        "hằng năm; quản lý 46 nhiệm vụ hỗ trợ xác lập, khai thác quyền sở hữu công nghiệp; hỗ trợ "
        "1.250 nhãn hiệu, 86 sáng chế, giải pháp hữu ích của tổ chức, doanh nghiệp Thủ đô.",
        {1: "Hỗ trợ xác lập quyền cho 1.250 nhãn hiệu, 86 sáng chế và giải pháp hữu ích (2021-2025).",
         5: "Tổ chức 38 hội nghị, lớp tập huấn cho 4.600 lượt cán bộ, doanh nghiệp."},
        NominationState.RECOMMENDED,
        reviews=(DemoReview(TDKT, Verdict.RECOMMEND, 88), DemoReview(NNMT_REVIEWER, Verdict.RECOMMEND, 85)),
    ),
    DemoNomination(
        "shtt@demo.hoinghi-shtt.vn", NominationKind.INDIVIDUAL, "", "Trường Đại học Công nghiệp Hà Nội",
        "Tác giả 07 sáng chế, 04 giải pháp hữu ích được bảo hộ; chuyển giao 03 công nghệ chế biến thực phẩm",
        "Chủ nhiệm 05 nhiệm vụ khoa học cấp Thành phố về chế biến, bảo quản nông sản. Giai đoạn "
        "2021-2025 là tác giả chính của 07 bằng độc quyền sáng chế và 04 bằng giải pháp hữu ích; "
        "03 công nghệ đã chuyển giao cho doanh nghiệp tại Thạch Thất, Hoài Đức, Chương Mỹ.",
        {1: "07 bằng độc quyền sáng chế, 04 bằng độc quyền giải pháp hữu ích (2021-2025).",
         2: "03 hợp đồng chuyển giao công nghệ, tổng giá trị 4,2 tỷ đồng."},
        NominationState.APPROVED, position="Trưởng khoa Công nghệ thực phẩm", birth_year=1976,
        delegate=("Trường Đại học Công nghiệp Hà Nội", "Trưởng khoa Công nghệ thực phẩm"),
        reviews=(DemoReview(TDKT, Verdict.RECOMMEND, 92), DemoReview(NNMT_REVIEWER, Verdict.RECOMMEND, 90)),
    ),
    DemoNomination(
        "shtt@demo.hoinghi-shtt.vn", NominationKind.INDIVIDUAL, "", "Đại học Bách khoa Hà Nội",
        "Thương mại hóa 12 sáng chế của nhà khoa học; thành lập 04 doanh nghiệp spin-off",
        "Giám đốc Trung tâm Chuyển giao công nghệ. Xây dựng quy trình đánh giá, định giá và cấp "
        "phép sáng chế của trường; đàm phán 12 hợp đồng li-xăng sáng chế; hỗ trợ thành lập 04 "
        "doanh nghiệp spin-off từ kết quả nghiên cứu.",
        {1: "Hỗ trợ nộp 64 đơn sáng chế của giảng viên (2021-2025).",
         2: "12 hợp đồng li-xăng sáng chế; 04 doanh nghiệp spin-off."},
        NominationState.UNDER_REVIEW, position="Giám đốc Trung tâm Chuyển giao công nghệ",
        birth_year=1981,
        reviews=(
            DemoReview(TDKT, Verdict.RECOMMEND, 84),
            DemoReview(NNMT_REVIEWER, Verdict.RETURN, 58,
                       {2: "Chưa kèm hợp đồng li-xăng và xác nhận doanh thu."},
                       "Đề nghị bổ sung minh chứng thương mại hóa trước khi xét."),
        ),
    ),
    DemoNomination(
        "shtt@demo.hoinghi-shtt.vn", NominationKind.INDIVIDUAL, "", "Sở Khoa học và Công nghệ Hà Nội",
        "Trực tiếp tổ chức thẩm định, hỗ trợ 420 hồ sơ đăng ký nhãn hiệu cho sản phẩm OCOP",
        "Trưởng phòng Quản lý sở hữu trí tuệ; trực tiếp tổ chức thẩm định hồ sơ hỗ trợ, hướng dẫn "
        "420 chủ thể OCOP đăng ký nhãn hiệu.",
        {1: "420 hồ sơ đăng ký nhãn hiệu cho sản phẩm OCOP được hỗ trợ (2021-2025).",
         3: "Phối hợp xây dựng 18 nhãn hiệu tập thể của các huyện."},
        NominationState.APPROVED, award_form=1, position="Trưởng phòng Quản lý sở hữu trí tuệ",
        birth_year=1979, delegate=("Sở Khoa học và Công nghệ Hà Nội", "Trưởng phòng Quản lý sở hữu trí tuệ"),
        reviews=(DemoReview(TDKT, Verdict.RECOMMEND, 86), DemoReview(NNMT_REVIEWER, Verdict.RECOMMEND, 83)),
    ),
    DemoNomination(
        "congthuong@demo.hoinghi-shtt.vn", NominationKind.COLLECTIVE,
        "Phòng Quản lý thương mại", "Sở Công Thương Hà Nội",
        "Xúc tiến thương mại cho 420 sản phẩm OCOP, sản phẩm mang nhãn hiệu tập thể, chỉ dẫn địa lý",
        "Phòng chủ trì tổ chức 16 hội chợ, tuần hàng giới thiệu sản phẩm OCOP và sản phẩm mang "
        "nhãn hiệu tập thể, chỉ dẫn địa lý của Hà Nội.",
        {2: "16 hội chợ, tuần hàng (2021-2025).", 3: "420 sản phẩm OCOP được giới thiệu."},
        NominationState.RESUBMITTED,
        reviews=(DemoReview(TDKT, Verdict.RETURN, 65, {2: "Chưa có số liệu kết quả tiêu thụ."}),),
        reason="Đề nghị bổ sung kết quả tiêu thụ của các sản phẩm được hỗ trợ và danh sách hội chợ.",
        correction="Doanh số bán hàng tại các hội chợ đạt 186 tỷ đồng; 92 hợp đồng, biên bản ghi "
        "nhớ tiêu thụ được ký giữa chủ thể OCOP và hệ thống phân phối (danh sách kèm theo).",
    ),
    DemoNomination(
        "congthuong@demo.hoinghi-shtt.vn", NominationKind.INDIVIDUAL, "", "Sở Công Thương Hà Nội",
        "Tham mưu chương trình hỗ trợ doanh nghiệp công nghiệp hỗ trợ đăng ký kiểu dáng công nghiệp",
        "", {}, NominationState.DRAFT, position="Phó Trưởng phòng Quản lý công nghiệp",
        birth_year=1985, gender=Gender.FEMALE,
    ),
    DemoNomination(
        "nnmt@demo.hoinghi-shtt.vn", NominationKind.COLLECTIVE,
        "Chi cục Phát triển nông thôn", "Sở Nông nghiệp và Môi trường Hà Nội",
        "Hỗ trợ xây dựng, quản lý chỉ dẫn địa lý «Bưởi Diễn» và nhãn hiệu chứng nhận «Cam Canh»",
        "Chi cục phối hợp với UBND quận Bắc Từ Liêm và huyện Hoài Đức quản lý chỉ dẫn địa lý "
        "«Bưởi Diễn», nhãn hiệu chứng nhận «Cam Canh».",
        {3: "Chỉ dẫn địa lý «Bưởi Diễn» (số 00042); nhãn hiệu chứng nhận «Cam Canh»."},
        NominationState.REJECTED,
        reviews=(DemoReview(TDKT, Verdict.REJECT, 45, {1: "Văn bằng được cấp trước năm 2021."}),
                 DemoReview(CHAIR, Verdict.REJECT, 50, {1: "Ngoài giai đoạn sơ kết."})),
        reason="Thành tích chính (chỉ dẫn địa lý «Bưởi Diễn», nhãn hiệu chứng nhận «Cam Canh») được "
        "bảo hộ trước năm 2021, ngoài giai đoạn sơ kết; đơn vị đã được khen thưởng cho nội dung này.",
    ),
    DemoNomination(
        "nnmt@demo.hoinghi-shtt.vn", NominationKind.INDIVIDUAL, "", "Sở Nông nghiệp và Môi trường Hà Nội",
        "Chủ trì bảo hộ 05 giống cây trồng mới (bưởi, cam, nhãn) của Thành phố",
        "Phó Chi cục trưởng Chi cục Trồng trọt và Bảo vệ thực vật; chủ trì hồ sơ bảo hộ 05 giống "
        "cây ăn quả đặc sản, xây dựng 12 vườn cây đầu dòng.",
        {1: "05 bằng bảo hộ giống cây trồng (2022-2024).", 2: "12 vườn cây đầu dòng cung ứng 85.000 cây giống."},
        NominationState.UNDER_REVIEW, position="Phó Chi cục trưởng Chi cục Trồng trọt và Bảo vệ thực vật",
        birth_year=1980,
        reviews=(DemoReview(TDKT, Verdict.RECOMMEND, 80),),
    ),
    DemoNomination(
        "dongan@demo.hoinghi-shtt.vn", NominationKind.COLLECTIVE,
        "Công ty CP Thiết bị điện Đông Anh", "Công ty CP Thiết bị điện Đông Anh, huyện Đông Anh",
        "Làm chủ 09 sáng chế, 05 kiểu dáng công nghiệp về máy biến áp; 61% doanh thu từ sản phẩm được bảo hộ",
        "Doanh nghiệp khoa học và công nghệ; giai đoạn 2021-2025 được cấp 09 bằng độc quyền sáng "
        "chế, 05 bằng kiểu dáng công nghiệp về máy biến áp truyền tải 220-500 kV. Sản phẩm được "
        "bảo hộ chiếm 61% doanh thu năm 2024 và được xuất khẩu sang 06 nước.",
        {1: "09 bằng độc quyền sáng chế, 05 bằng kiểu dáng công nghiệp (2021-2025).",
         2: "61% doanh thu năm 2024 từ sản phẩm được bảo hộ; xuất khẩu 06 nước.",
         4: "Chủ động giám sát thị trường, gửi 03 văn bản cảnh báo xâm phạm."},
        NominationState.APPROVED, delegate=("Công ty CP Thiết bị điện Đông Anh", ""),
        reviews=(DemoReview(TDKT, Verdict.RECOMMEND, 94), DemoReview(NNMT_REVIEWER, Verdict.RECOMMEND, 89)),
    ),
    DemoNomination(
        "dongan@demo.hoinghi-shtt.vn", NominationKind.INDIVIDUAL, "", "UBND huyện Đông Anh",
        "Chỉ đạo hỗ trợ 08 làng nghề đăng ký nhãn hiệu tập thể; phát triển 42 sản phẩm OCOP",
        "Phó Chủ tịch UBND huyện phụ trách kinh tế; chỉ đạo xây dựng kế hoạch phát triển tài sản "
        "trí tuệ của huyện, hỗ trợ 08 làng nghề đăng ký nhãn hiệu tập thể.",
        {3: "08 nhãn hiệu tập thể của làng nghề; 42 sản phẩm OCOP."},
        NominationState.SUBMITTED, position="Phó Chủ tịch UBND huyện", birth_year=1972,
    ),
    DemoNomination(
        "caugiay@demo.hoinghi-shtt.vn", NominationKind.COLLECTIVE,
        "Phòng Kinh tế quận Cầu Giấy", "UBND quận Cầu Giấy",
        "Hỗ trợ 64 doanh nghiệp khởi nghiệp đổi mới sáng tạo đăng ký 210 nhãn hiệu, 18 sáng chế",
        "Phòng phối hợp với các trường đại học trên địa bàn quận hỗ trợ doanh nghiệp khởi nghiệp "
        "đăng ký bảo hộ nhãn hiệu, sáng chế và tiếp cận quỹ đầu tư.",
        {1: "210 nhãn hiệu, 18 sáng chế của 64 doanh nghiệp khởi nghiệp.",
         5: "12 chương trình đào tạo về sở hữu trí tuệ cho doanh nghiệp khởi nghiệp."},
        NominationState.RECOMMENDED, award_form=1,
        reviews=(DemoReview(TDKT, Verdict.RECOMMEND, 81),
                 DemoReview(CHAIR, Verdict.RECOMMEND, 64,
                            {5: "Phần lớn là hội thảo giới thiệu, chưa phải chương trình đào tạo."})),
    ),
    DemoNomination(
        "caugiay@demo.hoinghi-shtt.vn", NominationKind.INDIVIDUAL, "", "UBND quận Cầu Giấy",
        "Tổ chức 26 lớp tập huấn về sở hữu trí tuệ cho 1.800 lượt doanh nghiệp, hộ kinh doanh",
        "Chuyên viên Phòng Kinh tế; xây dựng tài liệu, tổ chức 26 lớp tập huấn và chuyên mục "
        "tuyên truyền về sở hữu trí tuệ trên Cổng thông tin điện tử quận.",
        {5: "26 lớp tập huấn, 1.800 lượt học viên; 48 tin bài tuyên truyền."},
        NominationState.SUBMITTED, award_form=1, position="Chuyên viên Phòng Kinh tế",
        birth_year=1990, gender=Gender.FEMALE,
    ),
]  # fmt: skip

# The steps each final state takes after the nomination is created.
PATHS = {
    NominationState.DRAFT: (),
    NominationState.SUBMITTED: ("submit",),
    NominationState.UNDER_REVIEW: ("submit", "review"),
    NominationState.RETURNED: ("submit", "review", "return"),
    NominationState.RESUBMITTED: ("submit", "review", "return", "correct", "resubmit"),
    NominationState.RECOMMENDED: ("submit", "review", "recommend"),
    NominationState.REJECTED: ("submit", "review", "reject"),
    NominationState.APPROVED: ("submit", "review", "recommend"),  # then approved as a list
}


def report_pdf(title: str, lines: list[str]) -> bytes:
    """Return a one-page báo cáo thành tích in Vietnamese, as units upload them."""
    pdffonts.register()
    body = ParagraphStyle("body", fontName=pdffonts.REGULAR, fontSize=11, leading=15)
    heading = ParagraphStyle(
        "heading", parent=body, fontName=pdffonts.BOLD, fontSize=13, alignment=1
    )
    output = io.BytesIO()
    document = SimpleDocTemplate(output, pagesize=A4, leftMargin=25 * mm, rightMargin=20 * mm,
                                 title=title, author="Demo")  # fmt: skip
    story = [Paragraph("BÁO CÁO THÀNH TÍCH", heading), Paragraph(title, heading), Spacer(1, 8 * mm)]
    story += [Paragraph(line.replace("&", "&amp;").replace("<", "&lt;"), body) for line in lines]
    document.build(story)
    return output.getvalue()


def _at(now: datetime) -> Iterator[datetime]:
    start = now - timedelta(days=5)
    return (start + timedelta(minutes=41 * step) for step in count())


def seed_round(event: Event, users: dict[str, User], now: datetime) -> AwardRound:
    """Open the demo round: guidance, award forms, criteria, quotas, the chair."""
    organizer = Actor(user=users[ORGANIZER])
    deadline_day = event.starts_at.astimezone(HANOI).date() - timedelta(days=14)
    award_round = services.save_round(
        event,
        services.RoundData(
            title="Khen thưởng tập thể, cá nhân có thành tích xuất sắc trong thực hiện Chương "
            "trình phát triển tài sản trí tuệ trên địa bàn thành phố Hà Nội giai đoạn 2021-2025",
            guidance=GUIDANCE,
            deadline=local_to_utc(datetime.combine(deadline_day, time(17, 0)), HANOI),
            default_collective_quota=1,
            default_individual_quota=2,
            chair_id=users[CHAIR].id,
        ),
        organizer,
    )
    for name in AWARD_FORMS:
        services.add_award_form(award_round, name, organizer)
    for title, description in CRITERIA:
        services.add_criterion(award_round, title, description, organizer)
    units = {unit.name: unit for unit in services.all_units()}
    services.set_quotas(
        award_round,
        {
            (units[name].id, kind): limit
            for name, limits in QUOTAS.items()
            for kind, limit in zip(NominationKind, limits, strict=True)
        },
        organizer,
    )
    return award_round


def _delegate(event: Event, organization: str, position: str):
    """The confirmed demo delegate from this organisation (with this position, if given)."""
    found = registration.delegate_list(
        event,
        registration.DelegateFilters(organization=organization, status=DelegateStatus.CONFIRMED),
    )
    return next((d for d in found if position in d.position), None)


def seed(event: Event, users: dict[str, User], now: datetime) -> AwardRound:
    """Add the demo round and its nominations, as units and the board would make them."""
    award_round = seed_round(event, users, now)
    criteria = award_round.criteria
    forms = award_round.award_forms
    people, moments = People(seed=6), _at(now)
    to_approve = []
    for demo in NOMINATIONS:
        unit_user = users[demo.account]
        linked = _delegate(event, *demo.delegate) if demo.delegate else None
        name, gender, position = demo.name, demo.gender, demo.position
        if demo.kind == NominationKind.INDIVIDUAL and not name:
            if linked is not None:
                name, position = linked.full_name, linked.position
                gender = Gender.MALE if linked.honorific == "ong" else Gender.FEMALE
            else:
                person = people.person("ba" if gender == Gender.FEMALE else None)
                name = person.full_name
                gender = gender or (Gender.MALE if person.honorific == "ong" else Gender.FEMALE)
        data = services.NominationData(
            kind=demo.kind, name=name, organization=demo.organization, position=position,
            birth_year=demo.birth_year, gender=gender, award_form_id=forms[demo.award_form].id,
            achievement=demo.achievement, summary=demo.summary,
            claims={criteria[number - 1].id: evidence for number, evidence in demo.claims.items()},
        )  # fmt: skip
        nomination = services.create_nomination(award_round, unit_user, data, next(moments))
        if demo.state != NominationState.DRAFT or demo.summary:
            services.add_attachment(
                nomination, unit_user, AttachmentKind.REPORT, "bao-cao-thanh-tich.pdf",
                report_pdf(name, [demo.achievement, *demo.summary.split("\n")]), next(moments),
            )  # fmt: skip
        for step in PATHS[demo.state]:
            if step == "review":
                for review in demo.reviews:
                    services.save_review(
                        nomination,
                        users[review.reviewer],
                        services.ReviewData(
                            score=review.score,
                            verdict=review.verdict,
                            comment=review.comment,
                            findings={
                                c.id: (number not in review.not_met, review.not_met.get(number, ""))
                                for number, c in enumerate(criteria, start=1)
                            },
                        ),
                        next(moments),
                    )
            elif step == "correct":
                data.summary = f"{demo.summary}\n{demo.correction}"
                services.update_nomination(nomination, unit_user, data)
                services.add_attachment(
                    nomination, unit_user, AttachmentKind.REPORT, "bao-cao-thanh-tich-bo-sung.pdf",
                    report_pdf(name, [demo.achievement, *data.summary.split("\n")]), next(moments),
                )  # fmt: skip
            else:
                action = Action(step)
                actor = unit_user if action in (Action.SUBMIT, Action.RESUBMIT) else users[TDKT]
                reason = demo.reason if action in NEEDS_REASON else ""
                services.perform(nomination, action, actor, next(moments), reason)
        if demo.state == NominationState.APPROVED:
            to_approve.append((nomination, linked))
    services.approve_list(
        award_round, [nomination.id for nomination, _ in to_approve], users[CHAIR], next(moments)
    )
    for nomination, delegate in to_approve:
        if delegate is not None:
            services.link_delegate(nomination, delegate.id, users[ORGANIZER])
    return award_round
