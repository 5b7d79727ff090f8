"""The public meeting pages: the partnership's meetings, a body's meetings, a meeting's
published business, paper downloads and the calendar. Drafts and confidential items are
never shown."""

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from placeplan.challenges import selectors as challenge_selectors
from placeplan.core.views import found
from placeplan.meetings import selectors as meetings
from placeplan.meetings.calendar import meetings_calendar
from placeplan.meetings.downloads import attachment_response, pack_response
from placeplan.meetings.models import Meeting
from placeplan.public.views import PartnershipMixin


class BodyMeetingsView(PartnershipMixin, TemplateView):
    """The meetings of one of the partnership's bodies."""

    template_name = "public/meetings.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        body = self.get_body(partnership)
        code = partnership.council_area.code
        return super().get_context_data(
            partnership=partnership,
            body=body,
            meetings=meetings.meeting_list(partnership=partnership, body=body),
            breadcrumbs=self.crumbs(
                partnership,
                ("Partnership", reverse("public:partnership", args=[code])),
                (body.name, reverse("public:body", args=[code, body.pk])),
                ("Meetings", None),
            ),
            **kwargs,
        )


class PartnershipMeetingsView(PartnershipMixin, TemplateView):
    """Every meeting of all the partnership's bodies: next meetings first (soonest
    first), then past meetings (most recent first), with their published papers."""

    template_name = "public/partnership_meetings.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        return super().get_context_data(
            partnership=partnership,
            meetings=meetings.meetings_public(partnership=partnership, now=timezone.now()),
            breadcrumbs=self.crumbs(partnership, ("Meetings", None)),
            **kwargs,
        )


class PublicMeetingMixin(PartnershipMixin):
    def get_meeting(self) -> Meeting:
        return found(
            meetings.meeting_get,
            "This partnership has no such meeting.",
            partnership=self.get_partnership(),
            pk=self.kwargs["pk"],
        )


class MeetingView(PublicMeetingMixin, TemplateView):
    """A meeting's agenda, published papers, decisions and approved minutes."""

    template_name = "public/meeting.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        meeting = self.get_meeting()
        code = partnership.council_area.code
        return super().get_context_data(
            partnership=partnership,
            view=meetings.meeting_view(meeting=meeting, user=None),
            breadcrumbs=self.crumbs(
                partnership,
                ("Partnership", reverse("public:partnership", args=[code])),
                (meeting.body.name, reverse("public:body", args=[code, meeting.body_id])),
                ("Meetings", reverse("public:body_meetings", args=[code, meeting.body_id])),
                (f"{meeting.starts_at:%-d %B %Y}", None),
            ),
            **kwargs,
        )


class PaperDownloadView(PublicMeetingMixin, View):
    """A published, non-confidential paper's attachment (404 for anything else)."""

    def get(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        paper = next((p for p in meeting.papers.all() if p.pk == kwargs["paper"]), None)
        if paper is None or not paper.is_public:
            raise Http404("This meeting has no such published paper.")
        return attachment_response(paper)


class MeetingPackView(PublicMeetingMixin, View):
    """The agenda pack as the public may see it: non-confidential items, published
    papers and the exception report once issued and published."""

    def get(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        return pack_response(request, meeting, kwargs["fmt"], user=None)


class CalendarView(PartnershipMixin, View):
    """Every meeting of the partnership's bodies as an iCalendar file."""

    def get(self, request, *args, **kwargs):
        partnership = self.get_partnership()
        text = meetings_calendar(
            meetings=meetings.meeting_list(partnership=partnership),
            name=f"{partnership.name} meetings",
            host=request.get_host(),
            url_for=lambda m: request.build_absolute_uri(m.get_absolute_url()),
        )
        response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="meetings.ics"'
        return response


class ChallengeLogView(PartnershipMixin, TemplateView):
    """The public challenge log: who challenged whom about what, the answers, and whether
    they were accepted or escalated (challenges kept private are not shown)."""

    template_name = "public/challenges.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        return super().get_context_data(
            partnership=partnership,
            challenges=challenge_selectors.challenge_list(partnership=partnership, public=True),
            today=timezone.localdate(),
            breadcrumbs=self.crumbs(partnership, ("Challenge log", None)),
            **kwargs,
        )
