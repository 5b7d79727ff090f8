"""Rate limits on what residents do, counted by django-allauth's rate limiter in the shared
cache (so every web process counts together). The rates are ``ACCOUNT_RATE_LIMITS``
entries in the settings: sign-up is allauth's own ``signup``; ``resident_proposal`` and
``resident_response`` are Placeplan's, and ``budget_code`` counts voting codes typed in
(by address: code holders need not sign in)."""

from allauth.core import ratelimit

PROPOSAL = "resident_proposal"
RESPONSE = "resident_response"
BUDGET_CODE = "budget_code"
TOO_MANY = "You have sent a lot in a short time. Please wait an hour and try again."


def allowed(request, action: str) -> bool:
    """Counts one ``action`` by the person (by address when signed out); False when they
    have reached its limit."""
    user = request.user if request.user.is_authenticated else None
    return ratelimit.consume(request, action=action, user=user)
