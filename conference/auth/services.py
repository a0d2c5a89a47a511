"""Accounts: creating them, signing in, resetting a forgotten password."""

from flask import current_app, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from conference import text
from conference.audit import services as audit
from conference.audit.services import Actor
from conference.auth.models import Role, User
from conference.events.models import Unit
from conference.extensions import db
from conference.mail.services import send_mail
from conference.timeutil import utcnow

MIN_PASSWORD_LENGTH = 10
_RESET_SALT = "password-reset"
# A real hash to compare against when the e-mail is unknown, so that timing tells nothing.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


class AuthError(Exception):
    """An account operation was refused; `reason` says why, for the view to explain."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def normalize_email(email: str) -> str:
    return text.normalize(email).lower()


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


def find_unit(name: str) -> Unit | None:
    """Return the unit whose name or short name matches, ignoring accents and case."""
    wanted = text.fold(name)
    for unit in db.session.scalars(select(Unit)):
        if wanted in (text.fold(unit.name), text.fold(unit.short_name)):
            return unit
    return None


def create_user(
    email: str,
    password: str,
    full_name: str,
    role: Role,
    actor: Actor,
    unit: Unit | None = None,
) -> User:
    """Create an account; a unit account must belong to a unit."""
    email = normalize_email(email)
    if find_by_email(email) is not None:
        raise AuthError("email_taken")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError("weak_password")
    if role == Role.UNIT and unit is None:
        raise AuthError("unit_required")
    user = User(
        email=email,
        password_hash=generate_password_hash(password),
        full_name=text.normalize(full_name),
        role=role,
        unit=unit,
    )
    db.session.add(user)
    audit.record(
        "user.create",
        user,
        actor,
        after={"email": email, "role": role, "unit": unit.name if unit else None},
    )
    db.session.commit()
    return user


def update_user(user: User, actor: Actor, *, role: Role, unit: Unit | None, active: bool) -> User:
    """Change an account's role, unit or whether it may sign in."""
    if role == Role.UNIT and unit is None:
        raise AuthError("unit_required")
    if user == actor.user and (role != user.role or not active):
        raise AuthError("cannot_demote_self")
    before = audit.snapshot(user, "role", "active")
    before["unit"] = user.unit.name if user.unit else None
    user.role, user.unit, user.active = role, unit, active
    audit.record(
        "user.update",
        user,
        actor,
        before=before,
        after={"role": role, "active": active, "unit": unit.name if unit else None},
    )
    db.session.commit()
    return user


def authenticate(email: str, password: str) -> User | None:
    """Return the active account with these credentials, or None."""
    user = find_by_email(email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.active:
        return None
    user.last_login_at = utcnow()
    db.session.commit()
    return user


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_RESET_SALT)


def password_reset_token(user: User) -> str:
    # Part of the current hash goes in, so the link stops working once it has been used.
    return _serializer().dumps({"user": user.id, "hash": user.password_hash[-12:]})


def request_password_reset(email: str) -> None:
    """E-mail a reset link if the account exists; say nothing either way."""
    user = find_by_email(email)
    if user is None or not user.active:
        return
    link = url_for("auth.reset_password", token=password_reset_token(user), _external=True)
    send_mail(
        user.email,
        _("Đặt lại mật khẩu"),
        "password_reset",
        kind="auth.password_reset",
        user=user,
        link=link,
        hours=current_app.config["PASSWORD_RESET_MAX_AGE"] // 3600,
    )
    db.session.commit()


def user_for_reset_token(token: str) -> User:
    """Return the account a reset link is for, or raise AuthError("invalid_token"/"expired_token")."""
    try:
        data = _serializer().loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except SignatureExpired as error:
        raise AuthError("expired_token") from error
    except BadSignature as error:
        raise AuthError("invalid_token") from error
    user = db.session.get(User, data.get("user"))
    if user is None or user.password_hash[-12:] != data.get("hash") or not user.active:
        raise AuthError("invalid_token")
    return user


def reset_password(token: str, new_password: str) -> User:
    """Set a new password through a reset link."""
    user = user_for_reset_token(token)
    if len(new_password) < MIN_PASSWORD_LENGTH:
        raise AuthError("weak_password")
    user.password_hash = generate_password_hash(new_password)
    audit.record("user.password_reset", user, Actor(user=user))
    db.session.commit()
    return user


def list_users() -> list[User]:
    """Return every account, grouped by role, in Vietnamese name order."""
    users = db.session.scalars(select(User).options(joinedload(User.unit)))
    return sorted(users, key=lambda user: (user.role, text.name_sort_key(user.full_name)))
