"""Version 1 of the API, scrutiny and delivery: meetings (agenda, papers, decisions,
attendance, minutes), improvement actions and the challenge log.

Anonymous callers, and anyone without a role in the partnership, get what the public
pages show: published, non-confidential papers and items, approved minutes, public
challenges, and no personal data (no attendance, no action owners, no names of who
took a challenge's steps: only the body or partner they acted for). People working in
the partnership, signed in, get the rest, draft papers only when they may see them.
"""

from __future__ import annotations

from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from placeplan.challenges import selectors as challenge_selectors
from placeplan.delivery import selectors as delivery
from placeplan.meetings import selectors as meetings
from placeplan.meetings.models import Meeting
from placeplan.partnerships import selectors as partnerships
from placeplan.partnerships.models import Partnership

router = Router(tags=["scrutiny"])


class ErrorOut(Schema):
    detail: str


class MeetingOut(Schema):
    id: int
    body: str
    body_id: int
    starts_at: str
    place: str
    status: str
    minutes_status: str


class ItemOut(Schema):
    number: int
    title: str
    is_confidential: bool


class PaperOut(Schema):
    number: str
    title: str
    author: str
    purpose: str
    recommendations: str
    status: str
    agenda_item: int | None
    has_attachment: bool


class PartnerDecisionOut(Schema):
    partner: str
    taken_where: str
    taken_on: str | None


class DecisionOut(Schema):
    agenda_item: int
    text: str
    action_id: int | None
    partners: list[PartnerDecisionOut]


class AttendanceOut(Schema):
    person: str
    partner: str | None
    status: str


class MeetingDetailOut(MeetingOut):
    agenda: list[ItemOut]
    papers: list[PaperOut]
    decisions: list[DecisionOut]
    attendance: list[AttendanceOut] | None
    minutes: str | None
    minutes_confidential: str | None = Field(
        None, description="The confidential part of the minutes: for the body's members only."
    )
    withheld_items: int


class ActionOut(Schema):
    id: int
    title: str
    improvement: str
    source: str
    status: str
    responsible_body: str
    accountable_partner: str
    owner: str | None
    start: str | None
    due: str
    overdue: bool
    recommendation_id: int | None
    commitment_id: int | None
    outcome_id: int | None
    indicator_id: int | None


class StepOut(Schema):
    kind: str
    on: str
    acting_for: str
    by: str | None
    text: str
    action_ids: list[int]


class ChallengeOut(Schema):
    id: int
    question: str
    status: str
    raised_on: str
    raised_by_body: str | None
    to: str
    answer_due: str
    overdue: bool
    indicator_id: int | None
    action_id: int | None
    meeting_id: int | None
    steps: list[StepOut]


def _plan_part(part, outcome, staff: bool) -> int | None:
    """The id of a part of a plan (commitment, outcome, indicator) when the caller may read
    the plan: staff any, the public only published and superseded plans."""
    if part is None or not (staff or outcome.plan.is_public):
        return None
    return part.pk


def _partnership(code: str) -> Partnership:
    try:
        return partnerships.partnership_get(council_code=code)
    except Partnership.DoesNotExist as missing:
        raise HttpError(404, f"No partnership has the council area code {code}.") from missing


def _staff(request, partnership) -> bool:
    return request.user.has_perm("meetings.view_meetings", partnership)


def _meeting(meeting: Meeting) -> dict:
    return {
        "id": meeting.pk,
        "body": meeting.body.name,
        "body_id": meeting.body_id,
        "starts_at": meeting.starts_at.isoformat(),
        "place": meeting.place,
        "status": meeting.status,
        "minutes_status": meeting.minutes_status,
    }


@router.get(
    "/partnerships/{code}/meetings",
    response={200: list[MeetingOut], 404: ErrorOut},
    url_name="meeting_list",
)
def meeting_list(request, code: str):
    """The meetings of the partnership's bodies, newest first."""
    return [_meeting(m) for m in meetings.meeting_list(partnership=_partnership(code))]


@router.get(
    "/partnerships/{code}/meetings/{meeting_id}",
    response={200: MeetingDetailOut, 404: ErrorOut},
    url_name="meeting_detail",
)
def meeting_detail(request, code: str, meeting_id: int):
    """A meeting's agenda, papers, decisions, attendance and minutes (see above for what
    anonymous callers get)."""
    partnership = _partnership(code)
    try:
        meeting = meetings.meeting_get(partnership=partnership, pk=meeting_id)
    except Meeting.DoesNotExist as missing:
        raise HttpError(404, f"{partnership.name} has no meeting {meeting_id}.") from missing
    staff = _staff(request, partnership)
    view = meetings.meeting_view(meeting=meeting, user=request.user if staff else None)
    return {
        **_meeting(meeting),
        "agenda": [
            {"number": i.number, "title": i.title, "is_confidential": i.is_confidential}
            for i in view.items
        ],
        "papers": [
            {
                "number": p.number,
                "title": p.title,
                "author": p.author,
                "purpose": p.purpose,
                "recommendations": p.recommendations,
                "status": p.status,
                "agenda_item": p.agenda_item.number if p.agenda_item else None,
                "has_attachment": bool(p.attachment),
            }
            for p in view.papers
        ],
        "decisions": [
            {
                "agenda_item": d.agenda_item.number,
                "text": d.text,
                "action_id": d.action_id,
                "partners": [
                    {
                        "partner": p.partner.organisation.name,
                        "taken_where": p.taken_where,
                        "taken_on": p.taken_on.isoformat() if p.taken_on else None,
                    }
                    for p in d.partners.all()
                ],
            }
            for d in view.decisions
        ],
        "attendance": (
            [
                {
                    "person": a.display_name,
                    "partner": a.partner.organisation.name if a.partner else None,
                    "status": a.status,
                }
                for a in view.attendance
            ]
            if staff
            else None
        ),
        "minutes": view.minutes or None,
        "minutes_confidential": view.minutes_confidential or None,
        "withheld_items": view.withheld,
    }


@router.get(
    "/partnerships/{code}/actions",
    response={200: list[ActionOut], 404: ErrorOut},
    url_name="action_list",
)
def action_list(request, code: str):
    """The partnership's improvement actions, soonest due first, with whether each is
    overdue today. Owners are named only to people working in the partnership."""
    partnership = _partnership(code)
    staff = request.user.has_perm("delivery.view_actions", partnership)
    names = partnerships.person_names(user=request.user, partnership=partnership)
    today = timezone.localdate()
    return [
        {
            "id": a.pk,
            "title": a.title,
            "improvement": a.improvement,
            "source": a.source,
            "status": a.status,
            "responsible_body": a.responsible_body.name,
            "accountable_partner": a.accountable_partner.organisation.name,
            "owner": names(a.owner) if staff and a.owner else None,
            "start": a.start.isoformat() if a.start else None,
            "due": a.due.isoformat(),
            "overdue": a.is_overdue(today),
            "recommendation_id": a.recommendation_id,
            # What it serves, in a plan the caller may read (not a draft, for the public).
            "commitment_id": _plan_part(a.commitment, a.commitment and a.commitment.outcome, staff),
            "outcome_id": _plan_part(a.outcome, a.outcome, staff),
            "indicator_id": _plan_part(a.indicator, a.indicator and a.indicator.outcome, staff),
        }
        for a in delivery.action_list(partnership=partnership)
    ]


@router.get(
    "/partnerships/{code}/challenges",
    response={200: list[ChallengeOut], 404: ErrorOut},
    url_name="challenge_list",
)
def challenge_list(request, code: str):
    """The challenge log, newest first, each challenge with its dated steps; public
    challenges only for anonymous callers."""
    partnership = _partnership(code)
    staff = _staff(request, partnership)
    names = partnerships.person_names(user=request.user, partnership=partnership)
    today = timezone.localdate()
    return [
        {
            "id": c.pk,
            "question": c.question,
            "status": c.status,
            "raised_on": c.raised_on.isoformat(),
            "raised_by_body": c.raised_by_body.name if c.raised_by_body else None,
            "to": str(c.addressee),
            "answer_due": c.answer_due.isoformat(),
            "overdue": c.is_overdue(today),
            "indicator_id": _plan_part(c.indicator, c.indicator and c.indicator.outcome, staff),
            "action_id": c.action_id,
            "meeting_id": c.meeting_id,
            "steps": [
                {
                    "kind": s.kind,
                    "on": s.on.isoformat(),
                    "acting_for": s.acting_for,
                    "by": names.of_user(s.by_id, s.by_name) if staff else None,
                    "text": s.text,
                    "action_ids": [a.pk for a in s.actions.all()],
                }
                for s in c.steps.all()
            ],
        }
        for c in challenge_selectors.challenge_list(partnership=partnership, public=not staff)
    ]
