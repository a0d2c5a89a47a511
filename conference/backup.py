"""Backing up and restoring the database: SQLite's online backup API, pg_dump for PostgreSQL."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL, make_url


class BackupError(Exception):
    """A backup or restore could not run; the message says what to do."""


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory SQLite database has nothing on disk to back up.")
    return Path(url.database)


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """Return a libpq URL without the password, and an environment that carries it."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise BackupError(
            f"{tool} was not found. Install the PostgreSQL client "
            "(Debian: apt-get install postgresql-client) matching the server's version."
        )
    return path


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(result.stderr.strip() or f"{command[0]} exited with {result.returncode}")


def backup(database_url: str, out: Path) -> Path:
    """Write a consistent copy of the database to `out`, even while the app is serving."""
    url = make_url(database_url)
    out.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(_sqlite_path(url))
        target = sqlite3.connect(out)
        try:
            with target:
                source.backup(target)
        finally:
            source.close()
            target.close()
    elif url.get_backend_name() == "postgresql":
        libpq_url, env = _libpq(url)
        _run(
            [_require("pg_dump"), "--format=custom", "--no-owner", f"--file={out}", libpq_url], env
        )
    else:
        raise BackupError(f"No backup method for {url.get_backend_name()} databases.")
    return out


def restore(database_url: str, source: Path) -> None:
    """Replace the database's contents with a backup made by `backup`."""
    if not source.is_file():
        raise BackupError(f"{source} does not exist.")
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        backup_db = sqlite3.connect(source)
        live = sqlite3.connect(_sqlite_path(url))
        try:
            with live:
                backup_db.backup(live)
        finally:
            backup_db.close()
            live.close()
    elif url.get_backend_name() == "postgresql":
        libpq_url, env = _libpq(url)
        _run(
            [
                _require("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={libpq_url}",
                str(source),
            ],
            env,
        )
    else:
        raise BackupError(f"No restore method for {url.get_backend_name()} databases.")
