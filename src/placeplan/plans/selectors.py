"""Reads of plans. The workspace, the public site, the CSV downloads and the API all
read plans through these, so what a plan says is assembled in one place."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from placeplan.partnerships.models import Locality, Partner, Partnership
from placeplan.performance.models import Measure, Observation
from placeplan.plans import plan_rules
from placeplan.plans.models import (
    Commitment,
    NationalOutcome,
    Outcome,
    OutcomeIndicator,
    Plan,
    PolicyPriority,
    Target,
)

PUBLIC_STATUSES = (Plan.Status.PUBLISHED, Plan.Status.SUPERSEDED)
CURRENT_STATUSES = (Plan.Status.DRAFT, Plan.Status.AGREED, Plan.Status.PUBLISHED)


def national_outcome_list() -> QuerySet[NationalOutcome]:
    """The National Performance Framework's national outcomes, in order."""
    return NationalOutcome.objects.all()


def policy_priority_list() -> QuerySet[PolicyPriority]:
    """The six national policy priorities, in order."""
    return PolicyPriority.objects.all()


def _plans(partnership: Partnership) -> QuerySet[Plan]:
    return Plan.objects.filter(partnership=partnership).select_related(
        "owning_body", "locality", "agreed_by", "partnership__council_area"
    )


def plan_list(*, partnership: Partnership, public: bool = False) -> list[Plan]:
    """A partnership's plans, one entry per plan: the published version for the public;
    for staff the newest version, with ``versions`` (newest first) on each."""
    plans = _plans(partnership)
    if public:
        return list(plans.filter(status=Plan.Status.PUBLISHED).order_by("-period_start", "title"))
    latest: dict = {}
    for plan in plans.order_by("series", "-version"):
        entry = latest.setdefault(plan.series, plan)
        if entry is plan:
            plan.versions = []
        entry.versions.append(plan)
    return sorted(latest.values(), key=lambda p: (-p.period_start.toordinal(), p.title))


def plans_published() -> QuerySet[Plan]:
    """Every partnership's plans in their published version (what the public reads as
    each plan now; superseded versions are kept as its history)."""
    return Plan.objects.filter(status=Plan.Status.PUBLISHED).select_related(
        "partnership__council_area"
    )


def indicators_published() -> QuerySet[OutcomeIndicator]:
    """The indicators of every partnership's published plans."""
    published = OutcomeIndicator.objects.filter(outcome__plan__status=Plan.Status.PUBLISHED)
    return published.select_related("measure", "area", "outcome__plan__partnership__council_area")


def plan_get(*, partnership: Partnership, pk: int, public: bool = False) -> Plan:
    """One version of a partnership's plan; the public see only published and superseded
    versions (raises ``Plan.DoesNotExist`` otherwise)."""
    plans = _plans(partnership)
    if public:
        plans = plans.filter(status__in=PUBLIC_STATUSES)
    return plans.get(pk=pk)


def plan_versions(*, plan: Plan, public: bool = False) -> list[Plan]:
    """Every version of the plan, newest first (the public see published ones)."""
    versions = Plan.objects.filter(series=plan.series).select_related("agreed_by")
    if public:
        versions = versions.filter(status__in=PUBLIC_STATUSES)
    return list(versions.order_by("-version"))


def plan_published_version(*, plan: Plan) -> Plan | None:
    """The version of this plan the public currently sees, if any."""
    return Plan.objects.filter(series=plan.series, status=Plan.Status.PUBLISHED).first()


def outcome_get(*, plan: Plan, pk: int) -> Outcome:
    """An outcome of this version of the plan (raises ``Outcome.DoesNotExist``)."""
    return Outcome.objects.select_related("plan", "parent").get(plan=plan, pk=pk)


def indicator_get(*, plan: Plan, pk: int) -> OutcomeIndicator:
    """An indicator used by an outcome of this version (raises ``DoesNotExist``)."""
    return OutcomeIndicator.objects.select_related("outcome__plan", "measure", "area").get(
        outcome__plan=plan, pk=pk
    )


def target_get(*, plan: Plan, pk: int) -> Target:
    """A target of an indicator of this version (raises ``Target.DoesNotExist``)."""
    return Target.objects.select_related("indicator__measure", "indicator__outcome__plan").get(
        indicator__outcome__plan=plan, pk=pk
    )


def commitment_get(*, plan: Plan, pk: int) -> Commitment:
    """A commitment of this version (raises ``Commitment.DoesNotExist``)."""
    return Commitment.objects.select_related("outcome__plan").get(outcome__plan=plan, pk=pk)


@dataclass
class OutcomeNode:
    """An outcome with its number ("2" or "2.1"), what it uses and what is promised."""

    outcome: Outcome
    number: str
    indicators: list[OutcomeIndicator]
    commitments: list[Commitment]
    children: list[OutcomeNode] = field(default_factory=list)


@dataclass
class PlanTree:
    plan: Plan
    outcomes: list[OutcomeNode]
    priorities: list[OutcomeNode]

    def nodes(self):
        for node in self.outcomes:
            yield node
            yield from node.children


def plan_tree(*, plan: Plan) -> PlanTree:
    """The plan's outcomes as a numbered tree, each with its indicators (baseline and
    targets) and commitments (partners and bodies), in a fixed number of queries."""
    indicators = OutcomeIndicator.objects.select_related(
        "measure", "area", "baseline_observation__period"
    ).prefetch_related(Prefetch("targets", queryset=Target.objects.order_by("due")))
    commitments = Commitment.objects.select_related(
        "lead_partner__organisation", "lead_body", "indicator__measure"
    ).prefetch_related("contributing_partners__organisation")
    outcomes = (
        plan.outcomes.select_related("lead_body")
        .prefetch_related(
            "national_outcomes",
            "policy_priorities",
            Prefetch("supports", queryset=Outcome.objects.select_related("parent")),
            Prefetch("indicators", queryset=indicators),
            Prefetch("commitments", queryset=commitments),
        )
        .order_by("number", "pk")
    )
    by_parent: dict[int | None, list[Outcome]] = {}
    for outcome in outcomes:
        by_parent.setdefault(outcome.parent_id, []).append(outcome)

    def node(outcome: Outcome, number: str) -> OutcomeNode:
        return OutcomeNode(
            outcome=outcome,
            number=number,
            indicators=list(outcome.indicators.all()),
            commitments=list(outcome.commitments.all()),
        )

    tree = []
    for position, top in enumerate(by_parent.get(None, []), start=1):
        entry = node(top, str(position))
        entry.children = [
            node(child, f"{position}.{sub}")
            for sub, child in enumerate(by_parent.get(top.pk, []), start=1)
        ]
        tree.append(entry)
    result = PlanTree(plan=plan, outcomes=tree, priorities=[])
    result.priorities = [n for n in result.nodes() if n.outcome.is_priority]
    return result


@dataclass
class ChecklistItem:
    """Something a plan still lacks; ``blocks`` items stop it being agreed."""

    message: str
    anchor: str
    blocks: bool = False


def plan_checklist(*, tree: PlanTree) -> list[ChecklistItem]:
    """What is incomplete in a plan: commitments without an accountable partner or date
    (these block agreement), and outcomes, indicators and targets still missing."""
    items: list[ChecklistItem] = []
    if not tree.outcomes:
        items.append(ChecklistItem("The plan has no outcomes yet.", "outcomes", blocks=True))
    for node in tree.nodes():
        outcome, number = node.outcome, node.number
        anchor = f"outcome-{outcome.pk}"
        if outcome.is_long_term and not node.children:
            items.append(ChecklistItem(f"Outcome {number} has no intermediate outcomes.", anchor))
        if not outcome.is_long_term and not node.indicators:
            items.append(ChecklistItem(f"Outcome {number} has no indicator.", anchor))
        if not outcome.is_long_term and not node.commitments:
            items.append(ChecklistItem(f"Outcome {number} has no commitments.", anchor))
        if outcome.lead_body_id is None:
            items.append(ChecklistItem(f"Outcome {number} has no lead body.", anchor))
        for indicator in node.indicators:
            name = f"{indicator.measure.name} (outcome {number})"
            if not indicator.has_baseline:
                items.append(ChecklistItem(f"{name} has no baseline.", anchor))
            elif not indicator.targets.all():
                items.append(ChecklistItem(f"{name} has no target.", anchor))
        for commitment in node.commitments:
            if not commitment.is_complete:
                items.append(
                    ChecklistItem(
                        f"Commitment {number}.{commitment.number} “{commitment.what[:60]}” "
                        f"needs {' and '.join(commitment.missing)}.",
                        f"commitment-{commitment.pk}",
                        blocks=True,
                    )
                )
    return items


def baseline_options(*, indicator: OutcomeIndicator, limit: int = 12) -> list[Observation]:
    """Values of the indicator's measure for its area in the loaded data, newest first:
    the baselines a plan may take from the evidence."""
    return list(
        Observation.objects.filter(measure=indicator.measure, area=indicator.area)
        .select_related("period")
        .order_by("-period__start")[:limit]
    )


def indicator_library(*, partnership: Partnership) -> dict[str, list[Measure]]:
    """The indicators a partnership's plans may use: the national measures loaded and the
    partnership's own local indicators, by collection, with how many outcomes use each."""
    measures = (
        measure_choices(partnership=partnership)
        .annotate(
            uses=Count(
                "plan_uses",
                filter=Q(plan_uses__outcome__plan__partnership=partnership)
                & Q(plan_uses__outcome__plan__status__in=CURRENT_STATUSES),
                distinct=True,
            )
        )
        .order_by("collection", "name")
    )
    library: dict[str, list[Measure]] = {}
    for measure in measures:
        library.setdefault(measure.get_collection_display(), []).append(measure)
    return library


def measure_choices(*, partnership: Partnership) -> QuerySet[Measure]:
    """Measures an outcome may use: national ones and the partnership's own."""
    return Measure.objects.filter(
        Q(partnership__isnull=True) | Q(partnership=partnership)
    ).order_by("collection", "name")


@dataclass
class Accountability:
    """One commitment a partner is accountable for, and how."""

    commitment: Commitment
    plan: Plan
    outcome_number: str
    role: str


def partner_accountability(*, partner: Partner, public: bool = False) -> list[Accountability]:
    """Everything a partner is accountable for across the partnership's plans: what it
    leads and what it contributes to. The public see published plans only; staff see the
    current versions (drafts, agreed and published), not superseded ones."""
    statuses = (Plan.Status.PUBLISHED,) if public else CURRENT_STATUSES
    commitments = (
        Commitment.objects.filter(Q(lead_partner=partner) | Q(contributing_partners=partner))
        .filter(outcome__plan__status__in=statuses)
        .select_related("outcome__plan", "indicator__measure", "lead_body", "lead_partner")
        .prefetch_related("indicator__targets")
        .distinct()
        .order_by("outcome__plan__title", "outcome__plan__version", "due", "pk")
    )
    numbers: dict[int, dict[int, str]] = {}
    result = []
    for commitment in commitments:
        plan = commitment.outcome.plan
        if plan.pk not in numbers:
            numbers[plan.pk] = {n.outcome.pk: n.number for n in plan_tree(plan=plan).nodes()}
        result.append(
            Accountability(
                commitment=commitment,
                plan=plan,
                outcome_number=numbers[plan.pk].get(commitment.outcome_id, ""),
                role="Leads" if commitment.lead_partner_id == partner.pk else "Contributes",
            )
        )
    return result


@dataclass
class LocalityCoverage:
    locality: Locality
    plans: list[Plan]

    @property
    def is_missing(self) -> bool:
        return self.locality.has_poorer_outcomes and not self.plans


def locality_plan_coverage(
    *, partnership: Partnership, public: bool = False
) -> list[LocalityCoverage]:
    """Each locality, whether it is identified as experiencing significantly poorer
    outcomes, and its locality plans (the Act requires one for each such locality)."""
    statuses = (Plan.Status.PUBLISHED,) if public else CURRENT_STATUSES
    localities = Locality.objects.filter(partnership=partnership).prefetch_related(
        Prefetch(
            "plans",
            queryset=Plan.objects.filter(status__in=statuses).order_by("-version"),
        )
    )
    coverage = []
    for locality in localities:
        seen, plans = set(), []
        for plan in locality.plans.all():
            if plan.series not in seen:
                seen.add(plan.series)
                plans.append(plan)
        coverage.append(LocalityCoverage(locality=locality, plans=plans))
    return coverage


# --- Tables: the public page, the CSV downloads and the API share these rows. ---

TABLES = {
    "outcomes": "Outcomes",
    "indicators": "Indicators, baselines and targets",
    "commitments": "Commitments: what, how, by whom and when",
}


def _partners_text(commitment: Commitment) -> str:
    return "; ".join(p.organisation.name for p in commitment.contributing_partners.all())


def _targets_text(indicator: OutcomeIndicator) -> str:
    return "; ".join(
        f"{plan_rules.number_text(t.value)} by {t.due:%B %Y}"
        + (" (illustrative)" if t.is_illustrative else "")
        for t in indicator.targets.all()
    )


def plan_table(*, tree: PlanTree, name: str) -> tuple[list[str], list[list]]:
    """One of the plan's tables as a header and rows of plain values."""
    if name == "outcomes":
        header = [
            "Number",
            "Level",
            "Outcome",
            "Theme",
            "Lead body",
            "Priority",
            "National outcomes",
            "National policy priorities",
        ]
        rows = [
            [
                n.number,
                "Long-term" if n.outcome.is_long_term else "Intermediate",
                n.outcome.statement,
                n.outcome.theme,
                n.outcome.lead_body.name if n.outcome.lead_body else "",
                "Yes" if n.outcome.is_priority else "No",
                "; ".join(o.name for o in n.outcome.national_outcomes.all()),
                "; ".join(p.name for p in n.outcome.policy_priorities.all()),
            ]
            for n in tree.nodes()
        ]
    elif name == "indicators":
        header = [
            "Outcome",
            "Indicator",
            "Area",
            "Unit",
            "Direction",
            "Baseline",
            "Baseline period",
            "Baseline is an estimate",
            "Targets",
            "Inequality target",
            "Source",
        ]
        rows = [
            [
                n.number,
                i.measure.name,
                i.area.name,
                i.measure.unit,
                i.measure.direction_label,
                "" if i.baseline_value is None else plan_rules.number_text(i.baseline_value),
                i.baseline_period,
                "Yes" if i.baseline_is_estimate else "No",
                _targets_text(i),
                i.gap_target_label,
                i.measure.source,
            ]
            for n in tree.nodes()
            for i in n.indicators
        ]
    elif name == "commitments":
        header = [
            "Outcome",
            "Number",
            "What will improve",
            "Indicator",
            "How",
            "Lead partner",
            "Contributing partners",
            "Lead body",
            "When",
            "Preventative",
        ]
        rows = [
            [
                n.number,
                f"{n.number}.{c.number}",
                c.what,
                c.indicator.measure.name if c.indicator else "",
                c.how,
                c.lead_partner.organisation.name if c.lead_partner else "",
                _partners_text(c),
                c.lead_body.name if c.lead_body else "",
                c.due.isoformat() if c.due else "",
                "Yes" if c.is_preventative else "No",
            ]
            for n in tree.nodes()
            for c in n.commitments
        ]
    else:
        raise KeyError(name)
    return header, rows


# --- Comparing two versions ---


@dataclass
class Change:
    """One difference between two versions of a plan."""

    kind: str  # "added", "removed" or "changed"
    subject: str
    details: list[str] = field(default_factory=list)


def _outcome_facts(node: OutcomeNode, numbers: dict) -> dict[str, str]:
    outcome = node.outcome
    return {
        "Statement": outcome.statement,
        "Theme": outcome.theme or "none",
        "Lead body": outcome.lead_body.name if outcome.lead_body else "none",
        "Priority": "yes" if outcome.is_priority else "no",
        "Sits under": numbers.get(outcome.parent_id, "nothing (long-term outcome)"),
        "National outcomes": ", ".join(o.name for o in outcome.national_outcomes.all()) or "none",
        "National policy priorities": ", ".join(p.name for p in outcome.policy_priorities.all())
        or "none",
    }


def _indicator_facts(indicator: OutcomeIndicator) -> dict[str, str]:
    baseline = (
        "none"
        if indicator.baseline_value is None
        else f"{plan_rules.number_text(indicator.baseline_value)} ({indicator.baseline_period})"
    )
    return {
        "Baseline": baseline,
        "Targets": _targets_text(indicator) or "none",
        "Inequality target": indicator.gap_target_label or "none",
        "Tolerance": f"{indicator.tolerance}%",
    }


def _commitment_facts(commitment: Commitment) -> dict[str, str]:
    return {
        "What will improve": commitment.what,
        "Indicator": commitment.indicator.measure.name if commitment.indicator else "none",
        "How": commitment.how or "none",
        "Lead partner": (
            commitment.lead_partner.organisation.name if commitment.lead_partner else "none"
        ),
        "Contributing partners": _partners_text(commitment) or "none",
        "Lead body": commitment.lead_body.name if commitment.lead_body else "none",
        "When": f"{commitment.due:%-d %B %Y}" if commitment.due else "none",
        "Preventative": "yes" if commitment.is_preventative else "no",
    }


def _plan_facts(plan: Plan) -> dict[str, str]:
    return {
        "Title": plan.title,
        "Summary": plan.summary or "none",
        "Period": plan.period_label,
        "Owning body": plan.owning_body.name,
        "Priorities allowed": str(plan.priority_limit),
    }


def _differences(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return [
        f"{label}: “{before[label]}” became “{after[label]}”"
        for label in after
        if before.get(label) != after[label]
    ]


def _entries(tree: PlanTree) -> dict[tuple, tuple[str, dict]]:
    """Every outcome, indicator and commitment of a version, by its cross-version key."""
    numbers = {n.outcome.pk: n.number for n in tree.nodes()}
    entries: dict[tuple, tuple[str, dict]] = {}
    for node in tree.nodes():
        level = "Long-term outcome" if node.outcome.is_long_term else "Intermediate outcome"
        entries[("outcome", node.outcome.key)] = (
            f"{level} {node.number}: {node.outcome.statement[:80]}",
            _outcome_facts(node, numbers),
        )
        for indicator in node.indicators:
            entries[("indicator", indicator.key)] = (
                f"Indicator {indicator.measure.name} for {indicator.area.name} "
                f"(outcome {node.number})",
                _indicator_facts(indicator),
            )
        for commitment in node.commitments:
            entries[("commitment", commitment.key)] = (
                f"Commitment {node.number}.{commitment.number}: {commitment.what[:80]}",
                _commitment_facts(commitment),
            )
    return entries


def plan_version_pair(*, plan: Plan, other: Plan) -> tuple[Plan, Plan]:
    """Two different versions of one plan, older first (raises ``Plan.DoesNotExist`` when
    they are the same version or versions of different plans)."""
    if other.series != plan.series or other.pk == plan.pk:
        raise Plan.DoesNotExist("Only two different versions of the same plan can be compared.")
    older, newer = sorted([plan, other], key=lambda version: version.version)
    return older, newer


def plan_compare(*, older: Plan, newer: Plan) -> list[Change]:
    """What was added, removed or changed between two versions of a plan."""
    if older.series != newer.series:
        raise ValueError("Only versions of the same plan can be compared.")
    changes = []
    plan_details = _differences(_plan_facts(older), _plan_facts(newer))
    if plan_details:
        changes.append(Change("changed", "The plan's details", plan_details))
    before = _entries(plan_tree(plan=older))
    after = _entries(plan_tree(plan=newer))
    for key, (subject, facts) in after.items():
        if key not in before:
            changes.append(Change("added", subject))
        else:
            details = _differences(before[key][1], facts)
            if details:
                changes.append(Change("changed", subject, details))
    changes.extend(
        Change("removed", subject) for key, (subject, _) in before.items() if key not in after
    )
    return changes
