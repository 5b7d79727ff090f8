"""Who may do what in a partnership's workspace: `rules` predicates and permissions.

Roles come from memberships (``PartnershipRole``); site administrators are superusers
and national readers read every partnership's workspace but see no personal data.
"""

import rules
from django.utils import timezone

from placeplan.partnerships.models import Body, Membership, Role
from placeplan.partnerships.selectors import memberships_current


@rules.predicate
def is_site_admin(user):
    """A site administrator (superuser)."""
    return user.is_active and user.is_superuser


@rules.predicate
def is_national_reader(user):
    """A national reader (Scottish Government, Improvement Service, Audit Scotland)."""
    return user.is_active and getattr(user, "is_national_reader", False)


@rules.predicate
def has_any_role_in(user, partnership):
    """Holds any role in the partnership (deactivated accounts hold none)."""
    if partnership is None or not user.is_authenticated or not user.is_active:
        return False
    return user.partnership_roles.filter(partnership=partnership).exists()


def _holds_role(user, partnership, role) -> bool:
    if partnership is None or not user.is_authenticated or not user.is_active:
        return False
    return user.partnership_roles.filter(partnership=partnership, role=role).exists()


@rules.predicate
def is_support_officer_of(user, partnership):
    """Is a support officer of the partnership (manages its workspace)."""
    return _holds_role(user, partnership, Role.SUPPORT_OFFICER)


@rules.predicate
def is_partner_officer_of(user, partnership):
    """Is a partner officer of the partnership."""
    return _holds_role(user, partnership, Role.PARTNER_OFFICER)


def _current_memberships(user, roles, **where):
    return memberships_current(timezone.localdate()).filter(
        person__user=user, role__in=roles, **where
    )


def _holds_body_role(user, body, roles) -> bool:
    if not isinstance(body, Body) or not user.is_authenticated or not user.is_active:
        return False
    return _current_memberships(user, roles, body=body).exists()


@rules.predicate
def leads_a_body_of(user, partnership):
    """Is the current lead officer of one of the partnership's bodies."""
    if partnership is None or not user.is_authenticated or not user.is_active:
        return False
    return _current_memberships(
        user, [Membership.MemberRole.LEAD_OFFICER], body__partnership=partnership
    ).exists()


@rules.predicate
def sits_on_a_body_of(user, partnership):
    """Is a current member (any role) of one of the partnership's bodies."""
    if partnership is None or not user.is_authenticated or not user.is_active:
        return False
    return _current_memberships(
        user, list(Membership.MemberRole.values), body__partnership=partnership
    ).exists()


@rules.predicate
def owns_a_body_of(user, partnership):
    """Chairs or is the lead officer of one of the partnership's bodies now."""
    if partnership is None or not user.is_authenticated or not user.is_active:
        return False
    return _current_memberships(
        user,
        list(Membership.LEADING_ROLES),
        body__partnership=partnership,
    ).exists()


@rules.predicate
def is_lead_officer_of(user, body):
    """Is the current lead officer of the body (manages its page and members)."""
    return _holds_body_role(user, body, [Membership.MemberRole.LEAD_OFFICER])


@rules.predicate
def is_owner_of(user, body):
    """Is the body's current chair or lead officer: its "owners" for plans and meetings."""
    return _holds_body_role(user, body, list(Membership.LEADING_ROLES))


@rules.predicate
def is_member_of(user, body):
    """Sits on the body now, in any role (including in attendance)."""
    return _holds_body_role(user, body, list(Membership.MemberRole.values))


@rules.predicate
def is_support_officer_of_body(user, body):
    """Is a support officer of the partnership the body belongs to."""
    return isinstance(body, Body) and is_support_officer_of(user, body.partnership)


@rules.predicate
def has_role_for_body(user, body):
    """Holds any role in the partnership the body belongs to."""
    return isinstance(body, Body) and has_any_role_in(user, body.partnership)


rules.add_perm("partnerships.view_workspace", has_any_role_in | is_national_reader | is_site_admin)
rules.add_perm("partnerships.view_people", is_support_officer_of | is_site_admin)
# Governance. The structure (partners, bodies, people, localities) is the support
# officers' to manage; a body's page and members are also its lead officer's.
rules.add_perm("partnerships.manage_structure", is_support_officer_of | is_site_admin)
# Names of community representatives who have not consented to publication are personal
# data: only people working in the partnership (and site administrators) see them.
rules.add_perm("partnerships.view_members", has_any_role_in | is_site_admin)
rules.add_perm("partnerships.view_body", has_role_for_body | is_national_reader | is_site_admin)
rules.add_perm(
    "partnerships.manage_body", is_support_officer_of_body | is_lead_officer_of | is_site_admin
)
rules.add_perm("partnerships.own_body", is_owner_of)
