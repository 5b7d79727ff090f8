"""Who may read and change plans: the owning body's chair and lead officer and the
partnership's support officers edit; everyone working in the partnership reads drafts;
the public reads published versions only (on the public site)."""

import rules

from placeplan.partnerships.permissions import (
    has_any_role_in,
    is_national_reader,
    is_owner_of,
    is_site_admin,
    is_support_officer_of,
)
from placeplan.plans.models import Plan


@rules.predicate
def has_role_for_plan(user, plan):
    """Holds any role in the partnership whose plan it is."""
    return isinstance(plan, Plan) and has_any_role_in(user, plan.partnership)


@rules.predicate
def is_support_officer_for_plan(user, plan):
    """Is a support officer of the partnership whose plan it is."""
    return isinstance(plan, Plan) and is_support_officer_of(user, plan.partnership)


@rules.predicate
def owns_plan_body(user, plan):
    """Is the current chair or lead officer of the body that owns the plan."""
    return isinstance(plan, Plan) and is_owner_of(user, plan.owning_body)


rules.add_perm("plans.view_plan", has_role_for_plan | is_national_reader | is_site_admin)
rules.add_perm("plans.edit_plan", is_support_officer_for_plan | owns_plan_body | is_site_admin)
# Starting a plan and defining the partnership's own indicators: support officers.
rules.add_perm("plans.manage_plans", is_support_officer_of | is_site_admin)
