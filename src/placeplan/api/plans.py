"""Version 1 of the API, plans: what changed between two published versions of a plan,
and what a partner is accountable for. Twins of the public plan comparison and partner
pages: like those pages, they show published (and superseded) plans and public
challenges only, to everybody, signed in or not."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from ninja import Router
from ninja.errors import HttpError

from placeplan.api import schemas
from placeplan.challenges import selectors as challenge_selectors
from placeplan.partnerships import selectors as partnerships
from placeplan.partnerships.models import Partner, Partnership
from placeplan.plans import selectors as plans
from placeplan.plans.models import Plan

router = Router(tags=["plans"])


def plan_page_url(plan: Plan, code: str | None = None) -> str | None:
    """The plan's public page, for versions the public may see; None for the others.
    ``code``, the partnership's council area code, saves a query when the caller has it."""
    if plan.status not in plans.PUBLIC_STATUSES:
        return None
    code = code or plan.partnership.council_area.code
    try:
        return reverse("public:plan", args=[code, plan.pk])
    except NoReverseMatch:  # the public plan page is not routed yet
        return f"/areas/{code}/plans/{plan.pk}/"


def plan_ref(plan: Plan, code: str | None = None) -> dict:
    """What names a version of a plan, with its public page and its API address."""
    return {
        "id": plan.pk,
        "title": plan.title,
        "kind": {"code": plan.kind, "label": plan.get_kind_display()},
        "status": plan.status,
        "version": plan.version,
        "is_demo": plan.is_demo,
        "url": plan_page_url(plan, code),
        "api_url": reverse("api-v1:plan_detail", args=[plan.pk]),
    }


def plan_summary(plan: Plan) -> dict:
    """A version of a plan as the plan list and the plan's own answer describe it."""
    return {
        **plan_ref(plan),
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "owning_body": {"id": plan.owning_body_id, "name": plan.owning_body.name},
        "locality": plan.locality.name if plan.locality else None,
        "agreed_by": plan.agreed_by.name if plan.agreed_by else None,
        "agreed_on": plan.agreed_on,
        "published_on": plan.published_on,
    }


def _partnership(code: str) -> Partnership:
    try:
        return partnerships.partnership_get(council_code=code)
    except Partnership.DoesNotExist as missing:
        raise HttpError(404, f"No partnership has the council area code {code!r}.") from missing


def _published_plan(partnership: Partnership, pk: int) -> Plan:
    try:
        return plans.plan_get(partnership=partnership, pk=pk, public=True)
    except Plan.DoesNotExist as missing:
        raise HttpError(404, f"{partnership.name} has published no plan {pk}.") from missing


@router.get(
    "/partnerships/{code}/plans/{plan_id}/compare/{other_id}",
    response={200: schemas.PlanComparison, 404: schemas.Error},
    url_name="plan_compare",
)
def plan_compare(request, code: str, plan_id: int, other_id: int):
    """What was added, removed or changed between two published (or superseded) versions
    of one plan, older first whichever order they are asked in; the same list as the
    plan's public "What changed" page. Drafts and agreed versions answer 404."""
    partnership = _partnership(code)
    plan = _published_plan(partnership, plan_id)
    other = _published_plan(partnership, other_id)
    try:
        older, newer = plans.plan_version_pair(plan=plan, other=other)
    except Plan.DoesNotExist as mismatch:
        raise HttpError(404, str(mismatch)) from mismatch
    return {
        "partnership": partnership.name,
        "older": plan_summary(older),
        "newer": plan_summary(newer),
        "changes": [
            {"kind": c.kind, "subject": c.subject, "details": c.details}
            for c in plans.plan_compare(older=older, newer=newer)
        ],
        "page_url": reverse("public:plan_compare", args=[code, plan.pk, other.pk]),
    }


@router.get(
    "/partnerships/{code}/partners/{partner_id}",
    response={200: schemas.PartnerDetail, 404: schemas.Error},
    url_name="partner_detail",
)
def partner_detail(request, code: str, partner_id: int):
    """A partner of the partnership: every commitment in the published plans that it
    leads or contributes to, and the public challenges addressed to it whose answer is
    overdue today, as on its public page."""
    partnership = _partnership(code)
    try:
        partner = partnerships.partner_get(partnership=partnership, pk=partner_id)
    except Partner.DoesNotExist as missing:
        raise HttpError(404, f"{partnership.name} has no partner {partner_id}.") from missing
    organisation = partner.organisation
    challenge_log = reverse("public:challenges", args=[code])
    overdue = challenge_selectors.challenges_overdue(
        partnership=partnership, today=timezone.localdate(), partner=partner, public=True
    )
    return {
        "id": partner.pk,
        "name": organisation.name,
        "kind": {"code": organisation.kind, "label": organisation.get_kind_display()},
        "is_statutory": partner.is_statutory,
        "partnership": partnership.name,
        "commitments": [
            {
                "plan": plan_ref(a.plan, code),
                "number": f"{a.outcome_number}.{a.commitment.number}",
                "what": a.commitment.what,
                "role": a.role,
                "measured_by": (
                    a.commitment.indicator.measure.name if a.commitment.indicator else None
                ),
                "due": a.commitment.due,
            }
            for a in plans.partner_accountability(partner=partner, public=True)
        ],
        "overdue_challenges": [
            {
                "id": c.pk,
                "question": c.question,
                "answer_due": c.answer_due,
                "url": f"{challenge_log}#challenge-{c.pk}",
            }
            for c in overdue
        ],
        "page_url": reverse("public:partner", args=[code, partner.pk]),
    }
