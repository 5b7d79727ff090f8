"""The meeting pages, staff and public: what each shows and withholds, the forms (an
error summary and nothing saved on bad input), downloads and the calendar."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from placeplan.accounts.models import User
from placeplan.challenges.models import Challenge
from placeplan.demo.services import demo_email
from placeplan.meetings import services
from placeplan.meetings.models import Attendance, Decision, Meeting, Paper
from placeplan.partnerships.models import Body, Partner
from tests.files import real_pdf

PDF = real_pdf()

pytestmark = pytest.mark.django_db

HL = "S12000017"


@pytest.fixture
def officer():
    client = Client()
    client.force_login(User.objects.get(email=demo_email("highland", "support_officer")))
    return client


@pytest.fixture
def cog():
    return Body.objects.get(partnership__council_area__code=HL, name="Chief Officers Group")


def _demo(cog, **where):
    return Meeting.objects.filter(body=cog, is_demo=True, **where).order_by("starts_at")


def test_the_public_meeting_page_withholds_drafts_and_confidential_business(cog):
    upcoming = _demo(cog, status=Meeting.Status.SCHEDULED).get()
    page = Client().get(f"/areas/{HL}/meetings/{upcoming.pk}/").content.decode()
    assert "Safer Highland: the rise in crime" in page
    assert "budget" not in page.lower()  # a confidential item and its draft paper
    assert "1 confidential item is not shown." in page
    staff = Client()
    staff.force_login(User.objects.get(email=demo_email("highland", "support_officer")))
    workspace = staff.get(f"/workspace/{HL}/meetings/{upcoming.pk}/").content.decode()
    assert "Partners&#x27; budget proposals for 2027/28" in workspace


def test_confidential_business_is_for_the_bodys_members_in_the_workspace_too(cog):
    """A board member of Highland who does not sit on the Chief Officers Group sees its
    meetings, but not a confidential item or paper, even once the paper is published."""
    upcoming = _demo(cog, status=Meeting.Status.SCHEDULED).get()
    secret = upcoming.papers.get(is_confidential=True)
    services.paper_publish(paper=secret)
    board = Client()
    board.force_login(User.objects.get(email=demo_email("highland", "board_member")))
    page = board.get(f"/workspace/{HL}/meetings/{upcoming.pk}/").content.decode()
    assert "Safer Highland: the rise in crime" in page
    assert "budget" not in page.lower()
    assert "1 confidential item is not shown." in page
    download = f"/workspace/{HL}/meetings/{upcoming.pk}/papers/{secret.pk}/download/"
    assert board.get(download).status_code == 403
    member = Client()
    member.force_login(User.objects.get(email=demo_email("highland", "support_officer")))
    assert (
        "Partners&#x27; budget proposals"
        in member.get(f"/workspace/{HL}/meetings/{upcoming.pk}/").content.decode()
    )


def test_the_public_sees_approved_minutes_only(cog):
    approved, draft = (
        _demo(cog, minutes_status="approved").last(),
        _demo(cog, minutes_status="draft").get(),
    )
    approved_page = Client().get(f"/areas/{HL}/meetings/{approved.pk}/").content.decode()
    assert "Approved at the meeting of" in approved_page and "Present:" in approved_page
    draft_page = Client().get(f"/areas/{HL}/meetings/{draft.pk}/").content.decode()
    assert "The minutes are published once the body approves them" in draft_page
    assert "Present:" not in draft_page


def test_the_seed_paper_is_cog_1_13_and_public(cog):
    first = _demo(cog).first()
    paper = first.papers.get()
    assert paper.number == "COG/1/13" and paper.status == Paper.Status.PUBLISHED
    page = Client().get(f"/areas/{HL}/meetings/{first.pk}/").content.decode()
    assert "COG/1/13" in page


def test_scheduling_a_meeting_adds_the_standard_items(officer, cog):
    empty = officer.post(f"/workspace/{HL}/meetings/add/", {})
    text = empty.content.decode()
    for message in ("Choose the body", "Enter the date of the meeting", "Enter the start time"):
        assert message in text
    before = Meeting.objects.count()
    response = officer.post(
        f"/workspace/{HL}/meetings/add/",
        {
            "body": cog.pk,
            "date": "2031-05-06",
            "time": "14:00",
            "place": "Online",
            "status": "scheduled",
        },
    )
    assert Meeting.objects.count() == before + 1
    meeting = Meeting.objects.latest("pk")
    assert response["Location"] == f"/workspace/{HL}/meetings/{meeting.pk}/"
    assert timezone.localtime(meeting.starts_at).hour == 14
    assert meeting.items.count() == 4


def test_a_renamed_web_page_is_refused_as_a_paper(officer, cog):
    meeting = _demo(cog, status=Meeting.Status.SCHEDULED).get()
    papers = Paper.objects.count()
    response = officer.post(
        f"/workspace/{HL}/meetings/{meeting.pk}/papers/add/",
        {
            "title": "Fictional paper",
            "author": "Fictional officer",
            "purpose": "To inform.",
            "attachment": SimpleUploadedFile("paper.pdf", b"<html><script>x</script></html>"),
        },
    )
    text = response.content.decode()
    assert 'id="error-summary"' in text
    assert "The attachment must be a PDF, Word (.docx) or Excel (.xlsx) file." in text
    assert Paper.objects.count() == papers


def test_a_paper_is_added_published_and_downloaded(officer, cog):
    meeting = _demo(cog, status=Meeting.Status.SCHEDULED).get()
    officer.post(
        f"/workspace/{HL}/meetings/{meeting.pk}/papers/add/",
        {
            "title": "Fictional paper",
            "author": "Fictional officer",
            "purpose": "To inform.",
            "attachment": SimpleUploadedFile("my paper.pdf", PDF),
        },
    )
    paper = Paper.objects.get(meeting=meeting, title="Fictional paper")
    public_url = f"/areas/{HL}/meetings/{meeting.pk}/papers/{paper.pk}/download/"
    assert Client().get(public_url).status_code == 404  # a draft
    officer.post(f"/workspace/{HL}/meetings/{meeting.pk}/papers/{paper.pk}/publish/", {})
    response = Client().get(public_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert paper.number.replace("/", "-") in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_recording_attendance_and_a_decision(officer, cog):
    meeting = services.meeting_save(
        meeting=Meeting(
            body=cog,
            starts_at=timezone.now() - datetime.timedelta(hours=1),
            place="Online",
            status=Meeting.Status.HELD,
        )
    )
    form = officer.get(f"/workspace/{HL}/meetings/{meeting.pk}/attendance/").content.decode()
    member = cog.memberships.filter(end__isnull=True).select_related("person").first()
    assert member.person.name in form
    officer.post(
        f"/workspace/{HL}/meetings/{meeting.pk}/attendance/",
        {f"person_{member.person_id}": "apologies"},
    )
    assert list(meeting.attendance.values_list("person", "status")) == [
        (member.person_id, Attendance.Status.APOLOGIES)
    ]
    item = meeting.items.get(number=4)
    bad = officer.post(f"/workspace/{HL}/meetings/{meeting.pk}/decisions/add/", {})
    assert "Enter the decision" in bad.content.decode()
    officer.post(
        f"/workspace/{HL}/meetings/{meeting.pk}/decisions/add/",
        {"agenda_item": item.pk, "text": "Noted the matters arising."},
    )
    assert Decision.objects.get(meeting=meeting).text == "Noted the matters arising."


def test_approved_minutes_send_people_back(officer, cog):
    approved = _demo(cog, minutes_status="approved").first()
    for step in ("minutes/", "minutes/approve/"):
        response = officer.get(f"/workspace/{HL}/meetings/{approved.pk}/{step}")
        assert response["Location"] == f"/workspace/{HL}/meetings/{approved.pk}/#minutes"


def test_the_calendar_is_an_icalendar_download(cog):
    response = Client().get(f"/areas/{HL}/meetings.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == _demo(cog).count()


def test_a_partners_accountability_in_one_place(officer):
    police = Partner.objects.get(
        partnership__council_area__code=HL, organisation__name="Police Scotland"
    )
    nhs = Partner.objects.get(partnership__council_area__code=HL, organisation__name="NHS Highland")
    page = officer.get(f"/workspace/{HL}/partners/{police.pk}/").content.decode()
    challenge = Challenge.objects.get(to_partner=police, is_demo=True)
    assert challenge.question[:60] in page
    assert "Answer overdue" in page
    assert "No attendance of its representatives has been recorded" in page
    # NHS Highland's one representative on the Chief Officers Group was at both recent
    # demo meetings.
    nhs_page = officer.get(f"/workspace/{HL}/partners/{nhs.pk}/").content.decode()
    assert "they were present 2 times out of 2 (100%)" in nhs_page
    assert "No challenge has been addressed to NHS Highland." in nhs_page
    assert officer.get(f"/workspace/S12000048/partners/{police.pk}/").status_code == 403


def _member_rate(page: str, name: str) -> tuple[str, str, str]:
    table = page.split('id="attendance-members"')[1].split("</table>")[0]
    row = table.split(f'<th scope="row">{name}</th>')[1].split("</tr>")[0]
    cells = [cell.split(">", 1)[1].split("<", 1)[0] for cell in row.split("<td")[1:]]
    return tuple(cells)


def test_attendance_rates_cover_the_period_asked_for(officer, cog):
    """Niall Exampleton (demo) was present 166 days ago and sent apologies 75 days ago."""
    today = timezone.localdate()
    url = f"/workspace/{HL}/meetings/?body={cog.pk}"
    year = officer.get(url).content.decode()
    assert _member_rate(year, "Niall Exampleton") == ("2", "1", "50%")
    start = (today - datetime.timedelta(days=100)).isoformat()
    recent = officer.get(f"{url}&start={start}").content.decode()
    assert _member_rate(recent, "Niall Exampleton") == ("1", "0", "0%")
    assert f"{today - datetime.timedelta(days=100):%-d %B %Y} to {today:%-d %B %Y}" in recent
    end = (today - datetime.timedelta(days=120)).isoformat()
    earlier = officer.get(f"{url}&end={end}").content.decode()
    assert _member_rate(earlier, "Niall Exampleton") == ("1", "1", "100%")

    backwards = officer.get(f"{url}&start={start}&end={end}").content.decode()
    assert "There is a problem" in backwards
    assert "The last day must be on or after the first day" in backwards
    assert _member_rate(backwards, "Niall Exampleton") == ("2", "1", "50%")  # the default
    nonsense = officer.get(f"{url}&start=2026-02-31").content.decode()
    assert "Enter the first day as a real date, for example 2026-11-23" in nonsense


def test_the_attendance_form_lists_the_members_on_the_meetings_day(officer, cog):
    """A membership's end is the first day it no longer holds: someone whose membership
    ended on the meeting's day is not listed; someone who left the day after is."""
    meeting = _demo(cog, status=Meeting.Status.HELD).last()
    day = timezone.localtime(meeting.starts_at).date()
    leaving, staying = list(
        cog.memberships.filter(start__lte=day, end__isnull=True).order_by("pk")[:2]
    )
    leaving.end = day
    leaving.save()
    staying.end = day + datetime.timedelta(days=1)
    staying.save()
    page = officer.get(f"/workspace/{HL}/meetings/{meeting.pk}/attendance/").content.decode()
    assert f'name="person_{staying.person_id}"' in page
    assert f'name="person_{leaving.person_id}"' not in page


def test_an_unknown_body_filter_lists_every_meeting(officer):
    every = officer.get(f"/workspace/{HL}/meetings/")
    odd = officer.get(f"/workspace/{HL}/meetings/?body=999999999")
    assert odd.status_code == 200
    assert odd.context["chosen"] is None
    assert list(odd.context["meetings"]) == list(every.context["meetings"])


def test_scheduling_is_offered_to_those_who_run_some_bodys_meetings(client):
    expected = {"support_officer": True, "partner_officer": True, "community_member": False}
    for role, may in expected.items():
        client.force_login(User.objects.get(email=demo_email("highland", role)))
        page = client.get(f"/workspace/{HL}/meetings/")
        assert page.context["may_schedule"] is may, role
        # The list's promise matches the form: only those who may schedule reach it.
        form = client.get(f"/workspace/{HL}/meetings/add/")
        assert (form.status_code == 200) is may, role
