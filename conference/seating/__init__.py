"""Seat plans for the plenary hall and the workshop rooms."""
