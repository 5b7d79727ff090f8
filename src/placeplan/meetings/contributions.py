"""What meetings contribute to the workspace and to other capabilities' pages: their
section, a partner's attendance, and the papers to publish and to read that need a person
(their workspace home and daily digest) (plugged in from ``apps.py``)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from placeplan.meetings import selectors
from placeplan.meetings.models import Meeting, Paper
from placeplan.meetings.selectors import RATE_PERIOD_DAYS, sees_confidential
from placeplan.partnerships.selectors import (
    bodies_led_by,
    memberships_current,
    partnerships_supported_by,
)
from placeplan.workspace.registry import Need, NeedSource, Panel, Section

# Papers go out three clear days before the meeting (as councils' papers must, under the
# Local Government (Scotland) Act 1973, s. 50B): published by the fourth day before it.
PAPERS_CLEAR_DAYS = 3
# A meeting's draft papers need those who run it from two weeks before it.
PAPERS_WARNING_DAYS = 14


def partner_attendance(*, request, subject, partnership) -> dict:
    """On a partner's staff page: its representatives' attendance over the last year."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=RATE_PERIOD_DAYS)
    return {
        "partner": subject,
        "attendance": selectors.partner_attendance(partner=subject, start=start, end=today),
        "rate_start": start,
    }


def _meeting_url(meeting) -> str:
    return reverse(
        "meetings:meeting", args=[meeting.body.partnership.council_area.code, meeting.pk]
    )


def papers_to_publish(user, today: datetime.date) -> list[Need]:
    """Scheduled meetings in the next 14 days with draft papers, of bodies whose
    meetings the person runs (as the body's chair or lead officer, or a support officer
    of its partnership); the papers are due three clear days before the meeting."""
    supported = partnerships_supported_by(user=user)
    led = bodies_led_by(user=user, day=today)
    meetings = (
        Meeting.objects.filter(
            Q(body__partnership_id__in=supported) | Q(body_id__in=led),
            status=Meeting.Status.SCHEDULED,
            starts_at__date__gte=today,
            starts_at__date__lte=today + datetime.timedelta(days=PAPERS_WARNING_DAYS),
        )
        .annotate(drafts=Count("papers", filter=Q(papers__status=Paper.Status.DRAFT)))
        .filter(drafts__gt=0)
        .select_related("body__partnership__council_area")
    )
    needs = []
    for meeting in meetings:
        if not user.has_perm("meetings.run_meetings", meeting.body):
            continue
        day = timezone.localtime(meeting.starts_at).date()
        due = day - datetime.timedelta(days=PAPERS_CLEAR_DAYS + 1)
        papers = "1 draft paper" if meeting.drafts == 1 else f"{meeting.drafts} draft papers"
        needs.append(
            Need(
                partnership=meeting.body.partnership,
                text=f"{papers} to publish for the meeting of {meeting.body.name} on "
                f"{day:%-d %B %Y}, due by {due:%-d %B %Y}.",
                url=_meeting_url(meeting),
                due=due,
                overdue=due < today,
                key=(due, meeting.pk),
            )
        )
    return needs


def papers_to_read(user, today: datetime.date) -> list[Need]:
    """Papers published since yesterday for meetings of bodies the person sits on (a
    confidential one only for those who may see it)."""
    seats = memberships_current(today).filter(person__user=user).values("body_id")
    yesterday = today - datetime.timedelta(days=1)
    papers = Paper.objects.filter(
        meeting__body_id__in=seats, status=Paper.Status.PUBLISHED, published_on__gte=yesterday
    ).select_related("meeting__body__partnership__council_area", "agenda_item")
    needs = []
    for paper in papers:
        if not paper.is_public and not sees_confidential(user, paper.meeting.body):
            continue
        day = timezone.localtime(paper.meeting.starts_at).date()
        needs.append(
            Need(
                partnership=paper.meeting.body.partnership,
                text=f"Paper {paper.number} “{paper.title}” is published for the meeting of "
                f"{paper.meeting.body.name} on {day:%-d %B %Y}.",
                url=_meeting_url(paper.meeting),
                due=day,
                key=(paper.meeting.starts_at, paper.sequence),
            )
        )
    return needs


SECTIONS = (Section("Meetings", "meetings:list", "agendas, papers, decisions and minutes", 200),)
PANELS = (Panel("partner", "meetings/includes/_partner_attendance.html", partner_attendance, 40),)
NEEDS = (
    NeedSource("papers_to_publish", "Papers to publish", papers_to_publish, 30),
    NeedSource("papers_to_read", "Papers to read", papers_to_read, 70),
)
