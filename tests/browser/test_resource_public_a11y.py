"""The public resources page in a real browser, signed out, with a round of figures
worked by hand (tests/resources/worked_round.py) and an earlier year: axe (no serious
or critical problem), the footer and a keyboard walk; the year chosen and a table's CSV
reached by keyboard alone.

The round is made through the services in the module's transaction, rolled back with it
(tests/browser/conftest.py)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.keyboard import keyboard_walk
from tests.browser.test_governance_pages_a11y import _no_console_problems, _open
from tests.factories.resources import RoundFactory
from tests.resources.worked_round import worked_round

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def code(browser) -> str:
    worked = worked_round()
    RoundFactory(partnership=worked["partnership"], year=2025)
    return worked["code"]


def _tab_to(page, locator, what: str) -> None:
    for _ in range(80):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {what}")


def test_the_public_resources_page(
    page, code, unchanged_database, check_accessibility, check_footer_links
):
    _open(page, f"/areas/{code}/resources/", "Resources and prevention")
    main = page.locator("main")
    expect(page.locator("#total")).to_have_text("£4,500.10")
    expect(page.locator("#preventative-share")).to_have_text("21.1%")
    expect(main).to_contain_text("partners' own returns")
    expect(page.locator("#by-outcome-table")).to_contain_text("Partners not published separately")
    expect(page.locator("#shift-status")).to_contain_text("No recent data")
    # The charts are drawn (vega-embed's SVG), each with its table after it.
    for chart in ("outcomes-chart", "shift-chart"):
        expect(page.locator(f'[data-chart="{chart}"] svg')).to_be_visible()
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


def test_a_year_is_chosen_by_keyboard(page, code, unchanged_database, check_accessibility):
    _open(page, f"/areas/{code}/resources/", "Resources and prevention")
    chooser = page.locator("#year")
    _tab_to(page, chooser, "the year chooser")
    expect(chooser).to_have_value("2026/27")
    page.keyboard.press("ArrowDown")
    expect(chooser).to_have_value("2025/26")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Show this year")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?year=2025%2F26$"))
    expect(page.get_by_role("heading", level=2, name="2025/26")).to_be_visible()
    expect(page.locator("main")).to_contain_text("No partner has confirmed its lines")
    check_accessibility(page)
    _no_console_problems(page)


def test_a_tables_csv_is_reached_by_keyboard(page, code, unchanged_database):
    _open(page, f"/areas/{code}/resources/", "Resources and prevention")
    link = page.locator(f'a[href="/areas/{code}/resources/2026/outcomes.csv"]')
    _tab_to(page, link, "the outcomes table's CSV")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == f"placeplan-{code}-resources-2026-outcomes.csv"


def test_an_outcomes_resources_are_reached_by_keyboard(
    page, code, unchanged_database, check_accessibility, check_footer_links
):
    _open(page, f"/areas/{code}/resources/", "Resources and prevention")
    name = "Fictional Outcomes Plan — Fictional outcome B"
    _tab_to(page, page.get_by_role("link", name=name), "outcome B's row")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    # D's £400 and the three partners' £600 not published separately (worked_round).
    expect(page.locator("#outcome-total")).to_have_text("£1,000")
    expect(page.locator("#outcome-partners-table")).to_contain_text(
        "Partners not published separately"
    )
    expect(page.locator("main")).to_contain_text("This outcome has no published indicators.")
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)
