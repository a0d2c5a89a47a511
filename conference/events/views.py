"""The public event page, the staff dashboard, the event's settings and programme."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from conference import features
from conference.audit.services import Actor
from conference.auth.access import ANY_ACCOUNT, STAFF, public, roles_required
from conference.auth.models import Role
from conference.events import services
from conference.events.forms import AgendaItemForm, EventForm
from conference.events.services import AGENDA_FIELDS, EVENT_SETTINGS
from conference.features import NavItem, Panel
from conference.fields import add_error, cleaned_data
from conference.i18n import LANGUAGES
from conference.registration import services as registration
from conference.timeutil import utcnow

bp = Blueprint("events", __name__)

NAV = [
    NavItem("events.dashboard", _l("Tổng quan"), frozenset(ANY_ACCOUNT), order=0),
    NavItem(
        "events.agenda",
        _l("Chương trình phiên toàn thể"),
        frozenset(STAFF),
        order=10,
        group="programme",
    ),
    NavItem(
        "events.settings",
        _l("Cấu hình hội nghị"),
        frozenset({Role.ADMIN}),
        order=95,
        group="system",
    ),
]
AUDIT_ACTIONS = {
    "event.update": _l("Sửa thông tin hội nghị"),
    "agenda.create": _l("Thêm mục chương trình"),
    "agenda.update": _l("Sửa mục chương trình"),
    "agenda.delete": _l("Xóa mục chương trình"),
}
PANELS = [
    Panel(
        "events/_panel.html",
        frozenset(STAFF),
        lambda event: {"registration_state": event.registration_state(utcnow())},
        order=0,
    ),
]

EVENT_ERRORS = {
    "ends_before_start": ("ends_at", lambda: _("Giờ kết thúc phải sau giờ bắt đầu.")),
    "registration_closes_before_open": (
        "registration_closes_at",
        lambda: _("Thời điểm đóng đăng ký phải sau thời điểm mở đăng ký."),
    ),
    "registration_closes_after_event": (
        "registration_closes_at",
        lambda: _("Phải đóng đăng ký trước khi hội nghị kết thúc."),
    ),
}


def current_event_or_404(*options):
    """Return the event this installation runs; a page about it is not found without one."""
    return services.current_event(*options) or abort(404)


def _show_error(form, reason: str) -> None:
    field_name, message = EVENT_ERRORS[reason]
    add_error(form[field_name], message())


@bp.route("/")
@public
def home():
    """Show the event page with its programme."""
    event = services.current_event()
    if event is None:
        return render_template("events/no_event.html")
    return render_template(
        "events/home.html",
        event=event,
        registration_state=event.registration_state(utcnow()),
    )


@bp.route("/healthz")
@public
def healthz():
    """Tell a load balancer that the app and its database answer."""
    services.ping_database()
    return {"status": "ok"}


@bp.route("/lang/<code>")
@public
def set_language(code: str):
    """Switch the interface language for this browser."""
    if code not in LANGUAGES:
        abort(404)
    session["lang"] = code
    return redirect(_same_site_referrer() or url_for("events.home"))


def _same_site_referrer() -> str | None:
    referrer = request.referrer or ""
    return referrer if referrer.startswith(request.host_url) else None


@bp.route("/dashboard")
@roles_required(*ANY_ACCOUNT)
def dashboard():
    """Show each role where its work is."""
    event = services.current_event()
    panels = features.visible(current_app.extensions["panels"]) if event else []
    return render_template(
        "events/dashboard.html",
        event=event,
        panels=[(panel, panel.context(event)) for panel in panels],
    )


@bp.route("/admin/event", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def settings():
    """Edit the event's title, venue, dates, registration window and capacity."""
    event = current_event_or_404()
    form = EventForm(obj=event)
    if form.validate_on_submit():
        actor = Actor(user=current_user)
        try:
            settings = cleaned_data(form, EVENT_SETTINGS)
            services.check_settings(**settings)
            promoted = registration.set_capacity(event, form.capacity.data, actor, utcnow())
            services.update_event(event, actor, **settings)
        except services.EventError as error:
            _show_error(form, error.reason)
        except registration.RegistrationError as error:
            add_error(
                form.capacity,
                _(
                    "Đã có %(count)d đại biểu được xác nhận; không thể giảm số chỗ xuống thấp hơn.",
                    count=error.data["confirmed"],
                ),
            )
        else:
            flash(_("Đã lưu thông tin hội nghị."), "success")
            if promoted:
                flash(
                    _(
                        "%(count)d đại biểu trong danh sách chờ đã được xác nhận vì có thêm chỗ.",
                        count=len(promoted),
                    ),
                    "info",
                )
            return redirect(url_for("events.settings"))
    return render_template("events/settings.html", form=form, event=event)


@bp.route("/programme")
@roles_required(*STAFF)
def agenda():
    """List the plenary programme for editing."""
    event = current_event_or_404()
    return render_template("events/agenda.html", event=event, form=AgendaItemForm())


@bp.route("/programme/new", methods=["GET", "POST"])
@bp.route("/programme/<int:item_id>", methods=["GET", "POST"])
@roles_required(*STAFF)
def agenda_item(item_id: int | None = None):
    """Add an item to the programme or change one."""
    event = current_event_or_404()
    item = None
    if item_id is not None:
        item = services.get_agenda_item(event, item_id) or abort(404)
    form = AgendaItemForm(obj=item)
    if form.validate_on_submit():
        try:
            services.save_agenda_item(
                event, Actor(user=current_user), item, **cleaned_data(form, AGENDA_FIELDS)
            )
        except services.EventError as error:
            _show_error(form, error.reason)
        else:
            flash(_("Đã lưu chương trình."), "success")
            return redirect(url_for("events.agenda"))
    return render_template("events/agenda_item.html", form=form, item=item, event=event)


@bp.route("/programme/<int:item_id>/delete", methods=["POST"])
@roles_required(*STAFF)
def delete_agenda_item(item_id: int):
    """Remove an item from the programme."""
    event = current_event_or_404()
    item = services.get_agenda_item(event, item_id) or abort(404)
    services.delete_agenda_item(item, Actor(user=current_user))
    flash(_("Đã xóa «%(title)s» khỏi chương trình.", title=item.title), "success")
    return redirect(url_for("events.agenda"))
