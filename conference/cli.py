"""Command-line tasks for operators (`flask --app wsgi <command>`). Each one calls a service."""

import functools
from pathlib import Path

import click
from flask import Flask, current_app
from flask_babel import force_locale

from conference import backup as backups
from conference import demo
from conference.audit.services import Actor
from conference.auth import services as auth
from conference.auth.models import Role
from conference.badges import services as badges
from conference.badges.pdf import BadgeSize, Sheet
from conference.events import services as events
from conference.exhibition import services as exhibition
from conference.exhibition.labels import assignment_report
from conference.extensions import db
from conference.mail import services as mail
from conference.nominations import services as nominations
from conference.registration import services as registration
from conference.registration.invitees import read_invitees
from conference.seating import services as seating
from conference.spreadsheets import UnreadableFile
from conference.timeutil import utcnow
from conference.workshops import services as workshops

CLI_ACTOR = Actor.system("dòng lệnh (CLI)")


def _database_url() -> str:
    # The engine's URL, not the setting: Flask-SQLAlchemy resolves relative SQLite paths.
    return db.engine.url.render_as_string(hide_password=False)


def _print_demo_logins() -> None:
    click.echo(f"\nDemo accounts (password for all: {demo.DEMO_PASSWORD}):")
    for account in demo.DEMO_ACCOUNTS:
        click.echo(f"  {account.role.value:<10} {account.email}")


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) when data already exists.")
def demo_command(if_empty: bool) -> None:
    """Fill an empty database with the demo event, its programme, units and accounts."""
    try:
        event = demo.load(utcnow())
    except demo.DatabaseNotEmpty:
        if not if_empty:
            raise click.ClickException(
                "The database already holds data; the demo only fills an empty database."
            ) from None
        click.echo("The database already holds data; demo data not loaded.")
    else:
        click.echo(f"Demo data loaded: {event.title}")
    _print_demo_logins()


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--role", required=True, type=click.Choice([role.value for role in Role]))
@click.option("--name", "full_name", required=True, help="Họ và tên.")
@click.option(
    "--unit", default=None, help="The unit's name or short name (required for unit accounts)."
)
@click.password_option(help="Prompted for when not given.")
def create_user_command(
    email: str, role: str, full_name: str, unit: str | None, password: str
) -> None:
    """Create an account."""
    unit_row = None
    if unit:
        unit_row = auth.find_unit(unit)
        if unit_row is None:
            raise click.ClickException(f"No unit is called {unit!r}.")
    try:
        user = auth.create_user(email, password, full_name, Role(role), CLI_ACTOR, unit=unit_row)
    except auth.AuthError as error:
        messages = {
            "email_taken": "An account with this e-mail already exists.",
            "weak_password": f"The password needs at least {auth.MIN_PASSWORD_LENGTH} characters.",
            "unit_required": "A unit account needs --unit.",
        }
        raise click.ClickException(messages[error.reason]) from None
    click.echo(f"Created {user.role.value} account {user.email}.")


@click.command("backup")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def backup_command(out: Path) -> None:
    """Write a consistent copy of the database to a file."""
    try:
        backups.backup(_database_url(), out)
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backup written to {out} ({out.stat().st_size:,} bytes).")


@click.command("restore")
@click.option("--from", "source", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.confirmation_option(prompt="This replaces everything in the database. Continue?")
def restore_command(source: Path) -> None:
    """Replace the database's contents with a backup."""
    try:
        backups.restore(_database_url(), source)
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Database restored from {source}.")


@click.command("send-mail")
@click.option("--retry-failed", is_flag=True, help="Also try again messages SMTP refused before.")
def send_mail_command(retry_failed: bool) -> None:
    """Deliver queued messages by SMTP (run it from cron to retry after an outage)."""
    if not mail.smtp_configured():
        raise click.ClickException("MAIL_SERVER is not set; messages stay in the outbox page.")
    sent, failed = mail.deliver()
    if retry_failed:
        retried, failed_again = mail.retry_failed()
        sent, failed = sent + retried, failed + failed_again
    click.echo(f"Sent {sent}, failed {failed}.")


def _current_event():
    event = events.current_event()
    if event is None:
        raise click.ClickException(
            "No event is set up yet: run `flask --app wsgi demo` or create one."
        )
    return event


@click.command("import-invitees")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_invitees_command(file: Path) -> None:
    """Invite everyone in an XLSX or CSV list (all rows or none) and e-mail their links."""
    event = _current_event()
    try:
        rows, errors = read_invitees(file.name, file.read_bytes())
    except UnreadableFile as error:
        raise click.ClickException(f"Cannot read {file.name}: {error.reason}.") from None
    errors = sorted(errors + registration.invitation_problems(event, rows), key=lambda e: e.line)
    if not errors:
        try:
            invitations = registration.import_invitations(event, rows, CLI_ACTOR, utcnow())
        except registration.ImportRejected as rejected:
            errors = rejected.errors
    if errors:
        for error in errors:
            click.echo(
                f"line {error.line}: {error.column or '-'}: {error.reason} {error.value}".rstrip(),
                err=True,
            )
        raise click.ClickException(
            f"{len(errors)} problems; nobody was invited. Fix the file and run again."
        )
    click.echo(f"Invited {len(invitations)} people; each was e-mailed a personal link and code.")


@click.command("export-delegates")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def export_delegates_command(out: Path) -> None:
    """Write the delegate list, in Vietnamese name order, to an XLSX file."""
    event = _current_event()
    out.write_bytes(
        registration.delegates_workbook(event, registration.DelegateFilters(), utcnow())
    )
    click.echo(f"Delegate list written to {out}.")


@click.command("badges")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--category", default=None, help="Only this category's code, e.g. bao_chi.")
@click.option(
    "--size",
    type=click.Choice([size.value for size in BadgeSize]),
    default=BadgeSize.A6.value,
    show_default=True,
    help="a6: 105 × 148 mm; id1: an 85.6 × 54 mm card.",
)
@click.option(
    "--sheet", type=click.Choice(["single", "a4"]), default="single", show_default=True,
    help="single: one badge per page; a4: four A6 badges on each A4 sheet, with crop marks.",
)  # fmt: skip
def badges_command(out: Path, category: str | None, size: str, sheet: str) -> None:
    """Print the badges of every confirmed delegate (or one category's) to a PDF file."""
    event = _current_event()
    category_id = None
    if category:
        chosen = next((c for c in event.categories if c.code == category), None)
        if chosen is None:
            codes = ", ".join(c.code for c in event.categories)
            raise click.ClickException(f"No category has the code {category!r} (codes: {codes}).")
        category_id = chosen.id
    delegates = badges.confirmed_delegates(event, category_id=category_id)
    layout = Sheet.A4_FOUR_UP if sheet == "a4" else Sheet.ONE_PER_PAGE
    try:
        printing = badges.print_badges(
            event, delegates, CLI_ACTOR, utcnow(), BadgeSize(size), layout
        )
    except badges.BadgeError as error:
        messages = {
            "nobody": "No confirmed delegate to print a badge for.",
            "four_up_needs_a6": "Only A6 badges are imposed four to an A4 sheet (--size a6).",
        }
        raise click.ClickException(messages[error.reason]) from None
    out.write_bytes(printing.pdf)
    line = f"{printing.count} badges written to {out}"
    if printing.new_versions:
        line += f" ({printing.new_versions} reprinted as a new version after a change)"
    click.echo(line + ".")


@click.command("allocate-workshops")
def allocate_workshops_command() -> None:
    """Give workshop seats by the delegates' ranked choices, keeping pinned delegates."""
    event = _current_event()
    try:
        outcome = workshops.allocate(event, CLI_ACTOR, utcnow())
    except workshops.WorkshopError as error:
        raise click.ClickException(
            f"Allocation failed ({error.data.get('detail', error.reason)}): "
            "check the capacities and the pinned delegates."
        ) from None
    placed = sum(line.placed for line in outcome.lines)
    click.echo(f"Allocated {placed} seats to {outcome.asked} delegates who chose workshops.")
    for rank, count in outcome.by_rank.items():
        click.echo(f"  choice {rank}: {count}")
    click.echo(f"  pinned by organizers: {outcome.pinned}")
    click.echo(f"  no seat at all: {len(outcome.unplaced)}")
    for line in outcome.lines:
        click.echo(
            f"  {line.workshop.title}: {line.placed}/{line.workshop.capacity}, "
            f"{line.waiting} waiting"
        )


@click.command("plan-seating")
def plan_seating_command() -> None:
    """Seat the plenary by protocol and each workshop in allocation order, keeping locked seats."""
    event = _current_event()
    try:
        reports = seating.plan_seating(event, CLI_ACTOR, utcnow())
    except seating.SeatingError as error:
        raise click.ClickException(
            f"Seating failed for {error.data.get('title', '?')}: {error.data.get('detail')}."
        ) from None
    if not reports:
        click.echo("Nothing to seat: choose the plenary room and add workshops first.")
    for report in reports:
        line = f"{report.title}: {report.seated} seated"
        if report.unseated:
            line += f", {len(report.unseated)} without a seat (the room is full)"
        if "award_block_split" in report.notes:
            line += "; award recipients could not sit together"
        click.echo(line)


@click.command("export-nominations")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def export_nominations_command(out: Path) -> None:
    """Write the approved list proposed for commendation (danh sách đề nghị khen thưởng) to XLSX."""
    award_round = nominations.current_round(_current_event())
    if award_round is None:
        raise click.ClickException("No commendation round is set up yet.")
    entries = nominations.approved_entries(award_round)
    out.write_bytes(nominations.list_workbook(award_round, utcnow()))
    click.echo(f"{len(entries)} approved nominations written to {out}.")


@click.command("assign-booths")
@click.option(
    "--effort",
    type=click.FloatRange(min=0.01),
    default=exhibition.booths.DEFAULT_EFFORT,
    show_default=True,
    help="Solver budget in deterministic seconds; more can prove a better grouping.",
)
@click.option(
    "--reassign-all",
    is_flag=True,
    help="Place every exhibitor again, keeping only the booths organizers pinned.",
)
def assign_booths_command(effort: float, reassign_all: bool) -> None:
    """Give a booth to every approved exhibitor without one, keeping the booths already held."""
    event = _current_event()
    try:
        outcome = exhibition.auto_assign(
            event, CLI_ACTOR, utcnow(), effort=effort, reassign_all=reassign_all
        )
    except exhibition.ExhibitionError as error:
        raise click.ClickException(
            "No floor plan yet: draw the hall on the Booths page first."
            if error.reason == "no_floor_plan"
            else error.reason
        ) from None
    with force_locale("en"):
        for category, message in assignment_report(outcome):
            click.echo(f"{category.upper()}: {message}" if category == "warning" else message)


COMMANDS = (
    demo_command,
    create_user_command,
    backup_command,
    restore_command,
    send_mail_command,
    import_invitees_command,
    export_delegates_command,
    badges_command,
    allocate_workshops_command,
    plan_seating_command,
    export_nominations_command,
    assign_booths_command,
)


def _with_public_url(callback):
    """Run a command as if serving a request to PUBLIC_URL, so that e-mailed links are right."""

    @functools.wraps(callback)
    def run(*args, **kwargs):
        with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
            return callback(*args, **kwargs)

    return run


for _command in COMMANDS:
    _command.callback = _with_public_url(_command.callback)


def register_commands(app: Flask) -> None:
    for command in COMMANDS:
        app.cli.add_command(command)
