"""The challenge log's services: raise, answer, accept and escalate challenges. Each step
is dated and attributed.

The states: *waiting for an answer* (open) → *answered* → *answer accepted*; or, from
answered, *escalated* to the body the addressee reports to, waiting for its answer, then
answered again. A challenge is overdue while it waits for an answer after its due date.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from placeplan.challenges.models import Challenge, ChallengeStep
from placeplan.meetings import selectors as meeting_selectors
from placeplan.partnerships import selectors as partnership_selectors
from placeplan.partnerships.models import Body


def _name(user) -> str:
    if user is None:
        return "Placeplan"
    return getattr(user, "full_name", "") or user.get_username()


def _challenger(challenge) -> str:
    return challenge.raised_by_body.name if challenge.raised_by_body else "A partnership member"


def _step(challenge, kind, on, user, text="", actions=()):
    acting_for = (
        str(challenge.addressee) if kind == ChallengeStep.Kind.ANSWERED else _challenger(challenge)
    )
    step = ChallengeStep.objects.create(
        challenge=challenge,
        kind=kind,
        on=on,
        by=user,
        by_name=_name(user)[:200],
        acting_for=acting_for[:200],
        text=text,
    )
    if actions:
        step.actions.set(actions)
    return step


def _own(challenge: Challenge) -> dict[str, str]:
    """Fields naming something of another partnership."""
    problems = {}
    pid = challenge.partnership_id
    for field in ("raised_by_body", "to_partner", "to_body", "action"):
        thing = getattr(challenge, field)
        if thing is not None and thing.partnership_id != pid:
            problems[field] = "Choose one of this partnership's own."
    for field in ("indicator", "commitment"):
        thing = getattr(challenge, field)
        if thing is not None and thing.outcome.plan.partnership_id != pid:
            problems[field] = "Choose one of this partnership's own."
    if challenge.meeting is not None and challenge.meeting.body.partnership_id != pid:
        problems["meeting"] = "Choose one of this partnership's own meetings."
    item = challenge.agenda_item
    if item is not None and item.meeting_id != challenge.meeting_id:
        problems["agenda_item"] = "Choose an item of the meeting's agenda."
    return problems


def _may_act_for(challenge: Challenge, user) -> dict[str, str]:
    """A challenge is raised for a body the person sits on (any body, for support
    officers), under an agenda item they may see."""
    problems = {}
    if user is None:
        return problems
    partnership = challenge.partnership
    body = challenge.raised_by_body
    if (
        body is not None
        and not partnership_selectors.bodies_acting_for(user=user, partnership=partnership)
        .filter(pk=body.pk)
        .exists()
    ):
        problems["raised_by_body"] = (
            "Choose a body you sit on: you may raise a challenge only for it."
        )
    item = challenge.agenda_item
    if item is not None and item.pk in meeting_selectors.confidential_item_ids(
        partnership=partnership, user=user
    ):
        problems["agenda_item"] = "Choose an item of the meeting's agenda."
    return problems


@transaction.atomic
def challenge_raise(*, challenge: Challenge, user=None) -> Challenge:
    """Raise a challenge: a question about an indicator, action, commitment or partner,
    addressed to one partner or one body, with the date the answer is due, for a body the
    person may act for. A challenge under a confidential agenda item is not public."""
    problems = {**_own(challenge), **_may_act_for(challenge, user)}
    if not challenge.question.strip():
        problems["question"] = "Enter the challenge."
    if (challenge.to_partner is None) == (challenge.to_body is None):
        problems["to_partner"] = "Address the challenge to a partner or to a body, not both."
    if challenge.answer_due and challenge.raised_on and challenge.answer_due < challenge.raised_on:
        problems["answer_due"] = "The answer cannot be due before the challenge is raised."
    if problems:
        raise ValidationError(problems)
    challenge.question = challenge.question.strip()
    if challenge.agenda_item is not None and challenge.agenda_item.is_confidential:
        challenge.is_public = False
    challenge.raised_by = user
    challenge.status = Challenge.Status.OPEN
    challenge.full_clean()
    challenge.save()
    _step(challenge, ChallengeStep.Kind.RAISED, challenge.raised_on, user, challenge.question)
    return challenge


def _on_or_after_last_step(challenge, on: datetime.date, today: datetime.date) -> None:
    last = challenge.steps.order_by("-on", "-pk").first()
    if on > today:
        raise ValidationError({"on": "The date cannot be in the future."})
    if last and on < last.on:
        raise ValidationError(
            {"on": f"The date cannot be before the last step ({last.on:%-d %B %Y})."}
        )


@transaction.atomic
def challenge_answer(
    *,
    challenge: Challenge,
    text: str,
    on: datetime.date,
    today: datetime.date,
    user=None,
    actions=(),
) -> Challenge:
    """The addressee answers (with a narrative and, optionally, the actions it will take)."""
    if not challenge.is_waiting:
        raise ValidationError(
            f"This challenge is “{challenge.get_status_display().lower()}”: it is not waiting "
            "for an answer."
        )
    if not text.strip():
        raise ValidationError({"text": "Enter the answer."})
    for action in actions:
        if action.partnership_id != challenge.partnership_id:
            raise ValidationError({"actions": "Choose this partnership's own actions."})
    _on_or_after_last_step(challenge, on, today)
    challenge.status = Challenge.Status.ANSWERED
    challenge.save()
    _step(challenge, ChallengeStep.Kind.ANSWERED, on, user, text.strip(), actions)
    return challenge


@transaction.atomic
def challenge_accept(
    *, challenge: Challenge, on: datetime.date, today: datetime.date, user=None, text: str = ""
) -> Challenge:
    """The challenger accepts the answer: the challenge is closed."""
    if challenge.status != Challenge.Status.ANSWERED:
        raise ValidationError("Only an answered challenge can have its answer accepted.")
    _on_or_after_last_step(challenge, on, today)
    challenge.status = Challenge.Status.ACCEPTED
    challenge.save()
    _step(challenge, ChallengeStep.Kind.ACCEPTED, on, user, text.strip())
    return challenge


def escalation_body(challenge: Challenge) -> Body | None:
    """Where an escalated challenge goes: the body the addressed body reports to; for a
    partner, the partnership's board (its topmost body)."""
    if challenge.to_body is not None:
        return challenge.to_body.reports_to
    return (
        Body.objects.filter(partnership=challenge.partnership, reports_to__isnull=True)
        .order_by("kind", "name")
        .first()
    )


@transaction.atomic
def challenge_escalate(
    *,
    challenge: Challenge,
    text: str,
    answer_due: datetime.date,
    on: datetime.date,
    today: datetime.date,
    user=None,
) -> Challenge:
    """The challenger does not accept the answer and escalates the challenge to the body
    the addressee reports to, which now owes an answer by ``answer_due``."""
    if challenge.status != Challenge.Status.ANSWERED:
        raise ValidationError("Only an answered challenge can be escalated.")
    if not text.strip():
        raise ValidationError({"text": "Say why the answer is not accepted."})
    target = escalation_body(challenge)
    if target is None or target == challenge.to_body:
        raise ValidationError(
            f"{challenge.addressee} reports to no other body: the challenge cannot go higher."
        )
    _on_or_after_last_step(challenge, on, today)
    if answer_due < on:
        raise ValidationError({"answer_due": "The answer cannot be due before today."})
    challenge.to_body, challenge.to_partner = target, None
    challenge.answer_due = answer_due
    challenge.status = Challenge.Status.ESCALATED
    challenge.full_clean()
    challenge.save()
    _step(challenge, ChallengeStep.Kind.ESCALATED, on, user, f"{text.strip()} (to {target.name})")
    return challenge
