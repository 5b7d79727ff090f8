"""The joint resourcing return: the same figures in Excel, Word and PDF, made from the
data, adding up to the penny; in full for people with a role in the partnership (marked
when it holds lines not for publication), published figures for national readers; the
prevention plan's savings and the partners yet to confirm."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client
from docx import Document
from pypdf import PdfReader

from placeplan.partnerships.services import partnership_role_grant
from placeplan.resources import returns
from placeplan.resources.models import Arrangement, Pool
from tests.factories import (
    ConfirmationFactory,
    InterventionYearFactory,
    LineFactory,
    OutcomeFactory,
    PartnerFactory,
    PlanFactory,
    PoolFactory,
    RoundFactory,
)
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def round():
    """2026/27 with three partners: A (£1,000.10, 25% primary, confirmed), B (£500.00
    pooled into a prevention fund, 100% secondary, confirmed; and £77.77 not for
    publication) and C (£250.25, not confirmed); 2025/26 at a 10% preventative share."""
    round = RoundFactory()
    partnership = round.partnership
    outcome = OutcomeFactory(
        plan=PlanFactory(partnership=partnership), statement="Fictional outcome"
    )
    a, b, c = (PartnerFactory(partnership=partnership) for _ in range(3))
    fund = PoolFactory(
        partnership=partnership, name="Fictional prevention fund", kind=Pool.Kind.PREVENTION
    )
    LineFactory(round=round, partner=a, outcome=outcome, budget=D("1000.10"), primary=25)
    LineFactory(
        round=round,
        partner=b,
        outcome=outcome,
        budget=D("500.00"),
        secondary=100,
        arrangement=Arrangement.POOLED,
        pool=fund,
    )
    LineFactory(
        round=round, partner=b, outcome=outcome, budget=D("77.77"), not_for_publication=True
    )
    LineFactory(round=round, partner=c, outcome=outcome, budget=D("250.25"))
    ConfirmationFactory(round=round, partner=a)
    ConfirmationFactory(round=round, partner=b)
    before = RoundFactory(partnership=partnership, year=2025)
    LineFactory(round=before, partner=a, outcome=outcome, budget=D("100.00"), primary=10)
    ConfirmationFactory(round=before, partner=a)
    InterventionYearFactory(
        intervention__partnership=partnership,
        year=2026,
        spend=D("40000.00"),
        expected_cashable=D("12000.00"),
        realised_cashable=D("3000.50"),
    )
    round.c = c
    return round


def _client(round, role):
    user = UserFactory()
    if role == "national_reader":
        user = UserFactory(is_national_reader=True)
    else:
        partnership_role_grant(user=user, partnership=round.partnership, role=role)
    client = Client()
    client.force_login(user)
    return client


def _get(round, role, fmt):
    code = round.partnership.council_area.code
    response = _client(round, role).get(f"/workspace/{code}/resources/{round.year}/return.{fmt}")
    assert response.status_code == 200
    return response.content


def test_the_return_in_full_adds_up_to_the_penny(round):
    data = returns.return_make(round=round, public=False)
    # 1000.10 + 500.00 + 77.77 + 250.25.
    assert data.figures.total.amount == D("1828.12")
    # 25% of 1000.10 = 250.025 → 250.03 (the penny to primary), and all of 500.00.
    assert data.figures.total.preventative == D("750.03")
    # 750.03 / 1828.12 = 41.03%; the year before 10.00%: +31.03 points.
    assert data.figures.total.share == D("41.03")
    assert data.change == D("31.03")
    assert [p.pk for p in data.unconfirmed] == [round.c.pk]
    assert data.holds_unpublished


def test_the_excel_return(round):
    workbook = openpyxl.load_workbook(io.BytesIO(_get(round, "support_officer", "xlsx")))
    assert workbook.sheetnames == [
        "Summary",
        "By outcome",
        "By partner",
        "By arrangement",
        "Shift to prevention",
        "Prevention savings",
        "Not confirmed",
    ]
    rows = list(workbook["By outcome"].iter_rows(min_row=2, values_only=True))
    assert sum(D(str(r[3])) for r in rows) == D("1828.12")
    savings = list(workbook["Prevention savings"].iter_rows(min_row=2, values_only=True))
    assert savings == [("2026/27", 40000.0, 12000.0, 0.0, 3000.5, 0.0)]
    (missing,) = list(workbook["Not confirmed"].iter_rows(min_row=2, values_only=True))
    assert missing[0] == round.c.organisation.name


def test_the_word_and_pdf_returns_say_the_same(round):
    document = Document(io.BytesIO(_get(round, "board_member", "docx")))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    pdf = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(_get(round, "board_member", "pdf"))).pages
    )
    for said in (text, pdf):
        assert "Joint resourcing return 2026/27" in said
        assert "£1,828.12" in said and "£750.03" in said and "41.0%" in said
        assert "+31.0 points" in said
        assert "not for publication as it stands" in said
        assert round.c.organisation.name in said


def test_a_report_too_long_to_read_gives_outcome_totals_and_the_excel_every_partner(
    round, monkeypatch
):
    monkeypatch.setattr(returns, "REPORT_DETAIL_ROWS", 1)
    a_partner = round.c.organisation.name
    document = Document(io.BytesIO(_get(round, "board_member", "docx")))
    outcome_table = document.tables[1]  # after the summary
    rows = [[cell.text for cell in row.cells] for row in outcome_table.rows]
    (header, (outcome, *figures)) = rows
    assert outcome.endswith("— Fictional outcome")
    assert figures == [
        "3 partner rows: see the Excel return's “By outcome” sheet",
        "£1,828.12",
        "£750.03",
        "41.0%",
    ]
    pdf = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(_get(round, "board_member", "pdf"))).pages
    )
    assert "3 partner rows: see the Excel return's “By outcome” sheet" in pdf
    workbook = openpyxl.load_workbook(io.BytesIO(_get(round, "board_member", "xlsx")))
    partners = [row[1] for row in workbook["By outcome"].iter_rows(min_row=2, values_only=True)]
    assert len(partners) == 3 and a_partner in partners


def test_national_readers_get_the_published_figures(round):
    document = Document(io.BytesIO(_get(round, "national_reader", "docx")))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    # Confirmed lines only; B's line not for publication is alone in its cell: left out.
    assert "£1,500.10" in text
    assert "£77.77" not in text and "£250.25" not in text and "£1,828.12" not in text
    assert "Published figures only" in text


def test_an_unknown_year_or_format_is_not_found(round):
    code = round.partnership.council_area.code
    client = _client(round, "support_officer")
    assert client.get(f"/workspace/{code}/resources/1999/return.xlsx").status_code == 404
    assert client.get(f"/workspace/{code}/resources/2026/return.csv").status_code == 404
