"""Request checks that must happen before anything reads the request's body."""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render

# Room for a form's other fields beside its largest allowed file.
FORM_ALLOWANCE = 256 * 1024


def request_max_bytes() -> int:
    """The largest request body Placeplan accepts: its largest allowed upload (an import
    workbook or a paper's attachment) and the form around it."""
    return max(settings.IMPORT_MAX_BYTES, settings.PAPER_MAX_BYTES) + FORM_ALLOWANCE


class RequestSizeLimitMiddleware:
    """Refuses, with 413 and a page saying the limit, a request whose declared length is
    over the limit, before its body is read (the upload limits of imports and papers
    then check each file's own size)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        limit = request_max_bytes()
        if length < 0 or length > limit:
            return render(
                request,
                "errors/413.html",
                {"limit_mb": limit // (1024 * 1024)},
                status=413,
            )
        return self.get_response(request)


NUL_MESSAGE = "The address or the data sent holds a NUL character, which no value may hold."


class NulCharacterMiddleware:
    """Refuses with 400 a request whose path, query string or JSON body holds a NUL
    character (``%00``, ``\\u0000``): no real address or value has one, and PostgreSQL
    cannot store or compare one in text, so it would otherwise fail deep in a query.
    Form fields are refused by Django's own form validation."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = unquote_to_bytes(request.META.get("QUERY_STRING", ""))
        held = "\x00" in request.path or b"\x00" in query
        if not held and request.content_type == "application/json":
            body = request.body
            held = b"\x00" in body or b"\\u0000" in body
        if held:
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": NUL_MESSAGE}, status=400)
            return render(request, "errors/400.html", {"message": NUL_MESSAGE}, status=400)
        return self.get_response(request)
