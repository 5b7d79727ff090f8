"""Every table's row count and a checksum of its rows: what a backup records and a
restore must reproduce (docs/backup.md, "What the checks mean").

A checksum is the MD5 of the table's rows in primary-key order, each row as the database
writes it as text: computed by PostgreSQL itself (``md5(string_agg(md5(row::text), ''
ORDER BY key))``), or on SQLite in Python, a batch of rows at a time. The two engines
write rows differently, so a checksum is only ever compared with one from the same
engine. MD5 is used to notice a lost, added or changed row, not to resist a forger.

The figures are read in one snapshot (a read-only repeatable-read transaction on
PostgreSQL, a read transaction on SQLite) over a connection of their own, so they are
consistent while the site keeps writing, and never touch the caller's transaction: they
describe what is committed.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

# PostgreSQL writes a row as text according to these settings: fixed, so two servers
# configured differently give the same checksum for the same rows.
POSTGRESQL_SESSION = (
    "SET TimeZone = 'UTC'",
    "SET DateStyle = 'ISO, YMD'",
    "SET IntervalStyle = 'postgres'",
    "SET extra_float_digits = 1",
    "SET bytea_output = 'hex'",
)

# The tables a connection sees without naming a schema (as Django does), with the
# columns of each one's primary key in order.
POSTGRESQL_TABLES = """
SELECT c.relname,
       ARRAY(SELECT a.attname::text
               FROM pg_catalog.pg_index i,
                    unnest(i.indkey) WITH ORDINALITY AS k(attnum, position),
                    pg_catalog.pg_attribute a
              WHERE i.indrelid = c.oid AND i.indisprimary
                AND a.attrelid = c.oid AND a.attnum = k.attnum
              ORDER BY k.position)
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND pg_catalog.pg_table_is_visible(c.oid)
 ORDER BY c.relname
"""

SQLITE_BATCH = 10_000

Checksums = dict[str, tuple[int, str]]


def table_checksums(connection) -> Checksums:
    """Every table's row count and checksum, by table name, for the database of
    ``connection`` (a Django connection, e.g. ``django.db.connection``)."""
    if connection.vendor == "postgresql":
        with postgresql_connect(connection, snapshot=True) as raw:
            return postgresql_checksums(raw)
    if connection.vendor == "sqlite":
        return sqlite_checksums(Path(connection.settings_dict["NAME"]))
    raise ValueError(f"Checksums are computed on PostgreSQL and SQLite, not {connection.vendor}.")


def postgresql_connect(connection, *, snapshot: bool = False):
    """A new psycopg connection to the database of ``connection``, with the session
    settings the checksums depend on; with ``snapshot``, inside a read-only
    repeatable-read transaction (every query sees the same committed state)."""
    import psycopg

    raw = psycopg.connect(**postgresql_parameters(connection), autocommit=True)
    for statement in POSTGRESQL_SESSION:
        raw.execute(statement)
    if snapshot:
        raw.autocommit = False
        raw.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        raw.read_only = True
    return raw


def postgresql_parameters(connection) -> dict[str, str]:
    """libpq's connection parameters (host, port, user, password, dbname, sslmode…)
    for the database of ``connection``, as Django would connect."""
    parameters = connection.get_connection_params()
    for django_only in ("cursor_factory", "context", "prepare_threshold"):
        parameters.pop(django_only, None)
    return {name: str(value) for name, value in parameters.items() if value is not None}


def postgresql_checksum_query(table: str, key: list[str]) -> str:
    """The query answering one table's row count and checksum (also run by a restore's
    check, ``postgresql.restore_check``, so both compute it identically)."""
    if key:
        order = ", ".join(f'placeplan_row."{column}"' for column in key)
    else:  # no primary key: the rows' own digests give an order that does not vary
        order = 'md5(placeplan_row::text) COLLATE "C"'
    digests = f"string_agg(md5(placeplan_row::text), '' ORDER BY {order})"
    return f"SELECT count(*), md5(coalesce({digests}, '')) FROM \"{table}\" AS placeplan_row"  # noqa: S608 - names from the catalogue


def postgresql_tables(raw) -> dict[str, list[str]]:
    """Every table the psycopg connection ``raw`` sees, with its primary-key columns."""
    return dict(raw.execute(POSTGRESQL_TABLES).fetchall())


def postgresql_checksums(raw) -> Checksums:
    """Every table's count and checksum over the psycopg connection ``raw``."""
    checksums = {}
    for table, key in postgresql_tables(raw).items():
        rows, checksum = raw.execute(postgresql_checksum_query(table, key)).fetchone()
        checksums[table] = (rows, checksum)
    return checksums


def sqlite_checksums(path: Path) -> Checksums:
    """Every table's count and checksum in the SQLite file at ``path`` (none when there is
    no such file). Each row is written as Python's ``repr`` of the tuple SQLite answers,
    one per line, and the lines are hashed a batch at a time."""
    if not path.exists():
        return {}
    raw = sqlite_open(path)
    try:
        raw.execute("BEGIN")  # one read transaction: one snapshot for every table
        return {table: _sqlite_table(raw, table, key) for table, key in sqlite_tables(raw).items()}
    finally:
        raw.close()


def sqlite_open(path: Path) -> sqlite3.Connection:
    """A connection that only reads the SQLite file at ``path`` (and never creates one)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def sqlite_tables(raw: sqlite3.Connection) -> dict[str, list[str]]:
    """Every table in the SQLite connection ``raw`` (not SQLite's own ``sqlite_*``), with
    its primary-key columns."""
    names = [
        name
        for (name,) in raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        )
    ]
    tables = {}
    for name in names:
        columns = raw.execute(f'PRAGMA table_info("{name}")').fetchall()
        tables[name] = [column[1] for column in sorted(columns, key=lambda c: c[5]) if column[5]]
    return tables


def _sqlite_table(raw: sqlite3.Connection, table: str, key: list[str]) -> tuple[int, str]:
    digest = hashlib.md5(usedforsecurity=False)
    rows = 0
    if key:
        order = ", ".join(f'"{column}"' for column in key)
        cursor = raw.execute(f'SELECT * FROM "{table}" ORDER BY {order}')  # noqa: S608 - names from the schema
        while batch := cursor.fetchmany(SQLITE_BATCH):
            digest.update(("\n".join(map(repr, batch)) + "\n").encode())
            rows += len(batch)
    else:  # no primary key: in the order of the rows' text
        lines = sorted(map(repr, raw.execute(f'SELECT * FROM "{table}"')))  # noqa: S608
        digest.update("".join(line + "\n" for line in lines).encode())
        rows = len(lines)
    return rows, digest.hexdigest()


def applied_migrations(raw, tables) -> list[str]:
    """The migrations applied to the database of the DB-API connection ``raw`` (whose
    tables are ``tables``), ``app.name``, in the order they were applied."""
    if "django_migrations" not in tables:
        return []
    query = "SELECT app, name FROM django_migrations ORDER BY id"
    return [f"{app}.{name}" for app, name in raw.execute(query).fetchall()]


def tables_with_rows(raw, tables) -> list[str]:
    """Those of ``tables`` that hold at least one row (``raw``: a DB-API connection)."""
    query = 'SELECT EXISTS (SELECT 1 FROM "{}")'  # names from the database's own catalogue
    return [table for table in tables if raw.execute(query.format(table)).fetchone()[0]]
