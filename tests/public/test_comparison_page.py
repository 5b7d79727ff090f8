"""The national comparison page (/compare/): all 32 partnerships on one measure, ranked,
beside Scotland, one area highlighted, and its table as CSV and Excel. The figures are
the API's (tests/api/test_comparison_api.py checks them against the shipped file and
ranks worked by hand); here: that the page and its downloads show exactly those."""

import csv
import io

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

QUERY = {"measure": "cpop-child-poverty", "period": "2021/22"}
INVERCLYDE = "S12000018"


def test_the_page_ranks_all_32_beside_scotland_and_highlights_the_chosen_area(client):
    response = client.get("/compare/", {**QUERY, "area": INVERCLYDE})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Child Poverty, 2021/22: all 32 partnerships" in html
    rows = response.context["comparison"].areas
    assert len(rows) == 32
    assert [row["rank"] for row in rows] == list(range(1, 33))
    api = client.get("/api/v1/comparison", QUERY).json()
    assert [(r["code"], r["value"], r["rank"]) for r in rows] == [
        (a["code"], a["value"], a["rank"]) for a in api["areas"]
    ]
    # Shown rounded by the one number format, the chosen area named, not only coloured.
    assert "20.8 in 2021/22" in html  # Scotland, 20.753530907646773, to the %'s one place
    assert 'class="pp-chosen"' in html
    assert ">Inverclyde</a> <strong>(chosen)</strong>" in html
    assert ">21.3<" in html  # Inverclyde, 21.292121013363943
    # The rate of improvement since 2010/11 and its rank (tests/api/test_comparison_api.py).
    assert "Rate of improvement since 2010/11 (rank)" in html
    assert "−98.0% (26)" in html
    bars = {bar["label"]: bar for bar in response.context["chart"]["datasets"]["values"]}
    assert bars["Inverclyde (chosen)"]["which"] == "Chosen area"
    # The other seven areas of Inverclyde's family group 4 are marked in words too.
    family = sorted(label for label, bar in bars.items() if bar["which"] == "Same family group")
    assert family == [
        "Dundee City (group 4)",
        "East Ayrshire (group 4)",
        "Glasgow City (group 4)",
        "Na h-Eileanan Siar (group 4)",
        "North Ayrshire (group 4)",
        "North Lanarkshire (group 4)",
        "West Dunbartonshire (group 4)",
    ]


def test_choices_it_does_not_know_fall_back_and_are_never_an_error(client):
    response = client.get(
        "/compare/", {"measure": "no-such", "period": "'; DROP TABLE x", "area": "S1<script>"}
    )
    assert response.status_code == 200
    chosen = response.context
    assert chosen["measure"].code == chosen["measures"][0].code
    # The first measure (Attainment) runs to 2024/25 in projections: the page opens on
    # the latest year that is not one.
    assert chosen["periods"][-1] == "2024/25"
    assert chosen["period"] == "2021/22"
    assert chosen["area"] is None and chosen["highlight"] == ""
    assert "<script>" not in response.content.decode()


def test_a_period_the_new_measure_lacks_gives_its_latest_not_projected(client):
    response = client.get("/compare/", {"measure": "cpop-child-poverty", "period": "1999/00"})
    assert response.context["period"] == "2021/22"
    # A projected year is still there to choose, its values marked as estimates.
    projected = client.get("/compare/", {"measure": "cpop-child-poverty", "period": "2024/25"})
    assert projected.context["period"] == "2024/25"
    assert {row["kind_label"] for row in projected.context["comparison"].areas} == {
        "Estimate (projected)"
    }


def test_the_chosen_area_over_time_with_its_rank_each_year(client):
    response = client.get("/compare/", {**QUERY, "area": INVERCLYDE})
    rows = {row["period"]: row for row in response.context["over_time"]}
    assert len(rows) == 15 and list(rows)[0] == "2010/11"
    assert (rows["2021/22"]["rank"], rows["2021/22"]["ranked"]) == (21, 32)
    assert rows["2021/22"]["value"] == pytest.approx(21.292121013363943)
    assert rows["2024/25"]["is_estimate"] and rows["2010/11"]["kind_label"] == "Estimate (imputed)"
    html = response.content.decode()
    assert 'id="comparison-over-time"' in html and "21 of 32" in html
    assert client.get("/compare/", QUERY).context["over_time"] == []


def test_the_page_is_kept_for_the_public_by_its_choices(client, django_assert_num_queries):
    inverclyde = client.get("/compare/", {**QUERY, "area": INVERCLYDE}).content
    with django_assert_num_queries(0):
        assert client.get("/compare/", {**QUERY, "area": INVERCLYDE}).content == inverclyde
    # Another choice is another page, never the one kept for the first.
    glasgow = client.get("/compare/", {**QUERY, "area": "S12000049"}).content.decode()
    assert ">Glasgow City</a> <strong>(chosen)</strong>" in glasgow
    assert ">Inverclyde</a> <strong>(chosen)</strong>" not in glasgow


def test_the_csv_and_excel_hold_the_same_table_unrounded(client):
    api = client.get("/api/v1/comparison", QUERY).json()
    expected = [[str(a["rank"]), a["code"], a["name"], repr(a["value"])] for a in api["areas"]]

    answer = client.get("/compare/comparison.csv", QUERY)
    assert answer.status_code == 200
    assert (
        'filename="cpop-child-poverty-2021-22-all-partnerships.csv"'
        in answer["Content-Disposition"]
    )
    table = list(csv.reader(io.StringIO(answer.content.decode())))
    assert table[0] == [
        "Rank",
        "Council area code",
        "Partnership area",
        "Value",
        "Kind",
        "Family group",
        "Rate of improvement since 2010/11 (%)",
        "Rank of the rate of improvement",
    ]
    assert [row[:4] for row in table[1:33]] == expected
    assert table[33][:4] == ["", "S92000003", "Scotland", repr(api["scotland"])]

    sheet = load_workbook(io.BytesIO(client.get("/compare/comparison.xlsx", QUERY).content)).active
    cells = list(sheet.iter_rows(values_only=True))
    # Excel keeps 15 significant digits.
    assert [list(row[:4]) for row in cells[1:33]] == [
        [a["rank"], a["code"], a["name"], pytest.approx(a["value"], rel=1e-14)]
        for a in api["areas"]
    ]


def test_the_home_page_links_the_comparison(client):
    assert 'href="/compare/"' in client.get("/").content.decode()


def test_before_any_national_figures_are_loaded_the_page_and_table_are_404(client, monkeypatch):
    """A new installation before load_reference_data: nothing to compare, never a 500."""
    from placeplan.performance import selectors

    monkeypatch.setattr(selectors, "comparison_measures", list)
    assert client.get("/compare/").status_code == 404
    assert client.get("/compare/comparison.csv").status_code == 404
