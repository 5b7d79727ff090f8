"""Evidence in a real browser: Safer Highland's lead officer (not a support officer) sees
an indicator of a published plan with no recent data, uploads a file of values with two
bad rows, reads both problems by row and that nothing was saved, corrects the file,
checks the preview, confirms it by keyboard, watches the progress bar reach every row and
the status "Saved", and finds the indicator on track on the outcomes dashboard and its
own page; the public dashboard, signed out, changes with it (its cache is never stale).
axe on every page visited.

The indicator is Highland's own local Child Poverty series (a copy of the CPOP values,
made by the fixture): a partnership imports values only for its local indicators, as
official figures are read-only to it.

What the journey writes is rolled back with the test (tests/browser/conftest.py).
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from placeplan.accounts.models import User
from placeplan.core.numbers import measure_value_text, number_text
from placeplan.demo.services import demo_email
from placeplan.partnerships.models import Body, Membership, Partner
from placeplan.partnerships.permissions import is_support_officer_of, leads_a_body_of
from placeplan.performance import analysis
from placeplan.performance.models import ImportBatch, Measure, Observation, ValueKind
from placeplan.places.models import Area
from placeplan.plans import services
from placeplan.plans.models import Commitment, Outcome, OutcomeIndicator, Plan
from tests.browser.conftest import CONTEXT, VIEWPORT
from tests.browser.test_governance_journey import (
    _current,
    _open_partnership_workspace,
    _sign_in,
    _tab_to,
)

# A journey end to end: CI runs it on PostgreSQL too (.ci/run).
pytestmark = [pytest.mark.browser, pytest.mark.every_database]

HIGHLAND = "S12000017"
SAFER_HIGHLAND = "Safer Highland"
TITLE = "Browser test evidence plan (fictional)"
MEASURE = "Child Poverty"
PERIOD = "2025/26"  # after the newest measured value: no value is stored for it yet
TARGET_DUE = datetime.date(2029, 3, 31)
BAD_FILE = "highland-child-poverty.csv"
GOOD_FILE = "highland-child-poverty-corrected.csv"
HEADER = "measure,area_code,period,value,kind,source"
SOURCE = "Browser test (fictional figures)"
LOCAL_CODE = "browser-test-highland-child-poverty"


@pytest.fixture
def lead_officer(db, browser):
    """Safer Highland's lead officer."""
    return User.objects.get(email=demo_email("highland", "partner_officer"))


def _plans():
    return Plan.objects.filter(title=TITLE)


@dataclass(frozen=True)
class Journey:
    plan: Plan
    indicator: OutcomeIndicator
    measure: Measure
    council: Area
    communities: tuple[Area, Area]
    baseline: Observation
    target: float


def _imported():
    return Observation.objects.filter(measure__code=LOCAL_CODE, period__label=PERIOD)


@pytest.fixture
def published_indicator(db, browser):
    """A published plan of Safer Highland whose one indicator (Highland's local copy of
    its CPOP Child Poverty series) has the newest measured value as its baseline and a
    target: no value is newer than the baseline, so it has no recent data."""
    safer = Body.objects.get(partnership__council_area__code=HIGHLAND, name=SAFER_HIGHLAND)
    partnership = safer.partnership
    council = partnership.council_area
    official = Measure.objects.get(name=MEASURE, partnership__isnull=True)
    assert official.higher_is_better is False, "the journey needs a lower-is-better indicator"
    assert not _plans().exists(), "left over from another test"
    assert not Measure.objects.filter(code=LOCAL_CODE).exists(), "left over from another test"
    assert not _imported().filter(area__in=[council]).exists(), f"{PERIOD} already has data"
    assert not _imported().filter(area__council_area=council).exists()
    communities = tuple(
        Area.objects.filter(council_area=council, level=Area.Level.INTERMEDIATE_ZONE).order_by(
            "code"
        )[:2]
    )
    assert len(communities) == 2
    measure = Measure.objects.create(
        code=LOCAL_CODE,
        name=MEASURE,
        definition=official.definition,
        unit=official.unit,
        higher_is_better=official.higher_is_better,
        source="Highland's own returns (browser test, fictional)",
        collection=Measure.Collection.LOCAL,
        partnership=partnership,
        levels=official.levels,
        valid_min=official.valid_min,
        valid_max=official.valid_max,
    )
    for value in Observation.objects.filter(measure=official, area=council):
        Observation.objects.create(
            measure=measure,
            area=council,
            period_id=value.period_id,
            value=value.value,
            kind=value.kind,
            source=value.source,
        )
    baseline = (
        Observation.objects.filter(measure=measure, area=council, kind=ValueKind.RAW)
        .select_related("period")
        .order_by("-period__start")
        .first()
    )
    assert baseline is not None, f"no measured {MEASURE} value for {council.name}"
    target = float(math.floor(baseline.value) - 3)
    plan = services.plan_save(
        plan=Plan(
            partnership=partnership,
            kind=Plan.Kind.THEMATIC,
            title=TITLE,
            summary="A fictional plan made by the browser tests.",
            period_start=datetime.date(2026, 4, 1),
            period_end=TARGET_DUE,
            owning_body=safer,
        )
    )
    top = services.outcome_save(
        outcome=Outcome(plan=plan, statement="Children grow up free from poverty (test).")
    )
    child = services.outcome_save(
        outcome=Outcome(
            plan=plan, parent=top, statement="Fewer children in low-income families (test)."
        )
    )
    indicator = services.indicator_add(outcome=child, measure=measure, area=council)
    services.indicator_baseline_set(indicator=indicator, observation=baseline)
    services.target_add(indicator=indicator, value=target, due=TARGET_DUE)
    services.commitment_save(
        commitment=Commitment(
            outcome=child,
            what="Income advice in every school (browser test, fictional).",
            indicator=indicator,
            lead_partner=Partner.objects.get(
                partnership=partnership, organisation__name="NHS Highland"
            ),
            due=datetime.date(2028, 3, 31),
        )
    )
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    services.plan_agree(plan=plan, agreed_by=safer, agreed_on=yesterday)
    plan = services.plan_publish(plan=plan)
    indicator.refresh_from_db()
    return Journey(plan, indicator, measure, council, communities, baseline, target)


def _csv(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode("utf-8")


def _upload(page, check_accessibility, name: str, content: bytes) -> None:
    """From Import data: choose the file (made in memory) and have it checked."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Import data")
    check_accessibility(page)
    page.get_by_label("File of values", exact=True).set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": content}]
    )
    page.get_by_role("button", name="Check the file", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/workspace/{HIGHLAND}/data/imports/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def _dashboard_row(page, journey: Journey, base: str = f"/workspace/{HIGHLAND}/performance/"):
    plan_section = page.get_by_role("region", name=TITLE, exact=True)
    expect(plan_section).to_be_visible()
    link = page.get_by_role("link", name=MEASURE, exact=True)  # relative to the row
    expect(plan_section.get_by_role("link", name=MEASURE, exact=True)).to_have_attribute(
        "href", f"{base}indicators/{journey.indicator.pk}/"
    )
    return plan_section.get_by_role("row").filter(has=link)


def _expect_public_status(browser, server_url, check_accessibility, journey, status) -> None:
    """Signed out, in a browser of its own: the public dashboard shows ``status`` for the
    indicator (public pages may be cached, but never stale)."""
    context = browser.new_context(viewport=VIEWPORT, base_url=server_url, **CONTEXT)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        response = page.goto(f"/areas/{HIGHLAND}/performance/")
        assert response is not None and response.status == 200
        expect(page.get_by_role("heading", level=1)).to_have_text("Outcomes dashboard")
        row = _dashboard_row(page, journey, f"/areas/{HIGHLAND}/performance/")
        expect(row.locator(".pp-status")).to_have_text(status)
        check_accessibility(page)
    finally:
        context.close()


def _expected_status(journey: Journey, latest_value: float, latest_end: datetime.date) -> str:
    """The status the rules give the chosen values (worked out here to check the page)."""
    baseline = journey.baseline
    status = analysis.target_status(
        baseline=analysis.Point(baseline.period.end, baseline.value, baseline.period.label),
        targets=[analysis.Point(TARGET_DUE, journey.target)],
        latest=analysis.Point(latest_end, latest_value, PERIOD),
        higher_is_better=False,
        today=timezone.localdate(),
        tolerance=journey.indicator.tolerance / 100,
    )
    return status.label


def test_lead_officer_imports_values_and_the_indicator_comes_on_track(
    page,
    browser,
    server_url,
    check_accessibility,
    check_footer_links,
    published_indicator,
    lead_officer,
):
    journey = published_indicator
    code = HIGHLAND
    council = journey.council
    partnership = journey.plan.partnership
    first, second = (area.code for area in journey.communities)
    # The value for Highland equals the target: below the trajectory from the baseline,
    # which starts higher (lower is better), so on track whatever the date.
    value = journey.target
    latest_end = datetime.date(2026, 3, 31)  # the end of 2025/26
    after = _expected_status(journey, value, latest_end)
    assert after == "On track"

    # Safer Highland's lead officer: may import because they lead a body, but is not a
    # support officer (so has no API tokens).
    user = lead_officer
    safer = Body.objects.get(partnership=partnership, name=SAFER_HIGHLAND)
    lead = _current(safer).get(role=Membership.MemberRole.LEAD_OFFICER)
    assert lead.person.user == user
    assert leads_a_body_of(user, partnership)
    assert not is_support_officer_of(user, partnership)

    _sign_in(page, check_accessibility, user.email)
    _open_partnership_workspace(page, check_accessibility, code)
    side_nav = page.get_by_role("navigation", name=partnership.name, exact=True)
    expect(side_nav.get_by_role("link", name="API tokens")).to_have_count(0)

    # Before: the outcomes dashboard says the indicator has no recent data.
    side_nav.get_by_role("link", name="Outcomes dashboard", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/workspace/{code}/performance/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcomes dashboard")
    row = _dashboard_row(page, journey)
    expect(row.locator(".pp-status")).to_have_text("No recent data")
    baseline_text = measure_value_text(journey.baseline.value, journey.indicator.measure)
    expect(row.locator("td").nth(1)).to_contain_text(baseline_text)
    expect(row.locator("td").nth(1)).to_contain_text(journey.baseline.period.label)
    check_accessibility(page)
    check_footer_links(page)
    _expect_public_status(browser, server_url, check_accessibility, journey, "No recent data")

    # Import data: a file with two bad rows (an area code with a digit missing, and a
    # percentage over 100).
    side_nav.get_by_role("link", name="Import data", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/workspace/{code}/data/$"))
    bad_area = first[:-2] + first[-1]
    _upload(
        page,
        check_accessibility,
        BAD_FILE,
        _csv(
            f"{LOCAL_CODE},{code},{PERIOD},{number_text(value)},raw,{SOURCE}",
            f"{LOCAL_CODE},{bad_area},{PERIOD},14.2,raw,{SOURCE}",
            f"{LOCAL_CODE},{second},{PERIOD},150,raw,{SOURCE}",
        ),
    )
    bad_batch = partnership.import_batches.get(filename=BAD_FILE)
    assert bad_batch.status == ImportBatch.Status.HAS_ERRORS
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text(
        f"2 problems in {BAD_FILE}: nothing has been saved"
    )
    expect(page).to_have_title(re.compile("^Error: "))
    problems = page.get_by_role("table", name=re.compile("^Problems by row and column"))
    rows = problems.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0).locator("td")).to_have_text(
        ["3", "area_code", f"No area in this partnership's area has the code “{bad_area}”."]
    )
    expect(rows.nth(1).locator("td")).to_have_text(
        ["4", "value", f"150 is outside the valid range for “{MEASURE}” (0 to 100)."]
    )
    expect(page.get_by_role("button", name=re.compile("^Confirm"))).to_have_count(0)
    expect(page.locator("#import-progress")).to_have_count(0)
    check_accessibility(page)
    check_footer_links(page)
    assert not _imported().filter(area__in=[council, *journey.communities]).exists()

    # The corrected file.
    page.get_by_role("link", name="Upload a corrected file", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/workspace/{code}/data/$"))
    recent = page.get_by_role("table", name="The partnership's 20 most recent imports")
    bad_row = recent.get_by_role("row").filter(
        has=page.get_by_role("link", name=BAD_FILE, exact=True)
    )
    expect(bad_row).to_contain_text("Has problems: nothing saved")
    _upload(
        page,
        check_accessibility,
        GOOD_FILE,
        _csv(
            f"{LOCAL_CODE},{code},{PERIOD},{number_text(value)},raw,{SOURCE}",
            f"{LOCAL_CODE},{first},{PERIOD},14.2,raw,{SOURCE}",
            f"{LOCAL_CODE},{second},{PERIOD},15,raw,{SOURCE}",
        ),
    )
    batch = partnership.import_batches.get(filename=GOOD_FILE)
    batch_path = f"/workspace/{code}/data/imports/{batch.pk}/"
    expect(page).to_have_url(re.compile(rf"{re.escape(batch_path)}$"))
    expect(page.locator("#error-summary")).to_have_count(0)
    expect(page.locator("#batch-status")).to_have_text("Checked, waiting for confirmation")
    main = page.locator("main")
    expect(main).to_contain_text("All 3 rows passed the checks: 3 new, 0 changed")
    expect(main).to_contain_text("Nothing is saved until you confirm.")
    preview = page.get_by_role("table", name="The rows", exact=True)
    expect(preview.locator("tbody tr")).to_have_count(3)
    expect(preview.locator("tbody tr").nth(0).locator("td")).to_have_text(
        ["2", LOCAL_CODE, code, PERIOD, str(value), "", "", "raw"]
    )
    expect(preview.locator("tbody tr").nth(1).locator("td").nth(2)).to_have_text(first)
    expect(preview.locator("tbody tr").nth(2).locator("td").nth(2)).to_have_text(second)
    check_accessibility(page)
    assert not _imported().filter(area__in=[council, *journey.communities]).exists()

    # Confirmed by keyboard.
    confirm = page.get_by_role("button", name="Confirm and save all 3 rows", exact=True)
    _tab_to(page, confirm, limit=150)
    expect(confirm).to_be_focused()
    with page.expect_navigation():  # the same address, after the redirect
        page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(rf"{re.escape(batch_path)}$"))
    expect(confirm).to_have_count(0)
    progress = page.locator("progress#import-progress")
    expect(progress).to_have_attribute("max", "3")
    expect(progress).to_have_js_property("value", 3)
    expect(page.get_by_label("Rows saved", exact=True)).to_have_count(1)
    expect(page.locator("#import-progress-text")).to_have_text(
        "3 of 3 rows saved. Saved. 3 new values, 0 corrected, 0 unchanged."
    )
    expect(page.locator("#batch-status")).to_have_text("Saved")
    check_accessibility(page)
    check_footer_links(page)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE and batch.rows_done == 3
    saved = {o.area.code: o for o in _imported().select_related("area")}
    assert set(saved) == {code, first, second}
    assert saved[code].value == value and saved[code].entered_by == user
    assert saved[first].value == 14.2 and saved[second].value == 15.0
    assert all(o.source == SOURCE and o.kind == ValueKind.RAW for o in saved.values())

    # After: the dashboard shows the new value and the indicator is on track.
    page.get_by_role("link", name="See the outcomes dashboard", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/workspace/{code}/performance/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcomes dashboard")
    row = _dashboard_row(page, journey)
    expect(row.locator(".pp-status")).to_have_text(after)
    shown = measure_value_text(value, journey.indicator.measure)  # to the measure's places
    expect(row.locator("td").nth(1)).to_contain_text(shown)
    expect(row.locator("td").nth(1)).to_contain_text(PERIOD)
    expect(row.locator("td").nth(2)).to_contain_text(
        f"target {measure_value_text(journey.target, journey.indicator.measure)} by "
        f"{TARGET_DUE:%b %Y}"
    )
    check_accessibility(page)
    _expect_public_status(browser, server_url, check_accessibility, journey, after)

    # The indicator's own page agrees, and the chart is drawn.
    row.get_by_role("link", name=MEASURE, exact=True).click()
    expect(page).to_have_url(
        re.compile(rf"/workspace/{code}/performance/indicators/{journey.indicator.pk}/$")
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{MEASURE}, {council.name}")
    facts = page.locator("main dl.ds_metadata")
    expect(facts.locator(".pp-status")).to_have_text(after)
    expect(facts).to_contain_text(f"Latest {shown} in {PERIOD}")
    expect(facts).to_contain_text(f"Baseline {baseline_text} in {journey.baseline.period.label}")
    series = page.get_by_role("region", name="Values over time", exact=True)
    expect(series.get_by_role("row").filter(has_text=PERIOD)).to_contain_text(shown)
    canvas = page.locator('[data-chart="chart-progress"]')
    expect(canvas).to_have_attribute("data-chart-ready", "true")
    expect(page.locator("[data-chart-error]")).to_have_count(0)
    check_accessibility(page)
    check_footer_links(page)
    assert page.console_problems == [], "\n".join(page.console_problems)
