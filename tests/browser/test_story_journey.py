"""A resident helps write Perth City's Story of Place, in a real browser: they register,
confirm their email address from the link they are sent, sign in and propose a change to
the story's "Safety" section; the lead officer of Perth City's local partnership finds it
in the moderation queue, compared with the current text, and publishes it with a change
of their own; the resident is emailed the decision and the public story shows the new
text. axe on every page on the way.

Everything made here (the lead officer's account and seat, the resident, the proposal
and the version) is rolled back with the test (tests/browser/conftest.py).
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from placeplan.partnerships.models import Body, Membership, Person
from placeplan.partnerships.selectors import memberships_current
from placeplan.stories.models import Story
from tests.browser.test_governance_pages_a11y import _open
from tests.factories.accounts import PASSWORD, UserFactory

# A journey end to end: CI runs it on PostgreSQL too (.ci/run).
pytestmark = [pytest.mark.browser, pytest.mark.every_database]

PERTH = "S12000048"
EMAIL = "fictional.resident.journey@example.org"
RESIDENT_PASSWORD = "A-long-fictional-resident-pass-42"
PROPOSED = "Most people feel safe. Residents ask for better lighting on the Inch paths."
PUBLISHED = "Most people feel safe. Residents ask for better lighting on the North Inch paths."


def _lead_officer():
    """The lead officer of Perth City's local partnership (a demo person), given an
    account for the journey."""
    body = Body.objects.get(partnership__council_area__code=PERTH, locality__name="Perth City")
    seat = memberships_current(timezone.localdate()).get(
        body=body, role=Membership.MemberRole.LEAD_OFFICER
    )
    user = UserFactory(full_name=seat.person.name)
    Person.objects.filter(pk=seat.person_id).update(user=user)
    return user


def _sign_in(page, email, password, landing):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(landing))


def test_a_resident_s_proposal_is_moderated_and_published(
    page, browser, server_url, check_accessibility
):
    story = Story.objects.get(
        locality__partnership__council_area__code=PERTH, locality__name="Perth City"
    )
    safety = story.sections.get(evidence="safety")
    lead_officer = _lead_officer()
    mail.outbox = []

    # The resident registers, and confirms their address from the email.
    _open(page, "/accounts/signup/", "Create a resident's account")
    check_accessibility(page)
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Display name").fill("Fictional Journey Resident")
    page.get_by_label("Council area you live in").select_option(label="Perth and Kinross")
    page.get_by_label("Password", exact=True).fill(RESIDENT_PASSWORD)
    page.get_by_label("Enter the password again").fill(RESIDENT_PASSWORD)
    page.locator("label[for=id_privacy]").click()  # the Design System styles the box itself
    page.get_by_role("button", name="Create account").click()
    expect(page.locator("main")).to_contain_text("email")
    [confirmation] = [m for m in mail.outbox if m.to == [EMAIL]]
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", confirmation.body)
    page.goto(link.group(1))
    check_accessibility(page)
    page.get_by_role("button", name="Confirm").click()

    # Signed in, they propose a change to "Safety" from the public story.
    _sign_in(page, EMAIL, RESIDENT_PASSWORD, r"/residents/account/$")
    _open(page, f"/areas/{PERTH}/stories/{story.locality_id}/", "Perth City")
    page.get_by_role("link", name="Propose a change to “Safety”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Propose a change to “Safety”")
    check_accessibility(page)
    page.get_by_label("Your text for this section").fill(PROPOSED)
    page.get_by_role("button", name="Send to the moderators").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What you have proposed")
    expect(page.locator("main")).to_contain_text("Awaiting moderation")
    check_accessibility(page)
    # Not public before a moderator approves it.
    _open(page, f"/areas/{PERTH}/stories/{story.locality_id}/", "Perth City")
    expect(page.locator("main")).not_to_contain_text("lighting on the Inch")

    # The lead officer publishes it, with a change.
    page.context.clear_cookies()
    _sign_in(page, lead_officer.email, PASSWORD, r"/workspace/$")
    _open(page, f"/workspace/{PERTH}/stories/moderation/", "Moderation queue")
    check_accessibility(page)
    page.get_by_role("link", name="“Safety”, Perth City").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Proposed change to “Safety”, Perth City"
    )
    expect(page.locator(".pp-comparison__added").first).to_be_visible()
    expect(page.locator(".pp-preview")).to_contain_text("lighting on the Inch paths")
    check_accessibility(page)
    page.locator("label[for=id_decision_0]").click()  # "Publish it"
    page.get_by_label("Text to publish").fill(PUBLISHED)
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation queue")
    expect(page.locator("body")).to_contain_text("Published as version")

    # The resident is told, and the public story shows the new text.
    decisions = [m for m in mail.outbox if m.to == [EMAIL] and "published" in m.subject]
    assert len(decisions) == 1 and "with some changes by the moderator" in decisions[0].body
    page.context.clear_cookies()
    _open(page, f"/areas/{PERTH}/stories/{story.locality_id}/", "Perth City")
    section = page.locator(f"#section-{safety.pk}")
    expect(section).to_contain_text("lighting on the North Inch paths")
    check_accessibility(page)
