"""The partnership's meetings page (issue 17, finding things) in a real browser, signed
out: axe, the footer and a keyboard walk over Highland's demo meetings; and a resident
goes from the area page to the partnership's meetings and on to the next meeting."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.keyboard import keyboard_walk
from tests.browser.test_governance_pages_a11y import _no_console_problems, _open

pytestmark = pytest.mark.browser

HIGHLAND = "S12000017"
MEETINGS = f"/areas/{HIGHLAND}/meetings/"
TITLE = "Meetings of Highland Community Planning Partnership"


def test_partnership_meetings_page(page, check_accessibility, check_footer_links):
    _open(page, MEETINGS, TITLE)
    expect(page.get_by_role("heading", name="Next meetings")).to_be_visible()
    expect(page.get_by_role("heading", name="Past meetings")).to_be_visible()
    expect(page.get_by_role("heading", name="Contact the partnership")).to_be_visible()
    expect(page.get_by_role("link", name="Add the partnership's meetings")).to_be_visible()
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


def test_the_area_page_lists_communities_most_deprived_first(page, check_accessibility):
    _open(page, f"/areas/{HIGHLAND}/", "Highland")
    page.get_by_role("link", name="Most deprived first").click()
    expect(page).to_have_url(f"/areas/{HIGHLAND}/?communities=deprivation#communities")
    current = page.locator('#communities ~ ul a[aria-current="true"]')
    expect(current).to_have_text("Most deprived first (shown)")
    expect(page.locator("#community-list li").first).to_contain_text("income deprived")
    check_accessibility(page)
    keyboard_walk(page)
    _no_console_problems(page)


def test_a_resident_finds_the_next_meeting_from_the_area_page(page, check_accessibility):
    _open(page, f"/areas/{HIGHLAND}/", "Highland")
    check_accessibility(page)
    links = page.locator("#partnership-links")
    expect(links.get_by_role("link", name="Its challenge log")).to_be_visible()
    links.get_by_role("link", name="Its meetings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    first = page.locator("#next-meetings tbody tr").first.locator("th a")
    first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=2, name="Agenda")).to_be_visible()
    check_accessibility(page)
    _no_console_problems(page)
