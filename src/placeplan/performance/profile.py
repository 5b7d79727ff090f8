"""The outcomes profile of a partnership's area: every national measure over time against
Scotland and its family group, where it ranks among the 32 council areas and how fast it
has improved, its inequality between the most and least deprived communities, and its
communities ranked by outcomes in the round.

Every partnership has one, with or without a plan: it reads only the shipped evidence.
The public profile page and its API twin read ``outcomes_profile``; the rules of each
figure are in ``performance.analysis``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Sum

from placeplan.core.evidence_cache import evidence_version
from placeplan.performance import analysis
from placeplan.performance.inequality import Inequality, inequality_level, inequality_series
from placeplan.performance.localities import communities_in_the_round
from placeplan.performance.models import (
    ESTIMATE_KINDS,
    Measure,
    Observation,
    Period,
    ValueKind,
)
from placeplan.performance.selectors import comparison_measures
from placeplan.performance.services import INCOME_DEPRIVATION_CODE
from placeplan.places.models import Area

PROFILE_SECONDS = 3600
IMPROVEMENT_NOTE = (
    "Rate of improvement: the change from the first year with values to the latest year "
    "that is not a projection, in per cent of the first year's value, counted positive "
    "when the measure got better (so a fall in a measure where lower is better is a "
    "positive rate). Every area is worked out over the same two years, so the 32 can be "
    "ranked: 1 is the area that improved most."
)
LATEST_NOTE = (
    "Latest year: the newest year with values for the council areas that is not a "
    "projection. Projected years appear on the charts, marked as estimates, but are "
    "never used for ranks, rates of improvement or inequality."
)
SPINE_NOTE = (
    "Each row runs from the worst of the 32 council areas (left) to the best (right); the "
    "darker middle band holds the middle half of the areas (from the lower to the upper "
    "quartile), the line marks Scotland and the dot this area."
)


@dataclass
class ProfilePoint:
    """One year of a measure for the area, beside Scotland and its family group."""

    period: str
    value: float | None
    kind: str | None
    scotland: float | None
    family: float | None
    family_size: int

    @property
    def is_estimate(self) -> bool:
        return self.kind in ESTIMATE_KINDS

    @property
    def kind_label(self) -> str:
        return ValueKind(self.kind).label if self.kind else "No value"


@dataclass
class ProfileMeasure:
    """One national measure in the area's profile."""

    measure: Measure
    points: list[ProfilePoint]
    first_period: str | None
    latest_period: str | None
    latest: ProfilePoint | None = None
    rank: int | None = None
    ranked: int = 0
    improvement: float | None = None
    improvement_rank: int | None = None
    improvement_ranked: int = 0
    #: (worst, lower quartile, upper quartile, best) of the 32 at the latest year.
    spread: tuple[float, float, float, float] | None = None
    inequality_first: Inequality | None = None
    inequality_latest: Inequality | None = None

    @property
    def comparison_to_scotland(self) -> str:
        """ "Better than Scotland", "Worse than Scotland" or "Same as Scotland" at the
        latest year (to 4 decimals), or "" where it cannot be said."""
        return _against(self.latest.value if self.latest else None, self.latest_scotland, self)

    @property
    def comparison_to_family(self) -> str:
        value = self.latest.value if self.latest else None
        return _against(value, self.latest.family if self.latest else None, self)

    @property
    def latest_scotland(self) -> float | None:
        return self.latest.scotland if self.latest else None

    @property
    def gap_change(self) -> str | None:
        first, latest = self.inequality_first, self.inequality_latest
        if first is None or latest is None or first.period == latest.period:
            return None
        return analysis.gap_change(
            first.absolute_gap, latest.absolute_gap, self.measure.higher_is_better
        )

    @property
    def gap_label(self) -> str:
        return analysis.GAP_LABELS.get(self.gap_change, "")


def _against(value, other, row: ProfileMeasure) -> str:
    higher = row.measure.higher_is_better
    if value is None or other is None or higher is None:
        return ""
    value, other = round(value, 4), round(other, 4)
    if value == other:
        return "Same as"
    return "Better than" if (value > other) == higher else "Worse than"


@dataclass
class RankedCommunity:
    """A community ranked by its outcomes in the round (1 the poorest)."""

    area: Area
    rank: int
    score: float
    income_deprived: float | None
    worse_than_similar: int
    compared: int


@dataclass
class OutcomesProfile:
    area: Area
    family_group: int | None
    family_members: list[Area]
    measures: list[ProfileMeasure] = field(default_factory=list)
    communities: list[RankedCommunity] = field(default_factory=list)
    community_measures: list[tuple[Measure, str]] = field(default_factory=list)

    @property
    def inequality_measures(self) -> list[ProfileMeasure]:
        return [row for row in self.measures if row.inequality_latest is not None]


def _national_values(measures: list[Measure]) -> dict[int, dict[str, dict[int, tuple]]]:
    """Every council area's and Scotland's value of the measures, in one query:
    {measure id: {period label: {area id: (value, kind)}}}, periods oldest first."""
    areas = Area.objects.filter(level__in=[Area.Level.COUNCIL_AREA, Area.Level.COUNTRY])
    rows = Observation.objects.filter(
        measure__in=measures, area__in=list(areas.values_list("pk", flat=True))
    ).values_list("measure_id", "period_id", "area_id", "value", "kind")
    by_measure: dict[int, dict[int, dict[int, tuple]]] = {m.pk: {} for m in measures}
    for measure_id, period_id, area_id, value, kind in rows.order_by():
        by_measure[measure_id].setdefault(period_id, {})[area_id] = (value, kind)
    periods = Period.objects.filter(
        pk__in={pk for values in by_measure.values() for pk in values}
    ).order_by("start", "end")
    order = list(periods.values_list("pk", "label"))
    return {
        measure_id: {label: values[pk] for pk, label in order if pk in values}
        for measure_id, values in by_measure.items()
    }


def _profile_measure(measure, by_period, area, councils, scotland_ids, family_ids):
    """The area's row for one measure from every council area's values."""
    council_ids = [c.pk for c in councils]
    points = []
    for label, values in by_period.items():
        value, kind = values.get(area.pk, (None, None))
        family = [values[pk][0] for pk in family_ids if pk in values]
        scotland = next((values[pk][0] for pk in scotland_ids if pk in values), None)
        points.append(
            ProfilePoint(label, value, kind, scotland, analysis.mean(family), len(family))
        )
    with_councils = [
        label for label, values in by_period.items() if any(pk in values for pk in council_ids)
    ]
    measured = [
        label
        for label in with_councils
        if not any(
            by_period[label][pk][1] == ValueKind.PROJECTED
            for pk in council_ids
            if pk in by_period[label]
        )
    ]
    first = with_councils[0] if with_councils else None
    latest = measured[-1] if measured else None
    row = ProfileMeasure(measure, points, first, latest)
    if latest is None:
        return row
    row.latest = next(p for p in points if p.period == latest)
    latest_values = [by_period[latest].get(pk, (None, None))[0] for pk in council_ids]
    position = council_ids.index(area.pk)
    ranks = analysis.ranks(latest_values, measure.higher_is_better)
    row.rank, row.ranked = ranks[position], sum(v is not None for v in latest_values)
    present = [v for v in latest_values if v is not None]
    if measure.higher_is_better is not None and present:
        low, q1, q3, high = analysis.spread(present)
        row.spread = (low, q1, q3, high) if measure.higher_is_better else (high, q3, q1, low)
    first_values = [by_period[first].get(pk, (None, None))[0] for pk in council_ids]
    rates = [
        analysis.improvement_rate(before, after, measure.higher_is_better)
        for before, after in zip(first_values, latest_values, strict=True)
    ]
    if first != latest:
        row.improvement = rates[position]
        improvement_ranks = analysis.ranks(rates, True)
        row.improvement_rank = improvement_ranks[position]
        row.improvement_ranked = sum(r is not None for r in rates)
    return row


def _with_inequality(row: ProfileMeasure, area: Area) -> None:
    """The gaps between the most and least deprived communities in the first and latest
    years (never a projected one) for a measure reported for communities."""
    if inequality_level(row.measure) != Area.Level.INTERMEDIATE_ZONE or row.latest is None:
        return
    wanted = [p for p in (row.first_period, row.latest_period) if p]
    series = inequality_series(council_area=area, measure=row.measure, periods=wanted)
    row.inequality_first = series.get(row.first_period)
    row.inequality_latest = series.get(row.latest_period)


def _similar_means(measure: Measure, period: str) -> dict[int, tuple[float, int]]:
    """For each typology group, the sum and count of its communities' values (all of
    Scotland) for one measure and period."""
    rows = (
        Observation.objects.filter(
            measure=measure, period__label=period, area__level=Area.Level.INTERMEDIATE_ZONE
        )
        .values("area__typology_id")
        .annotate(total=Sum("value"), count=Count("id"))
        .order_by()
    )
    return {r["area__typology_id"]: (r["total"], r["count"]) for r in rows}


def _ranked_communities(*, partnership) -> tuple[list[RankedCommunity], list]:
    """The area's communities, poorest outcomes in the round first, each with the share
    of its people income deprived and on how many of the measures used it is worse than
    the mean of the other communities of its typology group across Scotland."""
    ranking = communities_in_the_round(partnership=partnership)
    if not ranking.ranked:
        return [], ranking.measures_used
    worse: dict[int, int] = defaultdict(int)
    compared: dict[int, int] = defaultdict(int)
    areas = [community.area for community in ranking.ranked]
    for measure, period in ranking.measures_used:
        if measure.partnership_id is not None:
            continue  # a local measure has no values for similar communities elsewhere
        sums = _similar_means(measure, period)
        own = ranking.values[measure.pk]
        for community in areas:
            value = own.get(community.pk)
            total, count = sums.get(community.typology_id, (None, 0))
            if value is None or count < 2:
                continue
            others = (total - value) / (count - 1)
            compared[community.pk] += 1
            if _against(value, others, ProfileMeasure(measure, [], None, None)) == "Worse than":
                worse[community.pk] += 1
    income = dict(
        Observation.objects.filter(
            measure__code=INCOME_DEPRIVATION_CODE,
            area__in=areas,
        )
        .order_by("period__start")
        .values_list("area_id", "value")
    )
    result = [
        RankedCommunity(
            area=c.area,
            rank=c.rank,
            score=c.score,
            income_deprived=income.get(c.area.pk),
            worse_than_similar=worse[c.area.pk],
            compared=compared[c.area.pk],
        )
        for c in ranking.ranked
    ]
    return result, ranking.measures_used


def outcomes_profile(*, partnership) -> OutcomesProfile:
    """The outcomes profile of the partnership's council area (see the module's text). It
    reads only public evidence, the same for everybody, so it is kept in the cache under
    the evidence version (which moves on whenever values are saved): a signed-in person's
    page, and the API, do not work it out again until the evidence changes."""
    key = f"placeplan:outcomes-profile:{evidence_version()}:{partnership.council_area_id}"
    profile = cache.get(key)
    if profile is None:
        profile = _outcomes_profile(partnership=partnership)
        cache.set(key, profile, PROFILE_SECONDS)
    return profile


def _outcomes_profile(*, partnership) -> OutcomesProfile:
    area = partnership.council_area
    councils = list(Area.objects.filter(level=Area.Level.COUNCIL_AREA).order_by("name", "code"))
    family = [
        c
        for c in councils
        if area.deprivation_family_group
        and c.deprivation_family_group == area.deprivation_family_group
        and c.pk != area.pk
    ]
    scotland_ids = list(Area.objects.filter(level=Area.Level.COUNTRY).values_list("pk", flat=True))
    measures = comparison_measures()
    values = _national_values(measures)
    profile = OutcomesProfile(
        area=area, family_group=area.deprivation_family_group, family_members=family
    )
    for measure in measures:
        row = _profile_measure(
            measure, values[measure.pk], area, councils, scotland_ids, [c.pk for c in family]
        )
        if not row.points or all(p.value is None for p in row.points):
            continue
        _with_inequality(row, area)
        profile.measures.append(row)
    profile.communities, profile.community_measures = _ranked_communities(partnership=partnership)
    return profile
