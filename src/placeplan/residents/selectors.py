"""Reading residents: who may contribute, and how a contribution's author is named."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from placeplan.residents.models import Resident

A_RESIDENT = "a resident"


def resident_of(user) -> Resident | None:
    """The person's resident profile, or None (staff, anonymous visitors)."""
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.resident
    except Resident.DoesNotExist:
        return None


def is_resident(user) -> bool:
    return resident_of(user) is not None


def email_verified(user) -> bool:
    """Whether the person has confirmed their email address (django-allauth's record)."""
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def may_contribute(user) -> bool:
    """A resident may propose, suggest and respond once their email address is verified and
    while their account is active."""
    return is_resident(user) and user.is_active and email_verified(user)


def attribution(user, *, named: bool = False) -> str:
    """Who wrote something, as a page shows it: "a resident" for a resident (or a deleted
    account), unless ``named`` (for moderators), when their display name; a staff member
    by name."""
    if user is None:
        return A_RESIDENT
    resident = resident_of(user)
    if resident is not None:
        return f"{resident.display_name} (resident)" if named else A_RESIDENT
    return user.full_name
