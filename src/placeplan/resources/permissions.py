"""Who may do what with resources and prevention.

Everybody with a role in the partnership reads its resources in full in the workspace,
lines not for publication and lines not yet confirmed included; national readers read
the published figures only (what the public sees). Support officers run the rounds, the
joint budgets, the trajectory and the prevention plan, and may enter or correct any
partner's lines; a partner officer enters and confirms the lines of the partner they
represent (the organisation they sit for on one of the partnership's bodies) and no
other's. A confirmed line is changed only with a reason (the services refuse one without)."""

import rules
from django.utils import timezone

from placeplan.partnerships.models import Partner
from placeplan.partnerships.permissions import (
    has_any_role_in,
    is_national_reader,
    is_partner_officer_of,
    is_site_admin,
    is_support_officer_of,
)
from placeplan.partnerships.selectors import memberships_current

manages = is_support_officer_of | is_site_admin


@rules.predicate
def represents(user, partner):
    """A partner officer of the partner's partnership who sits for the partner's
    organisation on one of the partnership's bodies today."""
    if not isinstance(partner, Partner) or not is_partner_officer_of(user, partner.partnership):
        return False
    return (
        memberships_current(timezone.localdate())
        .filter(
            person__user=user,
            organisation_id=partner.organisation_id,
            body__partnership_id=partner.partnership_id,
        )
        .exists()
    )


@rules.predicate
def manages_partner_partnership(user, partner):
    return isinstance(partner, Partner) and manages.test(user, partner.partnership)


rules.add_perm("resources.view_resources", has_any_role_in | is_national_reader | is_site_admin)
# Figures in full: lines not for publication and lines not yet confirmed.
rules.add_perm("resources.see_unpublished", has_any_role_in | is_site_admin)
rules.add_perm("resources.manage_resources", manages)
rules.add_perm("resources.edit_lines", manages_partner_partnership | represents)
