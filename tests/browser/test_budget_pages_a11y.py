"""The participatory budgeting pages in a real browser: signed out, Perth and Kinross's
votes, the demo's published vote (results, turnout, what Equal Shares would not fund, and
"you voted, we delivered") and its vote open now; as Perth and Kinross's support officer,
every staff page of the published vote and the open vote's settings; as the demo
resident, the open vote's ballot. axe, the footer and a keyboard walk on each. Nothing is
written."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from placeplan.budgets.models import Process
from placeplan.demo.services import demo_email
from tests.browser.keyboard import keyboard_walk
from tests.browser.test_engagement_pages_a11y import resident_cookies  # noqa: F401 - fixture
from tests.browser.test_governance_pages_a11y import (
    _no_console_problems,
    _open,
    _sign_in_cookies,
)

pytestmark = pytest.mark.browser

PERTH = "S12000048"


@pytest.fixture(scope="module")
def votes(browser) -> dict:
    demo = Process.objects.filter(partnership__council_area__code=PERTH, is_demo=True)
    return {
        "published": demo.get(results_published_at__isnull=False),
        "open": demo.get(results_published_at__isnull=True),
    }


@pytest.mark.parametrize("name", ["list", "published", "open"])
def test_public_budget_page(
    name, page, votes, unchanged_database, check_accessibility, check_footer_links
):
    if name == "list":
        _open(page, f"/areas/{PERTH}/budgets/", "Participatory budgeting")
    else:
        process = votes[name]
        _open(page, f"/areas/{PERTH}/budgets/{process.pk}/", process.title)
    if name == "published":
        expect(page.locator("main")).to_contain_text("Turnout")
        expect(page.locator("main table").first).to_be_visible()
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


@pytest.fixture(scope="module")
def perth_cookies(browser, server_url):
    return _sign_in_cookies(browser, server_url, demo_email("perth", "support_officer"))


STAFF_PAGES = ["list", "process", "proposals", "codes", "paper", "results", "edit"]


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_budget_page(
    name, page, votes, perth_cookies, unchanged_database, check_accessibility, check_footer_links
):
    page.context.add_cookies(perth_cookies)
    published, voting = votes["published"], votes["open"]
    base = f"/workspace/{PERTH}/budgets/"
    paths = {
        "list": base,
        "process": f"{base}{published.pk}/",
        "proposals": f"{base}{published.pk}/proposals/",
        "codes": f"{base}{voting.pk}/codes/",
        "paper": f"{base}{voting.pk}/paper/",
        "results": f"{base}{published.pk}/results/",
        "edit": f"{base}{voting.pk}/edit/",
    }
    page.goto(paths[name])
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.title() and "Error" not in page.title()
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


def test_the_ballot_of_the_open_vote(
    page,
    votes,
    resident_cookies,  # noqa: F811 - the fixture imported above
    unchanged_database,
    check_accessibility,
):
    page.context.add_cookies(resident_cookies)
    process = votes["open"]
    page.goto(f"/contribute/{PERTH}/budgets/{process.pk}/vote/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("#ballot-total")).to_have_attribute("aria-live", "polite")
    check_accessibility(page)
    keyboard_walk(page)
    _no_console_problems(page)
