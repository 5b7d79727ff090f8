"""The archive: a tar file of the database and ``manifest.json``, written whole or not at
all, and read back only when its manifest and database are what they claim to be."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tarfile
import tempfile
import time
from pathlib import Path

from django.core.exceptions import ValidationError

from placeplan.core.backup.checksums import Checksums

FORMAT = 1
MANIFEST = "manifest.json"
MEMBERS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
ENGINES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
CHUNK = 1 << 20
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*\Z")  # a table or column name, never SQL


def archive_write(target: Path, database: Path, manifest: dict) -> None:
    """Write the database file and the manifest (completed with the database's size and
    SHA-256) under a temporary name beside ``target``, readable by its owner only (it
    holds personal data), then rename it to ``target``."""
    handle, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            with tarfile.open(fileobj=file, mode="w", format=tarfile.PAX_FORMAT) as tar:
                with database.open("rb") as content:
                    info = tar.gettarinfo(fileobj=content, arcname=database.name)
                    hashing = _Hashing(content)
                    tar.addfile(_anonymous(info), hashing)
                manifest["database"] = {
                    "member": database.name,
                    "bytes": info.size,
                    "sha256": hashing.digest.hexdigest(),
                }
                text = json.dumps(manifest, indent=1, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime = len(text), int(time.time())
                tar.addfile(_anonymous(info), io.BytesIO(text))
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # so the rename itself survives a crash
    finally:
        os.close(folder)


def _anonymous(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
    return info


class _Hashing:
    """A file read through, whose SHA-256 is taken as it is read."""

    def __init__(self, file):
        self.file = file
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.digest.update(data)
        return data


def archive_open(archive: Path) -> tarfile.TarFile:
    """The archive at ``archive``, opened to read."""
    if not archive.is_file():
        raise ValidationError(f"There is no backup at {archive}.")
    try:
        return tarfile.open(archive, mode="r:")
    except tarfile.TarError as error:
        raise ValidationError(
            f"{archive} is not a Placeplan backup (not a tar archive: {error}). "
            "Nothing was restored."
        ) from error


def manifest_read(tar: tarfile.TarFile, archive: Path) -> dict:
    """The archive's manifest, checked in every part a restore relies on."""
    try:
        file = tar.extractfile(MANIFEST)
        manifest = json.loads(file.read()) if file else None
    except KeyError:
        raise ValidationError(
            f"{archive} holds no {MANIFEST}: it is not a Placeplan backup, or it was cut "
            "short. Nothing was restored."
        ) from None
    except (tarfile.TarError, OSError) as error:
        raise ValidationError(
            f"{archive} is damaged or was cut short: its {MANIFEST} cannot be read ({error}). "
            "Nothing was restored."
        ) from error
    except ValueError as error:
        raise ValidationError(
            f"The {MANIFEST} in {archive} is not JSON ({error}). Nothing was restored."
        ) from error
    if not isinstance(manifest, dict):
        raise ValidationError(f"The {MANIFEST} in {archive} is not a manifest.")
    if manifest.get("format") != FORMAT:
        raise ValidationError(
            f"{archive} is in backup format {manifest.get('format')!r}; this version of "
            f"Placeplan restores format {FORMAT}. Nothing was restored."
        )
    problems = _manifest_problems(manifest)
    if problems:
        raise ValidationError(
            f"The {MANIFEST} in {archive} is not valid ({'; '.join(problems)}). "
            "Nothing was restored."
        )
    return manifest


def _manifest_problems(manifest: dict) -> list[str]:
    """What is missing or malformed in a manifest of the current format."""
    problems = []
    engine = manifest.get("engine")
    if engine not in ENGINES:
        problems.append(f"unknown engine {engine!r}")
    if not isinstance(manifest.get("created"), str):
        problems.append("no creation time")
    migrations = manifest.get("migrations")
    if not isinstance(migrations, list) or not all(isinstance(m, str) for m in migrations):
        problems.append("no list of migrations")
    database = manifest.get("database")
    if not (
        isinstance(database, dict)
        and database.get("member") == MEMBERS.get(engine)
        and _is_count(database.get("bytes"))
        and re.fullmatch(r"[0-9a-f]{64}", str(database.get("sha256")))
    ):
        problems.append("no description of the database it holds")
    tables = manifest.get("tables")
    if not isinstance(tables, dict) or not tables:
        return [*problems, "no tables"]
    for name, table in tables.items():
        if not (
            _NAME.match(name)
            and isinstance(table, dict)
            and _is_count(table.get("rows"))
            and re.fullmatch(r"[0-9a-f]{32}", str(table.get("checksum")))
            and isinstance(table.get("key"), list)
            and all(isinstance(column, str) and _NAME.match(column) for column in table["key"])
        ):
            problems.append(f"table {name[:60]!r} is not described properly")
    return problems


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def member_extract(tar: tarfile.TarFile, manifest: dict, target: Path, archive: Path) -> None:
    """Extract the database to ``target``, refusing it unless its size and SHA-256 are
    the manifest's."""
    expected = manifest["database"]
    digest = hashlib.sha256()
    size = 0
    try:
        source = tar.extractfile(expected["member"])
        with target.open("wb") as file:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                file.write(chunk)
                size += len(chunk)
    except (KeyError, tarfile.TarError, OSError) as error:
        raise ValidationError(
            f"The database in {archive} cannot be read ({error}): the archive is damaged or "
            "incomplete. Nothing was restored."
        ) from error
    if size != expected["bytes"] or digest.hexdigest() != expected["sha256"]:
        raise ValidationError(
            f"The database in {archive} is not the one its manifest describes ({size:,} "
            f"bytes where {expected['bytes']:,} were written, or other content): the archive "
            "is damaged or incomplete. Nothing was restored."
        )


def manifest_compare(manifest: dict, restored: Checksums) -> None:
    """Raise, listing every table whose count or checksum is not the manifest's."""
    expected = manifest["tables"]
    differences = [
        f"{name}: restored, but not in the backup" for name in restored.keys() - expected.keys()
    ]
    for name, table in expected.items():
        if name not in restored:
            differences.append(f"{name}: in the backup, but not restored")
        elif restored[name][0] != table["rows"]:
            differences.append(
                f"{name}: {table['rows']} rows in the backup, {restored[name][0]} restored"
            )
        elif restored[name][1] != table["checksum"]:
            differences.append(f"{name}: as many rows as in the backup, but different content")
    if differences:
        raise_mismatch(differences)


def raise_mismatch(differences: list[str]) -> None:
    """Refuse a restored database that differs from the backup, saying where."""
    raise ValidationError(
        [
            "The restored database does not match the backup's manifest, so it was not kept: "
            "the database is as it was. Differences:",
            *sorted(differences),
        ]
    )
