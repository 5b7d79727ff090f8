"""How numbers are written for people, in one place."""


def number_text(value: float) -> str:
    """A value as people write it: in full (never in scientific notation), rounded to at
    most four decimal places, without trailing zeros."""
    text = f"{round(value, 4):.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
