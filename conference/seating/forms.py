"""Forms: a room's layout, seat corrections, the plenary's room and the protocol order."""

import re
from collections import Counter

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional, ValidationError

from conference.fields import BaseForm, CleanStringField, CleanTextAreaField
from conference.seating.planner import row_label

_SEAT = re.compile(r"[A-Za-z]{1,3}\d{1,3}")
_ROW_LENGTH = re.compile(r"([A-Za-z]{1,3})\s*[=:]\s*(\d{1,3})")
MAX_ROWS = 60
MAX_SEATS_PER_ROW = 200


def _items(value: str) -> list[str]:
    return [item for item in re.split(r"[\s,;]+", value or "") if item]


class RoomForm(BaseForm):
    name = CleanStringField(_l("Tên phòng"), [DataRequired()], max_length=120)
    location = CleanStringField(_l("Vị trí (tầng, tòa nhà)"), max_length=200)
    rows = IntegerField(
        _l("Số hàng ghế"),
        [InputRequired(), NumberRange(min=1, max=MAX_ROWS)],
        description=_l("Hàng A gần sân khấu nhất."),
    )
    seats_per_row = IntegerField(
        _l("Số ghế mỗi hàng"),
        [InputRequired(), NumberRange(min=1, max=MAX_SEATS_PER_ROW)],
        description=_l("Ghế số 1 ở bên trái khi ngồi nhìn lên sân khấu."),
    )
    row_lengths = CleanStringField(
        _l("Hàng có số ghế khác (nếu có)"),
        max_length=400,
        description=_l("Ví dụ: A=12, B=14"),
    )
    aisles_after = CleanStringField(
        _l("Lối đi sau ghế số"),
        max_length=100,
        description=_l("Ví dụ: 4, 11 (lối đi giữa ghế 4 và 5, giữa ghế 11 và 12)"),
    )
    blocked = CleanTextAreaField(
        _l("Ghế không sử dụng"),
        max_length=2000,
        description=_l("Ví dụ: A1, A15 (cột, bàn kỹ thuật). Có thể bấm vào ghế ở hình xem trước."),
        render_kw={"rows": 2},
    )

    @classmethod
    def for_layout(cls, layout: dict, **kwargs) -> "RoomForm":
        """Return the form filled in from a stored layout."""
        lengths = [row["seats"] for row in layout["rows"]]
        usual = Counter(lengths).most_common(1)[0][0]
        return cls(
            rows=len(lengths),
            seats_per_row=usual,
            row_lengths=", ".join(
                f"{row['label']}={row['seats']}" for row in layout["rows"] if row["seats"] != usual
            ),
            aisles_after=", ".join(str(seat) for seat in layout.get("aisles_after", [])),
            blocked=", ".join(layout.get("blocked", [])),
            **kwargs,
        )

    def validate_row_lengths(self, field) -> None:
        for item in re.split(r"[,;]+", field.data or ""):
            if item.strip() and not _ROW_LENGTH.fullmatch(item.strip()):
                raise ValidationError(
                    _("Không đọc được «%(item)s»; hãy viết dạng A=12.", item=item)
                )

    def validate_aisles_after(self, field) -> None:
        for item in _items(field.data):
            if not item.isdigit():
                raise ValidationError(_("«%(item)s» không phải số ghế.", item=item))

    def validate_blocked(self, field) -> None:
        for item in _items(field.data):
            if not _SEAT.fullmatch(item):
                raise ValidationError(_("«%(item)s» không phải số ghế (dạng A12).", item=item))

    def layout(self) -> dict:
        """Return the layout in the planner's JSON-ready form (the planner checks it further)."""
        lengths = {
            match[1].upper(): int(match[2])
            for item in re.split(r"[,;]+", self.row_lengths.data or "")
            if (match := _ROW_LENGTH.fullmatch(item.strip()))
        }
        labels = [row_label(index) for index in range(self.rows.data)]
        return {
            "rows": [
                {"label": label, "seats": lengths.get(label, self.seats_per_row.data)}
                for label in labels
            ],
            "aisles_after": [int(item) for item in _items(self.aisles_after.data)],
            "blocked": [item.upper() for item in _items(self.blocked.data)],
        }


class ExchangeForm(BaseForm):
    first = CleanStringField(_l("Ghế thứ nhất"), [DataRequired()], max_length=12)
    second = CleanStringField(_l("Ghế thứ hai"), [DataRequired()], max_length=12)


class PlaceForm(BaseForm):
    delegate_id = SelectField(_l("Đại biểu chưa có chỗ"), coerce=int, validate_choice=False)
    seat = CleanStringField(_l("Vào ghế"), [DataRequired()], max_length=12)

    def set_choices(self, delegates) -> None:
        self.delegate_id.choices = [SelectChoice(d.id, d.full_name) for d in delegates]


class SeatForm(BaseForm):
    """A seat picked for an action (lock, unlock)."""

    seat = HiddenField(validators=[DataRequired()])
    locked = HiddenField()


class PlenaryRoomForm(BaseForm):
    room_id = SelectField(_l("Phòng họp toàn thể"), coerce=int, validate_choice=False)

    def set_choices(self, rooms) -> None:
        self.room_id.choices = [SelectChoice(r.id, f"{r.name} ({r.capacity})") for r in rooms]


def order_form(entries, **kwargs) -> BaseForm:
    """Return a form with one order box per (delegate, order) in `entries`."""

    class OrderForm(BaseForm):
        def orders(self) -> dict[int, int | None]:
            """Return delegate id → order; None where the box was left empty."""
            return {delegate.id: self[f"order_{delegate.id}"].data for delegate, _order in entries}

    for delegate, order in entries:
        setattr(
            OrderForm,
            f"order_{delegate.id}",
            IntegerField(
                delegate.full_name,
                [Optional(), NumberRange(min=0, max=9999)],
                default=order,
            ),
        )
    return OrderForm(**kwargs)
