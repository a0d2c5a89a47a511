"""Forms of the registration flow: the public form, the personal page, the organizers' tools."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, RadioField, SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Optional, Regexp

from conference.fields import BaseForm, CleanStringField, CleanTextAreaField, email_field
from conference.registration.labels import HONORIFIC_LABELS
from conference.registration.models import DelegateStatus

WITHDRAWN = (DelegateStatus.CANCELLED, DelegateStatus.DECLINED)

_PHONE = Regexp(
    r"^\+?[0-9][0-9 .()-]{7,18}$",
    message=_l("Số điện thoại gồm 8–15 chữ số, ví dụ 0912 345 678 hoặc +84 24 3825 0000."),
)


class _PersonFields(BaseForm):
    honorific = RadioField(
        _l("Danh xưng"),
        [InputRequired(message=_l("Hãy chọn Ông hoặc Bà."))],
        choices=[SelectChoice(value.value, label) for value, label in HONORIFIC_LABELS.items()],
    )
    full_name = CleanStringField(
        _l("Họ và tên"), [DataRequired()], max_length=120, render_kw={"autocomplete": "name"}
    )
    position = CleanStringField(
        _l("Chức vụ"), max_length=200, render_kw={"autocomplete": "organization-title"}
    )
    organization = CleanStringField(
        _l("Đơn vị công tác"), [DataRequired()], max_length=200,
        render_kw={"autocomplete": "organization"},
    )  # fmt: skip
    email = email_field(_l("Email"))
    phone = CleanStringField(
        _l("Điện thoại"), [Optional(), _PHONE], max_length=30,
        render_kw={"autocomplete": "tel", "inputmode": "tel"},
    )  # fmt: skip
    notes = CleanTextAreaField(
        _l("Ghi chú (ăn chay, hỗ trợ đi lại, phiên dịch…)"), max_length=1000, render_kw={"rows": 3}
    )


class RegistrationForm(_PersonFields):
    # The service checks the category: invitation-only ones need a code, which the form cannot know.
    category = SelectField(_l("Thành phần"), coerce=int, validate_choice=False)
    invitation_code = CleanStringField(
        _l("Mã mời (nếu có)"), max_length=20,
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "placeholder": "ABCD-EFGH"},
    )  # fmt: skip
    consent = BooleanField(
        _l(
            "Tôi đồng ý để Ban tổ chức xử lý dữ liệu cá nhân nêu trên cho mục đích tổ chức Hội nghị."
        ),
        [DataRequired(message=_l("Cần có sự đồng ý của Quý vị để đăng ký tham dự."))],
    )

    def set_category_choices(self, categories) -> None:
        self.category.choices = [SelectChoice(0, _l("— Chọn thành phần —"))] + [
            SelectChoice(category.id, category.name) for category in categories
        ]


class DetailsForm(_PersonFields):
    """What a delegate may change about themselves through their personal link."""


class ResendLinkForm(BaseForm):
    email = email_field(_l("Email đã dùng để đăng ký"))


class InviteForm(BaseForm):
    honorific = SelectField(
        _l("Danh xưng"),
        choices=[SelectChoice("", "—")]
        + [SelectChoice(value.value, label) for value, label in HONORIFIC_LABELS.items()],
    )
    full_name = CleanStringField(_l("Họ và tên"), [DataRequired()], max_length=120)
    position = CleanStringField(_l("Chức vụ"), max_length=200)
    organization = CleanStringField(_l("Đơn vị công tác"), max_length=200)
    category = SelectField(_l("Thành phần"))
    email = email_field(_l("Email"))

    def set_category_choices(self, categories) -> None:
        self.category.choices = [
            SelectChoice(category.code, category.name) for category in categories
        ]


class ImportForm(BaseForm):
    file = FileField(
        _l("Tệp danh sách khách mời (XLSX hoặc CSV)"),
        [
            FileRequired(message=_l("Hãy chọn tệp.")),
            FileAllowed(["xlsx", "csv"], message=_l("Chỉ nhận tệp .xlsx hoặc .csv.")),
        ],
    )


class BulkForm(BaseForm):
    delegate_ids = SelectMultipleField(coerce=int, validate_choice=False)
    action = SelectField(
        choices=[SelectChoice("approve", _l("Duyệt")), SelectChoice("decline", _l("Không duyệt"))]
    )
    reason = CleanStringField(_l("Lý do (gửi kèm thông báo)"), max_length=500)


class DecisionForm(BaseForm):
    action = SelectField(_l("Quyết định"))
    reason = CleanStringField(_l("Lý do (gửi kèm thông báo)"), max_length=500)

    def offer_for(self, status: DelegateStatus) -> None:
        """Offer only the decisions that make sense for a registration in this state."""
        labels = {
            "approve": _l("Khôi phục đăng ký") if status in WITHDRAWN else _l("Duyệt"),
            "decline": _l("Không duyệt"),
            "cancel": _l("Hủy đăng ký"),
        }
        actions = ["approve"] if status in WITHDRAWN else ["decline", "cancel"]
        if status == DelegateStatus.PENDING:
            actions.insert(0, "approve")
        self.action.choices = [SelectChoice(action, labels[action]) for action in actions]


class CategoryForm(BaseForm):
    category = SelectField(_l("Thành phần"), coerce=int, validate_choice=False)
