"""Resources and prevention: what each partner puts into each outcome in a financial year
(money in exact pounds and pence, staff, assets), how it is arranged (aligned, pooled or
delegated), how much of it is preventative, asked for and confirmed in a yearly
resourcing round; the prevention plan's interventions with their spend and savings by
year, its annual review, and the share of resources the partnership aims to make
preventative year by year (its trajectory).

A financial year is held as the year it starts in (2026 for 2026/27): ``year_label``
writes it as people do."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from placeplan.core.models import AuditedModel
from placeplan.delivery.models import ImprovementAction
from placeplan.partnerships.models import Locality, Partner, Partnership
from placeplan.plans.models import Commitment, Outcome, OutcomeIndicator

MONEY = {"max_digits": 14, "decimal_places": 2}
NOT_NEGATIVE = [MinValueValidator(Decimal(0))]
FIRST_YEAR = 2000
LAST_YEAR = 2100
YEAR = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


def year_label(year: int) -> str:
    """A financial year as people write it: 2026 → "2026/27"."""
    return f"{year}/{(year + 1) % 100:02d}"


class Arrangement(models.TextChoices):
    ALIGNED = "aligned", "Aligned"
    POOLED = "pooled", "Pooled or integrated"
    DELEGATED = "delegated", "Delegated to a locality partnership"


ARRANGEMENT_HELP = {
    Arrangement.ALIGNED: "The partner keeps control of the money and commits it to the "
    "outcome (its own service budget, planned with the partnership).",
    Arrangement.POOLED: "Put into a joint budget that partners decide on together, such "
    "as an integration joint board's budget, a prevention fund or a participatory "
    "budgeting fund.",
    Arrangement.DELEGATED: "Handed to a locality partnership to decide how it is spent "
    "(a local community planning budget).",
}


class Level(models.TextChoices):
    """Levels of prevention, as the Scottish Government's Preventative Budgeting Tool
    tags budget lines."""

    PRIMARY = "primary", "Primary prevention"
    SECONDARY = "secondary", "Secondary prevention"
    TERTIARY = "tertiary", "Tertiary prevention"
    NONE = "not_preventative", "Not preventative"


PREVENTATIVE_LEVELS = (Level.PRIMARY, Level.SECONDARY, Level.TERTIARY)

# Shown wherever a person chooses a level, so partners classify alike.
LEVEL_DEFINITIONS = {
    Level.PRIMARY: (
        "Stops a problem arising at all, for everyone or for groups at higher risk, before "
        "there is any sign of it.",
        "Parenting support and early learning for every family; smoking cessation and "
        "physical activity programmes; home fire safety visits; youth work.",
    ),
    Level.SECONDARY: (
        "Finds a problem early and acts before it becomes serious, for people showing the "
        "first signs of it.",
        "Screening; money and debt advice before arrears mount; early help for children "
        "missing school; diversion from prosecution for a first offence.",
    ),
    Level.TERTIARY: (
        "Stops an established problem getting worse or coming back, and limits the harm it does.",
        "Reablement after a hospital stay; rehabilitation after a conviction; support to "
        "keep a tenancy after homelessness; managing a long-term condition at home.",
    ),
    Level.NONE: (
        "Deals with a problem once it has happened and needs a response, without reducing "
        "how often it happens or how bad it gets.",
        "Emergency admissions to hospital; emergency response to fires; custody; "
        "temporary accommodation.",
    ),
}


class Round(AuditedModel):
    """A year's resourcing round: the support officer asks every partner for its
    contributions by a date; each partner enters and confirms them."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="resource_rounds"
    )
    year = models.PositiveSmallIntegerField(
        validators=YEAR, help_text="The year the financial year starts in (2026 for 2026/27)."
    )
    due = models.DateField("Confirm by", help_text="The date partners must confirm by.")
    request = models.TextField(
        "What is asked",
        blank=True,
        help_text="What partners are asked to enter, shown on their page for the round.",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(default=False, help_text="Demonstration content.")

    class Meta:
        ordering = ["partnership", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year"], name="one_round_a_year"),
        ]

    def __str__(self):
        return f"Resourcing round {self.label}"

    @property
    def label(self) -> str:
        return year_label(self.year)


class Pool(AuditedModel):
    """A joint budget partners put money into: an integration joint board's, a prevention
    fund, a participatory budgeting fund (linked to the vote it pays for), or a locality
    partnership's budget (delegated). Its money is counted once, from the lines that put
    money into it."""

    class Kind(models.TextChoices):
        INTEGRATION = "integration", "Integration joint board budget"
        PREVENTION = "prevention", "Prevention fund"
        PB = "pb", "Participatory budgeting fund"
        LOCALITY = "locality", "Locality partnership budget"
        OTHER = "other", "Other joint budget"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="pools")
    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    description = models.TextField(blank=True)
    locality = models.ForeignKey(
        Locality,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pools",
        help_text="For a locality partnership's budget: the locality.",
    )
    host = models.ForeignKey(
        Partner,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pools_hosted",
        help_text="The partner that holds the budget (an integration joint board, say). Its "
        "money is counted from the contributors' lines, so the host does not enter it again.",
    )
    process = models.ForeignKey(
        "budgets.Process",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funds",
        help_text="For a participatory budgeting fund: the vote it pays for.",
    )
    is_demo = models.BooleanField(default=False, help_text="Demonstration content.")

    class Meta:
        ordering = ["partnership", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="pool_name_unique"),
        ]

    def __str__(self):
        return self.name


class Line(AuditedModel):
    """One contribution of a partner in a round: money to a plan outcome (or a commitment
    or a locality), with the staff and assets behind it, how it is arranged and how much
    of it is preventative (percentages of the four levels, adding up to 100)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="lines")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="resource_lines")
    title = models.CharField(
        "Budget line", max_length=200, help_text="The service or budget, as the partner names it."
    )
    outcome = models.ForeignKey(
        Outcome, null=True, blank=True, on_delete=models.PROTECT, related_name="resource_lines"
    )
    commitment = models.ForeignKey(
        Commitment, null=True, blank=True, on_delete=models.PROTECT, related_name="resource_lines"
    )
    locality = models.ForeignKey(
        Locality, null=True, blank=True, on_delete=models.PROTECT, related_name="resource_lines"
    )
    budget = models.DecimalField(**MONEY, validators=NOT_NEGATIVE)
    outturn = models.DecimalField(
        **MONEY,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
        help_text="What was spent, once the year's accounts are closed.",
    )
    staff_fte = models.DecimalField(
        "Staff (full-time equivalent)",
        max_digits=8,
        decimal_places=2,
        default=Decimal(0),
        validators=NOT_NEGATIVE,
    )
    arrangement = models.CharField(
        max_length=10, choices=Arrangement.choices, default=Arrangement.ALIGNED
    )
    pool = models.ForeignKey(
        Pool, null=True, blank=True, on_delete=models.PROTECT, related_name="lines"
    )
    primary = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    secondary = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    tertiary = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(100)])
    not_preventative = models.PositiveSmallIntegerField(
        default=100, validators=[MaxValueValidator(100)]
    )
    not_for_publication = models.BooleanField(
        default=False,
        help_text="Shown in the workspace only; in published figures it counts only within "
        "a sum of at least three partners' lines, never on its own.",
    )
    is_demo = models.BooleanField(default=False, help_text="Demonstration content.")

    class Meta:
        ordering = ["round", "partner", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                name="resource_line_shares_add_to_100",
                condition=Q(primary=100 - F("secondary") - F("tertiary") - F("not_preventative")),
            ),
            models.CheckConstraint(
                name="resource_line_has_one_purpose",
                condition=(
                    Q(outcome__isnull=False, commitment__isnull=True, locality__isnull=True)
                    | Q(outcome__isnull=True, commitment__isnull=False, locality__isnull=True)
                    | Q(outcome__isnull=True, commitment__isnull=True, locality__isnull=False)
                ),
            ),
            models.CheckConstraint(
                name="resource_line_pooled_has_pool",
                condition=Q(arrangement=Arrangement.ALIGNED, pool__isnull=True)
                | (~Q(arrangement=Arrangement.ALIGNED) & Q(pool__isnull=False)),
            ),
        ]

    def __str__(self):
        return self.title

    def shares(self) -> dict[str, int]:
        """The percentage of each level of prevention."""
        return {level: getattr(self, FIELD_OF_LEVEL[level]) for level in Level}


FIELD_OF_LEVEL = {
    Level.PRIMARY: "primary",
    Level.SECONDARY: "secondary",
    Level.TERTIARY: "tertiary",
    Level.NONE: "not_preventative",
}


class Asset(AuditedModel):
    """A building, land, a vehicle or something else in kind a line brings, with its value
    where known."""

    class Kind(models.TextChoices):
        BUILDING = "building", "Building"
        LAND = "land", "Land"
        VEHICLE = "vehicle", "Vehicle"
        IN_KIND = "in_kind", "Other help in kind"

    line = models.ForeignKey(Line, on_delete=models.CASCADE, related_name="assets")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.CharField(max_length=300)
    value = models.DecimalField(
        **MONEY, null=True, blank=True, validators=NOT_NEGATIVE, help_text="Where known."
    )

    class Meta:
        ordering = ["line", "kind", "pk"]

    def __str__(self):
        return self.description


class Confirmation(AuditedModel):
    """A partner's confirmation of its lines in a round: from then on they are locked, and
    a change needs a reason (kept in the audit history)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="confirmations")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField()

    class Meta:
        ordering = ["round", "partner"]
        constraints = [
            models.UniqueConstraint(fields=["round", "partner"], name="confirm_once_a_round"),
        ]

    def __str__(self):
        return f"{self.partner} confirmed {self.round.label}"


class RoundShare(models.Model):
    """A round's preventative share, kept so that the shift to prevention need not split
    ten years of lines on every page: worked out from the lines (``selectors.round_shares``)
    after each change to the round's lines or confirmations has been saved, and removed
    as the change is made, so that a round without one is worked out from its lines.
    Derived from audited records, so not itself audited."""

    round = models.OneToOneField(
        Round, on_delete=models.CASCADE, primary_key=True, related_name="share"
    )
    full = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, help_text="In full (None: no money)."
    )
    public = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="As the public sees it: confirmed partners, the rule for lines not for "
        "publication (None: no money).",
    )

    def __str__(self):
        return f"Preventative share of {self.round}"


class PreventionTarget(AuditedModel):
    """The share of the partnership's resources it aims to make preventative by a year:
    the points of its trajectory."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="prevention_targets"
    )
    year = models.PositiveSmallIntegerField(validators=YEAR)
    share = models.DecimalField(
        "Preventative share (%)",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )

    class Meta:
        ordering = ["partnership", "year"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year"], name="one_target_a_year"),
        ]

    def __str__(self):
        return f"{self.share}% preventative by {year_label(self.year)}"


class Intervention(AuditedModel):
    """A preventative intervention of the prevention plan: a programme, a service change
    or an improvement action, with the demand it aims to reduce."""

    class Kind(models.TextChoices):
        PROGRAMME = "programme", "Programme"
        SERVICE_CHANGE = "service_change", "Service change"
        ACTION = "action", "Improvement action"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="interventions"
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=14, choices=Kind.choices)
    description = models.TextField(blank=True)
    level = models.CharField(
        "Level of prevention",
        max_length=16,
        choices=[(level.value, level.label) for level in PREVENTATIVE_LEVELS],
    )
    lead_partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.ForeignKey(
        ImprovementAction, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pool = models.ForeignKey(
        Pool,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interventions",
        help_text="The fund that pays for it, if a joint one (a prevention fund, say).",
    )
    demand = models.TextField(
        "Demand it aims to reduce", help_text="The need it should prevent, in plain words."
    )
    indicators = models.ManyToManyField(
        OutcomeIndicator,
        blank=True,
        related_name="+",
        help_text="The plan's indicators that should show the demand falling.",
    )
    is_demo = models.BooleanField(default=False, help_text="Demonstration content.")
    _history_m2m_fields = ["indicators"]

    class Meta:
        ordering = ["partnership", "title"]

    def __str__(self):
        return self.title


class InterventionYear(AuditedModel):
    """An intervention's spend in a year, and the savings expected and realised that
    year, cashable (money released) or not (demand avoided, time freed)."""

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(validators=YEAR)
    spend = models.DecimalField(**MONEY, default=Decimal(0), validators=NOT_NEGATIVE)
    expected_cashable = models.DecimalField(**MONEY, default=Decimal(0), validators=NOT_NEGATIVE)
    expected_non_cashable = models.DecimalField(
        **MONEY, default=Decimal(0), validators=NOT_NEGATIVE
    )
    realised_cashable = models.DecimalField(**MONEY, null=True, blank=True, validators=NOT_NEGATIVE)
    realised_non_cashable = models.DecimalField(
        **MONEY, null=True, blank=True, validators=NOT_NEGATIVE
    )

    class Meta:
        ordering = ["intervention", "year"]
        constraints = [
            models.UniqueConstraint(fields=["intervention", "year"], name="one_row_a_year"),
        ]

    def __str__(self):
        return f"{self.intervention} {year_label(self.year)}"


class Review(AuditedModel):
    """The prevention plan's annual review: progress on each intervention, drafted from
    the data and then edited and agreed."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AGREED = "agreed", "Agreed"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="prevention_reviews"
    )
    year = models.PositiveSmallIntegerField(validators=YEAR)
    summary = models.TextField(blank=True)
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.DRAFT)
    agreed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["partnership", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year"], name="one_review_a_year"),
        ]

    def __str__(self):
        return f"Prevention plan review {year_label(self.year)}"


class ReviewEntry(AuditedModel):
    """Progress on one intervention in an annual review."""

    class Progress(models.TextChoices):
        ON_TRACK = "on_track", "On track"
        SLIPPING = "slipping", "Some slippage"
        OFF_TRACK = "off_track", "Off track"
        COMPLETE = "complete", "Complete"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="entries")
    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="+")
    progress = models.CharField(max_length=9, choices=Progress.choices)
    note = models.TextField()

    class Meta:
        ordering = ["review", "intervention__title"]
        constraints = [
            models.UniqueConstraint(fields=["review", "intervention"], name="one_entry_each"),
        ]

    def __str__(self):
        return f"{self.intervention}: {self.get_progress_display()}"
