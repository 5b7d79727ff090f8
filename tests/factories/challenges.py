"""Challenges: raised, answered and accepted through the challenge services.

The challenge log's models and services (the challenges app, until recently part of
meetings) are imported here, and only here, so a move changes these two lines."""

import datetime

import factory

from placeplan.challenges import services
from placeplan.challenges.models import Challenge, ChallengeStep
from tests.factories.partnerships import BodyFactory, PartnerFactory, PartnershipFactory


class ChallengeFactory(factory.django.DjangoModelFactory):
    """A challenge a body raises to a partner (``challenge_raise`` records its first step);
    pass ``to_partner=None, to_body=...`` to address a body, ``user`` for who raised it."""

    class Meta:
        model = Challenge

    partnership = factory.SubFactory(PartnershipFactory)
    question = factory.Sequence(lambda n: f"Why is fictional indicator {n} off track?")
    raised_by_body = factory.SubFactory(
        BodyFactory, partnership=factory.SelfAttribute("..partnership")
    )
    to_partner = factory.SubFactory(
        PartnerFactory, partnership=factory.SelfAttribute("..partnership")
    )
    to_body = None
    raised_on = datetime.date(2026, 9, 1)
    answer_due = datetime.date(2026, 10, 1)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        user = kwargs.pop("user", None)
        return services.challenge_raise(challenge=model_class(*args, **kwargs), user=user)


class ChallengeStepFactory(factory.django.DjangoModelFactory):
    """A step after the raising: the answer (the default) or, after answering it first,
    the acceptance. Raising is ``ChallengeFactory``'s own first step."""

    class Meta:
        model = ChallengeStep

    challenge = factory.SubFactory(ChallengeFactory)
    kind = ChallengeStep.Kind.ANSWERED
    on = datetime.date(2026, 9, 20)
    by = None
    text = factory.Sequence(lambda n: f"Fictional answer {n}.")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        challenge, kind, on = kwargs["challenge"], kwargs["kind"], kwargs["on"]
        user, text = kwargs["by"], kwargs["text"]
        if kind == ChallengeStep.Kind.ANSWERED:
            services.challenge_answer(challenge=challenge, text=text, on=on, today=on, user=user)
        elif kind == ChallengeStep.Kind.ACCEPTED:
            if challenge.is_waiting:
                services.challenge_answer(
                    challenge=challenge, text="Fictional answer.", on=on, today=on, user=user
                )
            services.challenge_accept(challenge=challenge, on=on, today=on, user=user, text=text)
        else:
            raise ValueError(f"Make a {kind} step through the challenge services.")
        return challenge.steps.order_by("-on", "-pk").first()
