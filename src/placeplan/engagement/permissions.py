"""Who may do what with engagement: activities, what people said and what was done,
residents' responses and Place Standard results.

Everybody working in the partnership reads its engagement (national readers too: no
personal data is on those pages). Support officers and partner officers record any of it;
the chair or lead officer of a body records its own body's activities. Residents'
responses are read only by the people who may record the activity. The public sees
published activities (``Activity.Status.PUBLISHED``), never the responses."""

import rules

from placeplan.engagement.models import Activity
from placeplan.partnerships.permissions import (
    has_any_role_in,
    is_national_reader,
    is_owner_of,
    is_partner_officer_of,
    is_site_admin,
    is_support_officer_of,
    owns_a_body_of,
)

# Support officers, partner officers and site administrators record any of the
# partnership's activities; a body's chair or lead officer only their body's.
records_any_activity = is_support_officer_of | is_partner_officer_of | is_site_admin


@rules.predicate
def records_for_partnership(user, activity):
    """A support officer or partner officer of the activity's partnership."""
    return isinstance(activity, Activity) and records_any_activity.test(user, activity.partnership)


@rules.predicate
def owns_activity_body(user, activity):
    """Chairs or is lead officer of the body that ran the activity."""
    return bool(
        isinstance(activity, Activity) and activity.body_id and is_owner_of(user, activity.body)
    )


rules.add_perm("engagement.view_engagement", has_any_role_in | is_national_reader | is_site_admin)
# Adding an activity: those who record any (support and partner officers) and the chairs
# and lead officers of a body (for their own bodies: the form offers only those).
rules.add_perm("engagement.add_activity", records_any_activity | owns_a_body_of)
# Changing one activity, its themes, "we did", Place Standard results, the summary of its
# responses, and reading those responses.
rules.add_perm(
    "engagement.manage_activity", records_for_partnership | owns_activity_body | is_site_admin
)
