"""Writes to residents' profiles and accounts: signing up, changing the profile, deleting
the account, and removing accounts never confirmed."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from placeplan.places.models import Area
from placeplan.residents.models import Resident


@transaction.atomic
def resident_create(
    *,
    user,
    display_name: str,
    council_area: Area | None = None,
    community: Area | None = None,
) -> Resident:
    """Make ``user`` a resident. Their community, if given, must be an intermediate zone of
    their council area."""
    problems = {}
    if not display_name.strip():
        problems["display_name"] = "Enter the name to show with what you propose."
    if community is not None and (
        community.level != Area.Level.INTERMEDIATE_ZONE
        or council_area is None
        or community.council_area_id != council_area.pk
    ):
        problems["community"] = "Choose a community of the council area you chose."
    if problems:
        raise ValidationError(problems)
    return Resident.objects.create(
        user=user,
        display_name=display_name.strip(),
        council_area=council_area,
        community=community,
        privacy_accepted_at=timezone.now(),
    )


@transaction.atomic
def resident_sign_up(*, user, display_name: str, council_area: Area | None = None) -> Resident:
    """A new account made a resident at sign-up: the account's name is the display name
    (what the people who moderate see), and the resident has read the privacy notice."""
    resident = resident_create(user=user, display_name=display_name, council_area=council_area)
    user.full_name = resident.display_name
    user.save(update_fields=["full_name"])
    return resident


@transaction.atomic
def resident_update(
    *,
    resident: Resident,
    display_name: str,
    council_area: Area | None,
    community: Area | None,
) -> Resident:
    """Change a resident's display name, council area and community (an intermediate zone
    of the council area, or none)."""
    problems = {}
    if not display_name.strip():
        problems["display_name"] = "Enter the name to show with what you propose."
    if council_area is not None and council_area.level != Area.Level.COUNCIL_AREA:
        problems["council_area"] = "Choose a council area."
    if community is not None and (
        community.level != Area.Level.INTERMEDIATE_ZONE
        or council_area is None
        or community.council_area_id != council_area.pk
    ):
        problems["community"] = "Choose a community of the council area you chose."
    if problems:
        raise ValidationError(problems)
    resident.display_name = display_name.strip()
    resident.council_area = council_area
    resident.community = community
    resident.save()
    user = resident.user
    user.full_name = resident.display_name
    user.save(update_fields=["full_name"])
    return resident


@transaction.atomic
def resident_account_delete(*, user) -> None:
    """Delete a resident's account and profile. What they wrote stays, attributed to "a
    resident" (other apps' links to the account are set to null); the account's own
    change history (which holds their email address) goes with it. Staff accounts are
    never deleted here."""
    if not Resident.objects.filter(user=user).exists():
        raise ValidationError("Only a resident's account can be deleted here.")
    pk = user.pk
    user_model = user._meta.model  # not type(user): request.user is a lazy wrapper
    user.delete()
    history = getattr(user_model, "history", None)
    if history is not None:
        history.model.objects.filter(id=pk).delete()


UNVERIFIED_DAYS = 30


def unverified_residents_prune(*, now=None, days: int = UNVERIFIED_DAYS) -> int:
    """Delete residents' accounts whose email address was never confirmed within ``days``
    of signing up; how many."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    stale = Resident.objects.filter(user__date_joined__lt=cutoff).exclude(user_id__in=verified)
    count = 0
    for resident in stale.select_related("user"):
        resident_account_delete(user=resident.user)
        count += 1
    return count
