"""Writes to delivery: improvement actions, their progress updates and recommendations.
Every write goes through here, checked, in one transaction, into the audit history."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from placeplan.delivery.models import (
    ActionStatus,
    ImprovementAction,
    ProgressUpdate,
    Recommendation,
)


def _same_partnership(action: ImprovementAction) -> dict[str, str]:
    """The fields of an action that name something of another partnership."""
    problems = {}
    partnership_id = action.partnership_id
    checks = {
        "responsible_body": action.responsible_body,
        "accountable_partner": action.accountable_partner,
        "owner": action.owner,
        "recommendation": action.recommendation,
    }
    for field, thing in checks.items():
        if thing is not None and thing.partnership_id != partnership_id:
            problems[field] = f"Choose one of this partnership's own: {thing} is not."
    commitment, outcome, indicator = action.commitment, action.outcome, action.indicator
    if commitment is not None and commitment.outcome.plan.partnership_id != partnership_id:
        problems["commitment"] = "Choose a commitment in one of this partnership's plans."
    if outcome is not None and outcome.plan.partnership_id != partnership_id:
        problems["outcome"] = "Choose an outcome in one of this partnership's plans."
    if indicator is not None and indicator.outcome.plan.partnership_id != partnership_id:
        problems["indicator"] = "Choose an indicator in one of this partnership's plans."
    if problems:
        return problems
    # What it serves must agree: a commitment and an indicator of the outcome chosen.
    if outcome is not None and commitment is not None and commitment.outcome_id != outcome.pk:
        problems["commitment"] = "Choose a commitment under the outcome chosen, or no outcome."
    if outcome is not None and indicator is not None and indicator.outcome_id != outcome.pk:
        problems["indicator"] = "Choose an indicator of the outcome chosen, or no outcome."
    return problems


@transaction.atomic
def action_save(*, action: ImprovementAction, today: datetime.date | None = None):
    """Create or change an improvement action.

    Its body, partner, owner, recommendation, and the commitment, outcome and indicator
    it serves must be the partnership's own (a commitment or indicator of the outcome
    chosen); the due date cannot be before the start; a cancelled action needs a reason; an
    action that answers a recommendation says so in its source. Marking it complete
    records today as the day it was completed.
    """
    today = today or timezone.localdate()
    problems = _same_partnership(action)
    if action.start and action.due and action.due < action.start:
        problems["due"] = "The due date must be on or after the start date."
    if action.status == ActionStatus.CANCELLED and not action.cancelled_reason.strip():
        problems["cancelled_reason"] = "Say why the action was cancelled."
    if action.recommendation_id and action.source != ImprovementAction.Source.RECOMMENDATION:
        problems["source"] = (
            "An action that answers a recommendation has the source “Audit or inspection "
            "recommendation”."
        )
    if problems:
        raise ValidationError(problems)
    if action.status == ActionStatus.COMPLETE:
        action.completed_on = action.completed_on or today
    else:
        action.completed_on = None
    if action.status != ActionStatus.CANCELLED:
        action.cancelled_reason = ""
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def progress_update_add(
    *,
    action: ImprovementAction,
    on: datetime.date,
    status: str,
    narrative: str,
    user=None,
    cancelled_reason: str = "",
    today: datetime.date | None = None,
) -> ProgressUpdate:
    """Record how an action is going; its status becomes the update's status.

    An update cannot be dated in the future or before the action started, and a closed
    (complete or cancelled) action takes no more updates.
    """
    today = today or timezone.localdate()
    if action.is_closed:
        raise ValidationError(
            f"This action is {action.get_status_display().lower()}: it takes no more updates."
        )
    problems = {}
    if on > today:
        problems["on"] = "The date of the update cannot be in the future."
    elif action.start and on < action.start:
        problems["on"] = f"The action started on {action.start:%-d %B %Y}: date it then or later."
    if not narrative.strip():
        problems["narrative"] = "Say what progress has been made."
    if status == ActionStatus.CANCELLED and not cancelled_reason.strip():
        problems["cancelled_reason"] = "Say why the action was cancelled."
    if problems:
        raise ValidationError(problems)
    update = ProgressUpdate(
        action=action, on=on, status=status, narrative=narrative.strip(), recorded_by=user
    )
    update.full_clean()
    update.save()
    before = (action.status, action.cancelled_reason, action.completed_on)
    action.status = status
    action.cancelled_reason = cancelled_reason.strip()
    try:
        action_save(action=action, today=on)
    except ValidationError:
        # Nothing was saved: leave the caller's object as it was too.
        action.status, action.cancelled_reason, action.completed_on = before
        raise
    return update


@transaction.atomic
def recommendation_save(*, recommendation: Recommendation) -> Recommendation:
    """Create or change a recommendation (its date cannot be in the future)."""
    if recommendation.made_on and recommendation.made_on > timezone.localdate():
        raise ValidationError({"made_on": "The date of the report cannot be in the future."})
    recommendation.full_clean()
    recommendation.save()
    return recommendation
