"""Daily email digests: what goes in one, one a day at most, none for people who turned
them off, and the page where people turn them off."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from placeplan.accounts.models import User
from placeplan.meetings import services
from placeplan.meetings.models import Meeting, Paper
from placeplan.partnerships.models import Body, Membership, OrganisationKind
from placeplan.workspace.digests import daily_digests_send, digest_for
from tests.factories import (
    BodyFactory,
    ChallengeFactory,
    ImprovementActionFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PaperFactory,
    PartnerFactory,
    PartnershipFactory,
    PersonFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2031, 5, 6)


@pytest.fixture
def safer(partnership):
    return BodyFactory(
        partnership=partnership,
        name="Safer Fictional Glen",
        kind=Body.Kind.THEMATIC,
        level=Body.Level.OPERATIONAL,
    )


@pytest.fixture
def lead(partnership, safer):
    """Safer Fictional Glen's lead officer, a partner officer of the partnership."""
    user = user_with_role(
        "partner_officer",
        council_code=partnership.council_area.code,
        full_name="Fictional Lead Officer",
    )
    person = PersonFactory(partnership=partnership, name=user.full_name, user=user)
    MembershipFactory(body=safer, person=person, role=Membership.MemberRole.LEAD_OFFICER)
    return user


@pytest.fixture
def prepared(partnership, safer):
    police = PartnerFactory(
        partnership=partnership,
        organisation=OrganisationFactory(
            name="Fictional Constabulary", kind=OrganisationKind.POLICE
        ),
    )

    for title, days in (
        ("Fictional action due soon", 10),
        ("Fictional action overdue", -3),
        ("Fictional action far off", 60),
    ):
        ImprovementActionFactory(
            partnership=partnership,
            title=title,
            responsible_body=safer,
            accountable_partner=police,
            due=TODAY + datetime.timedelta(days=days),
            today=TODAY,
        )
    ChallengeFactory(
        partnership=partnership,
        question="Fictional: why the delay?",
        raised_by_body=None,
        to_partner=None,
        to_body=safer,
        raised_on=TODAY,
        answer_due=TODAY + datetime.timedelta(days=28),
    )
    meeting = MeetingFactory(
        body=safer,
        starts_at=timezone.make_aware(datetime.datetime(2031, 5, 20, 10)),
        status=Meeting.Status.SCHEDULED,
    )
    paper = PaperFactory(meeting=meeting, title="Fictional paper")
    services.paper_publish(paper=paper)
    Paper.objects.filter(pk=paper.pk).update(published_on=TODAY)
    return safer


def test_the_digest_lists_what_needs_the_person(lead, prepared):
    lines = digest_for(lead, TODAY).lines
    text = "\n".join(lines)
    assert "Action “Fictional action due soon” is due on 16 May 2031." in lines
    assert "Action “Fictional action overdue” is overdue since 3 May 2031." in lines
    assert "far off" not in text
    assert "Challenge received for Safer Fictional Glen: “Fictional: why the delay?”" in text
    assert "is published for the meeting of Safer Fictional Glen on 20 May 2031." in text


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
    user = user_with_role("board_member", council_code=PartnershipFactory().council_area.code)
    client = Client()
    client.force_login(user)
    assert client.get("/accounts/digest/").status_code == 200
    response = client.post("/accounts/digest/", {})  # the box unticked
    assert response["Location"] == "/workspace/"
    user.refresh_from_db()
    assert user.daily_digest is False
    assert user.history.latest().daily_digest is False
