"""The signed-in workspace: a person's partnerships and each partnership's home."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.urls import reverse
from django.views.generic import TemplateView

from placeplan.core.navigation import side_navigation
from placeplan.core.permissions import ObjectPermissionMixin
from placeplan.partnerships import selectors
from placeplan.partnerships.models import Partnership


class WorkspaceView(LoginRequiredMixin, TemplateView):
    """Where a signed-in person starts: the partnerships they work in."""

    template_name = "partnerships/workspace.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        context = super().get_context_data(**kwargs)
        context["memberships"] = selectors.user_partnership_roles(user=user)
        context["reads_everything"] = user.is_superuser or user.is_national_reader
        if context["reads_everything"]:
            context["all_partnerships"] = selectors.partnership_list()
        return context


class PartnershipMixin(LoginRequiredMixin, ObjectPermissionMixin):
    """Finds the partnership named in the URL (404 if there is none) and checks access
    against it (or, in views about one body or person, against that)."""

    def get_partnership(self) -> Partnership:
        if not hasattr(self, "partnership"):
            try:
                self.partnership = selectors.partnership_get(council_code=self.kwargs["code"])
            except Partnership.DoesNotExist as missing:
                raise Http404("No partnership has that council area code.") from missing
        return self.partnership

    def get_permission_object(self):
        return self.get_partnership()

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        side_nav = side_navigation(
            label=partnership.name,
            items=workspace_menu(self.request.user, partnership),
            current=self.request.path,
        )
        return super().get_context_data(partnership=partnership, side_nav=side_nav, **kwargs)


def workspace_menu(user, partnership: Partnership) -> list[tuple[str, str]]:
    """The side navigation of a partnership's workspace, as far as the person may go."""
    code = partnership.council_area.code
    items = [
        ("Workspace home", reverse("partnerships:home", args=[code])),
        ("Structure", reverse("partnerships:structure", args=[code])),
        ("Partners", reverse("partnerships:partners", args=[code])),
    ]
    if user.has_perm("partnerships.view_members", partnership):
        items.append(("Members of bodies", reverse("partnerships:persons", args=[code])))
    items.append(("Localities", reverse("partnerships:localities", args=[code])))
    items.append(("Plans", reverse("plans:list", args=[code])))
    items.append(("Indicator library", reverse("plans:indicators", args=[code])))
    items.append(("Outcomes dashboard", reverse("plans:dashboard", args=[code])))
    items.append(("Localities and communities", reverse("plans:places", args=[code])))
    items.append(("Meetings", reverse("meetings:list", args=[code])))
    items.append(("Challenge log", reverse("meetings:challenges", args=[code])))
    items.append(("Improvement actions", reverse("delivery:actions", args=[code])))
    items.append(("Recommendations", reverse("delivery:recommendations", args=[code])))
    if user.has_perm("performance.import_data", partnership):
        items.append(("Import data", reverse("performance:data", args=[code])))
    if user.has_perm("performance.manage_tokens", partnership):
        items.append(("API tokens", reverse("performance:tokens", args=[code])))
    if user.has_perm("partnerships.view_people", partnership):
        items.append(("Accounts and roles", reverse("partnerships:people", args=[code])))
    items.append(("Public pages", reverse("public:partnership", args=[code])))
    return items


class PartnershipHomeView(PartnershipMixin, TemplateView):
    """A partnership's workspace home."""

    permission_required = "partnerships.view_workspace"
    template_name = "partnerships/partnership_home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_view_people"] = self.request.user.has_perm(
            "partnerships.view_people", self.partnership
        )
        context["may_view_members"] = self.request.user.has_perm(
            "partnerships.view_members", self.partnership
        )
        return context


class PartnershipPeopleView(PartnershipMixin, TemplateView):
    """Who holds which role in the partnership (names and email addresses)."""

    permission_required = "partnerships.view_people"
    template_name = "partnerships/partnership_people.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["people"] = selectors.partnership_people(partnership=self.partnership)
        return context
