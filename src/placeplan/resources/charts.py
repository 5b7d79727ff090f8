"""Charts of resources and prevention as Vega-Lite specifications (built with Altair): a
year's resources by outcome, and the shift to prevention against the trajectory. Each
draws figures a selector has already worked out (``selectors.year_tables`` or the staff
overview's cells, ``selectors.shift_rows``), so a chart never shows anything its table
below does not: public charts only the published figures, in which a line not for
publication is never on its own."""

from __future__ import annotations

import altair as alt

from placeplan.core.charts import chart_data, key_legend, spec_with_values

ALL = "All resources"
PREVENTATIVE = "Preventative"
SHARE = "Preventative share"
TRAJECTORY = "Trajectory to the targets"
INK = "#0b3563"
# The financial year an integer starts ("2026" → "2026/27"), for the shift's axis.
_YEAR_LABEL = "format(datum.value, 'd') + '/' + slice(format(datum.value + 1, 'd'), 2)"


def outcomes_chart(*, cells: list[dict], year: str) -> dict | None:
    """Two bars for each outcome (or commitment or locality) of the year: all its
    resources as an outlined bar and the preventative part as a solid one, so the two
    differ by fill as well as being named in the key. ``cells`` are the tables' cells,
    each with a ``label`` and a ``total`` (``figures.Total``); None for no cells."""
    if not cells:
        return None
    values = [
        {"outcome": cell["label"], "part": part, "amount": float(amount), "order": number}
        for number, cell in enumerate(cells)
        for part, amount in (
            (ALL, cell["total"].amount),
            (PREVENTATIVE, cell["total"].preventative),
        )
    ]
    chart = (
        alt.Chart(chart_data())
        .mark_bar(stroke=INK, strokeWidth=1.5)
        .encode(
            y=alt.Y(
                "outcome:N", title=None, sort=alt.SortField("order"), axis=alt.Axis(labelLimit=260)
            ),
            yOffset=alt.YOffset("part:N", sort=[ALL, PREVENTATIVE]),
            x=alt.X("amount:Q", title="Pounds", axis=alt.Axis(format="~s")),
            fill=alt.Fill(
                "part:N",
                title=None,
                legend=key_legend(),
                scale=alt.Scale(domain=[ALL, PREVENTATIVE], range=["#ffffff", INK]),
            ),
            tooltip=[
                alt.Tooltip("outcome:N", title="For"),
                alt.Tooltip("part:N", title="Part"),
                alt.Tooltip("amount:Q", title="Pounds", format=",.2f"),
            ],
        )
        .properties(
            width="container",
            height=alt.Step(18),
            description=f"Resources for {year} by outcome: for each, all its resources and "
            "the preventative part, in pounds. The table below gives the figures.",
        )
    )
    return spec_with_values(chart, values)


def shift_chart(*, rows: list[dict]) -> dict | None:
    """The preventative share year by year as a solid line with points, and the
    trajectory (from the first year's share to the targets) as a dashed line, both named
    in the key. ``rows`` are ``selectors.shift_rows``: the trajectory is drawn through
    its share in each year with a round and through each target. None without a share
    (nothing to draw but a plan)."""
    values = []
    for row in rows:
        if row["share"] is not None:
            values.append(
                {
                    "year": row["year"],
                    "label": row["label"],
                    "series": SHARE,
                    "share": float(row["share"]),
                }
            )
        planned = row["expected"] if row["expected"] is not None else row["target"]
        if planned is not None:
            values.append(
                {
                    "year": row["year"],
                    "label": row["label"],
                    "series": TRAJECTORY,
                    "share": float(planned),
                }
            )
    if not any(value["series"] == SHARE for value in values):
        return None
    legend = alt.Legend(
        orient="bottom", direction="vertical", title=None, symbolSize=500, symbolStrokeWidth=2
    )
    base = alt.Chart(chart_data()).encode(
        x=alt.X(
            "year:Q",
            title="Financial year",
            scale=alt.Scale(zero=False, nice=False),
            axis=alt.Axis(tickMinStep=1, labelExpr=_YEAR_LABEL),
        ),
        y=alt.Y("share:Q", title="Preventative share (%)", scale=alt.Scale(domain=[0, 100])),
    )
    lines = base.mark_line(strokeWidth=2).encode(
        color=alt.Color(
            "series:N",
            scale=alt.Scale(domain=[SHARE, TRAJECTORY], range=[INK, "#8a4b00"]),
            legend=legend,
        ),
        strokeDash=alt.StrokeDash(
            "series:N",
            scale=alt.Scale(domain=[SHARE, TRAJECTORY], range=[[1, 0], [6, 4]]),
            legend=legend,
        ),
    )
    points = (
        base.transform_filter(alt.datum.series == SHARE)
        .mark_point(size=60, filled=True, color=INK)
        .encode(
            tooltip=[
                alt.Tooltip("label:N", title="Year"),
                alt.Tooltip("share:Q", title="Preventative share (%)", format=".1f"),
            ]
        )
    )
    chart = alt.layer(lines, points).properties(
        width="container",
        height=240,
        description="The preventative share of the partnership's resources by year, with "
        "the trajectory to its targets as a dashed line. The table below gives the figures.",
    )
    return spec_with_values(chart, values)
