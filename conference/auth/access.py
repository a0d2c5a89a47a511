"""Who may open which view.

Every view declares its audience: ``@public`` for pages anyone may open (the event page,
registration, a delegate's personal link, which carries its own signed token) or
``@roles_required(...)`` for staff pages. The route-permission test walks ``app.url_map``
and fails for any view that declares neither, so a forgotten guard cannot ship.
"""

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user

from conference.auth.models import Role
from conference.extensions import login_manager

# Shorthands for the audiences most views have.
STAFF = (Role.ADMIN, Role.ORGANIZER)
ANY_ACCOUNT = tuple(Role)


def public(view: Callable) -> Callable:
    """Mark a view as open to anyone, signed in or not."""
    view.is_public = True
    return view


def roles_required(*roles: Role) -> Callable[[Callable], Callable]:
    """Let only signed-in accounts with one of these roles through; others are sent to log in or refused."""
    allowed = frozenset(roles)

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def guarded(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        guarded.allowed_roles = allowed
        return guarded

    return decorate
