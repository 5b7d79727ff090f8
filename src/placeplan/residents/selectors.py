"""Reading residents: who may contribute, how a contribution's author is named, and what
Placeplan holds about a resident (their download)."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from placeplan.accounts.models import SecurityEvent
from placeplan.accounts.selectors import email_confirmed
from placeplan.residents import registry
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
    return email_confirmed(user)


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


def _area(area) -> dict | None:
    return {"code": area.code, "name": area.name} if area is not None else None


def _when(value) -> str | None:
    return value.isoformat() if value is not None else None


def personal_data(user) -> dict:
    """Everything Placeplan holds about a resident, for their download: their account, their
    profile, their sign-in records and what every capability holds of theirs
    (``residents.registry``)."""
    resident = resident_of(user)
    addresses = EmailAddress.objects.filter(user=user).order_by("email")
    events = SecurityEvent.objects.filter(user=user).order_by("at", "pk")
    return {
        "account": {
            "email": user.email,
            "email_verified": email_verified(user),
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary} for a in addresses
            ],
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "profile": None
        if resident is None
        else {
            "display_name": resident.display_name,
            "council_area": _area(resident.council_area),
            "community": _area(resident.community),
            "privacy_notice_accepted_at": _when(resident.privacy_accepted_at),
            "created_at": _when(resident.created_at),
            "updated_at": _when(resident.updated_at),
        },
        "security_events": [
            {
                "at": _when(event.at),
                "kind": event.kind,
                "description": event.get_kind_display(),
                "address": event.address,
                "path": event.path,
            }
            for event in events
        ],
        "contributions": {source.name: source.items(user) for source in registry.sources},
    }
