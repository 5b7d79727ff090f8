"""The import contracts in pyproject.toml cover the whole project: a new app cannot
escape the layers, nor another app import its pages (docs/architecture.md)."""

import tomllib
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = {
    contract["id"]: contract
    for contract in tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"][
        "contracts"
    ]
}


def _project_apps() -> list[str]:
    return sorted(c.name for c in apps.get_app_configs() if c.name.startswith("placeplan."))


def test_every_app_stands_in_one_layer():
    layered = [name.strip() for layer in CONTRACTS["layers"]["layers"] for name in layer.split("|")]
    assert sorted(layered) == sorted([*_project_apps(), "placeplan.config"])


def test_every_apps_pages_are_private():
    """Core's views and forms are the shared building blocks (``found``, ``date_field``);
    every other app's are its own."""
    forbidden = set(CONTRACTS["pages-are-private"]["forbidden_modules"])
    sources = set(CONTRACTS["pages-are-private"]["source_modules"])
    for app in _project_apps():
        assert app in sources, app
        if app == "placeplan.core":
            continue
        for part in ("views", "forms", "urls"):
            if find_spec(f"{app}.{part}") is not None:
                assert f"{app}.{part}" in forbidden, f"{app}.{part}"


def test_every_browser_journey_runs_on_both_databases():
    """CI runs the browser journeys on PostgreSQL too (.ci/run selects them by this mark)."""
    journeys = sorted((ROOT / "tests" / "browser").glob("test_*_journey.py"))
    assert len(journeys) >= 6
    unmarked = [
        path.name
        for path in journeys
        if "pytestmark = [pytest.mark.browser, pytest.mark.every_database]" not in path.read_text()
    ]
    assert unmarked == []
    assert '-m "not browser or every_database"' in (ROOT / ".ci" / "run").read_text()
