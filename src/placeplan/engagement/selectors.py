"""Reads of engagement: activities with what people said and what was done, the themes
still waiting for a "we did", residents' responses (private), Place Standard scores and
their comparison with an earlier exercise, and the engagement that shaped a plan."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from placeplan.core.numbers import number_text
from placeplan.engagement.models import (
    FEEDBACK_WEEKS,
    PLACE_STANDARD_THEMES,
    Activity,
    ConsultationResponse,
    PlaceStandardExercise,
    Theme,
)

_THEME_RELATED = (
    "outcome__plan",
    "commitment__outcome__plan",
    "action__outcome__plan",
    "action__commitment__outcome__plan",
)


def _activities(partnership, *, public: bool) -> QuerySet[Activity]:
    query = Activity.objects.filter(partnership=partnership).select_related(
        "body", "partnership__council_area", "place_standard__locality", "place_standard__community"
    )
    if public:
        query = query.filter(status=Activity.Status.PUBLISHED)
    return query


def activity_list(
    *, partnership, public: bool = False, kind: str = "", body=None
) -> list[Activity]:
    """The partnership's activities, latest to close first, each with its themes (and
    what was done about each); published ones only for the public."""
    themes = Theme.objects.select_related(*_THEME_RELATED)
    query = _activities(partnership, public=public).prefetch_related(
        Prefetch("themes", queryset=themes)
    )
    if kind:
        query = query.filter(kind=kind)
    if body is not None:
        query = query.filter(body=body)
    return list(query.order_by("-ends_on", "title", "pk"))


def activity_get(*, partnership, pk: int, public: bool = False) -> Activity:
    """One activity of the partnership with its themes (raises ``Activity.DoesNotExist``;
    a draft does not exist for the public)."""
    themes = Theme.objects.select_related(*_THEME_RELATED)
    return (
        _activities(partnership, public=public)
        .prefetch_related(Prefetch("themes", queryset=themes))
        .get(pk=pk)
    )


def theme_get(*, activity: Activity, pk: int) -> Theme:
    return Theme.objects.select_related("activity", *_THEME_RELATED).get(activity=activity, pk=pk)


def responses_of(*, activity: Activity) -> list[ConsultationResponse]:
    """The residents' responses to an activity, oldest first: private to the people who
    record the activity (never on a public page or in the API)."""
    return list(activity.responses.select_related("user__resident").order_by("submitted_at", "pk"))


def responses_by(*, user) -> list[ConsultationResponse]:
    """What a resident has sent, for their data download."""
    return list(
        ConsultationResponse.objects.filter(user=user)
        .select_related("activity__partnership")
        .order_by("submitted_at", "pk")
    )


def awaiting_feedback(*, partnership, on: datetime.date, body=None) -> list[Activity]:
    """Activities closed more than eight weeks before ``on`` with a theme that has no
    "we did" (or, for any kind but a Place Standard exercise, no themes at all). For a
    locality partnership (a body with a locality), only its own activities."""
    cutoff = on - datetime.timedelta(weeks=FEEDBACK_WEEKS)
    query = _activities(partnership, public=False).filter(ends_on__lt=cutoff)
    if body is not None and body.locality_id is not None:
        query = query.filter(body=body)
    query = query.filter(
        Q(themes__responded_on__isnull=True)
        | (Q(themes__isnull=True) & ~Q(kind=Activity.Kind.PLACE_STANDARD))
    ).distinct()
    return list(query.prefetch_related("themes").order_by("ends_on", "pk"))


def themes_without_response(activity: Activity) -> list[Theme]:
    return [theme for theme in activity.themes.all() if not theme.has_response]


# -- Place Standard --------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeScore:
    """A theme's score: the mean of its respondents' scores (or the summary recorded),
    how many scored it, and the score as shown (one decimal place)."""

    theme: str
    label: str
    mean: float | None
    respondents: int

    @property
    def text(self) -> str:
        return "–" if self.mean is None else number_text(self.mean, 1)


def theme_scores(exercise: PlaceStandardExercise) -> list[ThemeScore]:
    """Every theme's score, in the tool's order: worked out from the respondents' scores
    when they were recorded (sum ÷ number who scored the theme), else the summary
    recorded. A theme nobody scored has no mean."""
    totals: dict[str, list[int]] = defaultdict(list)
    for rating in exercise.ratings.all():
        totals[rating.theme].append(rating.score)
    if totals:
        return [
            ThemeScore(
                theme=key,
                label=label,
                mean=(sum(totals[key]) / len(totals[key])) if totals[key] else None,
                respondents=len(totals[key]),
            )
            for key, label in PLACE_STANDARD_THEMES
        ]
    summary = {row.theme: row for row in exercise.scores.all()}
    return [
        ThemeScore(
            theme=key,
            label=label,
            mean=float(summary[key].score) if key in summary else None,
            respondents=summary[key].respondents if key in summary else 0,
        )
        for key, label in PLACE_STANDARD_THEMES
    ]


def respondent_count(exercise: PlaceStandardExercise) -> int:
    """How many people scored: respondents recorded one by one, or the most who scored
    any one theme in a summary."""
    ratings = exercise.ratings.values("respondent").distinct().count()
    if ratings:
        return ratings
    return max((row.respondents for row in exercise.scores.all()), default=0)


@dataclass
class ScoreRow:
    theme: str
    label: str
    latest: ThemeScore
    earlier: ThemeScore | None = None

    @property
    def change(self) -> float | None:
        if self.earlier is None or self.latest.mean is None or self.earlier.mean is None:
            return None
        return round(self.latest.mean, 1) - round(self.earlier.mean, 1)

    @property
    def change_text(self) -> str:
        change = self.change
        if change is None:
            return "–"
        if round(change, 1) == 0:
            return "No change"
        return f"{'+' if change > 0 else '−'}{number_text(abs(change), 1)}"


@dataclass
class PlaceStandardResult:
    """An exercise's scores, and an earlier exercise's for the same place to compare."""

    exercise: PlaceStandardExercise
    respondents: int
    rows: list[ScoreRow] = field(default_factory=list)
    earlier: PlaceStandardExercise | None = None
    earlier_respondents: int = 0

    @property
    def place_name(self) -> str:
        return self.exercise.place_name

    @property
    def activity(self) -> Activity:
        return self.exercise.activity


def _exercises(*, public: bool) -> QuerySet[PlaceStandardExercise]:
    query = PlaceStandardExercise.objects.select_related(
        "activity__partnership__council_area", "activity__body", "locality", "community"
    ).prefetch_related("scores", "ratings")
    if public:
        query = query.filter(activity__status=Activity.Status.PUBLISHED)
    return query


def earlier_exercise(
    exercise: PlaceStandardExercise, *, public: bool = True
) -> PlaceStandardExercise | None:
    """The exercise for the same locality (or community) that closed last before this
    one did."""
    place = (
        {"locality": exercise.locality_id}
        if exercise.locality_id
        else {"community": exercise.community_id}
    )
    return (
        _exercises(public=public)
        .filter(**place, activity__ends_on__lt=exercise.activity.ends_on)
        .exclude(pk=exercise.pk)
        .order_by("-activity__ends_on", "-pk")
        .first()
    )


def place_standard_result(
    exercise: PlaceStandardExercise, *, public: bool = True
) -> PlaceStandardResult:
    """An exercise's scores theme by theme, beside the earlier exercise's (if any)."""
    earlier = earlier_exercise(exercise, public=public)
    before = {s.theme: s for s in theme_scores(earlier)} if earlier else {}
    rows = [
        ScoreRow(theme=s.theme, label=s.label, latest=s, earlier=before.get(s.theme))
        for s in theme_scores(exercise)
    ]
    return PlaceStandardResult(
        exercise=exercise,
        respondents=respondent_count(exercise),
        rows=rows,
        earlier=earlier,
        earlier_respondents=respondent_count(earlier) if earlier else 0,
    )


def place_standard_get(*, partnership, pk: int, public: bool = True) -> PlaceStandardExercise:
    """One Place Standard exercise of the partnership (raises
    ``PlaceStandardExercise.DoesNotExist``; a draft activity's does not exist for the
    public)."""
    return _exercises(public=public).get(activity__partnership=partnership, pk=pk)


def place_standard_list(*, partnership, public: bool = True) -> list[PlaceStandardExercise]:
    """The partnership's Place Standard exercises, latest first."""
    return list(
        _exercises(public=public)
        .filter(activity__partnership=partnership)
        .order_by("-activity__ends_on", "-pk")
    )


def place_standard_for_locality(locality, *, public: bool = True) -> PlaceStandardResult | None:
    """For a Story of Place's evidence panel: the locality's latest (published) Place
    Standard exercise, each theme's score and the earlier exercise's for comparison; None
    when the locality has none. Render it with ``engagement/includes/_place_standard.html``
    (context: ``result``, ``chart``, ``heading_level``)."""
    latest = (
        _exercises(public=public)
        .filter(locality=locality)
        .order_by("-activity__ends_on", "-pk")
        .first()
    )
    return place_standard_result(latest, public=public) if latest else None


def place_standard_for_community(community, *, public: bool = True) -> PlaceStandardResult | None:
    """The same, for a community (an intermediate zone)."""
    latest = (
        _exercises(public=public)
        .filter(community=community)
        .order_by("-activity__ends_on", "-pk")
        .first()
    )
    return place_standard_result(latest, public=public) if latest else None


def engagement_for_locality(locality, *, public: bool = True, limit: int = 5) -> list[Activity]:
    """For a Story of Place: the latest activities run by the locality's local
    partnership(s) or about the locality (a Place Standard exercise for it)."""
    query = Activity.objects.filter(
        Q(body__locality=locality) | Q(place_standard__locality=locality)
    ).select_related("body", "partnership__council_area")
    if public:
        query = query.filter(status=Activity.Status.PUBLISHED)
    themes = Theme.objects.select_related(*_THEME_RELATED)
    return list(
        query.prefetch_related(Prefetch("themes", queryset=themes))
        .distinct()
        .order_by("-ends_on", "-pk")[:limit]
    )


# -- Plans -----------------------------------------------------------------------------------


def shaped_by(*, plan, public: bool = True) -> dict[int, list[Theme]]:
    """For each outcome of a plan, the themes whose "we did" changed it: linked to the
    outcome itself, a commitment under it, or an improvement action serving either.
    Published activities only for the public."""
    outcome_ids = set(plan.outcomes.values_list("pk", flat=True))
    query = Theme.objects.filter(
        Q(outcome__plan=plan)
        | Q(commitment__outcome__plan=plan)
        | Q(action__outcome__plan=plan)
        | Q(action__commitment__outcome__plan=plan)
    ).select_related("activity__partnership__council_area", "activity__body", *_THEME_RELATED)
    if public:
        query = query.filter(activity__status=Activity.Status.PUBLISHED)
    shaped: dict[int, list[Theme]] = defaultdict(list)
    for theme in query.order_by("-activity__ends_on", "-raised_by", "pk"):
        targets = {
            theme.outcome_id,
            theme.commitment.outcome_id if theme.commitment else None,
            theme.action.outcome_id if theme.action else None,
            theme.action.commitment.outcome_id
            if theme.action and theme.action.commitment
            else None,
        }
        for outcome_id in targets & outcome_ids:
            shaped[outcome_id].append(theme)
    return dict(shaped)
