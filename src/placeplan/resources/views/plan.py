"""The prevention plan: its preventative interventions with their spend and savings by
year and the demand they aim to reduce, the trajectory of the preventative share the
partnership sets, and the annual review, drafted from the data, edited and agreed.
Everybody working in the partnership (and national readers) reads it; support officers
change it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from placeplan.core.views import found
from placeplan.resources import selectors, services
from placeplan.resources.forms import plan as forms
from placeplan.resources.models import Review, year_label
from placeplan.workspace.frame import PartnershipMixin, ServiceFormView, apply_errors

VIEW = "resources.view_resources"
MANAGE = "resources.manage_resources"


def _labelled(targets) -> list[tuple[str, object]]:
    return [(year_label(year), share) for year, share in targets]


def _plan_url(code: str) -> str:
    return reverse("resources:plan", args=[code])


class PlanView(PartnershipMixin, TemplateView):
    """The interventions, the plan's spend and savings by year, the trajectory and the
    reviews; support officers start a year's review here (POST)."""

    permission_required = VIEW
    template_name = "resources/plan.html"
    review_form = None

    def get_permission_required(self):
        return (MANAGE,) if self.request.method == "POST" else (VIEW,)

    def post(self, request, *args, **kwargs):
        form = forms.ReviewStartForm(request.POST, auto_id="id_review_%s")
        if form.is_valid():
            year = form.cleaned_data["year"]
            try:
                services.review_draft(partnership=self.get_partnership(), year=year)
            except ValidationError as refusal:
                apply_errors(form, refusal)
            else:
                messages.success(
                    request, f"The {year_label(year)} review is drafted from the data: edit it."
                )
                return redirect(reverse("resources:review", args=[kwargs["code"], year]))
        self.review_form = form
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        interventions = list(selectors.intervention_list(partnership=partnership))
        return super().get_context_data(
            interventions=interventions,
            savings=selectors.savings_by_year(interventions=interventions),
            targets=_labelled(selectors.targets(partnership=partnership)),
            reviews=selectors.review_list(partnership=partnership),
            may_manage=self.request.user.has_perm(MANAGE, partnership),
            review_form=self.review_form or forms.ReviewStartForm(auto_id="id_review_%s"),
            **kwargs,
        )


class InterventionAddView(ServiceFormView):
    permission_required = MANAGE
    form_class = forms.InterventionForm
    page_title = "Add a preventative intervention"
    submit_label = "Save the intervention"

    def perform(self, form):
        data = dict(form.cleaned_data)
        return services.intervention_save(
            partnership=self.get_partnership(),
            intervention=self.edited(),
            indicators=list(data.pop("indicators")),
            **data,
        )

    def success_message(self, done):
        return f"“{done.title}” is saved."

    def success_url_for(self, done):
        return _plan_url(self.kwargs["code"])

    def cancel_url(self):
        return _plan_url(self.kwargs["code"])


class InterventionMixin:
    def get_intervention(self):
        if not hasattr(self, "intervention"):
            self.intervention = found(
                selectors.intervention_get,
                "The prevention plan has no such intervention.",
                partnership=self.get_partnership(),
                pk=self.kwargs["pk"],
            )
        return self.intervention


class InterventionEditView(InterventionMixin, InterventionAddView):
    submit_label = "Save changes"

    @property
    def page_title(self):
        return f"Change “{self.get_intervention().title}”"

    def edited(self):
        return self.get_intervention()

    def get_initial(self):
        item = self.get_intervention()
        fields = ("title", "kind", "description", "level", "lead_partner", "action", "pool")
        return {
            **{name: getattr(item, name) for name in fields},
            "demand": item.demand,
            "indicators": list(item.indicators.all()),
        }


class InterventionYearView(InterventionMixin, ServiceFormView):
    """An intervention's spend and savings by year: a year entered again replaces it."""

    permission_required = MANAGE
    form_class = forms.InterventionYearForm
    template_name = "resources/intervention_years.html"
    submit_label = "Save the year"

    @property
    def page_title(self):
        return f"Spend and savings of “{self.get_intervention().title}”"

    def edited(self):
        # The years as the page showed them: a year saved meanwhile by someone else (a new
        # one, or a change) refuses the save rather than silently replacing theirs.
        return selectors.intervention_years(intervention=self.get_intervention())

    def edit_lock(self):
        return self.get_intervention()

    def perform(self, form):
        return services.intervention_year_save(
            intervention=self.get_intervention(), **form.cleaned_data
        )

    def success_message(self, done):
        return f"{year_label(done.year)} is saved for “{done.intervention.title}”."

    def success_url_for(self, done):
        return self.request.path

    def cancel_url(self):
        return _plan_url(self.kwargs["code"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(intervention=self.get_intervention(), **kwargs)


class TargetsView(ServiceFormView):
    """The trajectory: the preventative share to reach by each year it names."""

    permission_required = MANAGE
    form_class = forms.TargetForm
    template_name = "resources/targets.html"
    page_title = "The trajectory of the shift to prevention"
    submit_label = "Save the target"
    intro = (
        "The share of the partnership's resources it aims to make preventative by each year. "
        "Between two targets the trajectory is a straight line; the figures page compares "
        "each year's share with it. A year entered again replaces its target."
    )

    def edited(self):
        # The trajectory as the page showed it: a target saved meanwhile by someone else
        # refuses the save rather than silently replacing theirs.
        return selectors.target_rows(partnership=self.get_partnership())

    def edit_lock(self):
        return self.get_partnership()

    def perform(self, form):
        return services.target_save(partnership=self.get_partnership(), **form.cleaned_data)

    def success_message(self, done):
        return f"Target saved: {done}."

    def success_url_for(self, done):
        return self.request.path

    def cancel_url(self):
        return _plan_url(self.kwargs["code"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            targets=_labelled(selectors.targets(partnership=self.get_partnership())), **kwargs
        )


class ReviewView(ServiceFormView):
    """A year's review: read by everybody working in the partnership; a draft is edited
    and agreed by support officers; an agreed review no longer changes."""

    permission_required = VIEW
    form_class = forms.ReviewForm
    template_name = "resources/review.html"
    submit_label = "Save the review"

    def get_permission_required(self):
        return (MANAGE,) if self.request.method == "POST" else (VIEW,)

    def get_review(self) -> Review:
        if not hasattr(self, "review"):
            self.review = found(
                selectors.review_get,
                "The prevention plan has no review of that year.",
                partnership=self.get_partnership(),
                year=self.kwargs["year"],
            )
        return self.review

    @property
    def page_title(self):
        return f"Prevention plan review {year_label(self.get_review().year)}"

    def edited(self):
        return self.get_review()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("partnership")
        return {
            **kwargs,
            "review": self.get_review(),
            "initial": {"summary": self.get_review().summary},
        }

    def post(self, request, *args, **kwargs):
        if self.get_review().status == Review.Status.AGREED:
            raise Http404("An agreed review no longer changes.")
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        review = services.review_save(
            review=self.get_review(),
            summary=form.cleaned_data["summary"],
            entries=form.entry_values(),
        )
        if "agree" in self.request.POST:
            review = services.review_agree(review=review)
        return review

    def success_message(self, done):
        if done.status == Review.Status.AGREED:
            return f"The {year_label(done.year)} review is agreed."
        return f"The {year_label(done.year)} review is saved as a draft."

    def success_url_for(self, done):
        return self.request.path

    def cancel_url(self):
        return _plan_url(self.kwargs["code"])

    def get_context_data(self, **kwargs):
        review = self.get_review()
        return super().get_context_data(
            review=review,
            entries=review.entries.all(),
            may_manage=self.request.user.has_perm(MANAGE, self.get_partnership()),
            **kwargs,
        )
