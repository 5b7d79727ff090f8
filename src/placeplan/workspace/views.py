"""The signed-in workspace: a person's partnerships and each partnership's home."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView

from placeplan.partnerships import selectors
from placeplan.residents.selectors import is_resident
from placeplan.workspace import registry
from placeplan.workspace.frame import PartnershipMixin
from placeplan.workspace.needs import needs_for


class WorkspaceView(LoginRequiredMixin, TemplateView):
    """Where a signed-in person starts: what needs them (the items of their daily
    digest), and the partnerships they work in."""

    template_name = "workspace/workspace.html"

    def get(self, request, *args, **kwargs):
        # Residents hold no role in any partnership: their place is their account page.
        if is_resident(request.user):
            return redirect("residents:account")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = super().get_context_data(**kwargs)
        context["needs"] = needs_for(user, timezone.localdate())
        context["memberships"] = selectors.user_partnership_roles(user=user)
        context["reads_everything"] = user.is_superuser or user.is_national_reader
        if context["reads_everything"]:
            context["all_partnerships"] = selectors.partnership_list()
        return context


class PartnershipHomeView(PartnershipMixin, TemplateView):
    """A partnership's workspace home: what needs the person in this partnership (the
    workspace home's items for it), then every section they may open, described."""

    permission_required = "partnerships.view_workspace"
    template_name = "workspace/partnership_home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = registry.sections_for(self.request.user, self.partnership)
        context["needs"] = [
            group
            for group in needs_for(self.request.user, timezone.localdate())
            if group.partnership.pk == self.partnership.pk
        ]
        return context
