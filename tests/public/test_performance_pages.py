"""The outcomes dashboard and indicator pages (public and staff), their CSV and Excel
downloads, and importing values through the workspace's data pages.

The figures come from the fictional world of ``tests/plans/conftest.py`` (``world``);
the hand workings of its status (at risk), trend (improving), comparison and gap
(narrowed) are in ``tests/plans/test_progress.py``. The pages are read as text of their
table cells and metadata, and checked against both the selector and those hand figures.
"""

import csv
import io
import itertools
from html.parser import HTMLParser

import openpyxl
import pytest
from django.core.cache import cache
from django.test import Client

from placeplan.accounts.models import User
from placeplan.core.downloads import safe_cell, table_response
from placeplan.partnerships.models import Role
from placeplan.partnerships.services import (
    organisation_ensure,
    partner_add,
    partnership_role_grant,
)
from placeplan.performance.models import ApiToken, ImportBatch, Measure, Observation
from placeplan.performance.services import api_token_create, token_hash
from placeplan.places.models import Area
from placeplan.plans import progress
from tests.factories import PartnerFactory
from tests.plans.conftest import (  # noqa: F401 (fixtures reused)
    WORLD_COUNCIL,
    WORLD_MEASURE,
    highland,
    world,
)

pytestmark = pytest.mark.django_db

DASHBOARD = f"/areas/{WORLD_COUNCIL}/performance/"
STAFF_DASHBOARD = f"/workspace/{WORLD_COUNCIL}/performance/"
DATA = f"/workspace/{WORLD_COUNCIL}/data/"
EXPECTED_2025 = 20 - 6 * 1096 / 1826  # 16.398685…: the trajectory on 31 Mar 2025

_emails = itertools.count(1)


class _Page(HTMLParser):
    """The text of every table row (a list of cells per row, per table) and of every
    metadata item (dt → dd) of a page, whitespace collapsed."""

    def __init__(self):
        super().__init__()
        self.tables, self.metadata = [], {}
        self.cell = self.key = self.value = None

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.handle_data(" ")
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("th", "td") and self.tables:
            self.cell = []
        elif tag == "dt":
            self.key = []
        elif tag == "dd":
            self.value = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "dt":
            self.last_key = " ".join("".join(self.key).split())
            self.key = None
        elif tag == "dd" and self.value is not None:
            self.metadata[self.last_key] = " ".join("".join(self.value).split())
            self.value = None

    def handle_data(self, data):
        for part in (self.cell, self.key, self.value):
            if part is not None:
                part.append(data)


def page(response):
    assert response.status_code == 200, response.status_code
    parser = _Page()
    parser.feed(response.content.decode())
    return parser


def dashboard_row(parsed, indicator="Fictional Child Poverty Glen Fictional · %"):
    """The dashboard row of an indicator, by its cell "measure, area · unit" (by default
    the published plan's indicator for the whole council area)."""
    rows = [row for table in parsed.tables for row in table]
    (row,) = [row for row in rows if len(row) > 1 and row[1] == indicator]
    return row


def make_user(world, role=None):  # noqa: F811
    user = User.objects.create_user(
        email=f"glen-{next(_emails)}@example.org",
        password="a-long-enough-test-password",
        full_name="Glen Tester",
    )
    if role:
        partnership_role_grant(user=user, partnership=world.partnership, role=role)
    return user


@pytest.fixture(autouse=True)
def fresh_cache():
    """The public pages are cached for visitors under the evidence version, which plan
    publication bumps only once its transaction commits (never inside a test): each test
    starts from an empty cache so none reads a page another test's world rendered."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def officer(client, world):  # noqa: F811
    """The test client signed in as a support officer of the fictional partnership."""
    user = make_user(world, Role.SUPPORT_OFFICER)
    client.force_login(user)
    return user


# -- the public dashboard -----------------------------------------------------------------------


def test_the_public_dashboard_shows_the_selectors_figures(client, world):  # noqa: F811
    parsed = page(client.get(DASHBOARD))
    ((_, expected),) = progress.partnership_dashboard(partnership=world.partnership, public=True)[
        0
    ].rows
    row = dashboard_row(parsed)
    assert row[0] == "1.1"
    # Latest: 16.5 in 2024/25, an imputed estimate (the 2025/26 projection is not used).
    assert expected.latest["value"] == 16.5
    assert row[2] == "16.5 2024/25, estimate (imputed) Source: Fictional test source"
    # Status: at risk, expected 16.3987 on the way to 14 by March 2027; shown to the
    # measure's one decimal place (a %): 16.4 and 14.0.
    assert expected.status.label == "At risk"
    assert row[3] == "At risk Expected 16.4; target 14.0 by Mar 2027"
    assert f"{expected.status.expected:.4f}" == f"{EXPECTED_2025:.4f}" == "16.3987"
    # Improving, and lower is better: the values go down.
    assert expected.trend_label == "Improving"
    assert row[4] == "↓ Improving"
    assert row[5] == "18.0"  # Scotland
    assert row[6] == "21.0 Family group 99 (by deprivation), mean of 1 other area"
    assert row[7] == expected.gap_label == "Gap narrowed"


def test_the_public_dashboard_leaves_out_draft_plans(client, world):  # noqa: F811
    content = client.get(DASHBOARD).content.decode()
    assert "Glen Fictional Outcomes Plan" in content
    assert "Glen Fictional Draft Locality Plan" not in content
    assert f"/performance/indicators/{world.draft_indicator.pk}/" not in content
    assert f"/areas/{WORLD_COUNCIL}/performance/indicators/{world.indicator.pk}/" in content
    assert "Indicators: 1 at risk." in " ".join(content.split())


def test_the_dashboard_rounds_to_the_measures_places_and_tags_the_status(client, world):  # noqa: F811
    """The measure's own places win over its unit's (a % has one): with three, expected
    20 − 6 × 1096/1826 = 16.398685… is 16.399; the status is a Design System tag with its
    colour, an icon hidden from screen readers, and its word."""
    Measure.objects.filter(pk=world.measure.pk).update(decimals=3)
    response = client.get(DASHBOARD)
    row = dashboard_row(page(response))
    assert row[3] == "At risk Expected 16.399; target 14.000 by Mar 2027"
    html = " ".join(response.content.decode().split())
    tag = (
        '<strong class="ds_tag pp-status pp-status--at_risk ds_tag--orange">'
        '<svg class="pp-status__icon" viewBox="0 0 16 16" width="14" height="14" '
        'aria-hidden="true" focusable="false">'
    )
    assert html.count(tag) == 2  # the headline line and the table row
    assert "</svg>At risk</strong>" in html
    # The headline line: latest, target, status, trend with its arrow, gap and sparkline.
    assert '<span class="pp-headline__value">16.500</span>' in html
    assert "Target 14.000 by Mar 2027" in html
    assert '<span class="pp-trend__arrow" aria-hidden="true">↓</span> Improving' in html
    assert '<span class="pp-headline__gap">Gap narrowed</span>' in html
    assert (
        'role="img" aria-label="Fictional Child Poverty from 2021/22 to 2025/26: improving"' in html
    )


def test_pages_round_but_downloads_keep_every_decimal(client, world):  # noqa: F811
    Observation.objects.filter(
        measure=world.measure, area=world.indicator.area, period__label="2023/24"
    ).update(value=17.8123456)
    series = page(client.get(indicator_url(world))).tables[0]
    assert series[3][:2] == ["2023/24", "17.8"]
    _, rows = download_csv(client, indicator_url(world, suffix="series.csv"))
    assert rows[3][0] == "2023/24" and rows[3][3] == "17.8123456"


def test_the_staff_dashboard_includes_the_draft(client, world):  # noqa: F811
    client.force_login(make_user(world, Role.COMMUNITY_MEMBER))
    content = client.get(STAFF_DASHBOARD).content.decode()
    assert "Glen Fictional Draft Locality Plan" in content
    assert (
        f"/workspace/{WORLD_COUNCIL}/performance/indicators/{world.draft_indicator.pk}/" in content
    )


def test_one_visitors_message_is_not_shown_to_the_next(client, world):  # noqa: F811
    """Found against 907bb0a: the cached page kept one visitor's message for everyone."""
    client.force_login(make_user(world))
    response = client.post("/accounts/logout/", {"next": DASHBOARD})
    assert response["Location"] == DASHBOARD
    assert "You have signed out." in client.get(DASHBOARD).content.decode()
    assert "You have signed out." not in Client().get(DASHBOARD).content.decode()


def test_the_cached_public_page_is_the_same_page(client, world):  # noqa: F811
    first = client.get(indicator_url(world)).content
    second = client.get(indicator_url(world))
    assert second.status_code == 200 and second.content == first
    assert second["Content-Type"] == "text/html; charset=utf-8"


def test_an_unknown_area_has_no_dashboard(client):
    assert client.get("/areas/S12999999/performance/").status_code == 404


# -- the public indicator page ------------------------------------------------------------------


def indicator_url(world, indicator=None, suffix=""):  # noqa: F811
    indicator = indicator or world.indicator
    return f"/areas/{WORLD_COUNCIL}/performance/indicators/{indicator.pk}/{suffix}"


def test_the_public_indicator_page_shows_the_selectors_figures(client, world):  # noqa: F811
    parsed = page(client.get(indicator_url(world)))
    evidence = progress.indicator_evidence(indicator=world.indicator)
    meta = parsed.metadata
    assert meta["Latest"] == "16.5 in 2024/25 (estimate (imputed))"
    assert meta["Baseline"] == "20.0 in 2021/22"
    assert meta["Status"] == (
        f"{evidence.progress.status.label} – expected 16.4 on the way to 14.0 by March 2027; "
        "tolerance 0.3"
    )
    assert meta["Trend"] == "↓ Improving"
    assert meta["Compared"] == (
        "Scotland 18.0; Family group 99 (by deprivation): mean 21.0 of 1 other area (2024/25)"
    )
    # The gap turned so that larger is worse: 19 at the baseline, 16 now.
    assert meta["Gap"] == "Gap narrowed since the baseline (2021/22: 19.0; 2024/25: 16.0)"

    series, inequality, communities = parsed.tables
    # Every value names its source; the plan's points name the plan.
    source, plan = "Fictional test source", world.plan.title
    assert series[1:] == [
        ["2021/22", "20.0", "Measured", source],
        ["2022/23", "19.0", "Measured", source],
        ["2023/24", "17.8", "Measured", source],
        ["2024/25", "16.5", "Estimate (imputed)", source],
        ["2025/26", "10.0", "Estimate (projected)", source],
        ["Baseline (31 Mar 2022)", "20.0", "Plan", plan],
        ["Target (31 Mar 2027)", "14.0", "Plan", plan],
    ]
    # Fifths 29, 25, 21, 17, 10 then 25, 23, 19, 15, 9; gaps, SII and RII by hand. Values
    # in the measure's unit to its one place; the relative gap (a ratio) to two.
    assert inequality[1][:8] == [
        "2021/22", "29.0", "25.0", "21.0", "17.0", "10.0", "19.0", "2.90"
    ]  # fmt: skip
    assert inequality[1][8] == "23.0"
    assert inequality[2][:8] == [
        "2024/25 (includes estimates)", "25.0", "23.0", "19.0", "15.0", "9.0", "16.0", "2.78"
    ]  # fmt: skip
    assert [row[0] for row in communities[1:]] == [
        f"Glen Fictional {n:02d} S029000{n:02d}" for n in range(1, 11)
    ]
    assert communities[-1][1:] == ["7.0", "Estimate (imputed)", source]


def test_a_draft_plans_indicator_has_no_public_page(client, world):  # noqa: F811
    assert client.get(indicator_url(world, world.draft_indicator)).status_code == 404
    for suffix in ("series.csv", "communities.xlsx"):
        assert client.get(indicator_url(world, world.draft_indicator, suffix)).status_code == 404


def test_an_agreed_plans_indicator_has_no_public_page(client, world):  # noqa: F811
    from tests.plans.conftest import agree

    agree(world.draft, world.body)
    assert client.get(indicator_url(world, world.draft_indicator)).status_code == 404


def test_an_indicator_under_another_areas_code_is_not_found(client, world, highland):  # noqa: F811
    url = f"/areas/S12000017/performance/indicators/{world.indicator.pk}/"
    assert client.get(url).status_code == 404


# -- downloads ----------------------------------------------------------------------------------


def download_csv(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return response, list(csv.reader(io.StringIO(response.content.decode())))


def download_xlsx(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return response, workbook["Data"]


def test_the_series_csv(client, world):  # noqa: F811
    response, rows = download_csv(client, indicator_url(world, suffix="series.csv"))
    assert response["Content-Disposition"] == (
        f'attachment; filename="indicator-{world.indicator.pk}-series.csv"'
    )
    header, *body = rows
    assert header == [
        "period",
        "period_start",
        "period_end",
        "value",
        "kind",
        "numerator",
        "denominator",
        "source",
    ]
    assert body[0] == [
        "2021/22", "2021-04-01", "2022-03-31", "20.0", "Measured", "", "", "Fictional test source"
    ]  # fmt: skip
    assert [row[0] for row in body] == [
        "2021/22", "2022/23", "2023/24", "2024/25", "2025/26", "Baseline", "Target"
    ]  # fmt: skip
    assert body[3][3:5] == ["16.5", "Estimate (imputed)"]
    assert body[-1] == ["Target", "", "2027-03-31", "14.0", "Plan", "", "", ""]


def test_the_inequality_xlsx_has_numbers_as_numbers(client, world):  # noqa: F811
    response, sheet = download_xlsx(client, indicator_url(world, suffix="inequality.xlsx"))
    assert response["Content-Disposition"] == (
        f'attachment; filename="indicator-{world.indicator.pk}-inequality.xlsx"'
    )
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:3] == ["period", "basis", "quintile_1"]
    assert rows[0][-1] == "includes_estimates"
    assert [row[0] for row in rows[1:]] == ["2021/22", "2024/25"]
    assert rows[1][2:8] == pytest.approx([29.0, 25.0, 21.0, 17.0, 10.0, 19.0])
    assert all(isinstance(value, int | float) for value in rows[1][2:12])
    assert rows[1][-1] == "No" and rows[2][-1] == "Yes"


def test_the_staff_communities_xlsx(client, world):  # noqa: F811
    client.force_login(make_user(world, Role.BOARD_MEMBER))
    url = f"/workspace/{WORLD_COUNCIL}/performance/indicators/{world.indicator.pk}/communities.xlsx"
    _, sheet = download_xlsx(client, url)
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["community_code", "community", "period", "value", "kind", "source"]
    assert rows[1] == [
        "S02900001", "Glen Fictional 01", "2024/25", 26.0, "Measured", "Fictional test source"
    ]  # fmt: skip
    assert len(rows) == 11


def test_formula_text_in_a_download_is_written_as_text(client, world):  # noqa: F811
    # A community name and a source that would run as formulas in a spreadsheet.
    Area.objects.filter(code="S02900001").update(name='=HYPERLINK("http://x.test","Hi")')
    Observation.objects.filter(
        measure=world.measure, area=world.council, period__label="2021/22"
    ).update(source="@SUM(1+1)")
    _, rows = download_csv(client, indicator_url(world, suffix="communities.csv"))
    assert rows[1][1] == '\'=HYPERLINK("http://x.test","Hi")'
    _, rows = download_csv(client, indicator_url(world, suffix="series.csv"))
    assert rows[1][7] == "'@SUM(1+1)"

    _, sheet = download_xlsx(client, indicator_url(world, suffix="communities.xlsx"))
    cell = sheet["B2"]
    assert cell.data_type == "s"  # text, not a formula ("f")
    assert cell.value == '\'=HYPERLINK("http://x.test","Hi")'


@pytest.fixture
def glen_measure(world):  # noqa: F811
    """The world's measure as Glen Fictional's own local indicator: a partnership imports
    values only for its local indicators (official figures are read-only to it)."""
    Measure.objects.filter(pk=world.measure.pk).update(
        collection=Measure.Collection.LOCAL, partnership=world.partnership
    )
    world.measure.refresh_from_db()
    return world.measure


def test_a_control_character_in_an_imported_source_does_not_break_the_excel_download(
    client,
    world,  # noqa: F811
    officer,
    glen_measure,
):
    """Found against 907bb0a: a control character such as \\x01 in an imported source was
    accepted, and the Excel download then failed with openpyxl's IllegalCharacterError."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = (
        "measure,area_code,period,value,source\n"
        f"{WORLD_MEASURE},{WORLD_COUNCIL},2025/26,15,Glen\x01system\n"
    ).encode()
    response = client.post(DATA, {"file": SimpleUploadedFile("ctrl.csv", content)})
    client.post(response["Location"])
    assert ImportBatch.objects.get(filename="ctrl.csv").status == ImportBatch.Status.DONE
    stored = Observation.objects.get(
        measure=world.measure, area=world.council, period__label="2025/26"
    )
    assert stored.source == "Glensystem"
    # A value stored by another way (the admin, an older import) is cleaned on the way out.
    Observation.objects.filter(pk=stored.pk).update(source="Glen\x0bsystem")
    _, sheet = download_xlsx(client, indicator_url(world, suffix="series.xlsx"))
    sources = [row[7] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Glensystem" in sources
    _, rows = download_csv(client, indicator_url(world, suffix="series.csv"))
    assert "Glensystem" in [row[7] for row in rows[1:]]


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+44 1463 000000", "'+44 1463 000000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Glen = good", "Glen = good"),
        ("Glen\x01system", "Glensystem"),
        ("\x0b=1+1", "'=1+1"),
        ("", ""),
        (None, ""),
        (-1.5, -1.5),
        (0, 0),
        (True, "Yes"),
        (False, "No"),
    ],
)
def test_safe_cell(value, written):
    assert safe_cell(value) == written
    assert type(safe_cell(value)) is type(written)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_table_response_escapes_the_header_too(fmt):
    response = table_response(filename="t", header=["=evil", "plain"], rows=[["+x", 2.5]], fmt=fmt)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows == [["'=evil", "plain"], ["'+x", "2.5"]]
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Data"]
        assert [c.data_type for c in sheet[1]] == ["s", "s"]
        assert [[c.value for c in row] for row in sheet.iter_rows()] == [
            ["'=evil", "plain"],
            ["'+x", 2.5],
        ]
    assert response["Content-Disposition"] == f'attachment; filename="t.{fmt}"'


@pytest.mark.parametrize("suffix", ["secrets.csv", "series.pdf", "series.xls"])
def test_unknown_tables_and_formats_are_not_found(client, world, suffix):  # noqa: F811
    assert client.get(indicator_url(world, suffix=suffix)).status_code == 404


# -- importing values through the workspace -----------------------------------------------------


def csv_file(rows, name="values.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["measure", "area_code", "period", "value", "kind"])
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(), content_type="text/csv")


GOOD_ROWS = [
    # 15.0 measured for 2025/26 replaces the projection of 10.0.
    [WORLD_MEASURE, WORLD_COUNCIL, "2025/26", "15", "raw"],
    [WORLD_MEASURE, "S02900001", "2025/26", "22.5", "provisional"],
    [WORLD_MEASURE, "S02900002", "2025/26", "21", ""],
]


def test_the_import_template_lists_the_partnerships_areas(client, world, officer):  # noqa: F811
    response = client.get(f"{DATA}template.csv?measure={WORLD_MEASURE}")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "measure", "area_code", "area_name", "period", "value",
        "numerator", "denominator", "kind", "source",
    ]  # fmt: skip
    assert [row[1] for row in rows[1:]] == [WORLD_COUNCIL] + [
        f"S029000{n:02d}" for n in range(1, 11)
    ]
    assert {row[0] for row in rows[1:]} == {WORLD_MEASURE}
    assert {row[7] for row in rows[1:]} == {"raw"}
    _, sheet = download_xlsx(client, f"{DATA}template.xlsx?measure={WORLD_MEASURE}")
    assert sheet.max_row == 12
    assert client.get(f"{DATA}template.csv?measure=no-such").status_code == 404


def test_importing_a_file_from_problems_to_the_dashboard(client, world, officer, glen_measure):  # noqa: F811
    visitor = Client()  # not signed in: reads the cached public pages
    assert dashboard_row(page(visitor.get(DASHBOARD)))[3].startswith("At risk")
    before = Observation.objects.count()
    status = dashboard_row(page(client.get(STAFF_DASHBOARD)))[3]
    assert status.startswith("At risk")
    home = client.get(DATA)
    assert home.status_code == 200
    assert f'<option value="{WORLD_MEASURE}"' in home.content.decode()  # template choice

    # A file with two bad rows (spreadsheet rows 3 and 4): nothing is saved.
    bad = [GOOD_ROWS[0], [WORLD_MEASURE, "S02900001", "2025/26", "lots", "raw"],
           [WORLD_MEASURE, "S12000017", "2025/26", "21", "raw"]]  # fmt: skip
    response = client.post(DATA, {"file": csv_file(bad, "bad.csv")})
    assert response.status_code == 302
    batch = ImportBatch.objects.get(filename="bad.csv")
    assert response["Location"] == f"{DATA}imports/{batch.pk}/"
    assert batch.status == ImportBatch.Status.HAS_ERRORS
    assert batch.created_by == officer and batch.partnership == world.partnership
    parsed = page(client.get(response["Location"]))
    content = client.get(response["Location"]).content.decode()
    assert "2 problems in bad.csv: nothing has been saved" in content
    problems = parsed.tables[0][1:]
    assert [(row[0], row[1]) for row in problems] == [("3", "value"), ("4", "area_code")]
    assert "“lots” is not a number" in problems[0][2]
    assert problems[1][2] == "No area in this partnership's area has the code “S12000017”."
    assert Observation.objects.count() == before
    # Confirming a batch with problems saves nothing either.
    client.post(response["Location"])
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.HAS_ERRORS
    assert Observation.objects.count() == before

    # The corrected file: checked and previewed, still nothing saved.
    response = client.post(DATA, {"file": csv_file(GOOD_ROWS, "good.csv")})
    batch = ImportBatch.objects.get(filename="good.csv")
    assert response["Location"] == f"{DATA}imports/{batch.pk}/"
    assert batch.status == ImportBatch.Status.CHECKED
    assert batch.summary == {"new": 2, "changed": 1, "same": 0}
    preview = client.get(response["Location"])
    text = " ".join(preview.content.decode().split())
    assert "All 3 rows passed the checks: <strong>2 new</strong>, <strong>1 changed</strong>" in (
        text
    )
    rows = page(preview).tables[0][1:]
    assert [(row[0], row[2], row[3], row[4]) for row in rows] == [
        ("2", WORLD_COUNCIL, "2025/26", "15.0"),
        ("3", "S02900001", "2025/26", "22.5"),
        ("4", "S02900002", "2025/26", "21.0"),
    ]
    assert Observation.objects.count() == before
    assert client.get(f"{DATA}imports/{batch.pk}/progress.json").json()["status"] == "checked"

    # Confirm: saved at once (a small file), every row.
    response = client.post(f"{DATA}imports/{batch.pk}/")
    assert response.status_code == 302 and response["Location"] == f"{DATA}imports/{batch.pk}/"
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert batch.message == "2 new values, 1 corrected, 0 unchanged."
    assert client.get(f"{DATA}imports/{batch.pk}/progress.json").json() == {
        "status": "done",
        "status_label": "Saved",
        "rows_done": 3,
        "row_count": 3,
        "message": "2 new values, 1 corrected, 0 unchanged.",
    }
    assert Observation.objects.count() == before + 2
    council = Observation.objects.get(
        measure=world.measure, area=world.council, period__label="2025/26"
    )
    assert (council.value, council.kind, council.entered_by) == (15.0, "raw", None)
    gf01 = Observation.objects.get(
        measure=world.measure, area__code="S02900001", period__label="2025/26"
    )
    assert (gf01.value, gf01.kind, gf01.entered_by) == (22.5, "provisional", officer)

    # The dashboards move: 15.0 measured on 31 Mar 2026 is better than the expected
    # 20 − 6 × 1461/1826 = 15.1993, so on track; trend 17.8, 16.5, 15.0 still improving.
    for reader, url in ((client, STAFF_DASHBOARD), (client, DASHBOARD), (visitor, DASHBOARD)):
        row = dashboard_row(page(reader.get(url)))
        assert row[2] == f"15.0 2025/26 Source: Submitted by {world.partnership.name}"
        assert row[3] == "On track Expected 15.2; target 14.0 by Mar 2027"
        assert row[4] == "↓ Improving"

    # Saving the same batch twice is refused.
    client.post(f"{DATA}imports/{batch.pk}/")
    assert Observation.objects.count() == before + 2


def test_an_unreadable_upload_is_refused_on_the_form(client, world, officer):  # noqa: F811
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(DATA, {"file": SimpleUploadedFile("values.txt", b"a,b\n1,2\n")})
    assert response.status_code == 200
    assert "Choose a .csv or .xlsx file" in response.content.decode()
    assert not ImportBatch.objects.filter(partnership=world.partnership).exists()


def test_an_oversized_upload_is_refused_before_it_is_read(
    client,
    world,  # noqa: F811
    officer,  # noqa: F811
    settings,
    monkeypatch,
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from placeplan.performance import imports

    settings.IMPORT_MAX_BYTES = 1024
    read = []
    monkeypatch.setattr(imports, "table_read", lambda **kwargs: read.append(kwargs))
    content = b"measure,area_code,period,value\n" + b"x,y,2020,1\n" * 200
    response = client.post(DATA, {"file": SimpleUploadedFile("big.csv", content)})
    assert response.status_code == 200
    assert "files can be at most" in response.content.decode()
    assert read == []  # refused on its size alone
    assert not ImportBatch.objects.filter(partnership=world.partnership).exists()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.SUPPORT_OFFICER, True),
        (Role.PARTNER_OFFICER, True),
        (Role.BOARD_MEMBER, False),
        (Role.COMMUNITY_MEMBER, False),
    ],
)
def test_who_may_confirm_an_import(client, world, role, allowed, glen_measure):  # noqa: F811
    user = make_user(world, role)
    batch = ImportBatch.objects.create(
        partnership=world.partnership,
        filename="one.csv",
        status=ImportBatch.Status.CHECKED,
        row_count=1,
        rows=[
            {"row": 2, "measure": WORLD_MEASURE, "area": WORLD_COUNCIL, "period": "2025/26",
             "value": 15.0, "numerator": None, "denominator": None, "kind": "raw",
             "source": "Test"},
        ],
    )  # fmt: skip
    client.force_login(user)
    response = client.post(f"{DATA}imports/{batch.pk}/")
    batch.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert batch.status == ImportBatch.Status.DONE
    else:
        assert response.status_code == 403
        assert batch.status == ImportBatch.Status.CHECKED


def test_another_partnerships_batch_cannot_be_confirmed(client, world, officer, highland):  # noqa: F811
    batch = ImportBatch.objects.create(
        partnership=highland, filename="highland.csv", status=ImportBatch.Status.CHECKED
    )
    assert client.post(f"{DATA}imports/{batch.pk}/").status_code == 404
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CHECKED


# -- API tokens ---------------------------------------------------------------------------------


@pytest.fixture
def world_partner(world):  # noqa: F811
    organisation = organisation_ensure(name="Glen Fictional Council", kind="council")
    return partner_add(partnership=world.partnership, organisation=organisation)


def test_a_support_officer_makes_a_token_shown_once(client, world, officer, world_partner):  # noqa: F811
    response = client.post(f"{DATA}tokens/", {"partner": world_partner.pk, "name": "Glen system"})
    assert response.status_code == 200
    secret = response.context["new"]
    assert secret.startswith("pp_")
    assert secret in response.content.decode()
    token = ApiToken.objects.get(partner=world_partner)
    assert token.token_hash == token_hash(secret) and token.created_by == officer
    # Shown once: the list page afterwards has only its first characters.
    listing = client.get(f"{DATA}tokens/").content.decode()
    assert secret not in listing and token.prefix in listing


@pytest.mark.parametrize("role", [Role.PARTNER_OFFICER, Role.BOARD_MEMBER])
def test_only_support_officers_make_or_revoke_tokens(client, world, world_partner, role):  # noqa: F811
    token, _ = api_token_create(partner=world_partner, name="Existing", user=None)
    client.force_login(make_user(world, role))
    response = client.post(f"{DATA}tokens/", {"partner": world_partner.pk, "name": "Sneaky"})
    assert response.status_code == 403
    assert client.post(f"{DATA}tokens/{token.pk}/revoke/").status_code == 403
    assert list(ApiToken.objects.filter(partner=world_partner)) == [token]
    token.refresh_from_db()
    assert token.is_active


def test_a_support_officer_revokes_a_token(client, world, officer, world_partner):  # noqa: F811
    token, _ = api_token_create(partner=world_partner, name="Old system", user=None)
    response = client.post(f"{DATA}tokens/{token.pk}/revoke/")
    assert response.status_code == 302 and response["Location"] == f"{DATA}tokens/"
    token.refresh_from_db()
    assert not token.is_active and token.revoked_by == officer


def test_another_partnerships_token_cannot_be_revoked(client, world, officer):  # noqa: F811
    partner = PartnerFactory()  # of another, fictional partnership
    token, _ = api_token_create(partner=partner, name="Another system", user=None)
    assert client.post(f"{DATA}tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.is_active
