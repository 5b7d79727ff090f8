"""The public site's engagement pages: the partnership's published activities, one
activity with what people said and what was done, a verified resident's response to an
open consultation, and a Place Standard exercise's scores. Drafts never appear here, nor
do residents' responses."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from placeplan.core.views import found
from placeplan.engagement import charts, selectors, services
from placeplan.engagement.models import SCALE_WORDS, Activity
from placeplan.public.forms import ResponseForm
from placeplan.public.views import PartnershipMixin
from placeplan.residents import limits
from placeplan.residents.selectors import may_contribute
from placeplan.workspace.frame import apply_errors


class PublicActivityMixin(PartnershipMixin):
    def get_activity(self) -> Activity:
        if not hasattr(self, "activity"):
            self.partnership = self.get_partnership()
            self.activity = found(
                selectors.activity_get,
                "This partnership has published no such engagement activity.",
                partnership=self.partnership,
                pk=self.kwargs["pk"],
                public=True,
            )
        return self.activity

    def engagement_crumb(self):
        code = self.partnership.council_area.code
        return ("Engagement", reverse("public:engagement", args=[code]))


class EngagementView(PartnershipMixin, TemplateView):
    """The partnership's published engagement: what it asked, what people said, what it
    did; and its Place Standard exercises."""

    template_name = "public/engagement.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        return super().get_context_data(
            partnership=partnership,
            activities=selectors.activity_list(partnership=partnership, public=True),
            exercises=selectors.place_standard_list(partnership=partnership, public=True),
            today=timezone.localdate(),
            breadcrumbs=self.crumbs(partnership, ("Engagement", None)),
            **kwargs,
        )


class ActivityView(PublicActivityMixin, TemplateView):
    """One published activity: its facts, the summary of responses, "you said, we did",
    its Place Standard scores, and how to respond while it is open."""

    template_name = "public/engagement_activity.html"

    def get_context_data(self, **kwargs):
        activity = self.get_activity()
        exercise = getattr(activity, "place_standard", None)
        return super().get_context_data(
            partnership=self.partnership,
            activity=activity,
            themes=list(activity.themes.all()),
            accepts_responses=activity.accepts_responses(timezone.localdate()),
            exercise=exercise,
            breadcrumbs=self.crumbs(
                self.partnership, self.engagement_crumb(), (activity.title, None)
            ),
            **kwargs,
        )


class RespondView(LoginRequiredMixin, PublicActivityMixin, FormView):
    """A verified resident's response to an open consultation: private to the people who
    record it; rate-limited."""

    template_name = "public/engagement_respond.html"
    form_class = ResponseForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        activity = self.get_activity()
        if not activity.accepts_responses(timezone.localdate()):
            messages.info(request, "This activity is not taking responses online.")
            return redirect(self.activity_url())
        if not may_contribute(request.user):
            raise PermissionDenied(
                "Only residents who have confirmed their email address may respond."
            )
        return super().dispatch(request, *args, **kwargs)

    def activity_url(self) -> str:
        return reverse("public:engagement_activity", args=[self.kwargs["code"], self.kwargs["pk"]])

    def form_valid(self, form):
        if not limits.allowed(self.request, limits.RESPONSE):
            form.add_error(None, limits.TOO_MANY)
            return self.form_invalid(form)
        try:
            services.response_add(
                activity=self.get_activity(), user=self.request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as refusal:
            apply_errors(form, refusal)
            return self.form_invalid(form)
        messages.success(
            self.request,
            "Thank you: your response has been sent to the partnership. It is private; the "
            "partnership will publish a summary of what people said, and what it did.",
        )
        return redirect(self.activity_url())

    def get_context_data(self, **kwargs):
        activity = self.get_activity()
        return super().get_context_data(
            partnership=self.partnership,
            activity=activity,
            breadcrumbs=self.crumbs(
                self.partnership,
                self.engagement_crumb(),
                (activity.title, self.activity_url()),
                ("Respond", None),
            ),
            **kwargs,
        )


class PlaceStandardView(PartnershipMixin, TemplateView):
    """A published Place Standard exercise: the compass and its table, compared with the
    earlier exercise for the same place."""

    template_name = "public/place_standard.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        exercise = found(
            selectors.place_standard_get,
            "This partnership has published no such Place Standard exercise.",
            partnership=partnership,
            pk=self.kwargs["pk"],
        )
        result = selectors.place_standard_result(exercise)
        code = partnership.council_area.code
        return super().get_context_data(
            partnership=partnership,
            exercise=exercise,
            result=result,
            chart=charts.result_chart(result),
            scale_words=SCALE_WORDS,
            breadcrumbs=self.crumbs(
                partnership,
                ("Engagement", reverse("public:engagement", args=[code])),
                (f"Place Standard: {exercise.place_name}", None),
            ),
            **kwargs,
        )
