"""Sign-in throttling with django-axes (failures are counted per account, whatever the
address) and the one rule for a caller's address behind reverse proxies."""

import ipaddress

from django.conf import settings


def axes_username(request, credentials=None) -> str:
    """The account a sign-in attempt is for. django-allauth authenticates with ``email``
    and its form posts ``login``; both are normalised as accounts store them (lower-case)."""
    credentials = credentials or {}
    raw = credentials.get("email") or credentials.get("username") or ""
    if not raw and request is not None:
        raw = request.POST.get("login", "")
    return raw.strip().lower()


def client_address(request) -> str | None:
    """The caller's address: with ``TRUSTED_PROXY_COUNT`` proxies in front, the entry that
    many places from the right of ``X-Forwarded-For`` (each proxy appends the address it
    saw, so entries further left are whatever the client chose to send); otherwise the
    connection's own address. A header too short to have passed every proxy is ignored."""
    if request is None:
        return None
    proxies = settings.TRUSTED_PROXY_COUNT
    candidate = request.META.get("REMOTE_ADDR")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        if len(hops) >= proxies:
            candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address((candidate or "").strip()))
    except ValueError:
        return None
