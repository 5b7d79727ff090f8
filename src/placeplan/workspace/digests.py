"""Daily email digests: one email a day to each person with something that needs them,
never a flood, and none for people who turned digests off.

The frame sends the email; what it says comes from the capabilities, each registering a
``DigestSource`` (see ``registry``): improvement actions a person owns or leads that are
due soon or overdue (delivery), challenges to a body they lead or a partner they
represent (the challenge log), papers published for meetings of bodies they sit on
(meetings).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from placeplan.accounts.models import User
from placeplan.workspace.models import DigestSent
from placeplan.workspace.registry import digest_sources


@dataclass
class Digest:
    user: User
    lines: list[str] = field(default_factory=list)


def digest_for(user: User, today: datetime.date) -> Digest:
    """What the person's digest for ``today`` says (possibly nothing): each source's
    lines in its order, and within a source in the order of its keys."""
    digest = Digest(user)
    for source in digest_sources:
        for _key, line in sorted(source.lines(user, today), key=lambda pair: pair[0]):
            digest.lines.append(line)
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
