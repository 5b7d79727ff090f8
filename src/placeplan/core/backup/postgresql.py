"""PostgreSQL: ``pg_dump`` in the snapshot the checksums are read in, and a restore that
``psql`` commits only once it has checked every table against the manifest."""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager, suppress
from pathlib import Path

from django.core.exceptions import ValidationError

from placeplan.core.backup.archive import CHUNK, member_extract, raise_mismatch
from placeplan.core.backup.checksums import (
    POSTGRESQL_SESSION,
    POSTGRESQL_TABLES,
    applied_migrations,
    postgresql_checksum_query,
    postgresql_checksums,
    postgresql_connect,
    postgresql_parameters,
    postgresql_tables,
    tables_with_rows,
)

CHECK_FAILED = "PLACEPLAN RESTORE CHECK FAILED: "


def dump(connection, target: Path):
    """pg_dump the database into ``target`` while reading every table's count, checksum and
    key, and the applied migrations, in the very snapshot pg_dump dumps
    (``pg_export_snapshot``): consistent however much the site writes meanwhile."""
    program = _program("pg_dump")
    conninfo, environment = _libpq(connection)
    with _connected(connection, snapshot=True) as raw, tempfile.TemporaryFile() as errors:
        snapshot = raw.execute("SELECT pg_catalog.pg_export_snapshot()").fetchone()[0]
        process = subprocess.Popen(  # noqa: S603 - pg_dump from PATH, arguments of our own
            [
                program,
                "--format=custom",
                "--no-owner",
                f"--snapshot={snapshot}",
                f"--file={target}",
                f"--dbname={conninfo}",
            ],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        try:
            keys = postgresql_tables(raw)
            checksums = postgresql_checksums(raw)
            migrations = applied_migrations(raw, checksums)
        except BaseException:
            process.kill()
            process.wait()
            raise
        if process.wait() != 0:
            raise ValidationError(f"pg_dump failed, so no backup was written: {_text(errors)}")
    return {name: (*figures, keys[name]) for name, figures in checksums.items()}, migrations


def filled_tables(connection) -> list[str]:
    """The database's tables that hold rows."""
    with _connected(connection) as raw:
        return tables_with_rows(raw, postgresql_tables(raw))


def restore(connection, tar: tarfile.TarFile, manifest: dict, archive: Path) -> None:
    """Restore the dump and check it in one transaction: pg_restore writes the dump as
    SQL, which psql runs followed by the check (``restore_check``). psql commits only if
    all of it succeeds, and is given the end of its input only once pg_restore has ended
    well: otherwise it is stopped, and its transaction rolled back."""
    conninfo, environment = _libpq(connection)
    with (
        tempfile.TemporaryDirectory(prefix="placeplan-restore-") as staging,
        tempfile.TemporaryFile() as restore_errors,
        tempfile.TemporaryFile() as psql_errors,
    ):
        database, check = Path(staging) / "database.dump", Path(staging) / "check.sql"
        member_extract(tar, manifest, database, archive)
        check.write_text(restore_check(manifest["tables"]))
        script = subprocess.Popen(  # noqa: S603 - pg_restore from PATH, arguments of our own
            [_program("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(database)],
            stdout=subprocess.PIPE,
            stderr=restore_errors,
        )
        psql = subprocess.Popen(  # noqa: S603 - psql from PATH, arguments of our own
            [
                _program("psql"),
                "--no-psqlrc",
                "--quiet",
                "--single-transaction",
                "--set=ON_ERROR_STOP=1",
                f"--output={os.devnull}",
                "--file=-",
                f"--file={check}",
                f"--dbname={conninfo}",
            ],
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=psql_errors,
        )
        try:
            psql_stopped = False
            try:
                shutil.copyfileobj(script.stdout, psql.stdin, CHUNK)
            except BrokenPipeError:  # psql stopped at an error: its message says which
                psql_stopped = True
                script.kill()
            script.stdout.close()
            if script.wait() != 0 and not psql_stopped:
                psql.kill()  # before its input ends, so before it can commit
                psql.wait()
                raise ValidationError(
                    f"pg_restore could not read the dump ({_text(restore_errors)}). "
                    "Nothing was restored."
                )
            with suppress(BrokenPipeError):
                psql.stdin.close()  # psql goes on to the check, then commits
            if psql.wait() != 0:
                _raise_psql_failure(_text(psql_errors))
        finally:
            for process in (script, psql):
                if process.poll() is None:
                    process.kill()
                    process.wait()


def restore_check(tables: dict) -> str:
    """SQL that raises, listing every difference, unless every table's count and checksum
    are the manifest's ``tables`` and the database holds no table they lack. (Their
    names have been checked to be plain names: ``archive.manifest_read``.)"""
    lines = [
        "RESET search_path;",  # the dump's script emptied it
        *(f"{statement};" for statement in POSTGRESQL_SESSION),
        "DO $placeplan_check$",
        "DECLARE",
        "  differences text[] := '{}';",
        f"  restored text[] := ARRAY(SELECT t.name FROM ({POSTGRESQL_TABLES}) AS t(name, key));",  # noqa: S608 - our own query
        "  restored_rows bigint;",
        "  restored_checksum text;",
        "BEGIN",
    ]
    for name, table in sorted(tables.items()):
        rows, checksum = table["rows"], table["checksum"]
        lines += [
            f"  IF NOT '{name}' = ANY (restored) THEN",
            f"    differences := differences || '{name}: in the backup, but not restored'::text;",
            "  ELSE",
            f"    EXECUTE $q${postgresql_checksum_query(name, table['key'])}$q$",
            "      INTO restored_rows, restored_checksum;",
            f"    IF restored_rows <> {rows} THEN",
            f"      differences := differences || format('{name}: {rows} rows in the backup, "
            "%s restored', restored_rows);",
            f"    ELSIF restored_checksum <> '{checksum}' THEN",
            f"      differences := differences || '{name}: as many rows as in the backup, "
            "but different content'::text;",
            "    END IF;",
            "  END IF;",
        ]
    listed = ", ".join(f"'{name}'" for name in sorted(tables))
    lines += [
        "  differences := differences || ARRAY(SELECT name || ': restored, but not in the backup'",
        f"    FROM unnest(restored) AS name WHERE name <> ALL (ARRAY[{listed}]::text[]));",
        "  IF cardinality(differences) > 0 THEN",
        f"    RAISE EXCEPTION '{CHECK_FAILED}%', array_to_string(differences, ' | ');",
        "  END IF;",
        "END",
        "$placeplan_check$;",
    ]
    return "\n".join(lines) + "\n"


def _raise_psql_failure(errors: str) -> None:
    """Raise with what made psql stop (and so roll the restore back)."""
    if CHECK_FAILED in errors:
        raise_mismatch(errors.split(CHECK_FAILED, 1)[1].splitlines()[0].split(" | "))
    first = [line for line in errors.splitlines() if "ERROR" in line or "FATAL" in line]
    raise ValidationError(
        "psql stopped at an error, so the restore was rolled back and the database is as it "
        f"was: {' '.join(first[:3]) or errors[:500]}"
    )


@contextmanager
def _connected(connection, *, snapshot: bool = False):
    """``checksums.postgresql_connect``, with a failure to connect told plainly."""
    import psycopg

    try:
        raw = postgresql_connect(connection, snapshot=snapshot)
    except psycopg.OperationalError as error:
        raise ValidationError(
            f"Cannot connect to the database {connection.settings_dict['NAME']} ({error})."
        ) from error
    with raw:
        yield raw


def _program(name: str) -> str:
    """The PostgreSQL client program ``name`` on PATH."""
    found = shutil.which(name)
    if not found:
        raise ValidationError(
            f"{name} was not found: install the PostgreSQL client programs of the server's "
            "version (Debian: postgresql-client-15) and put them on PATH."
        )
    return found


def _libpq(connection) -> tuple[str, dict[str, str]]:
    """A connection string for pg_dump and psql, and their environment: the password
    travels in the environment, never on a command line others can list."""
    from psycopg.conninfo import make_conninfo

    parameters = postgresql_parameters(connection)
    password = parameters.pop("password", None)
    environment = dict(os.environ)
    if password:
        environment["PGPASSWORD"] = password
    return make_conninfo(**parameters), environment


def _text(file) -> str:
    file.seek(0)
    return file.read().decode(errors="replace").strip()[-2000:] or "no message"
