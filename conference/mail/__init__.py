"""Outgoing mail and the outbox."""
