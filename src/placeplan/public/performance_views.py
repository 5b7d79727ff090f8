"""The public outcomes dashboard and indicator pages: published plans only."""

from django.urls import reverse
from django.views.generic import TemplateView

from placeplan.plans import progress
from placeplan.plans.views.progress import IndicatorLookup, IndicatorTableDownload
from placeplan.public.views import PartnershipMixin


class DashboardView(PartnershipMixin, TemplateView):
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


class IndicatorView(PublicIndicatorMixin, TemplateView):
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
