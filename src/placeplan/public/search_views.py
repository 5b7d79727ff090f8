"""The site search page: partnerships, areas, communities, bodies, plans, measures,
meetings and papers, as the public sees them (``search.selectors.site_search``)."""

from django.urls import reverse
from django.views.generic import TemplateView

from placeplan.public.forms import SearchForm
from placeplan.search import selectors as search


class SearchView(TemplateView):
    """Results grouped by kind, each linking to its public page. Everyone, signed in or
    not, gets the public's results: this is the public site."""

    template_name = "public/search.html"

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET)  # query keys: q
        found = search.site_search(text=form.cleaned_data["q"]) if form.is_valid() else None
        return super().get_context_data(
            form=form,
            search=found if found and found.query else None,
            per_kind=search.PER_KIND,
            breadcrumbs=[("Home", reverse("public:home")), ("Search", None)],
            **kwargs,
        )
