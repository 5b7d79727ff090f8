"""Engagement: activities, what people said (themes), residents' responses and Place
Standard results, made through the engagement services. An activity belongs to a
fictional partnership unless told; a theme, response or exercise to a fictional activity."""

import datetime

import factory
from django.utils import timezone

from placeplan.engagement import services
from placeplan.engagement.models import (
    PLACE_STANDARD_THEMES,
    Activity,
    ConsultationResponse,
    PlaceStandardExercise,
    PlaceStandardRating,
    PlaceStandardScore,
    Theme,
)
from tests.factories.accounts import UserFactory
from tests.factories.partnerships import LocalityFactory, PartnershipFactory
from tests.factories.residents import ResidentFactory


def verified_resident(**fields):
    """A resident whose email address is verified (may contribute)."""
    return ResidentFactory(verified=True, council_area=None, user=UserFactory(**fields)).user


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Fictional consultation {n}")
    kind = Activity.Kind.CONSULTATION
    purpose = "To hear what fictional residents think."
    who_asked = "Everyone living in a fictional town."
    method = "An online questionnaire and two drop-in sessions (fictional)."
    starts_on = datetime.date(2026, 1, 5)
    ends_on = datetime.date(2026, 2, 27)
    participants = 120
    status = Activity.Status.PUBLISHED

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.activity_save(activity=model_class(*args, **kwargs))


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    activity = factory.SubFactory(ActivityFactory)
    title = factory.Sequence(lambda n: f"Fictional theme {n}")
    said = "People said something fictional about it."
    raised_by = 12

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.theme_save(theme=model_class(*args, **kwargs))


class ConsultationResponseFactory(factory.django.DjangoModelFactory):
    """A response to an activity open today (made open if the factory makes it)."""

    class Meta:
        model = ConsultationResponse

    activity = factory.SubFactory(
        ActivityFactory,
        takes_responses=True,
        starts_on=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7)),
        ends_on=factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=21)),
    )
    user = factory.LazyFunction(verified_resident)
    text = "A fictional resident's response."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs.pop("submitted_at", None)
        return services.response_add(**kwargs)


def _place_standard_activity(partnership):
    return ActivityFactory(
        partnership=partnership,
        kind=Activity.Kind.PLACE_STANDARD,
        title="Fictional Place Standard exercise",
    )


class PlaceStandardExerciseFactory(factory.django.DjangoModelFactory):
    """An exercise for a fictional locality, with a summary score of 4 (20 respondents)
    for every theme unless ``scores`` is given (theme → (score, respondents))."""

    class Meta:
        model = PlaceStandardExercise

    locality = factory.SubFactory(LocalityFactory)
    activity = factory.LazyAttribute(lambda o: _place_standard_activity(o.locality.partnership))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        scores = kwargs.pop("scores", None) or {key: (4, 20) for key, _ in PLACE_STANDARD_THEMES}
        return services.place_standard_summary_save(scores=scores, **kwargs)


class PlaceStandardScoreFactory(factory.django.DjangoModelFactory):
    """One theme's summary score (of an exercise made with every theme's)."""

    class Meta:
        model = PlaceStandardScore

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return PlaceStandardExerciseFactory().scores.get(theme="feeling_safe")


class PlaceStandardRatingFactory(factory.django.DjangoModelFactory):
    """One respondent's score (of an exercise recorded respondent by respondent)."""

    class Meta:
        model = PlaceStandardRating

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        locality = LocalityFactory()
        exercise = services.place_standard_ratings_save(
            activity=_place_standard_activity(locality.partnership),
            locality=locality,
            respondents=[{key: 5 for key, _ in PLACE_STANDARD_THEMES}],
        )
        return exercise.ratings.get(theme="feeling_safe")
