"""What meetings contribute to the workspace and to other capabilities' pages: their
section, a partner's attendance, and lines in the daily digest (plugged in from
``apps.py``)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from placeplan.meetings import selectors
from placeplan.meetings.models import Paper
from placeplan.meetings.selectors import RATE_PERIOD_DAYS, sees_confidential
from placeplan.partnerships.selectors import memberships_current
from placeplan.workspace.registry import DigestSource, Panel, Section


def partner_attendance(*, request, subject, partnership) -> dict:
    """On a partner's staff page: its representatives' attendance over the last year."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=RATE_PERIOD_DAYS)
    return {
        "partner": subject,
        "attendance": selectors.partner_attendance(partner=subject, start=start, end=today),
        "rate_start": start,
    }


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


SECTIONS = (Section("Meetings", "meetings:list", "agendas, papers, decisions and minutes", 200),)
PANELS = (Panel("partner", "meetings/includes/_partner_attendance.html", partner_attendance, 40),)
DIGEST = (DigestSource("papers", paper_lines, 30),)
