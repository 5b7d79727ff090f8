"""Stories of Place: a story begun for a locality (its default sections), a section's
version, a resident's proposal and a community asset, each made through the stories
services; and ``resident()``, a resident's account for the tests that act as one."""

from __future__ import annotations

import factory

from placeplan.stories import services
from placeplan.stories.models import Asset, Proposal, Section, Story, Version
from tests.factories.accounts import UserFactory
from tests.factories.partnerships import LocalityFactory
from tests.factories.residents import ResidentFactory


def resident(*, verified: bool = True, **fields):
    """A resident's account (fictional), its email address confirmed unless ``verified``
    is False."""
    return ResidentFactory(verified=verified, council_area=None, **fields).user


def story(*, locality=None, **locality_fields):
    """A story begun with its default sections, for ``locality`` (or a new one)."""
    return services.story_start(locality=locality or LocalityFactory(**locality_fields))


def section_of(story, evidence):
    return story.sections.get(evidence=evidence)


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story

    locality = factory.SubFactory(LocalityFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.story_start(**kwargs)


class SectionFactory(factory.django.DjangoModelFactory):
    """A section of a new story (its "place and its people")."""

    class Meta:
        model = Section

    story = factory.SubFactory(StoryFactory)

    @classmethod
    def _create(cls, model_class, *args, story, **kwargs):
        return story.sections.order_by("position").first()


class VersionFactory(factory.django.DjangoModelFactory):
    """A version written directly by someone with a role."""

    class Meta:
        model = Version

    section = factory.SubFactory(SectionFactory)
    text = factory.Sequence(lambda n: f"Fictional text of the section, number {n}.")
    user = factory.SubFactory(UserFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.section_write(**kwargs)


class ProposalFactory(factory.django.DjangoModelFactory):
    """A verified resident's proposal, waiting for moderation."""

    class Meta:
        model = Proposal

    section = factory.SubFactory(SectionFactory)
    text = factory.Sequence(lambda n: f"A fictional resident's proposed text, number {n}.")
    user = factory.LazyFunction(resident)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.proposal_make(**kwargs)


class AssetFactory(factory.django.DjangoModelFactory):
    """A community asset suggested by a verified resident (waiting for moderation)."""

    class Meta:
        model = Asset

    story = factory.SubFactory(StoryFactory)
    user = factory.LazyFunction(resident)
    category = Asset.Category.BUILDING
    name = factory.Sequence(lambda n: f"Fictional Community Hall {n}")

    @classmethod
    def _create(cls, model_class, *args, story, **kwargs):
        return services.asset_propose(
            story=story, community=story.locality.communities.first(), **kwargs
        )
