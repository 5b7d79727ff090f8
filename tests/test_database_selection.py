"""CI's PostgreSQL run leaves out the tests that cannot use a database
(``--only-database-tests``): a test is kept when it is marked django_db or asks, directly or
through another fixture, for one that opens the database."""

from types import SimpleNamespace

import pytest

from tests.conftest import uses_database


def _item(*, marked: bool = False, fixtures=()):
    return SimpleNamespace(
        get_closest_marker=lambda name: object() if marked and name == "django_db" else None,
        fixturenames=list(fixtures),
    )


@pytest.mark.parametrize(
    ("item", "kept"),
    [
        (_item(), False),
        (_item(fixtures=["monkeypatch", "tmp_path"]), False),
        (_item(marked=True), True),
        (_item(fixtures=["client", "db"]), True),
        (_item(fixtures=["transactional_db"]), True),
        (_item(fixtures=["live_server"]), True),
    ],
    ids=["nothing", "other fixtures", "marked", "db", "transactional_db", "live server"],
)
def test_a_test_is_kept_when_it_may_use_the_database(item, kept):
    assert uses_database(item) is kept


def test_a_test_of_this_file_that_uses_the_database_is_recognised(request, db):
    assert uses_database(request.node)


def test_a_pure_test_is_recognised(request):
    assert not uses_database(request.node)
