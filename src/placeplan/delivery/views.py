"""Staff pages for improvement actions and recommendations: lists with what needs
attention, an action's page with its progress, and the forms that change them."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from placeplan.core.parsing import parse_id
from placeplan.core.views import found
from placeplan.delivery import forms, selectors, services
from placeplan.delivery.models import ActionStatus, ImprovementAction
from placeplan.partnerships import selectors as partnership_selectors
from placeplan.workspace.frame import PartnershipMixin, ServiceFormView


class ActionListView(PartnershipMixin, TemplateView):
    """Every action of the partnership, filtered by body, partner or status, and the open
    actions that are overdue or at risk, per body and per partner."""

    permission_required = "delivery.view_actions"
    template_name = "delivery/action_list.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        # query keys: body, partner, status, layout
        form = forms.ActionFilterForm(self.request.GET, partnership=partnership)
        chosen = form.filters()
        status = chosen["status"]
        today = timezone.localdate()
        actions = selectors.action_list(
            partnership=partnership,
            body=chosen["body"],
            partner=chosen["partner"],
            status=status if status in ActionStatus.values else "",
            open_only=status == "open",
        )
        return super().get_context_data(
            actions=actions,
            board=selectors.action_board(actions) if chosen["layout"] == "board" else None,
            attention=selectors.needing_attention(partnership=partnership, today=today),
            today=today,
            bodies=form.fields["body"].queryset,
            partners=form.fields["partner"].queryset,
            statuses=forms.STATUS_FILTERS,
            chosen={**chosen, "label": form.label()},
            may_manage=self.request.user.has_perm("delivery.manage_actions", partnership),
            **kwargs,
        )


class ActionMixin:
    def get_action(self) -> ImprovementAction:
        if not hasattr(self, "action"):
            self.action = found(
                selectors.action_get,
                "This partnership has no such action.",
                partnership=self.get_partnership(),
                pk=self.kwargs["pk"],
            )
        return self.action

    def action_url(self) -> str:
        return reverse("delivery:action", args=[self.kwargs["code"], self.kwargs["pk"]])


class ActionView(ActionMixin, PartnershipMixin, TemplateView):
    """One action: what, why, who and by when, and its progress updates."""

    permission_required = "delivery.view_actions"
    template_name = "delivery/action_detail.html"

    def get_context_data(self, **kwargs):
        action = self.get_action()
        names = partnership_selectors.person_names(
            user=self.request.user, partnership=self.get_partnership()
        )
        return super().get_context_data(
            action=action,
            owner=names(action.owner),
            updates=list(action.updates.all()),
            is_overdue=action.is_overdue(timezone.localdate()),
            may_manage=self.request.user.has_perm(
                "delivery.manage_actions", self.get_partnership()
            ),
            **kwargs,
        )


class DeliveryFormView(ServiceFormView):
    permission_required = "delivery.manage_actions"

    def cancel_url(self):
        return reverse("delivery:actions", args=[self.kwargs["code"]])


class ActionAddView(DeliveryFormView):
    form_class = forms.ActionForm
    page_title = "Add an improvement action"
    submit_label = "Save action"

    def action_instance(self) -> ImprovementAction:
        return ImprovementAction(partnership=self.get_partnership())

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.action_instance()}

    def get_initial(self):
        recommendation = parse_id(self.request.GET.get("recommendation"))
        if recommendation is not None:
            return {
                "recommendation": recommendation,
                "source": ImprovementAction.Source.RECOMMENDATION,
            }
        return {}

    def perform(self, form):
        return services.action_save(action=form.instance)

    def success_message(self, done):
        return f"Action saved: “{done.title}”, due {done.due:%-d %B %Y}."

    def success_url_for(self, done):
        return reverse("delivery:action", args=[self.kwargs["code"], done.pk])


class ActionEditView(ActionMixin, ActionAddView):
    page_title = "Change an improvement action"
    submit_label = "Save changes"

    def action_instance(self):
        return self.get_action()

    def edited(self):
        return self.get_action()

    def cancel_url(self):
        return self.action_url()


class ProgressAddView(ActionMixin, DeliveryFormView):
    form_class = forms.ProgressUpdateForm
    submit_label = "Save update"
    # An update sets the action's status: refused if someone else's update changed it first.
    version_fields = ("status", "cancelled_reason")

    def edited(self):
        return self.get_action()

    @property
    def page_title(self):
        return f"Progress on “{self.get_action().title}”"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("partnership")
        return kwargs

    def get(self, request, *args, **kwargs):
        action = self.get_action()
        if action.is_closed:
            messages.info(
                request,
                f"This action is {action.get_status_display().lower()}: it takes no more "
                "updates. Change the action to reopen it.",
            )
            return redirect(self.action_url())
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return {"on": timezone.localdate(), "status": self.get_action().status}

    def perform(self, form):
        data = form.cleaned_data
        return services.progress_update_add(
            action=self.get_action(),
            on=data["on"],
            status=data["status"],
            narrative=data["narrative"],
            cancelled_reason=data["cancelled_reason"],
            user=self.request.user,
        )

    def success_message(self, done):
        return f"Update saved: the action is {done.get_status_display().lower()}."

    def success_url_for(self, done):
        return self.action_url()

    def cancel_url(self):
        return self.action_url()


class RecommendationListView(PartnershipMixin, TemplateView):
    """Recommendations from audits and inspections, and the actions answering each."""

    permission_required = "delivery.view_actions"
    template_name = "delivery/recommendation_list.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        user = self.request.user
        return super().get_context_data(
            recommendations=selectors.recommendation_list(partnership=partnership),
            may_add=user.has_perm("delivery.manage_recommendations", partnership),
            may_manage=user.has_perm("delivery.manage_actions", partnership),
            today=timezone.localdate(),
            **kwargs,
        )


class RecommendationAddView(DeliveryFormView):
    permission_required = "delivery.manage_recommendations"
    form_class = forms.RecommendationForm
    page_title = "Add a recommendation"
    submit_label = "Save recommendation"

    def perform(self, form):
        form.instance.partnership = self.get_partnership()
        return services.recommendation_save(recommendation=form.instance)

    def success_message(self, done):
        return "Recommendation saved. Add the actions that answer it from its entry below."

    def success_url_for(self, done):
        url = reverse("delivery:recommendations", args=[self.kwargs["code"]])
        return f"{url}#recommendation-{done.pk}"

    def cancel_url(self):
        return reverse("delivery:recommendations", args=[self.kwargs["code"]])
