"""A challenge at a meeting, in a real browser: Highland's board member raises a challenge
at the Chief Officers Group's latest meeting about an indicator that is off track,
addressed to Safer Highland; Safer Highland's lead officer (the demo partner officer)
answers it; the public challenge log shows the challenge and its answer. axe on every
page on the way.

The challenge made here is rolled back with the test (tests/browser/conftest.py).
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from placeplan.challenges.models import Challenge
from placeplan.demo.services import demo_email
from placeplan.meetings.models import Meeting
from placeplan.performance import analysis
from placeplan.plans import progress
from placeplan.plans.models import OutcomeIndicator
from tests.browser.test_governance_pages_a11y import _open, _sign_in_cookies

# A journey end to end: CI runs it on PostgreSQL too (.ci/run).
pytestmark = [pytest.mark.browser, pytest.mark.every_database]

HIGHLAND = "S12000017"
QUESTION = "Fictional browser test: the indicator is off track. What will change, and when?"
ANSWER = "Fictional browser test: joint tasking starts next month; we report in March."


def _off_track_indicator() -> OutcomeIndicator:
    """A published Highland plan indicator that is off track today."""
    for indicator in OutcomeIndicator.objects.filter(
        outcome__plan__partnership__council_area__code=HIGHLAND,
        outcome__plan__status="published",
    ).select_related("measure", "area", "outcome__plan", "baseline_observation__period"):
        state = progress.indicator_progress(indicator=indicator)
        if state.status.code == analysis.OFF_TRACK:
            return indicator
    pytest.fail("the demo has no off-track indicator")


def test_a_challenge_raised_at_a_meeting_is_answered_and_public(
    page, browser, server_url, check_accessibility
):
    meeting = (
        Meeting.objects.filter(
            body__partnership__council_area__code=HIGHLAND,
            is_demo=True,
            status=Meeting.Status.HELD,
            starts_at__gte=timezone.now() - datetime.timedelta(days=120),
        )
        .order_by("-starts_at")
        .first()
    )
    indicator = _off_track_indicator()
    due = timezone.localdate() + datetime.timedelta(days=28)

    board = demo_email("highland", "board_member")
    page.context.add_cookies(_sign_in_cookies(browser, server_url, board))
    heading = f"Chief Officers Group, {timezone.localtime(meeting.starts_at):%-d %B %Y}"
    _open(page, f"/workspace/{HIGHLAND}/meetings/{meeting.pk}/", heading)
    check_accessibility(page)
    page.get_by_role("link", name="Raise a challenge at this meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Raise a challenge")
    expect(page.get_by_label("Raised at a meeting")).to_have_value(str(meeting.pk))
    check_accessibility(page)
    page.get_by_label("Challenge", exact=True).fill(QUESTION)
    page.get_by_label("or addressed to a body").select_option(label="Safer Highland")
    page.get_by_label("Date the answer is due").fill(due.isoformat())
    page.get_by_label("Raised by (body)").select_option(label="Members Partnership Board")
    page.get_by_label("About an indicator").select_option(value=str(indicator.pk))
    page.get_by_role("button", name="Raise challenge").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Challenge to Safer Highland")
    expect(page.locator("main")).to_contain_text("Waiting for an answer")
    expect(page.locator("main")).to_contain_text(indicator.measure.name)
    check_accessibility(page)
    page.context.clear_cookies()

    challenge = Challenge.objects.get(question=QUESTION)
    assert (challenge.meeting, challenge.indicator, challenge.answer_due) == (
        meeting,
        indicator,
        due,
    )

    lead = demo_email("highland", "partner_officer")  # Safer Highland's lead officer
    page.context.add_cookies(_sign_in_cookies(browser, server_url, lead))
    _open(page, f"/workspace/{HIGHLAND}/challenges/", "Challenge log")
    page.get_by_role("link", name=re.compile("^Fictional browser test")).click()
    page.get_by_role("link", name="Answer the challenge").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Answer for Safer Highland")
    check_accessibility(page)
    page.get_by_label("Answer", exact=True).fill(ANSWER)
    page.get_by_role("button", name="Save answer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Challenge to Safer Highland")
    expect(page.locator("main")).to_contain_text("Answered")
    expect(page.locator("main")).to_contain_text(ANSWER)
    page.context.clear_cookies()

    _open(page, f"/areas/{HIGHLAND}/challenges/", "Challenge log")
    entry = page.locator("section.pp-challenge", has_text=QUESTION)
    expect(entry).to_contain_text(ANSWER)
    expect(entry).to_contain_text("for Safer Highland")
    expect(entry).not_to_contain_text("Exampleton")  # the public see bodies, not people
    check_accessibility(page)
    assert Challenge.objects.get(pk=challenge.pk).status == Challenge.Status.ANSWERED
