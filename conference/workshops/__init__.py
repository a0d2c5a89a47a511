"""Workshops alongside the plenary: ranked choices and the allocation of their seats."""
