from sqlalchemy import func, select

from conference.auth.models import Role, User
from conference.auth.services import authenticate
from conference.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from conference.events.models import DelegateCategory, Event, Unit, UnitKind
from conference.extensions import db
from conference.timeutil import HANOI, utcnow


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_demo_fills_empty_database_with_seed_event(runner):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    event = db.session.scalars(select(Event)).one()
    assert event.venue == "Khu liên cơ Võ Chí Công"
    assert event.capacity == 150
    assert event.registration_state(utcnow()) == "open"
    assert event.starts_at.astimezone(HANOI).weekday() == 1  # a Tuesday, a working day
    assert 21 <= (event.starts_at - utcnow()).days <= 40
    codes = set(db.session.scalars(select(DelegateCategory.code)))
    assert {
        "trung_uong",
        "lanh_dao_tp",
        "quan_huyen",
        "nha_khoa_hoc",
        "chu_van_bang",
        "chuyen_gia",
        "bao_chi",
    } <= codes
    districts = db.session.scalars(select(Unit.name).where(Unit.kind == UnitKind.DISTRICT)).all()
    assert len(districts) == 30
    assert "UBND huyện Gia Lâm" in districts
    for account in DEMO_ACCOUNTS:
        assert account.email in result.output
        assert authenticate(account.email, DEMO_PASSWORD).role == account.role
    assert DEMO_PASSWORD in result.output


def test_demo_refuses_database_with_data(runner, make_user):
    make_user(Role.ADMIN)
    result = runner.invoke(args=["demo"])
    assert result.exit_code != 0
    assert "already holds data" in result.output
    assert _count(Event) == 0


def test_demo_if_empty_succeeds_without_touching_data(runner):
    runner.invoke(args=["demo"])
    result = runner.invoke(args=["demo", "--if-empty"])
    assert result.exit_code == 0
    assert _count(Event) == 1
    assert _count(User) == len(DEMO_ACCOUNTS)


def test_create_user_makes_unit_account(runner, units):
    result = runner.invoke(
        args=[
            "create-user",
            "--email",
            "VanThu@HoaiDuc.Hanoi.gov.vn",
            "--role",
            "unit",
            "--name",
            "Phạm Thị Lan",
            "--unit",
            "ubnd huyen hoai duc",
            "--password",
            "mat-khau-dai-du",
        ],
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalars(select(User)).one()
    assert (user.email, user.role, user.unit.name) == (
        "vanthu@hoaiduc.hanoi.gov.vn",
        Role.UNIT,
        "UBND huyện Hoài Đức",
    )


def test_create_user_with_unknown_unit_fails_clearly(runner, units):
    result = runner.invoke(
        args=[
            "create-user",
            "--email",
            "a@b.vn",
            "--role",
            "unit",
            "--name",
            "A",
            "--unit",
            "UBND huyện Không Có",
            "--password",
            "mat-khau-dai-du",
        ],
    )
    assert result.exit_code != 0
    assert "No unit is called" in result.output


def test_create_user_unit_role_without_unit_fails(runner, units):
    result = runner.invoke(
        args=[
            "create-user",
            "--email",
            "a@b.vn",
            "--role",
            "unit",
            "--name",
            "A",
            "--password",
            "mat-khau-dai-du",
        ]
    )
    assert result.exit_code != 0
    assert "--unit" in result.output


def test_backup_then_restore_brings_data_back(runner, tmp_path):
    runner.invoke(args=["demo"])
    backup_file = tmp_path / "backup" / "conference.dump"
    result = runner.invoke(args=["backup", "--out", str(backup_file)])
    assert result.exit_code == 0, result.output
    assert backup_file.stat().st_size > 0

    event = db.session.scalars(select(Event)).one()
    event.capacity = 999
    db.session.delete(db.session.scalars(select(User).where(User.role == Role.CHECKIN)).one())
    db.session.commit()
    db.session.remove()

    result = runner.invoke(args=["restore", "--from", str(backup_file), "--yes"])
    assert result.exit_code == 0, result.output
    db.session.remove()
    assert db.session.scalars(select(Event.capacity)).one() == 150
    assert _count(User) == len(DEMO_ACCOUNTS)


def test_restore_from_missing_file_fails_clearly(runner, tmp_path):
    result = runner.invoke(args=["restore", "--from", str(tmp_path / "none.dump"), "--yes"])
    assert result.exit_code != 0
    assert "does not exist" in result.output
