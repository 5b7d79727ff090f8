"""Version 1 of the open-data API: the public pages' figures as JSON."""

from django.urls import reverse
from ninja import NinjaAPI
from ninja.errors import HttpError

from placeplan.api import schemas
from placeplan.performance import selectors as performance
from placeplan.places import selectors as places
from placeplan.places.models import Area

api = NinjaAPI(
    title="Placeplan open data API",
    version="1",
    description="Figures shown on Placeplan's public pages, as JSON. Data: Scottish "
    "Government (SIMD, geographies), Improvement Service (CPOP); Open Government Licence v3.0.",
    urls_namespace="api-v1",
    docs_url="/docs",
)


def _partnership_name(area: Area) -> str | None:
    partnership = getattr(area, "partnership", None)
    return partnership.name if partnership else None


@api.get("/areas/", response=list[schemas.AreaSummary], tags=["areas"])
def area_list(request):
    """The 32 council areas, one Community Planning Partnership each."""
    return [
        {
            "code": area.code,
            "name": area.name,
            "partnership": _partnership_name(area),
            "page_url": area.get_absolute_url(),
            "api_url": reverse("api-v1:area_detail", args=[area.code]),
        }
        for area in places.council_area_list().select_related("partnership")
    ]


@api.get(
    "/areas/{code}",
    response={200: schemas.AreaDetail, 404: schemas.Error},
    url_name="area_detail",
    tags=["areas"],
)
def area_detail(request, code: str):
    """A council area's profile: the same figures as its public page."""
    try:
        profile = performance.area_profile(code=code)
    except Area.DoesNotExist as missing:
        raise HttpError(404, f"No council area has the code {code!r}.") from missing
    area = profile.area
    return {
        "code": area.code,
        "name": area.name,
        "partnership": _partnership_name(area),
        "population": profile.population,
        "population_source": profile.population_source,
        "data_zones": profile.data_zones,
        "intermediate_zones": profile.intermediate_zones,
        "deprivation_family_group": area.deprivation_family_group,
        "density_family_group": area.density_family_group,
        "simd": {
            str(edition): {
                "data_zones": h.data_zones,
                "most_deprived_20pc": h.most_deprived_20pc,
                "local_share_pc": h.local_share_pc,
                "national_share_pc": h.national_share_pc,
            }
            for edition, h in profile.simd.items()
        },
        "simd2020_quintiles": profile.quintiles,
        "communities": [
            {
                "code": c.code,
                "name": c.name,
                "api_url": reverse("api-v1:community_detail", args=[area.code, c.code]),
            }
            for c in profile.communities
        ],
    }


@api.get(
    "/areas/{code}/communities/{iz_code}",
    response={200: schemas.CommunityDetail, 404: schemas.Error},
    url_name="community_detail",
    tags=["areas"],
)
def community_detail(request, code: str, iz_code: str):
    """A community (intermediate zone): data zones, typology and outcome measures over time.
    ``kind`` is raw, imputed or projected; imputed and projected values are estimates."""
    try:
        profile = performance.community_profile(council_code=code, code=iz_code)
    except Area.DoesNotExist as missing:
        raise HttpError(404, f"No community {iz_code!r} in council area {code!r}.") from missing
    return {
        "code": profile.area.code,
        "name": profile.area.name,
        "council_area": {"code": profile.council_area.code, "name": profile.council_area.name},
        "typology": (
            {"group": profile.typology.number, "name": profile.typology.name}
            if profile.typology
            else None
        ),
        "population": profile.population,
        "population_source": profile.population_source,
        "data_zones": [
            {
                "code": z["code"],
                "name": z["name"],
                "simd2020_rank": z["rank"],
                "simd2020_quintile": z["quintile"],
                "simd2020_decile": z["decile"],
                "population": z["population"],
            }
            for z in profile.zones
        ],
        "measures": [
            {
                "code": s.measure.code,
                "name": s.measure.name,
                "definition": s.measure.definition,
                "unit": s.measure.unit,
                "higher_is_better": s.measure.higher_is_better,
                "source": s.measure.source,
                "values": [
                    {k: p[k] for k in ("period", "value", "kind", "is_estimate")} for p in s.points
                ],
            }
            for s in profile.series
        ],
    }
