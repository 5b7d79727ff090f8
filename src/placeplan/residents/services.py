"""Writes to residents' profiles."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from placeplan.places.models import Area
from placeplan.residents.models import Resident


@transaction.atomic
def resident_create(
    *,
    user,
    display_name: str,
    council_area: Area | None = None,
    community: Area | None = None,
) -> Resident:
    """Make ``user`` a resident. Their community, if given, must be an intermediate zone of
    their council area."""
    problems = {}
    if not display_name.strip():
        problems["display_name"] = "Enter the name to show with what you propose."
    if community is not None and (
        community.level != Area.Level.INTERMEDIATE_ZONE
        or council_area is None
        or community.council_area_id != council_area.pk
    ):
        problems["community"] = "Choose a community of the council area you chose."
    if problems:
        raise ValidationError(problems)
    return Resident.objects.create(
        user=user,
        display_name=display_name.strip(),
        council_area=council_area,
        community=community,
        privacy_accepted_at=timezone.now(),
    )
