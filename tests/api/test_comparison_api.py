"""The national comparison (GET /api/v1/comparison): all 32 partnerships on one measure
for one period, beside Scotland, with family groups and ranks.

The values are checked against the shipped file itself (data/scotland/outcomes/
cpp_outcomes.csv, read here with the csv module); the ranks were worked by hand from
that file:

Child poverty 2021/22 (% of children in low-income families; lower is better). The
lowest values: East Renfrewshire 10.86, East Dunbartonshire 11.04, Shetland 11.65,
Aberdeenshire 12.12. Inverclyde's 21.29 has 20 lower values below it (the 20 areas from
East Renfrewshire to Angus' 20.64), so it ranks 21st; Glasgow City's 31.82 is the
highest, 32nd. Scotland: 20.75.

Employment rate 2021/22 (higher is better): Na h-Eileanan Siar (Eilean Siar in the
file) 80.8 first, Orkney 80.67 second,
Midlothian 80.43 third.
"""

import csv

import pytest
from django.conf import settings

from placeplan.performance.models import Measure

pytestmark = pytest.mark.django_db

INVERCLYDE, GLASGOW = "S12000018", "S12000049"
QUERY_2021 = {"measure": "cpop-child-poverty", "period": "2021/22"}


def _shipped(measure: str, period: str) -> dict[str, tuple[float, str]]:
    with (settings.DATA_DIR / "outcomes" / "cpp_outcomes.csv").open(encoding="utf-8") as f:
        return {
            row["area_code"]: (float(row["value"]), row["kind"])
            for row in csv.DictReader(f)
            if row["measure"] == measure and row["period"] == period
        }


def _families() -> dict[str, int]:
    path = settings.DATA_DIR / "outcomes" / "council_family_groups.csv"
    with path.open(encoding="utf-8") as f:
        return {row["area_code"]: int(row["deprivation_family_group"]) for row in csv.DictReader(f)}


def test_child_poverty_for_all_32_as_shipped_ranked_by_hand(client):
    answer = client.get(
        "/api/v1/comparison", {"measure": "cpop-child-poverty", "period": "2021/22"}
    )
    assert answer.status_code == 200
    body = answer.json()
    shipped = _shipped("Child Poverty", "2021/22")
    assert (body["measure"], body["period"]) == ("cpop-child-poverty", "2021/22")
    assert (body["higher_is_better"], body["order"]) == (False, "lowest first")
    assert body["scotland"] == shipped["S92000003"][0] == pytest.approx(20.753530907646773)
    areas = {row["code"]: row for row in body["areas"]}
    assert len(body["areas"]) == len(areas) == 32
    families = _families()
    for code, row in areas.items():
        assert (row["value"], row["kind"]) == shipped[code], code
        assert row["family_group"] == families[code], code
        assert row["is_estimate"] is False
    ranks = {row["code"]: row["rank"] for row in body["areas"]}
    assert [row["name"] for row in body["areas"][:4]] == [
        "East Renfrewshire",
        "East Dunbartonshire",
        "Shetland Islands",
        "Aberdeenshire",
    ]
    assert (ranks["S12000011"], ranks[INVERCLYDE], ranks[GLASGOW]) == (1, 21, 32)
    assert [row["rank"] for row in body["areas"]] == list(range(1, 33))  # no ties here


def test_rate_of_improvement_since_the_first_year_ranked_by_hand(client):
    """Child poverty from 2010/11 to 2021/22, lower is better (values from the shipped
    file): Inverclyde 10.7511 → 21.2921, −(21.2921 − 10.7511) / 10.7511 × 100 = −98.05%,
    26th of the 32 rates; Glasgow City 17.3008 → 31.8169, −83.90%, 18th; East Lothian's
    −47.51% the best (1st) and Shetland's −121.24% the worst (32nd). The same figures as
    the outcomes profile (tests/performance/test_outcomes_profile.py)."""
    body = client.get("/api/v1/comparison", QUERY_2021).json()
    assert body["first_period"] == "2010/11"
    rows = {row["name"]: row for row in body["areas"]}
    before, after = _shipped("Child Poverty", "2010/11"), _shipped("Child Poverty", "2021/22")
    inverclyde = rows["Inverclyde"]
    assert inverclyde["improvement_rate"] == pytest.approx(
        -(after[INVERCLYDE][0] - before[INVERCLYDE][0]) / before[INVERCLYDE][0] * 100
    )
    assert inverclyde["improvement_rate"] == pytest.approx(-98.05, abs=0.01)
    assert inverclyde["improvement_rank"] == 26
    assert rows["Glasgow City"]["improvement_rate"] == pytest.approx(-83.90, abs=0.01)
    assert rows["Glasgow City"]["improvement_rank"] == 18
    assert rows["East Lothian"]["improvement_rank"] == 1
    assert rows["Shetland Islands"]["improvement_rank"] == 32
    first = client.get(
        "/api/v1/comparison", {"measure": "cpop-child-poverty", "period": "2010/11"}
    ).json()
    assert first["first_period"] is None
    assert {row["improvement_rate"] for row in first["areas"]} == {None}


def test_a_measure_where_higher_is_better_ranks_the_highest_first(client):
    body = client.get(
        "/api/v1/comparison", {"measure": "cpop-employment-rate", "period": "2021/22"}
    ).json()
    assert body["order"] == "highest first"
    top = [(row["name"], row["rank"]) for row in body["areas"][:3]]
    assert top == [("Na h-Eileanan Siar", 1), ("Orkney Islands", 2), ("Midlothian", 3)]
    assert body["areas"][0]["value"] == pytest.approx(80.8)


def test_an_area_without_a_value_is_listed_last_without_a_rank(client):
    from placeplan.performance.models import Observation

    Observation.objects.filter(
        measure__code="cpop-child-poverty", period__label="2021/22", area__code=GLASGOW
    ).delete()
    body = client.get(
        "/api/v1/comparison", {"measure": "cpop-child-poverty", "period": "2021/22"}
    ).json()
    assert len(body["areas"]) == 32
    assert body["areas"][-1] == {
        "code": GLASGOW,
        "name": "Glasgow City",
        "value": None,
        "kind": None,
        "is_estimate": False,
        "family_group": _families()[GLASGOW],
        "rank": None,
        "improvement_rate": None,
        "improvement_rank": None,
    }
    assert body["areas"][-2]["rank"] == 31


@pytest.mark.parametrize(
    ("query", "detail"),
    [
        ({"measure": "no-such-measure", "period": "2021/22"}, "No national measure"),
        ({"measure": "cpop-child-poverty", "period": "1999/00"}, "no council area values"),
        ({"measure": "cpop-child-poverty", "period": "'; DROP TABLE x"}, "no council area"),
        ({"measure": "simd-income-rate", "period": "2020"}, "not compared across"),
    ],
)
def test_what_cannot_be_compared_is_a_404_saying_why(client, query, detail):
    answer = client.get("/api/v1/comparison", query)
    assert answer.status_code == 404
    assert detail in answer.json()["detail"]


def test_a_partnerships_local_measure_is_not_compared(client):
    from tests.factories import LocalMeasureFactory

    local = LocalMeasureFactory(levels=["council_area"])
    answer = client.get("/api/v1/comparison", {"measure": local.code, "period": "2021/22"})
    assert answer.status_code == 404
    assert Measure.objects.filter(code=local.code).exists()


def test_both_parameters_are_required(client):
    assert client.get("/api/v1/comparison", {"measure": "cpop-child-poverty"}).status_code == 422
