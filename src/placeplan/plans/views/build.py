"""Staff pages that build a draft plan: outcomes, the indicators they use with baselines
and targets, and commitments. Each change goes through one service."""

from __future__ import annotations

from django.urls import reverse

from placeplan.core.numbers import measure_value_text
from placeplan.core.parsing import parse_id
from placeplan.core.views import found
from placeplan.plans import forms, selectors, services
from placeplan.plans.models import Commitment, Outcome
from placeplan.plans.views.base import PlanFormView


class OutcomeAddView(PlanFormView):
    form_class = forms.OutcomeForm
    submit_label = "Save outcome"
    page_title = "Add an outcome"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.outcome_instance()
        return kwargs

    def outcome_instance(self) -> Outcome:
        return Outcome(plan=self.get_plan())

    def get_initial(self):
        parent = parse_id(self.request.GET.get("parent"))
        return {"parent": parent} if parent is not None else {}

    def perform(self, form):
        data = form.cleaned_data
        return services.outcome_save(
            outcome=form.instance,
            national_outcomes=data["national_outcomes"],
            policy_priorities=data["policy_priorities"],
            supports=data.get("supports"),
        )

    def success_message(self, done):
        return "Outcome saved."

    def success_url_for(self, done):
        return self.plan_url(f"outcome-{done.pk}")


class OutcomeMixin:
    def get_outcome(self) -> Outcome:
        if not hasattr(self, "outcome"):
            self.outcome = found(
                selectors.outcome_get,
                "This plan has no such outcome.",
                plan=self.get_plan(),
                pk=self.kwargs["outcome"],
            )
        return self.outcome


class OutcomeEditView(OutcomeMixin, OutcomeAddView):
    submit_label = "Save changes"

    @property
    def page_title(self):
        return "Change an outcome"

    def outcome_instance(self):
        return self.get_outcome()

    def edited(self):
        return self.get_outcome()


class OutcomeRemoveView(OutcomeMixin, PlanFormView):
    form_class = forms.ConfirmForm
    submit_label = "Remove outcome"

    @property
    def page_title(self):
        return "Remove an outcome"

    @property
    def intro(self):
        outcome = self.get_outcome()
        return (
            f"“{outcome.statement[:120]}” will be removed from this draft, with the "
            "intermediate outcomes, indicators, targets and commitments under it."
        )

    def edited(self):
        return self.get_outcome()

    def perform(self, form):
        return services.outcome_remove(outcome=self.get_outcome())

    def success_message(self, done):
        return "Outcome removed."


class IndicatorAddView(OutcomeMixin, PlanFormView):
    form_class = forms.IndicatorAddForm
    submit_label = "Use this indicator"
    intro = "Next, set its baseline: Placeplan offers the values already in the data."

    @property
    def page_title(self):
        return "Add an indicator to an outcome"

    def perform(self, form):
        return services.indicator_add(outcome=self.get_outcome(), **form.cleaned_data)

    def success_message(self, done):
        return f"The outcome now uses {done.measure.name} for {done.area.name}."

    def success_url_for(self, done):
        return reverse("plans:baseline", args=[self.kwargs["code"], self.kwargs["pk"], done.pk])


class IndicatorMixin:
    template_name = "plans/indicator_form.html"

    def get_indicator(self):
        if not hasattr(self, "indicator"):
            self.indicator = found(
                selectors.indicator_get,
                "This plan has no such indicator.",
                plan=self.get_plan(),
                pk=self.kwargs["indicator"],
            )
        return self.indicator

    def get_context_data(self, **kwargs):
        return super().get_context_data(indicator=self.get_indicator(), **kwargs)

    def success_url_for(self, done):
        return self.plan_url(f"indicator-{self.get_indicator().pk}")


class BaselineView(IndicatorMixin, PlanFormView):
    form_class = forms.BaselineForm
    submit_label = "Save baseline"
    version_fields = (
        "baseline_value",
        "baseline_period",
        "baseline_observation",
        "baseline_is_estimate",
    )

    def edited(self):
        return self.get_indicator()

    @property
    def page_title(self):
        return f"Baseline for {self.get_indicator().measure.name}"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("plan")
        kwargs["options"] = selectors.baseline_options(indicator=self.get_indicator())
        return kwargs

    def get_initial(self):
        indicator = self.get_indicator()
        if indicator.baseline_observation_id:
            return {"observation": indicator.baseline_observation_id}
        if indicator.has_baseline:
            return {"value": indicator.baseline_value, "period": indicator.baseline_period}
        return {}

    def perform(self, form):
        data = form.cleaned_data
        return services.indicator_baseline_set(
            indicator=self.get_indicator(),
            observation=data["observation"],
            value=data["value"],
            period=data["period"] or "",
        )

    def success_message(self, done):
        estimate = " (an estimate)" if done.baseline_is_estimate else ""
        return (
            f"Baseline set: {measure_value_text(done.baseline_value, done.measure)} in "
            f"{done.baseline_period}{estimate}."
        )


class TargetAddView(IndicatorMixin, PlanFormView):
    form_class = forms.TargetForm
    submit_label = "Add target"

    @property
    def page_title(self):
        return f"Add a target for {self.get_indicator().measure.name}"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("plan")
        return {**kwargs, "indicator": self.get_indicator()}

    def perform(self, form):
        return services.target_add(indicator=self.get_indicator(), **form.cleaned_data)

    def success_message(self, done):
        value = measure_value_text(done.value, self.get_indicator().measure)
        return f"Target added: {value} by {done.due:%B %Y}."


class GapTargetView(IndicatorMixin, PlanFormView):
    form_class = forms.GapTargetForm
    submit_label = "Save inequality target"
    version_fields = ("gap_reduction", "gap_by")

    def edited(self):
        return self.get_indicator()

    @property
    def page_title(self):
        return f"Inequality target for {self.get_indicator().measure.name}"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("plan")
        return kwargs

    def get_initial(self):
        indicator = self.get_indicator()
        return {"gap_reduction": indicator.gap_reduction, "gap_by": indicator.gap_by}

    def perform(self, form):
        return services.indicator_gap_target_set(
            indicator=self.get_indicator(),
            reduction=form.cleaned_data["gap_reduction"],
            by=form.cleaned_data["gap_by"],
        )

    def success_message(self, done):
        return done.gap_target_label or "No inequality target."


class ToleranceView(IndicatorMixin, PlanFormView):
    form_class = forms.ToleranceForm
    submit_label = "Save tolerance"
    version_fields = ("tolerance",)

    def edited(self):
        return self.get_indicator()

    @property
    def page_title(self):
        return f"Tolerance for {self.get_indicator().measure.name}"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("plan")
        return kwargs

    def get_initial(self):
        return {"tolerance": self.get_indicator().tolerance}

    def perform(self, form):
        return services.indicator_tolerance_set(
            indicator=self.get_indicator(), tolerance=form.cleaned_data["tolerance"]
        )

    def success_message(self, done):
        return f"Tolerance set: {done.tolerance}% of the distance from baseline to target."


class IndicatorRemoveView(IndicatorMixin, PlanFormView):
    form_class = forms.ConfirmForm
    submit_label = "Stop using this indicator"

    @property
    def page_title(self):
        indicator = self.get_indicator()
        return f"Stop using {indicator.measure.name} for {indicator.area.name}"

    intro = "Its baseline and targets are removed from this draft too."

    def edited(self):
        return self.get_indicator()

    def perform(self, form):
        return services.indicator_remove(indicator=self.get_indicator())

    def success_message(self, done):
        return "Indicator removed."

    def success_url_for(self, done):
        return self.plan_url()


class TargetRemoveView(PlanFormView):
    form_class = forms.ConfirmForm
    submit_label = "Remove target"

    def get_target(self):
        if not hasattr(self, "target"):
            self.target = found(
                selectors.target_get,
                "This plan has no such target.",
                plan=self.get_plan(),
                pk=self.kwargs["target"],
            )
        return self.target

    @property
    def page_title(self):
        target = self.get_target()
        return f"Remove the target of {target} for {target.indicator.measure.name}"

    def edited(self):
        return self.get_target()

    def perform(self, form):
        return services.target_remove(target=self.get_target())

    def success_message(self, done):
        return "Target removed."


class CommitmentAddView(OutcomeMixin, PlanFormView):
    form_class = forms.CommitmentForm
    submit_label = "Save commitment"
    intro = (
        "What will improve, how, by whom and when. A commitment without an accountable "
        "partner or a date is incomplete, and the plan cannot be agreed until it is complete."
    )

    @property
    def page_title(self):
        return "Add a commitment"

    def commitment_instance(self):
        return Commitment(outcome=self.get_outcome())

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("plan")
        instance = self.commitment_instance()
        kwargs.update(instance=instance, outcome=instance.outcome)
        return kwargs

    def perform(self, form):
        return services.commitment_save(
            commitment=form.instance,
            contributing_partners=list(form.cleaned_data["contributing_partners"]),
        )

    def success_message(self, done):
        if done.is_complete:
            return "Commitment saved."
        return f"Commitment saved. It is incomplete: it needs {' and '.join(done.missing)}."

    def success_url_for(self, done):
        return self.plan_url(f"commitment-{done.pk}")


class CommitmentMixin:
    def get_commitment(self) -> Commitment:
        if not hasattr(self, "commitment"):
            self.commitment = found(
                selectors.commitment_get,
                "This plan has no such commitment.",
                plan=self.get_plan(),
                pk=self.kwargs["commitment"],
            )
        return self.commitment


class CommitmentEditView(CommitmentMixin, CommitmentAddView):
    submit_label = "Save changes"

    @property
    def page_title(self):
        return "Change a commitment"

    def commitment_instance(self):
        return self.get_commitment()

    def edited(self):
        return self.get_commitment()


class CommitmentRemoveView(CommitmentMixin, PlanFormView):
    form_class = forms.ConfirmForm
    submit_label = "Remove commitment"

    @property
    def page_title(self):
        return "Remove a commitment"

    @property
    def intro(self):
        return f"“{self.get_commitment().what[:120]}” will be removed from this draft."

    def edited(self):
        return self.get_commitment()

    def perform(self, form):
        return services.commitment_remove(commitment=self.get_commitment())

    def success_message(self, done):
        return "Commitment removed."
