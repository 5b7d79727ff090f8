"""Progress of a plan's indicators: where each stands against its targets, whether it
is improving, how it compares, and whether the gap between the most and least deprived
is closing. Read by the outcomes dashboards (staff and public), the indicator pages and
the API, so each figure is computed here once (the rules are in ``performance.analysis``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from placeplan.core.parsing import parse_int
from placeplan.performance import analysis
from placeplan.performance import selectors as evidence
from placeplan.performance.charts import community_value_map, progress_chart, quintile_chart
from placeplan.performance.imports import period_from_label
from placeplan.performance.inequality import (
    Inequality,
    inequality_level,
    inequality_series,
)
from placeplan.performance.models import Period, ValueKind
from placeplan.places.models import Area
from placeplan.places.selectors import boundaries
from placeplan.plans import selectors as plans
from placeplan.plans.models import OutcomeIndicator, Plan


@dataclass
class IndicatorProgress:
    """Everything the dashboard row and the indicator page say about one plan indicator."""

    indicator: OutcomeIndicator
    points: list[dict]
    latest: dict | None
    status: analysis.Status
    trend: str
    comparison: evidence.Comparison | None = None
    gap: str | None = None
    gap_baseline: Inequality | None = None
    gap_latest: Inequality | None = None
    targets: list = field(default_factory=list)

    @property
    def trend_label(self) -> str:
        return analysis.TREND_LABELS[self.trend]

    @property
    def trend_arrow(self) -> str:
        """Which way the values have moved over the last three periods, as an arrow (up,
        down or level; none without enough data), for the trend's words beside it."""
        higher_is_better = self.indicator.measure.higher_is_better
        if self.trend in (analysis.IMPROVING, analysis.WORSENING):
            up = (self.trend == analysis.IMPROVING) == (higher_is_better is not False)
            return "↑" if up else "↓"
        return {analysis.RISING: "↑", analysis.FALLING: "↓", analysis.NO_CLEAR_CHANGE: "→"}.get(
            self.trend, ""
        )

    @property
    def gap_label(self) -> str:
        return analysis.GAP_LABELS.get(self.gap, "")

    @property
    def sparkline(self) -> dict | None:
        """Points of a small line drawing of the values (measured and estimates), in a
        100 × 24 box, for the dashboard; the row's cells carry the numbers."""
        values = [p["value"] for p in self.points]
        if len(values) < 2:
            return None
        low, high = min(values), max(values)
        span = (high - low) or 1.0
        step = 100 / (len(values) - 1)
        coords = [
            (round(i * step, 1), round(22 - (v - low) / span * 20, 1)) for i, v in enumerate(values)
        ]
        return {
            "points": " ".join(f"{x},{y}" for x, y in coords),
            "last": coords[-1],
            "first_period": self.points[0]["period"],
            "last_period": self.points[-1]["period"],
        }


def period_end(label: str) -> datetime.date | None:
    """The end date of a period label (stored, or read from the label)."""
    stored = Period.objects.filter(label=label).values_list("end", flat=True).first()
    if stored:
        return stored
    parsed = period_from_label(label)
    return parsed["end"] if parsed else None


def baseline_point(indicator: OutcomeIndicator) -> analysis.Point | None:
    """The indicator's baseline as a dated point (None without one)."""
    if indicator.baseline_value is None:
        return None
    if indicator.baseline_observation_id:
        when = indicator.baseline_observation.period.end
    else:
        when = period_end(indicator.baseline_period)
    if when is None:
        return None
    return analysis.Point(
        when,
        indicator.baseline_value,
        indicator.baseline_period,
        indicator.baseline_is_estimate,
    )


def indicator_progress(
    *, indicator: OutcomeIndicator, today: datetime.date | None = None
) -> IndicatorProgress:
    """Status against target, trend, comparisons and gap change for one plan indicator.

    Status and trend use measured values and imputed estimates, never projections: the
    latest value is the newest that is not projected.
    """
    today = today or timezone.localdate()
    measure, area = indicator.measure, indicator.area
    points = evidence.measure_points(measure=measure, area=area)
    measured = [p for p in points if p["kind"] != ValueKind.PROJECTED]
    latest = measured[-1] if measured else None
    targets = list(indicator.targets.all())
    baseline = baseline_point(indicator)
    status = analysis.target_status(
        baseline=baseline,
        targets=[analysis.Point(t.due, t.value) for t in targets],
        latest=(
            analysis.Point(latest["end"], latest["value"], latest["period"], latest["is_estimate"])
            if latest
            else None
        ),
        higher_is_better=measure.higher_is_better,
        today=today,
        tolerance=indicator.tolerance / 100,
    )
    progress = IndicatorProgress(
        indicator=indicator,
        points=points,
        latest=latest,
        status=status,
        trend=analysis.trend([p["value"] for p in measured], measure.higher_is_better),
        targets=targets,
    )
    if latest:
        progress.comparison = evidence.comparison_get(
            measure=measure, area=area, period=latest["period"]
        )
    if area.level == Area.Level.COUNCIL_AREA and inequality_level(measure) and latest:
        wanted = [indicator.baseline_period, latest["period"]]
        series = inequality_series(council_area=area, measure=measure, periods=wanted)
        progress.gap_baseline = series.get(indicator.baseline_period)
        progress.gap_latest = series.get(latest["period"])
        if progress.gap_baseline and progress.gap_latest and baseline:
            progress.gap = analysis.gap_change(
                progress.gap_baseline.absolute_gap,
                progress.gap_latest.absolute_gap,
                measure.higher_is_better,
            )
    return progress


@dataclass
class PlanProgress:
    plan: Plan
    rows: list[tuple[str, IndicatorProgress]]

    @property
    def counts(self) -> list[tuple[str, int]]:
        """How many indicators have each status, in the order of the status list."""
        codes = [row.status.code for _, row in self.rows]
        return [
            (label, codes.count(code))
            for code, label in analysis.STATUS_LABELS.items()
            if codes.count(code)
        ]


def partnership_dashboard(
    *, partnership, public: bool, locality=None, today: datetime.date | None = None
) -> list[PlanProgress]:
    """For each current plan of the partnership (published ones only for the public),
    every indicator's progress on ``today`` (by default the real today), numbered by its
    outcome; only a locality's own plans when ``locality`` is given."""
    result = []
    for plan in plans.plan_list(partnership=partnership, public=public):
        if plan.status == Plan.Status.SUPERSEDED:
            continue
        if locality is not None and plan.locality_id != locality.pk:
            continue
        numbers = {node.outcome.pk: node.number for node in plans.plan_tree(plan=plan).nodes()}
        indicators = (
            OutcomeIndicator.objects.filter(outcome__plan=plan)
            .select_related("measure", "area", "outcome", "baseline_observation__period")
            .prefetch_related("targets")
        )
        rows = sorted(
            (
                (numbers.get(i.outcome_id, ""), indicator_progress(indicator=i, today=today))
                for i in indicators
            ),
            key=lambda row: (
                _number_key(row[0]),
                row[1].indicator.pk,
            ),
        )
        result.append(PlanProgress(plan=plan, rows=rows))
    return result


def _number_key(number: str) -> list[int]:
    """An outcome's number ("2.10") as a sort key; parts that are not plain ASCII numbers
    are left out rather than crashing ``int`` (``"²".isdigit()`` is true)."""
    parts = (parse_int(part, minimum=0, maximum=10**9) for part in number.split("."))
    return [part for part in parts if part is not None]


def plan_indicator_get(*, partnership, pk: int, public: bool) -> OutcomeIndicator:
    """A plan indicator of the partnership; for the public only in a published or
    superseded version (raises ``OutcomeIndicator.DoesNotExist`` otherwise)."""
    query = OutcomeIndicator.objects.select_related(
        "measure", "area", "outcome__plan", "baseline_observation__period"
    ).filter(outcome__plan__partnership=partnership)
    if public:
        query = query.filter(
            outcome__plan__status__in=[Plan.Status.PUBLISHED, Plan.Status.SUPERSEDED]
        )
    return query.get(pk=pk)


@dataclass
class IndicatorEvidence:
    """The indicator page: progress, the chart against the plan, the communities' latest
    values and the inequality measures over time, each with the table behind it."""

    progress: IndicatorProgress
    chart: dict
    plan_points: list[dict]
    communities: list[dict]
    inequality: list[Inequality]
    map: dict | None = None
    quintile_chart: dict | None = None

    @property
    def latest_inequality(self) -> Inequality | None:
        """The period the deprivation chart shows: the newest that is not a projection
        (imputed estimates allowed, and said), or None when every one is projected."""
        return shown_inequality(self.inequality)

    @property
    def inequality_period_note(self) -> str:
        """Which period the deprivation chart shows, and why."""
        return inequality_period_note(self.inequality)


def shown_inequality(series: list[Inequality]) -> Inequality | None:
    """The newest period of an inequality series (oldest first) that is not a projection:
    a projection is never shown as if measured."""
    return next((item for item in reversed(series) if not item.is_projection), None)


def _span(labels: list[str]) -> str:
    if len(labels) == 1:
        return f"{labels[0]} is a projection"
    return f"{labels[0]} to {labels[-1]} are projections"


def inequality_period_note(series: list[Inequality]) -> str:
    """The sentence saying which period the deprivation chart shows and why, e.g. "Shown
    for 2021/22, the latest year with measured values (2022/23 to 2024/25 are
    projections)."."""
    shown = shown_inequality(series)
    if shown is None:
        if not series:
            return ""
        projected = [item.period for item in series]
        return (
            f"No chart: every year with values by deprivation is a projection "
            f"({_span(projected)}); the table gives them, marked as projections."
        )
    later = [item.period for item in series[series.index(shown) + 1 :]]
    if shown.has_estimates:
        note = (
            f"Shown for {shown.period}, the latest year that is not a projection; some of "
            "its values are estimates (imputed)"
        )
        return note + (f". {_span(later).capitalize()}." if later else ".")
    note = f"Shown for {shown.period}, the latest year with measured values"
    return note + (f" ({_span(later)})." if later else ".")


def indicator_evidence(*, indicator: OutcomeIndicator) -> IndicatorEvidence:
    """Everything the indicator page shows (see ``IndicatorEvidence``)."""

    progress = indicator_progress(indicator=indicator)
    baseline = baseline_point(indicator)
    plan_points = []
    if baseline:
        plan_points.append({"date": baseline.when, "value": baseline.value, "label": "Baseline"})
    plan_points += [{"date": t.due, "value": t.value, "label": "Target"} for t in progress.targets]
    measure, area = indicator.measure, indicator.area
    chart = progress_chart(
        points=progress.points,
        plan_points=plan_points,
        unit=measure.unit,
        name=measure.name,
        decimals=measure.shown_decimals,
    )
    communities, inequality = [], []
    if area.level == Area.Level.COUNCIL_AREA and progress.latest:
        communities = evidence.community_values(
            measure=measure, council_area=area, period=progress.latest["period"]
        )
        inequality = [
            item
            for item in inequality_series(council_area=area, measure=measure).values()
            if item.quintiles
        ]
    result = IndicatorEvidence(progress, chart, plan_points, communities, inequality)
    if communities:
        result.map = community_value_map(
            communities=communities,
            geometries=boundaries(codes=[c["code"] for c in communities]),
            unit=measure.unit,
            higher_is_better=measure.higher_is_better,
            decimals=measure.shown_decimals,
        )
    last = shown_inequality(inequality)
    if last is not None:
        result.quintile_chart = quintile_chart(
            quintiles=[
                {
                    "label": f"{q.quintile}{QUINTILE_ENDS.get(q.quintile, '')}",
                    "value": q.value,
                    "population": q.population,
                }
                for q in last.quintiles
            ],
            unit=measure.unit,
            period=last.period,
            decimals=measure.shown_decimals,
        )
    return result


QUINTILE_ENDS = {1: " (most deprived)", 5: " (least deprived)"}


def evidence_table(*, evidence_: IndicatorEvidence, name: str) -> tuple[list[str], list[list]]:
    """One of the indicator page's tables for download: series, communities, inequality."""
    measure = evidence_.progress.indicator.measure
    if name == "series":
        header = [
            "period",
            "period_start",
            "period_end",
            "value",
            "kind",
            "numerator",
            "denominator",
            "source",
        ]
        rows = [
            [
                p["period"],
                p["start"],
                p["end"],
                p["value"],
                p["kind_label"],
                p["numerator"],
                p["denominator"],
                p["source"],
            ]
            for p in evidence_.progress.points
        ]
        rows += [
            [p["label"], "", p["date"], p["value"], "Plan", "", "", ""]
            for p in evidence_.plan_points
        ]
        return header, rows
    if name == "communities":
        header = ["community_code", "community", "period", "value", "kind", "source"]
        return header, [
            [c["code"], c["name"], c["period"], c["value"], c["kind_label"], c["source"]]
            for c in evidence_.communities
        ]
    if name == "inequality":
        header = [
            "period",
            "basis",
            *[f"quintile_{q}" for q in range(1, 6)],
            "absolute_gap",
            "relative_gap",
            "sii",
            "rii",
            "duncan_index",
            "includes_estimates",
        ]
        return header, [
            [
                i.period,
                i.basis_label,
                *[q.value for q in i.quintiles],
                i.absolute_gap,
                i.relative_gap,
                i.sii,
                i.rii,
                i.duncan_index,
                i.has_estimates,
            ]
            for i in evidence_.inequality
        ]
    raise KeyError(f"{measure}: no table {name}")


EVIDENCE_TABLES = ("series", "communities", "inequality")


def public_indicators(*, partnership, measure, area) -> list[OutcomeIndicator]:
    """The indicators of the partnership's published plans for a measure and an area."""
    return list(
        OutcomeIndicator.objects.filter(
            outcome__plan__partnership=partnership,
            outcome__plan__status=Plan.Status.PUBLISHED,
            measure=measure,
            area=area,
        )
        .select_related("measure", "area", "outcome", "baseline_observation__period")
        .prefetch_related("targets")
    )
