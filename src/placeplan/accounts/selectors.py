"""Reads about accounts: which roles a person holds, whether they must use two factors."""

from __future__ import annotations

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings

from placeplan.accounts.models import SecurityEvent

SITE_ADMIN = "site_admin"
NATIONAL_READER = "national_reader"


def user_role_codes(*, user) -> set[str]:
    """Every role a person holds: ``site_admin``, ``national_reader`` and the partnership
    roles (``support_officer``, …) in any partnership."""
    codes = set(user.partnership_roles.values_list("role", flat=True))
    if user.is_superuser:
        codes.add(SITE_ADMIN)
    if user.is_national_reader:
        codes.add(NATIONAL_READER)
    return codes


def mfa_required(*, user) -> bool:
    """Whether a person's roles (``MFA_REQUIRED_ROLES``) oblige them to use two factors."""
    required = set(settings.MFA_REQUIRED_ROLES)
    return bool(required) and bool(required & user_role_codes(user=user))


def mfa_setup_needed(*, user) -> bool:
    """Whether a person must set up two-factor authentication before going further."""
    return mfa_required(user=user) and not is_mfa_enabled(user)


def security_event_list():
    """The security event log, newest first."""
    return SecurityEvent.objects.select_related("user")
