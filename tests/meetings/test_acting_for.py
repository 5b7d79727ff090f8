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
from placeplan.partnerships.models import Body, OrganisationKind
from tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    PersonFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def seated(partnership, role, body, *, organisation=None):
    """A person holding ``role`` in the partnership who sits on ``body`` today,
    representing ``organisation``."""
    user = user_with_role(
        role,
        council_code=partnership.council_area.code,
        full_name=f"Fictional {role.replace('_', ' ').title()}",
    )
    person = PersonFactory(partnership=partnership, name=user.full_name, user=user)
    MembershipFactory(
        body=body,
        person=person,
        organisation=organisation,
        start=timezone.localdate() - datetime.timedelta(days=30),
    )
    return user


@pytest.fixture
def bodies(partnership):
    return {
        "board": BodyFactory(partnership=partnership, name="Fictional Strategic Board"),
        "safer": BodyFactory(
            partnership=partnership,
            name="Fictional Community Safety Group",
            kind=Body.Kind.THEMATIC,
            level=Body.Level.OPERATIONAL,
        ),
    }


@pytest.fixture
def partners(partnership):
    """Two partners: a police force and a health board (both fictional)."""
    return {
        "police": PartnerFactory(
            partnership=partnership,
            organisation=OrganisationFactory(
                name="Fictional Constabulary", kind=OrganisationKind.POLICE
            ),
        ),
        "nhs": PartnerFactory(
            partnership=partnership,
            organisation=OrganisationFactory(
                name="Fictional Health Board", kind=OrganisationKind.HEALTH_BOARD
            ),
        ),
    }


def _challenge(bodies, raised_by):
    return {
        "question": "Why is the fictional figure worse?",
        "to_body": bodies["safer"].pk,
        "answer_due": (timezone.localdate() + datetime.timedelta(days=28)).isoformat(),
        "raised_by_body": raised_by.pk,
    }


def test_a_challenge_is_raised_only_for_a_body_one_sits_on(partnership, code, bodies):
    member = seated(partnership, "board_member", bodies["board"])
    client = Client()
    client.force_login(member)
    form = client.get(f"/workspace/{code}/challenges/add/").content.decode()
    choices = form[form.index('name="raised_by_body"') :].split("</select>")[0]
    assert bodies["board"].name in choices and bodies["safer"].name not in choices
    refused = client.post(f"/workspace/{code}/challenges/add/", _challenge(bodies, bodies["safer"]))
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    assert not Challenge.objects.filter(question="Why is the fictional figure worse?").exists()
    raised = client.post(f"/workspace/{code}/challenges/add/", _challenge(bodies, bodies["board"]))
    assert raised.status_code == 302
    challenge = Challenge.objects.get(question="Why is the fictional figure worse?")
    assert challenge.raised_by_body == bodies["board"] and challenge.raised_by == member


def test_the_service_refuses_a_body_the_person_does_not_sit_on(partnership, bodies):
    member = seated(partnership, "board_member", bodies["board"])
    with pytest.raises(ValidationError) as refused:
        challenge_services.challenge_raise(
            challenge=Challenge(
                partnership=partnership,
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


def test_support_officers_act_for_every_body(partnership, code, bodies):
    officer = user_with_role("support_officer", council_code=code)
    acting = partnership_selectors.bodies_acting_for(user=officer, partnership=partnership)
    assert set(acting.values_list("pk", flat=True)) == {bodies["board"].pk, bodies["safer"].pk}
    reader = user_with_role("national_reader")
    assert not partnership_selectors.bodies_acting_for(
        user=reader, partnership=partnership
    ).exists()


def test_a_partners_decision_is_recorded_only_by_someone_who_represents_it(
    partnership, code, bodies, partners
):
    police, nhs = partners["police"], partners["nhs"]
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
    url = f"/workspace/{code}/partner-decisions/{pending.pk}/"
    data = {"where": "Fictional Police Board", "on": timezone.localdate().isoformat()}
    for_nhs = seated(partnership, "partner_officer", bodies["safer"], organisation=nhs.organisation)
    client = Client()
    client.force_login(for_nhs)
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    pending.refresh_from_db()
    assert pending.taken_on is None
    for_police = seated(
        partnership, "partner_officer", bodies["board"], organisation=police.organisation
    )
    client.force_login(for_police)
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 302
    pending.refresh_from_db()
    assert pending.taken_where == "Fictional Police Board"


def test_a_challenge_to_a_partner_is_answered_only_by_someone_who_represents_it(
    partnership, code, bodies, partners
):
    police, nhs = partners["police"], partners["nhs"]
    challenge = challenge_services.challenge_raise(
        challenge=Challenge(
            partnership=partnership,
            question="Fictional: when will the police answer?",
            raised_by_body=bodies["board"],
            raised_on=timezone.localdate(),
            to_partner=police,
            answer_due=timezone.localdate() + datetime.timedelta(days=14),
        )
    )
    for_nhs = seated(partnership, "partner_officer", bodies["safer"], organisation=nhs.organisation)
    for_police = seated(
        partnership, "partner_officer", bodies["safer"], organisation=police.organisation
    )
    assert not for_nhs.has_perm("challenges.answer", challenge)
    assert for_police.has_perm("challenges.answer", challenge)
    client = Client()
    client.force_login(for_nhs)
    url = f"/workspace/{code}/challenges/{challenge.pk}/answer/"
    assert client.get(url).status_code == 403
