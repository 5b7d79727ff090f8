"""The engagement pages in a real browser, signed out: Perth and Kinross's engagement,
one activity with "you said, we did", and the Perth City Place Standard compass (drawn,
with its table); and, as Perth and Kinross's support officer, the staff list and the
activity. axe, the footer and a keyboard walk on each; the response form as the demo
resident. Nothing is written."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from placeplan.demo.services import DEMO_PASSWORD, DEMO_RESIDENT_EMAIL, demo_email
from placeplan.engagement.models import Activity, PlaceStandardExercise
from tests.browser.keyboard import keyboard_walk
from tests.browser.test_evidence_pages_a11y import _wait_for_charts
from tests.browser.test_governance_pages_a11y import (
    CONTEXT,
    _no_console_problems,
    _open,
    _sign_in_cookies,
)

pytestmark = pytest.mark.browser

PERTH = "S12000048"


@pytest.fixture(scope="module")
def demo(browser) -> dict:
    activities = Activity.objects.filter(partnership__council_area__code=PERTH, is_demo=True)
    conversation = activities.filter(kind=Activity.Kind.WORKSHOP).first()
    exercise = (
        PlaceStandardExercise.objects.filter(activity__in=activities)
        .order_by("-activity__ends_on")
        .first()
    )
    return {
        "activity": conversation,
        "open": activities.get(takes_responses=True),
        "exercise": exercise,
    }


def _pages(demo) -> dict:
    return {
        "engagement": (f"/areas/{PERTH}/engagement/", "Engagement: you said, we did"),
        "activity": (
            f"/areas/{PERTH}/engagement/{demo['activity'].pk}/",
            demo["activity"].title,
        ),
        "place_standard": (
            f"/areas/{PERTH}/place-standard/{demo['exercise'].pk}/",
            f"Place Standard: {demo['exercise'].place_name}",
        ),
    }


@pytest.mark.parametrize("name", ["engagement", "activity", "place_standard"])
def test_public_engagement_page(
    name, page, demo, unchanged_database, check_accessibility, check_footer_links
):
    path, heading = _pages(demo)[name]
    _open(page, path, heading)
    if name == "place_standard":
        _wait_for_charts(page)
        table = page.locator("#place-standard-chart-table")
        expect(table.locator("tbody tr")).to_have_count(14)
        expect(
            page.get_by_text("1 = a lot of room for improvement, 7 = very little").first
        ).to_be_visible()
    if name == "activity":
        expect(page.get_by_role("heading", name="You said, we did")).to_be_visible()
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


@pytest.fixture(scope="module")
def perth_cookies(browser, server_url):
    return _sign_in_cookies(browser, server_url, demo_email("perth", "support_officer"))


@pytest.mark.parametrize("name", ["list", "activity", "place_standard"])
def test_staff_engagement_page(
    name, page, demo, perth_cookies, unchanged_database, check_accessibility, check_footer_links
):
    page.context.add_cookies(perth_cookies)
    paths = {
        "list": ("", "Engagement"),
        "activity": (f"{demo['activity'].pk}/", demo["activity"].title),
        "place_standard": (f"{demo['exercise'].activity.pk}/", demo["exercise"].activity.title),
    }
    path, heading = paths[name]
    _open(page, f"/workspace/{PERTH}/engagement/{path}", heading)
    if name == "place_standard":
        _wait_for_charts(page)
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


@pytest.fixture(scope="module")
def resident_cookies(browser, server_url):
    """The demo resident signed in (they have no workspace, so land elsewhere)."""
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


def test_the_response_form(page, demo, resident_cookies, unchanged_database, check_accessibility):
    page.context.add_cookies(resident_cookies)
    consultation = demo["open"]
    _open(page, f"/areas/{PERTH}/engagement/{consultation.pk}/", consultation.title)
    page.get_by_role("link", name="Respond").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Respond to “{consultation.title}”")
    page.get_by_role("button", name="Send my response").click()  # empty: refused
    expect(page.locator("#error-summary")).to_be_visible()
    check_accessibility(page)
    keyboard_walk(page)
    _no_console_problems(page)
