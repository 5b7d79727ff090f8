"""Pre-moderation of what residents put forward (an edit to a Story of Place, a community
asset, a participatory budgeting proposal): held as pending until a moderator approves or
rejects it, with a reason the proposer sees; never public before."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import timezone

from placeplan.core.models import AuditedModel


class Moderation(models.TextChoices):
    PENDING = "pending", "Awaiting moderation"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


MODERATION_TAGS = {
    Moderation.PENDING: "ds_tag--orange",
    Moderation.APPROVED: "ds_tag--green",
    Moderation.REJECTED: "ds_tag--red",
    Moderation.WITHDRAWN: "ds_tag--grey",
}


class Moderated(AuditedModel):
    """What a resident puts forward, held until a moderator decides: never public before."""

    # None once the account is deleted, or when staff entered it for a group.
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=Moderation.choices, default=Moderation.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why it was rejected: the proposer sees this.")

    class Meta:
        abstract = True

    @property
    def is_pending(self) -> bool:
        return self.status == Moderation.PENDING

    @property
    def status_tag(self) -> str:
        return MODERATION_TAGS[self.status]


def pending_locked(model, pk):
    """The item, locked for the decision; refused when it has been decided already."""
    item = model.objects.select_for_update().get(pk=pk)
    if item.status != Moderation.PENDING:
        raise ValidationError(
            f"This has been {item.get_status_display().lower()} already: nothing was changed."
        )
    return item


def decide(item, moderator, status, reason=""):
    item.status = status
    item.decided_by = moderator
    item.decided_at = timezone.now()
    item.reason = reason
    item.save(update_fields=["status", "decided_by", "decided_at", "reason", "updated_at"])


def tell_proposer(item, *, subject: str, lines: list[str]) -> None:
    """Email the proposer the decision once it is saved (nobody, if their account is gone)."""
    proposer = item.proposer
    if proposer is None or not proposer.is_active:
        return
    message = "\n".join(["Hello,", "", *lines, "", "Thank you for taking part.", "Placeplan"])
    transaction.on_commit(
        lambda: send_mail(
            subject=subject,
            message=message,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[proposer.email],
        )
    )
