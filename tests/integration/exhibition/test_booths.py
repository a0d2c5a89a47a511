"""The floor plan edited in the browser, booths assigned by hand and by the solver."""

import json
import re

from sqlalchemy import select

from conference.audit.models import AuditEvent
from conference.auth.models import Role
from conference.exhibition import services
from conference.exhibition.booths import demo_hall
from conference.exhibition.models import BoothAssignment, ExhibitionHall, ExhibitorKind
from conference.extensions import db
from conference.mail.models import OutboxMessage
from conference.timeutil import utcnow
from tests.integration.exhibition.conftest import ORGANIZER


def plan_with(**changes) -> dict:
    plan = demo_hall().to_dict()
    plan.update(changes)
    return plan


def save(client, plan: dict, version: int):
    return client.post(
        "/exhibition/plan", data={"plan": json.dumps(plan, ensure_ascii=False), "version": version}
    )


# --- the floor plan ---------------------------------------------------------------------------


def test_the_editor_opens_with_the_saved_plan(client, login_as, hall):
    login_as(Role.ORGANIZER)

    page = client.get("/exhibition/plan").get_data(as_text=True)

    assert "&#34;code&#34;: &#34;E01&#34;" in page or '"code": "E01"' in page
    assert 'name="version" type="hidden" value="1"' in page


def test_a_first_plan_is_saved_and_audited(client, login_as, event):
    login_as(Role.ORGANIZER)

    response = save(client, plan_with(), version=0)

    assert response.status_code == 302
    row = db.session.scalars(select(ExhibitionHall)).one()
    assert len(row.plan["booths"]) == 25
    assert services.floor_plan(event) == demo_hall()
    entry = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "floor_plan.update")
    ).one()
    assert len(entry.after["booths"]) == 25


def test_codes_are_trimmed_and_upper_cased(client, login_as, event):
    login_as(Role.ORGANIZER)
    plan = plan_with()
    plan["booths"][0]["code"] = " a99 "

    save(client, plan, version=0)

    assert "A99" in services.floor_plan(event).by_code


def test_an_overlap_is_explained_in_vietnamese_and_the_edit_is_kept(client, login_as, hall, event):
    login_as(Role.ORGANIZER)
    plan = plan_with()
    plan["booths"][0].update(x=4, y=0)  # A01 on the stage

    response = save(client, plan, version=1)

    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "«Sân khấu» chồng lên «A01»; hai vật không được chiếm cùng một ô." in page
    assert "&#34;x&#34;: 4" in page or '"x": 4' in page
    assert services.floor_plan(event) == demo_hall()


def test_a_duplicate_code_and_a_booth_outside_the_hall_are_explained(client, login_as, hall):
    login_as(Role.ORGANIZER)
    duplicate = plan_with()
    duplicate["booths"][1]["code"] = "A01"
    outside = plan_with(width=10)

    assert "Mã gian A01 bị dùng hai lần" in save(client, duplicate, 1).get_data(as_text=True)
    assert "nằm ngoài hội trường" in save(client, outside, 1).get_data(as_text=True)


def test_unreadable_plan_text_is_explained(client, login_as, hall):
    login_as(Role.ORGANIZER)

    response = client.post("/exhibition/plan", data={"plan": "{not json", "version": 1})

    assert "Dữ liệu sơ đồ không đọc được" in response.get_data(as_text=True)


def test_a_plan_saved_meanwhile_by_someone_else_is_not_overwritten(client, login_as, hall, event):
    login_as(Role.ORGANIZER)
    services.save_floor_plan(event, plan_with(width=15), 1, ORGANIZER, utcnow())

    response = save(client, plan_with(width=16), version=1)

    assert "Sơ đồ vừa được người khác lưu" in response.get_data(as_text=True)
    assert services.floor_plan(event).width == 15


def test_a_held_booth_cannot_be_removed_from_the_plan(
    client, login_as, hall, event, make_exhibitor
):
    exhibitor = make_exhibitor("Hiệp hội Gốm sứ Bát Tràng")
    services.assign_booth(event, exhibitor.id, "E01", ORGANIZER, utcnow())
    login_as(Role.ORGANIZER)
    plan = plan_with()
    plan["booths"] = [booth for booth in plan["booths"] if booth["code"] != "E01"]

    response = save(client, plan, version=1)

    assert "Gian E01 đang được gán cho «Hiệp hội Gốm sứ Bát Tràng»" in response.get_data(
        as_text=True
    )
    assert "E01" in services.floor_plan(event).by_code


# --- booths by hand ---------------------------------------------------------------------------


def assign(client, exhibitor, code):
    return client.post(
        "/exhibition/booths/assign",
        data={"exhibitor_id": exhibitor.id, "booth": code},
        follow_redirects=True,
    )


def test_an_organizer_gives_a_booth_by_hand_and_it_is_pinned(
    client, login_as, hall, make_exhibitor
):
    exhibitor = make_exhibitor()
    login_as(Role.ORGANIZER)

    page = assign(client, exhibitor, "c03").get_data(as_text=True)

    assert "ở gian C03" in page
    db.session.refresh(exhibitor)
    assert exhibitor.booth.booth_code == "C03"
    assert exhibitor.pinned_booth == "C03"
    entry = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "booth.assign")).one()
    assert entry.after == {"booth": "C03", "pinned": True}


def test_moving_an_exhibitor_keeps_one_booth_and_is_audited_as_a_move(
    client, login_as, hall, make_exhibitor
):
    exhibitor = make_exhibitor()
    login_as(Role.ORGANIZER)
    assign(client, exhibitor, "A01")

    assign(client, exhibitor, "B02")

    rows = db.session.scalars(select(BoothAssignment)).all()
    assert [(row.exhibitor_id, row.booth_code) for row in rows] == [(exhibitor.id, "B02")]
    entry = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "booth.move")).one()
    assert (entry.before, entry.after["booth"]) == ({"booth": "A01"}, "B02")


def test_a_taken_booth_is_refused_naming_its_holder(client, login_as, hall, make_exhibitor):
    first = make_exhibitor("Hội Nông dân huyện Đông Anh")
    second = make_exhibitor()
    login_as(Role.ORGANIZER)
    assign(client, first, "A01")

    page = assign(client, second, "A01").get_data(as_text=True)

    assert "Gian A01 vừa được gán cho «Hội Nông dân huyện Đông Anh»" in page
    db.session.refresh(second)
    assert second.booth is None


def test_only_approved_exhibitors_get_booths(client, login_as, hall, make_exhibitor):
    pending = make_exhibitor(status="submitted")
    login_as(Role.ORGANIZER)

    page = assign(client, pending, "A01").get_data(as_text=True)

    assert "Chỉ gán gian cho đơn vị đã được duyệt." in page
    assert db.session.scalar(select(BoothAssignment.id)) is None


def test_an_unknown_booth_is_refused(client, login_as, hall, make_exhibitor):
    exhibitor = make_exhibitor()
    login_as(Role.ORGANIZER)

    assert "Không có gian Z99 trên sơ đồ." in assign(client, exhibitor, "Z99").get_data(
        as_text=True
    )


def test_a_booth_missing_a_need_is_given_with_a_warning(client, login_as, hall, make_exhibitor):
    exhibitor = make_exhibitor(needs=("electricity",))
    login_as(Role.ORGANIZER)

    page = assign(client, exhibitor, "D01").get_data(as_text=True)

    assert "Lưu ý: gian D01 không có điện, trong khi đơn vị yêu cầu có điện." in page


def test_unassign_and_unpin(client, login_as, hall, make_exhibitor, event):
    exhibitor = make_exhibitor()
    login_as(Role.ORGANIZER)
    assign(client, exhibitor, "A01")

    client.post("/exhibition/booths/pin", data={"exhibitor_id": exhibitor.id, "pinned": "0"})
    db.session.refresh(exhibitor)
    assert exhibitor.booth.pinned is False
    client.post("/exhibition/booths/unassign", data={"exhibitor_id": exhibitor.id})

    assert services.holders(event) == {}


# --- booths by the solver ---------------------------------------------------------------------


def test_automatic_assignment_places_everyone_keeps_pins_and_reports(
    client, login_as, hall, make_exhibitor, event
):
    pinned = make_exhibitor("Hiệp hội Gốm sứ Bát Tràng", kind=ExhibitorKind.CRAFT_VILLAGE)
    services.assign_booth(event, pinned.id, "C03", ORGANIZER, utcnow())
    others = [
        make_exhibitor(kind=kind, needs=needs)
        for kind, needs in [
            (ExhibitorKind.CRAFT_VILLAGE, ()),
            (ExhibitorKind.UNIVERSITY, ("electricity", "corner")),
            (ExhibitorKind.COOPERATIVE, ("double",)),
            (ExhibitorKind.COOPERATIVE, ()),
        ]
    ]
    make_exhibitor(status="submitted")
    login_as(Role.ORGANIZER)

    page = client.post("/exhibition/booths/auto", follow_redirects=True).get_data(as_text=True)

    held = services.holders(event)
    assert held["C03"].id == pinned.id
    assert len(held) == 5
    by_id = {exhibitor.id: code for code, exhibitor in held.items()}
    plan = services.floor_plan(event)
    university, _cooperative_double = others[1], others[2]
    assert plan.by_code[by_id[university.id]].corner
    assert by_id[others[2].id] == "E01"
    assert "Đã xếp 5/5 đơn vị vào 25 gian" in page
    assert "Đây là phương án tối ưu (đã chứng minh)." in page


def one_booth_hall(event) -> None:
    """A hall with one booth, A01, without power."""
    services.save_floor_plan(
        event,
        {"width": 3, "height": 1, "booths": [{"code": "A01", "x": 0, "y": 0}], "obstacles": []},
        0, ORGANIZER, utcnow(),
    )  # fmt: skip


def test_what_cannot_be_satisfied_is_reported_in_vietnamese(
    client, login_as, event, make_exhibitor
):
    one_booth_hall(event)
    make_exhibitor("Đại học Bách khoa Hà Nội", needs=("electricity",))
    make_exhibitor("Hợp tác xã Văn Đức")
    make_exhibitor("Hợp tác xã Cam Canh")
    login_as(Role.ORGANIZER)

    page = client.post("/exhibition/booths/auto", follow_redirects=True).get_data(as_text=True)

    assert (
        "«Đại học Bách khoa Hà Nội» chưa có gian: sơ đồ không còn gian trống nào có điện." in page
    )
    assert "hội trường còn 1 gian trống cho 3 đơn vị" in page


def test_the_command_line_assigns_booths_and_says_what_it_did(runner, hall, make_exhibitor, event):
    make_exhibitor()
    make_exhibitor()

    result = runner.invoke(args=["assign-booths"])

    assert result.exit_code == 0, result.output
    assert len(services.holders(event)) == 2
    assert "2/2" in result.output


def test_the_command_line_without_a_floor_plan_says_what_to_do(runner, event, make_exhibitor):
    make_exhibitor()

    result = runner.invoke(args=["assign-booths"])

    assert result.exit_code != 0
    assert "No floor plan yet" in result.output


def booth_mail(exhibitor) -> list[str]:
    """The bodies of the booth e-mails the exhibitor's contact got, oldest first."""
    return list(
        db.session.scalars(
            select(OutboxMessage.body)
            .where(
                OutboxMessage.recipient == exhibitor.email, OutboxMessage.kind == "exhibition.booth"
            )
            .order_by(OutboxMessage.id)
        )
    )


def booth_of(exhibitor) -> str | None:
    return db.session.scalar(
        select(BoothAssignment.booth_code).where(BoothAssignment.exhibitor_id == exhibitor.id)
    )


def test_automatic_assignment_keeps_unpinned_booths_and_places_only_the_newcomers(
    client, login_as, hall, make_exhibitor, event
):
    placed = [make_exhibitor(kind=ExhibitorKind.UNIVERSITY) for _ in range(3)]
    services.auto_assign(event, ORGANIZER, utcnow())
    # Wants a double booth but was given a single one by hand, then unpinned: the solver
    # would move it to E01, the only double booth.
    held = services.holders(event)
    single = next(b.code for b in services.floor_plan(event).booths if b.code not in held)
    assert single != "E01"
    loose = make_exhibitor(needs=("double",))
    services.assign_booth(event, loose.id, single, ORGANIZER, utcnow())
    services.set_pinned(event, loose.id, False, ORGANIZER)
    before = {exhibitor.id: booth_of(exhibitor) for exhibitor in placed}
    newcomer = make_exhibitor(kind=ExhibitorKind.COOPERATIVE)
    login_as(Role.ORGANIZER)

    page = client.post("/exhibition/booths/auto", follow_redirects=True).get_data(as_text=True)

    assert {exhibitor.id: booth_of(exhibitor) for exhibitor in placed} == before
    assert booth_of(loose) == single
    assert booth_of(newcomer) is not None
    assert "Đã xếp 5/5 đơn vị vào 25 gian; 1 đơn vị đổi gian." in page


def test_reassigning_all_moves_unpinned_booths_and_keeps_the_pinned(
    client, login_as, hall, make_exhibitor, event
):
    pinned = make_exhibitor()
    services.assign_booth(event, pinned.id, "C03", ORGANIZER, utcnow())
    loose = make_exhibitor(needs=("double",))
    services.assign_booth(event, loose.id, "A01", ORGANIZER, utcnow())
    services.set_pinned(event, loose.id, False, ORGANIZER)
    login_as(Role.ORGANIZER)

    client.post("/exhibition/booths/auto", data={"scope": "all"})

    assert booth_of(pinned) == "C03"
    assert booth_of(loose) == "E01"  # the only double booth, which A01 is not


def released_mail(exhibitor) -> list[OutboxMessage]:
    return list(
        db.session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.recipient == exhibitor.email,
                OutboxMessage.kind == "exhibition.booth_released",
            )
        )
    )


def test_taking_a_booth_away_tells_the_exhibitor(client, login_as, hall, make_exhibitor, event):
    exhibitor = make_exhibitor("Hợp tác xã Rau Văn Đức")
    services.assign_booth(event, exhibitor.id, "A01", ORGANIZER, utcnow())
    login_as(Role.ORGANIZER)

    page = client.post(
        "/exhibition/booths/unassign", data={"exhibitor_id": exhibitor.id}, follow_redirects=True
    ).get_data(as_text=True)

    assert "Đã bỏ gán gian của «Hợp tác xã Rau Văn Đức» và gửi email báo cho đơn vị." in page
    [message] = released_mail(exhibitor)
    assert message.subject == "Thay đổi gian hàng của đơn vị tại Triển lãm"
    assert (
        "gian A01 tại Triển lãm kết quả phát triển tài sản trí tuệ không còn dành" in message.body
    )
    assert services.application_token(exhibitor) in message.body


def test_reassigning_all_tells_an_exhibitor_left_without_a_booth(
    client, login_as, event, make_exhibitor
):
    one_booth_hall(event)
    # Given A01, which has no socket, by hand and then unpinned: redone, it cannot keep it.
    loser = make_exhibitor("Đại học Bách khoa Hà Nội", needs=("electricity",))
    services.assign_booth(event, loser.id, "A01", ORGANIZER, utcnow())
    services.set_pinned(event, loser.id, False, ORGANIZER)
    newcomer = make_exhibitor("Hợp tác xã Văn Đức")
    login_as(Role.ORGANIZER)

    client.post("/exhibition/booths/auto", data={"scope": "all"})

    assert booth_of(loser) is None
    assert booth_of(newcomer) == "A01"
    [message] = released_mail(loser)
    assert "gian A01" in message.body
    assert released_mail(newcomer) == []
    assert len(booth_mail(newcomer)) == 1


def test_the_booths_page_asks_before_reassigning_all_or_unassigning(
    client, login_as, hall, make_exhibitor, event
):
    exhibitor = make_exhibitor("Hợp tác xã Rau Văn Đức")
    services.assign_booth(event, exhibitor.id, "A01", ORGANIZER, utcnow())
    login_as(Role.ORGANIZER)

    page = client.get("/exhibition/booths").get_data(as_text=True)

    forms = re.findall(r"<form[^>]*>.*?</form>", page, re.DOTALL)
    reassign_all = next(form for form in forms if 'name="scope" value="all"' in form)
    assert 'data-confirm="Xếp lại gian của mọi đơn vị chưa ghim?' in reassign_all
    unassign = next(form for form in forms if "/exhibition/booths/unassign" in form)
    assert (
        'data-confirm="Bỏ gán gian A01 của «Hợp tác xã Rau Văn Đức»? Đơn vị sẽ nhận email báo."'
        in unassign
    )
    default = next(form for form in forms if 'data-testid="auto-assign"' in form)
    assert "data-confirm" not in default and "scope" not in default


def test_the_command_line_reassigns_all_only_when_asked(runner, hall, make_exhibitor, event):
    loose = make_exhibitor(needs=("double",))
    services.assign_booth(event, loose.id, "A01", ORGANIZER, utcnow())
    services.set_pinned(event, loose.id, False, ORGANIZER)

    kept = runner.invoke(args=["assign-booths"])
    assert kept.exit_code == 0, kept.output
    assert booth_of(loose) == "A01"

    redone = runner.invoke(args=["assign-booths", "--reassign-all"])
    assert redone.exit_code == 0, redone.output
    assert booth_of(loose) == "E01"


# --- the booth e-mail ---------------------------------------------------------------------------


def test_the_contact_is_emailed_a_booth_given_or_changed_by_hand_not_an_unchanged_one(
    client, login_as, hall, make_exhibitor, event
):
    exhibitor = make_exhibitor()
    login_as(Role.ORGANIZER)

    assign(client, exhibitor, "A01")
    assign(client, exhibitor, "A01")
    assign(client, exhibitor, "B02")

    bodies = booth_mail(exhibitor)
    assert len(bodies) == 2
    assert "gian A01." in bodies[0]
    assert "gian B02." in bodies[1]
    assert f"/exhibition/#exhibitor-{exhibitor.id}" in bodies[1]


def test_automatic_assignment_emails_only_those_whose_booth_changed(hall, make_exhibitor, event):
    first = make_exhibitor()
    services.auto_assign(event, ORGANIZER, utcnow())
    code = booth_of(first)
    second = make_exhibitor()

    services.auto_assign(event, ORGANIZER, utcnow())

    assert booth_mail(first) == [booth_mail(first)[0]]
    assert f"gian {code}." in booth_mail(first)[0]
    assert len(booth_mail(second)) == 1
    assert f"gian {booth_of(second)}." in booth_mail(second)[0]


def test_the_booths_page_in_english_prints_the_floor_plan_not_a_seat_plan(
    client, login_as, hall, event
):
    login_as(Role.ORGANIZER)
    client.get("/lang/en")

    page = client.get("/exhibition/booths").get_data(as_text=True)

    assert "Print the floor plan (PDF)" in page
    assert "seat plan" not in page
    assert '<label class="form-label small" for="assign-exhibitor">Exhibitor</label>' in page
