"""Partnerships, their partners, bodies and people, made through the partnership services.

Every real council area already has its partnership (reference data), so a new
partnership gets a fictional council area of its own. Things that belong to a partnership
(a body, a person, a partner) default to the partnership of what they hang from, so
``BodyFactory(partnership=p)`` and ``MembershipFactory(body=b)`` stay in one partnership.
"""

import datetime

import factory

from placeplan.partnerships import services
from placeplan.partnerships.models import (
    STATUTORY_KINDS,
    Body,
    Locality,
    Membership,
    Organisation,
    OrganisationKind,
    Partner,
    Partnership,
    PartnershipRole,
    Person,
    RemitItem,
    Role,
)
from tests.factories.accounts import UserFactory
from tests.factories.base import CheckedFactory
from tests.factories.places import AreaFactory, IntermediateZoneFactory


class PartnershipFactory(CheckedFactory):
    class Meta:
        model = Partnership

    council_area = factory.SubFactory(AreaFactory)
    name = factory.Sequence(lambda n: f"Fictional Community Planning Partnership {n}")


class PartnershipRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipRole

    user = factory.SubFactory(UserFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    role = Role.SUPPORT_OFFICER

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.partnership_role_grant(**kwargs)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Fictional Organisation {n}")
    kind = OrganisationKind.COUNCIL
    is_national = False

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.organisation_ensure(**kwargs)


class PartnerFactory(factory.django.DjangoModelFactory):
    """A partner: statutory when its organisation's kind is in Schedule 1 (as the service
    decides), unless told."""

    class Meta:
        model = Partner

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    is_statutory = factory.LazyAttribute(lambda o: o.organisation.kind in STATUTORY_KINDS)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.partner_add(**kwargs)


class LocalityFactory(factory.django.DjangoModelFactory):
    """A locality covering ``communities`` (by default one new fictional community of the
    partnership's council area)."""

    class Meta:
        model = Locality

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Fictional Locality {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        communities = kwargs.pop("communities", None)
        locality = model_class(*args, **kwargs)
        if communities is None:
            communities = [IntermediateZoneFactory(council_area=locality.partnership.council_area)]
        return services.locality_save(locality=locality, communities=communities)


class BodyFactory(factory.django.DjangoModelFactory):
    """A body, saved by ``body_save`` (its reporting line checked); pass ``remit=[...]``
    for its numbered remit."""

    class Meta:
        model = Body

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Fictional Partnership Body {n}")
    kind = Body.Kind.BOARD
    level = Body.Level.STRATEGIC

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        remit = kwargs.pop("remit", None)
        return services.body_save(body=model_class(*args, **kwargs), remit=remit)


class RemitItemFactory(CheckedFactory):
    """The next numbered point of a body's remit."""

    class Meta:
        model = RemitItem

    body = factory.SubFactory(BodyFactory)
    number = factory.LazyAttribute(lambda o: o.body.remit.count() + 1)
    text = factory.Sequence(lambda n: f"Fictional remit point {n}.")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Fictional Person {n}")
    job_title = "Fictional Officer"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.person_save(person=model_class(*args, **kwargs))


class MembershipFactory(factory.django.DjangoModelFactory):
    """A seat on a body, given by ``membership_add`` (which refuses what breaks the body's
    rules); pass ``end`` (and ``end_reason``) to end it through ``membership_end``, and
    ``today`` for the day the rules are checked on."""

    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(
        PersonFactory, partnership=factory.SelfAttribute("..body.partnership")
    )
    role = Membership.MemberRole.MEMBER
    category = Membership.Category.OFFICER
    start = datetime.date(2025, 4, 1)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        end = kwargs.pop("end", None)
        reason = kwargs.pop("end_reason", "")
        membership = services.membership_add(**kwargs)
        if end is not None:
            membership = services.membership_end(membership=membership, end=end, reason=reason)
        return membership
