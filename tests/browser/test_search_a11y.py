"""The site search in a real browser: the header's search box on the home page, used by
keyboard alone, leads to the results page, which passes axe and the keyboard walk."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.keyboard import keyboard_walk
from tests.browser.test_governance_pages_a11y import _no_console_problems, _open

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


def test_search_results_page(page, check_accessibility, check_footer_links):
    _open(page, "/search/?q=poverty", "Search")
    measures = page.locator("#results-measures")
    expect(measures).to_contain_text("Measures (")
    expect(page.get_by_role("link", name="Child Poverty", exact=True).first).to_be_visible()
    expect(page.get_by_label("Search partnerships, areas, communities")).to_have_value("poverty")
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


def test_the_header_search_box_works_by_keyboard(page, check_accessibility):
    _open(page, "/", "Choose a partnership area")
    box = page.get_by_role("search", name="Site search").get_by_label("Search Placeplan")
    expect(box).to_be_visible()
    check_accessibility(page)
    # Tab from the top of the page reaches the box before the main content.
    page.keyboard.press("Tab")  # the skip link
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "site-search":
            break
    assert page.evaluate("document.activeElement.id") == "site-search"
    page.keyboard.type("Inverclyde")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=Inverclyde$"))
    expect(page.locator("#results-council_areas")).to_have_text("Council areas (1)")
    page.get_by_role("link", name="Inverclyde", exact=True).first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inverclyde")
    _no_console_problems(page)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_search_box_fits_the_header(page, width):
    """At phone and desktop width the header's box is visible and nothing scrolls
    sideways (screenshots in test-results/, which git ignores)."""
    page.set_viewport_size({"width": width, "height": 844})
    _open(page, "/search/?q=Inverclyde", "Search")
    box = page.get_by_label("Search Placeplan")
    expect(box).to_be_visible()
    assert box.bounding_box()["width"] >= 150
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"search-{width}px.png")
    sizes = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert sizes[0] <= sizes[1], f"the page scrolls sideways at {width} px: {sizes}"
