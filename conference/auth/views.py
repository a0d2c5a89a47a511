"""Signing in and out, password reset, and the accounts page for administrators."""

from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user

from conference.audit.services import Actor
from conference.auth import services
from conference.auth.access import ANY_ACCOUNT, public, roles_required
from conference.auth.forms import (
    ROLE_LABELS,
    EditUserForm,
    ForgotPasswordForm,
    LoginForm,
    NewUserForm,
    ResetPasswordForm,
)
from conference.auth.models import Role, User
from conference.events import services as events
from conference.extensions import db, limiter
from conference.features import NavItem
from conference.fields import add_error

bp = Blueprint("auth", __name__)

NAV = [NavItem("auth.users", _l("Tài khoản"), frozenset({Role.ADMIN}), order=90, group="system")]
AUDIT_ACTIONS = {
    "user.create": _l("Tạo tài khoản"),
    "user.update": _l("Sửa tài khoản"),
    "user.password_reset": _l("Đặt lại mật khẩu"),
}

AUTH_ERRORS = {
    "email_taken": ("email", lambda: _("Đã có tài khoản dùng email này.")),
    "weak_password": ("password", lambda: _("Mật khẩu quá ngắn.")),
    "unit_required": ("unit", lambda: _("Tài khoản vai trò «Đơn vị» phải thuộc một đơn vị.")),
    "cannot_demote_self": (
        "role",
        lambda: _("Bạn không thể tự đổi vai trò hoặc tự khóa tài khoản của mình."),
    ),
    "invalid_token": (None, lambda: _("Liên kết đặt lại mật khẩu không đúng hoặc đã được dùng.")),
    "expired_token": (
        None,
        lambda: _("Liên kết đặt lại mật khẩu đã hết hạn; hãy yêu cầu liên kết mới."),
    ),
}


def _login_limit() -> str:
    return current_app.config["RATELIMIT_LOGIN"]


def _login_account_key() -> str:
    return "login:" + request.form.get("email", "").strip().lower()


def _safe_next(target: str | None) -> str | None:
    """Accept only a path on this site as the place to go after signing in."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def _show_error(form, reason: str) -> None:
    field_name, message = AUTH_ERRORS[reason]
    field = getattr(form, field_name, None) if field_name else None
    if field is not None:
        add_error(field, message())
    else:
        flash(message(), "danger")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_login_account_key)
@public
def login():
    """Sign in with e-mail and password."""
    if current_user.is_authenticated:
        return redirect(url_for("events.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            add_error(form.password, _("Email hoặc mật khẩu không đúng."))
        else:
            login_user(user, remember=form.remember.data)
            return redirect(_safe_next(request.args.get("next")) or url_for("events.dashboard"))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@roles_required(*ANY_ACCOUNT)
def logout():
    """Sign out."""
    logout_user()
    flash(_("Bạn đã đăng xuất."), "info")
    return redirect(url_for("events.home"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
@public
def forgot_password():
    """Ask for a password-reset link by e-mail."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        flash(
            _("Nếu email này có tài khoản, một liên kết đặt lại mật khẩu vừa được gửi tới đó."),
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@public
def reset_password(token: str):
    """Choose a new password through an e-mailed link."""
    try:
        user = services.user_for_reset_token(token)
    except services.AuthError as error:
        _show_error(None, error.reason)
        return redirect(url_for("auth.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        services.reset_password(token, form.password.data)
        flash(_("Đã đặt mật khẩu mới. Hãy đăng nhập."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form, user=user)


@bp.route("/admin/users")
@roles_required(Role.ADMIN)
def users():
    """List every account."""
    return render_template("auth/users.html", users=services.list_users(), role_labels=ROLE_LABELS)


@bp.route("/admin/users/new", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def new_user():
    """Create an account."""
    form = NewUserForm()
    units = events.units()
    form.set_unit_choices(units)
    if form.validate_on_submit():
        unit = events.get_unit(form.unit.data)
        try:
            user = services.create_user(
                form.email.data,
                form.password.data,
                form.full_name.data,
                Role(form.role.data),
                Actor(user=current_user),
                unit=unit,
            )
        except services.AuthError as error:
            _show_error(form, error.reason)
        else:
            flash(_("Đã tạo tài khoản %(email)s.", email=user.email), "success")
            return redirect(url_for("auth.users"))
    return render_template("auth/user_form.html", form=form, user=None)


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_user(user_id: int):
    """Change an account's role, unit or access."""
    user = db.session.get(User, user_id) or abort(404)
    form = EditUserForm(obj=user, unit=user.unit_id or 0)
    form.set_unit_choices(events.units())
    if form.validate_on_submit():
        unit = events.get_unit(form.unit.data)
        try:
            services.update_user(
                user,
                Actor(user=current_user),
                role=Role(form.role.data),
                unit=unit,
                active=form.active.data,
            )
        except services.AuthError as error:
            _show_error(form, error.reason)
        else:
            flash(_("Đã lưu tài khoản %(email)s.", email=user.email), "success")
            return redirect(url_for("auth.users"))
    return render_template("auth/user_form.html", form=form, user=user)
