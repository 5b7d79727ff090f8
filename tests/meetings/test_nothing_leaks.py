"""Confidential business and withheld names reach nobody outside those allowed, in any
output: every page a reader can reach by following links from the partnership's pages,
every form's choices on those pages, the agenda packs (PDF and Word), the calendar, the
API and the daily e-mail digests — before and after the minutes are approved.

The data: a held meeting of Highland's Chief Officers Group with a confidential item, its
decision (which a partner must take through its own governance), a published paper under
it, and a community representative who has not agreed to be named, present at the
meeting (so in the minutes' outline and the attendance rates) and raising a challenge
there (so in the challenge's steps)."""

from __future__ import annotations

import datetime
import io
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from placeplan.challenges import services as challenge_services
from placeplan.challenges.models import Challenge
from placeplan.meetings import selectors, services
from placeplan.meetings.models import Meeting
from placeplan.partnerships.models import Body, Membership, Partner, Person
from placeplan.workspace import digests
from tests.accounts.factories import user_with_role

HIGHLAND = "S12000017"
SECRET_ITEM = "Fictional Zanzibar site disposal"
SECRET_DECISION = "Agreed to sell the fictional Quillbrook depot"
SECRET_PAPER = "Fictional Zanzibar valuation"
WITHHELD = "Ottoline Nameless-Fictional"
SECRETS = (SECRET_ITEM, SECRET_DECISION, SECRET_PAPER)
# Where a reader's crawl goes: the partnership's workspace and public pages about its
# governance, meetings, challenges, actions and partners (not its thousands of evidence
# pages, which hold no meeting business or names).
CRAWLED = re.compile(
    r"^/(workspace|areas)/S12000017/"
    r"($|(meetings|challenges|actions|partnership|partners|bodies|people)[/.])"
)
NOT_CRAWLED = re.compile(r"/(edit|add|end|review|publish|approve|record|answer|accept|escalate)/")
# The agenda packs of the demo's other meetings: made by the same code from items that
# hold none of the secrets, so a reader's crawl fetches only the packs of the meeting with
# the confidential business (each pack takes a PDF or Word render; the crawl still reads
# every other meeting's page, where a link to that meeting's business would show).
OTHER_PACK = re.compile(r"/meetings/(?P<pk>\d+)/pack\.(pdf|docx)$")
MAX_PAGES = 250


def _day_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def business(db, highland):
    """The confidential business and the person who has not agreed to be named."""
    cog = Body.objects.get(partnership=highland, short_name="COG")
    meeting = services.meeting_save(
        meeting=Meeting(body=cog, starts_at=_day_ago(20), place="Fictional Hall")
    )
    meeting.status = Meeting.Status.HELD
    services.meeting_save(meeting=meeting)
    open_item = services.agenda_item_add(meeting=meeting, title="Fictional public item")
    secret = services.agenda_item_add(meeting=meeting, title=SECRET_ITEM, is_confidential=True)
    services.decision_add(meeting=meeting, agenda_item=open_item, text="Noted the report.")
    police = Partner.objects.get(partnership=highland, organisation__name="Police Scotland")
    services.decision_add(
        meeting=meeting, agenda_item=secret, text=SECRET_DECISION, partners=[police]
    )
    paper = services.paper_add(
        meeting=meeting,
        title=SECRET_PAPER,
        author="A fictional officer",
        purpose="To value the site.",
        agenda_item=secret,
    )
    services.paper_publish(paper=paper)
    account = user_with_role("community_member", full_name=WITHHELD)
    person = Person.objects.create(partnership=highland, name=WITHHELD, user=account)
    Membership.objects.create(
        body=cog,
        person=person,
        role=Membership.MemberRole.MEMBER,
        category=Membership.Category.COMMUNITY,
        start=timezone.localdate() - datetime.timedelta(days=400),
    )
    services.attendance_record(meeting=meeting, entries=[(person, None, "present")])
    # They raise a public challenge at the meeting: the step records their account's name.
    challenge_services.challenge_raise(
        challenge=Challenge(
            partnership=highland,
            question="Why is the fictional bus route still not running?",
            raised_by_body=cog,
            raised_on=timezone.localdate() - datetime.timedelta(days=20),
            to_body=Body.objects.get(partnership=highland, name="Safer Highland"),
            answer_due=timezone.localdate() + datetime.timedelta(days=8),
            meeting=meeting,
            agenda_item=open_item,
        ),
        user=account,
    )
    public, confidential = services.minutes_outline(
        selectors.meeting_get(partnership=highland, pk=meeting.pk)
    )
    services.minutes_save(meeting=meeting, text=public, confidential=confidential)
    later = services.meeting_save(
        meeting=Meeting(body=cog, starts_at=_day_ago(2), place="Fictional Hall")
    )
    later.status = Meeting.Status.HELD
    services.meeting_save(meeting=later)
    return meeting, later


@pytest.fixture
def outsider(highland):
    """A partner officer who sits on Safer Highland, not on the Chief Officers Group: may
    raise challenges, read the workspace and see names, but not the COG's confidential
    business."""
    user = user_with_role("partner_officer", full_name="Fictional Outsider")
    safer = Body.objects.get(partnership=highland, name="Safer Highland")
    person = Person.objects.create(partnership=highland, name="Fictional Outsider", user=user)
    Membership.objects.create(
        body=safer,
        person=person,
        role=Membership.MemberRole.MEMBER,
        category=Membership.Category.OFFICER,
        start=timezone.localdate() - datetime.timedelta(days=30),
    )
    return user


def _readers(outsider):
    return {
        "the public": None,
        "a national reader": user_with_role("national_reader"),
        "a partner officer outside the body": outsider,
    }


def _text(response) -> str:
    """What a response says, whatever its format."""
    kind = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if kind.startswith("application/pdf"):
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    if "wordprocessingml" in kind:
        document = Document(io.BytesIO(body))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    return body.decode("utf-8", errors="replace")


def _crawl(client: Client, starts: list[str], meeting: Meeting) -> dict[str, str]:
    """Every page (and download) reachable from ``starts`` by links the reader is shown,
    within the crawled sections (``meeting``'s packs, not other meetings'): URL → text."""
    seen: dict[str, str] = {}
    queue = list(starts)
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        if response.status_code != 200:
            seen[url] = ""
            continue
        text = _text(response)
        seen[url] = text
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        for href in re.findall(r'href="([^"#]+)', text):
            link = urljoin(url, href.replace("&amp;", "&"))
            parts = urlsplit(link)
            if parts.netloc and parts.netloc != "testserver":
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            pack = OTHER_PACK.search(parts.path)
            if pack and int(pack["pk"]) != meeting.pk:
                continue
            if CRAWLED.match(parts.path) and not NOT_CRAWLED.search(parts.path):
                queue.append(path)
    return seen


def _starts(meeting) -> list[str]:
    body, pk = meeting.body_id, meeting.pk
    return [
        f"/areas/{HIGHLAND}/",
        f"/areas/{HIGHLAND}/partnership/bodies/{body}/",
        f"/areas/{HIGHLAND}/meetings/{pk}/",
        f"/areas/{HIGHLAND}/meetings/{pk}/pack.pdf",
        f"/areas/{HIGHLAND}/meetings/{pk}/pack.docx",
        f"/areas/{HIGHLAND}/meetings.ics",
        f"/workspace/{HIGHLAND}/",
        f"/workspace/{HIGHLAND}/meetings/",
        f"/workspace/{HIGHLAND}/meetings/?body={body}",
        f"/workspace/{HIGHLAND}/meetings/{pk}/",
        f"/workspace/{HIGHLAND}/meetings/{pk}/pack.pdf",
        f"/workspace/{HIGHLAND}/meetings/{pk}/pack.docx",
        f"/workspace/{HIGHLAND}/meetings/{pk}/exception-report/",
        f"/workspace/{HIGHLAND}/challenges/",
        f"/workspace/{HIGHLAND}/challenges/add/",
        f"/workspace/{HIGHLAND}/challenges/add/?meeting={pk}",
        f"/api/v1/partnerships/{HIGHLAND}/meetings",
        f"/api/v1/partnerships/{HIGHLAND}/meetings/{pk}",
        f"/api/v1/partnerships/{HIGHLAND}/actions",
        f"/api/v1/partnerships/{HIGHLAND}/challenges",
        f"/api/v1/partnerships/{HIGHLAND}/structure",
    ]


def _leaks(pages: dict[str, str], words) -> list[tuple[str, str]]:
    return [(url, word) for url, text in pages.items() for word in words if word in text]


def _approve(meeting, later):
    services.minutes_approve(meeting=Meeting.objects.get(pk=meeting.pk), at=later)


@pytest.mark.parametrize("approved", [False, True], ids=["draft minutes", "approved minutes"])
def test_confidential_business_and_withheld_names_reach_nobody_outside(
    business, outsider, approved
):
    meeting, later = business
    if approved:
        _approve(meeting, later)
    for reader, user in _readers(outsider).items():
        client = Client()
        if user is not None:
            client.force_login(user)
        pages = _crawl(client, _starts(meeting), meeting)
        reached = [url for url, text in pages.items() if text]
        assert len(pages) < MAX_PAGES, "the crawl stopped early: widen MAX_PAGES"
        assert len(reached) >= 10, f"{reader} reached too little to prove anything: {reached}"
        assert f"/areas/{HIGHLAND}/meetings/{meeting.pk}/" in reached
        assert _leaks(pages, SECRETS) == [], reader
        if user is None or user.is_national_reader:
            assert _leaks(pages, [WITHHELD]) == [], reader


def test_the_bodys_members_see_what_others_do_not(business, outsider, highland):
    """The crawl could find what it looks for: the support officer (who runs the body's
    meetings) sees every secret and the name; the outsider sees the name (they work in
    the partnership) but no secret, and the agenda choice on the challenge form leaves
    the confidential item out."""
    meeting, later = business
    _approve(meeting, later)
    officer = user_with_role("support_officer")
    client = Client()
    client.force_login(officer)
    staff = _text(client.get(f"/workspace/{HIGHLAND}/meetings/{meeting.pk}/"))
    assert all(secret in staff for secret in SECRETS)
    assert WITHHELD in staff
    pack = _text(client.get(f"/workspace/{HIGHLAND}/meetings/{meeting.pk}/pack.pdf"))
    assert SECRET_ITEM in pack and SECRET_PAPER in pack
    stored = Meeting.objects.get(pk=meeting.pk)
    assert SECRET_DECISION in stored.minutes_confidential
    assert SECRET_DECISION not in stored.minutes and SECRET_ITEM not in stored.minutes
    client.force_login(outsider)
    form = _text(client.get(f"/workspace/{HIGHLAND}/challenges/add/?meeting={meeting.pk}"))
    assert "Fictional public item" in form and SECRET_ITEM not in form
    rates = _text(client.get(f"/workspace/{HIGHLAND}/meetings/?body={meeting.body_id}"))
    assert WITHHELD in rates
    assert "A confidential decision of Chief Officers Group" in rates


def test_the_public_minutes_name_only_those_who_agreed(business):
    """The minutes' public part is published once approved, so its outline names people by
    the public rule."""
    meeting, _ = business
    stored = Meeting.objects.get(pk=meeting.pk)
    assert "Present: Community representative (name withheld)" in stored.minutes
    assert WITHHELD not in stored.minutes


def test_digests_carry_no_confidential_business_to_people_outside(business, outsider):
    meeting, later = business
    _approve(meeting, later)
    mail.outbox.clear()
    digests.daily_digests_send(today=timezone.localdate())
    for message in mail.outbox:
        recipient = message.to[0]
        members = Membership.objects.filter(
            body=meeting.body, person__user__email=recipient
        ).exists()
        if not members:
            assert not any(secret in message.body for secret in SECRETS), recipient


def test_a_challenge_cannot_be_raised_under_an_item_the_raiser_may_not_see(
    business, outsider, highland
):
    meeting, _ = business
    secret = meeting.items.get(title=SECRET_ITEM)
    client = Client()
    client.force_login(outsider)
    response = client.post(
        f"/workspace/{HIGHLAND}/challenges/add/",
        {
            "question": "Why was the fictional depot sold?",
            "to_body": meeting.body_id,
            "answer_due": (timezone.localdate() + datetime.timedelta(days=28)).isoformat(),
            "meeting": meeting.pk,
            "agenda_item": secret.pk,
        },
    )
    assert response.status_code == 200
    assert SECRET_ITEM not in response.content.decode()
    assert not meeting.challenges.filter(question__contains="fictional depot").exists()
