"""Backing up the database to one archive file, and restoring an archive into an empty
database (``manage.py backup`` and ``manage.py restore``; docs/backup.md).

The database holds everything Placeplan keeps: the records, their audit history and the
meeting papers' attachments (``core.StoredFile``). An archive is a tar file of two
members (``archive.py``):

- the database: PostgreSQL's ``pg_dump --format=custom`` (``postgresql.py``) or a copy
  of the SQLite file made with SQLite's online backup (``sqlite.py``), each consistent
  while the site keeps running;
- ``manifest.json``: the format version, the engine, when it was made, the migrations
  applied, the database's size and SHA-256, and every table's row count and checksum
  (``checksums.py``), read from the very state that was dumped.

A backup is written under a temporary name and renamed when complete, so a file with the
archive's name is always a whole one. A restore refuses a database that is not empty, an
archive of the other engine, of an unknown format or with a damaged manifest or
database, and keeps what it restored only if every table's count and checksum are the
manifest's: otherwise the database is left as it was, empty.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from placeplan.core.backup import postgresql, sqlite
from placeplan.core.backup.archive import (
    ENGINES,
    FORMAT,
    MEMBERS,
    archive_open,
    archive_write,
    manifest_read,
)
from placeplan.core.backup.checksums import Checksums, table_checksums

__all__ = ["FAILURES", "Summary", "backup", "restore", "table_checksums"]

_ENGINES = {"postgresql": postgresql, "sqlite": sqlite}
# What may stop a backup or a restore besides a refusal (ValidationError): a full disk, a
# folder it may not write in, a lost connection, a file that is not a database.
FAILURES = (OSError, sqlite3.Error, psycopg.Error)


@dataclass(frozen=True)
class Summary:
    """What a backup wrote, or a restore restored."""

    path: Path
    engine: str
    created: str
    tables: Checksums
    size: int
    seconds: float
    migrations: list[str]

    @property
    def rows(self) -> int:
        return sum(rows for rows, _ in self.tables.values())

    def __str__(self):
        tables, rows = len(self.tables), self.rows
        return (
            f"{tables:,} table{'s' * (tables != 1)}, {rows:,} row{'s' * (rows != 1)} "
            f"({ENGINES[self.engine]})"
        )


def backup(path: str | os.PathLike, *, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Write the database ``using`` and its manifest to one archive at ``path`` (a file,
    or an existing folder to write ``placeplan-<date>-<time>.tar`` in)."""
    started = time.perf_counter()
    connection = connections[using]
    engine = _engine(connection)
    target = Path(path)
    if target.is_dir():
        target = target / f"placeplan-{timezone.now():%Y%m%d-%H%M%S}.tar"
    if not target.parent.is_dir():
        raise ValidationError(f"There is no folder {target.parent} to write the backup in.")
    created = timezone.now().isoformat(timespec="seconds")
    # Staged beside the archive, not in /tmp: a SQLite copy is as large as the database.
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".placeplan-backup-") as staging:
        database = Path(staging) / MEMBERS[engine]
        tables, migrations = _ENGINES[engine].dump(connection, database)
        manifest = {
            "format": FORMAT,
            "engine": engine,
            "created": created,
            "migrations": migrations,
            "tables": {
                name: {"rows": rows, "checksum": checksum, "key": key}
                for name, (rows, checksum, key) in tables.items()
            },
        }
        archive_write(target, database, manifest)
    return Summary(
        path=target,
        engine=engine,
        created=created,
        tables={name: (rows, checksum) for name, (rows, checksum, _) in tables.items()},
        size=target.stat().st_size,
        seconds=time.perf_counter() - started,
        migrations=migrations,
    )


def restore(path: str | os.PathLike, *, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Restore the archive at ``path`` into the database ``using``, which must be empty,
    and keep it only if every table's count and checksum are the manifest's."""
    started = time.perf_counter()
    connection = connections[using]
    engine = _engine(connection)
    archive = Path(path)
    with archive_open(archive) as tar:
        manifest = manifest_read(tar, archive)
        if manifest["engine"] != engine:
            kind = ENGINES[manifest["engine"]]
            raise ValidationError(
                f"{archive} is a backup of a {kind} database, but the configured database is "
                f"{ENGINES[engine]}: restore it where DATABASE_URL names a {kind} database. "
                "Nothing was restored."
            )
        filled = _ENGINES[engine].filled_tables(connection)
        if filled:
            examples = ", ".join(filled[:5]) + (", …" if len(filled) > 5 else "")
            raise ValidationError(
                f"The database {connection.settings_dict['NAME']} is not empty: "
                f"{len(filled)} tables hold rows ({examples}). A backup is restored only "
                "into an empty database (a new one made with createdb, or no SQLite file), "
                "so that nothing is overwritten. Nothing was changed."
            )
        _ENGINES[engine].restore(connection, tar, manifest, archive)
    return Summary(
        path=archive,
        engine=engine,
        created=manifest["created"],
        tables={name: (t["rows"], t["checksum"]) for name, t in manifest["tables"].items()},
        size=archive.stat().st_size,
        seconds=time.perf_counter() - started,
        migrations=manifest["migrations"],
    )


def _engine(connection) -> str:
    if connection.vendor not in _ENGINES:
        raise ValidationError(f"Backups cover PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor
