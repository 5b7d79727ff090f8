"""Who may do what with meetings: read them, run a body's meetings, see draft papers,
and record partners' own decisions."""

import rules

from placeplan.partnerships.permissions import (
    has_any_role_in,
    is_member_of,
    is_national_reader,
    is_owner_of,
    is_partner_officer_of,
    is_site_admin,
    is_support_officer_of,
    is_support_officer_of_body,
    owns_a_body_of,
)

rules.add_perm("meetings.view_meetings", has_any_role_in | is_national_reader | is_site_admin)
# A body's meetings are run by its chair or lead officer and the support officers.
rules.add_perm("meetings.run_meetings", is_support_officer_of_body | is_owner_of | is_site_admin)
# ... so in a partnership, meetings are scheduled by those who run some body's meetings.
rules.add_perm("meetings.schedule_meetings", is_support_officer_of | owns_a_body_of | is_site_admin)
# Draft papers and confidential business are for the body's members (and those who run
# its meetings) only.
rules.add_perm(
    "meetings.view_draft_papers",
    is_member_of | is_support_officer_of_body | is_owner_of | is_site_admin,
)
rules.add_perm(
    "meetings.record_partner_decisions",
    is_support_officer_of | is_partner_officer_of | is_site_admin,
)
