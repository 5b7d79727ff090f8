"""Inequality in a partnership's area: values by deprivation quintile, gaps, SII, RII
and the Duncan index, for any measure reported for communities or data zones.

Reads the stored values and hands them to the pure functions in ``analysis``.

- Community (intermediate zone) measures are ranked by the share of people income
  deprived (SIMD 2020), in population-weighted quintiles of the partnership's
  communities.
- Data zone measures are ranked by SIMD rank of the same edition: national quintiles
  (the official ones) by default, or population-weighted quintiles within the partnership.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from placeplan.performance import analysis
from placeplan.performance.models import ESTIMATE_KINDS, Measure, Observation, Period, ValueKind
from placeplan.performance.services import (
    INCOME_DEPRIVATION_CODE,
    simd_measure_code,
    simd_period_label,
)
from placeplan.places.models import Area, SimdRank

INCOME = "income"
SIMD_NATIONAL = "national"
SIMD_LOCAL = "local"
BASIS_LABELS = {
    INCOME: "Communities in population-weighted fifths of the partnership by the share of "
    "people income deprived (SIMD 2020)",
    SIMD_NATIONAL: "Data zones in Scotland's SIMD quintiles",
    SIMD_LOCAL: "Data zones in population-weighted fifths of the partnership by SIMD rank",
}
POPULATION_CODE = simd_measure_code("Total_population")
INCOME_RATE_CODE = simd_measure_code("Income_rate")


@dataclass
class Inequality:
    """The inequality measures for one measure, area and period (None where they cannot
    be computed, with ``notes`` saying why)."""

    measure: Measure
    period: str
    basis: str | None
    quintiles: list[analysis.QuintileValue] = field(default_factory=list)
    absolute_gap: float | None = None
    relative_gap: float | None = None
    sii: float | None = None
    rii: float | None = None
    duncan_index: float | None = None
    has_estimates: bool = False
    # Some values of the period are projections: never shown as if measured.
    is_projection: bool = False
    units: list[analysis.Unit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def basis_label(self) -> str:
        return BASIS_LABELS.get(self.basis, "")

    @property
    def disadvantage_gap(self) -> float | None:
        return analysis.disadvantage_gap(self.absolute_gap, self.measure.higher_is_better)


def inequality_level(measure: Measure) -> str | None:
    """The finest level inequality is computed at for a measure, or None."""
    if Area.Level.INTERMEDIATE_ZONE in measure.levels:
        return Area.Level.INTERMEDIATE_ZONE
    if Area.Level.DATA_ZONE in measure.levels:
        return Area.Level.DATA_ZONE
    return None


def inequality_compute(
    *,
    measure: Measure,
    period: str,
    units: list[analysis.Unit],
    basis: str,
    estimates: bool,
    projection: bool = False,
) -> Inequality:
    """The measures for units already carrying value, population, deprivation and (for
    national quintiles) quintile."""
    result = Inequality(
        measure=measure,
        period=period,
        basis=basis,
        has_estimates=estimates or projection,
        is_projection=projection,
    )
    if basis == SIMD_LOCAL or any(u.quintile is None for u in units):
        units = analysis.local_quintiles(units)
    result.units = units
    if not any(u.value is not None for u in units):
        result.notes.append(f"No values for {period}.")
        return result
    result.quintiles = analysis.quintile_values(units)
    result.absolute_gap, result.relative_gap = analysis.gaps(result.quintiles)
    if result.absolute_gap is None:
        result.notes.append("The gaps need values in both the most and the least deprived fifth.")
    elif result.relative_gap is None:
        result.notes.append("The relative gap is not defined: the least deprived value is 0.")
    higher = measure.higher_is_better
    result.sii, result.rii = analysis.sii_rii(result.quintiles, higher)
    if result.sii is None:
        result.notes.append("SII and RII need values in at least two fifths.")
    elif result.rii is None:
        result.notes.append("The RII is not defined: the overall mean is 0.")
    result.duncan_index = analysis.duncan_index(units, higher)
    if result.duncan_index is None:
        result.notes.append(_duncan_note(units, higher))
    if higher is None:
        result.notes.append(
            "Neither direction is better for this measure: a positive SII means higher "
            "values where deprivation is greatest."
        )
    if projection:
        result.notes.append("The values for this period are projections, not measured.")
    elif estimates:
        result.notes.append("Some values for this period are estimates (imputed or projected).")
    return result


def _duncan_note(units, higher) -> str:
    if higher is None:
        return "The Duncan index needs a measure where one direction is better."
    missing = sum(1 for u in units if u.value is None)
    if units and missing / len(units) > analysis.DUNCAN_MAX_MISSING:
        return (
            f"The Duncan index is not given: {missing} of {len(units)} areas have no value "
            "(more than 20%)."
        )
    return "The Duncan index needs at least two areas with income-deprived people."


def indicator_inequality(
    *, council_area: Area, measure: Measure, period: str, basis: str | None = None
) -> Inequality:
    """The inequality measures for a partnership's area, a measure and a period label."""
    return inequality_series(
        council_area=council_area, measure=measure, periods=[period], basis=basis
    ).get(period) or Inequality(
        measure=measure,
        period=period,
        basis=basis,
        notes=[_no_level_note(measure) or f"No values for {period}."],
    )


def _no_level_note(measure: Measure) -> str | None:
    if inequality_level(measure) is None:
        return (
            f"“{measure.name}” is reported only for whole council areas, so it cannot be "
            "split by deprivation."
        )
    return None


def inequality_series(
    *, council_area: Area, measure: Measure, periods: list[str] | None = None, basis=None
) -> dict[str, Inequality]:
    """The inequality measures for each period with values (or the periods asked for),
    oldest first."""
    level = inequality_level(measure)
    if level is None:
        return {}
    values = _values(measure=measure, council_ids=[council_area.pk], level=level, periods=periods)
    if level == Area.Level.INTERMEDIATE_ZONE:
        people = community_people(income_units(council_ids=[council_area.pk])[council_area.pk])
        return {
            label: _community_inequality(measure, label, people, by_area)
            for label, by_area in values.get(council_area.pk, {}).items()
        }
    basis = basis if basis in (SIMD_NATIONAL, SIMD_LOCAL) else SIMD_NATIONAL
    return {
        label: _zone_inequality(measure, label, council_area, by_area, basis)
        for label, by_area in values.get(council_area.pk, {}).items()
    }


def community_people(people: dict) -> dict[int, analysis.Unit]:
    """Each community as a unit without a value, in its population-weighted fifth by the
    share of people income deprived. The fifths depend only on the people, so they are
    worked out once for every measure and period."""
    units = {
        area_id: analysis.Unit(
            code=code,
            value=None,
            population=population,
            deprivation=deprived / population if population else 0.0,
            deprived=deprived,
        )
        for area_id, (code, population, deprived) in people.items()
    }
    fifths = {u.code: u.quintile for u in analysis.local_quintiles(list(units.values()))}
    return {
        area_id: unit.with_changes(quintile=fifths[unit.code]) for area_id, unit in units.items()
    }


def _community_inequality(measure, label, people, by_area) -> Inequality:
    units = [
        unit.with_changes(value=by_area[area_id][0]) if area_id in by_area else unit
        for area_id, unit in people.items()
    ]
    estimates, projection = _kinds(by_area)
    return inequality_compute(
        measure=measure,
        period=label,
        units=units,
        basis=INCOME,
        estimates=estimates,
        projection=projection,
    )


def _kinds(by_area: dict) -> tuple[bool, bool]:
    """Whether a period's values include estimates, and whether any is a projection."""
    kinds = {kind for _, kind in by_area.values()}
    return bool(kinds & ESTIMATE_KINDS), ValueKind.PROJECTED in kinds


def _zone_inequality(measure, label, council_area, by_area, basis) -> Inequality:
    edition = 2016 if label == simd_period_label(2016) else 2020
    zones = zone_units(council_area=council_area, edition=edition)
    units = [
        analysis.Unit(
            code=code,
            value=by_area[area_id][0] if area_id in by_area else None,
            population=population,
            deprivation=-rank,
            deprived=deprived,
            quintile=quintile,
        )
        for area_id, (code, population, rank, quintile, deprived) in zones.items()
    ]
    estimates, projection = _kinds(by_area)
    return inequality_compute(
        measure=measure,
        period=label,
        units=units,
        basis=basis,
        estimates=estimates,
        projection=projection,
    )


def _values(*, measure, council_ids, level, periods=None) -> dict:
    """{council id: {period label: {area id: (value, kind)}}}, periods oldest first."""
    query = Observation.objects.filter(
        measure=measure, area__level=level, area__council_area_id__in=council_ids
    )
    if periods:
        query = query.filter(period__label__in=periods)
    # Plain columns only (no joins per row): areas and periods are looked up in memory.
    councils = dict(
        Area.objects.filter(level=level, council_area_id__in=council_ids).values_list(
            "pk", "council_area_id"
        )
    )
    periods = list(Period.objects.order_by("start", "end").values_list("pk", "label"))
    rows: dict = defaultdict(list)
    for area_id, period_id, value, kind in query.values_list(
        "area_id", "period_id", "value", "kind"
    ).iterator(chunk_size=20000):
        rows[period_id].append((area_id, value, kind))
    result: dict = defaultdict(dict)
    for period_id, label in periods:
        for area_id, value, kind in rows.get(period_id, ()):
            result[councils[area_id]].setdefault(label, {})[area_id] = (value, kind)
    return result


def income_units(*, council_ids: list[int]) -> dict[int, dict[int, tuple[str, float, float]]]:
    """Each community's (code, population, income-deprived people), SIMD 2020, by council."""
    result: dict = {council: {} for council in council_ids}
    rows = Observation.objects.filter(
        measure__code=INCOME_DEPRIVATION_CODE,
        period__label=simd_period_label(2020),
        area__council_area_id__in=council_ids,
    ).values_list("area__council_area_id", "area_id", "area__code", "denominator", "numerator")
    for council, area_id, code, population, deprived in rows:
        result[council][area_id] = (code, population or 0.0, deprived or 0.0)
    return result


def zone_units(*, council_area: Area, edition: int) -> dict[int, tuple]:
    """Each data zone's (code, population, SIMD rank, national quintile, income-deprived
    people) for an edition."""
    label = simd_period_label(edition)
    numbers: dict[int, dict[str, float | None]] = defaultdict(dict)
    rows = Observation.objects.filter(
        measure__code__in=[POPULATION_CODE, INCOME_RATE_CODE],
        period__label=label,
        area__council_area=council_area,
        area__level=Area.Level.DATA_ZONE,
    ).values_list("area_id", "measure__code", "value", "numerator")
    for area_id, code, value, numerator in rows:
        numbers[area_id][code] = value if code == POPULATION_CODE else numerator
    ranks = SimdRank.objects.filter(
        edition=edition, data_zone__council_area=council_area
    ).values_list("data_zone_id", "data_zone__code", "rank", "quintile")
    return {
        area_id: (
            code,
            numbers[area_id].get(POPULATION_CODE) or 0.0,
            rank,
            quintile,
            numbers[area_id].get(INCOME_RATE_CODE),
        )
        for area_id, code, rank, quintile in ranks
    }


def inequality_all(*, measures: list[Measure] | None = None) -> list[Inequality]:
    """The inequality measures for every partnership, every community measure and every
    period, read in a few queries (what the benchmark times)."""
    measures = measures or [
        m for m in Measure.objects.all() if inequality_level(m) == Area.Level.INTERMEDIATE_ZONE
    ]
    councils = list(Area.objects.filter(level=Area.Level.COUNCIL_AREA).values_list("pk", flat=True))
    people = {
        council: community_people(units)
        for council, units in income_units(council_ids=councils).items()
    }
    results = []
    for measure in measures:
        values = _values(measure=measure, council_ids=councils, level=Area.Level.INTERMEDIATE_ZONE)
        for council in councils:
            for label, by_area in values.get(council, {}).items():
                results.append(_community_inequality(measure, label, people[council], by_area))
    return results


def inequality_periods(*, measure: Measure, council_area: Area) -> list[str]:
    """The periods with values of a measure for the communities or data zones of a council
    area (the level inequality is computed at), oldest first."""
    level = inequality_level(measure)
    if level is None:
        return []
    return list(
        Period.objects.filter(
            observations__measure=measure,
            observations__area__council_area=council_area,
            observations__area__level=level,
        )
        .order_by("start", "end")
        .values_list("label", flat=True)
        .distinct()
    )


def inequality_default_period(*, measure: Measure, council_area: Area) -> str:
    """The period inequality is shown for when none is asked for: the newest with values
    none of which is a projection (a projection is never shown as if measured), or the
    newest of all when every period is projected ("" when there is none)."""
    level = inequality_level(measure)
    if level is None:
        return ""
    projected: dict[str, bool] = {}
    rows = (
        Observation.objects.filter(
            measure=measure, area__council_area=council_area, area__level=level
        )
        .order_by("period__start", "period__end")
        .values_list("period__label", "kind")
    )
    for label, kind in rows:
        projected[label] = projected.get(label, False) or kind == ValueKind.PROJECTED
    labels = list(projected)
    return next((lb for lb in reversed(labels) if not projected[lb]), labels[-1] if labels else "")
