"""Commendation: units nominate, the awards board reviews, the organizers approve the list for the UBND."""
