"""The two-factor pages in a real browser: axe on each, and the activation form's field
reached by keyboard. Only pages are opened: nothing is activated, so nothing is left."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_two_factor_pages_pass_axe_and_work_by_keyboard(highland_page, check_accessibility):
    page = highland_page
    response = page.goto("/accounts/2fa/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_accessibility(page)
    # Activating an authenticator app first asks for the password again (allauth's
    # reauthentication), then for the app's code: either way, a form field to reach.
    page.goto("/accounts/2fa/totp/activate")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_accessibility(page)
    field = page.locator("main form input:visible").first
    expect(field).to_have_accessible_name(re.compile(r"\w"))
    for _ in range(40):  # Tab through the page until the form's field has the focus
        page.keyboard.press("Tab")
        if field.evaluate("element => element === document.activeElement"):
            break
    expect(field).to_be_focused()
