"""Writes to plans. Only draft versions change; agreeing checks every commitment says
by whom and when; publishing freezes the version and supersedes the one before."""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from placeplan.core.evidence_cache import evidence_changed
from placeplan.partnerships.models import Body, Partnership
from placeplan.performance.imports import period_from_label
from placeplan.performance.models import Measure, Observation
from placeplan.places.models import Area
from placeplan.plans import plan_rules
from placeplan.plans.models import Commitment, Outcome, OutcomeIndicator, Plan, Target


def _editable(plan: Plan) -> None:
    # The stored status, not the copy in hand: it may have been loaded before agreement.
    plan.status = Plan.objects.filter(pk=plan.pk).values_list("status", flat=True).get()
    if not plan.is_draft:
        raise ValidationError(
            f"Version {plan.version} of “{plan.title}” is {plan.get_status_display().lower()} "
            "and frozen. Amend it to start a new draft version, and change that."
        )


def _check_plan_links(plan: Plan) -> None:
    if plan.owning_body_id and plan.owning_body.partnership_id != plan.partnership_id:
        raise ValidationError({"owning_body": "Choose a body of this partnership."})
    if plan.locality_id and plan.locality.partnership_id != plan.partnership_id:
        raise ValidationError({"locality": "Choose a locality of this partnership."})
    if plan.kind == Plan.Kind.LOCALITY and plan.locality_id is None:
        raise ValidationError({"locality": "Choose the locality this plan is for."})
    if plan.kind != Plan.Kind.LOCALITY:
        plan.locality = None
    supported = plan.supports_plan
    if supported is not None:
        if supported.partnership_id != plan.partnership_id or supported.kind != Plan.Kind.LOIP:
            raise ValidationError(
                {"supports_plan": "Choose this partnership's Local Outcomes Improvement Plan."}
            )
        if supported.series == plan.series:
            raise ValidationError({"supports_plan": "A plan cannot support itself."})


@transaction.atomic
def plan_save(*, plan: Plan) -> Plan:
    """Create a draft plan or change a draft's details (kind, title, period, owner, limit)."""
    if plan.pk:
        _editable(Plan.objects.get(pk=plan.pk))
    plan.status = Plan.Status.DRAFT
    _check_plan_links(plan)
    if plan.pk:
        marked = plan.outcomes.filter(is_priority=True).count()
        if plan.priority_limit < marked:
            raise ValidationError(
                {
                    "priority_limit": f"{marked} outcomes are marked as priorities. Unmark some "
                    f"before lowering the limit to {plan.priority_limit}."
                }
            )
    plan.full_clean()
    plan.save()
    return plan


def _next_number(queryset) -> int:
    return (queryset.aggregate(top=Max("number"))["top"] or 0) + 1


def _priority_check(outcome: Outcome) -> None:
    if not outcome.is_priority:
        return
    plan = outcome.plan
    others = list(plan.outcomes.filter(is_priority=True).exclude(pk=outcome.pk))
    if len(others) >= plan.priority_limit:
        names = "; ".join(f"“{other.statement[:60]}”" for other in others)
        limit = plan.priority_limit
        allows = f"{limit} priorit{'y' if limit == 1 else 'ies'}"
        marked = f"{len(others)} {'is' if len(others) == 1 else 'are'} already marked"
        raise ValidationError(
            {
                "is_priority": f"This plan allows at most {allows} and {marked} ({names}). "
                f"{plan_rules.PRIORITY_FINDING}: a "
                "short list keeps the partnership's effort where it makes the greatest "
                "difference. Unmark another outcome first, or ask the owning body to raise the "
                "plan's limit."
            }
        )


@transaction.atomic
def outcome_save(
    *,
    outcome: Outcome,
    national_outcomes=None,
    policy_priorities=None,
    supports=None,
) -> Outcome:
    """Add or change an outcome of a draft plan: long-term, or intermediate under one."""
    plan = outcome.plan
    _editable(plan)
    parent = outcome.parent
    if parent is not None:
        if outcome.pk and parent.pk == outcome.pk:
            raise ValidationError({"parent": "An outcome cannot sit under itself."})
        if parent.plan_id != plan.pk:
            raise ValidationError({"parent": "Choose an outcome of this plan."})
        if parent.parent_id is not None:
            raise ValidationError(
                {
                    "parent": "Intermediate outcomes sit under a long-term outcome, not under "
                    "another intermediate outcome."
                }
            )
        if outcome.pk and outcome.children.exists():
            raise ValidationError(
                {
                    "parent": "This outcome has intermediate outcomes under it, so it must stay a "
                    "long-term outcome."
                }
            )
    if outcome.lead_body_id and outcome.lead_body.partnership_id != plan.partnership_id:
        raise ValidationError({"lead_body": "Choose a body of this partnership."})
    if supports:
        loip = plan.supports_plan
        if loip is None or any(item.plan_id != loip.pk for item in supports):
            raise ValidationError({"supports": "Choose outcomes of the plan this plan supports."})
    _priority_check(outcome)
    if not outcome.number:
        siblings = plan.outcomes.filter(parent=parent)
        outcome.number = _next_number(siblings)
    outcome.full_clean()
    outcome.save()
    if national_outcomes is not None:
        outcome.national_outcomes.set(national_outcomes)
    if policy_priorities is not None:
        outcome.policy_priorities.set(policy_priorities)
    if supports is not None:
        outcome.supports.set(supports)
    return outcome


@transaction.atomic
def outcome_remove(*, outcome: Outcome) -> None:
    """Take an outcome (with what sits under it) out of a draft plan."""
    _editable(outcome.plan)
    outcome.delete()


def _indicator_area_check(indicator: OutcomeIndicator) -> None:
    plan = indicator.outcome.plan
    council = plan.partnership.council_area
    area = indicator.area
    in_area = area.pk == council.pk or area.council_area_id == council.pk
    if not in_area:
        raise ValidationError({"area": f"Choose {council.name} or one of its communities."})
    measure = indicator.measure
    if measure.partnership_id and measure.partnership_id != plan.partnership_id:
        raise ValidationError(
            {"measure": "Choose a national indicator or one of this partnership's own."}
        )
    if measure.levels and area.level not in measure.levels:
        levels = ", ".join(
            Area.Level(level).label.lower()
            for level in measure.levels
            if level in Area.Level.values
        )
        raise ValidationError(
            {
                "area": f"{measure.name} is reported for: {levels or 'other geographies'}. "
                f"Choose one of those, not a {area.get_level_display().lower()}."
            }
        )


@transaction.atomic
def indicator_add(*, outcome: Outcome, measure: Measure, area: Area) -> OutcomeIndicator:
    """Make an outcome use an indicator for a geography (baseline and targets come next)."""
    _editable(outcome.plan)
    indicator = OutcomeIndicator(outcome=outcome, measure=measure, area=area)
    _indicator_area_check(indicator)
    if outcome.indicators.filter(measure=measure, area=area).exists():
        raise ValidationError(
            {"measure": f"This outcome already uses {measure.name} for {area.name}."}
        )
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def indicator_baseline_set(
    *,
    indicator: OutcomeIndicator,
    observation: Observation | None = None,
    value: float | None = None,
    period: str = "",
) -> OutcomeIndicator:
    """Set the baseline: a value from the loaded data, or one entered with its period."""
    _editable(indicator.outcome.plan)
    if observation is not None:
        if (
            observation.measure_id != indicator.measure_id
            or observation.area_id != indicator.area_id
        ):
            raise ValidationError("That value is for another indicator or area.")
        value, period = observation.value, observation.period.label
        is_estimate = observation.is_estimate
    else:
        if value is None or not period.strip():
            raise ValidationError(
                {
                    "value": "Enter the baseline value and the period it is for, or choose a "
                    "value from the data."
                }
            )
        is_estimate = False
    measure = indicator.measure
    problem = plan_rules.range_problem(
        value=value, valid_min=measure.valid_min, valid_max=measure.valid_max
    )
    if problem:
        raise ValidationError({"value": problem})
    for target in indicator.targets.all():
        if plan_rules.target_problem(
            higher_is_better=measure.higher_is_better, baseline=value, value=target.value
        ):
            raise ValidationError(
                {
                    "value": f"The target of {plan_rules.number_text(target.value)} by "
                    f"{target.due:%B %Y} would then be on the wrong side of the baseline. "
                    "Remove or change that target first."
                }
            )
    indicator.baseline_value = value
    indicator.baseline_period = period.strip()
    indicator.baseline_observation = observation
    indicator.baseline_is_estimate = is_estimate
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def indicator_gap_target_set(
    *, indicator: OutcomeIndicator, reduction: int | None, by: datetime.date | None
) -> OutcomeIndicator:
    """Set (or clear, with no reduction) the inequality target: the share of the gap between
    the most and least deprived fifth of communities to close, and by when."""
    _editable(indicator.outcome.plan)
    if reduction is None:
        indicator.gap_reduction, indicator.gap_by = None, None
    else:
        if not 1 <= reduction <= 100:
            raise ValidationError({"gap_reduction": "Enter a share of the gap from 1 to 100%."})
        if by is None:
            raise ValidationError({"gap_by": "Enter the date by which the gap is to close."})
        indicator.gap_reduction, indicator.gap_by = reduction, by
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def indicator_tolerance_set(*, indicator: OutcomeIndicator, tolerance: int) -> OutcomeIndicator:
    """Set how far short of the trajectory (per cent of the baseline-to-target distance)
    still counts as at risk rather than off track."""
    _editable(indicator.outcome.plan)
    if not 0 <= tolerance <= 100:
        raise ValidationError({"tolerance": "Enter a whole number from 0 to 100."})
    indicator.tolerance = tolerance
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def indicator_remove(*, indicator: OutcomeIndicator) -> None:
    """Stop an outcome using an indicator (its targets go with it)."""
    _editable(indicator.outcome.plan)
    indicator.delete()


@transaction.atomic
def target_add(
    *, indicator: OutcomeIndicator, value: float, due: datetime.date, is_illustrative: bool = False
) -> Target:
    """Add a target: a value by a date, on the improving side of the baseline."""
    _editable(indicator.outcome.plan)
    problems = target_problems(indicator=indicator, value=value, due=due)
    if problems:
        raise ValidationError(problems)
    target = Target(indicator=indicator, value=value, due=due, is_illustrative=is_illustrative)
    target.full_clean()
    target.save()
    return target


def target_problems(
    *, indicator: OutcomeIndicator, value: float | None, due: datetime.date | None
) -> dict[str, str]:
    """Every reason a target of ``value`` by ``due`` cannot be added, by field (a value or
    date left out, e.g. one the form could not read, is not checked), so a form shows
    them all at once: the value within the measure's range and on the improving side of
    the baseline; the date after the baseline's period, within the plan's, and free."""
    problems = {}
    measure = indicator.measure
    if value is not None:
        problem = plan_rules.range_problem(
            value=value, valid_min=measure.valid_min, valid_max=measure.valid_max
        ) or plan_rules.target_problem(
            higher_is_better=measure.higher_is_better,
            baseline=indicator.baseline_value,
            value=value,
            unit=measure.unit,
        )
        if problem:
            problems["value"] = problem
    if due is not None:
        plan = indicator.outcome.plan
        label = indicator.baseline_period
        baseline = period_from_label(label) if label else None
        when = plan_rules.target_date_problem(
            due=due,
            plan_start=plan.period_start,
            plan_end=plan.period_end,
            baseline_label=label,
            baseline_end=baseline["end"] if baseline else None,
        )
        if when is None and indicator.targets.filter(due=due).exists():
            when = f"There is already a target for {due:%-d %B %Y}."
        if when:
            problems["due"] = when
    return problems


@transaction.atomic
def target_remove(*, target: Target) -> None:
    """Remove a target from a draft plan."""
    _editable(target.indicator.outcome.plan)
    target.delete()


@transaction.atomic
def commitment_save(*, commitment: Commitment, contributing_partners=None) -> Commitment:
    """Add or change a commitment under an intermediate outcome of a draft plan."""
    outcome = commitment.outcome
    plan = outcome.plan
    _editable(plan)
    if outcome.is_long_term:
        raise ValidationError(
            "Commitments sit under an intermediate outcome. Add an intermediate outcome under "
            "this long-term outcome first."
        )
    if commitment.indicator_id and commitment.indicator.outcome_id != outcome.pk:
        raise ValidationError({"indicator": "Choose an indicator this outcome uses."})
    partners = [commitment.lead_partner, *(contributing_partners or [])]
    if any(p is not None and p.partnership_id != plan.partnership_id for p in partners):
        raise ValidationError({"lead_partner": "Choose partners of this partnership."})
    if commitment.lead_body_id and commitment.lead_body.partnership_id != plan.partnership_id:
        raise ValidationError({"lead_body": "Choose a body of this partnership."})
    if not commitment.number:
        commitment.number = _next_number(outcome.commitments.all())
    commitment.full_clean()
    commitment.save()
    if contributing_partners is not None:
        commitment.contributing_partners.set(
            [p for p in contributing_partners if p != commitment.lead_partner]
        )
    return commitment


@transaction.atomic
def commitment_remove(*, commitment: Commitment) -> None:
    """Remove a commitment from a draft plan."""
    _editable(commitment.outcome.plan)
    commitment.delete()


def _refuse_transition(plan: Plan, wanted: str) -> None:
    problem = plan_rules.transition_problem(plan.status, wanted)
    if problem:
        raise ValidationError(problem)


@transaction.atomic
def plan_agree(*, plan: Plan, agreed_by: Body, agreed_on: datetime.date) -> Plan:
    """Record that a body agreed the draft. Refused while any commitment lacks an
    accountable partner or a date, or while the plan has no outcomes."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _refuse_transition(plan, Plan.Status.AGREED)
    if agreed_by.partnership_id != plan.partnership_id:
        raise ValidationError({"agreed_by": "Choose a body of this partnership."})
    if agreed_on > timezone.localdate():
        raise ValidationError({"agreed_on": "The date of agreement cannot be in the future."})
    if not plan.outcomes.exists():
        raise ValidationError("The plan has no outcomes yet. Add its outcomes before it is agreed.")
    incomplete = [
        c
        for c in Commitment.objects.filter(outcome__plan=plan).select_related("outcome")
        if not c.is_complete
    ]
    if incomplete:
        listed = "; ".join(f"“{c.what[:60]}” needs {' and '.join(c.missing)}" for c in incomplete)
        raise ValidationError(
            f"{len(incomplete)} commitment{'s are' if len(incomplete) != 1 else ' is'} "
            f"incomplete: {listed}. Every commitment must say who is accountable and by when "
            "before the plan is agreed."
        )
    plan.status = Plan.Status.AGREED
    plan.agreed_by, plan.agreed_on = agreed_by, agreed_on
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def plan_publish(*, plan: Plan, published_on: datetime.date | None = None) -> Plan:
    """Publish an agreed version: the public sees it, and the version it replaces is
    superseded."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _refuse_transition(plan, Plan.Status.PUBLISHED)
    published_on = published_on or timezone.localdate()
    if published_on > timezone.localdate():
        raise ValidationError({"published_on": "The date of publication cannot be in the future."})
    later = _later_versions(plan)
    if later:
        raise ValidationError(
            f"Version {later[0].version} of this plan is already "
            f"{later[0].get_status_display().lower()}, so this older version cannot be "
            "published."
        )
    if published_on < plan.agreed_on:
        raise ValidationError(
            {"published_on": "A plan cannot be published before the date it was agreed."}
        )
    for older in Plan.objects.filter(series=plan.series, status=Plan.Status.PUBLISHED).exclude(
        pk=plan.pk
    ):
        older.status = Plan.Status.SUPERSEDED
        older.save()
    plan.status = Plan.Status.PUBLISHED
    plan.published_on = published_on
    plan.full_clean()
    plan.save()
    transaction.on_commit(evidence_changed)
    return plan


def _later_versions(plan: Plan) -> list[Plan]:
    """Newer versions of the plan that have been agreed or published (newest first)."""
    return list(
        Plan.objects.filter(series=plan.series, version__gt=plan.version)
        .exclude(status=Plan.Status.DRAFT)
        .order_by("-version")
    )


def _copy(instance, **changes):
    instance.pk = None
    instance._state.adding = True
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.save()
    return instance


@transaction.atomic
def plan_amend(*, plan: Plan) -> Plan:
    """Start a new draft version of an agreed or published plan: a copy of everything in
    it, keeping each outcome's, indicator's and commitment's key so versions compare."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status not in (Plan.Status.AGREED, Plan.Status.PUBLISHED):
        raise ValidationError(
            "Only the agreed or published version can be amended."
            if plan.status == Plan.Status.SUPERSEDED
            else "This version is still a draft: change it directly."
        )
    later = _later_versions(plan)
    if later:
        raise ValidationError(
            f"Version {later[0].version} is newer. Amend that version, so that its changes "
            "are kept."
        )
    existing = Plan.objects.filter(series=plan.series, status=Plan.Status.DRAFT).first()
    if existing:
        raise ValidationError(
            f"Version {existing.version} is already a draft amendment of this plan. Change that "
            "one, or agree and publish it first."
        )
    version = Plan.objects.filter(series=plan.series).aggregate(top=Max("version"))["top"] + 1
    source_pk = plan.pk
    draft = _copy(
        Plan.objects.get(pk=source_pk),
        version=version,
        status=Plan.Status.DRAFT,
        amended_from_id=source_pk,
        agreed_by=None,
        agreed_on=None,
        published_on=None,
    )
    outcomes = {}
    indicators = {}
    originals = Outcome.objects.filter(plan_id=source_pk).order_by("parent_id", "pk")
    for outcome in sorted(originals, key=lambda o: (o.parent_id is not None, o.pk)):
        old_pk = outcome.pk
        links = (
            list(outcome.national_outcomes.all()),
            list(outcome.policy_priorities.all()),
            list(outcome.supports.all()),
        )
        outcome = _copy(outcome, plan=draft, parent=outcomes.get(outcome.parent_id))
        outcome.national_outcomes.set(links[0])
        outcome.policy_priorities.set(links[1])
        outcome.supports.set(links[2])
        outcomes[old_pk] = outcome
    for indicator in OutcomeIndicator.objects.filter(outcome__plan_id=source_pk):
        old_pk = indicator.pk
        targets = list(indicator.targets.all())
        indicator = _copy(indicator, outcome=outcomes[indicator.outcome_id])
        indicators[old_pk] = indicator
        for target in targets:
            _copy(target, indicator=indicator)
    for commitment in Commitment.objects.filter(outcome__plan_id=source_pk):
        contributors = list(commitment.contributing_partners.all())
        _copy(
            commitment,
            outcome=outcomes[commitment.outcome_id],
            indicator=indicators.get(commitment.indicator_id),
        ).contributing_partners.set(contributors)
    return draft


@transaction.atomic
def local_indicator_create(
    *,
    partnership: Partnership,
    name: str,
    definition: str,
    unit: str,
    higher_is_better: bool | None,
    source: str,
    frequency: str,
    levels: list[str],
    decimals: int | None = None,
) -> Measure:
    """Add an indicator the partnership defines itself to its indicator library
    (``decimals``: the places its values are shown with; None for its unit's default)."""
    name = name.strip()
    if (
        Measure.objects.filter(name__iexact=name).filter(partnership__isnull=True).exists()
        or partnership.local_measures.filter(name__iexact=name).exists()
    ):
        raise ValidationError(
            {
                "name": f"There is already an indicator called “{name}”. Use it, or choose "
                "another name."
            }
        )
    if not levels:
        raise ValidationError({"levels": "Choose at least one geography it will be reported for."})
    unknown = sorted(set(levels) - set(Area.Level.values))
    if unknown:
        raise ValidationError({"levels": f"Not a geography Placeplan knows: {', '.join(unknown)}."})
    code = (
        f"local-{partnership.council_area.code.lower()}-{slugify(name)[:40]}-{uuid.uuid4().hex[:6]}"
    )
    measure = Measure(
        code=code,
        name=name,
        definition=definition,
        unit=unit,
        decimals=decimals,
        higher_is_better=higher_is_better,
        source=source,
        frequency=frequency,
        levels=levels,
        collection=Measure.Collection.LOCAL,
        partnership=partnership,
    )
    measure.full_clean()
    measure.save()
    return measure
