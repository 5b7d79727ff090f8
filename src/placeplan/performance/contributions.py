"""What performance contributes to the workspace: its sections, and the imports waiting
for confirmation that need a person (their workspace home and daily digest) (plugged in
from ``apps.py``)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from placeplan.core.numbers import number_text
from placeplan.partnerships.models import Partnership
from placeplan.performance.models import ImportBatch
from placeplan.workspace.registry import Need, NeedSource, Section


def imports_to_confirm(user, today: datetime.date) -> list[Need]:
    """Checked imports of the person's partnerships, waiting for someone who may import
    data there to confirm (or cancel) them."""
    partnerships = Partnership.objects.filter(roles__user=user).distinct()
    may_import = [p.pk for p in partnerships if user.has_perm("performance.import_data", p)]
    batches = ImportBatch.objects.filter(
        partnership_id__in=may_import, status=ImportBatch.Status.CHECKED
    ).select_related("partnership__council_area", "created_by")
    needs = []
    for batch in batches:
        checked = timezone.localtime(batch.created_at).date()
        who = batch.created_by.full_name if batch.created_by else "someone no longer here"
        rows = number_text(batch.row_count, 0) + (" row" if batch.row_count == 1 else " rows")
        needs.append(
            Need(
                partnership=batch.partnership,
                text=f"The import of {batch.filename} ({rows}), uploaded by {who} and checked "
                f"on {checked:%-d %B %Y}, is waiting for confirmation.",
                url=reverse(
                    "performance:batch", args=[batch.partnership.council_area.code, batch.pk]
                ),
                key=(batch.created_at, batch.pk),
            )
        )
    return needs


SECTIONS = (
    Section(
        "Import data",
        "performance:data",
        "load partners' figures from a spreadsheet",
        400,
        permission="performance.import_data",
    ),
    Section(
        "API tokens",
        "performance:tokens",
        "keys for partner systems that send figures",
        410,
        permission="performance.manage_tokens",
    ),
)
NEEDS = (NeedSource("imports", "Imports to confirm", imports_to_confirm, 40),)
