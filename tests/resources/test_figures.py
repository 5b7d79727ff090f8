"""The figures of resources and prevention, worked by hand: a line split across the levels
of prevention to the penny, totals and breakdowns that add up to the penny, pooled money
counted once, outturn against budget, the rule for lines not for publication, and the
shift to prevention against the trajectory."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from placeplan.performance import analysis
from placeplan.resources import figures
from placeplan.resources.figures import COMBINED, Item, breakdown, split, total_of

D = Decimal


def _shares(primary=0, secondary=0, tertiary=0, none=None):
    none = 100 - primary - secondary - tertiary if none is None else none
    return {
        "primary": primary,
        "secondary": secondary,
        "tertiary": tertiary,
        "not_preventative": none,
    }


def _item(partner, amount, cell=("outcome", 1), published=True, **kwargs):
    return Item(
        partner=partner,
        partner_name=f"Fictional partner {partner}",
        cell=cell,
        amount=D(amount),
        shares=kwargs.pop("shares", _shares()),
        arrangement=kwargs.pop("arrangement", "aligned"),
        published=published,
        **kwargs,
    )


def test_a_line_is_split_to_the_penny_and_the_parts_add_up():
    # £100.00 split 33/33/34/0: 33.00, 33.00, 34.00.
    assert split(D("100.00"), _shares(33, 33, 34)) == {
        "primary": D("33.00"),
        "secondary": D("33.00"),
        "tertiary": D("34.00"),
        "not_preventative": D("0.00"),
    }
    # £0.10 split 33/33/34: 3.3p, 3.3p, 3.4p → 3p each and the last penny to the largest
    # remainder (tertiary, 0.4p).
    parts = split(D("0.10"), _shares(33, 33, 34))
    assert parts == {
        "primary": D("0.03"),
        "secondary": D("0.03"),
        "tertiary": D("0.04"),
        "not_preventative": D("0.00"),
    }
    # £1,000.01 at 50/50: 500.005 each → primary (first in order on a tie) gets the penny.
    assert split(D("1000.01"), _shares(50, 0, 0, 50)) == {
        "primary": D("500.01"),
        "secondary": D("0.00"),
        "tertiary": D("0.00"),
        "not_preventative": D("500.00"),
    }


def test_shares_that_do_not_add_up_to_100_are_refused():
    with pytest.raises(ValueError, match="add up to 100"):
        split(D("10.00"), _shares(50, 0, 0, 40))


@given(
    pence=st.integers(min_value=0, max_value=10**12),
    cuts=st.lists(st.integers(min_value=0, max_value=100), min_size=3, max_size=3),
)
def test_every_split_adds_up_to_the_line_to_the_penny(pence, cuts):
    a, b, c = sorted(cuts)
    shares = _shares(a, b - a, c - b, 100 - c)
    amount = D(pence) / 100
    parts = split(amount, shares)
    assert sum(parts.values()) == amount
    for level, value in parts.items():
        assert abs(value - amount * shares[level] / 100) < D("0.01")


def test_totals_share_and_outturn_by_hand():
    lines = [
        _item(1, "1000.00", shares=_shares(10, 20, 30), outturn=D("900.50")),
        _item(2, "500.50", shares=_shares(0, 0, 0)),
        _item(2, "250.25", shares=_shares(100, 0, 0), outturn=D("300.00")),
    ]
    total = total_of(lines)
    assert total.amount == D("1750.75")
    # Preventative: 600.00 of the first, none of the second, all 250.25 of the third.
    assert total.preventative == D("850.25")
    # 850.25 / 1750.75 = 48.5649…% → 48.56.
    assert total.share == D("48.56")
    # Outturn on two lines: 1200.50 spent against 1250.25 budgeted: 49.75 under.
    assert total.outturn == D("1200.50")
    assert total.variance == D("-49.75")
    assert total.partners == {1, 2} and total.lines == 3


def test_breakdowns_add_up_to_the_penny_and_pooled_money_is_counted_once():
    pooled = {"arrangement": "pooled", "pool": 7}
    lines = [
        _item(1, "100.10", cell=("outcome", 1)),
        _item(2, "200.20", cell=("outcome", 1), **pooled),
        _item(3, "300.30", cell=("outcome", 2), **pooled),
        _item(1, "0.01", cell=("locality", 9)),
    ]
    result = breakdown(lines, public=False)
    assert result.total.amount == D("600.61")
    assert sum(t.amount for t in result.cells.values()) == result.total.amount
    assert sum(r.total.amount for r in result.by_partner) == result.total.amount
    assert sum(r.total.amount for r in result.by_arrangement) == result.total.amount
    assert result.cells[("outcome", 1)].amount == D("300.30")
    # The pool's money is the two lines put into it, once.
    assert result.by_pool[7].amount == D("500.50")
    assert {r.key: r.total.amount for r in result.by_arrangement} == {
        "pooled": D("500.50"),
        "aligned": D("100.11"),
    }


def test_a_line_not_for_publication_is_left_out_with_fewer_than_three_partners():
    lines = [
        _item(1, "100.00"),
        _item(2, "200.00"),
        _item(3, "999.99", published=False),
    ]
    public = breakdown(lines, public=True)
    # Left out everywhere: the cell, the whole and every breakdown, which still add up.
    assert public.total.amount == D("300.00")
    assert [r.key for r in public.cell_partners[("outcome", 1)]] == [2, 1]
    assert all(r.key != 3 for r in public.by_partner)
    assert public.left_out == 1
    # In full, it counts.
    assert breakdown(lines, public=False).total.amount == D("1299.99")


def test_lines_not_for_publication_of_three_partners_are_one_combined_row():
    lines = [
        _item(1, "100.00"),
        _item(2, "10.00", published=False),
        _item(3, "20.00", published=False),
        _item(4, "30.01", published=False),
        _item(4, "5.00", cell=("outcome", 2), published=False),
    ]
    public = breakdown(lines, public=True)
    rows = public.cell_partners[("outcome", 1)]
    assert [(r.key, r.total.amount) for r in rows] == [(1, D("100.00")), (COMBINED, D("60.01"))]
    # Outcome 2 holds one partner's line not for publication: left out.
    assert ("outcome", 2) not in public.cells or public.cells[("outcome", 2)].amount == 0
    assert public.total.amount == D("160.01")
    assert [r.key for r in public.by_partner] == [1, COMBINED]
    assert public.by_arrangement[-1].key == COMBINED
    assert sum(r.total.amount for r in public.by_arrangement) == public.total.amount
    # No figure of one partner's lines not for publication appears anywhere.
    shown = {r.total.amount for r in public.by_partner} | {
        r.total.amount for rows in public.cell_partners.values() for r in rows
    }
    assert not shown & {D("10.00"), D("20.00"), D("30.01"), D("5.00")}


def test_the_shift_to_prevention_uses_the_indicator_status_and_trend():
    # 20% in 2023/24 (the baseline), then 22, 24.5; the target is 30% by 2027/28.
    shares = [(2023, D("20.00")), (2024, D("22.00")), (2025, D("24.50"))]
    shift = figures.shift(shares, [(2027, D("30.00"))], today=datetime.date(2026, 12, 1))
    # The trajectory at 31 March 2026, 730 of the 1,461 days from the baseline (31 March
    # 2024) to the target (31 March 2028): 20 + 10 × 730 / 1461 = 24.9966. 24.5 is 0.4966
    # short, within the tolerance (5% of the 10 points to gain: 0.5): at risk.
    assert shift.expected[2025] == pytest.approx(20 + 10 * 730 / 1461)
    assert shift.status.code == analysis.AT_RISK
    assert shift.trend == analysis.IMPROVING

    def status(latest):
        return figures.shift(
            [*shares[:2], (2025, D(latest))], [(2027, D("30.00"))], today=datetime.date(2026, 12, 1)
        ).status.code

    assert status("24.40") == analysis.OFF_TRACK  # 0.5966 short
    assert status("25.10") == analysis.ON_TRACK
    assert figures.shift(shares, [], today=datetime.date(2026, 12, 1)).status.code == (
        analysis.NO_TARGET
    )
