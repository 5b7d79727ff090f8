"""Residents: a resident's account and profile, made through the service sign-up uses, with
their email address on record (unconfirmed unless ``verified=True``)."""

import factory
from allauth.account.models import EmailAddress

from placeplan.residents.models import Resident
from placeplan.residents.services import resident_create
from tests.factories.accounts import UserFactory
from tests.factories.places import AreaFactory


class ResidentFactory(factory.django.DjangoModelFactory):
    """``ResidentFactory(verified=True)`` for one who may contribute."""

    class Meta:
        model = Resident

    verified = False  # not a field: whether the email address is confirmed
    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Fictional Resident {n}")
    council_area = factory.SubFactory(AreaFactory)
    community = None

    @classmethod
    def _create(cls, model_class, *args, verified=False, **kwargs):
        resident = resident_create(**kwargs)
        user = resident.user
        user.full_name = resident.display_name
        user.save(update_fields=["full_name"])
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
        return resident
