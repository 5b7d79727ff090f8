"""The public outcomes dashboard and indicator pages: published plans only."""

from django.urls import reverse
from django.views.generic import TemplateView

from placeplan.core.downloads import TableDownloadView
from placeplan.core.evidence_cache import CachedForThePublic
from placeplan.core.views import found
from placeplan.performance import charts
from placeplan.performance.profile import (
    IMPROVEMENT_NOTE,
    LATEST_NOTE,
    SPINE_NOTE,
    outcomes_profile,
)
from placeplan.plans import places, progress
from placeplan.public.views import PartnershipMixin
from placeplan.stories import selectors as story_selectors


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


def plan_statuses(*, partnership) -> dict[int, list[dict]]:
    """Each measure's indicators for the whole council area in the partnership's published
    plans, with their status against target: {measure id: [{plan, status, url}]}."""
    code = partnership.council_area.code
    result: dict[int, list[dict]] = {}
    for plan_progress in progress.partnership_dashboard(partnership=partnership, public=True):
        for _number, row in plan_progress.rows:
            indicator = row.indicator
            if indicator.area_id != partnership.council_area_id:
                continue
            result.setdefault(indicator.measure_id, []).append(
                {
                    "plan": plan_progress.plan,
                    "status": row.status,
                    "url": reverse("public:indicator", args=[code, indicator.pk]),
                }
            )
    return result


class OutcomesProfileView(CachedForThePublic, PartnershipMixin, TemplateView):
    """Every partnership's outcomes profile, with or without a plan: each national measure
    over time against Scotland and its family group, its rank and rate of improvement
    among the 32, inequality between its most and least deprived communities, and its
    communities ranked by outcomes in the round."""

    template_name = "public/outcomes.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        profile = outcomes_profile(partnership=partnership)
        area = partnership.council_area
        family_label = (
            f"Mean of family group {profile.family_group}"
            if profile.family_group
            else "Family group"
        )
        statuses = plan_statuses(partnership=partnership)
        rows = [
            {
                "row": row,
                "chart": charts.profile_chart(
                    row=row, area_name=area.name, family_label=family_label
                ),
                "statuses": statuses.get(row.measure.pk, []),
            }
            for row in profile.measures
        ]
        return super().get_context_data(
            partnership=partnership,
            profile=profile,
            rows=rows,
            any_status=bool(statuses),
            family_label=family_label,
            spine=charts.spine_chart(profile=profile),
            notes={"improvement": IMPROVEMENT_NOTE, "latest": LATEST_NOTE, "spine": SPINE_NOTE},
            breadcrumbs=self.crumbs(partnership, ("Outcomes profile", None)),
            **kwargs,
        )


class PublicIndicatorMixin(PartnershipMixin):
    def get_indicator(self):
        return found(
            progress.plan_indicator_get,
            "This partnership's published plans have no such indicator.",
            partnership=self.get_partnership(),
            pk=self.kwargs["pk"],
            public=True,
        )


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


class IndicatorTableView(PublicIndicatorMixin, TableDownloadView):
    """A table of the public indicator page as CSV or Excel."""

    def table(self, name):
        return places.indicator_table(indicator=self.get_indicator(), name=name)


# -- localities and communities -----------------------------------------------------------


class PublicPlacesMixin(PartnershipMixin):
    """The public places pages: published plans only."""

    links = {
        "places": "public:places",
        "places_table": "public:places_table",
        "locality": "public:locality",
        "locality_table": "public:locality_table",
        "measure": "public:locality_measure",
        "measure_table": "public:locality_measure_table",
        "indicator": "public:indicator",
        "community": "public:community",
    }

    def get_subject(self) -> places.PlacesSubject:
        if not hasattr(self, "subject"):
            self.subject = found(
                places.places_subject,
                "This partnership has no such locality, or no such community measure.",
                partnership=self.get_partnership(),
                page=self.page,
                locality_pk=self.kwargs.get("pk"),
                measure=self.kwargs.get("measure"),
            )
        return self.subject

    def page_crumbs(self, context) -> list:
        partnership = self.get_partnership()
        code = partnership.council_area.code
        trail = [("Outcomes dashboard", reverse("public:dashboard", args=[code]))]
        if self.page == "places":
            return self.crumbs(partnership, *trail, ("Localities and communities", None))
        trail.append(("Localities and communities", reverse("public:places", args=[code])))
        locality = self.get_subject().locality
        if self.page == "locality":
            return self.crumbs(partnership, *trail, (locality.name, None))
        trail.append((locality.name, reverse("public:locality", args=[code, locality.pk])))
        return self.crumbs(partnership, *trail, (context["page"].row.measure.name, None))


class PlacesView(CachedForThePublic, PublicPlacesMixin, TemplateView):
    """Localities with markedly poorer outcomes, and the communities with the poorest
    outcomes in the round."""

    page = "places"
    template_name = "public/places.html"

    def get_context_data(self, **kwargs):
        context = places.places_page(
            partnership=self.get_partnership(), subject=self.get_subject(), public=True
        )
        context.update(links=self.links, public=True, indicator_url=self.links["indicator"])
        return super().get_context_data(
            partnership=self.get_partnership(),
            breadcrumbs=self.page_crumbs(context),
            **context,
            **kwargs,
        )


class LocalityView(PlacesView):
    """A locality's outcomes, worked out from its communities, and its published plans'
    indicators."""

    page = "locality"
    template_name = "public/locality.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["story"] = story_selectors.story_for_locality(locality_pk=self.kwargs["pk"])
        return context


class LocalityMeasureView(PlacesView):
    """One measure for a locality over time, and its communities' values."""

    page = "measure"
    template_name = "public/locality_measure.html"


class PlacesTableView(PublicPlacesMixin, TableDownloadView):
    page = "places"

    def table(self, name):
        return places.places_table(
            partnership=self.get_partnership(), subject=self.get_subject(), name=name
        )


class LocalityTableView(PlacesTableView):
    page = "locality"


class LocalityMeasureTableView(PlacesTableView):
    page = "measure"
