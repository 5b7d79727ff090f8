"""The Place Standard compass: a radar chart of an exercise's 14 theme scores (and an
earlier exercise's, dashed, to compare) as a Vega-Lite specification built with Altair.

Vega-Lite has no polar line, so the points are placed here: theme i of n sits on a spoke
at angle 90° − 360°·i/n (the first at the top, the rest clockwise, as on the tool's
compass), at a distance from the centre equal to its score (0 to 7). Each exercise is a
closed polygon (its first point repeated at the end); rings mark the scores 1 to 7."""

from __future__ import annotations

import math

import altair as alt

from placeplan.core.charts import chart_data, key_legend, spec_with_values
from placeplan.engagement.models import PLACE_STANDARD_THEMES, SCORE_MAX

LABEL_RADIUS = 8.0
COLOURS = ["#0b3563", "#8a4b00"]  # latest, earlier: both over 4.5:1 on white


def _point(
    index: int, radius: float, count: int = len(PLACE_STANDARD_THEMES)
) -> tuple[float, float]:
    angle = math.pi / 2 - 2 * math.pi * index / count
    return round(radius * math.cos(angle), 4), round(radius * math.sin(angle), 4)


def compass_values(series: list[tuple[str, list]]) -> list[dict]:
    """The chart's rows: rings, spokes, labels and each series' closed polygon.
    ``series`` is [(name, [ThemeScore, ...] in the tool's order)]."""
    rows: list[dict] = []
    themes = len(PLACE_STANDARD_THEMES)
    for ring in range(1, SCORE_MAX + 1):
        for order, index in enumerate([*range(themes), 0]):
            x, y = _point(index, ring)
            rows.append({"part": "ring", "group": f"ring {ring}", "order": order, "x": x, "y": y})
    for index, (_key, label) in enumerate(PLACE_STANDARD_THEMES):
        for order, radius in enumerate((0, SCORE_MAX)):
            x, y = _point(index, radius)
            rows.append({"part": "spoke", "group": label, "order": order, "x": x, "y": y})
        x, y = _point(index, LABEL_RADIUS)
        align = "center" if abs(x) < 0.5 else ("left" if x > 0 else "right")
        rows.append({"part": f"label-{align}", "x": x, "y": y, "theme": label})
    for name, scores in series:
        points = [(i, s) for i, s in enumerate(scores) if s.mean is not None]
        for order, (index, score) in enumerate([*points, *points[:1]]):
            x, y = _point(index, score.mean)
            rows.append(
                {
                    "part": "series",
                    "group": name,
                    "series": name,
                    "order": order,
                    "x": x,
                    "y": y,
                    "theme": score.label,
                    "score": score.text,
                    "respondents": score.respondents,
                    "last": order == len(points),
                }
            )
    return rows


def compass_chart(*, series: list[tuple[str, list]], place: str) -> dict:
    """The radar chart of one or two exercises' scores (the first solid, the rest dashed)."""
    names = [name for name, _ in series]
    scale = {
        "x": alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-13, 13])),
        "y": alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[-9, 9])),
    }
    base = alt.Chart(chart_data()).encode(**scale)
    grid = (
        base.transform_filter("datum.part === 'ring' || datum.part === 'spoke'")
        .mark_line(color="#b3b3b3", strokeWidth=1)
        .encode(detail="group:N", order="order:Q")
    )
    series_filter = "datum.part === 'series'"
    colour = alt.Color(
        "series:N",
        title="Exercise",
        legend=key_legend(),
        scale=alt.Scale(domain=names, range=COLOURS[: len(names)]),
    )
    dash = alt.StrokeDash(
        "series:N",
        title="Exercise",
        legend=key_legend(),
        scale=alt.Scale(domain=names, range=[[1, 0], [6, 4]][: len(names)]),
    )
    lines = (
        base.transform_filter(series_filter)
        .mark_line(strokeWidth=2.5)
        .encode(detail="group:N", order="order:Q", color=colour, strokeDash=dash)
    )
    points = (
        base.transform_filter(series_filter + " && !datum.last")
        .mark_point(filled=True, size=50)
        .encode(
            color=alt.Color("series:N", scale=alt.Scale(domain=names, range=COLOURS), legend=None),
            tooltip=[
                alt.Tooltip("series:N", title="Exercise"),
                alt.Tooltip("theme:N", title="Theme"),
                alt.Tooltip("score:N", title="Score (1 to 7)"),
                alt.Tooltip("respondents:Q", title="Respondents"),
            ],
        )
    )
    labels = [
        base.transform_filter(f"datum.part === 'label-{align}'")
        .mark_text(align=align, baseline="middle", fontSize=12, color="#333333")
        .encode(text="theme:N")
        for align in ("left", "right", "center")
    ]
    chart = (
        alt.layer(grid, lines, points, *labels)
        .properties(
            width="container",
            height=420,
            description=f"Place Standard scores for {place} on the 14 themes, from 1 at the "
            "centre to 7 at the edge (1 = a lot of room for improvement, 7 = very little). "
            "The table gives the scores.",
        )
        .configure_view(stroke=None)
    )
    return spec_with_values(chart, compass_values(series))


def result_chart(result) -> dict:
    """The chart of a ``selectors.PlaceStandardResult``: the exercise, and the earlier one."""
    series = [(series_name(result.exercise, latest=True), [r.latest for r in result.rows])]
    if result.earlier is not None:
        series.append(
            (
                series_name(result.earlier, latest=False),
                [r.earlier for r in result.rows if r.earlier is not None],
            )
        )
    return compass_chart(series=series, place=result.place_name)


def series_name(exercise, *, latest: bool) -> str:
    return f"{exercise.activity.ends_on:%B %Y}{'' if latest else ' (earlier)'}"
