"""Who may do what with improvement actions and recommendations."""

import rules

from placeplan.partnerships.permissions import (
    has_any_role_in,
    is_national_reader,
    is_partner_officer_of,
    is_site_admin,
    is_support_officer_of,
    leads_a_body_of,
)

# Everybody working in the partnership reads its actions; national readers audit them.
rules.add_perm("delivery.view_actions", has_any_role_in | is_national_reader | is_site_admin)
# Support officers, partner officers and the lead officers of its bodies record actions
# and their progress (the people who own outcomes and answer for partners).
rules.add_perm(
    "delivery.manage_actions",
    is_support_officer_of | is_partner_officer_of | leads_a_body_of | is_site_admin,
)
# Recommendations come from audits and inspections: the support officers record them.
rules.add_perm("delivery.manage_recommendations", is_support_officer_of | is_site_admin)
