"""The meeting tests use the plan tests' partnership fixtures."""

from tests.plans.conftest import highland, perth  # noqa: F401 (fixtures reused)
