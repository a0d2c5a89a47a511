"""Readable names of the registration's codes, for pages, mail and printed lists."""

from flask_babel import lazy_gettext as _l

from conference.registration.models import DelegateStatus, Honorific

HONORIFIC_LABELS = {Honorific.MR: _l("Ông"), Honorific.MRS: _l("Bà")}
STATUS_LABELS = {
    DelegateStatus.PENDING: _l("Chờ duyệt"),
    DelegateStatus.CONFIRMED: _l("Đã xác nhận"),
    DelegateStatus.WAITLISTED: _l("Danh sách chờ"),
    DelegateStatus.DECLINED: _l("Không được duyệt"),
    DelegateStatus.CANCELLED: _l("Đã hủy"),
}


def resolved(labels: dict) -> dict:
    """Translate lazy labels once, for a page that shows them on every row."""
    return {key: str(label) for key, label in labels.items()}
