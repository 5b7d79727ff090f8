"""The open-data API: /api/v1/areas/, an area, a community, the docs and the schema."""

import json

import pytest
from django.conf import settings
from django.utils.text import slugify

from placeplan.places.services import read_csv as _read

pytestmark = pytest.mark.django_db

GEOGRAPHY = settings.DATA_DIR / "geography"
OUTCOMES = settings.DATA_DIR / "outcomes"


def test_area_list(client):
    response = client.get("/api/v1/areas/")
    assert response.status_code == 200
    areas = response.json()
    published = {r["code"]: r["name"] for r in _read(GEOGRAPHY / "council_areas.csv")}
    assert len(areas) == 32
    assert {a["code"]: a["name"] for a in areas} == published
    assert [a["name"] for a in areas] == sorted(a["name"] for a in areas)
    for area in areas:
        assert set(area) == {"code", "name", "partnership", "page_url", "api_url"}
        assert area["partnership"] == f"{area['name']} Community Planning Partnership"
        assert area["page_url"] == f"/areas/{area['code']}/"
        assert area["api_url"] == f"/api/v1/areas/{area['code']}"


def test_area_detail(client):
    response = client.get("/api/v1/areas/S12000018")
    assert response.status_code == 200
    area = response.json()
    assert set(area) == {
        "code",
        "name",
        "partnership",
        "population",
        "population_source",
        "data_zones",
        "intermediate_zones",
        "deprivation_family_group",
        "density_family_group",
        "simd",
        "simd2020_quintiles",
        "communities",
    }
    assert area["code"] == "S12000018"
    assert area["name"] == "Inverclyde"
    assert area["partnership"] == "Inverclyde Community Planning Partnership"
    # data_zones_2011.csv: 114 data zones in 17 intermediate zones.
    assert (area["data_zones"], area["intermediate_zones"]) == (114, 17)
    # council_family_groups.csv: S12000018,Inverclyde,4,3
    assert (area["deprivation_family_group"], area["density_family_group"]) == (4, 3)
    assert area["population_source"] == "Sum of data zone populations, SIMD 2020 population base"
    quintiles = area["simd2020_quintiles"]
    assert [q["quintile"] for q in quintiles] == [1, 2, 3, 4, 5]
    assert sum(q["data_zones"] for q in quintiles) == 114
    assert quintiles[0]["data_zones"] == area["simd"]["2020"]["most_deprived_20pc"] == 51
    assert len(area["communities"]) == 17
    kilmacolm = next(c for c in area["communities"] if c["code"] == "S02002034")
    assert kilmacolm == {
        "code": "S02002034",
        "name": "Kilmacolm Central",
        "api_url": "/api/v1/areas/S12000018/communities/S02002034",
    }


def test_community_detail(client):
    response = client.get("/api/v1/areas/S12000033/communities/S02001236")
    assert response.status_code == 200
    community = response.json()
    assert community["code"] == "S02001236"
    assert community["name"] == "Culter"
    assert community["council_area"] == {"code": "S12000033", "name": "Aberdeen City"}
    # intermediate_zone_typology.csv: S02001236,7,"Large Urban, Dep - Child,HH Inc 40-70%"
    assert community["typology"] == {"group": 7, "name": "Large Urban, Dep - Child,HH Inc 40-70%"}
    # SIMD 2020 Total_population: 894 + 793 + 624 + 537 + 663 + 759 + 539 = 4,809
    assert community["population"] == 4809


def test_community_data_zones(client):
    zones = client.get("/api/v1/areas/S12000033/communities/S02001236").json()["data_zones"]
    expected = sorted(
        r["data_zone_code"]
        for r in _read(GEOGRAPHY / "data_zones_2011.csv")
        if r["intermediate_zone_code"] == "S02001236"
    )
    assert [z["code"] for z in zones] == expected
    assert len(zones) == 7
    # simd2020_ranks.csv: S01006506 rank 4691 → quintile ceil(4691×5/6976) = 4, decile 7;
    # simd2020_indicators.csv: Total_population 894.0
    assert zones[0] == {
        "code": "S01006506",
        "name": "Culter - 01",
        "simd2020_rank": 4691.0,
        "simd2020_quintile": 4,
        "simd2020_decile": 7,
        "population": 894,
    }


def test_community_measures_match_the_csv(client):
    measures = client.get("/api/v1/areas/S12000033/communities/S02001236").json()["measures"]
    rows = [
        r
        for r in _read(OUTCOMES / "intermediate_zone_outcomes.csv")
        if r["intermediate_zone_code"] == "S02001236"
    ]
    expected = {}
    for r in rows:
        expected.setdefault(f"cpop-{slugify(r['measure'])}", {})[r["period"]] = (
            r["kind"],
            float(r["value"]),
        )
    assert len(measures) == 8
    assert {m["code"] for m in measures} == set(expected)
    kinds_seen = set()
    for measure in measures:
        assert measure["unit"] and measure["definition"] and measure["source"]
        values = measure["values"]
        assert [v["period"] for v in values] == sorted(v["period"] for v in values)
        assert {v["period"] for v in values} == set(expected[measure["code"]])
        for point in values:
            kind, value = expected[measure["code"]][point["period"]]
            assert point["kind"] == kind
            assert point["value"] == pytest.approx(value, rel=1e-12)
            assert point["is_estimate"] is (kind in {"imputed", "projected"})
            kinds_seen.add(kind)
    assert kinds_seen == {"raw", "imputed", "projected"}


def test_projected_value_is_an_estimate(client):
    measures = client.get("/api/v1/areas/S12000033/communities/S02001236").json()["measures"]
    child_poverty = next(m for m in measures if m["code"] == "cpop-child-poverty")
    by_period = {v["period"]: v for v in child_poverty["values"]}
    # intermediate_zone_outcomes.csv: S02001236,Child Poverty,2022/23,projected,12.98...
    assert by_period["2022/23"]["kind"] == "projected"
    assert by_period["2022/23"]["is_estimate"] is True
    assert by_period["2022/23"]["value"] == pytest.approx(12.988238132685288)
    # ... 2010/11 imputed, 2021/22 raw
    assert (by_period["2010/11"]["kind"], by_period["2010/11"]["is_estimate"]) == (
        "imputed",
        True,
    )
    assert (by_period["2021/22"]["kind"], by_period["2021/22"]["is_estimate"]) == ("raw", False)
    assert child_poverty["higher_is_better"] is False
    assert child_poverty["unit"] == "%"


def test_docs_page(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b"<html" in response.content.lower()
    assert b"openapi.json" in response.content


def test_openapi_schema(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["info"]["title"] == "Placeplan open data API"
    assert schema["info"]["version"] == "1"
    assert set(schema["paths"]) == {
        "/api/v1/areas/",
        "/api/v1/areas/{code}",
        "/api/v1/areas/{code}/communities/{iz_code}",
        "/api/v1/measures",
        "/api/v1/comparison",
        "/api/v1/areas/{code}/outcomes",
        "/api/v1/partnerships/{code}/indicators/{slug}",
        "/api/v1/partnerships/{code}/inequality",
        "/api/v1/partnerships/{code}/places",
        "/api/v1/partnerships/{code}/meetings",
        "/api/v1/partnerships/{code}/meetings/{meeting_id}",
        "/api/v1/partnerships/{code}/actions",
        "/api/v1/partnerships/{code}/challenges",
        "/api/v1/observations",
        "/api/v1/partnerships/{code}/structure",
        "/api/v1/partnerships/{code}/bodies/{body_id}",
        "/api/v1/partnerships/{code}/plans",
        "/api/v1/plans/{plan_id}",
        # The JSON twins of the dashboard, plan comparison, partner and locality pages.
        "/api/v1/partnerships/{code}/dashboard",
        "/api/v1/partnerships/{code}/plans/{plan_id}/compare/{other_id}",
        "/api/v1/partnerships/{code}/partners/{partner_id}",
        "/api/v1/partnerships/{code}/localities/{locality_id}",
        "/api/v1/partnerships/{code}/localities/{locality_id}/measures/{slug}",
        # The site search's twin.
        "/api/v1/search",
        # Stories of Place.
        "/api/v1/partnerships/{code}/stories",
        "/api/v1/partnerships/{code}/stories/{locality_id}",
        "/api/v1/partnerships/{code}/stories/{locality_id}/versions",
        # Engagement: you said, we did, and Place Standard scores.
        "/api/v1/partnerships/{code}/engagement",
        "/api/v1/partnerships/{code}/engagement/{activity_id}",
        "/api/v1/partnerships/{code}/place-standard/{exercise_id}",
        # Participatory budgeting.
        "/api/v1/partnerships/{code}/budgets",
        "/api/v1/budgets/{process_id}",
        "/api/v1/budgets/{process_id}/pabulib",
        # Resources and prevention.
        "/api/v1/partnerships/{code}/resources",
        "/api/v1/partnerships/{code}/resources/{year}/outcomes/{outcome_pk}",
    }
    for name, path in schema["paths"].items():
        if name == "/api/v1/observations":
            # The one write: partner systems post values with a bearer token.
            assert set(path) == {"post"}
            assert path["post"]["security"] == [{"TokenAuth": []}]
        else:
            assert "get" in path


@pytest.mark.parametrize(
    ("url", "mentions"),
    [
        ("/api/v1/areas/S12999999", "S12999999"),
        ("/api/v1/areas/S02001236", "S02001236"),  # a community code is not a council area
        ("/api/v1/areas/S12000033/communities/S02999999", "S02999999"),
        # Culter is in Aberdeen City, not Inverclyde.
        ("/api/v1/areas/S12000018/communities/S02001236", "S02001236"),
        # A data zone is not a community.
        ("/api/v1/areas/S12000033/communities/S01006506", "S01006506"),
    ],
)
def test_not_found_is_json_with_detail(client, url, mentions):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail"}
    assert mentions in body["detail"]
