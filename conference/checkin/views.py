"""The check-in desk, the attendance board, scanning devices, and the JSON API for devices."""

from functools import wraps

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from conference.audit.services import Actor
from conference.auth.access import STAFF, public, roles_required
from conference.auth.models import Role
from conference.checkin import services
from conference.checkin.forms import DeviceForm
from conference.downloads import file_response
from conference.events.views import current_event_or_404
from conference.extensions import csrf
from conference.features import NavItem, Panel
from conference.registration.labels import STATUS_LABELS, resolved
from conference.timeutil import to_local, utcnow

bp = Blueprint("checkin", __name__, url_prefix="/checkin")
api = Blueprint("checkin_api", __name__, url_prefix="/api/v1")
csrf.exempt(api)  # devices authenticate with a bearer token, not a browser session
BLUEPRINTS = (bp, api)

DESK_ROLES = (*STAFF, Role.CHECKIN)
NAV = [
    NavItem(
        "checkin.index", _l("Bàn đón tiếp"), frozenset(DESK_ROLES), order=60, group="reception"
    ),
    NavItem("checkin.attendance", _l("Điểm danh"), frozenset(STAFF), order=65, group="reception"),
]
PANELS = [
    Panel(
        "checkin/_panel.html", frozenset(DESK_ROLES),
        lambda event: {"total": services.attendance(event)[0]}, order=30,
    ),
]  # fmt: skip
AUDIT_ACTIONS = {
    "checkin.scan": _l("Đón tiếp: đại biểu đã đến"),
    "checkin.undo": _l("Đón tiếp: hủy lượt vào nhầm"),
    "checkin.device_add": _l("Thêm thiết bị quét"),
    "checkin.device_revoke": _l("Thu hồi thiết bị quét"),
}
REFUSALS = {
    "unknown_code": _l(
        "Mã không hợp lệ: đây không phải thẻ của Hội nghị. Hãy tìm đại biểu theo tên."
    ),
    "cancelled": _l(
        "Đăng ký đã bị hủy: không đón tiếp theo thẻ này. Mời đại biểu gặp Ban tổ chức."
    ),
    "not_confirmed": _l(
        "Chưa được xác nhận tham dự (đang chờ duyệt hoặc trong danh sách chờ). Mời đại biểu gặp Ban tổ chức."
    ),
    "wrong_workshop": _l(
        "Đại biểu không có chỗ ở hội thảo này. Hội thảo của đại biểu: %(workshop)s."
    ),
    "no_workshop": _l("Đại biểu không có chỗ ở hội thảo này và chưa được xếp vào hội thảo nào."),
    "already_checked_in": _l("Đã vào lúc %(time)s tại %(desk)s."),
}


def _desk_args() -> tuple[str, str]:
    return request.values.get("point", services.PLENARY), request.values.get("desk", "").strip()[
        :60
    ] or _("Bàn 1")


def _refusal(result: services.ScanResult) -> str:
    if result.reason == "already_checked_in":
        return str(REFUSALS["already_checked_in"]) % {
            "time": to_local(result.earlier_at).strftime("%H:%M"), "desk": result.earlier_desk or "—",
        }  # fmt: skip
    if result.reason == "wrong_workshop":
        if not result.workshop:
            return str(REFUSALS["no_workshop"])
        return str(REFUSALS["wrong_workshop"]) % {"workshop": result.workshop}
    return str(REFUSALS[result.reason])


def _render_desk(event, point: str, desk: str, result: services.ScanResult | None = None):
    query = request.args.get("q", "").strip()[:100]
    try:
        current = services.point_for(event, point)
    except services.CheckInError:
        abort(404)
    return render_template(
        "checkin/desk.html",
        event=event,
        point=current,
        desk=desk,
        result=result,
        refusal=_refusal(result) if result and not result.ok else "",
        query=query,
        found=services.search(event, query, point) if query else [],
        status_labels=resolved(STATUS_LABELS),
        recent=services.recent(event, point, desk),
    )


@bp.route("/")
@roles_required(*DESK_ROLES)
def index():
    """Choose the check-in point and name this desk."""
    event = current_event_or_404()
    return render_template("checkin/index.html", event=event, points=services.points(event))


@bp.route("/desk", methods=["GET", "POST"])
@roles_required(*DESK_ROLES)
def desk():
    """Scan badges at a desk (a USB scanner types the code and Enter), or find people by name."""
    event = current_event_or_404()
    point, desk_name = _desk_args()
    result = None
    if request.method == "POST":
        actor = Actor(user=current_user)
        if request.form.get("delegate_id", type=int):
            result = services.check_in_delegate(
                event, request.form.get("delegate_id", type=int), point, desk_name, actor, utcnow()
            )
        else:
            result = services.scan(
                event, request.form.get("code", ""), point, desk_name, actor, utcnow()
            )
    return _render_desk(event, point, desk_name, result)


@bp.route("/scan", methods=["POST"])
@roles_required(*DESK_ROLES)
def scan():
    """Record a scan from the desk page's script and answer with what to show."""
    event = current_event_or_404()
    data = request.get_json(silent=True) or {}
    try:
        result = services.scan(
            event, str(data.get("code", "")), str(data.get("point", services.PLENARY)),
            str(data.get("desk", ""))[:60], Actor(user=current_user), utcnow(),
        )  # fmt: skip
    except services.CheckInError as error:
        return jsonify({"ok": False, "reason": error.reason}), 400
    payload = result.as_json()
    payload["message"] = _refusal(result) if not result.ok and result.reason else ""
    return jsonify(payload)


@bp.route("/undo/<int:check_in_id>", methods=["POST"])
@roles_required(*DESK_ROLES)
def undo(check_in_id: int):
    """Take back a check-in made by mistake."""
    event = current_event_or_404()
    point, desk_name = _desk_args()
    try:
        check_in = services.undo(event, check_in_id, Actor(user=current_user), utcnow())
    except services.CheckInError:
        flash(_("Lượt vào này đã được hủy trước đó."), "warning")
    else:
        flash(_("Đã hủy lượt vào của %(name)s.", name=check_in.delegate.full_name), "info")
    return redirect(url_for("checkin.desk", point=point, desk=desk_name))


def _figures(row: services.Attendance) -> dict:
    return {"key": row.key, "label": row.label, "arrived": row.arrived, "expected": row.expected}


@bp.route("/attendance")
@roles_required(*STAFF)
def attendance():
    """Show who has arrived at the plenary by category and at each workshop, refreshing by itself."""
    event = current_event_or_404()
    total, rows = services.attendance(event)
    workshop_rows = services.workshop_attendance(event)
    if request.args.get("format") == "json":
        return jsonify({
            "total": {"arrived": total.arrived, "expected": total.expected},
            "rows": [_figures(row) for row in rows],
            "workshops": [_figures(row) for row in workshop_rows],
        })  # fmt: skip
    return render_template(
        "checkin/attendance.html", event=event, total=total, rows=rows, workshops=workshop_rows
    )


@bp.route("/attendance.xlsx")
@roles_required(*STAFF)
def attendance_xlsx():
    """Download the attendance list."""
    return file_response(
        services.attendance_workbook(current_event_or_404(), utcnow()), "diem-danh.xlsx"
    )


@bp.route("/devices", methods=["GET", "POST"])
@roles_required(*STAFF)
def devices():
    """Add scanning devices for the JSON API and see the ones in use."""
    form = DeviceForm()
    token = None
    if form.validate_on_submit():
        device, token = services.add_device(form.name.data, Actor(user=current_user))
        flash(
            _(
                "Đã thêm thiết bị «%(name)s». Hãy chép mã truy cập ngay: mã chỉ hiện một lần.",
                name=device.name,
            ),
            "success",
        )
    return render_template(
        "checkin/devices.html", form=form, token=token, devices=services.devices()
    )


@bp.route("/devices/<int:device_id>/revoke", methods=["POST"])
@roles_required(*STAFF)
def revoke_device(device_id: int):
    """Stop a lost or retired device from recording check-ins."""
    try:
        device = services.revoke_device(device_id, Actor(user=current_user), utcnow())
    except services.CheckInError:
        abort(404)
    flash(_("Đã thu hồi thiết bị «%(name)s».", name=device.name), "info")
    return redirect(url_for("checkin.devices"))


# --- the JSON API for scanning devices (documented in docs/openapi.json) -----------------------


def device_token_required(view):
    """Let through requests that carry a valid device token (no session, no login page)."""

    @wraps(view)
    def guarded(*args, **kwargs):
        scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
        device = services.device_for_token(token) if scheme.lower() == "bearer" and token else None
        if device is None:
            return jsonify(
                {"error": "unauthorized", "message": "A valid device token is required."}
            ), 401
        return view(device, *args, **kwargs)

    # Open to everyone as far as sessions go: the token is the guard, checked above.
    return public(guarded)


@api.route("/points")
@device_token_required
def api_points(device):
    """List the check-in points a device can record."""
    event = current_event_or_404()
    return jsonify([{"code": point.code, "label": point.label} for point in services.points(event)])


@api.route("/scans", methods=["POST"])
@device_token_required
def api_scan(device):
    """Record a scan from a device."""
    event = current_event_or_404()
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not isinstance(data.get("code"), str):
        return jsonify(
            {"error": "bad_request", "message": "Send JSON with a string field 'code'."}
        ), 400
    try:
        result = services.scan(
            event, data["code"], str(data.get("point", services.PLENARY)), str(data.get("desk") or device.name),
            Actor(label=f"thiết bị: {device.name}"), utcnow(), device=device,
        )  # fmt: skip
    except services.CheckInError as error:
        return jsonify({"error": error.reason, "message": "Unknown check-in point."}), 400
    payload = result.as_json()
    payload["message"] = _refusal(result) if not result.ok and result.reason else ""
    return jsonify(payload)
