"""Plans, made through the plan services: a draft plan of a fictional partnership, its
long-term and intermediate outcomes (numbered by the service), indicators with a
baseline, targets on the improving side of it, and complete commitments.

Plans are drafts: to agree or publish one, call ``plan_agree`` and ``plan_publish``,
the behaviour under test."""

import datetime

import factory

from placeplan.plans import services
from placeplan.plans.models import (
    Commitment,
    NationalOutcome,
    Outcome,
    OutcomeIndicator,
    Plan,
    PolicyPriority,
    Target,
)
from tests.factories.base import CheckedFactory
from tests.factories.partnerships import BodyFactory, PartnerFactory, PartnershipFactory
from tests.factories.performance import MeasureFactory


class NationalOutcomeFactory(CheckedFactory):
    class Meta:
        model = NationalOutcome

    code = factory.Sequence(lambda n: f"fictional-national-outcome-{n}")
    name = factory.Sequence(lambda n: f"Fictional National Outcome {n}")
    statement = "We live in a fictional country."
    order = factory.Sequence(lambda n: 100 + n)


class PolicyPriorityFactory(CheckedFactory):
    class Meta:
        model = PolicyPriority

    code = factory.Sequence(lambda n: f"fictional-policy-priority-{n}")
    name = factory.Sequence(lambda n: f"Fictional Policy Priority {n}")
    order = factory.Sequence(lambda n: 100 + n)


class PlanFactory(factory.django.DjangoModelFactory):
    """A draft Local Outcomes Improvement Plan, owned by a body of its partnership."""

    class Meta:
        model = Plan

    partnership = factory.SubFactory(PartnershipFactory)
    owning_body = factory.SubFactory(
        BodyFactory, partnership=factory.SelfAttribute("..partnership")
    )
    kind = Plan.Kind.LOIP
    title = factory.Sequence(lambda n: f"Fictional Outcomes Plan {n}")
    period_start = datetime.date(2026, 4, 1)
    period_end = datetime.date(2036, 3, 31)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.plan_save(plan=model_class(*args, **kwargs))


class OutcomeFactory(factory.django.DjangoModelFactory):
    """A long-term outcome; ``national_outcomes``, ``policy_priorities`` and ``supports``
    may be given as lists."""

    class Meta:
        model = Outcome

    plan = factory.SubFactory(PlanFactory)
    statement = factory.Sequence(lambda n: f"Fictional long-term outcome {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        links = {
            name: kwargs.pop(name, None)
            for name in ("national_outcomes", "policy_priorities", "supports")
        }
        return services.outcome_save(outcome=model_class(*args, **kwargs), **links)


class IntermediateOutcomeFactory(OutcomeFactory):
    """An intermediate outcome, under a long-term outcome of the same plan."""

    parent = factory.SubFactory(OutcomeFactory)
    plan = factory.SelfAttribute("parent.plan")
    statement = factory.Sequence(lambda n: f"Fictional intermediate outcome {n}")


class OutcomeIndicatorFactory(factory.django.DjangoModelFactory):
    """An outcome's use of a (fictional, lower-is-better) measure for the partnership's
    council area, with a baseline of 20 in 2021/22 unless ``baseline_value=None``."""

    class Meta:
        model = OutcomeIndicator

    outcome = factory.SubFactory(IntermediateOutcomeFactory)
    measure = factory.SubFactory(MeasureFactory)
    area = factory.SelfAttribute("outcome.plan.partnership.council_area")
    baseline_value = 20.0
    baseline_period = "2021/22"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        value = kwargs.pop("baseline_value")
        period = kwargs.pop("baseline_period")
        indicator = services.indicator_add(**kwargs)
        if value is not None:
            indicator = services.indicator_baseline_set(
                indicator=indicator, value=value, period=period
            )
        return indicator


class TargetFactory(factory.django.DjangoModelFactory):
    """A target below the default baseline (the default measure is lower-is-better)."""

    class Meta:
        model = Target

    indicator = factory.SubFactory(OutcomeIndicatorFactory)
    value = 15.0
    due = factory.Sequence(lambda n: datetime.date(2030 + n % 6, 3, 31))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.target_add(**kwargs)


class CommitmentFactory(factory.django.DjangoModelFactory):
    """A complete commitment (an accountable partner and a date) under an intermediate
    outcome; ``contributing_partners`` may be given as a list."""

    class Meta:
        model = Commitment

    outcome = factory.SubFactory(IntermediateOutcomeFactory)
    what = factory.Sequence(lambda n: f"Fictional commitment {n}")
    lead_partner = factory.SubFactory(
        PartnerFactory, partnership=factory.SelfAttribute("..outcome.plan.partnership")
    )
    due = datetime.date(2028, 3, 31)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        contributing = kwargs.pop("contributing_partners", None)
        return services.commitment_save(
            commitment=model_class(*args, **kwargs), contributing_partners=contributing
        )
