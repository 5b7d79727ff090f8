"""Moved to tests/factories/accounts.py; kept for the tests that import it from here."""

from tests.factories.accounts import PASSWORD, UserFactory, user_with_role  # noqa: F401
