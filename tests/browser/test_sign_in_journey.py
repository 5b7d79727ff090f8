"""Signing in, the workspace and signing out, in a real browser with axe on every page.

Only the empty form is submitted wrongly: django-axes counts failed sign-ins per username
and IP address, and an empty form never reaches authentication. No wrong passwords here.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from placeplan.demo.services import DEMO_PASSWORD, demo_email

# A journey end to end: CI runs it on PostgreSQL too (.ci/run).
pytestmark = [pytest.mark.browser, pytest.mark.every_database]

HIGHLAND = "S12000017"
PARTNERSHIP = "Highland Community Planning Partnership"


def test_sign_in_workspace_people_and_sign_out(page, check_accessibility, check_footer_links):
    email = demo_email("highland", "support_officer")
    nav = page.get_by_role("navigation", name="Main navigation", exact=True)

    # The sign-in page.
    response = page.goto("/accounts/login/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(nav.get_by_role("link", name="Sign in")).to_be_visible()
    check_accessibility(page)
    check_footer_links(page)

    # An empty form: the error summary, linked to the fields.
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        ["Enter your email address", "Enter your password"]
    )
    expect(page).to_have_title(re.compile("^Error: Sign in"))
    expect(page.locator("#id_login")).to_have_attribute("aria-invalid", "true")
    check_accessibility(page)
    check_footer_links(page)

    # Sign in by keyboard: the error summary's first link leads to the email field.
    first_error = summary.get_by_role("link").first
    expect(first_error).to_have_attribute("href", "#id_login")
    first_error.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Email")).to_be_focused()
    page.keyboard.type(email)
    # The next Tab stop is the password field: nothing sits between the two fields.
    page.keyboard.press("Tab")
    password = page.get_by_label("Password", exact=True)
    expect(password).to_be_focused()
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")

    # The workspace lists the partnership.
    expect(page).to_have_url(re.compile(r"/workspace/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your workspace")
    expect(nav.get_by_role("link", name="Sign out")).to_be_visible()
    partnership = page.locator("main").get_by_role("link", name=PARTNERSHIP, exact=True)
    expect(partnership).to_be_visible()
    check_accessibility(page)
    check_footer_links(page)

    # The partnership's workspace home.
    partnership.click()
    expect(page).to_have_url(re.compile(rf"/workspace/{HIGHLAND}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(PARTNERSHIP)
    check_accessibility(page)
    check_footer_links(page)

    # Accounts and roles, with email addresses.
    content = page.locator(".ds_layout__content")
    content.get_by_role("link", name="Accounts and roles").click()
    expect(page).to_have_url(re.compile(rf"/workspace/{HIGHLAND}/people/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Accounts and roles")
    people = page.locator("main table")
    expect(people.get_by_role("cell", name=email, exact=True)).to_be_visible()
    for role in ("partner_officer", "board_member", "community_member"):
        expect(people).to_contain_text(demo_email("highland", role))
    check_accessibility(page)
    check_footer_links(page)

    # Sign out from the navigation: a confirmation page, then the button.
    nav.get_by_role("link", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/accounts/logout/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign out")
    check_accessibility(page)
    check_footer_links(page)
    page.locator("main").get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(nav.get_by_role("link", name="Sign in")).to_be_visible()
    expect(nav.get_by_role("link", name="Sign out")).to_have_count(0)
    check_accessibility(page)
    check_footer_links(page)

    # Signed out for real: the workspace asks for sign-in again.
    page.goto("/workspace/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/workspace/$"))
    assert page.console_problems == [], "\n".join(page.console_problems)


def test_password_reset_request(page, check_accessibility, check_footer_links):
    # Reached from the sign-in page by keyboard.
    page.goto("/accounts/login/")
    reset_link = page.get_by_role("link", name="Forgotten your password?")
    reset_link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset your password")
    check_accessibility(page)
    check_footer_links(page)

    # An address that is not an email: the error summary names the problem.
    page.get_by_label("Email").fill("not an email address")
    page.get_by_role("button", name="Send the reset link").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(1)
    check_accessibility(page)

    # A real address: the confirmation page, which says nothing about whether it exists.
    page.get_by_label("Email").fill(demo_email("highland", "board_member"))
    page.get_by_role("button", name="Send the reset link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    check_accessibility(page)
