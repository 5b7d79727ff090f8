"""Community Planning Partnerships and the people who work in them."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from placeplan.core.models import AuditedModel
from placeplan.places.models import Area


class Partnership(AuditedModel):
    """The Community Planning Partnership of one council area."""

    council_area = models.OneToOneField(Area, on_delete=models.PROTECT, related_name="partnership")
    name = models.CharField(max_length=160, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("public:area", args=[self.council_area.code])


class Role(models.TextChoices):
    """What a person does in a partnership's workspace."""

    SUPPORT_OFFICER = "support_officer", "Support officer"
    PARTNER_OFFICER = "partner_officer", "Partner officer"
    BOARD_MEMBER = "board_member", "Board member"
    COMMUNITY_MEMBER = "community_member", "Community member"


class PartnershipRole(AuditedModel):
    """A person's role in one partnership. A person may hold roles in several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partnership_roles"
    )
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["partnership", "role", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "partnership", "role"], name="one_role_grant_per_partnership"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}, {self.partnership}"
