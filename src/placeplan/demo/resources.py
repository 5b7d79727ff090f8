"""Demonstration resources and prevention for Highland: four resourcing rounds (2023/24 to
2026/27) in which the partners put money, staff and assets into the seven themes of the
demonstration Single Outcome Agreement.

- Aligned lines (each partner's own services), pooled lines into a £3 million Highland
  prevention fund hosted by the council and into the integrated adult health and social
  care budget hosted by NHS Highland, and a delegated line to a Lochaber local community
  planning budget (for a demonstration locality of Lochaber's communities).
- Every line's prevention profile moves two points a year towards prevention, so the
  partnership's preventative share rises year on year, measured against a trajectory of
  targets (34% by 2026/27, 45% by 2030/31).
- Three preventative interventions of the prevention plan, with their spend and savings
  by year, and the 2025/26 review drafted from them.
- Every round confirmed by every partner, except that Highlands and Islands Enterprise has
  not yet confirmed 2026/27, whose date has passed. Two small lines are not for
  publication.

Everything is made through the resources services, flagged ``is_demo`` and labelled
"(illustrative)"; the amounts, staff and savings are invented for the demonstration, not
the partners' real budgets."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from placeplan.partnerships import services as partnership_services
from placeplan.partnerships.models import Locality, Partner, Partnership
from placeplan.places.models import Area
from placeplan.plans.models import Outcome, OutcomeIndicator, Plan
from placeplan.resources import services
from placeplan.resources.models import (
    Arrangement,
    Asset,
    Intervention,
    Level,
    Pool,
    Round,
)

D = datetime.date
HIGHLAND = "S12000017"
ILLUSTRATIVE = "(illustrative)"
YEARS = (2023, 2024, 2025, 2026)  # the financial years 2023/24 to 2026/27
CURRENT = 2026
CLOSED = (2023, 2024, 2025)  # years whose accounts are closed: outturn known
NOT_YET_CONFIRMED = "Highlands and Islands Enterprise"
COUNCIL = "The Highland Council"
NHS = "NHS Highland"
LOCALITY = "Lochaber (demonstration)"
FUND, INTEGRATION, LOCAL = "fund", "integration", "local"
# Preventative share (%) the partnership aims for by a year: its trajectory.
TARGETS = {2026: Decimal("34.00"), 2028: Decimal("40.00"), 2030: Decimal("45.00")}
GROWTH = Decimal("0.025")  # budgets (not the fund's contributions) grow 2.5% a year
OUTTURN = (Decimal("0.98"), Decimal("1.01"), Decimal("0.995"), Decimal("1.02"))

# partner, theme (or None: the locality), title, budget in 2023/24 (£), staff (FTE),
# pool (None: aligned), (primary, secondary, tertiary) % in 2023/24, not for publication
LINES = [
    (COUNCIL, "For Highland's Children", "Early learning and childcare", 18_000_000, "420",
     None, (30, 10, 0), False),
    (COUNCIL, "Strategic Commissioning for Adults",
     "Adult social care commissioned through NHS Highland", 95_000_000, "0",
     INTEGRATION, (0, 10, 25), False),
    (COUNCIL, "Community Learning and Development", "Youth work and adult learning",
     4_200_000, "85", None, (45, 10, 0), False),
    (COUNCIL, "Health Inequalities", "Homelessness prevention and housing support",
     6_500_000, "110", None, (10, 30, 20), False),
    (COUNCIL, "Environment", "Waste, climate and nature services", 14_000_000, "260",
     None, (15, 0, 0), False),
    (COUNCIL, None, "Lochaber local community planning budget", 250_000, "2",
     LOCAL, (40, 20, 0), False),
    (NHS, "Strategic Commissioning for Adults", "Adult community health and care services",
     210_000_000, "3100", None, (5, 10, 25), False),
    (NHS, "For Highland's Children", "Health visiting and family nurse partnership",
     9_500_000, "190", None, (40, 30, 0), False),
    (NHS, "Health Inequalities", "Public health and health improvement", 5_800_000, "95",
     None, (70, 20, 0), False),
    (NHS, "Health Inequalities", "Contribution to the Highland prevention fund", 1_500_000,
     "0", FUND, (60, 30, 10), False),
    ("Police Scotland", "Safer Highland", "Local policing in Highland", 48_000_000, "980",
     None, (5, 10, 5), False),
    ("Police Scotland", "Safer Highland", "Community safety analysts", 350_000, "7", None,
     (20, 40, 0), True),
    ("Police Scotland", "Safer Highland", "Contribution to the Highland prevention fund",
     600_000, "0", FUND, (50, 40, 10), False),
    ("Scottish Fire and Rescue Service", "Safer Highland", "Operational response in Highland",
     22_000_000, "450", None, (0, 0, 5), False),
    ("Scottish Fire and Rescue Service", "Safer Highland",
     "Home fire safety visits and community safety education", 1_200_000, "24", None,
     (78, 20, 0), False),
    ("Scottish Fire and Rescue Service", "Safer Highland",
     "Contribution to the Highland prevention fund", 400_000, "0", FUND, (70, 28, 0), False),
    ("Highlands and Islands Enterprise", "Employability",
     "Community growth and social enterprise support", 3_500_000, "30", None, (20, 10, 0),
     False),
    ("Highlands and Islands Enterprise", "Employability",
     "Contribution to the Highland prevention fund", 500_000, "0", FUND, (40, 40, 0), False),
    ("University of the Highlands and Islands", "Community Learning and Development",
     "Further education bursaries and student support", 2_800_000, "12", None, (25, 25, 0),
     False),
    ("University of the Highlands and Islands", "Environment",
     "Climate and land research partnerships", 900_000, "14", None, (30, 0, 0), False),
    ("Highland Third Sector Interface", "Community Learning and Development",
     "Volunteering and community capacity building", 650_000, "15", None, (60, 20, 0),
     False),
    ("Highland Third Sector Interface", "Strategic Commissioning for Adults",
     "Befriending and social prescribing", 400_000, "9", None, (40, 40, 10), True),
    ("Skills Development Scotland", "Employability",
     "Careers advice in schools and the all-age careers service", 2_400_000, "45", None,
     (30, 40, 0), False),
]  # fmt: skip
# line title → (kind, description, value in £ or None)
ASSETS = {
    "Home fire safety visits and community safety education": (
        Asset.Kind.VEHICLE,
        "Community safety education van (illustrative)",
        Decimal("68000.00"),
    ),
    "Volunteering and community capacity building": (
        Asset.Kind.BUILDING,
        "Use of the Merkinch community hub two days a week (illustrative)",
        None,
    ),
    "Youth work and adult learning": (
        Asset.Kind.BUILDING,
        "Community learning rooms in six secondary schools (illustrative)",
        Decimal("1250000.00"),
    ),
}

# title, kind, level, lead partner, pool, demand, indicator measure,
# {year: (spend, expected cashable, expected non-cashable, realised cashable,
#         realised non-cashable)} (realised None: not known yet)
INTERVENTIONS = [
    (
        "Home fire safety visits for people most at risk",
        Intervention.Kind.PROGRAMME,
        Level.PRIMARY,
        "Scottish Fire and Rescue Service",
        FUND,
        "Fires in the homes of older people living alone and of people referred by "
        "partners as at risk, and the injuries, call-outs and hospital stays they bring.",
        "Dwelling Fires",
        {
            2023: ("420000", "0", "150000", "0", "120000"),
            2024: ("450000", "20000", "220000", "15000", "210000"),
            2025: ("480000", "40000", "300000", "35000", "310000"),
            2026: ("500000", "60000", "360000", None, None),
        },
    ),
    (
        "Money advice through health visitors and schools",
        Intervention.Kind.SERVICE_CHANGE,
        Level.SECONDARY,
        COUNCIL,
        FUND,
        "Families falling into debt and crisis: emergency payments, rent arrears and the "
        "child poverty they lead to.",
        "Child Poverty",
        {
            2023: ("600000", "100000", "250000", "80000", "260000"),
            2024: ("650000", "150000", "300000", "120000", "280000"),
            2025: ("700000", "200000", "350000", "140000", "300000"),
            2026: ("720000", "220000", "380000", None, None),
        },
    ),
    (
        "Reablement after a hospital stay",
        Intervention.Kind.SERVICE_CHANGE,
        Level.TERTIARY,
        NHS,
        INTEGRATION,
        "Delayed discharges from hospital and older people moving into care homes who "
        "could live at home with short-term help.",
        None,
        {
            2023: ("1800000", "400000", "600000", "350000", "650000"),
            2024: ("1900000", "500000", "700000", "520000", "690000"),
            2025: ("2000000", "600000", "800000", "610000", "820000"),
            2026: ("2100000", "650000", "850000", None, None),
        },
    ),
]


def _money(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def _budget(base: int, year: int, pool: str | None) -> Decimal:
    """The line's budget in a year: the fund's contributions stay the same; the rest grow."""
    if pool == FUND:
        return _money(base)
    grown = Decimal(base) * (1 + GROWTH * (year - YEARS[0]))
    return _money(grown.quantize(Decimal(1), ROUND_HALF_UP))


def _shares(base: tuple[int, int, int], year: int) -> dict[str, int]:
    """The line's profile in a year: each year a point more primary and a point more
    secondary, taken from the part that is not preventative (while any is left)."""
    primary, secondary, tertiary = base
    for _ in range(year - YEARS[0]):
        if primary + secondary + tertiary <= 98:
            primary, secondary = primary + 1, secondary + 1
    return {
        "primary": primary,
        "secondary": secondary,
        "tertiary": tertiary,
        "not_preventative": 100 - primary - secondary - tertiary,
    }


def _locality(partnership: Partnership) -> Locality:
    council = partnership.council_area
    zones = list(
        Area.objects.filter(
            council_area=council, level=Area.Level.INTERMEDIATE_ZONE, name__icontains="Lochaber"
        )
    ) or list(Area.objects.filter(code="S02001978"))
    return partnership_services.locality_save(
        locality=Locality(partnership=partnership, name=LOCALITY), communities=zones
    )


def _pools(partnership: Partnership, partners: dict[str, Partner]) -> dict[str, Pool]:
    fund = services.pool_save(
        partnership=partnership,
        name=f"Highland prevention fund {ILLUSTRATIVE}",
        kind=Pool.Kind.PREVENTION,
        host=partners[COUNCIL],
        description="Demonstration: a £3 million a year joint fund for early intervention "
        "and prevention, held by the council and decided by the Chief Officers Group "
        "(illustrative, not the partnership's).",
        is_demo=True,
    )
    integration = services.pool_save(
        partnership=partnership,
        name=f"Adult health and social care integrated budget {ILLUSTRATIVE}",
        kind=Pool.Kind.INTEGRATION,
        host=partners[NHS],
        description="Demonstration: the council's adult social care money, integrated with "
        "NHS Highland's as the lead agency (illustrative).",
        is_demo=True,
    )
    local = services.pool_save(
        partnership=partnership,
        name=f"Lochaber local community planning budget {ILLUSTRATIVE}",
        kind=Pool.Kind.LOCALITY,
        locality=_locality(partnership),
        description="Demonstration: money the council delegates to the Lochaber local "
        "community planning partnership to decide on (illustrative).",
        is_demo=True,
    )
    return {FUND: fund, INTEGRATION: integration, LOCAL: local}


def _round(partnership, year, partners, outcomes, pools, today) -> Round:
    due = today - datetime.timedelta(days=21) if year == CURRENT else D(year, 2, 28)
    round = services.round_open(
        partnership=partnership,
        year=year,
        due=due,
        request="Demonstration round: enter what your organisation puts into each of the "
        "SOA's themes this year, with staff, assets and how much is preventative "
        "(illustrative).",
        user=None,
        is_demo=True,
    )
    for index, (name, theme, title, base, fte, pool, shares, hidden) in enumerate(LINES):
        arrangement = Arrangement.ALIGNED
        if pool == LOCAL:
            arrangement = Arrangement.DELEGATED
        elif pool is not None:
            arrangement = Arrangement.POOLED
        budget = _budget(base, year, pool)
        outturn = None
        if year in CLOSED:
            outturn = _money(budget * OUTTURN[(index + year) % len(OUTTURN)])
        line = services.line_save(
            round=round,
            partner=partners[name],
            user=None,
            title=f"{title} {ILLUSTRATIVE}",
            outcome=outcomes[theme] if theme else None,
            locality=pools[LOCAL].locality if theme is None else None,
            budget=budget,
            outturn=outturn,
            staff_fte=Decimal(fte),
            arrangement=arrangement,
            pool=pools[pool] if pool else None,
            not_for_publication=hidden,
            is_demo=True,
            **_shares(shares, year),
        )
        if title in ASSETS:
            kind, description, value = ASSETS[title]
            services.asset_save(
                line=line, user=None, kind=kind, description=description, value=value
            )
    for name, partner in partners.items():
        if year == CURRENT and name == NOT_YET_CONFIRMED:
            continue
        services.lines_confirm(round=round, partner=partner, user=None)
    return round


def _interventions(partnership, partners, pools, plan) -> list[Intervention]:
    made = []
    for title, kind, level, lead, pool, demand, measure, years in INTERVENTIONS:
        indicators = (
            list(OutcomeIndicator.objects.filter(outcome__plan=plan, measure__name=measure))
            if measure
            else []
        )
        intervention = services.intervention_save(
            partnership=partnership,
            title=f"{title} {ILLUSTRATIVE}",
            kind=kind,
            level=level,
            lead_partner=partners[lead],
            pool=pools[pool],
            description="Demonstration intervention of the prevention plan; its spend and "
            "savings are illustrative.",
            demand=demand,
            is_demo=True,
            indicators=indicators,
        )
        for year, (spend, cash, non_cash, real_cash, real_non_cash) in years.items():
            services.intervention_year_save(
                intervention=intervention,
                year=year,
                spend=_money(spend),
                expected_cashable=_money(cash),
                expected_non_cashable=_money(non_cash),
                realised_cashable=_money(real_cash),
                realised_non_cashable=_money(real_non_cash),
            )
        made.append(intervention)
    return made


@transaction.atomic
def resources_demo_load(today: datetime.date | None = None) -> int:
    """Create Highland's demonstration resources and prevention once; returns how many
    rounds were created."""
    today = today or timezone.localdate()
    partnership = Partnership.objects.get(council_area__code=HIGHLAND)
    if Round.objects.filter(partnership=partnership, is_demo=True).exists():
        return 0
    partners = {
        p.organisation.name: p
        for p in Partner.objects.filter(partnership=partnership).select_related("organisation")
    }
    plan = Plan.objects.get(
        partnership=partnership, is_demo=True, kind=Plan.Kind.LOIP, status=Plan.Status.PUBLISHED
    )
    outcomes = {o.theme: o for o in Outcome.objects.filter(plan=plan, parent=None)}
    pools = _pools(partnership, partners)
    rounds = [_round(partnership, year, partners, outcomes, pools, today) for year in YEARS]
    for year, share in TARGETS.items():
        services.target_save(partnership=partnership, year=year, share=share)
    _interventions(partnership, partners, pools, plan)
    services.review_draft(partnership=partnership, year=2025)
    return len(rounds)
