"""Writes about accounts: the security event log."""

from __future__ import annotations

from django.db import transaction

from placeplan.accounts.models import SecurityEvent, SecurityEventKind, User
from placeplan.accounts.throttling import client_address

DETAIL_MAX_CHARS = 2000


@transaction.atomic
def security_event_record(
    *, kind: str, user: User | None = None, request=None, detail: str = ""
) -> SecurityEvent:
    """Record one security event (sign-ins, refusals, token use, exports of personal data…).

    ``kind`` is a ``SecurityEventKind``; ``user`` the account concerned (by default the
    request's signed-in person); ``request`` gives the caller's address and the path.
    """
    if kind not in SecurityEventKind.values:
        raise ValueError(f"Unknown security event kind {kind!r}.")
    if user is None and request is not None:
        signed_in = getattr(request, "user", None)
        if signed_in is not None and signed_in.is_authenticated:
            user = signed_in
    event = SecurityEvent(
        kind=kind,
        user=user if user is not None and user.pk else None,
        address=client_address(request),
        path=request.path[:500] if request is not None else "",
        detail=str(detail)[:DETAIL_MAX_CHARS],
    )
    event.full_clean()
    event.save()
    return event
