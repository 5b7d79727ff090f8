"""Is this web process able to serve? What ``/health/`` answers to load balancers.

Healthy means: the database answers (and, on SQLite, its file is there: SQLite would
otherwise create an empty one), every migration the code knows is applied, and a task
worker has checked in within ``worker.HEALTHY_WITHIN``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.db import connection
from django.db.migrations.loader import MigrationLoader

from placeplan.core import worker


@cache
def _known_migrations() -> frozenset[tuple[str, str]]:
    """Every migration in the code (read from disk once a process)."""
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def _database() -> str:
    name = str(connection.settings_dict["NAME"])
    on_disk = connection.vendor == "sqlite" and not name.startswith(("file:", ":memory:"))
    if on_disk and not Path(name).is_file():
        return "missing"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return "unreachable"
    return "ok"


def _migrations() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT app, name FROM django_migrations")
            applied = set(cursor.fetchall())
    except Exception:  # noqa: BLE001 - no migrations table: nothing applied
        return "not applied"
    pending = _known_migrations() - applied
    return "ok" if not pending else f"{len(pending)} not applied"


def _worker() -> str:
    try:
        return "ok" if worker.worker_is_alive() else "not checked in"
    except Exception:  # noqa: BLE001 - reading the check-ins failed
        return "unknown"


def report() -> dict[str, str]:
    """Each check's answer ("ok" or what is wrong) and the overall ``status``."""
    checks = {"database": _database()}
    if checks["database"] == "ok":
        checks["migrations"] = _migrations()
        if checks["migrations"] == "ok":
            checks["worker"] = _worker()
    healthy = all(value == "ok" for value in checks.values()) and len(checks) == 3
    return {"status": "ok" if healthy else "unavailable", **checks}
