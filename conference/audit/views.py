"""The audit log, for administrators and organizers."""

from flask import Blueprint, render_template, request
from flask_babel import lazy_gettext as _l

from conference.audit import services
from conference.auth.access import STAFF, roles_required
from conference.features import NavItem, Panel

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")

NAV = [NavItem("audit.index", _l("Nhật ký thay đổi"), frozenset(STAFF), order=85, group="system")]
PANELS = [
    Panel(
        "audit/_panel.html",
        frozenset(STAFF),
        lambda event: {"entries": services.recent(6)},
        order=90,
    )
]

PAGE_SIZE = 100


@bp.route("/")
@roles_required(*STAFF)
def index():
    """List the latest recorded changes, newest first."""
    action = request.args.get("action", "").strip()
    before_id = request.args.get("before", type=int)
    entries = services.recent(PAGE_SIZE, action_prefix=action, before_id=before_id)
    return render_template(
        "audit/index.html",
        entries=entries,
        action=action,
        next_before=entries[-1].id if len(entries) == PAGE_SIZE else None,
    )
