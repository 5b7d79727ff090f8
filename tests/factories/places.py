"""Places: fictional areas beside the real reference data.

The test database holds every real council area (each with its partnership), community
and data zone, so new areas get codes no official area has: ``S1298nnnn`` for council
areas, ``S0298nnnn`` for intermediate zones and ``S0198nnnn`` for data zones (the
``S129…``/``S029…`` codes of tests/plans/conftest.py's world are left alone). The
numbers wrap at 10,000 to fit the nine-character code; each test's rows are rolled back.
"""

import factory

from placeplan.places.models import Area, AreaBoundary, SimdRank, TypologyGroup
from placeplan.places.services import simd_decile, simd_quintile
from tests.factories.base import CheckedFactory


class TypologyGroupFactory(CheckedFactory):
    class Meta:
        model = TypologyGroup

    # The real groups are numbered from 1; fictional ones from 901.
    number = factory.Sequence(lambda n: 901 + n)
    name = factory.Sequence(lambda n: f"Fictional Typology Group {n}")


class AreaFactory(CheckedFactory):
    """A fictional council area (the level most tests need: one partnership each)."""

    class Meta:
        model = Area

    code = factory.Sequence(lambda n: f"S1298{n % 10000:04d}")
    name = factory.Sequence(lambda n: f"Fictional Council Area {n}")
    level = Area.Level.COUNCIL_AREA


CouncilAreaFactory = AreaFactory


class IntermediateZoneFactory(AreaFactory):
    """A fictional community (intermediate zone) of a fictional council area."""

    code = factory.Sequence(lambda n: f"S0298{n % 10000:04d}")
    name = factory.Sequence(lambda n: f"Fictional Community {n}")
    level = Area.Level.INTERMEDIATE_ZONE
    council_area = factory.SubFactory(AreaFactory)


class DataZoneFactory(AreaFactory):
    """A fictional data zone, in a fictional community and council area."""

    code = factory.Sequence(lambda n: f"S0198{n % 10000:04d}")
    name = factory.Sequence(lambda n: f"Fictional Data Zone {n}")
    level = Area.Level.DATA_ZONE
    intermediate_zone = factory.SubFactory(IntermediateZoneFactory)
    council_area = factory.SelfAttribute("intermediate_zone.council_area")


class AreaBoundaryFactory(CheckedFactory):
    class Meta:
        model = AreaBoundary

    area = factory.SubFactory(AreaFactory)
    # A small square in the sea west of Scotland (WGS84).
    geometry = factory.LazyFunction(
        lambda: {
            "type": "Polygon",
            "coordinates": [[[-9.0, 57.0], [-8.9, 57.0], [-8.9, 57.1], [-9.0, 57.1], [-9.0, 57.0]]],
        }
    )


class SimdRankFactory(CheckedFactory):
    """A data zone's SIMD 2020 ranks, quintile and decile worked out as the loader does."""

    class Meta:
        model = SimdRank

    data_zone = factory.SubFactory(DataZoneFactory)
    edition = 2020
    rank = 1000.0
    quintile = factory.LazyAttribute(lambda o: simd_quintile(o.rank))
    decile = factory.LazyAttribute(lambda o: simd_decile(o.rank))
    income_rank = 1000.0
    employment_rank = 1000.0
    health_rank = 1000.0
    education_rank = 1000.0
    housing_rank = 1000.0
    access_rank = 1000.0
    crime_rank = 1000.0
