"""The challenge log's reads: the log (newest first), one challenge, and those whose
answer is overdue (oldest due first)."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch

from placeplan.challenges.models import Challenge, ChallengeStep


def challenge_list(*, partnership, public: bool = False, status: str = "") -> list[Challenge]:
    """The partnership's challenges, newest first, with their steps; only public ones for
    the public."""
    query = (
        Challenge.objects.filter(partnership=partnership)
        .select_related(
            "raised_by_body",
            "to_partner__organisation",
            "to_body",
            "indicator__measure",
            "indicator__area",
            "action",
            "commitment",
            "meeting__body",
        )
        .prefetch_related(
            Prefetch("steps", queryset=ChallengeStep.objects.prefetch_related("actions"))
        )
    )
    if public:
        query = query.filter(is_public=True)
    if status:
        query = query.filter(status=status)
    return list(query.order_by("-raised_on", "-pk"))


def challenge_get(*, partnership, pk: int, public: bool = False) -> Challenge:
    """One challenge (raises ``Challenge.DoesNotExist``)."""
    query = Challenge.objects.filter(partnership=partnership)
    if public:
        query = query.filter(is_public=True)
    return query.select_related("to_partner__organisation", "to_body", "raised_by_body").get(pk=pk)


def challenges_overdue(
    *, partnership, today: datetime.date, partner=None, body=None, public: bool = False
):
    """Challenges waiting for an answer after their due date, oldest due first; only
    those addressed to ``partner`` or ``body`` when given, and only public ones for the
    public."""
    query = Challenge.objects.filter(
        partnership=partnership,
        status__in=[Challenge.Status.OPEN, Challenge.Status.ESCALATED],
        answer_due__lt=today,
    ).select_related("to_partner__organisation", "to_body")
    if partner is not None:
        query = query.filter(to_partner=partner)
    if body is not None:
        query = query.filter(to_body=body)
    if public:
        query = query.filter(is_public=True)
    return list(query.order_by("answer_due", "pk"))


def challenges_to_partner(*, partner) -> list[Challenge]:
    """The challenges addressed to a partner, those waiting for an answer first, soonest
    due first."""
    return sorted(
        Challenge.objects.filter(to_partner=partner)
        .select_related("raised_by_body", "to_partner__organisation", "meeting__body")
        .prefetch_related("steps__actions"),
        key=lambda c: (not c.is_waiting, c.answer_due, c.pk),
    )
