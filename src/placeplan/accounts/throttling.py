"""Sign-in throttling with django-axes: failures are counted per account."""


def axes_username(request, credentials=None) -> str:
    """The account a sign-in attempt is for. django-allauth authenticates with ``email``
    and its form posts ``login``; both are normalised as accounts store them (lower-case)."""
    credentials = credentials or {}
    raw = credentials.get("email") or credentials.get("username") or ""
    if not raw and request is not None:
        raw = request.POST.get("login", "")
    return raw.strip().lower()
