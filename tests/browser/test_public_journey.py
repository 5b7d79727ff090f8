"""The public site in a real browser: choosing an area, its profile, a community, by mouse
and by keyboard, checked with axe on every page visited."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from playwright.sync_api import expect

# A journey end to end: CI runs it on PostgreSQL too (.ci/run).
pytestmark = [pytest.mark.browser, pytest.mark.every_database]

INVERCLYDE = "S12000018"
ESTIMATE_LABELS = ("Estimate (projected)", "Estimate (imputed)")


def _wait_for_chart(page, chart_id: str):
    """Wait until charts.js has drawn the chart as SVG; return the canvas."""
    canvas = page.locator(f'[data-chart="{chart_id}"]')
    expect(canvas).to_have_attribute("data-chart-ready", "true")
    expect(canvas.locator("svg").first).to_be_visible()
    return canvas


def _assert_no_chart_errors(page) -> None:
    failed = page.locator("[data-chart-error]")
    assert failed.count() == 0, [
        failed.nth(i).get_attribute("data-chart-error") for i in range(failed.count())
    ]


def _intcomma(value: int) -> str:
    return f"{value:,}"


def _percent(value: float) -> str:
    """As Django's floatformat:1 (half up) followed by a percent sign."""
    rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{rounded}%"


def _focused_description(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {
                tag: el.tagName.toLowerCase(),
                text: (el.textContent || "").trim(),
                href: el.getAttribute("href"),
                inNav: !!el.closest('nav[aria-label="Main navigation"]'),
                inAreaList: !!el.closest('ul[aria-label="Partnership areas"]'),
                inMain: !!el.closest("#main-content"),
            };
        }"""
    )


def test_public_journey_home_area_community(page, check_accessibility, check_footer_links):
    # Home: the list of 32 areas and the map.
    response = page.goto("/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a partnership area")
    area_list = page.get_by_role("list", name="Partnership areas")
    expect(area_list.get_by_role("link")).to_have_count(32)
    council_map = _wait_for_chart(page, "council-map")
    expect(council_map.locator("svg path").first).to_be_attached()
    _assert_no_chart_errors(page)
    check_accessibility(page)
    check_footer_links(page)

    # Choose Inverclyde from the list.
    area_list.get_by_role("link", name="Inverclyde", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/areas/{INVERCLYDE}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Inverclyde")
    simd_map = _wait_for_chart(page, "simd-map")
    _assert_no_chart_errors(page)
    check_accessibility(page)
    check_footer_links(page)

    # The SIMD headline table shows the same figures as the open data API.
    api = page.request.get(f"/api/v1/areas/{INVERCLYDE}")
    assert api.ok, api.status
    figures = api.json()
    headline = page.locator("#simd-headline")
    expect(headline.locator("thead th")).to_have_text(["Figure", "SIMD 2020", "SIMD 2016"])
    rows = headline.locator("tbody tr")
    expect(rows).to_have_count(4)
    for column, edition in ((0, "2020"), (1, "2016")):
        simd = figures["simd"][edition]
        expected = [
            _intcomma(simd["data_zones"]),
            _intcomma(simd["most_deprived_20pc"]),
            _percent(simd["local_share_pc"]),
            _percent(simd["national_share_pc"]),
        ]
        shown = [rows.nth(i).locator("td").nth(column).inner_text().strip() for i in range(4)]
        assert shown == expected, f"SIMD {edition}: page {shown} != API {expected}"
    assert figures["simd"]["2020"]["data_zones"] == figures["data_zones"]

    # The data-zone map is an SVG with a legend; the legend table has the five quintiles.
    legend = simd_map.locator("svg g.role-legend")
    expect(legend.first).to_be_attached()
    expect(legend.first).to_contain_text("SIMD 2020 quintile")
    quintile_rows = page.locator("#quintile-table tbody tr")
    expect(quintile_rows).to_have_count(5)
    expect(quintile_rows.first.locator("th")).to_contain_text("most deprived")
    counts = [
        int(quintile_rows.nth(i).locator("td").inner_text().replace(",", "")) for i in range(5)
    ]
    assert sum(counts) == figures["data_zones"]

    # Open "Table of every data zone" by keyboard.
    summary = page.locator("summary", has_text="Table of every data zone")
    details = page.locator("details", has=summary)
    expect(details).not_to_have_attribute("open", "")
    zone_table = page.locator("#zone-table")
    expect(zone_table).to_be_hidden()
    summary.focus()
    expect(summary).to_be_focused()
    page.keyboard.press("Enter")
    expect(details).to_have_attribute("open", "")
    expect(zone_table).to_be_visible()
    expect(zone_table.locator("tbody tr")).to_have_count(figures["data_zones"])

    # Follow the first community link.
    communities = page.get_by_role("list", name="Communities in Inverclyde").get_by_role("link")
    assert communities.count() == figures["intermediate_zones"]
    first = communities.first
    name = first.inner_text().strip()
    first.click()
    expect(page).to_have_url(re.compile(rf"/areas/{INVERCLYDE}/communities/S02\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)

    # Breadcrumbs lead back to Inverclyde.
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    back = breadcrumbs.get_by_role("link", name="Inverclyde", exact=True)
    expect(back).to_have_attribute("href", f"/areas/{INVERCLYDE}/")
    expect(breadcrumbs.locator('[aria-current="page"]')).to_have_text(name)

    # At least one chart is drawn, and none failed.
    drawn = page.locator(".pp-chart__canvas[data-chart-ready] svg")
    expect(drawn.first).to_be_visible()
    canvases = page.locator(".pp-chart__canvas")
    expect(page.locator(".pp-chart__canvas[data-chart-ready]")).to_have_count(canvases.count())
    _assert_no_chart_errors(page)
    check_accessibility(page)
    check_footer_links(page)

    # The tables mark estimates as estimates, and every marked row says which kind it is.
    estimate_text = re.compile("|".join(re.escape(label) for label in ESTIMATE_LABELS))
    estimate_cells = page.locator("table[data-measure] tbody td").filter(has_text=estimate_text)
    estimate_rows = page.locator("table[data-measure] tbody tr.pp-estimate")
    assert estimate_cells.count() > 0, "no value is marked as an estimate"
    assert estimate_rows.count() == estimate_cells.count()
    # The tables sit in closed details elements: open the first with an estimate.
    section = page.locator("details").filter(has=page.locator("tr.pp-estimate")).first
    section.locator("summary").click()
    expect(section).to_have_attribute("open", "")
    row = section.locator("tr.pp-estimate").first
    expect(row).to_be_visible()
    expect(row.locator("td").nth(1)).to_have_text(estimate_text)
    check_accessibility(page)
    assert page.console_problems == [], "\n".join(page.console_problems)


def test_keyboard_skip_link_navigation_and_area_link(page):
    page.goto("/")
    _wait_for_chart(page, "council-map")

    # The first Tab focuses the skip link, which is shown when focused.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    box = skip.bounding_box()
    assert box and box["width"] > 1 and box["height"] > 1, f"skip link not visible: {box}"

    # Enter follows it: focus moves to #main-content (shown on screen), and the next Tab
    # lands on the first link in the content, not back in the header.
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main-content$"))
    expect(page.locator("#main-content")).to_be_focused()
    expect(page.locator("#main-content")).to_be_in_viewport()
    page.keyboard.press("Tab")
    focused = _focused_description(page)
    assert focused["inMain"], f"after the skip link, Tab went to {focused}"
    assert focused["inAreaList"], f"expected the first area link, got {focused}"

    # From the top, Tab reaches the site navigation and then the area links, in that order.
    page.goto("/")
    order: list[dict] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = _focused_description(page)
        order.append(focused)
        if focused["inAreaList"]:
            break
    nav_texts = [f["text"] for f in order if f["inNav"]]
    for label in ("Partnership areas", "About the data", "Sign in"):
        assert label in nav_texts, f"Tab never reached the navigation link {label!r}: {order}"
    assert order[-1]["inAreaList"], f"Tab never reached an area link: {order}"
    first_nav = next(i for i, f in enumerate(order) if f["inNav"])
    assert first_nav < len(order) - 1
    assert order[0]["text"] == "Skip to main content"

    # Enter on the focused area link opens that area.
    area = order[-1]
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(area["href"]) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(area["text"])
    assert page.console_problems == [], "\n".join(page.console_problems)


def test_unknown_area_shows_page_not_found(page, check_accessibility, check_footer_links):
    response = page.goto("/areas/S12999999/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page).to_have_title(re.compile("^Page not found"))
    expect(page.get_by_role("link", name="Choose a partnership area")).to_have_attribute(
        "href", "/"
    )
    check_accessibility(page)
    check_footer_links(page)


@pytest.mark.parametrize(
    ("footer_link", "path", "heading", "must_contain"),
    [
        ("About the data", "/about-the-data/", "About the data", r"Open Government Licence"),
        (
            "Accessibility",
            "/accessibility/",
            "Accessibility statement for Placeplan",
            # The statement says "(WCAG) version 2.2 AA", not the literal "WCAG 2.2".
            r"WCAG\)?\s+(version\s+)?2\.2",
        ),
    ],
    ids=["about-the-data", "accessibility-statement"],
)
def test_about_the_data_and_accessibility_statement(
    page, check_accessibility, check_footer_links, footer_link, path, heading, must_contain
):
    page.goto("/")
    check_footer_links(page)
    page.locator("footer").get_by_role("link", name=footer_link, exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("main")).to_contain_text(re.compile(must_contain))
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumbs.get_by_role("link", name="Home")).to_have_attribute("href", "/")
    check_accessibility(page)
    check_footer_links(page)
