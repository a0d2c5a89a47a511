"""Workshops: the organizers' list, allocation and waiting lists; the delegates' choices."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from conference.audit.services import Actor
from conference.auth.access import STAFF, public, roles_required
from conference.events.views import current_event_or_404
from conference.features import FormSection, NavItem, Panel
from conference.i18n import datetime_filter
from conference.registration import services as registration
from conference.registration.labels import HONORIFIC_LABELS
from conference.registration.models import DelegateStatus
from conference.timeutil import utcnow
from conference.workshops import services
from conference.workshops.forms import DeadlineForm, DelegateForm, WorkshopForm, choice_form

bp = Blueprint("workshops", __name__)

NAV = [NavItem("workshops.index", _l("Hội thảo"), frozenset(STAFF), order=30, group="programme")]
AUDIT_ACTIONS = {
    "workshop.create": _l("Thêm hội thảo"),
    "workshop.update": _l("Sửa hội thảo"),
    "workshop.delete": _l("Xóa hội thảo"),
    "workshop.deadline": _l("Đổi hạn chọn hội thảo"),
    "workshop.choices": _l("Chọn hội thảo"),
    "workshop.allocate": _l("Phân bổ chỗ hội thảo"),
    "workshop.promote": _l("Được xếp chỗ hội thảo từ danh sách chờ"),
    "workshop.leave": _l("Rời hội thảo"),
    "workshop.release": _l("Trả chỗ hội thảo khi hủy đăng ký"),
    "workshop.pin": _l("Ghim đại biểu vào hội thảo"),
    "workshop.unpin": _l("Bỏ ghim đại biểu"),
}


def _panel_context(event) -> dict:
    return {"outcome": services.outcome(event), "settings": services.get_settings(event)}


def _delegate_panel_context(delegate) -> dict:
    return {"workshops": services.delegate_workshops(delegate, utcnow())}


PANELS = [Panel("workshops/_panel.html", frozenset(STAFF), _panel_context, order=30)]
DELEGATE_DATA = [
    lambda delegate: {
        "workshop_choices": [workshop.title for workshop in services.choices_of(delegate)],
        "workshops": [
            placement.workshop.title
            for placement in services.delegate_workshops(delegate, utcnow()).placed
        ],
    }
]
DELEGATE_PANELS = [
    Panel("workshops/_delegate_panel.html", context=_delegate_panel_context, order=20)
]

ERRORS = {
    "ends_before_start": ("ends_at", lambda data: _("Giờ kết thúc phải sau giờ bắt đầu.")),
    "unknown_room": ("room_id", lambda data: _("Hãy chọn phòng.")),
    "capacity_above_room": (
        "capacity",
        lambda data: _(
            "Phòng «%(room)s» chỉ có %(seats)d ghế; hãy giảm số chỗ hoặc chọn phòng lớn hơn.",
            room=data["room"],
            seats=data["seats"],
        ),
    ),
    "capacity_below_placed": (
        "capacity",
        lambda data: _(
            "Đã có %(placed)d đại biểu được xếp vào hội thảo này; không thể giảm số chỗ xuống "
            "thấp hơn. Hãy bỏ bớt người trước.",
            placed=data["placed"],
        ),
    ),
    "times_clash_placements": (
        "starts_at",
        lambda data: _(
            "Giờ mới trùng với một hội thảo khác mà có đại biểu đã được xếp vào cả hai. "
            "Hãy giữ giờ cũ, hoặc bỏ những đại biểu đó khỏi một trong hai hội thảo trước."
        ),
    ),
    "has_placements": (
        None,
        lambda data: _(
            "Không thể xóa: %(placed)d đại biểu đã được xếp vào hội thảo này. Hãy bỏ họ khỏi "
            "hội thảo trước, hoặc sửa hội thảo thay vì xóa.",
            placed=data["placed"],
        ),
    ),
    "choices_closed": (
        None,
        lambda data: _(
            "Đã hết hạn chọn hội thảo (%(when)s).", when=datetime_filter(data["closes_at"])
        ),
    ),
    "too_many": (
        None,
        lambda data: _("Chỉ chọn tối đa %(most)d hội thảo.", most=data["most"]),
    ),
    "repeated": (None, lambda data: _("Mỗi hội thảo chỉ chọn một lần.")),
    "unknown_workshop": (None, lambda data: _("Hội thảo này không còn; hãy tải lại trang.")),
    "not_for_category": (
        None,
        lambda data: _(
            "Hội thảo «%(title)s» không dành cho thành phần của Quý vị.", title=data["title"]
        ),
    ),
    "not_confirmed": (
        None,
        lambda data: _("Chỉ xếp được đại biểu đã được xác nhận tham dự."),
    ),
    "pinned_elsewhere": (
        None,
        lambda data: _(
            "Đại biểu đã được ghim vào «%(title)s» cùng khung giờ; hãy bỏ ghim ở đó trước.",
            title=data["title"],
        ),
    ),
    "full": (
        None,
        lambda data: _("Hội thảo đã đủ chỗ. Hãy tăng số chỗ hoặc bỏ bớt một người trước."),
    ),
    "allocation_failed": (
        None,
        lambda data: _(
            "Không phân bổ được (%(detail)s). Hãy kiểm tra số chỗ và các đại biểu đã ghim.",
            detail=data["detail"],
        ),
    ),
}


def _staff() -> Actor:
    return Actor(user=current_user)


def _self(delegate) -> Actor:
    return Actor(label=f"{registration.SELF}: {delegate.full_name}")


def _show_error(form, error: services.WorkshopError) -> None:
    field_name, message = ERRORS[error.reason]
    if form is not None and field_name:
        form[field_name].errors.append(message(error.data))
    else:
        flash(message(error.data), "danger")


def _workshop_or_404(event, workshop_id: int):
    return services.get_workshop(event, workshop_id) or abort(404)


# --- organizers ---------------------------------------------------------------------------------


@bp.route("/workshops/")
@roles_required(*STAFF)
def index():
    """List the workshops by time slot with their seats, waiting lists and the choice deadline."""
    event = current_event_or_404()
    outcome = services.outcome(event)
    settings = services.get_settings(event)
    return render_template(
        "workshops/index.html",
        event=event,
        slots=services.slots(line.workshop for line in outcome.lines),
        lines={line.workshop.id: line for line in outcome.lines},
        outcome=outcome,
        settings=settings,
        closes_at=services.choices_close_at(event),
        deadline_form=DeadlineForm(closes_at=settings.choices_close_at if settings else None),
    )


def _workshop_form(event, workshop=None) -> WorkshopForm:
    form = WorkshopForm(
        obj=workshop,
        category_ids=[c.id for c in workshop.categories] if workshop else [],
    )
    form.set_choices(services.rooms(event), event.categories)
    return form


@bp.route("/workshops/new", methods=["GET", "POST"])
@bp.route("/workshops/<int:workshop_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit(workshop_id: int | None = None):
    """Add a workshop or change one."""
    event = current_event_or_404()
    workshop = _workshop_or_404(event, workshop_id) if workshop_id else None
    form = _workshop_form(event, workshop)
    if form.validate_on_submit():
        data = services.WorkshopData(
            title=form.title.data, description=form.description.data, room_id=form.room_id.data,
            starts_at=form.starts_at.utc, ends_at=form.ends_at.utc, capacity=form.capacity.data,
            category_ids=form.category_ids.data,
        )  # fmt: skip
        try:
            saved = services.save_workshop(event, data, _staff(), utcnow(), workshop)
        except services.WorkshopError as error:
            _show_error(form, error)
        else:
            flash(_("Đã lưu hội thảo «%(title)s».", title=saved.title), "success")
            return redirect(url_for("workshops.detail", workshop_id=saved.id))
    return render_template("workshops/edit.html", form=form, workshop=workshop, event=event)


@bp.route("/workshops/<int:workshop_id>/delete", methods=["POST"])
@roles_required(*STAFF)
def delete(workshop_id: int):
    """Remove a workshop nobody holds a seat in."""
    event = current_event_or_404()
    workshop = _workshop_or_404(event, workshop_id)
    title = workshop.title
    try:
        services.delete_workshop(workshop, _staff())
    except services.WorkshopError as error:
        _show_error(None, error)
        return redirect(url_for("workshops.detail", workshop_id=workshop_id))
    flash(_("Đã xóa hội thảo «%(title)s».", title=title), "success")
    return redirect(url_for("workshops.index"))


@bp.route("/workshops/<int:workshop_id>")
@roles_required(*STAFF)
def detail(workshop_id: int):
    """Show who holds a seat in a workshop and who waits, with pins and a search to add someone."""
    event = current_event_or_404()
    workshop = _workshop_or_404(event, workshop_id)
    query = request.args.get("q", "").strip()[:100]
    found = []
    if query:
        found = registration.delegate_list(
            event, registration.DelegateFilters(query=query, status=DelegateStatus.CONFIRMED)
        )[:20]
    placed = services.placed_in(workshop)
    return render_template(
        "workshops/detail.html",
        event=event,
        workshop=workshop,
        placed=placed,
        ranks=services.choice_ranks(workshop),
        waiting=services.waiting_for(workshop),
        settings=services.get_settings(event),
        query=query,
        found=found,
        placed_ids={p.delegate_id for p in placed},
    )


def _delegate_action(event, workshop_id: int, action) -> object:
    workshop = _workshop_or_404(event, workshop_id)
    form = DelegateForm()
    if not form.validate_on_submit():
        abort(400)
    delegate = registration.get_delegate(event, form.delegate_id.data) or abort(404)
    try:
        action(workshop, delegate)
    except services.WorkshopError as error:
        _show_error(None, error)
        return None
    return delegate


@bp.route("/workshops/<int:workshop_id>/pin", methods=["POST"])
@roles_required(*STAFF)
def pin(workshop_id: int):
    """Pin a delegate into the workshop (the allocation keeps them there)."""
    event = current_event_or_404()
    delegate = _delegate_action(
        event, workshop_id, lambda w, d: services.pin(w, d, _staff(), utcnow())
    )
    if delegate is not None:
        flash(_("Đã ghim %(name)s vào hội thảo.", name=delegate.full_name), "success")
    return redirect(url_for("workshops.detail", workshop_id=workshop_id))


@bp.route("/workshops/<int:workshop_id>/unpin", methods=["POST"])
@roles_required(*STAFF)
def unpin(workshop_id: int):
    """Unpin a delegate: they keep the seat until the allocation runs again."""
    event = current_event_or_404()
    delegate = _delegate_action(event, workshop_id, lambda w, d: services.unpin(w, d, _staff()))
    if delegate is not None:
        flash(_("Đã bỏ ghim %(name)s.", name=delegate.full_name), "success")
    return redirect(url_for("workshops.detail", workshop_id=workshop_id))


@bp.route("/workshops/<int:workshop_id>/remove", methods=["POST"])
@roles_required(*STAFF)
def remove(workshop_id: int):
    """Take a delegate out of the workshop and off its list; the seat goes to the next in line."""
    event = current_event_or_404()
    delegate = _delegate_action(
        event, workshop_id, lambda w, d: services.remove(w, d, _staff(), utcnow())
    )
    if delegate is not None:
        flash(_("Đã bỏ %(name)s khỏi hội thảo.", name=delegate.full_name), "success")
    return redirect(url_for("workshops.detail", workshop_id=workshop_id))


@bp.route("/workshops/allocate", methods=["POST"])
@roles_required(*STAFF)
def allocate():
    """Give the workshop seats anew, keeping pinned delegates."""
    event = current_event_or_404()
    try:
        outcome = services.allocate(event, _staff(), utcnow())
    except services.WorkshopError as error:
        _show_error(None, error)
        return redirect(url_for("workshops.index"))
    flash(
        _(
            "Đã phân bổ %(placed)d chỗ cho %(asked)d đại biểu đã chọn hội thảo.",
            placed=sum(line.placed for line in outcome.lines),
            asked=outcome.asked,
        ),
        "success",
    )
    return redirect(url_for("workshops.result"))


@bp.route("/workshops/result")
@roles_required(*STAFF)
def result():
    """Show how many got their first, second, third choice, and who got none."""
    event = current_event_or_404()
    return render_template(
        "workshops/result.html",
        event=event,
        outcome=services.outcome(event),
        settings=services.get_settings(event),
    )


@bp.route("/workshops/deadline", methods=["POST"])
@roles_required(*STAFF)
def deadline():
    """Set when delegates stop choosing workshops."""
    event = current_event_or_404()
    form = DeadlineForm()
    if form.validate_on_submit():
        services.set_deadline(event, form.closes_at.utc, _staff())
        flash(
            _(
                "Hạn chọn hội thảo: %(when)s.",
                when=datetime_filter(services.choices_close_at(event)),
            ),
            "success",
        )
    else:
        flash(_("Thời điểm không hợp lệ; hãy nhập ngày và giờ."), "danger")
    return redirect(url_for("workshops.index"))


# --- delegates ----------------------------------------------------------------------------------


def _delegate_for(token: str):
    return registration.delegate_for_token(token) or abort(404)


@bp.route("/me/<token>/workshops", methods=["GET", "POST"])
@public
def choose(token: str):
    """Let a delegate rank the workshops they want, until the deadline."""
    delegate = _delegate_for(token)
    event = delegate.event
    now = utcnow()
    all_workshops = services.workshops(event)
    ranks = {w.id: rank for rank, w in enumerate(services.choices_of(delegate), start=1)}
    form = choice_form(all_workshops, ranks, category_id=delegate.category_id)
    is_open = services.choices_open(event, now)
    active = delegate.status not in (DelegateStatus.CANCELLED, DelegateStatus.DECLINED)
    if is_open and active and form.validate_on_submit():
        try:
            services.set_choices(delegate, form.ranked_ids(), _self(delegate), now)
        except services.WorkshopError as error:
            _show_error(None, error)
        else:
            flash(_("Đã lưu lựa chọn hội thảo của Quý vị."), "success")
            return redirect(url_for("registration.personal", token=token))
    return render_template(
        "workshops/choose.html",
        delegate=delegate,
        event=event,
        token=token,
        form=form,
        slots=services.slots(all_workshops),
        closes_at=services.choices_close_at(event),
        is_open=is_open,
        active=active,
        honorific_labels=HONORIFIC_LABELS,
    )


@bp.route("/me/<token>/workshops/<int:workshop_id>/leave", methods=["POST"])
@public
def leave(token: str, workshop_id: int):
    """Let a delegate give up a workshop seat (or their place in its waiting list)."""
    delegate = _delegate_for(token)
    workshop = _workshop_or_404(delegate.event, workshop_id)
    services.leave(delegate, workshop, _self(delegate), utcnow())
    flash(
        _("Quý vị đã rời hội thảo «%(title)s». Cảm ơn Quý vị đã nhường chỗ.", title=workshop.title),
        "info",
    )
    return redirect(url_for("registration.personal", token=token))


# --- the registration form's section --------------------------------------------------------------

REGISTRATION_PREFIX = "workshops"


def _registration_form(event):
    """The ranking on the registration form, while choices are open and there are workshops."""
    all_workshops = services.workshops(event)
    closes_at = services.choices_close_at(event)
    if not all_workshops or utcnow() >= closes_at:
        return None
    form = choice_form(
        all_workshops,
        category_id=request.form.get("category", type=int) or None,
        prefix=REGISTRATION_PREFIX,
        meta={"csrf": False},
    )
    form.slots = services.slots(all_workshops)
    form.closes_at = closes_at
    return form


def _save_registration_choices(delegate, form) -> None:
    ranked = form.ranked_ids()
    if not ranked:
        return
    try:
        services.set_choices(delegate, ranked, _self(delegate), utcnow())
    except services.WorkshopError as error:
        flash(
            _("Chưa lưu được lựa chọn hội thảo: %(problem)s Quý vị có thể chọn lại trên trang này.",
              problem=ERRORS[error.reason][1](error.data)),
            "warning",
        )  # fmt: skip


REGISTRATION_SECTIONS = [
    FormSection(
        "workshops/_registration_choices.html",
        prefix=REGISTRATION_PREFIX,
        form=_registration_form,
        save=_save_registration_choices,
        order=20,
    )
]
