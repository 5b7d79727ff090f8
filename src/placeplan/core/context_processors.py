"""Values every template needs."""

from django.conf import settings


def site(request):
    """The site's name and phase, and the sign-in throttling limits people are told about."""
    return {
        "site_name": settings.SITE_NAME,
        "site_phase": "beta",
        "lockout_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
