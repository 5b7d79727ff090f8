"""Factories for every model of Placeplan's apps, one module per app, for any test.

They build valid, obviously fictional objects through the same services the application
uses (so audit history, numbering and rules apply), beside the real reference data the
test database holds. tests/factories/test_factories.py proves each one and that every
model has one."""

from tests.factories.accounts import (
    PASSWORD,
    SecurityEventFactory,
    UserFactory,
    user_with_role,
)
from tests.factories.budgets import (
    AFTER_VOTING,
    PROPOSALS_DAY,
    REVIEW_DAY,
    VOTING_DAY,
    BallotFactory,
    ProcessFactory,
    ProjectFactory,
    ResultFactory,
    VotingCodeFactory,
)
from tests.factories.challenges import (
    ChallengeFactory,
    ChallengeStepFactory,
)
from tests.factories.core import (
    StoredFileFactory,
    WorkerCheckInFactory,
)
from tests.factories.delivery import (
    ImprovementActionFactory,
    ProgressUpdateFactory,
    RecommendationFactory,
)
from tests.factories.engagement import (
    ActivityFactory,
    ConsultationResponseFactory,
    PlaceStandardExerciseFactory,
    PlaceStandardRatingFactory,
    PlaceStandardScoreFactory,
    ThemeFactory,
    verified_resident,
)
from tests.factories.meetings import (
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    MeetingFactory,
    PaperCounterFactory,
    PaperFactory,
    PartnerDecisionFactory,
)
from tests.factories.partnerships import (
    BodyFactory,
    LocalityFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    PartnershipFactory,
    PartnershipRoleFactory,
    PersonFactory,
    RemitItemFactory,
)
from tests.factories.performance import (
    ApiTokenFactory,
    ApiTokenUseFactory,
    ImportBatchFactory,
    LocalMeasureFactory,
    MeasureFactory,
    ObservationFactory,
    PeriodFactory,
)
from tests.factories.places import (
    AreaBoundaryFactory,
    AreaFactory,
    CouncilAreaFactory,
    DataZoneFactory,
    IntermediateZoneFactory,
    SimdRankFactory,
    TypologyGroupFactory,
)
from tests.factories.plans import (
    CommitmentFactory,
    IntermediateOutcomeFactory,
    NationalOutcomeFactory,
    OutcomeFactory,
    OutcomeIndicatorFactory,
    PlanFactory,
    PolicyPriorityFactory,
    TargetFactory,
)
from tests.factories.residents import (
    ResidentFactory,
)
from tests.factories.stories import (
    AssetFactory,
    ProposalFactory,
    SectionFactory,
    StoryFactory,
    VersionFactory,
)
from tests.factories.workspace import (
    DigestSentFactory,
)

__all__ = [
    "AFTER_VOTING",
    "PROPOSALS_DAY",
    "REVIEW_DAY",
    "VOTING_DAY",
    "BallotFactory",
    "ProcessFactory",
    "ProjectFactory",
    "ResultFactory",
    "VotingCodeFactory",
    "AssetFactory",
    "ProposalFactory",
    "SectionFactory",
    "StoryFactory",
    "VersionFactory",
    "ActivityFactory",
    "AgendaItemFactory",
    "ApiTokenFactory",
    "ApiTokenUseFactory",
    "AreaBoundaryFactory",
    "AreaFactory",
    "AttendanceFactory",
    "BodyFactory",
    "ChallengeFactory",
    "ChallengeStepFactory",
    "CommitmentFactory",
    "ConsultationResponseFactory",
    "CouncilAreaFactory",
    "DataZoneFactory",
    "DecisionFactory",
    "DigestSentFactory",
    "ImportBatchFactory",
    "ImprovementActionFactory",
    "IntermediateOutcomeFactory",
    "IntermediateZoneFactory",
    "LocalMeasureFactory",
    "LocalityFactory",
    "MeasureFactory",
    "MeetingFactory",
    "MembershipFactory",
    "NationalOutcomeFactory",
    "ObservationFactory",
    "OrganisationFactory",
    "OutcomeFactory",
    "OutcomeIndicatorFactory",
    "PASSWORD",
    "PaperCounterFactory",
    "PaperFactory",
    "PartnerDecisionFactory",
    "PartnerFactory",
    "PartnershipFactory",
    "PartnershipRoleFactory",
    "PeriodFactory",
    "PersonFactory",
    "PlaceStandardExerciseFactory",
    "PlaceStandardRatingFactory",
    "PlaceStandardScoreFactory",
    "PlanFactory",
    "PolicyPriorityFactory",
    "ProgressUpdateFactory",
    "RecommendationFactory",
    "RemitItemFactory",
    "ResidentFactory",
    "SecurityEventFactory",
    "SimdRankFactory",
    "StoredFileFactory",
    "TargetFactory",
    "ThemeFactory",
    "TypologyGroupFactory",
    "UserFactory",
    "WorkerCheckInFactory",
    "user_with_role",
    "verified_resident",
]
