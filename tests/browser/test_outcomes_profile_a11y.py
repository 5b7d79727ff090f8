"""The outcomes profile (issue 17, item 1) in a real browser, signed out, for Inverclyde (a
partnership with no plan): the footer and every link of "On this page" reaching its
section; then at phone width (390 px) and at 1280 px, every table open, a screenshot of
the whole page (in test-results/, which git ignores), axe (and at 1280 px a keyboard
walk) and nothing clipped: the page does not scroll sideways, each chart fits its figure
with its key inside it, and a table wider than the page scrolls inside a labelled region
reached by Tab."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORT
from tests.browser.keyboard import keyboard_walk
from tests.browser.test_evidence_pages_a11y import _wait_for_charts
from tests.browser.test_governance_pages_a11y import _no_console_problems, _open

pytestmark = pytest.mark.browser

INVERCLYDE = "S12000018"
PROFILE = f"/areas/{INVERCLYDE}/outcomes/"
TITLE = "Outcomes profile"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"
SECTIONS = {
    "At a glance": "at-a-glance",
    "Against the range of the 32 areas": "against-the-32",
    "Each measure over time": "over-time",
    "Most and least deprived communities": "inequality",
    "Communities by outcomes in the round": "communities",
}

# What may be cut off at the page's width, measured in the page (CSS pixels, 1 px spare
# for rounding): the document's sideways scroll; each chart's SVG against its figure, and
# the SVG's drawing (axes, marks, labels) and key against the SVG (an SVG in a page hides
# what lies outside it); any label Vega shortened with an ellipsis; and every element
# wider than its box that scrolls, with whether it is a focusable, labelled region and
# whether its table's caption is in its box (not cut off at its edge).
_CLIPPING = """() => {
  const inside = (inner, outer) => inner.left >= outer.left - 1 && inner.right <= outer.right + 1
    && inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width };
  };
  const doc = document.documentElement;
  const charts = [...document.querySelectorAll(".pp-chart")].map((figure) => {
    const canvas = figure.querySelector(".pp-chart__canvas");
    const svg = figure.querySelector(".pp-chart__canvas svg");
    const drawing = svg && svg.querySelector(":scope > g");
    const legends = svg ? [...svg.querySelectorAll("g.role-legend")] : [];
    return {
      chart: canvas.getAttribute("data-chart"),
      figure: box(figure),
      svg: svg && box(svg),
      svgInFigure: !!svg && inside(box(svg), box(figure)),
      drawingInSvg: !!drawing && inside(box(drawing), box(svg)),
      drawing: drawing && box(drawing),
      legends: legends.length,
      legendsInSvg: legends.every((g) => inside(box(g), box(svg))),
      legendBoxes: legends.map(box),
      shortened: svg ? [...svg.querySelectorAll("text")].map((t) => t.textContent)
        .filter((text) => text.endsWith("\\u2026")) : [],
    };
  });
  const scrolling = [...document.querySelectorAll("main *")]
    .filter((el) => el.scrollWidth > el.clientWidth + 1 && el.getClientRects().length
      && ["auto", "scroll"].includes(getComputedStyle(el).overflowX))
    .map((el) => ({
      html: el.outerHTML.slice(0, 120),
      region: el.classList.contains("pp-table-scroll") && el.tabIndex === 0
        && el.getAttribute("role") === "region" && !!el.getAttribute("aria-label"),
      captionInView: [...el.querySelectorAll(":scope > table > caption")]
        .every((caption) => inside(box(caption), box(el))),
    }));
  return {
    scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, charts, scrolling,
  };
}"""


def _open_profile(page) -> None:
    _open(page, PROFILE, TITLE)
    expect(page.locator(".ds_page-header__label")).to_have_text("Inverclyde")
    _wait_for_charts(page)


def test_outcomes_profile_page(page, check_footer_links):
    _open_profile(page)
    glance = page.locator("#profile-glance tbody tr")
    assert glance.count() > 10  # every national measure
    expect(
        page.locator("#at-a-glance ~ p").filter(has_text="None of these measures")
    ).to_have_count(1)
    expect(page.locator('[data-chart="chart-spine"] svg')).to_be_visible()
    # axe and the keyboard walk run in test_nothing_is_clipped, with every table open.
    check_footer_links(page)
    _no_console_problems(page)


def test_every_link_on_this_page_reaches_its_section(page):
    _open_profile(page)
    contents = page.get_by_role("navigation", name="On this page")
    links = contents.get_by_role("link")
    expect(links).to_have_text(list(SECTIONS))
    for name, anchor in SECTIONS.items():
        link = contents.get_by_role("link", name=name, exact=True)
        link.focus()
        page.keyboard.press("Enter")
        expect(page).to_have_url(f"{PROFILE}#{anchor}")
        section = page.locator(f"#{anchor}")
        expect(section).to_have_text(name)
        expect(section).to_be_in_viewport()
        # Back to the top for the next link, as a reader returning to the contents would.
        page.evaluate("window.scrollTo(0, 0)")
    _no_console_problems(page)


@pytest.mark.parametrize("width", [390, 1280], ids=["phone-390px", "desktop-1280px"])
def test_nothing_is_clipped(page, check_accessibility, width):
    page.set_viewport_size({"width": width, "height": 844 if width < 600 else VIEWPORT["height"]})
    try:
        _open_profile(page)
        # Open every table of a measure over time, so that their widths are measured too.
        for summary in page.locator("#main-content details > summary").all():
            summary.click()
        _wait_for_charts(page)
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"outcomes-profile-{width}px.png", full_page=True)
        found = page.evaluate(_CLIPPING)
        assert found["scrollWidth"] <= found["clientWidth"], (
            f"the page scrolls sideways at {width} px: {found['scrollWidth']} > "
            f"{found['clientWidth']}"
        )
        charts = found["charts"]
        assert len(charts) == 1 + page.locator("#profile-glance tbody tr").count()
        for chart in charts:
            assert chart["svgInFigure"], f"chart wider than its figure at {width} px: {chart}"
            assert chart["drawingInSvg"], f"chart drawn outside its SVG at {width} px: {chart}"
            assert chart["legendsInSvg"], f"chart's key cut off at {width} px: {chart}"
            assert chart["shortened"] == [], f"labels cut short at {width} px: {chart}"
        # Each chart of a measure over time has its key (the spine chart's is its text).
        assert all(c["legends"] >= 1 for c in charts if c["chart"] != "chart-spine")
        unlabelled = [s["html"] for s in found["scrolling"] if not s["region"]]
        assert unlabelled == [], f"scrolls sideways but is no labelled region: {unlabelled}"
        cut = [s["html"] for s in found["scrolling"] if not s["captionInView"]]
        assert cut == [], f"a table's caption is cut off by its region: {cut}"
        check_accessibility(page)
        if width >= 1280:  # the same links and regions at either width: walked once
            keyboard_walk(page)  # the tables' regions too, now that they are open
    finally:
        page.set_viewport_size(VIEWPORT)
    _no_console_problems(page)
