"""Forms for signing in, resetting passwords and managing accounts."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, Optional

from conference.auth.models import Role
from conference.auth.services import MIN_PASSWORD_LENGTH
from conference.fields import BaseForm, CleanStringField, email_field

ROLE_LABELS = {
    Role.ADMIN: _l("Quản trị hệ thống"),
    Role.ORGANIZER: _l("Ban tổ chức"),
    Role.REVIEWER: _l("Ban Thi đua - Khen thưởng"),
    Role.UNIT: _l("Đơn vị (sở, ban, ngành, quận, huyện)"),
    Role.CHECKIN: _l("Đón tiếp, kiểm tra vào cửa"),
}


def _new_password_field():
    return PasswordField(
        _l("Mật khẩu mới"),
        [
            DataRequired(),
            Length(
                min=MIN_PASSWORD_LENGTH,
                max=200,
                message=_l("Mật khẩu cần ít nhất %(min)d ký tự.", min=MIN_PASSWORD_LENGTH),
            ),
        ],
        render_kw={"autocomplete": "new-password"},
    )


class LoginForm(BaseForm):
    email = email_field(_l("Email"))
    password = PasswordField(
        _l("Mật khẩu"), [DataRequired()], render_kw={"autocomplete": "current-password"}
    )
    remember = BooleanField(_l("Ghi nhớ đăng nhập trên máy này"))


class ForgotPasswordForm(BaseForm):
    email = email_field(_l("Email của tài khoản"))


class ResetPasswordForm(BaseForm):
    password = _new_password_field()
    confirm = PasswordField(
        _l("Nhập lại mật khẩu mới"),
        [DataRequired(), EqualTo("password", message=_l("Hai mật khẩu không giống nhau."))],
        render_kw={"autocomplete": "new-password"},
    )


class _AccountFields(BaseForm):
    role = SelectField(
        _l("Vai trò"),
        choices=[SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()],
    )
    unit = SelectField(_l("Đơn vị"), coerce=int, validators=[Optional()])

    def set_unit_choices(self, units) -> None:
        self.unit.choices = [SelectChoice(0, _l("— Không thuộc đơn vị nào —"))] + [
            SelectChoice(unit.id, unit.name) for unit in units
        ]


class NewUserForm(_AccountFields):
    email = email_field(_l("Email"))
    full_name = CleanStringField(_l("Họ và tên"), [DataRequired()], max_length=120)
    password = _new_password_field()


class EditUserForm(_AccountFields):
    active = BooleanField(_l("Được phép đăng nhập"))
