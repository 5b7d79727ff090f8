"""Writes to partnerships and the roles people hold in them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from placeplan.core.bulk import SyncResult, rows_sync
from placeplan.partnerships.models import Partnership, PartnershipRole, Role
from placeplan.places.models import Area


@transaction.atomic
def partnerships_ensure() -> SyncResult:
    """Make sure every council area has its Community Planning Partnership."""
    councils = Area.objects.filter(level=Area.Level.COUNCIL_AREA).values_list("pk", "name")
    return rows_sync(
        model=Partnership,
        key=("council_area_id",),
        fields=("name",),
        rows=[
            {"council_area_id": pk, "name": f"{name} Community Planning Partnership"}
            for pk, name in councils
        ],
        change_reason="One partnership for each council area",
    )


@transaction.atomic
def partnership_role_grant(*, user, partnership: Partnership, role: str) -> PartnershipRole:
    """Give a person a role in a partnership (doing nothing if they already hold it)."""
    if role not in Role.values:
        raise ValidationError(f"{role!r} is not a partnership role.")
    grant, _ = PartnershipRole.objects.get_or_create(user=user, partnership=partnership, role=role)
    return grant
