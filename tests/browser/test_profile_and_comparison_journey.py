"""Two readers of the evidence (issue 17), end to end in a real browser, signed out, axe on
every page visited.

A resident of Inverclyde starts on the home page, goes to Inverclyde and its outcomes
profile, and reads how Inverclyde compares on child poverty with Scotland and with the
other areas of its family group, and its rank of the 32; then goes back to the area page
and on to the partnership's meetings, and finds when the next one is. The demonstration
data has no meetings for Inverclyde, so the test makes one, of a fictional board.

A national reader compares all 32 partnerships on employment in one year, with Inverclyde
highlighted, reads the ranked table and downloads it as CSV.

Every figure expected is read from the shipped data file itself
(data/scotland/outcomes/cpp_outcomes.csv, and council_family_groups.csv for the family
groups), and shown as the page rounds it. What the test writes is rolled back with it
(tests/browser/conftest.py).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from pathlib import Path
from statistics import mean

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from placeplan.core.numbers import number_text
from placeplan.meetings.models import Meeting
from placeplan.partnerships.models import Partnership
from tests.browser.test_evidence_pages_a11y import _wait_for_charts
from tests.browser.test_governance_pages_a11y import _no_console_problems, _open
from tests.factories.meetings import MeetingFactory
from tests.factories.partnerships import BodyFactory

# A journey end to end: CI runs it on PostgreSQL too (.ci/run).
pytestmark = [pytest.mark.browser, pytest.mark.every_database]

OUTCOMES = Path(__file__).resolve().parents[2] / "data" / "scotland" / "outcomes"
SCOTLAND = "S92000003"
INVERCLYDE = "S12000018"
CHILD_POVERTY = "Child Poverty"
EMPLOYMENT = "Employment Rate"
PERIOD = "2021/22"  # child poverty's latest year that is not a projection
EMPLOYMENT_PERIOD = "2019/20"
BODY = "Fictional Inverclyde Browser Test Board"
PLACE = "Fictional Hall, Room 1 (browser test)"


def _shipped_values(measure: str, period: str) -> dict[str, float]:
    """Each area's value (council areas and Scotland) of ``measure`` in ``period``, as the
    shipped file has it."""
    with (OUTCOMES / "cpp_outcomes.csv").open(newline="", encoding="utf-8") as file:
        return {
            row["area_code"]: float(row["value"])
            for row in csv.DictReader(file)
            if row["measure"] == measure and row["period"] == period
        }


def _family_groups() -> dict[str, str]:
    with (OUTCOMES / "council_family_groups.csv").open(newline="", encoding="utf-8") as file:
        return {row["area_code"]: row["deprivation_family_group"] for row in csv.DictReader(file)}


def _rank(values: dict[str, float], code: str, *, higher_is_better: bool) -> int:
    """1 the best of the 32; equal values share a rank."""
    own = values[code]
    councils = [v for c, v in values.items() if c != SCOTLAND]
    return 1 + sum(1 for v in councils if (v > own if higher_is_better else v < own))


def _agrees(shown: str, value: float) -> bool:
    """Whether a figure the page shows is ``value`` rounded to the places it is shown to
    (the places per measure may change; the value must not)."""
    places = len(shown.partition(".")[2])
    return abs(float(shown.replace(",", "")) - value) <= 0.5 * 10**-places + 1e-9


def _cells(row) -> list[str]:
    return [text.strip() for text in row.locator("th, td").all_inner_texts()]


@pytest.fixture
def next_meeting(db, browser) -> Meeting:
    """A meeting of a fictional board of Inverclyde's partnership a fortnight from now: the
    partnership's next meeting (the demonstration data has none for Inverclyde)."""
    partnership = Partnership.objects.get(council_area__code=INVERCLYDE)
    now = timezone.now()
    assert not Meeting.objects.filter(body__partnership=partnership, starts_at__gte=now).exists()
    day = timezone.localtime(now).date() + datetime.timedelta(days=14)
    starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(18, 30)))
    board = BodyFactory(partnership=partnership, name=BODY)
    return MeetingFactory(body=board, starts_at=starts_at, place=PLACE)


def test_a_resident_of_inverclyde_compares_child_poverty_and_finds_the_next_meeting(
    page, next_meeting, check_accessibility
):
    # The figures as the shipped file has them, worked out here from the file.
    values = _shipped_values(CHILD_POVERTY, PERIOD)
    groups = _family_groups()
    group = groups[INVERCLYDE]
    others = [code for code, g in groups.items() if g == group and code != INVERCLYDE]
    assert group == "4" and len(others) == 7
    family_mean = mean(values[code] for code in others)
    assert round(family_mean, 4) == 25.0956  # worked by hand from the file
    rank = _rank(values, INVERCLYDE, higher_is_better=False)  # lower child poverty is better
    assert rank == 21

    # Home page, then Inverclyde.
    _open(page, "/", "Choose a partnership area")
    check_accessibility(page)
    page.get_by_role("list", name="Partnership areas").get_by_role(
        "link", name="Inverclyde", exact=True
    ).click()
    expect(page).to_have_url(re.compile(rf"/areas/{INVERCLYDE}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Inverclyde")

    # The area page links to its outcomes profile.
    page.locator("#partnership-links").get_by_role("link", name="Its outcomes profile").click()
    expect(page).to_have_url(re.compile(rf"/areas/{INVERCLYDE}/outcomes/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcomes profile")
    _wait_for_charts(page)
    check_accessibility(page)

    # At a glance: child poverty in 2021/22, against Scotland and family group 4.
    glance = page.locator("#profile-glance")
    header = [text.strip() for text in glance.locator("thead th").all_inner_texts()]
    assert header[:7] == [
        "Measure",
        "Latest year",
        "Inverclyde",
        "Scotland",
        "Mean of family group 4",
        "Against Scotland",
        "Rank of the 32",
    ]
    row = glance.locator("tbody tr").filter(
        has=page.get_by_role("link", name=CHILD_POVERTY, exact=True)
    )
    expect(row).to_have_count(1)
    cells = _cells(row)
    assert cells[0].startswith(f"{CHILD_POVERTY}\n%; lower is better"), cells[0]
    assert cells[1:5] == [
        PERIOD,
        number_text(values[INVERCLYDE], 1),
        number_text(values[SCOTLAND], 1),
        number_text(family_mean, 1),
    ]
    # As the reader sees them: a percentage to one decimal place (docs/numbers.md).
    assert cells[2:5] == ["21.3", "20.8", "25.1"]
    assert cells[6] == f"{rank} of 32"

    # The measure's own section: its chart over time and the same values in its table.
    row.get_by_role("link", name=CHILD_POVERTY, exact=True).click()
    section = page.locator("#measure-cpop-child-poverty")
    expect(section).to_be_in_viewport()
    details = page.locator("details", has_text="Table of child poverty over time")
    details.locator("summary").click()
    year = page.locator("#table-cpop-child-poverty tbody tr").filter(
        has=page.locator("th", has_text=PERIOD)
    )
    assert _cells(year) == [
        PERIOD,
        number_text(values[INVERCLYDE], 1),
        "Measured",
        number_text(values[SCOTLAND], 1),
        number_text(family_mean, 1),
    ]

    # Back to the area page (by its breadcrumb), and on to the partnership's meetings.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="Inverclyde", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inverclyde")
    page.locator("#partnership-links").get_by_role("link", name="Its meetings").click()
    expect(page).to_have_url(re.compile(rf"/areas/{INVERCLYDE}/meetings/$"))
    check_accessibility(page)

    # The next meeting, first under "Next meetings".
    expect(page.get_by_role("heading", name="Next meetings")).to_be_visible()
    when = timezone.localtime(next_meeting.starts_at)
    shown = f"{when:%A} {when.day} {when:%B %Y, %H:%M}"
    first = page.locator("#next-meetings tbody tr").first
    expect(first.locator("th a")).to_have_text(f"{shown}: {BODY}")
    expect(first.locator("td").nth(0)).to_have_text(BODY)
    expect(first.locator("td").nth(1)).to_have_text(PLACE)
    expect(first.locator("td").nth(2)).to_have_text("Scheduled")
    first.locator("th a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{BODY}, {when.day} {when:%B %Y}")
    check_accessibility(page)
    _no_console_problems(page)


def test_a_national_reader_compares_all_32_on_employment_and_downloads_the_table(
    page, check_accessibility
):
    values = _shipped_values(EMPLOYMENT, EMPLOYMENT_PERIOD)
    councils = {code: v for code, v in values.items() if code != SCOTLAND}
    assert len(councils) == 32 and SCOTLAND in values

    _open(page, "/", "Choose a partnership area")
    page.get_by_role("link", name="Compare all 32 partnerships").click()
    expect(page).to_have_url(re.compile(r"/compare/$"))
    _wait_for_charts(page)
    check_accessibility(page)

    # Choose the measure, the year and an area to highlight, and compare.
    page.get_by_label("Measure").select_option(label=EMPLOYMENT)
    page.get_by_label("Period").select_option(label=EMPLOYMENT_PERIOD)
    page.get_by_label("Highlight a partnership area").select_option(label="Inverclyde")
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"{EMPLOYMENT}, {EMPLOYMENT_PERIOD}: all 32 partnerships"
    )
    _wait_for_charts(page)
    check_accessibility(page)

    # The ranked table: the 32 areas, best first, then Scotland; the values as shipped.
    rows = page.locator("#comparison tbody tr")
    expect(rows).to_have_count(33)
    table = [_cells(rows.nth(i)) for i in range(33)]
    assert table[32][1] == "Scotland"
    assert _agrees(table[32][2], values[SCOTLAND]), table[32]
    by_code = {}
    for i in range(32):
        href = rows.nth(i).locator("th a").get_attribute("href")
        code = href.strip("/").split("/")[-1]
        by_code[code] = table[i]
    assert set(by_code) == set(councils)
    for code, cells in by_code.items():
        rank = _rank(values, code, higher_is_better=True)  # more people in work is better
        assert cells[0] == str(rank), (code, cells)
        assert _agrees(cells[2], values[code]), (code, cells)
    ranks = [int(cells[0]) for cells in table[:32]]
    assert ranks == sorted(ranks) and ranks[0] == 1
    chosen = page.locator("#comparison tr.pp-chosen")
    expect(chosen).to_have_count(1)
    expect(chosen.locator("th")).to_have_text("Inverclyde (chosen)")
    assert by_code[INVERCLYDE][1] == "Inverclyde (chosen)"

    # Download the same table as CSV, with the page's link.
    with page.expect_download() as download:
        page.locator("#comparison caption").get_by_role("link", name="CSV").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    downloaded = list(csv.reader(io.StringIO(text)))
    assert downloaded[0] == [
        "Rank",
        "Council area code",
        "Partnership area",
        "Value",
        "Kind",
        "Family group",
        "Rate of improvement since 2010/11 (%)",
        "Rank of the rate of improvement",
    ]
    assert len(downloaded) == 1 + 32 + 1  # the header, the 32 areas and Scotland
    areas, scotland = downloaded[1:33], downloaded[33]
    assert {row[1] for row in areas} == set(councils)
    for row in areas:
        code = row[1]
        assert float(row[3]) == pytest.approx(values[code], rel=1e-12), row  # full precision
        assert row[0] == str(_rank(values, code, higher_is_better=True)), row
        assert row[5] == _family_groups()[code], row
    assert scotland[1:3] == [SCOTLAND, "Scotland"]
    assert float(scotland[3]) == pytest.approx(values[SCOTLAND], rel=1e-12)
    _no_console_problems(page)
