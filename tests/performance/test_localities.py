"""Localities and communities: a locality's values worked out from its communities, the
comparison with the partnership and Scotland, markedly poorer localities, and the
communities with the poorest outcomes in the round, on the pages, in the downloads and
from the selectors, each against a hand calculation.

The figures come from the fictional world of ``tests/plans/conftest.py`` (``world``):
ten communities GF01–GF10 with people and values of a lower-is-better measure in 2021/22
and 2024/25; the council area's 2024/25 value is 16.5 and Scotland's 18.0.
"""

import csv
import io
import math

import openpyxl
import pytest
from django.test import Client

from placeplan.partnerships.models import Locality
from placeplan.partnerships.services import locality_save
from placeplan.performance import analysis, localities
from placeplan.performance.localities import CommunityValue, locality_point
from placeplan.performance.models import Measure
from tests.plans.conftest import (  # noqa: F401 (fixtures reused)
    WORLD_COUNCIL,
    WORLD_MEASURE,
    highland,
    world,
)

pytestmark = pytest.mark.django_db

# 2024/25 values of GF01–GF10 (lower is better): mean 16.8, population standard deviation
# √38.56 (squared deviations 84.64 + 51.84 + 38.44 + 10.24 + 1.44 + 0.64 + 7.84 + 33.64 +
# 60.84 + 96.04 = 385.6, over 10).
LATEST = [26.0, 24.0, 23.0, 20.0, 18.0, 16.0, 14.0, 11.0, 9.0, 7.0]
SD = math.sqrt(38.56)


def _locality(world, name, indexes, **fields):  # noqa: F811
    return locality_save(
        locality=Locality(partnership=world.partnership, name=name, **fields),
        communities=[world.communities[i] for i in indexes],
    )


@pytest.fixture
def north(world):  # noqa: F811
    """GF01 (1,000 people), GF02 (1,000) and GF03 (2,000)."""
    return _locality(world, "North Glen Fictional", [0, 1, 2], has_poorer_outcomes=True)


@pytest.fixture
def south(world):  # noqa: F811
    """GF09 (1,000 people, 9.0) and GF10 (500 people, 7.0, an imputed value)."""
    return _locality(world, "South Glen Fictional", [8, 9])


# -- a locality's value from its communities ----------------------------------------------


def test_a_locality_value_is_the_population_weighted_mean_when_counts_are_missing():
    values = {
        1: CommunityValue(10.0, None, None, "raw"),
        2: CommunityValue(20.0, None, None, "raw"),
    }
    point = locality_point(
        label="2024/25", end=None, community_ids=[1, 2], values=values, populations={1: 100, 2: 300}
    )
    assert point.value == pytest.approx((10 * 100 + 20 * 300) / 400)  # 17.5
    assert point.is_estimate and not point.is_projection
    assert point.kind_label == "Estimate (population-weighted)"


def test_a_locality_value_is_the_sum_of_numerators_over_denominators_when_all_are_known():
    values = {
        1: CommunityValue(10.0, 5.0, 50.0, "raw"),  # 10%
        2: CommunityValue(20.0, 20.0, 100.0, "raw"),  # 20%
    }
    point = locality_point(
        label="2024/25", end=None, community_ids=[1, 2], values=values, populations={1: 100, 2: 300}
    )
    assert point.value == pytest.approx(100 * 25 / 150)  # 16.67, not the weighted 17.5
    assert not point.is_estimate
    assert point.kind_label == "Measured"


def test_a_locality_with_a_community_missing_a_value_has_none():
    values = {1: CommunityValue(10.0, None, None, "raw")}
    point = locality_point(
        label="2024/25", end=None, community_ids=[1, 2], values=values, populations={1: 1, 2: 1}
    )
    assert point.value is None
    assert point.method == "Some of its communities have no value"


def test_a_locality_of_one_community_has_its_value_and_of_none_has_no_value():
    values = {1: CommunityValue(12.5, None, None, "raw")}
    one = locality_point(
        label="x", end=None, community_ids=[1], values=values, populations={1: 0.0}
    )
    none = locality_point(label="x", end=None, community_ids=[], values=values, populations={})
    # One community with nobody recorded: the weighted mean has no weight at all.
    assert one.value is None
    assert none.value is None
    weighted = locality_point(
        label="x", end=None, community_ids=[1], values=values, populations={1: 40.0}
    )
    assert weighted.value == 12.5


def test_estimates_and_projections_of_communities_carry_into_the_locality():
    values = {
        1: CommunityValue(10.0, 1.0, 10.0, "imputed"),
        2: CommunityValue(20.0, 2.0, 10.0, "raw"),
    }
    imputed = locality_point(
        label="x", end=None, community_ids=[1, 2], values=values, populations={}
    )
    assert imputed.value == pytest.approx(15.0) and imputed.is_estimate
    values[1] = CommunityValue(10.0, 1.0, 10.0, "projected")
    projected = locality_point(
        label="x", end=None, community_ids=[1, 2], values=values, populations={}
    )
    assert projected.is_projection
    assert projected.kind_label == "Estimate (projected)"


def test_locality_evidence_against_the_hand_calculation(world, north, south):  # noqa: F811
    evidence = localities.locality_evidence(locality=north)
    assert evidence.population == 4000
    (row,) = [m for m in evidence.measures if m.measure.code == WORLD_MEASURE]
    by_period = {p.period: p for p in row.points}
    # (30·1000 + 28·1000 + 25·2000) / 4000 and (26·1000 + 24·1000 + 23·2000) / 4000.
    assert by_period["2021/22"].value == pytest.approx(27.0)
    assert by_period["2024/25"].value == pytest.approx(24.0)
    assert row.latest.period == "2024/25" and row.latest.is_estimate
    assert (row.latest.partnership, row.latest.scotland) == (16.5, 18.0)
    # Worse than 16.5 by 7.5 (> 1.65) and than 18.0 by 6.0 (> 1.8): markedly poorer.
    assert row.poorer
    assert row.trend == analysis.NOT_ENOUGH_DATA  # two periods only
    assert [m.measure.code for m in evidence.poorer_measures] == [WORLD_MEASURE]

    south_row = localities.locality_measure_get(locality=south, code=WORLD_MEASURE)
    # (9·1000 + 7·500) / 1500, an estimate (and GF10's own value is imputed).
    assert south_row.latest.value == pytest.approx(12500 / 1500)
    assert not south_row.poorer


def test_a_locality_is_not_poorer_when_it_is_within_ten_per_cent(world):  # noqa: F811
    # GF06 alone: 16.0 is better than Scotland's 18.0, so not poorer than both.
    middle = _locality(world, "Mid Glen Fictional", [5])
    row = localities.locality_measure_get(locality=middle, code=WORLD_MEASURE)
    assert row.latest.value == 16.0 and not row.poorer


def test_an_unknown_or_council_only_measure_is_not_a_locality_measure(world, north):  # noqa: F811
    with pytest.raises(Measure.DoesNotExist):
        localities.locality_measure_get(locality=north, code=world.council_only.code)
    with pytest.raises(Measure.DoesNotExist):
        localities.locality_measure_get(locality=north, code="no-such-measure")


# -- the poorest communities in the round --------------------------------------------------


def test_places_overview_against_the_hand_calculation(world, north, south):  # noqa: F811
    overview = localities.places_overview(partnership=world.partnership)
    assert [(m.code, period) for m, period in overview.measures_used] == [
        (WORLD_MEASURE, "2024/25")
    ]
    assert overview.ranked_count == 10
    # Lower is better, so z = (value − 16.8) / √38.56: GF01–GF05 are the poorest five.
    assert [(c.area.code, c.rank) for c in overview.poorest] == [
        (f"S0290000{n}", n) for n in range(1, 6)
    ]
    expected = [(v - 16.8) / SD for v in LATEST[:5]]
    assert [c.score for c in overview.poorest] == pytest.approx(expected)
    assert overview.poorest[0].score == pytest.approx(1.4816, abs=1e-4)
    assert overview.poorest[0].localities == ["North Glen Fictional"]
    assert overview.poorest[3].localities == []
    summaries = {s.locality.name: s for s in overview.localities}
    assert [m.measure.code for m in summaries["North Glen Fictional"].poorer_measures] == [
        WORLD_MEASURE
    ]
    assert summaries["South Glen Fictional"].poorer_measures == []
    assert summaries["North Glen Fictional"].population == 4000


def test_a_projected_period_is_never_used_in_the_round(world):  # noqa: F811
    from tests.plans.conftest import world_value

    for area in world.communities:
        world_value(world.measure, area, "2025/26", 1.0, "projected")
    overview = localities.places_overview(partnership=world.partnership)
    assert [period for _, period in overview.measures_used] == ["2024/25"]


# -- the pages and downloads ----------------------------------------------------------------


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return " ".join(response.content.decode().split())


def test_the_public_places_page_shows_the_figures(world, north, south):  # noqa: F811
    text = _text(Client().get(f"/areas/{WORLD_COUNCIL}/performance/places/"))
    assert "North Glen Fictional" in text and "Fictional Child Poverty" in text
    assert 'Glen Fictional 01</a> <span class="ds_small-size">S02900001</span>' in text
    assert f"{(26 - 16.8) / SD:.2f}" in text  # 1.48
    poorest = Client().get(f"/areas/{WORLD_COUNCIL}/performance/places/poorest.csv")
    rows = list(csv.reader(io.StringIO(poorest.content.decode())))
    assert rows[0] == ["rank", "community_code", "community", "score", "localities"]
    assert rows[1][:3] == ["1", "S02900001", "Glen Fictional 01"]
    assert float(rows[1][3]) == pytest.approx(round((26 - 16.8) / SD, 4))
    book = Client().get(f"/areas/{WORLD_COUNCIL}/performance/places/localities.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(book.content)).active
    table = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert table["North Glen Fictional"][1:] == (3, 4000, "Fictional Child Poverty", "Yes")
    assert table["South Glen Fictional"][3] is None or table["South Glen Fictional"][3] == ""


def test_the_public_locality_pages_show_the_figures(world, north):  # noqa: F811
    base = f"/areas/{WORLD_COUNCIL}/performance/localities/{north.pk}/"
    text = _text(Client().get(base))
    assert "North Glen Fictional" in text and "4,000" in text
    assert "Markedly poorer than Glen Fictional and Scotland on: Fictional Child Poverty" in text
    measures = Client().get(base + "measures.csv")
    rows = {r["measure"]: r for r in csv.DictReader(io.StringIO(measures.content.decode()))}
    row = rows["Fictional Child Poverty"]
    assert float(row["value"]) == pytest.approx(24.0)
    assert (row["period"], row["kind"], row["markedly_poorer"]) == (
        "2024/25",
        "Estimate (population-weighted)",
        "Yes",
    )
    assert (float(row["partnership"]), float(row["scotland"])) == (16.5, 18.0)

    measure_page = _text(Client().get(base + f"measures/{WORLD_MEASURE}/"))
    assert "24.0 in 2024/25 (estimate (population-weighted))" in measure_page  # a %: one place
    series = Client().get(base + f"measures/{WORLD_MEASURE}/series.csv")
    periods = {r["period"]: r for r in csv.DictReader(io.StringIO(series.content.decode()))}
    assert float(periods["2021/22"]["value"]) == pytest.approx(27.0)
    communities = Client().get(base + f"measures/{WORLD_MEASURE}/communities.csv")
    values = list(csv.DictReader(io.StringIO(communities.content.decode())))
    assert [(r["community_code"], float(r["value"])) for r in values] == [
        ("S02900001", 26.0),
        ("S02900002", 24.0),
        ("S02900003", 23.0),
    ]


def test_changing_a_localitys_communities_refreshes_its_cached_public_page(
    world,  # noqa: F811
    north,
    django_capture_on_commit_callbacks,
):
    page = f"/areas/{WORLD_COUNCIL}/performance/localities/{north.pk}/"
    assert "4,000" in _text(Client().get(page))  # GF01–GF03, now cached
    with django_capture_on_commit_callbacks(execute=True):
        locality_save(locality=north, communities=world.communities[:2])
    text = _text(Client().get(page))
    assert "2,000" in text and "4,000" not in text


def test_locality_pages_of_other_partnerships_and_unknown_tables_are_not_found(
    world,  # noqa: F811
    north,
    highland,  # noqa: F811
):
    highland_code = highland.council_area.code
    client = Client()
    assert (
        client.get(f"/areas/{highland_code}/performance/localities/{north.pk}/").status_code == 404
    )
    base = f"/areas/{WORLD_COUNCIL}/performance/localities/{north.pk}/"
    assert client.get(base + "secrets.csv").status_code == 404
    assert client.get(base + "measures.pdf").status_code == 404
    assert client.get(base + f"measures/{world.council_only.code}/").status_code == 404
    assert client.get(f"/areas/{WORLD_COUNCIL}/performance/places/poorest.json").status_code == 404


def test_the_places_api_gives_the_same_figures(world, north, south):  # noqa: F811
    response = Client().get(f"/api/v1/partnerships/{WORLD_COUNCIL}/places")
    assert response.status_code == 200
    data = response.json()
    assert data["communities_ranked"] == 10
    assert data["measures_used"] == [{"measure": WORLD_MEASURE, "period": "2024/25"}]
    assert [c["code"] for c in data["poorest_communities"]] == [f"S0290000{n}" for n in range(1, 6)]
    assert data["poorest_communities"][0]["score"] == pytest.approx((26 - 16.8) / SD)
    by_name = {loc["name"]: loc for loc in data["localities"]}
    north_data = by_name["North Glen Fictional"]
    assert north_data["communities"] == ["S02900001", "S02900002", "S02900003"]
    assert north_data["identified_as_poorer_outcomes"] is True
    (poorer,) = north_data["markedly_poorer_on"]
    assert poorer["measure"] == WORLD_MEASURE
    assert poorer["value"] == pytest.approx(24.0) and poorer["is_estimate"] is True
    assert (poorer["partnership"], poorer["scotland"]) == (16.5, 18.0)
    assert by_name["South Glen Fictional"]["markedly_poorer_on"] == []
    assert Client().get("/api/v1/partnerships/S99999999/places").status_code == 404
