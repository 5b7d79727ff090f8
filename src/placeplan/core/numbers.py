"""How numbers are written for people, in one place."""


def number_text(value: float) -> str:
    """A value as people write it: in full (never in scientific notation), rounded to at
    most four decimal places, without trailing zeros."""
    text = f"{round(value, 4):.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


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
