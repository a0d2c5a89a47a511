from datetime import UTC, datetime

from sqlalchemy import select

from conference.audit.models import AuditEvent
from conference.auth.models import Role
from conference.events.models import AgendaItem
from conference.extensions import db
from conference.timeutil import HANOI


def test_home_without_event_explains_what_to_do(client, app):
    page = client.get("/").get_data(as_text=True)
    assert "Chưa có hội nghị nào được thiết lập." in page


def test_home_shows_event_venue_dates_and_programme(client, event):
    page = client.get("/").get_data(as_text=True)
    assert "Hội nghị sơ kết 5 năm thực hiện Chương trình phát triển tài sản trí tuệ" in page
    assert "Số 258 Võ Chí Công, phường Xuân La, quận Tây Hồ, Hà Nội" in page
    local_start = event.starts_at.astimezone(HANOI)
    assert local_start.strftime("%d/%m/%Y") in page
    assert "07:30 – 16:30" in page
    assert "Phát biểu khai mạc Hội nghị" in page
    assert "08:10 – 08:20" in page
    assert "Đăng ký mở đến" in page


def test_home_in_english_after_switching_language(client, event):
    client.get("/lang/en")
    page = client.get("/").get_data(as_text=True)
    assert "Conference programme" in page
    assert '<html lang="en">' in page
    client.get("/lang/vi")
    assert "Chương trình hội nghị" in client.get("/").get_data(as_text=True)


def test_unknown_language_is_not_found(client, app):
    assert client.get("/lang/fr").status_code == 404


def test_healthz_answers_with_database(client, app):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_dashboard_shows_staff_the_event_and_outbox(client, event, login_as):
    login_as(Role.ORGANIZER)
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Đang mở đăng ký" in page
    assert "Hộp thư đi" in page


def test_dashboard_of_checkin_staff_has_no_organizer_panels(client, event, login_as):
    login_as(Role.CHECKIN)
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Hộp thư đi" not in page


def _settings_form(event, **changes):
    data = {
        "title": event.title,
        "short_title": event.short_title,
        "description": event.description,
        "host": event.host,
        "venue": event.venue,
        "address": event.address,
        "latitude": "21.069400",
        "longitude": "105.805200",
        "starts_at": "2026-12-22T07:30",
        "ends_at": "2026-12-22T16:30",
        "registration_opens_at": "2026-11-15T08:00",
        "registration_closes_at": "2026-12-19T17:00",
        "capacity": "150",
        "contact_email": "btc@hanoi.gov.vn",
        "contact_phone": "024 3825 0000",
    }
    data.update(changes)
    return data


def test_admin_changes_capacity_and_dates_in_hanoi_time(client, event, login_as):
    login_as(Role.ADMIN)
    response = client.post("/admin/event", data=_settings_form(event, capacity="180"))
    assert response.status_code == 302
    db.session.refresh(event)
    assert event.capacity == 180
    assert event.starts_at == datetime(2026, 12, 22, 0, 30, tzinfo=UTC)
    entry = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "event.capacity")
    ).one()
    assert (entry.before["capacity"], entry.after["capacity"]) == (150, 180)


def test_event_ending_before_it_starts_is_refused_next_to_the_field(client, event, login_as):
    login_as(Role.ADMIN)
    response = client.post("/admin/event", data=_settings_form(event, ends_at="2026-12-22T06:00"))
    assert "Giờ kết thúc phải sau giờ bắt đầu." in response.get_data(as_text=True)
    db.session.refresh(event)
    assert event.capacity == 150


def test_control_characters_in_title_are_refused(client, event, login_as):
    login_as(Role.ADMIN)
    response = client.post("/admin/event", data=_settings_form(event, title="Hội nghị\u202e"))
    assert "ký tự điều khiển" in response.get_data(as_text=True)


def test_organizer_adds_edits_and_deletes_programme_item(client, event, login_as):
    login_as(Role.ORGANIZER)
    day = event.starts_at.astimezone(HANOI).strftime("%Y-%m-%d")
    client.post(
        "/programme/new",
        data={
            "starts_at": f"{day}T11:30",
            "ends_at": f"{day}T11:45",
            "title": "Chụp ảnh lưu niệm",
            "presenter": "",
            "location": "Sảnh tầng 1",
        },
    )
    item = db.session.scalars(
        select(AgendaItem).where(AgendaItem.title == "Chụp ảnh lưu niệm")
    ).one()
    assert item.starts_at.astimezone(HANOI).strftime("%H:%M") == "11:30"
    assert "Chụp ảnh lưu niệm" in client.get("/").get_data(as_text=True)

    client.post(
        f"/programme/{item.id}",
        data={
            "starts_at": f"{day}T11:30",
            "ends_at": f"{day}T11:50",
            "title": "Chụp ảnh lưu niệm",
            "presenter": "Ban tổ chức",
            "location": "Sảnh tầng 1",
        },
    )
    db.session.refresh(item)
    assert item.presenter == "Ban tổ chức"

    item_id = item.id
    client.post(f"/programme/{item_id}/delete")
    assert db.session.get(AgendaItem, item_id) is None
    actions = db.session.scalars(
        select(AuditEvent.action)
        .where(AuditEvent.object_type == "agenda_item")
        .order_by(AuditEvent.id)
    ).all()
    assert actions == ["agenda.create", "agenda.update", "agenda.delete"]


def test_audit_page_lists_changes_with_readable_names(client, event, login_as):
    login_as(Role.ADMIN)
    client.post("/admin/event", data=_settings_form(event, capacity="160"))
    page = client.get("/admin/audit/").get_data(as_text=True)
    assert "Sửa thông tin hội nghị" in page


def test_home_links_to_the_public_exhibition(client, event):
    page = client.get("/").get_data(as_text=True)

    assert '<a class="btn btn-outline-light btn-lg" href="/exhibition/">' in page
    assert "Triển lãm: sơ đồ và đơn vị trưng bày" in page
