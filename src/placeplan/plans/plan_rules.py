"""The rules a plan keeps, as pure functions over plain values (no database)."""

from __future__ import annotations

import datetime

from placeplan.core.numbers import number_text

__all__ = ["number_text", "range_problem", "target_problem", "transition_problem"]

# Audit Scotland, "Improving community planning in Scotland" (2013), paragraph 42.
PRIORITY_FINDING = (
    "Audit Scotland found that in many Single Outcome Agreements “because everything has "
    "been a priority, nothing has been a priority”"
)

TRANSITIONS = {
    "draft": {"agreed"},
    "agreed": {"published"},
    "published": {"superseded"},
    "superseded": set(),
}


def target_problem(
    *, higher_is_better: bool | None, baseline: float | None, value: float, unit: str = ""
) -> str | None:
    """Why a target cannot be set, or None. A target must be on the improving side of the
    baseline (or equal to it, to hold a level) for the indicator's direction."""
    if baseline is None:
        return "Record the baseline first: a target is measured from it."
    if higher_is_better is None:
        return None
    unit_text = f" {unit}" if unit and unit != "%" else unit
    if higher_is_better and value < baseline:
        return (
            f"Higher is better for this indicator, so a target of {number_text(value)}{unit_text} "
            f"would be a fall from the baseline of {number_text(baseline)}{unit_text}. "
            "Set a target at or above the baseline."
        )
    if not higher_is_better and value > baseline:
        return (
            f"Lower is better for this indicator, so a target of {number_text(value)}{unit_text} "
            f"would be a rise from the baseline of {number_text(baseline)}{unit_text}. "
            "Set a target at or below the baseline."
        )
    return None


def target_date_problem(
    *,
    due: datetime.date,
    plan_start: datetime.date,
    plan_end: datetime.date,
    baseline_label: str = "",
    baseline_end: datetime.date | None = None,
) -> str | None:
    """Why a target cannot be due on ``due``, or None: a target is due after the end of
    its baseline's period, and within the plan's period."""
    if baseline_end is not None and due <= baseline_end:
        return (
            f"A target is due after its baseline ({baseline_label}, which ends "
            f"{baseline_end:%-d %B %Y}): choose a later date."
        )
    if not plan_start <= due <= plan_end:
        return (
            f"A target is due within the plan's period, {plan_start:%-d %B %Y} to "
            f"{plan_end:%-d %B %Y}: choose a date in it."
        )
    return None


def range_problem(*, value: float, valid_min: float | None, valid_max: float | None) -> str | None:
    """Why a value is impossible for the indicator's scale, or None."""
    if valid_min is not None and value < valid_min:
        return f"The value cannot be below {number_text(valid_min)} for this indicator."
    if valid_max is not None and value > valid_max:
        return f"The value cannot be above {number_text(valid_max)} for this indicator."
    return None


def transition_problem(current: str, wanted: str) -> str | None:
    """Why a plan cannot move from one status to another, or None."""
    if wanted in TRANSITIONS.get(current, set()):
        return None
    if wanted == "published" and current == "draft":
        return "A draft plan must be agreed before it is published."
    if current in ("published", "superseded") and wanted in ("agreed", "draft"):
        return (
            f"This version is {current} and cannot change. Amend it to start a new draft version."
        )
    article = "An" if current[0] in "aeiou" else "A"
    return f"{article} {current} plan cannot become {wanted}."
