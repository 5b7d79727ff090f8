"""The public resources page (/areas/<code>/resources/) and its CSV downloads, with the
figures worked by hand in tests/resources/worked_round.py: published figures only (the
rule for lines not for publication, confirmed lines only), a year chosen by its label,
the shift to prevention with its status in words, and demo content labelled."""

import csv
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from placeplan.resources.models import Line, Round
from tests.factories.partnerships import PartnershipFactory
from tests.factories.resources import LineFactory, RoundFactory
from tests.resources.worked_round import worked_round

pytestmark = pytest.mark.django_db

D = Decimal


def _page(code, **params):
    return Client().get(reverse("public:resources", args=[code]), params)


def _csv(code, year, table):
    response = Client().get(reverse("public:resources_table", args=[code, year, table]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_page_shows_the_published_figures_by_hand():
    code = worked_round()["code"]
    response = _page(code)
    assert response.status_code == 200
    html = response.content.decode()
    tables = response.context["tables"]
    assert tables.round.label == "2026/27"
    assert tables.total.amount == D("4500.10")
    assert tables.total.preventative == D("950.03")
    assert tables.total.share == D("21.11")
    # The headline figures, to the penny.
    assert '<dd class="ds_metadata__value" id="total">£4,500.10</dd>' in html
    assert '<dd class="ds_metadata__value" id="preventative">£950.03</dd>' in html
    assert '<dd class="ds_metadata__value" id="preventative-share">21.1%</dd>' in html
    # By outcome, with each partner's arrangement; the combined row is not split up.
    outcomes = html[html.index('id="by-outcome-table"') : html.index('id="by-partner"')]
    for text in (
        "Fictional Outcomes Plan — Fictional outcome A",
        "<td>Fictional Partner B</td><td>Aligned</td>",
        "<td>Fictional Partner A</td><td>Aligned</td>",
        "£3,500.10",
        "£250.03",
        "<td>Fictional Partner D</td><td>Pooled or integrated</td>",
        "<td>Partners not published separately</td><td>Not shown separately</td>",
        "£600",
        "£700",
    ):
        assert text in outcomes, text
    # By partner, adding up to the whole.
    partners = html[html.index('id="by-partner-table"') : html.index('id="shift"')]
    assert [row["label"] for row in tables.by_partner] == [
        "Fictional Partner B",
        "Fictional Partner A",
        "Fictional Partner D",
        "Partners not published separately",
    ]
    assert sum(row["total"].amount for row in tables.by_partner) == D("4500.10")
    assert "25.0%" in partners and "100.0%" in partners and "50.0%" in partners
    # Who has yet to confirm; what is never published; what the figures are.
    assert "Fictional Partner E" in html[html.index('id="unconfirmed"') :]
    for hidden in ("£999.99", "£55.55", "£5,000", "Fictional Partner C"):
        assert hidden not in html, hidden
    assert "partners' own returns" in html
    assert "Demonstration" not in html


def test_the_shift_to_prevention_has_its_status_in_words():
    html = _page(worked_round()["code"]).content.decode()
    status = html[html.index('id="shift-status"') : html.index("</p>", html.index("shift-status"))]
    assert "No recent data" in status and "Not enough data" in status
    shift = html[html.index('id="shift-table"') :]
    assert '<th scope="row">2026/27</th><td class="pp-number">21.1%</td>' in shift
    assert '<th scope="row">2030/31</th>' in shift and "40.0%" in shift


def test_a_year_is_chosen_by_its_label():
    worked = worked_round()
    RoundFactory(partnership=worked["partnership"], year=2025)
    response = _page(worked["code"], year="2025/26")
    assert response.status_code == 200
    assert response.context["round"].year == 2025
    html = response.content.decode()
    assert '<option value="2025/26" selected>' in html
    assert '<option value="2026/27">' in html
    assert "No partner has confirmed its lines for 2025/26 yet." in html
    assert _page(worked["code"]).context["round"].year == 2026


@pytest.mark.parametrize("year", ["1999/00", "2026/28", "2026", "<script>", "x" * 300, "../"])
def test_an_unknown_year_is_404(year):
    assert _page(worked_round()["code"], year=year).status_code == 404


def test_an_unknown_partnership_is_404_and_one_without_rounds_says_so():
    assert _page("S99999999").status_code == 404
    partnership = PartnershipFactory()
    response = _page(partnership.council_area.code)
    assert response.status_code == 200
    assert "has not published any resources yet" in response.content.decode()


def test_demo_content_is_labelled_illustrative():
    line = LineFactory()
    Line.objects.filter(pk=line.pk).update(is_demo=True)
    html = _page(line.round.partnership.council_area.code).content.decode()
    assert "Demonstration" in html and "illustrative" in html


def test_the_outcomes_table_as_csv():
    code = worked_round()["code"]
    rows = _csv(code, 2026, "outcomes")
    assert rows == [
        ["Year", "For", "Partner", "Arrangement", "Amount (£)", "Preventative (£)"],
        ["2026/27", "Fictional Outcomes Plan — Fictional outcome A", "Fictional Partner B",
         "Aligned", "2500.00", "0.00"],
        ["2026/27", "Fictional Outcomes Plan — Fictional outcome A", "Fictional Partner A",
         "Aligned", "1000.10", "250.03"],
        ["2026/27", "Fictional Outcomes Plan — Fictional outcome B", "Fictional Partner D",
         "Pooled or integrated", "400.00", "400.00"],
        ["2026/27", "Fictional Outcomes Plan — Fictional outcome B",
         "Partners not published separately", "", "600.00", "300.00"],
    ]  # fmt: skip
    assert sum(D(row[4]) for row in rows[1:]) == D("4500.10")
    assert sum(D(row[5]) for row in rows[1:]) == D("950.03")


def test_the_partners_and_shift_tables_as_csv():
    code = worked_round()["code"]
    assert _csv(code, 2026, "partners") == [
        ["Year", "Partner", "Amount (£)", "Preventative (£)", "Preventative share (%)"],
        ["2026/27", "Fictional Partner B", "2500.00", "0.00", "0.00"],
        ["2026/27", "Fictional Partner A", "1000.10", "250.03", "25.00"],
        ["2026/27", "Fictional Partner D", "400.00", "400.00", "100.00"],
        ["2026/27", "Partners not published separately", "600.00", "300.00", "50.00"],
    ]
    assert _csv(code, 2026, "shift") == [
        ["Year", "Preventative share (%)", "Trajectory (%)", "Target (%)"],
        ["2026/27", "21.11", "21.11", ""],
        ["2030/31", "", "", "40.00"],
    ]


def test_an_unknown_table_or_year_of_the_downloads_is_404():
    code = worked_round()["code"]
    client = Client()
    assert client.get(f"/areas/{code}/resources/2026/levels.csv").status_code == 404
    assert client.get(f"/areas/{code}/resources/1999/outcomes.csv").status_code == 404
    assert client.get("/areas/S99999999/resources/2026/outcomes.csv").status_code == 404


def test_the_page_and_its_api_twin_give_the_same_figures():
    code = worked_round()["code"]
    tables = _page(code).context["tables"]
    data = Client().get(f"/api/v1/partnerships/{code}/resources").json()
    assert D(data["total"]) == tables.total.amount
    assert [(r["partner"], D(r["amount"])) for r in data["by_partner"]] == [
        (row["label"], row["total"].amount) for row in tables.by_partner
    ]
    assert not Round.objects.filter(partnership__council_area__code=code, year=2025).exists()
