"""What the challenge log contributes to the workspace and to other capabilities'
pages: its section, a body's and a partner's challenges, a way to raise a challenge from
an indicator's or a meeting's page, the challenges to answer and answers to review that
need a person (their workspace home and daily digest), and the exception
report's overdue challenges (plugged in from ``apps.py``)."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from placeplan.challenges import selectors
from placeplan.challenges.models import Challenge
from placeplan.partnerships.models import Body, PartnershipRole, Role
from placeplan.partnerships.selectors import bodies_led_by, memberships_current, person_names
from placeplan.workspace.registry import (
    ExceptionSource,
    Need,
    NeedSource,
    Panel,
    ReportLine,
    Section,
)


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


def _url(challenge) -> str:
    return reverse(
        "challenges:challenge", args=[challenge.partnership.council_area.code, challenge.pk]
    )


def challenges_to_answer(user, today: datetime.date) -> list[Need]:
    """Challenges waiting for an answer from a body the person chairs or leads (or, for
    partner officers, from a partner they represent on one of the partnership's bodies):
    those they may answer, new ones (raised since yesterday) said to be new."""
    current = memberships_current(today).filter(person__user=user)
    led = bodies_led_by(user=user, day=today)
    partner_officer_of = PartnershipRole.objects.filter(
        user=user, role=Role.PARTNER_OFFICER
    ).values("partnership_id")
    # Partner officers answer for the partners they represent on a body.
    represented = current.filter(
        body__partnership_id__in=partner_officer_of, organisation__isnull=False
    )
    addressed = Challenge.objects.filter(
        Q(to_body_id__in=led)
        | Q(
            to_partner__partnership_id__in=partner_officer_of,
            to_partner__organisation_id__in=represented.values("organisation_id"),
        ),
        status__in=[Challenge.Status.OPEN, Challenge.Status.ESCALATED],
    ).select_related("partnership__council_area", "to_body", "to_partner__organisation")
    yesterday = today - datetime.timedelta(days=1)
    needs = []
    for challenge in addressed:
        if not user.has_perm("challenges.answer", challenge):
            continue
        overdue = challenge.is_overdue(today)
        question = f"“{challenge.question[:120]}”"
        due = f"{challenge.answer_due:%-d %B %Y}"
        if challenge.raised_on >= yesterday:
            text = f"Challenge received for {challenge.addressee}: {question} (answer due {due})."
        else:
            when = "was due" if overdue else "is due"
            text = (
                f"The answer to a challenge to {challenge.addressee} {when} on {due}: {question}."
            )
        needs.append(
            Need(
                partnership=challenge.partnership,
                text=text,
                url=_url(challenge),
                due=challenge.answer_due,
                overdue=overdue,
                key=(challenge.answer_due, challenge.pk),
            )
        )
    return needs


def answers_to_review(user, today: datetime.date) -> list[Need]:
    """Answered challenges the person raised, or that a body they chair or lead raised:
    the answer is theirs to accept or escalate."""
    led = bodies_led_by(user=user, day=today)
    answered = Challenge.objects.filter(
        Q(raised_by=user) | Q(raised_by_body_id__in=led), status=Challenge.Status.ANSWERED
    ).select_related("partnership__council_area", "to_body", "to_partner__organisation")
    return [
        Need(
            partnership=challenge.partnership,
            text=f"{challenge.addressee} has answered the challenge "
            f"“{challenge.question[:120]}”: accept the answer or escalate it.",
            url=_url(challenge),
            key=(challenge.raised_on, challenge.pk),
        )
        for challenge in answered
        if user.has_perm("challenges.respond_to_answer", challenge)
    ]


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
NEEDS = (
    NeedSource("challenges", "Challenges to answer", challenges_to_answer, 10),
    NeedSource("answers", "Answers to review", answers_to_review, 60),
)
EXCEPTIONS = (ExceptionSource((OVERDUE,), exception_lines, 30),)
