"""The outbox page: every message the app has sent or stored, readable by organizers."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from conference.auth.access import STAFF, roles_required
from conference.features import NavItem, Panel
from conference.mail import services
from conference.mail.models import MessageStatus

bp = Blueprint("mail", __name__, url_prefix="/outbox")

NAV = [NavItem("mail.outbox", _l("Hộp thư đi"), frozenset(STAFF), order=80, group="system")]
PANELS = [
    Panel(
        "mail/_panel.html",
        frozenset(STAFF),
        lambda event: {"counts": services.status_counts()},
        order=80,
    )
]

PAGE_SIZE = 50


@bp.route("/")
@roles_required(*STAFF)
def outbox():
    """List messages, newest first, with filters by state and recipient."""
    status = request.args.get("status", "")
    if status not in {s.value for s in MessageStatus}:
        status = ""
    recipient = request.args.get("recipient", "")
    page = services.outbox_page(
        page=request.args.get("page", 1, type=int),
        per_page=PAGE_SIZE,
        status=status,
        recipient=recipient,
    )
    return render_template(
        "mail/outbox.html",
        page=page,
        status=status,
        recipient=recipient,
        counts=services.status_counts(),
        smtp_configured=services.smtp_configured(),
    )


@bp.route("/<int:message_id>")
@roles_required(*STAFF)
def message(message_id: int):
    """Show one message as its recipient reads it."""
    message = services.get_message(message_id) or abort(404)
    return render_template("mail/message.html", message=message)


@bp.route("/retry", methods=["POST"])
@roles_required(*STAFF)
def retry():
    """Send again every message the mail server refused."""
    sent, failed = services.retry_failed()
    flash(_("Đã gửi lại: %(sent)d thành công, %(failed)d lỗi.", sent=sent, failed=failed), "info")
    return redirect(url_for("mail.outbox"))
