"""Daily email digests: what goes in one, one a day at most, none for people who turned
them off, and the page where people turn them off."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from placeplan.accounts.models import User
from placeplan.challenges import services as challenge_services
from placeplan.challenges.models import Challenge
from placeplan.delivery import services as delivery
from placeplan.delivery.models import ImprovementAction
from placeplan.demo.services import demo_email
from placeplan.meetings import services
from placeplan.meetings.models import Meeting, Paper
from placeplan.partnerships.models import Body, Partner
from placeplan.workspace.digests import daily_digests_send, digest_for

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2031, 5, 6)


@pytest.fixture
def lead():
    """Safer Highland's lead officer (the demo partner officer)."""
    return User.objects.get(email=demo_email("highland", "partner_officer"))


@pytest.fixture
def prepared(highland):
    safer = Body.objects.get(partnership=highland, name="Safer Highland")
    police = Partner.objects.get(partnership=highland, organisation__name="Police Scotland")

    def action(title, due):
        return delivery.action_save(
            action=ImprovementAction(
                partnership=highland,
                title=title,
                improvement="Fictional.",
                source="other",
                responsible_body=safer,
                accountable_partner=police,
                due=due,
            ),
            today=TODAY,
        )

    action("Fictional action due soon", TODAY + datetime.timedelta(days=10))
    action("Fictional action overdue", TODAY - datetime.timedelta(days=3))
    action("Fictional action far off", TODAY + datetime.timedelta(days=60))
    challenge_services.challenge_raise(
        challenge=Challenge(
            partnership=highland,
            question="Fictional: why the delay?",
            raised_on=TODAY,
            answer_due=TODAY + datetime.timedelta(days=28),
            to_body=safer,
        )
    )
    meeting = services.meeting_save(
        meeting=Meeting(
            body=safer,
            starts_at=timezone.make_aware(datetime.datetime(2031, 5, 20, 10)),
            place="Online",
        )
    )
    paper = services.paper_add(meeting=meeting, title="Fictional paper", author="x", purpose="y")
    services.paper_publish(paper=paper)
    Paper.objects.filter(pk=paper.pk).update(published_on=TODAY)
    return safer


def test_the_digest_lists_what_needs_the_person(lead, prepared):
    lines = digest_for(lead, TODAY).lines
    text = "\n".join(lines)
    assert "Action “Fictional action due soon” is due on 16 May 2031." in lines
    assert "Action “Fictional action overdue” is overdue since 3 May 2031." in lines
    assert "far off" not in text
    assert "Challenge received for Safer Highland: “Fictional: why the delay?”" in text
    assert "is published for the meeting of Safer Highland on 20 May 2031." in text


def test_one_digest_a_day_and_none_when_turned_off(lead, prepared):
    mail.outbox.clear()
    first = daily_digests_send(today=TODAY)
    mine = [m for m in mail.outbox if m.to == [lead.email]]
    assert first >= 1 and len(mine) == 1
    assert mine[0].subject.startswith("Placeplan: ")
    assert "Fictional action due soon" in mine[0].body
    daily_digests_send(today=TODAY)
    assert len([m for m in mail.outbox if m.to == [lead.email]]) == 1  # not again today
    User.objects.filter(pk=lead.pk).update(daily_digest=False)
    mail.outbox.clear()
    daily_digests_send(today=TODAY + datetime.timedelta(days=1))
    assert [m for m in mail.outbox if m.to == [lead.email]] == []


def test_a_person_turns_the_digest_off():
    user = User.objects.get(email=demo_email("highland", "board_member"))
    client = Client()
    client.force_login(user)
    assert client.get("/accounts/digest/").status_code == 200
    response = client.post("/accounts/digest/", {})  # the box unticked
    assert response["Location"] == "/workspace/"
    user.refresh_from_db()
    assert user.daily_digest is False
    assert user.history.latest().daily_digest is False
