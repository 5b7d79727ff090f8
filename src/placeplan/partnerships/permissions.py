"""Who may do what in a partnership's workspace: `rules` predicates and permissions.

Roles come from memberships (``PartnershipRole``); site administrators are superusers
and national readers read every partnership's workspace but see no personal data.
"""

import rules

from placeplan.partnerships.models import Role


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


@rules.predicate
def is_support_officer_of(user, partnership):
    """Is a support officer of the partnership (manages its workspace)."""
    if partnership is None or not user.is_authenticated or not user.is_active:
        return False
    return user.partnership_roles.filter(
        partnership=partnership, role=Role.SUPPORT_OFFICER
    ).exists()


rules.add_perm("partnerships.view_workspace", has_any_role_in | is_national_reader | is_site_admin)
rules.add_perm("partnerships.view_people", is_support_officer_of | is_site_admin)
