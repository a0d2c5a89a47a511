"""Forms for the event's settings and its programme."""

from flask_babel import lazy_gettext as _l
from wtforms import DecimalField, EmailField, IntegerField
from wtforms.validators import DataRequired, Email, NumberRange, Optional

from conference.fields import BaseForm, CleanStringField, CleanTextAreaField, LocalDateTimeField


class EventForm(BaseForm):
    title = CleanStringField(_l("Tên hội nghị"), [DataRequired()], max_length=300)
    short_title = CleanStringField(
        _l("Tên ngắn (in trên thẻ đại biểu)"), [DataRequired()], max_length=120
    )
    description = CleanTextAreaField(_l("Giới thiệu"), max_length=4000)
    host = CleanStringField(_l("Cơ quan tổ chức"), [DataRequired()], max_length=200)
    venue = CleanStringField(_l("Địa điểm"), [DataRequired()], max_length=200)
    address = CleanStringField(_l("Địa chỉ"), [DataRequired()], max_length=300)
    latitude = DecimalField(_l("Vĩ độ"), [Optional(), NumberRange(min=-90, max=90)], places=6)
    longitude = DecimalField(_l("Kinh độ"), [Optional(), NumberRange(min=-180, max=180)], places=6)
    starts_at = LocalDateTimeField(_l("Bắt đầu"), [DataRequired()])
    ends_at = LocalDateTimeField(_l("Kết thúc"), [DataRequired()])
    registration_opens_at = LocalDateTimeField(_l("Mở đăng ký"), [DataRequired()])
    registration_closes_at = LocalDateTimeField(_l("Đóng đăng ký"), [DataRequired()])
    capacity = IntegerField(
        _l("Số đại biểu tối đa"),
        [DataRequired(), NumberRange(min=1, max=5000, message=_l("Từ 1 đến 5000 đại biểu."))],
    )
    contact_email = EmailField(_l("Email liên hệ"), [Optional(), Email(check_deliverability=False)])
    contact_phone = CleanStringField(_l("Điện thoại liên hệ"), max_length=40)


class AgendaItemForm(BaseForm):
    starts_at = LocalDateTimeField(_l("Bắt đầu"), [DataRequired()])
    ends_at = LocalDateTimeField(_l("Kết thúc"), [DataRequired()])
    title = CleanStringField(_l("Nội dung"), [DataRequired()], max_length=300)
    presenter = CleanStringField(_l("Người trình bày / chủ trì"), max_length=300)
    location = CleanStringField(_l("Nơi diễn ra"), max_length=200)
