"""Demonstration meetings of Highland's Chief Officers Group: the meeting of 26 November
2013 with report COG/1/13 on the group's remit and the SOA development plan (seed 001),
and, relative to today, two recent meetings and the next one, with attendance of the
demonstration members, decisions (one a partner must take through its own governance)
and minutes. Flagged ``is_demo`` throughout."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from placeplan.challenges import services as challenge_services
from placeplan.challenges.models import Challenge
from placeplan.delivery import services as delivery
from placeplan.delivery.models import ActionStatus, ImprovementAction
from placeplan.meetings import services
from placeplan.meetings.models import Attendance, Meeting
from placeplan.partnerships.models import Body, Partner
from placeplan.partnerships.selectors import memberships_current
from placeplan.plans.models import OutcomeIndicator

HIGHLAND = "S12000017"
PLACE = "Council Headquarters, Glenurquhart Road, Inverness"


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _meeting(body, day, status, place=PLACE) -> Meeting:
    meeting = services.meeting_save(
        meeting=Meeting(body=body, starts_at=_at(day), place=place, status=status, is_demo=True)
    )
    return meeting


def _attendance(meeting, body, apologies=()):
    partners = {p.organisation_id: p for p in Partner.objects.filter(partnership=body.partnership)}
    day = timezone.localtime(meeting.starts_at).date()
    entries = []
    for membership in memberships_current(day).filter(body=body):
        status = (
            Attendance.Status.APOLOGIES
            if membership.person.name in apologies
            else Attendance.Status.PRESENT
        )
        entries.append((membership.person, partners.get(membership.organisation_id), status))
    services.attendance_record(meeting=meeting, entries=entries)


def _challenges(cog, meeting, item, today):
    """Two demonstration challenges: one raised at the latest meeting to Safer Highland
    about crime, answered with an improvement action on the crime indicator and accepted;
    one from the Members Partnership Board to Police Scotland, whose answer is overdue."""
    partnership = cog.partnership
    safer = Body.objects.get(partnership=partnership, name="Safer Highland")
    board = Body.objects.get(partnership=partnership, name="Members Partnership Board")
    crime = (
        OutcomeIndicator.objects.filter(
            outcome__plan__partnership=partnership,
            outcome__plan__status="published",
            measure__name="Crime Rate",
        )
        .order_by("pk")
        .first()
    )
    raised_on = timezone.localtime(meeting.starts_at).date()
    answered = challenge_services.challenge_raise(
        challenge=Challenge(
            partnership=partnership,
            question="Recorded crime has risen for three years while the plan promised a fall. "
            "What is Safer Highland doing differently, and by when will it show?",
            raised_by_body=cog,
            raised_on=raised_on,
            to_body=safer,
            indicator=crime,
            answer_due=raised_on + datetime.timedelta(days=28),
            meeting=meeting,
            agenda_item=item,
            is_demo=True,
        )
    )
    # The answer commits to an action on the indicator challenged.
    police = Partner.objects.get(partnership=partnership, organisation__name="Police Scotland")
    tasking = delivery.action_save(
        action=ImprovementAction(
            partnership=partnership,
            title="Joint tasking in the six communities with the highest recorded crime",
            improvement="Recorded crime falls in the communities where it is highest, and "
            "with it the Highland rate.",
            source=ImprovementAction.Source.CHALLENGE,
            indicator=crime,
            outcome=crime.outcome if crime else None,
            accountable_partner=police,
            responsible_body=safer,
            start=raised_on + datetime.timedelta(days=21),
            due=raised_on + datetime.timedelta(days=21 + 365),
            status=ActionStatus.ON_TRACK,
            is_demo=True,
        ),
        today=today,
    )
    challenge_services.challenge_answer(
        challenge=answered,
        text="Joint tasking now targets the six communities with the highest crime; the "
        "group will report quarterly to the Chief Officers Group.",
        on=raised_on + datetime.timedelta(days=21),
        today=today,
        actions=[tasking],
    )
    challenge_services.challenge_accept(
        challenge=answered, on=raised_on + datetime.timedelta(days=30), today=today
    )
    challenge_services.challenge_raise(
        challenge=Challenge(
            partnership=partnership,
            question="Police Scotland has not yet said where it will take the joint resourcing "
            "decision. When will it?",
            raised_by_body=board,
            raised_on=today - datetime.timedelta(days=40),
            to_partner=police,
            answer_due=today - datetime.timedelta(days=12),
            is_demo=True,
        )
    )


@transaction.atomic
def meetings_demo_load(today: datetime.date | None = None) -> int:
    """Create the demonstration meetings once; returns how many were created."""
    today = today or timezone.localdate()
    cog = Body.objects.get(partnership__council_area__code=HIGHLAND, name="Chief Officers Group")
    if Meeting.objects.filter(body=cog, is_demo=True).exists():
        return 0

    # 26 November 2013: report COG/1/13 (seed 001).
    first = _meeting(cog, datetime.date(2013, 11, 26), Meeting.Status.HELD)
    remit = services.agenda_item_add(
        meeting=first,
        title="The purpose and membership of the Chief Officers Group and how it will operate",
    )
    services.paper_publish(
        paper=services.paper_add(
            meeting=first,
            agenda_item=remit,
            title=remit.title,
            author="Head of Policy and Performance, The Highland Council",
            purpose="To set out the remit and membership of the Chief Officers Group agreed by "
            "the CPP Performance Board, and the SOA development plan's actions to be completed "
            "by the end of March 2014.",
            recommendations="Group members are asked to note the remit and SOA development "
            "plan, and to take part in facilitated discussion on the systems and behaviours "
            "required to deliver against the remit for the group.",
        ),
        on=datetime.date(2013, 11, 19),
    )
    resourcing = services.agenda_item_add(
        meeting=first, title="Progress towards joint resourcing: update for the Scottish Government"
    )
    services.decision_add(
        meeting=first,
        agenda_item=remit,
        text="The group noted its remit and the SOA development plan, and agreed how it "
        "will operate after a facilitated discussion.",
    )
    services.decision_add(
        meeting=first,
        agenda_item=resourcing,
        text="The group agreed the update on joint resourcing for the Scottish Government.",
    )
    public, confidential = services.minutes_outline(first)
    services.minutes_save(meeting=first, text=public, confidential=confidential)
    second = _meeting(cog, datetime.date(2014, 2, 25), Meeting.Status.HELD)
    services.minutes_approve(meeting=first, at=second)

    # Recent meetings and the next, relative to today.
    earlier = _meeting(cog, today - datetime.timedelta(days=166), Meeting.Status.HELD)
    _attendance(earlier, cog, apologies=("Rhona Exampleton",))
    joint = services.agenda_item_add(
        meeting=earlier, title="Joint resourcing proposal for the prevention plan"
    )
    decision = services.decision_add(
        meeting=earlier,
        agenda_item=joint,
        text="The group agreed the joint resourcing proposal. NHS Highland and Police "
        "Scotland are to take it through their own boards.",
        action=ImprovementAction.objects.filter(
            partnership=cog.partnership, title__startswith="Record where each partner"
        ).first(),
        partners=list(
            Partner.objects.filter(
                partnership=cog.partnership,
                organisation__name__in=["NHS Highland", "Police Scotland"],
            )
        ),
    )
    nhs = decision.partners.get(partner__organisation__name="NHS Highland")
    services.partner_decision_record(
        item=nhs, where="NHS Highland Board", on=today - datetime.timedelta(days=140)
    )
    public, confidential = services.minutes_outline(earlier)
    services.minutes_save(meeting=earlier, text=public, confidential=confidential)

    latest = _meeting(cog, today - datetime.timedelta(days=75), Meeting.Status.HELD)
    _attendance(latest, cog, apologies=("Niall Exampleton", "Struan Exampleton"))
    services.minutes_approve(meeting=earlier, at=latest)
    performance = services.agenda_item_add(
        meeting=latest, title="Performance: indicators off track and actions overdue"
    )
    services.decision_add(
        meeting=latest,
        agenda_item=performance,
        text="The group asked the Safer Highland lead officer to report on the rise in "
        "crime at its next meeting.",
    )
    public, confidential = services.minutes_outline(latest)
    services.minutes_save(meeting=latest, text=public, confidential=confidential)
    _challenges(cog, latest, performance, today)

    upcoming = _meeting(cog, today + datetime.timedelta(days=57), Meeting.Status.SCHEDULED)
    services.agenda_item_add(meeting=upcoming, title="Safer Highland: the rise in crime")
    budgets = services.agenda_item_add(
        meeting=upcoming,
        title="Partners' budget proposals for 2027/28",
        is_confidential=True,
    )
    services.paper_add(
        meeting=upcoming,
        agenda_item=budgets,
        title="Partners' budget proposals for 2027/28 (demonstration)",
        author="Fictional finance lead, demonstration",
        purpose="To share partners' draft budget proposals before they are public.",
        is_confidential=True,
    )
    return Meeting.objects.filter(body=cog, is_demo=True).count()
