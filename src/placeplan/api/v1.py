"""Version 1 of the open-data API: the public pages' figures as JSON."""

from django.urls import reverse
from ninja import NinjaAPI
from ninja.errors import HttpError

from placeplan.api import schemas
from placeplan.partnerships import body_rules
from placeplan.partnerships import selectors as partnerships
from placeplan.partnerships.models import Body, Membership, Partnership
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


def _partnership(code: str) -> Partnership:
    try:
        return partnerships.partnership_get(council_code=code)
    except Partnership.DoesNotExist as missing:
        raise HttpError(404, f"No partnership has the council area code {code!r}.") from missing


def _body(body: Body, *, remit, members: int, by_category: dict[str, int]) -> dict:
    """A body's public description and member counts. Counts only: the API never names
    the people on a body."""
    code = body.partnership.council_area.code
    return {
        "id": body.pk,
        "name": body.name,
        "short_name": body.short_name,
        "kind": body.kind,
        "kind_label": body.get_kind_display(),
        "level": body.level,
        "level_label": body.get_level_display(),
        "parent": body.reports_to_id,
        "purpose": body.purpose,
        "meeting_frequency": body.meeting_frequency,
        "remit": [{"number": item.number, "text": item.text} for item in remit],
        "members": members,
        # Every category, zero where absent, so the shape does not depend on the data.
        "members_by_category": {
            category: by_category.get(category, 0) for category in Membership.Category.values
        },
        "locality": body.locality.name if body.locality else None,
        "rules": {
            "max_members": body.max_members,
            "requires_chair": body.requires_chair,
            "requires_lead_officer": body.requires_lead_officer,
            "leads_from_partners": body.leads_from_partners,
            "review_after_months": body.review_after_months,
        },
        "is_demo": body.is_demo,
        "page_url": body.get_absolute_url(),
        "api_url": reverse("api-v1:body_detail", args=[code, body.pk]),
    }


@api.get(
    "/partnerships/{code}/structure",
    response={200: schemas.PartnershipStructure, 404: schemas.Error},
    url_name="partnership_structure",
    tags=["partnerships"],
)
def partnership_structure(request, code: str):
    """A partnership's governance structure: its bodies, parents before the bodies that
    report to them (``parent``), with remits, rules and current member counts."""
    partnership = _partnership(code)
    nodes = partnerships.structure_flat(partnerships.partnership_structure(partnership=partnership))
    return {
        "partnership": partnership.name,
        "council_code": partnership.council_area.code,
        "bodies": [
            _body(
                node.body,
                remit=node.body.remit.all(),
                members=node.members,
                by_category=node.by_category,
            )
            for node in nodes
        ],
    }


@api.get(
    "/partnerships/{code}/bodies/{body_id}",
    response={200: schemas.GovernanceBodyDetail, 404: schemas.Error},
    url_name="body_detail",
    tags=["partnerships"],
)
def body_detail(request, code: str, body_id: int):
    """One body of a partnership: as in the structure, plus the bodies reporting to it
    and its reporting line upwards to the top."""
    partnership = _partnership(code)
    try:
        body = partnerships.body_get(partnership=partnership, pk=body_id)
    except Body.DoesNotExist as missing:
        raise HttpError(404, f"{partnership.name} has no body {body_id}.") from missing
    detail = partnerships.body_detail(body=body)
    representatives = body_rules.representatives(detail.current)
    return {
        **_body(
            body,
            remit=detail.remit,
            members=len(representatives),
            by_category=partnerships.representatives_by_category(detail.current),
        ),
        "reporting_bodies": [b.pk for b in detail.reporting_bodies],
        "reporting_line": [b.pk for b in detail.reporting_line],
    }
