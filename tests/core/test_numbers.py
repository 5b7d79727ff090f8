"""How a measure's value is written on pages, reports and packs (core.numbers), with
figures worked by hand, and the default decimal places of each unit Placeplan ships."""

from types import SimpleNamespace

import pytest

from placeplan.core.numbers import measure_value_text, number_text
from placeplan.performance.models import Measure, default_decimals
from placeplan.performance.reference_measures import CPOP_UNITS, SIMD_INDICATORS


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1209.2795, 1, "1,209.3"),  # the figure: 1209.2|795 rounds up
        (19830.1463, 0, "19,830"),
        (19830.1463, 1, "19,830.1"),
        (0.0278, 3, "0.028"),  # the tolerance, on a share from 0 to 1
        (0.0278, 1, "0.0"),
        (18.0, 1, "18.0"),  # a fixed number of places, so a column lines up
        (16.398685, 1, "16.4"),
        (1234567.891, 2, "1,234,567.89"),
        (-1234.56, 0, "-1,235"),
        (-0.04, 1, "0.0"),  # rounds to zero: no minus sign
        (999.96, 1, "1,000.0"),  # the separator appears after rounding
        (7, 0, "7"),
        (0.125, 2, "0.13"),  # halves round up, as by hand
        (16.45, 1, "16.5"),  # though the float is just below 16.45
    ],
)
def test_number_text_to_a_number_of_places(value, decimals, text):
    assert number_text(value, decimals) == text


def test_number_text_without_places_is_unchanged():
    """Repeating typed values back (form messages) keeps up to four places, no separator."""
    assert number_text(1209.2795) == "1209.2795"
    assert number_text(12.5) == "12.5"


def test_a_measures_value_is_written_to_its_places():
    percent = Measure(unit="%")
    people = Measure(unit="people")
    chosen = Measure(unit="%", decimals=3)
    assert measure_value_text(1209.2795, percent) == "1,209.3"
    assert measure_value_text(1209.2795, people) == "1,209"
    assert measure_value_text(1209.2795, chosen) == "1,209.280"
    assert measure_value_text(0.0278, percent, extra=1) == "0.03"
    assert measure_value_text(None, percent) == ""
    # Anything with shown_decimals will do (core knows no Measure).
    assert measure_value_text(2.5, SimpleNamespace(shown_decimals=0)) == "3"  # halves round up


@pytest.mark.parametrize(
    ("unit", "decimals"),
    [
        ("%", 1),
        ("share (0–1)", 3),
        ("people", 0),
        ("crimes", 0),
        ("ratio (Scotland = 100)", 0),
        ("£ per week", 0),
        ("per 10,000 working-age population", 1),
        ("per 100,000 population (age-standardised)", 1),
        ("tonnes CO2 per person", 1),
        ("index (2010 = 100)", 1),
        ("score (0–10)", 1),
        ("average tariff score", 1),
        ("minutes", 1),
        ("years", 1),
        ("number of households", 0),
        ("visits", 1),  # nothing matches: one place
        ("", 1),
    ],
)
def test_default_decimals_of_a_unit(unit, decimals):
    assert default_decimals(unit) == decimals


def test_every_shipped_unit_has_a_deliberate_default():
    """The units of the measures Placeplan loads, each with the places chosen for it."""
    shipped = {row[4] for row in SIMD_INDICATORS} | set(CPOP_UNITS.values())
    assert {unit: default_decimals(unit) for unit in shipped} == {
        "%": 1,
        "share (0–1)": 3,
        "people": 0,
        "crimes": 0,
        "ratio (Scotland = 100)": 0,
        "£ per week": 0,
        "minutes": 1,
        "score": 1,
        "score (0–10)": 1,
        "average tariff score": 1,
        "index (2010 = 100)": 1,
        "tonnes CO2 per person": 1,
        "per 10,000 population": 1,
        "per 10,000 working-age population": 1,
        "per 100,000 population": 1,
        "per 100,000 population aged 65+": 1,
        "per 100,000 population (age-standardised)": 1,
    }


def test_a_measures_own_decimals_win_over_its_units():
    assert Measure(unit="people").shown_decimals == 0
    assert Measure(unit="people", decimals=2).shown_decimals == 2
    assert Measure(unit="%", decimals=0).shown_decimals == 0
