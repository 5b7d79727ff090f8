"""The public site's plan pages: published plans, their tables as CSV, what changed
between versions, and what each partner is accountable for. Drafts never appear here."""

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from placeplan.challenges import selectors as challenge_selectors
from placeplan.core.downloads import table_response
from placeplan.core.views import found
from placeplan.engagement import selectors as engagement
from placeplan.partnerships import selectors as partnerships
from placeplan.plans import selectors as plans
from placeplan.public.views import PartnershipMixin
from placeplan.stories import selectors as story_selectors


class PublicPlanMixin(PartnershipMixin):
    """Finds a published (or superseded) version of one of the partnership's plans."""

    def get_plan(self, pk=None):
        self.partnership = self.get_partnership()
        return found(
            plans.plan_get,
            "This partnership has published no such plan.",
            partnership=self.partnership,
            pk=pk or self.kwargs["pk"],
            public=True,
        )

    def plans_crumb(self):
        code = self.partnership.council_area.code
        return ("Plans", reverse("public:plans", args=[code]))


class PlanListView(PublicPlanMixin, TemplateView):
    """The partnership's published plans and which localities need a locality plan."""

    template_name = "public/plan_list.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        return super().get_context_data(
            partnership=partnership,
            plans=plans.plan_list(partnership=partnership, public=True),
            coverage=plans.locality_plan_coverage(partnership=partnership, public=True),
            breadcrumbs=self.crumbs(partnership, ("Plans", None)),
            **kwargs,
        )


class PlanView(PublicPlanMixin, TemplateView):
    """A published plan: priorities, outcomes, indicators with baseline and targets, and
    who is accountable, readable and printable, each table downloadable."""

    template_name = "public/plan.html"

    def get_context_data(self, **kwargs):
        plan = self.get_plan()
        tree = plans.plan_tree(plan=plan)
        shaped = engagement.shaped_by(plan=plan, public=True)
        tables = [
            (name, title, *plans.plan_table(tree=tree, name=name))
            for name, title in plans.TABLES.items()
        ]
        return super().get_context_data(
            partnership=self.partnership,
            plan=plan,
            tree=tree,
            shaped=[
                (node, shaped[node.outcome.pk])
                for top in tree.outcomes
                for node in (top, *top.children)
                if node.outcome.pk in shaped
            ],
            tables=tables,
            versions=plans.plan_versions(plan=plan, public=True),
            current=plans.plan_published_version(plan=plan),
            story=story_selectors.story_of_plan(plan=plan),
            breadcrumbs=self.crumbs(self.partnership, self.plans_crumb(), (plan.title, None)),
            **kwargs,
        )


class PlanTableView(PublicPlanMixin, View):
    """One of a published plan's tables as CSV."""

    def get(self, request, *args, **kwargs):
        if self.kwargs["table"] not in plans.TABLES:
            raise Http404("A plan has no table of that name.")
        plan = self.get_plan()
        header, rows = plans.plan_table(tree=plans.plan_tree(plan=plan), name=self.kwargs["table"])
        return table_response(
            filename=f"plan-{plan.pk}-v{plan.version}-{self.kwargs['table']}",
            header=header,
            rows=rows,
            fmt="csv",
        )


class PlanCompareView(PublicPlanMixin, TemplateView):
    """What was added, removed or changed between two published versions of a plan."""

    template_name = "public/plan_compare.html"

    def get_context_data(self, **kwargs):
        plan = self.get_plan()
        other = self.get_plan(pk=self.kwargs["other"])
        older, newer = found(
            plans.plan_version_pair,
            "Only two different versions of the same plan can be compared.",
            plan=plan,
            other=other,
        )
        plan_url = reverse("public:plan", args=[self.partnership.council_area.code, plan.pk])
        return super().get_context_data(
            partnership=self.partnership,
            plan=plan,
            older=older,
            newer=newer,
            changes=plans.plan_compare(older=older, newer=newer),
            breadcrumbs=self.crumbs(
                self.partnership,
                self.plans_crumb(),
                (plan.title, plan_url),
                ("What changed", None),
            ),
            **kwargs,
        )


class PartnerView(PublicPlanMixin, TemplateView):
    """What a partner is accountable for in the partnership's published plans."""

    template_name = "public/partner.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        partner = found(
            partnerships.partner_get,
            "This partnership has no such partner.",
            partnership=partnership,
            pk=self.kwargs["pk"],
        )
        structure_url = reverse("public:partnership", args=[partnership.council_area.code])
        return super().get_context_data(
            partnership=partnership,
            partner=partner,
            accountability=plans.partner_accountability(partner=partner, public=True),
            overdue=challenge_selectors.challenges_overdue(
                partnership=partnership, today=timezone.localdate(), partner=partner, public=True
            ),
            today=timezone.localdate(),
            breadcrumbs=self.crumbs(
                partnership,
                ("How the partnership works", structure_url),
                (partner.organisation.name, None),
            ),
            **kwargs,
        )
