"""Registration: the public form, the delegate's personal page, the organizers' lists and invitations."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    get_template_attribute,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm import joinedload
from wtforms.fields.choices import SelectChoice

from conference.audit import services as audit
from conference.audit.services import Actor
from conference.auth.access import STAFF, public, roles_required
from conference.downloads import file_response
from conference.events.models import Event
from conference.events.views import current_event_or_404
from conference.features import NavItem, Panel
from conference.fields import add_error
from conference.nominations import services as nominations
from conference.registration import services
from conference.registration.forms import (
    BulkForm,
    CategoryForm,
    DecisionForm,
    DetailsForm,
    ImportForm,
    InviteForm,
    RegistrationForm,
    ResendLinkForm,
)
from conference.registration.invitees import InviteeRow, read_invitees
from conference.registration.labels import HONORIFIC_LABELS, STATUS_LABELS, resolved
from conference.registration.models import DelegateStatus, Honorific
from conference.seating import services as seating
from conference.spreadsheets import UnreadableFile
from conference.timeutil import utcnow
from conference.workshops import services as workshops

bp = Blueprint("registration", __name__)

NAV = [
    NavItem(
        "registration.delegates",
        _l("Danh sách đại biểu"),
        frozenset(STAFF),
        order=20,
        group="delegates",
    ),
    NavItem(
        "registration.invitations", _l("Thư mời"), frozenset(STAFF), order=25, group="delegates"
    ),
]
AUDIT_ACTIONS = {
    "delegate.register": _l("Đăng ký tham dự"),
    "delegate.exhibition_staff": _l("Ghi danh cán bộ trực gian hàng"),
    "delegate.approve": _l("Duyệt đại biểu"),
    "delegate.decline": _l("Không duyệt đại biểu"),
    "delegate.cancel": _l("Hủy đăng ký"),
    "delegate.promote": _l("Chuyển từ danh sách chờ sang xác nhận"),
    "delegate.edit": _l("Sửa thông tin đại biểu"),
    "delegate.erase": _l("Xóa dữ liệu cá nhân"),
    "event.capacity": _l("Đổi số chỗ của hội nghị"),
    "invitation.create": _l("Gửi thư mời"),
    "invitation.import": _l("Nhập danh sách khách mời"),
    "invitation.resend": _l("Gửi lại thư mời"),
    "invitation.withdraw": _l("Thu hồi thư mời"),
    "delegate.rejoin": _l("Đăng ký lại sau khi hủy"),
    "delegate.prioritize": _l("Đưa lên đầu danh sách chờ"),
    "delegate.category": _l("Chuyển thành phần"),
}
PANELS = [
    Panel(
        "registration/_panel.html", frozenset(STAFF),
        lambda event: {
            "counts": services.counts(event),
            "free": services.free_places(event),
            "taken": services.confirmed_count(event),
        },
        order=10,
    ),
]  # fmt: skip

# reason → (field or None for a message at the top, message)
REGISTRATION_ERRORS = {
    "not_open": (None, lambda data: _("Chưa đến thời gian đăng ký.")),
    "closed": (None, lambda data: _("Đã hết hạn đăng ký.")),
    "invalid_code": (
        "invitation_code",
        lambda data: _("Mã mời không đúng. Hãy kiểm tra mã trong thư mời (dạng ABCD-EFGH)."),
    ),
    "code_used": (
        "invitation_code",
        lambda data: _(
            "Mã mời này đã được dùng để đăng ký. Nếu đó là Quý vị, hãy mở liên kết cá nhân "
            "trong email xác nhận, hoặc yêu cầu gửi lại liên kết."
        ),
    ),
    "code_expired": ("invitation_code", lambda data: _("Mã mời đã hết hạn.")),
    "unknown_category": ("category", lambda data: _("Hãy chọn thành phần tham dự.")),
    "invitation_required": (
        "category",
        lambda data: _(
            "Thành phần «%(category)s» chỉ dành cho khách mời: hãy nhập mã mời in trong thư mời.",
            category=data["category"],
        ),
    ),
    "duplicate_email": (
        "email",
        lambda data: _(
            "Email này đã được dùng để đăng ký. Hãy mở liên kết cá nhân đã gửi tới email đó, "
            "hoặc yêu cầu gửi lại liên kết."
        ),
    ),
    "already_withdrawn": (None, lambda data: _("Đăng ký này đã được hủy trước đó.")),
    "cancelled_before": (
        "email",
        lambda data: _(
            "Email này thuộc một đăng ký đã hủy. Hãy mở liên kết cá nhân trong email của Ban tổ "
            "chức (hoặc yêu cầu gửi lại liên kết) rồi chọn «Đăng ký lại»."
        ),
    ),
    "not_cancelled": (None, lambda data: _("Đăng ký của Quý vị đang còn hiệu lực, không cần đăng ký lại.")),
    "not_waiting": (None, lambda data: _("Đại biểu này không còn trong danh sách chờ.")),
    "reason_required": (
        "reason",
        lambda data: _("Hãy ghi lý do: đại biểu sẽ nhận được lý do này trong email."),
    ),
    "no_free_place": (
        "category",
        lambda data: _(
            "Hội trường đã hết chỗ: chưa thể chuyển đại biểu đã xác nhận sang thành phần có chỗ ngồi."
        ),
    ),
    "already_invited": ("email", lambda data: _("Người có email này đã được mời.")),
    "already_registered": ("email", lambda data: _("Người có email này đã đăng ký tham dự.")),
}
COLUMN_LABELS = {
    "full_name": _l("Họ và tên"),
    "position": _l("Chức vụ"),
    "organization": _l("Đơn vị"),
    "category": _l("Thành phần"),
    "email": _l("Email"),
    "honorific": _l("Danh xưng"),
    "": "",
}
ROW_ERRORS = {
    "missing": lambda error: _("thiếu %(column)s", column=COLUMN_LABELS[error.column]),
    "missing_column": lambda error: _(
        "không có cột «%(column)s» ở dòng tiêu đề", column=COLUMN_LABELS[error.column]
    ),
    "too_long": lambda error: _("%(column)s quá dài", column=COLUMN_LABELS[error.column]),
    "control_characters": lambda error: _(
        "%(column)s có ký tự điều khiển hoặc ký tự ẩn", column=COLUMN_LABELS[error.column]
    ),
    "invalid_email": lambda error: _("email «%(value)s» không hợp lệ", value=error.value),
    "duplicate_in_file": lambda error: _(
        "email trùng với dòng %(line)s trong tệp", line=error.value
    ),
    "invalid_honorific": lambda error: _(
        "danh xưng «%(value)s» không rõ (dùng Ông hoặc Bà)", value=error.value
    ),
    "too_many_rows": lambda error: _("tệp có quá %(value)s dòng", value=error.value),
    "unknown_category": lambda error: _(
        "thành phần «%(value)s» không có trong danh mục", value=error.value
    ),
    "already_invited": lambda error: _("«%(value)s» đã được mời trước đó", value=error.value),
    "already_registered": lambda error: _("«%(value)s» đã đăng ký tham dự", value=error.value),
}
FILE_ERRORS = {
    "not_xlsx": _l("Không đọc được tệp XLSX. Hãy mở tệp trong Excel và lưu lại dạng .xlsx."),
    "not_utf8": _l(
        "Tệp CSV không ở dạng UTF-8. Trong Excel, hãy chọn «Lưu dưới dạng» → «CSV UTF-8»."
    ),
    "unknown_type": _l("Chỉ nhận tệp .xlsx hoặc .csv."),
    "empty": _l("Tệp không có dòng dữ liệu nào."),
}


def _show_error(form, error: services.RegistrationError) -> None:
    field_name, message = REGISTRATION_ERRORS[error.reason]
    field = form[field_name] if form is not None and field_name and field_name in form else None
    if field is not None:
        add_error(field, message(error.data))
    else:
        flash(message(error.data), "danger")


def _delegate_for(token: str):
    delegate = services.delegate_for_token(token)
    if delegate is None:
        abort(404)
    return delegate


def _self(delegate) -> Actor:
    return Actor(label=f"{services.SELF}: {delegate.full_name}")


def _staff() -> Actor:
    return Actor(user=current_user)


# --- delegates ---------------------------------------------------------------------------------


def _invitation_prefill(invitation) -> dict:
    return {
        "honorific": invitation.honorific.value if invitation.honorific else None,
        "full_name": invitation.full_name,
        "position": invitation.position,
        "organization": invitation.organization,
        "email": invitation.email,
        "invitation_code": invitation.code,
        "category": invitation.category_id,
    }


@bp.route("/register", methods=["GET", "POST"])
@public
def register():
    """Register for the conference, with an invitation code or without."""
    event = current_event_or_404(joinedload(Event.categories))
    now = utcnow()
    form = RegistrationForm()
    code = form.invitation_code.data if request.method == "POST" else request.args.get("code", "")
    invitation = None
    if code:
        try:
            invitation = services.invitation_for_code(event, code, now)
        except services.RegistrationError as error:
            if request.method == "GET":  # a POST gets the same message from the service
                _show_error(form, error)
    if invitation is not None and request.method == "GET":
        form.process(data=_invitation_prefill(invitation))
    form.set_category_choices(
        [
            c
            for c in event.categories
            if not c.invitation_only or c == getattr(invitation, "category", None)
        ]
    )
    state = event.registration_state(now)
    submitted = state == "open" and form.is_submitted()
    registry = current_app.extensions["registration_sections"]
    answered = {
        section: section_form
        for section in registry
        if submitted
        and section.answered(request.form)
        and (section_form := section.form(event)) is not None
    }
    # Every form is validated, so that all the messages show at once.
    if submitted and all([form.validate(), *(f.validate() for f in answered.values())]):
        data = services.RegistrationData(
            honorific=Honorific(form.honorific.data),
            full_name=form.full_name.data,
            position=form.position.data,
            organization=form.organization.data,
            category_id=form.category.data or None,
            email=form.email.data,
            phone=form.phone.data,
            notes=form.notes.data,
            language=str(get_locale()),
            invitation_code=form.invitation_code.data,
        )
        try:
            registration = services.register(event, data, now)
        except services.RegistrationError as error:
            _show_error(form, error)
        else:
            for section, section_form in answered.items():
                section.save(registration.delegate, section_form)
            return redirect(url_for("registration.personal", token=registration.token, new=1))
    sections = [
        (section, section_form)
        for section in registry
        if (section_form := answered[section] if section in answered else section.form(event))
        is not None
    ]
    return render_template(
        "registration/register.html", form=form, event=event, state=state,
        invitation=invitation, sections=sections,
    )  # fmt: skip


@bp.route("/register/link", methods=["GET", "POST"])
@public
def resend_link():
    """Send a delegate their personal link again."""
    event = current_event_or_404()
    form = ResendLinkForm()
    if form.validate_on_submit():
        services.resend_personal_link(event, form.email.data)
        flash(
            _(
                "Nếu email này đã đăng ký, liên kết cá nhân vừa được gửi tới đó. Hãy kiểm tra cả thư mục thư rác."
            ),
            "info",
        )
        return redirect(url_for("registration.resend_link"))
    return render_template("registration/resend_link.html", form=form, event=event)


@bp.route("/me/<token>")
@public
def personal(token: str):
    """Show a delegate their registration, its state and what they can do."""
    delegate = _delegate_for(token)
    panels = current_app.extensions["delegate_panels"]
    return render_template(
        "registration/personal.html",
        delegate=delegate,
        event=delegate.event,
        token=token,
        position=services.waitlist_position(delegate),
        just_registered=request.args.get("new") == "1",
        now=utcnow(),
        panels=[(panel, panel.context(delegate)) for panel in panels],
        status_labels=resolved(STATUS_LABELS),
        honorific_labels=HONORIFIC_LABELS,
    )


@bp.route("/me/<token>/edit", methods=["GET", "POST"])
@public
def edit_details(token: str):
    """Let a delegate correct their details."""
    delegate = _delegate_for(token)
    form = DetailsForm(obj=delegate, honorific=delegate.honorific.value)
    if form.validate_on_submit():
        try:
            services.update_details(
                delegate, _self(delegate), email=form.email.data,
                **{name: form[name].data for name in services.DETAIL_FIELDS if name != "honorific"},
                honorific=Honorific(form.honorific.data),
            )  # fmt: skip
        except services.RegistrationError as error:
            _show_error(form, error)
        else:
            flash(_("Đã lưu thông tin của Quý vị."), "success")
            return redirect(url_for("registration.personal", token=token))
    return render_template("registration/edit.html", form=form, delegate=delegate, token=token)


@bp.route("/me/<token>/cancel", methods=["POST"])
@public
def cancel(token: str):
    """Let a delegate cancel their registration."""
    delegate = _delegate_for(token)
    try:
        services.cancel(delegate, _self(delegate), utcnow())
    except services.RegistrationError as error:
        _show_error(None, error)
    else:
        flash(
            _("Đã hủy đăng ký. Cảm ơn Quý vị đã báo để chỗ được nhường cho đại biểu khác."), "info"
        )
    return redirect(url_for("registration.personal", token=token))


@bp.route("/me/<token>/rejoin", methods=["POST"])
@public
def rejoin(token: str):
    """Let a delegate who cancelled register again."""
    delegate = _delegate_for(token)
    try:
        services.rejoin(delegate, utcnow())
    except services.RegistrationError as error:
        _show_error(None, error)
    else:
        flash(
            _("Đã đăng ký lại. Trạng thái mới: %(status)s.", status=STATUS_LABELS[delegate.status]),
            "success",
        )
    return redirect(url_for("registration.personal", token=token))


@bp.route("/me/<token>/data.json")
@public
def personal_data(token: str):
    """Give a delegate everything the app keeps about them."""
    delegate = _delegate_for(token)
    data = services.personal_data(delegate)
    for provider in current_app.extensions["delegate_data"]:
        data.update(provider(delegate))
    response = current_app.json.response(data)
    response.headers["Content-Disposition"] = "attachment; filename=du-lieu-ca-nhan.json"
    return response


@bp.route("/me/<token>/erase", methods=["POST"])
@public
def erase(token: str):
    """Delete a delegate's registration and personal data at their request."""
    delegate = _delegate_for(token)
    services.erase(delegate, _self(delegate), utcnow())
    flash(_("Đã xóa đăng ký và toàn bộ dữ liệu cá nhân của Quý vị."), "info")
    return redirect(url_for("events.home"))


# --- organizers: delegates ------------------------------------------------------------------------


def _filters_from_request() -> services.DelegateFilters:
    status = request.args.get("status", "")
    return services.DelegateFilters(
        query=request.args.get("q", "").strip()[:100],
        category_id=request.args.get("category", type=int),
        status=DelegateStatus(status) if status in {s.value for s in DelegateStatus} else None,
        organization=request.args.get("organization", "").strip()[:100],
    )


@bp.route("/delegates/")
@roles_required(*STAFF)
def delegates():
    """List delegates with search, filters and counts."""
    event = current_event_or_404()
    filters = _filters_from_request()
    labels = resolved(STATUS_LABELS)
    status_badge = get_template_attribute("registration/_labels.html", "status_badge")
    category_label = get_template_attribute("registration/_labels.html", "category_label")
    return render_template(
        "registration/delegates.html",
        event=event,
        delegates=services.delegate_rows(event, filters),
        filters=filters,
        counts=services.counts(event),
        free=services.free_places(event),
        award_recipients=nominations.award_recipient_ids(event),
        taken=services.confirmed_count(event),
        held=services.held_places(event),
        bulk_form=BulkForm(),
        status_labels=labels,
        status_badges={status: status_badge(status, labels) for status in DelegateStatus},
        category_labels={category.id: category_label(category) for category in event.categories},
    )


@bp.route("/delegates/bulk", methods=["POST"])
@roles_required(*STAFF)
def bulk():
    """Approve or decline the ticked delegates."""
    event = current_event_or_404()
    form = BulkForm()
    if not form.validate_on_submit() or not form.delegate_ids.data:
        flash(_("Hãy chọn ít nhất một đại biểu."), "warning")
        return redirect(request.referrer or url_for("registration.delegates"))
    if form.action.data == "approve":
        changed = services.approve(event, form.delegate_ids.data, _staff(), utcnow())
        waiting = sum(1 for delegate in changed if delegate.status == DelegateStatus.WAITLISTED)
        confirmed = len(changed) - waiting
        flash(
            _("Đã duyệt %(count)d đại biểu: %(confirmed)d người được xác nhận, %(waiting)d người vào danh sách chờ vì hội trường đã hết chỗ.",
              count=len(changed), confirmed=confirmed, waiting=waiting),
            "success",
        )  # fmt: skip
    else:
        try:
            changed = services.decline(
                event, form.delegate_ids.data, _staff(), utcnow(), form.reason.data
            )
        except services.RegistrationError as error:
            _show_error(None, error)
        else:
            flash(_("Đã không duyệt %(count)d đại biểu.", count=len(changed)), "success")
    return redirect(request.referrer or url_for("registration.delegates"))


@bp.route("/delegates/<int:delegate_id>", methods=["GET", "POST"])
@roles_required(*STAFF)
def delegate(delegate_id: int):
    """Show one delegate with their history; correct their details."""
    event = current_event_or_404()
    delegate = services.get_delegate(event, delegate_id) or abort(404)
    form = DetailsForm(obj=delegate, honorific=delegate.honorific.value)
    if form.validate_on_submit():
        try:
            services.update_details(
                delegate, _staff(), email=form.email.data,
                **{name: form[name].data for name in services.DETAIL_FIELDS if name != "honorific"},
                honorific=Honorific(form.honorific.data),
            )  # fmt: skip
        except services.RegistrationError as error:
            _show_error(form, error)
        else:
            flash(_("Đã lưu thông tin đại biểu."), "success")
            return redirect(url_for("registration.delegate", delegate_id=delegate.id))
    decision_form = DecisionForm()
    decision_form.offer_for(delegate.status)
    category_form = CategoryForm(category=delegate.category_id)
    category_form.category.choices = [SelectChoice(c.id, c.name) for c in event.categories]
    return render_template(
        "registration/delegate.html",
        delegate=delegate,
        form=form,
        decision_form=decision_form,
        category_form=category_form,
        plenary_seat=seating.plenary_seats(event).get(delegate.id),
        workshops=workshops.delegate_workshops(delegate, utcnow()),
        history=audit.history("delegate", delegate.id),
        nominations=nominations.nominations_of_delegate(delegate),
        position=services.waitlist_position(delegate),
        personal_link=services.personal_link(delegate),
        status_labels=resolved(STATUS_LABELS),
    )


@bp.route("/delegates/<int:delegate_id>/decision", methods=["POST"])
@roles_required(*STAFF)
def decide(delegate_id: int):
    """Approve, decline or cancel one delegate."""
    event = current_event_or_404()
    delegate = services.get_delegate(event, delegate_id) or abort(404)
    form = DecisionForm()
    form.offer_for(delegate.status)
    if form.validate_on_submit():
        now = utcnow()
        try:
            if form.action.data == "approve":
                services.approve(event, [delegate.id], _staff(), now)
            elif form.action.data == "decline":
                services.decline(event, [delegate.id], _staff(), now, form.reason.data)
            else:
                services.cancel(delegate, _staff(), now)
        except services.RegistrationError as error:
            _show_error(None, error)
        else:
            flash(
                _("Trạng thái mới: %(status)s.", status=STATUS_LABELS[delegate.status]), "success"
            )
    return redirect(url_for("registration.delegate", delegate_id=delegate.id))


@bp.route("/delegates/<int:delegate_id>/category", methods=["POST"])
@roles_required(*STAFF)
def change_category(delegate_id: int):
    """Move a delegate to another category."""
    event = current_event_or_404()
    delegate = services.get_delegate(event, delegate_id) or abort(404)
    form = CategoryForm()
    if form.validate_on_submit():
        try:
            services.change_category(delegate, form.category.data, _staff(), utcnow())
        except services.RegistrationError as error:
            _show_error(None, error)
        else:
            flash(
                _("Đã chuyển sang thành phần «%(name)s».", name=delegate.category.name), "success"
            )
    return redirect(url_for("registration.delegate", delegate_id=delegate.id))


@bp.route("/delegates/<int:delegate_id>/prioritize", methods=["POST"])
@roles_required(*STAFF)
def prioritize(delegate_id: int):
    """Put a waiting delegate at the head of the waiting list."""
    event = current_event_or_404()
    delegate = services.get_delegate(event, delegate_id) or abort(404)
    try:
        services.prioritize(event, delegate, _staff(), utcnow())
    except services.RegistrationError as error:
        _show_error(None, error)
    else:
        if delegate.holds_place:
            flash(_("%(name)s đã được xác nhận: có chỗ trống.", name=delegate.full_name), "success")
        else:
            flash(_("%(name)s đứng đầu danh sách chờ.", name=delegate.full_name), "success")
    return redirect(url_for("registration.waiting"))


@bp.route("/delegates/waiting")
@roles_required(*STAFF)
def waiting():
    """Show the waiting list in the order places will be given."""
    event = current_event_or_404()
    return render_template(
        "registration/waiting.html",
        event=event,
        delegates=services.waiting_list(event),
        free=services.free_places(event),
    )


@bp.route("/delegates/export.xlsx")
@roles_required(*STAFF)
def export_xlsx():
    """Download the delegate list as an Excel workbook."""
    event = current_event_or_404()
    return file_response(
        services.delegates_workbook(event, _filters_from_request(), utcnow()),
        "danh-sach-dai-bieu.xlsx",
    )


@bp.route("/delegates/export.pdf")
@roles_required(*STAFF)
def export_pdf():
    """Download the printable list of delegates (danh sách đại biểu)."""
    event = current_event_or_404()
    return file_response(
        services.delegates_pdf(event, _filters_from_request(), utcnow()), "danh-sach-dai-bieu.pdf"
    )


# --- organizers: invitations ---------------------------------------------------------------------


@bp.route("/invitations/")
@roles_required(*STAFF)
def invitations():
    """List invitations and who has not answered."""
    event = current_event_or_404()
    unanswered_only = request.args.get("unanswered") == "1"
    return render_template(
        "registration/invitations.html",
        event=event,
        invitations=services.invitations(event, unanswered_only=unanswered_only),
        unanswered_only=unanswered_only,
        status_labels=resolved(STATUS_LABELS),
    )


@bp.route("/invitations/new", methods=["GET", "POST"])
@roles_required(*STAFF)
def invite():
    """Invite one person by hand."""
    event = current_event_or_404()
    form = InviteForm()
    form.set_category_choices(event.categories)
    if form.validate_on_submit():
        row = InviteeRow(
            line=0, full_name=form.full_name.data, position=form.position.data,
            organization=form.organization.data, category=form.category.data,
            email=form.email.data, honorific=form.honorific.data or None,
        )  # fmt: skip
        try:
            invitation = services.invite(event, row, _staff(), utcnow())
        except services.RegistrationError as error:
            _show_error(form, error)
        else:
            flash(
                _(
                    "Đã gửi thư mời tới %(email)s (mã %(code)s).",
                    email=invitation.email,
                    code=invitation.code,
                ),
                "success",
            )
            _warn_if_places_short(event)
            return redirect(url_for("registration.invitations"))
    return render_template("registration/invite.html", form=form, event=event)


def _warn_if_places_short(event: Event) -> None:
    short = services.places_short(event, utcnow())
    if short:
        flash(
            _(
                "Hội trường không đủ chỗ cho mọi khách mời chưa trả lời: thiếu %(count)d chỗ. "
                "Những người trả lời sau cùng sẽ vào danh sách chờ, trừ khi tăng sức chứa.",
                count=short,
            ),
            "warning",
        )


@bp.route("/invitations/import", methods=["GET", "POST"])
@roles_required(*STAFF)
def import_invitations():
    """Import an invitee list from XLSX or CSV: all rows or none."""
    event = current_event_or_404()
    form = ImportForm()
    problems: list[str] = []
    if form.validate_on_submit():
        upload = form.file.data
        try:
            rows, errors = read_invitees(upload.filename, upload.read())
        except UnreadableFile as error:
            add_error(form.file, FILE_ERRORS[error.reason])
        else:
            errors = sorted(
                errors + services.invitation_problems(event, rows), key=lambda e: e.line
            )
            if not errors:
                try:
                    created = services.import_invitations(event, rows, _staff(), utcnow())
                except services.ImportRejected as rejected:  # someone registered meanwhile
                    errors = rejected.errors
                else:
                    flash(
                        _("Đã mời %(count)d người; mỗi người nhận thư mời có liên kết và mã riêng.",
                          count=len(created)),
                        "success",
                    )  # fmt: skip
                    _warn_if_places_short(event)
                    return redirect(url_for("registration.invitations"))
            problems = [
                _(
                    "Dòng %(line)d: %(problem)s",
                    line=error.line,
                    problem=ROW_ERRORS[error.reason](error),
                )
                for error in errors
            ]
    return render_template("registration/import.html", form=form, event=event, problems=problems)


@bp.route("/invitations/<int:invitation_id>/withdraw", methods=["POST"])
@roles_required(*STAFF)
def withdraw_invitation(invitation_id: int):
    """Take back an invitation nobody answered, freeing the place it kept."""
    event = current_event_or_404()
    invitation = services.get_invitation(event, invitation_id) or abort(404)
    name = invitation.full_name
    try:
        services.withdraw_invitation(invitation, _staff(), utcnow())
    except services.RegistrationError as error:
        _show_error(None, error)
    else:
        flash(
            _(
                "Đã thu hồi thư mời của %(name)s; chỗ giữ cho khách mời này đã được trả lại.",
                name=name,
            ),
            "success",
        )
    return redirect(url_for("registration.invitations", unanswered=1))


@bp.route("/invitations/<int:invitation_id>/resend", methods=["POST"])
@roles_required(*STAFF)
def resend_invitation(invitation_id: int):
    """E-mail an invitation again."""
    event = current_event_or_404()
    invitation = services.get_invitation(event, invitation_id) or abort(404)
    try:
        services.resend_invitation(invitation, _staff(), utcnow())
    except services.RegistrationError as error:
        _show_error(None, error)
    else:
        flash(_("Đã gửi lại thư mời tới %(email)s.", email=invitation.email), "success")
    return redirect(url_for("registration.invitations"))
