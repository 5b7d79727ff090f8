"""The reference-data loader: what the session load put in the database, the SIMD
quintile/decile rules, and that reloading is idempotent, updates changed values with
history and is all-or-nothing."""

import csv
import shutil
from io import StringIO

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import F

from placeplan.partnerships.models import Partnership
from placeplan.performance.models import Measure, Observation, Period
from placeplan.performance.services import LOAD_REASON, national_measures_load
from placeplan.places.models import Area, AreaBoundary, SimdRank
from placeplan.places.services import simd_decile, simd_quintile

pytestmark = pytest.mark.django_db

Level = Area.Level


def test_area_counts_per_level():
    counts = {level: Area.objects.filter(level=level).count() for level in Level.values}
    assert counts == {
        Level.COUNTRY: 1,
        Level.HEALTH_BOARD: 14,
        Level.COUNCIL_AREA: 32,
        Level.INTERMEDIATE_ZONE: 1279,
        Level.DATA_ZONE: 6976,
    }
    assert Area.objects.get(level=Level.COUNTRY).code == "S92000003"


def test_every_data_zone_has_both_parents_and_they_agree():
    zones = Area.objects.filter(level=Level.DATA_ZONE)
    assert not zones.filter(intermediate_zone__isnull=True).exists()
    assert not zones.filter(council_area__isnull=True).exists()
    assert not zones.exclude(intermediate_zone__level=Level.INTERMEDIATE_ZONE).exists()
    assert not zones.exclude(council_area__level=Level.COUNCIL_AREA).exists()
    # The data zone's council area is its intermediate zone's council area.
    assert not zones.exclude(council_area=F("intermediate_zone__council_area")).exists()


def test_parents_match_the_lookup_file():
    with (settings.DATA_DIR / "geography" / "data_zones_2011.csv").open(encoding="utf-8") as f:
        lookup = {row["data_zone_code"]: row for row in csv.DictReader(f)}
    stored = Area.objects.filter(level=Level.DATA_ZONE).values_list(
        "code", "intermediate_zone__code", "council_area__code", "health_board__code"
    )
    mismatches = [
        code
        for code, iz, council, board in stored
        if (iz, council, board)
        != (
            lookup[code]["intermediate_zone_code"],
            lookup[code]["council_area_code"],
            lookup[code]["health_board_code"],
        )
    ]
    assert len(stored) == 6976
    assert mismatches == []


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (Level.HEALTH_BOARD, 14),
        (Level.COUNCIL_AREA, 32),
        (Level.INTERMEDIATE_ZONE, 1279),
        (Level.DATA_ZONE, 6976),
    ],
)
def test_every_area_of_a_mapped_level_has_a_boundary(level, expected):
    assert AreaBoundary.objects.filter(area__level=level).count() == expected
    assert not Area.objects.filter(level=level, boundary__isnull=True).exists()
    sample = AreaBoundary.objects.filter(area__level=level).first()
    assert sample.geometry["type"] in {"Polygon", "MultiPolygon"}


@pytest.mark.parametrize("edition", [2016, 2020])
def test_simd_ranks_cover_every_data_zone_once(edition):
    ranks = SimdRank.objects.filter(edition=edition)
    assert ranks.count() == 6976
    assert ranks.values("data_zone").distinct().count() == 6976
    assert not ranks.exclude(data_zone__level=Level.DATA_ZONE).exists()


@pytest.mark.parametrize(
    ("rank", "quintile"),
    [(1, 1), (1395, 1), (1395.5, 2), (1396, 2), (2790, 2), (2791, 3), (6976, 5)],
)
def test_simd_quintile_edges(rank, quintile):
    assert simd_quintile(rank) == quintile


@pytest.mark.parametrize(
    ("rank", "decile"), [(1, 1), (697, 1), (698, 2), (1395, 2), (1396, 3), (6976, 10)]
)
def test_simd_decile_edges(rank, decile):
    assert simd_decile(rank) == decile


@pytest.mark.parametrize("edition", [2016, 2020])
def test_quintile_1_holds_1395_data_zones(edition):
    # The official files have whole-number overall ranks 1..6,976 without ties
    # (checked: no ".5" simd_rank in either edition), so ranks 1..1,395 are exactly
    # 1,395 data zones in each edition.
    with (settings.DATA_DIR / "simd" / f"simd{edition}_ranks.csv").open(encoding="utf-8") as f:
        in_csv = sum(1 for row in csv.DictReader(f) if float(row["simd_rank"]) <= 1395)
    assert in_csv == 1395
    stored = SimdRank.objects.filter(edition=edition)
    assert stored.filter(quintile=1).count() == 1395
    assert stored.filter(decile=1).count() == 697
    assert stored.filter(quintile=5).count() == 6976 - 4 * 1395  # ranks 5,581..6,976
    # Stored quintile/decile agree with the derivation for every zone.
    assert not stored.filter(quintile=1, rank__gt=1395).exists()
    assert not stored.filter(rank__lte=1395).exclude(quintile=1).exists()


def test_stored_rank_matches_the_csv():
    rank = SimdRank.objects.get(data_zone__code="S01006506", edition=2020)
    # simd2020_ranks.csv: S01006506,4691.0,3936.0,3220.0,5174.0,5887.0,3248.0,4724.0,4664.0
    assert (rank.rank, rank.quintile, rank.decile) == (4691.0, 4, 7)
    assert rank.income_rank == 3936.0
    assert rank.crime_rank == 4664.0


def test_one_partnership_per_council_area():
    councils = Area.objects.filter(level=Level.COUNCIL_AREA)
    assert Partnership.objects.count() == 32
    assert set(Partnership.objects.values_list("council_area", flat=True)) == set(
        councils.values_list("pk", flat=True)
    )
    assert (
        Partnership.objects.get(council_area__code="S12000018").name
        == "Inverclyde Community Planning Partnership"
    )


def _snapshot():
    return {
        "areas": Area.objects.count(),
        "boundaries": AreaBoundary.objects.count(),
        "simd ranks": SimdRank.objects.count(),
        "observations": Observation.objects.count(),
        "observation history": Observation.history.count(),
        "measures": Measure.objects.count(),
        "measure history": Measure.history.count(),
        "partnerships": Partnership.objects.count(),
        "partnership history": Partnership.history.count(),
    }


def _sample_observation():
    return Observation.objects.get(
        area__code="S12000018", measure__code="cpop-child-poverty", period__label="2021/22"
    )


def _other_observation():
    return Observation.objects.get(
        area__code="S12000017", measure__code="cpop-child-poverty", period__label="2021/22"
    )


def test_a_reload_restores_a_changed_value_and_touches_nothing_else():
    """One load over the whole shipped data (about 15 s, so one test): the value changed
    behind the loader's back is restored with a history record; every other row, area,
    boundary, rank, measure and partnership is left as it was, timestamps and history
    included, and each part of the load reports what it wrote."""
    original = _sample_observation()
    untouched = _other_observation()
    # cpp_outcomes.csv: S12000018,Inverclyde,Child Poverty,2021/22,raw,21.292121013363943
    assert original.value == pytest.approx(21.292121013363943)
    Observation.objects.filter(pk=original.pk).update(value=99.0)  # bypasses history
    before = _snapshot()
    output = StringIO()

    call_command("load_reference_data", stdout=output)

    assert _snapshot() == {**before, "observation history": before["observation history"] + 1}
    assert before["observations"] > 600_000
    restored = Observation.objects.get(pk=original.pk)
    assert restored.value == original.value
    assert restored.created_at == original.created_at
    assert restored.updated_at > original.updated_at  # TimeStampedModel.updated_at, auto_now
    latest = restored.history.latest()
    assert latest.history_type == "~"
    assert latest.value == original.value
    assert latest.history_change_reason == LOAD_REASON
    # A value that did not change is not written again.
    after = _other_observation()
    assert (after.updated_at, after.value) == (untouched.updated_at, untouched.value)
    assert after.history.count() == 1
    # Every part of the load reports that it wrote nothing, but the one restored value.
    reports = [line for line in output.getvalue().splitlines() if line.startswith("  ")]
    assert len(reports) == 12
    observations = f"  observations: 0 created, 1 updated, {before['observations'] - 1} unchanged"
    assert observations in reports
    for line in reports:
        if line != observations:
            assert ": 0 created, 0 updated, " in line, line


@pytest.fixture
def broken_data_dir(tmp_path):
    """A copy of data/scotland/ whose cpp_outcomes.csv has one row with an unknown area
    code (and a period no other row has, so the load creates that period before it
    reaches the bad row)."""
    data_dir = tmp_path / "scotland"
    shutil.copytree(settings.DATA_DIR, data_dir)
    path = data_dir / "outcomes" / "cpp_outcomes.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # Line 101 of the file (the header is line 1).
    code, name, measure, _period, kind, value = lines[100].split(",")
    assert code.startswith("S12")
    lines[100] = ",".join(["S12999999", name, measure, "2030/31", kind, value])
    path.write_text("".join(lines), encoding="utf-8")
    return data_dir


def test_load_with_an_unknown_area_writes_nothing(broken_data_dir):
    observations = Observation.objects.count()
    history = Observation.history.count()
    periods = Period.objects.count()

    with pytest.raises(ValidationError) as caught:
        national_measures_load(data_dir=broken_data_dir)

    message = " ".join(caught.value.messages)
    assert "cpp_outcomes.csv line 101" in message
    assert "S12999999" in message
    assert Observation.objects.count() == observations
    assert Observation.history.count() == history
    # The period written before the bad row was found was rolled back with the rest.
    assert Period.objects.count() == periods
    assert not Period.objects.filter(label="2030/31").exists()
