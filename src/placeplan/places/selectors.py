"""Reads about places: council areas, communities, data zones and SIMD."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from placeplan.places.models import SIMD_EDITIONS, Area, SimdRank

# Official 2011 codes: S12 council areas, S02 intermediate zones, S01 data zones.
AREA_CODE = re.compile(r"S[0-9]{8}")
MOST_DEPRIVED_QUINTILE = 1


def council_area_list() -> QuerySet[Area]:
    """The 32 council areas (one Community Planning Partnership each), by name."""
    return Area.objects.filter(level=Area.Level.COUNCIL_AREA).order_by("name")


def council_area_get(*, code: str) -> Area:
    """A council area by code; raises ``Area.DoesNotExist`` for unknown or malformed codes."""
    if not AREA_CODE.fullmatch(code or ""):
        raise Area.DoesNotExist(f"{code!r} is not an area code.")
    return Area.objects.get(code=code, level=Area.Level.COUNCIL_AREA)


def community_get(*, council_code: str, code: str) -> Area:
    """An intermediate zone ("community") of the given council area, or ``Area.DoesNotExist``."""
    if not (AREA_CODE.fullmatch(code or "") and AREA_CODE.fullmatch(council_code or "")):
        raise Area.DoesNotExist(f"{code!r} is not an area code.")
    return Area.objects.select_related("council_area", "typology").get(
        code=code, level=Area.Level.INTERMEDIATE_ZONE, council_area__code=council_code
    )


def area_zone_counts(*, area: Area) -> dict[str, int]:
    """How many data zones and intermediate zones a council area has."""
    counts = Area.objects.filter(council_area=area).aggregate(
        data_zones=Count("pk", filter=Q(level=Area.Level.DATA_ZONE)),
        intermediate_zones=Count("pk", filter=Q(level=Area.Level.INTERMEDIATE_ZONE)),
    )
    return {"data_zones": counts["data_zones"], "intermediate_zones": counts["intermediate_zones"]}


@dataclass(frozen=True)
class SimdHeadline:
    """A council area's share of Scotland's 20% most deprived data zones in one edition.

    - ``most_deprived_20pc``: its data zones in SIMD quintile 1 (ranks 1–1,395);
    - ``local_share_pc``: that number as a % of its own data zones;
    - ``national_share_pc``: that number as a % of Scotland's 1,395 quintile-1 zones.
    """

    edition: int
    data_zones: int
    most_deprived_20pc: int
    local_share_pc: float
    national_share_pc: float


def simd_headline(*, area: Area) -> dict[int, SimdHeadline]:
    """The SIMD headline for a council area in every edition, computed from the ranks."""
    national = dict(
        SimdRank.objects.filter(quintile=MOST_DEPRIVED_QUINTILE)
        .values_list("edition")
        .annotate(n=Count("pk"))
    )
    local = (
        SimdRank.objects.filter(data_zone__council_area=area)
        .values("edition")
        .annotate(
            total=Count("pk"), deprived=Count("pk", filter=Q(quintile=MOST_DEPRIVED_QUINTILE))
        )
    )
    by_edition = {row["edition"]: row for row in local}
    headline = {}
    for edition in SIMD_EDITIONS:
        row = by_edition.get(edition, {"total": 0, "deprived": 0})
        total, deprived = row["total"], row["deprived"]
        national_count = national.get(edition, 0)
        headline[edition] = SimdHeadline(
            edition=edition,
            data_zones=total,
            most_deprived_20pc=deprived,
            local_share_pc=round(100 * deprived / total, 1) if total else 0.0,
            national_share_pc=round(100 * deprived / national_count, 1) if national_count else 0.0,
        )
    return headline


def data_zone_simd(*, parent: Area, edition: int = 2020) -> list[dict]:
    """Each data zone of a council area or community with its SIMD rank, quintile and decile."""
    parent_filter = (
        Q(data_zone__council_area=parent)
        if parent.level == Area.Level.COUNCIL_AREA
        else Q(data_zone__intermediate_zone=parent)
    )
    ranks = (
        SimdRank.objects.filter(parent_filter, edition=edition)
        .select_related("data_zone__intermediate_zone")
        .order_by("rank")
    )
    return [
        {
            "code": r.data_zone.code,
            "name": r.data_zone.name,
            "community_code": r.data_zone.intermediate_zone.code,
            "community_name": r.data_zone.intermediate_zone.name,
            "rank": r.rank,
            "quintile": r.quintile,
            "decile": r.decile,
        }
        for r in ranks
    ]


def quintile_counts(zones: list[dict]) -> list[dict]:
    """How many of the given data zones fall in each SIMD quintile (1 = most deprived)."""
    return [
        {"quintile": q, "data_zones": sum(1 for z in zones if z["quintile"] == q)}
        for q in range(1, 6)
    ]


def boundaries(*, codes: list[str]) -> dict[str, dict]:
    """GeoJSON geometries of the given areas, by code."""
    return dict(
        Area.objects.filter(code__in=codes, boundary__isnull=False).values_list(
            "code", "boundary__geometry"
        )
    )


def communities_of(*, area: Area) -> QuerySet[Area]:
    """The intermediate zones ("communities") of a council area, by name."""
    return Area.objects.filter(council_area=area, level=Area.Level.INTERMEDIATE_ZONE).order_by(
        "name"
    )


def community_list() -> QuerySet[Area]:
    """Every community (intermediate zone) of Scotland, with its council area."""
    return Area.objects.filter(level=Area.Level.INTERMEDIATE_ZONE).select_related("council_area")
