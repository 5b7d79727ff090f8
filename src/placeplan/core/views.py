"""Site-wide views: health check, Content-Security-Policy reports and error pages."""

import json
import logging

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from placeplan.core.health import report as health_report

csp_logger = logging.getLogger("placeplan.csp")

# What is logged of a violation, each under report-uri's name or the Reporting API's.
CSP_REPORT_FIELDS = (
    ("document", ("document-uri", "documentURL")),
    ("directive", ("effective-directive", "violated-directive", "effectiveDirective")),
    ("blocked", ("blocked-uri", "blockedURL")),
    ("source", ("source-file", "sourceFile")),
    ("line", ("line-number", "lineNumber")),
    ("sample", ("script-sample", "sample")),
    ("disposition", ("disposition",)),
)


@never_cache
def health(request):
    """For load balancers: 200 when this process can serve (the database answers, its
    migrations are applied, a task worker has checked in), else 503 with what is wrong
    (``placeplan.core.health``)."""
    answer = health_report()
    return JsonResponse(answer, status=200 if answer["status"] == "ok" else 503)


def _csp_violations(payload) -> list[dict]:
    """The violations in a report body: ``{"csp-report": {...}}`` as sent for ``report-uri``,
    or the Reporting API's list of ``{"type": "csp-violation", "body": {...}}``."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        return [payload["csp-report"]]
    if isinstance(payload, list) and payload:
        bodies = [
            report.get("body")
            for report in payload
            if isinstance(report, dict) and report.get("type") == "csp-violation"
        ]
        if len(bodies) == len(payload) and all(isinstance(body, dict) for body in bodies):
            return bodies
    raise ValueError("not a Content-Security-Policy report")


def _csp_summary(violation: dict) -> str:
    """The violation's fields on one line, each quoted and cut short (a hostile value can
    neither break the line nor fill the log)."""
    parts = []
    for label, keys in CSP_REPORT_FIELDS:
        value = next((violation[key] for key in keys if key in violation), None)
        if value not in (None, ""):
            parts.append(f"{label}={str(value)[:300]!r}")
    return ", ".join(parts) or "(no details)"


@csrf_exempt  # browsers post reports without the CSRF token; nothing is changed or stored
@require_POST
def csp_report(request):
    """Logs each Content-Security-Policy violation a browser reports, at WARNING: 204, or
    400 for a body that is not a report, 413 for one over ``CSP_REPORT_MAX_BYTES``."""
    limit = settings.CSP_REPORT_MAX_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return HttpResponse(status=400)
    if declared < 0:
        return HttpResponse(status=400)
    if declared > limit:
        return HttpResponse(status=413)
    body = request.read(limit + 1)  # the size is checked before the body is read
    if len(body) > limit:
        return HttpResponse(status=413)
    try:
        violations = _csp_violations(json.loads(body))
    except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError, deep nesting
        return HttpResponse(status=400)
    for violation in violations:
        csp_logger.warning("Content-Security-Policy violation: %s", _csp_summary(violation))
    return HttpResponse(status=204)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def server_error(request):
    return render(request, "errors/500.html", status=500)


def found(selector, message: str, **lookup):
    """What the selector finds, or a 404 page saying what was not found."""
    try:
        return selector(**lookup)
    except ObjectDoesNotExist as missing:
        raise Http404(message) from missing
