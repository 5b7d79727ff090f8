"""Writes to plans: drafts change, agreed and published versions are frozen, agreement
needs complete commitments, targets keep to the improving side of the baseline."""

import contextlib
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from placeplan.performance.models import Measure
from placeplan.places.models import Area
from placeplan.plans import selectors, services
from placeplan.plans.models import Commitment, Outcome, OutcomeIndicator, Plan, Target

from .conftest import (
    AGREED_ON,
    COMMITMENT_DUE,
    PUBLISHED_ON,
    TARGET_DUE,
    add_commitment,
    add_outcome,
    agree,
    fresh,
    new_plan,
    publish,
)

pytestmark = pytest.mark.django_db
S = Plan.Status


def _messages(refused) -> str:
    return " ".join(refused.value.messages)


def _plan_counts(plan):
    return (
        Outcome.objects.filter(plan=plan).count(),
        OutcomeIndicator.objects.filter(outcome__plan=plan).count(),
        Target.objects.filter(indicator__outcome__plan=plan).count(),
        Commitment.objects.filter(outcome__plan=plan).count(),
    )


# --- plan_save ---


def test_plan_save_creates_a_first_draft(highland, board):
    plan = new_plan(highland, board, title="Fictional Glen Plan")
    stored = fresh(plan)
    assert stored.status == S.DRAFT
    assert stored.version == 1
    assert stored.series is not None
    assert stored.priority_limit == 5
    assert stored.amended_from is None
    assert stored.agreed_by is None and stored.agreed_on is None and stored.published_on is None


def test_plan_save_changes_a_draft(highland, board, chief_officers):
    plan = new_plan(highland, board)
    plan.title = "Fictional Highland Outcomes Plan, revised"
    plan.owning_body = chief_officers
    services.plan_save(plan=plan)
    stored = fresh(plan)
    assert stored.title == "Fictional Highland Outcomes Plan, revised"
    assert stored.owning_body == chief_officers
    assert stored.version == 1


def test_plan_save_refuses_a_body_of_another_partnership(highland, perth_body):
    before = Plan.objects.count()
    with pytest.raises(ValidationError) as refused:
        new_plan(highland, perth_body)
    assert refused.value.message_dict == {"owning_body": ["Choose a body of this partnership."]}
    assert Plan.objects.count() == before


def test_plan_save_refuses_a_locality_of_another_partnership(highland, board, perth_locality):
    before = Plan.objects.count()
    with pytest.raises(ValidationError) as refused:
        new_plan(highland, board, kind=Plan.Kind.LOCALITY, locality=perth_locality)
    assert refused.value.message_dict == {"locality": ["Choose a locality of this partnership."]}
    assert Plan.objects.count() == before


def test_a_locality_plan_needs_its_locality(highland, board):
    before = Plan.objects.count()
    with pytest.raises(ValidationError) as refused:
        new_plan(highland, board, kind=Plan.Kind.LOCALITY)
    assert refused.value.message_dict == {"locality": ["Choose the locality this plan is for."]}
    assert Plan.objects.count() == before


def test_a_locality_plan_for_a_locality_of_the_partnership(highland, board, highland_locality):
    plan = new_plan(highland, board, kind=Plan.Kind.LOCALITY, locality=highland_locality)
    assert fresh(plan).locality == highland_locality


def test_other_plans_do_not_keep_a_locality(highland, board, highland_locality):
    plan = new_plan(highland, board, kind=Plan.Kind.THEMATIC, locality=highland_locality)
    assert fresh(plan).locality is None


def test_a_plan_supports_only_its_partnerships_loip(highland, board, highland_locality):
    loip = new_plan(highland, board)
    thematic = new_plan(highland, board, kind=Plan.Kind.THEMATIC, title="Fictional Thematic")
    with pytest.raises(ValidationError) as refused:
        new_plan(
            highland,
            board,
            kind=Plan.Kind.LOCALITY,
            locality=highland_locality,
            supports_plan=thematic,
        )
    assert "supports_plan" in refused.value.message_dict
    plan = new_plan(
        highland, board, kind=Plan.Kind.LOCALITY, locality=highland_locality, supports_plan=loip
    )
    assert fresh(plan).supports_plan == loip


def test_a_plan_cannot_support_itself(highland, board):
    loip = new_plan(highland, board)
    loip.supports_plan = fresh(loip)
    with pytest.raises(ValidationError, match="cannot support itself"):
        services.plan_save(plan=loip)
    assert fresh(loip).supports_plan is None


def test_lowering_the_priority_limit_below_the_marked_outcomes_is_refused(highland, board):
    plan = new_plan(highland, board)
    for n in range(3):
        add_outcome(plan, f"Fictional priority outcome {n}", is_priority=True)
    plan.priority_limit = 2
    with pytest.raises(ValidationError) as refused:
        services.plan_save(plan=plan)
    assert refused.value.message_dict["priority_limit"] == [
        "3 outcomes are marked as priorities. Unmark some before lowering the limit to 2."
    ]
    assert fresh(plan).priority_limit == 5
    plan.priority_limit = 3
    services.plan_save(plan=plan)
    assert fresh(plan).priority_limit == 3


# --- Agreeing and publishing ---


def test_agreeing_records_who_and_when(built, board):
    agreed = agree(built.plan, board)
    stored = fresh(built.plan)
    assert agreed.status == stored.status == S.AGREED
    assert stored.agreed_by == board
    assert stored.agreed_on == AGREED_ON
    assert stored.published_on is None


def test_publishing_a_draft_is_refused(built):
    with pytest.raises(ValidationError) as refused:
        publish(built.plan)
    assert _messages(refused) == "A draft plan must be agreed before it is published."
    stored = fresh(built.plan)
    assert stored.status == S.DRAFT and stored.published_on is None


def test_agreeing_twice_is_refused(built, board, chief_officers):
    agree(built.plan, board)
    with pytest.raises(ValidationError, match="cannot become agreed"):
        agree(built.plan, chief_officers, on=datetime.date(2026, 6, 2))
    stored = fresh(built.plan)
    assert stored.agreed_by == board and stored.agreed_on == AGREED_ON


def test_agreeing_a_published_plan_says_to_amend_it(built, board):
    publish(agree(built.plan, board))
    with pytest.raises(ValidationError, match="Amend it to start a new draft version"):
        agree(built.plan, board)
    assert fresh(built.plan).status == S.PUBLISHED


def test_agreeing_with_a_date_in_the_future_is_refused(built, board):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        agree(built.plan, board, on=tomorrow)
    assert refused.value.message_dict == {
        "agreed_on": ["The date of agreement cannot be in the future."]
    }
    assert fresh(built.plan).status == S.DRAFT


def test_agreeing_today_is_allowed(built, board):
    agree(built.plan, board, on=timezone.localdate())
    assert fresh(built.plan).agreed_on == timezone.localdate()


def test_agreeing_by_a_body_of_another_partnership_is_refused(built, perth_body):
    with pytest.raises(ValidationError) as refused:
        agree(built.plan, perth_body)
    assert "agreed_by" in refused.value.message_dict
    assert fresh(built.plan).status == S.DRAFT


def test_agreeing_a_plan_without_outcomes_is_refused(highland, board):
    plan = new_plan(highland, board)
    with pytest.raises(ValidationError) as refused:
        agree(plan, board)
    assert _messages(refused) == (
        "The plan has no outcomes yet. Add its outcomes before it is agreed."
    )
    assert fresh(plan).status == S.DRAFT


def test_agreeing_is_refused_while_commitments_are_incomplete(built, board, highland_partners):
    no_partner = add_commitment(
        built.intermediate, "Fictional breakfast clubs in every ward", due=COMMITMENT_DUE
    )
    no_date = add_commitment(
        built.intermediate, "Fictional welfare rights surgeries", lead_partner=highland_partners[2]
    )
    neither = add_commitment(built.intermediate, "Fictional fuel vouchers")
    with pytest.raises(ValidationError) as refused:
        agree(built.plan, board)
    message = _messages(refused)
    assert message.startswith("3 commitments are incomplete: ")
    assert "“Fictional breakfast clubs in every ward” needs an accountable partner" in message
    assert "“Fictional welfare rights surgeries” needs a date" in message
    assert "“Fictional fuel vouchers” needs an accountable partner and a date" in message
    assert "“Income maximisation advice" not in message  # the complete one is not listed
    assert message.endswith(
        "Every commitment must say who is accountable and by when before the plan is agreed."
    )
    assert fresh(built.plan).status == S.DRAFT

    # Completing them lets the plan be agreed.
    no_partner.lead_partner = highland_partners[0]
    services.commitment_save(commitment=no_partner)
    no_date.due = COMMITMENT_DUE
    services.commitment_save(commitment=no_date)
    with pytest.raises(ValidationError, match="1 commitment is incomplete: “Fictional fuel"):
        agree(built.plan, board)
    services.commitment_remove(commitment=neither)
    agree(built.plan, board)
    assert fresh(built.plan).status == S.AGREED


def test_publishing_an_agreed_plan(built, board):
    agree(built.plan, board)
    published = publish(built.plan)
    stored = fresh(built.plan)
    assert published.status == stored.status == S.PUBLISHED
    assert stored.published_on == PUBLISHED_ON


def test_publishing_defaults_to_today(built, board):
    agree(built.plan, board)
    services.plan_publish(plan=built.plan)
    assert fresh(built.plan).published_on == timezone.localdate()


def test_publishing_before_the_date_of_agreement_is_refused(built, board):
    agree(built.plan, board)
    with pytest.raises(ValidationError) as refused:
        publish(built.plan, on=AGREED_ON - datetime.timedelta(days=1))
    assert "published_on" in refused.value.message_dict
    assert fresh(built.plan).status == S.AGREED


def test_publishing_twice_is_refused(built, board):
    publish(agree(built.plan, board))
    with pytest.raises(ValidationError, match="cannot become published"):
        publish(built.plan)
    assert fresh(built.plan).published_on == PUBLISHED_ON


# --- Frozen versions ---


def _edit_plan_details(b):
    plan = fresh(b.plan)
    plan.title = "Fictional changed title"
    services.plan_save(plan=plan)


def _add_outcome(b):
    add_outcome(fresh(b.plan), "A fictional new outcome")


def _change_outcome(b):
    outcome = fresh(b.long_term)
    outcome.statement = "A fictional changed statement"
    services.outcome_save(outcome=outcome)


def _mark_priority(b):
    outcome = fresh(b.long_term)
    outcome.is_priority = True
    services.outcome_save(outcome=outcome)


def _remove_outcome(b):
    services.outcome_remove(outcome=fresh(b.intermediate))


def _add_indicator(b):
    services.indicator_add(
        outcome=fresh(b.intermediate),
        measure=Measure.objects.get(name="Positive Destinations", partnership__isnull=True),
        area=b.plan.partnership.council_area,
    )


def _set_baseline(b):
    services.indicator_baseline_set(indicator=fresh(b.indicator), value=19.0, period="2022/23")


def _set_gap_target(b):
    services.indicator_gap_target_set(
        indicator=fresh(b.indicator), reduction=50, by=datetime.date(2030, 3, 31)
    )


def _remove_indicator(b):
    services.indicator_remove(indicator=fresh(b.indicator))


def _add_target(b):
    services.target_add(indicator=fresh(b.indicator), value=10.0, due=datetime.date(2033, 3, 31))


def _remove_target(b):
    services.target_remove(target=Target.objects.get(indicator=b.indicator))


def _add_commitment(b):
    add_commitment(fresh(b.intermediate), "A fictional extra commitment")


def _change_commitment(b):
    commitment = fresh(b.commitment)
    commitment.what = "A fictional changed commitment"
    services.commitment_save(commitment=commitment)


def _remove_commitment(b):
    services.commitment_remove(commitment=fresh(b.commitment))


EDITS = [
    _edit_plan_details,
    _add_outcome,
    _change_outcome,
    _mark_priority,
    _remove_outcome,
    _add_indicator,
    _set_baseline,
    _set_gap_target,
    _remove_indicator,
    _add_target,
    _remove_target,
    _add_commitment,
    _change_commitment,
    _remove_commitment,
]


def _value(instance, field):
    return type(instance).objects.filter(pk=instance.pk).values_list(field, flat=True).first()


def _snapshot(b):
    return (
        _plan_counts(b.plan),
        _value(b.plan, "title"),
        _value(b.plan, "status"),
        _value(b.long_term, "statement"),
        _value(b.long_term, "is_priority"),
        _value(b.indicator, "baseline_value"),
        _value(b.indicator, "gap_reduction"),
        _value(b.commitment, "what"),
    )


@pytest.mark.parametrize("status", [S.AGREED, S.PUBLISHED])
@pytest.mark.parametrize("edit", EDITS, ids=[e.__name__.strip("_") for e in EDITS])
def test_agreed_and_published_versions_are_frozen(built, board, status, edit):
    agree(built.plan, board)
    if status == S.PUBLISHED:
        publish(built.plan)
    before = _snapshot(built)
    with pytest.raises(ValidationError) as refused:
        edit(built)
    message = _messages(refused)
    assert "Amend it to start a new draft version" in message
    assert f"is {status.label.lower()} and frozen" in message
    assert _snapshot(built) == before


@pytest.mark.parametrize("edit", EDITS, ids=[e.__name__.strip("_") for e in EDITS])
def test_the_same_edits_work_on_a_draft(built, edit):
    before = _snapshot(built)
    edit(built)
    assert _snapshot(built) != before


def test_a_stale_copy_of_the_plan_cannot_edit_an_agreed_version(built, board):
    stale = built.plan  # loaded while it was a draft
    agree(fresh(built.plan), board)
    with pytest.raises(ValidationError):
        add_outcome(stale, "A fictional outcome added after agreement")
    assert not Outcome.objects.filter(statement="A fictional outcome added after agreement")


# --- Versions ---


def _amendable(build, board, national_outcomes, policy_priorities, highland_partners):
    b = build()
    b.intermediate.national_outcomes.set(national_outcomes[:2])
    b.intermediate.policy_priorities.set(policy_priorities[:1])
    b.intermediate.is_priority = True
    services.outcome_save(outcome=b.intermediate)
    services.indicator_gap_target_set(
        indicator=b.indicator, reduction=50, by=datetime.date(2031, 3, 31)
    )
    b.commitment.contributing_partners.set(highland_partners[1:3])
    return b


def test_amending_copies_everything_keeping_keys(
    build, board, national_outcomes, policy_priorities, highland_partners
):
    b = _amendable(build, board, national_outcomes, policy_priorities, highland_partners)
    publish(agree(b.plan, board))
    draft = services.plan_amend(plan=b.plan)

    assert draft.pk != b.plan.pk
    assert (draft.series, draft.version, draft.status) == (b.plan.series, 2, S.DRAFT)
    assert draft.amended_from_id == b.plan.pk
    assert draft.agreed_by is None and draft.agreed_on is None and draft.published_on is None
    assert (draft.title, draft.period_start, draft.period_end, draft.owning_body) == (
        b.plan.title,
        b.plan.period_start,
        b.plan.period_end,
        b.plan.owning_body,
    )
    assert _plan_counts(draft) == _plan_counts(b.plan) == (2, 1, 1, 1)

    old = {o.key: o for o in Outcome.objects.filter(plan=b.plan)}
    new = {o.key: o for o in Outcome.objects.filter(plan=draft)}
    assert old.keys() == new.keys()
    for key, copy in new.items():
        original = old[key]
        assert copy.pk != original.pk
        assert (copy.statement, copy.theme, copy.lead_body_id, copy.is_priority, copy.number) == (
            original.statement,
            original.theme,
            original.lead_body_id,
            original.is_priority,
            original.number,
        )
        assert set(copy.national_outcomes.all()) == set(original.national_outcomes.all())
        assert set(copy.policy_priorities.all()) == set(original.policy_priorities.all())
    intermediate = new[b.intermediate.key]
    assert intermediate.parent == new[b.long_term.key]  # the parent is the copy, not v1's
    assert set(intermediate.national_outcomes.all()) == set(national_outcomes[:2])

    indicator = OutcomeIndicator.objects.get(outcome__plan=draft)
    assert indicator.key == b.indicator.key and indicator.pk != b.indicator.pk
    assert indicator.outcome == intermediate
    assert (indicator.measure, indicator.area, indicator.baseline_value) == (
        b.indicator.measure,
        b.indicator.area,
        20.0,
    )
    assert (indicator.baseline_period, indicator.gap_reduction, indicator.gap_by) == (
        "2021/22",
        50,
        datetime.date(2031, 3, 31),
    )
    assert [(t.value, t.due) for t in indicator.targets.all()] == [(15.0, TARGET_DUE)]

    commitment = Commitment.objects.get(outcome__plan=draft)
    assert commitment.key == b.commitment.key and commitment.pk != b.commitment.pk
    assert commitment.outcome == intermediate
    assert commitment.indicator == indicator  # points at the copy
    assert commitment.lead_partner == b.commitment.lead_partner
    assert commitment.due == COMMITMENT_DUE
    assert set(commitment.contributing_partners.all()) == set(highland_partners[1:3])

    # The published version is untouched.
    assert fresh(b.plan).status == S.PUBLISHED
    assert fresh(b.commitment).indicator == b.indicator
    assert OutcomeIndicator.objects.filter(outcome__plan=b.plan).get() == b.indicator


def test_amending_copies_what_a_locality_plan_supports(build, highland, board, highland_locality):
    loip = build().plan
    loip_outcome = Outcome.objects.get(plan=loip, parent=None)
    local = new_plan(
        highland,
        board,
        title="Fictional Glen Locality Plan",
        kind=Plan.Kind.LOCALITY,
        locality=highland_locality,
        supports_plan=loip,
    )
    priority = services.outcome_save(
        outcome=Outcome(plan=local, statement="Fictional warm homes in the glen"),
        supports=[loip_outcome],
    )
    publish(agree(local, board))
    draft = services.plan_amend(plan=local)
    copy = Outcome.objects.get(plan=draft)
    assert copy.key == priority.key
    assert list(copy.supports.all()) == [loip_outcome]
    assert draft.locality == highland_locality and draft.supports_plan == loip


def test_an_agreed_plan_can_be_amended(built, board):
    agree(built.plan, board)
    draft = services.plan_amend(plan=built.plan)
    assert draft.version == 2 and draft.status == S.DRAFT
    assert fresh(built.plan).status == S.AGREED


def test_only_one_draft_per_plan(built, board):
    publish(agree(built.plan, board))
    services.plan_amend(plan=built.plan)
    with pytest.raises(ValidationError) as refused:
        services.plan_amend(plan=built.plan)
    assert _messages(refused).startswith("Version 2 is already a draft amendment of this plan.")
    assert Plan.objects.filter(series=built.plan.series).count() == 2


def test_a_draft_cannot_be_amended(built):
    with pytest.raises(ValidationError) as refused:
        services.plan_amend(plan=built.plan)
    assert _messages(refused) == "This version is still a draft: change it directly."
    assert Plan.objects.filter(series=built.plan.series).count() == 1


def test_a_superseded_version_cannot_be_amended(built, board):
    publish(agree(built.plan, board))
    v2 = services.plan_amend(plan=built.plan)
    publish(agree(v2, board, on=datetime.date(2026, 8, 1)), on=datetime.date(2026, 8, 2))
    assert fresh(built.plan).status == S.SUPERSEDED
    with pytest.raises(ValidationError) as refused:
        services.plan_amend(plan=built.plan)
    assert _messages(refused) == "Only the agreed or published version can be amended."
    assert Plan.objects.filter(series=built.plan.series).count() == 2


def test_publishing_version_2_supersedes_version_1(built, board):
    publish(agree(built.plan, board))
    v2 = services.plan_amend(plan=built.plan)
    v2.title = "Fictional Highland Outcomes Plan (amended)"
    services.plan_save(plan=v2)
    agree(v2, board, on=datetime.date(2026, 9, 1))
    assert fresh(built.plan).status == S.PUBLISHED  # agreeing alone replaces nothing
    publish(v2, on=datetime.date(2026, 9, 2))
    assert fresh(built.plan).status == S.SUPERSEDED
    assert fresh(built.plan).published_on == PUBLISHED_ON  # history kept
    assert fresh(v2).status == S.PUBLISHED
    assert selectors.plan_published_version(plan=built.plan) == v2
    # A third version can be started from the published second one.
    v3 = services.plan_amend(plan=v2)
    assert (v3.version, v3.amended_from_id, v3.title) == (3, v2.pk, v2.title)


def test_publishing_an_older_version_never_supersedes_a_newer_one(built, board):
    agree(built.plan, board)  # version 1 agreed, never published
    v2 = services.plan_amend(plan=built.plan)
    publish(agree(v2, board, on=datetime.date(2026, 8, 1)), on=datetime.date(2026, 8, 2))
    with contextlib.suppress(ValidationError):
        publish(built.plan, on=datetime.date(2026, 9, 1))
    assert selectors.plan_published_version(plan=v2) == v2
    assert fresh(v2).status == S.PUBLISHED


def test_publishing_with_a_date_in_the_future_is_refused(built, board):
    agree(built.plan, board)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with contextlib.suppress(ValidationError):
        publish(built.plan, on=tomorrow)
    assert fresh(built.plan).status == S.AGREED


def test_amending_starts_from_the_newest_version(built, board):
    publish(agree(built.plan, board))
    v2 = services.plan_amend(plan=built.plan)
    v2.title = "Fictional Highland Outcomes Plan (version 2 wording)"
    services.plan_save(plan=v2)
    agree(v2, board, on=datetime.date(2026, 8, 1))
    v3 = None
    with contextlib.suppress(ValidationError):
        v3 = services.plan_amend(plan=built.plan)
    assert v3 is None or (v3.amended_from_id, v3.title) == (v2.pk, v2.title)


# --- Priorities ---


def test_a_plan_allows_five_priorities_by_default(highland, board):
    plan = new_plan(highland, board)
    marked = [add_outcome(plan, f"Fictional priority {n}", is_priority=True) for n in range(5)]
    assert plan.priority_limit == 5
    before = Outcome.objects.filter(plan=plan).count()
    with pytest.raises(ValidationError) as refused:
        add_outcome(plan, "Fictional sixth priority", is_priority=True)
    message = refused.value.message_dict["is_priority"][0]
    assert message.startswith("This plan allows at most 5 priorities and 5 are already marked")
    assert "“Fictional priority 0”" in message and "“Fictional priority 4”" in message
    assert "Audit Scotland" in message
    assert "everything has been a priority, nothing has been a priority" in message
    assert Outcome.objects.filter(plan=plan).count() == before

    # Re-saving one already marked does not count it twice.
    marked[0].statement = "Fictional priority 0, reworded"
    services.outcome_save(outcome=marked[0])
    assert fresh(marked[0]).statement == "Fictional priority 0, reworded"

    # Marking an existing outcome is refused too.
    other = add_outcome(plan, "Fictional not a priority")
    other.is_priority = True
    with pytest.raises(ValidationError, match="at most 5 priorities"):
        services.outcome_save(outcome=other)
    assert fresh(other).is_priority is False

    # Unmarking one frees a place.
    marked[1].is_priority = False
    services.outcome_save(outcome=marked[1])
    services.outcome_save(outcome=other)
    assert Outcome.objects.filter(plan=plan, is_priority=True).count() == 5


def test_raising_the_limit_allows_more_priorities(highland, board):
    plan = new_plan(highland, board)
    for n in range(5):
        add_outcome(plan, f"Fictional priority {n}", is_priority=True)
    plan.priority_limit = 6
    services.plan_save(plan=plan)
    add_outcome(fresh(plan), "Fictional sixth priority", is_priority=True)
    assert Outcome.objects.filter(plan=plan, is_priority=True).count() == 6


def test_the_limit_counts_intermediate_outcomes_too(highland, board):
    plan = new_plan(highland, board, priority_limit=1)
    top = add_outcome(plan, "Fictional long-term priority", is_priority=True)
    with pytest.raises(ValidationError, match="at most 1 priority and 1 is already marked"):
        add_outcome(plan, "Fictional intermediate priority", parent=top, is_priority=True)


# --- Indicators, baselines and targets ---


def _indicator(plan, measure, area):
    outcome = add_outcome(plan, "Fictional outcome with an indicator")
    return services.indicator_add(outcome=outcome, measure=measure, area=area)


@pytest.fixture
def poverty_indicator(highland, board, child_poverty, highland_area):
    indicator = _indicator(new_plan(highland, board), child_poverty, highland_area)
    services.indicator_baseline_set(indicator=indicator, value=20.0, period="2021/22")
    return indicator


def test_a_target_above_a_lower_is_better_baseline_is_refused(poverty_indicator):
    with pytest.raises(ValidationError) as refused:
        services.target_add(indicator=poverty_indicator, value=25.0, due=TARGET_DUE)
    assert refused.value.message_dict["value"] == [
        "Lower is better for this indicator, so a target of 25% would be a rise from the "
        "baseline of 20%. Set a target at or below the baseline."
    ]
    assert not poverty_indicator.targets.exists()


@pytest.mark.parametrize("value", [15.0, 20.0, 0.0])
def test_a_target_at_or_below_a_lower_is_better_baseline_is_accepted(poverty_indicator, value):
    target = services.target_add(indicator=poverty_indicator, value=value, due=TARGET_DUE)
    assert list(poverty_indicator.targets.values_list("value", "due")) == [(value, TARGET_DUE)]
    assert str(target) == f"{value:g} by March 2030"


AFTER_BASELINE = (
    "A target is due after its baseline (2021/22, which ends 31 March 2022): choose a later date."
)
WITHIN_PLAN = (
    "A target is due within the plan's period, 1 April 2026 to 31 March 2036: choose a date in it."
)


@pytest.mark.parametrize(
    ("due", "message"),
    [
        (datetime.date(2022, 3, 31), AFTER_BASELINE),
        (datetime.date(2019, 3, 31), AFTER_BASELINE),
        (datetime.date(2026, 3, 31), WITHIN_PLAN),
        (datetime.date(2036, 4, 1), WITHIN_PLAN),
    ],
)
def test_a_target_due_by_its_baseline_or_outside_the_plan_is_refused(
    poverty_indicator, due, message
):
    with pytest.raises(ValidationError) as refused:
        services.target_add(indicator=poverty_indicator, value=25.0, due=due)
    # Every problem at once: the value (a rise) and the date.
    assert refused.value.message_dict["due"] == [message]
    assert "value" in refused.value.message_dict
    assert not poverty_indicator.targets.exists()


@pytest.mark.parametrize("due", [datetime.date(2026, 4, 1), datetime.date(2036, 3, 31)])
def test_a_target_on_the_plans_first_or_last_day_is_accepted(poverty_indicator, due):
    services.target_add(indicator=poverty_indicator, value=15.0, due=due)
    assert list(poverty_indicator.targets.values_list("due", flat=True)) == [due]


def test_a_target_below_a_higher_is_better_baseline_is_refused(
    highland, board, positive_destinations, highland_area
):
    indicator = _indicator(new_plan(highland, board), positive_destinations, highland_area)
    services.indicator_baseline_set(indicator=indicator, value=92.5, period="2023/24")
    with pytest.raises(ValidationError, match="Higher is better .* a fall from the baseline"):
        services.target_add(indicator=indicator, value=90.0, due=TARGET_DUE)
    services.target_add(indicator=indicator, value=95.0, due=TARGET_DUE)
    assert list(indicator.targets.values_list("value", flat=True)) == [95.0]


def test_a_target_needs_a_baseline(highland, board, child_poverty, highland_area):
    indicator = _indicator(new_plan(highland, board), child_poverty, highland_area)
    with pytest.raises(ValidationError) as refused:
        services.target_add(indicator=indicator, value=10.0, due=TARGET_DUE)
    assert refused.value.message_dict["value"] == [
        "Record the baseline first: a target is measured from it."
    ]
    assert not indicator.targets.exists()


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (150.0, "The value cannot be above 100 for this indicator."),
        (-5.0, "The value cannot be below 0 for this indicator."),
    ],
)
def test_a_target_outside_the_scale_is_refused(poverty_indicator, value, problem):
    with pytest.raises(ValidationError) as refused:
        services.target_add(indicator=poverty_indicator, value=value, due=TARGET_DUE)
    assert refused.value.message_dict["value"] == [problem]
    assert not poverty_indicator.targets.exists()


def test_two_targets_for_the_same_date_are_refused(poverty_indicator):
    services.target_add(indicator=poverty_indicator, value=15.0, due=TARGET_DUE)
    with pytest.raises(ValidationError) as refused:
        services.target_add(indicator=poverty_indicator, value=12.0, due=TARGET_DUE)
    assert refused.value.message_dict["due"] == ["There is already a target for 31 March 2030."]
    assert list(poverty_indicator.targets.values_list("value", flat=True)) == [15.0]


def test_targets_for_several_dates(poverty_indicator):
    services.target_add(indicator=poverty_indicator, value=12.0, due=datetime.date(2033, 3, 31))
    services.target_add(indicator=poverty_indicator, value=16.0, due=TARGET_DUE)
    assert list(poverty_indicator.targets.values_list("value", flat=True)) == [16.0, 12.0]


def test_changing_the_baseline_to_put_a_target_on_the_wrong_side_is_refused(poverty_indicator):
    services.target_add(indicator=poverty_indicator, value=15.0, due=TARGET_DUE)
    with pytest.raises(ValidationError) as refused:
        services.indicator_baseline_set(indicator=poverty_indicator, value=12.0, period="2023/24")
    assert refused.value.message_dict["value"] == [
        "The target of 15 by March 2030 would then be on the wrong side of the baseline. "
        "Remove or change that target first."
    ]
    stored = fresh(poverty_indicator)
    assert (stored.baseline_value, stored.baseline_period) == (20.0, "2021/22")
    # A baseline that keeps the target on the improving side is accepted.
    services.indicator_baseline_set(indicator=poverty_indicator, value=17.5, period="2023/24")
    assert fresh(poverty_indicator).baseline_value == 17.5


def test_a_baseline_outside_the_scale_is_refused(poverty_indicator):
    with pytest.raises(ValidationError, match="cannot be above 100"):
        services.indicator_baseline_set(indicator=poverty_indicator, value=140.0, period="2023/24")
    assert fresh(poverty_indicator).baseline_value == 20.0


@pytest.mark.parametrize(("value", "period"), [(None, "2021/22"), (12.0, ""), (12.0, "   ")])
def test_an_entered_baseline_needs_a_value_and_a_period(poverty_indicator, value, period):
    with pytest.raises(ValidationError) as refused:
        services.indicator_baseline_set(indicator=poverty_indicator, value=value, period=period)
    assert "value" in refused.value.message_dict
    assert fresh(poverty_indicator).baseline_value == 20.0


def test_a_baseline_from_the_data_copies_value_period_and_estimate_flag(
    poverty_indicator, observations
):
    raw, estimate = observations
    services.indicator_baseline_set(indicator=poverty_indicator, observation=raw)
    stored = fresh(poverty_indicator)
    assert stored.baseline_value == raw.value
    assert stored.baseline_period == raw.period.label
    assert stored.baseline_observation == raw
    assert stored.baseline_is_estimate is False

    services.indicator_baseline_set(indicator=poverty_indicator, observation=estimate)
    stored = fresh(poverty_indicator)
    assert (stored.baseline_value, stored.baseline_period) == (
        estimate.value,
        estimate.period.label,
    )
    assert stored.baseline_observation == estimate
    assert stored.baseline_is_estimate is True

    # Entering a value by hand forgets the observation and the estimate flag.
    services.indicator_baseline_set(indicator=poverty_indicator, value=19.0, period="2024/25")
    stored = fresh(poverty_indicator)
    assert stored.baseline_observation is None and stored.baseline_is_estimate is False
    assert (stored.baseline_value, stored.baseline_period) == (19.0, "2024/25")


def test_a_baseline_from_another_area_is_refused(poverty_indicator, child_poverty, perth):
    elsewhere = child_poverty.observations.filter(area=perth.council_area).first()
    with pytest.raises(ValidationError) as refused:
        services.indicator_baseline_set(indicator=poverty_indicator, observation=elsewhere)
    assert _messages(refused) == "That value is for another indicator or area."
    stored = fresh(poverty_indicator)
    assert (stored.baseline_value, stored.baseline_observation) == (20.0, None)


def test_a_baseline_from_another_measure_is_refused(
    poverty_indicator, positive_destinations, highland_area
):
    other = positive_destinations.observations.filter(area=highland_area).first()
    with pytest.raises(ValidationError, match="another indicator or area"):
        services.indicator_baseline_set(indicator=poverty_indicator, observation=other)
    assert fresh(poverty_indicator).baseline_observation is None


def test_an_indicator_for_the_council_area_or_one_of_its_communities(
    highland, board, child_poverty, highland_area, highland_zone
):
    outcome = add_outcome(new_plan(highland, board), "Fictional outcome")
    whole = services.indicator_add(outcome=outcome, measure=child_poverty, area=highland_area)
    local = services.indicator_add(outcome=outcome, measure=child_poverty, area=highland_zone)
    assert {(i.area, i.measure) for i in outcome.indicators.all()} == {
        (highland_area, child_poverty),
        (highland_zone, child_poverty),
    }
    assert whole.baseline_value is None and local.targets.count() == 0


def test_an_indicator_outside_the_partnerships_area_is_refused(
    highland, board, child_poverty, perth
):
    outcome = add_outcome(new_plan(highland, board), "Fictional outcome")
    perth_zone = Area.objects.filter(
        council_area=perth.council_area, level=Area.Level.INTERMEDIATE_ZONE
    ).first()
    for area in (perth.council_area, perth_zone):
        with pytest.raises(ValidationError) as refused:
            services.indicator_add(outcome=outcome, measure=child_poverty, area=area)
        assert refused.value.message_dict["area"] == ["Choose Highland or one of its communities."]
    assert not outcome.indicators.exists()


def test_an_indicator_at_a_level_the_measure_is_not_reported_for_is_refused(
    highland, board, positive_destinations, child_poverty, highland_zone, highland_area
):
    outcome = add_outcome(new_plan(highland, board), "Fictional outcome")
    with pytest.raises(ValidationError) as refused:
        services.indicator_add(outcome=outcome, measure=positive_destinations, area=highland_zone)
    assert refused.value.message_dict["area"][0].startswith(
        "Positive Destinations is reported for: council area. Choose one of those, not "
    )
    data_zone = Area.objects.filter(council_area=highland_area, level=Area.Level.DATA_ZONE).first()
    with pytest.raises(ValidationError, match="Child Poverty is reported for: council area, "):
        services.indicator_add(outcome=outcome, measure=child_poverty, area=data_zone)
    assert not outcome.indicators.exists()


def test_the_same_indicator_twice_for_one_outcome_is_refused(
    highland, board, child_poverty, highland_area
):
    indicator = _indicator(new_plan(highland, board), child_poverty, highland_area)
    with pytest.raises(ValidationError) as refused:
        services.indicator_add(outcome=indicator.outcome, measure=child_poverty, area=highland_area)
    assert refused.value.message_dict["measure"] == [
        "This outcome already uses Child Poverty for Highland."
    ]
    assert indicator.outcome.indicators.count() == 1


def test_removing_an_indicator_takes_its_targets(poverty_indicator):
    services.target_add(indicator=poverty_indicator, value=15.0, due=TARGET_DUE)
    target = poverty_indicator.targets.get()
    services.indicator_remove(indicator=poverty_indicator)
    assert not OutcomeIndicator.objects.filter(pk=poverty_indicator.pk).exists()
    assert not Target.objects.filter(pk=target.pk).exists()


# --- Inequality (gap) targets ---


@pytest.mark.parametrize(
    ("reduction", "label"),
    [
        (
            50,
            "Halve the gap between the most and least deprived fifth of communities by March 2031",
        ),
        (
            100,
            "Close the gap between the most and least deprived fifth of communities by March 2031",
        ),
        (
            30,
            "Reduce by 30% the gap between the most and least deprived fifth of communities "
            "by March 2031",
        ),
    ],
)
def test_a_gap_target(poverty_indicator, reduction, label):
    services.indicator_gap_target_set(
        indicator=poverty_indicator, reduction=reduction, by=datetime.date(2031, 3, 31)
    )
    stored = fresh(poverty_indicator)
    assert (stored.gap_reduction, stored.gap_by) == (reduction, datetime.date(2031, 3, 31))
    assert stored.gap_target_label == label


@pytest.mark.parametrize("reduction", [0, 101, -10])
def test_a_gap_target_outside_1_to_100_is_refused(poverty_indicator, reduction):
    with pytest.raises(ValidationError) as refused:
        services.indicator_gap_target_set(
            indicator=poverty_indicator, reduction=reduction, by=datetime.date(2031, 3, 31)
        )
    assert refused.value.message_dict == {
        "gap_reduction": ["Enter a share of the gap from 1 to 100%."]
    }
    assert fresh(poverty_indicator).gap_reduction is None


def test_a_gap_target_needs_a_date(poverty_indicator):
    with pytest.raises(ValidationError) as refused:
        services.indicator_gap_target_set(indicator=poverty_indicator, reduction=50, by=None)
    assert refused.value.message_dict == {
        "gap_by": ["Enter the date by which the gap is to close."]
    }
    assert fresh(poverty_indicator).gap_reduction is None


def test_a_gap_target_can_be_cleared(poverty_indicator):
    services.indicator_gap_target_set(
        indicator=poverty_indicator, reduction=50, by=datetime.date(2031, 3, 31)
    )
    services.indicator_gap_target_set(
        indicator=poverty_indicator, reduction=None, by=datetime.date(2031, 3, 31)
    )
    stored = fresh(poverty_indicator)
    assert (stored.gap_reduction, stored.gap_by, stored.gap_target_label) == (None, None, "")


def test_the_tolerance_is_set_and_kept_in_the_history(poverty_indicator):
    assert poverty_indicator.tolerance == 5  # the default
    services.indicator_tolerance_set(indicator=poverty_indicator, tolerance=12)
    stored = fresh(poverty_indicator)
    assert stored.tolerance == 12
    assert [h.tolerance for h in stored.history.order_by("history_date")][-2:] == [5, 12]


@pytest.mark.parametrize("tolerance", [-1, 101])
def test_a_tolerance_outside_0_to_100_is_refused(poverty_indicator, tolerance):
    with pytest.raises(ValidationError) as refused:
        services.indicator_tolerance_set(indicator=poverty_indicator, tolerance=tolerance)
    assert refused.value.message_dict == {"tolerance": ["Enter a whole number from 0 to 100."]}
    assert fresh(poverty_indicator).tolerance == 5


def test_the_tolerance_of_a_frozen_version_cannot_change(world):
    with pytest.raises(ValidationError):
        services.indicator_tolerance_set(indicator=world.indicator, tolerance=20)
    assert fresh(world.indicator).tolerance == 5


# --- Outcomes ---


def test_outcomes_are_numbered_among_their_siblings(highland, board):
    plan = new_plan(highland, board)
    first = add_outcome(plan, "Fictional first")
    second = add_outcome(plan, "Fictional second")
    child = add_outcome(plan, "Fictional first's first", parent=first)
    assert (first.number, second.number, child.number) == (1, 2, 1)


def test_intermediate_outcomes_sit_only_under_long_term_outcomes(highland, board):
    plan = new_plan(highland, board)
    top = add_outcome(plan, "Fictional top")
    middle = add_outcome(plan, "Fictional middle", parent=top)
    with pytest.raises(ValidationError, match="not under another intermediate outcome"):
        add_outcome(plan, "Fictional bottom", parent=middle)
    # An outcome with children cannot itself be moved under another.
    other = add_outcome(plan, "Fictional other top")
    top.parent = other
    with pytest.raises(ValidationError, match="must stay a long-term outcome"):
        services.outcome_save(outcome=top)
    assert fresh(top).parent is None
    assert Outcome.objects.filter(plan=plan).count() == 3


def test_an_outcome_cannot_sit_under_itself(highland, board):
    plan = new_plan(highland, board)
    outcome = add_outcome(plan, "Fictional lonely outcome")
    outcome.parent = fresh(outcome)
    with contextlib.suppress(ValidationError):
        services.outcome_save(outcome=outcome)
    assert fresh(outcome).parent_id is None


def test_an_outcome_under_an_outcome_of_another_plan_is_refused(highland, board):
    one = add_outcome(new_plan(highland, board), "Fictional in plan one")
    other = new_plan(highland, board, title="Fictional other plan")
    with pytest.raises(ValidationError, match="Choose an outcome of this plan"):
        add_outcome(other, "Fictional stray", parent=one)
    assert not Outcome.objects.filter(plan=other).exists()


def test_an_outcome_led_by_a_body_of_another_partnership_is_refused(highland, board, perth_body):
    plan = new_plan(highland, board)
    with pytest.raises(ValidationError, match="Choose a body of this partnership"):
        add_outcome(plan, "Fictional outcome", lead_body=perth_body)
    assert not Outcome.objects.filter(plan=plan).exists()


def test_supported_outcomes_must_belong_to_the_supported_plan(
    build, highland, board, highland_locality
):
    loip = build().plan
    elsewhere = add_outcome(new_plan(highland, board, title="Fictional other"), "Elsewhere")
    local = new_plan(
        highland,
        board,
        kind=Plan.Kind.LOCALITY,
        locality=highland_locality,
        supports_plan=loip,
        title="Fictional Glen Locality Plan",
    )
    with pytest.raises(ValidationError, match="Choose outcomes of the plan this plan supports"):
        services.outcome_save(
            outcome=Outcome(plan=local, statement="Fictional local"), supports=[elsewhere]
        )
    assert not Outcome.objects.filter(plan=local).exists()


def test_removing_an_outcome_takes_what_sits_under_it(built):
    services.outcome_remove(outcome=built.long_term)
    assert _plan_counts(built.plan) == (0, 0, 0, 0)


# --- Commitments ---


def test_a_commitment_under_a_long_term_outcome_is_refused(built, highland_partners):
    with pytest.raises(ValidationError, match="Commitments sit under an intermediate outcome"):
        add_commitment(
            built.long_term,
            "Fictional misplaced commitment",
            lead_partner=highland_partners[0],
            due=COMMITMENT_DUE,
        )
    assert not built.long_term.commitments.exists()


def test_commitments_are_numbered_within_their_outcome(built):
    second = add_commitment(built.intermediate, "Fictional second commitment")
    assert (built.commitment.number, second.number) == (1, 2)


def test_contributing_partners_of_another_partnership_are_refused(
    built, highland_partners, perth_partner
):
    with pytest.raises(ValidationError) as refused:
        add_commitment(
            built.intermediate,
            "Fictional cross-border commitment",
            lead_partner=highland_partners[0],
            contributing_partners=[highland_partners[1], perth_partner],
        )
    assert refused.value.message_dict == {"lead_partner": ["Choose partners of this partnership."]}
    assert built.intermediate.commitments.count() == 1


def test_a_lead_partner_of_another_partnership_is_refused(built, perth_partner):
    commitment = fresh(built.commitment)
    commitment.lead_partner = perth_partner
    with pytest.raises(ValidationError, match="Choose partners of this partnership"):
        services.commitment_save(commitment=commitment)
    assert fresh(built.commitment).lead_partner != perth_partner


def test_a_lead_body_of_another_partnership_is_refused(built, perth_body):
    with pytest.raises(ValidationError, match="Choose a body of this partnership"):
        add_commitment(built.intermediate, "Fictional", lead_body=perth_body)
    assert built.intermediate.commitments.count() == 1


def test_a_commitments_indicator_must_be_its_outcomes(built):
    sibling = add_outcome(built.plan, "Fictional sibling", parent=built.long_term)
    with pytest.raises(ValidationError, match="Choose an indicator this outcome uses"):
        add_commitment(sibling, "Fictional", indicator=built.indicator)
    assert not sibling.commitments.exists()


def test_the_lead_partner_is_not_also_a_contributor(built, highland_partners):
    lead = highland_partners[0]
    commitment = add_commitment(
        built.intermediate,
        "Fictional joint work",
        lead_partner=lead,
        contributing_partners=[lead, highland_partners[2]],
    )
    assert list(commitment.contributing_partners.all()) == [highland_partners[2]]


# --- Local indicators ---


def _local(partnership, name="Fictional Ceilidh Attendance", **fields):
    values = {
        "definition": "People attending fictional community ceilidhs.",
        "unit": "people",
        "higher_is_better": True,
        "source": "Fictional village hall returns",
        "frequency": "Annual",
        "levels": ["council_area", "intermediate_zone"],
    }
    values.update(fields)
    return services.local_indicator_create(partnership=partnership, name=name, **values)


def test_a_local_indicator_belongs_to_its_partnership(highland):
    measure = _local(highland, name="  Fictional Ceilidh Attendance  ")
    stored = fresh(measure)
    assert stored.name == "Fictional Ceilidh Attendance"
    assert stored.collection == Measure.Collection.LOCAL == "local"
    assert stored.partnership == highland
    assert stored.levels == ["council_area", "intermediate_zone"]
    assert stored.frequency == "Annual" and stored.higher_is_better is True
    assert stored.code.startswith("local-s12000017-fictional-ceilidh-attendance-")
    assert stored in highland.local_measures.all()


def test_a_local_indicator_keeps_its_decimal_places_and_their_history(highland):
    """Empty: its unit's default (people: none); set: its own, in the audit history too."""
    assert fresh(_local(highland)).shown_decimals == 0
    measure = _local(highland, name="Fictional Hall Use", unit="people", decimals=2)
    stored = fresh(measure)
    assert (stored.decimals, stored.shown_decimals) == (2, 2)
    assert stored.history.latest().decimals == 2


def test_a_local_indicator_refuses_more_than_six_places(highland):
    before = Measure.objects.count()
    with pytest.raises(ValidationError) as refused:
        _local(highland, decimals=7)
    assert list(refused.value.message_dict) == ["decimals"]
    assert Measure.objects.count() == before


def test_a_local_indicator_cannot_take_a_national_measures_name(highland):
    before = Measure.objects.count()
    with pytest.raises(ValidationError) as refused:
        _local(highland, name="child poverty")
    assert refused.value.message_dict["name"] == [
        "There is already an indicator called “child poverty”. Use it, or choose another name."
    ]
    assert Measure.objects.count() == before


def test_a_partnership_cannot_define_the_same_local_indicator_twice(highland, perth):
    _local(highland)
    with pytest.raises(ValidationError, match="There is already an indicator called"):
        _local(highland, name="FICTIONAL CEILIDH ATTENDANCE")
    assert highland.local_measures.filter(name__iexact="Fictional Ceilidh Attendance").count() == 1
    # Another partnership may use the same name for its own.
    assert _local(perth).partnership == perth


def test_a_local_indicator_needs_its_levels(highland):
    before = Measure.objects.count()
    with pytest.raises(ValidationError) as refused:
        _local(highland, levels=[])
    assert refused.value.message_dict == {
        "levels": ["Choose at least one geography it will be reported for."]
    }
    assert Measure.objects.count() == before


def test_a_local_indicator_is_used_only_by_its_own_partnership(
    highland, perth, board, perth_body, highland_area
):
    measure = _local(highland, levels=["council_area"])
    outcome = add_outcome(new_plan(highland, board), "Fictional lively halls")
    indicator = services.indicator_add(outcome=outcome, measure=measure, area=highland_area)
    assert indicator.measure == measure

    perth_outcome = add_outcome(new_plan(perth, perth_body), "Fictional Perth outcome")
    with pytest.raises(ValidationError) as refused:
        services.indicator_add(outcome=perth_outcome, measure=measure, area=perth.council_area)
    assert refused.value.message_dict == {
        "measure": ["Choose a national indicator or one of this partnership's own."]
    }
    assert not perth_outcome.indicators.exists()


def test_a_local_indicator_without_a_direction_accepts_any_target(highland, board, highland_area):
    measure = _local(highland, higher_is_better=None, levels=["council_area"])
    indicator = _indicator(new_plan(highland, board), measure, highland_area)
    services.indicator_baseline_set(indicator=indicator, value=400.0, period="2025")
    services.target_add(indicator=indicator, value=350.0, due=TARGET_DUE)
    services.target_add(indicator=indicator, value=450.0, due=datetime.date(2033, 3, 31))
    assert indicator.targets.count() == 2
