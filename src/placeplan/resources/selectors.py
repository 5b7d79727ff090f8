"""Reading resources and prevention: rounds, lines and who has confirmed them, the figures
(through ``figures``) for a year, an outcome or a partner, public or in full, the shift
to prevention over the years and the prevention plan's spend and savings.

Public figures are the confirmed lines of each round, with the rule for lines not for
publication (``figures``); figures in full (for people with a role in the partnership)
are every line entered, confirmed or not."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from placeplan.delivery.models import ImprovementAction
from placeplan.partnerships.models import Locality, Partner, Partnership
from placeplan.plans.models import Commitment, Outcome, OutcomeIndicator, Plan
from placeplan.plans.progress import indicator_progress
from placeplan.resources import figures
from placeplan.resources.models import (
    Arrangement,
    Asset,
    Confirmation,
    Intervention,
    InterventionYear,
    Level,
    Line,
    Pool,
    PreventionTarget,
    Review,
    Round,
    RoundShare,
    year_label,
)

ZERO = figures.ZERO


def round_list(*, partnership: Partnership) -> QuerySet[Round]:
    return Round.objects.filter(partnership=partnership).order_by("-year")


def round_get(*, partnership: Partnership, year: int) -> Round:
    return Round.objects.select_related("partnership__council_area").get(
        partnership=partnership, year=year
    )


def year_from_label(label: str) -> int | None:
    """``"2026/27"`` → 2026; None unless it is a financial year written so."""
    if len(label) != 7 or label[4] != "/" or not (label[:4] + label[5:]).isdigit():
        return None
    year = int(label[:4])
    return year if f"{(year + 1) % 100:02d}" == label[5:] else None


def partner_queryset(*, partnership: Partnership) -> QuerySet[Partner]:
    return (
        Partner.objects.filter(partnership=partnership)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def partner_list(*, partnership: Partnership) -> list[Partner]:
    return list(partner_queryset(partnership=partnership))


def partner_get(*, partnership: Partnership, pk: int) -> Partner:
    return partner_queryset(partnership=partnership).get(pk=pk)


def outcome_choices(*, partnership: Partnership) -> QuerySet[Outcome]:
    """The outcomes a line may be for: those of the partnership's plans in force or being
    drafted (not superseded versions)."""
    return (
        Outcome.objects.filter(plan__partnership=partnership)
        .exclude(plan__status=Plan.Status.SUPERSEDED)
        .select_related("plan", "parent")
        .order_by("plan__title", "parent_id", "number")
    )


def commitment_choices(*, partnership: Partnership) -> QuerySet[Commitment]:
    """The commitments a line may be for: those of the plans ``outcome_choices`` offers."""
    return (
        Commitment.objects.filter(outcome__plan__partnership=partnership)
        .exclude(outcome__plan__status=Plan.Status.SUPERSEDED)
        .order_by("outcome__plan__title", "pk")
    )


def line_list(*, round: Round, partner: Partner | None = None) -> QuerySet[Line]:
    lines = Line.objects.filter(round=round).select_related(
        "partner__organisation", "outcome__plan", "commitment", "locality", "pool"
    )
    if partner is not None:
        lines = lines.filter(partner=partner)
    return lines.prefetch_related("assets").order_by("partner__organisation__name", "title", "pk")


def lines_total(lines) -> figures.Total:
    """The lines' money (budget, outturn, preventative share) added up, to the penny."""
    return figures.total_of(_items(lines))


def line_get(*, round: Round, pk: int) -> Line:
    return line_list(round=round).get(pk=pk)


def confirmations(*, round: Round) -> dict[int, Confirmation]:
    """Partner pk → its confirmation in the round."""
    return {c.partner_id: c for c in Confirmation.objects.filter(round=round)}


def is_confirmed(*, round: Round, partner: Partner) -> bool:
    return Confirmation.objects.filter(round=round, partner=partner).exists()


@dataclass
class PartnerState:
    """Where a partner stands in a round: its lines, their total and whether confirmed."""

    partner: Partner
    lines: int
    total: Decimal
    confirmation: Confirmation | None

    @property
    def confirmed(self) -> bool:
        return self.confirmation is not None


def round_states(*, round: Round) -> list[PartnerState]:
    """Every partner of the partnership in the round, those yet to confirm first."""
    counts: dict[int, list] = defaultdict(lambda: [0, ZERO])
    for partner_id, budget in Line.objects.filter(round=round).values_list("partner", "budget"):
        counts[partner_id][0] += 1
        counts[partner_id][1] += budget
    confirmed = confirmations(round=round)
    states = [
        PartnerState(p, counts[p.pk][0], counts[p.pk][1], confirmed.get(p.pk))
        for p in partner_list(partnership=round.partnership)
    ]
    return sorted(states, key=lambda s: (s.confirmed, s.partner.organisation.name))


def unconfirmed_partners(*, round: Round) -> list[Partner]:
    """The partners yet to confirm the round, by name (as ``round_states`` lists them,
    without reading the round's lines)."""
    confirmed = set(Confirmation.objects.filter(round=round).values_list("partner", flat=True))
    partners = partner_list(partnership=round.partnership)
    return sorted(
        (partner for partner in partners if partner.pk not in confirmed),
        key=lambda partner: partner.organisation.name,
    )


def rounds_overdue(*, on: datetime.date, partnership: Partnership | None = None):
    """Rounds past their date with partners yet to confirm: (round, [partners])."""
    rounds = Round.objects.filter(due__lt=on).select_related("partnership__council_area")
    if partnership is not None:
        rounds = rounds.filter(partnership=partnership)
    found = []
    for round in rounds:
        missing = unconfirmed_partners(round=round)
        if missing:
            found.append((round, missing))
    return found


# -- figures ----------------------------------------------------------------------------------


def _cell_of(outcome: int | None, commitment: int | None, locality: int | None) -> tuple:
    """What a line counts under: its outcome, else its commitment, else its locality."""
    if outcome:
        return ("outcome", outcome)
    if commitment:
        return ("commitment", commitment)
    return ("locality", locality)


def _cell(line: Line) -> tuple:
    return _cell_of(line.outcome_id, line.commitment_id, line.locality_id)


def _confirmed_pairs(rounds, *, public: bool) -> set[tuple[int, int]] | None:
    """(round, partner) of the confirmed partners when ``public`` (whose lines the public
    sees); None in full (every line counts)."""
    if not public:
        return None
    return set(Confirmation.objects.filter(round__in=rounds).values_list("round", "partner"))


def _items(lines) -> list[figures.Item]:
    return [
        figures.Item(
            partner=line.partner_id,
            partner_name=line.partner.organisation.name,
            cell=_cell(line),
            amount=line.budget,
            shares=line.shares(),
            arrangement=line.arrangement,
            pool=line.pool_id,
            outturn=line.outturn,
            staff_fte=line.staff_fte,
            published=not line.not_for_publication,
        )
        for line in lines
    ]


# What the figures read of a line: one row each, without building the model (a year holds
# thousands of lines, ten years tens of thousands).
_FIGURE_FIELDS = (
    "round_id",
    "partner_id",
    "partner__organisation__name",
    "outcome_id",
    "commitment_id",
    "locality_id",
    "budget",
    "primary",
    "secondary",
    "tertiary",
    "not_preventative",
    "arrangement",
    "pool_id",
    "outturn",
    "staff_fte",
    "not_for_publication",
)


def _items_by_round(*, rounds, public: bool) -> dict[int, list[figures.Item]]:
    """Round pk → the items of its lines, in one query: for the public, the lines of
    partners that have confirmed the round."""
    # Unordered: the figures do not depend on the lines' order, and the model's order
    # would join each line to its round, partner and partnership only to sort them.
    rows = Line.objects.filter(round__in=rounds).order_by().values_list(*_FIGURE_FIELDS)
    pairs = _confirmed_pairs(rounds, public=public)
    found: dict[int, list[figures.Item]] = defaultdict(list)
    for (
        round_id,
        partner,
        name,
        outcome,
        commitment,
        locality,
        budget,
        primary,
        secondary,
        tertiary,
        none,
        arrangement,
        pool,
        outturn,
        staff_fte,
        hidden,
    ) in rows:
        if pairs is not None and (round_id, partner) not in pairs:
            continue
        cell = _cell_of(outcome, commitment, locality)
        found[round_id].append(
            figures.Item(
                partner=partner,
                partner_name=name,
                cell=cell,
                amount=budget,
                shares=dict(zip(LEVEL_ORDER, (primary, secondary, tertiary, none), strict=True)),
                arrangement=arrangement,
                pool=pool,
                outturn=outturn,
                staff_fte=staff_fte,
                published=not hidden,
            )
        )
    return found


ARRANGEMENT_LABELS = dict(Arrangement.choices)
LEVEL_ORDER = (Level.PRIMARY, Level.SECONDARY, Level.TERTIARY, Level.NONE)


def _arrangement_label(value: str) -> str:
    return ARRANGEMENT_LABELS.get(value, value)


def year_figures(*, round: Round, public: bool) -> figures.Breakdown:
    """The round's figures: public (confirmed lines, the rule for lines not for
    publication) or in full."""
    return figures.breakdown(
        _items_by_round(rounds=[round], public=public)[round.pk],
        public=public,
        arrangement_label=_arrangement_label,
    )


def cell_labels(breakdown: figures.Breakdown) -> dict[tuple, str]:
    """What each cell of a breakdown is for, as people name it."""
    ids = defaultdict(set)
    for kind, pk in breakdown.cells:
        ids[kind].add(pk)
    labels = {}
    for outcome in Outcome.objects.filter(pk__in=ids["outcome"]).select_related("plan"):
        labels[("outcome", outcome.pk)] = outcome_label(outcome)
    for commitment in Commitment.objects.filter(pk__in=ids["commitment"]):
        labels[("commitment", commitment.pk)] = f"Commitment: {commitment}"
    for locality in Locality.objects.filter(pk__in=ids["locality"]):
        labels[("locality", locality.pk)] = f"Locality: {locality.name}"
    return labels


def outcome_label(outcome: Outcome) -> str:
    return f"{outcome.plan.title} — {outcome.statement}"


def partner_lines(*, partner: Partner, public: bool) -> list[Line]:
    """A partner's lines over every round, newest year first: for the public, confirmed
    lines only and none not for publication (never shown on its own)."""
    lines = Line.objects.filter(partner=partner).select_related(
        "round",
        "partner__organisation",
        "outcome__plan__locality",
        "commitment__outcome__plan__locality",
        "locality",
        "pool",
    )
    if public:
        confirmed = set(
            Confirmation.objects.filter(partner=partner).values_list("round", flat=True)
        )
        lines = lines.filter(not_for_publication=False, round__in=confirmed)
    return list(lines.order_by("-round__year", "title", "pk"))


@dataclass
class PartnerYear:
    """A partner's lines in one year's round, with their total."""

    round: Round
    lines: list
    total: figures.Total


def partner_years(*, partner: Partner, public: bool) -> list[PartnerYear]:
    """A partner's contributions year by year, newest first (``partner_lines``)."""
    years: dict[int, PartnerYear] = {}
    for line in partner_lines(partner=partner, public=public):
        entry = years.setdefault(line.round_id, PartnerYear(line.round, [], figures.Total()))
        entry.lines.append(line)
    for entry in years.values():
        entry.total = figures.total_of(_items(entry.lines))
    return sorted(years.values(), key=lambda entry: -entry.round.year)


WHOLE_AREA = "The whole area"


def line_locality(line: Line) -> Locality | None:
    """The locality a line's money is spent in: the locality it is for, or that of the
    locality plan whose outcome (or commitment) it serves; None for the whole area."""
    if line.locality_id:
        return line.locality
    outcome = line.outcome if line.outcome_id else line.commitment.outcome
    return outcome.plan.locality


@dataclass
class PartnerSpread:
    """A partner's lines in one round, by what they are for (an outcome, a commitment or
    a locality) and by the locality they are spent in (``line_locality``)."""

    round: Round
    by_purpose: list  # [figures.Row], largest first
    by_locality: list  # [figures.Row], largest first; lines for no locality as WHOLE_AREA


def partner_spread(*, entry: PartnerYear) -> PartnerSpread:
    """A year of ``partner_years`` (so, for the public, published lines only) spread
    across what its lines are for and the localities they are in, each row's amount and
    preventative part to the penny (the rows of each add up to the year's total)."""
    items = _items(entry.lines)
    purposes = figures.breakdown(items, public=False)
    labels = cell_labels(purposes)
    localities = [line_locality(line) for line in entry.lines]
    places = figures.breakdown(
        [
            replace(item, cell=("place", locality.pk if locality else None))
            for item, locality in zip(items, localities, strict=True)
        ],
        public=False,
    )
    names = {locality.pk: locality.name for locality in localities if locality}

    def rows(breakdown, label) -> list[figures.Row]:
        found = [figures.Row(cell, label(cell), total) for cell, total in breakdown.cells.items()]
        return sorted(found, key=lambda row: (-row.total.amount, row.label))

    return PartnerSpread(
        round=entry.round,
        by_purpose=rows(purposes, labels.__getitem__),
        by_locality=rows(places, lambda cell: names.get(cell[1], WHOLE_AREA)),
    )


def _shares_worked_out(rounds, *, public: bool) -> dict[int, Decimal | None]:
    """Round pk → the preventative share of its lines, worked out from them (for a round
    whose share is not kept yet, and to keep it)."""
    items = _items_by_round(rounds=rounds, public=public)
    return {round.pk: figures.share_of(items[round.pk], public=public) for round in rounds}


def round_shares(*, round: Round) -> tuple[Decimal | None, Decimal | None]:
    """The round's preventative share (in full, as the public sees it), worked out from
    its lines: what ``RoundShare`` keeps."""
    return (
        _shares_worked_out([round], public=False)[round.pk],
        _shares_worked_out([round], public=True)[round.pk],
    )


def year_shares(*, partnership: Partnership, public: bool) -> list[tuple[int, Decimal | None]]:
    """The preventative share of each round's figures, oldest year first: as kept
    (``RoundShare``), or worked out from the lines for a round whose last change has not
    yet been worked out."""
    rounds = list(round_list(partnership=partnership).order_by("year"))
    kept = dict(
        RoundShare.objects.filter(round__in=rounds).values_list(
            "round", "public" if public else "full"
        )
    )
    missing = [round for round in rounds if round.pk not in kept]
    if missing:
        kept.update(_shares_worked_out(missing, public=public))
    return [(round.year, kept[round.pk]) for round in rounds]


def target_rows(*, partnership: Partnership) -> QuerySet[PreventionTarget]:
    return PreventionTarget.objects.filter(partnership=partnership).order_by("year")


def targets(*, partnership: Partnership) -> list[tuple[int, Decimal]]:
    return list(target_rows(partnership=partnership).values_list("year", "share"))


def intervention_years(*, intervention: Intervention) -> QuerySet[InterventionYear]:
    return InterventionYear.objects.filter(intervention=intervention).order_by("year")


def prevention_shift(
    *, partnership: Partnership, public: bool, today: datetime.date
) -> figures.Shift:
    return figures.shift(
        year_shares(partnership=partnership, public=public),
        targets(partnership=partnership),
        today=today,
    )


def shift_rows(shift: figures.Shift) -> list[dict]:
    """The shift's table, a row a year (rounds and targets): the share, the trajectory's
    share that year and the target set for it."""
    shares = dict(shift.shares)
    targets = dict(shift.targets)
    return [
        {
            "year": year,
            "label": year_label(year),
            "share": shares.get(year),
            "expected": shift.expected.get(year),
            "target": targets.get(year),
        }
        for year in sorted(set(shares) | set(targets))
    ]


def pool_list(*, partnership: Partnership) -> QuerySet[Pool]:
    return Pool.objects.filter(partnership=partnership).select_related(
        "locality", "host__organisation", "process__partnership__council_area"
    )


@dataclass
class ProcessFunds:
    """The joint budgets that pay for a participatory budgeting vote, and what was put
    into each in the partnership's latest round (None: no round yet, or nothing in it)."""

    round: Round | None
    funds: list[tuple[Pool, figures.Total | None]]


def process_funds(*, process, public: bool) -> ProcessFunds | None:
    """What pays for a participatory budgeting vote: its funds, each with the total of
    the latest round's lines into it (``year_figures``' ``by_pool``: for the public, the
    published figures only); None when no joint budget is linked to the vote."""
    pools = list(Pool.objects.filter(process=process).order_by("name", "pk"))
    if not pools:
        return None
    round = round_list(partnership=process.partnership).first()
    by_pool = year_figures(round=round, public=public).by_pool if round else {}
    return ProcessFunds(round=round, funds=[(pool, by_pool.get(pool.pk)) for pool in pools])


def pool_get(*, partnership: Partnership, pk: int) -> Pool:
    return pool_list(partnership=partnership).get(pk=pk)


def asset_get(*, line: Line, pk: int) -> Asset:
    return line.assets.get(pk=pk)


# -- the prevention plan ----------------------------------------------------------------------


def intervention_list(*, partnership: Partnership) -> QuerySet[Intervention]:
    return (
        Intervention.objects.filter(partnership=partnership)
        .select_related("lead_partner__organisation", "action", "pool")
        .prefetch_related(
            Prefetch("years", queryset=InterventionYear.objects.order_by("year")),
            "indicators__measure",
        )
    )


@dataclass
class Savings:
    """The prevention plan's spend and savings in a year, summed over its interventions."""

    year: int
    spend: Decimal = ZERO
    expected_cashable: Decimal = ZERO
    expected_non_cashable: Decimal = ZERO
    realised_cashable: Decimal = ZERO
    realised_non_cashable: Decimal = ZERO

    @property
    def label(self) -> str:
        return year_label(self.year)

    @property
    def expected(self) -> Decimal:
        return self.expected_cashable + self.expected_non_cashable

    @property
    def realised(self) -> Decimal:
        return self.realised_cashable + self.realised_non_cashable


def savings_by_year(*, interventions) -> list[Savings]:
    years: dict[int, Savings] = {}
    for intervention in interventions:
        for row in intervention.years.all():
            entry = years.setdefault(row.year, Savings(row.year))
            entry.spend += row.spend
            entry.expected_cashable += row.expected_cashable
            entry.expected_non_cashable += row.expected_non_cashable
            entry.realised_cashable += row.realised_cashable or ZERO
            entry.realised_non_cashable += row.realised_non_cashable or ZERO
    return [years[year] for year in sorted(years)]


def intervention_get(*, partnership: Partnership, pk: int) -> Intervention:
    return intervention_list(partnership=partnership).get(pk=pk)


def indicator_choices(*, partnership: Partnership) -> QuerySet[OutcomeIndicator]:
    """The indicators an intervention may aim to move: those of the plans in force or
    being drafted."""
    return (
        OutcomeIndicator.objects.filter(outcome__plan__partnership=partnership)
        .exclude(outcome__plan__status=Plan.Status.SUPERSEDED)
        .select_related("measure", "area", "outcome")
        .order_by("measure__name", "area__name", "pk")
    )


def action_choices(*, partnership: Partnership) -> QuerySet[ImprovementAction]:
    return ImprovementAction.objects.filter(partnership=partnership).order_by("title", "pk")


def review_list(*, partnership: Partnership) -> QuerySet[Review]:
    return Review.objects.filter(partnership=partnership).order_by("-year")


def review_get(*, partnership: Partnership, year: int) -> Review:
    return Review.objects.prefetch_related("entries__intervention").get(
        partnership=partnership, year=year
    )


# -- a year's figures as pages, files and the API show them -----------------------------------


def round_chosen(*, partnership: Partnership, label: str) -> Round | None:
    """The round of the year written ``label`` ("2026/27"), or the latest round for no
    label (None when there is none); ``Round.DoesNotExist`` for a label that is not a
    year with a round."""
    rounds = round_list(partnership=partnership)
    if not label:
        return rounds.first()
    year = year_from_label(label)
    if year is None:
        raise Round.DoesNotExist("Not a financial year written as 2026/27.")
    return rounds.get(year=year)


def cell_partner_arrangements(*, round: Round, public: bool) -> dict[tuple, list[str]]:
    """(cell, partner pk) → the arrangements, by name, of the partner's lines in that cell
    that its figures show: for the public only confirmed lines published on their own (a
    line not for publication never gives its arrangement away)."""
    return _arrangements_of(_items_by_round(rounds=[round], public=public)[round.pk], public=public)


def _arrangements_of(items, *, public: bool) -> dict[tuple, list[str]]:
    found: dict[tuple, set] = defaultdict(set)
    for item in items:
        if public and not item.published:
            continue
        found[(item.cell, item.partner)].add(item.arrangement)
    return {
        key: [_arrangement_label(value) for value in sorted(values)]
        for key, values in found.items()
    }


def round_is_demo(*, round: Round) -> bool:
    return round.is_demo or Line.objects.filter(round=round, is_demo=True).exists()


@dataclass
class YearTables:
    """A year's figures as tables: the whole, each outcome (or commitment or locality)
    with its partners and their arrangements, each partner, and who has yet to confirm."""

    round: Round
    breakdown: figures.Breakdown
    # [{"kind", "label", "total", "partners": [{"label", "total", "arrangement", "combined"}]}]
    cells: list
    by_partner: list  # [{"label", "total", "combined"}]
    unconfirmed: list  # [Partner]
    is_demo: bool

    @property
    def total(self) -> figures.Total:
        return self.breakdown.total


def year_tables(*, round: Round, public: bool) -> YearTables:
    """Everything a page, its downloads and the API show of a round's figures (public:
    confirmed lines and the rule for lines not for publication, ``year_figures``)."""
    breakdown = year_figures(round=round, public=public)
    labels = cell_labels(breakdown)
    arrangements = cell_partner_arrangements(round=round, public=public)
    cells = [
        {
            "kind": cell[0],
            "key": cell,
            "label": labels[cell],
            "total": total,
            "partners": _partner_rows(breakdown, cell, arrangements),
        }
        for cell, total in sorted(breakdown.cells.items(), key=lambda item: labels[item[0]])
    ]
    by_partner = [
        {"label": row.label, "total": row.total, "combined": row.key == figures.COMBINED}
        for row in breakdown.by_partner
    ]
    return YearTables(
        round=round,
        breakdown=breakdown,
        cells=cells,
        by_partner=by_partner,
        unconfirmed=unconfirmed_partners(round=round),
        is_demo=round_is_demo(round=round),
    )


def _partner_rows(breakdown: figures.Breakdown, cell: tuple, arrangements: dict) -> list[dict]:
    """A cell's partners as its tables show them, each with its arrangements by name (the
    combined row with none: it never gives one away)."""
    rows = []
    for row in breakdown.cell_partners.get(cell, []):
        combined = row.key == figures.COMBINED
        rows.append(
            {
                "label": row.label,
                "total": row.total,
                "arrangement": "" if combined else "; ".join(arrangements.get((cell, row.key), [])),
                "combined": combined,
            }
        )
    return rows


# -- an outcome's resources -------------------------------------------------------------------


def outcome_get(*, partnership: Partnership, pk: int) -> Outcome:
    """An outcome of one of the partnership's plans (``Outcome.DoesNotExist`` otherwise)."""
    return Outcome.objects.select_related("plan").get(plan__partnership=partnership, pk=pk)


@dataclass
class OutcomeYear:
    """What a round puts into one outcome: its lines' figures alone (``breakdown``), its
    partners with their arrangements, and the outcome's indicators with their status."""

    round: Round
    outcome: Outcome
    breakdown: figures.Breakdown
    partners: list  # [{"label", "total", "arrangement", "combined"}]
    indicators: list  # [plans.progress.IndicatorProgress]

    @property
    def total(self) -> figures.Total:
        return self.breakdown.total

    @property
    def label(self) -> str:
        return outcome_label(self.outcome)


def outcome_year(
    *, round: Round, outcome: Outcome, public: bool, today: datetime.date | None = None
) -> OutcomeYear:
    """The round's figures for the lines for ``outcome`` (public: confirmed lines and the
    rule for lines not for publication, which works cell by cell, so the outcome's figures
    are those of its row in ``year_tables``), by partner and by arrangement; and the
    outcome's indicators with their status (for the public, only in a published plan)."""
    cell = ("outcome", outcome.pk)
    items = [
        item
        for item in _items_by_round(rounds=[round], public=public)[round.pk]
        if item.cell == cell
    ]
    breakdown = figures.breakdown(items, public=public, arrangement_label=_arrangement_label)
    return OutcomeYear(
        round=round,
        outcome=outcome,
        breakdown=breakdown,
        partners=_partner_rows(breakdown, cell, _arrangements_of(items, public=public)),
        indicators=outcome_indicators(outcome=outcome, public=public, today=today),
    )


def outcome_year_get(
    *, partnership: Partnership, year: int, outcome_pk: int, public: bool
) -> OutcomeYear:
    """``outcome_year`` for the partnership's round of ``year`` and its outcome
    ``outcome_pk``: ``Round.DoesNotExist`` or ``Outcome.DoesNotExist`` when it has none."""
    return outcome_year(
        round=round_get(partnership=partnership, year=year),
        outcome=outcome_get(partnership=partnership, pk=outcome_pk),
        public=public,
    )


def outcome_indicators(*, outcome: Outcome, public: bool, today: datetime.date | None = None):
    """The outcome's indicators with their status against target and trend, as the
    outcomes dashboard works them out (``plans.progress.indicator_progress``); for the
    public none of a plan not published."""
    if public and outcome.plan.status not in (Plan.Status.PUBLISHED, Plan.Status.SUPERSEDED):
        return []
    indicators = (
        OutcomeIndicator.objects.filter(outcome=outcome)
        .select_related("measure", "area", "outcome", "baseline_observation__period")
        .prefetch_related("targets")
        .order_by("measure__name", "area__name", "pk")
    )
    return [indicator_progress(indicator=indicator, today=today) for indicator in indicators]


# The tables of the public resources page, each a CSV download.
YEAR_TABLES = {
    "outcomes": "By outcome and partner",
    "partners": "By partner",
    "shift": "The shift to prevention",
}


def _percent(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(figures.PENNY)


def year_table(
    *, tables: YearTables, shift: figures.Shift, name: str
) -> tuple[list[str], list[list]]:
    """One of ``YEAR_TABLES`` as (header, rows): money in exact pounds and pence, shares
    in per cent to two places. ``LookupError`` for a table there is not."""
    label = tables.round.label
    if name == "outcomes":
        header = ["Year", "For", "Partner", "Arrangement", "Amount (£)", "Preventative (£)"]
        rows = [
            [label, cell["label"], row["label"], row["arrangement"], row["total"].amount,
             row["total"].preventative]
            for cell in tables.cells
            for row in cell["partners"]
        ]  # fmt: skip
        return header, rows
    if name == "partners":
        header = ["Year", "Partner", "Amount (£)", "Preventative (£)", "Preventative share (%)"]
        rows = [
            [label, row["label"], row["total"].amount, row["total"].preventative,
             row["total"].share]
            for row in tables.by_partner
        ]  # fmt: skip
        return header, rows
    if name == "shift":
        header = ["Year", "Preventative share (%)", "Trajectory (%)", "Target (%)"]
        rows = [
            [row["label"], row["share"], _percent(row["expected"]), row["target"]]
            for row in shift_rows(shift)
        ]
        return header, rows
    raise LookupError(name)
