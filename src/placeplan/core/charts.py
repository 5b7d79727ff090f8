"""Shared helpers for Vega-Lite charts built with Altair."""

from __future__ import annotations

import altair as alt

DATASET = "values"


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
    return spec
