"""The scrutiny API: meetings, a meeting's business, improvement actions and the
challenge log; anonymous callers get only what the public pages show."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from placeplan.challenges.models import Challenge, ChallengeStep
from placeplan.meetings import services
from placeplan.meetings.models import Attendance, Meeting
from placeplan.partnerships.models import Body, OrganisationKind
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    ChallengeFactory,
    ChallengeStepFactory,
    DecisionFactory,
    ImprovementActionFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PaperFactory,
    PartnerFactory,
    PersonFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

PERTH = "S12000048"


def _at(days_from_today, hour=10):
    day = timezone.localdate() + datetime.timedelta(days=days_from_today)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@pytest.fixture
def support(code):
    return user_with_role("support_officer", council_code=code, full_name="Fictional Officer")


@pytest.fixture
def officer(support):
    client = Client()
    client.force_login(support)
    return client


@pytest.fixture
def safer(partnership, cog):
    return BodyFactory(
        partnership=partnership,
        name="Fictional Safer Glen",
        kind=Body.Kind.THEMATIC,
        level=Body.Level.OPERATIONAL,
        reports_to=cog,
    )


def _partner(partnership, name, kind):
    return PartnerFactory(
        partnership=partnership, organisation=OrganisationFactory(name=name, kind=kind)
    )


@pytest.fixture
def upcoming(cog):
    """The group's next meeting: a public item, and a confidential item with a
    confidential draft paper."""
    meeting = MeetingFactory(body=cog, starts_at=_at(57), status=Meeting.Status.SCHEDULED)
    AgendaItemFactory(meeting=meeting, title="Fictional Glen: the rise in crime")
    budgets = AgendaItemFactory(
        meeting=meeting, title="Fictional partners' budgets", is_confidential=True
    )
    PaperFactory(meeting=meeting, agenda_item=budgets, is_confidential=True)
    return meeting


@pytest.fixture
def approved(partnership, cog):
    """A meeting 166 days ago, with one member present and a decision the health board
    (which has recorded where it took it) and the police (which has not) must take; its
    minutes were approved at the meeting 75 days ago."""
    nhs = _partner(partnership, "Fictional Glen Health Board", OrganisationKind.HEALTH_BOARD)
    police = _partner(partnership, "Fictional Constabulary", OrganisationKind.POLICE)
    seat = MembershipFactory(
        body=cog,
        person=PersonFactory(partnership=partnership, name="Niall Fictional"),
        start=timezone.localdate() - datetime.timedelta(days=400),
    )
    meeting = MeetingFactory(body=cog, starts_at=_at(-166), status=Meeting.Status.HELD)
    services.attendance_record(
        meeting=meeting, entries=[(seat.person, None, Attendance.Status.PRESENT)]
    )
    DecisionFactory(meeting=meeting)  # a decision no partner need take
    decision = DecisionFactory(meeting=meeting, partners=[nhs, police])
    services.partner_decision_record(
        item=decision.partners.get(partner=nhs),
        where="Fictional Glen Health Board meeting",
        on=timezone.localdate() - datetime.timedelta(days=140),
    )
    public, confidential = services.minutes_outline(meeting)
    services.minutes_save(meeting=meeting, text=public, confidential=confidential)
    later = MeetingFactory(body=cog, starts_at=_at(-75), status=Meeting.Status.HELD)
    services.minutes_approve(meeting=meeting, at=later)
    return meeting


def test_meetings_are_listed_newest_first(code, safer, upcoming, approved):
    MeetingFactory(body=safer, starts_at=_at(-100), status=Meeting.Status.HELD)
    data = Client().get(f"/api/v1/partnerships/{code}/meetings").json()
    starts = [m["starts_at"] for m in data]
    # The group's three meetings (made out of order) and the safety group's one.
    assert starts == sorted(starts, reverse=True) and len(data) == 4
    assert {m["body"] for m in data} == {"Fictional Chief Officers Group", "Fictional Safer Glen"}


def test_anonymous_callers_get_no_confidential_items_drafts_or_attendance(officer, code, upcoming):
    url = f"/api/v1/partnerships/{code}/meetings/{upcoming.pk}"
    public = Client().get(url).json()
    assert all(not item["is_confidential"] for item in public["agenda"])
    assert public["withheld_items"] == 1 and public["papers"] == []
    assert public["attendance"] is None and public["minutes"] is None
    staff = officer.get(url).json()
    assert any(item["is_confidential"] for item in staff["agenda"])
    assert [p["status"] for p in staff["papers"]] == ["draft"]
    assert staff["attendance"] == []


def test_a_meeting_with_approved_minutes_and_partner_decisions(code, approved):
    data = Client().get(f"/api/v1/partnerships/{code}/meetings/{approved.pk}").json()
    assert data["minutes"].startswith("Present:")
    (decision,) = [d for d in data["decisions"] if d["partners"]]
    partners = {p["partner"]: p["taken_where"] for p in decision["partners"]}
    assert partners == {
        "Fictional Glen Health Board": "Fictional Glen Health Board meeting",
        "Fictional Constabulary": "",
    }


def test_unknown_meetings_and_partnerships_are_404(code, upcoming):
    assert Client().get(f"/api/v1/partnerships/{code}/meetings/{upcoming.pk}").status_code == 200
    # A meeting of another partnership is not found under Perth and Kinross's address.
    assert Client().get(f"/api/v1/partnerships/{PERTH}/meetings/{upcoming.pk}").status_code == 404
    assert Client().get("/api/v1/partnerships/S99999999/meetings").status_code == 404


def test_actions_name_owners_only_to_staff(officer, partnership, code):
    today = timezone.localdate()
    ImprovementActionFactory(
        partnership=partnership,
        title="Fictional action with an owner",
        due=today + datetime.timedelta(days=60),
        owner=PersonFactory(partnership=partnership, name="Fictional Owner"),
    )
    ImprovementActionFactory(
        partnership=partnership,
        title="Fictional overdue action",
        due=today - datetime.timedelta(days=3),
    )
    ImprovementActionFactory(partnership=partnership, due=today + datetime.timedelta(days=30))
    public = Client().get(f"/api/v1/partnerships/{code}/actions").json()
    assert len(public) == 3 and all(a["owner"] is None for a in public)
    overdue = [a["title"] for a in public if a["overdue"]]
    assert overdue == ["Fictional overdue action"]
    staff = officer.get(f"/api/v1/partnerships/{code}/actions")
    assert staff.status_code == 200
    assert [a["owner"] for a in staff.json() if a["owner"]] == ["Fictional Owner"]


def test_the_challenge_log_hides_private_challenges_and_names_from_the_public(
    officer, support, partnership, code, cog, safer
):
    settled = ChallengeFactory(
        partnership=partnership,
        raised_by_body=cog,
        to_partner=None,
        to_body=safer,
        user=support,
    )
    ChallengeStepFactory(challenge=settled, kind=ChallengeStep.Kind.ACCEPTED, by=support)
    private = ChallengeFactory(partnership=partnership, raised_by_body=cog, user=support)
    Challenge.objects.filter(pk=private.pk).update(is_public=False)
    public = Client().get(f"/api/v1/partnerships/{code}/challenges").json()
    assert [c["id"] for c in public] == [settled.pk]
    assert private.pk not in [c["id"] for c in public]
    assert all(step["by"] is None for c in public for step in c["steps"])
    staff = officer.get(f"/api/v1/partnerships/{code}/challenges").json()
    assert private.pk in [c["id"] for c in staff]
    (accepted,) = [c for c in staff if c["status"] == "accepted"]
    assert [s["kind"] for s in accepted["steps"]] == ["raised", "answered", "accepted"]
    assert [s["acting_for"] for s in accepted["steps"]] == [
        "Fictional Chief Officers Group",
        "Fictional Safer Glen",
        "Fictional Chief Officers Group",
    ]
    assert {s["by"] for s in accepted["steps"]} == {"Fictional Officer"}  # named to staff
