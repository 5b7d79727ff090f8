"""The loaded test database a run copies for each worker: a template started before the
run (CI starts the PostgreSQL run's while the SQLite run works) is waited for, used, and
removed with what its build left beside it."""

from pathlib import Path

import pytest

from tests import database_template


def _files(name: str) -> tuple[Path, Path]:
    return Path(f"{name}.lock"), Path(f"{name}.log")


def test_a_template_started_earlier_is_waited_for_then_its_files_removed(tmp_path):
    name = str(tmp_path / "test_placeplan_1_template")
    lock, log = _files(name)
    lock.write_text("")
    log.write_text("TEMPLATE BUILT\n")
    build = database_template.Build(name, started=True)
    database_template.wait(name)  # built: returns at once
    build.finish()
    assert not lock.exists()
    assert not log.exists()


def test_a_build_that_failed_is_reported_with_its_output(tmp_path):
    name = str(tmp_path / "test_placeplan_2_template")
    lock, log = _files(name)
    lock.write_text("")
    log.write_text("django.db.utils.OperationalError: no such database\n")
    with pytest.raises(RuntimeError, match="no such database"):
        database_template.wait(name)
