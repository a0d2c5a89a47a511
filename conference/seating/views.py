"""Seating: rooms and their layouts, the seat plans, hand corrections and the printouts."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from conference.audit.services import Actor
from conference.auth.access import STAFF, roles_required
from conference.downloads import file_response
from conference.events.views import current_event_or_404
from conference.features import NavItem, Panel
from conference.nominations import services as nominations
from conference.registration import services as registration
from conference.registration.labels import HONORIFIC_LABELS
from conference.seating import planner, services
from conference.seating.forms import (
    ExchangeForm,
    PlaceForm,
    PlenaryRoomForm,
    RoomForm,
    SeatForm,
    order_form,
)
from conference.timeutil import utcnow

bp = Blueprint("seating", __name__, url_prefix="/seating")

NAV = [NavItem("seating.index", _l("Chỗ ngồi"), frozenset(STAFF), order=35, group="programme")]
AUDIT_ACTIONS = {
    "room.create": _l("Thêm phòng"),
    "room.update": _l("Sửa phòng, sơ đồ ghế"),
    "room.delete": _l("Xóa phòng"),
    "seating.plenary_room": _l("Chọn phòng họp toàn thể"),
    "seating.plan": _l("Xếp chỗ ngồi"),
    "seating.move": _l("Chuyển chỗ ngồi"),
    "seating.swap": _l("Đổi chỗ ngồi"),
    "seating.lock": _l("Khóa chỗ ngồi"),
    "seating.unlock": _l("Mở khóa chỗ ngồi"),
    "seating.order": _l("Sắp thứ tự nghi lễ"),
}
PANELS = [
    Panel(
        "seating/_panel.html", frozenset(STAFF),
        lambda event: {"lines": services.plan_lines(event)}, order=35,
    )
]  # fmt: skip
DELEGATE_DATA = [
    lambda delegate: {
        "seats": [
            {"where": seat.title, "room": seat.room.name, "seat": seat.seat}
            for seat in services.delegate_seats(delegate)
        ]
    }
]
DELEGATE_PANELS = [
    Panel(
        "seating/_delegate_panel.html",
        context=lambda delegate: {"seats": services.delegate_seats(delegate)},
        order=25,
    )
]

LAYOUT_PROBLEMS = {
    "rows_missing": _l("cần ít nhất một hàng ghế"),
    "row_label_invalid": _l("tên hàng chỉ gồm chữ cái"),
    "row_label_repeated": _l("có hai hàng trùng tên"),
    "seats_invalid": _l("mỗi hàng có từ 1 đến 500 ghế"),
    "aisle_invalid": _l("lối đi phải nằm giữa hai ghế của hàng dài nhất"),
    "blocked_seat_unknown": _l("ghế không sử dụng phải là ghế có trong sơ đồ"),
    "seat_label_invalid": _l("số ghế viết dạng A12"),
    "layout_malformed": _l("sơ đồ không đọc được"),
}
ERRORS = {
    "layout_invalid": lambda data: _(
        "Sơ đồ chưa hợp lệ: %(problem)s (%(subject)s).",
        problem=LAYOUT_PROBLEMS.get(data["detail"], data["detail"]),
        subject=data["subject"] if data["subject"] is not None else "—",
    ),
    "seats_in_use": lambda data: _(
        "Không thể bỏ các ghế %(seats)s: đã có người ngồi. Hãy chuyển họ sang ghế khác trước.",
        seats=data["seats"],
    ),
    "below_workshop_capacity": lambda data: _(
        "Hội thảo «%(title)s» có %(capacity)d chỗ trong phòng này; sơ đồ cần ít nhất chừng ấy ghế.",
        title=data["title"],
        capacity=data["capacity"],
    ),
    "name_taken": lambda data: _("Đã có phòng cùng tên."),
    "room_in_use": lambda data: _(
        "Không thể xóa: hội thảo «%(title)s» diễn ra ở phòng này.", title=data["title"]
    ),
    "room_is_plenary": lambda data: _("Không thể xóa: đây là phòng họp toàn thể."),
    "plan_failed": lambda data: _(
        "Không xếp được chỗ cho «%(title)s» (%(detail)s).",
        title=data["title"],
        detail=data["detail"],
    ),
    "seat_blocked": lambda data: _("Ghế %(seat)s không sử dụng.", seat=data["seat"]),
    "seat_unknown": lambda data: _("Không có ghế %(seat)s trong phòng này.", seat=data["seat"]),
    "seat_taken": lambda data: _(
        "Ghế %(seat)s đã có %(name)s ngồi; hãy dùng «Đổi chỗ».",
        seat=data["seat"],
        name=data["name"],
    ),
    "seat_conflict": lambda data: _(
        "Ghế %(seat)s vừa được người khác xếp cho một đại biểu khác. Sơ đồ đã được tải lại; "
        "hãy xem lại rồi chọn ghế khác.",
        seat=data["seat"],
    ),
    "same_seat": lambda data: _("Hãy chọn hai ghế khác nhau."),
    "both_free": lambda data: _(
        "Cả hai ghế %(first)s và %(second)s đều trống; không có ai để đổi.",
        first=data["first"],
        second=data["second"],
    ),
    "seat_free": lambda data: _("Ghế %(seat)s đang trống.", seat=data["seat"]),
    "not_in_audience": lambda data: _("Đại biểu này không thuộc danh sách của sơ đồ này."),
}
PLANNER_NOTES = {
    "award_block_split": _l(
        "Không còn khối ghế liền nhau sát lối đi đủ cho mọi người nhận khen thưởng; họ được xếp "
        "theo thứ tự nghi lễ."
    ),
}


def _staff() -> Actor:
    return Actor(user=current_user)


def _flash_error(error: services.SeatingError) -> None:
    flash(ERRORS[error.reason](error.data), "danger")


def _plan_or_404(event, plan_id: int):
    plan = services.get_plan(event, plan_id)
    if plan is None or plan.room is None:
        abort(404)
    return plan


def _flash_reports(reports) -> None:
    for report in reports:
        message = _("«%(title)s»: đã xếp %(seated)d chỗ.", title=report.title, seated=report.seated)
        if report.unseated:
            message += " " + _(
                "%(count)d người chưa có chỗ vì phòng đã kín ghế.", count=len(report.unseated)
            )
        flash(message, "warning" if report.unseated else "success")
        for note in report.notes:
            flash(PLANNER_NOTES.get(note, note), "warning")


# --- overview and rooms -----------------------------------------------------------------------------


@bp.route("/")
@roles_required(*STAFF)
def index():
    """List the seat plans (plenary and workshops) and the rooms."""
    event = current_event_or_404()
    plenary_form = PlenaryRoomForm()
    plenary = services.plenary_plan(event)
    rooms = services.rooms(event)
    plenary_form.set_choices(rooms)
    if plenary is not None:
        plenary_form.room_id.data = plenary.room_id
    return render_template(
        "seating/index.html",
        event=event,
        lines=services.plan_lines(event),
        rooms=rooms,
        plenary=plenary,
        plenary_form=plenary_form,
    )


@bp.route("/plenary-room", methods=["POST"])
@roles_required(*STAFF)
def plenary_room():
    """Choose the room the plenary is held in."""
    event = current_event_or_404()
    form = PlenaryRoomForm()
    room = services.get_room(event, form.room_id.data) if form.validate_on_submit() else None
    if room is None:
        abort(400)
    services.set_plenary_room(event, room, _staff())
    flash(_("Hội nghị toàn thể họp tại %(room)s.", room=room.name), "success")
    return redirect(url_for("seating.index"))


@bp.route("/plan", methods=["POST"])
@roles_required(*STAFF)
def plan():
    """Seat the plenary by protocol and each workshop in allocation order, keeping locked seats."""
    event = current_event_or_404()
    try:
        reports = services.plan_seating(event, _staff(), utcnow())
    except services.SeatingError as error:
        _flash_error(error)
    else:
        _flash_reports(reports)
    return redirect(url_for("seating.index"))


@bp.route("/rooms/new", methods=["GET", "POST"])
@bp.route("/rooms/<int:room_id>", methods=["GET", "POST"])
@roles_required(*STAFF)
def room(room_id: int | None = None):
    """Add a room or edit its seat layout (rows, seats per row, aisles, blocked seats)."""
    event = current_event_or_404()
    room = services.get_room(event, room_id) if room_id else None
    if room_id and room is None:
        abort(404)
    if request.method == "POST":
        form = RoomForm()
    elif room is not None:
        form = RoomForm.for_layout(room.layout, name=room.name, location=room.location)
    else:
        form = RoomForm(rows=5, seats_per_row=10, aisles_after="5")
    preview, problem = None, None
    if form.validate_on_submit():
        try:
            layout = planner.layout_from_dict(form.layout())
            if "save" in request.form:
                saved = services.save_room(
                    event, _staff(), form.name.data, form.location.data, form.layout(), room
                )
                flash(
                    _("Đã lưu phòng «%(name)s» (%(count)d ghế).", name=saved.name, count=saved.capacity),
                    "success",
                )  # fmt: skip
                return redirect(url_for("seating.room", room_id=saved.id))
        except planner.SeatingError as error:
            problem = ERRORS["layout_invalid"]({"detail": error.reason, "subject": error.subject})
        except services.SeatingError as error:
            problem = ERRORS[error.reason](error.data)
        else:
            preview = layout
    elif room is not None and request.method == "GET":
        preview = planner.layout_from_dict(room.layout)
    return render_template(
        "seating/room.html",
        event=event,
        room=room,
        form=form,
        problem=problem,
        preview=services.layout_svg(preview, form.name.data or "") if preview else None,
        capacity=preview.capacity if preview else None,
    )


@bp.route("/rooms/<int:room_id>/delete", methods=["POST"])
@roles_required(*STAFF)
def delete_room(room_id: int):
    """Remove a room that nothing uses."""
    event = current_event_or_404()
    room = services.get_room(event, room_id) or abort(404)
    name = room.name
    try:
        services.delete_room(room, _staff())
    except services.SeatingError as error:
        _flash_error(error)
        return redirect(url_for("seating.room", room_id=room_id))
    flash(_("Đã xóa phòng «%(name)s».", name=name), "success")
    return redirect(url_for("seating.index"))


# --- one plan -------------------------------------------------------------------------------------


@bp.route("/plans/<int:plan_id>")
@roles_required(*STAFF)
def seat_map(plan_id: int):
    """Show a seat map with its legend, and the tools to swap, move, lock and mark seats."""
    event = current_event_or_404()
    plan = _plan_or_404(event, plan_id)
    page = services.plan_page(plan)
    place_form = PlaceForm()
    place_form.set_choices(page.unseated)
    return render_template(
        "seating/seat_map.html",
        event=event,
        page=page,
        svg=services.plan_svg(page),
        exchange_form=ExchangeForm(),
        place_form=place_form,
        honorific_labels=HONORIFIC_LABELS,
    )


def _back(plan) -> Response:
    return redirect(url_for("seating.seat_map", plan_id=plan.id))


def _exchange_message(changes: list[services.SeatChange]) -> str:
    if len(changes) == 1:
        (moved,) = changes
        return _(
            "Đã chuyển %(name)s sang ghế %(seat)s. Chỗ này đã được khóa.",
            name=moved.delegate.full_name, seat=moved.seat,
        )  # fmt: skip
    one, other = changes
    return _(
        "Đã đổi chỗ %(first)s (nay ở ghế %(first_seat)s) và %(second)s (nay ở ghế "
        "%(second_seat)s). Hai chỗ này đã được khóa.",
        first=one.delegate.full_name, first_seat=one.seat,
        second=other.delegate.full_name, second_seat=other.seat,
    )  # fmt: skip


@bp.route("/plans/<int:plan_id>/exchange", methods=["POST"])
@roles_required(*STAFF)
def exchange(plan_id: int):
    """Swap the people in two seats, or move someone to a free seat."""
    event = current_event_or_404()
    plan = _plan_or_404(event, plan_id)
    form = ExchangeForm()
    if form.validate_on_submit():
        try:
            changes = services.exchange(plan, form.first.data, form.second.data, _staff())
        except services.SeatingError as error:
            _flash_error(error)
        else:
            flash(_exchange_message(changes), "success")
    else:
        flash(_("Hãy nhập số của hai ghế, ví dụ A5 và B7."), "warning")
    return _back(plan)


@bp.route("/plans/<int:plan_id>/place", methods=["POST"])
@roles_required(*STAFF)
def place(plan_id: int):
    """Put someone without a seat into a free seat."""
    event = current_event_or_404()
    plan = _plan_or_404(event, plan_id)
    form = PlaceForm()
    delegate = registration.get_delegate(event, form.delegate_id.data or 0)
    if form.validate_on_submit() and delegate is not None:
        try:
            services.place(plan, delegate, form.seat.data, _staff())
        except services.SeatingError as error:
            _flash_error(error)
        else:
            flash(
                _("Đã xếp %(name)s vào ghế %(seat)s.", name=delegate.full_name,
                  seat=form.seat.data.upper()),
                "success",
            )  # fmt: skip
    else:
        flash(_("Hãy chọn đại biểu và nhập số ghế."), "warning")
    return _back(plan)


@bp.route("/plans/<int:plan_id>/lock", methods=["POST"])
@roles_required(*STAFF)
def lock(plan_id: int):
    """Lock a seat so that planning again keeps it, or unlock it."""
    event = current_event_or_404()
    plan = _plan_or_404(event, plan_id)
    form = SeatForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        services.set_locked(plan, form.seat.data, form.locked.data == "1", _staff())
    except services.SeatingError as error:
        _flash_error(error)
    return _back(plan)


@bp.route("/plans/<int:plan_id>/newcomers", methods=["POST"])
@roles_required(*STAFF)
def newcomers(plan_id: int):
    """Seat those without a seat in free seats, moving nobody else."""
    event = current_event_or_404()
    plan = _plan_or_404(event, plan_id)
    try:
        report = services.seat_newcomers(plan, _staff(), utcnow())
    except services.SeatingError as error:
        _flash_error(error)
    else:
        _flash_reports([report])
    return _back(plan)


@bp.route("/plans/<int:plan_id>/plan.pdf")
@roles_required(*STAFF)
def plan_pdf(plan_id: int):
    """Download the printed seat plan (sơ đồ chỗ ngồi) with its legend and the list by name."""
    event = current_event_or_404()
    plan = _plan_or_404(event, plan_id)
    return file_response(
        services.plan_pdf(services.plan_page(plan), utcnow()),
        f"so-do-cho-ngoi-{plan.id}.pdf",
        inline=True,
    )


@bp.route("/plans/<int:plan_id>/name-cards.pdf")
@roles_required(*STAFF)
def name_cards(plan_id: int):
    """Download table name cards (biển tên) for the front rows' guests."""
    event = current_event_or_404()
    plan = _plan_or_404(event, plan_id)
    return file_response(
        services.name_cards_pdf(services.plan_page(plan)), "bien-ten.pdf", inline=True
    )


@bp.route("/protocol", methods=["GET", "POST"])
@roles_required(*STAFF)
def protocol():
    """Set the plenary's order of the front rows' guests together, or of one category's delegates."""
    event = current_event_or_404()
    groups = services.protocol_groups(event)
    category_id = request.args.get("category", type=int)
    group = next(
        (g for g in groups if any(c.id == category_id for c in g.categories)),
        next(iter(groups), None),
    )
    if group is None:
        abort(404)
    entries = services.protocol_list(event, group)
    form = order_form(entries)
    if form.validate_on_submit():
        services.set_protocol_order(event, form.orders(), _staff())
        flash(_("Đã lưu thứ tự; hãy xếp chỗ lại để áp dụng."), "success")
        return redirect(url_for("seating.protocol", category=group.categories[0].id))
    return render_template(
        "seating/protocol.html",
        event=event,
        groups=groups,
        group=group,
        entries=entries,
        form=form,
        awards=nominations.award_recipient_ids(event),
        seats=services.plenary_seats(event),
    )
