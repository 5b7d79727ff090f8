"""A meeting's downloads as HTTP responses: a paper's attachment and the agenda pack.
The staff pages and the public site both answer with these."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone

from placeplan.meetings import pack, services
from placeplan.meetings.models import Meeting, Paper


def attachment_response(paper: Paper) -> FileResponse:
    """A paper's attachment, always as a download of its checked type."""
    if not paper.attachment:
        raise Http404("This paper has no attachment.")
    response = FileResponse(
        paper.attachment.open("rb"),
        as_attachment=True,
        filename=f"{paper.number.replace('/', '-')}.{paper.attachment_type}",
        content_type=services.ATTACHMENT_TYPES[paper.attachment_type],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


def pack_response(request, meeting: Meeting, fmt: str, *, user):
    """The meeting's agenda pack as ``user`` may see it (None: the public), as a PDF or
    Word download (404 for any other format)."""
    if fmt not in pack.FORMATS:
        raise Http404("Agenda packs come as PDF (.pdf) or Word (.docx).")
    contents = pack.agenda_pack(meeting=meeting, user=user, today=timezone.localdate())
    data = pack.pack_bytes(contents, fmt, link_for=request.build_absolute_uri)
    response = HttpResponse(data, content_type=pack.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{contents.filename}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
