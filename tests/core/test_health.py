"""The health check for load balancers: 200 only when this process can serve, with what
is wrong otherwise (placeplan/core/health.py)."""

import datetime

import pytest
from django.db import OperationalError
from django.utils import timezone

from placeplan.core import health, worker
from placeplan.core.models import WorkerCheckIn

pytestmark = pytest.mark.django_db


def test_health_is_ok_when_the_database_migrations_and_worker_are(client, worker_checked_in):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "migrations": "ok",
        "worker": "ok",
    }
    assert "no-cache" in response["Cache-Control"]


def test_no_worker_is_a_503(client):
    WorkerCheckIn.objects.all().delete()
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["worker"] == "not checked in"
    assert response.json()["status"] == "unavailable"


def test_a_worker_silent_for_longer_than_allowed_is_a_503(client, worker_checked_in):
    late = timezone.now() - worker.HEALTHY_WITHIN - datetime.timedelta(seconds=1)
    WorkerCheckIn.objects.update(last_seen=late)
    assert client.get("/health/").status_code == 503
    WorkerCheckIn.objects.update(last_seen=late + datetime.timedelta(seconds=5))
    assert client.get("/health/").status_code == 200


def test_a_migration_not_applied_is_a_503(client, worker_checked_in, monkeypatch):
    known = health._known_migrations() | {("meetings", "9999_not_yet_applied")}
    monkeypatch.setattr(health, "_known_migrations", lambda: known)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "ok",
        "migrations": "1 not applied",
    }


class _UnreachableDatabase:
    vendor = "postgresql"
    settings_dict = {"NAME": "placeplan"}

    def cursor(self):
        raise OperationalError("could not connect to server")


def test_an_unreachable_database_is_a_503(client, monkeypatch):
    monkeypatch.setattr(health, "connection", _UnreachableDatabase())
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}


class _GoneSqliteFile:
    """SQLite's settings naming a file that is not there; connecting would create it."""

    vendor = "sqlite"

    def __init__(self, path):
        self.settings_dict = {"NAME": str(path)}

    def cursor(self):
        raise AssertionError("the health check must not open a missing SQLite file")


def test_a_missing_sqlite_file_is_a_503_and_is_not_created(client, monkeypatch, tmp_path):
    gone = tmp_path / "placeplan.sqlite3"
    monkeypatch.setattr(health, "connection", _GoneSqliteFile(gone))
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "missing"}
    assert not gone.exists()
