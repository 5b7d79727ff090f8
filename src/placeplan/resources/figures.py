"""The figures of resources and prevention, worked out in one place from plain records:
a line's split across the levels of prevention (to the penny), totals and their
breakdowns (by outcome, partner, arrangement), the rule for lines "not for publication",
outturn against budget, and the shift to prevention against the partnership's
trajectory (status and trend by the same analysis functions as indicators).

Amounts are ``Decimal`` pounds with two places, never floats. Every total is the sum of
its parts to the penny: a line's levels add up to the line, a cell's rows to the cell, the
cells to the whole.

The rule for "not for publication": in published figures such a line is never shown on
its own, nor in any figure of one partner. In each cell of a breakdown (an outcome, a
commitment, a locality) the lines not for publication are added together into one row,
"partners not published separately", which is shown only when it holds lines of at least
three partners; otherwise those lines are left out of the published figures altogether
(the cell's total, and every total above it, is then the sum of what is shown). So no
subtraction of published figures can give one partner's line: the most it gives is that
row, a sum over at least three partners. The same row stands alone in every published
breakdown (by partner, by arrangement): it is never split up."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from placeplan.performance import analysis
from placeplan.resources.models import PREVENTATIVE_LEVELS, Level

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")
LEVELS = tuple(Level)
PREVENTATIVE_INDEXES = tuple(LEVELS.index(level) for level in PREVENTATIVE_LEVELS)
MIN_PARTNERS_COMBINED = 3
COMBINED = "not_published_separately"
COMBINED_LABEL = "Partners not published separately"


def split(amount: Decimal, shares: dict[str, int]) -> dict[str, Decimal]:
    """An amount split by percentages that add up to 100, in whole pence that add up to
    the amount: each level gets its share rounded down to the penny, and the pence left
    over go one each to the levels with the largest remainders (ties: in the order
    primary, secondary, tertiary, not preventative)."""
    if sum(shares.values()) != 100:
        raise ValueError("The shares must add up to 100.")
    whole = split_pence(pence_of(amount), [shares.get(level, 0) for level in LEVELS])
    return {level: Decimal(value) * PENNY for level, value in zip(LEVELS, whole, strict=True)}


def pence_of(amount: Decimal) -> int:
    return int(amount.scaleb(2).to_integral_value())


def split_pence(pence: int, shares: Sequence[int]) -> list[int]:
    """``split`` in whole pence, the shares in the order of ``LEVELS`` (the rule itself,
    in integers: the figures split tens of thousands of lines a page)."""
    exact = [pence * share for share in shares]  # pence × 100
    whole = [value // 100 for value in exact]
    left = pence - sum(whole)
    if left:
        by_remainder = sorted(range(len(exact)), key=lambda i: -(exact[i] % 100))
        for i in by_remainder[:left]:
            whole[i] += 1
    return whole


@dataclass(frozen=True)
class Item:
    """One line as the figures see it."""

    partner: int
    partner_name: str
    cell: tuple  # what the line is for: ("outcome", pk), ("commitment", pk), ("locality", pk)
    amount: Decimal
    shares: dict
    arrangement: str
    pool: int | None = None
    outturn: Decimal | None = None
    staff_fte: Decimal = ZERO
    published: bool = True  # False: "not for publication"

    def levels(self) -> dict[str, Decimal]:
        """``split`` of the line."""
        return dict(self.levels_once())

    def levels_once(self) -> dict[str, Decimal]:
        """``split`` of the line, worked out once (a breakdown adds a line to several
        totals); not to be changed."""
        found = self.__dict__.get("_levels")
        if found is None:
            found = split(self.amount, self.shares)
            object.__setattr__(self, "_levels", found)
        return found


@dataclass
class Total:
    """A sum of lines: the money, how much of it is preventative (and at each level),
    outturn against budget where known, staff, and how many partners' lines it holds."""

    amount: Decimal = ZERO
    levels: dict = field(default_factory=lambda: dict.fromkeys(LEVELS, ZERO))
    outturn: Decimal = ZERO
    budget_with_outturn: Decimal = ZERO
    lines_with_outturn: int = 0
    staff_fte: Decimal = ZERO
    lines: int = 0
    partners: frozenset = frozenset()

    @property
    def preventative(self) -> Decimal:
        return sum((self.levels[level] for level in PREVENTATIVE_LEVELS), ZERO)

    @property
    def share(self) -> Decimal | None:
        """The preventative share in per cent, to two places; None for no money."""
        return preventative_share(self.preventative, self.amount)

    @property
    def variance(self) -> Decimal | None:
        """Outturn less budget, over the lines whose outturn is known."""
        if not self.lines_with_outturn:
            return None
        return self.outturn - self.budget_with_outturn

    def add(self, item: Item) -> None:
        self.amount += item.amount
        for level, value in item.levels_once().items():
            self.levels[level] += value
        if item.outturn is not None:
            self.outturn += item.outturn
            self.budget_with_outturn += item.amount
            self.lines_with_outturn += 1
        self.staff_fte += item.staff_fte
        self.lines += 1
        self.partners = self.partners | {item.partner}

    def merge(self, other: Total) -> None:
        self.amount += other.amount
        for level in LEVELS:
            self.levels[level] += other.levels[level]
        self.outturn += other.outturn
        self.budget_with_outturn += other.budget_with_outturn
        self.lines_with_outturn += other.lines_with_outturn
        self.staff_fte += other.staff_fte
        self.lines += other.lines
        self.partners = self.partners | other.partners


def total_of(items: Iterable[Item]) -> Total:
    total = Total()
    for item in items:
        total.add(item)
    return total


def share_of(items: Iterable[Item], *, public: bool) -> Decimal | None:
    """The preventative share of a set of lines alone, as ``breakdown``'s total gives it
    (the same rule for lines not for publication, cell by cell), without the breakdowns."""
    by_cell: dict[tuple, list[Item]] = defaultdict(list)
    for item in items:
        by_cell[item.cell].append(item)
    amount = preventative = 0  # pence
    for cell_items in by_cell.values():
        shown, combined = publishable(cell_items, public=public)
        for item in (*shown, *combined):
            pence = pence_of(item.amount)
            whole = split_pence(pence, [item.shares.get(level, 0) for level in LEVELS])
            amount += pence
            preventative += sum(whole[i] for i in PREVENTATIVE_INDEXES)
    return preventative_share(Decimal(preventative) * PENNY, Decimal(amount) * PENNY)


def preventative_share(preventative: Decimal, amount: Decimal) -> Decimal | None:
    """The preventative share in per cent, to two places; None for no money."""
    if not amount:
        return None
    return (preventative * 100 / amount).quantize(PENNY, ROUND_HALF_UP)


def publishable(items: Sequence[Item], *, public: bool) -> tuple[list[Item], list[Item]]:
    """One cell's lines as they may be shown: (lines shown as they are, lines combined
    into "partners not published separately"). For the public, lines not for publication
    are combined when they hold at least three partners' lines, and left out otherwise;
    for those allowed to see everything, every line is shown."""
    if not public:
        return list(items), []
    shown = [item for item in items if item.published]
    hidden = [item for item in items if not item.published]
    if len({item.partner for item in hidden}) >= MIN_PARTNERS_COMBINED:
        return shown, hidden
    return shown, []


@dataclass
class Row:
    """A row of a breakdown: a key (a partner, an arrangement…), its label and total."""

    key: object
    label: str
    total: Total


@dataclass
class Breakdown:
    """Figures for a set of lines, public or in full: the whole, and the whole by cell,
    by partner and by arrangement (and, for each cell, by partner and arrangement)."""

    total: Total
    cells: dict  # cell → Total
    cell_partners: dict  # cell → [Row] by partner (the combined row last)
    by_partner: list  # [Row]
    by_arrangement: list  # [Row]
    by_pool: dict  # pool pk → Total
    left_out: int = 0  # lines not for publication left out (too few partners)


def breakdown(
    items: Iterable[Item], *, public: bool, arrangement_label: Callable[[str], str] = str
) -> Breakdown:
    """Everything a page, the return and the API show about a set of lines, with the rule
    for lines not for publication applied cell by cell when ``public``."""
    by_cell: dict[tuple, list[Item]] = defaultdict(list)
    for item in items:
        by_cell[item.cell].append(item)
    whole = Total()
    cells: dict[tuple, Total] = {}
    cell_partners: dict[tuple, list[Row]] = {}
    partners: dict[int, Row] = {}
    arrangements: dict[str, Row] = {}
    pools: dict[int, Total] = defaultdict(Total)
    combined_all = Total()
    left_out = 0
    for cell, cell_items in by_cell.items():
        shown, combined = publishable(cell_items, public=public)
        left_out += len(cell_items) - len(shown) - len(combined)
        cell_total = Total()
        rows: dict[int, Row] = {}
        for item in shown:
            cell_total.add(item)
            rows.setdefault(item.partner, Row(item.partner, item.partner_name, Total())).total.add(
                item
            )
            partners.setdefault(
                item.partner, Row(item.partner, item.partner_name, Total())
            ).total.add(item)
            arrangements.setdefault(
                item.arrangement,
                Row(item.arrangement, arrangement_label(item.arrangement), Total()),
            ).total.add(item)
            if item.pool is not None:
                pools[item.pool].add(item)
        ordered = sorted(rows.values(), key=lambda row: (-row.total.amount, row.label))
        if combined:
            bucket = total_of(combined)
            cell_total.merge(bucket)
            combined_all.merge(bucket)
            ordered.append(Row(COMBINED, COMBINED_LABEL, bucket))
        cells[cell] = cell_total
        cell_partners[cell] = ordered
        whole.merge(cell_total)
    by_partner = sorted(partners.values(), key=lambda row: (-row.total.amount, row.label))
    by_arrangement = sorted(arrangements.values(), key=lambda row: -row.total.amount)
    if combined_all.lines:
        by_partner.append(Row(COMBINED, COMBINED_LABEL, combined_all))
        by_arrangement.append(Row(COMBINED, COMBINED_LABEL, combined_all))
    return Breakdown(
        total=whole,
        cells=cells,
        cell_partners=cell_partners,
        by_partner=by_partner,
        by_arrangement=by_arrangement,
        by_pool=dict(pools),
        left_out=left_out,
    )


# -- the shift to prevention ------------------------------------------------------------------


def year_end(year: int) -> datetime.date:
    """The last day of the financial year that starts in ``year``."""
    return datetime.date(year + 1, 3, 31)


@dataclass(frozen=True)
class Shift:
    """The preventative share year by year against the partnership's trajectory."""

    shares: list  # [(year, share in per cent or None)], oldest first
    targets: list  # [(year, share)]
    status: analysis.Status
    trend: str
    expected: dict  # year → the trajectory's share that year (per cent), where drawn

    @property
    def trend_label(self) -> str:
        return analysis.TREND_LABELS[self.trend]


def shift(
    shares: Sequence[tuple[int, Decimal | None]],
    targets: Sequence[tuple[int, Decimal]],
    *,
    today: datetime.date,
) -> Shift:
    """The shift to prevention: the status of the latest year's preventative share against
    the trajectory from the first year's share (the baseline) to the targets, and its trend
    over the last three years, by ``analysis.target_status`` and ``analysis.trend`` as for
    an indicator where higher is better."""
    known = [(year, share) for year, share in shares if share is not None]
    points = [analysis.Point(year_end(year), float(share)) for year, share in known]
    target_points = [analysis.Point(year_end(year), float(share)) for year, share in targets]
    baseline = points[0] if points else None
    latest = points[-1] if len(points) > 1 else None
    status = analysis.target_status(
        baseline=baseline,
        targets=target_points,
        latest=latest,
        higher_is_better=True,
        today=today,
    )
    expected = {}
    if baseline is not None and target_points:
        for year, _share in known:
            _target, expected[year] = analysis.trajectory_at(
                baseline, target_points, year_end(year)
            )
    return Shift(
        shares=list(shares),
        targets=list(targets),
        status=status,
        trend=analysis.trend([float(share) for _year, share in known], True),
        expected=expected,
    )
