"""Improvement actions, progress updates and recommendations: the rules of the services,
overdue and at-risk detection by date, and the lists per body and per partner.

Everything is made through the services, for a fictional partnership built by the
factories (tests/factories/), with fixed dates, so "overdue" never depends on the day
the tests run; the demo's own delivery content is tested at the end, on Highland.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError

from placeplan.delivery import selectors, services
from placeplan.delivery.models import (
    ActionStatus,
    ImprovementAction,
    ProgressUpdate,
    Recommendation,
)
from tests.factories import (
    BodyFactory,
    IntermediateOutcomeFactory,
    OutcomeIndicatorFactory,
    PartnerFactory,
    PartnershipFactory,
    PersonFactory,
    PlanFactory,
    RecommendationFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 11, 30)


@pytest.fixture
def ours():
    """A fictional partnership with no actions yet."""
    return PartnershipFactory()


@pytest.fixture
def theirs():
    return PartnershipFactory()


@pytest.fixture
def cog(ours):
    return BodyFactory(partnership=ours, name="Fictional Chief Officers Group")


@pytest.fixture
def safer(ours):
    return BodyFactory(partnership=ours, name="Fictional Community Safety Partnership")


@pytest.fixture
def council(ours):
    return PartnerFactory(partnership=ours, organisation__name="Fictional Council")


@pytest.fixture
def police(ours):
    return PartnerFactory(partnership=ours, organisation__name="Fictional Police Service")


def new_action(partnership, body, partner, *, title="Fictional action", today=TODAY, **fields):
    """An action made by the service under test (``action_save``)."""
    fields.setdefault("due", D(2027, 3, 31))
    return services.action_save(
        action=ImprovementAction(
            partnership=partnership,
            title=title,
            improvement="Something improves (fictional).",
            source=fields.pop("source", ImprovementAction.Source.OTHER),
            responsible_body=body,
            accountable_partner=partner,
            **fields,
        ),
        today=today,
    )


def test_an_action_is_saved_with_its_history(ours, cog, council):
    action = new_action(ours, cog, council, start=D(2026, 4, 1))
    assert action.status == ActionStatus.NOT_STARTED
    assert action.history.count() == 1
    action.title = "Renamed fictional action"
    services.action_save(action=action, today=TODAY)
    assert [h.title for h in action.history.order_by("history_date")] == [
        "Fictional action",
        "Renamed fictional action",
    ]


def test_a_due_date_before_the_start_is_refused(ours, cog, council):
    with pytest.raises(ValidationError) as refused:
        new_action(ours, cog, council, start=D(2027, 1, 1), due=D(2026, 12, 31))
    assert refused.value.message_dict == {
        "due": ["The due date must be on or after the start date."]
    }
    assert not ImprovementAction.objects.filter(title="Fictional action").exists()


def test_a_cancelled_action_needs_a_reason(ours, cog, council):
    action = new_action(ours, cog, council)
    action.status = ActionStatus.CANCELLED
    with pytest.raises(ValidationError) as refused:
        services.action_save(action=action, today=TODAY)
    assert refused.value.message_dict == {"cancelled_reason": ["Say why the action was cancelled."]}
    action.cancelled_reason = "Overtaken by the new plan."
    services.action_save(action=action, today=TODAY)
    assert ImprovementAction.objects.get(pk=action.pk).status == ActionStatus.CANCELLED


def test_completing_an_action_records_the_day(ours, cog, council):
    action = new_action(ours, cog, council)
    action.status = ActionStatus.COMPLETE
    services.action_save(action=action, today=D(2026, 12, 2))
    assert ImprovementAction.objects.get(pk=action.pk).completed_on == D(2026, 12, 2)
    action.status = ActionStatus.ON_TRACK  # reopened
    services.action_save(action=action, today=D(2026, 12, 3))
    assert ImprovementAction.objects.get(pk=action.pk).completed_on is None


def test_another_partnerships_body_partner_owner_or_recommendation_is_refused(
    ours,
    theirs,
    cog,
    council,
):
    for field, value in (
        ("responsible_body", BodyFactory(partnership=theirs)),
        ("accountable_partner", PartnerFactory(partnership=theirs)),
        ("owner", PersonFactory(partnership=theirs)),
        ("recommendation", RecommendationFactory(partnership=theirs)),
    ):
        fields = {"responsible_body": cog, "accountable_partner": council, field: value}
        if field == "recommendation":
            fields["source"] = ImprovementAction.Source.RECOMMENDATION
        body, partner = fields.pop("responsible_body"), fields.pop("accountable_partner")
        with pytest.raises(ValidationError) as refused:
            new_action(ours, body, partner, **fields)
        assert list(refused.value.message_dict) == [field]
    assert not ImprovementAction.objects.filter(title="Fictional action").exists()


def test_an_action_answering_a_recommendation_says_so_in_its_source(ours, cog, council):
    recommendation = RecommendationFactory(partnership=ours)
    with pytest.raises(ValidationError) as refused:
        new_action(ours, cog, council, recommendation=recommendation)
    assert list(refused.value.message_dict) == ["source"]
    action = new_action(
        ours,
        cog,
        council,
        recommendation=recommendation,
        source=ImprovementAction.Source.RECOMMENDATION,
    )
    (listed,) = [
        r for r in selectors.recommendation_list(partnership=ours) if r.pk == recommendation.pk
    ]
    assert list(listed.actions.all()) == [action]


def test_a_recommendation_dated_in_the_future_is_refused(ours):
    with pytest.raises(ValidationError) as refused:
        services.recommendation_save(
            recommendation=Recommendation(
                partnership=ours,
                source_document="A fictional review",
                text="Do better.",
                made_on=D(2999, 1, 1),
            )
        )
    assert list(refused.value.message_dict) == ["made_on"]


# -- progress updates ---------------------------------------------------------------------


def test_a_progress_update_sets_the_actions_status(ours, cog, council):
    action = new_action(ours, cog, council, start=D(2026, 4, 1))
    update = services.progress_update_add(
        action=action,
        on=D(2026, 10, 1),
        status=ActionStatus.AT_RISK,
        narrative="  Waiting for two partners.  ",
        today=TODAY,
    )
    assert update.narrative == "Waiting for two partners."
    assert ImprovementAction.objects.get(pk=action.pk).status == ActionStatus.AT_RISK
    services.progress_update_add(
        action=action,
        on=D(2026, 11, 1),
        status=ActionStatus.COMPLETE,
        narrative="Done.",
        today=TODAY,
    )
    stored = ImprovementAction.objects.get(pk=action.pk)
    assert (stored.status, stored.completed_on) == (ActionStatus.COMPLETE, D(2026, 11, 1))
    assert [
        u.status for u in selectors.action_get(partnership=ours, pk=action.pk).updates.all()
    ] == [ActionStatus.COMPLETE, ActionStatus.AT_RISK]


@pytest.mark.parametrize(
    ("on", "narrative", "field"),
    [
        (D(2026, 12, 1), "Fine.", "on"),  # the day after today
        (D(2026, 3, 31), "Fine.", "on"),  # before the action started
        (D(2026, 10, 1), "   ", "narrative"),
    ],
)
def test_a_bad_progress_update_changes_nothing(ours, cog, council, on, narrative, field):
    action = new_action(ours, cog, council, start=D(2026, 4, 1))
    with pytest.raises(ValidationError) as refused:
        services.progress_update_add(
            action=action, on=on, status=ActionStatus.ON_TRACK, narrative=narrative, today=TODAY
        )
    assert list(refused.value.message_dict) == [field]
    assert not ProgressUpdate.objects.filter(action=action).exists()
    assert ImprovementAction.objects.get(pk=action.pk).status == ActionStatus.NOT_STARTED


def test_a_closed_action_takes_no_more_updates(ours, cog, council):
    action = new_action(ours, cog, council)
    services.progress_update_add(
        action=action, on=TODAY, status=ActionStatus.COMPLETE, narrative="Done.", today=TODAY
    )
    with pytest.raises(ValidationError, match="complete: it takes no more updates"):
        services.progress_update_add(
            action=action,
            on=TODAY,
            status=ActionStatus.ON_TRACK,
            narrative="Again.",
            today=TODAY,
        )
    assert ProgressUpdate.objects.filter(action=action).count() == 1


def test_cancelling_by_update_needs_a_reason(ours, cog, council):
    action = new_action(ours, cog, council)
    with pytest.raises(ValidationError):
        services.progress_update_add(
            action=action,
            on=TODAY,
            status=ActionStatus.CANCELLED,
            narrative="Stopped.",
            today=TODAY,
        )
    assert not ProgressUpdate.objects.filter(action=action).exists()
    services.progress_update_add(
        action=action,
        on=TODAY,
        status=ActionStatus.CANCELLED,
        narrative="Stopped.",
        cancelled_reason="The new plan replaces it.",
        today=TODAY,
    )
    assert ImprovementAction.objects.get(pk=action.pk).cancelled_reason == (
        "The new plan replaces it."
    )


# -- overdue and at risk ----------------------------------------------------------------------


def test_overdue_is_after_the_due_date_and_only_while_open(ours, cog, council):
    action = new_action(ours, cog, council, due=D(2026, 11, 29))
    assert not action.is_overdue(D(2026, 11, 29))  # due today: not yet overdue
    assert action.is_overdue(D(2026, 11, 30))
    action.status = ActionStatus.COMPLETE
    services.action_save(action=action, today=D(2026, 12, 1))
    assert not action.is_overdue(D(2026, 12, 1))


def test_needing_attention_per_body_and_partner(ours, cog, safer, council, police):
    new_action(ours, cog, council, title="Overdue", due=D(2026, 11, 1))
    at_risk = new_action(ours, safer, police, title="At risk", due=D(2027, 6, 30))
    services.progress_update_add(
        action=at_risk, on=TODAY, status=ActionStatus.AT_RISK, narrative="Late.", today=TODAY
    )
    both = new_action(ours, safer, council, title="Both", due=D(2026, 10, 1))
    services.progress_update_add(
        action=both,
        on=D(2026, 9, 1),
        status=ActionStatus.OFF_TRACK,
        narrative="Stuck.",
        today=TODAY,
    )
    new_action(ours, cog, police, title="Fine", due=D(2027, 1, 1))
    done = new_action(ours, cog, council, title="Done late", due=D(2026, 1, 1))
    services.progress_update_add(
        action=done,
        on=D(2026, 2, 1),
        status=ActionStatus.COMPLETE,
        narrative="Done.",
        today=TODAY,
    )

    attention = selectors.needing_attention(partnership=ours, today=TODAY)
    bodies = {
        a.name: ([x.title for x in a.overdue], [x.title for x in a.troubled])
        for a in attention["bodies"]
    }
    assert bodies == {
        "Fictional Chief Officers Group": (["Overdue"], []),
        "Fictional Community Safety Partnership": (["Both"], ["Both", "At risk"]),
    }
    partners = {a.name: (len(a.overdue), len(a.troubled)) for a in attention["partners"]}
    assert partners == {"Fictional Council": (2, 1), "Fictional Police Service": (0, 1)}
    # A day earlier "Overdue" (due 1 November) is still overdue; on 1 November it is not.
    earlier = selectors.needing_attention(partnership=ours, today=D(2026, 11, 1))
    assert {a.name for a in earlier["bodies"]} == {"Fictional Community Safety Partnership"}


def test_action_list_filters(ours, cog, safer, council, police):
    a = new_action(ours, cog, council, title="A", due=D(2027, 1, 1))
    b = new_action(ours, safer, police, title="B", due=D(2026, 12, 1))
    assert selectors.action_list(partnership=ours) == [b, a]  # soonest due first
    assert selectors.action_list(partnership=ours, body=cog) == [a]
    assert selectors.action_list(partnership=ours, partner=police) == [b]
    assert selectors.action_list(partnership=ours, status=ActionStatus.AT_RISK) == []


def test_the_demo_loads_the_development_plan_and_the_audit_recommendations(highland):
    demo = ImprovementAction.objects.filter(partnership=highland, is_demo=True)
    assert demo.filter(source=ImprovementAction.Source.DEVELOPMENT_PLAN).count() == 14
    assert demo.filter(source=ImprovementAction.Source.RECOMMENDATION).count() == 3
    recommendations = Recommendation.objects.filter(partnership=highland, is_demo=True)
    assert recommendations.count() == 6
    unanswered = [r.reference for r in recommendations if not r.actions.exists()]
    assert sorted(unanswered) == [
        "Health and social care integration",
        "Shared leadership",
        "Use of resources",
    ]
    # On the demo's day every development-plan action is complete (2013–2018).
    assert (
        not demo.filter(source=ImprovementAction.Source.DEVELOPMENT_PLAN)
        .exclude(status=ActionStatus.COMPLETE)
        .exists()
    )


def test_an_action_names_the_outcome_and_indicator_it_serves(ours, safer, police):
    indicator = OutcomeIndicatorFactory(outcome__parent__plan=PlanFactory(partnership=ours))
    action = new_action(ours, safer, police, outcome=indicator.outcome, indicator=indicator)
    new_action(ours, safer, police, title="Fictional action on nothing in particular")
    assert (action.outcome, action.indicator) == (indicator.outcome, indicator)
    assert selectors.action_list(partnership=ours, indicator=indicator) == [action]


def test_what_an_action_serves_must_be_the_partnerships_own_and_agree(ours, theirs, safer, police):
    indicator = OutcomeIndicatorFactory(outcome__parent__plan=PlanFactory(partnership=ours))
    other_outcome = IntermediateOutcomeFactory(parent=indicator.outcome.parent)
    their_indicator = OutcomeIndicatorFactory(outcome__parent__plan=PlanFactory(partnership=theirs))
    before = ImprovementAction.objects.count()
    with pytest.raises(ValidationError) as refused:
        new_action(ours, safer, police, outcome=their_indicator.outcome, indicator=their_indicator)
    assert refused.value.message_dict == {
        "outcome": ["Choose an outcome in one of this partnership's plans."],
        "indicator": ["Choose an indicator in one of this partnership's plans."],
    }
    with pytest.raises(ValidationError) as refused:
        new_action(ours, safer, police, outcome=other_outcome, indicator=indicator)
    assert refused.value.message_dict == {
        "indicator": ["Choose an indicator of the outcome chosen, or no outcome."]
    }
    assert ImprovementAction.objects.count() == before


def test_the_demo_challenge_answer_commits_to_an_action_on_the_crime_indicator(highland):
    action = ImprovementAction.objects.get(
        partnership=highland, is_demo=True, source=ImprovementAction.Source.CHALLENGE
    )
    assert action.indicator.measure.name == "Crime Rate"
    assert action.outcome == action.indicator.outcome
    step = action.challenge_steps.get()
    assert step.kind == "answered" and step.challenge.indicator == action.indicator
