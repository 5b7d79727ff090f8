"""The analysis behind every status, trend and inequality figure Placeplan shows.

Pure functions on plain numbers: no database, no Django. The selectors fetch the values
and call these; the tests check each one against examples worked by hand. Each rule is
written out in its docstring and, in plain words, on the help page (``/help/performance/``).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# -- status against target ----------------------------------------------------------------

ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
NO_TARGET = "no_target"
NO_BASELINE = "no_baseline"
NO_RECENT_DATA = "no_recent_data"

STATUS_LABELS = {
    ON_TRACK: "On track",
    AT_RISK: "At risk",
    OFF_TRACK: "Off track",
    NO_TARGET: "No target",
    NO_BASELINE: "No baseline",
    NO_RECENT_DATA: "No recent data",
}

DEFAULT_TOLERANCE = 0.05
STALE_AFTER_YEARS = 5


@dataclass(frozen=True)
class Point:
    """A value at a date (the end of its period), labelled as people know the period."""

    when: datetime.date
    value: float
    label: str = ""
    is_estimate: bool = False


@dataclass(frozen=True)
class Status:
    """Where the latest value stands against the trajectory to the next target."""

    code: str
    target: Point | None = None
    expected: float | None = None
    shortfall: float | None = None
    tolerance: float | None = None

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.code]


def _better_by(a: float, b: float, higher_is_better: bool) -> float:
    """How much better ``a`` is than ``b`` (negative when worse)."""
    return a - b if higher_is_better else b - a


def trajectory_at(
    baseline: Point, targets: Sequence[Point], when: datetime.date
) -> tuple[Point, float]:
    """The trajectory's next target at ``when`` (the first due on or after it; when every
    target is past, the last one) and the trajectory's value then: the straight line from
    the baseline to that target (the target itself once its date has passed)."""
    ordered = sorted(targets, key=lambda t: t.when)
    target = next((t for t in ordered if t.when >= when), ordered[-1])
    span = (target.when - baseline.when).days
    progress = 1.0 if span <= 0 else min(1.0, (when - baseline.when).days / span)
    return target, baseline.value + (target.value - baseline.value) * progress


def target_status(
    *,
    baseline: Point | None,
    targets: Sequence[Point],
    latest: Point | None,
    higher_is_better: bool | None,
    today: datetime.date,
    tolerance: float = DEFAULT_TOLERANCE,
    stale_after_years: int = STALE_AFTER_YEARS,
) -> Status:
    """Status of an indicator against its targets.

    - *No target*: the indicator has no target (or neither direction is better).
    - *No baseline*: there is a target but no baseline to draw the trajectory from.
    - *No recent data*: no value dated after the baseline, or the latest value's period
      ended more than ``stale_after_years`` years before ``today``.
    - Otherwise the trajectory is the straight line from the baseline to the next target
      (the first target due on or after the latest value's date; when every target is
      past, the last one). ``expected`` is the trajectory's value at the latest value's
      date (the target itself once its date has passed). The *shortfall* is how far the
      latest value is worse than expected, in the indicator's unit (negative when better)
      and the *tolerance* is ``tolerance`` × |target − baseline|:
      on track when the shortfall is zero or less; at risk when it is more than zero but
      no more than the tolerance; off track when it is more than the tolerance.
    """
    if not targets or higher_is_better is None:
        return Status(NO_TARGET)
    if baseline is None:
        return Status(NO_BASELINE)
    try:
        stale_before = today.replace(year=today.year - stale_after_years)
    except ValueError:  # 29 February, and that year had none
        stale_before = today.replace(year=today.year - stale_after_years, day=28)
    if latest is None or latest.when <= baseline.when or latest.when < stale_before:
        return Status(NO_RECENT_DATA)
    target, expected = trajectory_at(baseline, targets, latest.when)
    shortfall = -_better_by(latest.value, expected, higher_is_better)
    allowed = tolerance * abs(target.value - baseline.value)
    if shortfall <= 0:
        code = ON_TRACK
    elif shortfall <= allowed:
        code = AT_RISK
    else:
        code = OFF_TRACK
    return Status(code, target=target, expected=expected, shortfall=shortfall, tolerance=allowed)


# -- trend -----------------------------------------------------------------------------------

IMPROVING = "improving"
WORSENING = "worsening"
NO_CLEAR_CHANGE = "no_clear_change"
RISING = "rising"
FALLING = "falling"
NOT_ENOUGH_DATA = "not_enough_data"

TREND_LABELS = {
    IMPROVING: "Improving",
    WORSENING: "Worsening",
    NO_CLEAR_CHANGE: "No clear change",
    RISING: "Rising",
    FALLING: "Falling",
    NOT_ENOUGH_DATA: "Not enough data",
}
TREND_THRESHOLD = 0.02


def trend(values: Sequence[float], higher_is_better: bool | None) -> str:
    """The trend over the last three values (oldest first).

    With fewer than three values: *not enough data*. Otherwise let the change be the last
    of the three minus the first. When it is smaller than 2% of the first value (any
    change at all when the first value is 0), or when either step between consecutive
    values goes the other way, there is *no clear change*. Otherwise the trend is
    *improving* or *worsening* by the measure's better direction (*rising* or *falling*
    for measures where neither direction is better).
    """
    if len(values) < 3:
        return NOT_ENOUGH_DATA
    first, middle, last = values[-3:]
    change = last - first
    if abs(change) < TREND_THRESHOLD * abs(first) or change == 0:
        return NO_CLEAR_CHANGE
    sign = 1 if change > 0 else -1
    if (middle - first) * sign < 0 or (last - middle) * sign < 0:
        return NO_CLEAR_CHANGE
    if higher_is_better is None:
        return RISING if sign > 0 else FALLING
    return IMPROVING if (sign > 0) == higher_is_better else WORSENING


# -- means and comparisons -------------------------------------------------------------------


def mean(values: Iterable[float]) -> float | None:
    """The plain (unweighted) mean, or None for no values."""
    values = list(values)
    return sum(values) / len(values) if values else None


def ranks(values: Sequence[float | None], higher_is_better: bool | None) -> list[int | None]:
    """Each value's rank among the values, 1 the best: the highest first when higher is
    better or the direction is not set, the lowest first when lower is better. Equal
    values share a rank and the next rank skips (1, 2, 2, 4: "standard competition"
    ranking); a missing value has no rank."""
    sign = -1 if higher_is_better is not False else 1
    present = sorted(sign * v for v in values if v is not None)
    first = {}
    for position, key in enumerate(present, 1):
        first.setdefault(key, position)
    return [None if v is None else first[sign * v] for v in values]


def improvement_rate(
    first: float | None, latest: float | None, higher_is_better: bool | None
) -> float | None:
    """The rate of improvement between two values, in per cent of the first: the change
    (latest − first) / |first| × 100, turned so that a positive rate is always an
    improvement (its sign flipped when lower is better). None when either value is
    missing, the first is 0, or neither direction is better."""
    if first is None or latest is None or first == 0 or higher_is_better is None:
        return None
    change = (latest - first) / abs(first) * 100
    return change if higher_is_better else -change


def spread(values: Sequence[float]) -> tuple[float, float, float, float] | None:
    """(minimum, lower quartile, upper quartile, maximum) of the values; the quartiles by
    linear interpolation between the sorted values (position (n − 1) × p, the "inclusive"
    method of ``statistics.quantiles``). None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None

    def quantile(p: float) -> float:
        position = (len(ordered) - 1) * p
        low = math.floor(position)
        high = min(low + 1, len(ordered) - 1)
        return ordered[low] + (ordered[high] - ordered[low]) * (position - low)

    return ordered[0], quantile(0.25), quantile(0.75), ordered[-1]


def weighted_mean(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Σ value × weight / Σ weight over (value, weight) pairs; None when the weights sum
    to zero."""
    total = weighted = 0.0
    for value, weight in pairs:
        total += weight
        weighted += value * weight
    return weighted / total if total > 0 else None


@dataclass(frozen=True)
class Combined:
    """A value for a group of areas, and whether it is an estimate."""

    value: float | None
    is_estimate: bool
    method: str


def combined_value(units: Sequence[tuple[float, float | None, float | None, float]]) -> Combined:
    """The value of a group of areas (a locality) from its parts' (value, numerator,
    denominator, population).

    When every part has a numerator and a denominator: Σ numerators / Σ denominators,
    scaled like the parts' values (value = scale × numerator / denominator), a measured
    figure. Otherwise the population-weighted mean of the parts' values, an estimate.
    """
    if not units:
        return Combined(None, False, "No values")
    if all(num is not None and den for _, num, den, _ in units):
        numerator = sum(num for _, num, _, _ in units)
        denominator = sum(den for _, _, den, _ in units)
        scaled = [(value, num, den) for value, num, den, _ in units if num]
        if not scaled:
            return Combined(0.0, False, "Sum of numerators over sum of denominators")
        value, num, den = scaled[0]
        scale = value * den / num
        return Combined(
            scale * numerator / denominator, False, "Sum of numerators over sum of denominators"
        )
    value = weighted_mean((value, population) for value, _, _, population in units)
    return Combined(value, True, "Estimate: population-weighted mean of its communities")


def markedly_poorer(
    value: float | None,
    *,
    comparators: Sequence[float | None],
    higher_is_better: bool | None,
    margin: float = 0.10,
) -> bool:
    """True when ``value`` is worse than every comparator by more than ``margin`` of the
    comparator's value (10% by default). Placeplan uses this to flag localities with
    significantly poorer outcomes than the partnership and Scotland: the published
    community figures carry no counts or confidence intervals, so this is a stated
    threshold, not a statistical test."""
    if value is None or higher_is_better is None or not comparators:
        return False
    for other in comparators:
        if other is None:
            return False
        if _better_by(other, value, higher_is_better) <= margin * abs(other):
            return False
    return True


# -- inequality --------------------------------------------------------------------------------


@dataclass(slots=True)
class Unit:
    """A community or data zone for the inequality measures.

    ``deprivation`` orders the units: a larger number is more deprived (the share of
    people income deprived, or minus the SIMD rank). ``quintile`` is given when national
    quintiles are used; otherwise ``local_quintiles`` sets it.
    """

    code: str
    value: float | None
    population: float
    deprivation: float = 0.0
    deprived: float | None = None
    quintile: int | None = None

    def with_changes(self, *, value=..., quintile=...) -> Unit:
        """A copy with a new value or quintile (faster than ``dataclasses.replace``)."""
        return Unit(
            self.code,
            self.value if value is ... else value,
            self.population,
            self.deprivation,
            self.deprived,
            self.quintile if quintile is ... else quintile,
        )


@dataclass(frozen=True)
class QuintileValue:
    quintile: int
    population: float
    value: float | None


def local_quintiles(units: Sequence[Unit]) -> list[Unit]:
    """Population-weighted quintiles within the group, 1 = most deprived.

    Units are ordered from most to least deprived (ties by code). Each unit's population
    midpoint m = (people in more deprived units + half its own people) / all people puts
    it in quintile ⌊5m⌋ + 1 (at most 5). With no people at all every quintile is None.
    """
    ordered = sorted(units, key=lambda u: (-u.deprivation, u.code))
    total = sum(u.population for u in ordered)
    result, before = [], 0.0
    for unit in ordered:
        quintile = None
        if total > 0:
            midpoint = (before + unit.population / 2) / total
            quintile = min(5, math.floor(midpoint * 5) + 1)
        before += unit.population
        result.append(unit.with_changes(quintile=quintile))
    return result


def quintile_values(units: Sequence[Unit]) -> list[QuintileValue]:
    """Per quintile 1–5: the people in its units that have a value, and the
    population-weighted mean of those values (None when it has no such people)."""
    result = []
    for quintile in range(1, 6):
        members = [u for u in units if u.quintile == quintile and u.value is not None]
        population = sum(u.population for u in members)
        value = weighted_mean((u.value, u.population) for u in members)
        result.append(QuintileValue(quintile, population, value))
    return result


def gaps(quintiles: Sequence[QuintileValue]) -> tuple[float | None, float | None]:
    """Absolute gap = most deprived quintile's value − least deprived's; relative gap =
    their ratio (None when either is missing, or the least deprived's value is 0)."""
    most, least = quintiles[0].value, quintiles[-1].value
    if most is None or least is None:
        return None, None
    return most - least, (most / least if least != 0 else None)


def sii_rii(
    quintiles: Sequence[QuintileValue], higher_is_better: bool | None
) -> tuple[float | None, float | None]:
    """Slope and relative index of inequality, as Public Health Scotland computes them.

    Each quintile's relative rank = the population share of the more deprived quintiles +
    half its own share (0 = most deprived end, 1 = least). The slope b comes from a
    least-squares fit of value on rank weighted by population share. SII = −b when lower
    is better (or neither is), b when higher is better, so a positive SII means the most
    deprived fare worse. RII = SII / the population-weighted mean of all values.
    Needs at least two quintiles with people and a value.
    """
    present = [q for q in quintiles if q.value is not None and q.population > 0]
    total = sum(q.population for q in present)
    if len(present) < 2 or total <= 0:
        return None, None
    ranks, before = [], 0.0
    for q in present:
        share = q.population / total
        ranks.append((before + share / 2, q.value, share))
        before += share
    x_mean = sum(x * w for x, _, w in ranks)
    y_mean = sum(y * w for _, y, w in ranks)
    sxx = sum(w * (x - x_mean) ** 2 for x, _, w in ranks)
    if sxx == 0:
        return None, None
    slope = sum(w * (x - x_mean) * (y - y_mean) for x, y, w in ranks) / sxx
    sii = slope if higher_is_better else -slope
    return sii, (sii / y_mean if y_mean != 0 else None)


DUNCAN_MAX_MISSING = 0.20


def duncan_index(units: Sequence[Unit], higher_is_better: bool | None) -> float | None:
    """The Duncan index as the Community Planning Outcomes Profile computes it.

    Units with a value are ordered from the worst outcome to the best (ascending values
    where higher is better, descending where lower is better; ties by code). With
    a_k the cumulative share of income-deprived people and b_k the cumulative share of
    people not income deprived in that order, D = Σ_{k=1}^{N−1} a_k·b_{k+1} −
    Σ_{k=1}^{N−1} a_{k+1}·b_k. Positive means income-deprived people live where outcomes
    are worst. None when more than 20% of the units lack a value, when fewer than two
    remain, when neither direction is better, or when nobody (or everybody) is deprived.
    """
    if not units or higher_is_better is None:
        return None
    present = [u for u in units if u.value is not None and u.deprived is not None]
    if (len(units) - len(present)) / len(units) > DUNCAN_MAX_MISSING or len(present) < 2:
        return None
    ordered = sorted(present, key=lambda u: ((u.value if higher_is_better else -u.value), u.code))
    deprived = [u.deprived for u in ordered]
    others = [u.population - u.deprived for u in ordered]
    total_a, total_b = sum(deprived), sum(others)
    if total_a <= 0 or total_b <= 0:
        return None
    a, b, run_a, run_b = [], [], 0.0, 0.0
    for d, o in zip(deprived, others, strict=True):
        run_a += d
        run_b += o
        a.append(run_a / total_a)
        b.append(run_b / total_b)
    n = len(ordered)
    return sum(a[k] * b[k + 1] for k in range(n - 1)) - sum(a[k + 1] * b[k] for k in range(n - 1))


def disadvantage_gap(absolute_gap: float | None, higher_is_better: bool | None) -> float | None:
    """The absolute gap turned so that a larger number means the most deprived fare worse
    (most − least when lower is better, least − most when higher is better)."""
    if absolute_gap is None or higher_is_better is None:
        return None
    return -absolute_gap if higher_is_better else absolute_gap


NARROWED = "narrowed"
WIDENED = "widened"
UNCHANGED = "unchanged"
GAP_LABELS = {NARROWED: "Gap narrowed", WIDENED: "Gap widened", UNCHANGED: "No change in the gap"}


def gap_change(
    baseline_gap: float | None, latest_gap: float | None, higher_is_better: bool | None
) -> str | None:
    """Whether the gap between the most and least deprived closed since the baseline,
    comparing the disadvantage gaps (see ``disadvantage_gap``) rounded to 4 decimals."""
    before = disadvantage_gap(baseline_gap, higher_is_better)
    after = disadvantage_gap(latest_gap, higher_is_better)
    if before is None or after is None:
        return None
    before, after = round(before, 4), round(after, 4)
    if after < before:
        return NARROWED
    return WIDENED if after > before else UNCHANGED


def poorest_in_the_round(
    measures: Sequence[tuple[bool, dict[str, float]]], count: int = 5
) -> list[tuple[str, float]]:
    """The ``count`` communities with the poorest outcomes "in the round".

    For each measure (higher_is_better, {code: value}) every community's value becomes a
    standardised score z = (value − mean) / standard deviation (population standard
    deviation over the communities with a value), turned so that a larger z is worse;
    a measure whose values are all equal adds nothing. A community's score is the sum of
    its z over the measures; only communities with a value for every measure are ranked.
    Returns (code, score), worst first, ties by code.
    """
    if not measures or any(not values for _, values in measures):
        return []
    codes = set.intersection(*(set(values) for _, values in measures))
    scores = dict.fromkeys(codes, 0.0)
    for higher_is_better, values in measures:
        numbers = list(values.values())
        centre = sum(numbers) / len(numbers)
        spread = math.sqrt(sum((v - centre) ** 2 for v in numbers) / len(numbers))
        if spread == 0:
            continue
        for code in codes:
            z = (values[code] - centre) / spread
            scores[code] += -z if higher_is_better else z
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:count]
