"""Who may put data into a partnership's evidence base, and manage partner systems' keys.

Importing: the partnership's support officers and partner officers, and the lead officer
of any of its bodies (they own the data their group reports on). API tokens: support
officers; a token works only while the person who made it still holds this permission
(checked each time it is used). Site administrators may do both, and they alone correct
an official (national) figure. Everyone with a role reads the evidence.
"""

import rules

from placeplan.partnerships.permissions import (
    is_partner_officer_of,
    is_site_admin,
    is_support_officer_of,
    leads_a_body_of,
)

rules.add_perm(
    "performance.import_data",
    is_support_officer_of | is_partner_officer_of | leads_a_body_of | is_site_admin,
)
rules.add_perm("performance.manage_tokens", is_support_officer_of | is_site_admin)
rules.add_perm("performance.correct_official", is_site_admin)
