"""Benchmark: registration and the organizers' delegate list at ten times the seed event.

Run with `.venv/bin/python bench/registration.py` (needs PostgreSQL on 127.0.0.1 and wrk).
It creates a scratch database, fills it with the demo event and 1,500 delegates, serves the
app with gunicorn (2 sync workers, as deployed) and loads it with wrk on loopback:
- `/healthz`, the baseline: the same server, the same load;
- the delegate list an organizer opens (all 1,500 rows), one organizer at a time and under load;
- registration POSTs, each a new delegate: in a category that waits for approval, and in an
  open category where every registration takes the event's place lock.
Targets: registration throughput at least 10 % of /healthz; the list under 150 ms at p95.
The throughput targets are read from paired windows: short runs of /healthz and of the
registration, alternating, so that both see the same moments of a machine whose speed drifts
(a shared virtual machine's speed moves by ±20 % from one few-second window to the next).
"""

import argparse
import re
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie

from sqlalchemy import func, select

from bench.webload import flask, fresh_database, gunicorn, print_table, settle, wrk
from conference import create_app
from conference.audit.services import Actor
from conference.demo import DEMO_PASSWORD
from conference.demo import load as load_demo
from conference.demodata import People
from conference.events.services import current_event
from conference.extensions import db
from conference.registration import services
from conference.registration.models import Delegate, Honorific
from conference.timeutil import utcnow

DELEGATES = 1500
PAIRED_ROUNDS = 5
PAIRED_SECONDS = 2
ORGANIZER = "btc@demo.hoinghi-shtt.vn"
REGISTER = """
local counter = 0
local thread_id = 0
setup = function(thread)
  thread_id = thread_id + 1
  thread:set("id", thread_id)
end
request = function()
  counter = counter + 1
  local body = string.format("%s&email=bench-%s-%d-%d%%40hanoi.gov.vn", BODY, RUN, id, counter)
  return wrk.format("POST", "/register", HEADERS, body)
end
"""


OPEN_CODES = ("so_nganh", "quan_huyen", "nha_khoa_hoc", "chuyen_gia", "chu_van_bang", "bao_chi")


def fill(database_url: str, codes: tuple[str, ...] = OPEN_CODES) -> dict[str, int]:
    """Load the demo, give the event room for ten times the delegates, and register them
    in the given categories, round-robin."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "PUBLIC_URL": "http://127.0.0.1"})
    with app.test_request_context():
        load_demo(utcnow())
        event = current_event()
        services.set_capacity(event, DELEGATES, Actor.system("bench"), utcnow())
        categories = {category.code: category.id for category in event.categories}
        people = People(seed=1500)
        existing = db.session.scalar(select(func.count()).select_from(Delegate))
        for number in range(DELEGATES - existing):
            person = people.person()
            services.register(
                event,
                services.RegistrationData(
                    honorific=Honorific(person.honorific), full_name=person.full_name,
                    position="Chuyên viên", organization="Sở Khoa học và Công nghệ Hà Nội",
                    category_id=categories[codes[number % len(codes)]],
                    email=f"dai-bieu-{number}@hanoi.gov.vn",
                ),
                utcnow(),
            )  # fmt: skip
        total = db.session.scalar(select(func.count()).select_from(Delegate))
        db.engine.dispose()
    return {"delegates": total, **categories}


def _count_delegates(database_url: str) -> int:
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url})
    with app.app_context():
        total = db.session.scalar(select(func.count()).select_from(Delegate))
        db.engine.dispose()
    return total


def _form_session(base: str, path: str) -> tuple[str, str]:
    """Open a form page; return its session cookie and CSRF token."""
    response = urllib.request.urlopen(base + path)
    cookie = SimpleCookie(response.headers["Set-Cookie"])["session"].value
    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"', response.read().decode()
    ).group(1)
    return cookie, token


def _organizer_cookie(base: str) -> str:
    cookie, token = _form_session(base, "/login")
    body = urllib.parse.urlencode(
        {"email": ORGANIZER, "password": DEMO_PASSWORD, "csrf_token": token}
    ).encode()
    request = urllib.request.Request(
        base + "/login", data=body, headers={"Cookie": f"session={cookie}"}
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        urllib.request.build_opener(NoRedirect).open(request)
    except urllib.error.HTTPError as redirect:
        return SimpleCookie(redirect.headers["Set-Cookie"])["session"].value
    raise RuntimeError("login did not redirect")


def _registration_script(base: str, category_id: int, run: str) -> str:
    cookie, token = _form_session(base, "/register")
    body = urllib.parse.urlencode({
        "honorific": "ong", "full_name": "Nguyễn Văn Thử Tải", "position": "Chuyên viên",
        "organization": "Sở Khoa học và Công nghệ Hà Nội", "category": category_id,
        "phone": "0912 345 678", "consent": "y", "csrf_token": token,
    })  # fmt: skip
    headers = (
        '{["Content-Type"] = "application/x-www-form-urlencoded", '
        f'["Cookie"] = "session={cookie}"}}'
    )
    return f'BODY = "{body}"\nRUN = "{run}"\nHEADERS = {headers}\n' + REGISTER


def paired_share(base: str, category_id: int, run: str, load: dict) -> float:
    """Registration throughput as a share of /healthz, from alternating short windows."""
    window = {**load, "seconds": PAIRED_SECONDS}
    healthz = registrations = 0.0
    for round_number in range(PAIRED_ROUNDS):
        healthz += wrk(base + "/healthz", **window).requests_per_second
        script = _registration_script(base, category_id, f"{run}{round_number}")
        registrations += wrk(base + "/register", script=script, **window).requests_per_second
    return registrations / healthz


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=4)
    arguments = parser.parse_args()
    load = {"seconds": arguments.seconds, "connections": arguments.connections}

    with fresh_database("bench_registration") as database_url:
        flask(database_url, "db", "upgrade")
        filled = fill(database_url)
        settle(database_url)
        print(f"{filled['delegates']} delegates in the database; gunicorn, 2 workers, PostgreSQL; "
              f"wrk: {arguments.connections} connections, {arguments.seconds} s each")  # fmt: skip
        with gunicorn(database_url) as base:
            cookie = _organizer_cookie(base)
            # Latency as an organizer sees it: one browser at a time.
            single = {**load, "connections": 1, "threads": 1}
            healthz_alone = wrk(base + "/healthz", **single)
            listing = wrk(base + "/delegates/", headers={"Cookie": f"session={cookie}"}, **single)
            # Throughput under load: several delegates registering at once.
            healthz = wrk(base + "/healthz", **load)
            listing_loaded = wrk(
                base + "/delegates/", headers={"Cookie": f"session={cookie}"}, **load
            )
            before = _count_delegates(database_url)
            pending = wrk(
                base + "/register",
                script=_registration_script(base, filled["nha_khoa_hoc"], "a"),
                **load,
            )
            middle = _count_delegates(database_url)
            placed = wrk(
                base + "/register",
                script=_registration_script(base, filled["so_nganh"], "b"),
                **load,
            )
            after = _count_delegates(database_url)
            shares = {
                "awaits approval": paired_share(base, filled["nha_khoa_hoc"], "pa", load),
                "place lock": paired_share(base, filled["so_nganh"], "pb", load),
            }

    rows_list = f"GET /delegates/ ({filled['delegates']} rows)"
    print_table(
        "One organizer at a time (1 connection)",
        [("GET /healthz (baseline)", healthz_alone), (rows_list, listing)],
        healthz_alone,
    )
    print_table(
        f"Under load ({arguments.connections} connections)",
        [
            ("GET /healthz (baseline)", healthz),
            (rows_list, listing_loaded),
            ("POST /register (awaits approval)", pending),
            ("POST /register (open, place lock)", placed),
        ],
        healthz,
    )
    stored = {"awaits approval": middle - before, "place lock": after - middle}
    print(f"\nRegistrations stored: {stored} (each POST must create one delegate)")
    print(f"\nTargets (throughput from {PAIRED_ROUNDS} pairs of {PAIRED_SECONDS}-second windows, "
          "/healthz and registration alternating):")  # fmt: skip
    for name, load_figures in (("awaits approval", pending), ("place lock", placed)):
        share = shares[name]
        in_table = load_figures.requests_per_second / healthz.requests_per_second
        print(f"  registration ({name}) ≥ 10 % of /healthz throughput: {share:.1%} "
              f"{'✓' if share >= 0.10 else '✗'} (table above: {in_table:.1%})")  # fmt: skip
    print(f"  delegate list p95 < 150 ms (one organizer): {listing.p95_ms:.1f} ms "
          f"{'✓' if listing.p95_ms < 150 else '✗'}")  # fmt: skip


if __name__ == "__main__":
    main()
