"""The Stories of Place pages in a real browser: the public story and its versions, the
workspace's story pages and moderation queue (Perth and Kinross's support officer), and a
resident's pages (the demo resident). Axe, the footer, a keyboard walk and no console
problems on each; nothing is changed."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from placeplan.demo.services import DEMO_PASSWORD, DEMO_RESIDENT_EMAIL, demo_email
from placeplan.stories.models import Moderation, Proposal, Story
from tests.browser.conftest import CONTEXT
from tests.browser.keyboard import keyboard_walk
from tests.browser.test_governance_pages_a11y import (
    _no_console_problems,
    _open,
    _sign_in_cookies,
)

pytestmark = pytest.mark.browser

PERTH = "S12000048"


@pytest.fixture(scope="module")
def perth_city(browser) -> Story:
    return Story.objects.get(
        locality__partnership__council_area__code=PERTH, locality__name="Perth City"
    )


@pytest.fixture(scope="module")
def waiting(perth_city) -> Proposal:
    return Proposal.objects.get(section__story=perth_city, status=Moderation.PENDING)


@pytest.fixture(scope="module")
def perth_cookies(browser, server_url):
    return _sign_in_cookies(browser, server_url, demo_email("perth", "support_officer"))


@pytest.fixture
def perth_page(page, perth_cookies):
    page.context.add_cookies(perth_cookies)
    return page


@pytest.fixture(scope="module")
def resident_cookies(browser, server_url):
    context = browser.new_context(base_url=server_url, **CONTEXT)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(DEMO_RESIDENT_EMAIL)
        page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
        return context.cookies()
    finally:
        context.close()


@pytest.fixture
def resident_page(page, resident_cookies):
    page.context.add_cookies(resident_cookies)
    return page


def _check(page, check_accessibility, check_footer_links) -> None:
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


PUBLIC = {
    "stories": ("/areas/{code}/stories/", "Stories of Place"),
    "story": ("/areas/{code}/stories/{locality}/", "Perth City"),
    "versions": ("/areas/{code}/stories/{locality}/versions/?section={work}", "Every version"),
}


@pytest.mark.parametrize("name", list(PUBLIC))
def test_public_story_page(
    name, page, perth_city, unchanged_database, check_accessibility, check_footer_links
):
    path, heading = PUBLIC[name]
    work = perth_city.sections.get(evidence="work").pk
    _open(page, path.format(code=PERTH, locality=perth_city.locality_id, work=work), heading)
    if name == "story":
        expect(page.get_by_role("heading", level=2, name="Work and money")).to_be_visible()
        expect(page.locator(".pp-evidence").first).to_be_visible()
    _check(page, check_accessibility, check_footer_links)


STAFF = {
    "list": ("stories/", "Stories of Place"),
    "story": ("stories/{locality}/", "Perth City"),
    "queue": ("stories/moderation/", "Moderation queue"),
    "decide": (
        "stories/moderation/proposals/{proposal}/",
        "Proposed change to “Learning”, Perth City",
    ),
    "edit": ("stories/{locality}/sections/{work}/edit/", "Write “Work and money”"),
    "sections": ("stories/{locality}/sections/", "Name and order the sections"),
    "versions": ("stories/{locality}/sections/{work}/versions/", "Versions of “Work and money”"),
    "asset": ("stories/{locality}/assets/add/", "Add a community asset"),
}


@pytest.mark.parametrize("name", list(STAFF))
def test_workspace_story_page(
    name,
    perth_page,
    perth_city,
    waiting,
    unchanged_database,
    check_accessibility,
    check_footer_links,
):
    path, heading = STAFF[name]
    values = {
        "locality": perth_city.locality_id,
        "proposal": waiting.pk,
        "work": perth_city.sections.get(evidence="work").pk,
    }
    _open(perth_page, f"/workspace/{PERTH}/" + path.format(**values), heading)
    if name == "decide":
        expect(perth_page.locator(".pp-comparison__added").first).to_be_visible()
    _check(perth_page, check_accessibility, check_footer_links)


RESIDENT = {
    "mine": ("/contribute/", "What you have proposed"),
    "propose": (
        "/contribute/{code}/stories/{locality}/sections/{learning}/",
        "Propose a change to “Learning”",
    ),
    "asset": ("/contribute/{code}/stories/{locality}/assets/", "Suggest a community asset"),
}


@pytest.mark.parametrize("name", list(RESIDENT))
def test_resident_story_page(
    name,
    resident_page,
    perth_city,
    unchanged_database,
    check_accessibility,
    check_footer_links,
):
    path, heading = RESIDENT[name]
    values = {
        "code": PERTH,
        "locality": perth_city.locality_id,
        "learning": perth_city.sections.get(evidence="learning").pk,
    }
    _open(resident_page, path.format(**values), heading)
    _check(resident_page, check_accessibility, check_footer_links)
