"""A plan in a real browser: Safer Highland's lead officer builds a draft delivery plan
(outcomes, an indicator with a baseline from the data and a target, a commitment), is
refused an impossible target and an agreement while a commitment is incomplete, puts it
right, records agreement and publishes; the public then reads the plan and downloads its
tables. axe on every page visited.

What the journey writes is rolled back with the test (tests/browser/conftest.py).
"""

from __future__ import annotations

import datetime
import math
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from placeplan.core.numbers import measure_value_text, number_text
from placeplan.demo.services import demo_email
from placeplan.partnerships.models import Body, Membership
from placeplan.performance.models import Measure, Observation, ValueKind
from placeplan.places.models import Area
from placeplan.plans import services
from placeplan.plans.models import Commitment, Outcome, OutcomeIndicator, Plan, Target
from tests.browser.test_governance_journey import (
    _current,
    _long_date,
    _open_partnership_workspace,
    _sign_in,
    _tab_to,
)

# A journey end to end: CI runs it on PostgreSQL too (.ci/run).
pytestmark = [pytest.mark.browser, pytest.mark.every_database]

HIGHLAND = "S12000017"
SAFER_HIGHLAND = "Safer Highland"
TITLE = "Browser test plan (fictional)"
LONG_TERM = "Children in Highland grow up free from poverty (browser test)."
INTERMEDIATE = "Fewer children live in low-income families (browser test)."
MEASURE = "Child Poverty"
WHAT = "Fewer children in low-income families (browser test)"
HOW = "Income maximisation advice in every school (browser test, fictional)."
LEAD_PARTNER = "Police Scotland"
TARGET_DUE = datetime.date(2029, 3, 31)
COMMITMENT_DUE = datetime.date(2028, 3, 31)
INDICATORS_TABLE = "Indicators, baselines and targets"


def _plan_rows():
    return Plan.objects.filter(title=TITLE)


@pytest.fixture
def safer_highland_draft(db, browser):
    """A new, empty thematic draft owned by Safer Highland, made through the service
    (rolled back with the test)."""
    safer = Body.objects.get(partnership__council_area__code=HIGHLAND, name=SAFER_HIGHLAND)
    lead = _current(safer).get(role=Membership.MemberRole.LEAD_OFFICER)
    email = demo_email("highland", "partner_officer")
    assert lead.person.user is not None and lead.person.user.email == email
    assert not _plan_rows().exists(), "left over from another test"
    plan = services.plan_save(
        plan=Plan(
            partnership=safer.partnership,
            kind=Plan.Kind.THEMATIC,
            title=TITLE,
            summary="A fictional plan made by the browser tests.",
            period_start=datetime.date(2026, 4, 1),
            period_end=datetime.date(2029, 3, 31),
            owning_body=safer,
        )
    )
    return plan


def _baseline_choice(area: Area) -> Observation:
    """The newest measured (not estimated) Child Poverty value for Highland: one of the
    radio options the baseline page offers."""
    return (
        Observation.objects.filter(
            measure__name=MEASURE, measure__partnership__isnull=True, area=area
        )
        .filter(kind=ValueKind.RAW)
        .select_related("period")
        .order_by("-period__start")
        .first()
    )


def _expect_status(page, text: str) -> None:
    expect(page.get_by_role("status")).to_have_text(text)


def _expect_page(page, path: str, heading: str) -> None:
    expect(page).to_have_url(re.compile(re.escape(path) + r"(\?[^#]*)?(#.*)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def _check_error_summary(page, *texts: str) -> None:
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile("^Error: "))
    for text in texts:
        expect(summary).to_contain_text(text)


def test_lead_officer_builds_agrees_and_publishes_a_plan_the_public_reads(
    page, check_accessibility, check_footer_links, safer_highland_draft
):
    plan = safer_highland_draft
    code, pk = HIGHLAND, plan.pk
    plan_path = f"/workspace/{code}/plans/{pk}/"
    council = plan.partnership.council_area
    measure = Measure.objects.get(name=MEASURE, partnership__isnull=True)
    assert measure.higher_is_better is False, "the journey needs a lower-is-better indicator"
    observation = _baseline_choice(council)
    assert observation is not None, f"no measured {MEASURE} value for {council.name}"
    baseline = observation.value
    # Shown to the measure's decimal places, as every page shows it (docs/numbers.md).
    baseline_text = measure_value_text(baseline, observation.measure)
    # In full where a target is weighed against it, and in the CSV.
    baseline_exact = number_text(baseline)
    period = observation.period.label
    impossible = math.ceil(baseline) + 5  # a rise: lower is better
    achievable = math.floor(baseline) - 2
    achievable_text = measure_value_text(achievable, observation.measure)
    today = timezone.localdate()
    agreed_on = today - datetime.timedelta(days=1)
    checklist = page.locator("h2#checklist + div")

    # The lead officer signs in and finds the draft through the workspace.
    _sign_in(page, check_accessibility, demo_email("highland", "partner_officer"))
    partnership = _open_partnership_workspace(page, check_accessibility, code)
    side_nav = page.get_by_role("navigation", name=partnership.name, exact=True)
    side_nav.get_by_role("link", name="Plans", exact=True).click()
    _expect_page(page, f"/workspace/{code}/plans/", "Plans")
    # A partner officer does not start plans.
    expect(page.get_by_role("link", name="Start a plan")).to_have_count(0)
    check_accessibility(page)
    page.locator("main").get_by_role("link", name=TITLE, exact=True).click()

    _expect_page(page, plan_path, TITLE)
    expect(page.locator("main strong.ds_tag").first).to_have_text("Draft")
    expect(checklist.get_by_role("listitem")).to_have_count(1)
    expect(checklist.get_by_role("listitem")).to_contain_text("The plan has no outcomes yet.")
    expect(checklist.get_by_role("listitem").locator("strong")).to_have_text("Stops agreement")
    check_accessibility(page)
    check_footer_links(page)

    # A long-term outcome, submitted by keyboard.
    page.get_by_role("link", name="Add a long-term outcome", exact=True).click()
    _expect_page(page, f"{plan_path}outcomes/add/", "Add an outcome")
    check_accessibility(page)
    parent = page.get_by_label("Long-term outcome it sits under", exact=True)
    expect(parent.locator("option:checked")).to_have_text("None: this is a long-term outcome")
    page.get_by_label("Outcome", exact=True).fill(LONG_TERM)
    page.get_by_label("Lead body responsible", exact=True).select_option(label=SAFER_HIGHLAND)
    save = page.get_by_role("button", name="Save outcome", exact=True)
    _tab_to(page, save, limit=150)
    expect(save).to_be_focused()
    page.keyboard.press("Enter")

    _expect_status(page, "Outcome saved.")  # the page has loaded: the outcome is saved
    long_term = Outcome.objects.get(plan=plan, parent__isnull=True)
    _expect_page(page, plan_path, TITLE)
    expect(page).to_have_url(re.compile(rf"#outcome-{long_term.pk}$"))
    section = page.locator(f"#outcome-{long_term.pk}")
    expect(section.get_by_role("heading", level=2)).to_have_text(f"Long-term outcome 1 {LONG_TERM}")
    expect(checklist).to_contain_text("Outcome 1 has no intermediate outcomes.")
    check_accessibility(page)

    # An intermediate outcome under it, from the outcome's own link.
    page.get_by_role("link", name="Add an intermediate outcome under outcome 1", exact=True).click()
    _expect_page(page, f"{plan_path}outcomes/add/", "Add an outcome")
    expect(page).to_have_url(re.compile(rf"\?parent={long_term.pk}$"))
    expect(parent).to_have_value(str(long_term.pk))
    check_accessibility(page)
    page.get_by_label("Outcome", exact=True).fill(INTERMEDIATE)
    page.get_by_label("Lead body responsible", exact=True).select_option(label=SAFER_HIGHLAND)
    page.get_by_role("button", name="Save outcome", exact=True).click()

    _expect_status(page, "Outcome saved.")
    intermediate = Outcome.objects.get(plan=plan, parent=long_term)
    _expect_page(page, plan_path, TITLE)
    expect(page).to_have_url(re.compile(rf"#outcome-{intermediate.pk}$"))
    child = page.locator(f"#outcome-{intermediate.pk}")
    expect(child.get_by_role("heading", level=3)).to_have_text(
        f"Intermediate outcome 1.1 {INTERMEDIATE}"
    )
    expect(checklist).to_contain_text("Outcome 1.1 has no indicator.")
    expect(checklist).to_contain_text("Outcome 1.1 has no commitments.")
    check_accessibility(page)

    # An indicator for the intermediate outcome.
    child.get_by_role("link", name="Add an indicator to outcome 1.1", exact=True).click()
    _expect_page(
        page,
        f"{plan_path}outcomes/{intermediate.pk}/indicators/add/",
        "Add an indicator to an outcome",
    )
    check_accessibility(page)
    page.get_by_label("Indicator", exact=True).select_option(label=MEASURE)
    area = page.get_by_label("Geography the baseline and targets are for", exact=True)
    expect(area.locator("option:checked")).to_have_text(f"{council.name} (council area)")
    page.get_by_role("button", name="Use this indicator", exact=True).click()

    _expect_status(page, f"The outcome now uses {MEASURE} for {council.name}.")
    indicator = OutcomeIndicator.objects.get(outcome=intermediate)
    assert indicator.measure == measure and indicator.area == council
    _expect_page(page, f"{plan_path}indicators/{indicator.pk}/baseline/", f"Baseline for {MEASURE}")
    check_accessibility(page)

    # The baseline, chosen from the values in the data.
    choices = page.get_by_role("group", name="Take the baseline from the data", exact=True)
    expect(choices.get_by_role("radio").first).to_be_visible()
    choice = choices.get_by_role("radio", name=f"{period}: {baseline_text}", exact=True)
    expect(choice).not_to_be_checked()
    choices.get_by_text(f"{period}: {baseline_text}", exact=True).click()  # its label
    expect(choice).to_be_checked()
    page.get_by_role("button", name="Save baseline", exact=True).click()

    _expect_page(page, plan_path, TITLE)
    expect(page).to_have_url(re.compile(rf"#indicator-{indicator.pk}$"))
    _expect_status(page, f"Baseline set: {baseline_text} in {period}.")
    row = page.locator(f"#indicator-{indicator.pk}")
    expect(row.get_by_role("rowheader")).to_contain_text(MEASURE)
    expect(row.get_by_role("rowheader")).to_contain_text("Lower is better")
    expect(row.locator("td").nth(0)).to_have_text(council.name)
    expect(row.locator("td").nth(1)).to_have_text(f"{baseline_text} ({period})")
    expect(row.locator("td").nth(2)).to_have_text("None yet")
    expect(checklist).to_contain_text(f"{MEASURE} (outcome 1.1) has no target.")
    check_accessibility(page)

    # An impossible target: a rise, when lower is better. Refused, and explained.
    row.get_by_role("link", name=f"Add target for {MEASURE}, outcome 1.1", exact=True).click()
    target_path = f"{plan_path}indicators/{indicator.pk}/targets/add/"
    _expect_page(page, target_path, f"Add a target for {MEASURE}")
    facts = page.locator("main ol.ds_summary-list")
    expect(facts).to_contain_text("Lower is better")
    expect(facts).to_contain_text(f"{baseline_text} ({period})")
    check_accessibility(page)
    value = page.get_by_label("Target value", exact=True)
    value.fill(str(impossible))
    due = page.get_by_label("Date the target is to be reached by", exact=True)
    expect(due).to_have_attribute("type", "date")
    due.fill(TARGET_DUE.isoformat())
    page.get_by_role("button", name="Add target", exact=True).click()

    explanation = (
        f"Lower is better for this indicator, so a target of {impossible}% would be a rise "
        f"from the baseline of {baseline_exact}%. Set a target at or below the baseline."
    )
    _expect_page(page, target_path, f"Add a target for {MEASURE}")
    _check_error_summary(page, explanation)
    summary_link = page.locator("#error-summary").get_by_role("link", name=explanation)
    expect(summary_link).to_have_attribute("href", "#id_value")
    field_error = page.locator("#id_value-error")
    expect(field_error).to_have_text(explanation)
    expect(value).to_have_attribute("aria-invalid", "true")
    expect(value).to_have_attribute("aria-describedby", re.compile(r"\bid_value-error\b"))
    expect(value).to_have_value(str(impossible))  # what was typed is kept
    expect(due).to_have_value(TARGET_DUE.isoformat())
    check_accessibility(page)
    assert not Target.objects.filter(indicator=indicator).exists()
    # The summary's link takes the keyboard to the field.
    summary_link.focus()
    page.keyboard.press("Enter")
    expect(value).to_be_focused()

    # A target the indicator can reach.
    value.fill(str(achievable))
    value.press("Enter")  # submitted by keyboard
    _expect_page(page, plan_path, TITLE)
    _expect_status(page, f"Target added: {achievable_text} by {TARGET_DUE:%B %Y}.")
    expect(row.locator("td").nth(2)).to_have_text(
        re.compile(rf"^{achievable_text} by {TARGET_DUE:%B %Y}\s*Remove")
    )
    expect(page.locator("#error-summary")).to_have_count(0)
    check_accessibility(page)

    # A commitment with no date (and no accountable partner yet): saved, but incomplete.
    child.get_by_role("link", name="Add a commitment to outcome 1.1", exact=True).click()
    commitment_add = f"{plan_path}outcomes/{intermediate.pk}/commitments/add/"
    _expect_page(page, commitment_add, "Add a commitment")
    check_accessibility(page)
    page.get_by_label("What will improve", exact=True).fill(WHAT)
    page.get_by_label("Indicator that shows the improvement", exact=True).select_option(
        label=f"{MEASURE} · {council.name}"
    )
    page.get_by_label("How it will be done", exact=True).fill(HOW)
    expect(page.get_by_label("When: date it will be achieved by", exact=True)).to_have_value("")
    page.get_by_role("button", name="Save commitment", exact=True).click()

    needs = "an accountable partner and a date"
    _expect_status(page, f"Commitment saved. It is incomplete: it needs {needs}.")
    commitment = Commitment.objects.get(outcome=intermediate)
    assert commitment.due is None and commitment.lead_partner is None
    _expect_page(page, plan_path, TITLE)
    expect(page).to_have_url(re.compile(rf"#commitment-{commitment.pk}$"))
    item = page.locator(f"#commitment-{commitment.pk}")
    expect(item).to_contain_text(f"1.1.1 What will improve: {WHAT}")
    expect(item.locator("strong.ds_tag--red")).to_have_text(f"Incomplete: needs {needs}")
    expect(item).to_contain_text("No accountable partner yet")
    expect(item).to_contain_text("No date yet")
    blocker = checklist.get_by_role("listitem").filter(has_text=f"Commitment 1.1.1 “{WHAT}”")
    expect(blocker).to_have_count(1)
    expect(blocker).to_contain_text(f"needs {needs}.")
    expect(blocker.locator("strong")).to_have_text("Stops agreement")
    expect(blocker.get_by_role("link")).to_have_attribute("href", f"#commitment-{commitment.pk}")
    check_accessibility(page)

    # Agreement is refused, naming the commitment.
    page.get_by_role("link", name="Record agreement", exact=True).click()
    agree_path = f"{plan_path}agree/"
    _expect_page(page, agree_path, f"Record agreement of “{TITLE}”")
    body = page.get_by_label("Body that agreed the plan", exact=True)
    expect(body.locator("option:checked")).to_have_text(SAFER_HIGHLAND)
    check_accessibility(page)
    page.get_by_label("Date it was agreed", exact=True).fill(agreed_on.isoformat())
    page.get_by_role("button", name="Record agreement", exact=True).click()
    _expect_page(page, agree_path, f"Record agreement of “{TITLE}”")
    _check_error_summary(
        page,
        f"1 commitment is incomplete: “{WHAT}” needs {needs}.",
        "Every commitment must say who is accountable and by when before the plan is agreed.",
    )
    check_accessibility(page)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT and plan.agreed_by is None

    # Back to the plan; the commitment gets its accountable partner and its date.
    page.locator("main").get_by_role("link", name="Cancel", exact=True).click()
    _expect_page(page, plan_path, TITLE)
    check_accessibility(page)
    item.get_by_role("link", name="Change commitment 1.1.1", exact=True).click()
    _expect_page(page, f"{plan_path}commitments/{commitment.pk}/edit/", "Change a commitment")
    expect(page.get_by_label("What will improve", exact=True)).to_have_value(WHAT)
    check_accessibility(page)
    page.get_by_label("Accountable partner (by whom)", exact=True).select_option(label=LEAD_PARTNER)
    when = page.get_by_label("When: date it will be achieved by", exact=True)
    expect(when).to_have_attribute("type", "date")
    when.fill(COMMITMENT_DUE.isoformat())
    page.get_by_role("button", name="Save changes", exact=True).click()

    _expect_page(page, plan_path, TITLE)
    _expect_status(page, "Commitment saved.")
    expect(item.locator("strong.ds_tag--red")).to_have_count(0)
    expect(item).to_contain_text(f"{LEAD_PARTNER} (accountable)")
    expect(item).to_contain_text(f"{COMMITMENT_DUE.day} {COMMITMENT_DUE:%B %Y}")
    expect(page.locator("main").get_by_text("Stops agreement", exact=True)).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Nothing: every outcome has indicators")
    check_accessibility(page)

    # Agreement by Safer Highland, on a past date.
    page.get_by_role("link", name="Record agreement", exact=True).click()
    _expect_page(page, agree_path, f"Record agreement of “{TITLE}”")
    check_accessibility(page)
    expect(body.locator("option:checked")).to_have_text(SAFER_HIGHLAND)
    agreed = page.get_by_label("Date it was agreed", exact=True)
    expect(agreed).to_have_value(today.isoformat())
    agreed.fill(agreed_on.isoformat())
    record = page.get_by_role("button", name="Record agreement", exact=True)
    _tab_to(page, record)
    page.keyboard.press("Enter")

    _expect_page(page, plan_path, TITLE)
    _expect_status(page, f"Agreed by {SAFER_HIGHLAND} on {_long_date(agreed_on)}.")
    expect(page.locator("main strong.ds_tag").first).to_have_text("Agreed")
    expect(page.get_by_role("link", name="Add a long-term outcome")).to_have_count(0)
    expect(page.get_by_role("link", name="Record agreement")).to_have_count(0)
    check_accessibility(page)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.AGREED
    assert plan.agreed_by.name == SAFER_HIGHLAND and plan.agreed_on == agreed_on

    # Publication.
    page.get_by_role("link", name="Publish", exact=True).click()
    _expect_page(page, f"{plan_path}publish/", f"Publish “{TITLE}”")
    expect(page.get_by_label("Date of publication", exact=True)).to_have_value(today.isoformat())
    check_accessibility(page)
    page.get_by_role("button", name="Publish", exact=True).click()
    _expect_page(page, plan_path, TITLE)
    _expect_status(page, "Version 1 is published.")
    expect(page.locator("main strong.ds_tag").first).to_have_text("Published")
    expect(page.get_by_role("link", name="See the public page of this version")).to_have_attribute(
        "href", f"/areas/{code}/plans/{pk}/"
    )
    check_accessibility(page)
    assert page.console_problems == [], "\n".join(page.console_problems)

    # The public: signed out, from the area's list of plans.
    page.context.clear_cookies()
    response = page.goto(f"/areas/{code}/plans/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Plans of {partnership.name}")
    check_accessibility(page)
    page.locator("main").get_by_role("link", name=TITLE, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/areas/{code}/plans/{pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    main = page.locator("main")
    expect(main.get_by_role("link", name=re.compile("^Add |^Change|^Remove"))).to_have_count(0)
    expect(page.locator(f"#outcome-{long_term.pk}").get_by_role("heading", level=2)).to_have_text(
        f"Long-term outcome 1 {LONG_TERM}"
    )
    expect(child.get_by_role("heading", level=3)).to_have_text(
        f"Intermediate outcome 1.1 {INTERMEDIATE}"
    )
    expect(row.locator("td").nth(1)).to_have_text(f"{baseline_text} ({period})")
    expect(row.locator("td").nth(2)).to_have_text(f"{achievable_text} by {TARGET_DUE:%B %Y}")
    expect(item.get_by_role("link", name=LEAD_PARTNER, exact=True)).to_have_attribute(
        "href", re.compile(rf"^/areas/{code}/partnership/partners/\d+/$")
    )
    table = page.get_by_role("region", name=INDICATORS_TABLE, exact=True)
    expect(table.get_by_role("rowheader", name="1.1", exact=True)).to_have_count(1)
    expect(table.locator("tbody tr").first).to_contain_text(MEASURE)
    check_accessibility(page)
    check_footer_links(page)

    # The indicators table as a CSV file.
    download_link = page.get_by_role(
        "link", name=f"Download “{INDICATORS_TABLE}” (CSV)", exact=True
    )
    expect(download_link).to_have_attribute("href", f"/areas/{code}/plans/{pk}/indicators.csv")
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == f"plan-{pk}-v1-indicators.csv"
    content = Path(download.path()).read_text(encoding="utf-8")
    lines = content.splitlines()
    assert lines[0].startswith("Outcome,Indicator,Area,Unit,Direction,Baseline"), lines[0]
    assert len(lines) == 2, content
    assert lines[1].startswith(f"1.1,{MEASURE},{council.name},%,Lower is better,{baseline_exact},")
    assert f"{achievable} by {TARGET_DUE:%B %Y}" in lines[1]
    assert page.console_problems == [], "\n".join(page.console_problems)
