"""Forms of the exhibition: the application with its product rows, reviews, booths, the plan."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Optional,
    Regexp,
    ValidationError,
)
from wtforms.widgets import HiddenInput

from conference.exhibition.labels import KIND_LABELS, TITLE_KIND_LABELS, title_number_message
from conference.exhibition.titles import EXAMPLES, TitleKind, TitleNumberError, normalize_number
from conference.fields import BaseForm, CleanStringField, CleanTextAreaField, SubForm, email_field
from conference.registration.labels import HONORIFIC_LABELS

MAX_PRODUCTS = 20
_PHONE = Regexp(
    r"^\+?[0-9][0-9 .()-]{7,18}$",
    message=_l("Số điện thoại gồm 8–15 chữ số, ví dụ 0912 345 678 hoặc +84 24 3825 0000."),
)


def _kind_choices():
    return [SelectChoice("", _l("— Chọn loại hình —"))] + [
        SelectChoice(kind.value, label) for kind, label in KIND_LABELS.items()
    ]


class ProductForm(SubForm):
    """One protected product. A row left entirely empty is dropped, not refused."""

    product_name = CleanStringField(_l("Tên sản phẩm"), [DataRequired()], max_length=200)
    kind = SelectField(
        _l("Loại văn bằng bảo hộ"),
        [DataRequired(message=_l("Hãy chọn loại văn bằng."))],
        choices=[SelectChoice("", _l("— Chọn loại văn bằng —"))]
        + [
            SelectChoice(kind.value, label, render_kw={"data-example": EXAMPLES[kind]})
            for kind, label in TITLE_KIND_LABELS.items()
        ],
    )
    number = CleanStringField(
        _l("Số văn bằng"), [DataRequired()], max_length=30,
        render_kw={"autocomplete": "off", "placeholder": "1-0012345"},
    )  # fmt: skip
    holder = CleanStringField(_l("Chủ văn bằng"), [DataRequired()], max_length=200)
    photo = FileField(
        _l("Ảnh sản phẩm (JPEG, PNG hoặc WebP, tối đa 5 MB; không bắt buộc)"),
        render_kw={"accept": "image/jpeg,image/png,image/webp"},
    )
    # A photo already stored (on an earlier try, or saved before): a signed reference to it.
    photo_ref = HiddenField()
    remove_photo = BooleanField(_l("Bỏ ảnh này"))

    def is_blank(self) -> bool:
        typed = [self.product_name.raw_data, self.number.raw_data, self.holder.raw_data]
        has_text = any(values and values[0].strip() for values in typed)
        has_kind = bool(self.kind.raw_data and self.kind.raw_data[0])
        has_photo = bool(self.photo.data and getattr(self.photo.data, "filename", ""))
        return not (has_text or has_kind or has_photo or self.photo_ref.data)

    def validate_number(self, field) -> None:
        if not field.data or self.kind.data not in set(TitleKind):
            return
        try:
            field.data = normalize_number(TitleKind(self.kind.data), field.data)
        except TitleNumberError as error:
            raise ValidationError(title_number_message(error)) from error


class StaffForm(SubForm):
    """Someone who staffs the booth and needs a badge. An empty row is dropped."""

    honorific = SelectField(
        _l("Danh xưng"),
        choices=[SelectChoice(value.value, label) for value, label in HONORIFIC_LABELS.items()],
    )
    full_name = CleanStringField(_l("Họ và tên"), [DataRequired()], max_length=120)
    email = email_field(_l("Email"))
    phone = CleanStringField(_l("Điện thoại"), [Optional(), _PHONE], max_length=30)

    def is_blank(self) -> bool:
        typed = [self.full_name.raw_data, self.email.raw_data, self.phone.raw_data]
        return not any(values and values[0].strip() for values in typed)


class ApplicationForm(BaseForm):
    """What an exhibitor tells the organizers; the same form for staff entering it for them."""

    organization = CleanStringField(
        _l("Tên tổ chức (hội, hợp tác xã, doanh nghiệp, trường)"), [DataRequired()],
        max_length=200, render_kw={"autocomplete": "organization"},
    )  # fmt: skip
    kind = SelectField(
        _l("Loại hình"), [DataRequired(message=_l("Hãy chọn loại hình."))], choices=_kind_choices()
    )
    district = SelectField(
        _l("Quận, huyện, thị xã"),
        [DataRequired(message=_l("Hãy chọn quận, huyện, thị xã."))],
        coerce=int,
        validate_choice=False,
    )
    contact_name = CleanStringField(_l("Người liên hệ"), [DataRequired()], max_length=120)
    phone = CleanStringField(
        _l("Điện thoại"), [DataRequired(), _PHONE], max_length=30,
        render_kw={"autocomplete": "tel", "inputmode": "tel"},
    )  # fmt: skip
    email = email_field(_l("Email (nhận thông báo về hồ sơ)"))
    description = CleanTextAreaField(
        _l("Giới thiệu ngắn về đơn vị và sản phẩm"), max_length=1000, render_kw={"rows": 3}
    )
    needs_electricity = BooleanField(_l("Cần điện (ổ cắm)"))
    needs_extra_table = BooleanField(_l("Cần thêm bàn trưng bày"))
    needs_corner = BooleanField(_l("Cần gian ở góc"))
    needs_double = BooleanField(_l("Cần gian đôi"))
    products = FieldList(FormField(ProductForm), min_entries=1, max_entries=MAX_PRODUCTS)
    staff = FieldList(FormField(StaffForm), min_entries=1)
    # Without JavaScript, this button brings one more empty product row.
    add_product = SubmitField(_l("Thêm sản phẩm"))

    products_missing = ""
    staff_missing = ""

    def set_district_choices(self, units) -> None:
        self.district.choices = [SelectChoice(0, _l("— Chọn quận, huyện, thị xã —"))] + [
            SelectChoice(unit.id, unit.name) for unit in units
        ]

    def fill_rows(self, staff_slots: int) -> None:
        """Give the form an empty product row if it has none and ``staff_slots`` staff rows,
        of which only the first is marked required (an empty row is dropped)."""
        if not self.products.entries:
            self.products.append_entry()
        while len(self.staff.entries) < staff_slots:
            self.staff.append_entry()
        for row in self.staff.entries[1:]:
            for field in row.form:
                field.flags.required = False

    def validate(self, extra_validators=None) -> bool:
        """Drop empty rows, then check; at least one product and one staff member."""
        self.products.entries = [row for row in self.products.entries if not row.form.is_blank()]
        self.staff.entries = [row for row in self.staff.entries if not row.form.is_blank()]
        valid = super().validate(extra_validators)
        if not self.products.entries:
            self.products_missing = _l(
                "Cần ít nhất một sản phẩm được bảo hộ quyền sở hữu trí tuệ: hãy điền tên sản "
                "phẩm, loại và số văn bằng, chủ văn bằng."
            )
            valid = False
        if not self.staff.entries:
            self.staff_missing = _l("Hãy ghi ít nhất một cán bộ trực gian hàng (để làm thẻ).")
            valid = False
        return valid


class PublicApplicationForm(ApplicationForm):
    consent = BooleanField(
        _l(
            "Tôi đồng ý để Ban tổ chức xử lý các thông tin cá nhân nêu trên (người liên hệ, cán bộ "
            "trực gian hàng) cho mục đích tổ chức Triển lãm."
        ),
        [DataRequired(message=_l("Cần có sự đồng ý để gửi hồ sơ."))],
    )


class ReviewForm(BaseForm):
    # The buttons are named "action": approve, reject or request_changes.
    action = SelectField(
        choices=[
            SelectChoice("approve", _l("Duyệt")),
            SelectChoice("request_changes", _l("Đề nghị bổ sung")),
            SelectChoice("reject", _l("Không duyệt")),
        ],
    )
    note = CleanTextAreaField(
        _l("Lý do hoặc nội dung cần bổ sung (gửi kèm email cho đơn vị)"),
        max_length=1000,
        render_kw={"rows": 3},
    )


class InviteForm(BaseForm):
    organization = CleanStringField(_l("Tên tổ chức"), [DataRequired()], max_length=200)
    contact_name = CleanStringField(_l("Người liên hệ"), max_length=120)
    email = email_field(_l("Email của đơn vị"))
    kind = SelectField(_l("Loại hình"), choices=_kind_choices())
    district = SelectField(_l("Quận, huyện, thị xã"), coerce=int, validate_choice=False)

    def set_district_choices(self, units, locked: bool) -> None:
        first = [] if locked else [SelectChoice(0, _l("— Để đơn vị tự chọn —"))]
        self.district.choices = first + [SelectChoice(unit.id, unit.name) for unit in units]


class AssignForm(BaseForm):
    exhibitor_id = IntegerField(_l("Đơn vị"), [InputRequired()])
    booth = CleanStringField(_l("Gian"), [DataRequired()], max_length=12)


class ExhibitorActionForm(BaseForm):
    exhibitor_id = IntegerField([InputRequired()])


class PlanForm(BaseForm):
    # The plan as JSON: the editor writes it; without JavaScript it is edited as text.
    plan = CleanTextAreaField(_l("Sơ đồ (JSON)"), [DataRequired()], max_length=500_000)
    version = IntegerField([InputRequired()], widget=HiddenInput())


class ConfirmForm(BaseForm):
    """A POST with nothing but its CSRF token (automatic assignment)."""
