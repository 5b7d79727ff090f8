"""Every workspace governance page, as a signed-in support officer, in a real browser: axe,
the footer, and a keyboard walk (every control reachable by Tab, no trap, a visible focus
indicator). Then the empty forms' error states, and the keyboard on radios, checkboxes and
the structure chart.

Nothing here changes the database: only empty forms are submitted, and a fixture checks
that no row was added or removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from placeplan.demo.services import DEMO_PASSWORD, demo_email
from placeplan.partnerships.models import (
    Body,
    Locality,
    Membership,
    Partner,
    Partnership,
    Person,
)
from tests.browser.conftest import CONTEXT
from tests.browser.keyboard import keyboard_walk

pytestmark = pytest.mark.browser

HIGHLAND = "S12000017"
PERTH = "S12000048"
SAFER_HIGHLAND = "Safer Highland"
NHS_HIGHLAND = "NHS Highland"
PERTH_CITY = "Perth City"


# Signing in once per module: the session cookie is copied into each test's fresh context.


def _sign_in_cookies(browser, server_url: str, email: str) -> list[dict]:
    context = browser.new_context(base_url=server_url, **CONTEXT)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page).to_have_url(re.compile(r"/workspace/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Your workspace")
        return context.cookies()
    finally:
        context.close()


@pytest.fixture(scope="module")
def highland_cookies(browser, server_url):
    return _sign_in_cookies(browser, server_url, demo_email("highland", "support_officer"))


@pytest.fixture(scope="module")
def perth_cookies(browser, server_url):
    return _sign_in_cookies(browser, server_url, demo_email("perth", "support_officer"))


@pytest.fixture
def highland_page(page, highland_cookies):
    page.context.add_cookies(highland_cookies)
    return page


@pytest.fixture
def perth_page(page, perth_cookies):
    page.context.add_cookies(perth_cookies)
    return page


# The demo objects the URLs name.


@dataclass(frozen=True)
class Demo:
    body: Body
    membership: Membership
    person: Person
    partner: Partner
    locality: Locality


@pytest.fixture(scope="module")
def demo(browser) -> Demo:
    """Safer Highland, one of its plain members (who is also the person visited), NHS
    Highland as a partner, and Perth and Kinross's Perth City locality."""
    body = Body.objects.get(partnership__council_area__code=HIGHLAND, name=SAFER_HIGHLAND)
    membership = (
        Membership.objects.filter(body=body, end__isnull=True, role=Membership.MemberRole.MEMBER)
        .select_related("person", "body")
        .order_by("pk")
        .first()
    )
    assert membership is not None, f"the demo should seat plain members on {SAFER_HIGHLAND}"
    partner = Partner.objects.select_related("organisation").get(
        partnership__council_area__code=HIGHLAND, organisation__name=NHS_HIGHLAND
    )
    locality = Locality.objects.get(partnership__council_area__code=PERTH, name=PERTH_CITY)
    return Demo(body, membership, membership.person, partner, locality)


def _no_console_problems(page) -> None:
    assert page.console_problems == [], "\n".join(page.console_problems)


def _open(page, path: str, heading: str) -> None:
    response = page.goto(path)
    assert response is not None
    assert response.status == 200, f"{path} answered {response.status}"
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("#error-summary")).to_have_count(0)


# Every page: axe, footer, keyboard walk.

HIGHLAND_PAGES = {
    "structure": ("structure/", "Structure"),
    "partners": ("partners/", "Partners"),
    "partner_add": ("partners/add/", "Add a partner"),
    "partner_edit": ("partners/{partner}/edit/", "Change {partner_name}'s status"),
    "body_add": ("bodies/add/", "Add a body"),
    "body": ("bodies/{body}/", "{body_name}"),
    "body_edit": ("bodies/{body}/edit/", "Change {body_name}"),
    "member_add": ("bodies/{body}/members/add/", "Add a member to {body_name}"),
    "membership_end": (
        "bodies/{body}/members/{membership}/end/",
        "End {person_name}'s membership of {body_name}",
    ),
    "membership_review": (
        "bodies/{body}/members/{membership}/review/",
        "Record a review of {person_name}'s membership",
    ),
    "persons": ("members/", "Members of bodies"),
    "person_add": ("members/add/", "Add a person"),
    "person": ("members/{person}/", "{person_name}"),
    "person_edit": ("members/{person}/edit/", "Change {person_name}'s details"),
    "contact": ("contact/", "Contact details for the public"),
}


def _names(demo: Demo) -> dict[str, object]:
    return {
        "body": demo.body.pk,
        "body_name": demo.body.name,
        "membership": demo.membership.pk,
        "person": demo.person.pk,
        "person_name": demo.person.name,
        "partner": demo.partner.pk,
        "partner_name": demo.partner.organisation.name,
    }


@pytest.mark.parametrize("name", list(HIGHLAND_PAGES))
def test_highland_governance_page(
    name, highland_page, demo, check_accessibility, check_footer_links
):
    page = highland_page
    path, heading = HIGHLAND_PAGES[name]
    values = _names(demo)
    _open(page, f"/workspace/{HIGHLAND}/" + path.format(**values), heading.format(**values))
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


def _wait_for_locality_map(page) -> None:
    canvas = page.locator('[data-chart="locality-map"]')
    expect(canvas).to_have_attribute("data-chart-ready", "true")
    expect(canvas.locator("svg, canvas").first).to_be_visible()
    expect(page.locator("[data-chart-error]")).to_have_count(0)


@pytest.mark.parametrize("name", ["localities", "locality_add", "locality_edit"])
def test_perth_locality_page(name, perth_page, demo, check_accessibility, check_footer_links):
    page = perth_page
    path, heading = {
        "localities": ("localities/", "Localities"),
        "locality_add": ("localities/add/", "Add a locality"),
        "locality_edit": (f"localities/{demo.locality.pk}/edit/", f"Change {PERTH_CITY}"),
    }[name]
    _open(page, f"/workspace/{PERTH}/{path}", heading)
    if name == "locality_edit":
        _wait_for_locality_map(page)
        expect(page.get_by_label("Name of the locality")).to_have_value(PERTH_CITY)
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


# Error states: the empty forms.

_ERROR_LINKS = """() => {
  const summary = document.getElementById("error-summary");
  return [...summary.querySelectorAll("a")].map((a) => ({
    text: a.textContent.trim(), href: a.getAttribute("href"),
  }));
}"""

_FOCUS_IN = """(id) => {
  const target = document.getElementById(id);
  const active = document.activeElement;
  return !!target && !!active && (active === target || target.contains(active));
}"""

_DESCRIBED_ERRORS = """() => {
  const problems = [];
  for (const message of document.querySelectorAll(".ds_question__error-message")) {
    const question = message.closest(".ds_question");
    const text = message.textContent.trim();
    if (!message.id) { problems.push(`error message without an id: "${text}"`); continue; }
    const same = document.querySelectorAll(`[id="${CSS.escape(message.id)}"]`).length;
    if (same > 1) problems.push(`id ${message.id} is used ${same} times`);
    const describes = [...question.querySelectorAll("[aria-describedby]")].filter((el) =>
      el.getAttribute("aria-describedby").split(/\\s+/).includes(message.id));
    if (!describes.length) {
      problems.push(`error "${text}" (#${message.id}) is not in any aria-describedby`);
    }
    const invalid = question.querySelector('[aria-invalid="true"]');
    const field = question.querySelector("input, select, textarea");
    if (field && field.type !== "checkbox" && field.type !== "radio" && !invalid) {
      problems.push(`field #${field.id} with error "${text}" lacks aria-invalid="true"`);
    }
  }
  return problems;
}"""


def _check_error_summary(page, expected_errors: list[str]) -> None:
    """The summary is shown, has focus and lists the errors, as the fields do."""
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile("^Error: "))
    expect(summary.get_by_role("link")).to_have_text(expected_errors)
    expect(page.locator(".ds_question__error-message")).to_have_text(expected_errors)


def _check_error_links(page) -> None:
    """Each error is described on its field, and its summary link moves focus there."""
    summary = page.locator("#error-summary")
    problems = list(page.evaluate(_DESCRIBED_ERRORS))
    for index, link in enumerate(page.evaluate(_ERROR_LINKS)):
        href = link["href"] or ""
        target = href[1:] if href.startswith("#") else ""
        if not target or page.locator(f"[id='{target}']").count() != 1:
            problems.append(f"error link {link['text']!r} has href {href!r}: no field has that id")
            continue
        summary.get_by_role("link").nth(index).click()
        try:
            page.wait_for_function(_FOCUS_IN, arg=target, timeout=2_000)
        except PlaywrightTimeoutError:  # reported with what has focus instead
            active = page.evaluate("() => document.activeElement.outerHTML.slice(0, 160)")
            problems.append(
                f"error link {link['text']!r} (href {href}) does not move focus into "
                f"#{target}; focus is on {active}"
            )
    if problems:
        pytest.fail(
            f"error summary problems on {page.url}:\n" + "\n".join(f"- {p}" for p in problems),
            pytrace=False,
        )


def _submit_empty(page, button: str) -> None:
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=button, exact=True).click()
    response = navigation.value
    assert response is not None
    assert response.status == 200, f"the empty form answered {response.status}"


EMPTY_FORMS = {
    "body_add": (
        HIGHLAND,
        "bodies/add/",
        "Add body",
        ["Enter the body's name", "Choose what kind of body it is", "Choose the body's level"],
    ),
    "partner_add": (
        HIGHLAND,
        "partners/add/",
        "Add partner",
        ["Choose an organisation or enter the name of a new one"],
    ),
    "person_add": (HIGHLAND, "members/add/", "Add person", ["Enter the person's full name"]),
    "locality_add": (
        PERTH,
        "localities/add/",
        "Save locality",
        ["Enter the locality's name", "Choose at least one community the locality covers"],
    ),
}


@pytest.mark.parametrize("name", list(EMPTY_FORMS))
def test_empty_form_shows_linked_errors(
    name, page, highland_cookies, perth_cookies, unchanged_database, check_accessibility
):
    code, path, button, errors = EMPTY_FORMS[name]
    page.context.add_cookies(highland_cookies if code == HIGHLAND else perth_cookies)
    response = page.goto(f"/workspace/{code}/{path}")
    assert response is not None and response.status == 200
    _submit_empty(page, button)
    _check_error_summary(page, errors)
    check_accessibility(page)
    _check_error_links(page)
    _no_console_problems(page)


# Keyboard: radios, checkboxes, the structure chart.


def _tab_to(page, target, limit: int = 150) -> None:
    """Press Tab until ``target`` has focus (fails if it never does)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {target} on {page.url}", pytrace=False)


def test_partner_status_radios_work_by_keyboard(highland_page, unchanged_database):
    page = highland_page
    _open(page, f"/workspace/{HIGHLAND}/partners/add/", "Add a partner")
    group = page.get_by_role("group", name="Is it a statutory partner?", exact=True)
    expect(group).to_be_visible()
    radios = group.get_by_role("radio")
    expect(radios).to_have_count(3)
    schedule, statutory, invited = radios.nth(0), radios.nth(1), radios.nth(2)
    expect(schedule).to_have_accessible_name(re.compile("^Work it out from the type"))
    expect(statutory).to_have_accessible_name("Statutory community planning partner")
    expect(invited).to_have_accessible_name("Invited partner")
    expect(schedule).to_be_checked()

    # Tab reaches the checked radio, straight after the field before it.
    _tab_to(page, schedule)
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_label("Type of the new organisation", exact=True)).to_be_focused()
    page.keyboard.press("Tab")
    expect(schedule).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(statutory).to_be_focused()
    expect(statutory).to_be_checked()
    expect(schedule).not_to_be_checked()
    page.keyboard.press("ArrowDown")
    expect(invited).to_be_focused()
    expect(invited).to_be_checked()
    page.keyboard.press("ArrowUp")
    expect(statutory).to_be_focused()
    expect(statutory).to_be_checked()
    expect(invited).not_to_be_checked()
    # Out of the group in one Tab, and back to the checked radio with Shift+Tab.
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Add partner", exact=True)).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(statutory).to_be_focused()
    _no_console_problems(page)


def test_body_checkbox_toggles_with_space(highland_page, unchanged_database):
    page = highland_page
    _open(page, f"/workspace/{HIGHLAND}/bodies/add/", "Add a body")
    chair = page.get_by_role("checkbox", name="A chair is required", exact=True)
    lead = page.get_by_role("checkbox", name="A lead officer is required", exact=True)
    expect(chair).to_be_checked()
    expect(lead).not_to_be_checked()

    _tab_to(page, lead)
    page.keyboard.press("Shift+Tab")
    expect(chair).to_be_focused()  # the checkboxes follow one another in the Tab order
    page.keyboard.press("Tab")
    expect(lead).to_be_focused()
    page.keyboard.press("Space")
    expect(lead).to_be_checked()
    expect(lead).to_be_focused()
    page.keyboard.press("Space")
    expect(lead).not_to_be_checked()
    expect(chair).to_be_checked()
    _no_console_problems(page)


def test_structure_chart_is_focusable_and_scrolls_by_keyboard(highland_page):
    page = highland_page
    partnership = Partnership.objects.get(council_area__code=HIGHLAND)
    _open(page, f"/workspace/{HIGHLAND}/structure/", "Structure")
    chart = page.get_by_role("region", name=f"Structure chart of {partnership.name}", exact=True)
    expect(chart).to_be_visible()
    expect(chart).to_have_attribute("tabindex", "0")
    _tab_to(page, chart)
    expect(chart).to_be_focused()
    outline = chart.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "the focused structure chart shows no outline"
    overflow = chart.evaluate("el => el.scrollWidth - el.clientWidth")
    if overflow > 0:  # a wide chart scrolls sideways with the arrow keys
        page.keyboard.press("ArrowRight")
        page.wait_for_function("el => el.scrollLeft > 0", arg=chart.element_handle(), timeout=2_000)
    # The next Tab stop is the chart's first body link.
    page.keyboard.press("Tab")
    first_link = chart.get_by_role("link").first
    expect(first_link).to_be_focused()
    _no_console_problems(page)
