"""Measures (indicators), periods and observations: the evidence base."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from placeplan.core.models import AuditedModel, TimeStampedModel
from placeplan.places.models import Area


class ValueKind(models.TextChoices):
    """How a value came to be. Only ``raw`` and ``provisional`` are measured results;
    imputed and projected values are estimates and must be shown as such."""

    RAW = "raw", "Measured"
    PROVISIONAL = "provisional", "Provisional"
    IMPUTED = "imputed", "Estimate (imputed)"
    PROJECTED = "projected", "Estimate (projected)"


ESTIMATE_KINDS = frozenset({ValueKind.IMPUTED, ValueKind.PROJECTED})


MAX_DECIMALS = 6

# The default decimal places for a unit, the first rule that matches (lower case) winning.
# A share from 0 to 1 (SIMD's rates) needs three places to tell 0.084 from 0.08; a
# percentage, a rate "per" some population, an index, a score, minutes or years one; money
# and whole things (people, crimes, a ratio to Scotland = 100) none. Anything else: one.
UNIT_DECIMALS = [
    (("share (0", "proportion (0", "(0–1)", "(0-1)"), 3),
    (("%", "percent"), 1),
    (("£", "pounds", "money"), 0),
    (("people", "persons", "count", "number", "crimes", "households", "ratio"), 0),
    (("per ", "index", "score", "minutes", "year"), 1),
]
DEFAULT_DECIMALS = 1


def default_decimals(unit: str) -> int:
    """The decimal places a value in ``unit`` is shown with when its measure sets none
    (the rules of ``UNIT_DECIMALS``, written down in docs/numbers.md)."""
    text = (unit or "").lower()
    for words, decimals in UNIT_DECIMALS:
        if any(word in text for word in words):
            return decimals
    return DEFAULT_DECIMALS


class Measure(AuditedModel):
    """An indicator: what is measured, in what unit, which direction is better, where
    it comes from and for which geographies it exists."""

    class Collection(models.TextChoices):
        CPOP = "cpop", "Community Planning Outcomes Profile"
        SIMD = "simd", "SIMD indicators"
        INCOME_DEPRIVATION = "income", "Income deprivation (SIMD 2020)"
        LOCAL = "local", "Local indicator"

    code = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=160)
    definition = models.TextField()
    unit = models.CharField(max_length=80)
    higher_is_better = models.BooleanField(
        null=True, blank=True, help_text="Empty for counts and context where neither is better."
    )
    source = models.CharField(max_length=300)
    collection = models.CharField(max_length=20, choices=Collection.choices)
    levels = models.JSONField(default=list, help_text="Area levels the measure exists for.")
    frequency = models.CharField(max_length=80, blank=True, help_text="How often it is reported.")
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="local_measures",
        help_text="The partnership that defined this local indicator (empty for national ones).",
    )
    valid_min = models.FloatField(null=True, blank=True)
    valid_max = models.FloatField(null=True, blank=True)
    decimals = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_DECIMALS)],
        help_text="Decimal places its values are shown with; empty for the default of its unit.",
    )

    class Meta:
        ordering = ["collection", "name"]
        constraints = [
            models.CheckConstraint(
                name="local_measure_has_partnership",
                condition=Q(collection="local", partnership__isnull=False)
                | (~Q(collection="local") & Q(partnership__isnull=True)),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_official(self) -> bool:
        """A national collection's measure (CPOP, SIMD and any later one): every measure
        that is not a partnership's local indicator. Partnerships' imports and tokens may
        not write its values; a site administrator corrects them, with a reason."""
        return self.collection != self.Collection.LOCAL

    @property
    def shown_decimals(self) -> int:
        """The decimal places its values are shown with on pages, reports and packs: its
        own ``decimals`` when set, otherwise the default of its unit
        (``default_decimals``). Downloads keep full precision."""
        return default_decimals(self.unit) if self.decimals is None else self.decimals

    @property
    def levels_label(self) -> str:
        """The geographies it is reported for, in words: "Council area, intermediate zone"."""
        names = [
            Area.Level(level).label if level in Area.Level.values else level
            for level in self.levels
        ]
        return ", ".join(names).capitalize()

    @property
    def is_compared_nationally(self) -> bool:
        """A national measure reported for council areas: the 32 partnerships compare on it
        (``selectors.national_comparison``)."""
        return self.partnership_id is None and Area.Level.COUNCIL_AREA in self.levels

    @property
    def direction_label(self):
        if self.higher_is_better is None:
            return "Neither higher nor lower is better"
        return "Higher is better" if self.higher_is_better else "Lower is better"


class Period(TimeStampedModel):
    """A time period an observation refers to, with its dates and the label people use."""

    class Kind(models.TextChoices):
        FINANCIAL_YEAR = "financial_year", "Financial year"
        CALENDAR_YEAR = "calendar_year", "Calendar year"
        ROLLING = "rolling", "Rolling period"
        SIMD_EDITION = "simd_edition", "SIMD edition"

    label = models.CharField(max_length=40, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    start = models.DateField()
    end = models.DateField()

    class Meta:
        ordering = ["start", "end"]
        constraints = [
            models.CheckConstraint(name="period_ends_after_start", condition=Q(end__gte=F("start")))
        ]

    def __str__(self):
        return self.label


class Observation(AuditedModel):
    """One value of a measure for an area and a period, with how it was obtained."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="observations")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="observations")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="observations")
    value = models.FloatField()
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    kind = models.CharField(max_length=12, choices=ValueKind.choices, default=ValueKind.RAW)
    source = models.CharField(max_length=300)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["measure", "area", "period__start"]
        indexes = [
            models.Index(fields=["area", "measure"]),
            # A measure's values for one period (Scotland, a family group, every community):
            # without it the database reads every value of the period to find them.
            models.Index(fields=["measure", "period"], name="observation_measure_period"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "area", "period"], name="one_value_per_measure_area_period"
            ),
            models.CheckConstraint(
                name="denominator_positive",
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
            ),
        ]

    def __str__(self):
        return f"{self.measure} · {self.area.code} · {self.period}: {self.value:g}"

    @property
    def is_estimate(self):
        return self.kind in ESTIMATE_KINDS


class ImportBatch(TimeStampedModel):
    """One upload of observations: checked and previewed first, saved whole on confirm.

    ``rows`` holds the checked rows ready to save and ``errors`` every problem found, by
    row and column; a batch with errors can never be saved. The record stays as the log
    of who imported what, when, and with what result.
    """

    class Status(models.TextChoices):
        CHECKED = "checked", "Checked, waiting for confirmation"
        HAS_ERRORS = "has_errors", "Has problems: nothing saved"
        QUEUED = "queued", "Waiting to be saved"
        RUNNING = "running", "Saving"
        DONE = "done", "Saved"
        FAILED = "failed", "Failed: nothing saved"
        CANCELLED = "cancelled", "Cancelled: nothing saved"

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="import_batches",
        help_text="Empty for a national load by a site administrator.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    via = models.CharField(max_length=20, default="upload")
    filename = models.CharField(max_length=200)
    status = models.CharField(max_length=12, choices=Status.choices)
    row_count = models.PositiveIntegerField(default=0)
    rows = models.JSONField(default=list, blank=True)
    errors = models.JSONField(default=list, blank=True)
    summary = models.JSONField(default=dict)
    rows_done = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "import batches"

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


TOKEN_LIFETIME = datetime.timedelta(days=365)


def token_expiry_default():
    """A token works for a year from when it is made, unless given a shorter life."""
    return timezone.now() + TOKEN_LIFETIME


class ApiToken(AuditedModel):
    """A partner system's key to ``POST /api/v1/observations`` for one partnership.

    Only a SHA-256 hash of the token is kept; the token itself is shown once, when made.
    It works until it expires or is revoked, and only while the person who made it is
    active and still allowed to manage the partnership's tokens.
    """

    partner = models.ForeignKey(
        "partnerships.Partner", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=120, help_text="What the token is for, e.g. the system.")
    prefix = models.CharField(max_length=12, help_text="The first characters, to recognise it.")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField(default=token_expiry_default)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class ApiTokenUse(models.Model):
    """The audit record of one write with an API token: which token, when, what it sent
    and what was saved (the import batch holds the rows and their problems)."""

    token = models.ForeignKey(ApiToken, on_delete=models.PROTECT, related_name="uses")
    used_at = models.DateTimeField(default=timezone.now)
    endpoint = models.CharField(max_length=200)
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="token_uses"
    )
    rows_sent = models.PositiveIntegerField(default=0)
    outcome = models.CharField(max_length=300, help_text="What was saved, or why nothing was.")

    class Meta:
        ordering = ["-used_at"]
        indexes = [models.Index(fields=["token", "-used_at"])]

    def __str__(self):
        return f"{self.token} · {self.used_at:%Y-%m-%d %H:%M} · {self.outcome}"
