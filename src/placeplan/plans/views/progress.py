"""Staff outcomes dashboard and indicator pages: every plan indicator's status, trend,
comparison and gap, including draft versions."""

from django.http import Http404
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from placeplan.core.downloads import table_response
from placeplan.core.views import found
from placeplan.partnerships import selectors as partnership_selectors
from placeplan.performance import localities, locality_pages
from placeplan.plans import progress
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


class IndicatorLookup:
    """Finds the plan indicator in the URL (only in published versions for the public)."""

    public = False

    def get_indicator(self):
        return found(
            progress.plan_indicator_get,
            "This partnership's plans have no such indicator.",
            partnership=self.get_partnership(),
            pk=self.kwargs["pk"],
            public=self.public,
        )


class IndicatorMixin(IndicatorLookup, PartnershipMixin):
    permission_required = "partnerships.view_workspace"


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


class IndicatorTableDownload(View):
    """A table of the indicator page as CSV or Excel."""

    def get(self, request, *args, **kwargs):
        if kwargs["table"] not in progress.EVIDENCE_TABLES or kwargs["fmt"] not in ("csv", "xlsx"):
            raise Http404("No such table.")
        indicator = self.get_indicator()
        header, rows = progress.evidence_table(
            evidence_=progress.indicator_evidence(indicator=indicator), name=kwargs["table"]
        )
        return table_response(
            filename=f"indicator-{indicator.pk}-{kwargs['table']}",
            header=header,
            rows=rows,
            fmt=kwargs["fmt"],
        )


class IndicatorTableView(IndicatorMixin, IndicatorTableDownload):
    """A table of the staff indicator page as CSV or Excel."""


# -- localities and communities -----------------------------------------------------------


class PlacesPages:
    """What the places overview, locality and locality measure pages share, staff and
    public alike: finding the locality and measure in the URL, and the URL names."""

    public = False
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

    def get_locality(self):
        return found(
            partnership_selectors.locality_get,
            "This partnership has no such locality.",
            partnership=self.get_partnership(),
            pk=self.kwargs["pk"],
        )

    def get_measure_page(self):
        return found(
            locality_pages.locality_measure_page,
            "There is no such community measure.",
            locality=self.get_locality(),
            code=self.kwargs["measure"],
        )

    def places_context(self) -> dict:
        """The context of the page named by ``page`` (places, locality or measure); the
        partnership itself is added by the staff or public page mixin."""
        partnership = self.get_partnership()
        context = {"links": self.links, "public": self.public}
        if self.page == "places":
            context["overview"] = localities.places_overview(partnership=partnership)
        elif self.page == "locality":
            locality = self.get_locality()
            context["evidence"] = localities.locality_evidence(locality=locality)
            context["dashboard"] = progress.partnership_dashboard(
                partnership=partnership, public=self.public, locality=locality
            )
            context["indicator_url"] = self.links["indicator"]
        else:
            context["page"] = self.get_measure_page()
        return context


class PlacesTableDownload(View):
    """A table of the places overview, a locality page or a locality measure page as CSV
    or Excel."""

    def get(self, request, *args, **kwargs):
        name, fmt = kwargs["table"], kwargs["fmt"]
        if fmt not in ("csv", "xlsx"):
            raise Http404("No such table.")
        if self.page == "places" and name in locality_pages.PLACES_TABLES:
            overview = localities.places_overview(partnership=self.get_partnership())
            header, rows = locality_pages.places_table(overview=overview, name=name)
            filename = f"places-{kwargs['code']}-{name}"
        elif self.page == "locality" and name in locality_pages.LOCALITY_TABLES:
            evidence = localities.locality_evidence(locality=self.get_locality())
            header, rows = locality_pages.locality_table(evidence=evidence, name=name)
            filename = f"locality-{kwargs['pk']}-{name}"
        elif self.page == "measure" and name in locality_pages.LOCALITY_MEASURE_TABLES:
            page = self.get_measure_page()
            header, rows = locality_pages.locality_measure_table(page=page, name=name)
            filename = f"locality-{kwargs['pk']}-{kwargs['measure']}-{name}"
        else:
            raise Http404("No such table.")
        return table_response(filename=filename, header=header, rows=rows, fmt=fmt)


class StaffPlacesMixin(PlacesPages, PartnershipMixin):
    permission_required = "partnerships.view_workspace"


class PlacesView(StaffPlacesMixin, TemplateView):
    """Localities with markedly poorer outcomes, and the communities with the poorest
    outcomes in the round."""

    page = "places"
    template_name = "plans/places.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.places_context(), **kwargs)


class LocalityEvidenceView(PlacesView):
    """A locality's outcomes, worked out from its communities, and its plans' indicators."""

    page = "locality"
    template_name = "plans/locality_evidence.html"


class LocalityMeasureView(PlacesView):
    """One measure for a locality over time, and its communities' values."""

    page = "measure"
    template_name = "plans/locality_measure.html"


class PlacesTableView(StaffPlacesMixin, PlacesTableDownload):
    page = "places"


class LocalityTableView(StaffPlacesMixin, PlacesTableDownload):
    page = "locality"


class LocalityMeasureTableView(StaffPlacesMixin, PlacesTableDownload):
    page = "measure"
