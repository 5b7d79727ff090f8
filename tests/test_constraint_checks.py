"""The foreign-key check at the end of each test still catches a dangling key.

On SQLite, tests/constraint_checks.py narrows ``connection.check_constraints()`` (which
Django's ``TestCase`` calls before rolling a test back) to the tables a test may have
broken. These tests write dangling keys the four ways a test can, each in a savepoint that
is rolled back afterwards, and call the check exactly as the teardown does (on PostgreSQL,
Django's own ``SET CONSTRAINTS ALL IMMEDIATE``, the same way).
"""

import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.test import TestCase

from placeplan.partnerships.models import Body, Partnership
from placeplan.performance.models import Observation, Period

MISSING = 987_654_321

pytestmark = pytest.mark.django_db


def _teardown_check() -> None:
    """What ``TestCase._fixture_teardown`` does before the rollback."""
    assert TestCase._should_check_constraints(TestCase(), connection)
    connection.check_constraints()


def _caught(write, table: str) -> None:
    """``write`` leaves a dangling key in ``table``; the teardown's check must fail on it."""
    with transaction.atomic():
        write()
        # SQLite names the table with the dangling row; PostgreSQL both tables.
        with pytest.raises(IntegrityError, match=rf"\b{table}\b"):
            _teardown_check()
        transaction.set_rollback(True)
    _teardown_check()  # and once it is undone, the check passes


def test_a_new_row_pointing_nowhere_is_caught():
    body = Body.objects.order_by("pk").first()
    _caught(
        lambda: Body.objects.create(
            partnership_id=MISSING, name="Dangling (test)", kind=body.kind, level=body.level
        ),
        Body._meta.db_table,
    )


def test_a_key_changed_to_point_nowhere_is_caught():
    body = Body.objects.order_by("pk").first()
    _caught(
        lambda: Body.objects.filter(pk=body.pk).update(partnership_id=MISSING),
        Body._meta.db_table,
    )


def test_a_deleted_parent_of_the_reference_data_is_caught():
    """The observations (the largest table, never written by most tests) are checked when
    a row they point at goes."""
    period = Observation.objects.order_by("pk").first().period
    with connection.cursor() as cursor:
        sql = f"DELETE FROM {Period._meta.db_table} WHERE id = %s"  # noqa: S608 - no Django cascade
        _caught(lambda: cursor.execute(sql, [period.pk]), Observation._meta.db_table)


def test_a_parent_whose_key_changes_is_caught():
    period = Observation.objects.order_by("pk").first().period
    with connection.cursor() as cursor:
        sql = f"UPDATE {Period._meta.db_table} SET id = %s WHERE id = %s"  # noqa: S608
        _caught(lambda: cursor.execute(sql, [MISSING, period.pk]), Observation._meta.db_table)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the narrowed check is SQLite's")
def test_only_the_tables_a_test_wrote_are_checked():
    from tests.constraint_checks import check_constraints, tables_to_check

    assert type(connections["default"]).check_constraints is check_constraints
    before = set(tables_to_check(connection))
    with transaction.atomic():
        body = Body.objects.order_by("pk").first()
        Body.objects.filter(pk=body.pk).update(name=body.name + " (renamed)")  # no key
        assert set(tables_to_check(connection)) == before
        other = Partnership.objects.exclude(pk=body.partnership_id).first()
        Body.objects.filter(pk=body.pk).update(partnership=other)  # a key, still valid
        assert set(tables_to_check(connection)) == before | {Body._meta.db_table}
        transaction.set_rollback(True)
    assert Observation._meta.db_table not in before
