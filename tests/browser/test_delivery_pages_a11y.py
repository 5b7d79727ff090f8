"""The improvement action and recommendation pages in a real browser, as Highland's
support officer: axe, the footer and a keyboard walk on each; the empty add forms' error
summaries; and a partner officer's journey — find an action that needs attention,
record progress on it, and see its status change in the list.

The journey works on a scratch action made through the services; each test's writes are
rolled back with it (tests/browser/conftest.py), and the tests other than the journey
check that they changed nothing.
"""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from placeplan.delivery import services
from placeplan.delivery.models import (
    ActionStatus,
    ImprovementAction,
)
from placeplan.demo.services import demo_email
from placeplan.partnerships.models import Body, Partner, Partnership
from tests.browser.keyboard import keyboard_walk
from tests.browser.test_governance_pages_a11y import (
    _check_error_links,
    _check_error_summary,
    _no_console_problems,
    _open,
    _sign_in_cookies,
    _submit_empty,
)

pytestmark = pytest.mark.browser

HIGHLAND = "S12000017"
SCRATCH = "Browser test: a fictional overdue action"


@pytest.fixture(scope="module")
def demo_action(browser) -> ImprovementAction:
    """The demo's open action answering the governance recommendation (at risk)."""
    return ImprovementAction.objects.get(
        partnership__council_area__code=HIGHLAND, is_demo=True, status=ActionStatus.AT_RISK
    )


PAGES = {
    "list": ("actions/", "Improvement actions"),
    "all": ("actions/?status=all", "Improvement actions"),
    "board": ("actions/?status=all&layout=board", "Improvement actions"),
    "detail": ("actions/{pk}/", "{title}"),
    "add": ("actions/add/", "Add an improvement action"),
    "edit": ("actions/{pk}/edit/", "Change an improvement action"),
    "progress": ("actions/{pk}/progress/", "Progress on “{title}”"),
    "recommendations": ("recommendations/", "Recommendations"),
    "recommendation_add": ("recommendations/add/", "Add a recommendation"),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_delivery_page(
    name, highland_page, demo_action, unchanged_database, check_accessibility, check_footer_links
):
    page = highland_page
    path, heading = PAGES[name]
    values = {"pk": demo_action.pk, "title": demo_action.title}
    _open(page, f"/workspace/{HIGHLAND}/" + path.format(**values), heading.format(**values))
    if name == "list":
        attention = page.locator("#attention-bodies")
        expect(attention.get_by_role("link", name=demo_action.title)).to_have_count(2)
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


EMPTY_FORMS = {
    "add": (
        "actions/add/",
        "Save action",
        [
            "Enter the action",
            "Enter what will improve",
            "Choose where the action comes from",
            "Choose the accountable partner",
            "Choose the responsible body",
            "Enter the due date",
        ],
    ),
    "recommendation_add": (
        "recommendations/add/",
        "Save recommendation",
        ["Enter the report", "Enter the recommendation", "Enter the date of the report"],
    ),
}


@pytest.mark.parametrize("name", list(EMPTY_FORMS))
def test_empty_form_shows_an_error_summary(
    name, highland_page, unchanged_database, check_accessibility
):
    page = highland_page
    path, button, errors = EMPTY_FORMS[name]
    page.goto(f"/workspace/{HIGHLAND}/{path}")
    # The add form starts with a status chosen; empty every select as a person could.
    selects = page.locator("main form select")
    for index in range(selects.count()):
        select = selects.nth(index)
        if select.locator("option[value='']").count():
            select.select_option(value="")
    _submit_empty(page, button)
    _check_error_summary(page, errors)
    _check_error_links(page)
    check_accessibility(page)


@pytest.fixture
def scratch(db, browser):
    """An overdue action of Safer Highland, accountable to Police Scotland, not started:
    made through the services (rolled back with the test)."""
    partnership = Partnership.objects.get(council_area__code=HIGHLAND)
    action = services.action_save(
        action=ImprovementAction(
            partnership=partnership,
            title=SCRATCH,
            improvement="Fictional: fewer things go wrong.",
            source=ImprovementAction.Source.SELF_EVALUATION,
            responsible_body=Body.objects.get(partnership=partnership, name="Safer Highland"),
            accountable_partner=Partner.objects.get(
                partnership=partnership, organisation__name="Police Scotland"
            ),
            start=datetime.date(2026, 1, 1),
            due=datetime.date(2026, 3, 31),
        )
    )
    return action


def test_a_partner_officer_records_progress_on_an_overdue_action(
    page, browser, server_url, scratch, check_accessibility
):
    email = demo_email("highland", "partner_officer")
    page.context.add_cookies(_sign_in_cookies(browser, server_url, email))
    _open(page, f"/workspace/{HIGHLAND}/actions/", "Improvement actions")
    row = page.locator("#attention-bodies tbody tr", has_text="Safer Highland")
    row.get_by_role("link", name=SCRATCH).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SCRATCH)
    expect(page.locator("main")).to_contain_text("Overdue")
    page.get_by_role("link", name="Record progress").click()
    page.get_by_label("Status from now on").select_option(label="Off track")
    page.get_by_label("Progress", exact=True).fill(
        "Fictional: the partner's board meets next month."
    )
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SCRATCH)
    expect(page.locator("#action-status")).to_have_text("Off track")
    expect(page.locator("main")).to_contain_text("the partner's board meets next month")
    check_accessibility(page)
    page.get_by_role("link", name="All improvement actions").click()
    partners = page.locator("#attention-partners tbody tr", has_text="Police Scotland")
    expect(partners.locator("td").nth(1)).to_have_text("1")  # at risk or off track
    stored = ImprovementAction.objects.get(pk=scratch.pk)
    assert stored.status == ActionStatus.OFF_TRACK
    assert stored.updates.get().recorded_by.email == email
