"""The scrutiny API: meetings, a meeting's business, improvement actions and the
challenge log; anonymous callers get only what the public pages show."""

import pytest
from django.test import Client

from placeplan.accounts.models import User
from placeplan.challenges.models import Challenge
from placeplan.demo.services import demo_email
from placeplan.meetings.models import Meeting

pytestmark = pytest.mark.django_db

HL = "S12000017"


@pytest.fixture
def officer():
    client = Client()
    client.force_login(User.objects.get(email=demo_email("highland", "support_officer")))
    return client


def _upcoming():
    return Meeting.objects.get(
        body__partnership__council_area__code=HL, is_demo=True, status=Meeting.Status.SCHEDULED
    )


def test_meetings_are_listed_newest_first():
    data = Client().get(f"/api/v1/partnerships/{HL}/meetings").json()
    starts = [m["starts_at"] for m in data]
    assert starts == sorted(starts, reverse=True) and len(data) == 5
    assert {m["body"] for m in data} == {"Chief Officers Group"}


def test_anonymous_callers_get_no_confidential_items_drafts_or_attendance(officer):
    meeting = _upcoming()
    url = f"/api/v1/partnerships/{HL}/meetings/{meeting.pk}"
    public = Client().get(url).json()
    assert all(not item["is_confidential"] for item in public["agenda"])
    assert public["withheld_items"] == 1 and public["papers"] == []
    assert public["attendance"] is None and public["minutes"] is None
    staff = officer.get(url).json()
    assert any(item["is_confidential"] for item in staff["agenda"])
    assert [p["status"] for p in staff["papers"]] == ["draft"]
    assert staff["attendance"] == []


def test_a_meeting_with_approved_minutes_and_partner_decisions():
    approved = (
        Meeting.objects.filter(
            body__partnership__council_area__code=HL, is_demo=True, minutes_status="approved"
        )
        .order_by("-starts_at")
        .first()
    )
    data = Client().get(f"/api/v1/partnerships/{HL}/meetings/{approved.pk}").json()
    assert data["minutes"].startswith("Present:")
    (decision,) = [d for d in data["decisions"] if d["partners"]]
    partners = {p["partner"]: p["taken_where"] for p in decision["partners"]}
    assert partners == {"NHS Highland": "NHS Highland Board", "Police Scotland": ""}


def test_unknown_meetings_and_partnerships_are_404():
    meeting = _upcoming()
    assert Client().get(f"/api/v1/partnerships/S12000048/meetings/{meeting.pk}").status_code == 404
    assert Client().get("/api/v1/partnerships/S99999999/meetings").status_code == 404


def test_actions_name_owners_only_to_staff(officer):
    public = Client().get(f"/api/v1/partnerships/{HL}/actions").json()
    assert len(public) == 18 and all(a["owner"] is None for a in public)
    overdue = [a["title"] for a in public if a["overdue"]]
    assert "Record where each partner takes CPP decisions through its own governance" in overdue
    assert officer.get(f"/api/v1/partnerships/{HL}/actions").status_code == 200


def test_the_challenge_log_hides_private_challenges_and_names_from_the_public(officer):
    private = Challenge.objects.filter(partnership__council_area__code=HL, is_demo=True).first()
    Challenge.objects.filter(pk=private.pk).update(is_public=False)
    public = Client().get(f"/api/v1/partnerships/{HL}/challenges").json()
    assert private.pk not in [c["id"] for c in public]
    assert all(step["by"] is None for c in public for step in c["steps"])
    staff = officer.get(f"/api/v1/partnerships/{HL}/challenges").json()
    assert private.pk in [c["id"] for c in staff]
    (accepted,) = [c for c in staff if c["status"] == "accepted"]
    assert [s["kind"] for s in accepted["steps"]] == ["raised", "answered", "accepted"]
    assert [s["acting_for"] for s in accepted["steps"]] == [
        "Chief Officers Group",
        "Safer Highland",
        "Chief Officers Group",
    ]
