"""The organizers' print form: whose badges, in which size, on which sheet."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice

from conference.badges.pdf import BadgeSize, Sheet
from conference.fields import BaseForm


class PrintForm(BaseForm):
    # 0: every category. The choices, with their counts, are set by the view.
    category = SelectField(_l("Thành phần"), coerce=int, default=0)
    # Delegates ticked on the delegate list; when given, only they are printed.
    delegate_ids = SelectMultipleField(coerce=int, validate_choice=False)
    size = RadioField(
        _l("Khổ thẻ"),
        choices=[
            SelectChoice(BadgeSize.A6.value, _l("A6 (105 × 148 mm), đeo trong túi thẻ")),
            SelectChoice(BadgeSize.ID1.value, _l("Thẻ nhựa ID-1 (85,6 × 54 mm), cho máy in thẻ")),
        ],
        default=BadgeSize.A6.value,
    )
    sheet = RadioField(
        _l("Cách in"),
        choices=[
            SelectChoice(Sheet.ONE_PER_PAGE.value, _l("Mỗi thẻ một trang")),
            SelectChoice(Sheet.A4_FOUR_UP.value, _l("4 thẻ A6 trên một tờ A4, có dấu cắt")),
        ],
        default=Sheet.ONE_PER_PAGE.value,
    )
