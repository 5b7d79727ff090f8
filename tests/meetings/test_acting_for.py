"""Acting for a body or a partner: every "raised by" or "for" choice offers, and every
service accepts, only what the person may act for."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from placeplan.challenges import services as challenge_services
from placeplan.challenges.models import Challenge
from placeplan.meetings import services
from placeplan.meetings.models import Meeting, PartnerDecision
from placeplan.partnerships import selectors as partnership_selectors
from placeplan.partnerships.models import Body, Membership, Partner, Person
from tests.accounts.factories import user_with_role

HL = "S12000017"
pytestmark = pytest.mark.django_db


def seated(highland, role, body, *, organisation=None):
    """A person holding ``role`` in Highland who sits on ``body`` today, representing
    ``organisation``."""
    user = user_with_role(role, full_name=f"Fictional {role.replace('_', ' ').title()}")
    person = Person.objects.create(partnership=highland, name=user.full_name, user=user)
    Membership.objects.create(
        body=body,
        person=person,
        organisation=organisation,
        role=Membership.MemberRole.MEMBER,
        category=Membership.Category.OFFICER,
        start=timezone.localdate() - datetime.timedelta(days=30),
    )
    return user


@pytest.fixture
def bodies(highland):
    return {
        "board": Body.objects.get(partnership=highland, name="Members Partnership Board"),
        "safer": Body.objects.get(partnership=highland, name="Safer Highland"),
    }


def _challenge(bodies, raised_by):
    return {
        "question": "Why is the fictional figure worse?",
        "to_body": bodies["safer"].pk,
        "answer_due": (timezone.localdate() + datetime.timedelta(days=28)).isoformat(),
        "raised_by_body": raised_by.pk,
    }


def test_a_challenge_is_raised_only_for_a_body_one_sits_on(highland, bodies):
    member = seated(highland, "board_member", bodies["board"])
    client = Client()
    client.force_login(member)
    form = client.get(f"/workspace/{HL}/challenges/add/").content.decode()
    choices = form[form.index('name="raised_by_body"') :].split("</select>")[0]
    assert bodies["board"].name in choices and bodies["safer"].name not in choices
    refused = client.post(f"/workspace/{HL}/challenges/add/", _challenge(bodies, bodies["safer"]))
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    assert not Challenge.objects.filter(question="Why is the fictional figure worse?").exists()
    raised = client.post(f"/workspace/{HL}/challenges/add/", _challenge(bodies, bodies["board"]))
    assert raised.status_code == 302
    challenge = Challenge.objects.get(question="Why is the fictional figure worse?")
    assert challenge.raised_by_body == bodies["board"] and challenge.raised_by == member


def test_the_service_refuses_a_body_the_person_does_not_sit_on(highland, bodies):

    member = seated(highland, "board_member", bodies["board"])
    with pytest.raises(ValidationError) as refused:
        challenge_services.challenge_raise(
            challenge=Challenge(
                partnership=highland,
                question="Fictional question",
                raised_by_body=bodies["safer"],
                raised_on=timezone.localdate(),
                to_body=bodies["board"],
                answer_due=timezone.localdate() + datetime.timedelta(days=7),
            ),
            user=member,
        )
    assert refused.value.message_dict == {
        "raised_by_body": ["Choose a body you sit on: you may raise a challenge only for it."]
    }


def test_support_officers_act_for_every_body(highland):
    officer = user_with_role("support_officer")
    every = set(Body.objects.filter(partnership=highland).values_list("pk", flat=True))
    acting = partnership_selectors.bodies_acting_for(user=officer, partnership=highland)
    assert set(acting.values_list("pk", flat=True)) == every
    reader = user_with_role("national_reader")
    assert not partnership_selectors.bodies_acting_for(user=reader, partnership=highland).exists()


def test_a_partners_decision_is_recorded_only_by_someone_who_represents_it(highland, bodies):
    police = Partner.objects.get(partnership=highland, organisation__name="Police Scotland")
    nhs = Partner.objects.get(partnership=highland, organisation__name="NHS Highland")
    meeting = services.meeting_save(
        meeting=Meeting(
            body=bodies["safer"],
            starts_at=timezone.now() - datetime.timedelta(days=10),
            place="Fictional Hall",
            status=Meeting.Status.HELD,
        )
    )
    item = services.agenda_item_add(meeting=meeting, title="Fictional joint plan")
    decision = services.decision_add(
        meeting=meeting, agenda_item=item, text="Agreed the fictional plan.", partners=[police]
    )
    pending = PartnerDecision.objects.get(decision=decision, partner=police)
    url = f"/workspace/{HL}/partner-decisions/{pending.pk}/"
    data = {"where": "Fictional Police Board", "on": timezone.localdate().isoformat()}
    for_nhs = seated(highland, "partner_officer", bodies["safer"], organisation=nhs.organisation)
    client = Client()
    client.force_login(for_nhs)
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    pending.refresh_from_db()
    assert pending.taken_on is None
    for_police = seated(
        highland, "partner_officer", bodies["board"], organisation=police.organisation
    )
    client.force_login(for_police)
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 302
    pending.refresh_from_db()
    assert pending.taken_where == "Fictional Police Board"


def test_a_challenge_to_a_partner_is_answered_only_by_someone_who_represents_it(highland, bodies):

    police = Partner.objects.get(partnership=highland, organisation__name="Police Scotland")
    nhs = Partner.objects.get(partnership=highland, organisation__name="NHS Highland")
    challenge = challenge_services.challenge_raise(
        challenge=Challenge(
            partnership=highland,
            question="Fictional: when will the police answer?",
            raised_by_body=bodies["board"],
            raised_on=timezone.localdate(),
            to_partner=police,
            answer_due=timezone.localdate() + datetime.timedelta(days=14),
        )
    )
    for_nhs = seated(highland, "partner_officer", bodies["safer"], organisation=nhs.organisation)
    for_police = seated(
        highland, "partner_officer", bodies["safer"], organisation=police.organisation
    )
    assert not for_nhs.has_perm("challenges.answer", challenge)
    assert for_police.has_perm("challenges.answer", challenge)
    client = Client()
    client.force_login(for_nhs)
    url = f"/workspace/{HL}/challenges/{challenge.pk}/answer/"
    assert client.get(url).status_code == 403
