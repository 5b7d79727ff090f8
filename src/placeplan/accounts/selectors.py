"""Reads about accounts: which roles a person holds, whether they must use two factors."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.db.models import Exists, F, OuterRef

from placeplan.accounts.models import SecurityEvent, User

SITE_ADMIN = "site_admin"
NATIONAL_READER = "national_reader"

# What ``request_user`` reads beside the person (annotations on the User it returns).
EMAIL_AS_READ = "email_as_read"
EMAIL_CONFIRMED = "email_confirmed_when_read"
MFA_ROLE_HELD = "mfa_partnership_role_held"


def request_user(*, pk) -> User | None:
    """The person a signed-in request is from (the sign-in backends' ``get_user``), read
    with what most requests go on to ask about them, in one query: their resident profile
    (when they are a resident), whether their email address is confirmed, and whether they
    hold a partnership role that needs two factors. ``email_confirmed`` and
    ``mfa_required`` use these answers when they are there and ask the database about a
    user read some other way."""
    roles = User._meta.get_field("partnership_roles").related_model.objects
    required = sorted(settings.MFA_REQUIRED_ROLES)
    return (
        User.objects.select_related("resident")
        .annotate(
            **{
                EMAIL_AS_READ: F("email"),
                EMAIL_CONFIRMED: Exists(
                    _confirmed_addresses(user=OuterRef("pk"), email=OuterRef("email"))
                ),
                MFA_ROLE_HELD: Exists(roles.filter(user=OuterRef("pk"), role__in=required)),
            }
        )
        .filter(pk=pk)
        .first()
    )


def _confirmed_addresses(*, user, email):
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True)


def email_confirmed(user) -> bool:
    """Whether the person has confirmed their email address (django-allauth's record)."""
    if getattr(user, EMAIL_AS_READ, None) == user.email:  # read with the user, unchanged
        return getattr(user, EMAIL_CONFIRMED)
    return _confirmed_addresses(user=user, email=user.email).exists()


def _account_role_codes(user) -> set[str]:
    """The roles that come with the account itself, not with a partnership."""
    codes = set()
    if user.is_superuser:
        codes.add(SITE_ADMIN)
    if user.is_national_reader:
        codes.add(NATIONAL_READER)
    return codes


def user_role_codes(*, user) -> set[str]:
    """Every role a person holds: ``site_admin``, ``national_reader`` and the partnership
    roles (``support_officer``, …) in any partnership."""
    return set(user.partnership_roles.values_list("role", flat=True)) | _account_role_codes(user)


def mfa_required(*, user) -> bool:
    """Whether a person's roles (``MFA_REQUIRED_ROLES``) oblige them to use two factors."""
    required = set(settings.MFA_REQUIRED_ROLES)
    if not required:
        return False
    if required & _account_role_codes(user):
        return True
    held = getattr(user, MFA_ROLE_HELD, None)
    if held is not None:  # read with the user (``request_user``)
        return held
    return bool(required & user_role_codes(user=user))


def mfa_setup_needed(*, user) -> bool:
    """Whether a person must set up two-factor authentication before going further."""
    return mfa_required(user=user) and not is_mfa_enabled(user)


def security_event_list():
    """The security event log, newest first."""
    return SecurityEvent.objects.select_related("user")
