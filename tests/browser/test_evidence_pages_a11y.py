"""Every evidence page in a real browser: the workspace's data pages (import, an import
with problems, its preview and its result, API tokens), the staff outcomes dashboard and
indicator pages (as Highland's support officer), and the public dashboards and indicator
pages (signed out). axe, the footer, and a keyboard walk (every control reachable by Tab,
no trap, a visible focus indicator). Then the upload form's error state, the tokens page
showing a new token, and revoking it.

The import records the batch pages show are made through the import service for a local indicator of
Highland made for the module (official figures cannot be imported by a partnership),
holding copies of Highland's two newest measured Child Poverty values (the saved import
only re-saves them, so no value changes). The module's and each test's writes are rolled
back (tests/browser/conftest.py); a fixture checks that page visits wrote nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from placeplan.accounts.models import User
from placeplan.demo.services import demo_email
from placeplan.partnerships.models import Partnership
from placeplan.performance import imports
from placeplan.performance.models import (
    ApiToken,
    ImportBatch,
    Measure,
    Observation,
    Period,
    ValueKind,
)
from placeplan.performance.services import TOKEN_PREFIX
from placeplan.plans.models import OutcomeIndicator, Plan
from tests.browser.keyboard import keyboard_walk
from tests.browser.test_governance_pages_a11y import (
    _check_error_links,
    _check_error_summary,
    _no_console_problems,
    _open,
    _submit_empty,
    _tab_to,
)

pytestmark = pytest.mark.browser

HIGHLAND = "S12000017"
PERTH = "S12000048"
SOA = "Highland Single Outcome Agreement 2013/14 to 2018/19 (demonstration)"
DRAFT = "Safer Highland delivery plan 2026 to 2029 (draft, demonstration)"
PERTH_CITY_PLAN = "Perth City Locality Plan 2017 to 2027 (demonstration)"
MEASURE = "Child Poverty"
ERRORS_FILE = "browser-test-with-problems.csv"
CHECKED_FILE = "browser-test-to-confirm.csv"
DONE_FILE = "browser-test-saved.csv"
TOKEN_NAME = "Browser test system (fictional)"
TOKEN_PARTNER = "NHS Highland"
LOCAL_CODE = "browser-test-highland-local"


# The demo objects the URLs name, and three imports made for the module.


@dataclass(frozen=True)
class Evidence:
    soa_indicator: OutcomeIndicator  # Child Poverty, Highland, in the published SOA
    draft_indicator: OutcomeIndicator  # in Safer Highland's draft: staff only
    perth_city_indicator: OutcomeIndicator  # Child Poverty for a Perth City community
    errors: ImportBatch
    checked: ImportBatch
    done: ImportBatch


def _stored_row(observation: Observation, row: int) -> dict:
    """A file row holding exactly what is stored (saving it changes nothing)."""
    return {
        "_row": row,
        "measure": observation.measure.code,
        "area_code": observation.area.code,
        "period": observation.period.label,
        "value": observation.value,
        "kind": observation.kind,
        "source": observation.source,
    }


def _observations_state() -> tuple:
    return (
        Observation.objects.count(),
        Observation.history.count(),
        Period.objects.count(),
    )


@pytest.fixture(scope="module")
def evidence(browser) -> Evidence:
    """Three plan indicators (a published one, a draft's, a community's) and three imports
    of Highland's two newest measured Child Poverty values: one with four problems, one
    checked (one value changed) and waiting, one saved (nothing changed). Rolled back with
    the module."""
    partnership = Partnership.objects.get(council_area__code=HIGHLAND)
    soa = Plan.objects.get(partnership=partnership, title=SOA, status=Plan.Status.PUBLISHED)
    soa_indicator = OutcomeIndicator.objects.select_related("measure", "area").get(
        outcome__plan=soa, measure__name=MEASURE
    )
    draft = Plan.objects.get(partnership=partnership, title=DRAFT)
    assert draft.status == Plan.Status.DRAFT
    draft_indicator = (
        OutcomeIndicator.objects.filter(outcome__plan=draft)
        .select_related("measure", "area")
        .order_by("pk")
        .first()
    )
    assert draft_indicator is not None
    perth_city = Plan.objects.get(partnership__council_area__code=PERTH, title=PERTH_CITY_PLAN)
    perth_city_indicator = OutcomeIndicator.objects.select_related("measure", "area").get(
        outcome__plan=perth_city, measure__name=MEASURE
    )
    official = list(
        Observation.objects.filter(
            measure=soa_indicator.measure, area=soa_indicator.area, kind=ValueKind.RAW
        )
        .select_related("measure", "area", "period")
        .order_by("-period__start")[:2]
    )
    assert len(official) == 2
    assert not Measure.objects.filter(code=LOCAL_CODE).exists(), "left over from another test"
    user = User.objects.get(email=demo_email("highland", "support_officer"))
    cpop = soa_indicator.measure
    local = Measure.objects.create(
        code=LOCAL_CODE,
        name="Child poverty, Highland's own returns (browser test)",
        definition=cpop.definition,
        unit=cpop.unit,
        higher_is_better=cpop.higher_is_better,
        source="Browser test (fictional)",
        collection=Measure.Collection.LOCAL,
        partnership=partnership,
        levels=cpop.levels,
        valid_min=cpop.valid_min,
        valid_max=cpop.valid_max,
    )
    stored = [
        Observation.objects.create(
            measure=local,
            area=o.area,
            period=o.period,
            value=o.value,
            kind=o.kind,
            source=o.source,
        )
        for o in official
    ]
    state = _observations_state()
    errors = imports.batch_check(
        records=[
            _stored_row(stored[0], 2),
            {**_stored_row(stored[1], 3), "area_code": "S99999999"},
            {**_stored_row(stored[1], 4), "value": "about twelve"},
            {**_stored_row(stored[1], 5), "measure": "no-such-measure", "period": "2019/21"},
        ],
        partnership=partnership,
        user=user,
        filename=ERRORS_FILE,
    )
    assert errors.status == ImportBatch.Status.HAS_ERRORS, errors.errors
    changed = {**_stored_row(stored[0], 3), "value": stored[0].value + 1}
    checked = imports.batch_check(
        records=[_stored_row(stored[1], 2), changed],
        partnership=partnership,
        user=user,
        filename=CHECKED_FILE,
    )
    assert checked.status == ImportBatch.Status.CHECKED, checked.errors
    assert checked.summary == {"new": 0, "changed": 1, "same": 1}
    done = imports.batch_check(
        records=[_stored_row(stored[0], 2), _stored_row(stored[1], 3)],
        partnership=partnership,
        user=user,
        filename=DONE_FILE,
    )
    done = imports.batch_confirm(batch=done, user=user)
    assert done.status == ImportBatch.Status.DONE, done.message
    assert done.summary == {"created": 0, "updated": 0, "unchanged": 2}
    assert _observations_state() == state
    return Evidence(soa_indicator, draft_indicator, perth_city_indicator, errors, checked, done)


def _names(evidence: Evidence) -> dict[str, object]:
    return {
        "soa_indicator": evidence.soa_indicator.pk,
        "draft_indicator": evidence.draft_indicator.pk,
        "draft_heading": (
            f"{evidence.draft_indicator.measure.name}, {evidence.draft_indicator.area.name}"
        ),
        "perth_city_indicator": evidence.perth_city_indicator.pk,
        "perth_city_heading": f"{MEASURE}, {evidence.perth_city_indicator.area.name}",
        "errors": evidence.errors.pk,
        "checked": evidence.checked.pk,
        "done": evidence.done.pk,
    }


def _wait_for_charts(page) -> None:
    """Every chart on the page drawn as SVG by charts.js, and none failed."""
    canvases = page.locator(".pp-chart__canvas")
    expect(page.locator(".pp-chart__canvas[data-chart-ready]")).to_have_count(canvases.count())
    expect(page.locator("[data-chart-error]")).to_have_count(0)
    for index in range(canvases.count()):
        expect(canvases.nth(index).locator("svg").first).to_be_visible()


# Every page: axe, footer, keyboard walk.

WORKSPACE_PAGES = {
    "data": ("data/", "Import data"),
    "batch_preview": ("data/imports/{checked}/", CHECKED_FILE),
    "batch_done": ("data/imports/{done}/", DONE_FILE),
    "tokens": ("data/tokens/", "API tokens for partner systems"),
    "dashboard": ("performance/", "Outcomes dashboard"),
    "indicator": ("performance/indicators/{soa_indicator}/", f"{MEASURE}, Highland"),
    "draft_indicator": ("performance/indicators/{draft_indicator}/", "{draft_heading}"),
}


@pytest.mark.parametrize("name", list(WORKSPACE_PAGES))
def test_workspace_evidence_page(
    name, highland_page, evidence, unchanged_database, check_accessibility, check_footer_links
):
    page = highland_page
    path, heading = WORKSPACE_PAGES[name]
    values = _names(evidence)
    _open(page, f"/workspace/{HIGHLAND}/" + path.format(**values), heading.format(**values))
    main = page.locator("main")
    if name == "data":
        recent = page.get_by_role("table", name="The partnership's 20 most recent imports")
        for filename in (ERRORS_FILE, CHECKED_FILE, DONE_FILE):
            expect(recent.get_by_role("link", name=filename, exact=True)).to_have_count(1)
    if name == "batch_preview":
        expect(page.locator("#batch-status")).to_have_text("Checked, waiting for confirmation")
        expect(main).to_contain_text("All 2 rows passed the checks: 0 new, 1 changed")
        expect(page.get_by_role("button", name="Confirm and save all 2 rows")).to_be_visible()
        expect(page.get_by_role("table", name="The rows").locator("tbody tr")).to_have_count(2)
    if name == "batch_done":
        expect(page.locator("#batch-status")).to_have_text("Saved")
        expect(page.locator("progress#import-progress")).to_have_js_property("value", 2)
        expect(page.locator("#import-progress-text")).to_have_text(
            "2 of 2 rows saved. Saved. 0 new values, 0 corrected, 2 unchanged."
        )
    if name in ("indicator", "draft_indicator"):
        _wait_for_charts(page)
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


def test_batch_page_with_problems(
    highland_page, evidence, unchanged_database, check_accessibility, check_footer_links
):
    """The import with problems: the summary takes focus and says nothing was saved; the
    table lists every problem by row and column; no confirm button."""
    page = highland_page
    response = page.goto(f"/workspace/{HIGHLAND}/data/imports/{evidence.errors.pk}/")
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(ERRORS_FILE)
    expect(page).to_have_title(re.compile("^Error: "))
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text(
        f"4 problems in {ERRORS_FILE}: nothing has been saved"
    )
    problems = page.get_by_role("table", name="Problems by row and column", exact=True)
    cells = problems.locator("tbody tr td:first-child")
    expect(cells).to_have_text(["3", "4", "5", "5"])
    columns = problems.locator("tbody tr td:nth-child(2)")
    expect(columns).to_have_text(["area_code", "value", "measure", "period"])
    messages = problems.locator("tbody tr td:nth-child(3)")
    expect(messages.nth(0)).to_have_text(
        "No area in this partnership's area has the code “S99999999”."
    )
    expect(messages.nth(1)).to_have_text(re.compile("“about twelve” is not a number"))
    expect(page.get_by_role("button", name=re.compile("^Confirm"))).to_have_count(0)
    expect(page.get_by_role("link", name="Upload a corrected file", exact=True)).to_have_attribute(
        "href", f"/workspace/{HIGHLAND}/data/"
    )
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


@pytest.fixture
def queued_batch(db, browser, evidence):
    """A checked import of two stored values, queued as a large import is for the
    background task (which has not run yet)."""
    batch = ImportBatch.objects.get(pk=evidence.done.pk)
    queued = imports.batch_check(
        records=[{"_row": row["row"], **_file_row(row)} for row in batch.rows],
        partnership=batch.partnership,
        user=batch.created_by,
        filename="browser-test-queued.csv",
    )
    assert queued.status == ImportBatch.Status.CHECKED
    queued.status = ImportBatch.Status.QUEUED
    queued.save(update_fields=["status", "updated_at"])
    return queued


def _file_row(row: dict) -> dict:
    """A checked row as the file had it."""
    return {
        "measure": row["measure"],
        "area_code": row["area"],
        "period": row["period"],
        "value": row["value"],
        "kind": row["kind"],
        "source": row["source"],
    }


def test_progress_bar_follows_a_saving_import(
    highland_page, queued_batch, unchanged_database, check_accessibility
):
    """While the import waits, the bar is at 0; when the background task has saved it,
    the page's script updates the bar, its polite live text and the status."""
    page = highland_page
    _open(page, f"/workspace/{HIGHLAND}/data/imports/{queued_batch.pk}/", queued_batch.filename)
    bar = page.get_by_label("Rows saved", exact=True)
    expect(bar).to_have_js_property("value", 0)
    expect(bar).to_have_attribute("max", "2")
    text = page.locator("#import-progress-text")
    expect(text).to_have_attribute("aria-live", "polite")
    expect(text).to_have_text("0 of 2 rows saved. Waiting to be saved.")
    expect(page.locator("#batch-status")).to_have_text("Waiting to be saved")
    check_accessibility(page)

    imports.batch_apply(batch_id=queued_batch.pk)  # what the background task runs

    expect(text).to_have_text(
        "2 of 2 rows saved. Saved. 0 new values, 0 corrected, 2 unchanged.", timeout=10_000
    )
    expect(bar).to_have_js_property("value", 2)
    expect(page.locator("#batch-status")).to_have_text("Saved")
    check_accessibility(page)
    keyboard_walk(page)
    _no_console_problems(page)


PUBLIC_PAGES = {
    "highland_dashboard": (HIGHLAND, "performance/", "Outcomes dashboard"),
    "highland_indicator": (
        HIGHLAND,
        "performance/indicators/{soa_indicator}/",
        f"{MEASURE}, Highland",
    ),
    "perth_dashboard": (PERTH, "performance/", "Outcomes dashboard"),
    "perth_city_indicator": (
        PERTH,
        "performance/indicators/{perth_city_indicator}/",
        "{perth_city_heading}",
    ),
}


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_public_evidence_page(name, page, evidence, check_accessibility, check_footer_links):
    code, path, heading = PUBLIC_PAGES[name]
    values = _names(evidence)
    _open(page, f"/areas/{code}/" + path.format(**values), heading.format(**values))
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    if name.endswith("dashboard"):
        expect(breadcrumbs.locator('[aria-current="page"]')).to_have_text("Outcomes dashboard")
        # Published plans only.
        expect(page.get_by_role("heading", name=DRAFT)).to_have_count(0)
    else:
        expect(breadcrumbs.get_by_role("link", name="Outcomes dashboard")).to_have_attribute(
            "href", f"/areas/{code}/performance/"
        )
        _wait_for_charts(page)
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


def test_draft_indicator_is_not_public(page, evidence):
    response = page.goto(f"/areas/{HIGHLAND}/performance/indicators/{evidence.draft_indicator.pk}/")
    assert response is not None and response.status == 404


# The upload form submitted without a file.


def test_upload_without_a_file_shows_a_linked_error(
    highland_page, evidence, unchanged_database, check_accessibility
):
    page = highland_page
    partnership = Partnership.objects.get(council_area__code=HIGHLAND)
    batches = partnership.import_batches.count()
    response = page.goto(f"/workspace/{HIGHLAND}/data/")
    assert response is not None and response.status == 200
    _submit_empty(page, "Check the file")
    _check_error_summary(page, ["This field is required."])
    check_accessibility(page)
    _check_error_links(page)
    _no_console_problems(page)
    assert partnership.import_batches.count() == batches


# API tokens: the new token shown once, then revoked.


def test_tokens_page_shows_a_new_token_once_and_revokes_it(
    highland_page, evidence, check_accessibility, check_footer_links
):
    page = highland_page
    tokens_path = f"/workspace/{HIGHLAND}/data/tokens/"
    _open(page, tokens_path, "API tokens for partner systems")
    expect(page.locator("#new-token")).to_have_count(0)
    page.get_by_label("Partner", exact=True).select_option(label=TOKEN_PARTNER)
    page.get_by_label("What the token is for", exact=True).fill(TOKEN_NAME)
    make = page.get_by_role("button", name="Make token", exact=True)
    _tab_to(page, make)
    page.keyboard.press("Enter")

    shown = page.locator("#new-token")
    expect(shown).to_have_text(re.compile(rf"^{re.escape(TOKEN_PREFIX)}[\w-]{{20,}}$"))
    token = ApiToken.objects.get(name=TOKEN_NAME)
    secret = shown.inner_text().strip()
    assert secret.startswith(token.prefix)
    assert token.partner.organisation.name == TOKEN_PARTNER and token.revoked_at is None
    status = page.get_by_role("status")
    expect(status.get_by_role("heading")).to_have_text("Copy the new token now")
    expect(page.get_by_label("What the token is for", exact=True)).to_have_value("")
    table = page.get_by_role("table", name="The partnership's API tokens", exact=True)
    row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=TOKEN_NAME))
    expect(row).to_contain_text(TOKEN_PARTNER)
    expect(row).to_contain_text(f"{token.prefix}…")
    revoke = row.get_by_role("button", name=f"Revoke {TOKEN_NAME}", exact=True)
    expect(revoke).to_be_visible()
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)

    # Shown once: the page opened again has no token on it.
    _open(page, tokens_path, "API tokens for partner systems")
    expect(page.locator("#new-token")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text(secret)

    revoke.click()
    expect(page).to_have_url(re.compile(rf"{re.escape(tokens_path)}$"))
    expect(page.get_by_role("status").first).to_contain_text(
        f"The token “{TOKEN_NAME}” is revoked and no longer works."
    )
    expect(row.get_by_role("button")).to_have_count(0)
    expect(row).to_contain_text("Revoked")
    token.refresh_from_db()
    assert token.revoked_at is not None
    check_accessibility(page)
    keyboard_walk(page)
    _no_console_problems(page)
