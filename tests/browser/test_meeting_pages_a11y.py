"""The meeting pages in a real browser: every staff page, as Highland's support officer,
and every public page, signed out, with axe, the footer and a keyboard walk; the public
page of the next meeting, which withholds its confidential item; the empty forms' error
summaries; and a chief officers' meeting run in the browser — scheduled, given an item, a
paper (published) and a decision for Police Scotland to take through its own governance,
and minuted in draft — then seen by the public: the paper and the decision, not the draft
minutes.

Each test's writes are rolled back with it (tests/browser/conftest.py); the tests other
than the journey check that they changed nothing.
"""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect
from pypdf import PdfReader

from placeplan.challenges.models import Challenge
from placeplan.demo.services import demo_email
from placeplan.meetings.models import AgendaItem, Decision, Meeting, Paper, PartnerDecision
from placeplan.partnerships.models import Body
from tests.browser.conftest import CONTEXT
from tests.browser.keyboard import keyboard_walk
from tests.browser.test_governance_pages_a11y import (
    _check_error_links,
    _check_error_summary,
    _no_console_problems,
    _open,
    _sign_in_cookies,
    _submit_empty,
)
from tests.files import real_pdf

PDF = real_pdf()

pytestmark = pytest.mark.browser

HIGHLAND = "S12000017"
COG = "Chief Officers Group"
POLICE = "Police Scotland"

# The journey's fictional meeting, found by its place.
PLACE = "Browser test: the fictional Glen Example Hall"
ITEM = "Browser test: a fictional plan for safer fictional roads"
PAPER = "Browser test: fictional roads paper"
DECISION = "Browser test: the group agreed the fictional roads plan."
MINUTES = "Browser test: fictional draft minutes, not yet approved."


def _day(meeting: Meeting) -> str:
    """A meeting's date as its pages show it (``j F Y``, local time)."""
    return f"{timezone.localtime(meeting.starts_at):%-d %B %Y}"


def _heading(meeting: Meeting) -> str:
    return f"{COG}, {_day(meeting)}"


@pytest.fixture(scope="module")
def demo(browser) -> dict:
    """The demo's Chief Officers Group, its meetings and what the URLs name."""
    cog = Body.objects.get(partnership__council_area__code=HIGHLAND, name=COG)
    meetings = Meeting.objects.filter(body=cog, is_demo=True)
    first = meetings.get(starts_at__date=datetime.date(2013, 11, 26))
    draft = meetings.get(status=Meeting.Status.HELD, minutes_status=Meeting.MinutesStatus.DRAFT)
    upcoming = meetings.get(status=Meeting.Status.SCHEDULED)
    paper = Paper.objects.get(meeting=upcoming, status=Paper.Status.DRAFT, is_confidential=True)
    pending = PartnerDecision.objects.get(
        decision__meeting__in=meetings,
        partner__organisation__name=POLICE,
        taken_on__isnull=True,
    )
    assert first.papers.get().number == "COG/1/13"
    challenge = Challenge.objects.get(
        partnership=cog.partnership, is_demo=True, status=Challenge.Status.OPEN
    )
    return {
        "challenge": challenge,
        "police": challenge.to_partner,
        "cog": cog,
        "first": first,
        "draft": draft,
        "upcoming": upcoming,
        "paper": paper,
        "pending": pending,
    }


STAFF_PAGES = {
    "list": ("meetings/", lambda d: "Meetings"),
    "list_body": ("meetings/?body={cog}", lambda d: "Meetings"),
    "add": ("meetings/add/", lambda d: "Schedule a meeting"),
    "first": ("meetings/{first}/", lambda d: _heading(d["first"])),
    "detail": ("meetings/{draft}/", lambda d: _heading(d["draft"])),
    "upcoming": ("meetings/{upcoming}/", lambda d: _heading(d["upcoming"])),
    "edit": ("meetings/{draft}/edit/", lambda d: "Change the meeting"),
    "item_add": ("meetings/{draft}/agenda/add/", lambda d: "Add an agenda item"),
    "paper_add": ("meetings/{draft}/papers/add/", lambda d: "Add a paper"),
    "paper_publish": (
        "meetings/{upcoming}/papers/{paper}/publish/",
        lambda d: f"Publish paper {d['paper'].number}",
    ),
    "attendance": ("meetings/{draft}/attendance/", lambda d: "Record attendance"),
    "decision_add": ("meetings/{draft}/decisions/add/", lambda d: "Record a decision"),
    "minutes": ("meetings/{draft}/minutes/", lambda d: "Minutes"),
    "minutes_approve": ("meetings/{draft}/minutes/approve/", lambda d: "Approve the minutes"),
    "partner_decision": ("partner-decisions/{pending}/", lambda d: f"Record {POLICE}'s decision"),
    "exception_report": ("meetings/{upcoming}/exception-report/", lambda d: "Exception report"),
    "challenges": ("challenges/", lambda d: "Challenge log"),
    "challenge_add": ("challenges/add/", lambda d: "Raise a challenge"),
    "challenge": ("challenges/{challenge}/", lambda d: f"Challenge to {POLICE}"),
    "challenge_answer": ("challenges/{challenge}/answer/", lambda d: f"Answer for {POLICE}"),
    "partner_accountability": (
        "partners/{police}/",
        lambda d: f"{POLICE}: accountability",
    ),
}


def _path(path: str, demo: dict) -> str:
    return path.format(**{name: value.pk for name, value in demo.items()})


@pytest.mark.parametrize("name", list(STAFF_PAGES))
def test_staff_meeting_page(
    name, highland_page, demo, unchanged_database, check_accessibility, check_footer_links
):
    page = highland_page
    path, heading = STAFF_PAGES[name]
    _open(page, f"/workspace/{HIGHLAND}/" + _path(path, demo), heading(demo))
    main = page.locator("main")
    if name == "list":
        pending = page.locator("#pending-decisions tbody tr", has_text=POLICE)
        expect(pending).to_have_count(1)
    elif name == "list_body":
        expect(page.locator("#attendance-members tbody tr").first).to_be_visible()
        expect(page.locator("#attendance-partners tbody tr").first).to_be_visible()
    elif name == "first":
        expect(page.locator("#papers-table")).to_contain_text("COG/1/13")
    elif name == "upcoming":
        expect(main).to_contain_text("Partners' budget proposals")  # staff see it
    elif name == "partner_accountability":
        expect(page.locator("#overdue-challenges")).to_contain_text(demo["challenge"].question)
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


PUBLIC_PAGES = {
    "body_meetings": ("partnership/bodies/{cog}/meetings/", lambda d: f"Meetings of {COG}"),
    "first": ("meetings/{first}/", lambda d: _heading(d["first"])),
    "draft": ("meetings/{draft}/", lambda d: _heading(d["draft"])),
    "upcoming": ("meetings/{upcoming}/", lambda d: _heading(d["upcoming"])),
    "challenges": ("challenges/", lambda d: "Challenge log"),
    "police": ("partnership/partners/{police}/", lambda d: POLICE),
}


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_public_meeting_page(
    name, page, demo, unchanged_database, check_accessibility, check_footer_links
):
    path, heading = PUBLIC_PAGES[name]
    _open(page, f"/areas/{HIGHLAND}/" + _path(path, demo), heading(demo))
    if name == "first":
        expect(page.locator("#papers-table")).to_contain_text("COG/1/13")
    elif name == "draft":  # draft minutes are not published
        expect(page.locator("main")).to_contain_text(
            "The minutes are published once the body approves them at its next meeting."
        )
    elif name == "police":  # the demo's challenge to Police Scotland is overdue
        overdue = page.locator("#overdue-challenges")
        expect(overdue).to_contain_text("Challenges with an overdue answer (1)")
        expect(overdue.get_by_role("link")).to_have_attribute(
            "href", f"/areas/{HIGHLAND}/challenges/#challenge-{demo['challenge'].pk}"
        )
    check_accessibility(page)
    check_footer_links(page)
    keyboard_walk(page)
    _no_console_problems(page)


def test_public_calendar_is_icalendar(page, demo, unchanged_database):
    response = page.request.get(f"/areas/{HIGHLAND}/meetings.ics")
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    text = response.text()
    assert text.startswith("BEGIN:VCALENDAR"), text[:200]
    assert COG in text


@pytest.mark.parametrize(
    ("label", "kind", "start"), [("PDF", "pdf", b"%PDF-"), ("Word", "docx", b"PK")]
)
def test_the_public_downloads_the_agenda_pack(page, demo, unchanged_database, label, kind, start):
    """The agenda pack link on the public meeting page downloads a named file (not a page
    shown in the browser) holding no confidential business."""
    upcoming = demo["upcoming"]
    _open(page, f"/areas/{HIGHLAND}/meetings/{upcoming.pk}/", _heading(upcoming))
    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"Download the agenda pack ({label})").click()
    download = download_info.value
    day = timezone.localtime(upcoming.starts_at).date().isoformat()
    assert download.suggested_filename == f"COG-{day}-agenda-pack.{kind}"
    with open(download.path(), "rb") as handle:
        content = handle.read()
    assert content.startswith(start)
    if kind == "pdf":
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    else:
        text = " ".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert "Safer Highland: the rise in crime" in text
    assert "budget" not in text.lower()
    _no_console_problems(page)


def test_public_page_withholds_the_confidential_item(page, demo, unchanged_database):
    upcoming = demo["upcoming"]
    _open(page, f"/areas/{HIGHLAND}/meetings/{upcoming.pk}/", _heading(upcoming))
    main = page.locator("main")
    expect(main).to_contain_text("1 confidential item is not shown.")
    expect(main).to_contain_text("Safer Highland: the rise in crime")
    assert "budget" not in page.content().lower()
    expect(main).to_contain_text("No papers have been published for this meeting.")
    # Nor can its draft, confidential paper be downloaded.
    response = page.request.get(
        f"/areas/{HIGHLAND}/meetings/{upcoming.pk}/papers/{demo['paper'].pk}/download/"
    )
    assert response.status == 404
    _no_console_problems(page)


EMPTY_FORMS = {
    "add": (
        "meetings/add/",
        "Schedule meeting",
        [
            "Choose the body",
            "Enter the date of the meeting",
            "Enter the start time",
            "Enter where the meeting is, or “Online”",
        ],
    ),
    "item_add": ("meetings/{draft}/agenda/add/", "Add item", ["Enter the item's title"]),
    "decision_add": (
        "meetings/{draft}/decisions/add/",
        "Save decision",
        ["Choose the agenda item", "Enter the decision"],
    ),
}


@pytest.mark.parametrize("name", list(EMPTY_FORMS))
def test_empty_form_shows_an_error_summary(
    name, highland_page, demo, unchanged_database, check_accessibility
):
    page = highland_page
    path, button, errors = EMPTY_FORMS[name]
    response = page.goto(f"/workspace/{HIGHLAND}/" + _path(path, demo))
    assert response is not None and response.status == 200
    # Empty every select that can be emptied (the status keeps its initial value).
    selects = page.locator("main form select")
    for index in range(selects.count()):
        select = selects.nth(index)
        if select.locator("option[value='']").count():
            select.select_option(value="")
    _submit_empty(page, button)
    _check_error_summary(page, errors)
    _check_error_links(page)
    check_accessibility(page)
    _no_console_problems(page)


# The journey: a chief officers' meeting run in the browser.


def test_a_support_officer_runs_a_chief_officers_meeting(
    page, browser, server_url, demo, tmp_path, check_accessibility
):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    day = f"{yesterday:%-d %B %Y}"
    heading = f"{COG}, {day}"
    pdf = tmp_path / "fictional-roads.pdf"
    pdf.write_bytes(PDF)
    email = demo_email("highland", "support_officer")
    page.context.add_cookies(_sign_in_cookies(browser, server_url, email))

    # Schedule the meeting, held yesterday.
    _open(page, f"/workspace/{HIGHLAND}/meetings/", "Meetings")
    page.get_by_role("link", name="Schedule a meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Schedule a meeting")
    page.get_by_label("Body", exact=True).select_option(label=COG)
    page.get_by_label("Date of the meeting").fill(yesterday.isoformat())
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("Place", exact=True).fill(PLACE)
    page.get_by_label("Status", exact=True).select_option(label="Held")
    page.get_by_role("button", name="Schedule meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("#meeting-status")).to_have_text("Held")
    expect(page.locator("ol.pp-agenda > li")).to_have_count(4)  # the standard items
    meeting = Meeting.objects.get(place=PLACE)
    meeting_path = f"/workspace/{HIGHLAND}/meetings/{meeting.pk}/"

    # An item of business.
    page.get_by_role("link", name="Add an agenda item").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an agenda item")
    page.get_by_label("Item", exact=True).fill(ITEM)
    page.get_by_role("button", name="Add item").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("ol.pp-agenda > li").nth(4)).to_contain_text(ITEM)
    item = AgendaItem.objects.get(meeting=meeting, title=ITEM)
    assert item.number == 5

    # A paper for it, with a PDF, then published.
    page.get_by_role("link", name="Add a paper").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a paper")
    page.get_by_label("Title", exact=True).fill(PAPER)
    page.get_by_label("Agenda item it is for").select_option(label=str(item))
    page.get_by_label("Author", exact=True).fill("Fictional Roads Officer, demonstration")
    page.get_by_label("Purpose", exact=True).fill("To propose a fictional plan.")
    page.get_by_label("Attachment", exact=True).set_input_files(str(pdf))
    page.get_by_role("button", name="Add paper").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    paper = Paper.objects.get(meeting=meeting)
    assert re.fullmatch(rf"COG/\d+/{yesterday.year % 100:02d}", paper.number), paper.number
    assert paper.attachment_type == "pdf"
    row = page.locator(f"#paper-{paper.pk}")
    expect(row).to_contain_text(paper.number)
    expect(row).to_contain_text("Draft")
    check_accessibility(page)
    row.get_by_role("link", name=f"Publish paper {paper.number}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Publish paper {paper.number}")
    expect(page.locator("main")).to_contain_text("everybody, on the public meeting page")
    page.get_by_role("button", name="Publish paper").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator(f"#paper-{paper.pk}")).to_contain_text("Published")

    # A decision under the item, for Police Scotland's own governance too.
    page.get_by_role("link", name="Record a decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a decision")
    page.get_by_label("Agenda item", exact=True).select_option(label=str(item))
    page.get_by_label("Decision", exact=True).fill(DECISION)
    partners = page.get_by_role(
        "group", name="Partners who must take it through their own governance"
    )
    police = partners.get_by_role("checkbox", name=POLICE, exact=True)
    partners.locator("label", has_text=re.compile(f"^{POLICE}$")).click()  # as a person does
    expect(police).to_be_checked()
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    decisions = page.locator("ol.pp-decisions")
    expect(decisions).to_contain_text(DECISION)
    expect(decisions).to_contain_text(f"{POLICE} (not yet recorded)")
    decision = Decision.objects.get(meeting=meeting)
    assert decision.agenda_item == item
    assert [p.partner.organisation.name for p in decision.partners.all()] == [POLICE]

    # The draft minutes, from the outline.
    page.get_by_role("link", name="Draft the minutes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Minutes")
    minutes = page.get_by_label("Minutes (public part)", exact=True)
    expect(minutes).to_have_value(re.compile(re.escape(DECISION)))
    minutes.fill(f"{MINUTES}\n\n5. {ITEM}\n   Decision: {DECISION}")
    page.get_by_role("button", name="Save draft minutes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator(".pp-minutes")).to_contain_text(MINUTES)
    expect(page.locator("main")).to_contain_text("Not yet approved.")
    check_accessibility(page)
    _no_console_problems(page)
    assert page.url.split("#")[0].endswith(meeting_path)

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert meeting.minutes_status == Meeting.MinutesStatus.DRAFT

    # The public, signed out, see the published paper and the decision, not the minutes.
    public = browser.new_context(base_url=server_url, **CONTEXT)
    public.set_default_timeout(15_000)
    try:
        visitor = public.new_page()
        _open(visitor, f"/areas/{HIGHLAND}/meetings/{meeting.pk}/", heading)
        main = visitor.locator("main")
        expect(visitor.locator("#papers-table")).to_contain_text(paper.number)
        expect(visitor.locator("#papers-table")).to_contain_text(PAPER)
        expect(
            main.get_by_role("link", name=f"Download paper {paper.number} (PDF)")
        ).to_be_visible()
        expect(visitor.locator("ol.pp-decisions")).to_contain_text(DECISION)
        expect(main).to_contain_text(
            "The minutes are published once the body approves them at its next meeting."
        )
        expect(main).not_to_contain_text(MINUTES)
        expect(main).not_to_contain_text("Not yet approved.")
        download = visitor.request.get(
            f"/areas/{HIGHLAND}/meetings/{meeting.pk}/papers/{paper.pk}/download/"
        )
        assert download.status == 200
        assert download.body() == PDF
        check_accessibility(visitor)
    finally:
        public.close()
