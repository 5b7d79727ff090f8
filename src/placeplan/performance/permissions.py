"""Who may put data into a partnership's evidence base, and manage partner systems' keys.

Importing: the partnership's support officers and partner officers, and the lead officer
of any of its bodies (they own the data their group reports on). API tokens: support
officers. Site administrators may do both. Everyone with a role reads the evidence.
"""

import rules
from django.db.models import Q
from django.utils import timezone

from placeplan.partnerships.models import Membership, Partnership, Role
from placeplan.partnerships.permissions import is_site_admin, is_support_officer_of


@rules.predicate
def is_partner_officer_of(user, partnership):
    """Is a partner officer of the partnership."""
    if not isinstance(partnership, Partnership) or not user.is_authenticated:
        return False
    return (
        user.is_active
        and user.partnership_roles.filter(
            partnership=partnership, role=Role.PARTNER_OFFICER
        ).exists()
    )


@rules.predicate
def leads_a_body_of(user, partnership):
    """Is the current lead officer of one of the partnership's bodies."""
    if not isinstance(partnership, Partnership) or not user.is_authenticated:
        return False
    today = timezone.localdate()
    return (
        user.is_active
        and Membership.objects.filter(
            body__partnership=partnership,
            person__user=user,
            role=Membership.MemberRole.LEAD_OFFICER,
            start__lte=today,
        )
        .filter(Q(end__isnull=True) | Q(end__gt=today))
        .exists()
    )


rules.add_perm(
    "performance.import_data",
    is_support_officer_of | is_partner_officer_of | leads_a_body_of | is_site_admin,
)
rules.add_perm("performance.manage_tokens", is_support_officer_of | is_site_admin)
