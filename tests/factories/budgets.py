"""Participatory budgeting: processes, projects, voting codes, ballots and results, made
through the budgets services where there is one. A process belongs to a fictional
partnership unless told, with dates round 2026: proposals in January, review in
February, voting in March; ``VOTING_DAY`` is inside the vote and ``AFTER_VOTING`` after."""

import datetime

import factory
from django.utils import timezone

from placeplan.budgets import services
from placeplan.budgets.models import Ballot, Feasibility, Process, Project, Result, VotingCode
from placeplan.residents.moderation import Moderation
from tests.factories.partnerships import PartnershipFactory

PROPOSALS_DAY = datetime.date(2026, 1, 15)
REVIEW_DAY = datetime.date(2026, 2, 15)
VOTING_DAY = datetime.date(2026, 3, 10)
AFTER_VOTING = datetime.date(2026, 4, 2)


class ProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Process

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Fictional Community Choices {n}")
    purpose = "To share a fictional fund between fictional community projects."
    budget = 100
    proposals_open = datetime.date(2026, 1, 5)
    proposals_close = datetime.date(2026, 1, 31)
    voting_open = datetime.date(2026, 3, 1)
    voting_close = datetime.date(2026, 3, 31)
    status = Process.Status.PUBLISHED

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        communities = kwargs.pop("communities", None)
        return services.process_save(
            process=model_class(*args, **kwargs),
            today=datetime.date(2025, 12, 1),
            communities=communities,
        )


class ProjectFactory(factory.django.DjangoModelFactory):
    """A published proposal reviewed feasible (on the ballot) unless told otherwise."""

    class Meta:
        model = Project

    process = factory.SubFactory(ProcessFactory)
    title = factory.Sequence(lambda n: f"Fictional project {n}")
    description = "A fictional improvement to a fictional park."
    cost = 40
    status = Moderation.APPROVED
    feasibility = Feasibility.FEASIBLE
    feasibility_reason = "The fictional council can do it."


class VotingCodeFactory(factory.django.DjangoModelFactory):
    """A voting code whose plain text is ``code`` (default ``FICTI-0NAL1``)."""

    class Meta:
        model = VotingCode
        exclude = ["code"]

    process = factory.SubFactory(ProcessFactory, codes_vote=True)
    code = factory.Sequence(lambda n: f"FICTIONAL{n:04d}")
    digest = factory.LazyAttribute(lambda o: services.code_digest(o.process.pk, o.code))
    batch = "A fictional gala day"


class BallotFactory(factory.django.DjangoModelFactory):
    """An online ballot (pass ``voter``), or paper (``channel="paper"``, ``count``), choosing
    ``projects``."""

    class Meta:
        model = Ballot
        skip_postgeneration_save = True

    process = factory.SubFactory(ProcessFactory)
    cast_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def projects(self, create, extracted, **kwargs):
        if create and extracted:
            self.projects.set(extracted)


class ResultFactory(factory.django.DjangoModelFactory):
    """Published results: the count of the process's ballots, frozen."""

    class Meta:
        model = Result

    process = factory.SubFactory(ProcessFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.results_publish(process=kwargs["process"], user=None, today=AFTER_VOTING)
