"""Meetings of a partnership's bodies: agenda, numbered papers, attendance, decisions
(with those partners must take through their own governance) and minutes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from placeplan.core.models import AuditedModel
from placeplan.partnerships.models import Body, Partner, Person


class Meeting(AuditedModel):
    """One meeting of a body."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    class MinutesStatus(models.TextChoices):
        NONE = "none", "Not yet drafted"
        DRAFT = "draft", "Draft"
        APPROVED = "approved", "Approved"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=200, help_text="Where it meets, or “Online”.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    minutes = models.TextField(
        blank=True, help_text="The public part: published once the minutes are approved."
    )
    minutes_confidential = models.TextField(
        blank=True,
        help_text="The confidential part: confidential items and their decisions, for the "
        "body's members only, even once approved.",
    )
    minutes_status = models.CharField(
        max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.NONE
    )
    minutes_approved_at = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="minutes_approved",
        help_text="The meeting that approved these minutes.",
    )
    is_demo = models.BooleanField(default=False, help_text="Demonstration content.")

    class Meta:
        ordering = ["body", "-starts_at"]
        constraints = [
            models.CheckConstraint(
                name="approved_minutes_name_their_meeting",
                condition=~Q(minutes_status="approved") | Q(minutes_approved_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.body} · {self.starts_at:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("public:meeting", args=[self.body.partnership.council_area.code, self.pk])

    @property
    def minutes_frozen(self) -> bool:
        return self.minutes_status == self.MinutesStatus.APPROVED


STANDARD_ITEMS = (
    "Apologies",
    "Declarations of interest",
    "Minutes of the last meeting",
    "Matters arising",
)


class AgendaItem(AuditedModel):
    """An item of business, in order; confidential items are withheld from the public."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    is_standard = models.BooleanField(default=False)
    is_confidential = models.BooleanField(
        default=False, help_text="Withheld from the public pages and the open data API."
    )

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_number_unique")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class PaperCounter(models.Model):
    """The last paper number used by a body in a year: numbers only go up, so a number is
    never used twice, even for a paper that was later withdrawn."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="one_paper_counter_per_year")
        ]

    def __str__(self):
        return f"{self.body}: {self.last} papers in {self.year}"


class Paper(AuditedModel):
    """A paper for a meeting, numbered in its body's series (e.g. ``COG/1/13``)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="papers")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="papers"
    )
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="papers")
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    number = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    author = models.CharField(max_length=200, help_text="Who wrote it, and their role.")
    purpose = models.TextField()
    recommendations = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_on = models.DateField(null=True, blank=True)
    is_confidential = models.BooleanField(
        default=False, help_text="Withheld from the public pages and the open data API."
    )
    attachment = models.FileField(upload_to="papers/%Y/", blank=True)
    attachment_name = models.CharField(max_length=200, blank=True)
    attachment_type = models.CharField(max_length=10, blank=True)
    report = models.JSONField(
        null=True,
        blank=True,
        help_text="A report Placeplan generated (an exception report), frozen as issued.",
    )

    class Meta:
        ordering = ["meeting", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "sequence"], name="paper_number_unique"
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    @property
    def is_public(self) -> bool:
        item_hidden = self.agenda_item is not None and self.agenda_item.is_confidential
        return self.status == self.Status.PUBLISHED and not self.is_confidential and not item_hidden


class Attendance(AuditedModel):
    """Whether a person was at a meeting."""

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"
        IN_ATTENDANCE = "in_attendance", "In attendance"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendance")
    partner = models.ForeignKey(
        Partner,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendance",
        help_text="The partner the person represents, if any.",
    )
    status = models.CharField(max_length=14, choices=Status.choices)

    class Meta:
        ordering = ["meeting", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_person")
        ]

    def __str__(self):
        return f"{self.person}: {self.get_status_display()}"


class Decision(AuditedModel):
    """What a meeting decided, under which item, and any action it created."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="decisions")
    text = models.TextField("Decision")
    action = models.ForeignKey(
        "delivery.ImprovementAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )

    class Meta:
        ordering = ["meeting", "agenda_item__number", "pk"]

    def __str__(self):
        return self.text[:80]


class PartnerDecision(AuditedModel):
    """A decision a partner must take through its own governance, tracked until the
    partner records where and when it did."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="partners")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="decisions_due")
    taken_where = models.CharField(
        max_length=200, blank=True, help_text="The partner's body that took it."
    )
    taken_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["decision", "partner"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "partner"], name="one_partner_decision_per_partner"
            ),
            models.CheckConstraint(
                name="taken_decision_says_where",
                condition=Q(taken_on__isnull=True) | ~Q(taken_where=""),
            ),
        ]

    def __str__(self):
        return f"{self.partner}: {self.decision}"

    @property
    def is_pending(self) -> bool:
        return self.taken_on is None
