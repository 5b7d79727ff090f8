"""The public participatory budgeting pages: the partnership's published processes, one
process with its published proposals (feasibility, public reasons, costs), how to take
part, where its money comes from (a joint budget's published figures), and, once the
results are published, the frozen results, turnout and the funded
projects' delivery ("you voted, we delivered"); and the Pabulib file of the results.
Drafts never appear here, and no vote count appears before the results are published."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from placeplan.budgets import pabulib, selectors
from placeplan.budgets.models import PHASE_TAGS, Phase
from placeplan.core.views import found
from placeplan.public.views import PartnershipMixin
from placeplan.workspace import registry


def phase_row(process, today) -> dict:
    phase = process.phase(today)
    return {"process": process, "phase": phase, "phase_tag": PHASE_TAGS[phase]}


class PublicProcessMixin(PartnershipMixin):
    def get_process(self):
        if not hasattr(self, "process"):
            self.partnership = self.get_partnership()
            self.process = found(
                selectors.process_get,
                "This partnership has published no such participatory budgeting process.",
                partnership=self.partnership,
                pk=self.kwargs["pk"],
                public=True,
            )
        return self.process

    def budgets_crumb(self):
        code = self.partnership.council_area.code
        return ("Participatory budgeting", reverse("public:budgets", args=[code]))


class BudgetsView(PartnershipMixin, TemplateView):
    """The partnership's published participatory budgeting processes."""

    template_name = "public/budgets.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        today = timezone.localdate()
        return super().get_context_data(
            partnership=partnership,
            rows=[
                phase_row(p, today)
                for p in selectors.process_list(partnership=partnership, public=True)
            ],
            breadcrumbs=self.crumbs(partnership, ("Participatory budgeting", None)),
            **kwargs,
        )


class BudgetView(PublicProcessMixin, TemplateView):
    """One published process: its purpose, area and phases; where its money comes from
    (the ``public_process`` panels); the published proposals with their review; how to
    take part; and, once published, the results and their delivery."""

    template_name = "public/budget.html"

    def get_context_data(self, **kwargs):
        process = self.get_process()
        today = timezone.localdate()
        row = phase_row(process, today)
        results = selectors.published_results(process)
        return super().get_context_data(
            partnership=self.partnership,
            process=process,
            phase=row["phase"],
            phase_tag=row["phase_tag"],
            phases=_phases(process),
            projects=list(selectors.published_projects(process).order_by("title", "pk")),
            takes_proposals=process.takes_proposals(today),
            is_voting=process.is_voting(today),
            results=results,
            population_note=selectors.POPULATION_NOTE,
            delivery=selectors.delivery(process) if results else [],
            Phase=Phase,
            panels=registry.panels_render(
                "public_process",
                request=self.request,
                subject=process,
                partnership=self.partnership,
            ),
            breadcrumbs=self.crumbs(self.partnership, self.budgets_crumb(), (process.title, None)),
            **kwargs,
        )


def _phases(process) -> list[tuple[str, str]]:
    """Each phase with its dates, as the page lists them."""
    rows = [
        (
            "Proposals",
            f"{process.proposals_open:%-d %B %Y} to {process.proposals_close:%-d %B %Y}",
        ),
        ("Review", "Between the proposals and the vote"),
        ("Voting", f"{process.voting_open:%-d %B %Y} to {process.voting_close:%-d %B %Y}"),
    ]
    if process.results_published_at:
        published = timezone.localtime(process.results_published_at)
        rows.append(("Results", f"Published {published:%-d %B %Y}"))
    else:
        rows.append(("Results", "After voting closes"))
    rows.append(("Delivery", "The funded projects become improvement actions"))
    return rows


class BudgetPabulibView(PublicProcessMixin, View):
    """The published results in the Pabulib format (text): 404 until they are published."""

    def get(self, request, *args, **kwargs):
        process = self.get_process()
        if not process.results_published:
            raise Http404("The results of this vote are not published yet.")
        response = HttpResponse(pabulib.export(process), content_type="text/plain; charset=utf-8")
        code = self.partnership.council_area.code
        response["Content-Disposition"] = (
            f'attachment; filename="placeplan-{code}-budget-{process.pk}.pb"'
        )
        return response
