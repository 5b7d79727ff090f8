"""Evidence for localities and communities: each locality's values worked out from its
communities, how they compare with the partnership and Scotland, which localities have
markedly poorer outcomes, and the communities with the poorest outcomes "in the round".

Read by the public and staff locality pages and the places overview, so each figure is
computed here once (the rules are in ``performance.analysis``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from placeplan.performance import analysis
from placeplan.performance.models import ESTIMATE_KINDS, Measure, Observation, ValueKind
from placeplan.performance.selectors import POPULATION_EDITION, measure_list
from placeplan.performance.services import INCOME_DEPRIVATION_CODE, simd_period_label
from placeplan.places.models import Area

ESTIMATE_LABEL = "Estimate (population-weighted)"
POOREST_COUNT = 5
POORER_NOTE = (
    "A locality is markedly poorer on a measure when its latest value (not a projection) "
    "is worse than both the partnership's and Scotland's by more than 10% of their value: "
    "a stated threshold, not a test of statistical significance."
)
IN_THE_ROUND_NOTE = (
    "Poorest in the round: for each community measure, at its newest period that every "
    "community has (projections never used), each community's standardised score, turned "
    "so that higher is worse, summed over the measures."
)


def community_measures(*, partnership) -> list[Measure]:
    """The measures reported for communities (intermediate zones) that have a better
    direction: national CPOP measures and the partnership's own local indicators."""
    return [
        m
        for m in measure_list(partnership=partnership).exclude(
            collection=Measure.Collection.INCOME_DEPRIVATION
        )
        if Area.Level.INTERMEDIATE_ZONE in m.levels and m.higher_is_better is not None
    ]


def community_populations(*, council_area: Area) -> dict[int, float]:
    """People in each community of a council area (SIMD 2020 population base), by area id."""
    rows = Observation.objects.filter(
        measure__code=INCOME_DEPRIVATION_CODE,
        period__label=simd_period_label(POPULATION_EDITION),
        area__council_area=council_area,
        area__level=Area.Level.INTERMEDIATE_ZONE,
    ).values_list("area_id", "denominator")
    return {area_id: population or 0.0 for area_id, population in rows}


@dataclass
class CommunityValue:
    value: float
    numerator: float | None
    denominator: float | None
    kind: str


@dataclass
class _Values:
    """One measure's values for a council area: its communities', the council area's and
    Scotland's, by period label, with each period's end date."""

    communities: dict[str, dict[int, CommunityValue]] = field(default_factory=dict)
    council: dict[str, float] = field(default_factory=dict)
    scotland: dict[str, float] = field(default_factory=dict)
    ends: dict[str, object] = field(default_factory=dict)


def _measure_values(
    *, measures: list[Measure], council_area: Area, projections: bool = True
) -> dict[int, _Values]:
    """Every value of the measures for the council area's communities, the council area
    and Scotland, in one query (without projected values when ``projections`` is false:
    a period some of whose values are projected then lacks them)."""
    result: dict[int, _Values] = {m.pk: _Values() for m in measures}
    observations = Observation.objects.filter(measure__in=measures)
    if not projections:
        observations = observations.exclude(kind=ValueKind.PROJECTED)
    rows = observations.filter(
        area__in=Area.objects.filter(council_area=council_area, level="intermediate_zone")
    ).values_list(
        "measure_id",
        "area_id",
        "period__label",
        "period__end",
        "value",
        "numerator",
        "denominator",
        "kind",
    )
    for measure_id, area_id, label, end, value, numerator, denominator, kind in rows:
        values = result[measure_id]
        values.communities.setdefault(label, {})[area_id] = CommunityValue(
            value, numerator, denominator, kind
        )
        values.ends[label] = end
    wider = Observation.objects.filter(
        measure__in=measures, area__in=[council_area.pk, *_scotland_ids()]
    ).values_list("measure_id", "area__level", "period__label", "period__end", "value")
    for measure_id, level, label, end, value in wider:
        values = result[measure_id]
        target = values.council if level == Area.Level.COUNCIL_AREA else values.scotland
        target[label] = value
        values.ends.setdefault(label, end)
    return result


def _scotland_ids() -> list[int]:
    return list(Area.objects.filter(level=Area.Level.COUNTRY).values_list("pk", flat=True))


@dataclass
class LocalityPoint:
    """A locality's value for one period, combined from its communities."""

    period: str
    end: object
    value: float | None
    is_estimate: bool
    method: str
    is_projection: bool = False
    partnership: float | None = None
    scotland: float | None = None

    @property
    def kind_label(self) -> str:
        if self.is_projection:
            return "Estimate (projected)"
        return ESTIMATE_LABEL if self.is_estimate else "Measured"


def locality_point(
    *,
    label: str,
    end,
    community_ids: list[int],
    values: dict[int, CommunityValue],
    populations: dict[int, float],
) -> LocalityPoint:
    """A locality's value for a period from its communities (``analysis.combined_value``).

    No value when any of its communities has none. An estimate when it is a
    population-weighted mean, or when any community's value is itself an estimate; a
    projection when any community's value is projected.
    """
    parts = [values.get(pk) for pk in community_ids]
    if not community_ids or any(part is None for part in parts):
        return LocalityPoint(label, end, None, False, "Some of its communities have no value")
    combined = analysis.combined_value(
        [
            (part.value, part.numerator, part.denominator, populations.get(pk, 0.0))
            for pk, part in zip(community_ids, parts, strict=True)
        ]
    )
    kinds = {part.kind for part in parts}
    return LocalityPoint(
        label,
        end,
        combined.value,
        combined.is_estimate or bool(kinds & ESTIMATE_KINDS),
        combined.method,
        is_projection=ValueKind.PROJECTED in kinds,
    )


@dataclass
class LocalityMeasure:
    """One measure for a locality: its values over time and where the latest stands."""

    measure: Measure
    points: list[LocalityPoint]
    trend: str = analysis.NOT_ENOUGH_DATA
    poorer: bool = False

    @property
    def latest(self) -> LocalityPoint | None:
        """The newest value that is not a projection."""
        measured = [p for p in self.points if p.value is not None and not p.is_projection]
        return measured[-1] if measured else None

    @property
    def trend_label(self) -> str:
        return analysis.TREND_LABELS[self.trend]

    @property
    def series_points(self) -> list[dict]:
        """The values as chart points (``performance.charts.series_chart``)."""
        return [
            {
                "period": p.period,
                "value": p.value,
                "kind": "projected" if p.is_projection else "estimate",
                "kind_label": p.kind_label,
                "is_estimate": p.is_estimate or p.is_projection,
            }
            for p in self.points
            if p.value is not None
        ]


def _locality_measure(measure, values: _Values, community_ids, populations) -> LocalityMeasure:
    points = []
    for label in sorted(values.communities, key=lambda lb: (values.ends[lb], lb)):
        point = locality_point(
            label=label,
            end=values.ends[label],
            community_ids=community_ids,
            values=values.communities[label],
            populations=populations,
        )
        point.partnership = values.council.get(label)
        point.scotland = values.scotland.get(label)
        points.append(point)
    result = LocalityMeasure(measure=measure, points=points)
    measured = [p.value for p in points if p.value is not None and not p.is_projection]
    result.trend = analysis.trend(measured, measure.higher_is_better)
    latest = result.latest
    if latest:
        result.poorer = analysis.markedly_poorer(
            latest.value,
            comparators=[latest.partnership, latest.scotland],
            higher_is_better=measure.higher_is_better,
        )
    return result


@dataclass
class LocalityEvidence:
    """Everything the locality evidence page shows about its communities' measures."""

    locality: object
    communities: list[Area]
    population: float
    measures: list[LocalityMeasure]

    @property
    def poorer_measures(self) -> list[LocalityMeasure]:
        return [m for m in self.measures if m.poorer]


def locality_evidence(*, locality, measures: list[Measure] | None = None) -> LocalityEvidence:
    """A locality's value of every community measure over time, with its trend, the
    partnership's and Scotland's values, and whether it is markedly poorer than both."""
    partnership = locality.partnership
    council = partnership.council_area
    measures = measures or community_measures(partnership=partnership)
    communities = list(locality.communities.order_by("name"))
    ids = [c.pk for c in communities]
    populations = community_populations(council_area=council)
    values = _measure_values(measures=measures, council_area=council)
    return LocalityEvidence(
        locality=locality,
        communities=communities,
        population=sum(populations.get(pk, 0.0) for pk in ids),
        measures=[_locality_measure(m, values[m.pk], ids, populations) for m in measures],
    )


def locality_measure_get(*, locality, code: str) -> LocalityMeasure:
    """One community measure for a locality (raises ``Measure.DoesNotExist``)."""
    measure = next(
        (m for m in community_measures(partnership=locality.partnership) if m.code == code), None
    )
    if measure is None:
        raise Measure.DoesNotExist(f"No community measure {code!r}.")
    return locality_evidence(locality=locality, measures=[measure]).measures[0]


# -- the partnership's places: poorer localities and the poorest communities --------------


@dataclass
class LocalitySummary:
    locality: object
    community_count: int
    population: float
    poorer_measures: list[LocalityMeasure]


@dataclass
class PoorCommunity:
    """A community among the poorest in the round, with its score and localities."""

    area: Area
    score: float
    rank: int
    localities: list[str]


@dataclass
class PlacesOverview:
    localities: list[LocalitySummary]
    poorest: list[PoorCommunity]
    measures_used: list[tuple[Measure, str]]
    ranked_count: int


def latest_common_period(values: _Values) -> str | None:
    """The newest period, not projected, in which every community with any value has
    one: the period "in the round" scores use for a measure."""
    everyone = set().union(*(set(v) for v in values.communities.values())) if values else set()
    candidates = [
        label
        for label, by_area in values.communities.items()
        if set(by_area) == everyone
        and not any(v.kind == ValueKind.PROJECTED for v in by_area.values())
    ]
    return max(candidates, key=lambda lb: (values.ends[lb], lb), default=None)


def places_overview(*, partnership) -> PlacesOverview:
    """For a partnership: each locality with the measures on which it is markedly poorer
    than both the partnership and Scotland, and the five communities with the poorest
    outcomes in the round (``analysis.poorest_in_the_round`` over every community measure,
    each at its latest period that every community has, projections never used)."""
    council = partnership.council_area
    measures = community_measures(partnership=partnership)
    populations = community_populations(council_area=council)
    values = _measure_values(measures=measures, council_area=council)
    localities = list(partnership.localities.prefetch_related("communities"))
    summaries = []
    for locality in localities:
        ids = sorted(c.pk for c in locality.communities.all())
        rows = [_locality_measure(m, values[m.pk], ids, populations) for m in measures]
        summaries.append(
            LocalitySummary(
                locality=locality,
                community_count=len(ids),
                population=sum(populations.get(pk, 0.0) for pk in ids),
                poorer_measures=[r for r in rows if r.poorer],
            )
        )
    ranking = _in_the_round(council_area=council, measures=measures, values=values)
    in_localities = defaultdict(list)
    for locality in localities:
        for community in locality.communities.all():
            in_localities[community.code].append(locality.name)
    poorest = [
        PoorCommunity(c.area, c.score, c.rank, in_localities.get(c.area.code, []))
        for c in ranking.ranked[:POOREST_COUNT]
    ]
    return PlacesOverview(summaries, poorest, ranking.measures_used, len(ranking.ranked))


@dataclass
class InTheRound:
    """A council area's communities ranked by outcomes in the round (rank 1 the poorest),
    the measures used with the period of each, and the values used:
    {measure id: {community id: value}}."""

    ranked: list[PoorCommunity]
    measures_used: list[tuple[Measure, str]]
    values: dict[int, dict[int, float]]


def _in_the_round(*, council_area: Area, measures: list[Measure], values) -> InTheRound:
    communities = {
        area.code: area
        for area in Area.objects.filter(
            council_area=council_area, level=Area.Level.INTERMEDIATE_ZONE
        ).select_related("typology")
    }
    codes = {area.pk: code for code, area in communities.items()}
    used, inputs, used_values = [], [], {}
    for measure in measures:
        label = latest_common_period(values[measure.pk])
        if label is None:
            continue
        by_area = values[measure.pk].communities[label]
        used.append((measure, label))
        used_values[measure.pk] = {pk: v.value for pk, v in by_area.items()}
        inputs.append((measure.higher_is_better, {codes[pk]: v.value for pk, v in by_area.items()}))
    ranked = analysis.poorest_in_the_round(inputs, count=len(communities))
    return InTheRound(
        ranked=[
            PoorCommunity(communities[code], score, rank, [])
            for rank, (code, score) in enumerate(ranked, start=1)
        ],
        measures_used=used,
        values=used_values,
    )


def communities_in_the_round(*, partnership) -> InTheRound:
    """Every community of the partnership's area ranked by its outcomes in the round, over
    the same measures and periods as ``places_overview``."""
    council = partnership.council_area
    measures = community_measures(partnership=partnership)
    # In the round never uses a projection (latest_common_period), so none is read.
    values = _measure_values(measures=measures, council_area=council, projections=False)
    return _in_the_round(council_area=council, measures=measures, values=values)
