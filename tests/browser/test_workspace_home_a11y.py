"""The workspace home in a real browser, as Highland's support officer with things that
need them (a checked import to confirm, and draft papers for a meeting in two days, so
overdue): axe, the footer and a keyboard walk, and each item's link reached by Tab.

The items are made through the services in the module's transaction, rolled back with it
(tests/browser/conftest.py).
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from placeplan.accounts.models import User
from placeplan.demo.services import demo_email
from placeplan.partnerships.models import Partnership
from tests.browser.keyboard import keyboard_walk
from tests.browser.test_governance_pages_a11y import _no_console_problems, _open
from tests.factories import ImportBatchFactory, MeetingFactory, PaperFactory

pytestmark = pytest.mark.browser

HIGHLAND = "S12000017"


@pytest.fixture(scope="module")
def needs(browser):
    """A checked import and a meeting in two days with a draft paper, in Highland."""
    highland = Partnership.objects.get(council_area__code=HIGHLAND)
    officer = User.objects.get(email=demo_email("highland", "support_officer"))
    batch = ImportBatchFactory(
        partnership=highland, created_by=officer, filename="fictional-browser-values.csv"
    )
    today = timezone.localdate()
    meeting = MeetingFactory(
        body=highland.bodies.order_by("pk").first(),
        starts_at=timezone.make_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=2), datetime.time(10))
        ),
    )
    PaperFactory(meeting=meeting, title="Fictional browser draft paper")
    return batch


def test_workspace_home_says_what_needs_you(
    highland_page, needs, unchanged_database, check_accessibility, check_footer_links
):
    page = highland_page
    _open(page, "/workspace/", "Your workspace")
    section = page.locator("#needs")
    expect(section.get_by_role("heading", name="What needs you")).to_be_visible()
    expect(section.get_by_role("heading", name="Imports to confirm (1)")).to_be_visible()
    link = section.get_by_role("link", name="fictional-browser-values.csv", exact=False)
    expect(link).to_have_attribute("href", f"/workspace/{HIGHLAND}/data/imports/{needs.pk}/")
    overdue = section.locator(".ds_tag", has_text="Overdue")
    expect(overdue.first).to_be_visible()
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


def test_each_need_is_opened_by_keyboard(highland_page, needs, unchanged_database):
    page = highland_page
    _open(page, "/workspace/", "Your workspace")
    link = page.locator("#needs").get_by_role(
        "link", name="fictional-browser-values.csv", exact=False
    )
    for _ in range(60):
        page.keyboard.press("Tab")
        if link.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the import's link")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/workspace/{HIGHLAND}/data/imports/{needs.pk}/$"))
