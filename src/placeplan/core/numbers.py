"""How numbers are written for people, in one place."""

import math
from decimal import ROUND_HALF_UP, Decimal


def number_text(value: float, decimals: int | None = None) -> str:
    """A value as people write it, in full (never in scientific notation).

    With ``decimals``, rounded to exactly that many decimal places with thousands
    separators: ``number_text(1209.2795, 1)`` is "1,209.3". This is how every measure's
    value is shown on a page, report or pack (``measure_value_text``). Without, rounded to
    at most four decimal places and without trailing zeros or separators, as a value a
    person typed is repeated back to them ("a target of 12.5").
    """
    if decimals is not None and not math.isfinite(value):
        return "–"
    if decimals is not None:
        # Halves round up, as people round by hand (2.5 → 3, not Python's 2), from the
        # value's shortest decimal form (1209.2795, not the float just below it).
        rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
        text = f"{rounded:,.{decimals}f}"
        # -0.0 rounds to "-0.0": a value that rounds to zero has no sign.
        return text.lstrip("-") if text.strip("-0.,") == "" else text
    text = f"{round(value, 4):.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def measure_value_text(value: float | None, measure, *, extra: int = 0) -> str:
    """A measure's value as shown on every page, report and pack: rounded to the
    measure's decimal places (``Measure.shown_decimals``, plus ``extra`` for a figure
    finer than a value, such as a tolerance), with thousands separators; empty for no
    value. Downloads keep full precision and do not use it."""
    if value is None or value == "":
        return ""
    return number_text(float(value), measure.shown_decimals + extra)


def percent_text(share: float | None) -> str:
    """A share (0 to 1) as a whole percentage, as people write it ("67%"); a dash for no
    share at all."""
    return "–" if share is None else f"{round(share * 100)}%"


def change_text(percent: float | None) -> str:
    """A change in per cent, signed and to one decimal place ("+1.8%", "−98.1%", "0.0%");
    a dash for no change worked out."""
    if percent is None:
        return "–"
    rounded = round(percent, 1)
    if rounded == 0:
        return "0.0%"
    return f"{'+' if rounded > 0 else '−'}{abs(rounded):.1f}%"


def pounds_text(value, *, exact: bool = False) -> str:
    """An amount in whole pounds as people write it ("£12,500"); a dash for none. With
    ``exact``, to the penny when it has pence ("£12,500.05", and "£12,500" when it has
    none): resources are entered and summed in pounds and pence. Every amount of money a
    page, form, message or file shows is written by this."""
    if value is None or value == "":
        return "–"
    if exact:
        amount = Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        sign = "-" if amount < 0 else ""
        if amount != amount.to_integral_value():
            return f"{sign}£{abs(amount):,.2f}"
        return f"{sign}£{abs(amount):,.0f}"
    return f"£{number_text(float(value), 0)}"
