"""Version 1 of the API, progress: the outcomes dashboard, a locality's outcomes and one
measure for a locality. Twins of the public pages, read through the same selectors: the
public pages show published plans only, to everybody, and so do these (the dashboard
with drafts is in the workspace)."""

from __future__ import annotations

from django.urls import reverse
from ninja import Router
from ninja.errors import HttpError

from placeplan.api import schemas
from placeplan.api.plans import plan_ref
from placeplan.partnerships import selectors as partnerships
from placeplan.partnerships.models import Locality, Partnership
from placeplan.performance import localities, locality_pages
from placeplan.performance.models import Measure
from placeplan.plans import progress

router = Router(tags=["progress"])


def _partnership(code: str) -> Partnership:
    try:
        return partnerships.partnership_get(council_code=code)
    except Partnership.DoesNotExist as missing:
        raise HttpError(404, f"No partnership has the council area code {code!r}.") from missing


def _locality(partnership: Partnership, pk: int) -> Locality:
    try:
        return partnerships.locality_get(partnership=partnership, pk=pk)
    except Locality.DoesNotExist as missing:
        raise HttpError(404, f"{partnership.name} has no locality {pk}.") from missing


def _measure(measure) -> dict:
    return {
        "code": measure.code,
        "name": measure.name,
        "unit": measure.unit,
        "higher_is_better": measure.higher_is_better,
    }


def _value(point: dict) -> dict:
    return {k: point[k] for k in ("period", "value", "kind", "is_estimate", "source")}


def _row(code: str, number: str, row: progress.IndicatorProgress) -> dict:
    indicator, status = row.indicator, row.status
    comparison = row.comparison
    return {
        "outcome": number,
        "indicator_id": indicator.pk,
        "measure": _measure(indicator.measure),
        "area": {"code": indicator.area.code, "name": indicator.area.name},
        "latest": _value(row.latest) if row.latest else None,
        "status": {
            "code": status.code,
            "label": status.label,
            "expected": status.expected,
            "target": (
                {"value": status.target.value, "due": status.target.when} if status.target else None
            ),
        },
        "trend": row.trend,
        "trend_label": row.trend_label,
        "comparison": (
            {
                "period": comparison.period,
                "scotland": comparison.scotland,
                "group_name": comparison.group_name,
                "group_average": comparison.group_average,
                "group_size": comparison.group_size,
            }
            if comparison
            else None
        ),
        "gap_since_baseline": row.gap,
        "gap_label": row.gap_label,
        "values": [_value(p) for p in row.points],
        "page_url": reverse("public:indicator", args=[code, indicator.pk]),
    }


def _dashboard(code: str, dashboard: list[progress.PlanProgress]) -> list[dict]:
    return [
        {
            "plan": plan_ref(entry.plan, code),
            "counts": [{"label": label, "count": count} for label, count in entry.counts],
            "indicators": [_row(code, number, row) for number, row in entry.rows],
        }
        for entry in dashboard
    ]


@router.get(
    "/partnerships/{code}/dashboard",
    response={200: schemas.Dashboard, 404: schemas.Error},
    url_name="dashboard",
)
def dashboard(request, code: str):
    """The outcomes dashboard: for each current published plan, every indicator's latest
    value (never a projection; ``kind`` and ``is_estimate`` say when it is an estimate),
    status against the next target, trend, comparison with Scotland and similar areas,
    and whether the gap between the most and least deprived fifth has closed since the
    baseline; ``values`` are the points of its small chart."""
    partnership = _partnership(code)
    return {
        "partnership": partnership.name,
        "council_code": code,
        "plans": _dashboard(
            code, progress.partnership_dashboard(partnership=partnership, public=True)
        ),
        "page_url": reverse("public:dashboard", args=[code]),
    }


def _locality_value(point: localities.LocalityPoint | None) -> dict | None:
    if point is None:
        return None
    return {
        "period": point.period,
        "value": point.value,
        "kind_label": point.kind_label,
        "is_estimate": point.is_estimate,
        "is_projection": point.is_projection,
        "method": point.method,
        "partnership": point.partnership,
        "scotland": point.scotland,
    }


@router.get(
    "/partnerships/{code}/localities/{locality_id}",
    response={200: schemas.LocalityDetail, 404: schemas.Error},
    url_name="locality_detail",
)
def locality_detail(request, code: str, locality_id: int):
    """A locality's outcomes, as on its public page: each community measure's latest
    value worked out from its communities (a population-weighted estimate; never a
    projection), trend, the partnership's and Scotland's values for the same period and
    whether it is markedly poorer than both; and the outcomes dashboard of its published
    locality plans."""
    partnership = _partnership(code)
    locality = _locality(partnership, locality_id)
    evidence = localities.locality_evidence(locality=locality)
    plans = progress.partnership_dashboard(partnership=partnership, public=True, locality=locality)
    return {
        "id": locality.pk,
        "name": locality.name,
        "partnership": partnership.name,
        "council_code": code,
        "communities": [
            {
                "code": c.code,
                "name": c.name,
                "page_url": reverse("public:community", args=[code, c.code]),
            }
            for c in evidence.communities
        ],
        "population": evidence.population,
        "identified_as_poorer_outcomes": locality.has_poorer_outcomes,
        "markedly_poorer_on": [m.measure.code for m in evidence.poorer_measures],
        "measures": [
            {
                "measure": _measure(row.measure),
                "latest": _locality_value(row.latest),
                "trend": row.trend,
                "trend_label": row.trend_label,
                "markedly_poorer": row.poorer,
                "page_url": reverse(
                    "public:locality_measure", args=[code, locality.pk, row.measure.code]
                ),
                "api_url": reverse(
                    "api-v1:locality_measure", args=[code, locality.pk, row.measure.code]
                ),
            }
            for row in evidence.measures
        ],
        "plans": _dashboard(code, plans),
        "notes": [localities.POORER_NOTE],
        "page_url": reverse("public:locality", args=[code, locality.pk]),
    }


@router.get(
    "/partnerships/{code}/localities/{locality_id}/measures/{slug}",
    response={200: schemas.LocalityMeasureDetail, 404: schemas.Error},
    url_name="locality_measure",
)
def locality_measure(request, code: str, locality_id: int, slug: str):
    """One community measure for a locality, as on its public page: the locality's value
    in each period (``null`` with the ``method`` saying why when a community has none),
    with the partnership's and Scotland's, and its communities' values in the latest
    period."""
    partnership = _partnership(code)
    locality = _locality(partnership, locality_id)
    try:
        page = locality_pages.locality_measure_page(locality=locality, code=slug)
    except Measure.DoesNotExist as missing:
        raise HttpError(404, f"{slug!r} is not a measure reported for communities.") from missing
    row, measure = page.row, page.row.measure
    return {
        "locality": {
            "id": locality.pk,
            "name": locality.name,
            "api_url": reverse("api-v1:locality_detail", args=[code, locality.pk]),
        },
        "council_code": code,
        "measure": {
            **_measure(measure),
            "definition": measure.definition,
            "direction_label": measure.direction_label,
            "source": measure.source,
        },
        "latest": _locality_value(row.latest),
        "trend": row.trend,
        "trend_label": row.trend_label,
        "markedly_poorer": row.poorer,
        "values": [_locality_value(p) for p in row.points],
        "communities": [
            {
                k: c[k]
                for k in ("code", "name", "period", "value", "kind_label", "is_estimate", "source")
            }
            for c in page.communities
        ],
        "page_url": reverse("public:locality_measure", args=[code, locality.pk, measure.code]),
    }
