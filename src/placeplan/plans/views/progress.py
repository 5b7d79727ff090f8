"""Staff outcomes dashboard and indicator pages: every plan indicator's status, trend,
comparison and gap, including draft versions."""

from django.utils import timezone
from django.views.generic import TemplateView

from placeplan.core.downloads import TableDownloadView
from placeplan.core.views import found
from placeplan.plans import places, progress
from placeplan.workspace import registry
from placeplan.workspace.frame import PartnershipMixin


class DashboardView(PartnershipMixin, TemplateView):
    """The outcomes dashboard of the partnership's current plans."""

    permission_required = "partnerships.view_workspace"
    template_name = "plans/dashboard.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        return super().get_context_data(
            dashboard=progress.partnership_dashboard(partnership=partnership, public=False),
            indicator_url="plans:indicator_progress",
            **kwargs,
        )


class IndicatorMixin(PartnershipMixin):
    permission_required = "partnerships.view_workspace"

    def get_indicator(self):
        return found(
            progress.plan_indicator_get,
            "This partnership's plans have no such indicator.",
            partnership=self.get_partnership(),
            pk=self.kwargs["pk"],
            public=False,
        )


class IndicatorView(IndicatorMixin, TemplateView):
    """One plan indicator against its targets, by community and by deprivation."""

    template_name = "plans/indicator_progress.html"

    def get_context_data(self, **kwargs):
        partnership, indicator = self.get_partnership(), self.get_indicator()
        return super().get_context_data(
            evidence=progress.indicator_evidence(indicator=indicator),
            panels=registry.panels_render(
                "indicator", request=self.request, subject=indicator, partnership=partnership
            ),
            today=timezone.localdate(),
            table_url="plans:indicator_table",
            **kwargs,
        )


class IndicatorTableView(IndicatorMixin, TableDownloadView):
    """A table of the staff indicator page as CSV or Excel."""

    def table(self, name):
        return places.indicator_table(indicator=self.get_indicator(), name=name)


# -- localities and communities -----------------------------------------------------------


class StaffPlacesMixin(PartnershipMixin):
    """The staff places pages: every current plan, drafts included."""

    permission_required = "partnerships.view_workspace"
    links = {
        "places": "plans:places",
        "places_table": "plans:places_table",
        "locality": "plans:locality",
        "locality_table": "plans:locality_table",
        "measure": "plans:locality_measure",
        "measure_table": "plans:locality_measure_table",
        "indicator": "plans:indicator_progress",
        "community": "public:community",
    }

    def get_subject(self) -> places.PlacesSubject:
        return found(
            places.places_subject,
            "This partnership has no such locality, or no such community measure.",
            partnership=self.get_partnership(),
            page=self.page,
            locality_pk=self.kwargs.get("pk"),
            measure=self.kwargs.get("measure"),
        )


class PlacesView(StaffPlacesMixin, TemplateView):
    """Localities with markedly poorer outcomes, and the communities with the poorest
    outcomes in the round."""

    page = "places"
    template_name = "plans/places.html"

    def get_context_data(self, **kwargs):
        shown = places.places_page(
            partnership=self.get_partnership(), subject=self.get_subject(), public=False
        )
        return super().get_context_data(
            links=self.links,
            public=False,
            indicator_url=self.links["indicator"],
            **shown,
            **kwargs,
        )


class LocalityEvidenceView(PlacesView):
    """A locality's outcomes, worked out from its communities, and its plans' indicators."""

    page = "locality"
    template_name = "plans/locality_evidence.html"


class LocalityMeasureView(PlacesView):
    """One measure for a locality over time, and its communities' values."""

    page = "measure"
    template_name = "plans/locality_measure.html"


class PlacesTableView(StaffPlacesMixin, TableDownloadView):
    page = "places"

    def table(self, name):
        return places.places_table(
            partnership=self.get_partnership(), subject=self.get_subject(), name=name
        )


class LocalityTableView(PlacesTableView):
    page = "locality"


class LocalityMeasureTableView(PlacesTableView):
    page = "measure"
