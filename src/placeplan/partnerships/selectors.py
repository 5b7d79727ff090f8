"""Reads about partnerships and the roles people hold in them."""

from django.db.models import QuerySet

from placeplan.partnerships.models import Partnership, PartnershipRole


def partnership_list() -> QuerySet[Partnership]:
    """All partnerships, with their council area, by name."""
    return Partnership.objects.select_related("council_area").order_by("name")


def partnership_get(*, council_code: str) -> Partnership:
    """The partnership of a council area (raises ``Partnership.DoesNotExist``)."""
    return Partnership.objects.select_related("council_area").get(council_area__code=council_code)


def user_partnership_roles(*, user) -> list[dict]:
    """The partnerships a person works in, each with the roles they hold there."""
    grouped: dict[int, dict] = {}
    roles = PartnershipRole.objects.filter(user=user).select_related("partnership__council_area")
    for grant in roles.order_by("partnership__name", "role"):
        entry = grouped.setdefault(
            grant.partnership_id, {"partnership": grant.partnership, "roles": []}
        )
        entry["roles"].append(grant.get_role_display())
    return list(grouped.values())


def partnership_people(*, partnership: Partnership) -> QuerySet[PartnershipRole]:
    """Everyone with a role in the partnership (personal data: support officers only)."""
    return (
        PartnershipRole.objects.filter(partnership=partnership)
        .select_related("user")
        .order_by("user__full_name", "role")
    )
