"""The outcomes dashboard reads at a glance, in a real browser: at 1280 px every column of
its table shows with no sideways scroll and its caption is whole; a status is a coloured
Design System tag with an icon and its word; axe passes. At a phone's 390 px the key of the
indicator page's chart is not clipped. The open-data API's documentation page passes axe
with its language, one main landmark and one h1."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from placeplan.plans.models import OutcomeIndicator, Plan
from tests.browser.test_evidence_pages_a11y import SOA, _wait_for_charts
from tests.browser.test_governance_pages_a11y import _no_console_problems, _open

pytestmark = pytest.mark.browser

HIGHLAND = "S12000017"
DASHBOARD = f"/areas/{HIGHLAND}/performance/"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# The rules a page's frame must pass whatever their impact (axe rates two "moderate").
FRAME_RULES = {"html-has-lang", "html-lang-valid", "landmark-one-main", "page-has-heading-one"}


def _soa_indicator() -> OutcomeIndicator:
    return OutcomeIndicator.objects.filter(
        outcome__plan__title=SOA,
        outcome__plan__status=Plan.Status.PUBLISHED,
        area__code=HIGHLAND,
        measure__name="Child Poverty",
    ).first()


def test_the_dashboard_shows_every_column_at_1280_px(page, check_accessibility):
    page.set_viewport_size(DESKTOP)
    _open(page, DASHBOARD, "Outcomes dashboard")
    regions = page.locator(".pp-dashboard .pp-table-scroll")
    assert regions.count() >= 1
    for index in range(regions.count()):
        region = regions.nth(index)
        widths = region.evaluate("r => ({scroll: r.scrollWidth, client: r.clientWidth})")
        assert widths["scroll"] <= widths["client"], f"table {index} scrolls: {widths}"
        caption = region.locator("caption")
        box, frame = caption.bounding_box(), region.bounding_box()
        assert box["x"] >= frame["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"]
        assert caption.evaluate("c => c.scrollWidth <= c.clientWidth")
    headers = page.locator(".pp-dashboard thead").first
    frame = regions.first.bounding_box()
    assert frame["x"] + frame["width"] <= DESKTOP["width"]
    for name in ("Similar areas", "Gap since baseline", "Over time"):
        box = headers.get_by_text(name, exact=True).bounding_box()
        assert box["x"] + box["width"] <= frame["x"] + frame["width"] + 1, (name, box, frame)
    check_accessibility(page)
    _no_console_problems(page)


def test_a_status_is_a_coloured_tag_with_an_icon_and_its_word(page):
    page.set_viewport_size(DESKTOP)
    _open(page, DASHBOARD, "Outcomes dashboard")
    tags = page.locator(".pp-dashboard .pp-status")
    assert tags.count() >= 2  # in the headline and in the table
    colours = {"ds_tag--green", "ds_tag--orange", "ds_tag--red", "ds_tag--grey"}
    for index in range(tags.count()):
        tag = tags.nth(index)
        classes = set(tag.get_attribute("class").split())
        assert "ds_tag" in classes and classes & colours, classes
        expect(tag.locator("svg[aria-hidden='true']")).to_have_count(1)
        assert tag.inner_text().strip()  # the word
    # The tag's colours are the Design System's, not the plain blue tag's.
    off_or_risk = page.locator(".pp-status.ds_tag--red, .pp-status.ds_tag--orange")
    if off_or_risk.count():
        background = off_or_risk.first.evaluate("t => getComputedStyle(t).backgroundColor")
        assert background != "rgb(217, 237, 255)"  # .ds_tag's default blue


def test_the_chart_key_is_not_clipped_at_390_px(page):
    page.set_viewport_size(PHONE)
    try:
        path = f"/areas/{HIGHLAND}/performance/indicators/{_soa_indicator().pk}/"
        page.goto(path)
        _wait_for_charts(page)
        canvas = page.locator(".pp-chart__canvas[data-chart='chart-progress']")
        legends = canvas.locator("svg g.role-legend")
        assert legends.count() >= 1
        frame = canvas.bounding_box()
        assert frame["x"] + frame["width"] <= PHONE["width"]
        for index in range(legends.count()):
            box = legends.nth(index).bounding_box()
            assert box["x"] >= frame["x"] - 1, box
            assert box["x"] + box["width"] <= frame["x"] + frame["width"] + 1, (box, frame)
        # Every entry of the key is within the screen.
        labels = canvas.locator("svg g.role-legend-label text")
        assert labels.count() >= 2
        for index in range(labels.count()):
            box = labels.nth(index).bounding_box()
            assert box["x"] + box["width"] <= PHONE["width"], box
        _no_console_problems(page)
    finally:
        page.set_viewport_size(DESKTOP)


def test_the_api_documentation_passes_axe(page, check_accessibility):
    page.set_viewport_size(DESKTOP)
    _open(page, "/api/v1/docs", "Placeplan open data API")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "en-GB"
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)  # Swagger UI's is hidden
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["id"] in FRAME_RULES] == []
    check_accessibility(page)
    # Swagger UI's files are the static ones: nothing from another host.
    sources = page.evaluate(
        "() => [...document.querySelectorAll('script[src], link[href]')].map(e => e.src || e.href)"
    )
    assert all(src.startswith(page.url.split("/api/")[0]) for src in sources), sources
