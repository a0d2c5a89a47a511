"""Firing real requests at the same moment, each from its own thread, client and connection."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import NamedTuple

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text
from werkzeug.test import TestResponse

from conference.demo import DEMO_PASSWORD
from conference.extensions import db


class Post(NamedTuple):
    path: str
    data: dict | None = None  # a form
    email: str = ""  # the account to sign in as first; anonymous when empty
    json: dict | None = None


def post_all_at_once(
    app: Flask, posts: list[Post], follow_redirects=False, session_cookie: str = ""
) -> list[TestResponse]:
    """Send every post from its own thread, released together once all are signed in.

    With `session_cookie`, every client shares that signed-in session (one desk's account
    scanning from several devices) instead of signing in by e-mail.
    Return the responses in the order of `posts`.
    """
    barrier = threading.Barrier(len(posts), timeout=30)

    def send(post: Post) -> TestResponse:
        client = app.test_client()
        if session_cookie:
            client.set_cookie("session", session_cookie)
        elif post.email:
            client.post("/login", data={"email": post.email, "password": DEMO_PASSWORD})
        barrier.wait()
        return client.post(
            post.path, data=post.data, json=post.json, follow_redirects=follow_redirects
        )

    with ThreadPoolExecutor(max_workers=len(posts)) as pool:
        return list(pool.map(send, posts))


def signed_in_client(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    client.post("/login", data={"email": email, "password": DEMO_PASSWORD})
    return client


def wait_until_blocked_on_locks(count: int = 1, seconds: float = 20) -> None:
    """Return once `count` transactions of this PostgreSQL database wait for a lock."""
    deadline = time.monotonic() + seconds
    with db.engine.connect() as connection:
        while time.monotonic() < deadline:
            waiting = connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            ).scalar()
            if waiting >= count:
                return
            # pg_stat_activity is read once per transaction: end it to see the next moment.
            connection.rollback()
            time.sleep(0.05)
    raise AssertionError(f"{count} transaction(s) never waited for a lock")
