"""Resources and prevention as open data: a partnership's published figures for a
financial year (what partners put into each outcome, how it is arranged and how much of
it is preventative), by outcome and by partner, who has yet to confirm, and the shift to
prevention against the partnership's trajectory. The twin of the public resources page,
read through the same selector.

Published figures only: partners' confirmed lines, and a line a partner marked not for
publication only within a sum of at least three partners' lines ("Partners not
published separately"), never on its own. Money is a string of exact pounds and pence
("1234.50"), never a float, and every total is the sum of its parts to the penny;
percentages are strings with two places."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from ninja import Router, Schema
from ninja.errors import HttpError

from placeplan.api.engagement import ErrorOut
from placeplan.api.progress import _partnership
from placeplan.plans.models import Outcome
from placeplan.resources import selectors
from placeplan.resources.figures import COMBINED
from placeplan.resources.models import Round, year_label

router = Router(tags=["resources"])


class CellPartnerOut(Schema):
    partner: str
    amount: str
    preventative: str
    arrangement: str | None
    combined: bool


class OutcomeOut(Schema):
    kind: str
    outcome: str
    total: str
    preventative: str
    preventative_share: str | None
    by_partner: list[CellPartnerOut]


class PartnerOut(Schema):
    partner: str
    amount: str
    preventative: str
    preventative_share: str | None
    combined: bool


class ShiftYearOut(Schema):
    year: str
    preventative_share: str | None
    trajectory: str | None
    target: str | None


class ShiftOut(Schema):
    status: str
    status_label: str
    trend: str
    trend_label: str
    years: list[ShiftYearOut]


class ResourcesOut(Schema):
    partnership: str
    council_code: str
    year: str
    years: list[str]
    total: str
    preventative: str
    preventative_share: str | None
    levels: dict[str, str]
    by_outcome: list[OutcomeOut]
    by_partner: list[PartnerOut]
    unconfirmed_partners: list[str]
    shift: ShiftOut
    is_demo: bool
    note: str
    page_url: str


NOTE = (
    "Partners' own returns: the lines each partner has entered and confirmed for the year. "
    "A line a partner marked not for publication counts only within a sum of at least "
    "three partners' lines ('Partners not published separately'), never on its own."
)


def money(amount: Decimal) -> str:
    """Exact pounds and pence as a string: Decimal("1234.5") → "1234.50"."""
    return f"{amount.quantize(Decimal('0.01')):f}"


def share(value) -> str | None:
    """A percentage to two places as a string; None for none."""
    return None if value is None else f"{Decimal(str(value)).quantize(Decimal('0.01')):f}"


def _shift(partnership) -> dict:
    shift = selectors.prevention_shift(
        partnership=partnership, public=True, today=timezone.localdate()
    )
    return {
        "status": shift.status.code,
        "status_label": shift.status.label,
        "trend": shift.trend,
        "trend_label": shift.trend_label,
        "years": [
            {
                "year": row["label"],
                "preventative_share": share(row["share"]),
                "trajectory": None if row["expected"] is None else f"{row['expected']:.2f}",
                "target": share(row["target"]),
            }
            for row in selectors.shift_rows(shift)
        ],
    }


def _partner_out(row: dict) -> dict:
    """A partner's row of a cell (``selectors.year_tables``), as the API gives it."""
    return {
        "partner": row["label"],
        "amount": money(row["total"].amount),
        "preventative": money(row["total"].preventative),
        "arrangement": None if row["combined"] else row["arrangement"],
        "combined": row["combined"],
    }


@router.get(
    "/partnerships/{code}/resources",
    response={200: ResourcesOut, 404: ErrorOut},
    url_name="partnership_resources",
)
def partnership_resources(request, code: str, year: str = ""):
    """A financial year's published resources (``year`` written as ``2026/27``; the
    latest year with a resourcing round when left out): the ``total`` and how much of it
    is ``preventative`` (primary, secondary and tertiary prevention; ``levels`` has each),
    by outcome with each partner's amount and arrangement (aligned, pooled or delegated),
    and by partner; the partners yet to confirm; and the ``shift`` to prevention year by
    year against the partnership's trajectory. Money is exact pounds and pence as a string
    ("1234.50"); totals are the sums of their parts to the penny. 404 for an unknown
    partnership, a year with no round or a year not written as 2026/27."""
    partnership = _partnership(code)
    try:
        round = selectors.round_chosen(partnership=partnership, label=year)
    except Round.DoesNotExist as missing:
        raise HttpError(404, f"No resourcing round for the year {year!r}.") from missing
    if round is None:
        raise HttpError(404, "The partnership has no resourcing round yet.")
    tables = selectors.year_tables(round=round, public=True)
    total = tables.total
    return {
        "partnership": partnership.name,
        "council_code": code,
        "year": round.label,
        "years": [year_label(r.year) for r in selectors.round_list(partnership=partnership)],
        "total": money(total.amount),
        "preventative": money(total.preventative),
        "preventative_share": share(total.share),
        "levels": {str(level): money(amount) for level, amount in total.levels.items()},
        "by_outcome": [
            {
                "kind": cell["kind"],
                "outcome": cell["label"],
                "total": money(cell["total"].amount),
                "preventative": money(cell["total"].preventative),
                "preventative_share": share(cell["total"].share),
                "by_partner": [_partner_out(row) for row in cell["partners"]],
            }
            for cell in tables.cells
        ],
        "by_partner": [
            {
                "partner": row["label"],
                "amount": money(row["total"].amount),
                "preventative": money(row["total"].preventative),
                "preventative_share": share(row["total"].share),
                "combined": row["combined"],
            }
            for row in tables.by_partner
        ],
        "unconfirmed_partners": [p.organisation.name for p in tables.unconfirmed],
        "shift": _shift(partnership),
        "is_demo": tables.is_demo,
        "note": NOTE,
        "page_url": reverse("public:resources", args=[code])
        + "?"
        + urlencode({"year": round.label}),
    }


class ArrangementOut(Schema):
    arrangement: str
    amount: str
    preventative: str
    combined: bool


class IndicatorStatusOut(Schema):
    indicator: int
    measure: str
    area: str
    latest_period: str | None
    status: str
    status_label: str
    trend: str
    trend_label: str


class OutcomeResourcesOut(Schema):
    partnership: str
    council_code: str
    year: str
    outcome: str
    plan: str
    total: str
    preventative: str
    preventative_share: str | None
    by_partner: list[CellPartnerOut]
    by_arrangement: list[ArrangementOut]
    indicators: list[IndicatorStatusOut]
    note: str
    page_url: str


@router.get(
    "/partnerships/{code}/resources/{year}/outcomes/{outcome_pk}",
    response={200: OutcomeResourcesOut, 404: ErrorOut},
    url_name="partnership_resources_outcome",
)
def partnership_resources_outcome(request, code: str, year: int, outcome_pk: int):
    """What a financial year's published resources put into one outcome (``year`` the
    year the financial year starts: 2026 for 2026/27): its ``total`` and ``preventative``
    part, by partner (with each one's arrangement) and by arrangement, as in the
    ``by_outcome`` of the year's resources; and the outcome's indicators with their status
    against target and trend (none for a plan not published). 404 for an unknown
    partnership, a year with no round or an outcome not of the partnership's plans."""
    partnership = _partnership(code)
    try:
        found = selectors.outcome_year_get(
            partnership=partnership, year=year, outcome_pk=outcome_pk, public=True
        )
    except (Round.DoesNotExist, Outcome.DoesNotExist) as missing:
        raise HttpError(404, "No such resourcing round or outcome.") from missing
    round, outcome, total = found.round, found.outcome, found.total
    return {
        "partnership": partnership.name,
        "council_code": code,
        "year": round.label,
        "outcome": outcome.statement,
        "plan": outcome.plan.title,
        "total": money(total.amount),
        "preventative": money(total.preventative),
        "preventative_share": share(total.share),
        "by_partner": [_partner_out(row) for row in found.partners],
        "by_arrangement": [
            {
                "arrangement": row.label,
                "amount": money(row.total.amount),
                "preventative": money(row.total.preventative),
                "combined": row.key == COMBINED,
            }
            for row in found.breakdown.by_arrangement
        ],
        "indicators": [
            {
                "indicator": row.indicator.pk,
                "measure": row.indicator.measure.name,
                "area": row.indicator.area.name,
                "latest_period": row.latest["period"] if row.latest else None,
                "status": row.status.code,
                "status_label": row.status.label,
                "trend": row.trend,
                "trend_label": row.trend_label,
            }
            for row in found.indicators
        ],
        "note": NOTE,
        "page_url": reverse("public:resources_outcome", args=[code, round.year, outcome.pk]),
    }
