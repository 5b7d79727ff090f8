"""Residents: people who register to take part (propose edits to a Story of Place, suggest
community assets, answer consultations). A resident holds no role in any partnership, so
the workspace is closed to them; what they write is untrusted (``core.untrusted``)."""

from django.conf import settings
from django.db import models

from placeplan.places.models import Area


class Resident(models.Model):
    """A resident's profile, beside their account (``accounts.User``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resident"
    )
    display_name = models.CharField(
        max_length=60,
        help_text="Shown to the people who moderate what you propose; the public sees "
        "“a resident”.",
    )
    council_area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"level": Area.Level.COUNCIL_AREA},
    )
    community = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="For context only: an intermediate zone of the council area.",
    )
    privacy_accepted_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    # The version an edit form carries (core.versions): a save over a newer one is refused.
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name
