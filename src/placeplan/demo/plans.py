"""Demonstration plans: a Highland Single Outcome Agreement 2013/14–2018/19 with the
seven themes seed 001 refers to, and a Perth and Kinross Local Outcomes Improvement Plan
with a locality plan for Perth City.

Every baseline is taken from the loaded official data (the year before the plan starts);
targets and commitments are illustrative, labelled as such, and flagged ``is_demo``.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from placeplan.partnerships import services as partnership_services
from placeplan.partnerships.models import Locality, Partner, Partnership
from placeplan.performance.models import Measure, Observation
from placeplan.places.models import Area
from placeplan.plans import services
from placeplan.plans.models import Commitment, NationalOutcome, Outcome, Plan, PolicyPriority

D = datetime.date
# An illustrative target: this share of the baseline, in the improving direction.
IMPROVEMENT = 0.05

# theme body, long-term outcome, priority?, national outcomes, policy priorities,
# [(intermediate outcome, measure, commitment what, how, lead partner, contributors,
#   preventative)]
HIGHLAND_THEMES = [
    (
        "Safer Highland",
        "Highland's communities are safe and feel safe.",
        True,
        ["communities"],
        ["safer-stronger"],
        [
            (
                "Crime falls in every part of Highland.",
                "Crime Rate",
                "Fewer crimes recorded, and fewest where crime has been highest.",
                "Joint community safety tasking between police, council and fire service in "
                "the communities with the highest crime.",
                "Police Scotland",
                ["The Highland Council"],
                True,
            ),
            (
                "Fewer homes suffer fires.",
                "Dwelling Fires",
                "Fewer fires in people's homes.",
                "Free home fire safety visits for people most at risk, referred by partners.",
                "Scottish Fire and Rescue Service",
                ["NHS Highland", "Highland Third Sector Interface"],
                True,
            ),
        ],
    ),
    (
        "For Highland's Children",
        "Highland's children have the best start in life.",
        True,
        ["children-and-young-people", "poverty"],
        ["early-years"],
        [
            (
                "More babies are born at a healthy weight.",
                "Healthy Birthweight",
                "More babies born at a healthy weight.",
                "Early antenatal booking and family nurse support for young mothers.",
                "NHS Highland",
                ["The Highland Council"],
                True,
            ),
            (
                "Fewer children live in poverty.",
                "Child Poverty",
                "Fewer children living in low-income families.",
                "Income maximisation advice offered through health visitors and schools.",
                "The Highland Council",
                ["NHS Highland", "Highland Third Sector Interface"],
                True,
            ),
        ],
    ),
    (
        "Health Inequalities",
        "People live longer, healthier lives, and the gap between communities narrows.",
        True,
        ["health"],
        ["health-inequalities"],
        [
            (
                "Fewer people die before the age of 75.",
                "Early Mortality",
                "Fewer early deaths, falling fastest in the most deprived communities.",
                "Health checks and physical activity programmes targeted on the most deprived "
                "communities.",
                "NHS Highland",
                ["The Highland Council", "Highland Third Sector Interface"],
                True,
            ),
        ],
    ),
    (
        "Community Learning and Development",
        "Young people move on to learning, training and work.",
        False,
        ["education"],
        ["employment"],
        [
            (
                "More school leavers reach a positive destination.",
                "Positive Destinations",
                "More school leavers going on to education, training or work.",
                "Careers support and guaranteed college places for leavers at risk of not "
                "progressing.",
                "Skills Development Scotland",
                ["University of the Highlands and Islands", "The Highland Council"],
                False,
            ),
        ],
    ),
    (
        "Employability",
        "More people in Highland are in good, fair work.",
        True,
        ["fair-work-and-business", "economy"],
        ["economic-recovery", "employment"],
        [
            (
                "More working-age people are in employment.",
                "Employment Rate",
                "A higher employment rate.",
                "An employability pipeline shared by the council, Skills Development Scotland "
                "and Highlands and Islands Enterprise.",
                "Highlands and Islands Enterprise",
                ["Skills Development Scotland", "The Highland Council"],
                False,
            ),
        ],
    ),
    (
        "Environment",
        "Highland's environment is protected and enhanced for future generations.",
        False,
        ["environment"],
        [],
        [
            (
                "Carbon emissions fall.",
                "Carbon Emissions",
                "Lower carbon emissions per person.",
                "Partners' own carbon management plans, reported together.",
                "The Highland Council",
                ["NHS Highland", "University of the Highlands and Islands"],
                True,
            ),
        ],
    ),
    (
        "Strategic Commissioning for Adults",
        "Older people live independently at home for longer.",
        True,
        ["health"],
        ["older-people"],
        [
            (
                "Fewer older people are admitted to hospital in an emergency.",
                "Emergency Admissions",
                "Fewer emergency admissions of people aged 65 and over.",
                "Anticipatory care plans and community rehabilitation teams.",
                "NHS Highland",
                ["The Highland Council", "Highland Third Sector Interface"],
                True,
            ),
        ],
    ),
]

PERTH_OBJECTIVES = [
    (
        "Community Planning Partnership Board",
        "Giving every child the best start in life.",
        ["children-and-young-people"],
        ["early-years"],
        [
            (
                "Fewer children live in poverty.",
                "Child Poverty",
                "Perth and Kinross Council",
                ["NHS Tayside", "Perth and Kinross Association of Voluntary Service (PKAVS)"],
            )
        ],
    ),
    (
        "Children and Young People Outcome Delivery Group",
        "Developing educated, responsible and informed citizens.",
        ["education"],
        ["employment"],
        [
            (
                "More young people take part in learning, training or work.",
                "Participation Rate",
                "Perth College UHI",
                ["Perth and Kinross Council"],
            )
        ],
    ),
    (
        "Economy Outcome Delivery Group",
        "Promoting a prosperous, inclusive and sustainable economy.",
        ["economy", "fair-work-and-business"],
        ["economic-recovery", "employment"],
        [
            (
                "Fewer people depend on out-of-work benefits.",
                "Out of Work Benefits",
                "Scottish Enterprise",
                ["Perth and Kinross Council", "Perth College UHI"],
            )
        ],
    ),
    (
        "Integration Joint Board",
        "Supporting people to lead independent, healthy and active lives.",
        ["health"],
        ["health-inequalities", "older-people"],
        [
            (
                "Fewer people die before the age of 75.",
                "Early Mortality",
                "NHS Tayside",
                ["Perth and Kinross Integration Joint Board"],
            )
        ],
    ),
    (
        "Community Safety Outcome Delivery Group",
        "Creating a safe and sustainable place for future generations.",
        ["communities", "environment"],
        ["safer-stronger"],
        [
            (
                "Crime falls.",
                "Crime Rate",
                "Police Scotland",
                ["Perth and Kinross Council", "Scottish Fire and Rescue Service"],
            )
        ],
    ),
]

PERTH_CITY_PRIORITIES = [
    (
        "Fewer children in Muirton grow up in poverty.",
        "Child Poverty",
        "Muirton",
        0,
        "Perth and Kinross Council",
    ),
    (
        "People in Muirton and North Muirton are safer.",
        "Crime Rate",
        "Muirton",
        4,
        "Police Scotland",
    ),
]


def _baseline(measure: Measure, area: Area, period_label: str) -> Observation | None:
    return (
        Observation.objects.filter(measure=measure, area=area, period__label=period_label)
        .select_related("period")
        .first()
    )


def illustrative_target(measure: Measure, baseline: float) -> float:
    """An illustrative target: 5% better than the baseline, within the measure's range."""
    step = abs(baseline) * IMPROVEMENT
    value = baseline + step if measure.higher_is_better else baseline - step
    if measure.valid_max is not None:
        value = min(value, measure.valid_max)
    if measure.valid_min is not None:
        value = max(value, measure.valid_min)
    return round(value, 1 if abs(value) < 1000 else 0)


def _indicator(outcome, measure_name, area, baseline_period, target_due, gap=None):
    measure = Measure.objects.get(name=measure_name, partnership__isnull=True)
    indicator = services.indicator_add(outcome=outcome, measure=measure, area=area)
    observation = _baseline(measure, area, baseline_period)
    if observation is None:
        return indicator
    services.indicator_baseline_set(indicator=indicator, observation=observation)
    services.target_add(
        indicator=indicator,
        value=illustrative_target(measure, observation.value),
        due=target_due,
        is_illustrative=True,
    )
    if gap:
        services.indicator_gap_target_set(indicator=indicator, reduction=gap[0], by=gap[1])
    return indicator


def _partner(partnership: Partnership, name: str) -> Partner:
    return Partner.objects.get(partnership=partnership, organisation__name=name)


def _links(outcome, national, policy):
    outcome.national_outcomes.set(NationalOutcome.objects.filter(code__in=national))
    outcome.policy_priorities.set(PolicyPriority.objects.filter(code__in=policy))


def highland_soa(partnership: Partnership) -> Plan:
    """The Highland SOA, version 1 published in 2013 and version 2 (adding an inequality
    target for early deaths) in 2015."""
    bodies = {b.name: b for b in partnership.bodies.all()}
    plan = services.plan_save(
        plan=Plan(
            partnership=partnership,
            kind=Plan.Kind.LOIP,
            title="Highland Single Outcome Agreement 2013/14 to 2018/19 (demonstration)",
            summary="Demonstration plan modelled on the Highland partnership's SOA and its "
            "seven themes. Baselines are official figures for 2012/13; targets and commitments "
            "are illustrative.",
            period_start=D(2013, 4, 1),
            period_end=D(2019, 3, 31),
            owning_body=bodies["Members Partnership Board"],
            priority_limit=5,
            is_demo=True,
        )
    )
    council = partnership.council_area
    for body_name, statement, priority, national, policy, intermediates in HIGHLAND_THEMES:
        top = services.outcome_save(
            outcome=Outcome(
                plan=plan,
                statement=statement,
                theme=body_name,
                lead_body=bodies[body_name],
                is_priority=priority,
            )
        )
        _links(top, national, policy)
        for text, measure_name, what, how, lead, contributors, preventative in intermediates:
            child = services.outcome_save(
                outcome=Outcome(plan=plan, parent=top, statement=text, lead_body=bodies[body_name])
            )
            _links(child, national, policy)
            indicator = _indicator(child, measure_name, council, "2012/13", D(2019, 3, 31))
            services.commitment_save(
                commitment=Commitment(
                    outcome=child,
                    what=what,
                    how=how,
                    indicator=indicator,
                    lead_partner=_partner(partnership, lead),
                    lead_body=bodies[body_name],
                    due=D(2019, 3, 31),
                    is_preventative=preventative,
                ),
                contributing_partners=[_partner(partnership, n) for n in contributors],
            )
    services.plan_agree(
        plan=plan, agreed_by=bodies["Members Partnership Board"], agreed_on=D(2013, 6, 27)
    )
    services.plan_publish(plan=plan, published_on=D(2013, 7, 1))
    revised = services.plan_amend(plan=plan)
    early_deaths = revised.outcomes.get(
        parent__isnull=False, indicators__measure__name="Early Mortality"
    )
    services.indicator_gap_target_set(
        indicator=early_deaths.indicators.get(), reduction=50, by=D(2019, 3, 31)
    )
    services.plan_agree(
        plan=revised, agreed_by=bodies["Members Partnership Board"], agreed_on=D(2015, 6, 25)
    )
    services.plan_publish(plan=revised, published_on=D(2015, 7, 1))
    return revised


def perth_loip(partnership: Partnership) -> Plan:
    """A Perth and Kinross LOIP 2017–2027 and a locality plan for Perth City."""
    bodies = {b.name: b for b in partnership.bodies.all()}
    board = bodies["Community Planning Partnership Board"]
    loip = services.plan_save(
        plan=Plan(
            partnership=partnership,
            kind=Plan.Kind.LOIP,
            title="Perth and Kinross Local Outcomes Improvement Plan 2017 to 2027 (demonstration)",
            summary="Demonstration plan built around the partnership's five strategic "
            "objectives. Baselines are official figures for 2016/17; targets and commitments "
            "are illustrative.",
            period_start=D(2017, 4, 1),
            period_end=D(2027, 3, 31),
            owning_body=board,
            is_demo=True,
        )
    )
    council = partnership.council_area
    for body_name, statement, national, policy, intermediates in PERTH_OBJECTIVES:
        top = services.outcome_save(
            outcome=Outcome(
                plan=loip, statement=statement, lead_body=bodies[body_name], is_priority=True
            )
        )
        _links(top, national, policy)
        for text, measure_name, lead, contributors in intermediates:
            child = services.outcome_save(
                outcome=Outcome(plan=loip, parent=top, statement=text, lead_body=bodies[body_name])
            )
            indicator = _indicator(child, measure_name, council, "2016/17", D(2027, 3, 31))
            services.commitment_save(
                commitment=Commitment(
                    outcome=child,
                    what=text,
                    how="Set out in the delivery group's improvement plan (illustrative).",
                    indicator=indicator,
                    lead_partner=_partner(partnership, lead),
                    lead_body=bodies[body_name],
                    due=D(2027, 3, 31),
                ),
                contributing_partners=[_partner(partnership, n) for n in contributors],
            )
    services.plan_agree(plan=loip, agreed_by=board, agreed_on=D(2017, 9, 27))
    services.plan_publish(plan=loip, published_on=D(2017, 10, 2))

    city = Locality.objects.get(partnership=partnership, name="Perth City")
    city.has_poorer_outcomes = True
    partnership_services.locality_save(locality=city, communities=list(city.communities.all()))
    local_cpp = bodies["Perth City Local Community Planning Partnership"]
    locality_plan = services.plan_save(
        plan=Plan(
            partnership=partnership,
            kind=Plan.Kind.LOCALITY,
            title="Perth City Locality Plan 2017 to 2027 (demonstration)",
            summary="Demonstration locality plan: local priorities for Perth City that "
            "contribute to the LOIP's objectives.",
            period_start=D(2017, 4, 1),
            period_end=D(2027, 3, 31),
            owning_body=local_cpp,
            locality=city,
            supports_plan=loip,
            priority_limit=3,
            is_demo=True,
        )
    )
    loip_tops = list(loip.outcomes.filter(parent__isnull=True).order_by("number"))
    for text, measure_name, zone, objective, lead in PERTH_CITY_PRIORITIES:
        area = city.communities.get(name=zone)
        top = services.outcome_save(
            outcome=Outcome(
                plan=locality_plan, statement=text, lead_body=local_cpp, is_priority=True
            ),
            supports=[loip_tops[objective]],
        )
        child = services.outcome_save(
            outcome=Outcome(plan=locality_plan, parent=top, statement=text, lead_body=local_cpp)
        )
        indicator = _indicator(child, measure_name, area, "2016/17", D(2027, 3, 31))
        services.commitment_save(
            commitment=Commitment(
                outcome=child,
                what=text,
                how="Agreed with residents at the local partnership (illustrative).",
                indicator=indicator,
                lead_partner=_partner(partnership, lead),
                lead_body=local_cpp,
                due=D(2027, 3, 31),
                is_preventative=True,
            )
        )
    services.plan_agree(plan=locality_plan, agreed_by=local_cpp, agreed_on=D(2017, 11, 20))
    services.plan_publish(plan=locality_plan, published_on=D(2017, 12, 1))
    return loip


def safer_highland_draft(partnership: Partnership) -> Plan:
    """A draft thematic delivery plan of Safer Highland, still incomplete: its commitment
    has no date yet, so the workspace shows what stops it being agreed."""
    safer = partnership.bodies.get(name="Safer Highland")
    plan = services.plan_save(
        plan=Plan(
            partnership=partnership,
            kind=Plan.Kind.THEMATIC,
            title="Safer Highland delivery plan 2026 to 2029 (draft, demonstration)",
            summary="Demonstration draft: how the Safer Highland group will reduce crime "
            "where it is highest.",
            period_start=D(2026, 4, 1),
            period_end=D(2029, 3, 31),
            owning_body=safer,
            priority_limit=3,
            is_demo=True,
        )
    )
    top = services.outcome_save(
        outcome=Outcome(
            plan=plan,
            statement="People in Highland are safe from harm.",
            lead_body=safer,
            is_priority=True,
        )
    )
    _links(top, ["communities"], ["safer-stronger"])
    child = services.outcome_save(
        outcome=Outcome(
            plan=plan,
            parent=top,
            statement="Crime falls fastest in the communities where it is highest.",
            lead_body=safer,
        )
    )
    latest = (
        Observation.objects.filter(
            measure__name="Crime Rate", area=partnership.council_area, kind="raw"
        )
        .order_by("-period__start")
        .first()
    )
    indicator = _indicator(
        child, "Crime Rate", partnership.council_area, latest.period.label, D(2029, 3, 31)
    )
    services.commitment_save(
        commitment=Commitment(
            outcome=child,
            what="Fewer crimes recorded in the ten communities with the highest crime rates.",
            how="Problem-solving partnerships in each of those communities (illustrative).",
            indicator=indicator,
            lead_partner=_partner(partnership, "Police Scotland"),
            lead_body=safer,
        ),
        contributing_partners=[_partner(partnership, "The Highland Council")],
    )
    return plan


@transaction.atomic
def plans_demo_load() -> int:
    """Create the demonstration plans once; returns how many plan versions were created."""
    created = 0
    builders = (
        ("S12000017", [highland_soa, safer_highland_draft]),
        ("S12000048", [perth_loip]),
    )
    for code, builds in builders:
        partnership = Partnership.objects.get(council_area__code=code)
        if Plan.objects.filter(partnership=partnership, is_demo=True).exists():
            continue
        for build in builds:
            build(partnership)
        created += Plan.objects.filter(partnership=partnership, is_demo=True).count()
    return created
