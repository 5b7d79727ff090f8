"""The joint resourcing return for a year, as Excel, Word or PDF, made from the data when
asked for: in full for people with a role in the partnership, with the published figures
for national readers."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.views import View

from placeplan.core.documents import FORMATS
from placeplan.core.views import found
from placeplan.resources import returns, selectors
from placeplan.workspace.frame import PartnershipMixin


class ReturnView(PartnershipMixin, View):
    permission_required = "resources.view_resources"

    def get(self, request, *args, **kwargs):
        fmt = kwargs["fmt"]
        if fmt not in returns.MAKERS:
            raise Http404("The return is made as .xlsx, .docx or .pdf.")
        partnership = self.get_partnership()
        round = found(
            selectors.round_get,
            "This partnership has no resourcing round for that year.",
            partnership=partnership,
            year=kwargs["year"],
        )
        public = not request.user.has_perm("resources.see_unpublished", partnership)
        data = returns.return_make(round=round, public=public)
        response = HttpResponse(returns.MAKERS[fmt](data), content_type=FORMATS[fmt])
        name = f"joint-resourcing-return-{partnership.council_area.code}-{round.year}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
