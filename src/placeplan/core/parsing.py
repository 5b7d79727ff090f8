"""Reading identifiers, numbers and dates from paths, query strings and forms, within
bounds that make sense for the field. Anything else is refused as "not given" (``None``)
or a form error, never an exception deep in date arithmetic or the database driver.

Why not ``str.isdigit`` and ``int``: ``"²".isdigit()`` is true and ``int("²")`` fails;
``int("٣")`` (Arabic-Indic three) succeeds and ``int("9" * 30)`` overflows every
database's integer column. Why era bounds on dates: ``date.min - timedelta(1)`` and a
year-1 datetime in local time both raise ``OverflowError``, and no community planning
business happened before 1990 or is planned past 2100.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError

#: Database ids: positive and within a 32-bit signed integer (Django's ``AutoField`` on
#: PostgreSQL; SQLite's rowid is larger, but no Placeplan table comes near).
ID_MIN = 1
ID_MAX = 2**31 - 1

#: The era of community planning (the Local Government in Scotland Act 2003 and the
#: Community Empowerment Act 2015 sit well inside it), with room either side.
DATE_MIN = datetime.date(1990, 1, 1)
DATE_MAX = datetime.date(2100, 12, 31)

_ASCII_INTEGER = re.compile(r"-?[0-9]{1,18}")  # [0-9], not \d: \d matches every script
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_int(value: object, *, minimum: int, maximum: int) -> int | None:
    """``value`` as an integer written in ASCII digits within ``minimum``..``maximum``,
    else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _ASCII_INTEGER.fullmatch(value):
        number = int(value)
    else:
        return None
    return number if minimum <= number <= maximum else None


def parse_id(value: object) -> int | None:
    """A database id from a path or query string, or ``None`` for anything that cannot
    be one (empty, not ASCII digits, zero, negative, beyond the database's range)."""
    return parse_int(value, minimum=ID_MIN, maximum=ID_MAX)


def parse_date(
    value: object, *, minimum: datetime.date = DATE_MIN, maximum: datetime.date = DATE_MAX
) -> datetime.date | None:
    """A ``YYYY-MM-DD`` date within the era of community planning, else ``None``."""
    if isinstance(value, datetime.datetime):
        return None
    if isinstance(value, datetime.date):
        day = value
    elif isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            return None
    else:
        return None
    return day if minimum <= day <= maximum else None


def in_era(day: datetime.date) -> bool:
    """Whether a stored date is one date arithmetic and local time can safely work on."""
    return DATE_MIN <= day <= DATE_MAX


def validate_era_date(value: datetime.date) -> None:
    """Form and model validator: a date (or the day of a datetime) in the era."""
    day = value.date() if isinstance(value, datetime.datetime) else value
    if day < DATE_MIN or day > DATE_MAX:
        raise ValidationError(
            f"Enter a date between {DATE_MIN:%-d %B %Y} and {DATE_MAX:%-d %B %Y}",
            code="out_of_era",
        )


class IdConverter:
    """``<id:pk>`` in URL patterns: ASCII digits within the database's id range. Out of
    range is no match (a 404), not an ``OverflowError`` in the database driver."""

    regex = "[0-9]{1,10}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(f"{value!r} is not an id")
        return number

    def to_url(self, value: int | str) -> str:
        return str(value)


class YearConverter:
    """``<year:year>`` in URL patterns: a year of four ASCII digits (the year a financial
    year starts in, 2026 for 2026/27)."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return f"{int(value):04d}"
