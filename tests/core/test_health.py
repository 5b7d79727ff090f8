"""The health check for load balancers."""

import pytest
from django.db import OperationalError

from placeplan.core import views

pytestmark = pytest.mark.django_db


def test_health_is_ok(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}
    assert response.json()["status"] == "ok"
    assert "no-cache" in response["Cache-Control"]


class _UnreachableDatabase:
    def cursor(self):
        raise OperationalError("could not connect to server")


def test_health_reports_an_unreachable_database(client, monkeypatch):
    monkeypatch.setattr(views, "connection", _UnreachableDatabase())
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}
