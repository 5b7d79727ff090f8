"""The challenge log: challenges put to a partner or a body about performance, with a
date the answer is due, and each dated, attributed step (raised, answered, accepted,
escalated)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from placeplan.core.models import AuditedModel
from placeplan.partnerships.models import Body, Partner


class Challenge(AuditedModel):
    """A challenge from a board member or body about performance, addressed to a partner
    or a body, with a date the answer is due; answered, then accepted or escalated."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for an answer"
        ANSWERED = "answered", "Answered"
        ACCEPTED = "accepted", "Answer accepted"
        ESCALATED = "escalated", "Escalated: waiting for an answer"

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="challenges"
    )
    question = models.TextField("Challenge")
    raised_by_body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="challenges_raised"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_on = models.DateField()
    indicator = models.ForeignKey(
        "plans.OutcomeIndicator",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenges",
    )
    action = models.ForeignKey(
        "delivery.ImprovementAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenges",
    )
    commitment = models.ForeignKey(
        "plans.Commitment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenges",
    )
    to_partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="challenges"
    )
    to_body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="challenges"
    )
    answer_due = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenges",
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenges",
    )
    is_public = models.BooleanField(
        default=True, help_text="Shown, with its answers, on the public challenge log."
    )
    is_demo = models.BooleanField(default=False, help_text="Demonstration content.")

    class Meta:
        ordering = ["partnership", "-raised_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="challenge_has_one_addressee",
                condition=Q(to_partner__isnull=True, to_body__isnull=False)
                | Q(to_partner__isnull=False, to_body__isnull=True),
                violation_error_message="Address the challenge to a partner or to a body.",
            ),
        ]

    def __str__(self):
        return self.question[:80]

    @property
    def addressee(self):
        return self.to_partner.organisation if self.to_partner else self.to_body

    @property
    def is_waiting(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.ESCALATED)

    def is_overdue(self, today) -> bool:
        """Waiting for an answer after the day it was due."""
        return self.is_waiting and self.answer_due < today


class ChallengeStep(AuditedModel):
    """One dated, attributed step of a challenge: raised, answered, accepted, escalated."""

    class Kind(models.TextChoices):
        RAISED = "raised", "Raised"
        ANSWERED = "answered", "Answered"
        ACCEPTED = "accepted", "Answer accepted"
        ESCALATED = "escalated", "Escalated"

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    on = models.DateField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(max_length=200, help_text="Who took the step (staff see it).")
    acting_for = models.CharField(
        max_length=200,
        blank=True,
        help_text="The body or partner the step was taken for, as the public log shows it.",
    )
    text = models.TextField(blank=True)
    actions = models.ManyToManyField(
        "delivery.ImprovementAction", blank=True, related_name="challenge_steps"
    )
    _history_m2m_fields = ["actions"]

    class Meta:
        ordering = ["challenge", "on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.on}"
