"""Resources and prevention in a real browser. The journey: Highland's partner officer
(who sits for Police Scotland) adds Police Scotland's line to a fictional round, with the
definitions of the levels beside the shares, and confirms it by keyboard; every other
partner has confirmed already, so Highland's support officer then sees the round complete
and downloads the joint resourcing return. Then every staff page of resources and
prevention as the support officer: axe, the footer and a keyboard walk on each; and a
participatory budgeting fund linked to a fictional vote, on the vote's staff and public
pages ("Where the money comes from").

Everything made here is rolled back with the module (tests/browser/conftest.py)."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from placeplan.budgets import services as budget_services
from placeplan.budgets.models import Process
from placeplan.demo.services import demo_email
from placeplan.partnerships.models import Partner, Partnership
from placeplan.resources import selectors, services
from placeplan.resources.models import Line
from tests.browser.keyboard import keyboard_walk
from tests.browser.test_governance_pages_a11y import _open, _sign_in_cookies

pytestmark = pytest.mark.browser

HL = "S12000017"
YEAR = 2032
LABEL = "2032/33"


@pytest.fixture(scope="module")
def setting(browser) -> dict:
    """A fictional Highland round in which every partner but Police Scotland has a line
    and has confirmed; the next year's round with a line of Police Scotland's; a joint
    budget."""
    highland = Partnership.objects.get(council_area__code=HL)
    round = services.round_open(
        partnership=highland,
        year=YEAR,
        due=datetime.date(YEAR, 6, 30),
        request="Enter your fictional contributions.",
        user=None,
    )
    outcome = selectors.outcome_choices(partnership=highland).first()
    police = Partner.objects.get(partnership=highland, organisation__name="Police Scotland")
    others = Partner.objects.filter(partnership=highland).exclude(pk=police.pk)
    for number, partner in enumerate(others):
        services.line_save(
            round=round,
            partner=partner,
            user=None,
            title=f"Fictional service {number}",
            outcome=outcome,
            budget=Decimal("1000.00"),
            primary=50,
            not_preventative=50,
        )
        services.lines_confirm(round=round, partner=partner, user=None)
    later = services.round_open(
        partnership=highland,
        year=YEAR + 1,
        due=datetime.date(YEAR + 1, 6, 30),
        request="",
        user=None,
    )
    line = services.line_save(  # visited, not changed
        round=later,
        partner=police,
        user=None,
        title="Fictional earlier line",
        outcome=outcome,
        budget=Decimal("10.00"),
        not_preventative=100,
    )
    pool = services.pool_save(
        partnership=highland, name="Fictional browser fund", kind="prevention"
    )
    intervention = services.intervention_save(
        partnership=highland,
        title="Fictional browser early help",
        kind="programme",
        level="secondary",
        demand="Fictional crisis referrals.",
        lead_partner=police,
    )
    services.intervention_year_save(
        intervention=intervention,
        year=YEAR,
        spend=Decimal("900.00"),
        expected_cashable=Decimal("100"),
    )
    vote = budget_services.process_save(
        process=Process(
            partnership=highland,
            title="Fictional browser choices",
            purpose="To share a fictional fund between fictional projects.",
            budget=1000,
            proposals_open=datetime.date(YEAR, 1, 5),
            proposals_close=datetime.date(YEAR, 1, 31),
            voting_open=datetime.date(YEAR, 3, 1),
            voting_close=datetime.date(YEAR, 3, 31),
            status=Process.Status.PUBLISHED,
        ),
        today=datetime.date(YEAR - 1, 12, 1),
        communities=None,
    )
    services.pool_save(
        partnership=highland, name="Fictional browser choices fund", kind="pb", process=vote
    )
    services.target_save(partnership=highland, year=YEAR + 5, share=Decimal("45"))
    services.review_draft(partnership=highland, year=YEAR)
    return {
        "round": round,
        "police": police,
        "outcome": outcome,
        "line": line,
        "pool": pool,
        "intervention": intervention,
        "vote": vote,
    }


@pytest.fixture(scope="module")
def officer_cookies(browser, server_url):
    return _sign_in_cookies(browser, server_url, demo_email("highland", "partner_officer"))


@pytest.mark.every_database
def test_a_partner_officer_confirms_and_the_support_officer_downloads_the_return(
    page, setting, officer_cookies, highland_cookies, check_accessibility
):
    police, outcome = setting["police"], setting["outcome"]
    base = f"/workspace/{HL}/resources/{YEAR}/partners/{police.pk}/"
    page.context.add_cookies(officer_cookies)
    _open(page, base, "Police Scotland")
    check_accessibility(page)
    page.get_by_role("link", name="Add a line").click()
    expect(page.locator("main")).to_contain_text("Stops a problem arising at all")
    check_accessibility(page)
    page.get_by_label("Budget line").fill("Fictional youth diversion")
    page.get_by_label("Outcome it serves").select_option(str(outcome.pk))
    page.get_by_label("Budget", exact=True).fill("80000")
    page.get_by_label("Staff (full-time equivalent)").fill("1.5")
    page.get_by_label("Primary prevention (%)").fill("40")
    page.get_by_label("Secondary prevention (%)").fill("40")
    page.get_by_label("Not preventative (%)").fill("20")
    page.get_by_role("button", name="Save the line").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Police Scotland")
    expect(page.locator("#lines-table")).to_contain_text("Fictional youth diversion")
    expect(page.locator("main")).to_contain_text("£64,000")  # 80% of £80,000
    confirm = page.get_by_role("button", name=f"Confirm Police Scotland's figures for {LABEL}")
    confirm.focus()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("These figures are locked")
    check_accessibility(page)
    assert selectors.is_confirmed(round=setting["round"], partner=police)
    line = Line.objects.get(round=setting["round"], partner=police)
    assert (line.budget, line.primary, line.secondary) == (Decimal("80000.00"), 40, 40)

    page.context.clear_cookies()
    page.context.add_cookies(highland_cookies)
    _open(page, f"/workspace/{HL}/resources/{YEAR}/", f"Resourcing round {LABEL}")
    expect(page.locator("main")).to_contain_text("every partner has confirmed")
    check_accessibility(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Joint resourcing return {LABEL} (Excel)").click()
    content = download.value.path().read_bytes()
    cells = [
        str(cell)
        for sheet in load_workbook(io.BytesIO(content)).worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    ]
    assert "Police Scotland" in cells


STAFF_PAGES = {
    "overview": ("", "Resources and prevention"),
    "outcome": (f"{YEAR}/outcomes/{{outcome}}/", None),
    "rounds": ("rounds/", "Resourcing rounds"),
    "round_open": ("rounds/open/", "Open a resourcing round"),
    "round": (f"{YEAR}/", f"Resourcing round {LABEL}"),
    "partner": ("{later}/partners/{police}/", "Police Scotland"),
    "line_add": ("{later}/partners/{police}/lines/add/", None),
    "line_edit": (
        "{later}/partners/{police}/lines/{line}/edit/",
        "Change “Fictional earlier line”",
    ),
    "line_remove": ("{later}/partners/{police}/lines/{line}/remove/", None),
    "asset_add": ("{later}/partners/{police}/lines/{line}/assets/add/", None),
    "upload": ("{later}/partners/{police}/upload/", "Upload the completed template"),
    "pools": ("pools/", "Joint budgets"),
    "pool_add": ("pools/add/", "Add a joint budget"),
    "plan": ("prevention/", "Prevention plan"),
    "intervention_add": ("prevention/interventions/add/", "Add a preventative intervention"),
    "intervention_edit": (
        "prevention/interventions/{intervention}/edit/",
        "Change “Fictional browser early help”",
    ),
    "intervention_years": (
        "prevention/interventions/{intervention}/years/",
        "Spend and savings of “Fictional browser early help”",
    ),
    "targets": ("prevention/trajectory/", "The trajectory of the shift to prevention"),
    "review": (f"prevention/reviews/{YEAR}/", f"Prevention plan review {LABEL}"),
}


@pytest.mark.parametrize("name", list(STAFF_PAGES))
def test_staff_resource_page(
    name, highland_page, setting, unchanged_database, check_accessibility, check_footer_links
):
    page = highland_page
    path, heading = STAFF_PAGES[name]
    path = path.format(
        later=YEAR + 1,
        police=setting["police"].pk,
        line=setting["line"].pk,
        intervention=setting["intervention"].pk,
        outcome=setting["outcome"].pk,
    )
    url = f"/workspace/{HL}/resources/{path}"
    if heading:
        _open(page, url, heading)
    else:
        response = page.goto(url)
        assert response is not None and response.status == 200
    if name == "overview":  # its charts are drawn (vega-embed's SVG)
        for chart in ("outcomes-chart", "shift-chart"):
            expect(page.locator(f'[data-chart="{chart}"] svg')).to_be_visible()
    if name == "outcome":  # the partners' lines (the setting)
        expect(page.locator("#outcome-partners-table")).to_contain_text("NHS Highland")
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)


def test_a_votes_pages_say_where_its_money_comes_from(
    highland_page, setting, unchanged_database, check_accessibility
):
    page, vote = highland_page, setting["vote"]
    _open(page, f"/workspace/{HL}/resources/pools/", "Joint budgets")
    page.get_by_role("link", name="Fictional browser choices", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fictional browser choices")
    panel = page.locator(".pp-process-funds")
    expect(panel).to_contain_text("Where the money comes from")
    expect(panel).to_contain_text(f"nothing entered for it in {YEAR + 1}/")
    check_accessibility(page)
    keyboard_walk(page)
    page.context.clear_cookies()
    _open(page, f"/areas/{HL}/budgets/{vote.pk}/", "Fictional browser choices")
    expect(page.locator(".pp-process-funds")).to_contain_text("Fictional browser choices fund")
    check_accessibility(page)
    keyboard_walk(page)
