"""Writes to the official geographies: loading the shipped reference data."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from placeplan.core.bulk import SyncResult, rows_sync
from placeplan.places.models import SIMD_DATA_ZONES, Area, AreaBoundary, SimdRank, TypologyGroup

SCOTLAND_CODE = "S92000003"
DOMAINS = ("income", "employment", "health", "education", "housing", "access", "crime")
BOUNDARY_FILES = {
    Area.Level.COUNCIL_AREA: "council_areas.geojson",
    Area.Level.HEALTH_BOARD: "health_boards.geojson",
    Area.Level.INTERMEDIATE_ZONE: "intermediate_zones_2011.geojson",
    Area.Level.DATA_ZONE: "data_zones_2011.geojson",
}


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a shipped CSV file, or a clear error naming the missing file."""
    if not path.exists():
        raise ValidationError(f"Reference data file {path} is missing: re-copy data/scotland/.")
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def simd_quintile(rank: float) -> int:
    """Scotland-wide SIMD quintile of a rank: ranks 1–1,395 are quintile 1."""
    return max(1, math.ceil(rank * 5 / SIMD_DATA_ZONES))


def simd_decile(rank: float) -> int:
    """Scotland-wide SIMD decile of a rank: ranks 1–697 are decile 1."""
    return max(1, math.ceil(rank * 10 / SIMD_DATA_ZONES))


def _area_ids(level: str) -> dict[str, int]:
    return dict(Area.objects.filter(level=level).values_list("code", "pk"))


def _area_rows(level, records, **parents):
    return [
        {
            "code": code,
            "name": name,
            "level": level,
            "council_area_id": parents.get("council", {}).get(code),
            "intermediate_zone_id": parents.get("iz", {}).get(code),
            "health_board_id": parents.get("hb", {}).get(code),
            "urban_rural": parents.get("urban_rural", {}).get(code),
            "typology_id": parents.get("typology", {}).get(code),
            "deprivation_family_group": parents.get("dep_family", {}).get(code),
            "density_family_group": parents.get("density_family", {}).get(code),
        }
        for code, name in records
    ]


_AREA_FIELDS = (
    "name",
    "level",
    "council_area_id",
    "intermediate_zone_id",
    "health_board_id",
    "urban_rural",
    "typology_id",
    "deprivation_family_group",
    "density_family_group",
)


def _sync_areas(level, records, **parents) -> SyncResult:
    return rows_sync(
        model=Area, key=("code",), fields=_AREA_FIELDS, rows=_area_rows(level, records, **parents)
    )


@transaction.atomic
def geography_load(*, data_dir: Path) -> dict[str, SyncResult]:
    """Load Scotland, health boards, council areas, intermediate zones, data zones,
    their boundaries, the CPOP typology and family groups, and SIMD 2016/2020 ranks.

    Idempotent: a second run with the same files writes nothing.
    """
    results: dict[str, SyncResult] = {}
    geography = data_dir / "geography"
    outcomes = data_dir / "outcomes"
    zones = read_csv(geography / "data_zones_2011.csv")
    if len(zones) != SIMD_DATA_ZONES:
        raise ValidationError(f"Expected {SIMD_DATA_ZONES} data zones, found {len(zones)}.")

    results["country"] = _sync_areas(Area.Level.COUNTRY, [(SCOTLAND_CODE, "Scotland")])
    results["health boards"] = _sync_areas(
        Area.Level.HEALTH_BOARD,
        [(r["code"], r["name"]) for r in read_csv(geography / "health_boards.csv")],
    )
    families = {r["area_code"]: r for r in read_csv(outcomes / "council_family_groups.csv")}
    councils = [(r["code"], r["name"]) for r in read_csv(geography / "council_areas.csv")]
    results["council areas"] = _sync_areas(
        Area.Level.COUNCIL_AREA,
        councils,
        dep_family={c: int(families[c]["deprivation_family_group"]) for c, _ in councils},
        density_family={
            c: int(families[c]["population_density_family_group"]) for c, _ in councils
        },
    )

    typology_rows = read_csv(outcomes / "intermediate_zone_typology.csv")
    groups = {int(r["typology_group"]): r["typology_name"] for r in typology_rows}
    results["typology groups"] = rows_sync(
        model=TypologyGroup,
        key=("number",),
        fields=("name",),
        rows=[{"number": n, "name": name} for n, name in sorted(groups.items())],
    )
    group_ids = dict(TypologyGroup.objects.values_list("number", "pk"))
    iz_typology = {
        r["intermediate_zone_code"]: group_ids[int(r["typology_group"])] for r in typology_rows
    }

    council_ids = _area_ids(Area.Level.COUNCIL_AREA)
    board_ids = _area_ids(Area.Level.HEALTH_BOARD)
    _check_codes("council area", {z["council_area_code"] for z in zones}, council_ids)
    _check_codes("health board", {z["health_board_code"] for z in zones}, board_ids)

    izs = {z["intermediate_zone_code"]: z for z in zones}
    results["intermediate zones"] = _sync_areas(
        Area.Level.INTERMEDIATE_ZONE,
        sorted((code, z["intermediate_zone_name"]) for code, z in izs.items()),
        council={code: council_ids[z["council_area_code"]] for code, z in izs.items()},
        typology=iz_typology,
    )
    iz_ids = _area_ids(Area.Level.INTERMEDIATE_ZONE)
    results["data zones"] = _sync_areas(
        Area.Level.DATA_ZONE,
        sorted((z["data_zone_code"], z["data_zone_name"]) for z in zones),
        council={z["data_zone_code"]: council_ids[z["council_area_code"]] for z in zones},
        iz={z["data_zone_code"]: iz_ids[z["intermediate_zone_code"]] for z in zones},
        hb={z["data_zone_code"]: board_ids[z["health_board_code"]] for z in zones},
        urban_rural={z["data_zone_code"]: int(z["urban_rural_6fold_code"]) for z in zones},
    )

    results["boundaries"] = _boundaries_load(data_dir / "boundaries")
    results["SIMD ranks"] = _simd_ranks_load(data_dir / "simd")
    return results


def _check_codes(label: str, codes: set[str], known: dict[str, int]) -> None:
    unknown = sorted(codes - known.keys())
    if unknown:
        raise ValidationError(
            f"Data zones refer to unknown {label} codes: {', '.join(unknown[:5])}."
        )


def _boundaries_load(folder: Path) -> SyncResult:
    area_ids = dict(Area.objects.values_list("code", "pk"))
    rows = []
    for level, filename in BOUNDARY_FILES.items():
        path = folder / filename
        if not path.exists():
            raise ValidationError(f"Boundary file {path} is missing.")
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        for feature in features:
            code = feature["properties"]["code"]
            if code not in area_ids:
                raise ValidationError(f"{filename}: boundary for unknown {level} code {code}.")
            rows.append({"area_id": area_ids[code], "geometry": feature["geometry"]})
    return rows_sync(model=AreaBoundary, key=("area_id",), fields=("geometry",), rows=rows)


def _simd_ranks_load(folder: Path) -> SyncResult:
    zone_ids = _area_ids(Area.Level.DATA_ZONE)
    rows = []
    for edition in (2016, 2020):
        for record in read_csv(folder / f"simd{edition}_ranks.csv"):
            code = record["data_zone_code"]
            if code not in zone_ids:
                raise ValidationError(f"simd{edition}_ranks.csv: unknown data zone {code}.")
            rank = float(record["simd_rank"])
            row = {
                "data_zone_id": zone_ids[code],
                "edition": edition,
                "rank": rank,
                "quintile": simd_quintile(rank),
                "decile": simd_decile(rank),
            }
            row.update({f"{d}_rank": float(record[f"{d}_rank"]) for d in DOMAINS})
            rows.append(row)
    fields = ("rank", "quintile", "decile", *(f"{d}_rank" for d in DOMAINS))
    return rows_sync(model=SimdRank, key=("data_zone_id", "edition"), fields=fields, rows=rows)
