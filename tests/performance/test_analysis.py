"""The analysis functions checked against examples worked by hand.

Every expected number is worked out in a comment beside it from the rule in the function's
docstring, not from running the function.
"""

import datetime
import math

import pytest

from placeplan.performance.analysis import (
    AT_RISK,
    FALLING,
    IMPROVING,
    NARROWED,
    NO_BASELINE,
    NO_CLEAR_CHANGE,
    NO_RECENT_DATA,
    NO_TARGET,
    NOT_ENOUGH_DATA,
    OFF_TRACK,
    ON_TRACK,
    RISING,
    UNCHANGED,
    WIDENED,
    WORSENING,
    Combined,
    Point,
    QuintileValue,
    Unit,
    combined_value,
    disadvantage_gap,
    duncan_index,
    gap_change,
    gaps,
    local_quintiles,
    markedly_poorer,
    mean,
    poorest_in_the_round,
    quintile_values,
    ranks,
    sii_rii,
    target_status,
    trend,
    weighted_mean,
)

# -- target_status ---------------------------------------------------------------------------

BASE = datetime.date(2020, 1, 1)
TODAY = datetime.date(2024, 6, 30)


def _day(n):
    """The date n days after the baseline, so progress along a trajectory is n / span."""
    return BASE + datetime.timedelta(days=n)


# Lower is better: baseline 20, target 10 due 1,000 days later. A value 400 days after the
# baseline is 400 / 1000 = 0.4 of the way: expected = 20 + (10 − 20) × 0.4 = 16;
# tolerance = 0.05 × |10 − 20| = 0.5.
LOW_BASELINE = Point(BASE, 20.0)
LOW_TARGET = Point(_day(1000), 10.0)
# Higher is better: baseline 60, target 80 due 1,000 days later. At day 400:
# expected = 60 + (80 − 60) × 0.4 = 68; tolerance = 0.05 × |80 − 60| = 1.0.
HIGH_BASELINE = Point(BASE, 60.0)
HIGH_TARGET = Point(_day(1000), 80.0)


def _low(value, *, when=400, **kwargs):
    return target_status(
        baseline=LOW_BASELINE,
        targets=[LOW_TARGET],
        latest=Point(_day(when), value),
        higher_is_better=False,
        today=TODAY,
        **kwargs,
    )


def _high(value, *, when=400, **kwargs):
    return target_status(
        baseline=HIGH_BASELINE,
        targets=[HIGH_TARGET],
        latest=Point(_day(when), value),
        higher_is_better=True,
        today=TODAY,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("value", "code", "shortfall"),
    [
        (15.0, ON_TRACK, -1.0),  # 15 is 1 better than 16: shortfall −1 ≤ 0
        (16.3, AT_RISK, 0.3),  # 16.3 − 16 = 0.3: 0 < 0.3 ≤ 0.5
        (17.0, OFF_TRACK, 1.0),  # 17 − 16 = 1.0 > 0.5
    ],
)
def test_status_lower_is_better(value, code, shortfall):
    status = _low(value)
    assert status.code == code
    assert status.target == LOW_TARGET
    assert status.expected == pytest.approx(16.0)  # 20 − 10 × 0.4
    assert status.shortfall == pytest.approx(shortfall)
    assert status.tolerance == pytest.approx(0.5)  # 0.05 × 10


@pytest.mark.parametrize(
    ("value", "code", "shortfall"),
    [
        (69.0, ON_TRACK, -1.0),  # 69 is 1 better than 68
        (67.5, AT_RISK, 0.5),  # 68 − 67.5 = 0.5: 0 < 0.5 ≤ 1.0
        (66.0, OFF_TRACK, 2.0),  # 68 − 66 = 2.0 > 1.0
    ],
)
def test_status_higher_is_better(value, code, shortfall):
    status = _high(value)
    assert status.code == code
    assert status.expected == pytest.approx(68.0)  # 60 + 20 × 0.4
    assert status.shortfall == pytest.approx(shortfall)
    assert status.tolerance == pytest.approx(1.0)  # 0.05 × 20


def test_status_exactly_on_the_trajectory_is_on_track():
    # shortfall = 16 − 16 = 0, and 0 counts as on track, in both directions
    assert _low(16.0).code == ON_TRACK
    assert _low(16.0).shortfall == 0
    assert _high(68.0).code == ON_TRACK  # 68 − 68 = 0


def test_status_shortfall_equal_to_the_tolerance_is_at_risk():
    # lower is better: 16.5 − 16 = 0.5 = tolerance 0.05 × 10 → at risk, not off track
    status = _low(16.5)
    assert (status.code, status.shortfall, status.tolerance) == (AT_RISK, 0.5, 0.5)
    # higher is better: 68 − 67 = 1.0 = tolerance 0.05 × 20
    assert _high(67.0).code == AT_RISK
    # just beyond the tolerance is off track: 16.51 − 16 = 0.51 > 0.5
    assert _low(16.51).code == OFF_TRACK


def test_status_after_the_target_date_expects_the_target_value():
    # day 1,500 is past the only target (day 1,000): progress is capped at 1, so
    # expected = 10 (not 20 − 10 × 1.5 = 5); 10.2 − 10 = 0.2 ≤ 0.5 → at risk
    status = _low(10.2, when=1500)
    assert status.target == LOW_TARGET
    assert status.expected == pytest.approx(10.0)
    assert status.shortfall == pytest.approx(0.2)
    assert status.code == AT_RISK
    # 9.8 is better than the target itself → on track
    assert _low(9.8, when=1500).code == ON_TRACK


def test_status_uses_the_next_target_among_several():
    early = Point(_day(500), 15.0)
    middle = Point(_day(1000), 10.0)
    late = Point(_day(2000), 5.0)
    targets = [late, early, middle]  # given out of order

    def status(when, value):
        return target_status(
            baseline=LOW_BASELINE,
            targets=targets,
            latest=Point(_day(when), value),
            higher_is_better=False,
            today=TODAY,
        )

    # day 600: the first target due on or after it is day 1,000 (value 10). The trajectory
    # runs from the baseline, not from the earlier target: progress 600 / 1000 = 0.6,
    # expected = 20 − 10 × 0.6 = 14; tolerance = 0.05 × |10 − 20| = 0.5
    at_600 = status(600, 14.4)
    assert at_600.target == middle
    assert at_600.expected == pytest.approx(14.0)
    assert at_600.tolerance == pytest.approx(0.5)
    assert at_600.shortfall == pytest.approx(0.4)  # 14.4 − 14
    assert at_600.code == AT_RISK
    # day 500 exactly: a target due on the latest value's date is the next one
    # progress 500 / 500 = 1 → expected 15; tolerance 0.05 × |15 − 20| = 0.25
    at_500 = status(500, 15.2)
    assert at_500.target == early
    assert at_500.expected == pytest.approx(15.0)
    assert at_500.tolerance == pytest.approx(0.25)
    assert at_500.code == AT_RISK  # 0.2 ≤ 0.25
    # day 300: the day-500 target; progress 300 / 500 = 0.6 → expected 20 − 5 × 0.6 = 17
    at_300 = status(300, 17.0)
    assert at_300.target == early
    assert at_300.expected == pytest.approx(17.0)
    # day 2,500: every target is past → the last one (5); expected = 5
    # tolerance 0.05 × |5 − 20| = 0.75; 6 − 5 = 1 > 0.75 → off track
    at_2500 = status(2500, 6.0)
    assert at_2500.target == late
    assert at_2500.expected == pytest.approx(5.0)
    assert at_2500.tolerance == pytest.approx(0.75)
    assert at_2500.code == OFF_TRACK


def test_status_without_targets_or_direction_is_no_target():
    latest = Point(_day(400), 16.0)
    none = target_status(
        baseline=LOW_BASELINE, targets=[], latest=latest, higher_is_better=False, today=TODAY
    )
    assert none.code == NO_TARGET
    assert none.label == "No target"
    assert (none.target, none.expected, none.shortfall) == (None, None, None)
    neutral = target_status(
        baseline=LOW_BASELINE,
        targets=[LOW_TARGET],
        latest=latest,
        higher_is_better=None,
        today=TODAY,
    )
    assert neutral.code == NO_TARGET
    # no target comes before no baseline
    neither = target_status(
        baseline=None, targets=[], latest=latest, higher_is_better=False, today=TODAY
    )
    assert neither.code == NO_TARGET


def test_status_without_baseline():
    status = target_status(
        baseline=None,
        targets=[LOW_TARGET],
        latest=Point(_day(400), 16.0),
        higher_is_better=False,
        today=TODAY,
    )
    assert status.code == NO_BASELINE
    assert status.label == "No baseline"


def test_status_without_a_value_after_the_baseline():
    def status(latest):
        return target_status(
            baseline=LOW_BASELINE,
            targets=[LOW_TARGET],
            latest=latest,
            higher_is_better=False,
            today=TODAY,
        )

    assert status(None).code == NO_RECENT_DATA
    assert status(Point(BASE, 12.0)).code == NO_RECENT_DATA  # same date as the baseline
    assert status(Point(_day(-30), 12.0)).code == NO_RECENT_DATA  # before it
    assert status(Point(_day(1), 12.0)).code == ON_TRACK  # one day after: evaluated
    assert status(None).label == "No recent data"


def test_status_with_stale_latest_value():
    # today 2026-03-15, 5 years: values dated before 2021-03-15 are stale
    today = datetime.date(2026, 3, 15)
    baseline = Point(datetime.date(2018, 3, 31), 20.0)
    target = Point(datetime.date(2030, 3, 31), 10.0)

    def status(when, **kwargs):
        return target_status(
            baseline=baseline,
            targets=[target],
            latest=Point(when, 5.0),
            higher_is_better=False,
            today=today,
            **kwargs,
        )

    assert status(datetime.date(2021, 3, 14)).code == NO_RECENT_DATA  # 5 years + 1 day
    assert status(datetime.date(2021, 3, 15)).code == ON_TRACK  # exactly 5 years: not stale
    # with stale_after_years=3 the cut-off is 2023-03-15
    assert status(datetime.date(2023, 3, 14), stale_after_years=3).code == NO_RECENT_DATA
    assert status(datetime.date(2023, 3, 15), stale_after_years=3).code == ON_TRACK


def test_status_with_custom_tolerance():
    # 16.8 − 16 = 0.8: beyond 0.05 × 10 = 0.5 but within 0.1 × 10 = 1.0
    assert _low(16.8).code == OFF_TRACK
    wide = _low(16.8, tolerance=0.1)
    assert wide.code == AT_RISK
    assert wide.tolerance == pytest.approx(1.0)
    # 0.01 × 10 = 0.1 < 0.3 = 16.3 − 16
    assert _low(16.3, tolerance=0.01).code == OFF_TRACK


def test_status_on_29_february():
    # 2023-12-31 is well within 5 years of 2024-02-29: the status should be evaluated
    status = target_status(
        baseline=Point(datetime.date(2020, 1, 1), 20.0),
        targets=[Point(datetime.date(2030, 1, 1), 10.0)],
        latest=Point(datetime.date(2023, 12, 31), 5.0),
        higher_is_better=False,
        today=datetime.date(2024, 2, 29),
    )
    assert status.code == ON_TRACK


# -- trend -----------------------------------------------------------------------------------


@pytest.mark.parametrize("values", [[], [10.0], [10.0, 20.0]])
def test_trend_needs_three_values(values):
    assert trend(values, True) == NOT_ENOUGH_DATA
    assert trend(values, None) == NOT_ENOUGH_DATA


def test_trend_improving_and_worsening_in_both_directions():
    # 100 → 105 → 110: change +10 > 2% of 100 = 2, both steps up
    assert trend([100, 105, 110], True) == IMPROVING
    assert trend([100, 105, 110], False) == WORSENING
    # 110 → 105 → 100: change −10, |−10| > 2.2, both steps down
    assert trend([110, 105, 100], True) == WORSENING
    assert trend([110, 105, 100], False) == IMPROVING


def test_trend_change_under_two_per_cent_is_no_clear_change():
    # +1.5 < 2% of 100 = 2
    assert trend([100, 101, 101.5], True) == NO_CLEAR_CHANGE
    # −1.9 < 2
    assert trend([100, 99, 98.1], False) == NO_CLEAR_CHANGE
    # +2.5 > 2: clear
    assert trend([100, 101, 102.5], True) == IMPROVING
    # negative first value: threshold is 2% of |−100| = 2; change +20 → rising
    assert trend([-100, -90, -80], None) == RISING
    assert trend([-100, -99.5, -99], None) == NO_CLEAR_CHANGE  # +1 < 2


def test_trend_change_of_exactly_two_per_cent_is_clear():
    # 50 → 50.5 → 51: change 1.0 = 2% of 50, not smaller → a clear rise
    assert trend([50, 50.5, 51], True) == IMPROVING


def test_trend_steps_against_the_change_are_no_clear_change():
    # change +10 but the first step goes down
    assert trend([100, 90, 110], True) == NO_CLEAR_CHANGE
    # change +10 but the second step goes down
    assert trend([100, 115, 110], True) == NO_CLEAR_CHANGE
    # change −10 but the second step goes up
    assert trend([110, 95, 100], False) == NO_CLEAR_CHANGE
    # a flat step does not go the other way: change +10, steps 0 and +10
    assert trend([100, 100, 110], True) == IMPROVING


def test_trend_from_zero():
    # 2% of 0 is 0: any change at all from 0 passes the threshold (the reading the code
    # takes of "(any change at all when the first value is 0)")
    assert trend([0, 1, 2], True) == IMPROVING
    assert trend([0, -0.1, -0.2], True) == WORSENING
    assert trend([0, 0, 0], True) == NO_CLEAR_CHANGE
    assert trend([0, 1, 0], True) == NO_CLEAR_CHANGE  # change 0


def test_trend_for_neutral_measures():
    assert trend([10, 12, 14], None) == RISING  # +4 > 0.2
    assert trend([14, 12, 10], None) == FALLING  # −4, |−4| > 0.28
    assert trend([10, 10.1, 10.15], None) == NO_CLEAR_CHANGE  # +0.15 < 0.2


def test_trend_uses_only_the_last_three_values():
    # last three 100, 105, 110 improve even though the series started at 200
    assert trend([200, 50, 100, 105, 110], True) == IMPROVING
    # last three 150, 151, 152: +2 < 2% of 150 = 3, though 100 → 152 would be a clear rise
    assert trend([100, 120, 150, 151, 152], True) == NO_CLEAR_CHANGE
    # last three 90, 80, 70 fall monotonically though earlier steps rose
    assert trend([10, 100, 90, 80, 70], None) == FALLING


# -- means -----------------------------------------------------------------------------------


def test_mean():
    assert mean([1, 2, 3, 4]) == pytest.approx(2.5)  # 10 / 4
    assert mean(v for v in (3.0, 6.0)) == pytest.approx(4.5)  # any iterable
    assert mean([]) is None


def test_weighted_mean():
    # (10 × 1 + 20 × 3) / (1 + 3) = 70 / 4 = 17.5 (the plain mean would be 15)
    assert weighted_mean([(10, 1), (20, 3)]) == pytest.approx(17.5)
    # a zero weight drops its value: (10 × 2 + 99 × 0) / 2 = 10
    assert weighted_mean([(10, 2), (99, 0)]) == pytest.approx(10.0)
    assert weighted_mean(iter([(4, 0.5), (8, 1.5)])) == pytest.approx(7.0)  # (2 + 12) / 2
    assert weighted_mean([(10, 0), (20, 0)]) is None
    assert weighted_mean([]) is None


# -- combined_value --------------------------------------------------------------------------


def test_combined_value_sums_numerators_and_denominators_with_the_scale():
    # rates per 10,000: 5 / 2,000 × 10,000 = 25; 3 / 3,000 × 10,000 = 10
    # combined = 10,000 × (5 + 3) / (2,000 + 3,000) = 10,000 × 8 / 5,000 = 16
    # (the population-weighted mean would be (25 × 1,000 + 10 × 4,000) / 5,000 = 13)
    units = [(25.0, 5.0, 2000.0, 1000.0), (10.0, 3.0, 3000.0, 4000.0)]
    combined = combined_value(units)
    assert combined.value == pytest.approx(16.0)
    assert combined.is_estimate is False
    assert combined.method == "Sum of numerators over sum of denominators"


def test_combined_value_takes_the_scale_from_a_part_with_a_numerator():
    # percentages: 1 / 4 × 100 = 25 and 0 / 100 × 100 = 0
    # combined = 100 × (0 + 1) / (100 + 4) = 0.96154 (the weighted mean would be 12.5)
    assert combined_value([(0.0, 0.0, 100.0, 50.0), (25.0, 1.0, 4.0, 50.0)]).value == (
        pytest.approx(100 / 104)
    )


def test_combined_value_is_a_population_weighted_estimate_when_a_part_lacks_counts():
    # no numerator for the second part:
    # (25 × 1,000 + 10 × 4,000) / (1,000 + 4,000) = 65,000 / 5,000 = 13
    no_numerator = combined_value([(25.0, 5.0, 2000.0, 1000.0), (10.0, None, 3000.0, 4000.0)])
    assert no_numerator == Combined(
        pytest.approx(13.0), True, "Estimate: population-weighted mean of its communities"
    )
    # no denominator for the first part: same weighted mean
    no_denominator = combined_value([(25.0, 5.0, None, 1000.0), (10.0, 3.0, 3000.0, 4000.0)])
    assert no_denominator.value == pytest.approx(13.0)
    assert no_denominator.is_estimate is True


def test_combined_value_with_all_numerators_zero():
    combined = combined_value([(0.0, 0.0, 100.0, 100.0), (0.0, 0.0, 250.0, 200.0)])
    assert combined == Combined(0.0, False, "Sum of numerators over sum of denominators")


def test_combined_value_of_nothing():
    assert combined_value([]) == Combined(None, False, "No values")


# -- markedly_poorer -------------------------------------------------------------------------


def test_markedly_poorer_when_worse_than_every_comparator_by_more_than_ten_per_cent():
    # lower is better: 30 is 5 worse than 25 (> 2.5) and 10 worse than 20 (> 2)
    assert markedly_poorer(30, comparators=[25, 20], higher_is_better=False) is True
    # higher is better: 40 is 10 worse than 50 (> 5) and 20 worse than 60 (> 6)
    assert markedly_poorer(40, comparators=[50, 60], higher_is_better=True) is True
    # the same numbers with the direction reversed are better, not worse
    assert markedly_poorer(30, comparators=[25, 20], higher_is_better=True) is False
    assert markedly_poorer(40, comparators=[50, 60], higher_is_better=False) is False


def test_markedly_poorer_needs_more_than_ten_per_cent():
    # 22 is 2 worse than 20 = exactly 10% of 20 → not flagged (and 12 worse than 10)
    assert markedly_poorer(22, comparators=[20, 10], higher_is_better=False) is False
    assert markedly_poorer(22.1, comparators=[20, 10], higher_is_better=False) is True
    # 45 is 5 worse than 50 = exactly 10% of 50
    assert markedly_poorer(45, comparators=[50], higher_is_better=True) is False
    assert markedly_poorer(44.9, comparators=[50], higher_is_better=True) is True
    # a custom margin: 22 vs 20 is 2 > 5% of 20 = 1
    assert markedly_poorer(22, comparators=[20], higher_is_better=False, margin=0.05) is True
    # worse by 1, under 10% of 20: not flagged
    assert markedly_poorer(21, comparators=[20], higher_is_better=False) is False


def test_markedly_poorer_not_when_better_than_one_comparator():
    # 30 is much worse than 20, but better than 35
    assert markedly_poorer(30, comparators=[20, 35], higher_is_better=False) is False
    assert markedly_poorer(30, comparators=[35, 20], higher_is_better=False) is False


def test_markedly_poorer_not_without_all_the_figures():
    assert markedly_poorer(30, comparators=[20, None], higher_is_better=False) is False
    assert markedly_poorer(30, comparators=[None, 20], higher_is_better=False) is False
    assert markedly_poorer(None, comparators=[20, 20], higher_is_better=False) is False
    assert markedly_poorer(30, comparators=[], higher_is_better=False) is False


def test_markedly_poorer_not_for_neutral_measures():
    assert markedly_poorer(30, comparators=[20, 10], higher_is_better=None) is False
    assert markedly_poorer(5, comparators=[20, 10], higher_is_better=None) is False


# -- local_quintiles -------------------------------------------------------------------------


def _quintiles(units):
    return {u.code: u.quintile for u in local_quintiles(units)}


def test_local_quintiles_with_unequal_populations():
    units = [
        Unit("D", 4.0, 400, deprivation=0.10),
        Unit("A", 1.0, 100, deprivation=0.30, deprived=30),
        Unit("E", 5.0, 100, deprivation=0.05),
        Unit("B", 2.0, 300, deprivation=0.25),
        Unit("C", None, 100, deprivation=0.20),
    ]
    # order A, B, C, D, E; total 1,000 people
    # A: m = (0 + 50) / 1000 = 0.05 → ⌊0.25⌋ + 1 = 1
    # B: m = (100 + 150) / 1000 = 0.25 → ⌊1.25⌋ + 1 = 2
    # C: m = (400 + 50) / 1000 = 0.45 → ⌊2.25⌋ + 1 = 3
    # D: m = (500 + 200) / 1000 = 0.70 → ⌊3.5⌋ + 1 = 4
    # E: m = (900 + 50) / 1000 = 0.95 → ⌊4.75⌋ + 1 = 5
    result = local_quintiles(units)
    assert [u.code for u in result] == ["A", "B", "C", "D", "E"]
    assert [u.quintile for u in result] == [1, 2, 3, 4, 5]
    # the other fields are kept
    assert result[0] == Unit("A", 1.0, 100, deprivation=0.30, deprived=30, quintile=1)
    assert result[2].value is None


def test_local_quintiles_unequal_populations_can_skip_quintiles():
    # big X (800) sits in the middle: Y m = 50/1000 = 0.05 → 1;
    # X m = (100 + 400)/1000 = 0.5 → ⌊2.5⌋ + 1 = 3; Z m = (900 + 50)/1000 = 0.95 → 5
    units = [
        Unit("X", 1.0, 800, deprivation=0.2),
        Unit("Z", 1.0, 100, deprivation=0.1),
        Unit("Y", 1.0, 100, deprivation=0.3),
    ]
    assert _quintiles(units) == {"Y": 1, "X": 3, "Z": 5}


def test_local_quintiles_break_ties_by_code():
    units = [
        Unit("S02", 1.0, 100, deprivation=0.3),
        Unit("S03", 1.0, 200, deprivation=0.1),
        Unit("S01", 1.0, 100, deprivation=0.3),
    ]
    # order S01, S02 (tied, by code), S03; total 400
    # S01: m = 50 / 400 = 0.125 → ⌊0.625⌋ + 1 = 1
    # S02: m = (100 + 50) / 400 = 0.375 → ⌊1.875⌋ + 1 = 2
    # S03: m = (200 + 100) / 400 = 0.75 → ⌊3.75⌋ + 1 = 4
    result = local_quintiles(units)
    assert [u.code for u in result] == ["S01", "S02", "S03"]
    assert [u.quintile for u in result] == [1, 2, 4]


def test_local_quintiles_of_one_community():
    # m = (0 + 50) / 100 = 0.5 → ⌊2.5⌋ + 1 = 3
    assert _quintiles([Unit("ONLY", 7.0, 100, deprivation=0.4)]) == {"ONLY": 3}


def test_local_quintiles_without_people():
    units = [Unit("A", 1.0, 0, deprivation=0.2), Unit("B", 2.0, 0, deprivation=0.1)]
    assert _quintiles(units) == {"A": None, "B": None}
    assert local_quintiles([]) == []


def test_local_quintiles_with_an_empty_unit_among_others():
    units = [
        Unit("A", 1.0, 100, deprivation=0.3),
        Unit("Z", 1.0, 0, deprivation=0.2),
        Unit("C", 1.0, 100, deprivation=0.1),
    ]
    # total 200: A m = 50/200 = 0.25 → 2; Z m = (100 + 0)/200 = 0.5 → 3;
    # C m = (100 + 50)/200 = 0.75 → 4
    assert _quintiles(units) == {"A": 2, "Z": 3, "C": 4}
    # an empty unit last: m = 200/200 = 1 → ⌊5⌋ + 1 = 6, capped at 5
    last = [*units, Unit("L", 1.0, 0, deprivation=0.0)]
    assert _quintiles(last) == {"A": 2, "Z": 3, "C": 4, "L": 5}


# -- quintile_values and gaps ----------------------------------------------------------------


def test_quintile_values_with_missing_values_and_empty_quintiles():
    units = [
        Unit("U1", 10.0, 100, quintile=1),
        Unit("U2", 20.0, 300, quintile=1),
        Unit("U3", None, 500, quintile=1),  # no value: its people don't count
        Unit("U4", None, 100, quintile=3),
        Unit("U5", 5.0, 0, quintile=4),  # a value but nobody
        Unit("U6", 8.0, 200, quintile=5),
        Unit("U7", 99.0, 400, quintile=None),  # in no quintile
    ]
    # Q1: people 100 + 300 = 400; value (10 × 100 + 20 × 300) / 400 = 7,000 / 400 = 17.5
    # Q2: no units; Q3: no unit with a value; Q4: weights sum to 0; Q5: 200 people at 8
    assert quintile_values(units) == [
        QuintileValue(1, 400, pytest.approx(17.5)),
        QuintileValue(2, 0, None),
        QuintileValue(3, 0, None),
        QuintileValue(4, 0, None),
        QuintileValue(5, 200, pytest.approx(8.0)),
    ]
    assert quintile_values([]) == [QuintileValue(q, 0, None) for q in range(1, 6)]


def _five(*values, populations=(100, 100, 100, 100, 100)):
    return [
        QuintileValue(q, population, value)
        for q, (population, value) in enumerate(zip(populations, values, strict=True), 1)
    ]


def test_gaps():
    # absolute 17.5 − 8 = 9.5; relative 17.5 / 8 = 2.1875
    absolute, relative = gaps(_five(17.5, None, None, None, 8.0))
    assert absolute == pytest.approx(9.5)
    assert relative == pytest.approx(2.1875)
    # the gap can be negative: 6 − 12 = −6; 6 / 12 = 0.5
    assert gaps(_five(6.0, 1.0, 1.0, 1.0, 12.0)) == (pytest.approx(-6.0), pytest.approx(0.5))


def test_gaps_with_zero_or_missing_values():
    # least deprived 0: absolute 5 − 0 = 5, no ratio
    assert gaps(_five(5.0, 4.0, 3.0, 2.0, 0.0)) == (pytest.approx(5.0), None)
    # most deprived 0: 0 − 4 = −4; 0 / 4 = 0
    assert gaps(_five(0.0, 1.0, 2.0, 3.0, 4.0)) == (pytest.approx(-4.0), 0.0)
    assert gaps(_five(None, 4.0, 3.0, 2.0, 1.0)) == (None, None)
    assert gaps(_five(5.0, 4.0, 3.0, 2.0, None)) == (None, None)


# -- sii_rii ---------------------------------------------------------------------------------

# Populations 200, 100, 300, 200, 200 (total 1,000): shares 0.2, 0.1, 0.3, 0.2, 0.2
# ranks: Q1 0.1; Q2 0.2 + 0.05 = 0.25; Q3 0.3 + 0.15 = 0.45; Q4 0.6 + 0.1 = 0.7;
#        Q5 0.8 + 0.1 = 0.9
# x̄ = 0.2·0.1 + 0.1·0.25 + 0.3·0.45 + 0.2·0.7 + 0.2·0.9 = 0.5
# x − x̄ = −0.4, −0.25, −0.05, 0.2, 0.4
# Sxx = 0.2·0.16 + 0.1·0.0625 + 0.3·0.0025 + 0.2·0.04 + 0.2·0.16 = 0.079
POPULATIONS = (200, 100, 300, 200, 200)


def test_sii_rii_lower_is_better():
    quintiles = _five(50.0, 40.0, 35.0, 30.0, 20.0, populations=POPULATIONS)
    # ȳ = 0.2·50 + 0.1·40 + 0.3·35 + 0.2·30 + 0.2·20 = 10 + 4 + 10.5 + 6 + 4 = 34.5
    # y − ȳ = 15.5, 5.5, 0.5, −4.5, −14.5
    # Sxy = 0.2(−0.4)(15.5) + 0.1(−0.25)(5.5) + 0.3(−0.05)(0.5) + 0.2(0.2)(−4.5)
    #       + 0.2(0.4)(−14.5) = −1.24 − 0.1375 − 0.0075 − 0.18 − 1.16 = −2.725
    # b = −2.725 / 0.079 = −34.4937; lower is better: SII = −b = 2725/79 = 34.4937
    # RII = 34.4937 / 34.5 = 2725 / 2725.5 = 0.99982
    sii, rii = sii_rii(quintiles, False)
    assert sii == pytest.approx(2725 / 79)
    assert rii == pytest.approx(2725 / 79 / 34.5)
    # neither direction better: as lower is better
    assert sii_rii(quintiles, None) == (pytest.approx(2725 / 79), pytest.approx(2725 / 79 / 34.5))
    # higher is better with the same values: the most deprived fare better → negative
    assert sii_rii(quintiles, True) == (
        pytest.approx(-2725 / 79),
        pytest.approx(-2725 / 79 / 34.5),
    )


def test_sii_rii_higher_is_better():
    quintiles = _five(20.0, 30.0, 35.0, 40.0, 50.0, populations=POPULATIONS)
    # ȳ = 0.2·20 + 0.1·30 + 0.3·35 + 0.2·40 + 0.2·50 = 4 + 3 + 10.5 + 8 + 10 = 35.5
    # y − ȳ = −15.5, −5.5, −0.5, 4.5, 14.5 → Sxy = +2.725 (the mirror of the case above)
    # b = 2.725 / 0.079 = 34.4937; higher is better: SII = b = 34.4937 (most deprived worse)
    # RII = 34.4937 / 35.5 = 2725 / 2804.5 = 0.97165
    sii, rii = sii_rii(quintiles, True)
    assert sii == pytest.approx(2725 / 79)
    assert rii == pytest.approx(2725 / 79 / 35.5)
    sii, rii = sii_rii(quintiles, False)
    assert sii == pytest.approx(-2725 / 79)
    assert rii == pytest.approx(-2725 / 79 / 35.5)


def test_sii_rii_leaves_out_quintiles_without_people_or_a_value():
    # Q2 no value, Q3 no value, Q4 a value but nobody: Q1 (100 at 10) and Q5 (300 at 30)
    # shares 0.25, 0.75 → ranks 0.125, 0.25 + 0.375 = 0.625
    # two points: b = (30 − 10) / (0.625 − 0.125) = 40; lower is better: SII = −40
    # ȳ = 0.25·10 + 0.75·30 = 25; RII = −40 / 25 = −1.6
    quintiles = _five(10.0, None, None, 99.0, 30.0, populations=(100, 100, 100, 0, 300))
    sii, rii = sii_rii(quintiles, False)
    assert sii == pytest.approx(-40.0)
    assert rii == pytest.approx(-1.6)


def test_sii_rii_of_equal_values_is_zero():
    sii, rii = sii_rii(_five(20.0, 20.0, 20.0, 20.0, 20.0, populations=POPULATIONS), False)
    assert sii == pytest.approx(0.0)
    assert rii == pytest.approx(0.0)


def test_sii_rii_needs_two_quintiles():
    assert sii_rii(_five(10.0, None, None, None, None), False) == (None, None)
    assert sii_rii(_five(10.0, 20.0, None, None, None, populations=(100, 0, 0, 0, 0)), True) == (
        None,
        None,
    )
    assert sii_rii(_five(None, None, None, None, None), True) == (None, None)
    assert sii_rii([], True) == (None, None)


def test_rii_without_a_mean():
    # Q1 −10, Q5 +10, equal people: ranks 0.25, 0.75; b = 20 / 0.5 = 40; ȳ = 0
    sii, rii = sii_rii(_five(-10.0, None, None, None, 10.0), False)
    assert sii == pytest.approx(-40.0)
    assert rii is None


# -- duncan_index ----------------------------------------------------------------------------

# Four communities (value, people, income-deprived people):
#   A 30, 100, 40;  B 20, 200, 30;  C 10, 100, 10;  D 25, 100, 20
FOUR = [
    Unit("A", 30.0, 100, deprived=40),
    Unit("B", 20.0, 200, deprived=30),
    Unit("C", 10.0, 100, deprived=10),
    Unit("D", 25.0, 100, deprived=20),
]


def test_duncan_index_worked_example_lower_is_better():
    # worst first (descending values): A 30, D 25, B 20, C 10
    # deprived 40, 20, 30, 10 (total 100): a = 0.4, 0.6, 0.9, 1.0
    # others 60, 80, 170, 90 (total 400): b = 0.15, 0.35, 0.775, 1.0
    # Σ a_k b_{k+1} = 0.4·0.35 + 0.6·0.775 + 0.9·1.0 = 0.14 + 0.465 + 0.9 = 1.505
    # Σ a_{k+1} b_k = 0.6·0.15 + 0.9·0.35 + 1.0·0.775 = 0.09 + 0.315 + 0.775 = 1.18
    # D = 1.505 − 1.18 = 0.325
    assert duncan_index(FOUR, False) == pytest.approx(0.325)


def test_duncan_index_worked_example_higher_is_better():
    # worst first (ascending values): C 10, B 20, D 25, A 30
    # deprived 10, 30, 20, 40: a = 0.1, 0.4, 0.6, 1.0
    # others 90, 170, 80, 60: b = 0.225, 0.65, 0.85, 1.0
    # Σ a_k b_{k+1} = 0.1·0.65 + 0.4·0.85 + 0.6·1.0 = 0.065 + 0.34 + 0.6 = 1.005
    # Σ a_{k+1} b_k = 0.4·0.225 + 0.6·0.65 + 1.0·0.85 = 0.09 + 0.39 + 0.85 = 1.33
    # D = 1.005 − 1.33 = −0.325
    assert duncan_index(FOUR, True) == pytest.approx(-0.325)


def test_duncan_index_fully_concentrated_and_reversed():
    # lower is better; worst first: P 50 (all 10 deprived), Q 10 (none of 10 deprived)
    # a = 1, 1; b = 0, 1 → D = a1·b2 − a2·b1 = 1·1 − 1·0 = 1
    concentrated = [Unit("Q", 10.0, 10, deprived=0), Unit("P", 50.0, 10, deprived=10)]
    assert duncan_index(concentrated, False) == pytest.approx(1.0)
    # the deprived people where outcomes are best: worst first Q then P
    # a = 0, 1; b = 1, 1 → D = 0·1 − 1·1 = −1
    assert duncan_index(concentrated, True) == pytest.approx(-1.0)
    reversed_ = [Unit("Q", 10.0, 10, deprived=10), Unit("P", 50.0, 10, deprived=0)]
    assert duncan_index(reversed_, False) == pytest.approx(-1.0)


def test_duncan_index_breaks_ties_in_value_by_code():
    # equal values, so the order is by code whatever the direction: S1 then S2
    # S1 all deprived, S2 none: a = 1, 1; b = 0, 1 → D = 1 (S2 first would give −1)
    tied = [Unit("S2", 10.0, 10, deprived=0), Unit("S1", 10.0, 10, deprived=10)]
    assert duncan_index(tied, False) == pytest.approx(1.0)
    assert duncan_index(tied, True) == pytest.approx(1.0)
    flipped = [Unit("S2", 10.0, 10, deprived=10), Unit("S1", 10.0, 10, deprived=0)]
    assert duncan_index(flipped, False) == pytest.approx(-1.0)


def test_duncan_index_with_missing_values():
    # 5 units, 1 without a value: 1/5 = 20% missing, not more → computed on the other
    # four, which are the worked example above (0.325)
    exactly_20 = [*FOUR, Unit("M", None, 100, deprived=50)]
    assert duncan_index(exactly_20, False) == pytest.approx(0.325)
    # 6 units, 2 without a value: 2/6 = 33% > 20% → None
    over_20 = [*exactly_20, Unit("N", None, 100, deprived=50)]
    assert duncan_index(over_20, False) is None
    # 4 units, 1 missing: 25% > 20%
    assert duncan_index([*FOUR[:3], Unit("D", None, 100, deprived=20)], False) is None


def test_duncan_index_needs_two_communities_and_a_direction():
    assert duncan_index([Unit("A", 30.0, 100, deprived=40)], False) is None
    assert duncan_index([], False) is None
    assert duncan_index(FOUR, None) is None


def test_duncan_index_needs_deprived_and_other_people():
    nobody = [Unit("A", 30.0, 100, deprived=0), Unit("B", 20.0, 100, deprived=0)]
    assert duncan_index(nobody, False) is None
    everybody = [Unit("A", 30.0, 100, deprived=100), Unit("B", 20.0, 100, deprived=100)]
    assert duncan_index(everybody, False) is None


# -- disadvantage_gap and gap_change ---------------------------------------------------------


def test_disadvantage_gap():
    assert disadvantage_gap(5.0, False) == 5.0  # most − least when lower is better
    assert disadvantage_gap(5.0, True) == -5.0  # least − most when higher is better
    assert disadvantage_gap(None, True) is None
    assert disadvantage_gap(5.0, None) is None


def test_gap_change_lower_is_better():
    # the disadvantage gap is the absolute gap itself
    assert gap_change(10.0, 8.0, False) == NARROWED  # 8 < 10
    assert gap_change(10.0, 12.0, False) == WIDENED  # 12 > 10
    assert gap_change(10.0, 10.0, False) == UNCHANGED
    # rounded to 4 decimals: 10.00001 → 10.0 (unchanged), 10.0001 stays (widened)
    assert gap_change(10.0, 10.00001, False) == UNCHANGED
    assert gap_change(10.0, 10.0001, False) == WIDENED
    assert gap_change(-2.0, -5.0, False) == NARROWED  # deprived now fare better still


def test_gap_change_higher_is_better():
    # most − least = −10 → disadvantage 10; −8 → 8: narrowed
    assert gap_change(-10.0, -8.0, True) == NARROWED
    # −10 → −12: disadvantage 10 → 12: widened
    assert gap_change(-10.0, -12.0, True) == WIDENED
    assert gap_change(-10.0, -10.0, True) == UNCHANGED
    # 10 → 8 (deprived ahead, by less): disadvantage −10 → −8, widened
    assert gap_change(10.0, 8.0, True) == WIDENED


def test_gap_change_without_figures():
    assert gap_change(None, 8.0, False) is None
    assert gap_change(10.0, None, True) is None
    assert gap_change(10.0, 8.0, None) is None


# -- poorest_in_the_round --------------------------------------------------------------------

# Lower is better: A 10, B 30, C 10, D 30, E 20 (E has no second measure)
#   mean 20; deviations −10, 10, −10, 10, 0; variance 400 / 5 = 80; sd √80
#   z = ±10/√80 = ±√1.25 (worse is larger: A −, B +, C −, D +, E 0)
# Higher is better: A 50, B 70, C 30, D 50
#   mean 50; deviations 0, 20, −20, 0; variance 800 / 4 = 200; sd √200
#   z = 0, 20/√200 = √2, −√2, 0; turned: A 0, B −√2, C +√2, D 0
# Scores: A −√1.25, B √1.25 − √2, C −√1.25 + √2, D √1.25
#       = −1.1180, −0.2962, 0.2962, 1.1180 → D, C, B, A
LOW = (False, {"A": 10.0, "B": 30.0, "C": 10.0, "D": 30.0, "E": 20.0})
HIGH = (True, {"A": 50.0, "B": 70.0, "C": 30.0, "D": 50.0})
R = math.sqrt(1.25)
S = math.sqrt(2)


def _split(result):
    return [code for code, _ in result], [score for _, score in result]


def test_poorest_in_the_round_worked_example():
    codes, scores = _split(poorest_in_the_round([LOW, HIGH]))
    assert codes == ["D", "C", "B", "A"]  # E lacks the second measure
    assert scores == pytest.approx([R, S - R, R - S, -R])


def test_poorest_in_the_round_ignores_a_constant_measure():
    constant = (True, {"A": 5.0, "B": 5.0, "C": 5.0, "D": 5.0})
    codes, scores = _split(poorest_in_the_round([LOW, constant, HIGH]))
    assert codes == ["D", "C", "B", "A"]
    assert scores == pytest.approx([R, S - R, R - S, -R])


def test_poorest_in_the_round_ranks_only_communities_with_every_measure():
    # F has only the second measure; E only the first: neither is ranked, though each
    # counts in its own measure's mean and spread
    high = (True, {**HIGH[1], "F": 50.0})
    # second measure now A 50, B 70, C 30, D 50, F 50: mean 50, variance 800/5 = 160
    # z = 0, 20/√160 = √2.5, −√2.5, 0
    codes, scores = _split(poorest_in_the_round([LOW, high]))
    t = math.sqrt(2.5)
    assert codes == ["D", "C", "B", "A"]
    assert scores == pytest.approx([R, t - R, R - t, -R])
    # one measure alone ranks everyone with a value for it
    codes, scores = _split(poorest_in_the_round([LOW]))
    # B, D tied at +√1.25 (by code), E 0, A, C tied at −√1.25
    assert codes == ["B", "D", "E", "A", "C"]
    assert scores == pytest.approx([R, R, 0.0, -R, -R])


def test_poorest_in_the_round_count():
    codes, _ = _split(poorest_in_the_round([LOW, HIGH], count=2))
    assert codes == ["D", "C"]
    # default 5 of 7: values 1..7, lower is better → the five largest, worst first
    seven = (False, {code: float(i) for i, code in enumerate("ABCDEFG", 1)})
    codes, _ = _split(poorest_in_the_round([seven]))
    assert codes == ["G", "F", "E", "D", "C"]


def test_poorest_in_the_round_ties_by_code():
    # lower is better: mean 2, sd 1 → Z, W at +1, Y, X at −1
    values = (False, {"Z": 3.0, "Y": 1.0, "X": 1.0, "W": 3.0})
    assert poorest_in_the_round([values]) == [
        ("W", pytest.approx(1.0)),
        ("Z", pytest.approx(1.0)),
        ("X", pytest.approx(-1.0)),
        ("Y", pytest.approx(-1.0)),
    ]


def test_poorest_in_the_round_of_nothing():
    assert poorest_in_the_round([]) == []
    # one measure, all equal: everyone scores 0, ordered by code
    assert poorest_in_the_round([(True, {"B": 1.0, "A": 1.0})]) == [("A", 0.0), ("B", 0.0)]


def test_poorest_in_the_round_with_an_empty_measure():
    # no community has a value for every measure, so nobody is ranked
    assert poorest_in_the_round([LOW, (True, {})]) == []


@pytest.mark.parametrize(
    ("values", "higher_is_better", "expected"),
    [
        ([3, 1, None, 3, 2], True, [1, 4, None, 1, 3]),
        ([3, 1, None, 3, 2], None, [1, 4, None, 1, 3]),
        ([3, 1, None, 3, 2], False, [3, 1, None, 3, 2]),
        ([0.0, -0.0, 5], False, [1, 1, 3]),
        ([None, None], True, [None, None]),
        ([], True, []),
    ],
)
def test_ranks_share_a_place_when_equal_and_skip_the_next(values, higher_is_better, expected):
    assert ranks(values, higher_is_better) == expected
