"""Charts of measures over time as Vega-Lite specifications (built with Altair)."""

from __future__ import annotations

import altair as alt

from placeplan.core.charts import chart_data, key_legend, spec_with_values, value_format
from placeplan.performance.selectors import MeasureSeries, NationalComparison

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
    "(chosen)" in its label, so it is not marked by colour alone."""
    values = [
        {
            "label": row["name"] + (" (chosen)" if row["code"] == highlight else ""),
            "value": row["value"],
            "rank": row["rank"],
            "which": "Chosen area" if row["code"] == highlight else "Other areas",
            "kind_label": row["kind_label"],
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
                    domain=["Other areas", "Chosen area"], range=["#0b3563", "#8a4b00"]
                ),
            ),
            tooltip=[
                alt.Tooltip("label:N", title="Area"),
                alt.Tooltip("rank:Q", title="Rank"),
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
