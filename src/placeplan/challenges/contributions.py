"""What the challenge log contributes to the workspace and to other capabilities'
pages: its section, a body's and a partner's challenges, a way to raise a challenge from
an indicator's or a meeting's page, lines in the daily digest, and the exception
report's overdue challenges (plugged in from ``apps.py``)."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from placeplan.challenges import selectors
from placeplan.challenges.models import Challenge
from placeplan.partnerships.models import Body, Membership, PartnershipRole, Role
from placeplan.partnerships.selectors import memberships_current, person_names
from placeplan.workspace.registry import (
    DigestSource,
    ExceptionSource,
    Panel,
    ReportLine,
    Section,
)

ANSWER_WARNING_DAYS = 7


def overdue_challenges(*, request, subject, partnership) -> dict | None:
    """On a body's or a partner's staff page: the challenges to it whose answer is
    overdue."""
    today = timezone.localdate()
    is_body = isinstance(subject, Body)
    to = {"body": subject} if is_body else {"partner": subject}
    overdue = selectors.challenges_overdue(partnership=partnership, today=today, **to)
    if not overdue:
        return None
    name = subject.name if is_body else subject.organisation.name
    return {"overdue": overdue, "name": name, "today": today, "public": False}


def partner_challenges(*, request, subject, partnership) -> dict:
    """On a partner's staff page: every challenge addressed to it."""
    return {
        "partner": subject,
        "challenges": selectors.challenges_to_partner(partner=subject),
        "names": person_names(user=request.user, partnership=partnership),
        "today": timezone.localdate(),
    }


def raise_on_indicator(*, request, subject, partnership) -> dict | None:
    """On a plan indicator's staff page: a way to challenge the partnership on it."""
    if not request.user.has_perm("challenges.raise", partnership):
        return None
    return {"indicator": subject}


def raise_at_meeting(*, request, subject, partnership) -> dict | None:
    """On a meeting's staff page: a way to raise a challenge at it."""
    if not request.user.has_perm("challenges.raise", partnership):
        return None
    return {"meeting": subject}


def challenge_lines(user, today: datetime.date) -> list[tuple[tuple, str]]:
    """Challenges to a body the person chairs or leads (or, for partner officers, to a
    partner they represent on one of the partnership's bodies): those raised since
    yesterday, and those whose answer is due within 7 days or overdue."""
    current = memberships_current(today).filter(person__user=user)
    led = current.filter(role__in=Membership.LEADING_ROLES).values("body_id")
    partner_officer_of = PartnershipRole.objects.filter(
        user=user, role=Role.PARTNER_OFFICER
    ).values("partnership_id")
    # Partner officers hear of challenges to the partners they represent on a body.
    represented = current.filter(
        body__partnership_id__in=partner_officer_of, organisation__isnull=False
    )
    addressed = Challenge.objects.filter(
        Q(to_body_id__in=led)
        | Q(
            to_partner__partnership_id__in=partner_officer_of,
            to_partner__organisation_id__in=represented.values("organisation_id"),
        )
    ).select_related("to_body", "to_partner__organisation")
    yesterday = today - datetime.timedelta(days=1)
    answer_soon = today + datetime.timedelta(days=ANSWER_WARNING_DAYS)
    lines = []
    for challenge in addressed:
        key = (challenge.answer_due, challenge.pk)
        if challenge.raised_on >= yesterday and challenge.is_waiting:
            lines.append(
                (
                    key,
                    f"Challenge received for {challenge.addressee}: "
                    f"“{challenge.question[:120]}” "
                    f"(answer due {challenge.answer_due:%-d %B %Y}).",
                )
            )
        elif challenge.is_waiting and challenge.answer_due <= answer_soon:
            when = "was due" if challenge.answer_due < today else "is due"
            lines.append(
                (
                    key,
                    f"The answer to a challenge to {challenge.addressee} {when} on "
                    f"{challenge.answer_due:%-d %B %Y}: “{challenge.question[:120]}”.",
                )
            )
    return lines


OVERDUE = "Challenges with an overdue answer"


def exception_lines(*, partnership, on: datetime.date) -> list[ReportLine]:
    """Challenges whose answer is overdue."""
    code = partnership.council_area.code
    return [
        ReportLine(
            OVERDUE,
            f"To {challenge.addressee}, answer due {challenge.answer_due:%-d %B %Y}: "
            f"{challenge.question[:140]}",
            reverse("challenges:challenge", args=[code, challenge.pk]),
        )
        for challenge in selectors.challenges_overdue(partnership=partnership, today=on)
    ]


SECTIONS = (
    Section(
        "Challenge log",
        "challenges:log",
        "questions put to bodies and partners, and their answers",
        210,
    ),
)
PANELS = (
    Panel("body", "challenges/includes/_overdue_challenges.html", overdue_challenges),
    Panel("indicator", "challenges/includes/_raise_on_indicator.html", raise_on_indicator, 20),
    Panel("meeting", "challenges/includes/_raise_at_meeting.html", raise_at_meeting),
    Panel("partner", "challenges/includes/_overdue_challenges.html", overdue_challenges, 0),
    Panel("partner", "challenges/includes/_partner_challenges.html", partner_challenges, 30),
)
DIGEST = (DigestSource("challenges", challenge_lines, 20),)
EXCEPTIONS = (ExceptionSource((OVERDUE,), exception_lines, 30),)
