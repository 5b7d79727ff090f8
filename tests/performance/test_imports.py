"""Importing observations from CSV and .xlsx files: reading, checking every row, and
saving all or nothing.

The data is kept small: test measures made here (three local indicators of Highland,
one of Perth and one official, national measure, which only a national load may write),
the Highland council area, two of its intermediate zones and two of its data zones, and
one Perth intermediate zone as an area outside Highland.
Period labels in the 2030s and 2040s do not exist in the reference data, so they are the
"new" periods.
"""

import contextlib
import csv
import datetime
import io
import itertools
import math
import re
import zipfile
from dataclasses import dataclass

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from placeplan.accounts.models import User
from placeplan.performance import imports
from placeplan.performance.imports import (
    ImportRefused,
    RowError,
    batch_apply,
    batch_check,
    batch_confirm,
    batch_upload,
    period_from_label,
    rows_check,
    rows_compare,
    table_read,
    template_rows,
)
from placeplan.performance.models import ImportBatch, Measure, Observation, Period, ValueKind
from placeplan.places.models import Area
from tests.plans.conftest import highland, perth  # noqa: F401 (fixtures reused)

HEADER = ("measure", "area_code", "period", "value")
FULL_HEADER = ("measure", "area_code", "period", "value", "numerator", "denominator", "kind")
NEW_LABELS = ("2040/41", "2041", "2035-2037", "SIMD 2032")

_emails = itertools.count(1)


# -- builders ---------------------------------------------------------------------------------


def make_user():
    return User.objects.create_user(
        email=f"importer-{next(_emails)}@example.org",
        password="a-long-enough-test-password",
        full_name="Import Tester",
    )


@pytest.fixture
def user():
    return make_user()


@pytest.fixture
def other_user():
    return make_user()


@dataclass
class Places:
    council: Area
    zones: list[Area]
    data_zones: list[Area]
    outside_zone: Area


@pytest.fixture
def places(highland, perth):  # noqa: F811
    council = highland.council_area
    zones = list(
        Area.objects.filter(council_area=council, level=Area.Level.INTERMEDIATE_ZONE).order_by(
            "code"
        )[:2]
    )
    data_zones = list(
        Area.objects.filter(council_area=council, level=Area.Level.DATA_ZONE).order_by("code")[:2]
    )
    outside = (
        Area.objects.filter(council_area=perth.council_area, level=Area.Level.INTERMEDIATE_ZONE)
        .order_by("code")
        .first()
    )
    assert len(zones) == 2 and len(data_zones) == 2 and outside is not None
    return Places(council, zones, data_zones, outside)


@dataclass
class Measures:
    rate: Measure  # Highland's: council area and intermediate zones, 0 to 100
    count: Measure  # Highland's: data zones only, at least 0
    local: Measure  # Highland's own indicator
    perth_local: Measure  # Perth's own indicator
    national: Measure  # an official (CPOP) measure: council area and intermediate zones


def _measure(code, **fields):
    fields.setdefault("definition", "A measure made for the import tests.")
    fields.setdefault("unit", "%")
    fields.setdefault("source", "Import tests")
    return Measure.objects.create(code=code, name=code.replace("-", " ").title(), **fields)


@pytest.fixture
def measures(highland, perth):  # noqa: F811
    return Measures(
        rate=_measure(
            "test-import-rate",
            collection=Measure.Collection.LOCAL,
            partnership=highland,
            levels=[Area.Level.COUNCIL_AREA, Area.Level.INTERMEDIATE_ZONE],
            valid_min=0.0,
            valid_max=100.0,
        ),
        count=_measure(
            "test-import-count",
            collection=Measure.Collection.LOCAL,
            partnership=highland,
            unit="people",
            levels=[Area.Level.DATA_ZONE],
            valid_min=0.0,
        ),
        local=_measure(
            "test-highland-local",
            collection=Measure.Collection.LOCAL,
            partnership=highland,
            levels=[Area.Level.COUNCIL_AREA, Area.Level.INTERMEDIATE_ZONE],
        ),
        perth_local=_measure(
            "test-perth-local",
            collection=Measure.Collection.LOCAL,
            partnership=perth,
            levels=[Area.Level.COUNCIL_AREA, Area.Level.INTERMEDIATE_ZONE],
        ),
        national=_measure(
            "test-import-national",
            collection=Measure.Collection.CPOP,
            levels=[Area.Level.COUNCIL_AREA, Area.Level.INTERMEDIATE_ZONE],
            valid_min=0.0,
            valid_max=100.0,
        ),
    )


@pytest.fixture
def known_label():
    """A period already in the reference data."""
    return Period.objects.get(label="2019/20").label


def csv_bytes(rows, header=HEADER, *, bom=False) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def xlsx_bytes(rows, header=HEADER, *, extra_members=None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    content = buffer.getvalue()
    if not extra_members:
        return content
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = extra_members.pop(info.filename, None)
            target.writestr(info, data if data is not None else source.read(info.filename))
        for name, data in extra_members.items():
            target.writestr(name, data)
    return out.getvalue()


def upload(rows, *, partnership, user, header=HEADER, filename="values.csv"):
    return batch_upload(
        content=csv_bytes(rows, header), filename=filename, partnership=partnership, user=user
    )


def record(row, **cells):
    """A row as table_read gives it: the cells and the spreadsheet row number."""
    return {"_row": row, **cells}


def spots(errors):
    return [(e.row, e.column) for e in errors]


def checksum(measure_ids=None):
    rows = Observation.objects.all()
    if measure_ids is not None:
        rows = rows.filter(measure_id__in=measure_ids)
    return sorted(
        rows.values_list(
            "measure_id", "area_id", "period_id", "value", "numerator", "denominator", "kind"
        )
    )


def state(measures):
    """Everything an import could change, to compare before and after."""
    ids = [measures.rate.pk, measures.count.pk, measures.local.pk, measures.perth_local.pk]
    return {
        "observations": Observation.objects.count(),
        "history": Observation.history.count(),
        "periods": sorted(Period.objects.values_list("label", "start", "end")),
        "checksum": checksum(ids),
    }


def observation(measure, area, label):
    return Observation.objects.get(measure=measure, area=area, period__label=label)


# -- period labels ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "kind", "start", "end"),
    [
        ("2019/20", Period.Kind.FINANCIAL_YEAR, (2019, 4, 1), (2020, 3, 31)),
        ("1999/00", Period.Kind.FINANCIAL_YEAR, (1999, 4, 1), (2000, 3, 31)),
        ("2023", Period.Kind.CALENDAR_YEAR, (2023, 1, 1), (2023, 12, 31)),
        ("2017-2019", Period.Kind.ROLLING, (2017, 1, 1), (2019, 12, 31)),
        ("2020-2021", Period.Kind.ROLLING, (2020, 1, 1), (2021, 12, 31)),
        ("SIMD 2020", Period.Kind.SIMD_EDITION, (2020, 1, 1), (2020, 12, 31)),
    ],
)
def test_period_from_label_reads_each_form(label, kind, start, end):
    assert period_from_label(label) == {
        "label": label,
        "kind": kind,
        "start": datetime.date(*start),
        "end": datetime.date(*end),
    }


@pytest.mark.parametrize(
    "label",
    [
        "2019/21",  # not consecutive years
        "2019/19",
        "2021-2019",  # ends before it starts
        "2019-2019",  # a rolling period spans more than one year
        "FY19",
        "",
        "19/20",
        "2019/2020",
        "2019-20",
        "simd 2020",
        "SIMD2020",
        "1899",  # outside 1900 to 2100
        "2101",
        "1899/00",
        "0000",
        " 2019",
        "2019 ",
        "Q1 2020",
    ],
)
def test_period_from_label_refuses_unreadable_labels(label):
    assert period_from_label(label) is None


@pytest.mark.parametrize("label", ["2019\n", "2019/20\n", "SIMD 2020\n", "2017-2019\n"])
def test_period_from_label_refuses_a_trailing_newline(label):
    assert period_from_label(label) is None


# -- reading files ----------------------------------------------------------------------------


def test_csv_with_a_byte_order_mark_is_read():
    content = csv_bytes([("m", "S12000017", "2019/20", "12.5")], bom=True)
    assert content.startswith(b"\xef\xbb\xbf")
    assert table_read(content=content, filename="values.csv") == [
        {"_row": 2, "measure": "m", "area_code": "S12000017", "period": "2019/20", "value": "12.5"}
    ]


def test_column_names_are_matched_whatever_their_case_and_spaces():
    content = b" Measure ,AREA_CODE,Period,Value,Notes\nm,S1,2019,1,anything\n"
    rows = table_read(content=content, filename="VALUES.CSV")
    assert rows == [
        {
            "_row": 2,
            "measure": "m",
            "area_code": "S1",
            "period": "2019",
            "value": "1",
            "notes": "anything",
        }
    ]


def test_non_utf8_text_is_refused():
    content = "measure,area_code,period,value\ncafé,S1,2019,1\n".encode("latin-1")
    with pytest.raises(ImportRefused, match="not UTF-8"):
        table_read(content=content, filename="values.csv")


@pytest.mark.parametrize("filename", ["values.xls", "values.xlsm", "values.txt", "values", "csv"])
def test_other_file_types_are_refused(filename):
    content = csv_bytes([("m", "S1", "2019", "1")])
    with pytest.raises(ImportRefused, match=r"Choose a \.csv or \.xlsx file"):
        table_read(content=content, filename=filename)


@pytest.mark.parametrize("filename", ["values.csv", "values.xlsx"])
def test_an_empty_file_is_refused(filename):
    with pytest.raises(ImportRefused):
        table_read(content=b"", filename=filename)


def test_an_empty_csv_says_so():
    with pytest.raises(ImportRefused, match="empty"):
        table_read(content=b"", filename="values.csv")


def test_column_names_without_rows_are_refused():
    with pytest.raises(ImportRefused, match="no rows of data"):
        table_read(content=csv_bytes([]), filename="values.csv")
    with pytest.raises(ImportRefused, match="no rows of data"):
        table_read(content=csv_bytes([("", "", "", "")]), filename="values.csv")


def test_missing_columns_are_named():
    content = b"Measure,area,period\nm,S1,2019\n"
    with pytest.raises(ImportRefused) as refusal:
        table_read(content=content, filename="values.csv")
    (message,) = refusal.value.messages
    assert "Missing: area_code, value." in message
    assert "measure," not in message.split("Missing:")[1]


def test_blank_lines_are_skipped_and_row_numbers_follow_the_file():
    content = b"measure,area_code,period,value\r\na,S1,2019,1\r\n\r\n,,,\r\nb,S2,2020,2\r\n"
    rows = table_read(content=content, filename="values.csv")
    assert [(r["_row"], r["measure"]) for r in rows] == [(2, "a"), (5, "b")]


def test_files_over_the_size_limit_are_refused(settings):
    content = csv_bytes([("m", "S1", "2019", "1")] * 20)
    settings.IMPORT_MAX_BYTES = len(content)
    assert len(table_read(content=content, filename="values.csv")) == 20
    settings.IMPORT_MAX_BYTES = len(content) - 1
    with pytest.raises(ImportRefused, match="files can be at most"):
        table_read(content=content, filename="values.csv")
    with pytest.raises(ImportRefused, match="files can be at most"):
        table_read(content=content, filename="values.xlsx")


def test_files_over_the_row_limit_are_refused(settings):
    settings.IMPORT_MAX_ROWS = 3
    three = csv_bytes([("m", "S1", "2019", "1")] * 3 + [("", "", "", "")] * 5)
    assert len(table_read(content=three, filename="values.csv")) == 3
    four = csv_bytes([("m", "S1", "2019", "1")] * 4)
    with pytest.raises(ImportRefused, match="more than 3 rows"):
        table_read(content=four, filename="values.csv")
    with pytest.raises(ImportRefused, match="more than 3 rows"):
        table_read(content=xlsx_bytes([("m", "S1", "2019", 1)] * 4), filename="values.xlsx")


def test_an_xlsx_workbook_is_read_without_running_formulas():
    content = xlsx_bytes(
        [
            ("test-import-rate", "S12000017", "2019/20", 12.5),
            ("test-import-rate", "S12000017", 2041, 7),
            (None, None, None, None),
            ("test-import-rate", "S12000017", "2042", "=1+1"),
        ]
    )
    rows = table_read(content=content, filename="Values.XLSX")
    assert [r["_row"] for r in rows] == [2, 3, 5]
    assert rows[0]["value"] == 12.5
    assert rows[1]["period"] == 2041 and rows[1]["value"] == 7
    assert rows[2]["value"] == "=1+1"  # the formula's text, never its result


@pytest.mark.django_db
def test_an_xlsx_formula_is_reported_by_the_row_check(highland, places, measures):  # noqa: F811
    code = places.council.code
    content = xlsx_bytes(
        [
            (measures.rate.code, code, "2019/20", 12.5),
            (measures.rate.code, code, 2041, 7),  # a number read as the period 2041
            (measures.rate.code, code, "2042", "=1+1"),
        ]
    )
    ready, errors = rows_check(
        table_read(content=content, filename="values.xlsx"),
        partnership=highland,
        default_source="s",
    )
    assert [(r["row"], r["period"], r["value"]) for r in ready] == [
        (2, "2019/20", 12.5),
        (3, "2041", 7.0),
    ]
    assert spots(errors) == [(4, "value")]
    assert "formula" in errors[0].message


def test_an_xlsx_with_macros_is_refused():
    content = xlsx_bytes(
        [("m", "S1", "2019", 1)], extra_members={"xl/vbaProject.bin": b"\x00macro\x00"}
    )
    assert "xl/vbaProject.bin" in zipfile.ZipFile(io.BytesIO(content)).namelist()
    with pytest.raises(ImportRefused, match="macros"):
        table_read(content=content, filename="values.xlsx")


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01garbage\xff" * 50,
        b"PK\x03\x04 not really a zip",
        b"measure,area_code,period,value\nm,S1,2019,1\n",
    ],
)
def test_bytes_that_are_not_a_workbook_are_refused(content):
    with pytest.raises(ImportRefused, match="not a readable .xlsx workbook"):
        table_read(content=content, filename="values.xlsx")


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(ImportRefused, match="not a readable .xlsx workbook"):
        table_read(content=out.getvalue(), filename="values.xlsx")


def test_a_workbook_that_unpacks_to_far_more_than_the_limit_is_refused(settings):
    content = xlsx_bytes([("m", "S12000017", "2019/20", 1)] * 3000)
    unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(content)).infolist())
    assert unpacked // 10 > len(content), "the workbook does not compress enough for this test"
    settings.IMPORT_MAX_BYTES = len(content)  # the file itself is within the limit
    with pytest.raises(ImportRefused, match="files can be at most"):
        table_read(content=content, filename="values.xlsx")
    settings.IMPORT_MAX_BYTES = unpacked // 10
    assert len(table_read(content=content, filename="values.xlsx")) == 3000


@pytest.mark.parametrize("member", ["xl/worksheets/sheet1.xml", "xl/workbook.xml"])
def test_a_workbook_with_a_damaged_part_is_refused(member):
    content = xlsx_bytes([("m", "S1", "2019", 1)], extra_members={member: b"<not xml"})
    try:
        table_read(content=content, filename="values.xlsx")
    except ImportRefused:
        return
    except Exception as error:  # noqa: BLE001
        raise AssertionError(f"{type(error).__name__} escaped: {error}") from error
    raise AssertionError("a damaged workbook was read")


def test_a_csv_with_a_huge_cell_is_refused_not_crashed():
    content = csv_bytes([("m", "S1", "2019", "1" * 140_000)])
    try:
        table_read(content=content, filename="values.csv")
    except ImportRefused:
        return
    except Exception as error:  # noqa: BLE001
        raise AssertionError(f"{type(error).__name__} escaped: {error}") from error
    raise AssertionError("a 140,000-character value was read as a number")


@pytest.mark.parametrize(
    "content",
    [
        b"measure,area_code,period,value\rm,S1,2019,1\r",
        b"measure,area_code,period,value\r\nm,S1\r,2019,1\r\n",
        b"\r0",
    ],
)
def test_a_csv_with_old_mac_line_endings_is_read(content):
    try:
        rows = table_read(content=content, filename="values.csv")
    except ImportRefused:
        return
    except Exception as error:  # noqa: BLE001
        raise AssertionError(f"{type(error).__name__} escaped: {error}") from error
    assert rows[0]["measure"] == "m"


# -- checking rows ----------------------------------------------------------------------------


def good_cells(measures, places, **cells):
    base = {
        "measure": measures.rate.code,
        "area_code": places.zones[0].code,
        "period": "2019/20",
        "value": "12.5",
    }
    return {**base, **cells}


@pytest.mark.django_db
def test_good_rows_are_ready_to_save(highland, places, measures):  # noqa: F811
    records = [
        record(2, **good_cells(measures, places)),
        record(
            3,
            measure=measures.count.code,
            area_code=places.data_zones[0].code,
            period="SIMD 2032",
            value="40",
            numerator="40",
            denominator="200",
            kind="Provisional",
            source="  Local survey ",
        ),
        record(
            4,
            measure=f" {measures.local.code} ",
            area_code=places.council.code,
            period="2035-2037",
            value=0,
            kind="estimate (imputed)",
        ),
        record(
            5,
            **good_cells(
                measures, places, area_code=places.zones[1].code, value="100", kind="projected"
            ),
        ),
    ]
    ready, errors = rows_check(records, partnership=highland, default_source="Default")
    assert errors == []
    assert ready == [
        {
            "row": 2,
            "measure": measures.rate.code,
            "area": places.zones[0].code,
            "period": "2019/20",
            "value": 12.5,
            "numerator": None,
            "denominator": None,
            "kind": ValueKind.RAW,
            "source": "Default",
        },
        {
            "row": 3,
            "measure": measures.count.code,
            "area": places.data_zones[0].code,
            "period": "SIMD 2032",
            "value": 40.0,
            "numerator": 40.0,
            "denominator": 200.0,
            "kind": ValueKind.PROVISIONAL,
            "source": "Local survey",
        },
        {
            "row": 4,
            "measure": measures.local.code,
            "area": places.council.code,
            "period": "2035-2037",
            "value": 0.0,
            "numerator": None,
            "denominator": None,
            "kind": ValueKind.IMPUTED,
            "source": "Default",
        },
        {
            "row": 5,
            "measure": measures.rate.code,
            "area": places.zones[1].code,
            "period": "2019/20",
            "value": 100.0,
            "numerator": None,
            "denominator": None,
            "kind": ValueKind.PROJECTED,
            "source": "Default",
        },
    ]


# The bad cells of one row (row 3, after a good row 2), the column the problem is reported
# in and words the message must hold. Area codes name a Places attribute.
BAD_ROWS = {
    "unknown measure": ({"measure": "no-such-measure"}, "measure", "No measure has the code"),
    "blank measure": ({"measure": "  "}, "measure", "Give the measure's code"),
    "missing measure cell": ({"measure": None}, "measure", "Give the measure's code"),
    "unknown area": ({"area_code": "S02999999"}, "area_code", "No area in this partnership"),
    "blank area": ({"area_code": ""}, "area_code", "Give the area code"),
    "area in another council": ({"area_code": "outside_zone"}, "area_code", "No area in"),
    "other council area": ({"area_code": "S12000048"}, "area_code", "No area in"),
    "level not reported": (
        {"area_code": "data_zones.0"},
        "area_code",
        "is not reported for this kind of area",
    ),
    "unknown period": ({"period": "2019/21"}, "period", "is not a period"),
    "backwards rolling period": ({"period": "2021-2019"}, "period", "is not a period"),
    "FY period": ({"period": "FY19"}, "period", "is not a period"),
    "blank period": ({"period": ""}, "period", "is not a period"),
    "non-numeric value": ({"value": "12,5"}, "value", "is not a number"),
    "words for a value": ({"value": "twelve"}, "value", "is not a number"),
    "blank value": ({"value": ""}, "value", "is not a number"),
    "true as a value": ({"value": True}, "value", "is not a number"),
    "formula value": ({"value": "=A1*2"}, "value", "formula"),
    "NaN": ({"value": "nan"}, "value", "not a finite number"),
    "NaN float": ({"value": math.nan}, "value", "not a finite number"),
    "inf": ({"value": "inf"}, "value", "not a finite number"),
    "-Infinity": ({"value": "-Infinity"}, "value", "not a finite number"),
    "overflow": ({"value": "1e400"}, "value", "not a finite number"),
    "above valid range": ({"value": "100.5"}, "value", "outside the valid range"),
    "below valid range": ({"value": "-0.1"}, "value", "outside the valid range"),
    "numerator above denominator": (
        {"value": "50", "numerator": "6", "denominator": "5"},
        "numerator",
        "greater than the denominator",
    ),
    "denominator zero": (
        {"value": "50", "numerator": "0", "denominator": "0"},
        "denominator",
        "more than 0",
    ),
    "denominator negative": (
        {"value": "50", "numerator": "1", "denominator": "-5"},
        "denominator",
        "more than 0",
    ),
    "numerator without denominator": (
        {"value": "50", "numerator": "5"},
        "denominator",
        "both the numerator and the denominator",
    ),
    "denominator without numerator": (
        {"value": "50", "denominator": "5", "numerator": ""},
        "denominator",
        "both the numerator and the denominator",
    ),
    "negative numerator": (
        {"value": "50", "numerator": "-1", "denominator": "5"},
        "numerator",
        "cannot be negative",
    ),
    "non-numeric numerator": (
        {"value": "50", "numerator": "abc", "denominator": "5"},
        "numerator",
        "The numerator",
    ),
    "infinite denominator": (
        {"value": "50", "numerator": "1", "denominator": "inf"},
        "denominator",
        "not a finite number",
    ),
    "unknown kind": ({"kind": "guess"}, "kind", "Kind must be"),
    "local measure of another partnership": (
        {"measure": "test-perth-local"},
        "measure",
        "No measure has the code",
    ),
}


def _resolve(cells, places):
    """The cells with a named area (``outside_zone``, ``data_zones.0``) as its code."""
    named = {"outside_zone": places.outside_zone, "data_zones.0": places.data_zones[0]}
    if cells.get("area_code") in named:
        return {**cells, "area_code": named[cells["area_code"]].code}
    return cells


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(BAD_ROWS))
def test_each_kind_of_bad_row_is_reported_by_row_and_column(highland, places, measures, case):  # noqa: F811
    cells, column, words = BAD_ROWS[case]
    good = record(2, **good_cells(measures, places))
    # Another period, so the bad row is never a duplicate of the good one.
    bad = record(
        3, **good_cells(measures, places, **{"period": "2020/21", **_resolve(cells, places)})
    )
    ready, errors = rows_check([good, bad], partnership=highland, default_source="s")
    assert spots(errors) == [(3, column)], errors
    assert words in errors[0].message
    assert [r["row"] for r in ready] == [2]


@pytest.mark.django_db
def test_the_same_measure_area_and_period_twice_is_a_duplicate(highland, places, measures):  # noqa: F811
    zone = places.zones[0].code
    records = [
        record(2, **good_cells(measures, places, value="10")),
        record(3, **good_cells(measures, places, period="2020/21")),  # another period: fine
        record(4, **good_cells(measures, places, area_code=places.zones[1].code)),  # fine
        record(5, **good_cells(measures, places, area_code=f" {zone} ", value="11")),
    ]
    ready, errors = rows_check(records, partnership=highland, default_source="s")
    assert spots(errors) == [(5, "period")]
    assert "Duplicate of row 2" in errors[0].message
    assert [r["row"] for r in ready] == [2, 3, 4]


@pytest.mark.django_db
def test_a_row_with_several_problems_reports_them_all(highland, places, measures):  # noqa: F811
    records = [
        record(2, **good_cells(measures, places)),
        record(
            7,
            measure=measures.rate.code,
            area_code="S02999999",
            period="2019/21",
            value="lots",
            numerator="9",
            kind="guess",
        ),
        record(8, measure="nope", area_code=places.outside_zone.code, period="", value="nan"),
    ]
    ready, errors = rows_check(records, partnership=highland, default_source="s")
    assert spots(errors) == [
        (7, "area_code"),
        (7, "period"),
        (7, "value"),
        (7, "denominator"),
        (7, "kind"),
        (8, "measure"),
        (8, "area_code"),
        (8, "period"),
        (8, "value"),
    ]
    assert all(isinstance(e, RowError) for e in errors)
    assert [r["row"] for r in ready] == [2]


@pytest.mark.django_db
def test_a_national_load_knows_every_area_but_no_local_measure(places, measures):
    records = [
        record(
            2,
            **good_cells(
                measures, places, measure=measures.national.code, area_code=places.outside_zone.code
            ),
        ),
        record(3, **good_cells(measures, places, measure=measures.local.code)),
    ]
    ready, errors = rows_check(records, partnership=None, default_source="s")
    assert [r["row"] for r in ready] == [2]
    assert spots(errors) == [(3, "measure")]


@pytest.mark.django_db
def test_the_highland_local_measure_is_known_to_highland_only(highland, perth, places, measures):  # noqa: F811
    row = record(2, **good_cells(measures, places, measure=measures.local.code))
    assert rows_check([row], partnership=highland, default_source="s")[1] == []
    perth_row = record(
        2,
        **good_cells(
            measures, places, measure=measures.local.code, area_code=places.outside_zone.code
        ),
    )
    _, errors = rows_check([perth_row], partnership=perth, default_source="s")
    assert spots(errors) == [(2, "measure")]


# -- batches: check, preview, save ------------------------------------------------------------


def seed_rows(measures, places):
    """Three good rows for Highland in a new financial year."""
    return [
        (measures.rate.code, places.council.code, "2040/41", "12.5"),
        (measures.rate.code, places.zones[0].code, "2040/41", "20"),
        (measures.local.code, places.zones[1].code, "2040/41", "3"),
    ]


@pytest.mark.django_db
def test_a_good_file_is_checked_then_saved_on_confirmation(highland, places, measures, user):  # noqa: F811
    before = state(measures)
    batch = upload(seed_rows(measures, places), partnership=highland, user=user)
    assert batch.status == ImportBatch.Status.CHECKED
    assert (batch.errors, batch.row_count, len(batch.rows)) == ([], 3, 3)
    assert batch.summary == {"new": 3, "changed": 0, "same": 0}
    assert batch.created_by == user and batch.partnership == highland
    assert state(measures) == before  # checking saves nothing

    batch = batch_confirm(batch=batch, user=user)
    assert batch.status == ImportBatch.Status.DONE
    assert batch.summary == {"created": 3, "updated": 0, "unchanged": 0}
    assert batch.rows_done == 3 and batch.finished_at is not None
    assert observation(measures.rate, places.council, "2040/41").value == 12.5
    assert observation(measures.local, places.zones[1], "2040/41").value == 3.0
    assert Observation.objects.count() == before["observations"] + 3
    assert Observation.history.count() == before["history"] + 3


@pytest.mark.django_db
def test_cancel_on_a_checked_import_discards_it_and_saves_nothing(
    client,
    highland,  # noqa: F811
    places,
    measures,
    user,
):
    from placeplan.partnerships.models import Role
    from placeplan.partnerships.services import partnership_role_grant

    partnership_role_grant(user=user, partnership=highland, role=Role.SUPPORT_OFFICER)
    client.force_login(user)
    before = state(measures)
    batch = upload(seed_rows(measures, places), partnership=highland, user=user)
    stale = ImportBatch.objects.get(pk=batch.pk)
    page = f"/workspace/{highland.council_area.code}/data/imports/{batch.pk}/"
    assert 'name="action" value="cancel"' in client.get(page).content.decode()

    response = client.post(page, {"action": "cancel"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/workspace/{highland.council_area.code}/data/"
    assert "Import of values.csv cancelled: nothing was saved." in response.content.decode()
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CANCELLED
    assert batch.message == "Cancelled by Import Tester: nothing was saved."
    assert state(measures) == before

    # A cancelled import can be neither confirmed nor cancelled again, even from a copy
    # read while it was still waiting (a second tab).
    with pytest.raises(ValidationError, match="cannot be saved: it is “Cancelled"):
        batch_confirm(batch=stale, user=user)
    with pytest.raises(ValidationError, match="cannot be cancelled"):
        imports.batch_cancel(batch=batch, user=user)
    assert state(measures) == before


@pytest.mark.django_db
def test_new_periods_are_created_with_their_dates(highland, places, measures, user, known_label):  # noqa: F811
    assert not Period.objects.filter(label__in=NEW_LABELS).exists()
    periods_before = Period.objects.count()
    rows = [(measures.rate.code, places.council.code, label, "10") for label in NEW_LABELS]
    rows.append((measures.rate.code, places.council.code, known_label, "11"))
    rows.append((measures.rate.code, places.zones[0].code, "2041", "12"))
    batch = batch_confirm(batch=upload(rows, partnership=highland, user=user), user=user)
    assert batch.status == ImportBatch.Status.DONE, batch.message
    assert Period.objects.count() == periods_before + 4
    made = {p.label: (p.kind, p.start, p.end) for p in Period.objects.filter(label__in=NEW_LABELS)}
    assert made == {
        "2040/41": (
            Period.Kind.FINANCIAL_YEAR,
            datetime.date(2040, 4, 1),
            datetime.date(2041, 3, 31),
        ),
        "2041": (Period.Kind.CALENDAR_YEAR, datetime.date(2041, 1, 1), datetime.date(2041, 12, 31)),
        "2035-2037": (Period.Kind.ROLLING, datetime.date(2035, 1, 1), datetime.date(2037, 12, 31)),
        "SIMD 2032": (
            Period.Kind.SIMD_EDITION,
            datetime.date(2032, 1, 1),
            datetime.date(2032, 12, 31),
        ),
    }
    saved = Observation.objects.filter(measure=measures.rate)
    assert saved.count() == 6
    assert {o.entered_by_id for o in saved} == {user.pk}
    assert saved.get(area=places.council, period__label=known_label).value == 11.0


@pytest.mark.django_db
def test_importing_the_same_file_twice_changes_nothing(highland, places, measures, user):  # noqa: F811
    rows = seed_rows(measures, places)
    batch_confirm(batch=upload(rows, partnership=highland, user=user), user=user)
    before = state(measures)
    updated = dict(
        Observation.objects.filter(measure=measures.rate).values_list("pk", "updated_at")
    )

    again = upload(rows, partnership=highland, user=user)
    assert again.status == ImportBatch.Status.CHECKED
    assert again.summary == {"new": 0, "changed": 0, "same": 3}
    again = batch_confirm(batch=again, user=user)
    assert again.status == ImportBatch.Status.DONE
    assert again.summary == {"created": 0, "updated": 0, "unchanged": 3}
    assert state(measures) == before
    assert (
        dict(Observation.objects.filter(measure=measures.rate).values_list("pk", "updated_at"))
        == updated
    )


@pytest.mark.django_db
def test_a_corrected_value_replaces_the_old_one_and_history_keeps_both(
    highland,  # noqa: F811
    places,
    measures,
    user,
    other_user,
):
    rows = seed_rows(measures, places)
    batch_confirm(batch=upload(rows, partnership=highland, user=user), user=user)
    history_before = Observation.history.count()

    corrected = [rows[0][:3] + ("13.5",), *rows[1:]]
    batch = upload(corrected, partnership=highland, user=other_user)
    assert batch.summary == {"new": 0, "changed": 1, "same": 2}
    batch = batch_confirm(batch=batch, user=other_user)
    assert batch.summary == {"created": 0, "updated": 1, "unchanged": 2}

    value = observation(measures.rate, places.council, "2040/41")
    assert value.value == 13.5
    assert value.entered_by == user  # who entered it first is kept
    history = list(value.history.order_by("history_date", "history_id"))
    assert [(h.history_type, h.value, h.history_user_id) for h in history] == [
        ("+", 12.5, user.pk),
        ("~", 13.5, other_user.pk),
    ]
    assert history[1].history_change_reason.startswith(f"Import {batch.pk}:")
    assert Observation.history.count() == history_before + 1


@pytest.mark.django_db
def test_one_bad_row_means_nothing_is_saved(highland, places, measures, user, other_user):  # noqa: F811
    rows = seed_rows(measures, places)
    batch_confirm(batch=upload(rows, partnership=highland, user=user), user=user)
    before = state(measures)

    mixed = [
        rows[0][:3] + ("99",),  # a correction
        (measures.rate.code, places.zones[1].code, "2040/41", "30"),  # new
        (measures.count.code, places.data_zones[0].code, "2041", "5"),  # new, new period
        (measures.rate.code, places.zones[1].code, "2042", "101"),  # outside 0 to 100
        (measures.local.code, places.council.code, "2040/41", "7"),  # new
    ]
    batch = upload(mixed, partnership=highland, user=other_user)
    assert batch.status == ImportBatch.Status.HAS_ERRORS
    assert batch.rows == [] and batch.summary == {}
    assert [(e["row"], e["column"]) for e in batch.errors] == [(5, "value")]
    assert batch.row_count == 5

    with pytest.raises(ValidationError):
        batch_confirm(batch=batch, user=other_user)
    with pytest.raises(ValidationError):  # it can never be saved
        batch_confirm(batch=ImportBatch.objects.get(pk=batch.pk), user=other_user)
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.HAS_ERRORS
    assert batch_apply(batch_id=batch.pk).status == ImportBatch.Status.HAS_ERRORS
    assert state(measures) == before
    assert observation(measures.rate, places.council, "2040/41").value == 12.5


@pytest.mark.django_db
def test_a_saved_batch_cannot_be_saved_again(highland, places, measures, user):  # noqa: F811
    batch = batch_confirm(
        batch=upload(seed_rows(measures, places), partnership=highland, user=user), user=user
    )
    before = state(measures)
    with pytest.raises(ValidationError):
        batch_confirm(batch=batch, user=user)
    assert batch_apply(batch_id=batch.pk).status == ImportBatch.Status.DONE
    assert state(measures) == before


class Interrupted(Exception):
    pass


@pytest.mark.django_db
@pytest.mark.parametrize("error", [Interrupted, ValidationError])
def test_a_save_that_fails_midway_leaves_nothing_behind(
    highland,  # noqa: F811
    places,
    measures,
    user,
    monkeypatch,
    error,
):
    rows = [
        (measures.rate.code, places.council.code, "2040/41", "1"),
        (measures.rate.code, places.zones[0].code, "2041", "2"),
        (measures.count.code, places.data_zones[0].code, "SIMD 2032", "3"),
        (measures.local.code, places.zones[1].code, "2035-2037", "4"),
    ]
    batch = upload(rows, partnership=highland, user=user)
    assert batch.status == ImportBatch.Status.CHECKED
    before = state(measures)
    calls = []
    real_rows_sync = imports.rows_sync

    def failing_rows_sync(**kwargs):
        if calls:
            # The first chunk really was written before the failure.
            assert Observation.objects.count() == before["observations"] + 1
            assert Period.objects.filter(label__in=NEW_LABELS).count() == 4
            raise error("the database went away")
        calls.append(kwargs)
        return real_rows_sync(**kwargs)

    monkeypatch.setattr(imports, "CHUNK", 1)
    monkeypatch.setattr(imports, "rows_sync", failing_rows_sync)

    if error is ValidationError:
        batch = batch_confirm(batch=batch, user=user)
        assert batch.status == ImportBatch.Status.FAILED
        assert "the database went away" in batch.message
    else:
        batch = batch_confirm(batch=batch, user=user)
        assert batch.status == ImportBatch.Status.FAILED
        assert "nothing was saved" in batch.message
    assert len(calls) == 1
    assert state(measures) == before
    assert not Period.objects.filter(label__in=NEW_LABELS).exists()
    assert not Observation.objects.filter(
        measure__in=[measures.rate, measures.count, measures.local]
    ).exists()


@pytest.mark.django_db
def test_an_unexpected_error_while_saving_marks_the_batch_failed(
    highland,  # noqa: F811
    places,
    measures,
    user,
    monkeypatch,
):
    batch = upload(seed_rows(measures, places), partnership=highland, user=user)

    def broken_rows_sync(**kwargs):
        raise Interrupted("the database went away")

    monkeypatch.setattr(imports, "rows_sync", broken_rows_sync)
    with contextlib.suppress(Interrupted):
        batch_apply(batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert not batch.is_open


@pytest.mark.django_db
def test_a_measure_removed_after_the_check_fails_the_save(highland, places, measures, user):  # noqa: F811
    batch = upload(seed_rows(measures, places), partnership=highland, user=user)
    before = state(measures)
    measures.local.delete()
    batch = batch_confirm(batch=batch, user=user)
    assert batch.status == ImportBatch.Status.FAILED
    assert "Rows 4" in batch.message and "Nothing was saved" in batch.message
    assert Observation.objects.count() == before["observations"]
    assert not Period.objects.filter(label="2040/41").exists()


@pytest.mark.django_db
def test_a_large_batch_is_saved_by_the_task_after_commit(
    highland,  # noqa: F811
    places,
    measures,
    user,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.IMPORT_INLINE_ROWS = 2
    batch = upload(seed_rows(measures, places), partnership=highland, user=user)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        queued = batch_confirm(batch=batch, user=user)
        assert queued.status == ImportBatch.Status.QUEUED
        assert not Observation.objects.filter(measure=measures.rate).exists()
    assert len(callbacks) == 1
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert Observation.objects.filter(measure=measures.rate).count() == 2


@pytest.mark.django_db
def test_an_import_whose_worker_was_lost_mid_save_is_saved_by_the_next_worker(
    highland,  # noqa: F811
    places,
    measures,
    user,
    settings,
    database_worker,
    django_capture_on_commit_callbacks,
):
    """A worker killed while saving a large import left its task running and the batch
    "saving" (its transaction, and so every row of it, was lost). The next worker puts
    the task back on the queue, as the lost worker no longer checks in, and saves it."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from placeplan.core import worker
    from placeplan.core.models import WorkerCheckIn

    settings.IMPORT_INLINE_ROWS = 2
    batch = upload(seed_rows(measures, places), partnership=highland, user=user)
    with django_capture_on_commit_callbacks(execute=True):
        batch_confirm(batch=batch, user=user)
    lost_at = timezone.now() - worker.HEALTHY_WITHIN - datetime.timedelta(minutes=1)
    WorkerCheckIn.objects.create(
        worker_id="lost-worker", host="gone", pid=1, started_at=lost_at, last_seen=lost_at
    )
    DBTaskResult.objects.update(status="RUNNING", worker_ids=["lost-worker"], started_at=lost_at)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.RUNNING)

    database_worker("next")

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert Observation.objects.filter(measure=measures.rate).count() == 2
    task = DBTaskResult.objects.get()
    assert (task.status, task.worker_ids) == ("SUCCESSFUL", ["lost-worker", "next"])


@pytest.mark.django_db
def test_rows_compare_counts_new_changed_and_same(highland, places, measures, user):  # noqa: F811
    rows = seed_rows(measures, places)
    batch_confirm(batch=upload(rows, partnership=highland, user=user), user=user)
    records = [record(n, **dict(zip(HEADER, row, strict=True))) for n, row in enumerate(rows, 2)]
    records[0]["value"] = "12.6"
    records[1]["kind"] = "provisional"  # the kind is part of the value
    records.append(record(9, **good_cells(measures, places, period="2041")))
    ready, errors = rows_check(records, partnership=highland, default_source="Submitted by x")
    assert errors == []
    # Another source is part of the value too: every stored row is changed.
    assert rows_compare(ready) == {"new": 1, "changed": 3, "same": 0}
    source = f"Submitted by {highland.name}"
    ready, _ = rows_check(records, partnership=highland, default_source=source)
    assert rows_compare(ready) == {"new": 1, "changed": 2, "same": 1}


@pytest.mark.django_db
def test_template_rows_round_trip_through_an_import(highland, places, measures, user):  # noqa: F811
    areas = [places.council, *places.zones, *places.data_zones]
    rows = template_rows(measures=[measures.rate, measures.count], areas=areas)
    assert [(r["measure"], r["area_code"]) for r in rows] == [
        (measures.rate.code, places.council.code),
        (measures.rate.code, places.zones[0].code),
        (measures.rate.code, places.zones[1].code),
        (measures.count.code, places.data_zones[0].code),
        (measures.count.code, places.data_zones[1].code),
    ]
    assert all(tuple(r) == imports.TEMPLATE_COLUMNS for r in rows)
    assert rows[0]["area_name"] == places.council.name
    for number, row in enumerate(rows):
        row.update(period="2041", value=str(number))
    content = csv_bytes(
        [[row[c] for c in imports.TEMPLATE_COLUMNS] for row in rows], imports.TEMPLATE_COLUMNS
    )
    batch = batch_upload(content=content, filename="template.csv", partnership=highland, user=user)
    assert batch.status == ImportBatch.Status.CHECKED, batch.errors
    assert batch.summary == {"new": 5, "changed": 0, "same": 0}


@pytest.mark.django_db
def test_a_batch_made_from_records_keeps_its_via_and_filename(highland, places, measures):  # noqa: F811
    records = [record(2, **good_cells(measures, places))]
    batch = batch_check(
        records=records, partnership=highland, user=None, filename="x" * 300, via="api"
    )
    assert (batch.via, len(batch.filename), batch.created_by) == ("api", 200, None)
    assert batch.status == ImportBatch.Status.CHECKED


# -- malformed input never escapes or saves ---------------------------------------------------

_cells = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "test-import-rate",
            "test-highland-local",
            "test-perth-local",
            "S12000017",
            "S12000048",
            "S02999999",
            "2019/20",
            "2019/21",
            "2021-2019",
            "SIMD 2020",
            "FY19",
            "12.5",
            "-1",
            "1e400",
            "nan",
            "inf",
            "=1+1",
            "0",
            "raw",
            "guess",
            '"',
            "\x00",
            "\ufeff",
            "1,5",
            "\n",
        ]
    ),
    st.text(max_size=12),
)
_rows = st.lists(st.lists(_cells, min_size=0, max_size=9), max_size=8)
_headers = st.one_of(
    st.just(list(FULL_HEADER)),
    st.just(list(HEADER)),
    st.permutations(list(FULL_HEADER)),
    st.lists(st.sampled_from([*FULL_HEADER, "source", "", "MEASURE", "x"]), max_size=9),
)


@st.composite
def _csv_texts(draw):
    if draw(st.booleans()):
        # A carriage return on its own is a known bug, shown by
        # test_a_csv_with_old_mac_line_endings_is_read: left out here so that this test
        # keeps looking for other problems.
        header = draw(st.sampled_from(["", "measure,area_code,period,value\n"]))
        return header + re.sub(r"\r(?!\n)", "", draw(st.text(max_size=400)))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(draw(_headers))
    for row in draw(_rows):
        writer.writerow(row)
    return out.getvalue()


@pytest.mark.django_db
@hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    database=None,
)
@given(text=_csv_texts(), bom=st.booleans())
def test_malformed_files_are_refused_or_reported_and_never_saved(
    highland,  # noqa: F811
    measures,
    user,
    text,
    bom,
):
    observations = Observation.objects.count()
    periods = Period.objects.count()
    content = (("\ufeff" if bom else "") + text).encode("utf-8")
    try:
        batch = batch_upload(content=content, filename="fuzz.csv", partnership=highland, user=user)
    except ImportRefused:
        assert Observation.objects.count() == observations
        return
    assert batch.status in (ImportBatch.Status.CHECKED, ImportBatch.Status.HAS_ERRORS)
    if batch.status == ImportBatch.Status.HAS_ERRORS:
        assert batch.rows == [] and batch.errors
        assert all(e["column"] in FULL_HEADER for e in batch.errors)
        with pytest.raises(ValidationError):
            batch_confirm(batch=batch, user=user)
    else:
        assert batch.errors == [] and len(batch.rows) == batch.row_count
    assert Observation.objects.count() == observations
    assert Period.objects.count() == periods
