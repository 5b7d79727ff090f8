"""Accounts: people with a password they can sign in with, in any role, and the security
log."""

import factory

from placeplan.accounts.models import SecurityEvent, SecurityEventKind, User
from placeplan.accounts.services import security_event_record
from placeplan.partnerships.models import Partnership
from placeplan.partnerships.services import partnership_role_grant

PASSWORD = "a-long-enough-test-password"
HIGHLAND = "S12000017"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Fictional User {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()


def user_with_role(role: str, *, council_code: str = HIGHLAND, **fields) -> User:
    """A person holding ``role``: ``site_admin``, ``national_reader`` or a partnership role
    in the partnership of ``council_code``."""
    if role == "site_admin":
        return UserFactory(is_superuser=True, is_staff=True, **fields)
    if role == "national_reader":
        return UserFactory(is_national_reader=True, **fields)
    user = UserFactory(**fields)
    partnership = Partnership.objects.get(council_area__code=council_code)
    partnership_role_grant(user=user, partnership=partnership, role=role)
    return user


class SecurityEventFactory(factory.django.DjangoModelFactory):
    """An event as ``security_event_record`` writes it (the only writer of the log)."""

    class Meta:
        model = SecurityEvent

    kind = SecurityEventKind.SIGNED_IN
    user = factory.SubFactory(UserFactory)
    detail = "A fictional test event."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return security_event_record(**kwargs)
