"""Sending mail through the outbox.

``send_mail`` stores the message in the caller's transaction (it does not commit), so a
message exists exactly when the change it announces was saved. Delivery happens after the
commit: with ``MAIL_SERVER`` set, queued messages go out by SMTP at the end of the request
(and ``flask send-mail`` retries failures); without it, messages are stored for organizers to
read in the outbox page. Nothing is dropped.
"""

import smtplib
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app, g, render_template
from sqlalchemy import func, select, update

from conference.extensions import db
from conference.mail.models import MessageStatus, OutboxMessage
from conference.timeutil import utcnow


def smtp_configured() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def send_mail(
    recipient: str, subject: str, template: str, *, kind: str, **context
) -> OutboxMessage:
    """Render templates/mail/<template>.txt and put the message in the outbox."""
    message = OutboxMessage(
        recipient=recipient,
        subject=subject,
        body=render_template(f"mail/{template}.txt", **context),
        kind=kind,
        status=MessageStatus.QUEUED if smtp_configured() else MessageStatus.STORED,
    )
    db.session.add(message)
    g.outbox_has_queued = g.get("outbox_has_queued", False) or smtp_configured()
    return message


def _to_email(message: OutboxMessage) -> EmailMessage:
    email = EmailMessage()
    email["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=False)
    email["Message-ID"] = make_msgid(domain="hoinghi-shtt")
    email.set_content(message.body)
    return email


def _smtp_connection() -> smtplib.SMTP:
    config = current_app.config
    if config["MAIL_USE_SSL"]:
        connection = smtplib.SMTP_SSL(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=20)
    else:
        connection = smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=20)
        if config["MAIL_USE_TLS"]:
            connection.starttls()
    if config["MAIL_USERNAME"]:
        connection.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
    return connection


def _claim(message_id: int, from_status: MessageStatus) -> bool:
    """Mark one message as being sent, unless another worker already took it."""
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == from_status)
        .values(status=MessageStatus.SENDING, attempts=OutboxMessage.attempts + 1)
    ).rowcount
    db.session.commit()
    return claimed == 1


def deliver(status: MessageStatus = MessageStatus.QUEUED, limit: int = 100) -> tuple[int, int]:
    """Send up to `limit` messages in the given state by SMTP; return (sent, failed)."""
    if not smtp_configured():
        return 0, 0
    ids = db.session.scalars(
        select(OutboxMessage.id)
        .where(OutboxMessage.status == status)
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()
    sent = failed = 0
    connection = None
    for message_id in ids:
        if not _claim(message_id, status):
            continue
        message = db.session.get(OutboxMessage, message_id)
        try:
            connection = connection or _smtp_connection()
            connection.send_message(_to_email(message))
        except (smtplib.SMTPException, OSError) as error:
            message.status = MessageStatus.FAILED
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            connection = None
            failed += 1
        else:
            message.status = MessageStatus.SENT
            message.sent_at = utcnow()
            message.last_error = ""
            sent += 1
        db.session.commit()
    if connection is not None:
        try:
            connection.quit()
        except smtplib.SMTPException:
            current_app.logger.warning("SMTP connection did not close cleanly", exc_info=True)
    return sent, failed


def deliver_after_request() -> None:
    """Send what this request queued, once its transaction has been committed."""
    if g.get("outbox_has_queued"):
        g.outbox_has_queued = False
        deliver()


def outbox_page(*, page: int, per_page: int, status: str = "", recipient: str = ""):
    """Return a page of messages, newest first, with optional filters."""
    query = select(OutboxMessage).order_by(OutboxMessage.id.desc())
    if status:
        query = query.where(OutboxMessage.status == status)
    if recipient:
        query = query.where(OutboxMessage.recipient.icontains(recipient.strip(), autoescape=True))
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def get_message(message_id: int) -> OutboxMessage | None:
    return db.session.get(OutboxMessage, message_id)


def status_counts() -> dict[str, int]:
    """Return how many messages are in each state."""
    rows = db.session.execute(
        select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    )
    return {str(status): count for status, count in rows}


def retry_failed() -> tuple[int, int]:
    """Try again every message that SMTP refused."""
    return deliver(MessageStatus.FAILED)
