"""Forms of the commendation round: set-up, the unit's nomination, uploads, reviews, decisions.

The nomination and review forms grow one field (or two) per criterion of the round, so they
are built by a function from the round's criteria.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, IntegerField, RadioField, SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional, ValidationError

from conference.fields import BaseForm, CleanStringField, CleanTextAreaField, LocalDateTimeField
from conference.nominations.labels import (
    ATTACHMENT_LABELS,
    GENDER_LABELS,
    KIND_LABELS,
    VERDICT_LABELS,
)
from conference.nominations.models import NominationKind
from conference.timeutil import utcnow

_QUOTA_RANGE = NumberRange(min=0, max=50, message=_l("Từ 0 đến 50."))


def _quota_field(label, default: int):
    return IntegerField(
        label, [InputRequired(), _QUOTA_RANGE], default=default, render_kw={"min": 0, "max": 50}
    )


class RoundForm(BaseForm):
    title = CleanStringField(_l("Tên đợt khen thưởng"), [DataRequired()], max_length=300)
    deadline = LocalDateTimeField(_l("Hạn nộp hồ sơ"), [DataRequired()])
    default_collective_quota = _quota_field(_l("Số tập thể mỗi đơn vị được đề nghị"), 1)
    default_individual_quota = _quota_field(_l("Số cá nhân mỗi đơn vị được đề nghị"), 2)
    chair_id = SelectField(_l("Chủ tịch Hội đồng (được phê duyệt danh sách)"), coerce=int)
    guidance = CleanTextAreaField(
        _l("Hướng dẫn gửi các đơn vị (tiêu chuẩn, điều kiện, thủ tục)"),
        max_length=20000,
        render_kw={"rows": 8},
    )

    def set_chair_choices(self, reviewers) -> None:
        self.chair_id.choices = [SelectChoice(0, _l("— Chưa chỉ định —"))] + [
            SelectChoice(user.id, f"{user.full_name} ({user.email})") for user in reviewers
        ]


class AddAwardFormForm(BaseForm):
    name = CleanStringField(_l("Hình thức khen thưởng"), [DataRequired()], max_length=200)


class CriterionForm(BaseForm):
    title = CleanStringField(_l("Tiêu chuẩn"), [DataRequired()], max_length=300)
    description = CleanTextAreaField(_l("Mô tả"), max_length=4000, render_kw={"rows": 2})


def quota_form(units, **kwargs) -> BaseForm:
    """A form with one optional number per unit and kind (blank: the round's default)."""

    class QuotaForm(BaseForm):
        pass

    for unit in units:
        for kind in NominationKind:
            setattr(
                QuotaForm,
                f"{kind.value}_{unit.id}",
                IntegerField(
                    f"{unit.name}: {KIND_LABELS[kind]}",
                    [Optional(), _QUOTA_RANGE],
                    render_kw={"min": 0, "max": 50},
                ),
            )
    return QuotaForm(**kwargs)


def _birth_year(form, field) -> None:
    latest = utcnow().year - 18
    if field.data is not None and not 1930 <= field.data <= latest:
        raise ValidationError(_l("Năm sinh từ 1930 đến %(latest)d.", latest=latest))


class _NominationFields(BaseForm):
    kind = RadioField(
        _l("Đề nghị khen thưởng cho"),
        [InputRequired(message=_l("Hãy chọn tập thể hoặc cá nhân."))],
        choices=[SelectChoice(kind.value, label) for kind, label in KIND_LABELS.items()],
        default=NominationKind.COLLECTIVE.value,
    )
    collective_name = CleanStringField(
        _l("Tên tập thể"), max_length=200,
        render_kw={"placeholder": _l("Ví dụ: Hợp tác xã Nông nghiệp Văn Đức")},
    )  # fmt: skip
    collective_organization = CleanStringField(
        _l("Cơ quan, tổ chức chủ quản"), max_length=200,
        render_kw={"placeholder": _l("Ví dụ: UBND huyện Gia Lâm")},
    )  # fmt: skip
    full_name = CleanStringField(_l("Họ và tên"), max_length=200)
    birth_year = IntegerField(_l("Năm sinh"), [Optional(), _birth_year])
    gender = SelectField(
        _l("Giới tính"),
        default="",
        choices=[SelectChoice("", "—")]
        + [SelectChoice(gender.value, label) for gender, label in GENDER_LABELS.items()],
    )
    position = CleanStringField(_l("Chức vụ"), max_length=200)
    workplace = CleanStringField(_l("Đơn vị công tác"), max_length=200)
    award_form = SelectField(_l("Hình thức khen thưởng đề nghị"), coerce=int)
    achievement = CleanStringField(
        _l("Thành tích (một dòng, in trong danh sách đề nghị)"), max_length=300,
        render_kw={"placeholder": _l("Ví dụ: Xây dựng và phát triển nhãn hiệu tập thể «Rau an toàn Văn Đức»")},
    )  # fmt: skip
    summary = CleanTextAreaField(_l("Tóm tắt thành tích"), max_length=8000, render_kw={"rows": 7})

    criterion_ids: tuple[int, ...] = ()

    def set_award_form_choices(self, award_forms) -> None:
        self.award_form.choices = [SelectChoice(0, _l("— Chọn hình thức —"))] + [
            SelectChoice(form.id, form.name) for form in award_forms
        ]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.kind.data == NominationKind.COLLECTIVE.value and not self.collective_name.data:
            self.collective_name.errors.append(_l("Hãy nhập tên tập thể."))
            valid = False
        if self.kind.data == NominationKind.INDIVIDUAL.value and not self.full_name.data:
            self.full_name.errors.append(_l("Hãy nhập họ và tên."))
            valid = False
        for criterion_id in self.criterion_ids:
            claimed, evidence = self[f"claim_{criterion_id}"], self[f"evidence_{criterion_id}"]
            if claimed.data and not evidence.data:
                evidence.errors.append(_l("Hãy nêu minh chứng cho tiêu chuẩn này."))
                valid = False
        return valid

    def claims(self) -> dict[int, str]:
        return {
            criterion_id: self[f"evidence_{criterion_id}"].data
            for criterion_id in self.criterion_ids
            if self[f"claim_{criterion_id}"].data
        }


def nomination_form(criteria, **kwargs) -> _NominationFields:
    """The nomination form for a round, with a tick and an evidence box per criterion."""

    class NominationForm(_NominationFields):
        criterion_ids = tuple(criterion.id for criterion in criteria)

    for criterion in criteria:
        setattr(NominationForm, f"claim_{criterion.id}", BooleanField(criterion.title))
        setattr(
            NominationForm,
            f"evidence_{criterion.id}",
            CleanTextAreaField(_l("Minh chứng"), max_length=4000, render_kw={"rows": 2}),
        )
    return NominationForm(**kwargs)


class UploadForm(BaseForm):
    kind = SelectField(
        _l("Loại tài liệu"),
        choices=[SelectChoice(kind.value, label) for kind, label in ATTACHMENT_LABELS.items()],
    )
    file = FileField(
        _l("Tệp PDF hoặc DOCX, tối đa 10 MB"),
        [
            FileRequired(message=_l("Hãy chọn tệp.")),
            FileAllowed(["pdf", "docx"], message=_l("Chỉ nhận tệp .pdf hoặc .docx.")),
        ],
        render_kw={"accept": ".pdf,.docx"},
    )


class ReasonForm(BaseForm):
    reason = CleanTextAreaField(
        _l("Lý do (gửi cho đơn vị)"), max_length=2000, render_kw={"rows": 3}
    )


def review_form(criteria, **kwargs) -> BaseForm:
    """A review: met or not met with a note for each criterion, a score, advice and a comment."""

    class ReviewForm(BaseForm):
        criterion_ids = tuple(criterion.id for criterion in criteria)
        score = IntegerField(
            _l("Điểm (0–100)"),
            [InputRequired(), NumberRange(min=0, max=100, message=_l("Điểm từ 0 đến 100."))],
            render_kw={"min": 0, "max": 100},
        )
        verdict = RadioField(
            _l("Ý kiến đề xuất"),
            [InputRequired(message=_l("Hãy chọn ý kiến đề xuất."))],
            choices=[SelectChoice(v.value, label) for v, label in VERDICT_LABELS.items()],
        )
        comment = CleanTextAreaField(_l("Nhận xét"), max_length=4000, render_kw={"rows": 3})

        def findings(self) -> dict[int, tuple[bool, str]]:
            return {
                criterion_id: (
                    self[f"met_{criterion_id}"].data == "met",
                    self[f"note_{criterion_id}"].data,
                )
                for criterion_id in self.criterion_ids
            }

    for criterion in criteria:
        setattr(
            ReviewForm,
            f"met_{criterion.id}",
            RadioField(
                criterion.title,
                [InputRequired(message=_l("Hãy đánh giá tiêu chuẩn này."))],
                choices=[SelectChoice("met", _l("Đạt")), SelectChoice("not_met", _l("Chưa đạt"))],
            ),
        )
        setattr(
            ReviewForm, f"note_{criterion.id}", CleanStringField(_l("Ghi chú"), max_length=1000)
        )
    return ReviewForm(**kwargs)


class ApprovalForm(BaseForm):
    nomination_ids = SelectMultipleField(coerce=int, validate_choice=False)


class LinkDelegateForm(BaseForm):
    delegate_id = IntegerField(validators=[Optional()])
