"""Staff outcomes dashboard and indicator pages: every plan indicator's status, trend,
comparison and gap, including draft versions."""

from django.http import Http404
from django.views import View
from django.views.generic import TemplateView

from placeplan.core.downloads import table_response
from placeplan.core.views import found
from placeplan.partnerships.views.workspace import PartnershipMixin
from placeplan.plans import progress


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
        return super().get_context_data(
            evidence=progress.indicator_evidence(indicator=self.get_indicator()),
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
