"""What every web benchmark needs: a fresh PostgreSQL database, the app under gunicorn, and wrk.

Figures come from wrk (a load generator in a second process, on loopback) through a small Lua
script that reports requests per second and the p50/p95/p99 latencies as JSON. Each endpoint
is compared with a bare `/healthz` measured under the same server and the same load.

Needs: PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth) and `wrk`
(Debian: `apt-get install wrk`).
"""

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
ADMIN_URL = os.environ.get(
    "BENCH_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
REPORT = """
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "errors": %d, "non_2xx_3xx": %d, "p50_ms": %f, "p95_ms": %f, "p99_ms": %f}\\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


@dataclass(frozen=True)
class Load:
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int


@contextlib.contextmanager
def fresh_database(name: str) -> Iterator[str]:
    """Create an empty PostgreSQL database for the run and drop it afterwards."""
    admin = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def settle(database_url: str) -> None:
    """Vacuum and analyze the filled database, as autovacuum does on a server that has been up.

    Right after a bulk fill the planner has no statistics for the new rows, and index-only
    scans still visit the table because the visibility map is not set yet; a running server
    is not in that state for long.
    """
    engine = create_engine(database_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("VACUUM ANALYZE"))
    finally:
        engine.dispose()


def environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-secret-key-bench-secret-key-0123456789",
        "CONFERENCE_ENV": "production",
        "MAIL_SERVER": "",
        "RATELIMIT_LOGIN": "100000 per minute",
        "PUBLIC_URL": "http://127.0.0.1",
    }


def flask(database_url: str, *args: str) -> None:
    """Run `flask --app wsgi …` against the benchmark database."""
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", *args],
        cwd=ROOT, env=environment(database_url), check=True, capture_output=True,
    )  # fmt: skip


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(database_url: str, workers: int = 2) -> Iterator[str]:
    """Serve the app with gunicorn (sync workers, as deployed) and yield its base URL."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", "wsgi:app"],
        cwd=ROOT, env=environment(database_url),
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not answer /healthz")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def wrk(url: str, *, script: str = "", connections: int = 4, threads: int = 2,
        seconds: int = 10, headers: dict[str, str] | None = None) -> Load:  # fmt: skip
    """Load one URL with wrk and return its throughput and latency percentiles."""
    binary = shutil.which("wrk")
    if binary is None:
        raise SystemExit("wrk is needed for web benchmarks: apt-get install wrk")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script + REPORT)
    command = [
        binary,
        "-t",
        str(threads),
        "-c",
        str(connections),
        "-d",
        f"{seconds}s",
        "-s",
        lua.name,
    ]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    os.unlink(lua.name)
    figures = json.loads(output.strip().splitlines()[-1])
    return Load(
        requests_per_second=figures["requests"] / figures["seconds"],
        p50_ms=figures["p50_ms"],
        p95_ms=figures["p95_ms"],
        p99_ms=figures["p99_ms"],
        errors=figures["errors"] + figures["non_2xx_3xx"],
    )


def print_table(title: str, rows: list[tuple[str, Load]], baseline: Load) -> None:
    print(f"\n{title}")
    print(f"{'endpoint':<34}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}"
          f"{'req/s ÷ healthz':>17}{'p95 ÷ healthz':>15}")  # fmt: skip
    for name, load in rows:
        print(
            f"{name:<34}{load.requests_per_second:>9.0f}{load.p50_ms:>9.1f}{load.p95_ms:>9.1f}"
            f"{load.p99_ms:>9.1f}{load.errors:>8}"
            f"{load.requests_per_second / baseline.requests_per_second:>17.2f}"
            f"{load.p95_ms / baseline.p95_ms:>15.1f}"
        )
