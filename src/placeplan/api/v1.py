"""Version 1 of the open-data API: the public pages' figures as JSON."""

from django.urls import reverse
from ninja import NinjaAPI, Swagger
from ninja.errors import HttpError

from placeplan.api import schemas
from placeplan.api.budgets import router as budgets_router
from placeplan.api.engagement import router as engagement_router
from placeplan.api.evidence import router as evidence_router
from placeplan.api.plans import plan_summary
from placeplan.api.plans import router as plans_router
from placeplan.api.progress import router as progress_router
from placeplan.api.resources import router as resources_router
from placeplan.api.scrutiny import router as scrutiny_router
from placeplan.api.search import router as search_router
from placeplan.api.stories import router as stories_router
from placeplan.partnerships import body_rules
from placeplan.partnerships import selectors as partnerships
from placeplan.partnerships.models import Body, Membership, Partnership
from placeplan.performance import selectors as performance
from placeplan.places import selectors as places
from placeplan.places.models import Area
from placeplan.plans import selectors as plans
from placeplan.plans.models import Plan


class AccessibleSwagger(Swagger):
    """Swagger UI, served from the static files (no CDN), in a page of our own: its
    language, one main landmark and one h1 (``api/docs.html``)."""

    template = "api/docs.html"


api = NinjaAPI(
    title="Placeplan open data API",
    version="1",
    description="Figures shown on Placeplan's public pages, as JSON. Data: Scottish "
    "Government (SIMD, geographies), Improvement Service (CPOP); Open Government Licence v3.0.",
    urls_namespace="api-v1",
    docs_url="/docs",
    # Without deep links, an operation's path is text, not a link inside its button.
    docs=AccessibleSwagger(settings={"deepLinking": False}),
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
                    {k: p[k] for k in ("period", "value", "kind", "is_estimate", "source")}
                    for p in s.points
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


@api.get(
    "/partnerships/{code}/plans",
    response={200: list[schemas.PlanSummary], 404: schemas.Error},
    url_name="partnership_plans",
    tags=["plans"],
)
def partnership_plans(request, code: str):
    """A partnership's plans, one entry per plan: its published version. People working
    in the partnership who are signed in see each plan's newest version instead, drafts
    included (``status``)."""
    partnership = _partnership(code)
    staff = request.user.has_perm("partnerships.view_workspace", partnership)
    return [
        plan_summary(plan) for plan in plans.plan_list(partnership=partnership, public=not staff)
    ]


def _indicator(indicator) -> dict:
    measure = indicator.measure
    return {
        "code": measure.code,
        "name": measure.name,
        "unit": measure.unit,
        "higher_is_better": measure.higher_is_better,
        "source": measure.source,
        "area": {"code": indicator.area.code, "name": indicator.area.name},
        "baseline": (
            {
                "value": indicator.baseline_value,
                "period": indicator.baseline_period,
                "is_estimate": indicator.baseline_is_estimate,
            }
            if indicator.has_baseline
            else None
        ),
        "targets": [
            {"value": t.value, "due": t.due, "is_illustrative": t.is_illustrative}
            for t in indicator.targets.all()
        ],
        "inequality_target": indicator.gap_target_label or None,
    }


def _commitment(commitment, outcome_number: str) -> dict:
    return {
        "number": f"{outcome_number}.{commitment.number}",
        "what": commitment.what,
        "how": commitment.how,
        "indicator": commitment.indicator.measure.name if commitment.indicator else None,
        "lead_partner": (
            commitment.lead_partner.organisation.name if commitment.lead_partner else None
        ),
        "contributing_partners": [
            partner.organisation.name for partner in commitment.contributing_partners.all()
        ],
        "lead_body": commitment.lead_body.name if commitment.lead_body else None,
        "due": commitment.due,
        "is_preventative": commitment.is_preventative,
        "is_complete": commitment.is_complete,
    }


def _outcome(node: plans.OutcomeNode) -> dict:
    outcome = node.outcome
    return {
        "number": node.number,
        "level": "long_term" if outcome.is_long_term else "intermediate",
        "statement": outcome.statement,
        "theme": outcome.theme,
        "lead_body": outcome.lead_body.name if outcome.lead_body else None,
        "is_priority": outcome.is_priority,
        "national_outcomes": [o.name for o in outcome.national_outcomes.all()],
        "policy_priorities": [p.name for p in outcome.policy_priorities.all()],
        "indicators": [_indicator(i) for i in node.indicators],
        "commitments": [_commitment(c, node.number) for c in node.commitments],
        "children": [_outcome(child) for child in node.children],
    }


@api.get(
    "/plans/{plan_id}",
    response={200: schemas.PlanDetail, 404: schemas.Error},
    url_name="plan_detail",
    tags=["plans"],
)
def plan_detail(request, plan_id: int):
    """One version of a plan: its outcomes as a numbered tree (long-term outcomes with the
    intermediate outcomes under them), each with its indicators, baselines, targets and
    commitments; ``priorities`` lists the numbers of the outcomes marked as priorities.
    Published and superseded versions are public; drafts and agreed versions are read
    only by people working in the partnership."""
    missing = HttpError(404, f"No plan has the id {plan_id}.")
    found = Plan.objects.select_related("partnership").filter(pk=plan_id).first()
    if found is None:
        raise missing
    public = not request.user.has_perm("plans.view_plan", found)
    try:
        plan = plans.plan_get(partnership=found.partnership, pk=plan_id, public=public)
    except Plan.DoesNotExist as hidden:
        raise missing from hidden
    tree = plans.plan_tree(plan=plan)
    return {
        **plan_summary(plan),
        "outcomes": [_outcome(node) for node in tree.outcomes],
        "priorities": [node.number for node in tree.priorities],
    }


api.add_router("", budgets_router)
api.add_router("", engagement_router)
api.add_router("", evidence_router)
api.add_router("", plans_router)
api.add_router("", progress_router)
api.add_router("", resources_router)
api.add_router("", scrutiny_router)
api.add_router("", search_router)
api.add_router("", stories_router)
