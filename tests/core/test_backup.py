"""The backup drill (docs/backup.md): the test database, which holds the real reference
data and the demo, is backed up, restored into a new empty database and compared with
the source table by table, row count and checksum. And what keeps a restore from doing
harm: a database that holds rows, a tampered or cut-short archive, an archive of the
other engine or of an unknown format are refused, changing nothing.

Runs on the database the suite runs on (SQLite, or PostgreSQL with DATABASE_URL). Each
database made here is removed afterwards, whatever the outcome; the archives are written
in a folder removed likewise."""

from __future__ import annotations

import io
import json
import tarfile
import tempfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import load_backend

from placeplan.core import backup as backups
from placeplan.core.backup import backup, restore, table_checksums
from tests import database_template

pytestmark = pytest.mark.django_db

MANIFEST = "manifest.json"


@contextmanager
def scratch_database(suffix: str):
    """A new, empty database named after the test database, reachable as
    ``connections["backup_<suffix>"]`` while the block runs, and removed after it however
    it ends. (A connection made here, not one from the settings: Django's test case lets
    the test use it.)"""
    default = connections["default"].settings_dict
    if connection.vendor == "sqlite":
        name = str(default["NAME"]).removesuffix(".sqlite3") + f"_{suffix}.sqlite3"
    else:
        name = f"{default['NAME']}_{suffix}"
    assert "test_placeplan_" in name
    database_template.remove(default, name)  # what an interrupted run may have left
    if connection.vendor == "postgresql":  # what createdb makes: a copy of template1
        database_template.copy_to(default, name, "template1")
    alias = f"backup_{suffix}"
    connections[alias] = load_backend(default["ENGINE"]).DatabaseWrapper(
        {**default, "NAME": name}, alias
    )
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]
        database_template.remove(default, name)


@pytest.fixture
def folder():
    """A folder for archives beside the test database (not /tmp: a SQLite archive is as
    large as the database), removed afterwards."""
    with tempfile.TemporaryDirectory(dir=settings.VAR_DIR, prefix="test_placeplan_backup_") as path:
        yield Path(path)


@pytest.fixture
def small():
    """A small database of two tables (its migrations and papers, with a text, a number
    and a file each), quicker to back up and restore than the demo."""
    binary = "bytea" if connection.vendor == "postgresql" else "blob"
    with scratch_database("small") as alias:
        with connections[alias].cursor() as cursor:
            cursor.execute(
                "CREATE TABLE django_migrations (id integer PRIMARY KEY, app varchar(255) "
                "NOT NULL, name varchar(255) NOT NULL, applied timestamp NOT NULL)"
            )
            cursor.execute(
                "INSERT INTO django_migrations VALUES (1, 'core', '0001_initial', "
                "'2026-12-01 09:00:00')"
            )
            cursor.execute(
                "CREATE TABLE paper (id integer PRIMARY KEY, title varchar(100) NOT NULL, "
                f"score double precision, attachment {binary})"
            )
            for row in [
                (1, "Fictional paper one", 0.1, b"%PDF-1.4 one"),
                (2, "Fictional paper two", 0.3, b"\x00\x01\x02"),
                (3, "Fictional paper three", None, None),
            ]:
                cursor.execute("INSERT INTO paper VALUES (%s, %s, %s, %s)", row)
        connections[alias].close()
        yield alias


@pytest.fixture
def empty():
    """A new, empty database to restore into (on SQLite: no file yet)."""
    with scratch_database("empty") as alias:
        yield alias


@pytest.fixture
def archive(small, folder):
    """A backup of the small database."""
    return backup(folder / "small.tar", using=small).path


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the drill at full size (the real data, 1.2 million rows with their history) runs "
    "on PostgreSQL, the production database; on SQLite, Python checksums every row (45 s), "
    "and the same code is tested on the small database below",
)
def test_the_demo_backed_up_and_restored_elsewhere_is_the_same_in_every_table(folder):
    with scratch_database("restored") as alias:
        made = backup(folder / "placeplan.tar")
        restored = restore(made.path, using=alias)
        # PostgreSQL computes the two at once; on SQLite, Python does, better one by one.
        with ThreadPoolExecutor(2 if connection.vendor == "postgresql" else 1) as pool:
            source, target = pool.map(table_checksums, [connection, connections[alias]])
        applied = MigrationRecorder(connections[alias]).applied_migrations().keys()
        assert applied == MigrationRecorder(connection).applied_migrations().keys()
        tables_in_source = set(connection.introspection.table_names())

    assert target == source
    assert made.tables == source
    assert restored.tables == source
    assert set(source) == tables_in_source
    models = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    assert models | {"django_migrations"} <= set(source)
    for table in ["performance_observation", "performance_historicalobservation"]:
        assert source[table][0] > 600_000  # the real data, and its audit history
    assert made.rows == restored.rows == sum(rows for rows, _ in source.values())
    assert len(made.migrations) == len(applied)


def test_the_checksum_changes_when_one_value_in_one_row_changes(small):
    before = table_checksums(connections[small])
    with connections[small].cursor() as cursor:
        cursor.execute("UPDATE paper SET score = 0.30000000000000004 WHERE id = 2")
    after = table_checksums(connections[small])

    assert after["paper"][0] == before["paper"][0] == 3
    assert after["paper"][1] != before["paper"][1]
    assert after["django_migrations"] == before["django_migrations"]


def test_a_restore_into_a_database_that_holds_rows_is_refused_and_changes_nothing(small, archive):
    with connections[small].cursor() as cursor:
        cursor.execute("UPDATE paper SET title = 'Changed since the backup' WHERE id = 1")
    before = table_checksums(connections[small])

    with pytest.raises(ValidationError, match="is not empty: 2 tables hold rows"):
        restore(archive, using=small)

    assert table_checksums(connections[small]) == before


def test_a_restored_database_that_differs_from_the_manifest_is_not_kept(archive, empty):
    """The dump is intact, but the manifest counts a row more than it holds: the restore
    runs, its check finds the difference, and the database is left empty."""
    tampered = rewritten(archive, manifest=lambda m: m["tables"]["paper"].update(rows=4))

    with pytest.raises(ValidationError) as refusal:
        restore(tampered, using=empty)

    assert "paper: 4 rows in the backup, 3 restored" in refusal.value.messages
    assert table_checksums(connections[empty]) == {}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"database": lambda data: data[: len(data) // 2]}, "damaged or incomplete"),
        ({"cut": True}, "is damaged or was cut short"),
        ({"manifest": lambda m: m.update(format=2)}, "in backup format 2; this version"),
        ({"manifest": lambda m: m.pop("tables")}, r"is not valid \(no tables\)"),
        ({"manifest_text": b"{not json"}, "manifest.json in .* is not JSON"),
        ({"manifest": lambda m: m["tables"].update({'x"; DROP': {}})}, "is not described"),
        ({"other_engine": True}, "restore it where DATABASE_URL names a"),
        ({"not_tar": True}, "not a Placeplan backup"),
    ],
    ids=[
        "truncated database",
        "archive cut short",
        "unknown format",
        "no tables",
        "manifest not JSON",
        "table name not a name",
        "other engine",
        "not an archive",
    ],
)
def test_a_damaged_or_foreign_archive_is_refused_before_anything_is_restored(
    archive, empty, change, message
):
    if change.get("other_engine"):
        other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
        change = {"manifest": lambda m: _as_engine(m, other)}
    if change.get("cut"):
        data = archive.read_bytes()
        archive.write_bytes(data[: len(data) // 2])
        tampered = archive
    elif change.get("not_tar"):
        archive.write_text("These are the minutes, not a backup.\n" * 100)
        tampered = archive
    else:
        tampered = rewritten(archive, **change)

    with pytest.raises(ValidationError, match=message):
        restore(tampered, using=empty)

    assert table_checksums(connections[empty]) == {}


def test_a_backup_that_fails_leaves_no_archive(small, folder, monkeypatch):
    def fail(*args, **kwargs):
        raise OSError("No space left on device")

    # The manifest is written after the database: the archive is half made when it fails.
    monkeypatch.setattr(backups.archive, "json", SimpleNamespace(dumps=fail))

    with pytest.raises(OSError, match="No space left"):
        backup(folder / "placeplan.tar", using=small)

    assert list(folder.iterdir()) == []


def test_the_commands_print_a_summary_and_refuse_in_plain_words(small, empty, folder):
    out = io.StringIO()
    engine = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}[connection.vendor]
    call_command("backup", str(folder), database=small, stdout=out)
    (made,) = folder.glob("placeplan-*.tar")
    assert f"Backed up 2 tables, 4 rows ({engine}) to {made}: " in out.getvalue()

    call_command("restore", str(made), database=empty, stdout=out)
    assert f"Restored 2 tables, 4 rows ({engine}) from {made}" in out.getvalue()
    assert "every table's row count and checksum match the backup's" in out.getvalue()
    # Binary columns, as attachments are kept (core_storedfile), come back byte for byte.
    # Read on a connection of its own, as the restore's check does.
    if connection.vendor == "postgresql":
        with backups.checksums.postgresql_connect(connections[empty]) as raw:
            stored = raw.execute("SELECT id, attachment FROM paper ORDER BY id").fetchall()
    else:
        raw = backups.checksums.sqlite_open(Path(connections[empty].settings_dict["NAME"]))
        stored = raw.execute("SELECT id, attachment FROM paper ORDER BY id").fetchall()
        raw.close()
    restored = [(key, bytes(data) if data is not None else None) for key, data in stored]
    assert restored == [(1, b"%PDF-1.4 one"), (2, b"\x00\x01\x02"), (3, None)]

    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(made), database=small)
    with pytest.raises(CommandError, match="There is no backup at"):
        call_command("restore", str(folder / "missing.tar"), database=empty)


def rewritten(archive: Path, *, manifest=None, manifest_text=None, database=None) -> Path:
    """A copy of ``archive`` whose manifest (a dict changed in place by ``manifest``, or
    replaced by ``manifest_text``) or database (bytes, changed by ``database``) was changed
    after it was written."""
    with tarfile.open(archive) as tar:
        members = {member.name: tar.extractfile(member).read() for member in tar.getmembers()}
    if manifest:
        changed = json.loads(members[MANIFEST])
        manifest(changed)
        members[MANIFEST] = json.dumps(changed).encode()
    if manifest_text:
        members[MANIFEST] = manifest_text
    for name in members:
        if database and name != MANIFEST:
            members[name] = database(members[name])
    copy = archive.with_name(f"tampered-{archive.name}")
    with tarfile.open(copy, "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return copy


def _as_engine(manifest: dict, engine: str) -> None:
    manifest["engine"] = engine
    manifest["database"]["member"] = backups.archive.MEMBERS[engine]


def test_scratch_databases_are_removed_whatever_happens():
    """The drill's databases never outlive it, even when it fails."""
    with pytest.raises(RuntimeError), scratch_database("left") as alias:
        with connections[alias].cursor() as cursor:
            cursor.execute("CREATE TABLE left_behind (id integer PRIMARY KEY)")
        name = connections[alias].settings_dict["NAME"]
        raise RuntimeError("the drill failed")

    assert not hasattr(connections._connections, alias)
    if connection.vendor == "sqlite":
        assert not Path(name).exists()
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            assert cursor.fetchone() is None
