"""One loaded test database a run, copied for each worker.

Migrating and loading the reference data and the demo takes 35 s of one core. When the
suite runs on several workers (pytest-xdist), the controlling process has that database
built once, as a *template*, while the workers start and collect the tests; each worker
then starts from a copy (SQLite's online backup of the file, or PostgreSQL's ``CREATE
DATABASE … TEMPLATE``) instead of building its own at the same time as the others. One
process (``-n 0``) builds its database as before.

``python -m tests.database_template NAME`` builds the template in a process of its own,
with the test settings, so the controlling process never configures Django's databases.

``python -m tests.database_template --start NAME`` starts that build and returns at once,
holding the lock for it: a later run given ``PLACEPLAN_TEST_TEMPLATE=NAME`` uses that
template instead of building its own, and removes it when it ends (``--remove NAME``
removes it otherwise). CI builds both runs' templates this way, at once, while the first
run's checks work (``.ci/run``). The database is the one ``DATABASE_URL`` names.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ENVIRONMENT = "PLACEPLAN_TEST_TEMPLATE"  # the template's name, for the workers
ROOT = Path(__file__).resolve().parents[1]


class Build:
    """The template being built in a process of its own, while the workers start.

    The controlling process takes an exclusive lock on ``NAME.lock`` and hands it to the
    building process, which holds it until it ends; a worker waits for a shared lock on the
    same file before it copies the template (``wait``), so it waits exactly as long as the
    build lasts, and collects its tests meanwhile."""

    def __init__(self, name: str, *, started: bool = False) -> None:
        """``started``: the build was started before this run (``--start``), which only
        waits for it and removes it."""
        self.name = name
        self.lock_path = Path(f"{name}.lock")
        self.log_path = Path(f"{name}.log")
        self.process = None
        if started:
            return
        lock = self.lock_path.open("w")
        fcntl.flock(lock, fcntl.LOCK_EX)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "placeplan.config.settings_test"}
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(  # noqa: S603 - this interpreter, this module
                [sys.executable, "-m", "tests.database_template", name],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                pass_fds=[lock.fileno()],
            )
        lock.close()  # the building process holds the lock now

    def finish(self) -> None:
        """Wait for the build to end (it has, once the workers ran) and remove its files."""
        if self.process is not None:
            self.process.wait()
        elif self.lock_path.exists():
            with self.lock_path.open() as lock:
                fcntl.flock(lock, fcntl.LOCK_SH)
        self.lock_path.unlink(missing_ok=True)
        self.log_path.unlink(missing_ok=True)


def wait(name: str) -> None:
    """Block until the template ``name`` is built; raise with the build's output if the
    build failed."""
    with Path(f"{name}.lock").open() as lock:
        fcntl.flock(lock, fcntl.LOCK_SH)
    log = Path(f"{name}.log")
    output = log.read_text() if log.exists() else ""
    if "TEMPLATE BUILT" not in output:
        raise RuntimeError(f"the test database template was not built:\n{output}")


def copy_to(database: dict, name: str, template: str) -> None:
    """Make the database ``name`` a copy of ``template`` (``database``: Django's settings
    for the connection)."""
    if database["ENGINE"].endswith("sqlite3"):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(name + suffix).unlink(missing_ok=True)
        with sqlite3.connect(template) as source, sqlite3.connect(name) as target:
            source.backup(target)
        source.close()
        target.close()
    else:
        with _admin(database) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def remove(database: dict, name: str) -> None:
    """Remove the database ``name``: its file and what SQLite keeps beside it, or the
    PostgreSQL database (by force: a thread of the live server may still hold it)."""
    if database["ENGINE"].endswith("sqlite3"):
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(name + suffix).unlink(missing_ok=True)
    elif database["ENGINE"].endswith("postgresql"):
        with _admin(database) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _admin(database: dict):
    """A connection to PostgreSQL's maintenance database (never the one being changed)."""
    import psycopg

    return psycopg.connect(
        host=database["HOST"],
        port=database["PORT"] or 5432,
        user=database["USER"],
        password=database["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def _build_here(name: str) -> None:
    """Migrate ``name`` and load the reference data and the demo into it (this process)."""
    import django
    from django.conf import settings

    assert "test_placeplan_" in name, f"refusing to build a test template at {name}"
    database = settings.DATABASES["default"]
    remove(database, name)
    if database["ENGINE"].endswith("postgresql"):
        with _admin(database) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    database["NAME"] = name
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_reference_data", verbosity=0)
    call_command("load_demo", verbosity=0)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # everything in the file itself, for the copies
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    print("TEMPLATE BUILT", flush=True)


def _remove_here(name: str) -> None:
    """Remove the template ``name`` once its build has ended, with its lock and log (what
    CI leaves when a run stops before removing its own)."""
    import django
    from django.conf import settings

    assert "test_placeplan_" in name, f"refusing to remove {name}"
    django.setup()
    Build(name, started=True).finish()
    remove(settings.DATABASES["default"], name)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "placeplan.config.settings_test")
    if sys.argv[1] == "--start":
        Build(sys.argv[2])  # the build goes on in its own process, holding the lock
    elif sys.argv[1] == "--remove":
        _remove_here(sys.argv[2])
    else:
        _build_here(sys.argv[1])
