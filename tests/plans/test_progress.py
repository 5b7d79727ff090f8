"""Progress of plan indicators: status against target, trend, comparisons, the gap between
the most and least deprived, the dashboards and the indicator page's tables.

Everything runs on the small fictional world of ``tests/plans/conftest.py`` (``world``):
a council area "Glen Fictional" with ten communities, so each figure is worked out by
hand below from the numbers in that fixture, never through the code under test.

Hand workings used by several tests
-----------------------------------
Population-weighted fifths of the communities by the share of people income deprived
(most deprived first; population 10,000, so each fifth is 2,000 people). A community's
midpoint m = (people before it + half its own) / 10,000 puts it in fifth ⌊5m⌋ + 1:

    GF01 40%  pop 1000  m = 500/10000  = 0.05  -> 1
    GF02 35%  pop 1000  m = 1500/10000 = 0.15  -> 1
    GF03 30%  pop 2000  m = 3000/10000 = 0.30  -> 2
    GF04 25%  pop 1000  m = 4500/10000 = 0.45  -> 3
    GF05 20%  pop 1000  m = 0.55               -> 3
    GF06 15%  pop 1000  m = 0.65               -> 4
    GF07 10%  pop 1000  m = 0.75               -> 4
    GF08  8%  pop  500  m = 8250/10000 = 0.825 -> 5
    GF09  5%  pop 1000  m = 0.90               -> 5
    GF10  2%  pop  500  m = 0.975              -> 5

Fifth values (population-weighted means), 2021/22 (the baseline):
    1: (30×1000 + 28×1000)/2000 = 29       2: 25       3: (22 + 20)/2 = 21
    4: (18 + 16)/2 = 17                    5: (12×500 + 10×1000 + 8×500)/2000 = 10
    absolute gap 29 − 10 = 19, relative gap 29/10 = 2.9
2024/25 (the latest, GF10's value imputed):
    1: (26 + 24)/2 = 25    2: 23    3: (20 + 18)/2 = 19    4: (16 + 14)/2 = 15
    5: (11×500 + 9×1000 + 7×500)/2000 = 9
    absolute gap 25 − 9 = 16, relative gap 25/9
Lower is better, so the disadvantage gap is the absolute gap: 16 < 19, the gap narrowed.

SII (each fifth holds 20% of the people: ranks 0.1, 0.3, 0.5, 0.7, 0.9, mean 0.5):
    2021/22: mean value 102/5 = 20.4; Σw(x−x̄)(y−ȳ) = 0.2 × (−0.4×8.6 − 0.2×4.6 + 0 + 0.2×(−3.4)
             + 0.4×(−10.4)) = 0.2 × −9.2 = −1.84; Σw(x−x̄)² = 0.2 × 0.4 = 0.08;
             slope −23, lower is better so SII = 23, RII = 23/20.4
    2024/25: mean 91/5 = 18.2; Σ = 0.2 × (−0.4×6.8 − 0.2×4.8 + 0.2×(−3.2) + 0.4×(−9.2))
             = 0.2 × −8 = −1.6; slope −20, SII = 20, RII = 20/18.2
Duncan index (the communities in the same worst-to-best order both years, so the same
value): with 2,150 income-deprived and 7,850 other people, cumulative shares a_k and b_k
in the order GF01…GF10, Σ a_k b_{k+1} − Σ a_{k+1} b_k = 2718/6751.

Status on 2024/25 (the newest value that is not a projection: 16.5, imputed):
    baseline 20 at 31 Mar 2022, target 14 at 31 Mar 2027: 1,826 days;
    31 Mar 2022 → 31 Mar 2025 is 1,096 days (2024 is a leap year);
    expected = 20 − 6 × 1096/1826 = 16.3987; shortfall = 16.5 − 16.3987 = 0.1013;
    tolerance = 5% × |14 − 20| = 0.3; 0 < 0.1013 ≤ 0.3: at risk.
Trend over 19.0, 17.8, 16.5: falls 2.5 (more than 2% of 19), both steps down, lower is
better: improving.
Comparison in 2024/25: Scotland 18.0; family group 99 = Glen Fictional 16.5 and Strath
Fictional 21.0; Glen Fictional is compared with the other member only: mean 21.0 of 1.
"""

import datetime
from fractions import Fraction

import pytest
from django.utils import timezone

from placeplan.performance import analysis
from placeplan.performance.inequality import (
    BASIS_LABELS,
    INCOME,
    indicator_inequality,
    inequality_all,
    inequality_series,
)
from placeplan.performance.models import Observation
from placeplan.performance.selectors import (
    community_values,
    comparison_get,
    measure_points,
)
from placeplan.places.models import Area, TypologyGroup
from placeplan.plans import services
from placeplan.plans.models import OutcomeIndicator, Plan
from placeplan.plans.progress import (
    evidence_table,
    indicator_evidence,
    indicator_progress,
    partnership_dashboard,
    plan_indicator_get,
    public_indicators,
)
from tests.factories import user_with_role
from tests.plans.conftest import (
    WORLD_COMMUNITIES,
    WORLD_IMPUTED_COMMUNITY,
    WORLD_NEIGHBOUR,
    World,
    agree,
    fresh,
    publish,
    world_value,
)

pytestmark = pytest.mark.django_db

# A fixed "today" for the status: well after the latest value, well before it goes stale.
TODAY = datetime.date(2026, 11, 23)
EXPECTED_2025 = 20 - 6 * 1096 / 1826  # 16.398685...
EXPECTED_2026 = 20 - 6 * 1461 / 1826  # 31 Mar 2022 → 31 Mar 2026: 1,461 days; 15.199343...
BASELINE_FIFTHS = [29.0, 25.0, 21.0, 17.0, 10.0]
LATEST_FIFTHS = [25.0, 23.0, 19.0, 15.0, 9.0]
DUNCAN = float(Fraction(2718, 6751))


def community(world: World, code: str) -> Area:
    return next(a for a in world.communities if a.code == code)


def set_value(world: World, area: Area, label: str, value: float, kind: str = "raw"):
    observation = Observation.objects.get(measure=world.measure, area=area, period__label=label)
    observation.value, observation.kind = value, kind
    observation.save()


# -- indicator_progress ------------------------------------------------------------------------


def test_progress_of_the_published_indicator_matches_the_hand_figures(world):
    progress = indicator_progress(indicator=world.indicator, today=TODAY)

    # Latest: 2024/25 (the 2025/26 value is a projection, never the latest), an estimate.
    assert progress.latest["period"] == "2024/25"
    assert progress.latest["value"] == 16.5
    assert progress.latest["is_estimate"] is True
    assert progress.latest["kind_label"] == "Estimate (imputed)"
    # Every value is on the series, the projection too (flagged as an estimate).
    assert [(p["period"], p["is_estimate"]) for p in progress.points] == [
        ("2021/22", False),
        ("2022/23", False),
        ("2023/24", False),
        ("2024/25", True),
        ("2025/26", True),
    ]

    status = progress.status
    assert status.code == analysis.AT_RISK
    assert status.label == "At risk"
    assert status.target == analysis.Point(datetime.date(2027, 3, 31), 14.0)
    assert status.expected == pytest.approx(EXPECTED_2025)
    assert status.expected == pytest.approx(16.398686, abs=1e-6)
    assert status.shortfall == pytest.approx(16.5 - EXPECTED_2025)
    assert status.tolerance == pytest.approx(0.3)

    assert progress.trend == analysis.IMPROVING
    assert progress.trend_label == "Improving"

    comparison = progress.comparison
    assert comparison.period == "2024/25"
    assert comparison.scotland == 18.0
    assert comparison.group_name == "Family group 99 (by deprivation)"
    # The other council area of the family group (21); never the area itself.
    assert comparison.group_average == pytest.approx(21.0)
    assert comparison.group_size == 1

    assert progress.gap == analysis.NARROWED
    assert progress.gap_label == "Gap narrowed"
    assert progress.gap_baseline.absolute_gap == pytest.approx(19.0)
    assert progress.gap_latest.absolute_gap == pytest.approx(16.0)
    assert [q.value for q in progress.gap_baseline.quintiles] == pytest.approx(BASELINE_FIFTHS)
    assert [q.value for q in progress.gap_latest.quintiles] == pytest.approx(LATEST_FIFTHS)
    assert progress.targets == list(world.indicator.targets.all())


def test_a_projection_better_than_the_target_changes_neither_latest_nor_status(world):
    # A projected 2026/27 value that would beat the target: projections are never used.
    world_value(world.measure, world.council, "2026/27", 5.0, "projected")
    progress = indicator_progress(indicator=world.indicator, today=TODAY)
    assert progress.latest["period"] == "2024/25"
    assert progress.status.code == analysis.AT_RISK
    assert progress.status.expected == pytest.approx(EXPECTED_2025)
    assert progress.trend == analysis.IMPROVING  # over 19.0, 17.8, 16.5 still
    assert progress.comparison.period == "2024/25"
    assert progress.points[-1]["period"] == "2026/27"


def test_a_measured_value_replacing_the_projection_becomes_the_latest(world):
    # 2025/26 measured at 15.0. Expected on 31 Mar 2026: 20 − 6 × 1461/1826 = 15.1993;
    # 15.0 is better (lower) than that, so on track; 17.8, 16.5, 15.0 still improving.
    set_value(world, world.council, "2025/26", 15.0, "raw")
    progress = indicator_progress(indicator=world.indicator, today=TODAY)
    assert progress.latest["period"] == "2025/26"
    assert progress.latest["is_estimate"] is False
    assert progress.status.code == analysis.ON_TRACK
    assert progress.status.expected == pytest.approx(EXPECTED_2026)
    assert progress.status.shortfall == pytest.approx(15.0 - EXPECTED_2026)
    assert progress.trend == analysis.IMPROVING
    # No community values for 2025/26, so no gap for the latest period.
    assert progress.gap is None and progress.gap_latest is None


def test_a_latest_value_far_off_the_trajectory_is_off_track(world):
    # 17.0 in 2024/25: shortfall 17 − 16.3987 = 0.6013 > tolerance 0.3.
    set_value(world, world.council, "2024/25", 17.0, "raw")
    progress = indicator_progress(indicator=world.indicator, today=TODAY)
    assert progress.status.code == analysis.OFF_TRACK
    assert progress.status.shortfall == pytest.approx(17.0 - EXPECTED_2025)
    assert progress.latest["is_estimate"] is False


@pytest.mark.parametrize(
    ("tolerance", "allowed", "code"),
    [
        # The allowance is the tolerance's share of |14 − 20| = 6; the shortfall is 0.1013.
        (1, 0.06, analysis.OFF_TRACK),
        (2, 0.12, analysis.AT_RISK),
        (50, 3.0, analysis.AT_RISK),  # never on track while worse than expected
    ],
)
def test_the_tolerance_is_a_share_of_the_baseline_to_target_distance(
    world, tolerance, allowed, code
):
    OutcomeIndicator.objects.filter(pk=world.indicator.pk).update(tolerance=tolerance)
    progress = indicator_progress(indicator=fresh(world.indicator), today=TODAY)
    assert progress.status.tolerance == pytest.approx(allowed)
    assert progress.status.code == code


def test_the_status_goes_stale_five_years_after_the_latest_value(world):
    # 2024/25 ends 31 Mar 2025: stale from 1 Apr 2030 (five years before is 1 Apr 2025).
    on_the_day = indicator_progress(indicator=world.indicator, today=datetime.date(2030, 3, 31))
    assert on_the_day.status.code == analysis.AT_RISK
    later = indicator_progress(indicator=world.indicator, today=datetime.date(2030, 4, 1))
    assert later.status.code == analysis.NO_RECENT_DATA
    assert later.status.label == "No recent data"


def test_the_widening_gap_is_reported(world):
    # GF01 and GF02 rise to 35 in 2024/25: fifth 1 = 35, gap 35 − 9 = 26 > 19: widened.
    for code in ("S02900001", "S02900002"):
        set_value(world, community(world, code), "2024/25", 35.0)
    progress = indicator_progress(indicator=world.indicator, today=TODAY)
    assert progress.gap_latest.absolute_gap == pytest.approx(26.0)
    assert progress.gap == analysis.WIDENED
    assert progress.gap_label == "Gap widened"


def test_an_unchanged_gap_is_reported(world):
    # GF01 and GF02 at 28 and 26 in 2024/25: fifth 1 = 27; GF08–GF10 at 8 each:
    # fifth 5 = 8; gap 27 − 8 = 19, the same as the baseline's.
    set_value(world, community(world, "S02900001"), "2024/25", 28.0)
    set_value(world, community(world, "S02900002"), "2024/25", 26.0)
    for code in ("S02900008", "S02900009", "S02900010"):
        set_value(world, community(world, code), "2024/25", 8.0)
    progress = indicator_progress(indicator=world.indicator, today=TODAY)
    assert progress.gap_latest.absolute_gap == pytest.approx(19.0)
    assert progress.gap == analysis.UNCHANGED


def test_a_community_indicator_without_baseline_or_target(world):
    # The draft's indicator is for GF01: two values, no target, no typology group.
    progress = indicator_progress(indicator=world.draft_indicator, today=TODAY)
    assert progress.status.code == analysis.NO_TARGET
    assert progress.trend == analysis.NOT_ENOUGH_DATA
    assert progress.latest["period"] == "2024/25" and progress.latest["value"] == 26.0
    assert progress.comparison.scotland == 18.0
    assert progress.comparison.group_average is None and progress.comparison.group_size == 0
    # Inequality is for council areas only.
    assert progress.gap is None and progress.gap_baseline is None


def test_a_baseline_without_a_date_cannot_draw_the_trajectory(world):
    # A baseline entered for a period label that is neither stored nor readable as dates.
    indicator = services.indicator_baseline_set(
        indicator=world.draft_indicator, value=27.0, period="Autumn survey"
    )
    services.target_add(indicator=indicator, value=20.0, due=datetime.date(2030, 3, 31))
    progress = indicator_progress(indicator=fresh(indicator), today=TODAY)
    assert progress.status.code == analysis.NO_BASELINE
    assert progress.status.label == "No baseline"


def test_an_indicator_with_no_values_has_no_latest_and_no_comparison(world):
    OutcomeIndicator.objects.filter(pk=world.draft_indicator.pk).update(
        area=community(world, "S02900005")
    )
    Observation.objects.filter(measure=world.measure, area__code="S02900005").delete()
    progress = indicator_progress(indicator=fresh(world.draft_indicator), today=TODAY)
    assert progress.latest is None and progress.points == []
    assert progress.comparison is None
    assert progress.trend == analysis.NOT_ENOUGH_DATA
    assert progress.sparkline is None


def test_the_sparkline_runs_over_every_value_oldest_first(world):
    line = indicator_progress(indicator=world.indicator, today=TODAY).sparkline
    # Values 20, 19, 17.8, 16.5, 10: low 10, high 20, span 10; x every 25.
    # y = 22 − (v − 10)/10 × 20: 2, 4, 6.4, 9, 22.
    assert line["points"] == "0.0,2.0 25.0,4.0 50.0,6.4 75.0,9.0 100.0,22.0"
    assert line["last"] == (100.0, 22.0)
    assert (line["first_period"], line["last_period"]) == ("2021/22", "2025/26")


# -- inequality ---------------------------------------------------------------------------------


def test_inequality_series_matches_the_hand_figures(world):
    series = inequality_series(council_area=world.council, measure=world.measure)
    assert list(series) == ["2021/22", "2024/25"]  # oldest first, only periods with values

    before, after = series["2021/22"], series["2024/25"]
    assert before.basis == INCOME and before.basis_label == BASIS_LABELS[INCOME]
    assert [q.population for q in before.quintiles] == [2000.0] * 5
    assert [q.value for q in before.quintiles] == pytest.approx(BASELINE_FIFTHS)
    assert before.absolute_gap == pytest.approx(19.0)
    assert before.relative_gap == pytest.approx(2.9)
    assert before.sii == pytest.approx(23.0)
    assert before.rii == pytest.approx(23.0 / 20.4)
    assert before.duncan_index == pytest.approx(DUNCAN)
    assert before.has_estimates is False
    assert before.notes == []
    assert before.disadvantage_gap == pytest.approx(19.0)

    assert [q.value for q in after.quintiles] == pytest.approx(LATEST_FIFTHS)
    assert after.absolute_gap == pytest.approx(16.0)
    assert after.relative_gap == pytest.approx(25.0 / 9.0)
    assert after.sii == pytest.approx(20.0)
    assert after.rii == pytest.approx(20.0 / 18.2)
    assert after.duncan_index == pytest.approx(DUNCAN)
    assert after.has_estimates is True  # GF10's 2024/25 value is imputed
    assert after.notes == ["Some values for this period are estimates (imputed or projected)."]


def test_indicator_inequality_for_one_period_and_for_a_period_without_values(world):
    one = indicator_inequality(council_area=world.council, measure=world.measure, period="2021/22")
    assert one.absolute_gap == pytest.approx(19.0)
    none = indicator_inequality(council_area=world.council, measure=world.measure, period="2022/23")
    assert none.quintiles == [] and none.absolute_gap is None and none.sii is None
    assert none.notes == ["No values for 2022/23."]


def test_a_council_only_measure_cannot_be_split_by_deprivation(world):
    result = indicator_inequality(
        council_area=world.council, measure=world.council_only, period="2024/25"
    )
    assert result.quintiles == []
    assert (result.absolute_gap, result.relative_gap, result.sii, result.rii) == (None,) * 4
    assert result.duncan_index is None
    assert result.notes == [
        "“Fictional council-only measure” is reported only for whole council areas, so it "
        "cannot be split by deprivation."
    ]
    assert inequality_series(council_area=world.council, measure=world.council_only) == {}


def test_the_duncan_index_is_withheld_when_over_a_fifth_of_communities_lack_a_value(world):
    # Three of ten communities without a 2021/22 value: 30% > 20%.
    Observation.objects.filter(
        measure=world.measure,
        period__label="2021/22",
        area__code__in=["S02900004", "S02900006", "S02900007"],
    ).delete()
    result = indicator_inequality(
        council_area=world.council, measure=world.measure, period="2021/22"
    )
    assert result.duncan_index is None
    assert (
        "The Duncan index is not given: 3 of 10 areas have no value (more than 20%)."
        in result.notes
    )
    # Fifths 3 and 4 lose GF04 and GF06/GF07: fifth 3 = GF05 alone (20), fifth 4 has none.
    assert [q.value for q in result.quintiles] == pytest.approx([29.0, 25.0, 20.0, None, 10.0])
    assert [q.population for q in result.quintiles] == [2000.0, 2000.0, 1000.0, 0.0, 2000.0]


def test_inequality_all_covers_the_world_measure(world):
    results = inequality_all(measures=[world.measure])
    # Only Glen Fictional's communities have values of the test measure.
    assert [(r.period, round(r.absolute_gap, 6)) for r in results] == [
        ("2021/22", 19.0),
        ("2024/25", 16.0),
    ]
    assert [q.value for q in results[0].quintiles] == pytest.approx(BASELINE_FIFTHS)


# -- selectors behind the pages -------------------------------------------------------------


def test_measure_points_are_oldest_first_and_limited_by_period_end(world):
    points = measure_points(measure=world.measure, area=world.council)
    assert [p["value"] for p in points] == [20.0, 19.0, 17.8, 16.5, 10.0]
    assert points[0]["end"] == datetime.date(2022, 3, 31)
    assert points[0]["source"] == "Fictional test source"
    assert [p["kind"] for p in points] == ["raw", "raw", "raw", "imputed", "projected"]
    limited = measure_points(
        measure=world.measure,
        area=world.council,
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2025, 3, 31),
    )
    assert [p["period"] for p in limited] == ["2022/23", "2023/24", "2024/25"]


def test_an_area_alone_in_its_group_with_a_value_is_not_compared_with_itself(world):
    """After a partnership imports its own measure only it has values: its family group
    comparison was "mean 16.5 of 1 areas", the area itself. Now there is none."""
    Observation.objects.filter(
        measure=world.measure, period__label="2024/25", area__code=WORLD_NEIGHBOUR
    ).delete()
    result = comparison_get(measure=world.measure, area=world.council, period="2024/25")
    assert (result.group_average, result.group_size) == (None, 0)
    assert result.scotland == 18.0


def test_comparison_of_a_community_uses_its_typology_group(world):
    group = TypologyGroup.objects.order_by("number").first()
    Area.objects.filter(code__in=["S02900001", "S02900002"]).update(typology=group)
    result = comparison_get(
        measure=world.measure, area=Area.objects.get(code="S02900001"), period="2024/25"
    )
    # GF01 26 and GF02 24 are the only communities of that group with values; GF01 is
    # compared with the other one alone.
    assert result.group_average == pytest.approx(24.0)
    assert result.group_size == 1
    assert result.group_name == f"Similar communities: {group}"
    assert result.scotland == 18.0


def test_community_values_are_every_community_by_name(world):
    values = community_values(measure=world.measure, council_area=world.council, period="2024/25")
    assert [(v["code"], v["value"]) for v in values] == [
        (code, after) for code, _, _, _, _, after in WORLD_COMMUNITIES
    ]
    flagged = {v["code"] for v in values if v["is_estimate"]}
    assert flagged == {WORLD_IMPUTED_COMMUNITY}


# -- dashboards and lookups ---------------------------------------------------------------------


def test_the_public_dashboard_shows_published_plans_only(world):
    public = partnership_dashboard(partnership=world.partnership, public=True)
    assert [entry.plan for entry in public] == [world.plan]
    (entry,) = public
    assert [(number, row.indicator) for number, row in entry.rows] == [("1.1", world.indicator)]
    assert entry.rows[0][1].status.code == analysis.AT_RISK
    assert entry.counts == [("At risk", 1)]


def test_the_staff_dashboard_includes_draft_plans(world):
    staff = partnership_dashboard(partnership=world.partnership, public=False)
    assert {entry.plan.pk for entry in staff} == {world.plan.pk, world.draft.pk}
    draft = next(entry for entry in staff if entry.plan.pk == world.draft.pk)
    assert [(number, row.indicator.pk) for number, row in draft.rows] == [
        ("1", world.draft_indicator.pk)
    ]
    assert draft.counts == [("No target", 1)]


def test_an_agreed_plan_is_on_the_staff_dashboard_only(world):
    agree(world.draft, world.body)
    assert world.draft.pk in {
        e.plan.pk for e in partnership_dashboard(partnership=world.partnership, public=False)
    }
    assert world.draft.pk not in {
        e.plan.pk for e in partnership_dashboard(partnership=world.partnership, public=True)
    }


def test_a_superseded_version_stays_public_but_leaves_the_dashboard(world):
    v2 = services.plan_amend(plan=world.plan)
    agree(v2, world.body, on=timezone.localdate())
    publish(v2, on=timezone.localdate())
    assert fresh(world.plan).status == Plan.Status.SUPERSEDED
    public = partnership_dashboard(partnership=world.partnership, public=True)
    assert [entry.plan.pk for entry in public] == [v2.pk]
    # The superseded version's indicator page is still public.
    assert (
        plan_indicator_get(partnership=world.partnership, pk=world.indicator.pk, public=True)
        == world.indicator
    )
    # Only the published version's indicator reports status through the API.
    assert [i.outcome.plan_id for i in public_indicators(
        partnership=world.partnership, measure=world.measure, area=world.council
    )] == [v2.pk]  # fmt: skip


def test_plan_indicator_get_hides_drafts_from_the_public_and_other_partnerships(world, highland):
    assert (
        plan_indicator_get(partnership=world.partnership, pk=world.draft_indicator.pk, public=False)
        == world.draft_indicator
    )
    with pytest.raises(OutcomeIndicator.DoesNotExist):
        plan_indicator_get(partnership=world.partnership, pk=world.draft_indicator.pk, public=True)
    with pytest.raises(OutcomeIndicator.DoesNotExist):
        plan_indicator_get(partnership=highland, pk=world.indicator.pk, public=False)


def test_public_indicators_are_those_of_published_plans_for_the_measure_and_area(world):
    assert public_indicators(
        partnership=world.partnership, measure=world.measure, area=world.council
    ) == [world.indicator]
    # The draft's indicator (for GF01) is not public.
    assert (
        public_indicators(
            partnership=world.partnership, measure=world.measure, area=world.communities[0]
        )
        == []
    )


# -- the indicator page and its tables ----------------------------------------------------------


def test_indicator_evidence_gathers_the_page(world):
    evidence = indicator_evidence(indicator=world.indicator)
    assert evidence.progress.latest["period"] == "2024/25"
    assert evidence.plan_points == [
        {"date": datetime.date(2022, 3, 31), "value": 20.0, "label": "Baseline"},
        {"date": datetime.date(2027, 3, 31), "value": 14.0, "label": "Target"},
    ]
    assert [c["code"] for c in evidence.communities] == [c[0] for c in WORLD_COMMUNITIES]
    assert [i.period for i in evidence.inequality] == ["2021/22", "2024/25"]
    assert evidence.latest_inequality.absolute_gap == pytest.approx(16.0)
    assert evidence.quintile_chart is not None and evidence.chart is not None


def test_the_series_table(world):
    header, rows = evidence_table(
        evidence_=indicator_evidence(indicator=world.indicator), name="series"
    )
    assert header == [
        "period",
        "period_start",
        "period_end",
        "value",
        "kind",
        "numerator",
        "denominator",
        "source",
    ]
    source = "Fictional test source"
    assert rows == [
        ["2021/22", datetime.date(2021, 4, 1), datetime.date(2022, 3, 31), 20.0, "Measured",
         None, None, source],
        ["2022/23", datetime.date(2022, 4, 1), datetime.date(2023, 3, 31), 19.0, "Measured",
         None, None, source],
        ["2023/24", datetime.date(2023, 4, 1), datetime.date(2024, 3, 31), 17.8, "Measured",
         None, None, source],
        ["2024/25", datetime.date(2024, 4, 1), datetime.date(2025, 3, 31), 16.5,
         "Estimate (imputed)", None, None, source],
        ["2025/26", datetime.date(2025, 4, 1), datetime.date(2026, 3, 31), 10.0,
         "Estimate (projected)", None, None, source],
        ["Baseline", "", datetime.date(2022, 3, 31), 20.0, "Plan", "", "", ""],
        ["Target", "", datetime.date(2027, 3, 31), 14.0, "Plan", "", "", ""],
    ]  # fmt: skip


def test_the_communities_table(world):
    header, rows = evidence_table(
        evidence_=indicator_evidence(indicator=world.indicator), name="communities"
    )
    assert header == ["community_code", "community", "period", "value", "kind", "source"]
    source = "Fictional test source"
    assert rows[0] == ["S02900001", "Glen Fictional 01", "2024/25", 26.0, "Measured", source]
    assert rows[-1] == [
        "S02900010", "Glen Fictional 10", "2024/25", 7.0, "Estimate (imputed)", source
    ]  # fmt: skip
    assert len(rows) == 10


def test_the_inequality_table(world):
    header, rows = evidence_table(
        evidence_=indicator_evidence(indicator=world.indicator), name="inequality"
    )
    assert header == [
        "period",
        "basis",
        "quintile_1",
        "quintile_2",
        "quintile_3",
        "quintile_4",
        "quintile_5",
        "absolute_gap",
        "relative_gap",
        "sii",
        "rii",
        "duncan_index",
        "includes_estimates",
    ]
    assert [row[0] for row in rows] == ["2021/22", "2024/25"]
    assert rows[0][1] == BASIS_LABELS[INCOME]
    assert rows[0][2:7] == pytest.approx(BASELINE_FIFTHS)
    assert rows[0][7:12] == pytest.approx([19.0, 2.9, 23.0, 23.0 / 20.4, DUNCAN])
    assert rows[0][12] is False
    assert rows[1][2:7] == pytest.approx(LATEST_FIFTHS)
    assert rows[1][7:12] == pytest.approx([16.0, 25.0 / 9.0, 20.0, 20.0 / 18.2, DUNCAN])
    assert rows[1][12] is True


def test_an_unknown_table_is_refused(world):
    with pytest.raises(KeyError):
        evidence_table(evidence_=indicator_evidence(indicator=world.indicator), name="secrets")


def test_a_community_indicator_page_has_no_community_or_inequality_tables(world):
    evidence = indicator_evidence(indicator=world.draft_indicator)
    assert evidence.communities == [] and evidence.inequality == []
    assert evidence.map is None and evidence.quintile_chart is None
    assert evidence_table(evidence_=evidence, name="communities")[1] == []
    assert evidence_table(evidence_=evidence, name="inequality")[1] == []


# -- the deprivation chart never shows a projection as if measured --------------------------------


def project_communities(world: World, *labels: str):
    """Projected values for every community in each of ``labels`` (lower, to tempt)."""
    for label in labels:
        for area in world.communities:
            world_value(world.measure, area, label, 5.0, "projected")


def test_the_deprivation_chart_shows_the_latest_period_that_is_not_a_projection(world):
    project_communities(world, "2025/26", "2026/27")
    evidence = indicator_evidence(indicator=world.indicator)
    assert [i.period for i in evidence.inequality] == ["2021/22", "2024/25", "2025/26", "2026/27"]
    assert [i.is_projection for i in evidence.inequality] == [False, False, True, True]
    # 2024/25, not 2026/27: its fifths are the hand-worked ones, not the projected 5s.
    assert evidence.latest_inequality.period == "2024/25"
    assert evidence.latest_inequality.absolute_gap == pytest.approx(16.0)
    (rows,) = evidence.quintile_chart["datasets"].values()
    chart_values = [row["value"] for row in rows]
    assert chart_values == pytest.approx(LATEST_FIFTHS)
    assert "in 2024/25" in evidence.quintile_chart["description"]
    # 2024/25 holds GF10's imputed value: shown, and said to be an estimate.
    assert evidence.inequality_period_note == (
        "Shown for 2024/25, the latest year that is not a projection; some of its values "
        "are estimates (imputed). 2025/26 to 2026/27 are projections."
    )


def test_the_indicator_pages_say_which_period_the_deprivation_chart_shows_and_why(world, client):
    project_communities(world, "2025/26", "2026/27")
    set_value(world, community(world, WORLD_IMPUTED_COMMUNITY), "2024/25", 7.0, "raw")
    expected = (
        "Shown for 2024/25, the latest year with measured values (2025/26 to 2026/27 are "
        "projections)."
    )
    code = world.council.code
    page = client.get(f"/areas/{code}/performance/indicators/{world.indicator.pk}/")
    html = page.content.decode()
    assert expected in html
    assert "Value by deprivation fifth, 2024/25" in html
    assert "2026/27 (projection)" in html
    # The workspace twin shares the partial: the same sentence for staff.
    client.force_login(user_with_role("support_officer", council_code=code))
    staff = client.get(f"/workspace/{code}/performance/indicators/{world.indicator.pk}/")
    assert staff.status_code == 200
    assert expected in staff.content.decode()


def test_with_every_period_projected_no_deprivation_chart_is_drawn(world):
    Observation.objects.filter(measure=world.measure, area__in=world.communities).update(
        kind="projected"
    )
    evidence = indicator_evidence(indicator=world.indicator)
    assert evidence.latest_inequality is None and evidence.quintile_chart is None
    assert evidence.inequality_period_note.startswith(
        "No chart: every year with values by deprivation is a projection (2021/22 to 2024/25 "
        "are projections)"
    )
