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
from placeplan.plans.models import Plan
from placeplan.resources import contributions, selectors
from tests.factories import (
    BodyFactory,
    ConfirmationFactory,
    LineFactory,
    LocalityFactory,
    MembershipFactory,
    OrganisationFactory,
    OutcomeFactory,
    PartnerFactory,
    PersonFactory,
    PlanFactory,
    RoundFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = Decimal


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


@pytest.fixture
def spread():
    """A partner's lines in 2030/31 and, the latest round with its lines, 2031/32:

    outcome X (of the LOIP)       £1,000.00, 30% primary: £300.00 preventative
    outcome X                     £500.00, 10% secondary: £50.00
    outcome X, not for publication £77.77, all primary: £77.77
    outcome Y (Glen's locality plan) £200.00, 50% tertiary: £100.00
    the locality Strath           £333.33, all primary: £333.33

    In full, by what for: X £1,577.77 (£427.77), Strath £333.33 (£333.33), Y £200.00
    (£100.00); by locality: the whole area £1,577.77, Strath £333.33, Glen £200.00 — each
    adding up to £2,111.10. Published: X without the £77.77, £1,500.00 (£350.00)."""
    round = RoundFactory(year=2031)
    partnership = round.partnership
    earlier = RoundFactory(partnership=partnership, year=2030)
    partner = PartnerFactory(
        partnership=partnership, organisation=OrganisationFactory(name="Fictional Spread Board")
    )
    glen = LocalityFactory(partnership=partnership, name="Fictional Glen")
    strath = LocalityFactory(partnership=partnership, name="Fictional Strath")
    x = OutcomeFactory(plan=PlanFactory(partnership=partnership, title="Fictional LOIP"),
                       statement="Fictional outcome X")  # fmt: skip
    glen_plan = PlanFactory(
        partnership=partnership, title="Fictional Glen plan", kind=Plan.Kind.LOCALITY, locality=glen
    )
    y = OutcomeFactory(plan=glen_plan, statement="Fictional outcome Y")

    def line(budget, **fields):
        fields.setdefault("outcome", x)
        LineFactory(round=round, partner=partner, budget=D(budget), **fields)

    LineFactory(round=earlier, partner=partner, outcome=x, budget=D("999.00"))
    line("1000.00", primary=30)
    line("500.00", secondary=10)
    line("77.77", primary=100, not_for_publication=True)
    line("200.00", outcome=y, tertiary=50)
    line("333.33", outcome=None, locality=strath, primary=100)
    ConfirmationFactory(round=round, partner=partner)
    return {"round": round, "partner": partner}


def _spread_rows(rows):
    return [(row.label, row.total.amount, row.total.preventative) for row in rows]


def test_a_partners_latest_year_by_outcome_and_locality_by_hand(spread):
    years = selectors.partner_years(partner=spread["partner"], public=False)
    found = selectors.partner_spread(entry=years[0])
    assert found.round == spread["round"]
    assert _spread_rows(found.by_purpose) == [
        ("Fictional LOIP — Fictional outcome X", D("1577.77"), D("427.77")),
        ("Locality: Fictional Strath", D("333.33"), D("333.33")),
        ("Fictional Glen plan — Fictional outcome Y", D("200.00"), D("100.00")),
    ]
    assert _spread_rows(found.by_locality) == [
        (selectors.WHOLE_AREA, D("1577.77"), D("427.77")),
        ("Fictional Strath", D("333.33"), D("333.33")),
        ("Fictional Glen", D("200.00"), D("100.00")),
    ]
    for rows in (found.by_purpose, found.by_locality):
        assert sum(row.total.amount for row in rows) == years[0].total.amount == D("2111.10")
    published = selectors.partner_spread(
        entry=selectors.partner_years(partner=spread["partner"], public=True)[0]
    )
    assert _spread_rows(published.by_purpose)[0] == (
        "Fictional LOIP — Fictional outcome X",
        D("1500.00"),
        D("350.00"),
    )


def test_the_partners_page_shows_its_latest_year_by_outcome_and_locality(spread):
    partner = spread["partner"]
    client = Client()
    client.force_login(_user(partner.partnership, "community_member"))
    page = client.get(
        reverse("governance:partner", args=[partner.partnership.council_area.code, partner.pk])
    ).content.decode()
    purposes = page[
        page.index('id="partner-purposes-table"') : page.index('id="partner-localities')
    ]
    assert "2031/32: by outcome and by locality" in page
    assert "Fictional LOIP — Fictional outcome X" in purposes and "£1,577.77" in purposes
    localities = page[page.index('id="partner-localities-table"') :]
    assert '<th scope="row">Fictional Glen</th><td class="pp-number">£200</td>' in localities
