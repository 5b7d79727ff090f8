"""What meetings and the challenge log contribute to the workspace and to other
capabilities' pages: their sections, a body's overdue challenges, a way to challenge the
partnership on an indicator, lines in the daily digest, and the exception report's
overdue challenges (plugged in from ``apps.py``)."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from placeplan.meetings import challenges, selectors
from placeplan.meetings.models import Challenge, Paper
from placeplan.meetings.selectors import RATE_PERIOD_DAYS, sees_confidential
from placeplan.partnerships.models import Membership, PartnershipRole, Role
from placeplan.partnerships.selectors import memberships_current, person_names
from placeplan.workspace.registry import (
    DigestSource,
    ExceptionSource,
    Panel,
    ReportLine,
    Section,
)


def overdue_challenges(*, request, subject, partnership) -> dict | None:
    """On a body's staff page: the challenges to it whose answer is overdue."""
    today = timezone.localdate()
    overdue = challenges.challenges_overdue(partnership=partnership, today=today, body=subject)
    if not overdue:
        return None
    return {"overdue": overdue, "name": subject.name, "today": today, "public": False}


def partner_overdue_challenges(*, request, subject, partnership) -> dict | None:
    """On a partner's staff page: the challenges to it whose answer is overdue."""
    today = timezone.localdate()
    overdue = challenges.challenges_overdue(partnership=partnership, today=today, partner=subject)
    if not overdue:
        return None
    return {
        "overdue": overdue,
        "name": subject.organisation.name,
        "today": today,
        "public": False,
    }


def partner_scrutiny(*, request, subject, partnership) -> dict:
    """On a partner's staff page: the challenges addressed to it, and its
    representatives' attendance over the last year."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=RATE_PERIOD_DAYS)
    return {
        "partner": subject,
        "scrutiny": selectors.partner_scrutiny(partner=subject, start=start, end=today),
        "names": person_names(user=request.user, partnership=partnership),
        "rate_start": start,
        "today": today,
    }


def challenge_indicator(*, request, subject, partnership) -> dict | None:
    """On a plan indicator's staff page: a way to challenge the partnership on it."""
    if not request.user.has_perm("meetings.raise_challenges", partnership):
        return None
    return {"indicator": subject}


ANSWER_WARNING_DAYS = 7
LEADS = (Membership.MemberRole.CHAIR, Membership.MemberRole.LEAD_OFFICER)


def challenge_lines(user, today: datetime.date) -> list[tuple[tuple, str]]:
    """Challenges to a body the person chairs or leads (or, for partner officers, to a
    partner they represent on one of the partnership's bodies): those raised since
    yesterday, and those whose answer is due within 7 days or overdue."""
    current = memberships_current(today).filter(person__user=user)
    led = current.filter(role__in=LEADS).values("body_id")
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


def paper_lines(user, today: datetime.date) -> list[tuple[tuple, str]]:
    """Papers published since yesterday for meetings of bodies the person sits on (a
    confidential one only for those who may see it)."""
    seats = memberships_current(today).filter(person__user=user).values("body_id")
    yesterday = today - datetime.timedelta(days=1)
    papers = Paper.objects.filter(
        meeting__body_id__in=seats, status=Paper.Status.PUBLISHED, published_on__gte=yesterday
    ).select_related("meeting__body", "agenda_item")
    lines = []
    for paper in papers:
        if not paper.is_public and not sees_confidential(user, paper.meeting.body):
            continue
        lines.append(
            (
                (paper.meeting.starts_at, paper.sequence),
                f"Paper {paper.number} “{paper.title}” is published for the meeting of "
                f"{paper.meeting.body.name} on {paper.meeting.starts_at:%-d %B %Y}.",
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
            reverse("meetings:challenge", args=[code, challenge.pk]),
        )
        for challenge in challenges.challenges_overdue(partnership=partnership, today=on)
    ]


SECTIONS = (
    Section("Meetings", "meetings:list", "agendas, papers, decisions and minutes", 200),
    Section(
        "Challenge log",
        "meetings:challenges",
        "questions put to bodies and partners, and their answers",
        210,
    ),
)
PANELS = (
    Panel("body", "meetings/includes/_overdue_challenges.html", overdue_challenges),
    Panel("indicator", "meetings/includes/_challenge_indicator.html", challenge_indicator, 20),
    Panel("partner", "meetings/includes/_overdue_challenges.html", partner_overdue_challenges, 0),
    Panel("partner", "meetings/includes/_partner_challenges.html", partner_scrutiny, 30),
)
DIGEST = (
    DigestSource("challenges", challenge_lines, 20),
    DigestSource("papers", paper_lines, 30),
)
EXCEPTIONS = (ExceptionSource((OVERDUE,), exception_lines, 30),)
