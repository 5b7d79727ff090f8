"""Staff pages for a partnership's plans: the list, one version with its checklist,
and moving a version from draft to agreed to published, or amending it."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from placeplan.core.views import found
from placeplan.plans import forms, plan_rules, selectors, services
from placeplan.plans.models import Plan
from placeplan.plans.views.base import PlanFormView, PlanMixin
from placeplan.workspace.frame import PartnershipMixin, ServiceFormView


class PlanListView(PartnershipMixin, TemplateView):
    """Every plan of the partnership with its versions, and the localities that need one."""

    permission_required = "partnerships.view_workspace"
    template_name = "plans/plan_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            plans=selectors.plan_list(partnership=self.get_partnership()),
            coverage=selectors.locality_plan_coverage(partnership=self.partnership),
            may_manage=self.request.user.has_perm("plans.manage_plans", self.partnership),
            **kwargs,
        )


class PlanDetailView(PlanMixin, TemplateView):
    """One version of a plan: outcomes, indicators, targets and commitments, what is
    incomplete, and what may be done with it next."""

    template_name = "plans/plan_detail.html"

    def get_context_data(self, **kwargs):
        plan = self.get_plan()
        tree = selectors.plan_tree(plan=plan)
        may_edit = self.request.user.has_perm("plans.edit_plan", plan)
        return super().get_context_data(
            tree=tree,
            checklist=selectors.plan_checklist(tree=tree),
            versions=selectors.plan_versions(plan=plan),
            may_edit=may_edit,
            editable=may_edit and plan.is_draft,
            **kwargs,
        )


class PlanAddView(ServiceFormView):
    form_class = forms.PlanForm
    permission_required = "plans.manage_plans"
    page_title = "Start a plan"
    submit_label = "Start the plan"
    intro = "The plan starts as a draft. Add its outcomes, indicators and commitments next."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": Plan(partnership=self.partnership)}

    def perform(self, form):
        return services.plan_save(plan=form.instance)

    def success_message(self, done):
        return f"“{done.title}” started as a draft."

    def success_url_for(self, done):
        return reverse("plans:plan", args=[self.kwargs["code"], done.pk])

    def cancel_url(self):
        return reverse("plans:list", args=[self.kwargs["code"]])


class PlanEditView(PlanFormView):
    form_class = forms.PlanForm
    submit_label = "Save changes"

    @property
    def page_title(self):
        return f"Change the details of “{self.get_plan().title}”"

    def edited(self):
        return self.get_plan()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("plan")
        kwargs.update(partnership=self.partnership, instance=self.get_plan())
        return kwargs

    def perform(self, form):
        return services.plan_save(plan=form.instance)

    def success_message(self, done):
        return "Plan details saved."


class PlanAgreeView(PlanFormView):
    form_class = forms.AgreeForm
    submit_label = "Record agreement"
    intro = (
        "Record which body agreed this version and when. Every commitment must say which "
        "partner is accountable and by when; the plan is then frozen."
    )

    @property
    def page_title(self):
        return f"Record agreement of “{self.get_plan().title}”"

    def edited(self):
        return self.get_plan()

    def perform(self, form):
        return services.plan_agree(plan=self.plan, **form.cleaned_data)

    def success_message(self, done):
        return f"Agreed by {done.agreed_by.name} on {done.agreed_on:%-d %B %Y}."


class PlanPublishView(PlanFormView):
    form_class = forms.PublishForm
    submit_label = "Publish"
    intro = "The public will see this version. Any earlier published version is superseded."

    needs_draft = False

    def get(self, request, *args, **kwargs):
        plan = self.get_plan()
        if plan.status != Plan.Status.AGREED:
            messages.error(request, plan_rules.transition_problem(plan.status, "published"))
            return redirect(self.plan_url())
        return super().get(request, *args, **kwargs)

    @property
    def page_title(self):
        return f"Publish “{self.get_plan().title}”"

    def edited(self):
        return self.get_plan()

    def perform(self, form):
        return services.plan_publish(plan=self.plan, **form.cleaned_data)

    def success_message(self, done):
        return f"Version {done.version} is published."


class PlanAmendView(PlanFormView):
    form_class = forms.ConfirmForm
    needs_draft = False
    submit_label = "Start a new draft version"
    intro = (
        "This copies the whole plan into a new draft version, which you can change. The "
        "current version stays as it is until the new one is agreed and published."
    )

    @property
    def page_title(self):
        return f"Amend “{self.get_plan().title}”"

    def perform(self, form):
        return services.plan_amend(plan=self.plan)

    def success_message(self, done):
        return f"Version {done.version} started as a draft."

    def success_url_for(self, done):
        return reverse("plans:plan", args=[self.kwargs["code"], done.pk])


class PlanCompareView(PlanMixin, TemplateView):
    """What changed between two versions of a plan."""

    template_name = "plans/plan_compare.html"

    def get_context_data(self, **kwargs):
        plan = self.get_plan()
        other = found(
            selectors.plan_get,
            "This partnership has no such plan.",
            partnership=self.partnership,
            pk=self.kwargs["other"],
        )
        older, newer = found(
            selectors.plan_version_pair,
            "Only two different versions of the same plan can be compared.",
            plan=plan,
            other=other,
        )
        return super().get_context_data(
            older=older,
            newer=newer,
            changes=selectors.plan_compare(older=older, newer=newer),
            **kwargs,
        )


class IndicatorLibraryView(PartnershipMixin, TemplateView):
    """The indicators the partnership's plans may use."""

    permission_required = "partnerships.view_workspace"
    template_name = "plans/indicator_library.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            library=selectors.indicator_library(partnership=self.get_partnership()),
            may_manage=self.request.user.has_perm("plans.manage_plans", self.partnership),
            **kwargs,
        )


class LocalIndicatorAddView(ServiceFormView):
    form_class = forms.LocalIndicatorForm
    permission_required = "plans.manage_plans"
    page_title = "Define a local indicator"
    submit_label = "Add to the library"
    intro = "An indicator the partnership measures itself, for outcomes national data cannot show."

    def perform(self, form):
        data = form.cleaned_data
        return services.local_indicator_create(
            partnership=self.partnership,
            name=data["name"],
            definition=data["definition"],
            unit=data["unit"],
            decimals=data.get("decimals"),
            higher_is_better=form.higher_is_better(),
            source=data["source"],
            frequency=data["frequency"],
            levels=data["levels"],
        )

    def success_message(self, done):
        return f"{done.name} is in the indicator library."

    def success_url_for(self, done):
        return reverse("plans:indicators", args=[self.kwargs["code"]])

    def cancel_url(self):
        return self.success_url_for(None)
