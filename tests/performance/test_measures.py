"""The national measures loaded from data/scotland/: their descriptions, and that values
keep their kind (measured, imputed, projected), suppressed cells and all."""

import csv

import pytest
from django.conf import settings
from django.utils.text import slugify

from placeplan.performance.models import Measure, Observation, ValueKind
from placeplan.places.models import Area
from placeplan.places.services import read_csv as _read

pytestmark = pytest.mark.django_db

OUTCOMES = settings.DATA_DIR / "outcomes"
SIMD = settings.DATA_DIR / "simd"


def _observation(*, area, measure, period):
    return Observation.objects.get(area__code=area, measure__code=measure, period__label=period)


def test_the_20_cpop_measures_exist_as_published():
    published = {row["measure"]: row for row in _read(OUTCOMES / "measures.csv")}
    stored = Measure.objects.filter(collection=Measure.Collection.CPOP)
    assert len(published) == 20
    assert {m.name: m.code for m in stored} == {name: f"cpop-{slugify(name)}" for name in published}
    for measure in stored:
        row = published[measure.name]
        assert measure.definition == row["definition"].strip()
        assert measure.unit
        assert row["source"].strip() in measure.source
        assert measure.source.startswith("Community Planning Outcomes Profile")
        assert measure.levels == sorted(row["levels"].split(";"))


def test_cpop_units_and_directions():
    attainment = Measure.objects.get(code="cpop-attainment")
    assert attainment.unit == "average tariff score"
    assert attainment.higher_is_better is True
    child_poverty = Measure.objects.get(code="cpop-child-poverty")
    assert (child_poverty.unit, child_poverty.higher_is_better) == ("%", False)
    assert child_poverty.valid_max == 100.0
    assert Measure.objects.get(code="cpop-median-earnings").unit == "£ per week"


def test_depopulation_is_lower_is_better():
    depopulation = Measure.objects.get(code="cpop-depopulation")
    assert depopulation.higher_is_better is False
    assert depopulation.direction_label == "Lower is better"
    assert depopulation.unit == "index (2010 = 100)"
    assert depopulation.levels == ["council_area", "intermediate_zone"]


def test_every_simd_indicator_column_is_a_measure():
    with (SIMD / "simd2020_indicators.csv").open(encoding="utf-8") as handle:
        columns = next(csv.reader(handle))[1:]
    expected = {f"simd-{slugify(c.replace('_', '-'))}" for c in columns}
    stored = Measure.objects.filter(collection=Measure.Collection.SIMD)
    assert len(columns) == 34
    assert set(stored.values_list("code", flat=True)) == expected
    for measure in stored:
        assert measure.unit, measure.code
        assert measure.definition, measure.code
        assert "Scottish Index of Multiple Deprivation" in measure.source
        assert measure.levels == ["data_zone"]
    income_rate = stored.get(code="simd-income-rate")
    assert (income_rate.unit, income_rate.higher_is_better) == ("share (0–1)", False)
    assert stored.get(code="simd-attendance").higher_is_better is True
    assert stored.get(code="simd-total-population").higher_is_better is None


def test_income_deprivation_measure_exists():
    measure = Measure.objects.get(code="income-deprivation-rate")
    assert measure.collection == Measure.Collection.INCOME_DEPRIVATION
    assert measure.unit == "share (0–1)"
    assert measure.definition
    assert "SIMD" in measure.definition
    assert "Scottish Index of Multiple Deprivation 2020" in measure.source
    assert measure.levels == ["intermediate_zone"]
    assert measure.higher_is_better is False
    assert Measure.objects.count() == 20 + 34 + 1


@pytest.mark.parametrize(
    ("area", "measure", "period", "kind", "value"),
    [
        # cpp_outcomes.csv: S12000018,Inverclyde,Child Poverty,2023/24,projected,24.031061799044636
        ("S12000018", "cpop-child-poverty", "2023/24", "projected", 24.031061799044636),
        # cpp_outcomes.csv: S12000018,Inverclyde,Child Poverty,2011/12,imputed,11.420452098355426
        ("S12000018", "cpop-child-poverty", "2011/12", "imputed", 11.420452098355426),
        # cpp_outcomes.csv: S12000018,Inverclyde,Child Poverty,2021/22,raw,21.292121013363943
        ("S12000018", "cpop-child-poverty", "2021/22", "raw", 21.292121013363943),
        # cpp_outcomes.csv: S12000023,Orkney Islands,Out of Work Benefits,2024/25,projected,...
        ("S12000023", "cpop-out-of-work-benefits", "2024/25", "projected", 9.875970884915672),
        # intermediate_zone_outcomes.csv: S02001236,Child Poverty,2022/23,projected,12.98...
        ("S02001236", "cpop-child-poverty", "2022/23", "projected", 12.988238132685288),
        # intermediate_zone_outcomes.csv: S02001236,Participation Rate,2012/13,imputed,94.40...
        ("S02001236", "cpop-participation-rate", "2012/13", "imputed", 94.40693971234711),
        # intermediate_zone_outcomes.csv: S02001236,Participation Rate,2016/17,raw,94.87...
        ("S02001236", "cpop-participation-rate", "2016/17", "raw", 94.87179487179486),
    ],
)
def test_cpop_values_keep_their_kind(area, measure, period, kind, value):
    observation = _observation(area=area, measure=measure, period=period)
    assert observation.kind == kind
    assert observation.value == pytest.approx(value, rel=1e-12)
    assert observation.is_estimate is (kind != ValueKind.RAW)


def test_every_kind_in_the_files_is_stored_as_is():
    """Kinds by (area, measure, period) for one council area and one community, compared
    with every matching row of the two CSV files."""
    expected = {
        (r["area_code"], f"cpop-{slugify(r['measure'])}", r["period"]): r["kind"]
        for r in _read(OUTCOMES / "cpp_outcomes.csv")
        if r["area_code"] == "S12000018"
    }
    expected |= {
        (r["intermediate_zone_code"], f"cpop-{slugify(r['measure'])}", r["period"]): r["kind"]
        for r in _read(OUTCOMES / "intermediate_zone_outcomes.csv")
        if r["intermediate_zone_code"] == "S02001236"
    }
    stored = {
        (area, measure, period): kind
        for area, measure, period, kind in Observation.objects.filter(
            area__code__in=["S12000018", "S02001236"],
            measure__collection=Measure.Collection.CPOP,
        ).values_list("area__code", "measure__code", "period__label", "kind")
    }
    assert set(expected.values()) == {"raw", "imputed", "projected"}
    assert stored == expected


def test_suppressed_simd_cells_are_not_stored():
    # simd2020_indicators.csv, S01006511: crime_count and crime_rate are empty
    # (suppressed); Total_population is 759.0. In 2016 the same zone has crime_count 3.0.
    row = next(
        r for r in _read(SIMD / "simd2020_indicators.csv") if r["data_zone_code"] == "S01006511"
    )
    assert (row["crime_count"], row["crime_rate"], row["Total_population"]) == ("", "", "759.0")
    zone = Observation.objects.filter(area__code="S01006511", period__label="SIMD 2020")
    assert not zone.filter(measure__code__in=["simd-crime-count", "simd-crime-rate"]).exists()
    assert zone.get(measure__code="simd-total-population").value == 759.0
    in_2016 = _observation(area="S01006511", measure="simd-crime-count", period="SIMD 2016")
    assert in_2016.value == pytest.approx(3.00241102181401)


def test_zone_with_no_residents_keeps_only_published_cells():
    # simd2020_indicators.csv, S01010206: Total_population 0.0, Income_rate, CIF,
    # Broadband ... empty; no_qualifications 353.0780141.
    zone = Observation.objects.filter(area__code="S01010206", period__label="SIMD 2020")
    codes = set(zone.values_list("measure__code", flat=True))
    assert {"simd-income-rate", "simd-cif", "simd-broadband", "simd-crime-rate"}.isdisjoint(codes)
    assert zone.get(measure__code="simd-total-population").value == 0.0
    assert zone.get(measure__code="simd-no-qualifications").value == pytest.approx(353.0780141)


def test_total_stored_simd_values_equal_the_non_empty_cells():
    for edition in (2016, 2020):
        rows = _read(SIMD / f"simd{edition}_indicators.csv")
        non_empty = sum(1 for r in rows for k, v in r.items() if k != "data_zone_code" and v)
        stored = Observation.objects.filter(
            measure__collection=Measure.Collection.SIMD, period__label=f"SIMD {edition}"
        ).count()
        assert stored == non_empty, edition


def test_simd_rate_has_numerator_and_denominator():
    # simd2020_indicators.csv, S01006506: Total_population 894.0, Income_rate 0.08,
    # Income_count 71.0.
    observation = _observation(area="S01006506", measure="simd-income-rate", period="SIMD 2020")
    assert observation.value == 0.08
    assert (observation.numerator, observation.denominator) == (71.0, 894.0)


def test_income_deprivation_of_a_community():
    # intermediate_zone_income_deprivation.csv: S02001236,4809,317 → 317 / 4809
    row = next(
        r
        for r in _read(OUTCOMES / "intermediate_zone_income_deprivation.csv")
        if r["intermediate_zone_code"] == "S02001236"
    )
    assert (row["population"], row["income_deprived"]) == ("4809", "317")
    observation = _observation(
        area="S02001236", measure="income-deprivation-rate", period="SIMD 2020"
    )
    assert observation.area.level == Area.Level.INTERMEDIATE_ZONE
    assert observation.value == pytest.approx(317 / 4809)
    assert observation.value == pytest.approx(0.06591807)
    assert (observation.numerator, observation.denominator) == (317.0, 4809.0)
    assert observation.kind == ValueKind.RAW
    assert Observation.objects.filter(measure__code="income-deprivation-rate").count() == 1279
