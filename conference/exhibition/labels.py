"""Readable names of the exhibition's codes, and the messages for what the pure modules report.

The floor-plan checks and the booth solver speak in reason codes with data; this is where they
become sentences an organizer can act on.
"""

from collections.abc import Mapping

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from conference.exhibition.booths import FloorPlanError, Need, Shortfall
from conference.exhibition.models import ExhibitorKind, ExhibitorStatus
from conference.exhibition.titles import EXAMPLES, TitleKind, TitleNumberError

KIND_LABELS = {
    ExhibitorKind.FARMERS_ASSOCIATION: _l("Hội nông dân"),
    ExhibitorKind.COOPERATIVE: _l("Hợp tác xã"),
    ExhibitorKind.CRAFT_VILLAGE: _l("Hội làng nghề"),
    ExhibitorKind.ST_ENTERPRISE: _l("Doanh nghiệp khoa học và công nghệ"),
    ExhibitorKind.UNIVERSITY: _l("Trường đại học"),
    ExhibitorKind.COLLEGE: _l("Trường cao đẳng"),
    ExhibitorKind.OTHER: _l("Tổ chức khác"),
}
# One colour per kind on every map, in the browser and on paper.
KIND_COLOURS = {
    ExhibitorKind.FARMERS_ASSOCIATION: "#bbf7d0",
    ExhibitorKind.COOPERATIVE: "#fde68a",
    ExhibitorKind.CRAFT_VILLAGE: "#fed7aa",
    ExhibitorKind.ST_ENTERPRISE: "#bfdbfe",
    ExhibitorKind.UNIVERSITY: "#ddd6fe",
    ExhibitorKind.COLLEGE: "#fbcfe8",
    ExhibitorKind.OTHER: "#e5e7eb",
}
STATUS_LABELS = {
    ExhibitorStatus.SUBMITTED: _l("Chờ duyệt"),
    ExhibitorStatus.CHANGES_REQUESTED: _l("Cần bổ sung"),
    ExhibitorStatus.RESUBMITTED: _l("Đã bổ sung, chờ duyệt"),
    ExhibitorStatus.APPROVED: _l("Đã duyệt"),
    ExhibitorStatus.REJECTED: _l("Không tham gia"),
}
STATUS_STYLES = {
    ExhibitorStatus.SUBMITTED: "warning",
    ExhibitorStatus.CHANGES_REQUESTED: "info",
    ExhibitorStatus.RESUBMITTED: "warning",
    ExhibitorStatus.APPROVED: "success",
    ExhibitorStatus.REJECTED: "secondary",
}
TITLE_KIND_LABELS = {
    TitleKind.PATENT: _l("Sáng chế"),
    TitleKind.UTILITY_SOLUTION: _l("Giải pháp hữu ích"),
    TitleKind.INDUSTRIAL_DESIGN: _l("Kiểu dáng công nghiệp"),
    TitleKind.MARK: _l("Nhãn hiệu"),
    TitleKind.COLLECTIVE_MARK: _l("Nhãn hiệu tập thể"),
    TitleKind.CERTIFICATION_MARK: _l("Nhãn hiệu chứng nhận"),
    TitleKind.GEOGRAPHICAL_INDICATION: _l("Chỉ dẫn địa lý"),
    TitleKind.PLANT_VARIETY: _l("Giống cây trồng"),
}
# What each kind's number looks like, said in words after the example.
_NUMBER_SHAPES = {
    TitleKind.PATENT: _l("số 1, gạch ngang, 7 chữ số"),
    TitleKind.UTILITY_SOLUTION: _l("số 2, gạch ngang, 7 chữ số"),
    TitleKind.INDUSTRIAL_DESIGN: _l("số 3, gạch ngang, 7 chữ số"),
    TitleKind.MARK: _l("số 4, gạch ngang, 7 chữ số"),
    TitleKind.COLLECTIVE_MARK: _l("số 4, gạch ngang, 7 chữ số"),
    TitleKind.CERTIFICATION_MARK: _l("số 4, gạch ngang, 7 chữ số"),
    TitleKind.GEOGRAPHICAL_INDICATION: _l("5 chữ số"),
    TitleKind.PLANT_VARIETY: _l("số thứ tự.VN.năm cấp"),
}
NEED_LABELS = {
    Need.ELECTRICITY: _l("có điện"),
    Need.CORNER: _l("ở góc"),
    Need.DOUBLE: _l("gian đôi"),
}
NEED_MISSING = {
    Need.ELECTRICITY: _l("không có điện"),
    Need.CORNER: _l("không ở góc"),
    Need.DOUBLE: _l("không phải gian đôi"),
}
OBSTACLE_LABELS = {
    "stage": _l("Sân khấu"),
    "entrance": _l("Lối vào"),
    "pillar": _l("Cột"),
}


def expected_number(kind: TitleKind) -> str:
    """E.g. "1-0012345 (số 1, gạch ngang, 7 chữ số)": the shape a kind's number has."""
    return f"{EXAMPLES[kind]} ({_NUMBER_SHAPES[kind]})"


def title_number_message(error: TitleNumberError) -> str:
    if error.reason == "empty":
        return _("Hãy nhập số văn bằng, dạng %(expected)s.", expected=expected_number(error.kind))
    if error.reason == "other_kind":
        return _(
            "Số này có dạng số văn bằng %(other)s. Văn bằng %(kind)s có số dạng %(expected)s; "
            "hãy kiểm tra lại số hoặc loại văn bằng.",
            other=str(TITLE_KIND_LABELS[error.looks_like]).lower(),
            kind=str(TITLE_KIND_LABELS[error.kind]).lower(),
            expected=expected_number(error.kind),
        )
    return _(
        "Số văn bằng %(kind)s có dạng %(expected)s.",
        kind=str(TITLE_KIND_LABELS[error.kind]).lower(),
        expected=expected_number(error.kind),
    )


def needs_text(needs) -> str:
    return ", ".join(str(NEED_LABELS[need]) for need in Need if need in needs)


def floor_plan_message(error: FloorPlanError) -> str:
    """What is wrong with a floor plan, for the organizer who drew it."""
    data = error.data
    messages = {
        "booth_without_code": lambda: _(
            "Có gian hàng chưa có mã. Hãy đặt mã cho mọi gian (A01, A02…)."
        ),
        "duplicate_booth_code": lambda: _(
            "Mã gian %(booth)s bị dùng hai lần; mỗi gian cần một mã riêng.", booth=data["booth"]
        ),
        "empty_rectangle": lambda: _(
            "«%(item)s» có chiều rộng hoặc chiều dài bằng 0.", item=_item(data["item"])
        ),
        "outside_hall": lambda: _(
            "«%(item)s» nằm ngoài hội trường; hãy kéo vào trong hoặc nới rộng hội trường.",
            item=_item(data["item"]),
        ),
        "overlap": lambda: _(
            "«%(item)s» chồng lên «%(other)s»; hai vật không được chiếm cùng một ô.",
            item=_item(data["item"]),
            other=_item(data["other"]),
        ),
        "malformed": lambda: _(
            "Dữ liệu sơ đồ không đọc được. Hãy tải lại trang trình soạn sơ đồ và thử lại."
        ),
        "code_too_long": lambda: _(
            "Mã gian «%(booth)s» dài quá %(limit)d ký tự.", booth=data["booth"], limit=data["limit"]
        ),
        "hall_too_large": lambda: _(
            "Hội trường tối đa %(limit)d × %(limit)d ô.", limit=data["limit"]
        ),
    }
    return messages[error.reason]()


def _item(name: str) -> str:
    return str(OBSTACLE_LABELS.get(name, name))


def shortfall_message(shortfall: Shortfall, names: Mapping[object, str]) -> str:
    """Why the solver could not do something for one exhibitor, named."""
    data = shortfall.data
    name = names.get(shortfall.exhibitor, str(shortfall.exhibitor))
    needs = needs_text(Need(need) for need in data.get("needs", ()))
    eligible = data.get("eligible_booths", 0)
    if shortfall.reason == "no_free_booth":
        return _(
            "«%(name)s» chưa có gian: hội trường còn %(free)d gian trống cho %(count)d đơn vị. "
            "Hãy thêm gian vào sơ đồ hoặc rút bớt đơn vị.",
            name=name,
            free=data["free_booths"],
            count=data["exhibitors"],
        )
    if shortfall.reason in (
        "no_booth_with_electricity",
        "no_corner_booth",
        "no_double_booth",
        "no_booth_meeting_needs",
    ):
        if eligible == 0:
            return _(
                "«%(name)s» chưa có gian: sơ đồ không còn gian trống nào %(needs)s. "
                "Hãy sửa sơ đồ (thêm gian như vậy) hoặc bỏ bớt yêu cầu của đơn vị.",
                name=name,
                needs=needs,
            )
        return _(
            "«%(name)s» chưa có gian: %(count)d gian %(needs)s còn trống đã dành cho các đơn vị "
            "khác có cùng yêu cầu. Hãy thêm gian như vậy hoặc bỏ bớt yêu cầu của một đơn vị.",
            name=name,
            count=eligible,
            needs=needs,
        )
    if shortfall.reason == "pin_misses_need":
        return _(
            "«%(name)s» được gán tay vào gian %(booth)s, nhưng gian này %(missing)s như đơn vị "
            "yêu cầu; vẫn giữ theo quyết định của Ban tổ chức.",
            name=name,
            booth=data["booth"],
            missing=NEED_MISSING[Need(data["need"])],
        )
    if shortfall.reason == "pin_unknown_booth":
        return _(
            "«%(name)s» được gán vào gian %(booth)s, gian này không còn trên sơ đồ; đã xếp lại.",
            name=name,
            booth=data["booth"],
        )
    return _(
        "«%(name)s» được gán vào gian %(booth)s, gian này đã có «%(holder)s»; đã xếp lại.",
        name=name,
        booth=data["booth"],
        holder=names.get(data["holder"], str(data["holder"])),
    )


def assignment_report(outcome) -> list[tuple[str, str]]:
    """An automatic assignment (`services.AutoAssignment`) as (category, message) pairs: what
    was done, how good it is, and everything that could not be done and why."""
    result = outcome.result
    messages = [
        (
            "success",
            _(
                "Đã xếp %(placed)d/%(total)d đơn vị vào %(booths)d gian; %(moved)d đơn vị đổi "
                "gian. Có %(pairs)d cặp gian cạnh nhau cùng loại hình, %(district)d cặp cạnh "
                "nhau cùng quận, huyện.",
                placed=len(result.booths),
                total=outcome.exhibitors,
                booths=outcome.booths,
                moved=outcome.moved,
                pairs=result.same_kind_pairs,
                district=result.same_district_pairs,
            ),
        ),
        (
            "info",
            _("Đây là phương án tối ưu (đã chứng minh).")
            if result.optimal
            else _(
                "Phương án tốt nhất tìm được trong thời gian cho phép; tối đa có thể có %(bound)d "
                "cặp cùng loại hình.",
                bound=result.same_kind_bound,
            ),
        ),
    ]
    messages += [
        ("warning", shortfall_message(shortfall, outcome.names)) for shortfall in result.shortfalls
    ]
    return messages
