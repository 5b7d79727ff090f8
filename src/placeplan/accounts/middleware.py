"""Sign-in and session safeguards that apply to every request (docs/security.md):

- ``SessionLimitsMiddleware``: a session ends after ``SESSION_IDLE_MINUTES`` idle and
  ``SESSION_MAX_HOURS`` after signing in, whatever happens in between;
- ``MfaRequiredMiddleware``: a person whose role is in ``MFA_REQUIRED_ROLES`` and who has
  no second factor is sent to set one up before anything else;
- ``NoStoreMiddleware``: ``Cache-Control: no-store`` on every answer to a signed-in
  person or to a request carrying credentials (``Authorization``);
- ``SecurityEventMiddleware``: every 403, API call with a token that writes or is
  refused, and workspace download is a security event;
- ``ApiRateLimitMiddleware``: the API answers 429 with ``Retry-After`` once a token or an
  address has made ``API_RATE_LIMIT_PER_TOKEN`` / ``API_RATE_LIMIT_PER_ADDRESS`` requests
  in the current minute.
"""

from __future__ import annotations

import hashlib
import json
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

from placeplan.accounts import selectors
from placeplan.accounts.models import SecurityEventKind
from placeplan.accounts.services import security_event_record
from placeplan.accounts.throttling import client_address

SESSION_STARTED = "placeplan_session_started"
SESSION_LAST_SEEN = "placeplan_session_last_seen"
# Writing the session on every request would cost a database write per page; the idle
# clock is moved on at most once a minute, so idle time is measured to within a minute.
LAST_SEEN_RESOLUTION_SECONDS = 60


def now() -> float:
    """Seconds since the epoch (one place, so tests can move the clock)."""
    return time.time()


def session_start(request) -> None:
    """Start the session's clocks (called when somebody signs in)."""
    moment = now()
    request.session[SESSION_STARTED] = moment
    request.session[SESSION_LAST_SEEN] = moment


class SessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            moment = now()
            started = request.session.get(SESSION_STARTED)
            last_seen = request.session.get(SESSION_LAST_SEEN, started)
            if started is None:
                session_start(request)
            else:
                reason = self._ended(moment, started, last_seen)
                if reason:
                    logout(request)
                    security_event_record(
                        kind=SecurityEventKind.SESSION_EXPIRED,
                        user=user,
                        request=request,
                        detail=reason,
                    )
                    messages.info(request, f"You were signed out {reason}. Sign in again.")
                    return redirect_to_login(request.get_full_path())
                if moment - last_seen >= LAST_SEEN_RESOLUTION_SECONDS:
                    request.session[SESSION_LAST_SEEN] = moment
        return self.get_response(request)

    @staticmethod
    def _ended(moment: float, started: float, last_seen: float) -> str:
        idle_minutes = settings.SESSION_IDLE_MINUTES
        if moment - last_seen > idle_minutes * 60:
            return f"after {idle_minutes} minutes without using Placeplan"
        if moment - started > settings.SESSION_MAX_HOURS * 3600:
            return f"{settings.SESSION_MAX_HOURS} hours after signing in"
        return ""


# Where a person who must set up two factors may still go: signing in and out, setting
# up the second factor itself (all under /accounts/), and what pages need to load.
MFA_SETUP_OPEN_PREFIXES = ("/accounts/", "/static/", "/.well-known/", "/health/")


class MfaRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.user.is_authenticated
            and not request.path.startswith(MFA_SETUP_OPEN_PREFIXES)
            and selectors.mfa_setup_needed(user=request.user)
        ):
            messages.warning(
                request,
                "Your role needs two-factor authentication. Set up an authenticator app "
                "(or a security key) to carry on.",
            )
            return redirect("mfa_index")
        return self.get_response(request)


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        private = request.user.is_authenticated or "HTTP_AUTHORIZATION" in request.META
        response = self.get_response(request)
        if private or request.user.is_authenticated:
            add_never_cache_headers(response)
        return response


SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
API_PREFIX = "/api/"
WORKSPACE_PREFIX = "/workspace/"


class SecurityEventMiddleware:
    """Records what any view may answer: refusals (403), API calls with a token that
    write or are turned away (401), and files downloaded from the workspace (where
    personal data can leave: members, attendance, packs)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        said = f"{request.method} {request.get_full_path()}"[:300]
        if response.status_code == 403:
            security_event_record(
                kind=SecurityEventKind.PERMISSION_REFUSED, request=request, detail=said
            )
        if (
            request.path.startswith(API_PREFIX)
            and "HTTP_AUTHORIZATION" in request.META
            and (request.method not in SAFE_METHODS or response.status_code == 401)
        ):
            token = getattr(request, "auth", None)
            named = f"; token {token.prefix}… ({token.name})" if hasattr(token, "prefix") else ""
            security_event_record(
                kind=SecurityEventKind.TOKEN_USED,
                user=getattr(token, "created_by", None),
                request=request,
                detail=f"{said} → {response.status_code}{named}",
            )
        if (
            request.path.startswith(WORKSPACE_PREFIX)
            and request.user.is_authenticated
            and response.get("Content-Disposition", "").startswith("attachment")
        ):
            security_event_record(
                kind=SecurityEventKind.WORKSPACE_DOWNLOAD,
                request=request,
                detail=f"{said}: {response['Content-Disposition'].split('filename=')[-1]}",
            )
        return response


RATE_WINDOW_SECONDS = 60


class ApiRateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX):
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def _refusal(self, request) -> HttpResponse | None:
        moment = int(now())
        window = moment // RATE_WINDOW_SECONDS
        retry_after = RATE_WINDOW_SECONDS - moment % RATE_WINDOW_SECONDS
        callers = [("address", client_address(request) or "unknown")]
        credentials = request.META.get("HTTP_AUTHORIZATION", "")
        if credentials:
            # Keyed on a digest: the cache never holds a usable token.
            digest = hashlib.sha256(credentials.encode()).hexdigest()
            callers.append(("token", digest))
        for kind, caller in callers:
            limit = (
                settings.API_RATE_LIMIT_PER_TOKEN
                if kind == "token"
                else settings.API_RATE_LIMIT_PER_ADDRESS
            )
            key = f"api-rate:{kind}:{caller}:{window}"
            cache.add(key, 0, timeout=RATE_WINDOW_SECONDS + 5)
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr: a new window
                cache.set(key, 1, timeout=RATE_WINDOW_SECONDS + 5)
                count = 1
            if count > limit:
                if count == limit + 1:  # once per window, so a flood does not fill the log
                    security_event_record(
                        kind=SecurityEventKind.RATE_LIMITED,
                        request=request,
                        detail=f"{limit} requests a minute per {kind} reached",
                    )
                body = {
                    "detail": f"Too many requests: at most {limit} a minute per {kind}. "
                    f"Try again in {retry_after} seconds."
                }
                response = HttpResponse(
                    json.dumps(body), status=429, content_type="application/json"
                )
                response["Retry-After"] = str(retry_after)
                return response
        return None
