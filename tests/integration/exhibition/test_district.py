"""District accounts see and nominate the exhibitors of their own district, and nothing else."""

from sqlalchemy import select

from conference.auth.models import Role
from conference.exhibition import services
from conference.exhibition.models import Exhibitor, ExhibitorStatus
from conference.exhibition.photos import prepare_photo
from conference.extensions import db
from conference.mail.models import OutboxMessage
from tests.integration.exhibition.conftest import png


def test_a_district_lists_only_its_own_exhibitors(client, login_as, make_exhibitor):
    make_exhibitor("Hợp tác xã Ổi Đông Dư", district="UBND huyện Gia Lâm")
    make_exhibitor("Hội Nông dân huyện Ba Vì", district="UBND huyện Ba Vì")
    login_as(Role.UNIT, unit="UBND huyện Gia Lâm")

    page = client.get("/exhibition/exhibitors/").get_data(as_text=True)

    assert "Hợp tác xã Ổi Đông Dư" in page
    assert "Hội Nông dân huyện Ba Vì" not in page


def test_a_district_cannot_widen_its_list_by_the_query_string(
    client, login_as, make_exhibitor, units
):
    make_exhibitor("Hội Nông dân huyện Ba Vì", district="UBND huyện Ba Vì")
    login_as(Role.UNIT, unit="UBND huyện Gia Lâm")

    page = client.get(f"/exhibition/exhibitors/?district={units['UBND huyện Ba Vì'].id}").get_data(
        as_text=True
    )

    assert "Hội Nông dân huyện Ba Vì" not in page


def test_a_district_cannot_open_or_change_another_districts_exhibitor_by_guessing(
    client, login_as, make_exhibitor, units
):
    other = make_exhibitor(
        "Hội Nông dân huyện Ba Vì", district="UBND huyện Ba Vì", status="submitted"
    )
    login_as(Role.UNIT, unit="UBND huyện Gia Lâm")

    assert client.get(f"/exhibition/exhibitors/{other.id}").status_code == 404
    assert client.get(f"/exhibition/exhibitors/{other.id}/edit").status_code == 404
    response = client.post(
        f"/exhibition/exhibitors/{other.id}/edit",
        data={
            "organization": "Đã bị sửa",
            "kind": "other",
            "district": units["UBND huyện Gia Lâm"].id,
        },
    )
    assert response.status_code == 404
    assert (
        client.post(
            f"/exhibition/exhibitors/{other.id}/review", data={"action": "approve"}
        ).status_code
        == 403
    )
    db.session.refresh(other)
    assert other.organization == "Hội Nông dân huyện Ba Vì"
    assert other.status == ExhibitorStatus.SUBMITTED


def test_a_district_cannot_see_another_districts_photos_before_approval(
    client, login_as, make_exhibitor
):
    name = services.store_photo(prepare_photo(png()))
    other = make_exhibitor(district="UBND huyện Ba Vì", status="submitted", photo=name)
    own = make_exhibitor(district="UBND huyện Gia Lâm", status="submitted", photo=name)
    login_as(Role.UNIT, unit="UBND huyện Gia Lâm")

    assert client.get(f"/exhibition/photos/{other.titles[0].id}").status_code == 404
    assert client.get(f"/exhibition/photos/{own.titles[0].id}").status_code == 200


def test_a_district_cannot_touch_booths(client, login_as, make_exhibitor, hall):
    exhibitor = make_exhibitor(district="UBND huyện Gia Lâm")
    login_as(Role.UNIT, unit="UBND huyện Gia Lâm")

    response = client.post(
        "/exhibition/booths/assign", data={"exhibitor_id": exhibitor.id, "booth": "A01"}
    )

    assert response.status_code == 403
    db.session.refresh(exhibitor)
    assert exhibitor.booth is None


def test_a_district_nominates_an_exhibitor_of_its_own_district(
    client, login_as, event, units, application_form
):
    login_as(Role.UNIT, unit="UBND huyện Gia Lâm")

    # A district id of somewhere else in the form is overruled: the account's district counts.
    response = client.post(
        "/exhibition/exhibitors/new",
        data=application_form(district=units["UBND quận Cầu Giấy"].id, consent=None),
    )

    assert response.status_code == 302
    exhibitor = db.session.scalars(select(Exhibitor)).one()
    assert exhibitor.district.name == "UBND huyện Gia Lâm"
    assert exhibitor.nominated_by.name == "UBND huyện Gia Lâm"
    assert exhibitor.status == ExhibitorStatus.SUBMITTED
    page = client.get("/exhibition/exhibitors/").get_data(as_text=True)
    assert exhibitor.organization in page and "Chờ duyệt" in page


def test_a_district_invites_by_a_link_that_fills_the_form_in(client, login_as, event, units):
    login_as(Role.UNIT, unit="UBND huyện Gia Lâm")

    response = client.post(
        "/exhibition/exhibitors/invite",
        data={"organization": "Hợp tác xã Gốm Kim Lan", "email": "gom@kimlan.vn",
              "contact_name": "Nguyễn Văn Gốm", "kind": "cooperative",
              "district": units["UBND huyện Ba Vì"].id},
    )  # fmt: skip

    assert response.status_code == 302
    message = db.session.scalars(select(OutboxMessage)).one()
    assert message.recipient == "gom@kimlan.vn"
    assert "UBND huyện Gia Lâm trân trọng mời" in message.body
    link = next(line for line in message.body.splitlines() if "/exhibition/apply?invite=" in line)
    invitation = services.invitation_from_token(link.split("invite=")[1])
    assert invitation.district_id == units["UBND huyện Gia Lâm"].id
    assert invitation.nominated_by_id == units["UBND huyện Gia Lâm"].id


def test_a_department_account_has_no_district_to_nominate_for(client, login_as, event):
    login_as(Role.UNIT, unit="Sở Công Thương Hà Nội")

    assert client.get("/exhibition/exhibitors/").status_code == 403
    assert client.get("/exhibition/exhibitors/new").status_code == 403


def test_a_department_account_still_has_its_dashboard(client, login_as, event):
    login_as(Role.UNIT, unit="Sở Công Thương Hà Nội")

    response = client.get("/dashboard")

    assert response.status_code == 200
    assert "dành cho tài khoản của UBND quận, huyện, thị xã" in response.get_data(as_text=True)


def test_a_district_dashboard_counts_its_own_exhibitors(client, login_as, make_exhibitor):
    make_exhibitor(district="UBND huyện Gia Lâm", status="submitted")
    make_exhibitor(district="UBND huyện Ba Vì", status="submitted")
    login_as(Role.UNIT, unit="UBND huyện Gia Lâm")

    page = " ".join(client.get("/dashboard").get_data(as_text=True).split())

    assert "Triển lãm — UBND huyện Gia Lâm" in page
    assert (
        '<div class="stat-value">1</div><div class="small text-body-secondary">chờ duyệt</div>'
        in page
    )
