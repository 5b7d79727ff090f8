"""Reads of the evidence base, and the area and community profiles built on it.

The public pages, the workspace and the API all read these, so each figure is computed
in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, Sum

from placeplan.performance import analysis
from placeplan.performance.inequality import income_units
from placeplan.performance.models import (
    ESTIMATE_KINDS,
    ApiToken,
    Measure,
    Observation,
    ValueKind,
)
from placeplan.performance.services import (
    simd_measure_code,
    simd_period_label,
)
from placeplan.places import selectors as places
from placeplan.places.models import Area, TypologyGroup

POPULATION_MEASURE = simd_measure_code("Total_population")
POPULATION_EDITION = 2020


def area_population(*, area: Area, edition: int = POPULATION_EDITION) -> int | None:
    """People living in a council area or community: the sum of its data zones' SIMD
    population base for that edition (None when no data zone has a value)."""
    zone_filter = (
        Q(area__council_area=area)
        if area.level == Area.Level.COUNCIL_AREA
        else Q(area__intermediate_zone=area)
    )
    total = Observation.objects.filter(
        zone_filter,
        area__level=Area.Level.DATA_ZONE,
        measure__code=POPULATION_MEASURE,
        period__label=simd_period_label(edition),
    ).aggregate(total=Sum("value"))["total"]
    return None if total is None else round(total)


def data_zone_populations(*, parent: Area, edition: int = POPULATION_EDITION) -> dict[str, int]:
    """Population of each data zone of a council area or community, by code."""
    zone_filter = (
        Q(area__council_area=parent)
        if parent.level == Area.Level.COUNCIL_AREA
        else Q(area__intermediate_zone=parent)
    )
    rows = Observation.objects.filter(
        zone_filter,
        measure__code=POPULATION_MEASURE,
        period__label=simd_period_label(edition),
    ).values_list("area__code", "value")
    return {code: round(value) for code, value in rows}


@dataclass
class AreaProfile:
    """What the public area page and ``GET /api/v1/areas/{code}`` show."""

    area: Area
    population: int | None
    population_source: str
    data_zones: int
    intermediate_zones: int
    simd: dict[int, places.SimdHeadline]
    zones: list[dict] = field(default_factory=list)
    quintiles: list[dict] = field(default_factory=list)
    communities: list[Area] = field(default_factory=list)


def area_profile(*, code: str) -> AreaProfile:
    """The profile of a council area (raises ``Area.DoesNotExist`` for unknown codes)."""
    area = places.council_area_get(code=code)
    counts = places.area_zone_counts(area=area)
    zones = places.data_zone_simd(parent=area, edition=2020)
    return AreaProfile(
        area=area,
        population=area_population(area=area),
        population_source=population_source(),
        data_zones=counts["data_zones"],
        intermediate_zones=counts["intermediate_zones"],
        simd=places.simd_headline(area=area),
        zones=zones,
        quintiles=places.quintile_counts(zones),
        communities=list(places.communities_of(area=area)),
    )


@dataclass
class CommunityDeprivation:
    """A community and the share of its people income deprived (SIMD 2020), or None
    where the figure is not loaded."""

    community: Area
    share: float | None


def communities_by_deprivation(*, area: Area) -> list[CommunityDeprivation]:
    """The council area's communities, most deprived first: by the share of their people
    income deprived (SIMD 2020), the measure the inequality analysis puts communities in
    fifths by (``inequality.community_people``); those without the figure last. Ties and
    the last are in name order."""
    people = income_units(council_ids=[area.pk])[area.pk]
    rows = []
    for community in places.communities_of(area=area):
        _, population, deprived = people.get(community.pk, ("", 0.0, 0.0))
        rows.append(CommunityDeprivation(community, deprived / population if population else None))
    return sorted(rows, key=lambda r: (r.share is None, -(r.share or 0.0), r.community.name))


def population_source() -> str:
    return f"Sum of data zone populations, SIMD {POPULATION_EDITION} population base"


@dataclass
class MeasureSeries:
    """One measure's values over time for one area, each marked measured or estimate."""

    measure: Measure
    points: list[dict]

    @property
    def has_estimates(self) -> bool:
        return any(point["is_estimate"] for point in self.points)


def area_series(*, area: Area, collection: str = Measure.Collection.CPOP) -> list[MeasureSeries]:
    """Every measure of a collection with values for the area, as ordered time series."""
    observations = (
        Observation.objects.filter(area=area, measure__collection=collection)
        .select_related("measure", "period")
        .order_by("measure__name", "period__start")
    )
    series: dict[int, MeasureSeries] = {}
    for obs in observations:
        entry = series.setdefault(obs.measure_id, MeasureSeries(measure=obs.measure, points=[]))
        entry.points.append(
            {
                "period": obs.period.label,
                "value": obs.value,
                "kind": obs.kind,
                "kind_label": obs.get_kind_display(),
                "is_estimate": obs.kind in ESTIMATE_KINDS,
                "source": obs.source,
            }
        )
    return list(series.values())


@dataclass
class CommunityProfile:
    """What the public community page and its API twin show."""

    area: Area
    council_area: Area
    typology: TypologyGroup | None
    population: int | None
    population_source: str
    zones: list[dict]
    series: list[MeasureSeries]


def community_profile(*, council_code: str, code: str) -> CommunityProfile:
    """The profile of an intermediate zone (raises ``Area.DoesNotExist`` if unknown)."""
    area = places.community_get(council_code=council_code, code=code)
    zones = places.data_zone_simd(parent=area, edition=2020)
    populations = data_zone_populations(parent=area)
    for zone in zones:
        zone["population"] = populations.get(zone["code"])
    return CommunityProfile(
        area=area,
        council_area=area.council_area,
        typology=area.typology,
        population=area_population(area=area),
        population_source=population_source(),
        zones=sorted(zones, key=lambda z: z["code"]),
        series=area_series(area=area),
    )


# -- series, comparisons and localities (the evidence pages) -------------------------------


def measure_list(*, partnership=None):
    """The national measures, and the partnership's own local indicators when given."""
    query = Q(partnership__isnull=True)
    if partnership is not None:
        query |= Q(partnership=partnership)
    return Measure.objects.filter(query).order_by("collection", "name")


def measures_public():
    """Every measure: the national ones and every partnership's local indicators (all
    are open data: ``GET /api/v1/measures`` lists them), each with ``has_council_values``
    (whether any council area has a value: the national comparison can show it)."""
    council_values = Observation.objects.filter(
        measure=OuterRef("pk"), area__level=Area.Level.COUNCIL_AREA
    )
    return Measure.objects.select_related("partnership__council_area").annotate(
        has_council_values=Exists(council_values)
    )


def measure_get(*, code: str, partnership=None) -> Measure:
    """A national measure, or one of the partnership's local indicators, by code."""
    return measure_list(partnership=partnership).get(code=code)


def measure_points(*, measure: Measure, area: Area, start=None, end=None) -> list[dict]:
    """A measure's values for one area, oldest first, each with its period's dates and
    whether it is an estimate; optionally only periods ending from ``start`` to ``end``."""
    query = Observation.objects.filter(measure=measure, area=area).select_related("period")
    if start:
        query = query.filter(period__end__gte=start)
    if end:
        query = query.filter(period__end__lte=end)
    return [
        {
            "period": obs.period.label,
            "start": obs.period.start,
            "end": obs.period.end,
            "value": obs.value,
            "numerator": obs.numerator,
            "denominator": obs.denominator,
            "kind": obs.kind,
            "kind_label": obs.get_kind_display(),
            "is_estimate": obs.kind in ESTIMATE_KINDS,
            "source": obs.source,
        }
        for obs in query.order_by("period__start", "period__end")
    ]


@dataclass
class Comparison:
    """An area's value beside Scotland and a group of similar areas, for one period."""

    period: str
    scotland: float | None = None
    group_name: str = ""
    group_average: float | None = None
    group_size: int = 0


def comparison_get(*, measure: Measure, area: Area, period: str) -> Comparison:
    """Scotland's value and the plain mean of similar areas for the same period: for a
    council area, the other council areas of its CPOP family group by deprivation; for a
    community, the other communities of its CPOP typology group across Scotland. The area
    itself is never in its own comparison: with no other similar area holding a value
    (a partnership's own local measure) there is no group mean."""
    result = Comparison(period=period)
    values = Observation.objects.filter(measure=measure, period__label=period).order_by()
    scotland = values.filter(area__level=Area.Level.COUNTRY).values_list("value", flat=True)
    result.scotland = next(iter(scotland), None)
    group = None
    if area.level == Area.Level.COUNCIL_AREA and area.deprivation_family_group:
        group = values.filter(
            area__level=Area.Level.COUNCIL_AREA,
            area__deprivation_family_group=area.deprivation_family_group,
        )
        result.group_name = f"Family group {area.deprivation_family_group} (by deprivation)"
    elif area.level == Area.Level.INTERMEDIATE_ZONE and area.typology_id:
        group = values.filter(area__typology_id=area.typology_id)
        result.group_name = f"Similar communities: {area.typology}"
    if group is not None:
        numbers = list(group.exclude(area=area).values_list("value", flat=True))
        result.group_average = analysis.mean(numbers)
        result.group_size = len(numbers)
    return result


@dataclass
class NationalComparison:
    """Every council area's value of one national measure for one period, ranked, beside
    Scotland's."""

    measure: Measure
    period: str
    scotland: float | None
    #: How the ranks run: "highest first" or "lowest first" (rank 1 is the best).
    order: str
    areas: list[dict] = field(default_factory=list)
    #: The first period with council areas' values: each area's rate of improvement is
    #: worked out from it to ``period`` (None when ``period`` is the first).
    first_period: str | None = None


class NoComparison(LookupError):
    """The measure is not compared across the council areas, or has no values for the
    period; the message says which, in plain words."""


def comparison_measures() -> list[Measure]:
    """The national measures compared across the 32 council areas, by name."""
    return [
        measure
        for measure in Measure.objects.filter(partnership__isnull=True).order_by("name")
        if measure.is_compared_nationally
    ]


def comparison_periods(*, measure: Measure) -> list[str]:
    """The periods with council areas' values of ``measure``, oldest first."""
    return list(
        Observation.objects.filter(measure=measure, area__level=Area.Level.COUNCIL_AREA)
        .order_by("period__start", "period__end")
        .values_list("period__label", flat=True)
        .distinct()
    )


def comparison_latest_measured(*, measure: Measure) -> str | None:
    """The newest period in which the council areas have values and none is a projection:
    the period the comparison opens on (a projection is never shown as if measured)."""
    projected: dict[str, bool] = {}
    rows = (
        Observation.objects.filter(measure=measure, area__level=Area.Level.COUNCIL_AREA)
        .order_by("period__start", "period__end")
        .values_list("period__label", "kind")
    )
    for label, kind in rows:
        projected[label] = projected.get(label, False) or kind == ValueKind.PROJECTED
    return next((label for label in reversed(projected) if not projected[label]), None)


def comparison_over_time(*, measure: Measure, area: Area) -> list[dict]:
    """One council area's value of a national measure in every period, with its rank
    among the council areas with a value that period (1 the best, ``analysis.ranks``),
    how many were ranked, and Scotland's value; oldest first."""
    by_period: dict[str, dict] = {}
    rows = (
        Observation.objects.filter(
            measure=measure, area__level__in=[Area.Level.COUNCIL_AREA, Area.Level.COUNTRY]
        )
        .order_by("period__start", "period__end")
        .values_list("period__label", "area_id", "area__level", "value", "kind")
    )
    for label, area_id, level, value, kind in rows:
        entry = by_period.setdefault(label, {"councils": {}, "scotland": None})
        if level == Area.Level.COUNTRY:
            entry["scotland"] = value
        else:
            entry["councils"][area_id] = (value, kind)
    result = []
    for label, entry in by_period.items():
        ids = list(entry["councils"])
        ranked = analysis.ranks([entry["councils"][pk][0] for pk in ids], measure.higher_is_better)
        value, kind = entry["councils"].get(area.pk, (None, None))
        result.append(
            {
                "period": label,
                "value": value,
                "kind_label": ValueKind(kind).label if kind else "No value",
                "is_estimate": kind in ESTIMATE_KINDS,
                "rank": ranked[ids.index(area.pk)] if area.pk in entry["councils"] else None,
                "ranked": len(ids),
                "scotland": entry["scotland"],
            }
        )
    return result


def comparison_table(*, comparison: NationalComparison) -> tuple[str, list[str], list[list]]:
    """The comparison as a download: file name, header and rows (values unrounded)."""
    measure = comparison.measure
    since = comparison.first_period or "the first period"
    header = [
        "Rank",
        "Council area code",
        "Partnership area",
        "Value",
        "Kind",
        "Family group",
        f"Rate of improvement since {since} (%)",
        "Rank of the rate of improvement",
    ]
    rows = [
        [
            r["rank"],
            r["code"],
            r["name"],
            r["value"],
            r["kind_label"],
            r["family_group"],
            r["improvement_rate"],
            r["improvement_rank"],
        ]
        for r in comparison.areas
    ]
    rows.append([None, "S92000003", "Scotland", comparison.scotland, "", None, None, None])
    period = comparison.period.replace("/", "-")
    return f"{measure.code}-{period}-all-partnerships", header, rows


def national_comparison(*, measure: Measure, period: str) -> NationalComparison:
    """All 32 council areas' values of a national measure for ``period`` beside
    Scotland's, with each area's deprivation family group and rank (1 the best, by the
    measure's direction; equal values share a rank; ``analysis.ranks``), and its rate of
    improvement from the first period to ``period`` (``analysis.improvement_rate``) with
    its rank (1 improved most). Every council
    area is listed, an area without a value last and without a rank; the others best
    first, then by name. Raises ``NoComparison`` for a partnership's local measure, one not
    measured for council areas, or a period with no council area's value."""
    if not measure.is_compared_nationally:
        raise NoComparison(f"{measure.name} is not compared across the 32 council areas.")
    values = {
        obs.area_id: obs
        for obs in Observation.objects.filter(
            measure=measure,
            period__label=period,
            area__level__in=[Area.Level.COUNCIL_AREA, Area.Level.COUNTRY],
        ).select_related("area")
    }
    if not any(obs.area.level == Area.Level.COUNCIL_AREA for obs in values.values()):
        raise NoComparison(f"There are no council area values of {measure.name} for {period!r}.")
    scotland = next(
        (obs.value for obs in values.values() if obs.area.level == Area.Level.COUNTRY), None
    )
    councils = list(places.council_area_list())
    observed = [values.get(area.pk) for area in councils]
    ranked = analysis.ranks(
        [obs.value if obs else None for obs in observed], measure.higher_is_better
    )
    first = next(iter(comparison_periods(measure=measure)), None)
    first = None if first == period else first
    before = dict(
        Observation.objects.filter(
            measure=measure, period__label=first, area__level=Area.Level.COUNCIL_AREA
        ).values_list("area_id", "value")
        if first
        else []
    )
    rates = [
        analysis.improvement_rate(
            before.get(area.pk), obs.value if obs else None, measure.higher_is_better
        )
        for area, obs in zip(councils, observed, strict=True)
    ]
    rate_ranks = analysis.ranks(rates, True)
    rows = [
        {
            "code": area.code,
            "name": area.name,
            "value": obs.value if obs else None,
            "kind": obs.kind if obs else None,
            "kind_label": obs.get_kind_display() if obs else "No value",
            "is_estimate": bool(obs) and obs.kind in ESTIMATE_KINDS,
            "family_group": area.deprivation_family_group,
            "rank": rank,
            "improvement_rate": rate,
            "improvement_rank": rate_rank,
        }
        for area, obs, rank, rate, rate_rank in zip(
            councils, observed, ranked, rates, rate_ranks, strict=True
        )
    ]
    rows.sort(key=lambda row: (row["rank"] is None, row["rank"] or 0, row["name"]))
    order = "lowest first" if measure.higher_is_better is False else "highest first"
    return NationalComparison(
        measure=measure,
        period=period,
        scotland=scotland,
        order=order,
        areas=rows,
        first_period=first,
    )


def community_values(*, measure: Measure, council_area: Area, period: str) -> list[dict]:
    """Each community of a council area with its value of the measure for a period."""
    rows = (
        Observation.objects.filter(
            measure=measure,
            period__label=period,
            area__council_area=council_area,
            area__level=Area.Level.INTERMEDIATE_ZONE,
        )
        .select_related("area")
        .order_by("area__name")
    )
    return [
        {
            "code": obs.area.code,
            "name": obs.area.name,
            "period": period,
            "value": obs.value,
            "kind_label": obs.get_kind_display(),
            "is_estimate": obs.kind in ESTIMATE_KINDS,
            "source": obs.source,
        }
        for obs in rows
    ]


def reporting_areas(*, partnership) -> list[Area]:
    """The areas a partnership reports values for: its council area, then its communities
    and data zones (an import template keeps those a measure is reported for)."""
    council = partnership.council_area
    parts = Area.objects.filter(
        council_area=council,
        level__in=[Area.Level.INTERMEDIATE_ZONE, Area.Level.DATA_ZONE],
    ).order_by("-level", "name")  # communities before data zones
    return [council, *parts]


def api_token_list(*, partnership):
    """The partnership's API tokens, newest first, with who made and revoked them."""
    return ApiToken.objects.filter(partner__partnership=partnership).select_related(
        "partner__organisation", "created_by", "revoked_by"
    )
