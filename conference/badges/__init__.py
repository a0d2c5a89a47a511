"""Badges: the printable PDF and the QR code each badge carries."""
