"""Shared helpers for Vega-Lite charts built with Altair."""

from __future__ import annotations

import altair as alt

DATASET = "values"
# Chart text at a readable size, in the Design System's text colour (contrast over 12:1).
_TEXT = {"labelFontSize": 13, "titleFontSize": 13, "labelColor": "#333333", "titleColor": "#333333"}
TEXT_CONFIG = {
    "axis": _TEXT,
    # Long labels are cut with an ellipsis rather than running off the chart.
    "legend": {**_TEXT, "labelLimit": 240},
    "title": {"fontSize": 16, "color": "#333333"},
    "font": "Roboto, Helvetica Neue, Arial, sans-serif",
}


def value_format(decimals: int) -> str:
    """The d3 format of a measure's values in a chart's tooltip: its decimal places, with
    thousands separators, as ``core.numbers.measure_value_text`` writes them on the page."""
    return f",.{decimals}f"


def key_legend() -> alt.Legend:
    """A chart's key of symbols under it, one entry a line: a single row of five entries
    is wider than a phone (390 px) and was clipped."""
    return alt.Legend(orient="bottom", direction="vertical")


def chart_data() -> alt.Data:
    """A placeholder for the chart's rows, filled in by ``spec_with_values``."""
    return alt.Data(name=DATASET)


def spec_with_values(chart: alt.TopLevelMixin, values: list[dict]) -> dict:
    """The chart's Vega-Lite specification with its rows attached as a named dataset.

    Altair walks every value it is given (every coordinate of a map), so the rows are
    attached after the specification is built instead of passed to Altair.
    """
    spec = chart.to_dict(validate=False)
    spec["datasets"] = {DATASET: values}
    spec["config"] = {**spec.get("config", {}), **TEXT_CONFIG}
    return spec
