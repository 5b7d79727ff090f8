"""The outcomes profile of every partnership (``performance.profile.outcomes_profile``),
its public page (/areas/<code>/outcomes/) and its API twin.

Figures worked by hand from the shipped file data/scotland/outcomes/cpp_outcomes.csv
(values quoted to 2 decimals here; the tests compare with the file's full values):

Child Poverty (% of children in low-income families; lower is better). 2010/11 is the
first year (imputed); 2021/22 the latest measured (2022/23 to 2024/25 are projections).
- Inverclyde: 10.7511 → 21.2921. Rate of improvement −(21.2921 − 10.7511) / 10.7511 ×
  100 = −98.05% (−98.0498…, "−98.0%" on the page). Of the 32 rates, 25 are better
  (East Lothian −47.51% the best … West Dunbartonshire −96.47%), so Inverclyde's ranks
  26th. Rank in 2021/22: 21st (20 areas
lower, tests/api/test_comparison_api.py).
- Family group 4 without Inverclyde: East Ayrshire 25.51, Na h-Eileanan Siar 15.74,
  North Ayrshire 28.57, West Dunbartonshire 25.49, Dundee City 24.46, Glasgow City 31.82,
  North Lanarkshire 24.09: mean 175.68 / 7 = 25.10.
- Glasgow City: 17.30 → 31.82, rate −83.90%, 18th of 32; rank in 2021/22 32nd.
Crime Rate (crimes per 10,000; lower is better): Glasgow City 5,119.74 → 1,740.80, rate
+66.00%, the best of the 32 (1st); Inverclyde 2,658.58 → 1,203.59, rate +54.73%, 7th
(behind Glasgow, East Dunbartonshire 59.48, East Renfrewshire 57.19, Renfrewshire 56.42,
Stirling 56.17, South Lanarkshire 55.76).
"""

import csv

import pytest
from django.conf import settings

from placeplan.partnerships.models import Partnership
from placeplan.performance import analysis
from placeplan.performance.models import Observation
from placeplan.performance.profile import outcomes_profile
from tests.plans.conftest import world  # noqa: F401 (fixture reused)

pytestmark = pytest.mark.django_db

INVERCLYDE, GLASGOW = "S12000018", "S12000049"


def _shipped(measure: str, period: str) -> dict[str, float]:
    with (settings.DATA_DIR / "outcomes" / "cpp_outcomes.csv").open(encoding="utf-8") as f:
        return {
            row["area_code"]: float(row["value"])
            for row in csv.DictReader(f)
            if row["measure"] == measure and row["period"] == period
        }


def _profile(code):
    return outcomes_profile(partnership=Partnership.objects.get(council_area__code=code))


def _row(profile, name):
    return next(row for row in profile.measures if row.measure.name == name)


# -- the analysis rules ------------------------------------------------------------------


def test_improvement_rate_is_positive_when_better():
    # Higher is better: 50 → 60 is +20%; lower is better: 50 → 60 is −20%.
    assert analysis.improvement_rate(50, 60, True) == pytest.approx(20)
    assert analysis.improvement_rate(50, 60, False) == pytest.approx(-20)
    # Against the size of the first value, whatever its sign: −4 → −2 is +50%.
    assert analysis.improvement_rate(-4, -2, True) == pytest.approx(50)
    assert analysis.improvement_rate(0, 3, True) is None
    assert analysis.improvement_rate(5, 3, None) is None
    assert analysis.improvement_rate(None, 3, True) is None


def test_spread_quartiles_by_hand():
    # Sorted 1 2 3 4 5 6 7 8 9: lower quartile at position 2 → 3, upper at 6 → 7.
    assert analysis.spread([9, 1, 8, 2, 7, 3, 6, 4, 5]) == (1, 3, 7, 9)
    # 10 20 30 40: position 0.75 → 17.5; position 2.25 → 32.5.
    assert analysis.spread([40, 10, 30, 20]) == (10, 17.5, 32.5, 40)
    assert analysis.spread([]) is None


# -- the profile, hand-checked for two partnerships ----------------------------------------


def test_inverclyde_child_poverty_by_hand():
    profile = _profile(INVERCLYDE)
    row = _row(profile, "Child Poverty")
    latest, first = _shipped("Child Poverty", "2021/22"), _shipped("Child Poverty", "2010/11")
    assert (row.first_period, row.latest_period) == ("2010/11", "2021/22")
    assert row.latest.value == latest[INVERCLYDE] == pytest.approx(21.2921, abs=1e-4)
    assert row.latest.scotland == latest["S92000003"]
    assert row.latest.family == pytest.approx(175.68 / 7, abs=0.01)
    assert row.latest.family_size == 7
    assert (row.rank, row.ranked) == (21, 32)
    assert row.improvement == pytest.approx(
        -(latest[INVERCLYDE] - first[INVERCLYDE]) / first[INVERCLYDE] * 100
    )
    assert row.improvement == pytest.approx(-98.05, abs=0.01)
    assert (row.improvement_rank, row.improvement_ranked) == (26, 32)
    assert row.comparison_to_scotland == "Worse than"
    assert row.comparison_to_family == "Better than"  # 21.29 below the group's 25.10


def test_inverclyde_is_never_in_its_own_family_group():
    profile = _profile(INVERCLYDE)
    assert profile.family_group == 4
    names = [area.name for area in profile.family_members]
    assert "Inverclyde" not in names and "Glasgow City" in names and len(names) == 7


def test_glasgow_by_hand():
    profile = _profile(GLASGOW)
    poverty = _row(profile, "Child Poverty")
    assert poverty.latest.value == _shipped("Child Poverty", "2021/22")[GLASGOW]
    assert (poverty.rank, poverty.improvement_rank) == (32, 18)
    assert poverty.improvement == pytest.approx(-83.90, abs=0.01)
    crime = _row(profile, "Crime Rate")
    assert crime.improvement == pytest.approx(66.00, abs=0.01)
    assert crime.improvement_rank == 1
    # Glasgow's family mean leaves Glasgow out and takes Inverclyde in.
    inverclyde = _shipped("Child Poverty", "2021/22")[INVERCLYDE]
    assert inverclyde in [
        _shipped("Child Poverty", "2021/22")[a.code] for a in profile.family_members
    ]
    assert GLASGOW not in [a.code for a in profile.family_members]
    assert _row(_profile(INVERCLYDE), "Crime Rate").improvement_rank == 7


def test_projections_are_charted_but_never_the_latest_year():
    row = _row(_profile(INVERCLYDE), "Child Poverty")
    projected = [p.period for p in row.points if p.kind == "projected"]
    assert projected == ["2022/23", "2023/24", "2024/25"]
    assert all(p.is_estimate and p.kind_label == "Estimate (projected)" for p in row.points[-3:])
    assert row.latest_period == "2021/22" and not row.latest.is_estimate
    assert row.inequality_latest.period == "2021/22"
    assert row.inequality_first.period == "2010/11"


def test_every_partnership_has_a_profile_with_every_national_measure():
    assert Partnership.objects.count() == 32
    profile = _profile("S12000023")  # Orkney Islands: no plan
    assert len(profile.measures) == 20
    # The shipped file has no Well-being value for Orkney in 2021/22 (31 areas have one):
    # the year is still the latest, shown without a value, and Orkney is not ranked.
    wellbeing = _row(profile, "Well-being")
    assert wellbeing.latest_period == "2021/22" and wellbeing.latest.value is None
    assert (wellbeing.rank, wellbeing.ranked) == (None, 31)
    others = [row for row in profile.measures if row is not wellbeing]
    assert all(row.rank and row.ranked == 32 for row in others)


def test_spread_runs_worst_to_best():
    row = _row(_profile(INVERCLYDE), "Child Poverty")
    values = _shipped("Child Poverty", "2021/22")
    councils = [v for code, v in values.items() if code.startswith("S12")]
    worst, lower, upper, best = row.spread
    # Lower is better: the worst is the highest (Glasgow's 31.82), the best the lowest.
    assert (worst, best) == (max(councils), min(councils))
    assert worst > lower > upper > best


def test_communities_ranked_in_the_round_with_similar_communities():
    profile = _profile(INVERCLYDE)
    assert len(profile.communities) == 17
    assert [c.rank for c in profile.communities] == list(range(1, 18))
    scores = [c.score for c in profile.communities]
    assert scores == sorted(scores, reverse=True)
    used = profile.community_measures
    assert {period for _, period in used} == {"2021/22"}  # never a projection
    first = profile.communities[0]
    assert first.area.name == "Greenock Town Centre and East Central"
    assert first.compared == len(used) == 8
    # Worked directly for one measure: is the community worse than the mean of the other
    # communities of its typology group across Scotland on child poverty in 2021/22?
    measure = next(m for m, _ in used if m.name == "Child Poverty")
    values = Observation.objects.filter(
        measure=measure, period__label="2021/22", area__typology_id=first.area.typology_id
    )
    own = values.get(area=first.area).value
    others = [v.value for v in values.exclude(area=first.area)]
    assert own > sum(others) / len(others)  # lower is better: worse than similar ones
    assert 1 <= first.worse_than_similar <= 8
    assert 0 < first.income_deprived < 1


# -- the page and its API twin ---------------------------------------------------------------


def test_page_for_a_partnership_without_a_plan(client):
    response = client.get(f"/areas/{INVERCLYDE}/outcomes/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Outcomes profile" in page
    rows = {item["row"].measure.name: item for item in response.context["rows"]}
    assert len(rows) == 20
    assert rows["Child Poverty"]["statuses"] == []
    assert "21 of 32" in page and "−98.0% (26 of 32)" in page
    assert "None of these measures is an indicator of" in page
    assert "In the partnership's plans" not in page
    # Each chart has its table; the spine chart has a row per measure.
    assert page.count('id="table-cpop-') == 20
    assert len(response.context["spine"]["datasets"]["values"]) == 20
    assert "Greenock Town Centre and East Central" in page


def test_page_gives_the_plan_status_beside_the_measure(client, world):  # noqa: F811
    """The fictional world's partnership has a published plan with an indicator on a
    national measure for its council area (tests/plans/conftest.py): its status is shown
    beside the measure, linked to the indicator's page."""
    partnership = world.partnership
    response = client.get(f"/areas/{partnership.council_area.code}/outcomes/")
    assert response.status_code == 200
    statuses = [s for item in response.context["rows"] for s in item["statuses"]]
    assert statuses
    code = partnership.council_area.code
    assert all(s["url"].startswith(f"/areas/{code}/performance/") for s in statuses)
    page = response.content.decode()
    assert statuses[0]["status"].label in page
    assert "In the partnership's plans" in page and "Not in a published plan" in page


def test_unknown_area_is_404(client):
    assert client.get("/areas/S99999999/outcomes/").status_code == 404
    assert client.get("/api/v1/areas/S99999999/outcomes").status_code == 404


def test_api_twin_gives_the_page_figures(client):
    body = client.get(f"/api/v1/areas/{GLASGOW}/outcomes").json()
    page = client.get(f"/areas/{GLASGOW}/outcomes/")
    rows = {item["row"].measure.code: item["row"] for item in page.context["rows"]}
    assert body["area"] == GLASGOW and body["family_group"] == 4
    assert len(body["measures"]) == len(rows) == 20
    for measure in body["measures"]:
        row = rows[measure["measure"]]
        assert measure["latest_value"] == row.latest.value
        assert measure["rank"] == row.rank
        assert measure["improvement_rate"] == row.improvement
        assert len(measure["points"]) == len(row.points)
    poverty = next(m for m in body["measures"] if m["name"] == "Child Poverty")
    assert (poverty["rank"], poverty["improvement_rank"]) == (32, 18)
    assert poverty["latest_value"] == _shipped("Child Poverty", "2021/22")[GLASGOW]
    assert len(body["communities"]) == len(page.context["profile"].communities)


def test_kept_until_the_evidence_changes():
    """The profile is kept in the cache under the evidence version: a value changed behind
    its back is not seen until the evidence moves on, as every save of values does
    (performance.imports, the reference data load)."""
    from placeplan.core.evidence_cache import evidence_changed

    before = _row(_profile(INVERCLYDE), "Child Poverty").latest.value
    Observation.objects.filter(
        measure__code="cpop-child-poverty", period__label="2021/22", area__code=INVERCLYDE
    ).update(value=5.0)
    assert _row(_profile(INVERCLYDE), "Child Poverty").latest.value == before
    evidence_changed()
    changed = _row(_profile(INVERCLYDE), "Child Poverty")
    assert changed.latest.value == 5.0 and changed.rank == 1
