"""The application form: public, pre-filled by an invitation, with product rows and photos."""

import io
import re
from pathlib import Path

from sqlalchemy import select

from conference.audit.models import AuditEvent
from conference.auth.models import Role
from conference.exhibition import services
from conference.exhibition.models import Exhibitor, ExhibitorStatus, IpTitle
from conference.exhibition.photos import prepare_photo
from conference.extensions import db
from conference.mail.models import OutboxMessage
from tests.integration.exhibition.conftest import png


def only_exhibitor() -> Exhibitor:
    return db.session.scalars(select(Exhibitor)).one()


def test_public_application_is_saved_acknowledged_and_audited(client, event, application_form):
    response = client.post(
        "/exhibition/apply",
        data=application_form(
            **{
                "products-1-product_name": "Bí xanh Đặng Xá",
                "products-1-kind": "certification_mark",
                "products-1-number": "4 – 0298765",
                "products-1-holder": "UBND xã Đặng Xá",
            }
        ),
    )

    assert response.status_code == 302
    exhibitor = only_exhibitor()
    assert response.location.startswith("/exhibition/application/")
    assert exhibitor.status == ExhibitorStatus.SUBMITTED
    assert [(t.product_name, t.number) for t in exhibitor.titles] == [
        ("Rau an toàn Đặng Xá", "4-0312345"),
        ("Bí xanh Đặng Xá", "4-0298765"),
    ]
    assert [person.full_name for person in exhibitor.staff] == ["Trần Văn Trực 1"]
    assert exhibitor.needs_electricity and not exhibitor.needs_corner
    message = db.session.scalars(select(OutboxMessage)).one()
    assert message.recipient == exhibitor.email
    assert services.application_token(exhibitor) in message.body
    assert "4-0298765" in message.body
    entry = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "exhibitor.submit")
    ).one()
    assert entry.object_id == str(exhibitor.id)


def test_applicant_page_shows_the_state(client, event, application_form):
    response = client.post("/exhibition/apply", data=application_form(), follow_redirects=True)

    page = response.get_data(as_text=True)
    assert "Đã gửi hồ sơ" in page
    assert "Chờ duyệt" in page


def test_application_without_a_product_says_so_and_keeps_what_was_typed(
    client, event, application_form
):
    data = application_form(
        organization="Hội làng nghề Nón Chuông",
        **{"products-0-product_name": "", "products-0-kind": "", "products-0-number": "",
           "products-0-holder": ""},
    )  # fmt: skip

    response = client.post("/exhibition/apply", data=data)

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Cần ít nhất một sản phẩm được bảo hộ" in page
    assert 'value="Hội làng nghề Nón Chuông"' in page
    assert 'value="Trần Văn Trực' in page
    assert db.session.scalar(select(Exhibitor.id)) is None


def test_a_wrong_title_number_names_the_expected_shape_and_keeps_every_row(
    client, event, application_form
):
    data = application_form(
        **{
            "products-0-kind": "patent",
            "products-0-number": "1-12345",
            "products-1-product_name": "Gốm men lam",
            "products-1-kind": "industrial_design",
            "products-1-number": "3-0021457",
            "products-1-holder": "Công ty TNHH Gốm Minh Long",
        }
    )

    response = client.post("/exhibition/apply", data=data)

    page = response.get_data(as_text=True)
    assert "Số văn bằng sáng chế có dạng 1-0012345 (số 1, gạch ngang, 7 chữ số)." in page
    assert 'value="1-12345"' in page
    assert 'value="Gốm men lam"' in page
    assert 'value="3-0021457"' in page
    assert db.session.scalar(select(Exhibitor.id)) is None


def test_a_mark_number_under_patent_is_explained(client, event, application_form):
    response = client.post(
        "/exhibition/apply",
        data=application_form(**{"products-0-kind": "patent", "products-0-number": "4-0312345"}),
    )

    assert "Số này có dạng số văn bằng nhãn hiệu" in response.get_data(as_text=True)


def test_add_product_without_javascript_adds_a_row_and_loses_nothing(
    client, event, application_form
):
    response = client.post("/exhibition/apply", data=application_form(add_product="Thêm sản phẩm"))

    page = response.get_data(as_text=True)
    assert 'name="products-1-product_name"' in page
    assert 'value="Rau an toàn Đặng Xá"' in page
    assert db.session.scalar(select(Exhibitor.id)) is None


def test_consent_is_required_on_the_public_form(client, event, application_form):
    response = client.post("/exhibition/apply", data=application_form(consent=None))

    assert "Cần có sự đồng ý để gửi hồ sơ." in response.get_data(as_text=True)


def test_the_same_organisation_cannot_apply_twice(client, event, application_form):
    client.post("/exhibition/apply", data=application_form(organization="Hội Gốm sứ Bát Tràng"))

    response = client.post(
        "/exhibition/apply", data=application_form(organization="hội gốm sứ bát tràng ")
    )

    assert "Tổ chức này đã có hồ sơ tham gia triển lãm" in response.get_data(as_text=True)
    assert len(db.session.scalars(select(Exhibitor)).all()) == 1


# --- photos -------------------------------------------------------------------------------------


def upload(content: bytes, filename: str):
    return (io.BytesIO(content), filename)


def test_a_photo_is_stored_outside_static_under_a_generated_name(
    app, client, event, application_form
):
    client.post(
        "/exhibition/apply",
        data=application_form(
            **{"products-0-photo": upload(png(), "../../static/gom-bat-trang.png")}
        ),
        content_type="multipart/form-data",
    )

    title = db.session.scalars(select(IpTitle)).one()
    stored = Path(app.config["UPLOAD_DIR"]) / "exhibition" / title.photo
    assert stored.is_file()
    assert "gom-bat-trang" not in title.photo and ".." not in title.photo
    assert not (Path(app.static_folder) / "gom-bat-trang.png").exists()


def test_a_text_file_named_jpg_is_refused_and_the_form_is_kept(client, event, application_form):
    response = client.post(
        "/exhibition/apply",
        data=application_form(
            organization="Hội làng nghề Sơn mài Hạ Thái",
            **{"products-0-photo": upload(b"#!/bin/sh\nrm -rf /\n", "son-mai.jpg")},
        ),
        content_type="multipart/form-data",
    )

    page = response.get_data(as_text=True)
    assert "Tệp này không phải là ảnh" in page
    assert 'value="Hội làng nghề Sơn mài Hạ Thái"' in page
    assert db.session.scalar(select(Exhibitor.id)) is None


def test_an_oversized_photo_is_refused(app, client, event, application_form):
    app.config["EXHIBITION_PHOTO_MAX_BYTES"] = 1024 * 1024

    response = client.post(
        "/exhibition/apply",
        data=application_form(
            **{"products-0-photo": upload(png() + b"\0" * (1024 * 1024), "to.png")}
        ),
        content_type="multipart/form-data",
    )

    assert "Ảnh lớn hơn 1 MB; hãy chọn ảnh nhỏ hơn." in response.get_data(as_text=True)


def test_a_good_photo_survives_a_failed_submit(client, event, application_form):
    first = client.post(
        "/exhibition/apply",
        data=application_form(
            email="khong-phai-email",
            **{"products-0-photo": upload(png(), "rau.png")},
        ),
        content_type="multipart/form-data",
    )
    page = first.get_data(as_text=True)
    assert "products-0-photo_ref" in page and "/exhibition/photos/preview/" in page
    reference = page.split('name="products-0-photo_ref" type="hidden" value="')[1].split('"')[0]

    client.post(
        "/exhibition/apply",
        data=application_form(**{"products-0-photo_ref": reference}),
    )

    assert db.session.scalars(select(IpTitle)).one().photo is not None


def test_a_forged_photo_reference_is_ignored(client, event, application_form):
    client.post(
        "/exhibition/apply",
        data=application_form(**{"products-0-photo_ref": "../../instance/secret_key.abc"}),
    )

    assert db.session.scalars(select(IpTitle)).one().photo is None


def test_photos_of_an_application_under_review_are_not_public(
    client, event, application_form, login_as
):
    client.post(
        "/exhibition/apply",
        data=application_form(**{"products-0-photo": upload(png(), "rau.png")}),
        content_type="multipart/form-data",
    )
    title = db.session.scalars(select(IpTitle)).one()

    assert client.get(f"/exhibition/photos/{title.id}").status_code == 404
    login_as(Role.ORGANIZER)
    response = client.get(f"/exhibition/photos/{title.id}")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_photos_of_an_approved_exhibitor_are_public(client, make_exhibitor):
    name = services.store_photo(prepare_photo(png()))
    exhibitor = make_exhibitor(photo=name)

    response = client.get(f"/exhibition/photos/{exhibitor.titles[0].id}")

    assert response.status_code == 200


# --- invitations and the applicant's own link ------------------------------------------------------


def test_an_invitation_link_fills_the_form_in(client, event, units):
    token = services.invitation_token(
        services.InvitationData(
            organization="Hợp tác xã Ổi Đông Dư",
            email="oi@dongdu.vn",
            contact_name="Đỗ Văn Ổi",
            district_id=units["UBND huyện Gia Lâm"].id,
            nominated_by_id=units["UBND huyện Gia Lâm"].id,
        )
    )

    page = client.get(f"/exhibition/apply?invite={token}").get_data(as_text=True)

    assert 'value="Hợp tác xã Ổi Đông Dư"' in page
    assert 'value="oi@dongdu.vn"' in page
    assert "UBND huyện Gia Lâm mời đơn vị tham gia triển lãm" in page


def test_a_district_invitation_locks_the_district_and_records_the_nomination(
    client, event, units, application_form
):
    gia_lam = units["UBND huyện Gia Lâm"]
    token = services.invitation_token(
        services.InvitationData("Hợp tác xã Ổi Đông Dư", "oi@dongdu.vn",
                                district_id=gia_lam.id, nominated_by_id=gia_lam.id)
    )  # fmt: skip

    client.post(
        f"/exhibition/apply?invite={token}",
        data=application_form(district=units["UBND quận Cầu Giấy"].id),
    )

    exhibitor = only_exhibitor()
    assert exhibitor.district_id == gia_lam.id
    assert exhibitor.nominated_by_id == gia_lam.id


def test_a_forged_invitation_link_still_lets_one_apply(client, event):
    response = client.get("/exhibition/apply?invite=not-a-real-token")

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Liên kết mời không hợp lệ hoặc đã hết hạn" in page


def test_applicant_completes_an_application_sent_back(client, make_exhibitor):
    exhibitor = make_exhibitor(status="changes_requested")
    token = services.application_token(exhibitor)
    form = client.get(f"/exhibition/application/{token}/edit").get_data(as_text=True)
    assert "Thiếu văn bằng." in form

    response = client.post(
        f"/exhibition/application/{token}/edit",
        data={
            "organization": exhibitor.organization, "kind": "cooperative",
            "district": exhibitor.district_id, "contact_name": "Lê Thị Liên",
            "phone": "0987 654 321", "email": exhibitor.email,
            "products-0-product_name": "Sản phẩm đã bổ sung", "products-0-kind": "mark",
            "products-0-number": "4-0123456", "products-0-holder": "Chủ văn bằng",
            "staff-0-honorific": "ba", "staff-0-full_name": "Phạm Thị Trực",
            "staff-0-email": "truc@htx.vn",
        },
    )  # fmt: skip

    assert response.status_code == 302
    db.session.refresh(exhibitor)
    assert exhibitor.status == ExhibitorStatus.RESUBMITTED
    assert exhibitor.titles[0].product_name == "Sản phẩm đã bổ sung"
    subjects = db.session.scalars(
        select(OutboxMessage.subject).where(OutboxMessage.recipient == exhibitor.email)
    ).all()
    assert subjects[-1] == "Đã nhận hồ sơ đăng ký tham gia Triển lãm"


def test_an_approved_application_can_no_longer_be_edited_by_its_link(client, make_exhibitor):
    exhibitor = make_exhibitor()
    token = services.application_token(exhibitor)

    response = client.get(f"/exhibition/application/{token}/edit", follow_redirects=True)

    assert "Hồ sơ đã được xét duyệt nên không sửa được nữa" in response.get_data(as_text=True)


def test_a_forged_application_link_is_not_found(client, event):
    assert client.get("/exhibition/application/forged.token").status_code == 404


def test_only_the_first_booth_staff_row_is_marked_required(client, event):
    page = client.get("/exhibition/apply").get_data(as_text=True)

    def input_tag(name: str) -> str:
        return re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)

    assert " required" in input_tag("staff-0-full_name")
    assert " required" in input_tag("staff-0-email")
    assert " required" not in input_tag("staff-1-full_name")
    assert " required" not in input_tag("staff-1-email")


def test_a_second_booth_staff_row_left_empty_is_dropped(client, event, application_form):
    data = application_form(
        **{
            "staff-1-honorific": "ba",
            "staff-1-full_name": "",
            "staff-1-email": "",
            "staff-1-phone": "",
        }
    )

    response = client.post("/exhibition/apply", data=data)

    assert response.status_code == 302
    assert [person.full_name for person in only_exhibitor().staff] == ["Trần Văn Trực 1"]


def test_the_applicant_sees_their_own_photos_before_approval_and_others_do_not(
    client, event, make_exhibitor
):
    exhibitor = make_exhibitor(status="submitted", photo=services.store_photo(prepare_photo(png())))
    other = make_exhibitor(status="submitted")
    title = exhibitor.titles[0]
    own_link = f"/exhibition/application/{services.application_token(exhibitor)}"

    page = client.get(own_link).get_data(as_text=True)
    assert f'src="{own_link}/photos/{title.id}"' in page
    response = client.get(f"{own_link}/photos/{title.id}")
    assert response.status_code == 200
    assert response.mimetype == "image/png"

    other_link = f"/exhibition/application/{services.application_token(other)}"
    assert client.get(f"{other_link}/photos/{title.id}").status_code == 404
    assert client.get(f"/exhibition/application/forged.token/photos/{title.id}").status_code == 404
    assert client.get(f"/exhibition/photos/{title.id}").status_code == 404


def test_the_applicant_page_in_english_speaks_of_the_application(client, make_exhibitor):
    exhibitor = make_exhibitor(status="submitted")
    client.get("/lang/en")

    page = client.get(f"/exhibition/application/{services.application_token(exhibitor)}").get_data(
        as_text=True
    )

    assert "Edit application" in page
    assert "nomination" not in page.lower()
