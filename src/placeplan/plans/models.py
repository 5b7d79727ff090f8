"""The plan: a partnership's Local Outcomes Improvement Plan, locality plans and other
plans, with their outcomes, indicators, baselines, targets and commitments.

Every version of a plan is kept: versions share a ``series``; amending a published plan
copies it into a new draft. Outcomes, indicators and commitments carry a ``key`` that
stays the same across versions, so two versions can be compared.
"""

import uuid

from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from placeplan.core.models import AuditedModel, TimeStampedModel
from placeplan.partnerships.models import Body, Locality, Partner, Partnership
from placeplan.performance.models import Measure, Observation
from placeplan.places.models import Area


class NationalOutcome(TimeStampedModel):
    """One of the National Performance Framework's eleven national outcomes."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    statement = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.name


class PolicyPriority(TimeStampedModel):
    """One of the six national policy priorities for community planning (Audit Scotland)."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]
        verbose_name_plural = "policy priorities"

    def __str__(self):
        return self.name


class Plan(AuditedModel):
    """One version of a plan of a partnership."""

    class Kind(models.TextChoices):
        LOIP = "loip", "Local Outcomes Improvement Plan (SOA)"
        LOCALITY = "locality", "Locality plan"
        PREVENTION = "prevention", "Prevention plan"
        THEMATIC = "thematic", "Thematic delivery plan"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AGREED = "agreed", "Agreed"
        PUBLISHED = "published", "Published"
        SUPERSEDED = "superseded", "Superseded"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="plans")
    series = models.UUIDField(default=uuid.uuid4, editable=False)
    version = models.PositiveSmallIntegerField(default=1)
    amended_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True, help_text="What the plan is for, in a few sentences.")
    period_start = models.DateField()
    period_end = models.DateField()
    owning_body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="plans_owned")
    locality = models.ForeignKey(
        Locality, null=True, blank=True, on_delete=models.PROTECT, related_name="plans"
    )
    supports_plan = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supporting_plans",
        help_text="The Local Outcomes Improvement Plan this plan contributes to.",
    )
    priority_limit = models.PositiveSmallIntegerField(default=5)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    agreed_by = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="plans_agreed"
    )
    agreed_on = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["partnership", "-period_start", "title", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["series", "version"], name="plan_version_unique"),
            models.CheckConstraint(
                name="plan_period_ends_after_start", condition=Q(period_end__gt=F("period_start"))
            ),
            models.CheckConstraint(
                name="plan_priority_limit_range",
                condition=Q(priority_limit__gte=1, priority_limit__lte=20),
            ),
            models.CheckConstraint(
                name="locality_plan_has_locality",
                condition=Q(kind="locality", locality__isnull=False)
                | (~Q(kind="locality") & Q(locality__isnull=True)),
            ),
            models.CheckConstraint(
                name="plan_agreement_recorded",
                condition=Q(status="draft") | Q(agreed_by__isnull=False, agreed_on__isnull=False),
            ),
            models.CheckConstraint(
                name="plan_publication_recorded",
                condition=Q(status__in=["draft", "agreed"]) | Q(published_on__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["series"],
                condition=Q(status="draft"),
                name="one_draft_per_plan",
            ),
        ]

    def __str__(self):
        return f"{self.title} (version {self.version})"

    @property
    def period_label(self) -> str:
        return f"{self.period_start:%B %Y} to {self.period_end:%B %Y}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_public(self) -> bool:
        return self.status in (self.Status.PUBLISHED, self.Status.SUPERSEDED)

    def get_absolute_url(self):
        return reverse("plans:plan", args=[self.partnership.council_area.code, self.pk])


class Outcome(AuditedModel):
    """A long-term outcome of a plan, or an intermediate outcome under one. In a locality
    plan, outcomes are the locality's local priorities."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="outcomes")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    number = models.PositiveSmallIntegerField()
    statement = models.TextField()
    theme = models.CharField(max_length=120, blank=True)
    lead_body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="outcomes_led"
    )
    is_priority = models.BooleanField(default=False)
    national_outcomes = models.ManyToManyField(NationalOutcome, blank=True, related_name="+")
    policy_priorities = models.ManyToManyField(PolicyPriority, blank=True, related_name="+")
    supports = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="supported_by",
        help_text="Outcomes of the Local Outcomes Improvement Plan this outcome contributes to.",
    )
    _history_m2m_fields = ["national_outcomes", "policy_priorities", "supports"]

    class Meta:
        ordering = ["plan", "parent_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "key"], name="outcome_key_unique_in_plan"),
        ]

    def __str__(self):
        return self.statement[:80]

    @property
    def is_long_term(self) -> bool:
        return self.parent_id is None


class OutcomeIndicator(AuditedModel):
    """An indicator an outcome uses, for one geography, with its baseline."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="indicators")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="plan_uses")
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The geography the baseline and targets are for.",
    )
    baseline_value = models.FloatField(null=True, blank=True)
    baseline_period = models.CharField(max_length=40, blank=True)
    baseline_observation = models.ForeignKey(
        Observation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    baseline_is_estimate = models.BooleanField(default=False)
    gap_reduction = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Per cent of the gap between the most and least deprived fifth to close.",
    )
    gap_by = models.DateField(null=True, blank=True)
    tolerance = models.PositiveSmallIntegerField(
        default=5,
        help_text="How far short of the trajectory (per cent of the baseline-to-target "
        "distance) still counts as at risk rather than off track.",
    )

    class Meta:
        ordering = ["outcome", "measure__name", "area__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["outcome", "measure", "area"], name="one_use_of_indicator_per_area"
            ),
            models.CheckConstraint(
                name="baseline_has_period",
                condition=Q(baseline_value__isnull=True) | ~Q(baseline_period=""),
            ),
            models.CheckConstraint(
                name="gap_target_complete",
                condition=Q(gap_reduction__isnull=True, gap_by__isnull=True)
                | Q(gap_reduction__gte=1, gap_reduction__lte=100, gap_by__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.measure.name} · {self.area.name}"

    @property
    def has_baseline(self) -> bool:
        return self.baseline_value is not None

    @property
    def gap_target_label(self) -> str:
        if self.gap_reduction is None:
            return ""
        if self.gap_reduction == 50:
            amount = "Halve"
        elif self.gap_reduction == 100:
            amount = "Close"
        else:
            amount = f"Reduce by {self.gap_reduction}%"
        return (
            f"{amount} the gap between the most and least deprived fifth of communities "
            f"by {self.gap_by:%B %Y}"
        )


class Target(AuditedModel):
    """A value an indicator is to reach by a date."""

    indicator = models.ForeignKey(
        OutcomeIndicator, on_delete=models.CASCADE, related_name="targets"
    )
    value = models.FloatField()
    due = models.DateField(help_text="The date by which the value is to be reached.")
    is_illustrative = models.BooleanField(
        default=False, help_text="Demonstration targets, not a partnership's real commitment."
    )

    class Meta:
        ordering = ["indicator", "due"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "due"], name="one_target_per_date"),
        ]

    def __str__(self):
        return f"{self.value:g} by {self.due:%B %Y}"


class Commitment(AuditedModel):
    """What will improve, how, by whom and when: a promise under an intermediate outcome."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="commitments")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    number = models.PositiveSmallIntegerField()
    what = models.TextField("What will improve")
    indicator = models.ForeignKey(
        OutcomeIndicator,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
        help_text="The indicator (and its targets) that shows the improvement.",
    )
    how = models.TextField("How it will be done", blank=True)
    lead_partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="commitments_led"
    )
    contributing_partners = models.ManyToManyField(
        Partner, blank=True, related_name="commitments_contributed"
    )
    lead_body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="commitments_led"
    )
    due = models.DateField("When", null=True, blank=True)
    is_preventative = models.BooleanField(default=False)
    _history_m2m_fields = ["contributing_partners"]

    class Meta:
        ordering = ["outcome", "number"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "key"], name="commitment_key_unique"),
        ]

    def __str__(self):
        return self.what[:80]

    @property
    def missing(self) -> list[str]:
        """What the commitment still lacks before the plan can be agreed."""
        gaps = []
        if self.lead_partner_id is None:
            gaps.append("an accountable partner")
        if self.due is None:
            gaps.append("a date")
        return gaps

    @property
    def is_complete(self) -> bool:
        return not self.missing
