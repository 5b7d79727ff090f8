"""The localities and communities pages in a real browser: the public places overview,
a locality and one of its measures for Perth and Kinross (signed out), and the staff
versions as Perth and Kinross's board member. axe, the footer and a keyboard walk on
each; a visitor's journey from the outcomes dashboard to a locality measure by links;
the figures shown agree with the selectors.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from placeplan.core.numbers import measure_value_text
from placeplan.demo.services import demo_email
from placeplan.partnerships.models import Locality, Partnership
from placeplan.performance import localities
from tests.browser.keyboard import keyboard_walk
from tests.browser.test_evidence_pages_a11y import _wait_for_charts
from tests.browser.test_governance_pages_a11y import (
    _no_console_problems,
    _open,
    _sign_in_cookies,
)

pytestmark = pytest.mark.browser

PERTH = "S12000048"
PERTH_CITY = "Perth City"
MEASURE = "cpop-child-poverty"


@pytest.fixture(scope="module")
def perth_city(browser) -> Locality:
    return Locality.objects.get(partnership__council_area__code=PERTH, name=PERTH_CITY)


@pytest.fixture(scope="module")
def perth_cookies(browser, server_url):
    email = demo_email("perth", "board_member")
    return _sign_in_cookies(browser, server_url, email)


PAGES = {
    "places": ("performance/places/", "Localities and communities"),
    "locality": ("performance/localities/{pk}/", PERTH_CITY),
    "measure": (
        "performance/localities/{pk}/measures/" + MEASURE + "/",
        "Child Poverty, " + PERTH_CITY,
    ),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_public_locality_page(name, page, perth_city, check_accessibility, check_footer_links):
    path, heading = PAGES[name]
    _open(page, f"/areas/{PERTH}/" + path.format(pk=perth_city.pk), heading)
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumbs.get_by_role("link", name="Outcomes dashboard")).to_have_attribute(
        "href", f"/areas/{PERTH}/performance/"
    )
    if name == "measure":
        _wait_for_charts(page)
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


@pytest.mark.parametrize("name", list(PAGES))
def test_staff_locality_page(
    name, page, perth_city, perth_cookies, check_accessibility, check_footer_links
):
    page.context.add_cookies(perth_cookies)
    path, heading = PAGES[name]
    _open(page, f"/workspace/{PERTH}/" + path.format(pk=perth_city.pk), heading)
    if name == "places":
        name = Partnership.objects.get(council_area__code=PERTH).name
        side = page.get_by_role("navigation", name=name)
        expect(side.locator('[aria-current="page"]')).to_have_text("Localities and communities")
    if name == "measure":
        _wait_for_charts(page)
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


def test_a_visitor_finds_where_outcomes_are_poorest(page, perth_city):
    """From the outcomes dashboard to the places overview, Perth City and its child
    poverty, with the figures the selectors compute."""
    partnership = perth_city.partnership
    overview = localities.places_overview(partnership=partnership)
    row = localities.locality_measure_get(locality=perth_city, code=MEASURE)

    _open(page, f"/areas/{PERTH}/performance/", "Outcomes dashboard")
    page.get_by_role("link", name="localities and communities").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Localities and communities")
    poorest = page.locator("#places-poorest tbody tr")
    expect(poorest).to_have_count(5)
    first = overview.poorest[0]
    expect(poorest.first).to_contain_text(first.area.name)
    expect(poorest.first).to_contain_text(f"{first.score:.2f}")
    localities_table = page.locator("#places-localities")
    city_row = localities_table.locator("tbody tr", has_text=PERTH_CITY)
    expect(city_row).to_contain_text("Child Poverty")

    city_row.get_by_role("link", name=PERTH_CITY).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PERTH_CITY)
    measure_row = page.locator("#locality-measures tbody tr", has_text="Child Poverty")
    expect(measure_row).to_contain_text(measure_value_text(row.latest.value, row.measure))
    expect(measure_row).to_contain_text("Yes")

    measure_row.get_by_role("link", name="Child Poverty").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Child Poverty, " + PERTH_CITY)
    _wait_for_charts(page)
    communities = page.locator("#locality-communities tbody tr")
    expect(communities).to_have_count(perth_city.communities.count())
