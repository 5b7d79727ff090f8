"""Reads of meetings: lists, a meeting with everything on it (or only what the public
may see), attendance rates and the decisions partners have still to take."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from placeplan.meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Paper,
    PartnerDecision,
)
from placeplan.partnerships.selectors import person_names


def meeting_list(*, partnership, body=None) -> list[Meeting]:
    """A partnership's meetings (or one body's), newest first."""
    query = Meeting.objects.filter(body__partnership=partnership).select_related("body")
    if body is not None:
        query = query.filter(body=body)
    return list(query.order_by("-starts_at", "pk"))


@dataclass
class PublicMeetings:
    """The partnership's meetings as the public sees them: ``upcoming`` soonest first,
    then ``past`` most recent first. Each meeting has ``public_papers``: its published,
    non-confidential papers not under a confidential item, in number order."""

    upcoming: list[Meeting]
    past: list[Meeting]


def papers_public() -> QuerySet[Paper]:
    """Every paper the public may read, of every partnership: published, not
    confidential and not under a confidential item (``Paper.is_public`` as a query)."""
    return Paper.objects.filter(status=Paper.Status.PUBLISHED, is_confidential=False).filter(
        Q(agenda_item__isnull=True) | Q(agenda_item__is_confidential=False)
    )


def agenda_items_public() -> QuerySet[AgendaItem]:
    """Every agenda item the public may read, of every partnership (not confidential)."""
    return AgendaItem.objects.filter(is_confidential=False)


def meetings_all_public() -> QuerySet[Meeting]:
    """Every meeting of every partnership's bodies: each meeting's body, date and place
    are public (its confidential business is withheld by ``meeting_view``)."""
    return Meeting.objects.select_related("body__partnership__council_area")


def meetings_public(*, partnership, now: datetime.datetime) -> PublicMeetings:
    """Every meeting of all the partnership's bodies, next meetings first, with the
    papers the public may read (the same rule as ``Paper.is_public``)."""
    papers = papers_public().select_related("agenda_item").order_by("year", "sequence")
    rows = (
        Meeting.objects.filter(body__partnership=partnership)
        .select_related("body")
        .prefetch_related(Prefetch("papers", queryset=papers, to_attr="public_papers"))
    )
    upcoming, past = [], []
    for meeting in rows.order_by("starts_at", "pk"):
        # The model's rule asked again: a paper it would withhold is never listed.
        meeting.public_papers = [paper for paper in meeting.public_papers if paper.is_public]
        (upcoming if meeting.starts_at >= now else past).append(meeting)
    return PublicMeetings(upcoming=upcoming, past=past[::-1])


def meeting_get(*, partnership, pk: int) -> Meeting:
    """A meeting of the partnership with its agenda, papers, attendance and decisions
    (raises ``Meeting.DoesNotExist``)."""
    return (
        Meeting.objects.filter(body__partnership=partnership)
        .select_related("body", "minutes_approved_at")
        .prefetch_related(
            Prefetch("items", queryset=AgendaItem.objects.order_by("number")),
            Prefetch("papers", queryset=Paper.objects.select_related("agenda_item")),
            Prefetch(
                "attendance",
                queryset=Attendance.objects.select_related("person", "partner__organisation"),
            ),
            Prefetch(
                "decisions",
                queryset=Decision.objects.select_related("agenda_item", "action").prefetch_related(
                    Prefetch(
                        "partners",
                        queryset=PartnerDecision.objects.select_related("partner__organisation"),
                    )
                ),
            ),
        )
        .get(pk=pk)
    )


def sees_confidential(user, body) -> bool:
    """The one rule for a body's confidential business (confidential items, their papers
    and decisions, the confidential part of the minutes) and its drafts (draft papers,
    draft minutes): its members and those who run its meetings. ``user`` None is the
    public. Every page, form choice, download, pack, API answer, calendar, report and
    e-mail that shows meeting business asks this."""
    return user is not None and user.has_perm("meetings.view_draft_papers", body)


def agenda_items_visible(*, meeting: Meeting, user):
    """A meeting's agenda items the reader may see, in order (for pages and form
    choices)."""
    items = AgendaItem.objects.filter(meeting=meeting).order_by("number")
    return items if sees_confidential(user, meeting.body) else items.filter(is_confidential=False)


def confidential_item_ids(*, partnership, user) -> set[int]:
    """The partnership's confidential agenda items the reader may not see (to leave out
    of anything that lists business across meetings: challenges, actions, digests)."""
    rows = AgendaItem.objects.filter(
        meeting__body__partnership=partnership, is_confidential=True
    ).select_related("meeting__body")
    seen: dict[int, bool] = {}  # the rule asked once per body, not once per item
    hidden = set()
    for item in rows:
        body = item.meeting.body
        if body.pk not in seen:
            seen[body.pk] = sees_confidential(user, body)
        if not seen[body.pk]:
            hidden.add(item.pk)
    return hidden


@dataclass
class MeetingView:
    """What a reader may see of a meeting. The body's members (``sees_confidential``)
    see everything: confidential items with their papers and decisions, drafts, draft
    minutes and the confidential part of the minutes. Others in the partnership see the
    non-confidential items and their decisions, published non-confidential papers,
    attendance (names by the display-name rule) and the minutes' public part once
    approved; the public the same without attendance."""

    meeting: Meeting
    items: list[AgendaItem]
    papers: list[Paper]
    decisions: list[Decision]
    attendance: list[Attendance]
    minutes: str
    minutes_confidential: str
    withheld: int
    members: bool = False


def meeting_view(*, meeting: Meeting, user) -> MeetingView:
    """The meeting as ``user`` may see it (``None``: as the public sees it)."""
    members = sees_confidential(user, meeting.body)
    items = list(meeting.items.all())
    papers = list(meeting.papers.all())
    decisions = list(meeting.decisions.all())
    minutes, confidential = meeting.minutes, meeting.minutes_confidential
    withheld = 0
    if not members:
        hidden = {item.pk for item in items if item.is_confidential}
        withheld = len(hidden)
        items = [item for item in items if item.pk not in hidden]
        papers = [paper for paper in papers if paper.is_public]
        decisions = [d for d in decisions if d.agenda_item_id not in hidden]
        confidential = ""
        if not meeting.minutes_frozen:
            minutes = ""
    attendance = []
    if user is not None:
        names = person_names(user=user, partnership=meeting.body.partnership)
        attendance = list(meeting.attendance.all())
        for row in attendance:
            row.display_name = names(row.person)
    return MeetingView(
        meeting, items, papers, decisions, attendance, minutes, confidential, withheld, members
    )


# Attendance rates cover the last year unless a period is given.
RATE_PERIOD_DAYS = 365


@dataclass
class Rate:
    name: str
    expected: int
    present: int

    @property
    def rate(self) -> float | None:
        """Share of the meetings recorded for them at which they were present (people in
        attendance count as present)."""
        return self.present / self.expected if self.expected else None


def attendance_rates(
    *, body, start: datetime.date, end: datetime.date, user
) -> tuple[list[Rate], list[Rate]]:
    """Attendance at the body's meetings held from ``start`` to ``end``, per person (named
    by the display-name rule for ``user``) and per partner: of the meetings where their
    attendance was recorded (present, in attendance, apologies or absent), how many they
    were at."""
    names = person_names(user=user, partnership=body.partnership)
    rows = Attendance.objects.filter(
        meeting__body=body,
        meeting__status=Meeting.Status.HELD,
        meeting__starts_at__date__gte=start,
        meeting__starts_at__date__lte=end,
    ).select_related("person", "partner__organisation")
    people: dict[int, Rate] = {}
    partners: dict[int, Rate] = {}
    attended = (Attendance.Status.PRESENT, Attendance.Status.IN_ATTENDANCE)
    for row in rows:
        here = row.status in attended
        for table, key, name in (
            (people, row.person_id, names(row.person)),
            (partners, row.partner_id, row.partner.organisation.name if row.partner else None),
        ):
            if key is None:
                continue
            rate = table.setdefault(key, Rate(name, 0, 0))
            rate.expected += 1
            rate.present += here
    return (
        sorted(people.values(), key=lambda r: r.name),
        sorted(partners.values(), key=lambda r: r.name),
    )


def decision_text(decision: Decision, user) -> str:
    """A decision's text as the reader may see it: a decision under a confidential item
    is described, not quoted, to anyone outside the body."""
    if decision.agenda_item.is_confidential and not sees_confidential(user, decision.meeting.body):
        return f"A confidential decision of {decision.meeting.body.name} (for its members only)"
    return decision.text


def partner_decisions_pending(*, partnership, user) -> list[PartnerDecision]:
    """Decisions partners must still take through their own governance, oldest first,
    each with the ``text`` the reader may see."""
    rows = list(
        PartnerDecision.objects.filter(
            decision__meeting__body__partnership=partnership, taken_on__isnull=True
        )
        .select_related("partner__organisation", "decision__meeting__body", "decision__agenda_item")
        .order_by("decision__meeting__starts_at", "pk")
    )
    for row in rows:
        row.text = decision_text(row.decision, user)
    return rows


def partner_attendance(*, partner, start: datetime.date, end: datetime.date) -> Rate | None:
    """Its representatives' attendance at every body's meetings held from ``start`` to
    ``end`` (None when none was recorded)."""
    rows = Attendance.objects.filter(
        partner=partner,
        meeting__status=Meeting.Status.HELD,
        meeting__starts_at__date__gte=start,
        meeting__starts_at__date__lte=end,
    ).values_list("status", flat=True)
    attended = (Attendance.Status.PRESENT, Attendance.Status.IN_ATTENDANCE)
    statuses = list(rows)
    if not statuses:
        return None
    return Rate(partner.organisation.name, len(statuses), sum(s in attended for s in statuses))
