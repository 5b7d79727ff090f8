"""Engagement as open data: the partnership's published activities, what people said
(themes with how many raised each), what was done (with links to the plans and actions
it changed), and Place Standard scores. Never residents' identities or their responses:
only the partnership's published summary of them."""

from __future__ import annotations

import datetime

from django.urls import reverse
from ninja import Router, Schema
from ninja.errors import HttpError

from placeplan.engagement import selectors
from placeplan.engagement.models import SCALE_WORDS, Activity, PlaceStandardExercise
from placeplan.partnerships import selectors as partnerships
from placeplan.partnerships.models import Partnership

router = Router(tags=["engagement"])


class ErrorOut(Schema):
    detail: str


class LinkOut(Schema):
    kind: str
    id: int
    title: str
    plan_id: int | None = None
    url: str | None = None


class ThemeOut(Schema):
    id: int
    title: str
    said: str
    raised_by: int
    we_did: str | None
    no_action_reason: str | None
    recorded_on: datetime.date | None
    links: list[LinkOut]


class ActivityOut(Schema):
    id: int
    title: str
    kind: str
    kind_label: str
    run_by: str
    body_id: int | None
    purpose: str
    who_asked: str
    method: str
    starts_on: datetime.date
    ends_on: datetime.date
    participants: int | None
    takes_responses: bool
    response_summary: str | None
    summary_published_on: datetime.date | None
    place_standard_id: int | None
    is_demo: bool
    page_url: str
    api_url: str
    themes: list[ThemeOut]


class ThemeScoreOut(Schema):
    theme: str
    label: str
    score: float | None
    respondents: int


class ExerciseOut(Schema):
    id: int
    activity_id: int
    place: str
    locality_id: int | None
    community_code: str | None
    ends_on: datetime.date
    respondents: int
    scale: str
    is_demo: bool
    scores: list[ThemeScoreOut]


class PlaceStandardOut(ExerciseOut):
    page_url: str
    earlier: ExerciseOut | None


def _partnership(code: str) -> Partnership:
    try:
        return partnerships.partnership_get(council_code=code)
    except Partnership.DoesNotExist as missing:
        raise HttpError(404, f"No partnership has the council area code {code}.") from missing


def _links(theme, code: str) -> list[dict]:
    """What a theme's "we did" changed, where the public may read it: outcomes and
    commitments of published plans (with their page), and improvement actions."""
    links = []
    if theme.outcome and theme.outcome.plan.is_public:
        plan = theme.outcome.plan
        links.append(
            {
                "kind": "priority" if theme.outcome.is_priority else "outcome",
                "id": theme.outcome.pk,
                "title": theme.outcome.statement,
                "plan_id": plan.pk,
                "url": reverse("public:plan", args=[code, plan.pk])
                + f"#outcome-{theme.outcome.pk}",
            }
        )
    if theme.commitment and theme.commitment.outcome.plan.is_public:
        outcome = theme.commitment.outcome
        links.append(
            {
                "kind": "commitment",
                "id": theme.commitment.pk,
                "title": theme.commitment.what,
                "plan_id": outcome.plan.pk,
                "url": reverse("public:plan", args=[code, outcome.plan.pk])
                + f"#outcome-{outcome.pk}",
            }
        )
    if theme.action:
        links.append(
            {"kind": "improvement_action", "id": theme.action.pk, "title": theme.action.title}
        )
    return links


def _activity(activity: Activity) -> dict:
    code = activity.partnership.council_area.code
    exercise = getattr(activity, "place_standard", None)
    return {
        "id": activity.pk,
        "title": activity.title,
        "kind": activity.kind,
        "kind_label": activity.get_kind_display(),
        "run_by": activity.runner,
        "body_id": activity.body_id,
        "purpose": activity.purpose,
        "who_asked": activity.who_asked,
        "method": activity.method,
        "starts_on": activity.starts_on,
        "ends_on": activity.ends_on,
        "participants": activity.participants,
        "takes_responses": activity.takes_responses,
        "response_summary": activity.response_summary or None,
        "summary_published_on": activity.summary_published_on,
        "place_standard_id": exercise.pk if exercise else None,
        "is_demo": activity.is_demo,
        "page_url": reverse("public:engagement_activity", args=[code, activity.pk]),
        "api_url": reverse("api-v1:engagement_detail", args=[code, activity.pk]),
        "themes": [
            {
                "id": theme.pk,
                "title": theme.title,
                "said": theme.said,
                "raised_by": theme.raised_by,
                "we_did": theme.we_did or None,
                "no_action_reason": theme.no_action_reason or None,
                "recorded_on": theme.responded_on,
                "links": _links(theme, code),
            }
            for theme in activity.themes.all()
        ],
    }


def _exercise(exercise: PlaceStandardExercise) -> dict:
    return {
        "id": exercise.pk,
        "activity_id": exercise.activity_id,
        "place": exercise.place_name,
        "locality_id": exercise.locality_id,
        "community_code": exercise.community.code if exercise.community_id else None,
        "ends_on": exercise.activity.ends_on,
        "respondents": selectors.respondent_count(exercise),
        "scale": SCALE_WORDS,
        "is_demo": exercise.activity.is_demo,
        "scores": [
            {
                "theme": s.theme,
                "label": s.label,
                # As the page shows it: to one decimal place.
                "score": None if s.mean is None else float(s.text),
                "respondents": s.respondents,
            }
            for s in selectors.theme_scores(exercise)
        ],
    }


@router.get(
    "/partnerships/{code}/engagement",
    response={200: list[ActivityOut], 404: ErrorOut},
    url_name="engagement_list",
)
def engagement_list(request, code: str):
    """The partnership's published engagement activities, latest to close first: each
    with what people said (themes, with how many raised each) and what the partnership did
    about each theme (``we_did`` with ``links`` to what it changed) or why it did not
    (``no_action_reason``). Residents' responses are never included: only the
    partnership's published ``response_summary``."""
    partnership = _partnership(code)
    return [_activity(a) for a in selectors.activity_list(partnership=partnership, public=True)]


@router.get(
    "/partnerships/{code}/engagement/{activity_id}",
    response={200: ActivityOut, 404: ErrorOut},
    url_name="engagement_detail",
)
def engagement_detail(request, code: str, activity_id: int):
    """One published engagement activity, as in the list."""
    partnership = _partnership(code)
    try:
        activity = selectors.activity_get(partnership=partnership, pk=activity_id, public=True)
    except Activity.DoesNotExist as missing:
        raise HttpError(
            404, f"{partnership.name} has published no engagement activity {activity_id}."
        ) from missing
    return _activity(activity)


@router.get(
    "/partnerships/{code}/place-standard/{exercise_id}",
    response={200: PlaceStandardOut, 404: ErrorOut},
    url_name="place_standard_detail",
)
def place_standard_detail(request, code: str, exercise_id: int):
    """A published Place Standard exercise: each of the 14 themes' score (the
    respondents' mean, 1 = a lot of room for improvement, 7 = very little, to one decimal
    place) and how many scored it; and the earlier exercise for the same place."""
    partnership = _partnership(code)
    try:
        exercise = selectors.place_standard_get(partnership=partnership, pk=exercise_id)
    except PlaceStandardExercise.DoesNotExist as missing:
        raise HttpError(
            404, f"{partnership.name} has published no Place Standard exercise {exercise_id}."
        ) from missing
    earlier = selectors.earlier_exercise(exercise)
    return {
        **_exercise(exercise),
        "page_url": reverse("public:place_standard", args=[code, exercise.pk]),
        "earlier": _exercise(earlier) if earlier else None,
    }
