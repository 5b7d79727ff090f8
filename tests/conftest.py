"""Shared fixtures: the test database holds the real reference data and the demo, loaded
once per run, so every test reads the same official figures a user would see."""

import os

import pytest
from django.core.management import call_command
from django.db import connection

from tests import constraint_checks, database_template


def pytest_configure(config):
    """With workers, have the loaded test database built once while they start, or use
    the one ``PLACEPLAN_TEST_TEMPLATE`` names, started earlier (tests/database_template.py)."""
    if hasattr(config, "workerinput") or not config.getoption("numprocesses", None):
        return
    started = os.environ.get(database_template.ENVIRONMENT)
    if started:  # built by an earlier ``python -m tests.database_template --start``
        config.stash[_BUILD] = database_template.Build(started, started=True)
        return
    from django.conf import settings

    test_name = str(settings.DATABASES["default"]["TEST"]["NAME"])
    template = test_name.replace(".sqlite3", "") + "_template"
    config.stash[_BUILD] = database_template.Build(template)
    os.environ[database_template.ENVIRONMENT] = template  # the workers inherit it


_BUILD = pytest.StashKey[database_template.Build]()

# A test that names none of these (nor the django_db mark) cannot reach the database:
# pytest-django refuses it any access.
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
    }
)
ONLY_DATABASE_TESTS = "--only-database-tests"


def pytest_addoption(parser):
    parser.addoption(
        ONLY_DATABASE_TESTS,
        action="store_true",
        help="Leave out the tests that use no database (CI's second run, on PostgreSQL: "
        "they ran in the first).",
    )


def uses_database(item) -> bool:
    """Whether a test may use the database: marked django_db, or asking (directly or
    through another fixture) for a fixture that opens it."""
    if item.get_closest_marker("django_db") is not None:
        return True
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config, items):
    """With ``--only-database-tests``, the tests that cannot use the database are left
    out: they give the same answer on every database."""
    if not config.getoption(ONLY_DATABASE_TESTS):
        return
    kept = [item for item in items if uses_database(item)]
    left_out = [item for item in items if not uses_database(item)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """A worker's test database starts as a copy of the run's template, when there is one."""
    template = os.environ.get(database_template.ENVIRONMENT)
    if template:
        from django.conf import settings

        database = settings.DATABASES["default"]
        database_template.wait(template)
        database_template.copy_to(database, str(database["TEST"]["NAME"]), template)


@pytest.fixture(scope="session")
def django_db_keepdb():
    """Keep the copy of the template (Django only applies what migrations it lacks: none)."""
    return bool(os.environ.get(database_template.ENVIRONMENT))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Migrate, then load the shipped Scottish data and the demo once for the whole run
    (or start from the run's template, which holds them)."""
    with django_db_blocker.unblock():
        name = str(connection.settings_dict["NAME"])
        assert "test_placeplan_" in name, f"refusing to load test data into {name}"
        if not os.environ.get(database_template.ENVIRONMENT):
            call_command("load_reference_data", verbosity=0)
            call_command("load_demo", verbosity=0)
        # On SQLite each test's foreign-key check covers only what it wrote.
        constraint_checks.enable(connection)


def pytest_sessionfinish(session, exitstatus):
    """Leave nothing behind: the test database (a copy of the template is kept by Django),
    the write-ahead log SQLite keeps when Django deletes the file (about 400 MB a run), and
    on PostgreSQL a database the live server's thread may still hold when Django drops it
    (so dropped by force). The controlling process removes the template."""
    import shutil

    from django.conf import settings
    from django.db import connections

    if "test_placeplan_" in str(settings.MEDIA_ROOT):
        shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    database = settings.DATABASES["default"]
    build = session.config.stash.get(_BUILD, None)
    if build:
        build.finish()
        database_template.remove(database, build.name)
        return
    name = str(database.get("TEST", {}).get("NAME") or "")
    if "test_placeplan_" in name:
        connections.close_all()
        database_template.remove(database, name)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (public pages are cached by evidence version)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def worker_checked_in(db):
    """A task worker that checked in just now, so ``/health/`` can answer 200."""
    from django.utils import timezone

    from placeplan.core import worker

    return worker.check_in("worker-under-test", timezone.now())


@pytest.fixture
def database_worker(db, settings, monkeypatch):
    """The database task queue instead of the tests' immediate one, and a function that
    runs ``manage.py run_worker`` until the queue is empty, as the worker ``worker_id``."""
    from django_tasks_db.management.commands import db_worker

    # The worker closes connections not in autocommit mode, as a request does; inside
    # the test's transaction that would close the test's own connection.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def run(worker_id: str) -> None:
        call_command(
            "run_worker",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            f"--worker-id={worker_id}",
            verbosity=0,
        )

    return run


@pytest.fixture
def partnership():
    """A fictional partnership of the test's own (tests/factories): its bodies, people,
    meetings, actions and challenges are only the test's."""
    from tests.factories import PartnershipFactory

    return PartnershipFactory()


@pytest.fixture
def code(partnership):
    """The partnership's council area code, as its pages' addresses hold it."""
    return partnership.council_area.code


@pytest.fixture
def cog(partnership):
    """The partnership's fictional chief officers group."""
    from placeplan.partnerships.models import Body
    from tests.factories import BodyFactory

    return BodyFactory(
        partnership=partnership,
        name="Fictional Chief Officers Group",
        short_name="COG",
        kind=Body.Kind.EXECUTIVE,
    )


@pytest.fixture
def police(partnership):
    """The partnership's fictional police partner."""
    from placeplan.partnerships.models import OrganisationKind
    from tests.factories import PartnerFactory

    return PartnerFactory(
        partnership=partnership,
        organisation__name="Fictional Constabulary",
        organisation__kind=OrganisationKind.POLICE,
    )
