"""The partnership's resources in figures: a year's totals by outcome, partner and
arrangement, and the shift to prevention over the years against the trajectory. People
with a role in the partnership see every line entered (lines not for publication and
lines not yet confirmed included); national readers see the published figures."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from django.views.generic import TemplateView

from placeplan.core.views import found
from placeplan.resources import charts, selectors
from placeplan.resources.models import Round
from placeplan.workspace.frame import PartnershipMixin

VIEW = "resources.view_resources"


def chosen_round(request, partnership) -> Round | None:
    """The round named by ``?year=2026/27``, or the latest; 404 for a year with none."""
    label = request.GET.get("year", "")  # query keys: year
    rounds = selectors.round_list(partnership=partnership)
    if not label:
        return rounds.first()
    year = selectors.year_from_label(label)
    round = rounds.filter(year=year).first() if year is not None else None
    if round is None:
        raise Http404("This partnership has no resourcing round for that year.")
    return round


class OverviewView(PartnershipMixin, TemplateView):
    """A year's figures and the shift to prevention."""

    permission_required = VIEW
    template_name = "resources/overview.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        public = not self.request.user.has_perm("resources.see_unpublished", partnership)
        round = chosen_round(self.request, partnership)
        shift = selectors.prevention_shift(
            partnership=partnership, public=public, today=timezone.localdate()
        )
        shift_rows = selectors.shift_rows(shift)
        context = {
            "rounds": selectors.round_list(partnership=partnership),
            "round": round,
            "public": public,
            "shift": shift,
            "shift_rows": shift_rows,
            "shift_chart": charts.shift_chart(rows=shift_rows),
        }
        if round is not None:
            breakdown = selectors.year_figures(round=round, public=public)
            labels = selectors.cell_labels(breakdown)
            cells = [
                {
                    "key": cell,
                    "label": labels[cell],
                    "total": total,
                    "partners": breakdown.cell_partners[cell],
                }
                for cell, total in sorted(breakdown.cells.items(), key=lambda item: labels[item[0]])
            ]
            context.update(
                figures=breakdown,
                cells=cells,
                outcomes_chart=charts.outcomes_chart(cells=cells, year=round.label),
                unconfirmed=selectors.unconfirmed_partners(round=round),
            )
        return super().get_context_data(**context, **kwargs)


class OutcomeView(PartnershipMixin, TemplateView):
    """What a year's round puts into one outcome, by partner and arrangement, beside the
    outcome's indicators and their status."""

    permission_required = VIEW
    template_name = "resources/outcome.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        public = not self.request.user.has_perm("resources.see_unpublished", partnership)
        outcome_year = found(
            selectors.outcome_year_get,
            "This partnership has no resourcing round for that year, or no such outcome.",
            partnership=partnership,
            year=self.kwargs["year"],
            outcome_pk=self.kwargs["outcome_pk"],
            public=public,
        )
        return super().get_context_data(
            public=public,
            outcome_year=outcome_year,
            **kwargs,
        )
