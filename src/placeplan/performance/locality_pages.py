"""What the places overview, locality and locality measure pages show: the figures from
``performance.localities``, their charts, and the tables behind them (also offered as
CSV and Excel downloads, so the page and the download always agree)."""

from __future__ import annotations

from dataclasses import dataclass

from placeplan.performance import localities
from placeplan.performance.charts import community_value_map, series_chart
from placeplan.performance.selectors import MeasureSeries, community_values
from placeplan.places.selectors import boundaries

LOCALITY_KINDS = ["Measured", localities.ESTIMATE_LABEL, "Estimate (projected)"]

PLACES_TABLES = ("localities", "poorest")
LOCALITY_TABLES = ("measures",)
LOCALITY_MEASURE_TABLES = ("series", "communities")


def _names(measures) -> str:
    return "; ".join(m.measure.name for m in measures)


def places_table(*, overview: localities.PlacesOverview, name: str):
    """A table of the places overview: ``localities`` or ``poorest``."""
    if name == "localities":
        header = [
            "locality",
            "communities",
            "population",
            "markedly_poorer_on",
            "identified_as_poorer_outcomes",
        ]
        return header, [
            [
                s.locality.name,
                s.community_count,
                s.population,
                _names(s.poorer_measures),
                s.locality.has_poorer_outcomes,
            ]
            for s in overview.localities
        ]
    if name == "poorest":
        header = ["rank", "community_code", "community", "score", "localities"]
        return header, [
            [c.rank, c.area.code, c.area.name, round(c.score, 4), "; ".join(c.localities)]
            for c in overview.poorest
        ]
    raise KeyError(name)


def locality_table(*, evidence: localities.LocalityEvidence, name: str):
    """The locality page's table of measures (latest values and comparisons)."""
    if name != "measures":
        raise KeyError(name)
    header = [
        "measure",
        "unit",
        "period",
        "value",
        "kind",
        "partnership",
        "scotland",
        "trend",
        "markedly_poorer",
    ]
    rows = []
    for row in evidence.measures:
        latest = row.latest
        rows.append(
            [
                row.measure.name,
                row.measure.unit,
                latest.period if latest else "",
                latest.value if latest else None,
                latest.kind_label if latest else "",
                latest.partnership if latest else None,
                latest.scotland if latest else None,
                row.trend_label,
                row.poorer,
            ]
        )
    return header, rows


@dataclass
class LocalityMeasurePage:
    """One measure for a locality: its series chart and the communities' latest values."""

    locality: object
    row: localities.LocalityMeasure
    chart: dict | None
    communities: list[dict]
    map: dict | None


def locality_measure_page(*, locality, code: str) -> LocalityMeasurePage:
    """The locality measure page (raises ``Measure.DoesNotExist`` for an unknown code)."""
    row = localities.locality_measure_get(locality=locality, code=code)
    measure = row.measure
    points = row.series_points
    chart = (
        series_chart(series=MeasureSeries(measure, points), kinds=LOCALITY_KINDS)
        if points
        else None
    )
    latest = row.latest
    communities, community_map = [], None
    if latest:
        codes = set(locality.communities.values_list("code", flat=True))
        communities = [
            c
            for c in community_values(
                measure=measure,
                council_area=locality.partnership.council_area,
                period=latest.period,
            )
            if c["code"] in codes
        ]
    if communities:
        community_map = community_value_map(
            communities=communities,
            geometries=boundaries(codes=[c["code"] for c in communities]),
            unit=measure.unit,
            higher_is_better=measure.higher_is_better,
            decimals=measure.shown_decimals,
        )
    return LocalityMeasurePage(locality, row, chart, communities, community_map)


def locality_measure_table(*, page: LocalityMeasurePage, name: str):
    """A table of the locality measure page: ``series`` or ``communities``."""
    if name == "series":
        header = ["period", "value", "kind", "method", "partnership", "scotland"]
        return header, [
            [p.period, p.value, p.kind_label, p.method, p.partnership, p.scotland]
            for p in page.row.points
        ]
    if name == "communities":
        header = ["community_code", "community", "period", "value", "kind", "source"]
        return header, [
            [c["code"], c["name"], c["period"], c["value"], c["kind_label"], c["source"]]
            for c in page.communities
        ]
    raise KeyError(name)
