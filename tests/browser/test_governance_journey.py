"""Governance in a real browser: a support officer meets a body's membership limit, frees a
place and fills it; the public reads the structure, a body's remit and a local
partnership's locality; a lead officer manages their own group only. axe on every page.

What the journey writes is rolled back with the test (tests/browser/conftest.py).
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from placeplan.demo.services import DEMO_PASSWORD, demo_email
from placeplan.partnerships.models import Body, Membership, Partnership, Person

# A journey end to end: CI runs it on PostgreSQL too (.ci/run).
pytestmark = [pytest.mark.browser, pytest.mark.every_database]

HIGHLAND = "S12000017"
PERTH = "S12000048"
PERTH_CITY = "Perth City Local Community Planning Partnership"
NEW_MEMBER = "Wilma Testperson-Fictional"
END_REASON = "Stood down (browser test)"
WITHHELD = "Community representative (name withheld)"


def _short_date(day: datetime.date) -> str:
    """As the templates' ``date:"j M Y"``."""
    return f"{day.day} {day:%b %Y}"


def _long_date(day: datetime.date) -> str:
    """As the success message's ``%-d %B %Y``."""
    return f"{day.day} {day:%B %Y}"


def _body(code: str, name: str) -> Body:
    return Body.objects.get(partnership__council_area__code=code, name=name)


def _current(body: Body):
    today = timezone.localdate()
    return (
        Membership.objects.filter(body=body, start__lte=today)
        .filter(end__isnull=True)
        .select_related("person")
    )


def _sign_in(page, check_accessibility, email: str) -> None:
    """Sign in through the real form; land on the workspace."""
    response = page.goto("/accounts/login/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    check_accessibility(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/workspace/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your workspace")
    check_accessibility(page)


def _open_partnership_workspace(page, check_accessibility, code: str) -> Partnership:
    partnership = Partnership.objects.get(council_area__code=code)
    page.locator("main").get_by_role("link", name=partnership.name, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/workspace/{code}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(partnership.name)
    check_accessibility(page)
    return partnership


def _open_structure(page, check_accessibility, partnership: Partnership):
    """Structure from the workspace's side navigation."""
    side_nav = page.get_by_role("navigation", name=partnership.name, exact=True)
    side_nav.get_by_role("link", name="Structure", exact=True).click()
    code = partnership.council_area.code
    expect(page).to_have_url(re.compile(rf"/workspace/{code}/structure/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Structure")
    chart = page.get_by_role("region", name=f"Structure chart of {partnership.name}", exact=True)
    expect(chart).to_be_visible()
    for heading in ("Bodies needing attention", "Membership reviews due", "Every body"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    check_accessibility(page)
    return chart


def _tab_to(page, target, limit: int = 60) -> None:
    """Press Tab until ``target`` has focus (fails if it never does)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {target} on {page.url}")


def _fill_new_member(page, today: datetime.date) -> None:
    person = page.get_by_label("Person already recorded")
    expect(person).to_have_value("")
    expect(person.locator("option:checked")).to_have_text("Somebody new")
    page.get_by_label("Full name of somebody new").fill(NEW_MEMBER)
    page.get_by_label("Category").select_option(label="Community representative")
    expect(page.get_by_label("Role on the body")).to_have_value("member")
    start = page.get_by_label("Start date")
    expect(start).to_have_attribute("type", "date")
    start.fill(today.isoformat())


@pytest.fixture
def perth_city_restored(db, browser):
    """Perth City LCPP and the membership the journey will end (the journey's changes are
    rolled back with the test)."""
    body = _body(PERTH, PERTH_CITY)
    assert not Person.objects.filter(name=NEW_MEMBER).exists(), "left over from another test"
    current = list(_current(body))
    assert len(current) == 15, f"the demo should seat 15 on {PERTH_CITY}, not {len(current)}"
    assert body.max_members == 15
    leaving = next(
        m
        for m in sorted(current, key=lambda m: m.person.name)
        if m.role == Membership.MemberRole.MEMBER and m.category == Membership.Category.OFFICER
    )
    return body, leaving


def test_support_officer_meets_the_limit_frees_a_place_and_fills_it(
    page, check_accessibility, perth_city_restored
):
    body, leaving = perth_city_restored
    leaver = leaving.person.name
    today = timezone.localdate()
    members_caption = page.locator("main").locator("caption", has_text="current member")

    _sign_in(page, check_accessibility, demo_email("perth", "support_officer"))
    partnership = _open_partnership_workspace(page, check_accessibility, PERTH)
    chart = _open_structure(page, check_accessibility, partnership)

    # The structure page flags Perth City LCPP as at its limit.
    attention = page.locator("table", has=page.locator("caption", has_text="Rules a body breaks"))
    row = attention.locator("tr", has=page.get_by_role("link", name=PERTH_CITY, exact=True))
    expect(row).to_contain_text("At most 15 representatives")
    expect(row).to_contain_text("15 of 15 places filled")

    # The body page, from the structure chart.
    chart.get_by_role("link", name=PERTH_CITY, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/workspace/{PERTH}/bodies/{body.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(PERTH_CITY)
    expect(members_caption).to_have_text(f"15 current members of {PERTH_CITY}")
    expect(page.get_by_role("link", name="Change the body's details")).to_be_visible()
    check_accessibility(page)

    # By keyboard only: Tab to "Add a member" and press Enter.
    add_member = page.get_by_role("link", name="Add a member", exact=True)
    _tab_to(page, add_member)
    expect(add_member).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/bodies/{body.pk}/members/add/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Add a member to {PERTH_CITY}")
    check_accessibility(page)

    # A sixteenth representative is refused, naming the rule; nobody is recorded.
    _fill_new_member(page, today)
    page.get_by_role("button", name="Add member").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary).to_contain_text("At most 15 representatives")
    expect(summary).to_contain_text(f"{PERTH_CITY} already has 15")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile("^Error: Add a member"))
    # What was typed is kept.
    expect(page.get_by_label("Full name of somebody new")).to_have_value(NEW_MEMBER)
    check_accessibility(page)
    assert not Person.objects.filter(name=NEW_MEMBER).exists()
    assert _current(body).count() == 15

    # Back to the body page.
    page.locator("main").get_by_role("link", name="Cancel", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/workspace/{PERTH}/bodies/{body.pk}/$"))
    expect(members_caption).to_have_text(f"15 current members of {PERTH_CITY}")
    expect(page.get_by_role("heading", name="Past members")).to_have_count(0)
    check_accessibility(page)

    # End a plain member's membership; the link names whose it is.
    page.get_by_role("link", name=f"End {leaver}'s membership", exact=True).click()
    expect(page).to_have_url(
        re.compile(rf"/bodies/{body.pk}/members/{leaving.pk}/end/$"),
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"End {leaver}'s membership of {PERTH_CITY}"
    )
    check_accessibility(page)
    end = page.get_by_label("End date")
    expect(end).to_have_attribute("type", "date")
    end.fill(today.isoformat())
    reason = page.get_by_label("Reason (optional)")
    reason.fill(END_REASON)
    reason.press("Enter")  # submitted by keyboard

    expect(page).to_have_url(re.compile(rf"/workspace/{PERTH}/bodies/{body.pk}/$"))
    expect(page.get_by_role("status")).to_have_text(
        f"{leaver}'s membership ends on {_long_date(today)}."
    )
    expect(members_caption).to_have_text(f"14 current members of {PERTH_CITY}")
    expect(page.get_by_role("link", name=f"End {leaver}'s membership")).to_have_count(0)
    expect(page.get_by_role("heading", name="Past members", exact=True)).to_be_visible()
    past = page.locator("table", has=page.locator("caption", has_text="that have ended"))
    past_row = past.locator("tbody tr", has=page.get_by_role("rowheader", name=leaver))
    expect(past_row).to_have_count(1)
    expect(past_row.locator("td")).to_have_text(
        ["Member", _short_date(leaving.start), _short_date(today), END_REASON]
    )
    check_accessibility(page)

    # The freed place can now be filled.
    page.get_by_role("link", name="Add a member", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Add a member to {PERTH_CITY}")
    check_accessibility(page)
    _fill_new_member(page, today)
    page.get_by_role("button", name="Add member").click()

    expect(page).to_have_url(re.compile(rf"/workspace/{PERTH}/bodies/{body.pk}/$"))
    expect(page.get_by_role("status")).to_have_text(
        f"{NEW_MEMBER} is now a member of {PERTH_CITY}."
    )
    expect(page.locator("#error-summary")).to_have_count(0)
    expect(members_caption).to_have_text(f"15 current members of {PERTH_CITY}")
    members = page.locator("main table", has=page.locator("caption", has_text="current member"))
    new_row = members.locator("tbody tr", has=page.get_by_role("rowheader", name=NEW_MEMBER))
    expect(new_row).to_have_count(1)
    expect(new_row.locator("td").nth(0)).to_have_text("Member")
    expect(new_row.locator("td").nth(1)).to_have_text("Community representative")
    expect(new_row.locator("td").nth(3)).to_have_text(_short_date(today))
    check_accessibility(page)

    assert _current(body).filter(person__name=NEW_MEMBER).count() == 1
    assert page.console_problems == [], "\n".join(page.console_problems)


def test_public_structure_of_highland_and_the_chief_officers_group(page, check_accessibility):
    partnership = Partnership.objects.get(council_area__code=HIGHLAND)
    names = sorted(
        Body.objects.filter(partnership__council_area__code=HIGHLAND).values_list("name", flat=True)
    )
    assert len(names) == 9, names

    response = page.goto(f"/areas/{HIGHLAND}/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Highland")
    check_accessibility(page)

    page.locator("#partnership-links").get_by_role("link", name="How the partnership works").click()
    expect(page).to_have_url(re.compile(rf"/areas/{HIGHLAND}/partnership/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"How {partnership.name} works")
    check_accessibility(page)

    # The "Bodies" table lists every body, once; so does the chart.
    bodies = page.locator("table", has=page.locator("caption", has_text="Bodies of"))
    shown = bodies.locator("tbody th").all_inner_texts()
    assert sorted(text.strip() for text in shown) == names
    chart = page.get_by_role("region", name=f"Structure chart of {partnership.name}", exact=True)
    for name in names:
        expect(chart.get_by_role("link", name=name, exact=True)).to_have_count(1)
    partners = page.locator("table", has=page.locator("caption", has_text="Partner organisations"))
    expect(partners.get_by_role("rowheader", name="NHS Highland", exact=True)).to_be_visible()

    # The chart scrolls sideways, so keyboard users can focus it.
    _tab_to(page, chart)
    expect(chart).to_be_focused()

    chart.get_by_role("link", name="Chief Officers Group", exact=True).click()
    cog = _body(HIGHLAND, "Chief Officers Group")
    expect(page).to_have_url(re.compile(rf"/areas/{HIGHLAND}/partnership/bodies/{cog.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Chief Officers Group")
    remit = page.locator("h2:text-is('Remit') + ol")
    expect(remit.locator("li")).to_have_count(7)
    expect(remit.locator("li").first).to_have_text(
        re.compile(r"^Ensuring and challenging the partnership's delivery")
    )
    reporting = page.locator("h2:text-is('Reporting line') ~ ol").first
    expect(reporting.locator("li")).to_have_count(1)
    board = _body(HIGHLAND, "Members Partnership Board")
    expect(reporting.get_by_role("link", name="Members Partnership Board")).to_have_attribute(
        "href", f"/areas/{HIGHLAND}/partnership/bodies/{board.pk}/"
    )
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumbs.get_by_role("link", name="How the partnership works")).to_have_attribute(
        "href", f"/areas/{HIGHLAND}/partnership/"
    )
    check_accessibility(page)
    assert page.console_problems == [], "\n".join(page.console_problems)


def test_public_local_partnership_shows_its_locality_and_withholds_names(page, check_accessibility):
    body = _body(PERTH, PERTH_CITY)
    assert body.locality is not None
    communities = sorted(body.locality.communities.values_list("name", flat=True))
    assert len(communities) == 11
    current = list(_current(body))
    withheld = [
        m.person.name
        for m in current
        if m.category == Membership.Category.COMMUNITY and not m.person.public_name_consent
    ]
    named = [m.person.name for m in current if m.person.name not in withheld]
    assert withheld, "the demo should have community representatives who did not consent"
    assert len(named) + len(withheld) == 15

    response = page.goto(f"/areas/{PERTH}/partnership/")
    assert response.status == 200
    check_accessibility(page)
    bodies = page.locator("table", has=page.locator("caption", has_text="Bodies of"))
    bodies.get_by_role("link", name=PERTH_CITY, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/areas/{PERTH}/partnership/bodies/{body.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(PERTH_CITY)

    # The locality map is drawn, and the same communities are listed under it.
    expect(page.get_by_role("heading", name=f"Locality: {body.locality.name}")).to_be_visible()
    canvas = page.locator('[data-chart="locality-map"]')
    expect(canvas).to_have_attribute("data-chart-ready", "true")
    expect(canvas.locator("svg, canvas").first).to_be_visible()
    expect(page.locator("[data-chart-error]")).to_have_count(0)
    listed = page.locator("main ul.pp-community-list li a").all_inner_texts()
    assert sorted(text.strip() for text in listed) == communities

    # Community representatives are named only with their consent; everybody else is.
    members = page.locator("table", has=page.locator("caption", has_text="Current members of"))
    expect(members.locator("tbody tr")).to_have_count(15)
    expect(members.get_by_role("rowheader", name=WITHHELD, exact=True)).to_have_count(len(withheld))
    main_text = page.locator("main").inner_text()
    for name in withheld:
        assert name not in main_text, f"{name} is named without consent"
    for name in named:
        expect(members.get_by_role("rowheader", name=name, exact=True)).to_have_count(1)
    check_accessibility(page)
    assert page.console_problems == [], "\n".join(page.console_problems)


def test_lead_officer_manages_their_own_group_only(page, check_accessibility):
    email = demo_email("highland", "partner_officer")
    safer = _body(HIGHLAND, "Safer Highland")
    environment = _body(HIGHLAND, "Environment")
    lead = _current(safer).get(role=Membership.MemberRole.LEAD_OFFICER)
    assert lead.person.user is not None and lead.person.user.email == email

    _sign_in(page, check_accessibility, email)
    partnership = _open_partnership_workspace(page, check_accessibility, HIGHLAND)
    chart = _open_structure(page, check_accessibility, partnership)
    # A partner officer does not manage the structure.
    expect(page.get_by_role("link", name="Add a body")).to_have_count(0)

    chart.get_by_role("link", name="Safer Highland", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/workspace/{HIGHLAND}/bodies/{safer.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Safer Highland")
    expect(page.get_by_role("link", name="Add a member", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Change the body's details")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("navigation", name=partnership.name, exact=True).get_by_role(
        "link", name="Structure", exact=True
    ).click()
    chart.get_by_role("link", name="Environment", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/workspace/{HIGHLAND}/bodies/{environment.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Environment")
    expect(page.get_by_role("link", name="Add a member")).to_have_count(0)
    expect(page.get_by_role("link", name="Change the body's details")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("^End "))).to_have_count(0)
    check_accessibility(page)

    response = page.goto(f"/workspace/{HIGHLAND}/bodies/{environment.pk}/members/add/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have access to this page")
    expect(page.locator("main form")).to_have_count(0)
    check_accessibility(page)
