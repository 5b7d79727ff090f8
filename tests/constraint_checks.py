"""Foreign-key checks at the end of every test that cost what the test wrote, on SQLite.

Django's ``TestCase`` checks the database's foreign keys before rolling a test back
(``connection.check_constraints()``). On SQLite that is ``PRAGMA foreign_key_check`` over
every table, 628,000 observations included: 0.14-0.26 s a test. The check only needs the
tables whose rows the test could have left dangling:

- a table with foreign keys that had a row inserted, or a foreign-key column updated;
- every table whose foreign keys point at a table that had a row deleted, or a referenced
  column (usually its primary key) updated.

Temporary triggers, made on each SQLite connection when it opens, note those tables in a
temporary table as rows are written. Being in the test's transaction, the notes are rolled
back with it. ``check_constraints()`` with no tables then checks just those, with Django's
own per-table check and error message. Where the triggers are missing (a connection that
lost them, a table made after they were) it checks the whole of that table or database,
so the check never silently shrinks. PostgreSQL's check (``SET CONSTRAINTS ALL IMMEDIATE``)
is already cheap and is left alone. tests/test_constraint_checks.py proves a dangling key
is still caught.
"""

from __future__ import annotations

from django.db.backends.signals import connection_created
from django.db.backends.sqlite3.base import DatabaseWrapper

NOTES = "placeplan_tests_written"  # temp.<NOTES>: (table, 'child' | 'parent')
TRIGGER_PREFIX = "placeplan_tests_fk_"

_django_check_constraints = DatabaseWrapper.check_constraints
_foreign_keys_by_schema: dict[int, dict[str, list[tuple[str, str, str]]]] = {}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _foreign_keys(cursor) -> dict[str, list[tuple[str, str, str]]]:
    """Each main table's foreign keys as (column, parent table, parent column)."""
    version = cursor.execute("PRAGMA main.schema_version").fetchone()[0]
    if version not in _foreign_keys_by_schema:
        tables = [
            row[0]
            for row in cursor.execute(
                "SELECT name FROM main.sqlite_master "
                "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        keys: dict[str, list[tuple[str, str, str]]] = {}
        for table in tables:
            for row in cursor.execute(f"PRAGMA main.foreign_key_list({_quote(table)})"):
                parent, column, parent_column = row[2], row[3], row[4]
                if parent_column is None:  # the parent's primary key
                    parent_column = next(
                        info[1]
                        for info in cursor.execute(f"PRAGMA main.table_info({_quote(parent)})")
                        if info[5] == 1
                    )
                keys.setdefault(table, []).append((column, parent, parent_column))
        keys.update({table: [] for table in tables if table not in keys})
        _foreign_keys_by_schema[version] = keys
    return _foreign_keys_by_schema[version]


def _changed(columns) -> str:
    return " OR ".join(f"OLD.{_quote(c)} IS NOT NEW.{_quote(c)}" for c in sorted(columns))


def _note(table: str, kind: str) -> str:
    # Names from the database's own schema, quoted: no outside input.
    return f"INSERT OR IGNORE INTO {NOTES} VALUES ({_literal(table)}, '{kind}');"  # noqa: S608


def install(wrapper) -> None:
    """Make the note-taking triggers on this SQLite connection (a no-op if present)."""
    with wrapper.cursor() as cursor:
        keys = _foreign_keys(cursor)
        cursor.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {NOTES} "
            "(name TEXT NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (name, kind)) WITHOUT ROWID"
        )
        referenced: dict[str, set[str]] = {}
        for table_keys in keys.values():
            for _column, parent, parent_column in table_keys:
                referenced.setdefault(parent, set()).add(parent_column)
        for table in keys:
            quoted = f"main.{_quote(table)}"
            triggers = []
            if keys[table]:  # a child: new or re-pointed references
                own = {column for column, _, _ in keys[table]}
                triggers += [
                    ("ci", f"AFTER INSERT ON {quoted}", _note(table, "child")),
                    ("cu", f"AFTER UPDATE ON {quoted} WHEN {_changed(own)}", _note(table, "child")),
                ]
            if table in referenced:  # a parent: rows others point at, gone or re-keyed
                triggers += [
                    ("pd", f"AFTER DELETE ON {quoted}", _note(table, "parent")),
                    (
                        "pu",
                        f"AFTER UPDATE ON {quoted} WHEN {_changed(referenced[table])}",
                        _note(table, "parent"),
                    ),
                ]
            # A marker trigger on every table says "this table is watched".
            triggers.append(("w", f"AFTER DELETE ON {quoted} WHEN 0", "SELECT 1;"))
            for kind, when, body in triggers:
                name = _quote(f"{TRIGGER_PREFIX}{kind}_{table}")
                cursor.execute(f"CREATE TEMP TRIGGER IF NOT EXISTS {name} {when} BEGIN {body} END")


def tables_to_check(wrapper) -> list[str] | None:
    """The tables in which this test may have left a dangling key, or None for all."""
    with wrapper.cursor() as cursor:
        keys = _foreign_keys(cursor)
        watched = {
            name.removeprefix(f"{TRIGGER_PREFIX}w_")
            for (name,) in cursor.execute(
                "SELECT name FROM temp.sqlite_master WHERE type = 'trigger'"
            )
            if name.startswith(f"{TRIGGER_PREFIX}w_")
        }
        has_notes = cursor.execute(
            "SELECT 1 FROM temp.sqlite_master WHERE type = 'table' AND name = ?", (NOTES,)
        ).fetchone()
        if not watched or not has_notes:
            return None
        notes = cursor.execute(f"SELECT name, kind FROM temp.{NOTES}").fetchall()  # noqa: S608
    check = {table for table, table_keys in keys.items() if table_keys and table not in watched}
    for table, kind in notes:
        if kind == "child":
            check.add(table)
        else:
            check |= {
                child
                for child, child_keys in keys.items()
                if any(parent == table for _, parent, _ in child_keys)
            }
    return sorted(check & set(keys))


def check_constraints(self, table_names=None):
    """Django's SQLite check, over the tables this test may have broken when none are
    named."""
    if table_names is None:
        table_names = tables_to_check(self)
    return _django_check_constraints(self, table_names=table_names)


def _on_connection_created(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        install(connection)


def enable(connection) -> None:
    """Check the loaded data whole, once; then install on this connection and every SQLite
    connection opened from now on."""
    if connection.vendor != "sqlite":
        return
    connection.check_constraints()
    install(connection)
    connection_created.connect(_on_connection_created, dispatch_uid=TRIGGER_PREFIX)
    DatabaseWrapper.check_constraints = check_constraints
