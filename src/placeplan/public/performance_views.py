"""The public outcomes dashboard and indicator pages: published plans only."""

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.views.generic import TemplateView

from placeplan.performance.services import evidence_version
from placeplan.plans import progress
from placeplan.plans.views.progress import IndicatorLookup, IndicatorTableDownload
from placeplan.public.views import PartnershipMixin


class CachedForThePublic:
    """For people not signed in the page is kept in the cache under the evidence version,
    which changes whenever values are saved or a plan is published, so it is never stale."""

    cache_seconds = 3600

    def get(self, request, *args, **kwargs):
        # Signed-in people see their own header; a page with a message for this visitor
        # (e.g. "You have signed out") is theirs alone: neither is cached nor served cached.
        if request.user.is_authenticated or len(messages.get_messages(request)):
            return super().get(request, *args, **kwargs)
        key = f"placeplan:page:{evidence_version()}:{request.path}"
        content = cache.get(key)
        if content is None:
            response = super().get(request, *args, **kwargs)
            response.render()
            cache.set(key, response.content, self.cache_seconds)
            return response
        return HttpResponse(content)


class DashboardView(CachedForThePublic, PartnershipMixin, TemplateView):
    """Where each published plan indicator stands, whether it is improving and whether
    the gap between the most and least deprived communities is closing."""

    template_name = "public/dashboard.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        return super().get_context_data(
            partnership=partnership,
            dashboard=progress.partnership_dashboard(partnership=partnership, public=True),
            indicator_url="public:indicator",
            breadcrumbs=self.crumbs(partnership, ("Outcomes dashboard", None)),
            **kwargs,
        )


class PublicIndicatorMixin(IndicatorLookup, PartnershipMixin):
    public = True


class IndicatorView(CachedForThePublic, PublicIndicatorMixin, TemplateView):
    """A published plan indicator against its targets, by community and by deprivation."""

    template_name = "public/indicator.html"

    def get_context_data(self, **kwargs):
        indicator = self.get_indicator()
        partnership = self.get_partnership()
        code = partnership.council_area.code
        return super().get_context_data(
            partnership=partnership,
            evidence=progress.indicator_evidence(indicator=indicator),
            table_url="public:indicator_table",
            breadcrumbs=self.crumbs(
                partnership,
                ("Outcomes dashboard", reverse("public:dashboard", args=[code])),
                (indicator.measure.name, None),
            ),
            **kwargs,
        )


class IndicatorTableView(PublicIndicatorMixin, IndicatorTableDownload):
    """A table of the public indicator page as CSV or Excel."""
