"""Residents' pages in a real browser: sign-up (empty, and with every error at once), the
privacy notice, and a resident's account and delete pages: axe, the footer and a keyboard
walk on each. Nothing is submitted that would make or delete an account."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from placeplan.demo.services import DEMO_PASSWORD, DEMO_RESIDENT_EMAIL
from tests.browser.conftest import CONTEXT
from tests.browser.keyboard import keyboard_walk
from tests.browser.test_governance_pages_a11y import _no_console_problems, _open

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def resident_cookies(browser, server_url):
    """The demo resident of Perth signed in once for the module."""
    context = browser.new_context(base_url=server_url, **CONTEXT)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(DEMO_RESIDENT_EMAIL)
        page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page).to_have_url(re.compile(r"/residents/account/$"))
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


def test_sign_up_page(page, check_accessibility, check_footer_links):
    _open(page, "/accounts/signup/", "Create a resident's account")
    expect(page.get_by_label("Display name")).to_be_visible()
    expect(page.get_by_role("link", name="Read the privacy notice")).to_have_attribute(
        "href", "/residents/privacy/"
    )
    _check(page, check_accessibility, check_footer_links)


def test_sign_up_shows_every_error_at_once_and_links_to_each_field(
    page, check_accessibility, check_footer_links
):
    _open(page, "/accounts/signup/", "Create a resident's account")
    page.get_by_role("button", name="Create account").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile("^Error: Create a resident's account"))
    links = summary.get_by_role("link")
    expect(links).to_have_text(
        [
            "Enter your email address",
            "Enter a display name",
            "Choose the council area you live in",
            "Enter a password",
            "Enter the password again",
            "Confirm that you have read the privacy notice",
        ]
    )
    # By keyboard: the privacy error leads to its checkbox.
    links.last.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("I have read the privacy notice")).to_be_focused()
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)


def test_privacy_notice(page, check_accessibility, check_footer_links):
    _open(page, "/residents/privacy/", "Privacy notice for residents")
    for heading in ("What we keep", "Why we keep it", "Who sees what", "How long we keep it"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    _check(page, check_accessibility, check_footer_links)


def test_account_page(resident_page, check_accessibility, check_footer_links):
    page = resident_page
    _open(page, "/residents/account/", "Your account")
    expect(page.get_by_text(DEMO_RESIDENT_EMAIL).first).to_be_visible()
    expect(page.locator(".ds_tag", has_text="Confirmed")).to_be_visible()
    community = page.get_by_label("Your community (optional)")
    expect(community.locator("option")).not_to_have_count(1)  # Perth's communities
    nav = page.get_by_role("navigation", name="Main navigation", exact=True)
    expect(nav.get_by_role("link", name="Your account")).to_have_attribute("aria-current", "page")
    _check(page, check_accessibility, check_footer_links)


def test_delete_page(resident_page, check_accessibility, check_footer_links):
    page = resident_page
    _open(page, "/residents/account/delete/", "Delete your account")
    expect(page.get_by_label("Your password")).to_be_visible()
    _check(page, check_accessibility, check_footer_links)
