"""Who may open which nomination and file: a unit sees only its own, guessed URLs find nothing."""

from pathlib import Path

import pytest
from sqlalchemy import select

from conference.auth.models import Role
from conference.extensions import db
from conference.nominations import services
from conference.nominations.models import Attachment, Nomination, NominationState
from tests.documents import pdf_bytes

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def foreign(submitted, other_unit_user) -> Nomination:
    """A nomination of UBND huyện Đông Anh, submitted, with its report."""
    return submitted(other_unit_user, name="Công ty CP Thiết bị điện Đông Anh")


def test_unit_cannot_read_or_touch_another_unit_s_nomination_by_guessing_urls(
    client, sign_in, unit_user, foreign
):
    attachment = foreign.attachments[0]
    sign_in(unit_user)
    base = f"/nominations/{foreign.id}"
    for method, path in [
        ("GET", base),
        ("GET", f"{base}/edit"),
        ("POST", f"{base}/edit"),
        ("GET", f"{base}/versions/1"),
        ("GET", f"{base}/attachments/{attachment.id}"),
        ("POST", f"{base}/attachments/{attachment.id}/remove"),
        ("POST", f"{base}/attachments"),
        ("POST", f"{base}/actions/withdraw"),
        ("POST", f"{base}/delete"),
    ]:
        response = client.open(path, method=method)
        assert response.status_code == 404, (method, path)
        assert "Công ty CP Thiết bị điện Đông Anh" not in response.get_data(as_text=True)
    db.session.refresh(foreign)
    assert foreign.state == NominationState.SUBMITTED
    assert db.session.get(Attachment, attachment.id).removed_at is None


def test_unit_cannot_reach_another_unit_s_file_through_its_own_nomination(
    client, sign_in, nominate, unit_user, foreign
):
    own = nominate(unit_user)
    sign_in(unit_user)
    response = client.get(f"/nominations/{own.id}/attachments/{foreign.attachments[0].id}")
    assert response.status_code == 404


def test_unit_list_shows_only_its_own_nominations(client, sign_in, nominate, unit_user, foreign):
    nominate(unit_user, name="Hợp tác xã Văn Đức")
    sign_in(unit_user)
    page = client.get("/nominations/mine").get_data(as_text=True)
    assert "Hợp tác xã Văn Đức" in page
    assert "Công ty CP Thiết bị điện Đông Anh" not in page


def test_unit_downloads_its_own_report_with_safe_headers(client, sign_in, nominate, unit_user):
    nomination = nominate(unit_user)
    attachment = nomination.attachments[0]
    sign_in(unit_user)
    response = client.get(f"/nominations/{nomination.id}/attachments/{attachment.id}")
    assert response.status_code == 200
    assert response.data == pdf_bytes("Bao cao thanh tich")
    assert response.mimetype == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response.headers["Cache-Control"]


def test_files_are_kept_outside_static_under_generated_names(app, nominate, unit_user):
    attachment = nominate(unit_user).attachments[0]
    path = services.attachment_path(attachment)
    assert path.is_file()
    assert path.is_relative_to(Path(app.config["UPLOAD_DIR"]))
    assert not path.is_relative_to(ROOT / "static")
    assert attachment.original_name == "bao-cao-thanh-tich.pdf"
    assert "bao-cao" not in path.name and len(path.stem) >= 32


def test_the_board_sees_submitted_nominations_but_not_drafts(
    client, sign_in, nominate, foreign, unit_user, reviewer
):
    draft = nominate(unit_user, name="Bản nháp chưa nộp")
    sign_in(reviewer)
    assert client.get(f"/nominations/{draft.id}").status_code == 404
    assert (
        client.get(f"/nominations/{draft.id}/attachments/{draft.attachments[0].id}").status_code
        == 404
    )
    queue = client.get("/nominations/queue").get_data(as_text=True)
    assert "Bản nháp chưa nộp" not in queue
    assert "Công ty CP Thiết bị điện Đông Anh" in queue
    response = client.get(f"/nominations/{foreign.id}/attachments/{foreign.attachments[0].id}")
    assert response.status_code == 200


def test_a_unit_account_cannot_open_the_board_s_pages(client, sign_in, unit_user, award_round):
    sign_in(unit_user)
    for path in [
        "/nominations/queue",
        "/nominations/approval",
        "/nominations/round",
        "/nominations/list.xlsx",
    ]:
        assert client.get(path).status_code == 403, path


def test_check_in_staff_see_no_nomination(client, make_user, sign_in, foreign):
    sign_in(make_user(Role.CHECKIN))
    assert client.get(f"/nominations/{foreign.id}").status_code == 403


def test_a_review_posted_for_another_unit_s_colleague_is_refused(
    client, sign_in, make_user, foreign, award_round
):
    colleague = make_user(Role.REVIEWER, unit="UBND huyện Đông Anh")
    sign_in(colleague)
    data = {"score": 90, "verdict": "recommend", "comment": ""}
    data |= {f"met_{c.id}": "met" for c in award_round.criteria}
    response = client.post(f"/nominations/{foreign.id}/review", data=data, follow_redirects=True)
    assert "Bạn thuộc đơn vị đề nghị nên không thẩm định" in response.get_data(as_text=True)
    assert db.session.scalars(select(Nomination.state)).one() == NominationState.SUBMITTED
