"""Tables as CSV and Excel downloads, safe to open in a spreadsheet.

A cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
could run as a formula when the file is opened; such text is written with a leading
apostrophe, which spreadsheets show as plain text. Numbers are written as numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from django.http import Http404, HttpResponse
from django.views import View

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Control characters other than tab, line feed and carriage return: spreadsheets refuse them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """A cell value that cannot run as a formula: numbers and empty cells as they are,
    text beginning with a formula character prefixed with an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        return value
    text = CONTROL_CHARACTERS.sub("", str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def table_response(
    *, filename: str, header: Sequence[str], rows: Iterable[Sequence], fmt: str
) -> HttpResponse:
    """The table as a CSV (``fmt="csv"``) or Excel (``fmt="xlsx"``) download."""
    safe_rows = [[safe_cell(v) for v in row] for row in rows]
    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Data")
        sheet.append([safe_cell(h) for h in header])
        for row in safe_rows:
            # openpyxl stores a string beginning with "=" as a formula: the apostrophe
            # added above keeps it text.
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        writer = csv.writer(response)
        writer.writerow([safe_cell(h) for h in header])
        writer.writerows(safe_rows)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


class TableDownloadView(View):
    """A page's table as CSV or Excel: ``table(name)`` answers (file name, header, rows)
    or raises ``LookupError`` for a table the page does not have (404, as is any format
    but csv and xlsx)."""

    def table(self, name: str) -> tuple[str, Sequence[str], Iterable[Sequence]]:
        raise NotImplementedError  # pragma: no cover - every subclass says which tables

    def get(self, request, *args, **kwargs):
        if kwargs["fmt"] not in ("csv", "xlsx"):
            raise Http404("Tables come as CSV (.csv) or Excel (.xlsx).")
        try:
            filename, header, rows = self.table(kwargs["table"])
        except LookupError as missing:
            raise Http404("No such table.") from missing
        return table_response(filename=filename, header=header, rows=rows, fmt=kwargs["fmt"])
