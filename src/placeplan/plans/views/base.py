"""What every plan page shares: finding the plan in the URL and refusing edits to a
frozen version before anyone fills in a form."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from placeplan.core.views import found
from placeplan.plans import selectors
from placeplan.plans.models import Plan
from placeplan.workspace.frame import PartnershipMixin, ServiceFormView


class PlanMixin(PartnershipMixin):
    """Finds the plan named in the URL within the partnership (404 otherwise)."""

    permission_required = "plans.view_plan"

    def get_plan(self) -> Plan:
        if not hasattr(self, "plan"):
            self.plan = found(
                selectors.plan_get,
                "This partnership has no such plan.",
                partnership=self.get_partnership(),
                pk=self.kwargs["pk"],
            )
        return self.plan

    def get_permission_object(self):
        return self.get_plan()

    def plan_url(self, anchor: str = "") -> str:
        url = reverse("plans:plan", args=[self.kwargs["code"], self.kwargs["pk"]])
        return f"{url}#{anchor}" if anchor else url

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.get_plan(), **kwargs)


class PlanFormView(PlanMixin, ServiceFormView):
    """A change to a draft plan, by its owning body's chair or lead officer or a support
    officer. A frozen version sends people back to the plan with the reason."""

    permission_required = "plans.edit_plan"
    needs_draft = True

    def get(self, request, *args, **kwargs):
        plan = self.get_plan()
        if self.needs_draft and not plan.is_draft:
            messages.error(
                request,
                f"Version {plan.version} is {plan.get_status_display().lower()} and frozen. "
                "Amend it to start a new draft version.",
            )
            return redirect(self.plan_url())
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("partnership")
        kwargs["plan"] = self.get_plan()
        return kwargs

    def cancel_url(self):
        return self.plan_url()

    def success_url_for(self, done):
        return self.plan_url()
