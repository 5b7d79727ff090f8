"""Shared builders for the plan tests: every plan is made through the services, for the
Highland partnership (S12000017), so the tests never depend on demo plans."""

import datetime
from dataclasses import dataclass

import pytest

from placeplan.partnerships.models import Body, Locality, Partner, Partnership
from placeplan.partnerships.services import locality_save
from placeplan.performance.models import Measure, Observation
from placeplan.places.models import Area
from placeplan.plans import services
from placeplan.plans.models import (
    Commitment,
    NationalOutcome,
    Outcome,
    OutcomeIndicator,
    Plan,
    PolicyPriority,
)

AGREED_ON = datetime.date(2026, 6, 1)
PUBLISHED_ON = datetime.date(2026, 7, 1)
PERIOD_START = datetime.date(2026, 4, 1)
PERIOD_END = datetime.date(2036, 3, 31)
TARGET_DUE = datetime.date(2030, 3, 31)
COMMITMENT_DUE = datetime.date(2028, 3, 31)


@pytest.fixture
def highland():
    return Partnership.objects.get(council_area__code="S12000017")


@pytest.fixture
def perth():
    return Partnership.objects.get(council_area__code="S12000048")


@pytest.fixture
def board(highland):
    return Body.objects.get(partnership=highland, name="Members Partnership Board")


@pytest.fixture
def chief_officers(highland):
    return Body.objects.get(partnership=highland, name="Chief Officers Group")


@pytest.fixture
def perth_body(perth):
    return Body.objects.filter(partnership=perth).order_by("pk").first()


@pytest.fixture
def highland_partners(highland):
    partners = list(
        Partner.objects.filter(partnership=highland).select_related("organisation").order_by("pk")
    )
    assert len(partners) >= 3
    return partners


@pytest.fixture
def perth_partner(perth):
    return Partner.objects.filter(partnership=perth).order_by("pk").first()


@pytest.fixture
def child_poverty():
    measure = Measure.objects.get(name="Child Poverty", partnership__isnull=True)
    assert measure.higher_is_better is False
    return measure


@pytest.fixture
def positive_destinations():
    measure = Measure.objects.get(name="Positive Destinations", partnership__isnull=True)
    assert measure.higher_is_better is True
    return measure


@pytest.fixture
def highland_area(highland):
    return highland.council_area


@pytest.fixture
def highland_zone(highland_area):
    return (
        Area.objects.filter(council_area=highland_area, level=Area.Level.INTERMEDIATE_ZONE)
        .order_by("code")
        .first()
    )


@pytest.fixture
def highland_locality(highland, highland_zone):
    return locality_save(
        locality=Locality(
            partnership=highland, name="Glen Fictional Locality", has_poorer_outcomes=True
        ),
        communities=[highland_zone],
    )


@pytest.fixture
def perth_locality(perth):
    zone = (
        Area.objects.filter(council_area=perth.council_area, level=Area.Level.INTERMEDIATE_ZONE)
        .order_by("code")
        .first()
    )
    return locality_save(
        locality=Locality(partnership=perth, name="Strath Fictional Locality"),
        communities=[zone],
    )


def new_plan(partnership, body, *, title="Fictional Highland Outcomes Plan", **fields):
    fields.setdefault("kind", Plan.Kind.LOIP)
    plan = Plan(
        partnership=partnership,
        owning_body=body,
        title=title,
        period_start=PERIOD_START,
        period_end=PERIOD_END,
        **fields,
    )
    return services.plan_save(plan=plan)


def add_outcome(plan, statement, *, parent=None, **fields):
    return services.outcome_save(
        outcome=Outcome(plan=plan, parent=parent, statement=statement, **fields)
    )


def add_commitment(outcome, what, *, contributing_partners=None, **fields):
    return services.commitment_save(
        commitment=Commitment(outcome=outcome, what=what, **fields),
        contributing_partners=contributing_partners,
    )


def agree(plan, body, on=AGREED_ON):
    return services.plan_agree(plan=plan, agreed_by=body, agreed_on=on)


def publish(plan, on=PUBLISHED_ON):
    return services.plan_publish(plan=plan, published_on=on)


def fresh(instance):
    """The row as stored now, never a cached copy."""
    return type(instance).objects.get(pk=instance.pk)


@dataclass
class Built:
    plan: Plan
    long_term: Outcome
    intermediate: Outcome
    indicator: OutcomeIndicator
    commitment: Commitment


@pytest.fixture
def build(highland, board, child_poverty, highland_area, highland_partners):
    """A complete draft plan: outcome 1, intermediate outcome 1.1 using Child Poverty for
    Highland (baseline 20 in 2021/22, target 15 by March 2030) and one complete commitment."""

    def _build(title="Fictional Highland Outcomes Plan", **fields):
        plan = new_plan(highland, board, title=title, **fields)
        long_term = add_outcome(
            plan, "Fewer Highland children grow up in poverty", lead_body=board, theme="Poverty"
        )
        long_term.national_outcomes.set([NationalOutcome.objects.get(code="poverty")])
        intermediate = add_outcome(
            plan, "More families claim what they are entitled to", parent=long_term
        )
        indicator = services.indicator_add(
            outcome=intermediate, measure=child_poverty, area=highland_area
        )
        services.indicator_baseline_set(indicator=indicator, value=20.0, period="2021/22")
        services.target_add(indicator=indicator, value=15.0, due=TARGET_DUE)
        commitment = add_commitment(
            intermediate,
            "Income maximisation advice in every fictional school",
            indicator=indicator,
            lead_partner=highland_partners[0],
            due=COMMITMENT_DUE,
            contributing_partners=[highland_partners[1]],
        )
        return Built(plan, long_term, intermediate, indicator, commitment)

    return _build


@pytest.fixture
def built(build):
    return build()


@pytest.fixture
def national_outcomes():
    return list(NationalOutcome.objects.order_by("order"))


@pytest.fixture
def policy_priorities():
    return list(PolicyPriority.objects.order_by("order"))


@pytest.fixture
def observations(child_poverty, highland_area):
    """Child Poverty for Highland as loaded: one measured value and one estimate."""
    rows = Observation.objects.filter(measure=child_poverty, area=highland_area).select_related(
        "period"
    )
    raw = rows.filter(kind="raw").order_by("-period__start").first()
    estimate = rows.exclude(kind="raw").order_by("-period__start").first()
    assert raw is not None and estimate is not None
    return raw, estimate
