"""The meeting pages, staff and public: what each shows and withholds, the forms (an
error summary and nothing saved on bad input), downloads and the calendar."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from placeplan.challenges import services as challenge_services
from placeplan.challenges.models import Challenge
from placeplan.meetings import services
from placeplan.meetings.models import Attendance, Decision, Meeting, Paper
from placeplan.partnerships.models import Membership, OrganisationKind
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PaperFactory,
    PartnerFactory,
    PersonFactory,
    user_with_role,
)
from tests.files import real_pdf

PDF = real_pdf()

pytestmark = pytest.mark.django_db

PERTH = "S12000048"
CRIME_ITEM = "Fictional Glen: the rise in crime"
BUDGET_ITEM = "Partners' budget proposals for 2027/28"


def _days_ago(days, hour=10):
    day = timezone.localdate() - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@pytest.fixture
def officer(code):
    """A client signed in as the partnership's support officer."""
    client = Client()
    client.force_login(user_with_role("support_officer", council_code=code))
    return client


@pytest.fixture
def nhs(partnership):
    return PartnerFactory(
        partnership=partnership,
        organisation=OrganisationFactory(
            name="Fictional Glen Health Board", kind=OrganisationKind.HEALTH_BOARD
        ),
    )


@pytest.fixture
def members(partnership, cog, nhs):
    """The group's three members since 400 days ago: Niall and Rhona Fictional, and Morag
    Fictional, who represents the health board."""
    start = timezone.localdate() - datetime.timedelta(days=400)
    seats = {}
    for key, name, organisation in (
        ("niall", "Niall Fictional", None),
        ("rhona", "Rhona Fictional", None),
        ("morag", "Morag Fictional", nhs.organisation),
    ):
        person = PersonFactory(partnership=partnership, name=name)
        seats[key] = MembershipFactory(
            body=cog, person=person, organisation=organisation, start=start
        )
    return seats


def _attendance(meeting, members, nhs, apologies=()):
    """Everyone present but those sending apologies; Morag for the health board."""
    services.attendance_record(
        meeting=meeting,
        entries=[
            (
                seat.person,
                nhs if key == "morag" else None,
                Attendance.Status.APOLOGIES if key in apologies else Attendance.Status.PRESENT,
            )
            for key, seat in members.items()
        ],
    )


@pytest.fixture
def minuted(cog, members, nhs):
    """Two held meetings of the group: 166 days ago (Rhona sent apologies), whose minutes
    were approved at the meeting 75 days ago (Niall sent apologies), whose minutes are a
    draft. Morag, for the health board, was at both."""
    earlier = MeetingFactory(body=cog, starts_at=_days_ago(166), status=Meeting.Status.HELD)
    _attendance(earlier, members, nhs, apologies=("rhona",))
    public, confidential = services.minutes_outline(earlier)
    services.minutes_save(meeting=earlier, text=public, confidential=confidential)
    latest = MeetingFactory(body=cog, starts_at=_days_ago(75), status=Meeting.Status.HELD)
    _attendance(latest, members, nhs, apologies=("niall",))
    services.minutes_approve(meeting=earlier, at=latest)
    public, confidential = services.minutes_outline(latest)
    services.minutes_save(meeting=latest, text=public, confidential=confidential)
    return Meeting.objects.get(pk=earlier.pk), Meeting.objects.get(pk=latest.pk)


@pytest.fixture
def upcoming(cog):
    """The group's next meeting, in 57 days: a public item, and a confidential item with
    a confidential draft paper."""
    meeting = MeetingFactory(body=cog, starts_at=_days_ago(-57), status=Meeting.Status.SCHEDULED)
    AgendaItemFactory(meeting=meeting, title=CRIME_ITEM)
    budgets = AgendaItemFactory(meeting=meeting, title=BUDGET_ITEM, is_confidential=True)
    PaperFactory(
        meeting=meeting,
        agenda_item=budgets,
        title=f"{BUDGET_ITEM} (fictional)",
        purpose="To share partners' draft budget proposals before they are public.",
        is_confidential=True,
    )
    return meeting


def test_the_public_meeting_page_withholds_drafts_and_confidential_business(code, upcoming):
    page = Client().get(f"/areas/{code}/meetings/{upcoming.pk}/").content.decode()
    assert CRIME_ITEM in page
    assert "budget proposals" not in page.lower()  # a confidential item and its draft paper
    assert "1 confidential item is not shown." in page
    staff = Client()
    staff.force_login(user_with_role("support_officer", council_code=code))
    workspace = staff.get(f"/workspace/{code}/meetings/{upcoming.pk}/").content.decode()
    assert "Partners&#x27; budget proposals for 2027/28" in workspace


def test_confidential_business_is_for_the_bodys_members_in_the_workspace_too(code, upcoming):
    """A board member of the partnership who does not sit on the Chief Officers Group sees
    its meetings, but not a confidential item or paper, even once the paper is published."""
    secret = upcoming.papers.get(is_confidential=True)
    services.paper_publish(paper=secret)
    board = Client()
    board.force_login(user_with_role("board_member", council_code=code))
    page = board.get(f"/workspace/{code}/meetings/{upcoming.pk}/").content.decode()
    assert CRIME_ITEM in page
    assert "budget proposals" not in page.lower()  # (the side navigation has "budgeting")
    assert "1 confidential item is not shown." in page
    download = f"/workspace/{code}/meetings/{upcoming.pk}/papers/{secret.pk}/download/"
    assert board.get(download).status_code == 403
    member = Client()
    member.force_login(user_with_role("support_officer", council_code=code))
    assert (
        "Partners&#x27; budget proposals"
        in member.get(f"/workspace/{code}/meetings/{upcoming.pk}/").content.decode()
    )


def test_the_public_sees_approved_minutes_only(code, minuted):
    approved, draft = minuted
    assert (approved.minutes_status, draft.minutes_status) == ("approved", "draft")
    approved_page = Client().get(f"/areas/{code}/meetings/{approved.pk}/").content.decode()
    assert "Approved at the meeting of" in approved_page and "Present:" in approved_page
    draft_page = Client().get(f"/areas/{code}/meetings/{draft.pk}/").content.decode()
    assert "The minutes are published once the body approves them" in draft_page
    assert "Present:" not in draft_page


def test_the_first_paper_of_2013_is_cog_1_13_and_public(code, cog):
    """As the seed paper: the group's first paper of 2013, published, is COG/1/13 and shown
    on the public meeting page."""
    first = MeetingFactory(
        body=cog,
        starts_at=timezone.make_aware(datetime.datetime(2013, 11, 26, 10)),
        status=Meeting.Status.HELD,
    )
    services.paper_publish(paper=PaperFactory(meeting=first), on=datetime.date(2013, 11, 19))
    paper = first.papers.get()
    assert paper.number == "COG/1/13" and paper.status == Paper.Status.PUBLISHED
    page = Client().get(f"/areas/{code}/meetings/{first.pk}/").content.decode()
    assert "COG/1/13" in page


def test_scheduling_a_meeting_adds_the_standard_items(officer, code, cog):
    empty = officer.post(f"/workspace/{code}/meetings/add/", {})
    text = empty.content.decode()
    for message in ("Choose the body", "Enter the date of the meeting", "Enter the start time"):
        assert message in text
    before = Meeting.objects.count()
    response = officer.post(
        f"/workspace/{code}/meetings/add/",
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
    assert response["Location"] == f"/workspace/{code}/meetings/{meeting.pk}/"
    assert timezone.localtime(meeting.starts_at).hour == 14
    assert meeting.items.count() == 4


def test_a_renamed_web_page_is_refused_as_a_paper(officer, code, upcoming):
    meeting = upcoming
    papers = Paper.objects.count()
    response = officer.post(
        f"/workspace/{code}/meetings/{meeting.pk}/papers/add/",
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


def test_a_paper_is_added_published_and_downloaded(officer, code, upcoming):
    meeting = upcoming
    officer.post(
        f"/workspace/{code}/meetings/{meeting.pk}/papers/add/",
        {
            "title": "Fictional paper",
            "author": "Fictional officer",
            "purpose": "To inform.",
            "attachment": SimpleUploadedFile("my paper.pdf", PDF),
        },
    )
    paper = Paper.objects.get(meeting=meeting, title="Fictional paper")
    public_url = f"/areas/{code}/meetings/{meeting.pk}/papers/{paper.pk}/download/"
    assert Client().get(public_url).status_code == 404  # a draft
    officer.post(f"/workspace/{code}/meetings/{meeting.pk}/papers/{paper.pk}/publish/", {})
    response = Client().get(public_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert paper.number.replace("/", "-") in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_recording_attendance_and_a_decision(officer, code, cog, members):
    meeting = services.meeting_save(
        meeting=Meeting(
            body=cog,
            starts_at=timezone.now() - datetime.timedelta(hours=1),
            place="Online",
            status=Meeting.Status.HELD,
        )
    )
    form = officer.get(f"/workspace/{code}/meetings/{meeting.pk}/attendance/").content.decode()
    member = cog.memberships.filter(end__isnull=True).select_related("person").first()
    assert member.person.name in form
    officer.post(
        f"/workspace/{code}/meetings/{meeting.pk}/attendance/",
        {f"person_{member.person_id}": "apologies"},
    )
    assert list(meeting.attendance.values_list("person", "status")) == [
        (member.person_id, Attendance.Status.APOLOGIES)
    ]
    item = meeting.items.get(number=4)
    bad = officer.post(f"/workspace/{code}/meetings/{meeting.pk}/decisions/add/", {})
    assert "Enter the decision" in bad.content.decode()
    officer.post(
        f"/workspace/{code}/meetings/{meeting.pk}/decisions/add/",
        {"agenda_item": item.pk, "text": "Noted the matters arising."},
    )
    assert Decision.objects.get(meeting=meeting).text == "Noted the matters arising."


def test_approved_minutes_send_people_back(officer, code, minuted):
    approved, _ = minuted
    assert approved.minutes_status == "approved"
    for step in ("minutes/", "minutes/approve/"):
        response = officer.get(f"/workspace/{code}/meetings/{approved.pk}/{step}")
        assert response["Location"] == f"/workspace/{code}/meetings/{approved.pk}/#minutes"


def test_the_calendar_is_an_icalendar_download(partnership, code, minuted, upcoming):
    MeetingFactory(body=BodyFactory(partnership=partnership))  # another body's meeting
    response = Client().get(f"/areas/{code}/meetings.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 4  # every meeting of every body: 2 + 1 + 1


def test_a_partners_accountability_in_one_place(
    officer, partnership, code, cog, police, nhs, minuted
):
    today = timezone.localdate()
    challenge = challenge_services.challenge_raise(
        challenge=Challenge(
            partnership=partnership,
            question="Fictional Constabulary has not yet said where it will take the joint "
            "resourcing decision. When will it?",
            raised_by_body=cog,
            raised_on=today - datetime.timedelta(days=40),
            to_partner=police,
            answer_due=today - datetime.timedelta(days=12),
        )
    )
    page = officer.get(f"/workspace/{code}/partners/{police.pk}/").content.decode()
    assert challenge.question[:60] in page
    assert "Answer overdue" in page
    assert "No attendance of its representatives has been recorded" in page
    # The health board's one representative on the Chief Officers Group was at both of
    # its recent meetings.
    nhs_page = officer.get(f"/workspace/{code}/partners/{nhs.pk}/").content.decode()
    assert "they were present 2 times out of 2 (100%)" in nhs_page
    assert "No challenge has been addressed to Fictional Glen Health Board." in nhs_page
    assert officer.get(f"/workspace/{PERTH}/partners/{police.pk}/").status_code == 403


def _member_rate(page: str, name: str) -> tuple[str, str, str]:
    table = page.split('id="attendance-members"')[1].split("</table>")[0]
    row = table.split(f'<th scope="row">{name}</th>')[1].split("</tr>")[0]
    cells = [cell.split(">", 1)[1].split("<", 1)[0] for cell in row.split("<td")[1:]]
    return tuple(cells)


def test_attendance_rates_cover_the_period_asked_for(officer, code, cog, minuted):
    """Niall Fictional was present 166 days ago and sent apologies 75 days ago."""
    today = timezone.localdate()
    url = f"/workspace/{code}/meetings/?body={cog.pk}"
    year = officer.get(url).content.decode()
    assert _member_rate(year, "Niall Fictional") == ("2", "1", "50%")
    start = (today - datetime.timedelta(days=100)).isoformat()
    recent = officer.get(f"{url}&start={start}").content.decode()
    assert _member_rate(recent, "Niall Fictional") == ("1", "0", "0%")
    assert f"{today - datetime.timedelta(days=100):%-d %B %Y} to {today:%-d %B %Y}" in recent
    end = (today - datetime.timedelta(days=120)).isoformat()
    earlier = officer.get(f"{url}&end={end}").content.decode()
    assert _member_rate(earlier, "Niall Fictional") == ("1", "1", "100%")

    backwards = officer.get(f"{url}&start={start}&end={end}").content.decode()
    assert "There is a problem" in backwards
    assert "The last day must be on or after the first day" in backwards
    assert _member_rate(backwards, "Niall Fictional") == ("2", "1", "50%")  # the default
    nonsense = officer.get(f"{url}&start=2026-02-31").content.decode()
    assert "Enter the first day as a real date, for example 2026-11-23" in nonsense


def test_the_attendance_form_lists_the_members_on_the_meetings_day(officer, code, cog, minuted):
    """A membership's end is the first day it no longer holds: someone whose membership
    ended on the meeting's day is not listed; someone who left the day after is."""
    _, meeting = minuted
    day = timezone.localtime(meeting.starts_at).date()
    leaving, staying = list(
        cog.memberships.filter(start__lte=day, end__isnull=True).order_by("pk")[:2]
    )
    leaving.end = day
    leaving.save()
    staying.end = day + datetime.timedelta(days=1)
    staying.save()
    page = officer.get(f"/workspace/{code}/meetings/{meeting.pk}/attendance/").content.decode()
    assert f'name="person_{staying.person_id}"' in page
    assert f'name="person_{leaving.person_id}"' not in page


def test_an_unknown_body_filter_lists_every_meeting(officer, partnership, code, minuted):
    other = MeetingFactory(body=BodyFactory(partnership=partnership))
    every = officer.get(f"/workspace/{code}/meetings/")
    assert {m.pk for m in every.context["meetings"]} == {minuted[0].pk, minuted[1].pk, other.pk}
    odd = officer.get(f"/workspace/{code}/meetings/?body=999999999")
    assert odd.status_code == 200
    assert odd.context["chosen"] is None
    assert list(odd.context["meetings"]) == list(every.context["meetings"])


def test_scheduling_is_offered_to_those_who_run_some_bodys_meetings(client, partnership, code):
    """A partner officer who is some body's lead officer runs its meetings."""
    lead = user_with_role("partner_officer", council_code=code, full_name="Fictional Lead")
    MembershipFactory(
        body=BodyFactory(partnership=partnership),
        person=PersonFactory(partnership=partnership, name=lead.full_name, user=lead),
        role=Membership.MemberRole.LEAD_OFFICER,
    )
    users = {
        "support_officer": user_with_role("support_officer", council_code=code),
        "partner_officer": lead,
        "community_member": user_with_role("community_member", council_code=code),
    }
    expected = {"support_officer": True, "partner_officer": True, "community_member": False}
    for role, may in expected.items():
        client.force_login(users[role])
        page = client.get(f"/workspace/{code}/meetings/")
        assert page.context["may_schedule"] is may, role
        # The list's promise matches the form: only those who may schedule reach it.
        form = client.get(f"/workspace/{code}/meetings/add/")
        assert (form.status_code == 200) is may, role


def test_the_papers_table_says_what_each_paper_has_never_none(officer, code, upcoming):
    """A paper without a file says "No file attached"; an issued exception report points
    to the report below; none prints "None"."""
    from placeplan.meetings import exceptions

    report = exceptions.exception_report_issue(meeting=upcoming, today=timezone.localdate())
    page = officer.get(f"/workspace/{code}/meetings/{upcoming.pk}/").content.decode()
    table = page[
        page.index('id="papers-table"') : page.index("</table>", page.index("papers-table"))
    ]
    assert "None" not in table
    assert "No file attached" in table  # the fictional budget paper
    assert f'<a href="#report-{report.pk}">The report as issued</a>, below' in table
    assert f'id="report-{report.pk}"' in page
