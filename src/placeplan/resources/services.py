"""Writes to resources and prevention: rounds, joint budgets, partners' lines and their
confirmation, the trajectory and the prevention plan with its annual review. Every write
goes through here, checked, in one transaction, and is in the audit history; a change to
a confirmed line needs a reason, which the history keeps beside the change."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from placeplan.core.numbers import pounds_text
from placeplan.delivery.models import TROUBLED_STATUSES, ActionStatus
from placeplan.partnerships.models import Partner, Partnership
from placeplan.resources import selectors
from placeplan.resources.models import (
    FIELD_OF_LEVEL,
    Arrangement,
    Asset,
    Confirmation,
    Intervention,
    InterventionYear,
    Line,
    Pool,
    PreventionTarget,
    Review,
    ReviewEntry,
    Round,
    RoundShare,
    year_label,
)

LINE_FIELDS = (
    "title",
    "outcome",
    "commitment",
    "locality",
    "budget",
    "outturn",
    "staff_fte",
    "arrangement",
    "pool",
    "primary",
    "secondary",
    "tertiary",
    "not_preventative",
    "not_for_publication",
)
REASON_NEEDED = (
    "These figures are confirmed: say why they change. The reason is kept with the change "
    "in the history."
)
SHARES_ADD_UP = "The shares of the four levels must add up to 100%"


def _confirmed_reason(*, round: Round, partner: Partner, reason: str) -> str:
    reason = reason.strip()
    if selectors.is_confirmed(round=round, partner=partner) and not reason:
        raise ValidationError({"reason": REASON_NEEDED})
    return reason


def shares_changed(*, round: Round) -> None:
    """The round's lines or confirmations are changing: its kept share is removed at once
    (pages work it out from the lines meanwhile) and kept again once the change is saved.
    Services that change lines call it; so must anything that writes lines in bulk."""
    RoundShare.objects.filter(round=round).delete()
    transaction.on_commit(lambda: round_share_keep(round_pk=round.pk), robust=True)


def round_share_keep(*, round_pk: int) -> None:
    """Work out and keep the round's preventative share. Runs after a change is saved:
    the round is locked first, so that of two such runs the later one, which sees every
    change saved before it, is the one kept."""
    with transaction.atomic():
        round = Round.objects.select_for_update().filter(pk=round_pk).first()
        if round is None:  # removed meanwhile
            return
        full, public = selectors.round_shares(round=round)
        RoundShare.objects.update_or_create(round=round, defaults={"full": full, "public": public})


@transaction.atomic
def round_open(
    *,
    partnership: Partnership,
    year: int,
    due: datetime.date,
    request: str,
    user,
    is_demo: bool = False,
) -> Round:
    """Open the year's round: every partner is asked for its contributions by ``due``.
    ``is_demo``: demonstration content (the demo's rounds), labelled so."""
    if Round.objects.filter(partnership=partnership, year=year).exists():
        raise ValidationError({"year": f"The {year_label(year)} round is already open."})
    round = Round(
        partnership=partnership,
        year=year,
        due=due,
        request=request,
        opened_by=user,
        is_demo=is_demo,
    )
    round.full_clean()
    round.save()
    return round


@transaction.atomic
def round_save(*, round: Round, due: datetime.date, request: str) -> Round:
    round.due = due
    round.request = request
    round.full_clean()
    round.save()
    return round


@transaction.atomic
def pool_save(*, partnership: Partnership, pool: Pool | None = None, **fields) -> Pool:
    """Add or change a joint budget: its locality, holder and (for a participatory
    budgeting fund) the vote it pays for must be of this partnership."""
    pool = pool or Pool(partnership=partnership)
    for name, value in fields.items():
        setattr(pool, name, value)
    problems = {}
    if pool.kind == Pool.Kind.LOCALITY and pool.locality_id is None:
        problems["locality"] = "Say which locality partnership's budget this is."
    if pool.locality_id and pool.locality.partnership_id != partnership.pk:
        problems["locality"] = "That locality is not in this partnership."
    if pool.host_id and pool.host.partnership_id != partnership.pk:
        problems["host"] = "That partner is not in this partnership."
    if pool.process_id:
        if pool.process.partnership_id != partnership.pk:
            problems["process"] = "That participatory budgeting vote is not in this partnership."
        elif pool.kind != Pool.Kind.PB:
            problems["process"] = (
                "Only a participatory budgeting fund pays for a vote: choose that kind of "
                "joint budget, or leave the vote out."
            )
    if problems:
        raise ValidationError(problems)
    pool.full_clean()
    pool.save()
    return pool


@transaction.atomic
def pool_delete(*, pool: Pool) -> None:
    """Remove a joint budget that nothing uses: refused, saying what uses it, while any
    line or intervention of the prevention plan does (they would lose where their money
    goes)."""
    lines = pool.lines.count()
    interventions = pool.interventions.count()
    if lines or interventions:
        used = []
        if lines:
            used.append(f"{lines} line{'s' if lines != 1 else ''} of partners' contributions")
        if interventions:
            used.append(
                f"{interventions} intervention{'s' if interventions != 1 else ''} of the "
                "prevention plan"
            )
        raise ValidationError(
            f"“{pool.name}” is used by {' and '.join(used)}: move them to another joint "
            "budget first."
        )
    pool.delete()


def _line_problems(line: Line, partnership: Partnership) -> dict:
    problems: dict[str, str] = {}
    purposes = [line.outcome_id, line.commitment_id, line.locality_id]
    if sum(p is not None for p in purposes) != 1:
        problems["outcome"] = "Choose the one outcome, commitment or locality the line is for."
    if line.outcome_id and line.outcome.plan.partnership_id != partnership.pk:
        problems["outcome"] = "That outcome is not in this partnership's plans."
    if line.commitment_id and line.commitment.outcome.plan.partnership_id != partnership.pk:
        problems["commitment"] = "That commitment is not in this partnership's plans."
    if line.locality_id and line.locality.partnership_id != partnership.pk:
        problems["locality"] = "That locality is not in this partnership."
    shares = [getattr(line, name) or 0 for name in FIELD_OF_LEVEL.values()]
    if sum(shares) != 100:
        problems["primary"] = f"{SHARES_ADD_UP}: these add up to {sum(shares)}%."
    if line.arrangement == Arrangement.ALIGNED:
        if line.pool_id:
            problems["pool"] = (
                "An aligned line stays with the partner: leave the joint budget empty."
            )
    elif line.pool_id is None:
        problems["pool"] = "Choose the joint budget the money goes into."
    else:
        pool = line.pool
        if pool.partnership_id != partnership.pk:
            problems["pool"] = "That joint budget is not in this partnership."
        elif line.arrangement == Arrangement.DELEGATED and pool.kind != Pool.Kind.LOCALITY:
            problems["pool"] = "Delegated money goes to a locality partnership's budget."
        elif line.arrangement == Arrangement.POOLED and pool.kind == Pool.Kind.LOCALITY:
            problems["arrangement"] = "Money for a locality partnership's budget is delegated."
        elif pool.host_id == line.partner_id:
            problems["pool"] = (
                f"{line.partner.organisation.name} holds “{pool.name}”: its money is counted "
                "once, from the lines of the partners that put money into it. Enter what "
                "this partner puts in from its own budget as an aligned line."
            )
    return problems


@transaction.atomic
def line_save(
    *,
    round: Round,
    partner: Partner,
    user,
    line: Line | None = None,
    reason: str = "",
    is_demo: bool = False,
    keep_share: bool = True,
    **fields,
) -> Line:
    """Add or change a partner's line in a round. Refused with every problem at once; a
    change to a confirmed partner's lines needs ``reason``. ``is_demo`` marks a new line
    as demonstration content. ``keep_share=False``: the caller calls ``shares_changed``
    once for many lines."""
    if partner.partnership_id != round.partnership_id:
        raise ValidationError("That partner is not in this partnership.")
    reason = _confirmed_reason(round=round, partner=partner, reason=reason)
    line = line or Line(round=round, partner=partner, is_demo=is_demo)
    if line.round_id != round.pk or line.partner_id != partner.pk:
        raise ValidationError("That line belongs to another partner or round.")
    for name, value in fields.items():
        if name not in LINE_FIELDS:
            raise TypeError(f"A line has no field {name!r}")
        setattr(line, name, value)
    problems = _line_problems(line, round.partnership)
    try:
        line.full_clean(exclude=list(problems))
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            problems.setdefault(name, messages[0])
    if problems:
        raise ValidationError(problems)
    if reason:
        line._change_reason = reason
    line.save()
    if keep_share:
        shares_changed(round=round)
    return line


@transaction.atomic
def line_delete(*, line: Line, user, reason: str = "", keep_share: bool = True) -> None:
    reason = _confirmed_reason(round=line.round, partner=line.partner, reason=reason)
    if reason:
        line._change_reason = reason
    for asset in line.assets.all():
        asset.delete()
    line.delete()
    if keep_share:
        shares_changed(round=line.round)


@transaction.atomic
def asset_save(
    *, line: Line, user, asset: Asset | None = None, reason: str = "", **fields
) -> Asset:
    reason = _confirmed_reason(round=line.round, partner=line.partner, reason=reason)
    asset = asset or Asset(line=line)
    if asset.line_id != line.pk:
        raise ValidationError("That asset belongs to another line.")
    for name, value in fields.items():
        setattr(asset, name, value)
    asset.full_clean()
    if reason:
        asset._change_reason = reason
    asset.save()
    return asset


@transaction.atomic
def asset_delete(*, asset: Asset, user, reason: str = "") -> None:
    line = asset.line
    reason = _confirmed_reason(round=line.round, partner=line.partner, reason=reason)
    if reason:
        asset._change_reason = reason
    asset.delete()


@transaction.atomic
def lines_confirm(*, round: Round, partner: Partner, user) -> Confirmation:
    """The partner confirms its lines for the round: they are locked from now on."""
    if partner.partnership_id != round.partnership_id:
        raise ValidationError("That partner is not in this partnership.")
    Partner.objects.select_for_update().get(pk=partner.pk)
    if selectors.is_confirmed(round=round, partner=partner):
        raise ValidationError(f"{partner.organisation.name} has already confirmed {round.label}.")
    confirmation = Confirmation.objects.create(
        round=round, partner=partner, confirmed_by=user, confirmed_at=timezone.now()
    )
    shares_changed(round=round)
    return confirmation


@transaction.atomic
def target_save(*, partnership: Partnership, year: int, share: Decimal) -> PreventionTarget:
    target = PreventionTarget.objects.filter(partnership=partnership, year=year).first()
    target = target or PreventionTarget(partnership=partnership, year=year)
    target.share = share
    target.full_clean(validate_unique=False)
    target.save()
    return target


@transaction.atomic
def target_delete(*, target: PreventionTarget) -> None:
    target.delete()


# -- the prevention plan ----------------------------------------------------------------------


@transaction.atomic
def intervention_save(
    *,
    partnership: Partnership,
    intervention: Intervention | None = None,
    indicators=None,
    **fields,
) -> Intervention:
    intervention = intervention or Intervention(partnership=partnership)
    for name, value in fields.items():
        setattr(intervention, name, value)
    problems = {}
    if intervention.lead_partner_id and intervention.lead_partner.partnership_id != partnership.pk:
        problems["lead_partner"] = "That partner is not in this partnership."
    if intervention.action_id and intervention.action.partnership_id != partnership.pk:
        problems["action"] = "That action is not this partnership's."
    if intervention.pool_id and intervention.pool.partnership_id != partnership.pk:
        problems["pool"] = "That joint budget is not in this partnership."
    for indicator in indicators or []:
        if indicator.outcome.plan.partnership_id != partnership.pk:
            problems["indicators"] = "Choose indicators of this partnership's plans."
    if problems:
        raise ValidationError(problems)
    intervention.full_clean()
    intervention.save()
    if indicators is not None:
        intervention.indicators.set(indicators)
    return intervention


@transaction.atomic
def intervention_year_save(*, intervention: Intervention, year: int, **fields) -> InterventionYear:
    row = InterventionYear.objects.filter(intervention=intervention, year=year).first()
    row = row or InterventionYear(intervention=intervention, year=year)
    for name, value in fields.items():
        setattr(row, name, value)
    row.full_clean(validate_unique=False)
    row.save()
    return row


def _progress_note(intervention: Intervention, year: int) -> tuple[str, str]:
    """The review's first draft of an intervention's progress, from the data: its spend and
    savings that year, and its improvement action's status."""
    row = next((r for r in intervention.years.all() if r.year == year), None)
    parts = []
    progress = ReviewEntry.Progress.ON_TRACK
    if row is None:
        parts.append(f"No spend or savings are recorded for {year_label(year)}.")
        progress = ReviewEntry.Progress.SLIPPING
    else:
        expected = row.expected_cashable + row.expected_non_cashable
        parts.append(f"Spent {pounds_text(row.spend, exact=True)} in {year_label(year)}.")
        if row.realised_cashable is None and row.realised_non_cashable is None:
            parts.append(
                f"Savings of {pounds_text(expected, exact=True)} were expected; none are "
                "recorded as realised yet."
            )
            if expected:
                progress = ReviewEntry.Progress.SLIPPING
        else:
            realised = (row.realised_cashable or 0) + (row.realised_non_cashable or 0)
            parts.append(
                f"Savings realised {pounds_text(realised, exact=True)} against "
                f"{pounds_text(expected, exact=True)} expected "
                f"({pounds_text(row.realised_cashable or 0, exact=True)} cashable)."
            )
            if realised < expected:
                progress = ReviewEntry.Progress.SLIPPING
    if intervention.action_id:
        action = intervention.action
        parts.append(f"Its improvement action is {action.get_status_display().lower()}.")
        if action.status in TROUBLED_STATUSES:
            progress = ReviewEntry.Progress.OFF_TRACK
        elif action.status == ActionStatus.COMPLETE:
            progress = ReviewEntry.Progress.COMPLETE
    return progress, " ".join(parts)


@transaction.atomic
def review_draft(*, partnership: Partnership, year: int) -> Review:
    """Start the year's review of the prevention plan, with each intervention's progress
    drafted from the data for people to edit."""
    if Review.objects.filter(partnership=partnership, year=year).exists():
        raise ValidationError({"year": f"The {year_label(year)} review is already started."})
    interventions = list(selectors.intervention_list(partnership=partnership))
    savings = {s.year: s for s in selectors.savings_by_year(interventions=interventions)}
    this = savings.get(year)
    summary = (
        f"{len(interventions)} preventative intervention{'s' if len(interventions) != 1 else ''}."
    )
    if this is not None:
        summary += (
            f" In {year_label(year)} they spent {pounds_text(this.spend, exact=True)}; savings "
            f"of {pounds_text(this.expected, exact=True)} were expected and "
            f"{pounds_text(this.realised, exact=True)} realised."
        )
    review = Review.objects.create(partnership=partnership, year=year, summary=summary)
    for intervention in interventions:
        progress, note = _progress_note(intervention, year)
        ReviewEntry.objects.create(
            review=review, intervention=intervention, progress=progress, note=note
        )
    return review


@transaction.atomic
def review_save(*, review: Review, summary: str, entries: dict[int, tuple[str, str]]) -> Review:
    """Edit a draft review: its summary and each entry's progress and note."""
    if review.status == Review.Status.AGREED:
        raise ValidationError("This review is agreed: it can no longer be changed.")
    review.summary = summary
    review.full_clean()
    review.save()
    for entry in review.entries.all():
        if entry.pk in entries:
            entry.progress, entry.note = entries[entry.pk]
            entry.full_clean()
            entry.save()
    return review


@transaction.atomic
def review_agree(*, review: Review) -> Review:
    if review.status == Review.Status.AGREED:
        raise ValidationError("This review is already agreed.")
    review.status = Review.Status.AGREED
    review.agreed_at = timezone.now()
    review.save()
    return review
