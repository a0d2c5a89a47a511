"""Readable names of the commendation's codes, for pages and mail."""

from flask_babel import lazy_gettext as _l

from conference.nominations.models import (
    AttachmentKind,
    Gender,
    NominationKind,
    NominationState,
    Verdict,
)
from conference.nominations.workflow import Action

KIND_LABELS = {NominationKind.COLLECTIVE: _l("Tập thể"), NominationKind.INDIVIDUAL: _l("Cá nhân")}
STATE_LABELS = {
    NominationState.DRAFT: _l("Bản nháp"),
    NominationState.SUBMITTED: _l("Đã nộp"),
    NominationState.UNDER_REVIEW: _l("Đang thẩm định"),
    NominationState.RETURNED: _l("Trả lại để bổ sung"),
    NominationState.RESUBMITTED: _l("Đã nộp lại"),
    NominationState.RECOMMENDED: _l("Đề xuất khen thưởng"),
    NominationState.REJECTED: _l("Không đề xuất"),
    NominationState.APPROVED: _l("Đã phê duyệt"),
}
STATE_COLOURS = {
    NominationState.DRAFT: "secondary",
    NominationState.SUBMITTED: "primary",
    NominationState.UNDER_REVIEW: "info",
    NominationState.RETURNED: "warning",
    NominationState.RESUBMITTED: "primary",
    NominationState.RECOMMENDED: "success",
    NominationState.REJECTED: "danger",
    NominationState.APPROVED: "success",
}
GENDER_LABELS = {Gender.MALE: _l("Nam"), Gender.FEMALE: _l("Nữ")}
VERDICT_LABELS = {
    Verdict.RECOMMEND: _l("Đề xuất khen thưởng"),
    Verdict.RETURN: _l("Trả lại để bổ sung"),
    Verdict.REJECT: _l("Không đề xuất"),
}
ATTACHMENT_LABELS = {
    AttachmentKind.REPORT: _l("Báo cáo thành tích"),
    AttachmentKind.EVIDENCE: _l("Tài liệu minh chứng"),
}
# The button for each step, as the person taking it reads it.
ACTION_LABELS = {
    Action.SUBMIT: _l("Nộp hồ sơ"),
    Action.WITHDRAW: _l("Rút hồ sơ"),
    Action.START_REVIEW: _l("Nhận thẩm định"),
    Action.RETURN: _l("Trả lại để bổ sung"),
    Action.RESUBMIT: _l("Nộp lại hồ sơ"),
    Action.RECOMMEND: _l("Đề xuất khen thưởng"),
    Action.REJECT: _l("Không đề xuất"),
    Action.REOPEN: _l("Mở lại để thẩm định"),
    Action.APPROVE: _l("Phê duyệt"),
}
# What the unit or the board is told after the step.
ACTION_DONE = {
    Action.SUBMIT: _l("Đã nộp hồ sơ."),
    Action.WITHDRAW: _l("Đã rút hồ sơ; hồ sơ có thể sửa và nộp lại."),
    Action.START_REVIEW: _l("Đã nhận hồ sơ để thẩm định."),
    Action.RETURN: _l("Đã trả lại hồ sơ; đơn vị đã được thông báo qua email."),
    Action.RESUBMIT: _l("Đã nộp lại hồ sơ."),
    Action.RECOMMEND: _l("Đã đề xuất khen thưởng."),
    Action.REJECT: _l("Đã ghi quyết định không đề xuất; đơn vị đã được thông báo qua email."),
    Action.REOPEN: _l("Đã mở lại hồ sơ để thẩm định."),
    Action.APPROVE: _l("Đã phê duyệt."),
}
# Keys of a nomination's content (services.content_of), as the version comparison names them.
FIELD_LABELS = {
    "kind": _l("Loại"),
    "name": _l("Tên tập thể / Họ và tên"),
    "organization": _l("Cơ quan, đơn vị"),
    "position": _l("Chức vụ"),
    "birth_year": _l("Năm sinh"),
    "gender": _l("Giới tính"),
    "award_form": _l("Hình thức khen thưởng"),
    "achievement": _l("Thành tích (một dòng)"),
    "summary": _l("Tóm tắt thành tích"),
    "criteria": _l("Tiêu chuẩn"),
    "attachments": _l("Tệp đính kèm"),
}
MISSING_LABELS = {
    "name": _l("tên tập thể hoặc họ tên"),
    "organization": _l("cơ quan, đơn vị"),
    "position": _l("chức vụ"),
    "birth_year": _l("năm sinh"),
    "gender": _l("giới tính"),
    "award_form": _l("hình thức khen thưởng"),
    "achievement": _l("thành tích một dòng"),
    "summary": _l("tóm tắt thành tích"),
    "criteria": _l("ít nhất một tiêu chuẩn đạt được, có minh chứng"),
    "report": _l("báo cáo thành tích (PDF hoặc DOCX)"),
}
