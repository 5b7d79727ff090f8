"""The public site: anyone may read these pages without signing in."""

from urllib.parse import urlencode

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from placeplan.challenges import selectors as challenge_selectors
from placeplan.core.downloads import TableDownloadView
from placeplan.core.evidence_cache import CachedForThePublic
from placeplan.core.navigation import side_navigation
from placeplan.core.views import found
from placeplan.partnerships import charts as governance_charts
from placeplan.partnerships import selectors as partnerships
from placeplan.partnerships.models import Partnership
from placeplan.performance import charts as performance_charts
from placeplan.performance import selectors as performance
from placeplan.places import charts as place_charts
from placeplan.places import selectors as places
from placeplan.places.models import Area
from placeplan.public.forms import ComparisonForm


class HomeView(TemplateView):
    """Choose a partnership area: a list and a map of the 32 council areas."""

    template_name = "public/home.html"

    def get_context_data(self, **kwargs):
        areas = list(places.council_area_list())
        rows = [{"code": a.code, "name": a.name, "url": a.get_absolute_url()} for a in areas]
        geometries = places.boundaries(codes=[a.code for a in areas])
        return super().get_context_data(
            areas=areas,
            map_spec=place_charts.council_areas_map(areas=rows, geometries=geometries),
            **kwargs,
        )


# How the area page may list its communities (``?communities=``): by name unless asked.
COMMUNITY_ORDERS = {"name": "By name", "deprivation": "Most deprived first"}


def partnership_or_none(code: str):
    """The partnership of a council area, or None where the area has none."""
    try:
        return partnerships.partnership_get(council_code=code)
    except Partnership.DoesNotExist:
        return None


class AreaView(TemplateView):
    """A partnership area's profile: the partnership's pages, population, zones, SIMD map,
    and its communities by name or most deprived first."""

    template_name = "public/area.html"

    def get_context_data(self, **kwargs):
        try:
            profile = performance.area_profile(code=self.kwargs["code"])
        except Area.DoesNotExist as missing:
            raise Http404("There is no council area with that code.") from missing
        geometries = places.boundaries(codes=[z["code"] for z in profile.zones])
        order = self.request.GET.get("communities", "")  # query keys: communities
        order = order if order in COMMUNITY_ORDERS else "name"
        partnership = partnership_or_none(profile.area.code)
        return super().get_context_data(
            profile=profile,
            partnership=partnership,
            contact_partnership=partnership,
            community_order=order,
            community_orders=COMMUNITY_ORDERS,
            by_deprivation=(
                performance.communities_by_deprivation(area=profile.area)
                if order == "deprivation"
                else None
            ),
            breadcrumbs=[("Home", reverse("public:home")), (profile.area.name, None)],
            map_spec=place_charts.simd_quintile_map(
                zones=profile.zones, geometries=geometries, edition=2020
            ),
            **kwargs,
        )


class CommunityView(TemplateView):
    """A community (intermediate zone): its data zones, typology and outcomes over time."""

    template_name = "public/community.html"

    def get_context_data(self, **kwargs):
        try:
            profile = performance.community_profile(
                council_code=self.kwargs["code"], code=self.kwargs["community"]
            )
        except Area.DoesNotExist as missing:
            raise Http404("There is no community with that code in this area.") from missing
        charts = [
            (series, performance_charts.series_chart(series=series)) for series in profile.series
        ]
        council = profile.council_area
        breadcrumbs = [
            ("Home", reverse("public:home")),
            (council.name, council.get_absolute_url()),
            (profile.area.name, None),
        ]
        return super().get_context_data(
            profile=profile,
            charts=charts,
            breadcrumbs=breadcrumbs,
            contact_partnership=partnership_or_none(council.code),
            **kwargs,
        )


class StaticPageView(TemplateView):
    """A page of fixed text, with a breadcrumb back home."""

    page_title = ""

    def get_context_data(self, **kwargs):
        crumbs = [("Home", reverse("public:home")), (self.page_title, None)]
        side_nav = side_navigation(
            label="About this service",
            items=[
                ("About the data", "public:about_data"),
                ("Accessibility statement", "public:accessibility"),
            ],
            current=self.request.path,
        )
        return super().get_context_data(breadcrumbs=crumbs, side_nav=side_nav, **kwargs)


class AboutDataView(StaticPageView):
    template_name = "public/about_data.html"
    page_title = "About the data"


class AccessibilityView(StaticPageView):
    template_name = "public/accessibility.html"
    page_title = "Accessibility statement"


class PartnershipMixin:
    """Finds the partnership of the council area in the URL (404 if there is none)."""

    def get_partnership(self):
        return found(
            partnerships.partnership_get,
            "There is no partnership for that council area code.",
            council_code=self.kwargs["code"],
        )

    def get_body(self, partnership):
        """The partnership's body named in the URL (404 if it has no such body)."""
        return found(
            partnerships.body_get,
            "This partnership has no such body.",
            partnership=partnership,
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Every public page of the partnership ends with how to contact it (base.html).
        context.setdefault("contact_partnership", context.get("partnership"))
        return context

    def crumbs(self, partnership, *trail):
        council = partnership.council_area
        return [
            ("Home", reverse("public:home")),
            (council.name, council.get_absolute_url()),
            *trail,
        ]


class PartnershipView(PartnershipMixin, TemplateView):
    """How the partnership is organised: its partners and its bodies, drawn as a chart."""

    template_name = "public/partnership.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        nodes = partnerships.partnership_structure(partnership=partnership)
        return super().get_context_data(
            partnership=partnership,
            nodes=nodes,
            flat=partnerships.structure_flat(nodes),
            partners=partnerships.partners_of(partnership=partnership),
            breadcrumbs=self.crumbs(partnership, ("How the partnership works", None)),
            **kwargs,
        )


class BodyView(PartnershipMixin, TemplateView):
    """A body of the partnership: purpose, remit, reporting line and members."""

    template_name = "public/body.html"

    def get_context_data(self, **kwargs):
        partnership = self.get_partnership()
        body = self.get_body(partnership)
        detail = partnerships.body_detail(body=body)
        today = timezone.localdate()
        overdue = challenge_selectors.challenges_overdue(
            partnership=partnership, today=today, body=body, public=True
        )
        structure_url = reverse("public:partnership", args=[partnership.council_area.code])
        return super().get_context_data(
            partnership=partnership,
            detail=detail,
            members=partnerships.with_display_names(
                detail.current, names=partnerships.person_names(user=None, partnership=partnership)
            ),
            overdue=overdue,
            today=today,
            breadcrumbs=self.crumbs(
                partnership, ("How the partnership works", structure_url), (body.name, None)
            ),
            **governance_charts.locality_context(body.locality),
            **kwargs,
        )


class ComparisonMixin:
    """The national comparison chosen by the query (measure, period, area)."""

    def comparison_choices(self) -> dict:
        """The choices, the lists they were made from (``measures``, ``areas``) and the
        ``comparison``; 404 while no national measure has values (reference data not
        loaded yet)."""
        measures = performance.comparison_measures()
        areas = list(places.council_area_list())
        form = ComparisonForm(
            self.request.GET,  # query keys: measure, period, area
            measures=measures,
            periods_of=lambda measure: performance.comparison_periods(measure=measure),
            default_period_of=lambda m: performance.comparison_latest_measured(measure=m),
            areas=areas,
        )
        chosen = form.choices()
        if chosen["period"] is None:
            raise Http404("There are no national figures to compare yet.")
        chosen["comparison"] = performance.national_comparison(
            measure=chosen["measure"], period=chosen["period"]
        )
        return {**chosen, "measures": measures, "areas": areas}


class ComparisonView(CachedForThePublic, ComparisonMixin, TemplateView):
    """All 32 partnerships on one measure for one period: a ranked chart and table with
    Scotland's value and family groups, one partnership highlighted, with its value and
    rank in every period."""

    template_name = "public/comparison.html"

    def cache_variant(self) -> str:
        # The page is what its three choices make it; other query keys change nothing.
        query = self.request.GET  # query keys: measure, period, area
        return "?" + "&".join(
            f"{key}={query.get(key, '')}" for key in ("measure", "period", "area")
        )

    def get_context_data(self, **kwargs):
        chosen = self.comparison_choices()
        comparison = chosen["comparison"]
        highlight = chosen["area"].code if chosen["area"] else ""
        query = {"measure": chosen["measure"].code, "period": chosen["period"]}
        over_time = (
            performance.comparison_over_time(measure=chosen["measure"], area=chosen["area"])
            if chosen["area"]
            else []
        )
        return super().get_context_data(
            **chosen,
            highlight=highlight,
            over_time=over_time,
            chart=performance_charts.national_comparison_chart(
                comparison=comparison, highlight=highlight
            ),
            download_query=urlencode(query),
            breadcrumbs=[("Home", reverse("public:home")), ("Compare partnerships", None)],
            **kwargs,
        )


class ComparisonTableView(ComparisonMixin, TableDownloadView):
    """The comparison's table as CSV or Excel."""

    def table(self, name):
        if name != "comparison":
            raise LookupError(name)
        return performance.comparison_table(comparison=self.comparison_choices()["comparison"])
