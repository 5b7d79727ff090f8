"""The resources API (/api/v1/partnerships/{code}/resources): a year's published figures
worked by hand (tests/resources/worked_round.py), money as exact decimal strings adding
up to the penny, the rule for lines not for publication, and 404 for an unknown
partnership or year, however the year is written."""

from decimal import Decimal

import pytest
from django.test import Client

from placeplan.resources.models import Line
from tests.factories.resources import LineFactory, RoundFactory
from tests.resources.worked_round import worked_round

pytestmark = pytest.mark.django_db

D = Decimal


def _get(code, **params):
    return Client().get(f"/api/v1/partnerships/{code}/resources", params)


def test_a_years_published_figures_by_hand():
    code = worked_round()["code"]
    response = _get(code, year="2026/27")
    assert response.status_code == 200
    data = response.json()
    assert data["year"] == "2026/27"
    assert data["years"] == ["2026/27"]
    assert data["total"] == "4500.10"
    assert data["preventative"] == "950.03"
    assert data["preventative_share"] == "21.11"
    assert data["levels"] == {
        "primary": "550.03",
        "secondary": "400.00",
        "tertiary": "0.00",
        "not_preventative": "3550.07",
    }
    assert data["by_outcome"] == [
        {
            "kind": "outcome",
            "outcome": "Fictional Outcomes Plan — Fictional outcome A",
            "total": "3500.10",
            "preventative": "250.03",
            "preventative_share": "7.14",
            "by_partner": [
                {
                    "partner": "Fictional Partner B",
                    "amount": "2500.00",
                    "preventative": "0.00",
                    "arrangement": "Aligned",
                    "combined": False,
                },
                {
                    "partner": "Fictional Partner A",
                    "amount": "1000.10",
                    "preventative": "250.03",
                    "arrangement": "Aligned",
                    "combined": False,
                },
            ],
        },
        {
            "kind": "outcome",
            "outcome": "Fictional Outcomes Plan — Fictional outcome B",
            "total": "1000.00",
            "preventative": "700.00",
            "preventative_share": "70.00",
            "by_partner": [
                {
                    "partner": "Fictional Partner D",
                    "amount": "400.00",
                    "preventative": "400.00",
                    "arrangement": "Pooled or integrated",
                    "combined": False,
                },
                {
                    "partner": "Partners not published separately",
                    "amount": "600.00",
                    "preventative": "300.00",
                    "arrangement": None,
                    "combined": True,
                },
            ],
        },
    ]
    assert data["by_partner"] == [
        {
            "partner": "Fictional Partner B",
            "amount": "2500.00",
            "preventative": "0.00",
            "preventative_share": "0.00",
            "combined": False,
        },
        {
            "partner": "Fictional Partner A",
            "amount": "1000.10",
            "preventative": "250.03",
            "preventative_share": "25.00",
            "combined": False,
        },
        {
            "partner": "Fictional Partner D",
            "amount": "400.00",
            "preventative": "400.00",
            "preventative_share": "100.00",
            "combined": False,
        },
        {
            "partner": "Partners not published separately",
            "amount": "600.00",
            "preventative": "300.00",
            "preventative_share": "50.00",
            "combined": True,
        },
    ]
    assert data["unconfirmed_partners"] == ["Fictional Partner E"]
    assert data["is_demo"] is False
    assert "partners' own returns" in data["note"].lower()
    assert data["page_url"] == f"/areas/{code}/resources/?year=2026%2F27"
    assert data["shift"]["years"] == [
        {"year": "2026/27", "preventative_share": "21.11", "trajectory": "21.11", "target": None},
        {"year": "2030/31", "preventative_share": None, "trajectory": None, "target": "40.00"},
    ]


def test_every_total_is_the_sum_of_its_parts_to_the_penny():
    data = _get(worked_round()["code"]).json()
    total = D(data["total"])
    assert total == sum(D(cell["total"]) for cell in data["by_outcome"])
    assert total == sum(D(row["amount"]) for row in data["by_partner"])
    assert total == sum(D(value) for value in data["levels"].values())
    assert D(data["preventative"]) == sum(D(cell["preventative"]) for cell in data["by_outcome"])
    assert D(data["preventative"]) == sum(D(row["preventative"]) for row in data["by_partner"])
    for cell in data["by_outcome"]:
        assert D(cell["total"]) == sum(D(row["amount"]) for row in cell["by_partner"])
        assert D(cell["preventative"]) == sum(D(r["preventative"]) for r in cell["by_partner"])


def _money(data):
    """Every amount of money in the answer (not the percentages)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("total", "amount", "preventative"):
                yield value
            else:
                yield from _money(value)
    elif isinstance(data, list):
        for value in data:
            yield from _money(value)


def test_no_line_not_for_publication_shows_on_its_own():
    response = _get(worked_round()["code"])
    amounts = set(_money(response.json()))
    assert amounts == {
        "4500.10", "950.03", "3500.10", "250.03", "2500.00", "0.00", "1000.10", "1000.00",
        "700.00", "400.00", "600.00", "300.00",
    }  # fmt: skip
    # C's £999.99 and B's pooled £55.55 (outcome A: two partners only), E's unconfirmed
    # £5,000.00 and each hidden line of outcome B (£100, £200, £300 as its partner's own)
    # appear nowhere; C is not named.
    assert "Fictional Partner C" not in response.content.decode()
    by_partner = {row["partner"]: row["amount"] for row in response.json()["by_partner"]}
    assert by_partner["Fictional Partner A"] == "1000.10"  # not 1,100.10 with its hidden line
    assert by_partner["Fictional Partner B"] == "2500.00"  # not 2,555.55 nor 2,700.00


def test_the_latest_round_is_given_when_no_year_is_asked_for():
    worked = worked_round()
    RoundFactory(partnership=worked["partnership"], year=2025)
    assert _get(worked["code"]).json()["year"] == "2026/27"
    older = _get(worked["code"], year="2025/26").json()
    assert older["year"] == "2025/26"
    assert older["total"] == "0.00"
    assert older["preventative_share"] is None
    assert older["by_outcome"] == older["by_partner"] == []
    assert _get(worked["code"]).json()["years"] == ["2026/27", "2025/26"]


def test_demo_lines_are_flagged():
    line = LineFactory()
    assert _get(line.round.partnership.council_area.code).json()["is_demo"] is False
    Line.objects.filter(pk=line.pk).update(is_demo=True)
    data = _get(line.round.partnership.council_area.code).json()
    assert data["is_demo"] is True


@pytest.mark.parametrize(
    "year",
    ["2027/28", "2026/28", "2026-27", "2026", "26/27", "٢٠٢٦/٢٧", "2026/27\x00", "x" * 500, "../"],
)
def test_an_unknown_or_badly_written_year_is_404(year):
    code = worked_round()["code"]
    response = _get(code, year=year)
    # A NUL byte is refused before the API (400); anything else is no such year.
    assert response.status_code == (400 if "\x00" in year else 404)
    assert set(response.json()) == {"detail"}


def test_an_unknown_partnership_or_one_without_a_round_is_404():
    assert _get("S99999999").status_code == 404
    line = LineFactory()
    line.round.delete()
    assert _get(line.round.partnership.council_area.code).status_code == 404
