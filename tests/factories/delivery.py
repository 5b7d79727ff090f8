"""Delivery: recommendations, improvement actions and their progress updates, made
through the delivery services. An action's body and partner default to its own
partnership's; pass ``today`` to fix the day its rules are checked on."""

import datetime

import factory

from placeplan.delivery import services
from placeplan.delivery.models import (
    ActionStatus,
    ImprovementAction,
    ProgressUpdate,
    Recommendation,
)
from tests.factories.partnerships import BodyFactory, PartnerFactory, PartnershipFactory


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    partnership = factory.SubFactory(PartnershipFactory)
    source_document = "Fictional Review of Community Planning (Fictional Audit Office, 2025)"
    reference = factory.Sequence(lambda n: f"R{n}")
    text = factory.Sequence(lambda n: f"Fictional recommendation {n}.")
    made_on = datetime.date(2025, 1, 1)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.recommendation_save(recommendation=model_class(*args, **kwargs))


class ImprovementActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImprovementAction

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Fictional improvement action {n}")
    improvement = "Something improves (fictional)."
    source = ImprovementAction.Source.OTHER
    responsible_body = factory.SubFactory(
        BodyFactory, partnership=factory.SelfAttribute("..partnership")
    )
    accountable_partner = factory.SubFactory(
        PartnerFactory, partnership=factory.SelfAttribute("..partnership")
    )
    due = datetime.date(2027, 3, 31)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        today = kwargs.pop("today", None)
        return services.action_save(action=model_class(*args, **kwargs), today=today)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    """An update, which sets its action's status (``progress_update_add``)."""

    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ImprovementActionFactory)
    on = datetime.date(2026, 6, 1)
    status = ActionStatus.ON_TRACK
    narrative = factory.Sequence(lambda n: f"Fictional progress {n}.")
    recorded_by = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs["user"] = kwargs.pop("recorded_by")
        return services.progress_update_add(**kwargs)
