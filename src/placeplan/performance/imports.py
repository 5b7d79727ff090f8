"""Importing observations from CSV or Excel files and from partner systems.

Every path (upload, API, the benchmark) goes through ``rows_check`` and
``batch_apply``: each row is checked, every problem is reported by row and column, and
nothing is saved unless every row is good; then everything is saved in one transaction.
Saving the same rows again changes nothing; a corrected value replaces the old one and
the history keeps both. A partnership's import (a file or a partner system's token)
writes only its own local indicators: the official collections (CPOP, SIMD, …) are
loaded nationally and corrected by a site administrator (``observation_correct``).
"""

from __future__ import annotations

import csv
import datetime
import io
import logging
import math
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from xml.etree.ElementTree import ParseError

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from placeplan.core.bulk import rows_sync
from placeplan.core.downloads import CONTROL_CHARACTERS
from placeplan.core.evidence_cache import evidence_changed
from placeplan.performance.models import (
    ApiTokenUse,
    ImportBatch,
    Measure,
    Observation,
    Period,
    ValueKind,
)
from placeplan.performance.selectors import measure_list
from placeplan.places.models import Area

REQUIRED_COLUMNS = ("measure", "area_code", "period", "value")
OPTIONAL_COLUMNS = ("numerator", "denominator", "kind", "source")
TEMPLATE_COLUMNS = ("measure", "area_code", "area_name", "period", "value", *OPTIONAL_COLUMNS)
CHUNK = 50000
logger = logging.getLogger(__name__)

FINANCIAL_YEAR = re.compile(r"(\d{4})/(\d{2})")
CALENDAR_YEAR = re.compile(r"(\d{4})")
ROLLING = re.compile(r"(\d{4})-(\d{4})")
SIMD_EDITION = re.compile(r"SIMD (\d{4})")


class ImportRefused(ValidationError):
    """The whole file cannot be read: wrong type, too big, missing columns."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


def period_from_label(label: str) -> dict | None:
    """The dates of a period label: ``2019/20`` (financial year, 1 April to 31 March),
    ``2019`` (calendar year), ``2017-2019`` (rolling, 1 January of the first year to
    31 December of the last) or ``SIMD 2020`` (the edition's year). None if unreadable."""
    if match := FINANCIAL_YEAR.fullmatch(label):
        start = int(match.group(1))
        if (start + 1) % 100 != int(match.group(2)):
            return None
        kind, first, last = Period.Kind.FINANCIAL_YEAR, (start, 4, 1), (start + 1, 3, 31)
    elif match := CALENDAR_YEAR.fullmatch(label):
        year = int(match.group(1))
        kind, first, last = Period.Kind.CALENDAR_YEAR, (year, 1, 1), (year, 12, 31)
    elif match := ROLLING.fullmatch(label):
        start, end = int(match.group(1)), int(match.group(2))
        if end <= start:
            return None
        kind, first, last = Period.Kind.ROLLING, (start, 1, 1), (end, 12, 31)
    elif match := SIMD_EDITION.fullmatch(label):
        year = int(match.group(1))
        kind, first, last = Period.Kind.SIMD_EDITION, (year, 1, 1), (year, 12, 31)
    else:
        return None
    if not 1900 <= first[0] <= 2100:
        return None
    return {
        "label": label,
        "kind": kind,
        "start": datetime.date(*first),
        "end": datetime.date(*last),
    }


# -- reading files ----------------------------------------------------------------------------


def size_check(size: int) -> None:
    """Refuse a file over the size limit, with a message saying what to do."""
    if size > settings.IMPORT_MAX_BYTES:
        raise ImportRefused(
            f"The file is {size / 1_048_576:.1f} MB; files can be at most "
            f"{settings.IMPORT_MAX_BYTES / 1_048_576:.0f} MB. Split it into smaller files."
        )


def table_read(
    *, content: bytes, filename: str, required: tuple[str, ...] = REQUIRED_COLUMNS
) -> list[dict]:
    """The rows of a CSV or .xlsx file as dicts keyed by lower-case column name, each with
    its spreadsheet row number under ``_row``. Raises ``ImportRefused`` for a file that
    cannot be read at all or lacks a column of ``required``. Workbook formulas, macros and
    external links are never run: a formula cell is read as its text and reported as a
    problem."""
    size_check(len(content))
    name = filename.lower()
    if name.endswith(".csv"):
        records = _csv_records(content)
    elif name.endswith(".xlsx"):
        records = _xlsx_records(content)
    else:
        raise ImportRefused(
            "Choose a .csv or .xlsx file (Excel workbooks with macros are refused)."
        )
    header = next(records, None)
    if header is None:
        raise ImportRefused("The file is empty. Use the template, which has the column names.")
    columns = [str(c or "").strip().lower() for c in header]
    missing = [c for c in required if c not in columns]
    if missing:
        raise ImportRefused(
            "The first row must name the columns. Missing: "
            + ", ".join(missing)
            + ". Download the template to see them."
        )
    rows = []
    for number, record in enumerate(records, start=2):
        if all(value in (None, "") for value in record):
            continue
        if len(rows) >= settings.IMPORT_MAX_ROWS:
            raise ImportRefused(
                f"The file has more than {settings.IMPORT_MAX_ROWS:,} rows. Split it into "
                "smaller files."
            )
        row = {"_row": number}
        for column, value in zip(columns, record, strict=False):
            if column:
                row[column] = value
        rows.append(row)
    if not rows:
        raise ImportRefused("The file has column names but no rows of data.")
    return rows


def _csv_records(content: bytes) -> Iterator[list]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            "The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again."
        ) from error
    try:
        return iter(list(csv.reader(io.StringIO(text, newline=""))))
    except csv.Error as error:
        raise ImportRefused(
            f"The file could not be read as CSV ({error}). Save it as “CSV UTF-8” from "
            "your spreadsheet and upload it again."
        ) from error


def _xlsx_records(content: bytes) -> Iterator[list]:
    import openpyxl  # loaded only for workbooks
    from lxml.etree import XMLSyntaxError  # openpyxl parses with lxml when it is installed
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if "xl/vbaProject.bin" in archive.namelist():
                raise ImportRefused(
                    "The workbook contains macros. Save it as an ordinary .xlsx workbook."
                )
            unpacked = sum(info.file_size for info in archive.infolist())
        size_check(unpacked // 10)  # refuse zip bombs: a workbook rarely packs 10:1
        workbook = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=False, keep_links=False
        )
        sheet = workbook.worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        KeyError,
        OSError,
        ParseError,
        XMLSyntaxError,
        ValueError,
        TypeError,
        IndexError,
    ) as error:
        raise ImportRefused("The file is not a readable .xlsx workbook.") from error
    return iter(rows)


# -- checking rows ----------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return CONTROL_CHARACTERS.sub("", str(value)).strip()


def _number(value) -> float:
    """A finite number from a cell, or ValueError with the reason."""
    if isinstance(value, bool):
        raise ValueError("is not a number")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = _text(value)
        if text.startswith("="):
            raise ValueError("holds a formula; paste the values only")
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"“{text[:40]}” is not a number (write it like 1234.5)") from None
    if not math.isfinite(number):
        raise ValueError("is not a finite number")
    return number


class _Context:
    """What rows are checked against: loaded once per batch."""

    def __init__(self, partnership):
        self.partnership = partnership
        self.measures = {m.code: m for m in measure_list(partnership=partnership)}
        areas = Area.objects.all()
        if partnership:
            council = partnership.council_area_id
            areas = areas.filter(Q(pk=council) | Q(council_area_id=council))
        self.areas = {
            code: (pk, level) for code, pk, level in areas.values_list("code", "pk", "level")
        }
        self.periods = {p.label: p for p in Period.objects.all()}
        self.kinds = {k.value: k.value for k in ValueKind} | {
            k.label.lower(): k.value for k in ValueKind
        }


def rows_check(
    records: Iterable[dict], *, partnership, default_source: str
) -> tuple[list[dict], list[RowError]]:
    """Check every row; return the rows ready to save and every problem found.

    A partnership's import may hold values for its own local indicators (never for an
    official, national measure), for its council area and the communities and data zones
    in it, at the levels each measure is reported for; a national load (no partnership)
    may hold values for the national measures anywhere in Scotland. Each row needs a
    known measure code, area code and period (a known label, or a new one in a recognised
    form), a number within the measure's valid range, and, when given, a numerator no
    greater than a positive denominator. The same measure, area and period twice is a duplicate.
    """
    context = _Context(partnership)
    ready, errors, seen = [], [], {}
    for record in records:
        row = record.get("_row", len(ready) + len(errors) + 2)
        found = []

        def problem(column, message, found=found, row=row):
            found.append(RowError(row, column, message))

        code = _text(record.get("measure"))
        measure = context.measures.get(code)
        if not code:
            problem("measure", "Give the measure's code.")
        elif measure is None:
            problem("measure", f"No measure has the code “{code[:60]}” (see the template).")
        elif partnership is not None and measure.is_official:
            problem("measure", official_refusal(measure))
        area_code = _text(record.get("area_code"))
        area = context.areas.get(area_code)
        if not area_code:
            problem("area_code", "Give the area code, e.g. S02001234.")
        elif area is None:
            where = "in this partnership's area" if partnership else "in Scotland"
            problem("area_code", f"No area {where} has the code “{area_code[:20]}”.")
        elif measure is not None and area[1] not in measure.levels:
            problem(
                "area_code",
                f"“{measure.name}” is not reported for this kind of area ({area[1]}).",
            )
        label = _text(record.get("period"))
        period = context.periods.get(label)
        if period is None and not period_from_label(label):
            problem(
                "period",
                f"“{label[:40]}” is not a period: write 2023/24 (financial year), 2023 "
                "(calendar year), 2021-2023 (rolling) or SIMD 2020.",
            )
        value = numerator = denominator = None
        try:
            value = _number(record.get("value"))
        except ValueError as error:
            problem("value", f"The value {error}.")
        if value is not None and measure is not None:
            low, high = measure.valid_min, measure.valid_max
            if (low is not None and value < low) or (high is not None and value > high):
                problem(
                    "value",
                    f"{value:g} is outside the valid range for “{measure.name}” "
                    f"({_range_text(low, high)}).",
                )
        for column in ("numerator", "denominator"):
            if _text(record.get(column)) == "":
                continue
            try:
                number = _number(record.get(column))
            except ValueError as error:
                problem(column, f"The {column} {error}.")
                continue
            if column == "numerator":
                numerator = number
            else:
                denominator = number
        if denominator is not None and denominator <= 0:
            problem("denominator", "The denominator must be more than 0.")
        elif (numerator is None) != (denominator is None) and not any(
            e.column in ("numerator", "denominator") for e in found
        ):
            problem("denominator", "Give both the numerator and the denominator, or neither.")
        elif numerator is not None and denominator is not None and numerator > denominator:
            problem(
                "numerator",
                f"The numerator ({numerator:g}) is greater than the denominator ({denominator:g}).",
            )
        if numerator is not None and numerator < 0:
            problem("numerator", "The numerator cannot be negative.")
        kind_text = _text(record.get("kind")).lower() or ValueKind.RAW
        kind = context.kinds.get(kind_text)
        if kind is None:
            problem("kind", "Kind must be raw, provisional, imputed or projected.")
        source = _text(record.get("source"))[:300] or default_source
        if measure is not None and area is not None and label:
            key = (measure.code, area_code, label)
            if key in seen:
                problem("period", f"Duplicate of row {seen[key]}: same measure, area and period.")
            else:
                seen[key] = row
        if found:
            errors.extend(found)
            continue
        ready.append(
            {
                "row": row,
                "measure": measure.code,
                "area": area_code,
                "period": label,
                "value": value,
                "numerator": numerator,
                "denominator": denominator,
                "kind": kind,
                "source": source,
            }
        )
    return ready, errors


def official_refusal(measure: Measure) -> str:
    """Why a partnership may not write a value of an official measure, and what to do."""
    return (
        f"“{measure.name}” is an official figure from the {measure.get_collection_display()} "
        "collection: a partnership cannot change it. Add a local measure for your own "
        "figures instead; to correct an official value, ask the site administrator."
    )


def _range_text(low, high) -> str:
    if low is not None and high is not None:
        return f"{low:g} to {high:g}"
    return f"at least {low:g}" if low is not None else f"at most {high:g}"


def rows_compare(rows: list[dict]) -> dict[str, int]:
    """How many rows would be new, changed or the same as what is stored."""
    stored = _stored_values(rows)
    summary = {"new": 0, "changed": 0, "same": 0}
    for row in rows:
        current = stored.get((row["measure"], row["area"], row["period"]))
        if current is None:
            summary["new"] += 1
        elif current == _values(row):
            summary["same"] += 1
        else:
            summary["changed"] += 1
    return summary


def _values(row: dict) -> tuple:
    return (row["value"], row["numerator"], row["denominator"], row["kind"], row["source"])


def _stored_values(rows: list[dict]) -> dict[tuple, tuple]:
    measures = {row["measure"] for row in rows}
    areas = {row["area"] for row in rows}
    stored = {}
    for start in range(0, len(areas), CHUNK):
        chunk = sorted(areas)[start : start + CHUNK]
        query = Observation.objects.filter(
            measure__code__in=measures, area__code__in=chunk
        ).values_list(
            "measure__code",
            "area__code",
            "period__label",
            "value",
            "numerator",
            "denominator",
            "kind",
            "source",
        )
        for measure, area, period, *values in query.iterator(chunk_size=CHUNK):
            stored[(measure, area, period)] = tuple(values)
    return stored


# -- batches ----------------------------------------------------------------------------------


def batch_check(
    *, records: list[dict], partnership, user, filename: str, via: str = "upload"
) -> ImportBatch:
    """Check the rows and keep the result as a batch to preview (nothing saved yet)."""
    source = (f"Submitted by {partnership.name}" if partnership else "Loaded by Placeplan")[:300]
    rows, errors = rows_check(records, partnership=partnership, default_source=source)
    batch = ImportBatch(
        partnership=partnership,
        created_by=user if user and user.is_authenticated else None,
        via=via,
        filename=filename[:200],
        row_count=len(rows) + len({e.row for e in errors}),
        errors=[asdict(e) for e in errors],
        rows=[] if errors else rows,
        status=ImportBatch.Status.HAS_ERRORS if errors else ImportBatch.Status.CHECKED,
        summary={} if errors else rows_compare(rows),
    )
    batch.save()
    return batch


def batch_upload(*, content: bytes, filename: str, partnership, user) -> ImportBatch:
    """Read an uploaded file and check it (raises ``ImportRefused`` when unreadable)."""
    records = table_read(content=content, filename=filename)
    return batch_check(records=records, partnership=partnership, user=user, filename=filename)


def records_save(*, records: list[dict], partnership, user, filename: str, via: str) -> ImportBatch:
    """Check rows and, when every one is good, save them at once (partner systems' API
    and national loads): the same checks and all-or-nothing rule as an upload."""
    batch = batch_check(
        records=records, partnership=partnership, user=user, filename=filename, via=via
    )
    if batch.status == ImportBatch.Status.CHECKED:
        batch = batch_apply(batch_id=batch.pk)
    return batch


def token_records_save(*, token, records: list[dict], endpoint: str) -> ImportBatch:
    """A partner system's submission with its API token: checked and saved like an
    upload (all or nothing, as the token's maker), and recorded in the audit history of
    the token's uses whatever the outcome."""
    batch = records_save(
        records=records,
        partnership=token.partner.partnership,
        user=token.created_by,
        filename=f"API: {token.name}",
        via="api",
    )
    if batch.status == ImportBatch.Status.DONE:
        outcome = batch.message
    elif batch.status == ImportBatch.Status.HAS_ERRORS:
        outcome = f"Nothing saved: {len(batch.errors)} problems in the rows."
    else:
        outcome = f"Nothing saved: {batch.message}"
    token_use_record(
        token=token, endpoint=endpoint, rows_sent=len(records), outcome=outcome, batch=batch
    )
    return batch


def token_use_record(
    *, token, endpoint: str, rows_sent: int, outcome: str, batch: ImportBatch | None = None
) -> ApiTokenUse:
    """Record one use of a write token: which, when, where, how many rows, what came of it."""
    return ApiTokenUse.objects.create(
        token=token,
        used_at=token.last_used_at or timezone.now(),
        endpoint=endpoint[:200],
        batch=batch,
        rows_sent=rows_sent,
        outcome=outcome[:300],
    )


def _leave_checked(batch: ImportBatch, refusal: str, **changes) -> None:
    """Move a batch out of "checked" only if it still is, in one conditional update, so
    that a confirmation and a cancellation sent at once (two tabs, two people) cannot both
    happen: the second is refused with ``refusal`` and the batch's status."""
    moved = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.CHECKED).update(
        updated_at=timezone.now(), **changes
    )
    batch.refresh_from_db()
    if not moved:
        raise ValidationError(refusal.format(status=batch.get_status_display()))


def batch_confirm(*, batch: ImportBatch, user) -> ImportBatch:
    """Save a checked batch: at once when small, otherwise as a background task."""
    _leave_checked(
        batch,
        "This import cannot be saved: it is “{status}”. Upload the file again.",
        status=ImportBatch.Status.QUEUED,
    )
    if batch.row_count <= settings.IMPORT_INLINE_ROWS:
        batch_apply(batch_id=batch.pk)
    else:
        transaction.on_commit(lambda: batch_apply_task.enqueue(batch_id=batch.pk))
    batch.refresh_from_db()
    return batch


def batch_cancel(*, batch: ImportBatch, user) -> ImportBatch:
    """Discard a checked batch instead of saving it: nothing is saved, and the record
    says who cancelled it. Only a batch waiting for confirmation can be cancelled."""
    _leave_checked(
        batch,
        "This import cannot be cancelled: it is “{status}”.",
        status=ImportBatch.Status.CANCELLED,
        message=f"Cancelled by {user.full_name or user.email}: nothing was saved.",
        finished_at=timezone.now(),
    )
    return batch


def progress_key(batch_id: int) -> str:
    return f"placeplan:import-progress:{batch_id}"


def batch_progress(batch: ImportBatch) -> int:
    """Rows saved so far: from the cache while the batch is saving, else the record."""
    if batch.status == ImportBatch.Status.RUNNING:
        return cache.get(progress_key(batch.pk), batch.rows_done)
    return batch.rows_done


def batch_apply(*, batch_id: int, resuming: bool = False) -> ImportBatch:
    """Save every row of a checked batch in one transaction, or none of them.

    The rows are checked again against the stored measures and areas first (they may
    have changed since the preview). Progress is written to the cache after each chunk
    so the progress bar can follow a long save.
    """
    batch = ImportBatch.objects.get(pk=batch_id)
    startable = [ImportBatch.Status.QUEUED, ImportBatch.Status.CHECKED]
    if resuming:  # its worker was lost mid-save (core.worker.lost_work_requeue)
        startable.append(ImportBatch.Status.RUNNING)
    if batch.status not in startable:
        return batch
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.RUNNING)
    batch.status = ImportBatch.Status.RUNNING
    try:
        summary = _rows_save(batch)
    except ValidationError as error:
        batch.status = ImportBatch.Status.FAILED
        batch.message = "; ".join(error.messages)
    except Exception:  # noqa: BLE001 - any failure: nothing saved, and the batch says so
        logger.exception("Import %s failed", batch.pk)
        batch.status = ImportBatch.Status.FAILED
        batch.message = (
            "An unexpected error stopped the save, so nothing was saved. Try again; if it "
            "happens again, tell the site administrator."
        )
    else:
        batch.status = ImportBatch.Status.DONE
        batch.summary = summary
        batch.rows_done = batch.row_count
        batch.message = (
            f"{summary['created']} new values, {summary['updated']} corrected, "
            f"{summary['unchanged']} unchanged."
        )
    batch.finished_at = timezone.now()
    # The checked rows are stored already: write only what the save changed.
    batch.save(
        update_fields=["status", "summary", "rows_done", "message", "finished_at", "updated_at"]
    )
    if batch.status == ImportBatch.Status.DONE:
        evidence_changed()
    cache.delete(progress_key(batch.pk))
    return batch


@task(takes_context=True)
def batch_apply_task(context, *, batch_id: int) -> str:
    """The background task that saves a large import. A second attempt is a task put back
    on the queue after its worker was lost mid-save: nothing of that save was kept (one
    transaction), so the batch, left "saving", is saved again."""
    return batch_apply(batch_id=batch_id, resuming=context.attempt > 1).status


def _rows_save(batch: ImportBatch) -> dict[str, int]:
    rows = batch.rows
    context = _Context(batch.partnership)
    missing = [
        row["row"]
        for row in rows
        if row["measure"] not in context.measures or row["area"] not in context.areas
    ]
    if missing:
        raise ValidationError(
            f"Rows {', '.join(map(str, missing[:10]))} refer to a measure or area that no "
            "longer exists. Nothing was saved. Upload the file again to see the problems."
        )
    if batch.partnership is not None:
        measures = (context.measures[row["measure"]] for row in rows)
        official = next((m for m in measures if m.is_official), None)
        if official is not None:
            raise ValidationError(f"Nothing was saved. {official_refusal(official)}")
    user = batch.created_by
    totals = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        new_periods = [
            period_from_label(label)
            for label in sorted({row["period"] for row in rows})
            if label not in context.periods
        ]
        Period.objects.bulk_create([Period(**p) for p in new_periods])
        periods = dict(Period.objects.values_list("label", "pk"))
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            records = [
                {
                    "measure_id": context.measures[row["measure"]].pk,
                    "area_id": context.areas[row["area"]][0],
                    "period_id": periods[row["period"]],
                    "value": row["value"],
                    "numerator": row["numerator"],
                    "denominator": row["denominator"],
                    "kind": row["kind"],
                    "source": row["source"],
                    "entered_by_id": user.pk if user else None,
                }
                for row in chunk
            ]
            result = rows_sync(
                model=Observation,
                key=("measure_id", "area_id", "period_id"),
                # Who entered a value is kept from its first import; the history records
                # who corrected it.
                fields=("value", "numerator", "denominator", "kind", "source"),
                rows=records,
                change_reason=f"Import {batch.pk}: {batch.filename}"[:100],
                queryset=Observation.objects.filter(
                    measure_id__in={r["measure_id"] for r in records},
                    area_id__in={r["area_id"] for r in records},
                ),
                user=user,
            )
            totals["created"] += result.created
            totals["updated"] += result.updated
            totals["unchanged"] += result.unchanged
            cache.set(progress_key(batch.pk), start + len(chunk), 3600)
    return totals


# -- templates --------------------------------------------------------------------------------


def template_rows(*, measures: list[Measure], areas: list[Area]) -> list[dict]:
    """The rows of an import template: one per measure and area, period and value empty."""
    return [
        {
            "measure": measure.code,
            "area_code": area.code,
            "area_name": area.name,
            "period": "",
            "value": "",
            "numerator": "",
            "denominator": "",
            "kind": "raw",
            "source": "",
        }
        for measure in measures
        for area in areas
        if area.level in measure.levels
    ]
