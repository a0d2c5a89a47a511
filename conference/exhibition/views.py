"""The exhibition: applications, district nominations, reviews, the floor plan and its booths,
and the public page for visitors."""

import json

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import get_locale, pgettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from conference.audit import services as audit
from conference.audit.services import Actor
from conference.auth.access import STAFF, public, roles_required
from conference.auth.models import Role
from conference.downloads import file_response
from conference.events import services as events
from conference.events.models import UnitKind
from conference.events.views import current_event_or_404
from conference.exhibition import mapview, services
from conference.exhibition.booths import FloorPlanError
from conference.exhibition.forms import (
    ApplicationForm,
    AssignForm,
    ConfirmForm,
    ExhibitorActionForm,
    InviteForm,
    PlanForm,
    PublicApplicationForm,
    ReviewForm,
)
from conference.exhibition.labels import (
    KIND_COLOURS,
    KIND_LABELS,
    NEED_LABELS,
    NEED_MISSING,
    OBSTACLE_LABELS,
    STATUS_LABELS,
    STATUS_STYLES,
    TITLE_KIND_LABELS,
    assignment_report,
    floor_plan_message,
    needs_text,
)
from conference.exhibition.models import Exhibitor, ExhibitorKind, ExhibitorStatus
from conference.exhibition.photos import PhotoError, prepare_photo
from conference.exhibition.titles import TitleKind
from conference.features import NavItem, Panel
from conference.registration.models import Honorific
from conference.timeutil import utcnow

bp = Blueprint("exhibition", __name__, url_prefix="/exhibition")

EXHIBITION_ROLES = frozenset({*STAFF, Role.UNIT})
APPLICANT = "đơn vị đăng ký (liên kết hồ sơ)"


def _panel_context(event) -> dict:
    if current_user.role == Role.UNIT:
        district = current_user.unit if _is_district(current_user.unit) else None
        if district is None:  # a department's account: nothing to nominate
            return {"counts": {}, "district": None, "no_district": True}
        return {"counts": services.status_counts(event, district.id), "district": district}
    held, total = services.booth_counts(event)
    return {"counts": services.status_counts(event), "held": held, "booths": total}


# One menu entry: the booths are a button away on the exhibitors' page and the dashboard.
NAV = [NavItem("exhibition.exhibitors", _l("Triển lãm"), EXHIBITION_ROLES, order=30)]
PANELS = [Panel("exhibition/_panel.html", EXHIBITION_ROLES, _panel_context, order=30)]
AUDIT_ACTIONS = {
    "exhibitor.submit": _l("Đăng ký tham gia triển lãm"),
    "exhibitor.nominate": _l("Quận, huyện đề xuất đơn vị triển lãm"),
    "exhibitor.invite": _l("Gửi lời mời tham gia triển lãm"),
    "exhibitor.update": _l("Sửa hồ sơ triển lãm"),
    "exhibitor.resubmit": _l("Bổ sung hồ sơ triển lãm"),
    "exhibitor.approve": _l("Duyệt đơn vị triển lãm"),
    "exhibitor.reject": _l("Không duyệt đơn vị triển lãm"),
    "exhibitor.request_changes": _l("Đề nghị bổ sung hồ sơ triển lãm"),
    "booth.assign": _l("Gán gian hàng"),
    "booth.move": _l("Chuyển gian hàng"),
    "booth.unassign": _l("Bỏ gán gian hàng"),
    "booth.pin": _l("Ghim gian hàng"),
    "booth.unpin": _l("Bỏ ghim gian hàng"),
    "booth.auto_assign": _l("Xếp gian tự động"),
    "floor_plan.update": _l("Sửa sơ đồ gian hàng"),
}

# reason → (field or None for a message at the top, message)
ERRORS = {
    "unknown_district": (
        "district",
        lambda data: _("Hãy chọn quận, huyện, thị xã trong danh sách."),
    ),
    "no_products": (None, lambda data: _("Cần ít nhất một sản phẩm được bảo hộ.")),
    "no_staff": (None, lambda data: _("Hãy ghi ít nhất một cán bộ trực gian hàng.")),
    "too_many_staff": (
        None,
        lambda data: _("Mỗi gian hàng có tối đa %(limit)d thẻ cán bộ.", limit=data["limit"]),
    ),
    "duplicate_organization": (
        "organization",
        lambda data: _(
            "Tổ chức này đã có hồ sơ tham gia triển lãm. Nếu đó là đơn vị của Quý vị, hãy mở "
            "liên kết trong email xác nhận để xem hoặc bổ sung hồ sơ."
        ),
    ),
    "other_district": (
        "district",
        lambda data: _("Tài khoản quận, huyện chỉ đề xuất đơn vị trên địa bàn của mình."),
    ),
    "locked": (
        None,
        lambda data: _(
            "Hồ sơ đã được xét duyệt nên không sửa được nữa. Nếu cần thay đổi, xin liên hệ "
            "Ban tổ chức."
        ),
    ),
    "note_required": (
        "note",
        lambda data: _(
            "Hãy ghi lý do hoặc nội dung cần bổ sung; nội dung này được gửi cho đơn vị."
        ),
    ),
    "not_allowed": (
        None,
        lambda data: _(
            "Hồ sơ đang ở trạng thái «%(status)s» nên không thực hiện được thao tác này (có thể "
            "người khác vừa xét duyệt).",
            status=STATUS_LABELS[data["status"]],
        ),
    ),
    "stale_plan": (
        None,
        lambda data: _(
            "Sơ đồ vừa được người khác lưu sau khi bạn mở trang. Bản của bạn vẫn còn trên trang "
            "này; hãy mở sơ đồ mới ở thẻ khác, so sánh rồi sửa lại."
        ),
    ),
    "held_booth_removed": (
        None,
        lambda data: _(
            "Gian %(booth)s đang được gán cho «%(holder)s» nên không thể xóa hoặc đổi mã. Hãy bỏ "
            "gán gian này trước.",
            booth=data["booth"],
            holder=data["holder"],
        ),
    ),
    "no_floor_plan": (None, lambda data: _("Chưa có sơ đồ gian hàng. Hãy vẽ sơ đồ trước.")),
    "unknown_booth": (
        "booth",
        lambda data: _("Không có gian %(booth)s trên sơ đồ.", booth=data["booth"]),
    ),
    "not_approved": (
        "exhibitor_id",
        lambda data: _("Chỉ gán gian cho đơn vị đã được duyệt."),
    ),
    "booth_taken": (
        None,
        lambda data: _(
            "Gian %(booth)s vừa được gán cho «%(holder)s». Hãy chọn gian khác, hoặc bỏ gán đơn "
            "vị đó trước.",
            booth=data["booth"],
            holder=data["holder"],
        ),
    ),
    "no_booth": (None, lambda data: _("Đơn vị này chưa có gian.")),
}
PHOTO_ERRORS = {
    "empty": lambda data: _("Tệp ảnh rỗng."),
    "too_large": lambda data: _(
        "Ảnh lớn hơn %(limit)d MB; hãy chọn ảnh nhỏ hơn.", limit=data["limit"] // (1024 * 1024)
    ),
    "not_image": lambda data: _(
        "Tệp này không phải là ảnh (dù tên tệp thế nào). Hãy chọn ảnh JPEG, PNG hoặc WebP."
    ),
    "unsupported_format": lambda data: _(
        "Ảnh dạng %(format)s không được nhận; hãy lưu lại dạng JPEG, PNG hoặc WebP.",
        format=data["format"],
    ),
    "too_many_pixels": lambda data: _("Ảnh có kích thước quá lớn (quá 40 triệu điểm ảnh)."),
}


def _staff() -> Actor:
    return Actor(user=current_user)


def _is_district(unit) -> bool:
    return unit is not None and unit.kind == UnitKind.DISTRICT


def _district_of_user():
    """The district of a unit account, or None for organizers; other units may not enter."""
    if current_user.role != Role.UNIT:
        return None
    if not _is_district(current_user.unit):
        abort(403)
    return current_user.unit


def _district_scope() -> int | None:
    district = _district_of_user()
    return district.id if district else None


def _show_error(form, error: services.ExhibitionError) -> None:
    field_name, message = ERRORS[error.reason]
    field = form[field_name] if form is not None and field_name and field_name in form else None
    if field is not None:
        field.errors.append(message(error.data))
    else:
        flash(message(error.data), "danger")


def _labels() -> dict:
    return {
        "kind_labels": KIND_LABELS,
        "kind_colours": KIND_COLOURS,
        "status_labels": STATUS_LABELS,
        "status_styles": STATUS_STYLES,
        "title_kind_labels": TITLE_KIND_LABELS,
        "need_labels": NEED_LABELS,
        "needs_text": needs_text,
    }


# --- the application form ------------------------------------------------------------------


def _form_data(exhibitor: Exhibitor) -> dict:
    """The form's fields from a saved application."""
    return {
        "organization": exhibitor.organization,
        "kind": exhibitor.kind.value,
        "district": exhibitor.district_id,
        "contact_name": exhibitor.contact_name,
        "phone": exhibitor.phone,
        "email": exhibitor.email,
        "description": exhibitor.description,
        **{name: getattr(exhibitor, name) for name in
           ("needs_electricity", "needs_extra_table", "needs_corner", "needs_double")},
        "products": [
            {"product_name": t.product_name, "kind": t.kind.value, "number": t.number,
             "holder": t.holder, "photo_ref": services.photo_ref(t.photo) if t.photo else ""}
            for t in exhibitor.titles
        ],
        "staff": [
            {"honorific": p.honorific.value, "full_name": p.full_name, "email": p.email,
             "phone": p.phone}
            for p in exhibitor.staff
        ],
    }  # fmt: skip


def _take_photos(form: ApplicationForm) -> bool:
    """Check and store each row's new photo, keeping it (signed) for the next try; say if all
    were fine. A refused photo gets its message next to its field."""
    fine = True
    for row in form.products:
        if row.remove_photo.data:
            row.photo_ref.data = ""
        upload = row.photo.data
        if upload is None or not getattr(upload, "filename", ""):
            continue
        try:
            photo = prepare_photo(upload.read(), current_app.config["EXHIBITION_PHOTO_MAX_BYTES"])
        except PhotoError as error:
            row.photo.errors = [*row.photo.errors, PHOTO_ERRORS[error.reason](error.data)]
            fine = False
        else:
            row.photo_ref.data = services.photo_ref(services.store_photo(photo))
    return fine


def _application_data(form: ApplicationForm) -> services.ApplicationData:
    return services.ApplicationData(
        organization=form.organization.data,
        kind=ExhibitorKind(form.kind.data),
        district_id=form.district.data,
        contact_name=form.contact_name.data,
        phone=form.phone.data,
        email=form.email.data,
        description=form.description.data,
        needs_electricity=form.needs_electricity.data,
        needs_extra_table=form.needs_extra_table.data,
        needs_corner=form.needs_corner.data,
        needs_double=form.needs_double.data,
        products=[
            services.ProductData(
                product_name=row.product_name.data,
                kind=TitleKind(row.kind.data),
                number=row.number.data,
                holder=row.holder.data,
                photo=services.photo_from_ref(row.photo_ref.data) if row.photo_ref.data else None,
            )
            for row in form.products
        ],
        staff=[
            services.StaffData(
                honorific=Honorific(row.honorific.data),
                full_name=row.full_name.data,
                email=row.email.data,
                phone=row.phone.data,
            )
            for row in form.staff
        ],
        language=str(get_locale()),
    )


def _read_application(form: ApplicationForm, district=None) -> services.ApplicationData | None:
    """Validate a posted application (photos included) and return its data, or None to show
    the form again with every row and photo as entered. ``district`` locks the district."""
    form.set_district_choices([district] if district else services.districts())
    if district is not None:
        form.district.data = district.id
    data = None
    if request.method == "POST" and form.add_product.data:
        _take_photos(form)
        form.products.append_entry()
    elif form.is_submitted():
        valid = form.validate()
        photos_fine = _take_photos(form)
        if valid and photos_fine:
            data = _application_data(form)
    form.fill_rows(current_app.config["EXHIBITION_STAFF_BADGES"])
    return data


def _render_form(template: str, form: ApplicationForm, **context):
    return render_template(
        template,
        form=form,
        staff_limit=current_app.config["EXHIBITION_STAFF_BADGES"],
        photo_url=_preview_url,
        **_labels(),
        **context,
    )


def _preview_url(ref: str) -> str:
    return url_for("exhibition.photo_preview", ref=ref) if ref else ""


# --- public pages ------------------------------------------------------------------------------


@bp.route("/")
@public
def public_page():
    """Show visitors the exhibition: the map and the exhibitors with their IP titles."""
    event = current_event_or_404()
    query = request.args.get("q", "").strip()[:100]
    exhibitors = services.public_exhibitors(event, query)
    found = {exhibitor.id for exhibitor in exhibitors}
    everyone = services.public_exhibitors(event) if query else exhibitors
    return render_template(
        "exhibition/public.html",
        event=event,
        exhibitors=exhibitors,
        query=query,
        hall=_hall_shape(event, everyone, highlighted=found if query else None),
        **_labels(),
    )


@bp.route("/apply", methods=["GET", "POST"])
@public
def apply():
    """Apply to exhibit, from scratch or from an invitation link that fills the form in."""
    event = current_event_or_404()
    invitation = None
    token = request.args.get("invite", "")
    if token:
        invitation = services.invitation_from_token(token)
        if invitation is None:
            flash(
                _("Liên kết mời không hợp lệ hoặc đã hết hạn; Quý vị vẫn có thể tự điền hồ sơ."),
                "warning",
            )
    inviter = events.get_unit(invitation.nominated_by_id) if invitation else None
    form = PublicApplicationForm()
    if invitation is not None and request.method == "GET":
        form.process(
            data={
                "organization": invitation.organization,
                "contact_name": invitation.contact_name,
                "email": invitation.email,
                "kind": invitation.kind.value if invitation.kind else "",
                "district": invitation.district_id,
            }
        )
    data = _read_application(form, district=inviter)
    if data is not None:
        try:
            exhibitor = services.submit(
                event, data, Actor(label=APPLICANT), utcnow(), nominated_by=inviter
            )
        except services.ExhibitionError as error:
            _show_error(form, error)
        else:
            return redirect(
                url_for(
                    "exhibition.application", token=services.application_token(exhibitor), new=1
                )
            )
    return _render_form(
        "exhibition/apply.html", form, event=event, invitation=invitation, inviter=inviter
    )


def _exhibitor_for(token: str) -> Exhibitor:
    return services.exhibitor_for_token(token) or abort(404)


@bp.route("/application/<token>")
@public
def application(token: str):
    """Show an applicant their application, its state and, once given, their booth."""
    exhibitor = _exhibitor_for(token)
    return render_template(
        "exhibition/application.html",
        exhibitor=exhibitor,
        event=exhibitor.event,
        token=token,
        editable=exhibitor.status in services.EDITABLE,
        just_submitted=request.args.get("new") == "1",
        **_labels(),
    )


@bp.route("/application/<token>/edit", methods=["GET", "POST"])
@public
def edit_application(token: str):
    """Let an applicant correct or complete their application while it is open."""
    exhibitor = _exhibitor_for(token)
    if exhibitor.status not in services.EDITABLE:
        _show_error(None, services.ExhibitionError("locked"))
        return redirect(url_for("exhibition.application", token=token))
    form = ApplicationForm(data=_form_data(exhibitor) if request.method == "GET" else None)
    district = exhibitor.nominated_by
    data = _read_application(form, district=district)
    if data is not None:
        try:
            services.update_application(exhibitor, data, Actor(label=APPLICANT), utcnow())
        except services.ExhibitionError as error:
            _show_error(form, error)
        else:
            flash(pgettext("exhibition", "Đã lưu hồ sơ."), "success")
            return redirect(url_for("exhibition.application", token=token))
    return _render_form(
        "exhibition/edit.html", form, exhibitor=exhibitor, district=district,
        cancel_url=url_for("exhibition.application", token=token),
    )  # fmt: skip


def _photo_response(path) -> Response:
    if not path.is_file():
        abort(404)
    response = send_file(path, max_age=3600)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'"
    return response


@bp.route("/photos/<int:title_id>")
@public
def photo(title_id: int):
    """Serve a product's photo: to anyone once the exhibitor is approved, before that only to
    organizers and the exhibitor's district."""
    title = services.get_title(title_id)
    if title is None or title.photo is None:
        abort(404)
    exhibitor = title.exhibitor
    if exhibitor.status != ExhibitorStatus.APPROVED:
        allowed = current_user.is_authenticated and (
            current_user.role in STAFF
            or (current_user.role == Role.UNIT and current_user.unit_id == exhibitor.district_id)
        )
        if not allowed:
            abort(404)
    return _photo_response(services.photo_path(title.photo))


@bp.route("/application/<token>/photos/<int:title_id>")
@public
def application_photo(token: str, title_id: int):
    """Serve an applicant the photo of one of their own products, whatever the state."""
    exhibitor = _exhibitor_for(token)
    title = services.get_title(title_id)
    if title is None or title.photo is None or title.exhibitor_id != exhibitor.id:
        abort(404)
    return _photo_response(services.photo_path(title.photo))


@bp.route("/photos/preview/<ref>")
@public
def photo_preview(ref: str):
    """Serve a photo the form holds by its signed reference (given only to whoever uploaded it
    or may edit the application)."""
    name = services.photo_from_ref(ref) or abort(404)
    return _photo_response(services.photo_path(name))


# --- districts and organizers: exhibitors ----------------------------------------------------------


def _filters_from_request() -> services.ExhibitorFilters:
    status, kind = request.args.get("status", ""), request.args.get("kind", "")
    return services.ExhibitorFilters(
        query=request.args.get("q", "").strip()[:100],
        status=ExhibitorStatus(status) if status in set(ExhibitorStatus) else None,
        kind=ExhibitorKind(kind) if kind in set(ExhibitorKind) else None,
        district_id=request.args.get("district", type=int),
    )


@bp.route("/exhibitors/")
@roles_required(*EXHIBITION_ROLES)
def exhibitors():
    """List exhibitors (a district sees its own) with their state, search and filters."""
    event = current_event_or_404()
    district = _district_of_user()
    filters = _filters_from_request()
    if district is not None:
        filters.district_id = district.id
    return render_template(
        "exhibition/exhibitors.html",
        event=event,
        district=district,
        exhibitors=services.exhibitor_list(event, filters),
        filters=filters,
        counts=services.status_counts(event, district.id if district else None),
        districts=services.districts() if district is None else [],
        **_labels(),
    )


@bp.route("/exhibitors/new", methods=["GET", "POST"])
@roles_required(*EXHIBITION_ROLES)
def new_exhibitor():
    """Enter an application for an exhibitor (a district nominates one of its own)."""
    event = current_event_or_404()
    district = _district_of_user()
    form = ApplicationForm()
    data = _read_application(form, district=district)
    if data is not None:
        try:
            exhibitor = services.submit(event, data, _staff(), utcnow(), nominated_by=district)
        except services.ExhibitionError as error:
            _show_error(form, error)
        else:
            flash(
                _("Đã gửi hồ sơ của «%(name)s»; đơn vị nhận email xác nhận kèm liên kết hồ sơ.",
                  name=exhibitor.organization),
                "success",
            )  # fmt: skip
            return redirect(url_for("exhibition.exhibitor", exhibitor_id=exhibitor.id))
    return _render_form(
        "exhibition/edit.html", form, exhibitor=None, district=district,
        cancel_url=url_for("exhibition.exhibitors"),
    )  # fmt: skip


def _scoped_exhibitor(exhibitor_id: int) -> Exhibitor:
    """The exhibitor, if the account may see it; 404 otherwise, so that guessing tells nothing."""
    return services.get_exhibitor(current_event_or_404(), exhibitor_id, _district_scope()) or abort(
        404
    )


@bp.route("/exhibitors/<int:exhibitor_id>")
@roles_required(*EXHIBITION_ROLES)
def exhibitor(exhibitor_id: int):
    """Show one exhibitor with its products, staff, booth and history; organizers review it."""
    exhibitor = _scoped_exhibitor(exhibitor_id)
    return render_template(
        "exhibition/exhibitor.html",
        exhibitor=exhibitor,
        review_form=ReviewForm(),
        can_review=current_user.role in STAFF,
        editable=exhibitor.status in services.EDITABLE,
        history=audit.history("exhibitor", exhibitor.id),
        application_link=services.application_link(exhibitor),
        **_labels(),
    )


@bp.route("/exhibitors/<int:exhibitor_id>/edit", methods=["GET", "POST"])
@roles_required(*EXHIBITION_ROLES)
def edit_exhibitor(exhibitor_id: int):
    """Correct an application that is still open, for the exhibitor."""
    exhibitor = _scoped_exhibitor(exhibitor_id)
    if exhibitor.status not in services.EDITABLE:
        _show_error(None, services.ExhibitionError("locked"))
        return redirect(url_for("exhibition.exhibitor", exhibitor_id=exhibitor.id))
    form = ApplicationForm(data=_form_data(exhibitor) if request.method == "GET" else None)
    district = _district_of_user() or exhibitor.nominated_by
    data = _read_application(form, district=district)
    if data is not None:
        try:
            services.update_application(exhibitor, data, _staff(), utcnow())
        except services.ExhibitionError as error:
            _show_error(form, error)
        else:
            flash(pgettext("exhibition", "Đã lưu hồ sơ."), "success")
            return redirect(url_for("exhibition.exhibitor", exhibitor_id=exhibitor.id))
    return _render_form(
        "exhibition/edit.html", form, exhibitor=exhibitor, district=district,
        cancel_url=url_for("exhibition.exhibitor", exhibitor_id=exhibitor.id),
    )  # fmt: skip


@bp.route("/exhibitors/<int:exhibitor_id>/review", methods=["POST"])
@roles_required(*STAFF)
def review(exhibitor_id: int):
    """Approve, reject or send back an application; the applicant is e-mailed."""
    exhibitor = _scoped_exhibitor(exhibitor_id)
    form = ReviewForm()
    if not form.validate_on_submit():
        flash(_("Hãy chọn một quyết định."), "warning")
    else:
        try:
            services.review(exhibitor, form.action.data, _staff(), utcnow(), form.note.data)
        except services.ExhibitionError as error:
            _show_error(None, error)
        else:
            flash(
                _("«%(name)s»: %(status)s. Đơn vị đã được gửi email thông báo.",
                  name=exhibitor.organization, status=STATUS_LABELS[exhibitor.status]),
                "success",
            )  # fmt: skip
    return redirect(url_for("exhibition.exhibitor", exhibitor_id=exhibitor.id))


@bp.route("/exhibitors/invite", methods=["GET", "POST"])
@roles_required(*EXHIBITION_ROLES)
def invite():
    """E-mail an organisation a link to the application form, filled in."""
    event = current_event_or_404()
    district = _district_of_user()
    form = InviteForm()
    form.set_district_choices([district] if district else services.districts(), bool(district))
    if form.validate_on_submit():
        data = services.InvitationData(
            organization=form.organization.data,
            email=form.email.data,
            contact_name=form.contact_name.data,
            kind=ExhibitorKind(form.kind.data) if form.kind.data else None,
            district_id=district.id if district else (form.district.data or None),
            nominated_by_id=district.id if district else None,
        )
        try:
            services.invite(event, data, _staff())
        except services.ExhibitionError as error:
            _show_error(form, error)
        else:
            flash(
                _("Đã gửi lời mời tới %(email)s; liên kết trong thư mở hồ sơ đã điền sẵn.",
                  email=data.email),
                "success",
            )  # fmt: skip
            return redirect(url_for("exhibition.exhibitors"))
    return render_template("exhibition/invite.html", form=form, district=district)


@bp.route("/exhibitors/export.xlsx")
@roles_required(*STAFF)
def export_xlsx():
    """Download the exhibitor list, with their products and titles, as an Excel workbook."""
    content = services.exhibitors_workbook(
        current_event_or_404(), _filters_from_request(), utcnow()
    )
    return file_response(content, "don-vi-trien-lam.xlsx")


# --- organizers: the floor plan and the booths ---------------------------------------------------


def _hall_shape(event, exhibitors, highlighted: set[int] | None = None) -> mapview.HallShape:
    """The plan with its holders, for the SVG; ``highlighted`` picks out search results."""
    held = {
        exhibitor.booth.booth_code: mapview.Holder(
            id=exhibitor.id,
            name=exhibitor.organization,
            kind=exhibitor.kind.value,
            colour=KIND_COLOURS[exhibitor.kind],
            highlighted=highlighted is None or exhibitor.id in highlighted,
        )
        for exhibitor in exhibitors
        if exhibitor.booth is not None
    }
    obstacle_labels = {key: str(label) for key, label in OBSTACLE_LABELS.items()}
    return mapview.hall_shape(services.floor_plan(event), held, obstacle_labels)


@bp.route("/booths")
@roles_required(*STAFF)
def booths():
    """Show the floor plan with who holds each booth; assign by hand or automatically."""
    event = current_event_or_404()
    approved = services.exhibitor_list(
        event, services.ExhibitorFilters(status=ExhibitorStatus.APPROVED)
    )
    plan = services.floor_plan(event)
    taken = {exhibitor.booth.booth_code for exhibitor in approved if exhibitor.booth}
    return render_template(
        "exhibition/booths.html",
        event=event,
        exhibitors=approved,
        plan=plan,
        free_booths=[booth for booth in plan.booths if booth.code not in taken],
        hall=_hall_shape(event, approved),
        form=ConfirmForm(),
        waiting=sum(1 for exhibitor in approved if exhibitor.booth is None),
        **_labels(),
    )


def _back_to_booths():
    return redirect(url_for("exhibition.booths"))


@bp.route("/booths/assign", methods=["POST"])
@roles_required(*STAFF)
def assign():
    """Give an exhibitor a booth by hand (from the selects, or by dropping it on the map)."""
    event = current_event_or_404()
    form = AssignForm()
    if not form.validate_on_submit():
        flash(_("Hãy chọn một đơn vị và một gian."), "warning")
        return _back_to_booths()
    try:
        exhibitor = services.assign_booth(
            event, form.exhibitor_id.data, form.booth.data, _staff(), utcnow()
        )
    except services.ExhibitionError as error:
        _show_error(None, error)
        return _back_to_booths()
    code = exhibitor.booth.booth_code
    flash(
        _("«%(name)s» ở gian %(booth)s (đã ghim: xếp tự động sẽ giữ nguyên).",
          name=exhibitor.organization, booth=code),
        "success",
    )  # fmt: skip
    missing = services.missing_needs(services.floor_plan(event), exhibitor, code)
    if missing:
        flash(
            _("Lưu ý: gian %(booth)s %(missing)s, trong khi đơn vị yêu cầu %(needs)s.",
              booth=code, missing=", ".join(str(NEED_MISSING[n]) for n in missing),
              needs=needs_text(exhibitor.needs)),
            "warning",
        )  # fmt: skip
    return _back_to_booths()


@bp.route("/booths/unassign", methods=["POST"])
@roles_required(*STAFF)
def unassign():
    """Take an exhibitor's booth away."""
    form = ExhibitorActionForm()
    if form.validate_on_submit():
        try:
            exhibitor = services.unassign_booth(
                current_event_or_404(), form.exhibitor_id.data, _staff()
            )
        except services.ExhibitionError as error:
            _show_error(None, error)
        else:
            flash(
                _("Đã bỏ gán gian của «%(name)s» và gửi email báo cho đơn vị.",
                  name=exhibitor.organization),
                "success",
            )  # fmt: skip
    return _back_to_booths()


@bp.route("/booths/pin", methods=["POST"])
@roles_required(*STAFF)
def pin():
    """Pin an exhibitor to its booth, or let automatic assignment move it again."""
    form = ExhibitorActionForm()
    pinned = request.form.get("pinned") == "1"
    if form.validate_on_submit():
        try:
            services.set_pinned(current_event_or_404(), form.exhibitor_id.data, pinned, _staff())
        except services.ExhibitionError as error:
            _show_error(None, error)
    return _back_to_booths()


@bp.route("/booths/auto", methods=["POST"])
@roles_required(*STAFF)
def auto_assign():
    """Place the exhibitors without a booth automatically, or everyone but the pinned ones."""
    event = current_event_or_404()
    if ConfirmForm().validate_on_submit():
        try:
            outcome = services.auto_assign(
                event, _staff(), utcnow(), reassign_all=request.form.get("scope") == "all"
            )
        except services.ExhibitionError as error:
            _show_error(None, error)
        else:
            for category, message in assignment_report(outcome):
                flash(message, category)
    return _back_to_booths()


def _plan_error_page(form: PlanForm, event, message: str):
    flash(message, "danger")
    return _render_plan_editor(form, event), 422


def _render_plan_editor(form: PlanForm, event):
    held = services.holders(event)
    return render_template(
        "exhibition/plan_edit.html",
        form=form,
        event=event,
        held={code: exhibitor.organization for code, exhibitor in held.items()},
        obstacle_labels={key: str(label) for key, label in OBSTACLE_LABELS.items()},
    )


@bp.route("/plan", methods=["GET", "POST"])
@roles_required(*STAFF)
def edit_plan():
    """Draw the hall: booths (code, size, corner, power) and obstacles, on a grid."""
    event = current_event_or_404()
    form = PlanForm()
    if request.method == "GET":
        row = services.hall(event)
        form.plan.data = json.dumps(
            services.floor_plan(event).to_dict(), ensure_ascii=False, indent=1
        )
        form.version.data = row.version if row else 0
    elif form.validate_on_submit():
        try:
            data = json.loads(form.plan.data)
            if not isinstance(data, dict):
                raise FloorPlanError("malformed")
            services.save_floor_plan(event, data, form.version.data, _staff(), utcnow())
        except json.JSONDecodeError:
            return _plan_error_page(form, event, floor_plan_message(FloorPlanError("malformed")))
        except FloorPlanError as error:
            return _plan_error_page(form, event, floor_plan_message(error))
        except services.ExhibitionError as error:
            return _plan_error_page(form, event, ERRORS[error.reason][1](error.data))
        flash(_("Đã lưu sơ đồ gian hàng."), "success")
        return redirect(url_for("exhibition.booths"))
    return _render_plan_editor(form, event)


@bp.route("/plan.pdf")
@roles_required(*STAFF)
def plan_pdf():
    """Download the printable floor plan with the exhibitors' names and the list of booths."""
    return file_response(
        services.floor_plan_pdf(current_event_or_404(), utcnow()), "so-do-gian-hang.pdf"
    )
