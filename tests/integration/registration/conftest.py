# The registration fixtures (form_data, make_delegate, small_event) live in tests/integration/
# conftest.py so that every feature's tests can register delegates; `category` is kept
# importable from here for the tests that import it by this name.
from tests.integration.conftest import category

__all__ = ["category"]
