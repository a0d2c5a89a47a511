"""The outbox keeps every message; with a mail server configured it also delivers them."""

import socket
import threading
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from conference.auth.models import Role
from conference.auth.services import request_password_reset
from conference.extensions import db
from conference.mail import services
from conference.mail.models import MessageStatus, OutboxMessage


class Inbox:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content, policy=default_policy))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def _queue_reset_mail(client, user):
    client.post("/password/forgot", data={"email": user.email})


def test_without_mail_server_message_is_stored_and_readable(client, make_user, login_as):
    user = make_user(Role.REVIEWER)
    _queue_reset_mail(client, user)
    login_as(Role.ORGANIZER)
    listing = client.get("/outbox/").get_data(as_text=True)
    assert "Đặt lại mật khẩu" in listing
    assert "Lưu tại đây, chưa gửi" in listing
    message = db.session.scalars(select(OutboxMessage)).one()
    page = client.get(f"/outbox/{message.id}").get_data(as_text=True)
    assert "/password/reset/" in page


class TestWithMailServer:
    @pytest.fixture
    def app_config(self, app_config, smtp_server):
        controller, _inbox = smtp_server
        return {
            **app_config,
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": controller.port,
            "MAIL_USE_TLS": False,
            "MAIL_DEFAULT_SENDER": "Ban tổ chức <btc@hanoi.gov.vn>",
        }

    def test_message_is_delivered_after_the_request_and_marked_sent(
        self, client, make_user, smtp_server
    ):
        _controller, inbox = smtp_server
        user = make_user(Role.REVIEWER, name="Trần Văn Hùng")
        _queue_reset_mail(client, user)
        (received,) = inbox.messages
        assert received["To"] == user.email
        assert received["Subject"] == "Đặt lại mật khẩu"
        assert "Kính gửi Trần Văn Hùng," in received.get_content()
        stored = db.session.scalars(select(OutboxMessage)).one()
        assert stored.status == MessageStatus.SENT
        assert stored.sent_at is not None

    def test_refused_message_is_kept_as_failed_and_sent_on_retry(
        self, app, client, make_user, smtp_server
    ):
        controller, inbox = smtp_server
        user = make_user(Role.REVIEWER)
        app.config["MAIL_PORT"] = 1  # nothing listens there
        _queue_reset_mail(client, user)
        stored = db.session.scalars(select(OutboxMessage)).one()
        assert stored.status == MessageStatus.FAILED
        assert stored.last_error

        app.config["MAIL_PORT"] = controller.port
        assert services.retry_failed() == (1, 0)
        db.session.refresh(stored)
        assert stored.status == MessageStatus.SENT
        assert stored.attempts == 2
        assert len(inbox.messages) == 1

    def test_message_is_claimed_by_one_worker_only(self, app, make_user, smtp_server):
        _controller, inbox = smtp_server
        user = make_user(Role.REVIEWER)
        with app.test_request_context():
            request_password_reset(user.email)
        message = db.session.scalars(select(OutboxMessage)).one()
        assert message.status == MessageStatus.QUEUED

        assert services._claim(message.id, MessageStatus.QUEUED) is True
        assert services._claim(message.id, MessageStatus.QUEUED) is False
        assert services.deliver() == (0, 0)
        assert inbox.messages == []
