"""What a badge's QR code holds: a random key and its signature, never a database id.

"HN1.<key>.<mac>": the key is 80 random bits, the mac the first 80 bits of an HMAC-SHA256 of
it under the app's secret. Both are base32, so the whole payload is 37 characters of QR's
alphanumeric set (a version-2 code, 25×25 modules, quick to print and to scan), and a USB
scanner types it as plain keys. A forged or mistyped payload is refused before any lookup.
"""

import base64
import hashlib
import hmac
import secrets

PREFIX = "HN1"
_KEY_BYTES = 10
_MAC_BYTES = 10


def _b32(raw: bytes) -> str:
    return base64.b32encode(raw).decode().rstrip("=")


def new_key() -> str:
    """Return a fresh, unguessable badge key (16 base32 characters)."""
    return _b32(secrets.token_bytes(_KEY_BYTES))


def _mac(key: str, secret: bytes) -> str:
    digest = hmac.new(secret, f"badge:{key}".encode(), hashlib.sha256).digest()
    return _b32(digest[:_MAC_BYTES])


def payload(key: str, secret: bytes) -> str:
    """Return what the QR code of the badge with this key holds."""
    return f"{PREFIX}.{key}.{_mac(key, secret)}"


def key_from_payload(scanned: str, secret: bytes) -> str | None:
    """Return the key of a genuine payload (as a scanner or a person typed it), else None."""
    parts = scanned.strip().upper().split(".")
    if len(parts) != 3 or parts[0] != PREFIX:
        return None
    _prefix, key, mac = parts
    if not hmac.compare_digest(mac, _mac(key, secret)):
        return None
    return key
