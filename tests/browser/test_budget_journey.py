"""A resident votes in a participatory budgeting vote, in a real browser, by keyboard only:
they tick projects with the space bar and hear the running total (an aria-live region),
go over the budget and are told, change their mind within it, declare that they may vote
and submit; their ballot is confirmed. A second ballot, sent from a tab opened before the
first was cast, is refused. Then the same page without JavaScript: the server checks the
ballot and shows every problem with the total. axe on every page on the way (axe runs as
a script, so not on the page without JavaScript).

Everything made here (the vote, its projects and the resident) is rolled back with the
test (tests/browser/conftest.py)."""

from __future__ import annotations

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from playwright.sync_api import expect

from placeplan.budgets.models import Ballot
from placeplan.partnerships.models import Partnership
from tests.browser.conftest import CONTEXT
from tests.browser.test_governance_pages_a11y import _open
from tests.factories import ProcessFactory, ProjectFactory, ResidentFactory, UserFactory

# A journey end to end: CI runs it on PostgreSQL too (.ci/run).
pytestmark = [pytest.mark.browser, pytest.mark.every_database]

PERTH = "S12000048"
PASSWORD = "A-long-fictional-voter-pass-19"


def _vote():
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    process = ProcessFactory(
        partnership=Partnership.objects.get(council_area__code=PERTH),
        title="Fictional Keyboard Choices",
        budget=10_000,
        proposals_open=today - 60 * day,
        proposals_close=today - 40 * day,
        voting_open=today - day,
        voting_close=today + 30 * day,
    )
    projects = {
        name: ProjectFactory(process=process, title=name, cost=cost)
        for name, cost in (
            ("Fictional benches", 2_000),
            ("Fictional play park", 7_000),
            ("Fictional mural", 4_000),
        )
    }
    return process, projects


def _resident():
    user = UserFactory(password=PASSWORD)
    resident = ResidentFactory(user=user, verified=True, council_area=None)
    assert EmailAddress.objects.filter(user=user, verified=True).exists()
    return resident.user


def _sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/residents/account/$"))


def _tab_to(page, label: str, limit: int = 40):
    """Press Tab until the focused element is the control ``label`` names."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " const l = e && e.id ? document.querySelector(`label[for='${e.id}']`) : null;"
            " return (l ? l.textContent : (e.textContent || '')).trim(); }"
        )
        if focused.startswith(label):
            return
    raise AssertionError(f"Tab never reached {label!r}")


def test_a_resident_votes_by_keyboard_and_cannot_vote_twice(
    page, browser, server_url, check_accessibility
):
    process, projects = _vote()
    voter = _resident()
    _sign_in(page, voter.email)
    url = f"/contribute/{PERTH}/budgets/{process.pk}/vote/"
    # A second tab with the ballot open before the vote is cast.
    other = page.context.new_page()
    other.goto(url)

    _open(page, url, "Vote")
    check_accessibility(page)
    total = page.locator("#ballot-total")
    expect(total).to_have_attribute("aria-live", "polite")
    expect(total).to_contain_text("£10,000 of the £10,000 budget is left")

    _tab_to(page, "Fictional benches")
    page.keyboard.press("Space")
    expect(total).to_contain_text("1 project costing £2,000")
    expect(total).to_contain_text("£8,000 of the £10,000 budget is left")
    _tab_to(page, "Fictional play park")
    page.keyboard.press("Space")
    expect(total).to_contain_text("£9,000")
    # The mural no longer fits, and the page says so in words.
    mural = page.locator("[data-project]", has_text="Fictional mural")
    expect(mural.locator("[data-no-fit]")).to_be_visible()
    # The mural comes before the play park on the ballot (cheapest first): back to it.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    expect(total).to_contain_text("That is £3,000 over the £10,000 budget")
    # They change their mind: the mural instead of the play park.
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(total).to_contain_text("2 projects costing £6,000")
    expect(total).to_contain_text("£4,000 of the £10,000 budget is left")
    _tab_to(page, "I live in")
    page.keyboard.press("Space")
    _tab_to(page, "Cast my vote")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Your vote is cast")
    expect(page.locator("main")).to_contain_text("Fictional benches")
    expect(page.locator("main")).to_contain_text("Fictional mural")
    expect(page.locator("main")).not_to_contain_text("Fictional play park")
    check_accessibility(page)
    ballot = Ballot.objects.get(process=process, voter=voter)
    assert {p.title for p in ballot.projects.all()} == {"Fictional benches", "Fictional mural"}

    # The tab opened before: its ballot is refused, and nothing is added.
    other.locator("label[for=id_projects_0]").click()
    other.locator("label[for=id_declared]").click()
    other.get_by_role("button", name="Cast my vote").click()
    expect(other.get_by_role("heading", level=1)).to_have_text("A ballot has already been cast")
    check_accessibility(other)
    assert Ballot.objects.filter(process=process).count() == 1
    other.close()


def test_the_ballot_works_without_javascript(browser, server_url):
    process, projects = _vote()
    voter = _resident()
    context = browser.new_context(**CONTEXT, base_url=server_url, java_script_enabled=False)
    page = context.new_page()
    try:
        _sign_in(page, voter.email)
        _open(page, f"/contribute/{PERTH}/budgets/{process.pk}/vote/", "Vote")
        for name in ("Fictional play park", "Fictional mural"):
            page.locator("label", has_text=name).click()
        page.get_by_role("button", name="Cast my vote").click()
        summary = page.locator(".ds_error-summary")
        expect(summary).to_contain_text("more than the budget")
        expect(summary).to_contain_text("Confirm that you live in")
        expect(summary).to_contain_text("costing £11,000")
        assert not Ballot.objects.filter(process=process).exists()
    finally:
        context.close()
