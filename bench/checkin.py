"""Benchmark: scanning badges at the door, at ten times the seed event.

Run with `.venv/bin/python -m bench.checkin` (needs PostgreSQL on 127.0.0.1 and wrk). It fills a
scratch database with 1,500 confirmed delegates and their badges, serves the app with gunicorn
(2 sync workers) and sends the desk page's scan requests (POST /checkin/scan, JSON) with wrk,
each badge once and then again (the double scans a real door sees), against a bare /healthz
under the same server and load. Target: scan latency under 20 ms at p95.
"""

import argparse
import json
import re
import urllib.parse
import urllib.request

from bench.registration import _organizer_cookie, fill
from bench.webload import flask, fresh_database, gunicorn, print_table, settle, wrk
from conference import create_app
from conference.badges import services as badges
from conference.events.services import current_event
from conference.extensions import db
from conference.registration import services as registration
from conference.registration.models import DelegateStatus

SCAN = """
local index = 0
local thread_id = 0
setup = function(thread)
  thread_id = thread_id + 1
  thread:set("offset", thread_id * 7919)
end
request = function()
  index = index + 1
  local code = CODES[((offset + index) % #CODES) + 1]
  local body = '{"code": "' .. code .. '", "point": "plenary", "desk": "Cổng A"}'
  return wrk.format("POST", "/checkin/scan", HEADERS, body)
end
"""


def badge_codes(database_url: str) -> list[str]:
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        event = current_event()
        confirmed = registration.delegate_list(
            event, registration.DelegateFilters(status=DelegateStatus.CONFIRMED)
        )
        issued = badges.ensure_badges(confirmed)
        codes = [badges.qr_payload(issued[delegate.id]) for delegate in confirmed]
        db.engine.dispose()
    return codes


def _csrf_token(base: str, cookie: str) -> str:
    request = urllib.request.Request(
        base + "/checkin/desk?point=plenary", headers={"Cookie": f"session={cookie}"}
    )
    response = urllib.request.urlopen(request)
    return re.search(r'data-csrf="([^"]+)"', response.read().decode()).group(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=4)
    arguments = parser.parse_args()

    with fresh_database("bench_checkin") as database_url:
        flask(database_url, "db", "upgrade")
        fill(database_url, codes=("so_nganh", "quan_huyen"))
        settle(database_url)
        codes = badge_codes(database_url)
        print(f"{len(codes)} confirmed delegates with badges; gunicorn, 2 workers, PostgreSQL; "
              f"wrk {arguments.seconds} s per run")  # fmt: skip
        lua_codes = "CODES = {" + ",".join(json.dumps(code) for code in codes) + "}\n"
        with gunicorn(database_url) as base:
            cookie = _organizer_cookie(base)
            headers = (
                '{["Content-Type"] = "application/json", '
                f'["Cookie"] = "session={cookie}", ["X-CSRFToken"] = "{_csrf_token(base, cookie)}"}}'
            )
            script = lua_codes + f"HEADERS = {headers}\n" + SCAN
            results = {}
            for connections in (1, arguments.connections):
                load = {
                    "seconds": arguments.seconds,
                    "connections": connections,
                    "threads": min(connections, 2),
                }
                results[connections] = (
                    wrk(base + "/healthz", **load),
                    wrk(base + "/checkin/scan", script=script, **load),
                )

    for connections, (healthz, scans) in results.items():
        print_table(
            f"Scans ({connections} desk{'s' if connections > 1 else ''} at once)",
            [("GET /healthz (baseline)", healthz), ("POST /checkin/scan", scans)],
            healthz,
        )
    single = results[1][1]
    print(
        f"\nTarget: scan p95 < 20 ms (one desk): {single.p95_ms:.1f} ms {'✓' if single.p95_ms < 20 else '✗'}"
    )
    busy = results[arguments.connections][1]
    print(f"        with {arguments.connections} desks at once: {busy.p95_ms:.1f} ms")


if __name__ == "__main__":
    main()
