"""Stories of Place: one per locality, in sections, each with a narrative kept in versions
and evidence drawn live from the data; residents propose edits and community assets, held
for pre-moderation until a moderator approves or rejects them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from placeplan.core.models import AuditedModel
from placeplan.partnerships.models import Locality
from placeplan.places.models import Area
from placeplan.residents.moderation import MODERATION_TAGS, Moderated, Moderation  # noqa: F401


class Story(AuditedModel):
    """A locality's Story of Place: the evidence and intelligence base of its Plan for
    Place (its locality plan)."""

    locality = models.OneToOneField(Locality, on_delete=models.CASCADE, related_name="story")
    is_demo = models.BooleanField(default=False, help_text="Demonstration content.")

    class Meta:
        verbose_name_plural = "stories"

    def __str__(self):
        return f"Story of Place: {self.locality.name}"

    @property
    def partnership(self):
        return self.locality.partnership


class Evidence(models.TextChoices):
    """What a section's evidence panel shows, drawn from the data (``stories.evidence``)."""

    PLACE = "place", "The place and its people"
    HEALTH = "health", "Health and wellbeing"
    WORK = "work", "Work and money"
    LEARNING = "learning", "Learning"
    SAFETY = "safety", "Safety"
    HOUSING = "housing", "Housing and environment"
    ASSETS = "assets", "Community assets"
    VOICES = "voices", "What people say"


class Section(AuditedModel):
    """A part of a story: its heading (the partnership may rename it), its place in the
    story (and reorder it), its evidence and its current approved text."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="sections")
    evidence = models.CharField(max_length=20, choices=Evidence.choices)
    heading = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField()
    current = models.ForeignKey(
        "Version", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["story", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["story", "evidence"], name="section_evidence_once")
        ]

    def __str__(self):
        return self.heading

    @property
    def text(self) -> str:
        return self.current.text if self.current else ""


class Version(AuditedModel):
    """One approved text of a section, kept for ever: who wrote it (a resident's shows as
    "a resident"), who moderated it, and the proposal or earlier version it came from."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_resident = models.BooleanField(default=False)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    proposal = models.OneToOneField(
        "Proposal", on_delete=models.SET_NULL, null=True, blank=True, related_name="version"
    )
    restored_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["section", "number"]
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="version_number_unique")
        ]

    def __str__(self):
        return f"{self.section} v{self.number}"


class Proposal(Moderated):
    """A resident's proposed text for a section, written against the version then current."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="proposals")
    base = models.ForeignKey(
        Version, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField("Your text for this section")
    note = models.CharField("Why you propose it (optional)", max_length=500, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                name="proposal_rejection_has_reason",
                condition=~Q(status="rejected") | ~Q(reason=""),
            )
        ]

    def __str__(self):
        return f"Proposal for “{self.section}”"

    @property
    def is_stale(self) -> bool:
        """Written against an older version than the section's current one."""
        return self.base_id != self.section.current_id


class Asset(Moderated):
    """A community asset (a hall, a park, a group, a service), listed on the story once
    approved and counted per community."""

    class Category(models.TextChoices):
        BUILDING = "building", "Building or hall"
        GREEN_SPACE = "green_space", "Park or green space"
        GROUP = "group", "Group or organisation"
        SERVICE = "service", "Service"
        OTHER = "other", "Something else"

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="assets")
    community = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=20, choices=Category.choices)
    name = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    is_demo = models.BooleanField(default=False, help_text="Demonstration content.")

    class Meta:
        ordering = ["community__name", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                name="asset_rejection_has_reason",
                condition=~Q(status="rejected") | ~Q(reason=""),
            )
        ]

    def __str__(self):
        return self.name
