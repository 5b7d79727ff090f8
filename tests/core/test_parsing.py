"""The parsing helpers every view, form and URL pattern reads identifiers, numbers and
dates through: what they take, and what they refuse instead of crashing."""

import datetime

import pytest
from django.urls import resolve
from django.urls.exceptions import Resolver404

from placeplan.core.forms import date_field
from placeplan.core.parsing import (
    DATE_MAX,
    DATE_MIN,
    ID_MAX,
    IdConverter,
    parse_date,
    parse_id,
    parse_int,
)


@pytest.mark.parametrize("value, expected", [("1", 1), ("42", 42), (str(ID_MAX), ID_MAX), (7, 7)])
def test_parse_id_takes_ids_in_the_database_range(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        None, "", " 1", "1 ", "0", "-1", "+1", "1.0", "1e3", "0x10", "1_000",
        "²",  # "²".isdigit() is True; int("²") raises
        "١٢٣",  # Arabic-Indic digits: int() reads them
        "１２",  # fullwidth digits
        str(ID_MAX + 1), "99999999999999999999", "9" * 5000,
        True, 0, -5, 2**63, 1.0,
    ],
)  # fmt: skip
def test_parse_id_refuses_what_cannot_be_an_id(value):
    assert parse_id(value) is None


def test_parse_int_keeps_to_its_bounds():
    assert parse_int("-3", minimum=-5, maximum=5) == -3
    assert parse_int("6", minimum=-5, maximum=5) is None
    assert parse_int("٣", minimum=0, maximum=9) is None


@pytest.mark.parametrize(
    "value, expected",
    [
        ("1990-01-01", DATE_MIN),
        ("2100-12-31", DATE_MAX),
        ("2026-11-23", datetime.date(2026, 11, 23)),
        (datetime.date(2026, 1, 2), datetime.date(2026, 1, 2)),
    ],
)
def test_parse_date_takes_dates_in_the_era(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        None, "", "0001-01-01", "1989-12-31", "2101-01-01", "9999-12-31", "2024-02-30",
        "2024-2-3", "20240203", "٢٠٢٤-٠٢-٠٣", "2024-02-03T10:00", " 2024-02-03",
        datetime.date(1, 1, 1), datetime.datetime(2026, 1, 1),
    ],
)  # fmt: skip
def test_parse_date_refuses_dates_outside_the_era_or_not_dates(value):
    assert parse_date(value) is None


@pytest.mark.parametrize("day", ["0001-01-01", "1989-12-31", "2101-01-01", "9999-12-31"])
def test_every_form_date_field_refuses_dates_outside_the_era(day):
    field = date_field("Date of the meeting")
    with pytest.raises(Exception) as refused:
        field.clean(day)
    assert refused.value.messages == ["Enter a date between 1 January 1990 and 31 December 2100"]


def test_the_date_field_tells_the_browser_its_bounds():
    html = date_field("Due date").widget.render("due", None)
    assert 'min="1990-01-01"' in html and 'max="2100-12-31"' in html


def test_the_id_converter_refuses_out_of_range_ids():
    converter = IdConverter()
    assert converter.to_python("12") == 12
    for value in ("0", str(ID_MAX + 1), "99999999999999999999"):
        with pytest.raises(ValueError):
            converter.to_python(value)


@pytest.mark.parametrize("pk", ["0", "2147483648", "99999999999999999999", "%C2%B2"])
def test_out_of_range_ids_in_paths_match_no_page(pk):
    with pytest.raises(Resolver404):
        resolve(f"/areas/S12000017/meetings/{pk}/")
    assert resolve("/areas/S12000017/meetings/2147483647/").kwargs["pk"] == ID_MAX


@pytest.mark.django_db
@pytest.mark.parametrize("pk", ["0", "2147483648", "99999999999999999999"])
def test_out_of_range_ids_in_paths_are_the_site_404(client, pk):
    response = client.get(f"/areas/S12000017/meetings/{pk}/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
