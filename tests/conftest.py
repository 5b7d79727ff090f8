"""Shared fixtures: the test database holds the real reference data and the demo, loaded
once per run, so every test reads the same official figures a user would see."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from tests import constraint_checks


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Migrate, then load the shipped Scottish data and the demo once for the whole run."""
    with django_db_blocker.unblock():
        name = str(connection.settings_dict["NAME"])
        assert "test_placeplan_" in name, f"refusing to load test data into {name}"
        call_command("load_reference_data", verbosity=0)
        call_command("load_demo", verbosity=0)
        # On SQLite each test's foreign-key check covers only what it wrote.
        constraint_checks.enable(connection)


def pytest_sessionfinish(session, exitstatus):
    """Leave nothing behind. SQLite keeps the test database's write-ahead log when Django
    deletes the database file (about 400 MB a run); on PostgreSQL the live server's thread
    may still hold a connection when Django drops the test database, so drop it by force."""
    import shutil

    from django.conf import settings
    from django.db import connections

    if "test_placeplan_" in str(settings.MEDIA_ROOT):
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    database = settings.DATABASES["default"]
    name = str(database.get("TEST", {}).get("NAME") or "")
    if "test_placeplan_" not in name:
        return
    if database["ENGINE"].endswith("sqlite3"):
        for suffix in ("-wal", "-shm", "-journal"):
            Path(name + suffix).unlink(missing_ok=True)
    elif database["ENGINE"].endswith("postgresql"):
        import psycopg
        from psycopg import sql

        connections.close_all()
        with psycopg.connect(
            host=database["HOST"],
            port=database["PORT"] or 5432,
            user=database["USER"],
            password=database["PASSWORD"] or None,
            dbname="postgres",  # the maintenance database: never the one being dropped
            autocommit=True,
        ) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (public pages are cached by evidence version)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
