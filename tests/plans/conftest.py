"""Shared builders for the plan tests: every plan is made through the services, for the
Highland partnership (S12000017), so the tests never depend on demo plans. The bodies and
partners the plans use are fictional ones built with the factories (tests/factories) for
the real Highland and Perth and Kinross partnerships, never the demo's."""

import datetime
from dataclasses import dataclass

import pytest

from placeplan.partnerships.models import Body, Locality, OrganisationKind, Partnership
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
from tests.factories import BodyFactory, OrganisationFactory, PartnerFactory

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
    """Highland's fictional strategic board (tests/factories), beside the demo's bodies."""
    return BodyFactory(
        partnership=highland,
        name="Fictional Members Partnership Board",
        kind=Body.Kind.BOARD,
        level=Body.Level.STRATEGIC,
    )


@pytest.fixture
def chief_officers(highland):
    """Highland's fictional chief officers group: another body of the same partnership."""
    return BodyFactory(
        partnership=highland,
        name="Fictional Chief Officers Group",
        short_name="COG",
        kind=Body.Kind.EXECUTIVE,
        level=Body.Level.STRATEGIC,
    )


@pytest.fixture
def perth_body(perth):
    """A fictional body of another partnership (Perth and Kinross)."""
    return BodyFactory(
        partnership=perth,
        name="Fictional Strath Partnership Board",
        kind=Body.Kind.BOARD,
        level=Body.Level.STRATEGIC,
    )


@pytest.fixture
def highland_partners(highland):
    """Three fictional partners of Highland, in the order the tests use them."""
    organisations = [
        OrganisationFactory(name="Fictional Glen Council", kind=OrganisationKind.COUNCIL),
        OrganisationFactory(name="Fictional Glen Health Board", kind=OrganisationKind.HEALTH_BOARD),
        OrganisationFactory(
            name="Fictional Glen Third Sector Interface", kind=OrganisationKind.TSI
        ),
    ]
    partners = [
        PartnerFactory(partnership=highland, organisation=organisation)
        for organisation in organisations
    ]
    assert len(partners) >= 3
    return partners


@pytest.fixture
def perth_partner(perth):
    """A fictional partner of another partnership (Perth and Kinross)."""
    return PartnerFactory(
        partnership=perth,
        organisation=OrganisationFactory(
            name="Fictional Strath Council", kind=OrganisationKind.COUNCIL
        ),
    )


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


# -- a small evidence world for the progress, dashboard and evidence API tests ----------------
#
# A fictional council area with its own partnership and ten communities, so that every
# figure can be worked out by hand (the real council areas have dozens of communities).
# Every number below is what the tests' hand calculations start from.

WORLD_COUNCIL = "S12900001"
WORLD_NEIGHBOUR = "S12900002"  # the other council area of its family group
WORLD_FAMILY = 99  # a deprivation family group no real council area has
WORLD_MEASURE = "test-glen-child-poverty"
WORLD_COUNCIL_ONLY = "test-glen-council-only"
WORLD_BASELINE_PERIOD = "2021/22"
WORLD_LATEST_PERIOD = "2024/25"
WORLD_TARGET_DUE = datetime.date(2027, 3, 31)
WORLD_TARGET = 14.0
# (code, name, population, income-deprived, value 2021/22, value 2024/25): income
# deprivation runs from 40% (GF01) down to 2% (GF10); the population is 10,000.
WORLD_COMMUNITIES = (
    ("S02900001", "Glen Fictional 01", 1000, 400, 30.0, 26.0),
    ("S02900002", "Glen Fictional 02", 1000, 350, 28.0, 24.0),
    ("S02900003", "Glen Fictional 03", 2000, 600, 25.0, 23.0),
    ("S02900004", "Glen Fictional 04", 1000, 250, 22.0, 20.0),
    ("S02900005", "Glen Fictional 05", 1000, 200, 20.0, 18.0),
    ("S02900006", "Glen Fictional 06", 1000, 150, 18.0, 16.0),
    ("S02900007", "Glen Fictional 07", 1000, 100, 16.0, 14.0),
    ("S02900008", "Glen Fictional 08", 500, 40, 12.0, 11.0),
    ("S02900009", "Glen Fictional 09", 1000, 50, 10.0, 9.0),
    ("S02900010", "Glen Fictional 10", 500, 10, 8.0, 7.0),
)
# The one community whose 2024/25 value is an estimate (imputed).
WORLD_IMPUTED_COMMUNITY = "S02900010"
# The council area's series: four measured or imputed values and a projection.
WORLD_COUNCIL_SERIES = (
    ("2021/22", 20.0, "raw"),
    ("2022/23", 19.0, "raw"),
    ("2023/24", 17.8, "raw"),
    ("2024/25", 16.5, "imputed"),
    ("2025/26", 10.0, "projected"),
)
WORLD_SCOTLAND = {"2021/22": 21.0, "2024/25": 18.0}
WORLD_NEIGHBOUR_VALUES = {"2024/25": 21.0}
WORLD_SOURCE = "Fictional test source"


@dataclass
class World:
    partnership: Partnership
    body: Body
    council: Area
    neighbour: Area
    scotland: Area
    communities: list[Area]
    measure: Measure
    council_only: Measure
    plan: Plan
    indicator: OutcomeIndicator
    draft: Plan
    draft_indicator: OutcomeIndicator


def world_period(label):
    """The period with this label, made (with its dates) when the reference data lacks it."""
    from placeplan.performance.imports import period_from_label
    from placeplan.performance.models import Period

    parsed = period_from_label(label)
    period, _ = Period.objects.get_or_create(
        label=label, defaults={k: parsed[k] for k in ("kind", "start", "end")}
    )
    return period


def world_value(measure, area, label, value, kind="raw", **fields):
    return Observation.objects.create(
        measure=measure,
        area=area,
        period=world_period(label),
        value=value,
        kind=kind,
        source=fields.pop("source", WORLD_SOURCE),
        **fields,
    )


@pytest.fixture
def world():
    """The fictional council area, its partnership and plans (see the constants above):
    a published plan whose outcome 1.1 uses the test measure for the council area
    (baseline 20 in 2021/22 from the data, target 14 by 31 March 2027), and a draft plan
    using the same measure for community GF01."""
    country = Area.objects.get(level=Area.Level.COUNTRY)
    council = Area.objects.create(
        code=WORLD_COUNCIL,
        name="Glen Fictional",
        level=Area.Level.COUNCIL_AREA,
        deprivation_family_group=WORLD_FAMILY,
    )
    neighbour = Area.objects.create(
        code=WORLD_NEIGHBOUR,
        name="Strath Fictional",
        level=Area.Level.COUNCIL_AREA,
        deprivation_family_group=WORLD_FAMILY,
    )
    partnership = Partnership.objects.create(
        council_area=council, name="Glen Fictional Community Planning Partnership"
    )
    body = Body.objects.create(
        partnership=partnership,
        name="Glen Fictional Board",
        kind=Body.Kind.BOARD,
        level=Body.Level.STRATEGIC,
    )
    measure = Measure.objects.create(
        code=WORLD_MEASURE,
        name="Fictional Child Poverty",
        definition="Children in low-income families (a fictional test measure).",
        unit="%",
        higher_is_better=False,
        source=WORLD_SOURCE,
        collection=Measure.Collection.CPOP,
        levels=[Area.Level.COUNCIL_AREA.value, Area.Level.INTERMEDIATE_ZONE.value],
        valid_min=0.0,
        valid_max=100.0,
    )
    council_only = Measure.objects.create(
        code=WORLD_COUNCIL_ONLY,
        name="Fictional council-only measure",
        definition="Reported for whole council areas only (a fictional test measure).",
        unit="%",
        higher_is_better=True,
        source=WORLD_SOURCE,
        collection=Measure.Collection.CPOP,
        levels=[Area.Level.COUNCIL_AREA.value],
        valid_min=0.0,
        valid_max=100.0,
    )
    income = Measure.objects.get(code="income-deprivation-rate")
    communities = []
    for code, name, population, deprived, before, after in WORLD_COMMUNITIES:
        area = Area.objects.create(
            code=code, name=name, level=Area.Level.INTERMEDIATE_ZONE, council_area=council
        )
        communities.append(area)
        world_value(
            income,
            area,
            "SIMD 2020",
            deprived / population,
            numerator=deprived,
            denominator=population,
        )
        world_value(measure, area, WORLD_BASELINE_PERIOD, before)
        kind = "imputed" if code == WORLD_IMPUTED_COMMUNITY else "raw"
        world_value(measure, area, WORLD_LATEST_PERIOD, after, kind)
    observations = {
        label: world_value(measure, council, label, value, kind)
        for label, value, kind in WORLD_COUNCIL_SERIES
    }
    world_value(council_only, council, WORLD_LATEST_PERIOD, 55.0)
    for label, value in WORLD_SCOTLAND.items():
        world_value(measure, country, label, value)
    for label, value in WORLD_NEIGHBOUR_VALUES.items():
        world_value(measure, neighbour, label, value)

    plan = new_plan(partnership, body, title="Glen Fictional Outcomes Plan")
    long_term = add_outcome(plan, "Fewer Glen Fictional children grow up in poverty")
    intermediate = add_outcome(plan, "Families claim what they are due", parent=long_term)
    indicator = services.indicator_add(outcome=intermediate, measure=measure, area=council)
    services.indicator_baseline_set(
        indicator=indicator, observation=observations[WORLD_BASELINE_PERIOD]
    )
    services.target_add(indicator=indicator, value=WORLD_TARGET, due=WORLD_TARGET_DUE)
    agree(plan, body)
    publish(plan)

    draft = new_plan(partnership, body, title="Glen Fictional Draft Locality Plan")
    draft_outcome = add_outcome(draft, "Glen Fictional 01 thrives")
    draft_indicator = services.indicator_add(
        outcome=draft_outcome, measure=measure, area=communities[0]
    )
    return World(
        partnership=partnership,
        body=body,
        council=council,
        neighbour=neighbour,
        scotland=country,
        communities=communities,
        measure=measure,
        council_only=council_only,
        plan=fresh(plan),
        indicator=fresh(indicator),
        draft=draft,
        draft_indicator=draft_indicator,
    )
