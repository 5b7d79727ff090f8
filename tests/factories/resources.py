"""Resources and prevention: rounds, joint budgets, partners' lines and assets,
confirmations, the trajectory and the prevention plan, made through the resources
services. A round is for 2026/27 (confirm by ``ROUND_DUE``) of a fictional partnership
unless told; a line is £1,000 of aligned money to an outcome of that partnership's plan,
not preventative."""

import datetime
from decimal import Decimal

import factory

from placeplan.resources import services
from placeplan.resources.models import (
    Asset,
    Confirmation,
    Intervention,
    InterventionYear,
    Line,
    Pool,
    PreventionTarget,
    Review,
    ReviewEntry,
    Round,
    RoundShare,
)
from tests.factories.partnerships import PartnerFactory, PartnershipFactory
from tests.factories.plans import OutcomeFactory, PlanFactory

ROUND_YEAR = 2026
ROUND_DUE = datetime.date(2026, 6, 30)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    partnership = factory.SubFactory(PartnershipFactory)
    year = ROUND_YEAR
    due = ROUND_DUE
    request = "Enter what your organisation puts into each fictional outcome."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.round_open(user=kwargs.pop("opened_by", None), **kwargs)


class RoundShareFactory(factory.django.DjangoModelFactory):
    """A round's kept preventative share, worked out from its lines by the service."""

    class Meta:
        model = RoundShare

    round = factory.SubFactory(RoundFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        services.round_share_keep(round_pk=kwargs["round"].pk)
        return model_class.objects.get(round=kwargs["round"])


class PoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pool

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Fictional joint fund {n}")
    kind = Pool.Kind.PREVENTION

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.pool_save(**kwargs)


class LineFactory(factory.django.DjangoModelFactory):
    """A line of a partner of the round's partnership, for an outcome of its plan (give
    ``commitment`` or ``locality`` with ``outcome=None`` for another purpose). With
    ``reason``, saved as a change to a confirmed partner's lines."""

    class Meta:
        model = Line

    round = factory.SubFactory(RoundFactory)
    partner = factory.SubFactory(
        PartnerFactory, partnership=factory.SelfAttribute("..round.partnership")
    )
    title = factory.Sequence(lambda n: f"Fictional service {n}")
    outcome = factory.SubFactory(
        OutcomeFactory,
        plan=factory.SubFactory(
            PlanFactory, partnership=factory.SelfAttribute("...round.partnership")
        ),
    )
    budget = Decimal("1000.00")
    primary = 0
    secondary = 0
    tertiary = 0
    not_preventative = factory.LazyAttribute(lambda o: 100 - o.primary - o.secondary - o.tertiary)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        round = kwargs.pop("round")
        partner = kwargs.pop("partner")
        return services.line_save(
            round=round, partner=partner, user=None, reason=kwargs.pop("reason", ""), **kwargs
        )


class ResourceAssetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Asset

    line = factory.SubFactory(LineFactory)
    kind = Asset.Kind.BUILDING
    description = "A fictional community centre, two days a week"
    value = Decimal("25000.00")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        line = kwargs.pop("line")
        return services.asset_save(line=line, user=None, reason=kwargs.pop("reason", ""), **kwargs)


class ConfirmationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Confirmation

    round = factory.SubFactory(RoundFactory)
    partner = factory.SubFactory(
        PartnerFactory, partnership=factory.SelfAttribute("..round.partnership")
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.lines_confirm(
            round=kwargs["round"], partner=kwargs["partner"], user=kwargs.get("confirmed_by")
        )


class PreventionTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PreventionTarget

    partnership = factory.SubFactory(PartnershipFactory)
    year = 2030
    share = Decimal("40.00")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.target_save(**kwargs)


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intervention

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Fictional early help programme {n}")
    kind = Intervention.Kind.PROGRAMME
    level = "secondary"
    demand = "Fictional crisis referrals to children's services."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.intervention_save(**kwargs)


class InterventionYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterventionYear

    intervention = factory.SubFactory(InterventionFactory)
    year = ROUND_YEAR
    spend = Decimal("50000.00")
    expected_cashable = Decimal("20000.00")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.intervention_year_save(**kwargs)


class ReviewFactory(factory.django.DjangoModelFactory):
    """A draft review of the prevention plan, its entries drafted from the data."""

    class Meta:
        model = Review

    partnership = factory.SubFactory(PartnershipFactory)
    year = ROUND_YEAR

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.review_draft(partnership=kwargs["partnership"], year=kwargs["year"])


class ReviewEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewEntry

    intervention = factory.SubFactory(InterventionFactory)
    review = factory.SubFactory(
        ReviewFactory, partnership=factory.SelfAttribute("..intervention.partnership")
    )
    progress = ReviewEntry.Progress.ON_TRACK
    note = "Fictional progress, as planned."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        entry = ReviewEntry.objects.get(
            review=kwargs["review"], intervention=kwargs["intervention"]
        )
        services.review_save(
            review=kwargs["review"],
            summary=kwargs["review"].summary,
            entries={entry.pk: (kwargs["progress"], kwargs["note"])},
        )
        entry.refresh_from_db()
        return entry
