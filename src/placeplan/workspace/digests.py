"""Daily email digests: one email a day to each person with something that needs them,
never a flood, and none for people who turned digests off.

The frame sends the email; what it says is what needs the person (``needs.needs_for``),
the very items their workspace home lists, each capability registering a ``NeedSource``
(see ``registry``): challenges to answer and answers to review (the challenge log),
improvement actions due or overdue (delivery), papers to publish and to read (meetings),
imports to confirm (performance), plans due for review (plans).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from placeplan.accounts.models import User
from placeplan.workspace.models import DigestSent
from placeplan.workspace.needs import needs_for


@dataclass
class Digest:
    user: User
    lines: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)  # the lines under partnership headings


def digest_for(user: User, today: datetime.date) -> Digest:
    """What the person's digest for ``today`` says (possibly nothing): what needs them,
    as their workspace home lists it, partnership by partnership."""
    digest = Digest(user)
    for group in needs_for(user, today):
        digest.body.append(f"{group.partnership.name}:")
        for need in group.items:
            digest.lines.append(need.text)
            digest.body.append(f"- {need.text}")
        digest.body.append("")
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
                            "What needs you (your workspace lists the same):",
                            "",
                            *digest.body,
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
