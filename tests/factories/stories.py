"""Stories of Place: a story begun for a locality, residents with a verified address, and
their proposals."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from placeplan.residents.services import resident_create
from placeplan.stories import services
from tests.factories.accounts import UserFactory
from tests.factories.partnerships import LocalityFactory


def resident(*, verified: bool = True, council_area=None, **fields):
    """A resident (fictional), their email address verified unless ``verified`` is False."""
    user = UserFactory(**fields)
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    resident_create(
        user=user, display_name=f"{user.full_name} (resident)", council_area=council_area
    )
    return user


def story(*, locality=None, **locality_fields):
    """A story begun with its default sections, for ``locality`` (or a new one)."""
    return services.story_start(locality=locality or LocalityFactory(**locality_fields))


def section_of(story, evidence):
    return story.sections.get(evidence=evidence)
