"""Staff pages for engagement: the activities, one activity with what people said and
what was done, residents' responses (private), and the forms that record them."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from placeplan.core.views import found
from placeplan.engagement import charts, forms, selectors, services
from placeplan.engagement.models import SCALE_WORDS, Activity, Theme
from placeplan.engagement.permissions import records_any_activity
from placeplan.partnerships.models import Body
from placeplan.partnerships.selectors import bodies_led_by
from placeplan.residents.selectors import attribution
from placeplan.workspace.frame import PartnershipMixin, ServiceFormView


class ActivityListView(PartnershipMixin, TemplateView):
    """Every activity of the partnership, latest to close first, with how many of its
    themes say what was done, and those waiting too long for it."""

    permission_required = "engagement.view_engagement"
    template_name = "engagement/activity_list.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        today = timezone.localdate()
        return super().get_context_data(
            activities=selectors.activity_list(partnership=partnership),
            awaiting=selectors.awaiting_feedback(partnership=partnership, on=today),
            exercises=selectors.place_standard_list(partnership=partnership, public=False),
            may_add=self.request.user.has_perm("engagement.add_activity", partnership),
            today=today,
            **kwargs,
        )


class ActivityMixin:
    """Finds the activity in the URL; permissions are checked against it."""

    def get_activity(self) -> Activity:
        if not hasattr(self, "activity"):
            self.activity = found(
                selectors.activity_get,
                "This partnership has no such engagement activity.",
                partnership=self.get_partnership(),
                pk=self.kwargs["pk"],
            )
        return self.activity

    def get_permission_object(self):
        return self.get_activity()

    def activity_url(self) -> str:
        return reverse("engagement:activity", args=[self.kwargs["code"], self.kwargs["pk"]])


def place_standard_context(activity: Activity, *, public: bool) -> dict:
    """An activity's Place Standard results for the partial: result and chart (or none)."""
    exercise = getattr(activity, "place_standard", None)
    if exercise is None:
        return {"result": None}
    result = selectors.place_standard_result(exercise, public=public)
    return {"result": result, "chart": charts.result_chart(result), "scale_words": SCALE_WORDS}


class ActivityView(ActivityMixin, PartnershipMixin, TemplateView):
    """One activity: why, who, when and how; what people said and what was done; its
    Place Standard results; links to its private responses for those who record it."""

    template_name = "engagement/activity_detail.html"

    def get_permission_object(self):
        return self.get_partnership()

    permission_required = "engagement.view_engagement"

    def get_context_data(self, **kwargs):
        activity = self.get_activity()
        may_manage = self.request.user.has_perm("engagement.manage_activity", activity)
        return super().get_context_data(
            activity=activity,
            themes=list(activity.themes.all()),
            may_manage=may_manage,
            responses=activity.responses.count() if may_manage else None,
            today=timezone.localdate(),
            **place_standard_context(activity, public=False),
            **kwargs,
        )


class EngagementFormView(ServiceFormView):
    permission_required = "engagement.manage_activity"

    def cancel_url(self):
        return reverse("engagement:list", args=[self.kwargs["code"]])


class ActivityAddView(EngagementFormView):
    permission_required = "engagement.add_activity"
    form_class = forms.ActivityForm
    page_title = "Add an engagement activity"
    submit_label = "Save activity"

    def activity_instance(self) -> Activity:
        return Activity(partnership=self.get_partnership())

    def get_form_kwargs(self):
        partnership = self.get_partnership()
        user = self.request.user
        bodies = None
        if not records_any_activity.test(user, partnership):
            bodies = Body.objects.filter(
                pk__in=bodies_led_by(user=user, day=timezone.localdate()),
                partnership=partnership,
            )
        return {
            **super().get_form_kwargs(),
            "instance": self.activity_instance(),
            "bodies": bodies,
        }

    def perform(self, form):
        return services.activity_save(activity=form.instance)

    def success_message(self, done):
        return f"Activity saved: “{done.title}” ({done.get_status_display().lower()})."

    def success_url_for(self, done):
        return reverse("engagement:activity", args=[self.kwargs["code"], done.pk])


class ActivityEditView(ActivityMixin, ActivityAddView):
    permission_required = "engagement.manage_activity"
    page_title = "Change an engagement activity"
    submit_label = "Save changes"

    def activity_instance(self):
        return self.get_activity()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if kwargs["bodies"] is not None and self.get_activity().body_id:
            kwargs["bodies"] = kwargs["bodies"] | Body.objects.filter(
                pk=self.get_activity().body_id
            )
        return kwargs

    def edited(self):
        return self.get_activity()

    def cancel_url(self):
        return self.activity_url()


class ThemeAddView(ActivityMixin, EngagementFormView):
    form_class = forms.ThemeForm
    submit_label = "Save theme"

    @property
    def page_title(self):
        return f"What people said in “{self.get_activity().title}”"

    def theme_instance(self) -> Theme:
        return Theme(activity=self.get_activity())

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.theme_instance()}

    def perform(self, form):
        return services.theme_save(theme=form.instance)

    def success_message(self, done):
        return f"Theme saved: “{done.title}”, raised by {done.raised_by:,}."

    def success_url_for(self, done):
        return f"{self.activity_url()}#theme-{done.pk}"

    def cancel_url(self):
        return self.activity_url()


class ThemeMixin(ActivityMixin):
    def get_theme(self) -> Theme:
        if not hasattr(self, "theme"):
            self.theme = found(
                selectors.theme_get,
                "This activity has no such theme.",
                activity=self.get_activity(),
                pk=self.kwargs["theme"],
            )
        return self.theme


class ThemeEditView(ThemeMixin, ThemeAddView):
    submit_label = "Save changes"
    version_fields = ("title", "said", "raised_by")

    def theme_instance(self):
        return self.get_theme()

    def edited(self):
        return self.get_theme()


class WeDidView(ThemeMixin, EngagementFormView):
    form_class = forms.WeDidForm
    submit_label = "Save what we did"
    version_fields = ("we_did", "outcome", "commitment", "action", "no_action_reason")

    @property
    def page_title(self):
        return f"You said, we did: “{self.get_theme().title}”"

    @property
    def intro(self):
        theme = self.get_theme()
        return f"What people said ({theme.raised_by:,} raised it): {theme.said}"

    def edited(self):
        return self.get_theme()

    def get_initial(self):
        theme = self.get_theme()
        return {
            "we_did": theme.we_did,
            "outcome": theme.outcome_id,
            "commitment": theme.commitment_id,
            "action": theme.action_id,
            "no_action_reason": theme.no_action_reason,
            "responded_on": theme.responded_on or timezone.localdate(),
        }

    def perform(self, form):
        data = form.cleaned_data
        return services.we_did_record(
            theme=self.get_theme(),
            we_did=data["we_did"],
            outcome=data["outcome"],
            commitment=data["commitment"],
            action=data["action"],
            no_action_reason=data["no_action_reason"],
            on=data["responded_on"],
        )

    def success_message(self, done):
        return f"Saved what was done about “{done.title}”."

    def success_url_for(self, done):
        return f"{self.activity_url()}#theme-{done.pk}"

    def cancel_url(self):
        return self.activity_url()


class ResponsesView(ActivityMixin, PartnershipMixin, TemplateView):
    """Residents' responses to an activity: private to the people who record it."""

    permission_required = "engagement.manage_activity"
    template_name = "engagement/responses.html"

    def get_context_data(self, **kwargs):
        activity = self.get_activity()
        responses = [
            (response, attribution(response.user, named=True))
            for response in selectors.responses_of(activity=activity)
        ]
        return super().get_context_data(activity=activity, responses=responses, **kwargs)


class SummaryView(ActivityMixin, EngagementFormView):
    form_class = forms.SummaryForm
    submit_label = "Publish the summary"
    version_fields = ("response_summary",)

    @property
    def page_title(self):
        return f"Summary of the responses to “{self.get_activity().title}”"

    def edited(self):
        return self.get_activity()

    def get_initial(self):
        return {"response_summary": self.get_activity().response_summary}

    def perform(self, form):
        return services.summary_publish(
            activity=self.get_activity(), summary=form.cleaned_data["response_summary"]
        )

    def success_message(self, done):
        if done.is_published:
            return "Summary published on the activity's public page."
        return "Summary saved: it will be public when the activity is published."

    def success_url_for(self, done):
        return self.activity_url()

    def cancel_url(self):
        return self.activity_url()


class PlaceStandardMixin(ActivityMixin):
    def get_initial(self):
        activity = self.get_activity()
        exercise = getattr(activity, "place_standard", None)
        if exercise is not None:
            initial = {"locality": exercise.locality_id, "community": exercise.community_id}
            for score in selectors.theme_scores(exercise):
                if score.mean is not None:
                    initial[forms.score_field_name(score.theme)] = round(score.mean, 1)
                    initial[forms.respondents_field_name(score.theme)] = score.respondents
            return initial
        return {"locality": activity.body.locality_id if activity.body else None}

    def edited(self):
        exercise = getattr(self.get_activity(), "place_standard", None)
        return exercise.scores.all() if exercise is not None else None

    def success_url_for(self, done):
        return f"{self.activity_url()}#place-standard"

    def cancel_url(self):
        return self.activity_url()


class PlaceStandardSummaryView(PlaceStandardMixin, EngagementFormView):
    form_class = forms.PlaceStandardSummaryForm
    submit_label = "Save the scores"
    intro = (
        "For each of the 14 themes, the score (the respondents' average, from 1 to 7, to one "
        f"decimal place: {SCALE_WORDS}) and how many people scored it. Saving replaces any "
        "results recorded before."
    )

    @property
    def page_title(self):
        return f"Place Standard results: “{self.get_activity().title}”"

    def perform(self, form):
        data = form.cleaned_data
        return services.place_standard_summary_save(
            activity=self.get_activity(),
            locality=data["locality"],
            community=data["community"],
            scores=form.scores(),
        )

    def success_message(self, done):
        return f"Place Standard scores saved for {done.place_name}."


class PlaceStandardUploadView(PlaceStandardMixin, EngagementFormView):
    form_class = forms.PlaceStandardUploadForm
    template_name = "engagement/upload_form.html"
    submit_label = "Upload the scores"
    intro = (
        "Upload every respondent's scores as a CSV file; Placeplan works out each theme's "
        "average. Saving replaces any results recorded before."
    )

    @property
    def page_title(self):
        return f"Respondents' Place Standard scores: “{self.get_activity().title}”"

    def get_initial(self):
        initial = super().get_initial()
        return {"locality": initial.get("locality"), "community": initial.get("community")}

    def perform(self, form):
        data = form.cleaned_data
        return services.place_standard_ratings_save(
            activity=self.get_activity(),
            locality=data["locality"],
            community=data["community"],
            respondents=data["file"],
        )

    def success_message(self, done):
        return (
            f"Scores of {selectors.respondent_count(done):,} respondents saved for "
            f"{done.place_name}."
        )
