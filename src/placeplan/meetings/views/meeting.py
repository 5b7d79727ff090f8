"""Staff pages for meetings: the list, a meeting's workspace (agenda, papers, attendance,
decisions, minutes) and the forms that change them, each through one service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from placeplan.core.views import found
from placeplan.meetings import exceptions, forms, selectors, services
from placeplan.meetings.downloads import attachment_response, pack_response
from placeplan.meetings.models import Meeting, Paper, PartnerDecision
from placeplan.partnerships import selectors as partnership_selectors
from placeplan.partnerships.models import Body, Partner
from placeplan.workspace import registry
from placeplan.workspace.frame import PartnershipMixin, ServiceFormView


def runnable_bodies(user, partnership):
    """The partnership's bodies whose meetings the person may run (form choices)."""
    bodies = partnership_selectors.bodies_of(partnership=partnership)
    return [body for body in bodies if user.has_perm("meetings.run_meetings", body)]


class MeetingListView(PartnershipMixin, TemplateView):
    """The partnership's meetings (or one body's, with its attendance rates over the last
    year), and the decisions partners have still to take through their own governance."""

    permission_required = "meetings.view_meetings"
    template_name = "meetings/meeting_list.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        today = timezone.localdate()
        # query keys: body, start, end
        period_form = forms.MeetingFilterForm.from_query(self.request.GET, partnership=partnership)
        body = period_form.chosen_body()
        start, end = period_form.period(today, selectors.RATE_PERIOD_DAYS)
        rates = None
        if body is not None:
            rates = selectors.attendance_rates(
                body=body, start=start, end=end, user=self.request.user
            )
        user = self.request.user
        return super().get_context_data(
            meetings=selectors.meeting_list(partnership=partnership, body=body),
            bodies=period_form.fields["body"].queryset,
            chosen=body,
            rates=rates,
            form=period_form,
            rate_start=start,
            rate_end=end,
            pending=selectors.partner_decisions_pending(partnership=partnership, user=user),
            may_schedule=user.has_perm("meetings.schedule_meetings", partnership),
            may_record=user.has_perm("meetings.record_partner_decisions", partnership),
            **kwargs,
        )


class MeetingMixin:
    def get_meeting(self) -> Meeting:
        if not hasattr(self, "meeting"):
            self.meeting = found(
                selectors.meeting_get,
                "This partnership has no such meeting.",
                partnership=self.get_partnership(),
                pk=self.kwargs["pk"],
            )
        return self.meeting

    def meeting_url(self, anchor: str = "") -> str:
        url = reverse("meetings:meeting", args=[self.kwargs["code"], self.kwargs["pk"]])
        return f"{url}#{anchor}" if anchor else url


class MeetingView(MeetingMixin, PartnershipMixin, TemplateView):
    """A meeting's workspace: agenda with its papers, attendance, decisions, minutes."""

    permission_required = "meetings.view_meetings"
    template_name = "meetings/meeting_detail.html"

    def get_context_data(self, **kwargs):
        meeting = self.get_meeting()
        user = self.request.user
        return super().get_context_data(
            view=selectors.meeting_view(meeting=meeting, user=user),
            may_run=user.has_perm("meetings.run_meetings", meeting.body),
            may_record=user.has_perm("meetings.record_partner_decisions", self.partnership),
            panels=registry.panels_render(
                "meeting", request=self.request, subject=meeting, partnership=self.partnership
            ),
            has_started=meeting.starts_at <= timezone.now(),
            **kwargs,
        )


class RunMeetingFormView(MeetingMixin, ServiceFormView):
    """A change to a meeting, by the body's chair or lead officer or a support officer."""

    permission_required = "meetings.run_meetings"

    def get_permission_object(self):
        return self.get_meeting().body

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.get_meeting()}

    def cancel_url(self):
        return self.meeting_url()

    def success_url_for(self, done):
        return self.meeting_url()


class MeetingAddView(ServiceFormView):
    permission_required = "meetings.view_meetings"
    form_class = forms.MeetingForm
    page_title = "Schedule a meeting"
    submit_label = "Schedule meeting"

    def get_form_kwargs(self):
        bodies = runnable_bodies(self.request.user, self.get_partnership())
        if not bodies:
            raise PermissionDenied("You do not run the meetings of any of its bodies.")
        queryset = Body.objects.filter(pk__in=[b.pk for b in bodies]).order_by("name")
        return {**super().get_form_kwargs(), "bodies": queryset}

    def perform(self, form):
        data = form.cleaned_data
        return services.meeting_save(
            meeting=Meeting(
                body=data["body"],
                starts_at=form.starts_at(),
                place=data["place"],
                status=data["status"],
            )
        )

    def success_message(self, done):
        return f"Meeting scheduled: {done}. The standard agenda items are added."

    def success_url_for(self, done):
        return reverse("meetings:meeting", args=[self.kwargs["code"], done.pk])

    def cancel_url(self):
        return reverse("meetings:list", args=[self.kwargs["code"]])


class MeetingEditView(RunMeetingFormView):
    form_class = forms.MeetingForm
    page_title = "Change the meeting"
    submit_label = "Save changes"
    version_fields = ("starts_at", "place", "status")

    def edited(self):
        return self.get_meeting()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("meeting")
        kwargs["bodies"] = Body.objects.filter(pk=self.get_meeting().body_id)
        return kwargs

    def get_initial(self):
        meeting = self.get_meeting()
        local = timezone.localtime(meeting.starts_at)
        return {
            "body": meeting.body_id,
            "date": local.date(),
            "time": local.time().replace(second=0, microsecond=0),
            "place": meeting.place,
            "status": meeting.status,
        }

    def perform(self, form):
        meeting = self.get_meeting()
        meeting.starts_at = form.starts_at()
        meeting.place = form.cleaned_data["place"]
        meeting.status = form.cleaned_data["status"]
        return services.meeting_save(meeting=meeting)

    def success_message(self, done):
        return f"Meeting saved: {done.get_status_display().lower()}."


class AgendaItemAddView(RunMeetingFormView):
    form_class = forms.AgendaItemForm
    page_title = "Add an agenda item"
    submit_label = "Add item"

    def edited(self):
        # The agenda as a whole: an item added or changed since the form was opened
        # (perhaps the same business) is shown before this one is numbered after it.
        return self.get_meeting().items.all()

    def edit_lock(self):
        return self.get_meeting()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("meeting")
        kwargs.pop("partnership")
        return kwargs

    def perform(self, form):
        return services.agenda_item_add(meeting=self.get_meeting(), **form.cleaned_data)

    def success_message(self, done):
        return f"Item {done.number} added: {done.title}."

    def success_url_for(self, done):
        return self.meeting_url("agenda")


class PaperAddView(RunMeetingFormView):
    form_class = forms.PaperForm
    page_title = "Add a paper"
    submit_label = "Add paper"
    template_name = "meetings/paper_form.html"

    def perform(self, form):
        data = form.cleaned_data
        return services.paper_add(
            meeting=self.get_meeting(),
            title=data["title"],
            author=data["author"],
            purpose=data["purpose"],
            recommendations=data["recommendations"],
            agenda_item=data["agenda_item"],
            is_confidential=data["is_confidential"],
            upload=data["attachment"],
        )

    def success_message(self, done):
        return f"Paper {done.number} added as a draft: only the body's members see it."

    def success_url_for(self, done):
        return self.meeting_url("papers")


class PaperMixin:
    def get_paper(self) -> Paper:
        meeting = self.get_meeting()
        paper = meeting.papers.filter(pk=self.kwargs["paper"]).first()
        if paper is None:
            raise Http404("This meeting has no such paper.")
        return paper


class PaperPublishView(PaperMixin, RunMeetingFormView):
    form_class = forms.ConfirmForm
    submit_label = "Publish paper"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("meeting")
        kwargs.pop("partnership")
        return kwargs

    @property
    def page_title(self):
        return f"Publish paper {self.get_paper().number}"

    def edited(self):
        return self.get_paper()

    @property
    def intro(self):
        paper = self.get_paper()
        audience = (
            "the body's members only (it is confidential)"
            if paper.is_confidential
            else "everybody, on the public meeting page"
        )
        return f"“{paper.title}” will be published to {audience}."

    def perform(self, form):
        return services.paper_publish(paper=self.get_paper())

    def success_message(self, done):
        return f"Paper {done.number} published."

    def success_url_for(self, done):
        return self.meeting_url("papers")


class AgendaPackView(MeetingMixin, PartnershipMixin, View):
    """The agenda pack (agenda, papers, exception report) as the reader may see it: draft
    papers only for those who may see drafts."""

    permission_required = "meetings.view_meetings"

    def get(self, request, *args, **kwargs):
        return pack_response(request, self.get_meeting(), kwargs["fmt"], user=request.user)


class PaperDownloadView(PaperMixin, MeetingMixin, PartnershipMixin, View):
    """A paper's attachment; a draft or confidential paper's only for the body's members
    (those who may see its drafts)."""

    permission_required = "meetings.view_meetings"

    def get(self, request, *args, **kwargs):
        paper = self.get_paper()
        if not paper.is_public and not selectors.sees_confidential(
            request.user, self.get_meeting().body
        ):
            raise PermissionDenied("Draft and confidential papers are for the body's members.")
        return attachment_response(paper)


class AttendanceView(RunMeetingFormView):
    form_class = forms.AttendanceForm
    page_title = "Record attendance"
    submit_label = "Save attendance"

    def edited(self):
        return self.get_meeting().attendance.all()

    def edit_lock(self):
        return self.get_meeting()

    def _members(self):
        meeting = self.get_meeting()
        partners = {
            p.organisation_id: p
            for p in Partner.objects.filter(partnership=meeting.body.partnership_id)
        }
        day = timezone.localtime(meeting.starts_at).date()
        memberships = (
            partnership_selectors.memberships_current(day)
            .filter(body=meeting.body)
            .select_related("person")
            .order_by("person__name")
        )
        return [(m, partners.get(m.organisation_id)) for m in memberships]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("meeting")
        kwargs["members"] = self._members()
        return kwargs

    def get_initial(self):
        return {f"person_{a.person_id}": a.status for a in self.get_meeting().attendance.all()}

    def perform(self, form):
        return services.attendance_record(meeting=self.get_meeting(), entries=list(form.entries()))

    def success_message(self, done):
        return f"Attendance saved for {done} people."

    def success_url_for(self, done):
        return self.meeting_url("attendance")


class DecisionAddView(RunMeetingFormView):
    form_class = forms.DecisionForm
    page_title = "Record a decision"
    submit_label = "Save decision"

    def perform(self, form):
        data = form.cleaned_data
        return services.decision_add(
            meeting=self.get_meeting(),
            agenda_item=data["agenda_item"],
            text=data["text"],
            action=data["action"],
            partners=list(data["partners"]),
        )

    def success_message(self, done):
        return "Decision recorded."

    def success_url_for(self, done):
        return self.meeting_url("decisions")


class MinutesStepMixin:
    """Sends people back to the meeting, with the reason, when this step of the minutes
    does not apply: before the meeting is held, or once the minutes are approved."""

    def refusal(self, meeting) -> str:
        if meeting.minutes_frozen:
            return "These minutes were approved and can no longer change."
        if meeting.status != Meeting.Status.HELD:
            return "Minutes are written once the meeting has been held."
        return ""

    def get(self, request, *args, **kwargs):
        reason = self.refusal(self.get_meeting())
        if reason:
            messages.info(request, reason)
            return redirect(self.meeting_url("minutes"))
        return super().get(request, *args, **kwargs)


MINUTES_FIELDS = ("minutes", "minutes_confidential", "minutes_status", "minutes_approved_at")


class MinutesView(MinutesStepMixin, RunMeetingFormView):
    form_class = forms.MinutesForm
    page_title = "Minutes"
    submit_label = "Save draft minutes"
    version_fields = MINUTES_FIELDS

    def edited(self):
        return self.get_meeting()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("meeting")
        kwargs.pop("partnership")
        return kwargs

    def get_initial(self):
        meeting = self.get_meeting()
        if meeting.minutes:
            return {
                "minutes": meeting.minutes,
                "minutes_confidential": meeting.minutes_confidential,
            }
        public, confidential = services.minutes_outline(meeting)
        return {"minutes": public, "minutes_confidential": confidential}

    def perform(self, form):
        data = form.cleaned_data
        return services.minutes_save(
            meeting=self.get_meeting(),
            text=data["minutes"],
            confidential=data["minutes_confidential"],
        )

    def success_message(self, done):
        return "Draft minutes saved. They are approved at the body's next meeting."

    def success_url_for(self, done):
        return self.meeting_url("minutes")


class MinutesApproveView(MinutesStepMixin, RunMeetingFormView):
    form_class = forms.ApproveMinutesForm
    page_title = "Approve the minutes"
    submit_label = "Approve minutes"
    intro = "Once approved, the minutes are frozen and published."
    version_fields = MINUTES_FIELDS

    def edited(self):
        return self.get_meeting()

    def refusal(self, meeting) -> str:
        if not meeting.minutes_frozen and meeting.minutes_status != "draft":
            return "Draft the minutes before they are approved."
        return super().refusal(meeting)

    def perform(self, form):
        return services.minutes_approve(meeting=self.get_meeting(), at=form.cleaned_data["at"])

    def success_message(self, done):
        return f"Minutes approved at the meeting of {done.minutes_approved_at.starts_at:%-d %B %Y}."

    def success_url_for(self, done):
        return self.meeting_url("minutes")


class PartnerDecisionView(ServiceFormView):
    permission_required = "meetings.record_partner_decisions"
    form_class = forms.PartnerDecisionForm
    submit_label = "Save"

    def get_item(self) -> PartnerDecision:
        if not hasattr(self, "item"):
            partnership = self.get_partnership()
            self.item = (
                PartnerDecision.objects.filter(
                    decision__meeting__body__partnership=partnership, pk=self.kwargs["pk"]
                )
                .select_related("partner__organisation", "decision__meeting__body")
                .first()
            )
            if self.item is None:
                raise Http404("This partnership has no such partner decision.")
            acting_for = partnership_selectors.partners_acting_for(
                user=self.request.user, partnership=partnership
            )
            if not acting_for.filter(pk=self.item.partner_id).exists():
                raise PermissionDenied("You may record decisions only for a partner you represent.")
        return self.item

    @property
    def page_title(self):
        return f"Record {self.get_item().partner.organisation.name}'s decision"

    def edited(self):
        return self.get_item()

    @property
    def intro(self):
        text = selectors.decision_text(self.get_item().decision, self.request.user)
        return f"The decision: {text}"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("partnership")
        return kwargs

    def perform(self, form):
        return services.partner_decision_record(
            item=self.get_item(), user=self.request.user, **form.cleaned_data
        )

    def success_message(self, done):
        return f"Recorded: taken by {done.taken_where} on {done.taken_on:%-d %B %Y}."

    def success_url_for(self, done):
        return reverse("meetings:list", args=[self.kwargs["code"]]) + "#partner-decisions"

    def cancel_url(self):
        return reverse("meetings:list", args=[self.kwargs["code"]])


class ExceptionReportView(MeetingMixin, PartnershipMixin, TemplateView):
    """The meeting's exception report, built now from the data on the meeting's day (or
    today, for a meeting to come); issuing it freezes it into the meeting's papers.

    Before it is issued it is a draft: the body's members read it (the one rule for a
    body's drafts, ``selectors.sees_confidential``); those who run the meeting issue it."""

    permission_required = "meetings.view_draft_papers"
    template_name = "meetings/exception_report.html"

    def get_permission_object(self):
        return self.get_meeting().body

    def get_context_data(self, **kwargs):
        meeting = self.get_meeting()
        on = exceptions.report_date(meeting, timezone.localdate())
        lines = exceptions.exception_report(
            partnership=meeting.body.partnership, on=on, body=meeting.body
        )
        return super().get_context_data(
            meeting=meeting,
            on=on,
            sections=exceptions.sections(lines),
            count=len(lines),
            issued=exceptions.issued_report(meeting),
            may_run=self.request.user.has_perm("meetings.run_meetings", meeting.body),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("meetings.run_meetings", self.get_meeting().body):
            raise PermissionDenied("Those who run the body's meetings issue its report.")
        try:
            paper = exceptions.exception_report_issue(
                meeting=self.get_meeting(), today=timezone.localdate()
            )
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
            return redirect(self.meeting_url("papers"))
        messages.success(
            request,
            f"Exception report issued as paper {paper.number} (a draft: publish it with the "
            "other papers).",
        )
        return redirect(self.meeting_url("papers"))
