"""The national comparison page in a real browser: axe, the footer and a keyboard walk
with Inverclyde highlighted; then a national reader chooses another measure, sees all 32
ranked, and downloads the table."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORT
from tests.browser.keyboard import keyboard_walk
from tests.browser.test_evidence_pages_a11y import _wait_for_charts
from tests.browser.test_governance_pages_a11y import _no_console_problems, _open
from tests.browser.test_outcomes_profile_a11y import _CLIPPING, SCREENSHOTS

pytestmark = pytest.mark.browser

CHILD_POVERTY = "/compare/?measure=cpop-child-poverty&period=2021/22&area=S12000018"


def test_comparison_page(page, check_accessibility, check_footer_links):
    _open(page, CHILD_POVERTY, "Child Poverty, 2021/22: all 32 partnerships")
    _wait_for_charts(page)
    rows = page.locator("#comparison tbody tr")
    expect(rows).to_have_count(33)  # the 32 areas and Scotland
    expect(page.locator("#comparison tr.pp-chosen th")).to_have_text("Inverclyde (chosen)")
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


def test_a_national_reader_compares_another_measure_and_downloads_it(page):
    _open(page, "/", "Choose a partnership area")
    page.get_by_role("link", name="Compare all 32 partnerships").click()
    page.get_by_label("Measure").select_option(label="Employment Rate")
    page.get_by_label("Highlight a partnership area").select_option(label="Inverclyde")
    page.get_by_role("button", name="Compare").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Employment Rate, ")
    expect(page.locator("#comparison tbody tr").first.locator("th")).to_have_text(
        "Na h-Eileanan Siar"
    )
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    table = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))
    assert table[0][:3] == ["Rank", "Council area code", "Partnership area"]
    assert len(table) == 34  # header, 32 areas, Scotland
    assert table[1][:3] == ["1", "S12000013", "Na h-Eileanan Siar"]
    _no_console_problems(page)


def test_nothing_is_clipped_at_phone_width(page, check_accessibility):
    """At a phone's 390 px, with Inverclyde and its family group marked: a screenshot
    (test-results/, git-ignored), no sideways scroll of the page, the chart inside its
    figure with its key, no area's name cut short, the wide tables in labelled regions,
    and axe (the same measures as the outcomes profile's test; at full width the test
    above walks the page by keyboard)."""
    width = 390
    page.set_viewport_size({"width": width, "height": 844})
    try:
        _open(page, CHILD_POVERTY, "Child Poverty, 2021/22: all 32 partnerships")
        _wait_for_charts(page)
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"comparison-{width}px.png", full_page=True)
        found = page.evaluate(_CLIPPING)
        assert found["scrollWidth"] <= found["clientWidth"], found
        (chart,) = found["charts"]
        assert chart["svgInFigure"] and chart["drawingInSvg"], chart
        assert chart["legends"] >= 1 and chart["legendsInSvg"], chart
        assert chart["shortened"] == [], f"names cut short at {width} px: {chart}"
        assert [s["html"] for s in found["scrolling"] if not s["region"]] == []
        assert [s["html"] for s in found["scrolling"] if not s["captionInView"]] == []
        check_accessibility(page)
    finally:
        page.set_viewport_size(VIEWPORT)
    _no_console_problems(page)
