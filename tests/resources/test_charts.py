"""The charts of resources and prevention, with the round worked by hand in
tests/resources/worked_round.py: each chart's data are the selectors' figures (the public
page's the published figures, the workspace's every line entered), and a public chart
never holds a line not for publication on its own."""

import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from placeplan.partnerships.services import partnership_role_grant
from placeplan.resources import charts, selectors
from tests.factories import UserFactory
from tests.resources.worked_round import worked_round

pytestmark = pytest.mark.django_db

A = "Fictional Outcomes Plan — Fictional outcome A"
B = "Fictional Outcomes Plan — Fictional outcome B"
# The amounts of the lines not for publication (and of partner E's unconfirmed line).
NEVER_PUBLIC = {55.55, 999.99, 100.0, 200.0, 300.0, 5000.0}


def _values(spec) -> list[dict]:
    return [{k: v for k, v in row.items() if k != "order"} for row in spec["datasets"]["values"]]


def test_the_public_outcomes_chart_draws_the_published_figures():
    worked = worked_round()
    tables = selectors.year_tables(round=worked["round"], public=True)
    spec = charts.outcomes_chart(cells=tables.cells, year="2026/27")
    # Outcome A: £1,000.10 + £2,500.00 (the two not for publication left out), £250.03
    # preventative; B: £400.00 + the combined £600.00, £400.00 + £300.00 preventative.
    assert _values(spec) == [
        {"outcome": A, "part": charts.ALL, "amount": 3500.10},
        {"outcome": A, "part": charts.PREVENTATIVE, "amount": 250.03},
        {"outcome": B, "part": charts.ALL, "amount": 1000.00},
        {"outcome": B, "part": charts.PREVENTATIVE, "amount": 700.00},
    ]
    assert spec["encoding"]["fill"]["scale"]["domain"] == [charts.ALL, charts.PREVENTATIVE]


def test_the_workspace_outcomes_chart_draws_every_line_entered():
    worked = worked_round()
    tables = selectors.year_tables(round=worked["round"], public=False)
    spec = charts.outcomes_chart(cells=tables.cells, year="2026/27")
    # A: 1,000.10 + 2,500.00 + 55.55 + 999.99 = 4,555.64, preventative £250.03 (A's);
    # B: 400 + 100 + 200 + 300 + 5,000 = 6,000, preventative 400 + 50 + 100 + 150 + 5,000.
    assert _values(spec) == [
        {"outcome": A, "part": charts.ALL, "amount": 4555.64},
        {"outcome": A, "part": charts.PREVENTATIVE, "amount": 250.03},
        {"outcome": B, "part": charts.ALL, "amount": 6000.00},
        {"outcome": B, "part": charts.PREVENTATIVE, "amount": 5700.00},
    ]


def test_the_shift_chart_draws_the_shares_and_the_trajectory():
    worked = worked_round()
    shift = selectors.prevention_shift(
        partnership=worked["partnership"], public=True, today=worked["round"].due
    )
    spec = charts.shift_chart(rows=selectors.shift_rows(shift))
    # 2026/27's share is 21.11% (the baseline, so also the trajectory that year); the
    # trajectory runs to the 40% target set for 2030/31.
    assert spec["datasets"]["values"] == [
        {"year": 2026, "label": "2026/27", "series": charts.SHARE, "share": 21.11},
        {"year": 2026, "label": "2026/27", "series": charts.TRAJECTORY, "share": 21.11},
        {"year": 2030, "label": "2030/31", "series": charts.TRAJECTORY, "share": 40.0},
    ]
    dash = spec["layer"][0]["encoding"]["strokeDash"]["scale"]
    assert dash == {"domain": [charts.SHARE, charts.TRAJECTORY], "range": [[1, 0], [6, 4]]}


def test_no_chart_without_figures():
    assert charts.outcomes_chart(cells=[], year="2026/27") is None
    plan_only = {"year": 2030, "label": "2030/31", "share": None, "expected": None}
    assert charts.shift_chart(rows=[{**plan_only, "target": Decimal("40")}]) is None


def _chart_values(html: str, chart_id: str) -> list[dict]:
    start = html.index(f'<script id="{chart_id}" type="application/json">')
    body = html[html.index(">", start) + 1 : html.index("</script>", start)]
    return json.loads(body)["datasets"]["values"]


def test_the_public_page_draws_both_charts_with_no_line_not_for_publication_alone():
    code = worked_round()["code"]
    html = Client().get(reverse("public:resources", args=[code])).content.decode()
    outcomes = _chart_values(html, "outcomes-chart")
    assert [row["amount"] for row in outcomes] == [3500.10, 250.03, 1000.00, 700.00]
    assert [row["share"] for row in _chart_values(html, "shift-chart")] == [21.11, 21.11, 40.0]
    assert not {row["amount"] for row in outcomes} & NEVER_PUBLIC
    assert "vega-lite.min.js" in html
    # Each chart is followed by its table.
    assert html.index('id="outcomes-chart"') < html.index('id="by-outcome-table"')
    assert html.index('id="shift-chart"') < html.index('id="shift-table"')


def test_the_workspace_overview_draws_both_charts():
    worked = worked_round()
    user = UserFactory()
    partnership_role_grant(user=user, partnership=worked["partnership"], role="support_officer")
    client = Client()
    client.force_login(user)
    html = client.get(reverse("resources:overview", args=[worked["code"]])).content.decode()
    assert [row["amount"] for row in _chart_values(html, "outcomes-chart")] == [
        4555.64,
        250.03,
        6000.00,
        5700.00,
    ]
    # In full: 5,950.03 preventative of 10,555.64 = 56.368…% → 56.37%, the baseline.
    assert [row["share"] for row in _chart_values(html, "shift-chart")] == [56.37, 56.37, 40.0]
    assert html.index('id="shift-chart"') < html.index('id="shift-table"')
