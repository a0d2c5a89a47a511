"""Forms: a workshop for organizers, the choice deadline, and a delegate's ranking."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from conference.fields import BaseForm, CleanStringField, CleanTextAreaField, LocalDateTimeField
from conference.workshops.models import DEFAULT_CAPACITY
from conference.workshops.services import MAX_CHOICES


class WorkshopForm(BaseForm):
    title = CleanStringField(_l("Tên hội thảo"), [DataRequired()], max_length=300)
    description = CleanTextAreaField(
        _l("Nội dung, diễn giả"), max_length=4000, render_kw={"rows": 4}
    )
    room_id = SelectField(_l("Phòng"), coerce=int, validate_choice=False)
    starts_at = LocalDateTimeField(_l("Bắt đầu"), [DataRequired()])
    ends_at = LocalDateTimeField(_l("Kết thúc"), [DataRequired()])
    capacity = IntegerField(
        _l("Số chỗ"),
        [InputRequired(), NumberRange(min=0, max=5000)],
        default=DEFAULT_CAPACITY,
    )
    category_ids = SelectMultipleField(
        _l("Dành cho thành phần (để trống: mọi đại biểu)"),
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )

    def set_choices(self, rooms, categories) -> None:
        self.room_id.choices = [
            SelectChoice(room.id, f"{room.name} ({room.capacity})") for room in rooms
        ]
        self.category_ids.choices = [SelectChoice(c.id, c.name) for c in categories]


class DeadlineForm(BaseForm):
    closes_at = LocalDateTimeField(_l("Hạn chọn hội thảo"), [Optional()])


class DelegateForm(BaseForm):
    """A delegate picked for an action (pin, unpin, remove)."""

    delegate_id = IntegerField(validators=[InputRequired()])


def choice_form(
    workshops, ranks: dict[int, int] | None = None, category_id: int | None = None, **kwargs
) -> BaseForm:
    """Return a form with one rank selector per workshop ("" for not chosen).

    ``ranked_ids()`` gives the chosen workshops best first. Two workshops given the same rank
    are refused, and so is a workshop not meant for `category_id` (when known). Keyword
    arguments go to the form (prefix, meta).
    """

    # Read once: after a registration commits, the workshops are expired and each would be
    # loaded again, one query apiece, just to give its id.
    workshop_ids = [workshop.id for workshop in workshops]

    class ChoiceForm(BaseForm):
        def ranked_ids(self) -> list[int]:
            chosen = [
                (int(self[f"rank_{workshop_id}"].data), workshop_id)
                for workshop_id in workshop_ids
                if self[f"rank_{workshop_id}"].data
            ]
            return [workshop_id for _rank, workshop_id in sorted(chosen)]

        def rank_fields(self):
            return [(workshop, self[f"rank_{workshop.id}"]) for workshop in workshops]

        def validate(self, extra_validators=None) -> bool:
            valid = super().validate(extra_validators)
            seen: set[str] = set()
            for workshop, field in self.rank_fields():
                if not field.data:
                    continue
                if field.data in seen:
                    field.errors.append(_("Mỗi thứ tự chỉ chọn cho một hội thảo."))
                    valid = False
                if category_id is not None and not workshop.is_for(category_id):
                    field.errors.append(
                        _(
                            "Hội thảo này dành cho: %(categories)s.",
                            categories=", ".join(c.name for c in workshop.categories),
                        )
                    )
                    valid = False
                seen.add(field.data)
            return valid

    options = [SelectChoice("", _l("Không chọn"))] + [
        SelectChoice(str(rank), _l("Lựa chọn %(rank)d", rank=rank))
        for rank in range(1, MAX_CHOICES + 1)
    ]
    for workshop in workshops:
        default = str((ranks or {}).get(workshop.id, ""))
        setattr(
            ChoiceForm,
            f"rank_{workshop.id}",
            SelectField(workshop.title, choices=options, default=default),
        )
    return ChoiceForm(**kwargs)
