"""Every plans page in a real browser: the workspace's (as Highland's support officer) and
the public site's. axe, the footer, and a keyboard walk (every control reachable by Tab,
no trap, a visible focus indicator). Then the forms' error states, submitted empty.

The page sweep only reads; the empty forms are submitted on a scratch draft the module
makes through the services (rolled back with the module, tests/browser/conftest.py), and
a fixture checks that no submission wrote a row or a line of history.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from placeplan.demo.services import demo_email
from placeplan.partnerships.models import Body, Partner
from placeplan.performance.models import Measure
from placeplan.plans import services
from placeplan.plans.models import Commitment, Outcome, OutcomeIndicator, Plan, Target
from tests.browser.keyboard import keyboard_walk
from tests.browser.test_governance_pages_a11y import (
    _check_error_links,
    _check_error_summary,
    _no_console_problems,
    _open,
    _sign_in_cookies,
    _submit_empty,
)

pytestmark = pytest.mark.browser

HIGHLAND = "S12000017"
PERTH = "S12000048"
SOA = "Highland Single Outcome Agreement 2013/14 to 2018/19 (demonstration)"
DRAFT = "Safer Highland delivery plan 2026 to 2029 (draft, demonstration)"
PERTH_CITY_PLAN = "Perth City Locality Plan 2017 to 2027 (demonstration)"
NHS_HIGHLAND = "NHS Highland"
SCRATCH = "Browser test scratch plan (fictional)"


@pytest.fixture(scope="module")
def highland_cookies(browser, server_url):
    return _sign_in_cookies(browser, server_url, demo_email("highland", "support_officer"))


@pytest.fixture
def highland_page(page, highland_cookies):
    page.context.add_cookies(highland_cookies)
    return page


# The demo objects the URLs name.


@dataclass(frozen=True)
class Demo:
    draft: Plan
    top: Outcome  # the draft's long-term outcome
    child: Outcome  # its intermediate outcome
    indicator: OutcomeIndicator
    target: Target
    commitment: Commitment
    soa_v1: Plan
    soa_v2: Plan
    perth_city: Plan
    partner: Partner


@pytest.fixture(scope="module")
def demo(browser) -> Demo:
    """Safer Highland's draft and what is in it, both versions of the Highland SOA, the
    Perth City locality plan, and NHS Highland as a partner."""
    draft = Plan.objects.get(partnership__council_area__code=HIGHLAND, title=DRAFT)
    assert draft.status == Plan.Status.DRAFT
    top = draft.outcomes.get(parent__isnull=True)
    child = draft.outcomes.get(parent=top)
    indicator = child.indicators.select_related("measure", "area").get()
    target = indicator.targets.get()
    commitment = child.commitments.get()
    soa_v1 = Plan.objects.get(partnership__council_area__code=HIGHLAND, title=SOA, version=1)
    soa_v2 = Plan.objects.get(series=soa_v1.series, version=2)
    assert (soa_v1.status, soa_v2.status) == (Plan.Status.SUPERSEDED, Plan.Status.PUBLISHED)
    perth_city = Plan.objects.get(partnership__council_area__code=PERTH, title=PERTH_CITY_PLAN)
    assert perth_city.status == Plan.Status.PUBLISHED
    partner = Partner.objects.select_related("organisation").get(
        partnership__council_area__code=HIGHLAND, organisation__name=NHS_HIGHLAND
    )
    return Demo(
        draft, top, child, indicator, target, commitment, soa_v1, soa_v2, perth_city, partner
    )


def _names(demo: Demo) -> dict[str, object]:
    return {
        "draft": demo.draft.pk,
        "draft_title": demo.draft.title,
        "top": demo.top.pk,
        "child": demo.child.pk,
        "indicator": demo.indicator.pk,
        "measure": demo.indicator.measure.name,
        "area": demo.indicator.area.name,
        "target": demo.target.pk,
        "target_text": str(demo.target),
        "commitment": demo.commitment.pk,
        "v1": demo.soa_v1.pk,
        "v2": demo.soa_v2.pk,
        "soa_title": SOA,
        "perth_city": demo.perth_city.pk,
        "perth_city_title": demo.perth_city.title,
        "partner": demo.partner.pk,
        "partner_name": demo.partner.organisation.name,
    }


# Every page: axe, footer, keyboard walk.

D = "plans/{draft}/"
WORKSPACE_PAGES = {
    "plan_list": ("plans/", "Plans"),
    "plan_add": ("plans/add/", "Start a plan"),
    "draft": (D, "{draft_title}"),
    "soa": ("plans/{v2}/", "{soa_title}"),
    "soa_superseded": ("plans/{v1}/", "{soa_title}"),
    "compare": ("plans/{v2}/compare/{v1}/", "What changed from version 1 to version 2"),
    "outcome_add": (D + "outcomes/add/", "Add an outcome"),
    "intermediate_add": (D + "outcomes/add/?parent={top}", "Add an outcome"),
    "outcome_edit": (D + "outcomes/{top}/edit/", "Change an outcome"),
    "outcome_remove": (D + "outcomes/{child}/remove/", "Remove an outcome"),
    "indicator_add": (D + "outcomes/{child}/indicators/add/", "Add an indicator to an outcome"),
    "baseline": (D + "indicators/{indicator}/baseline/", "Baseline for {measure}"),
    "target_add": (D + "indicators/{indicator}/targets/add/", "Add a target for {measure}"),
    "inequality": (D + "indicators/{indicator}/inequality/", "Inequality target for {measure}"),
    "tolerance": (D + "indicators/{indicator}/tolerance/", "Tolerance for {measure}"),
    "indicator_remove": (
        D + "indicators/{indicator}/remove/",
        "Stop using {measure} for {area}",
    ),
    "target_remove": (
        D + "targets/{target}/remove/",
        "Remove the target of {target_text} for {measure}",
    ),
    "commitment_add": (D + "outcomes/{child}/commitments/add/", "Add a commitment"),
    "commitment_edit": (D + "commitments/{commitment}/edit/", "Change a commitment"),
    "commitment_remove": (D + "commitments/{commitment}/remove/", "Remove a commitment"),
    "agree": (D + "agree/", "Record agreement of “{draft_title}”"),
    "plan_edit": (D + "edit/", "Change the details of “{draft_title}”"),
    "amend": ("plans/{v2}/amend/", "Amend “{soa_title}”"),
    "indicator_library": ("indicators/", "Indicator library"),
    "local_indicator_add": ("indicators/add/", "Define a local indicator"),
    "partner": ("partners/{partner}/", "{partner_name}: accountability"),
}


@pytest.fixture
def demo_unchanged(db, browser, demo):
    """Fails the test if a page visit changed a demo plan's status or added a version."""
    before = list(Plan.objects.order_by("pk").values_list("pk", "status", "version"))
    yield
    assert list(Plan.objects.order_by("pk").values_list("pk", "status", "version")) == before


@pytest.mark.parametrize("name", list(WORKSPACE_PAGES))
def test_workspace_plan_page(
    name, highland_page, demo, demo_unchanged, check_accessibility, check_footer_links
):
    page = highland_page
    path, heading = WORKSPACE_PAGES[name]
    values = _names(demo)
    _open(page, f"/workspace/{HIGHLAND}/" + path.format(**values), heading.format(**values))
    if name == "intermediate_add":
        parent = page.get_by_label("Long-term outcome it sits under", exact=True)
        expect(parent).to_have_value(str(demo.top.pk))
    if name == "baseline":  # the values in the data are offered, the chosen one checked
        choices = page.get_by_role("group", name="Take the baseline from the data", exact=True)
        expect(choices.get_by_role("radio").first).to_be_visible()
        expect(choices.get_by_role("radio", checked=True)).to_have_count(1)
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


PUBLIC_PAGES = {
    "plans": (HIGHLAND, "plans/", "Plans of {partnership_name}"),
    "soa": (HIGHLAND, "plans/{v2}/", "{soa_title}"),
    "soa_superseded": (HIGHLAND, "plans/{v1}/", "{soa_title}"),
    "compare": (HIGHLAND, "plans/{v1}/compare/{v2}/", "What changed from version 1 to version 2"),
    "perth_city_plan": (PERTH, "plans/{perth_city}/", "{perth_city_title}"),
    "partner": (HIGHLAND, "partnership/partners/{partner}/", "{partner_name}"),
}


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_public_plan_page(name, page, demo, check_accessibility, check_footer_links):
    code, path, heading = PUBLIC_PAGES[name]
    values = {**_names(demo), "partnership_name": demo.soa_v2.partnership.name}
    _open(page, f"/areas/{code}/" + path.format(**values), heading.format(**values))
    if name == "soa_superseded":
        note = page.get_by_role("note")
        expect(note).to_contain_text("This version has been replaced.")
        expect(note.get_by_role("link", name="Read the current version (2)")).to_have_attribute(
            "href", f"/areas/{HIGHLAND}/plans/{demo.soa_v2.pk}/"
        )
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


def test_drafts_are_not_public(page, demo):
    response = page.goto(f"/areas/{HIGHLAND}/plans/{demo.draft.pk}/")
    assert response is not None and response.status == 404
    response = page.goto(f"/areas/{HIGHLAND}/plans/")
    assert response is not None and response.status == 200
    expect(page.locator("main").get_by_role("link", name=DRAFT)).to_have_count(0)
    expect(page.locator("main").get_by_role("link", name=SOA, exact=True)).to_have_count(1)


# Error states: the forms submitted empty, on a scratch draft.


@dataclass(frozen=True)
class Scratch:
    plan: Plan
    top: Outcome
    child: Outcome
    indicator: OutcomeIndicator  # no baseline yet
    commitment: Commitment


@pytest.fixture(scope="module")
def scratch(browser) -> Scratch:
    """A draft of Safer Highland with one outcome of each level, an indicator without a
    baseline and a commitment, made through the services (rolled back with the module)."""
    assert not Plan.objects.filter(title=SCRATCH).exists(), "left over from another test"
    safer = Body.objects.get(partnership__council_area__code=HIGHLAND, name="Safer Highland")
    plan = services.plan_save(
        plan=Plan(
            partnership=safer.partnership,
            kind=Plan.Kind.THEMATIC,
            title=SCRATCH,
            period_start=datetime.date(2026, 4, 1),
            period_end=datetime.date(2029, 3, 31),
            owning_body=safer,
        )
    )
    top = services.outcome_save(
        outcome=Outcome(plan=plan, statement="A fictional long-term outcome.")
    )
    child = services.outcome_save(
        outcome=Outcome(plan=plan, parent=top, statement="A fictional intermediate outcome.")
    )
    indicator = services.indicator_add(
        outcome=child,
        measure=Measure.objects.get(name="Child Poverty", partnership__isnull=True),
        area=safer.partnership.council_area,
    )
    commitment = services.commitment_save(
        commitment=Commitment(outcome=child, what="A fictional commitment.")
    )
    return Scratch(plan, top, child, indicator, commitment)


def _clear_form(page) -> None:
    """Empty what the form arrives with: text, numbers and dates cleared, each select on
    its empty choice (as a user would, by keyboard or mouse)."""
    form = page.locator("main form")
    fields = form.locator("input[type=text], input[type=number], input[type=date], textarea")
    for index in range(fields.count()):
        fields.nth(index).fill("")
    selects = form.locator("select")
    for index in range(selects.count()):
        select = selects.nth(index)
        if select.locator("option[value='']").count():
            select.select_option(value="")


S = "plans/{plan}/"
EMPTY_FORMS = {
    "plan_add": (
        "plans/add/",
        "Start the plan",
        [
            "Choose the kind of plan",
            "Enter the plan's title",
            "Enter the start of the plan's period",
            "Enter the end of the plan's period",
            "Choose the body that owns it",
            "Enter how many priorities the plan allows",
        ],
    ),
    "plan_edit": (
        S + "edit/",
        "Save changes",
        [
            "Choose the kind of plan",
            "Enter the plan's title",
            "Enter the start of the plan's period",
            "Enter the end of the plan's period",
            "Choose the body that owns it",
            "Enter how many priorities the plan allows",
        ],
    ),
    "outcome_add": (S + "outcomes/add/", "Save outcome", ["Enter the outcome"]),
    "outcome_edit": (S + "outcomes/{child}/edit/", "Save changes", ["Enter the outcome"]),
    "indicator_add": (
        S + "outcomes/{child}/indicators/add/",
        "Use this indicator",
        ["Choose an indicator", "Choose the geography"],
    ),
    "baseline": (
        S + "indicators/{indicator}/baseline/",
        "Save baseline",
        [
            "Choose a value from the data, or enter the baseline",
            "Enter the period the baseline is for",
        ],
    ),
    "target_add": (
        S + "indicators/{indicator}/targets/add/",
        "Add target",
        ["Enter the target value", "Enter the date the target is to be reached by"],
    ),
    "tolerance": (
        S + "indicators/{indicator}/tolerance/",
        "Save tolerance",
        ["Enter the tolerance, a whole number from 0 to 100"],
    ),
    "commitment_add": (
        S + "outcomes/{child}/commitments/add/",
        "Save commitment",
        ["Enter what will improve"],
    ),
    "commitment_edit": (
        S + "commitments/{commitment}/edit/",
        "Save changes",
        ["Enter what will improve"],
    ),
    "agree": (
        S + "agree/",
        "Record agreement",
        ["Choose the body", "Enter the date it was agreed"],
    ),
    "local_indicator_add": (
        "indicators/add/",
        "Add to the library",
        [
            "Enter the indicator's name",
            "Enter what the indicator measures",
            "Enter the unit",
            "Choose which way is better",
            "Enter the source",
            "Enter how often it is reported",
            "Choose at least one geography",
        ],
    ),
}


@pytest.mark.parametrize("name", list(EMPTY_FORMS))
def test_empty_form_shows_linked_errors(
    name, highland_page, scratch, unchanged_database, check_accessibility
):
    page = highland_page
    path, button, errors = EMPTY_FORMS[name]
    values = {
        "plan": scratch.plan.pk,
        "child": scratch.child.pk,
        "indicator": scratch.indicator.pk,
        "commitment": scratch.commitment.pk,
    }
    response = page.goto(f"/workspace/{HIGHLAND}/" + path.format(**values))
    assert response is not None and response.status == 200
    _clear_form(page)
    _submit_empty(page, button)
    _check_error_summary(page, errors)
    check_accessibility(page)
    _check_error_links(page)
    _no_console_problems(page)
