"""The pure rules a plan keeps: numbers as people write them, targets on the improving side
of the baseline, values within the indicator's scale, and which status changes are allowed."""

import pytest

from placeplan.plans import plan_rules
from placeplan.plans.plan_rules import (
    number_text,
    range_problem,
    target_problem,
    transition_problem,
)

# --- number_text ---


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (10.0, "10"),
        (10, "10"),
        (0.0, "0"),
        (0.5, "0.5"),
        (12.50, "12.5"),
        (18.88276947285602, "18.8828"),  # at most four decimal places, rounded
        (3.14159, "3.1416"),
        (2.00004, "2"),
        (-4.25, "-4.25"),
        (100.0, "100"),
        (99999.0, "99999"),
    ],
)
def test_number_text_drops_trailing_zeros_and_keeps_four_places(value, text):
    assert number_text(value) == text


@pytest.mark.parametrize(
    ("value", "text"), [(1234567.0, "1234567"), (12345.678, "12345.678"), (250000.5, "250000.5")]
)
def test_number_text_writes_large_values_in_full(value, text):
    assert number_text(value) == text


# --- target_problem ---


def test_target_needs_a_baseline_first():
    problem = target_problem(higher_is_better=False, baseline=None, value=10)
    assert problem == "Record the baseline first: a target is measured from it."


def test_target_needs_a_baseline_even_without_a_direction():
    assert target_problem(higher_is_better=None, baseline=None, value=10) is not None


def test_lower_is_better_refuses_a_target_above_the_baseline():
    # Child poverty at 20% cannot have a target of 25%: that would be a rise.
    problem = target_problem(higher_is_better=False, baseline=20, value=25, unit="%")
    assert problem == (
        "Lower is better for this indicator, so a target of 25% would be a rise from the "
        "baseline of 20%. Set a target at or below the baseline."
    )


@pytest.mark.parametrize("value", [15, 20, 0])
def test_lower_is_better_accepts_a_target_at_or_below_the_baseline(value):
    assert target_problem(higher_is_better=False, baseline=20, value=value, unit="%") is None


def test_higher_is_better_refuses_a_target_below_the_baseline():
    # Positive destinations at 92.5% cannot aim for 90%.
    problem = target_problem(higher_is_better=True, baseline=92.5, value=90, unit="%")
    assert problem == (
        "Higher is better for this indicator, so a target of 90% would be a fall from the "
        "baseline of 92.5%. Set a target at or above the baseline."
    )


@pytest.mark.parametrize("value", [92.5, 95, 100])
def test_higher_is_better_accepts_a_target_at_or_above_the_baseline(value):
    assert target_problem(higher_is_better=True, baseline=92.5, value=value) is None


def test_units_other_than_percent_are_written_after_a_space():
    problem = target_problem(higher_is_better=True, baseline=650, value=600, unit="£ per week")
    assert "a target of 600 £ per week would be a fall from the baseline of 650 £ per week" in (
        problem
    )


def test_no_unit_adds_nothing():
    problem = target_problem(higher_is_better=False, baseline=3, value=4)
    assert "a target of 4 would be a rise from the baseline of 3." in problem


def test_values_in_the_message_are_written_as_people_write_them():
    problem = target_problem(higher_is_better=False, baseline=18.88276947285602, value=19.0)
    assert "a target of 19 would be a rise from the baseline of 18.8828" in problem


@pytest.mark.parametrize("value", [-100, 0, 50, 1e6])
def test_no_direction_accepts_any_target_once_there_is_a_baseline(value):
    assert target_problem(higher_is_better=None, baseline=50, value=value) is None


# --- range_problem ---


@pytest.mark.parametrize("value", [0, 0.01, 55.5, 100])
def test_range_accepts_values_within_the_scale_including_its_ends(value):
    assert range_problem(value=value, valid_min=0, valid_max=100) is None


def test_range_refuses_a_value_above_the_maximum():
    assert range_problem(value=100.5, valid_min=0, valid_max=100) == (
        "The value cannot be above 100 for this indicator."
    )


def test_range_refuses_a_value_below_the_minimum():
    assert range_problem(value=-1, valid_min=0, valid_max=100) == (
        "The value cannot be below 0 for this indicator."
    )


def test_range_without_limits_accepts_anything():
    assert range_problem(value=-5e9, valid_min=None, valid_max=None) is None
    assert range_problem(value=5e9, valid_min=None, valid_max=None) is None


def test_range_with_only_a_minimum():
    assert range_problem(value=5e9, valid_min=0, valid_max=None) is None
    assert range_problem(value=-0.5, valid_min=0, valid_max=None) == (
        "The value cannot be below 0 for this indicator."
    )


# --- transition_problem ---


@pytest.mark.parametrize(
    ("current", "wanted"),
    [("draft", "agreed"), ("agreed", "published"), ("published", "superseded")],
)
def test_the_allowed_transitions(current, wanted):
    assert transition_problem(current, wanted) is None


def test_every_other_transition_is_refused():
    statuses = ["draft", "agreed", "published", "superseded"]
    allowed = {("draft", "agreed"), ("agreed", "published"), ("published", "superseded")}
    for current in statuses:
        for wanted in statuses:
            problem = transition_problem(current, wanted)
            if (current, wanted) in allowed:
                assert problem is None
            else:
                assert problem, (current, wanted)


def test_a_draft_must_be_agreed_before_it_is_published():
    assert transition_problem("draft", "published") == (
        "A draft plan must be agreed before it is published."
    )


@pytest.mark.parametrize("current", ["published", "superseded"])
@pytest.mark.parametrize("wanted", ["agreed", "draft"])
def test_published_and_superseded_versions_must_be_amended(current, wanted):
    problem = transition_problem(current, wanted)
    assert problem == (
        f"This version is {current} and cannot change. Amend it to start a new draft version."
    )


def test_a_superseded_version_never_changes_again():
    assert plan_rules.TRANSITIONS["superseded"] == set()
    assert transition_problem("superseded", "published") == (
        "A superseded plan cannot become published."
    )


def test_a_draft_cannot_jump_to_superseded():
    assert transition_problem("draft", "superseded") == "A draft plan cannot become superseded."


def test_refusal_for_an_agreed_plan_reads_as_english():
    assert transition_problem("agreed", "agreed").startswith("An agreed plan")


# --- the finding quoted when a plan has too many priorities ---


def test_priority_finding_quotes_audit_scotland():
    assert "Audit Scotland" in plan_rules.PRIORITY_FINDING
    assert "everything has been a priority, nothing has been a priority" in (
        plan_rules.PRIORITY_FINDING
    )
