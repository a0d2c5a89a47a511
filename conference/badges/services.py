"""Badges: each delegate's QR key, what their badge says, its printings, and scanned codes.

A badge is printed from what the other features know of its wearer: the category, the plenary
seat (seating), the workshops (workshops) and the award (nominations). Each printing stores a
fingerprint of what was printed; printing again after any of it changed makes a new version,
which the badge shows, while the QR key stays: an old badge still names the same person.
"""

import hashlib
import json
from collections.abc import Collection
from dataclasses import asdict, dataclass, replace
from datetime import datetime

from babel.dates import format_datetime
from flask import current_app
from sqlalchemy import bindparam, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from conference.audit import services as audit
from conference.audit.services import Actor
from conference.badges import pdf, tokens
from conference.badges.models import Badge
from conference.events.models import Event
from conference.extensions import db
from conference.nominations import services as nominations
from conference.registration.models import Delegate, DelegateStatus
from conference.seating import planner
from conference.seating import services as seating
from conference.timeutil import to_local
from conference.workshops import services as workshops


class BadgeError(Exception):
    """Badges could not be printed; `reason` says why (nobody, not_confirmed, four_up_needs_a6)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Printing:
    pdf: bytes
    count: int
    new_versions: int  # badges printed again because what they say changed


def _secret() -> bytes:
    return current_app.config["SECRET_KEY"].encode()


def ensure_badges(delegates: list[Delegate]) -> dict[int, Badge]:
    """Return the badges of these delegates, creating the missing ones (in one insert)."""
    return _badges_for([delegate.id for delegate in delegates])


def _badges_for(ids: list[int]) -> dict[int, Badge]:
    badges = {
        badge.delegate_id: badge
        for badge in db.session.scalars(select(Badge).where(Badge.delegate_id.in_(ids)))
    }
    missing = [
        Badge(delegate_id=delegate_id, key=tokens.new_key())
        for delegate_id in ids
        if delegate_id not in badges
    ]
    if not missing:
        return badges
    db.session.add_all(missing)
    try:
        db.session.commit()
    except IntegrityError:  # another request made some of them a moment ago
        db.session.rollback()
    # Read them again in one query: the commit expired every loaded object.
    return _badges_for(ids)


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


def personal_data(delegate: Delegate) -> dict:
    """Return what is kept about a delegate's badge, for their download of their own data."""
    badge = db.session.get(Badge, delegate.id)
    if badge is None:
        return {"badge": None}
    return {"badge": {"version": badge.version, "printed_at": badge.printed_at}}


# --- who gets a badge -----------------------------------------------------------------------------


def confirmed_delegates(
    event: Event, category_id: int | None = None, delegate_ids: Collection[int] | None = None
) -> list[Delegate]:
    """Return the event's confirmed delegates, of one category or among some ids if given."""
    query = (
        select(Delegate)
        .options(selectinload(Delegate.category))
        .where(Delegate.event_id == event.id, Delegate.status == DelegateStatus.CONFIRMED)
    )
    if category_id:
        query = query.where(Delegate.category_id == category_id)
    if delegate_ids is not None:
        query = query.where(Delegate.id.in_(list(delegate_ids)))
    return list(db.session.scalars(query.order_by(Delegate.name_order, Delegate.id)))


def confirmed_by_category(event: Event) -> dict[int, int]:
    """Return category id → how many confirmed delegates (badges to print) it has."""
    return dict(
        db.session.execute(
            select(Delegate.category_id, func.count())
            .where(Delegate.event_id == event.id, Delegate.status == DelegateStatus.CONFIRMED)
            .group_by(Delegate.category_id)
        ).all()
    )


# --- what a badge says --------------------------------------------------------------------------


def _badge_event(event: Event) -> pdf.BadgeEvent:
    """Return the top of every badge: the host, the short title, the day and the venue."""
    day = format_datetime(to_local(event.starts_at, event.zone), "EEEE, dd/MM/yyyy", locale="vi")
    return pdf.BadgeEvent(
        short_title=event.short_title,
        dates_text=f"{day} · {event.venue}",
        organizer=event.host.upper(),
    )


def _seat_text(seat: str) -> str:
    row, number = planner.parse_seat(seat)
    return f"Hàng {row} · Ghế {number}"


def _contents(event: Event, delegates: list[Delegate], keys: dict[int, Badge]) -> list[pdf.Badge]:
    """Return what each delegate's badge says (version left at 0), in a constant number of queries."""
    seats = seating.plenary_seats(event)
    held = workshops.workshops_by_delegate(event)
    awarded = nominations.award_recipient_ids(event)
    zone = event.zone
    return [
        pdf.Badge(
            full_name=delegate.full_name,
            category=pdf.BadgeCategory(
                delegate.category.badge_label, delegate.category.color,
                delegate.category.protocol_rank,
            ),
            qr_token=qr_payload(keys[delegate.id]),
            position=delegate.position,
            unit=delegate.organization,
            award_recipient=delegate.id in awarded,
            seat=_seat_text(seats[delegate.id]) if delegate.id in seats else "",
            workshops=tuple(
                pdf.BadgeWorkshop(
                    workshop.title,
                    f"{to_local(workshop.starts_at, zone):%H:%M} · {workshop.room.name}",
                )
                for workshop in held.get(delegate.id, ())
            ),
            version=0,
        )
        for delegate in delegates
    ]  # fmt: skip


def _fingerprint(header: pdf.BadgeEvent, content: pdf.Badge) -> str:
    """Return a digest of everything a badge shows but its version (the protocol rank only
    orders the print run)."""
    category = replace(content.category, protocol_rank=0)
    shown = {
        "event": asdict(header),
        "badge": asdict(replace(content, version=0, category=category)),
    }
    return hashlib.sha256(json.dumps(shown, ensure_ascii=False).encode()).hexdigest()


# --- printing -------------------------------------------------------------------------------------


def _record_printing(
    badges: dict[int, Badge], fingerprints: dict[int, str], now: datetime
) -> tuple[dict[int, int], set[int]]:
    """Give a new version to every badge whose content changed since it was last printed;
    return delegate id → version to print, and the ids whose version this printing raised.

    The changed badges' rows are locked first, so that of two organizers printing the same
    changed badge at once the second sees the first one's printing: one new version, not two.
    """
    changed = [i for i, digest in fingerprints.items() if badges[i].printed_fingerprint != digest]
    raised: set[int] = set()
    if changed:
        locked = db.session.execute(
            select(Badge.delegate_id, Badge.printed_fingerprint)
            .where(Badge.delegate_id.in_(changed))
            .order_by(Badge.delegate_id)
            .with_for_update()
        )
        raised = {i for i, printed in locked if printed != fingerprints[i]}
    if raised:
        table = Badge.__table__
        db.session.execute(
            update(table)
            .where(table.c.delegate_id == bindparam("delegate"))
            .values(
                version=table.c.version + 1,
                printed_fingerprint=bindparam("printed"),
                printed_at=now,
            ),
            [{"delegate": i, "printed": fingerprints[i]} for i in raised],
        )
    versions = dict(
        db.session.execute(
            select(Badge.delegate_id, Badge.version).where(Badge.delegate_id.in_(list(badges)))
        ).all()
    )
    return versions, raised


def print_badges(
    event: Event,
    delegates: list[Delegate],
    actor: Actor,
    now: datetime,
    size: pdf.BadgeSize = pdf.BadgeSize.A6,
    sheet: pdf.Sheet = pdf.Sheet.ONE_PER_PAGE,
) -> Printing:
    """Print the badges of confirmed delegates, sorted by category and name; a badge whose
    content changed since its last printing becomes a new version (audited)."""
    if sheet is pdf.Sheet.A4_FOUR_UP and size is not pdf.BadgeSize.A6:
        raise BadgeError("four_up_needs_a6")
    if not delegates:
        raise BadgeError("nobody")
    ids = [delegate.id for delegate in delegates]
    keys = _badges_for(ids)
    # Again, in one query: creating badges may have committed, which expires loaded objects.
    delegates = list(
        db.session.scalars(
            select(Delegate).options(selectinload(Delegate.category)).where(Delegate.id.in_(ids))
        )
    )
    if any(delegate.status != DelegateStatus.CONFIRMED for delegate in delegates):
        raise BadgeError("not_confirmed")
    header = _badge_event(event)
    contents = _contents(event, delegates, keys)
    fingerprints = {
        delegate.id: _fingerprint(header, content)
        for delegate, content in zip(delegates, contents, strict=True)
    }
    versions, raised = _record_printing(keys, fingerprints, now)
    printed = [
        replace(content, version=versions[delegate.id])
        for delegate, content in zip(delegates, contents, strict=True)
    ]
    # A first printing is no reprint; a badge printed before and raised now is.
    reprinted = [d for d in delegates if d.id in raised and versions[d.id] > 1]
    for delegate in reprinted:
        audit.record(
            "badge.reprint", delegate, actor,
            before={"version": versions[delegate.id] - 1}, after={"version": versions[delegate.id]},
            summary=delegate.full_name,
        )  # fmt: skip
    db.session.commit()
    return Printing(
        pdf=pdf.render_badges(header, pdf.sort_badges(printed), size, sheet),
        count=len(printed),
        new_versions=len(reprinted),
    )
