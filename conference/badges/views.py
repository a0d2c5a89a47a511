"""Badges: the organizers' printing page and each delegate's own badge."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from conference.audit.services import Actor
from conference.auth.access import STAFF, public, roles_required
from conference.badges import services
from conference.badges.forms import PrintForm
from conference.badges.pdf import BadgeSize, Sheet
from conference.downloads import file_response
from conference.events.views import current_event_or_404
from conference.features import NavItem, Panel
from conference.fields import add_error
from conference.registration import services as registration
from conference.timeutil import utcnow

bp = Blueprint("badges", __name__, url_prefix="/badges")

NAV = [
    NavItem("badges.index", _l("In thẻ đại biểu"), frozenset(STAFF), order=27, group="delegates")
]
AUDIT_ACTIONS = {"badge.reprint": _l("In lại thẻ đại biểu (phiên bản mới)")}
DELEGATE_DATA = [services.personal_data]
DELEGATE_PANELS = [Panel("badges/_delegate_panel.html", order=30)]

ERRORS = {
    "nobody": _l("Không có đại biểu đã xác nhận nào để in thẻ."),
    "not_confirmed": _l("Chỉ in thẻ cho đại biểu đã được xác nhận."),
    "four_up_needs_a6": _l("Chỉ thẻ khổ A6 mới in được 4 thẻ trên một tờ A4."),
}


def _form(event) -> PrintForm:
    form = PrintForm()
    counts = services.confirmed_by_category(event)
    form.category.choices = [
        SelectChoice(0, _("Tất cả thành phần (%(count)d)", count=sum(counts.values()))),
        *(
            SelectChoice(category.id, f"{category.name} ({counts.get(category.id, 0)})")
            for category in event.categories
        ),
    ]
    return form


def _page(event, form: PrintForm):
    selected = form.delegate_ids.data or []
    return render_template(
        "badges/index.html",
        event=event,
        form=form,
        selected=selected,
        printable=len(services.confirmed_delegates(event, delegate_ids=selected))
        if selected
        else None,
    )


@bp.route("/", methods=["GET", "POST"])
@roles_required(*STAFF)
def index():
    """Choose whose badges to print, in which size and on which sheet (POST: a selection)."""
    event = current_event_or_404()
    return _page(event, _form(event))


@bp.route("/print", methods=["POST"])
@roles_required(*STAFF)
def print_badges():
    """Download the chosen badges as one PDF, sorted by category and name."""
    event = current_event_or_404()
    form = _form(event)
    if not form.validate_on_submit():
        return _page(event, form)
    delegates = services.confirmed_delegates(
        event,
        category_id=form.category.data or None,
        delegate_ids=form.delegate_ids.data or None,
    )
    try:
        printing = services.print_badges(
            event, delegates, Actor(user=current_user), utcnow(),
            BadgeSize(form.size.data), Sheet(form.sheet.data),
        )  # fmt: skip
    except services.BadgeError as error:
        if error.reason == "four_up_needs_a6":
            add_error(form.sheet, ERRORS[error.reason])
        else:
            flash(ERRORS[error.reason], "warning")
        return _page(event, form)
    return file_response(printing.pdf, "the-dai-bieu.pdf")


@bp.route("/me/<token>.pdf")
@public
def delegate_badge(token: str):
    """Give a confirmed delegate their own badge (the signed personal token is the key)."""
    delegate = registration.delegate_for_token(token) or abort(404)
    actor = Actor(label=f"{registration.SELF}: {delegate.full_name}")
    try:
        printing = services.print_badges(delegate.event, [delegate], actor, utcnow())
    except services.BadgeError as error:
        flash(ERRORS[error.reason], "warning")
        return redirect(url_for("registration.personal", token=token))
    return file_response(printing.pdf, "the-dai-bieu.pdf")
