"""Engagement: what the partnership asked people (consultations, surveys, events,
workshops, Place Standard exercises), what they said (themes, with how many raised each),
what the partnership did about each ("you said, we did"), residents' responses to an open
consultation, and the scores of a Place Standard exercise."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from placeplan.core.models import AuditedModel
from placeplan.partnerships.models import Body, Locality, Partnership
from placeplan.places.models import Area

# An activity closed longer than this without a "we did" for every theme is an exception.
FEEDBACK_WEEKS = 8

# The Place Standard tool's 14 themes, in the tool's order (its compass runs clockwise).
PLACE_STANDARD_THEMES = (
    ("moving_around", "Moving around"),
    ("public_transport", "Public transport"),
    ("traffic_and_parking", "Traffic and parking"),
    ("streets_and_spaces", "Streets and spaces"),
    ("natural_space", "Natural space"),
    ("play_and_recreation", "Play and recreation"),
    ("facilities_and_amenities", "Facilities and amenities"),
    ("work_and_local_economy", "Work and local economy"),
    ("housing_and_community", "Housing and community"),
    ("social_contact", "Social contact"),
    ("identity_and_belonging", "Identity and belonging"),
    ("feeling_safe", "Feeling safe"),
    ("care_and_maintenance", "Care and maintenance"),
    ("influence_and_sense_of_control", "Influence and sense of control"),
)
THEME_LABELS = dict(PLACE_STANDARD_THEMES)
SCORE_MIN, SCORE_MAX = 1, 7
SCALE_WORDS = "1 = a lot of room for improvement, 7 = very little room for improvement"


class Activity(AuditedModel):
    """Something the partnership, one of its bodies or a locality partnership did to hear
    from people: why, who was asked, when, how, and how many took part."""

    class Kind(models.TextChoices):
        CONSULTATION = "consultation", "Consultation"
        SURVEY = "survey", "Survey"
        EVENT = "event", "Event"
        WORKSHOP = "workshop", "Workshop"
        PLACE_STANDARD = "place_standard", "Place Standard exercise"
        PARTICIPATORY_BUDGETING = "pb_vote", "Participatory budgeting vote"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="engagement_activities"
    )
    body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="engagement_activities",
        help_text="The body that ran it (none: the partnership as a whole).",
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    purpose = models.TextField(help_text="What the partnership wanted to find out, and why.")
    who_asked = models.TextField("Who was asked")
    method = models.TextField(help_text="How people were asked.")
    starts_on = models.DateField("Opened on")
    ends_on = models.DateField("Closed on")
    participants = models.PositiveIntegerField(
        "Number of people who took part", null=True, blank=True
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    takes_responses = models.BooleanField(
        "Take residents' responses online while it is open",
        default=False,
        help_text="Verified residents may respond on its public page between the dates.",
    )
    response_summary = models.TextField(
        "Summary of the responses",
        blank=True,
        help_text="What the responses said, in the partnership's words: published with the "
        "activity. The responses themselves are never published.",
    )
    summary_published_on = models.DateField(null=True, blank=True)
    is_demo = models.BooleanField(default=False, help_text="Demonstration content.")

    class Meta:
        ordering = ["partnership", "-ends_on", "title", "pk"]
        verbose_name_plural = "activities"
        constraints = [
            models.CheckConstraint(
                name="engagement_ends_not_before_start",
                condition=Q(ends_on__gte=F("starts_on")),
                violation_error_message="The closing date must be on or after the opening date.",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def is_open(self, today: datetime.date) -> bool:
        """Between its dates (inclusive)."""
        return self.starts_on <= today <= self.ends_on

    def accepts_responses(self, today: datetime.date) -> bool:
        """Published, taking responses online, and open today."""
        return self.is_published and self.takes_responses and self.is_open(today)

    def feedback_due(self) -> datetime.date:
        """The last day "we did" may be missing without being an exception."""
        return self.ends_on + datetime.timedelta(weeks=FEEDBACK_WEEKS)

    @property
    def themes_answered(self) -> int:
        """How many of its themes say what was done (or why not)."""
        return sum(1 for theme in self.themes.all() if theme.has_response)

    @property
    def runner(self) -> str:
        return self.body.name if self.body else self.partnership.name


class Theme(AuditedModel):
    """Something people said (how many raised it), and what the partnership did about it:
    a change to a plan outcome or priority, a commitment or an improvement action (linked),
    or the reason it did not act."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="themes")
    title = models.CharField("Theme", max_length=200)
    said = models.TextField("What people said")
    raised_by = models.PositiveIntegerField("Number of people who raised it")
    we_did = models.TextField("What we did", blank=True)
    outcome = models.ForeignKey(
        "plans.Outcome",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="engagement_themes",
        help_text="The plan outcome or priority it changed.",
    )
    commitment = models.ForeignKey(
        "plans.Commitment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="engagement_themes",
        help_text="The plan commitment it changed.",
    )
    action = models.ForeignKey(
        "delivery.ImprovementAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="engagement_themes",
        help_text="The improvement action it led to.",
    )
    no_action_reason = models.TextField("Why we did not act", blank=True)
    responded_on = models.DateField("Recorded on", null=True, blank=True)

    class Meta:
        ordering = ["activity", "-raised_by", "title", "pk"]

    def __str__(self):
        return self.title

    @property
    def has_response(self) -> bool:
        """Whether "we did" (or the reason for not acting) is recorded."""
        return self.responded_on is not None

    @property
    def acted(self) -> bool:
        return self.has_response and not self.no_action_reason


class ConsultationResponse(AuditedModel):
    """A resident's response to an open consultation: private to the people who record
    the activity. Deleting the account keeps the response, from "a resident"."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="engagement_responses",
    )
    text = models.TextField("Your response")
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["activity", "submitted_at", "pk"]

    def __str__(self):
        return f"Response {self.pk} to {self.activity}"


class PlaceStandardExercise(AuditedModel):
    """The results of a Place Standard activity for a locality or a community: a summary
    score per theme (with its number of respondents), or every respondent's scores."""

    activity = models.OneToOneField(
        Activity, on_delete=models.CASCADE, related_name="place_standard"
    )
    locality = models.ForeignKey(
        Locality,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="place_standard_exercises",
    )
    community = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="An intermediate zone of the council area.",
    )

    class Meta:
        ordering = ["activity"]
        constraints = [
            models.CheckConstraint(
                name="place_standard_one_place",
                condition=(Q(locality__isnull=False) & Q(community__isnull=True))
                | (Q(locality__isnull=True) & Q(community__isnull=False)),
                violation_error_message="Choose a locality or a community, not both.",
            ),
        ]

    def __str__(self):
        return f"Place Standard: {self.place_name}, {self.activity.ends_on:%B %Y}"

    @property
    def place_name(self) -> str:
        return self.locality.name if self.locality_id else self.community.name


class PlaceStandardScore(AuditedModel):
    """A theme's summary score (the respondents' mean, 1 to 7) and how many scored it."""

    exercise = models.ForeignKey(
        PlaceStandardExercise, on_delete=models.CASCADE, related_name="scores"
    )
    theme = models.CharField(max_length=40, choices=PLACE_STANDARD_THEMES)
    score = models.DecimalField(max_digits=3, decimal_places=1)
    respondents = models.PositiveIntegerField()

    class Meta:
        ordering = ["exercise", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "theme"], name="place_standard_score_unique"
            ),
            models.CheckConstraint(
                name="place_standard_score_in_range",
                condition=Q(score__gte=SCORE_MIN) & Q(score__lte=SCORE_MAX),
            ),
        ]

    def __str__(self):
        return f"{self.get_theme_display()}: {self.score}"


class PlaceStandardRating(AuditedModel):
    """One respondent's score (1 to 7) for one theme."""

    exercise = models.ForeignKey(
        PlaceStandardExercise, on_delete=models.CASCADE, related_name="ratings"
    )
    respondent = models.PositiveIntegerField()
    theme = models.CharField(max_length=40, choices=PLACE_STANDARD_THEMES)
    score = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["exercise", "respondent", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "respondent", "theme"], name="place_standard_rating_unique"
            ),
            models.CheckConstraint(
                name="place_standard_rating_in_range",
                condition=Q(score__gte=SCORE_MIN) & Q(score__lte=SCORE_MAX),
            ),
        ]

    def __str__(self):
        return f"Respondent {self.respondent}, {self.get_theme_display()}: {self.score}"
