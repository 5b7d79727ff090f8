"""Delivery: improvement actions (who will do what by when, and how it is going) and the
audit and inspection recommendations they answer."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from placeplan.core.models import AuditedModel
from placeplan.partnerships.models import Body, Partner, Partnership, Person


class Recommendation(AuditedModel):
    """A recommendation to the partnership from an audit, inspection or review, tracked to
    the improvement actions that answer it."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="recommendations"
    )
    source_document = models.CharField(
        max_length=300, help_text="The report it comes from, with its author and date."
    )
    reference = models.CharField(
        max_length=40, blank=True, help_text="Its number in the report, if it has one."
    )
    text = models.TextField("Recommendation")
    made_on = models.DateField("Date of the report")
    is_demo = models.BooleanField(default=False, help_text="Demonstration content.")

    class Meta:
        ordering = ["partnership", "-made_on", "reference", "pk"]

    def __str__(self):
        return f"{self.reference} {self.text[:60]}".strip()


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    OFF_TRACK = "off_track", "Off track"
    COMPLETE = "complete", "Complete"
    CANCELLED = "cancelled", "Cancelled"


# The Design System tag colour of each status.
STATUS_TAGS = {
    ActionStatus.NOT_STARTED: "ds_tag--grey",
    ActionStatus.ON_TRACK: "ds_tag--green",
    ActionStatus.AT_RISK: "ds_tag--orange",
    ActionStatus.OFF_TRACK: "ds_tag--red",
    ActionStatus.COMPLETE: "ds_tag--blue",
    ActionStatus.CANCELLED: "ds_tag--grey",
}
CLOSED_STATUSES = (ActionStatus.COMPLETE, ActionStatus.CANCELLED)
TROUBLED_STATUSES = (ActionStatus.AT_RISK, ActionStatus.OFF_TRACK)


class ImprovementAction(AuditedModel):
    """Something a partnership will do to improve: what, why, who and by when."""

    class Source(models.TextChoices):
        PLAN = "plan", "Plan commitment"
        DEVELOPMENT_PLAN = "development_plan", "Development plan"
        RECOMMENDATION = "recommendation", "Audit or inspection recommendation"
        SELF_EVALUATION = "self_evaluation", "Self-evaluation"
        CHALLENGE = "challenge", "Board challenge"
        PARTICIPATORY_BUDGETING = "pb", "Participatory budgeting"
        OTHER = "other", "Other"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="improvement_actions"
    )
    title = models.CharField(max_length=200)
    improvement = models.TextField("What will improve")
    source = models.CharField(max_length=20, choices=Source.choices)
    recommendation = models.ForeignKey(
        Recommendation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
        help_text="The recommendation it answers.",
    )
    commitment = models.ForeignKey(
        "plans.Commitment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="improvement_actions",
        help_text="The plan commitment it delivers.",
    )
    outcome = models.ForeignKey(
        "plans.Outcome",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="improvement_actions",
        help_text="The plan outcome it serves.",
    )
    indicator = models.ForeignKey(
        "plans.OutcomeIndicator",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="improvement_actions",
        help_text="The plan indicator it should move.",
    )
    owner = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="improvement_actions",
        help_text="The person who will see it done.",
    )
    accountable_partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="improvement_actions"
    )
    responsible_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="improvement_actions"
    )
    start = models.DateField(null=True, blank=True)
    due = models.DateField()
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    cancelled_reason = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)
    is_demo = models.BooleanField(default=False, help_text="Demonstration content.")

    class Meta:
        ordering = ["partnership", "due", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                name="action_due_not_before_start",
                condition=Q(start__isnull=True) | Q(due__gte=F("start")),
                violation_error_message="The due date must be on or after the start date.",
            ),
            models.CheckConstraint(
                name="cancelled_action_has_reason",
                condition=~Q(status="cancelled") | ~Q(cancelled_reason=""),
                violation_error_message="Say why the action was cancelled.",
            ),
            models.CheckConstraint(
                name="complete_action_has_date",
                condition=~Q(status="complete") | Q(completed_on__isnull=False),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def status_tag(self) -> str:
        return STATUS_TAGS[self.status]

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def is_overdue(self, today) -> bool:
        """Past its due date and neither complete nor cancelled."""
        return not self.is_closed and self.due < today


class ProgressUpdate(AuditedModel):
    """A dated account of how an action is going, with its status from then on."""

    action = models.ForeignKey(ImprovementAction, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField("Date of the update")
    status = models.CharField(max_length=12, choices=ActionStatus.choices)
    narrative = models.TextField("Progress")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["action", "-on", "-pk"]

    def __str__(self):
        return f"{self.action} · {self.on}: {self.get_status_display()}"

    @property
    def status_tag(self) -> str:
        return STATUS_TAGS[self.status]
