"""Daily email digests: one email a day to each person with something that needs them,
never a flood, and none for people who turned digests off.

What a person's digest holds:
- improvement actions they own, or whose responsible body they chair or lead, that are
  due within 14 days or overdue;
- challenges addressed to a body they chair or lead (or, for partner officers, to a
  partner they represent on one of the partnership's bodies): those raised since
  yesterday, and those whose answer is due within 7 days or overdue;
- papers published since yesterday for meetings of bodies they sit on.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q

from placeplan.accounts.models import User
from placeplan.delivery.models import CLOSED_STATUSES, ImprovementAction
from placeplan.meetings.models import Challenge, DigestSent, Paper
from placeplan.meetings.selectors import sees_confidential
from placeplan.partnerships.models import Membership, PartnershipRole, Role
from placeplan.partnerships.selectors import memberships_current

ACTION_WARNING_DAYS = 14
ANSWER_WARNING_DAYS = 7
LEADS = (Membership.MemberRole.CHAIR, Membership.MemberRole.LEAD_OFFICER)


@dataclass
class Digest:
    user: User
    lines: list[str] = field(default_factory=list)


def _current(user, today, roles=None):
    query = memberships_current(today).filter(person__user=user)
    if roles:
        query = query.filter(role__in=roles)
    return query


def digest_for(user: User, today: datetime.date) -> Digest:
    """What the person's digest for ``today`` says (possibly nothing)."""
    digest = Digest(user)
    led = set(_current(user, today, LEADS).values_list("body_id", flat=True))
    seats = set(_current(user, today).values_list("body_id", flat=True))
    soon = today + datetime.timedelta(days=ACTION_WARNING_DAYS)
    actions = (
        ImprovementAction.objects.filter(Q(owner__user=user) | Q(responsible_body_id__in=led))
        .exclude(status__in=CLOSED_STATUSES)
        .filter(due__lte=soon)
        .order_by("due", "pk")
    )
    for action in actions:
        when = "overdue since" if action.due < today else "due on"
        digest.lines.append(f"Action “{action.title}” is {when} {action.due:%-d %B %Y}.")
    partner_officer_of = set(
        PartnershipRole.objects.filter(user=user, role=Role.PARTNER_OFFICER).values_list(
            "partnership_id", flat=True
        )
    )
    # Partner officers hear of challenges to the partners they represent on a body.
    represented = _current(user, today).filter(
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
    for challenge in addressed.order_by("answer_due", "pk"):
        if challenge.raised_on >= yesterday and challenge.is_waiting:
            digest.lines.append(
                f"Challenge received for {challenge.addressee}: “{challenge.question[:120]}” "
                f"(answer due {challenge.answer_due:%-d %B %Y})."
            )
        elif challenge.is_waiting and challenge.answer_due <= answer_soon:
            when = "was due" if challenge.answer_due < today else "is due"
            digest.lines.append(
                f"The answer to a challenge to {challenge.addressee} {when} on "
                f"{challenge.answer_due:%-d %B %Y}: “{challenge.question[:120]}”."
            )
    papers = Paper.objects.filter(
        meeting__body_id__in=seats, status=Paper.Status.PUBLISHED, published_on__gte=yesterday
    ).select_related("meeting__body", "agenda_item")
    for paper in papers.order_by("meeting__starts_at", "sequence"):
        if not paper.is_public and not sees_confidential(user, paper.meeting.body):
            continue
        digest.lines.append(
            f"Paper {paper.number} “{paper.title}” is published for the meeting of "
            f"{paper.meeting.body.name} on {paper.meeting.starts_at:%-d %B %Y}."
        )
    return digest


def daily_digests_send(*, today: datetime.date) -> int:
    """Send today's digests (once a day each, to active people who want them and have
    something in theirs); returns how many were sent."""
    sent = 0
    for user in User.objects.filter(is_active=True, daily_digest=True).order_by("pk"):
        digest = digest_for(user, today)
        if not digest.lines:
            continue
        try:
            with transaction.atomic():
                DigestSent.objects.create(user=user, day=today, items=len(digest.lines))
                send_mail(
                    subject=f"Placeplan: {len(digest.lines)} things for you on {today:%-d %B %Y}",
                    message="\n".join(
                        [
                            f"Dear {user.full_name},",
                            "",
                            *[f"- {line}" for line in digest.lines],
                            "",
                            "You can turn these emails off from Your workspace → Email "
                            "digest in Placeplan.",
                        ]
                    ),
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    recipient_list=[user.email],
                )
        except IntegrityError:
            continue  # already sent today
        sent += 1
    return sent
