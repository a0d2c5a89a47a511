"""Forms of the check-in tools."""

from flask_babel import lazy_gettext as _l
from wtforms.validators import DataRequired

from conference.fields import BaseForm, CleanStringField


class DeviceForm(BaseForm):
    name = CleanStringField(
        _l("Tên thiết bị (ví dụ: Máy quét cổng A)"), [DataRequired()], max_length=80
    )
