"""Charts of measures over time as Vega-Lite specifications (built with Altair)."""

from __future__ import annotations

import altair as alt

from placeplan.core.charts import chart_data, spec_with_values
from placeplan.performance.selectors import MeasureSeries


def series_chart(*, series: MeasureSeries) -> dict:
    """A measure over time: measured values as a solid line with filled points; estimates
    (imputed or projected) as a dashed line with open points, named in the legend."""
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
            legend=alt.Legend(orient="bottom"),
            scale=alt.Scale(
                domain=["Measured", "Estimate (imputed)", "Estimate (projected)"],
                range=["circle", "square", "triangle-up"],
            ),
        ),
        color=alt.Color(
            "kind_label:N",
            title="Value",
            legend=alt.Legend(orient="bottom"),
            scale=alt.Scale(
                domain=["Measured", "Estimate (imputed)", "Estimate (projected)"],
                range=["#0b3563", "#8a4b00", "#5e5e5e"],
            ),
        ),
        tooltip=[
            alt.Tooltip("period:N", title="Year"),
            alt.Tooltip("value:Q", title=series.measure.unit, format=",.2f"),
            alt.Tooltip("kind_label:N", title="Value"),
        ],
    )
    chart = alt.layer(all_values, measured, points).properties(
        width="container",
        height=220,
        description=f"{series.measure.name} over time. The table below gives the values.",
    )
    return spec_with_values(chart, values)
