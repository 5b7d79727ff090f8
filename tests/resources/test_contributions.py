"""A round past its date that partners have not confirmed: in the support officer's "what
needs me" (every such partner), a partner officer's (only the partners they sit for), the
exception report (a line per partner) and the partner's accountability page, which also
shows what it puts in year by year."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from placeplan.partnerships.services import partnership_role_grant
from placeplan.resources import contributions
from tests.factories import (
    BodyFactory,
    ConfirmationFactory,
    LineFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    PersonFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    today = timezone.localdate()
    round = RoundFactory(year=2031, due=today - datetime.timedelta(days=3))
    partnership = round.partnership
    late = PartnerFactory(
        partnership=partnership, organisation=OrganisationFactory(name="Fictional Late Board")
    )
    done = PartnerFactory(
        partnership=partnership, organisation=OrganisationFactory(name="Fictional Prompt Board")
    )
    LineFactory(round=round, partner=late, budget=Decimal("1200.50"), primary=25)
    ConfirmationFactory(round=round, partner=done)
    return {"round": round, "late": late, "done": done, "today": today}


def _user(partnership, role, organisation=None):
    user = UserFactory(full_name=f"Fictional {role.title()}")
    partnership_role_grant(user=user, partnership=partnership, role=role)
    if organisation is not None:
        MembershipFactory(
            body=BodyFactory(partnership=partnership),
            person=PersonFactory(partnership=partnership, user=user, name=user.full_name),
            organisation=organisation,
            start=timezone.localdate() - datetime.timedelta(days=30),
        )
    return user


def test_the_support_officer_is_told_who_has_not_confirmed(setting):
    round = setting["round"]
    support = _user(round.partnership, "support_officer")
    [need] = contributions.unconfirmed(support, setting["today"])
    assert need.text.startswith("Resources for 2031/32 not confirmed by Fictional Late Board")
    assert "Fictional Prompt Board" not in need.text
    assert need.url == reverse("resources:round", args=[round.partnership.council_area.code, 2031])


def test_a_partner_officer_is_told_only_of_the_partners_they_sit_for(setting):
    partnership = setting["round"].partnership
    for_done = _user(partnership, "partner_officer", setting["done"].organisation)
    assert contributions.unconfirmed(for_done, setting["today"]) == []
    for_late = _user(partnership, "partner_officer", setting["late"].organisation)
    assert len(contributions.unconfirmed(for_late, setting["today"])) == 1
    # Before the date, nobody is chased.
    assert contributions.unconfirmed(for_late, setting["round"].due) == []


def test_the_exception_report_has_a_line_per_partner_yet_to_confirm(setting):
    round = setting["round"]
    lines = contributions.exception_lines(partnership=round.partnership, on=setting["today"])
    assert [line.text for line in lines] == [
        f"Fictional Late Board has not confirmed its resources for 2031/32 (due "
        f"{round.due:%-d %B %Y})."
    ]


def test_the_partners_accountability_page_shows_its_resources(setting):
    round, late = setting["round"], setting["late"]
    client = Client()
    client.force_login(_user(round.partnership, "community_member"))
    page = client.get(
        reverse("governance:partner", args=[round.partnership.council_area.code, late.pk])
    ).content.decode()
    assert "has not confirmed its resources for 2031/32" in page
    assert "£1,200.50" in page
    assert "£300.13" in page  # 25% of £1,200.50 is £300.125: the half penny goes to primary
