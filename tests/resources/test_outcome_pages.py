"""An outcome's resources (staff /workspace/<code>/resources/<year>/outcomes/<pk>/,
public /areas/<code>/resources/<year>/outcomes/<pk>/ and its API twin), with the round
worked by hand in tests/resources/worked_round.py: the outcome's figures by partner and
arrangement (published figures only in public), beside its indicators' status in words;
404 for a year with no round or an outcome not of the partnership's plans.

Outcome A in public: B £2,500.00 aligned and A £1,000.10 aligned (£250.03 preventative);
B's £55.55 and C's £999.99 not for publication are two partners only, so left out:
£3,500.10, £250.03 preventative; 250.03 × 100 / 3,500.10 = 7.143…% → 7.14%.
Outcome A in full: B £2,555.55 (£2,500.00 aligned and £55.55 pooled), A £1,000.10, C
£999.99: £4,555.64; aligned 1,000.10 + 2,500.00 + 999.99 = £4,500.09, pooled £55.55.
Outcome B in public: D £400.00 pooled (all preventative) and the three partners' lines
not for publication as one row, £600.00 (£300.00 preventative): £1,000.00, £700.00."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from placeplan.partnerships.services import partnership_role_grant
from placeplan.plans.models import Outcome, Plan
from placeplan.resources import selectors
from tests.factories import (
    ObservationFactory,
    OutcomeFactory,
    OutcomeIndicatorFactory,
    PeriodFactory,
    PlanFactory,
    TargetFactory,
    UserFactory,
)
from tests.resources.worked_round import worked_round

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def worked():
    worked = worked_round()
    outcomes = Outcome.objects.filter(plan__partnership=worked["partnership"])
    worked["a"] = outcomes.get(statement="Fictional outcome A")
    worked["b"] = outcomes.get(statement="Fictional outcome B")
    return worked


def _rows(rows):
    return [(row["label"], row["arrangement"], row["total"].amount) for row in rows]


def test_an_outcomes_published_figures_by_hand(worked):
    found = selectors.outcome_year(round=worked["round"], outcome=worked["a"], public=True)
    assert (found.total.amount, found.total.preventative, found.total.share) == (
        D("3500.10"),
        D("250.03"),
        D("7.14"),
    )
    assert _rows(found.partners) == [
        ("Fictional Partner B", "Aligned", D("2500.00")),
        ("Fictional Partner A", "Aligned", D("1000.10")),
    ]
    assert [(row.label, row.total.amount) for row in found.breakdown.by_arrangement] == [
        ("Aligned", D("3500.10"))
    ]
    b = selectors.outcome_year(round=worked["round"], outcome=worked["b"], public=True)
    assert (b.total.amount, b.total.preventative) == (D("1000.00"), D("700.00"))
    assert _rows(b.partners) == [
        ("Fictional Partner D", "Pooled or integrated", D("400.00")),
        ("Partners not published separately", "", D("600.00")),
    ]
    assert [(row.label, row.total.preventative) for row in b.breakdown.by_arrangement] == [
        ("Pooled or integrated", D("400.00")),
        ("Partners not published separately", D("300.00")),
    ]
    # The same figures as the outcome's row of the year's tables.
    tables = selectors.year_tables(round=worked["round"], public=True)
    cell = next(c for c in tables.cells if c["key"] == ("outcome", worked["b"].pk))
    assert (cell["total"].amount, cell["partners"]) == (b.total.amount, b.partners)


def test_an_outcomes_figures_in_full_by_hand(worked):
    found = selectors.outcome_year(round=worked["round"], outcome=worked["a"], public=False)
    assert found.total.amount == D("4555.64")
    assert _rows(found.partners) == [
        ("Fictional Partner B", "Aligned; Pooled or integrated", D("2555.55")),
        ("Fictional Partner A", "Aligned", D("1000.10")),
        ("Fictional Partner C", "Aligned", D("999.99")),
    ]
    assert [(row.label, row.total.amount) for row in found.breakdown.by_arrangement] == [
        ("Aligned", D("4500.09")),
        ("Pooled or integrated", D("55.55")),
    ]


def _support_officer(worked) -> Client:
    user = UserFactory()
    partnership_role_grant(user=user, partnership=worked["partnership"], role="support_officer")
    client = Client()
    client.force_login(user)
    return client


def _indicators(outcome):
    """Two indicators: one with a baseline of 20 (2021/22), a target of 15 and a latest
    value of 12.5 (lower is better, so better than the target: on track), one with no
    target."""
    on_track = OutcomeIndicatorFactory(outcome=outcome)
    TargetFactory(indicator=on_track, value=15.0)
    ObservationFactory(measure=on_track.measure, area=on_track.area, period=PeriodFactory())
    OutcomeIndicatorFactory(outcome=outcome)
    return on_track


def test_the_public_page_shows_the_figures_and_the_indicators_status_in_words(worked):
    _indicators(worked["a"])
    # Published (agreeing a plan needs a complete one; only its status matters here).
    plan = worked["a"].plan
    Plan.objects.filter(pk=plan.pk).update(
        status=Plan.Status.PUBLISHED,
        agreed_by=plan.owning_body,
        agreed_on=datetime.date(2026, 5, 1),
        published_on=datetime.date(2026, 5, 2),
    )
    url = reverse("public:resources_outcome", args=[worked["code"], 2026, worked["a"].pk])
    response = Client().get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<dd class="ds_metadata__value" id="outcome-total">£3,500.10</dd>' in html
    assert "£250.03 (7.1%)" in html
    table = html[html.index('id="outcome-partners-table"') : html.index('id="by-arrangement"')]
    assert '<th scope="row">Fictional Partner B</th><td>Aligned</td>' in table
    for hidden in ("£999.99", "£55.55", "Fictional Partner C", "Pooled"):
        assert hidden not in table, hidden
    indicators = html[html.index('id="outcome-indicators-table"') :]
    assert "On track</strong>" in indicators and "No target</strong>" in indicators
    found = response.context["outcome_year"].indicators
    assert sorted(row.status.label for row in found) == ["No target", "On track"]
    # The API twin gives the same figures.
    twin = (
        Client()
        .get(
            reverse(
                "api-v1:partnership_resources_outcome", args=[worked["code"], 2026, worked["a"].pk]
            )
        )
        .json()
    )
    assert (twin["total"], twin["preventative"], twin["preventative_share"]) == (
        "3500.10",
        "250.03",
        "7.14",
    )
    assert [(p["partner"], p["amount"], p["arrangement"]) for p in twin["by_partner"]] == [
        ("Fictional Partner B", "2500.00", "Aligned"),
        ("Fictional Partner A", "1000.10", "Aligned"),
    ]
    assert sorted(i["status_label"] for i in twin["indicators"]) == ["No target", "On track"]
    assert twin["page_url"] == url


def test_the_public_never_sees_a_draft_plans_indicators(worked):
    _indicators(worked["a"])  # the worked round's plan is a draft
    url = reverse("public:resources_outcome", args=[worked["code"], 2026, worked["a"].pk])
    response = Client().get(url)
    assert response.context["outcome_year"].indicators == []
    assert "This outcome has no published indicators." in response.content.decode()


def test_the_staff_page_shows_every_line_and_the_indicators(worked):
    _indicators(worked["a"])
    client = _support_officer(worked)
    url = reverse("resources:outcome", args=[worked["code"], 2026, worked["a"].pk])
    html = client.get(url).content.decode()
    assert '<dd class="ds_metadata__value" id="outcome-total">£4,555.64</dd>' in html
    assert "Aligned; Pooled or integrated" in html and "£999.99" in html
    assert "On track</strong>" in html and "No target</strong>" in html


def test_the_overview_tables_link_each_outcome_to_its_page(worked):
    html = Client().get(reverse("public:resources", args=[worked["code"]])).content.decode()
    for outcome in (worked["a"], worked["b"]):
        assert f'href="/areas/{worked["code"]}/resources/2026/outcomes/{outcome.pk}/"' in html
    client = _support_officer(worked)
    html = client.get(reverse("resources:overview", args=[worked["code"]])).content.decode()
    for outcome in (worked["a"], worked["b"]):
        assert f'href="/workspace/{worked["code"]}/resources/2026/outcomes/{outcome.pk}/"' in html


def test_an_unknown_year_or_another_partnerships_outcome_is_404(worked):
    elsewhere = OutcomeFactory(plan=PlanFactory())
    code = worked["code"]
    for year, pk in ((1999, worked["a"].pk), (2026, elsewhere.pk), (2026, 999999)):
        page = Client().get(reverse("public:resources_outcome", args=[code, year, pk]))
        assert page.status_code == 404, (year, pk)
        twin = Client().get(reverse("api-v1:partnership_resources_outcome", args=[code, year, pk]))
        assert twin.status_code == 404, (year, pk)
    client = _support_officer(worked)
    for year, pk in ((1999, worked["a"].pk), (2026, elsewhere.pk)):
        response = client.get(reverse("resources:outcome", args=[code, year, pk]))
        assert response.status_code == 404, (year, pk)
