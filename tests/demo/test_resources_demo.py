"""Highland's demonstration resources and prevention, read through the selectors as the
pages read them: four rounds, the preventative share rising year on year against the
trajectory, one partner yet to confirm the current round (past its date), the prevention
fund, lines not for publication and the drafted review."""

from decimal import Decimal

import pytest
from django.utils import timezone

from placeplan.demo.resources import resources_demo_load
from placeplan.partnerships.models import Partnership
from placeplan.resources import selectors
from placeplan.resources.models import (
    Arrangement,
    Intervention,
    Line,
    Pool,
    Review,
    ReviewEntry,
    Round,
)

pytestmark = pytest.mark.django_db

HIGHLAND = "S12000017"


@pytest.fixture
def highland():
    return Partnership.objects.get(council_area__code=HIGHLAND)


def test_four_demo_rounds_2023_to_2026(highland):
    rounds = Round.objects.filter(partnership=highland, is_demo=True)
    assert sorted(r.label for r in rounds) == ["2023/24", "2024/25", "2025/26", "2026/27"]
    assert all(r.is_demo for r in selectors.round_list(partnership=highland))
    assert not Line.objects.filter(round__in=rounds, is_demo=False).exists()
    assert all("(illustrative)" in line.title for line in Line.objects.filter(round__in=rounds))


def test_demo_rounds_and_lines_are_demonstration_content_from_their_first_record(highland):
    """Made labelled by the services, so the audit history never shows them as real."""
    rounds = Round.objects.filter(partnership=highland, is_demo=True)
    assert not Round.history.filter(partnership=highland, is_demo=False).exists()
    assert not Line.history.filter(round__in=rounds, is_demo=False).exists()
    assert (
        Line.history.filter(round__in=rounds, history_type="+").count()
        == Line.objects.filter(round__in=rounds).count()
    )


@pytest.mark.parametrize("public", [True, False])
def test_the_preventative_share_rises_year_on_year(highland, public):
    shares = selectors.year_shares(partnership=highland, public=public)
    assert [year for year, _share in shares] == [2023, 2024, 2025, 2026]
    values = [share for _year, share in shares]
    assert all(later > earlier for earlier, later in zip(values, values[1:], strict=False))
    shift = selectors.prevention_shift(
        partnership=highland, public=public, today=timezone.localdate()
    )
    assert shift.shares == shares
    assert shift.targets == [
        (2026, Decimal("34.00")),
        (2028, Decimal("40.00")),
        (2030, Decimal("45.00")),
    ]
    assert set(shift.expected) == {2023, 2024, 2025, 2026}
    rows = selectors.shift_rows(shift)
    assert [row["label"] for row in rows] == ["2023/24", "2024/25", "2025/26", "2026/27",
                                              "2028/29", "2030/31"]  # fmt: skip


def test_one_partner_has_not_confirmed_the_current_round_past_its_date(highland):
    today = timezone.localdate()
    current = selectors.round_get(partnership=highland, year=2026)
    assert current.due < today
    assert [p.organisation.name for p in selectors.unconfirmed_partners(round=current)] == [
        "Highlands and Islands Enterprise"
    ]
    overdue = selectors.rounds_overdue(on=today, partnership=highland)
    assert [(r.year, [p.organisation.name for p in missing]) for r, missing in overdue] == [
        (2026, ["Highlands and Islands Enterprise"])
    ]
    for year in (2023, 2024, 2025):
        past = selectors.round_get(partnership=highland, year=year)
        assert selectors.unconfirmed_partners(round=past) == []


def test_the_prevention_fund_holds_three_million_a_year(highland):
    fund = Pool.objects.get(partnership=highland, kind=Pool.Kind.PREVENTION, is_demo=True)
    assert fund.host.organisation.name == "The Highland Council"
    assert "(illustrative)" in fund.name
    kinds = set(selectors.pool_list(partnership=highland).values_list("kind", flat=True))
    assert {Pool.Kind.PREVENTION, Pool.Kind.INTEGRATION, Pool.Kind.LOCALITY} <= kinds
    for round in selectors.round_list(partnership=highland):
        lines = selectors.line_list(round=round).filter(pool=fund)
        assert {line.arrangement for line in lines} == {Arrangement.POOLED}
        assert sum(line.budget for line in lines) == Decimal("3000000.00")


def test_figures_cover_every_arrangement_outturn_staff_and_assets(highland):
    round = selectors.round_get(partnership=highland, year=2025)
    full = selectors.year_figures(round=round, public=False)
    assert {row.label for row in full.by_arrangement} == {
        "Aligned",
        "Pooled or integrated",
        "Delegated to a locality partnership",
    }
    assert full.total.lines_with_outturn == full.total.lines
    assert full.total.staff_fte > 0
    current = selectors.round_get(partnership=highland, year=2026)
    assert selectors.year_figures(round=current, public=False).total.lines_with_outturn == 0
    assert Line.objects.filter(round=round, assets__isnull=False).distinct().count() >= 2


def test_two_lines_a_year_are_not_for_publication_and_stay_out_of_public_figures(highland):
    round = selectors.round_get(partnership=highland, year=2025)
    hidden = Line.objects.filter(round=round, not_for_publication=True)
    assert hidden.count() == 2
    public = selectors.year_figures(round=round, public=True)
    full = selectors.year_figures(round=round, public=False)
    # Each is its partner's only line not for publication in its cell: left out entirely.
    assert public.total.amount == full.total.amount - sum(line.budget for line in hidden)
    assert public.left_out == 2
    for line in hidden:
        shown = selectors.partner_lines(partner=line.partner, public=True)
        assert line.pk not in {other.pk for other in shown}


def test_interventions_savings_and_the_drafted_review(highland):
    interventions = selectors.intervention_list(partnership=highland)
    assert interventions.count() == 3
    assert all(i.is_demo and "(illustrative)" in i.title for i in interventions)
    savings = selectors.savings_by_year(interventions=interventions)
    assert [s.year for s in savings] == [2023, 2024, 2025, 2026]
    assert all(s.realised > 0 for s in savings[:3])
    assert savings[3].realised == 0
    review = Review.objects.get(partnership=highland, year=2025)
    assert review.status == Review.Status.DRAFT
    assert review.entries.count() == 3
    assert set(review.entries.values_list("progress", flat=True)) <= set(ReviewEntry.Progress)
    assert Intervention.objects.filter(partnership=highland, indicators__isnull=False).exists()


def test_loading_again_creates_nothing(highland):
    rounds = Round.objects.filter(partnership=highland).count()
    assert resources_demo_load() == 0
    assert Round.objects.filter(partnership=highland).count() == rounds


@pytest.mark.parametrize("public", [True, False])
def test_the_shares_read_alone_are_those_of_each_years_figures(highland, public):
    """``year_shares`` reads only what the share needs, all years in one query: the same
    shares as each year's full figures (lines not for publication, confirmations)."""
    rounds = selectors.round_list(partnership=highland).order_by("year")
    assert selectors.year_shares(partnership=highland, public=public) == [
        (round.year, selectors.year_figures(round=round, public=public).total.share)
        for round in rounds
    ]
