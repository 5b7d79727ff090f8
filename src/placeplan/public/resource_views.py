"""The public resources and prevention page: a partnership's published figures for a
financial year (what partners put into each outcome, how it is arranged, how much of it
is preventative), by outcome and by partner, and the shift to prevention against the
trajectory; each table also as a CSV download. Published figures only: confirmed lines,
and a line not for publication only within a sum of at least three partners' lines."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views import View
from django.views.generic import TemplateView

from placeplan.core.downloads import table_response
from placeplan.core.views import found
from placeplan.public.views import PartnershipMixin
from placeplan.resources import charts, selectors
from placeplan.resources.models import Round


class ResourcesView(PartnershipMixin, TemplateView):
    """A year's published resources (``?year=2026/27``, the latest round when left out)."""

    template_name = "public/resources.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        label = self.request.GET.get("year", "")  # query keys: year
        try:
            round = selectors.round_chosen(partnership=partnership, label=label)
        except Round.DoesNotExist as missing:
            raise Http404("This partnership has no resourcing round for that year.") from missing
        shift = selectors.prevention_shift(
            partnership=partnership, public=True, today=timezone.localdate()
        )
        tables = selectors.year_tables(round=round, public=True) if round else None
        shift_rows = selectors.shift_rows(shift)
        return super().get_context_data(
            partnership=partnership,
            rounds=selectors.round_list(partnership=partnership),
            round=round,
            tables=tables,
            outcomes_chart=charts.outcomes_chart(cells=tables.cells, year=round.label)
            if tables
            else None,
            shift=shift,
            shift_rows=shift_rows,
            shift_chart=charts.shift_chart(rows=shift_rows),
            table_names=selectors.YEAR_TABLES,
            breadcrumbs=self.crumbs(partnership, ("Resources and prevention", None)),
            **kwargs,
        )


class ResourcesTableView(PartnershipMixin, View):
    """One of the page's tables for a year, as CSV."""

    def get(self, request, *args, **kwargs):
        name = kwargs["table"]
        if name not in selectors.YEAR_TABLES:
            raise Http404("The resources page has no table of that name.")
        partnership = self.get_partnership()
        try:
            round = selectors.round_get(partnership=partnership, year=kwargs["year"])
        except Round.DoesNotExist as missing:
            raise Http404("This partnership has no resourcing round for that year.") from missing
        shift = selectors.prevention_shift(
            partnership=partnership, public=True, today=timezone.localdate()
        )
        header, rows = selectors.year_table(
            tables=selectors.year_tables(round=round, public=True), shift=shift, name=name
        )
        code = partnership.council_area.code
        return table_response(
            filename=f"placeplan-{code}-resources-{round.year}-{name}",
            header=header,
            rows=rows,
            fmt="csv",
        )


class ResourcesOutcomeView(PartnershipMixin, TemplateView):
    """What a year's published resources put into one outcome, by partner and
    arrangement, beside the outcome's indicators and their status."""

    template_name = "public/resources_outcome.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        outcome_year = found(
            selectors.outcome_year_get,
            "This partnership has no resourcing round for that year, or no such outcome.",
            partnership=partnership,
            year=kwargs["year"],
            outcome_pk=kwargs["outcome_pk"],
            public=True,
        )
        round = outcome_year.round
        overview = reverse("public:resources", args=[partnership.council_area.code])
        overview_url = f"{overview}?{urlencode({'year': round.label})}"
        return super().get_context_data(
            partnership=partnership,
            public=True,
            outcome_year=outcome_year,
            overview_url=overview_url,
            breadcrumbs=self.crumbs(
                partnership,
                ("Resources and prevention", overview_url),
                (outcome_year.outcome.statement, None),
            ),
            **kwargs,
        )
