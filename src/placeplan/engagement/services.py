"""Writes to engagement: activities, themes and what was done about them, residents'
responses, the published summary of responses and Place Standard results. Every write
goes through here, checked, in one transaction, into the audit history."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from placeplan.engagement.models import (
    PLACE_STANDARD_THEMES,
    SCORE_MAX,
    SCORE_MIN,
    THEME_LABELS,
    Activity,
    ConsultationResponse,
    PlaceStandardExercise,
    PlaceStandardRating,
    PlaceStandardScore,
    Theme,
)
from placeplan.places.models import Area
from placeplan.residents.selectors import may_contribute

RESPONSE_MAX_CHARS = 5000


@transaction.atomic
def activity_save(*, activity: Activity) -> Activity:
    """Create or change an engagement activity.

    The body that ran it must be the partnership's own; it closes on or after it opens;
    only a consultation or survey takes responses online; a Place Standard activity's
    kind cannot change once it has results.
    """
    problems = {}
    if activity.body is not None and activity.body.partnership_id != activity.partnership_id:
        problems["body"] = f"Choose one of this partnership's own bodies: {activity.body} is not."
    if activity.starts_on and activity.ends_on and activity.ends_on < activity.starts_on:
        problems["ends_on"] = "The closing date must be on or after the opening date."
    if activity.takes_responses and activity.kind not in (
        Activity.Kind.CONSULTATION,
        Activity.Kind.SURVEY,
    ):
        problems["takes_responses"] = "Only a consultation or a survey takes responses online."
    if (
        activity.pk
        and activity.kind != Activity.Kind.PLACE_STANDARD
        and PlaceStandardExercise.objects.filter(activity=activity).exists()
    ):
        problems["kind"] = (
            "This activity has Place Standard results: it stays a Place Standard exercise."
        )
    if activity.participants is not None and activity.participants < 0:
        problems["participants"] = "Enter a number of people, 0 or more."
    if problems:
        raise ValidationError(problems)
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def theme_save(*, theme: Theme) -> Theme:
    """Create or change what people said: a theme and how many raised it (no more than
    took part, when that is known)."""
    problems = {}
    if not theme.title.strip():
        problems["title"] = "Enter the theme."
    if not theme.said.strip():
        problems["said"] = "Say what people said."
    participants = theme.activity.participants
    if theme.raised_by is not None and participants is not None and theme.raised_by > participants:
        problems["raised_by"] = (
            f"{theme.raised_by} people cannot have raised it: {participants} took part."
        )
    if problems:
        raise ValidationError(problems)
    theme.full_clean()
    theme.save()
    return theme


def _link_problems(partnership_id: int, outcome, commitment, action) -> dict[str, str]:
    problems = {}
    if outcome is not None and outcome.plan.partnership_id != partnership_id:
        problems["outcome"] = "Choose an outcome or priority in one of this partnership's plans."
    if commitment is not None and commitment.outcome.plan.partnership_id != partnership_id:
        problems["commitment"] = "Choose a commitment in one of this partnership's plans."
    if action is not None and action.partnership_id != partnership_id:
        problems["action"] = "Choose one of this partnership's improvement actions."
    return problems


@transaction.atomic
def we_did_record(
    *,
    theme: Theme,
    we_did: str = "",
    outcome=None,
    commitment=None,
    action=None,
    no_action_reason: str = "",
    on: datetime.date | None = None,
) -> Theme:
    """Record what the partnership did about a theme: either what it changed, linked to
    at least one of its own plan outcomes (or priorities), commitments or improvement
    actions; or why it did not act. Never both, never neither."""
    on = on or timezone.localdate()
    we_did, no_action_reason = we_did.strip(), no_action_reason.strip()
    linked = any(x is not None for x in (outcome, commitment, action))
    problems = _link_problems(theme.activity.partnership_id, outcome, commitment, action)
    if no_action_reason and (linked or we_did):
        problems["no_action_reason"] = (
            "Either say what was done (with its link) or why nothing was done, not both."
        )
    elif not no_action_reason:
        if not (linked or we_did):
            problems["__all__"] = (
                "Say what was done and link the change it made, or say why nothing was done."
            )
        elif not linked:
            problems["outcome"] = (
                "Link what was changed: a plan outcome or priority, a commitment or an "
                "improvement action (or say why nothing was done)."
            )
        elif not we_did:
            problems["we_did"] = "Say what was done."
    if on > timezone.localdate():
        problems["responded_on"] = "The date cannot be in the future."
    if problems:
        raise ValidationError(problems)
    theme.we_did = we_did
    theme.outcome, theme.commitment, theme.action = outcome, commitment, action
    theme.no_action_reason = no_action_reason
    theme.responded_on = on
    theme.full_clean()
    theme.save()
    return theme


@transaction.atomic
def response_add(
    *, activity: Activity, user, text: str, today: datetime.date | None = None
) -> ConsultationResponse:
    """A verified resident's response to a published consultation open today (its text
    is untrusted: shown only escaped or through the sanitiser)."""
    today = today or timezone.localdate()
    if not may_contribute(user):
        raise ValidationError("Only residents who have confirmed their email address may respond.")
    if not activity.accepts_responses(today):
        raise ValidationError("This activity is not taking responses online.")
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Enter your response."})
    if len(text) > RESPONSE_MAX_CHARS:
        raise ValidationError(
            {"text": f"Your response is too long: keep it to {RESPONSE_MAX_CHARS:,} characters."}
        )
    response = ConsultationResponse(
        activity=activity, user=user, text=text, submitted_at=timezone.now()
    )
    response.full_clean()
    response.save()
    return response


@transaction.atomic
def summary_publish(
    *, activity: Activity, summary: str, today: datetime.date | None = None
) -> Activity:
    """Publish the partnership's summary of the responses (the responses stay private)."""
    today = today or timezone.localdate()
    summary = summary.strip()
    if not summary:
        raise ValidationError({"response_summary": "Enter the summary of the responses."})
    activity.response_summary = summary
    activity.summary_published_on = today
    activity.full_clean()
    activity.save()
    return activity


def _place_problems(activity: Activity, locality, community) -> dict[str, str]:
    problems = {}
    if activity.kind != Activity.Kind.PLACE_STANDARD:
        problems["__all__"] = "Only a Place Standard activity has Place Standard results."
    if (locality is None) == (community is None):
        problems["locality"] = "Choose the locality or the community the exercise was about."
    elif locality is not None and locality.partnership_id != activity.partnership_id:
        problems["locality"] = "Choose one of this partnership's localities."
    elif community is not None and (
        community.level != Area.Level.INTERMEDIATE_ZONE
        or community.council_area_id != activity.partnership.council_area_id
    ):
        problems["community"] = "Choose a community of this partnership's area."
    return problems


def _exercise(activity, locality, community) -> PlaceStandardExercise:
    exercise, _ = PlaceStandardExercise.objects.get_or_create(
        activity=activity, defaults={"locality": locality, "community": community}
    )
    if (exercise.locality, exercise.community) != (locality, community):
        exercise.locality, exercise.community = locality, community
        exercise.full_clean()
        exercise.save()
    return exercise


def _score(value, theme: str) -> Decimal:
    label = THEME_LABELS[theme]
    try:
        score = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError) as bad:
        raise ValidationError({theme: f"{label}: enter a score from 1 to 7."}) from bad
    if not SCORE_MIN <= score <= SCORE_MAX:
        raise ValidationError({theme: f"{label}: a score is from 1 to 7, not {value}."})
    return score


@transaction.atomic
def place_standard_summary_save(
    *,
    activity: Activity,
    scores: dict[str, tuple[object, int]],
    locality=None,
    community=None,
) -> PlaceStandardExercise:
    """Record a Place Standard exercise's summary: for each of the 14 themes its score
    (1 to 7, to one decimal place) and its number of respondents (at least 1, no more than
    took part). Replaces any results recorded before, per respondent or summary."""
    problems = _place_problems(activity, locality, community)
    missing = [label for key, label in PLACE_STANDARD_THEMES if key not in scores]
    unknown = sorted(set(scores) - set(THEME_LABELS))
    if missing:
        problems["__all__"] = f"Give a score for every theme: missing {', '.join(missing)}."
    if unknown:
        problems["__all__"] = f"The Place Standard has no theme {', '.join(unknown)}."
    rows = []
    for key, label in PLACE_STANDARD_THEMES:
        if key not in scores:
            continue
        value, respondents = scores[key]
        try:
            score = _score(value, key)
        except ValidationError as bad:
            problems.update({k: v[0] for k, v in bad.message_dict.items()})
            continue
        if respondents is None or int(respondents) < 1:
            problems[f"{key}_respondents"] = f"{label}: at least 1 person scored it."
        elif activity.participants is not None and int(respondents) > activity.participants:
            problems[f"{key}_respondents"] = (
                f"{label}: {respondents} respondents, but {activity.participants} took part."
            )
        rows.append((key, score, respondents))
    if problems:
        raise ValidationError(problems)
    exercise = _exercise(activity, locality, community)
    exercise.ratings.all().delete()
    exercise.scores.all().delete()
    for key, score, respondents in rows:
        row = PlaceStandardScore(
            exercise=exercise, theme=key, score=score, respondents=int(respondents)
        )
        row.full_clean()
        row.save()
    return exercise


@transaction.atomic
def place_standard_ratings_save(
    *,
    activity: Activity,
    respondents: list[dict[str, object]],
    locality=None,
    community=None,
) -> PlaceStandardExercise:
    """Record every respondent's scores: one dict a respondent, theme → a whole score from
    1 to 7 (a theme a respondent left blank is left out). Replaces any results recorded
    before; the summary is worked out from them (``selectors.theme_scores``)."""
    problems = _place_problems(activity, locality, community)
    if not respondents:
        problems["__all__"] = "There are no respondents' scores to record."
    rows = []
    for number, answers in enumerate(respondents, start=1):
        unknown = sorted(set(answers) - set(THEME_LABELS))
        if unknown:
            problems["__all__"] = f"The Place Standard has no theme {', '.join(unknown)}."
            break
        for key, value in answers.items():
            if value in (None, ""):
                continue
            label = THEME_LABELS[key]
            try:
                score = int(str(value).strip())
            except ValueError:
                score = None
            if score is None or not SCORE_MIN <= score <= SCORE_MAX:
                problems.setdefault(
                    "__all__",
                    f"Respondent {number}, {label}: a score is a whole number from 1 to 7, "
                    f"not {value}.",
                )
                continue
            rows.append(PlaceStandardRating(respondent=number, theme=key, score=score))
    if not problems and not rows:
        problems["__all__"] = "No respondent gave a score."
    if problems:
        raise ValidationError(problems)
    exercise = _exercise(activity, locality, community)
    exercise.scores.all().delete()
    exercise.ratings.all().delete()
    for row in rows:
        row.exercise = exercise
        row.full_clean()
        row.save()
    if activity.participants is None or activity.participants < len(respondents):
        activity.participants = len(respondents)
        activity.save()
    return exercise
