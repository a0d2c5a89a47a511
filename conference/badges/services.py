"""Badges: each delegate's QR key, and finding the delegate a scanned code belongs to."""

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from conference.badges import tokens
from conference.badges.models import Badge
from conference.extensions import db
from conference.registration.models import Delegate


def _secret() -> bytes:
    return current_app.config["SECRET_KEY"].encode()


def ensure_badges(delegates: list[Delegate]) -> dict[int, Badge]:
    """Return the badges of these delegates, creating the missing ones (in one insert)."""
    ids = [delegate.id for delegate in delegates]
    badges = {
        badge.delegate_id: badge
        for badge in db.session.scalars(select(Badge).where(Badge.delegate_id.in_(ids)))
    }
    missing = [
        Badge(delegate_id=delegate_id, key=tokens.new_key())
        for delegate_id in ids
        if delegate_id not in badges
    ]
    if missing:
        db.session.add_all(missing)
        try:
            db.session.commit()
        except IntegrityError:  # another request made some of them a moment ago
            db.session.rollback()
            return ensure_badges(delegates)
        badges.update((badge.delegate_id, badge) for badge in missing)
    return badges


def qr_payload(badge: Badge) -> str:
    return tokens.payload(badge.key, _secret())


def badge_for_scan(scanned: str) -> Badge | None:
    """Return the badge a scanned or typed code belongs to; None for anything not genuine."""
    key = tokens.key_from_payload(scanned, _secret())
    if key is None:
        return None
    return db.session.scalar(
        select(Badge)
        .options(joinedload(Badge.delegate).joinedload(Delegate.category))
        .where(Badge.key == key)
    )
