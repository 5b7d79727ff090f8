"""The evidence base: fictional measures, periods and values, import batches and API
tokens. A new measure is a national (CPOP) one unless it is a ``LocalMeasureFactory``;
new periods are financial years from 2060/61 on, which the reference data lacks."""

import datetime

import factory

from placeplan.performance.imports import batch_check, token_use_record
from placeplan.performance.models import (
    ApiToken,
    ApiTokenUse,
    ImportBatch,
    Measure,
    Observation,
    Period,
    ValueKind,
)
from placeplan.performance.services import api_token_create
from placeplan.places.models import Area
from tests.factories.accounts import UserFactory
from tests.factories.base import CheckedFactory
from tests.factories.partnerships import PartnerFactory, PartnershipFactory
from tests.factories.places import AreaFactory

SOURCE = "Fictional test source"


class MeasureFactory(CheckedFactory):
    """A national measure, lower is better, 0 to 100, for council areas and communities."""

    class Meta:
        model = Measure

    code = factory.Sequence(lambda n: f"fictional-measure-{n}")
    name = factory.Sequence(lambda n: f"Fictional Measure {n}")
    definition = "A fictional measure made for the tests."
    unit = "%"
    higher_is_better = False
    source = SOURCE
    collection = Measure.Collection.CPOP
    levels = factory.LazyFunction(
        lambda: [Area.Level.COUNCIL_AREA.value, Area.Level.INTERMEDIATE_ZONE.value]
    )
    valid_min = 0.0
    valid_max = 100.0


class LocalMeasureFactory(MeasureFactory):
    """A partnership's own (local) indicator."""

    code = factory.Sequence(lambda n: f"fictional-local-measure-{n}")
    name = factory.Sequence(lambda n: f"Fictional Local Measure {n}")
    collection = Measure.Collection.LOCAL
    partnership = factory.SubFactory(PartnershipFactory)


class PeriodFactory(CheckedFactory):
    """A financial year no reference data has (2060/61, 2061/62, …)."""

    class Meta:
        model = Period

    class Params:
        year = factory.Sequence(lambda n: 2060 + n)

    label = factory.LazyAttribute(lambda o: f"{o.year}/{(o.year + 1) % 100:02d}")
    kind = Period.Kind.FINANCIAL_YEAR
    start = factory.LazyAttribute(lambda o: datetime.date(o.year, 4, 1))
    end = factory.LazyAttribute(lambda o: datetime.date(o.year + 1, 3, 31))


class ObservationFactory(CheckedFactory):
    class Meta:
        model = Observation

    measure = factory.SubFactory(MeasureFactory)
    area = factory.SubFactory(AreaFactory)
    period = factory.SubFactory(PeriodFactory)
    value = 12.5
    kind = ValueKind.RAW
    source = SOURCE


class ImportBatchFactory(factory.django.DjangoModelFactory):
    """A checked upload, as ``batch_check`` keeps it: pass ``records`` (rows as read from
    a file) for something to check; with none it is an empty, checked batch."""

    class Meta:
        model = ImportBatch

    partnership = factory.SubFactory(PartnershipFactory)
    created_by = factory.SubFactory(UserFactory)
    filename = factory.Sequence(lambda n: f"fictional-values-{n}.csv")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return batch_check(
            records=kwargs.pop("records", []),
            partnership=kwargs.pop("partnership"),
            user=kwargs.pop("created_by"),
            **kwargs,
        )


class ApiTokenFactory(factory.django.DjangoModelFactory):
    """A token made by ``api_token_create``; the secret, shown once, is on ``.secret``.
    It authenticates only if its maker may manage the partnership's tokens."""

    class Meta:
        model = ApiToken

    partner = factory.SubFactory(PartnerFactory)
    name = factory.Sequence(lambda n: f"Fictional partner system {n}")
    created_by = factory.SubFactory(UserFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        token, secret = api_token_create(
            partner=kwargs.pop("partner"),
            name=kwargs.pop("name"),
            user=kwargs.pop("created_by"),
            **kwargs,
        )
        token.secret = secret
        return token


class ApiTokenUseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApiTokenUse

    token = factory.SubFactory(ApiTokenFactory)
    endpoint = "/api/v1/observations"
    rows_sent = 0
    outcome = "Nothing saved: a fictional test use."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return token_use_record(**kwargs)
