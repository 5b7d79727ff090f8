"""Shapes of the open-data API's answers."""

import datetime
from typing import Literal

from ninja import Schema


class AreaSummary(Schema):
    code: str
    name: str
    partnership: str | None
    page_url: str
    api_url: str


class SimdEditionFigures(Schema):
    data_zones: int
    most_deprived_20pc: int
    local_share_pc: float
    national_share_pc: float


class QuintileCount(Schema):
    quintile: int
    data_zones: int


class CommunityLink(Schema):
    code: str
    name: str
    api_url: str


class AreaDetail(Schema):
    code: str
    name: str
    partnership: str | None
    population: int | None
    population_source: str
    data_zones: int
    intermediate_zones: int
    deprivation_family_group: int | None
    density_family_group: int | None
    simd: dict[str, SimdEditionFigures]
    simd2020_quintiles: list[QuintileCount]
    communities: list[CommunityLink]


class DataZone(Schema):
    code: str
    name: str
    simd2020_rank: float
    simd2020_quintile: int
    simd2020_decile: int
    population: int | None


class Typology(Schema):
    group: int
    name: str


class ValuePoint(Schema):
    period: str
    value: float
    kind: str
    is_estimate: bool
    source: str


class MeasureSeries(Schema):
    code: str
    name: str
    definition: str
    unit: str
    higher_is_better: bool | None
    source: str
    values: list[ValuePoint]


class CouncilRef(Schema):
    code: str
    name: str


class CommunityDetail(Schema):
    code: str
    name: str
    council_area: CouncilRef
    typology: Typology | None
    population: int | None
    population_source: str
    data_zones: list[DataZone]
    measures: list[MeasureSeries]


class Error(Schema):
    detail: str


class RemitPoint(Schema):
    number: int
    text: str


class BodyRules(Schema):
    max_members: int | None
    requires_chair: bool
    requires_lead_officer: bool
    leads_from_partners: bool
    review_after_months: int | None


class GovernanceBody(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    kind_label: str
    level: str
    level_label: str
    parent: int | None
    purpose: str
    meeting_frequency: str
    remit: list[RemitPoint]
    members: int
    members_by_category: dict[str, int]
    locality: str | None
    rules: BodyRules
    is_demo: bool
    page_url: str
    api_url: str


class PartnershipStructure(Schema):
    partnership: str
    council_code: str
    bodies: list[GovernanceBody]


class GovernanceBodyDetail(GovernanceBody):
    reporting_bodies: list[int]
    reporting_line: list[int]


class BodyRef(Schema):
    id: int
    name: str


class PlanKind(Schema):
    code: str
    label: str


class PlanSummary(Schema):
    id: int
    title: str
    kind: PlanKind
    status: str
    version: int
    period_start: datetime.date
    period_end: datetime.date
    owning_body: BodyRef
    locality: str | None
    agreed_by: str | None
    agreed_on: datetime.date | None
    published_on: datetime.date | None
    is_demo: bool
    url: str | None
    api_url: str


class AreaRef(Schema):
    code: str
    name: str


class Baseline(Schema):
    value: float
    period: str
    is_estimate: bool


class PlanTarget(Schema):
    value: float
    due: datetime.date
    is_illustrative: bool


class PlanIndicator(Schema):
    code: str
    name: str
    unit: str
    higher_is_better: bool | None
    source: str
    area: AreaRef
    baseline: Baseline | None
    targets: list[PlanTarget]
    inequality_target: str | None


class PlanCommitment(Schema):
    number: str
    what: str
    how: str
    indicator: str | None
    lead_partner: str | None
    contributing_partners: list[str]
    lead_body: str | None
    due: datetime.date | None
    is_preventative: bool
    is_complete: bool


class PlanOutcome(Schema):
    number: str
    level: Literal["long_term", "intermediate"]
    statement: str
    theme: str
    lead_body: str | None
    is_priority: bool
    national_outcomes: list[str]
    policy_priorities: list[str]
    indicators: list[PlanIndicator]
    commitments: list[PlanCommitment]
    children: list["PlanOutcome"]


class PlanDetail(PlanSummary):
    outcomes: list[PlanOutcome]
    priorities: list[str]


# -- the page twins: outcomes dashboard, plan comparison, partner, locality pages ----------


class PlanRef(Schema):
    id: int
    title: str
    kind: PlanKind
    status: str
    version: int
    is_demo: bool
    url: str | None
    api_url: str


class MeasureRef(Schema):
    code: str
    name: str
    unit: str
    higher_is_better: bool | None


class DashboardValue(Schema):
    period: str
    value: float
    kind: str
    is_estimate: bool
    source: str


class StatusTarget(Schema):
    value: float
    due: datetime.date


class IndicatorStatus(Schema):
    code: str
    label: str
    expected: float | None
    target: StatusTarget | None


class Comparison(Schema):
    period: str
    scotland: float | None
    group_name: str
    group_average: float | None
    group_size: int


class DashboardRow(Schema):
    outcome: str
    indicator_id: int
    measure: MeasureRef
    area: AreaRef
    latest: DashboardValue | None
    status: IndicatorStatus
    trend: str
    trend_label: str
    comparison: Comparison | None
    gap_since_baseline: str | None
    gap_label: str
    values: list[DashboardValue]
    page_url: str


class StatusCount(Schema):
    label: str
    count: int


class DashboardPlan(Schema):
    plan: PlanRef
    counts: list[StatusCount]
    indicators: list[DashboardRow]


class Dashboard(Schema):
    partnership: str
    council_code: str
    plans: list[DashboardPlan]
    page_url: str


class PlanChange(Schema):
    kind: Literal["added", "removed", "changed"]
    subject: str
    details: list[str]


class PlanComparison(Schema):
    partnership: str
    older: PlanSummary
    newer: PlanSummary
    changes: list[PlanChange]
    page_url: str


class PartnerCommitment(Schema):
    plan: PlanRef
    number: str
    what: str
    role: Literal["Leads", "Contributes"]
    measured_by: str | None
    due: datetime.date | None


class OverdueChallenge(Schema):
    id: int
    question: str
    answer_due: datetime.date
    url: str


class OrganisationKind(Schema):
    code: str
    label: str


class PartnerDetail(Schema):
    id: int
    name: str
    kind: OrganisationKind
    is_statutory: bool
    partnership: str
    commitments: list[PartnerCommitment]
    overdue_challenges: list[OverdueChallenge]
    page_url: str


class LocalityValue(Schema):
    period: str
    value: float | None
    kind_label: str
    is_estimate: bool
    is_projection: bool
    method: str
    partnership: float | None
    scotland: float | None


class LocalityMeasureSummary(Schema):
    measure: MeasureRef
    latest: LocalityValue | None
    trend: str
    trend_label: str
    markedly_poorer: bool
    page_url: str
    api_url: str


class LocalityCommunity(Schema):
    code: str
    name: str
    page_url: str


class LocalityDetail(Schema):
    id: int
    name: str
    partnership: str
    council_code: str
    communities: list[LocalityCommunity]
    population: float
    identified_as_poorer_outcomes: bool
    markedly_poorer_on: list[str]
    measures: list[LocalityMeasureSummary]
    plans: list[DashboardPlan]
    notes: list[str]
    page_url: str


class CommunityValue(Schema):
    code: str
    name: str
    period: str
    value: float
    kind_label: str
    is_estimate: bool
    source: str


class LocalityMeasureMeasure(MeasureRef):
    definition: str
    direction_label: str
    source: str


class LocalityRef(Schema):
    id: int
    name: str
    api_url: str


class LocalityMeasureDetail(Schema):
    locality: LocalityRef
    council_code: str
    measure: LocalityMeasureMeasure
    latest: LocalityValue | None
    trend: str
    trend_label: str
    markedly_poorer: bool
    values: list[LocalityValue]
    communities: list[CommunityValue]
    page_url: str
