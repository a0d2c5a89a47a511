"""Commendation: units' nominations, the board's queue and reviews, the round's set-up, the list."""

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from conference.audit.services import Actor
from conference.auth.access import STAFF, roles_required
from conference.auth.models import Role
from conference.downloads import file_response
from conference.events.views import current_event_or_404
from conference.features import NavItem, Panel
from conference.fields import cleaned_data
from conference.i18n import datetime_filter
from conference.nominations import services
from conference.nominations.forms import (
    AddAwardFormForm,
    ApprovalForm,
    CriterionForm,
    LinkDelegateForm,
    ReasonForm,
    RoundForm,
    UploadForm,
    nomination_form,
    quota_form,
    review_form,
)
from conference.nominations.labels import (
    ACTION_DONE,
    ACTION_LABELS,
    ATTACHMENT_LABELS,
    FIELD_LABELS,
    GENDER_LABELS,
    KIND_LABELS,
    MISSING_LABELS,
    STATE_COLOURS,
    STATE_LABELS,
    VERDICT_LABELS,
)
from conference.nominations.models import (
    AttachmentKind,
    Gender,
    NominationKind,
    NominationState,
    Verdict,
)
from conference.nominations.workflow import NEEDS_REASON, Action
from conference.timeutil import utcnow

bp = Blueprint("nominations", __name__, url_prefix="/nominations")

BOARD = services.BOARD_ROLES
EVERYONE_INVOLVED = (Role.UNIT, *BOARD)

NAV = [
    NavItem("nominations.mine", _l("Khen thưởng"), frozenset({Role.UNIT}), order=40),
    NavItem("nominations.queue", _l("Khen thưởng"), frozenset(BOARD), order=40),
]
AUDIT_ACTIONS = {
    "nomination.create": _l("Tạo hồ sơ khen thưởng"),
    "nomination.edit": _l("Sửa hồ sơ khen thưởng"),
    "nomination.delete": _l("Xóa bản nháp hồ sơ khen thưởng"),
    "nomination.attach": _l("Đính kèm tệp vào hồ sơ"),
    "nomination.detach": _l("Gỡ tệp khỏi hồ sơ"),
    "nomination.submit": _l("Nộp hồ sơ khen thưởng"),
    "nomination.withdraw": _l("Rút hồ sơ khen thưởng"),
    "nomination.start_review": _l("Nhận thẩm định hồ sơ"),
    "nomination.review": _l("Ghi ý kiến thẩm định"),
    "nomination.return": _l("Trả lại hồ sơ để bổ sung"),
    "nomination.resubmit": _l("Nộp lại hồ sơ khen thưởng"),
    "nomination.recommend": _l("Đề xuất khen thưởng"),
    "nomination.reject": _l("Không đề xuất khen thưởng"),
    "nomination.reopen": _l("Mở lại hồ sơ để thẩm định"),
    "nomination.approve": _l("Phê duyệt khen thưởng"),
    "nomination.link_delegate": _l("Gắn đại biểu nhận khen thưởng"),
    "award_round.create": _l("Tạo đợt khen thưởng"),
    "award_round.update": _l("Sửa đợt khen thưởng"),
    "award_round.add_form": _l("Thêm hình thức khen thưởng"),
    "award_round.remove_form": _l("Xóa hình thức khen thưởng"),
    "award_round.add_criterion": _l("Thêm tiêu chuẩn khen thưởng"),
    "award_round.update_criterion": _l("Sửa tiêu chuẩn khen thưởng"),
    "award_round.remove_criterion": _l("Xóa tiêu chuẩn khen thưởng"),
    "award_round.quotas": _l("Giao chỉ tiêu khen thưởng"),
}


def _board_panel(event) -> dict:
    award_round = services.current_round(event)
    return {
        "round": award_round,
        "counts": services.state_counts(award_round) if award_round else {},
        "state_labels": STATE_LABELS,
    }


def _unit_panel(event) -> dict:
    award_round = services.current_round(event)
    if award_round is None or current_user.unit_id is None:
        return {"round": None}
    return {
        "round": award_round,
        "quotas": services.quota_status(award_round, current_user.unit_id),
        "counts": services.state_counts(award_round, current_user.unit_id),
        "kind_labels": KIND_LABELS,
        "state_labels": STATE_LABELS,
    }


PANELS = [
    Panel("nominations/_panel.html", frozenset(BOARD), _board_panel, order=40),
    Panel("nominations/_unit_panel.html", frozenset({Role.UNIT}), _unit_panel, order=40),
]

_MESSAGES = {
    "illegal_transition": lambda d: _(
        "Không thể «%(action)s» khi hồ sơ đang ở trạng thái «%(state)s». Hãy tải lại trang để xem trạng thái mới nhất.",
        action=ACTION_LABELS[d["action"]], state=STATE_LABELS[d["state"]],
    ),
    "not_permitted": lambda d: _("Tài khoản của bạn không được thực hiện thao tác này với hồ sơ này."),
    "reason_required": lambda d: _("Hãy ghi lý do, để đơn vị biết cần làm gì."),
    "own_unit": lambda d: _(
        "Bạn thuộc đơn vị đề nghị nên không thẩm định, không quyết định hồ sơ này; một thành viên khác của Hội đồng sẽ làm việc đó."
    ),
    "deadline_passed": lambda d: _(
        "Đã hết hạn nộp hồ sơ (%(deadline)s). Nếu cần gia hạn, hãy liên hệ Ban tổ chức.",
        deadline=datetime_filter(d["deadline"]),
    ),
    "incomplete": lambda d: _(
        "Hồ sơ chưa đủ để nộp. Còn thiếu: %(missing)s.",
        missing=", ".join(str(MISSING_LABELS[code]) for code in d["missing"]),
    ),
    "quota_full": lambda d: _(
        "Đơn vị đã dùng hết chỉ tiêu %(kind)s: được đề nghị %(limit)d, đã nộp %(used)d, còn lại 0. Muốn nộp hồ sơ này, hãy rút một hồ sơ %(kind)s khác trước.",
        kind=str(KIND_LABELS[d["kind"]]).lower(), limit=d["limit"], used=d["used"],
    ),
    "not_editable": lambda d: _(
        "Hồ sơ đang ở trạng thái «%(state)s» nên không sửa được: chỉ sửa bản nháp hoặc hồ sơ được trả lại để bổ sung.",
        state=STATE_LABELS[d["state"]],
    ),
    "not_deletable": lambda d: _("Chỉ xóa được bản nháp chưa nộp lần nào."),
    "not_reviewable": lambda d: _(
        "Hồ sơ đang ở trạng thái «%(state)s», không nhận ý kiến thẩm định.",
        state=STATE_LABELS[d["state"]],
    ),
    "invalid_score": lambda d: _("Điểm từ 0 đến 100."),
    "unknown_criterion": lambda d: _("Tiêu chuẩn không thuộc đợt khen thưởng này; hãy tải lại trang."),
    "unknown_award_form": lambda d: _("Hình thức khen thưởng không thuộc đợt này; hãy chọn lại."),
    "not_found": lambda d: _("Không tìm thấy mục này; có thể đã bị xóa. Hãy tải lại trang."),
    "in_use": lambda d: _("Mục này đang được dùng trong hồ sơ hoặc ý kiến thẩm định nên không xóa được."),
    "duplicate_award_form": lambda d: _("Đã có hình thức khen thưởng này."),
    "chair_not_reviewer": lambda d: _("Chủ tịch Hội đồng phải là một tài khoản thẩm định (reviewer)."),
    "negative_quota": lambda d: _("Chỉ tiêu không được âm."),
    "unknown_delegate": lambda d: _("Không tìm thấy đại biểu này trong hội nghị."),
    "unsupported_type": lambda d: _(
        "Chỉ nhận tệp PDF (.pdf) hoặc Word (.docx). Tệp .doc cũ: hãy mở bằng Word và lưu lại dạng .docx hoặc PDF."
    ),
    "empty": lambda d: _("Tệp rỗng. Hãy chọn lại tệp."),
    "too_large": lambda d: _("Tệp lớn hơn 10 MB. Hãy nén ảnh trong tài liệu hoặc xuất PDF với chất lượng thấp hơn."),
    "not_pdf": lambda d: _("Tệp có đuôi .pdf nhưng nội dung không phải PDF. Hãy xuất lại tệp PDF từ Word."),
    "damaged_pdf": lambda d: _("Tệp PDF bị hỏng hoặc không có trang nào. Hãy xuất lại tệp PDF."),
    "encrypted_pdf": lambda d: _("Tệp PDF có mật khẩu nên Hội đồng không mở được. Hãy gỡ mật khẩu rồi tải lên lại."),
    "not_docx": lambda d: _("Tệp có đuôi .docx nhưng nội dung không phải tài liệu Word. Hãy lưu lại tệp bằng Word."),
    "macros": lambda d: _("Tệp Word có chứa macro. Hãy lưu lại dạng .docx thường (không macro) hoặc PDF."),
}  # fmt: skip


def _message(error: services.NominationError) -> str:
    return _MESSAGES[error.reason](error.data)


def _member(enum_class, value):
    """The member of enum_class with this value, or None (for values read from a URL)."""
    try:
        return enum_class(value)
    except ValueError:
        return None


def _round():
    return services.current_round(current_event_or_404())


def _round_or_404():
    return _round() or abort(404)


def _nomination(nomination_id: int):
    """The nomination, if the signed-in account may see it; 404 otherwise (existence is not told)."""
    return services.visible_nomination(current_user, nomination_id) or abort(404)


def _labels() -> dict:
    return {
        "state_labels": STATE_LABELS,
        "state_colours": STATE_COLOURS,
        "kind_labels": KIND_LABELS,
        "gender_labels": GENDER_LABELS,
        "verdict_labels": VERDICT_LABELS,
        "attachment_labels": ATTACHMENT_LABELS,
        "field_labels": FIELD_LABELS,
        "action_labels": ACTION_LABELS,
        "missing_labels": MISSING_LABELS,
    }


@bp.route("/")
@roles_required(*EVERYONE_INVOLVED)
def index():
    """Send a unit to its nominations and the board to its queue."""
    if current_user.role == Role.UNIT:
        return redirect(url_for("nominations.mine"))
    return redirect(url_for("nominations.queue"))


# --- units ---------------------------------------------------------------------------------------


@bp.route("/mine")
@roles_required(Role.UNIT)
def mine():
    """Show a unit its nominations, its quotas and the round's guidance."""
    award_round = _round()
    if award_round is None:
        return render_template("nominations/mine.html", round=None)
    return render_template(
        "nominations/mine.html",
        round=award_round,
        nominations=services.unit_nominations(award_round, current_user.unit_id),
        quotas=services.quota_status(award_round, current_user.unit_id),
        deadline_passed=utcnow() >= award_round.deadline,
        **_labels(),
    )


def _nomination_data(form) -> services.NominationData:
    kind = NominationKind(form.kind.data)
    collective = kind == NominationKind.COLLECTIVE
    return services.NominationData(
        kind=kind,
        name=form.collective_name.data if collective else form.full_name.data,
        organization=form.collective_organization.data if collective else form.workplace.data,
        position="" if collective else form.position.data,
        birth_year=None if collective else form.birth_year.data,
        gender=Gender(form.gender.data) if form.gender.data and not collective else None,
        award_form_id=form.award_form.data or None,
        achievement=form.achievement.data,
        summary=form.summary.data,
        claims=form.claims(),
    )


def _form_data(nomination) -> dict:
    collective = nomination.kind == NominationKind.COLLECTIVE
    data = {
        "kind": nomination.kind.value,
        "collective_name": nomination.name if collective else "",
        "collective_organization": nomination.organization if collective else "",
        "full_name": "" if collective else nomination.name,
        "workplace": "" if collective else nomination.organization,
        "position": nomination.position,
        "birth_year": nomination.birth_year,
        "gender": nomination.gender.value if nomination.gender else "",
        "award_form": nomination.award_form_id or 0,
        "achievement": nomination.achievement,
        "summary": nomination.summary,
    }
    for claim in nomination.claims:
        data[f"claim_{claim.criterion_id}"] = True
        data[f"evidence_{claim.criterion_id}"] = claim.evidence
    return data


def _render_form(form, award_round, nomination=None):
    return render_template(
        "nominations/form.html",
        form=form,
        round=award_round,
        nomination=nomination,
        quotas=services.quota_status(award_round, current_user.unit_id),
        **_labels(),
    )


@bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.UNIT)
def create():
    """Start a nomination for the unit (saved as a draft)."""
    award_round = _round_or_404()
    form = nomination_form(award_round.criteria)
    form.set_award_form_choices(award_round.award_forms)
    if request.method == "GET" and _member(NominationKind, request.args.get("kind")):
        form.kind.data = request.args["kind"]
    if form.validate_on_submit():
        try:
            nomination = services.create_nomination(
                award_round, current_user, _nomination_data(form), utcnow()
            )
        except services.NominationError as error:
            flash(_message(error), "danger")
        else:
            flash(_("Đã lưu bản nháp. Hãy đính kèm báo cáo thành tích rồi nộp hồ sơ."), "success")
            return redirect(url_for("nominations.detail", nomination_id=nomination.id))
    return _render_form(form, award_round)


@bp.route("/<int:nomination_id>/edit", methods=["GET", "POST"])
@roles_required(Role.UNIT)
def edit(nomination_id: int):
    """Correct a draft, or a nomination the board returned."""
    nomination = _nomination(nomination_id)
    award_round = nomination.round
    form = nomination_form(
        award_round.criteria, data=_form_data(nomination) if request.method == "GET" else None
    )
    form.set_award_form_choices(award_round.award_forms)
    if form.validate_on_submit():
        try:
            services.update_nomination(nomination, current_user, _nomination_data(form))
        except services.NominationError as error:
            flash(_message(error), "danger")
        else:
            flash(_("Đã lưu hồ sơ."), "success")
            return redirect(url_for("nominations.detail", nomination_id=nomination.id))
    return _render_form(form, award_round, nomination)


@bp.route("/<int:nomination_id>/delete", methods=["POST"])
@roles_required(Role.UNIT)
def delete(nomination_id: int):
    """Delete a draft that was never submitted."""
    nomination = _nomination(nomination_id)
    try:
        services.delete_draft(nomination, current_user)
    except services.NominationError as error:
        flash(_message(error), "danger")
        return redirect(url_for("nominations.detail", nomination_id=nomination_id))
    flash(_("Đã xóa bản nháp."), "info")
    return redirect(url_for("nominations.mine"))


@bp.route("/<int:nomination_id>/attachments", methods=["POST"])
@roles_required(Role.UNIT)
def upload(nomination_id: int):
    """Attach the achievement report or a supporting document (PDF or DOCX)."""
    nomination = _nomination(nomination_id)
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            services.add_attachment(
                nomination, current_user, AttachmentKind(form.kind.data),
                upload.filename, upload.read(), utcnow(),
            )  # fmt: skip
        except services.NominationError as error:
            flash(_message(error), "danger")
        else:
            flash(_("Đã đính kèm «%(name)s».", name=upload.filename), "success")
    else:
        for errors in form.errors.values():
            for message in errors:
                flash(message, "danger")
    return redirect(url_for("nominations.detail", nomination_id=nomination.id) + "#attachments")


@bp.route("/<int:nomination_id>/attachments/<int:attachment_id>/remove", methods=["POST"])
@roles_required(Role.UNIT)
def remove_attachment(nomination_id: int, attachment_id: int):
    """Take a file off a draft or a returned nomination."""
    nomination = _nomination(nomination_id)
    try:
        services.remove_attachment(nomination, attachment_id, current_user, utcnow())
    except services.NominationError as error:
        flash(_message(error), "danger")
    else:
        flash(_("Đã gỡ tệp."), "info")
    return redirect(url_for("nominations.detail", nomination_id=nomination.id) + "#attachments")


@bp.route("/<int:nomination_id>/attachments/<int:attachment_id>")
@roles_required(*EVERYONE_INVOLVED)
def attachment(nomination_id: int, attachment_id: int):
    """Download an attachment of a nomination the account may see."""
    nomination = _nomination(nomination_id)
    file = services.get_attachment(nomination, attachment_id) or abort(404)
    path = services.attachment_path(file)
    if not path.is_file():
        abort(404)
    response = send_file(
        path, mimetype=file.media_type, as_attachment=True, download_name=file.original_name,
        etag=file.sha256, max_age=0,
    )  # fmt: skip
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


# --- one nomination ------------------------------------------------------------------------------


def _own_review_data(reviews) -> dict | None:
    """The signed-in reviewer's saved review, as the review form's data."""
    own = next((r for r in reviews if r.reviewer_id == current_user.id), None)
    if own is None:
        return None
    data = {"score": own.score, "verdict": own.verdict.value, "comment": own.comment}
    for finding in own.findings:
        data[f"met_{finding.criterion_id}"] = "met" if finding.met else "not_met"
        data[f"note_{finding.criterion_id}"] = finding.note
    return data


def _detail_page(nomination, posted_review=None, review_error: str = ""):
    """The nomination's page; a review that was not saved is shown again as the reviewer typed it."""
    on_board = current_user.role in BOARD
    reviews = services.reviews_of(nomination) if on_board else []
    criteria = nomination.round.criteria
    may_review = services.may_review(nomination, current_user)
    if may_review and posted_review is None:
        posted_review = review_form(criteria, data=_own_review_data(reviews))
    actions = services.available_actions(nomination, current_user)
    return render_template(
        "nominations/detail.html",
        nomination=nomination,
        content=services.content_of(nomination),
        reference=services.reference(nomination),
        actions=actions,
        needs_reason=NEEDS_REASON,
        reason_form=ReasonForm(),
        upload_form=UploadForm(),
        editable=services.may_edit(nomination, current_user),
        missing=[MISSING_LABELS[code] for code in services.missing_items(nomination)]
        if services.may_edit(nomination, current_user)
        else [],
        quotas=services.quota_status(nomination.round, nomination.unit_id),
        reviews=reviews,
        agreement=services.agreement_of(reviews),
        criteria=criteria,
        may_review=may_review,
        own_unit=current_user.role == Role.REVIEWER and current_user.unit_id == nomination.unit_id,
        review_form=posted_review if may_review else None,
        review_error=review_error,
        changes=services.version_changes(nomination, nomination.version) if on_board else [],
        pending_changes=services.unsubmitted_changes(nomination)
        if nomination.state == NominationState.RETURNED
        else [],
        history=services.history(nomination, include_reviews=on_board),
        **_labels(),
    )  # fmt: skip


@bp.route("/<int:nomination_id>")
@roles_required(*EVERYONE_INVOLVED)
def detail(nomination_id: int):
    """Show a nomination with its files, reviews, versions and history, and the steps one may take."""
    return _detail_page(_nomination(nomination_id))


@bp.route("/<int:nomination_id>/actions/<action>", methods=["POST"])
@roles_required(*EVERYONE_INVOLVED)
def act(nomination_id: int, action: str):
    """Take one step of the workflow: submit, withdraw, return, recommend, reject…"""
    nomination = _nomination(nomination_id)
    action = _member(Action, action) or abort(404)
    form = ReasonForm()
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for message in errors:
                flash(message, "danger")
        return redirect(url_for("nominations.detail", nomination_id=nomination.id))
    try:
        services.perform(nomination, action, current_user, utcnow(), form.reason.data or "")
    except services.NominationError as error:
        flash(_message(error), "danger")
    else:
        message = str(ACTION_DONE[action])
        if action == Action.SUBMIT:
            left = services.quota_status(nomination.round, nomination.unit_id)[nomination.kind]
            message += " " + _(
                "Đơn vị còn được đề nghị %(left)d %(kind)s (chỉ tiêu %(limit)d).",
                left=left.left, kind=str(KIND_LABELS[nomination.kind]).lower(), limit=left.limit,
            )  # fmt: skip
        flash(message, "success")
    return redirect(url_for("nominations.detail", nomination_id=nomination.id))


@bp.route("/<int:nomination_id>/review", methods=["POST"])
@roles_required(Role.REVIEWER)
def review(nomination_id: int):
    """Record the reviewer's assessment of the version under review."""
    nomination = _nomination(nomination_id)
    form = review_form(nomination.round.criteria)
    if form.validate_on_submit():
        data = services.ReviewData(
            score=form.score.data,
            verdict=Verdict(form.verdict.data),
            comment=form.comment.data,
            findings=form.findings(),
        )
        try:
            services.save_review(nomination, current_user, data, utcnow())
        except services.NominationError as error:
            return _detail_page(nomination, form, _message(error))
        flash(_("Đã ghi ý kiến thẩm định."), "success")
        return redirect(url_for("nominations.detail", nomination_id=nomination.id) + "#reviews")
    return _detail_page(nomination, form, _("Ý kiến thẩm định chưa được ghi: hãy đánh giá đủ các tiêu chuẩn, cho điểm từ 0 đến 100 và chọn ý kiến đề xuất."))  # fmt: skip


@bp.route("/<int:nomination_id>/versions/<int:number>")
@roles_required(*EVERYONE_INVOLVED)
def version(nomination_id: int, number: int):
    """Show one submitted version and what changed since the one before."""
    nomination = _nomination(nomination_id)
    frozen = services.get_version(nomination, number) or abort(404)
    return render_template(
        "nominations/version.html",
        nomination=nomination,
        version=frozen,
        content=frozen.content,
        reference=services.reference(nomination),
        changes=services.version_changes(nomination, number),
        **_labels(),
    )


@bp.route("/<int:nomination_id>/delegate", methods=["GET", "POST"])
@roles_required(*STAFF)
def link_delegate(nomination_id: int):
    """Choose the delegate who receives the award: the person, or the collective's representative."""
    nomination = _nomination(nomination_id)
    form = LinkDelegateForm()
    if form.validate_on_submit():
        try:
            services.link_delegate(nomination, form.delegate_id.data, current_user)
        except services.NominationError as error:
            flash(_message(error), "danger")
        else:
            flash(_("Đã cập nhật đại biểu nhận khen thưởng."), "success")
            return redirect(url_for("nominations.detail", nomination_id=nomination.id))
    query = request.args.get("q", "").strip()[:100]
    return render_template(
        "nominations/link_delegate.html",
        nomination=nomination,
        reference=services.reference(nomination),
        suggestions=services.suggest_delegates(nomination),
        query=query,
        results=services.search_delegates(nomination.round.event, query) if query else [],
        **_labels(),
    )


# --- the board ---------------------------------------------------------------------------------


def _queue_filters() -> services.QueueFilters:
    return services.QueueFilters(
        unit_id=request.args.get("unit", type=int),
        kind=_member(NominationKind, request.args.get("kind")),
        award_form_id=request.args.get("award_form", type=int),
        state=_member(NominationState, request.args.get("state")),
    )


@bp.route("/queue")
@roles_required(*BOARD)
def queue():
    """List submitted nominations with filters and counts, the longest waiting first."""
    award_round = _round()
    if award_round is None:
        return render_template("nominations/queue.html", round=None)
    filters = _queue_filters()
    nominations = services.queue(award_round, filters)
    return render_template(
        "nominations/queue.html",
        round=award_round,
        filters=filters,
        nominations=nominations,
        counts=services.queue_counts(award_round, filters),
        review_counts=services.review_counts(nominations),
        units=services.units_with_nominations(award_round),
        reference=services.reference,
        **_labels(),
    )


@bp.route("/approval", methods=["GET", "POST"])
@roles_required(*BOARD)
def approval():
    """Approve the list the board recommends (organizers and the board's chair)."""
    award_round = _round_or_404()
    form = ApprovalForm()
    if form.validate_on_submit():
        if not form.nomination_ids.data:
            flash(_("Hãy chọn ít nhất một hồ sơ."), "warning")
        else:
            try:
                count = services.approve_list(
                    award_round, form.nomination_ids.data, current_user, utcnow()
                )
            except services.NominationError as error:
                flash(_("«%(name)s»: %(problem)s", name=error.data.get("name", ""),
                        problem=_message(error)), "danger")  # fmt: skip
            else:
                flash(
                    ngettext("Đã phê duyệt %(num)d hồ sơ.", "Đã phê duyệt %(num)d hồ sơ.", count),
                    "success",
                )
        return redirect(url_for("nominations.approval"))
    nominations = services.recommended(award_round)
    reviews = services.latest_reviews(nominations)
    return render_template(
        "nominations/approval.html",
        round=award_round,
        form=form,
        nominations=nominations,
        reviews=reviews,
        agreements={id_: services.agreement_of(of_one) for id_, of_one in reviews.items()},
        approved=services.approved_entries(award_round),
        may_approve=services.may_approve(award_round, current_user),
        reference=services.reference,
        **_labels(),
    )


@bp.route("/list.xlsx")
@roles_required(*BOARD)
def export_xlsx():
    """Download the approved list (danh sách đề nghị khen thưởng) as an Excel workbook."""
    return file_response(
        services.list_workbook(_round_or_404(), utcnow()), "danh-sach-de-nghi-khen-thuong.xlsx"
    )


@bp.route("/list.pdf")
@roles_required(*BOARD)
def export_pdf():
    """Download the approved list in the layout of an official annex."""
    return file_response(
        services.list_pdf(_round_or_404(), utcnow()), "danh-sach-de-nghi-khen-thuong.pdf"
    )


# --- setting up the round ----------------------------------------------------------------------


def _round_page(award_round, round_form, **forms):
    units = services.all_units()
    if award_round is not None and "quota_form" not in forms:
        overrides = services.quota_overrides(award_round)
        forms["quota_form"] = quota_form(
            units,
            formdata=None,
            data={f"{kind.value}_{unit_id}": limit for (unit_id, kind), limit in overrides.items()},
        )
    return render_template(
        "nominations/round.html",
        round=award_round,
        round_form=round_form,
        award_form_form=forms.get("award_form_form") or AddAwardFormForm(),
        criterion_form=forms.get("criterion_form") or CriterionForm(),
        quota_form=forms.get("quota_form"),
        units=units,
        kinds=list(NominationKind),
        **_labels(),
    )


_ROUND_FIELDS = (
    "title", "guidance", "deadline", "default_collective_quota", "default_individual_quota",
)  # fmt: skip


@bp.route("/round", methods=["GET", "POST"])
@roles_required(*BOARD)
def round_settings():
    """Set up the commendation round: deadline, guidance, default quotas, the chair."""
    event = current_event_or_404()
    award_round = services.current_round(event)
    form = RoundForm(obj=award_round)
    form.set_chair_choices(services.possible_chairs())
    if form.validate_on_submit():
        data = services.RoundData(
            **cleaned_data(form, _ROUND_FIELDS), chair_id=form.chair_id.data or None
        )
        try:
            award_round = services.save_round(event, data, Actor(user=current_user), award_round)
        except services.NominationError as error:
            flash(_message(error), "danger")
        else:
            flash(_("Đã lưu đợt khen thưởng."), "success")
            return redirect(url_for("nominations.round_settings"))
    return _round_page(award_round, form)


def _round_form(award_round):
    form = RoundForm(obj=award_round, formdata=None)
    form.set_chair_choices(services.possible_chairs())
    return form


@bp.route("/round/award-forms", methods=["POST"])
@roles_required(*BOARD)
def add_award_form():
    """Add a form of commendation to the round."""
    award_round = _round_or_404()
    form = AddAwardFormForm()
    if form.validate_on_submit():
        try:
            services.add_award_form(award_round, form.name.data, Actor(user=current_user))
        except services.NominationError as error:
            form.name.errors.append(_message(error))
        else:
            flash(_("Đã thêm hình thức khen thưởng."), "success")
            return redirect(url_for("nominations.round_settings") + "#award-forms")
    return _round_page(award_round, _round_form(award_round), award_form_form=form)


@bp.route("/round/award-forms/<int:form_id>/remove", methods=["POST"])
@roles_required(*BOARD)
def remove_award_form(form_id: int):
    """Remove a form of commendation no nomination proposes."""
    try:
        services.remove_award_form(_round_or_404(), form_id, Actor(user=current_user))
    except services.NominationError as error:
        flash(_message(error), "danger")
    else:
        flash(_("Đã xóa hình thức khen thưởng."), "info")
    return redirect(url_for("nominations.round_settings") + "#award-forms")


@bp.route("/round/criteria", methods=["POST"])
@roles_required(*BOARD)
def add_criterion():
    """Add a criterion to the round's guidance."""
    award_round = _round_or_404()
    form = CriterionForm()
    if form.validate_on_submit():
        services.add_criterion(
            award_round, form.title.data, form.description.data, Actor(user=current_user)
        )
        flash(_("Đã thêm tiêu chuẩn."), "success")
        return redirect(url_for("nominations.round_settings") + "#criteria")
    return _round_page(award_round, _round_form(award_round), criterion_form=form)


@bp.route("/round/criteria/<int:criterion_id>", methods=["POST"])
@roles_required(*BOARD)
def update_criterion(criterion_id: int):
    """Reword a criterion."""
    form = CriterionForm()
    if form.validate_on_submit():
        try:
            services.update_criterion(
                _round_or_404(), criterion_id, form.title.data, form.description.data,
                Actor(user=current_user),
            )  # fmt: skip
        except services.NominationError as error:
            flash(_message(error), "danger")
        else:
            flash(_("Đã sửa tiêu chuẩn."), "success")
    else:
        flash(_("Tiêu chuẩn cần có tên."), "danger")
    return redirect(url_for("nominations.round_settings") + "#criteria")


@bp.route("/round/criteria/<int:criterion_id>/remove", methods=["POST"])
@roles_required(*BOARD)
def remove_criterion(criterion_id: int):
    """Remove a criterion no nomination claims."""
    try:
        services.remove_criterion(_round_or_404(), criterion_id, Actor(user=current_user))
    except services.NominationError as error:
        flash(_message(error), "danger")
    else:
        flash(_("Đã xóa tiêu chuẩn."), "info")
    return redirect(url_for("nominations.round_settings") + "#criteria")


@bp.route("/round/quotas", methods=["POST"])
@roles_required(*BOARD)
def quotas():
    """Set quotas for particular units (blank: the round's default)."""
    award_round = _round_or_404()
    units = services.all_units()
    form = quota_form(units)
    if form.validate_on_submit():
        limits = {
            (unit.id, kind): form[f"{kind.value}_{unit.id}"].data
            for unit in units
            for kind in NominationKind
        }
        changed = services.set_quotas(award_round, limits, Actor(user=current_user))
        flash(
            ngettext(
                "Đã lưu chỉ tiêu (%(num)d thay đổi).",
                "Đã lưu chỉ tiêu (%(num)d thay đổi).",
                changed,
            ),
            "success",
        )
        return redirect(url_for("nominations.round_settings") + "#quotas")
    flash(_("Chỉ tiêu phải là số từ 0 đến 50; để trống để dùng chỉ tiêu chung."), "danger")
    return _round_page(award_round, _round_form(award_round), quota_form=form)
