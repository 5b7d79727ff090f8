"""Charts of measures over time as Vega-Lite specifications (built with Altair)."""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING

import altair as alt

from placeplan.core.charts import (
    DATASET,
    chart_data,
    key_legend,
    spec_with_values,
    value_format,
)
from placeplan.performance.selectors import MeasureSeries, NationalComparison

if TYPE_CHECKING:
    from placeplan.performance.profile import OutcomesProfile, ProfileMeasure

SERIES_KINDS = ["Measured", "Estimate (imputed)", "Estimate (projected)"]


def series_chart(*, series: MeasureSeries, kinds: list[str] = SERIES_KINDS) -> dict:
    """A measure over time: measured values as a solid line with filled points; estimates
    (imputed or projected) as a dashed line with open points, named in the legend by
    ``kinds`` (three labels: measured, and two kinds of estimate)."""
    values = [dict(point, measured=not point["is_estimate"]) for point in series.points]
    base = alt.Chart(chart_data()).encode(
        x=alt.X("period:O", title="Year", sort=None),
        y=alt.Y("value:Q", title=series.measure.unit, scale=alt.Scale(zero=False)),
    )
    all_values = base.mark_line(strokeDash=[5, 4], color="#5e5e5e")
    measured = base.transform_filter("datum.measured").mark_line(color="#0b3563", strokeWidth=2)
    points = base.mark_point(size=60, filled=True).encode(
        shape=alt.Shape(
            "kind_label:N",
            title="Value",
            legend=key_legend(),
            scale=alt.Scale(
                domain=kinds,
                range=["circle", "square", "triangle-up"],
            ),
        ),
        color=alt.Color(
            "kind_label:N",
            title="Value",
            legend=key_legend(),
            scale=alt.Scale(
                domain=kinds,
                range=["#0b3563", "#8a4b00", "#5e5e5e"],
            ),
        ),
        tooltip=[
            alt.Tooltip("period:N", title="Year"),
            alt.Tooltip(
                "value:Q",
                title=series.measure.unit,
                format=value_format(series.measure.shown_decimals),
            ),
            alt.Tooltip("kind_label:N", title="Value"),
        ],
    )
    # A layer with no marks would be an unlabelled empty graphic: leave it out.
    layers = (
        [all_values, measured, points]
        if any(v["measured"] for v in values)
        else [
            all_values,
            points,
        ]
    )
    chart = alt.layer(*layers).properties(
        width="container",
        height=220,
        description=f"{series.measure.name} over time. The table below gives the values.",
    )
    return spec_with_values(chart, values)


def progress_chart(
    *, points: list[dict], plan_points: list[dict], unit: str, name: str, decimals: int = 2
) -> dict:
    """An indicator over time against its plan: values as in ``series_chart`` (estimates
    dashed, open symbols) plus the baseline, the trajectory to each target and the targets
    as a second, dotted line. ``plan_points`` are {"date", "value", "label"}."""
    values = [
        {
            "date": p["end"].isoformat(),
            "value": p["value"],
            "kind_label": p["kind_label"],
            "period": p["period"],
            "measured": not p["is_estimate"],
            "line": "Value",
        }
        for p in points
    ] + [
        {
            "date": p["date"].isoformat(),
            "value": p["value"],
            "kind_label": p["label"],
            "line": "Plan",
        }
        for p in plan_points
    ]
    base = alt.Chart(chart_data()).encode(
        x=alt.X("date:T", title="Period ending"),
        y=alt.Y("value:Q", title=unit, scale=alt.Scale(zero=False)),
    )
    values_line = base.transform_filter("datum.line == 'Value'").mark_line(
        strokeDash=[5, 4], color="#5e5e5e"
    )
    plan_line = base.transform_filter("datum.line == 'Plan'").mark_line(
        strokeDash=[2, 2], color="#8a4b00"
    )
    symbols = base.mark_point(size=60, filled=True).encode(
        shape=alt.Shape(
            "kind_label:N",
            title="Key",
            legend=key_legend(),
            scale=alt.Scale(
                domain=KEY, range=["circle", "square", "triangle-up", "diamond", "cross"]
            ),
        ),
        color=alt.Color(
            "kind_label:N",
            title="Key",
            legend=key_legend(),
            scale=alt.Scale(
                domain=KEY, range=["#0b3563", "#8a4b00", "#5e5e5e", "#00703c", "#d32205"]
            ),
        ),
        tooltip=[
            alt.Tooltip("date:T", title="Period ending"),
            alt.Tooltip("value:Q", title=unit, format=value_format(decimals)),
            alt.Tooltip("kind_label:N", title="Key"),
        ],
    )
    chart = alt.layer(values_line, plan_line, symbols).properties(
        width="container",
        height=260,
        description=f"{name} over time with the baseline and targets. The table below gives "
        "the values.",
    )
    return spec_with_values(chart, values)


KEY = ["Measured", "Estimate (imputed)", "Estimate (projected)", "Baseline", "Target"]


def quintile_chart(*, quintiles: list[dict], unit: str, period: str, decimals: int = 2) -> dict:
    """Bars of the value in each deprivation fifth, most deprived first."""
    chart = (
        alt.Chart(chart_data())
        .mark_bar(color="#0b3563")
        .encode(
            x=alt.X("label:N", title="Deprivation fifth", sort=None),
            y=alt.Y("value:Q", title=unit),
            tooltip=[
                alt.Tooltip("label:N", title="Fifth"),
                alt.Tooltip("value:Q", title=unit, format=value_format(decimals)),
                alt.Tooltip("population:Q", title="People", format=","),
            ],
        )
        .properties(
            width="container",
            height=220,
            description=f"Values by deprivation fifth in {period}, from most to least deprived. "
            "The table below gives the values.",
        )
    )
    return spec_with_values(chart, quintiles)


def community_value_map(
    *,
    communities: list[dict],
    geometries: dict[str, dict],
    unit: str,
    higher_is_better,
    decimals: int = 2,
) -> dict:
    """Communities shaded by their value (darker = worse), with a legend; the page gives
    the same values as a table."""
    from placeplan.places.charts import _features

    scheme = "blues" if higher_is_better is False else "greens"
    chart = (
        alt.Chart(chart_data())
        .mark_geoshape(stroke="#5e5e5e", strokeWidth=0.3)
        .encode(
            color=alt.Color(
                "properties.value:Q",
                title=unit,
                scale=alt.Scale(scheme=scheme, reverse=higher_is_better is True),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("properties.name:N", title="Community"),
                alt.Tooltip("properties.value:Q", title=unit, format=value_format(decimals)),
                alt.Tooltip("properties.kind_label:N", title="Value"),
            ],
        )
        .project(type="mercator")
        .properties(
            width="container",
            height=480,
            description="Map of the communities shaded by value, darker where outcomes are "
            "worse. The table below gives the same values.",
        )
    )
    return spec_with_values(chart, _features(communities, geometries))


def national_comparison_chart(*, comparison: NationalComparison, highlight: str = "") -> dict:
    """The 32 council areas' values as bars, best first (by rank), with Scotland's value as
    a line; the area whose code is ``highlight`` is drawn in another colour and named
    "(chosen)" in its label, and the other areas of its family group in a third colour
    and marked "(group N)", so neither is marked by colour alone."""
    chosen = next((row for row in comparison.areas if row["code"] == highlight), None)
    family = chosen["family_group"] if chosen else None

    def which(row) -> tuple[str, str]:
        if row["code"] == highlight:
            return "Chosen area", " (chosen)"
        if family is not None and row["family_group"] == family:
            return "Same family group", f" (group {family})"
        return "Other areas", ""

    values = [
        {
            "label": row["name"] + which(row)[1],
            "value": row["value"],
            "rank": row["rank"],
            "which": which(row)[0],
            "kind_label": row["kind_label"],
            "family_group": row["family_group"],
        }
        for row in comparison.areas
        if row["value"] is not None
    ]
    unit = comparison.measure.unit
    decimals = comparison.measure.shown_decimals
    bars = (
        alt.Chart(chart_data())
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, sort=alt.SortField("rank")),
            x=alt.X("value:Q", title=unit),
            color=alt.Color(
                "which:N",
                title=None,
                legend=key_legend(),
                scale=alt.Scale(
                    domain=["Other areas", "Same family group", "Chosen area"],
                    range=["#0b3563", "#5e7a99", "#8a4b00"],
                ),
            ),
            tooltip=[
                alt.Tooltip("label:N", title="Area"),
                alt.Tooltip("rank:Q", title="Rank"),
                alt.Tooltip("family_group:N", title="Family group"),
                alt.Tooltip("value:Q", title=unit, format=value_format(decimals)),
                alt.Tooltip("kind_label:N", title="Value"),
            ],
        )
    )
    layers = [bars]
    if comparison.scotland is not None:
        # One rule, from a row of its own (the bars' 32 rows would draw it 32 times).
        layers.append(
            alt.Chart(alt.Data(values=[{"scotland": comparison.scotland}]))
            .mark_rule(color="#333333", strokeDash=[4, 3], strokeWidth=2, aria=False)
            .encode(x="scotland:Q")
        )
    chart = alt.layer(*layers).properties(
        width="container",
        height=alt.Step(16),
        description=(
            f"{comparison.measure.name} in {comparison.period}: the 32 partnership areas "
            f"ranked, {comparison.order}, with Scotland's value as a dashed line. The table "
            "below gives the values."
        ),
    )
    return spec_with_values(chart, values)


PROFILE_STYLES = ["#0b3563", "#333333", "#8a4b00"]


def profile_chart(*, row: ProfileMeasure, area_name: str, family_label: str) -> dict:
    """A measure over time for the area, Scotland and the mean of its family group: three
    lines told apart by colour and by dash (solid, long dashes, dots), named in the key
    below the chart (one entry a line, so it wraps at phone width); the area's values
    are points, filled when measured and open when an estimate."""
    names = [area_name, "Scotland", family_label]
    values = []
    for point in row.points:
        for name, value in zip(names, (point.value, point.scotland, point.family), strict=True):
            if value is None:
                continue
            values.append(
                {
                    "period": point.period,
                    "series": name,
                    "value": value,
                    "kind_label": point.kind_label if name == area_name else "",
                    "estimate": name == area_name and point.is_estimate,
                }
            )
    spec = json.loads(_profile_spec(row.measure.unit, row.measure.shown_decimals, tuple(names)))
    spec["description"] = (
        f"{row.measure.name} over time for {area_name}, Scotland and {family_label}. "
        "The table below gives the values."
    )
    spec["datasets"][DATASET] = values
    return spec


@functools.lru_cache(maxsize=128)
def _profile_spec(unit: str, decimals: int, names: tuple[str, str, str]) -> str:
    """The profile chart's specification without its rows or description, as JSON: the
    same for every measure with this unit, decimals and names, so it is built by Altair
    once per process (building one takes tens of milliseconds; a profile has 20)."""
    area_name = names[0]
    base = alt.Chart(chart_data()).encode(
        x=alt.X("period:O", title="Year", sort=None),
        y=alt.Y("value:Q", title=unit, scale=alt.Scale(zero=False)),
    )
    # Symbols long enough (about 22 px) to show each line's dashes: at the default size
    # (10 px) Scotland's long dashes and the family group's dots looked alike in the key.
    legend = alt.Legend(
        orient="bottom",
        direction="vertical",
        title=None,
        labelLimit=320,
        symbolSize=500,
        symbolStrokeWidth=2,
    )
    lines = base.mark_line(strokeWidth=2).encode(
        color=alt.Color(
            "series:N", scale=alt.Scale(domain=list(names), range=PROFILE_STYLES), legend=legend
        ),
        strokeDash=alt.StrokeDash(
            "series:N",
            scale=alt.Scale(domain=list(names), range=[[1, 0], [6, 4], [2, 3]]),
            legend=legend,
        ),
    )
    points = (
        base.transform_filter(alt.datum.series == area_name)
        .mark_point(size=50, color=PROFILE_STYLES[0])
        .encode(
            fill=alt.condition(
                "datum.estimate", alt.value("#ffffff"), alt.value(PROFILE_STYLES[0])
            ),
            tooltip=[
                alt.Tooltip("period:N", title="Year"),
                alt.Tooltip("value:Q", title=unit, format=value_format(decimals)),
                alt.Tooltip("kind_label:N", title="Value"),
            ],
        )
    )
    chart = alt.layer(lines, points).properties(width="container", height=200)
    return json.dumps(spec_with_values(chart, []))


def spine_chart(*, profile: OutcomesProfile) -> dict:
    """Every measure as a row from the worst of the 32 council areas (0, left) to the best
    (100, right): the middle half of the areas as a darker band, Scotland as a line and
    the area as a dot, each placed at (value − worst) / (best − worst) × 100."""
    values = []
    for row in profile.measures:
        if row.spread is None or row.latest is None or row.latest.value is None:
            continue
        worst, lower, upper, best = row.spread
        span = best - worst

        def place(value, worst=worst, span=span):
            return None if value is None else (50.0 if span == 0 else (value - worst) / span * 100)

        values.append(
            {
                "measure": row.measure.name,
                "low": 0.0,
                "high": 100.0,
                "q_low": min(place(lower), place(upper)),
                "q_high": max(place(lower), place(upper)),
                "area": place(row.latest.value),
                "scotland": place(row.latest.scotland),
                "rank": f"{row.rank} of {row.ranked}" if row.rank else "not ranked",
                "period": row.latest_period,
            }
        )
    spec = json.loads(_spine_spec())
    spec["description"] = (
        f"{profile.area.name} against the range of the 32 council areas on every "
        "measure, worst on the left and best on the right. The table above gives "
        "each value and rank."
    )
    spec["datasets"][DATASET] = values
    return spec


@functools.lru_cache(maxsize=1)
def _spine_spec() -> str:
    """The spine chart's specification without its rows or description, as JSON: the same
    for every area, so built by Altair once per process."""
    y = alt.Y("measure:N", title=None, sort=None, axis=alt.Axis(labelLimit=260))
    base = alt.Chart(chart_data())
    scale = alt.Scale(domain=[0, 100])
    axis = alt.Axis(values=[0, 100], labelExpr="datum.value == 0 ? 'Worst' : 'Best'")
    full = base.mark_bar(color="#d9dde3", height=14, aria=False).encode(
        y=y, x=alt.X("low:Q", scale=scale, axis=axis, title=None), x2="high:Q"
    )
    middle = base.mark_bar(color="#8fa3b8", height=14, aria=False).encode(
        y=y, x="q_low:Q", x2="q_high:Q"
    )
    scotland = base.mark_tick(color="#333333", thickness=2, size=20, aria=False).encode(
        y=y, x="scotland:Q"
    )
    area = base.mark_point(filled=True, size=90, color="#0b3563", shape="circle").encode(
        y=y,
        x="area:Q",
        tooltip=[
            alt.Tooltip("measure:N", title="Measure"),
            alt.Tooltip("period:N", title="Year"),
            alt.Tooltip("rank:N", title="Rank of the 32"),
        ],
    )
    chart = alt.layer(full, middle, scotland, area).properties(
        width="container", height=alt.Step(24)
    )
    return json.dumps(spec_with_values(chart, []))
