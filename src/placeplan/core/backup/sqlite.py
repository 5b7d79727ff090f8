"""SQLite: a copy of the file by SQLite's online backup, and a restore that checks the
file beside the target before moving it into place."""

from __future__ import annotations

import os
import sqlite3
import tarfile
from contextlib import closing
from pathlib import Path

from django.core.exceptions import ValidationError

from placeplan.core.backup.archive import manifest_compare, member_extract
from placeplan.core.backup.checksums import (
    applied_migrations,
    sqlite_checksums,
    sqlite_open,
    sqlite_tables,
    tables_with_rows,
)


def dump(connection, target: Path):
    """Copy the database into ``target`` with SQLite's online backup (one consistent
    state, while the site keeps writing), then read the copy's tables' counts, checksums
    and keys and its applied migrations: the figures describe exactly what is kept."""
    source = Path(connection.settings_dict["NAME"])
    if not source.is_file():
        raise ValidationError(f"There is no database at {source} to back up.")
    with closing(sqlite_open(source)) as reader, closing(sqlite3.connect(target)) as writer:
        reader.backup(writer)
        writer.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    checksums = sqlite_checksums(target)
    with closing(sqlite_open(target)) as raw:
        keys = sqlite_tables(raw)
        migrations = applied_migrations(raw, checksums)
    return {name: (*figures, keys[name]) for name, figures in checksums.items()}, migrations


def filled_tables(connection) -> list[str]:
    """The database's tables that hold rows (none when there is no file)."""
    path = Path(connection.settings_dict["NAME"])
    if not path.exists():
        return []
    with closing(sqlite_open(path)) as raw:
        return tables_with_rows(raw, sqlite_tables(raw))


def restore(connection, tar: tarfile.TarFile, manifest: dict, archive: Path) -> None:
    """Extract the database beside the target, check every table against the manifest,
    then move it into place (the target still empty)."""
    target = Path(connection.settings_dict["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(f".{target.name}.restoring-{os.getpid()}")
    try:
        member_extract(tar, manifest, staged, archive)
        manifest_compare(manifest, sqlite_checksums(staged))
        connection.close()
        if filled_tables(connection):
            raise ValidationError(
                f"Rows were written to {target} while the backup was being restored, so it "
                "was not replaced. Nothing was changed."
            )
        # The empty database's journals: never to be applied to the restored file.
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(staged, target)
    finally:
        staged.unlink(missing_ok=True)
