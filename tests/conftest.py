"""Shared fixtures: the test database holds the real reference data and the demo, loaded
once per run, so every test reads the same official figures a user would see."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Migrate, then load the shipped Scottish data and the demo once for the whole run."""
    with django_db_blocker.unblock():
        name = str(connection.settings_dict["NAME"])
        assert "test_placeplan_" in name, f"refusing to load test data into {name}"
        call_command("load_reference_data", verbosity=0)
        call_command("load_demo", verbosity=0)


def pytest_sessionfinish(session, exitstatus):
    """SQLite leaves the test database's write-ahead log behind when Django deletes the
    database file (about 400 MB each run): remove this run's."""
    from django.conf import settings

    name = str(settings.DATABASES["default"].get("TEST", {}).get("NAME") or "")
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") and "test_placeplan_" in name:
        for suffix in ("-wal", "-shm", "-journal"):
            Path(name + suffix).unlink(missing_ok=True)
