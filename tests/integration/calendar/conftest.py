"""Calendar tests use the workshop fixtures: workshops in their own rooms."""

from tests.integration.workshops.conftest import make_workshop

__all__ = ["make_workshop"]
