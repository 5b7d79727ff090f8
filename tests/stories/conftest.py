"""Stories of Place tests: a fictional locality of Perth and Kinross made of two real
communities (so its evidence panels have real data), its story, a moderator (the
partnership's support officer), the chair of its local partnership and residents."""

import datetime

import pytest

from placeplan.partnerships.models import Body, Membership, Partnership
from placeplan.places.models import Area
from tests.factories import stories as story_factories
from tests.factories.accounts import user_with_role
from tests.factories.partnerships import (
    BodyFactory,
    LocalityFactory,
    MembershipFactory,
    PersonFactory,
)

PERTH = "S12000048"
# Two real intermediate zones of Perth and Kinross (data_zones_2011.csv).
COMMUNITIES = ("Letham", "Muirton")


@pytest.fixture
def perth():
    return Partnership.objects.get(council_area__code=PERTH)


@pytest.fixture
def locality(perth):
    communities = list(
        Area.objects.filter(
            level=Area.Level.INTERMEDIATE_ZONE, council_area__code=PERTH, name__in=COMMUNITIES
        )
    )
    assert len(communities) == 2
    return LocalityFactory(partnership=perth, communities=communities)


@pytest.fixture
def story(locality):
    return story_factories.story(locality=locality)


@pytest.fixture
def moderator(perth):
    return user_with_role("support_officer", council_code=PERTH)


@pytest.fixture
def local_body(perth, locality):
    board = Body.objects.filter(partnership=perth, locality__isnull=True).first()
    return BodyFactory(
        partnership=perth,
        kind=Body.Kind.LOCAL,
        level=Body.Level.LOCAL,
        locality=locality,
        reports_to=board,
    )


@pytest.fixture
def local_chair(perth, local_body):
    """A community member of the partnership who chairs the locality's local partnership."""
    user = user_with_role("community_member", council_code=PERTH)
    person = PersonFactory(partnership=perth, user=user)
    MembershipFactory(
        body=local_body,
        person=person,
        role=Membership.MemberRole.CHAIR,
        category=Membership.Category.COMMUNITY,
        start=datetime.date(2025, 4, 1),
    )
    return user


@pytest.fixture
def resident():
    return story_factories.resident()


@pytest.fixture
def unverified_resident():
    return story_factories.resident(verified=False)
