"""Version 1 of the API, evidence: measures, indicator series with status, inequality,
and partner systems' submission of observations (with an API token)."""

from __future__ import annotations

from django.conf import settings
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer

from placeplan.partnerships import selectors as partnerships
from placeplan.partnerships.models import Partnership
from placeplan.performance import imports, localities, services
from placeplan.performance import profile as profile_selectors
from placeplan.performance import selectors as evidence
from placeplan.performance.inequality import (
    indicator_inequality,
    inequality_default_period,
)
from placeplan.performance.models import ImportBatch, Measure
from placeplan.places.models import Area
from placeplan.plans import progress

router = Router(tags=["evidence"])


class MeasureOut(Schema):
    slug: str
    name: str
    unit: str
    higher_is_better: bool | None
    levels: list[str]
    collection: str
    official: bool
    partnership: str | None
    definition: str
    source: str


@router.get("/measures", response=list[MeasureOut], url_name="measure_list")
def measure_list(request):
    """Every measure: the official national ones (CPOP, SIMD; ``official`` true, changed
    only by the national load or a site administrator's correction) and partnerships'
    local indicators, each with its source."""
    return [
        {
            "slug": m.code,
            "name": m.name,
            "unit": m.unit,
            "higher_is_better": m.higher_is_better,
            "levels": m.levels,
            "collection": m.collection,
            "official": m.is_official,
            "partnership": m.partnership.council_area.code if m.partnership else None,
            "definition": m.definition,
            "source": m.source,
        }
        for m in Measure.objects.select_related("partnership__council_area").order_by("code")
    ]


class PointOut(Schema):
    period: str
    start: str
    end: str
    value: float
    numerator: float | None
    denominator: float | None
    kind: str
    is_estimate: bool
    source: str


class StatusOut(Schema):
    plan_id: int
    indicator_id: int
    status: str
    status_label: str
    expected: float | None
    target: float | None
    target_date: str | None
    trend: str
    gap_since_baseline: str | None


class SeriesOut(Schema):
    measure: str
    area: str
    area_name: str
    unit: str
    higher_is_better: bool | None
    points: list[PointOut]
    status: list[StatusOut]


class ErrorOut(Schema):
    detail: str


def _partnership(code: str) -> Partnership:
    try:
        return partnerships.partnership_get(council_code=code)
    except Partnership.DoesNotExist as missing:
        raise HttpError(404, f"No partnership has the council area code {code}.") from missing


def _measure(slug: str, partnership: Partnership) -> Measure:
    try:
        return evidence.measure_get(code=slug, partnership=partnership)
    except Measure.DoesNotExist as missing:
        raise HttpError(404, f"No measure has the slug {slug!r}.") from missing


def _period_bound(label: str | None, *, end: bool):
    if not label:
        return None
    parsed = imports.period_from_label(label)
    if parsed is None:
        raise HttpError(400, f"{label!r} is not a period: write 2019/20, 2019 or 2017-2019.")
    return parsed["end"] if end else parsed["start"]


@router.get(
    "/partnerships/{code}/indicators/{slug}",
    response={200: SeriesOut, 400: ErrorOut, 404: ErrorOut},
    url_name="indicator_series",
)
def indicator_series(request, code: str, slug: str, area: str = "", to: str = ""):
    """A measure's values for the partnership's council area (or ``area``: one of its
    communities or data zones), oldest first, each with its kind (raw, provisional,
    imputed, projected). ``from`` and ``to`` limit the periods (2019/20, 2019 or a
    rolling 2017-2019). ``status`` gives, for each published plan indicator of this
    measure and area, its status against target, trend and gap change."""
    partnership = _partnership(code)
    measure = _measure(slug, partnership)
    council = partnership.council_area
    place = council
    if area and area != council.code:
        place = Area.objects.filter(code=area, council_area=council).first()
        if place is None:
            raise HttpError(404, f"{area!r} is not an area in {council.name}.")
    start = _period_bound(request.GET.get("from"), end=False)
    finish = _period_bound(to, end=True)
    points = evidence.measure_points(measure=measure, area=place, start=start, end=finish)
    statuses = []
    for indicator in progress.public_indicators(
        partnership=partnership, measure=measure, area=place
    ):
        item = progress.indicator_progress(indicator=indicator)
        statuses.append(
            {
                "plan_id": indicator.outcome.plan_id,
                "indicator_id": indicator.pk,
                "status": item.status.code,
                "status_label": item.status.label,
                "expected": item.status.expected,
                "target": item.status.target.value if item.status.target else None,
                "target_date": item.status.target.when.isoformat() if item.status.target else None,
                "trend": item.trend,
                "gap_since_baseline": item.gap,
            }
        )
    return {
        "measure": measure.code,
        "area": place.code,
        "area_name": place.name,
        "unit": measure.unit,
        "higher_is_better": measure.higher_is_better,
        "points": [
            {
                **{
                    k: p[k]
                    for k in ("period", "value", "numerator", "denominator", "kind", "source")
                },
                "start": p["start"].isoformat(),
                "end": p["end"].isoformat(),
                "is_estimate": p["is_estimate"],
            }
            for p in points
        ],
        "status": statuses,
    }


class PoorerMeasureOut(Schema):
    measure: str
    period: str
    value: float
    is_estimate: bool
    partnership: float | None
    scotland: float | None


class LocalityOut(Schema):
    id: int
    name: str
    communities: list[str]
    population: float
    identified_as_poorer_outcomes: bool
    markedly_poorer_on: list[PoorerMeasureOut]


class PoorCommunityOut(Schema):
    rank: int
    code: str
    name: str
    score: float
    localities: list[str]


class MeasureUsedOut(Schema):
    measure: str
    period: str


class PlacesOut(Schema):
    localities: list[LocalityOut]
    poorest_communities: list[PoorCommunityOut]
    measures_used: list[MeasureUsedOut]
    communities_ranked: int
    notes: list[str]


@router.get(
    "/partnerships/{code}/places",
    response={200: PlacesOut, 404: ErrorOut},
    url_name="places",
)
def places(request, code: str):
    """The partnership's localities, each with the measures on which its latest value
    (worked out from its communities, a population-weighted estimate) is markedly poorer
    than both the partnership's and Scotland's, and the five communities with the poorest
    outcomes in the round (the sum of standardised scores over every community measure)."""
    partnership = _partnership(code)
    overview = localities.places_overview(partnership=partnership)
    return {
        "localities": [
            {
                "id": s.locality.pk,
                "name": s.locality.name,
                "communities": sorted(c.code for c in s.locality.communities.all()),
                "population": s.population,
                "identified_as_poorer_outcomes": s.locality.has_poorer_outcomes,
                "markedly_poorer_on": [
                    {
                        "measure": m.measure.code,
                        "period": m.latest.period,
                        "value": m.latest.value,
                        "is_estimate": m.latest.is_estimate,
                        "partnership": m.latest.partnership,
                        "scotland": m.latest.scotland,
                    }
                    for m in s.poorer_measures
                ],
            }
            for s in overview.localities
        ],
        "poorest_communities": [
            {
                "rank": c.rank,
                "code": c.area.code,
                "name": c.area.name,
                "score": c.score,
                "localities": c.localities,
            }
            for c in overview.poorest
        ],
        "measures_used": [
            {"measure": m.code, "period": period} for m, period in overview.measures_used
        ],
        "communities_ranked": overview.ranked_count,
        "notes": [localities.POORER_NOTE, localities.IN_THE_ROUND_NOTE],
    }


class QuintileOut(Schema):
    quintile: int
    population: float
    value: float | None


class InequalityOut(Schema):
    measure: str
    period: str | None
    basis: str | None
    quintiles: list[QuintileOut]
    absolute_gap: float | None
    relative_gap: float | None
    sii: float | None
    rii: float | None
    duncan_index: float | None
    includes_estimates: bool
    notes: list[str]


@router.get(
    "/partnerships/{code}/inequality",
    response={200: InequalityOut, 404: ErrorOut},
    url_name="inequality",
)
def inequality(request, code: str, measure: str, period: str = "", basis: str = ""):
    """The inequality measures for the partnership's area, a measure and a period label
    (when left out, the latest with values that is not a projection): the
    population-weighted value in each deprivation fifth (1 = most deprived), absolute
    and relative gap, slope and relative index of inequality and the Duncan index. A
    measure that cannot be computed is ``null``, and ``notes`` says why. ``basis`` =
    ``local`` puts data zones in fifths of the partnership's population instead of
    Scotland's SIMD quintiles."""
    partnership = _partnership(code)
    chosen = _measure(measure, partnership)
    council = partnership.council_area
    if not period:
        period = inequality_default_period(measure=chosen, council_area=council)
    result = indicator_inequality(
        council_area=council, measure=chosen, period=period, basis=basis or None
    )
    return {
        "measure": chosen.code,
        "period": period or None,
        "basis": result.basis,
        "quintiles": [
            {"quintile": q.quintile, "population": q.population, "value": q.value}
            for q in result.quintiles
        ],
        "absolute_gap": result.absolute_gap,
        "relative_gap": result.relative_gap,
        "sii": result.sii,
        "rii": result.rii,
        "duncan_index": result.duncan_index,
        "includes_estimates": result.has_estimates,
        "notes": result.notes,
    }


class ComparisonAreaOut(Schema):
    code: str
    name: str
    value: float | None
    kind: str | None
    is_estimate: bool
    family_group: int | None
    rank: int | None
    improvement_rate: float | None
    improvement_rank: int | None


class ComparisonOut(Schema):
    measure: str
    period: str
    first_period: str | None
    unit: str
    higher_is_better: bool | None
    order: str
    scotland: float | None
    areas: list[ComparisonAreaOut]


@router.get(
    "/comparison",
    response={200: ComparisonOut, 404: ErrorOut},
    url_name="comparison",
)
def comparison(request, measure: str, period: str):
    """All 32 council areas' values of a national measure for a period (a label such as
    ``2021/22``, as the measure's series give them), beside Scotland's value. Each area
    has its deprivation family group (CPOP) and its rank, 1 the best: ``order`` says
    whether the ranks run from the highest or the lowest value (by the measure's
    direction; from the highest when it has none). Equal values share a rank; an area
    without a value comes last with ``value`` and ``rank`` null. ``improvement_rate`` is
    the change from ``first_period`` to ``period`` in per cent of the first value,
    positive when the measure got better, and ``improvement_rank`` its rank (1 improved
    most); both null when ``period`` is the first. Values are as the source publishes
    them, unrounded; ``kind`` says which are estimates."""
    try:
        chosen = evidence.measure_get(code=measure)
        result = evidence.national_comparison(measure=chosen, period=period)
    except Measure.DoesNotExist as missing:
        raise HttpError(404, f"No national measure has the slug {measure!r}.") from missing
    except evidence.NoComparison as refusal:
        raise HttpError(404, str(refusal)) from refusal
    return {
        "measure": chosen.code,
        "period": result.period,
        "first_period": result.first_period,
        "unit": chosen.unit,
        "higher_is_better": chosen.higher_is_better,
        "order": result.order,
        "scotland": result.scotland,
        "areas": [
            {key: row[key] for key in ComparisonAreaOut.model_fields} for row in result.areas
        ],
    }


class ProfilePointOut(Schema):
    period: str
    value: float | None
    kind: str | None
    is_estimate: bool
    scotland: float | None
    family_group_mean: float | None
    family_group_areas: int


class ProfileInequalityOut(Schema):
    period: str
    most_deprived_fifth: float | None
    least_deprived_fifth: float | None
    absolute_gap: float | None
    duncan_index: float | None
    has_estimates: bool


class ProfileMeasureOut(Schema):
    measure: str
    name: str
    unit: str
    higher_is_better: bool | None
    first_period: str | None
    latest_period: str | None
    latest_value: float | None
    scotland: float | None
    family_group_mean: float | None
    against_scotland: str
    rank: int | None
    ranked: int
    improvement_rate: float | None
    improvement_rank: int | None
    improvement_ranked: int
    inequality_first: ProfileInequalityOut | None
    inequality_latest: ProfileInequalityOut | None
    gap_since_first: str | None
    points: list[ProfilePointOut]


class ProfileCommunityOut(Schema):
    code: str
    name: str
    rank: int
    score: float
    income_deprived: float | None
    worse_than_similar: int
    compared_with_similar: int


class ProfileOut(Schema):
    area: str
    name: str
    family_group: int | None
    family_group_areas: list[str]
    measures: list[ProfileMeasureOut]
    communities: list[ProfileCommunityOut]


def _inequality_out(inequality) -> dict | None:
    if inequality is None:
        return None
    fifths = inequality.quintiles
    return {
        "period": inequality.period,
        "most_deprived_fifth": fifths[0].value if fifths else None,
        "least_deprived_fifth": fifths[-1].value if fifths else None,
        "absolute_gap": inequality.absolute_gap,
        "duncan_index": inequality.duncan_index,
        "has_estimates": inequality.has_estimates,
    }


@router.get(
    "/areas/{code}/outcomes",
    response={200: ProfileOut, 404: ErrorOut},
    url_name="outcomes_profile",
)
def outcomes_profile(request, code: str):
    """A partnership area's outcomes profile (any of the 32, with or without a plan): each
    national measure over time beside Scotland and the plain mean of the other areas of
    its deprivation family group; its rank among the 32 in the latest year that is not a
    projection (1 the best); its rate of improvement since the first year, in per cent of
    the first year's value and positive when it got better, ranked (1 improved most);
    inequality between its most and least deprived fifths of communities; and its
    communities ranked by outcomes in the round (1 the poorest). Values unrounded."""
    profile = profile_selectors.outcomes_profile(partnership=_partnership(code))
    return {
        "area": profile.area.code,
        "name": profile.area.name,
        "family_group": profile.family_group,
        "family_group_areas": [a.code for a in profile.family_members],
        "measures": [
            {
                "measure": row.measure.code,
                "name": row.measure.name,
                "unit": row.measure.unit,
                "higher_is_better": row.measure.higher_is_better,
                "first_period": row.first_period,
                "latest_period": row.latest_period,
                "latest_value": row.latest.value if row.latest else None,
                "scotland": row.latest.scotland if row.latest else None,
                "family_group_mean": row.latest.family if row.latest else None,
                "against_scotland": row.comparison_to_scotland,
                "rank": row.rank,
                "ranked": row.ranked,
                "improvement_rate": row.improvement,
                "improvement_rank": row.improvement_rank,
                "improvement_ranked": row.improvement_ranked,
                "inequality_first": _inequality_out(row.inequality_first),
                "inequality_latest": _inequality_out(row.inequality_latest),
                "gap_since_first": row.gap_change,
                "points": [
                    {
                        "period": p.period,
                        "value": p.value,
                        "kind": p.kind,
                        "is_estimate": p.is_estimate,
                        "scotland": p.scotland,
                        "family_group_mean": p.family,
                        "family_group_areas": p.family_size,
                    }
                    for p in row.points
                ],
            }
            for row in profile.measures
        ],
        "communities": [
            {
                "code": c.area.code,
                "name": c.area.name,
                "rank": c.rank,
                "score": c.score,
                "income_deprived": c.income_deprived,
                "worse_than_similar": c.worse_than_similar,
                "compared_with_similar": c.compared,
            }
            for c in profile.communities
        ],
    }


class TokenAuth(HttpBearer):
    """A partner system's API token, made on the workspace's API tokens page. A token
    that is unknown, revoked, expired, or whose maker may no longer manage tokens is
    refused with 401 and the reason."""

    def authenticate(self, request, token):
        found, refusal = services.api_token_check(token)
        if found is None:
            raise HttpError(401, refusal)
        return found


class ObservationIn(Schema):
    measure: str
    area_code: str
    period: str
    value: float | str | None = None
    numerator: float | str | None = None
    denominator: float | str | None = None
    kind: str = ""
    source: str = ""


class SubmissionIn(Schema):
    rows: list[ObservationIn]


class RowErrorOut(Schema):
    row: int
    column: str
    message: str


class SubmissionOut(Schema):
    batch_id: int
    created: int
    updated: int
    unchanged: int


class SubmissionErrors(Schema):
    detail: str
    errors: list[RowErrorOut]


@router.post(
    "/observations",
    auth=TokenAuth(),
    response={201: SubmissionOut, 400: SubmissionErrors, 401: ErrorOut, 422: SubmissionErrors},
    url_name="observations_submit",
)
def observations_submit(request, payload: SubmissionIn):
    """Submit values from a partner's system with its API token (``Authorization: Bearer
    <token>``). The rows are checked like an uploaded file (row 1 is the first in
    ``rows``): when any has a problem nothing is saved and every problem is returned by
    row and column (422); otherwise every row is saved in one transaction (201).
    Submitting the same rows again changes nothing. Values of official (national)
    measures such as CPOP and SIMD are refused (422): send your partnership's own local
    measures. Every submission is recorded against the token in the audit history."""
    token = request.auth
    endpoint = f"{request.method} {request.path}"
    refusal = None
    if not payload.rows:
        refusal = "Send at least one row."
    elif len(payload.rows) > settings.IMPORT_MAX_ROWS:
        refusal = f"Send at most {settings.IMPORT_MAX_ROWS} rows at a time."
    if refusal:
        imports.token_use_record(
            token=token,
            endpoint=endpoint,
            rows_sent=len(payload.rows),
            outcome=f"Nothing saved: {refusal}",
        )
        return 400, {"detail": refusal, "errors": []}
    records = [{**row.dict(), "_row": number} for number, row in enumerate(payload.rows, 1)]
    batch = imports.token_records_save(token=token, records=records, endpoint=endpoint)
    if batch.status == ImportBatch.Status.HAS_ERRORS:
        return 422, {"detail": "Nothing was saved: correct these rows.", "errors": batch.errors}
    if batch.status != ImportBatch.Status.DONE:
        return 422, {"detail": batch.message, "errors": []}
    return 201, {"batch_id": batch.pk, **batch.summary}
