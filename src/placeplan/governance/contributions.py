"""What governance contributes to the workspace: its sections, and the exception
report's membership reviews due and rules broken (plugged in from ``apps.py``)."""

from __future__ import annotations

import datetime

from django.urls import reverse

from placeplan.partnerships import selectors
from placeplan.workspace.registry import ExceptionSource, ReportLine, Section

REVIEWS_DUE = "Membership reviews due"
RULES_BROKEN = "Rules broken"


def exception_lines(*, partnership, on: datetime.date) -> list[ReportLine]:
    """Bodies whose membership review is due, and the rules bodies break."""
    code = partnership.council_area.code
    attention = selectors.structure_attention(
        selectors.partnership_structure(partnership=partnership, today=on)
    )
    return [
        ReportLine(
            section,
            f"{finding.rule}: {finding.message}",
            reverse("governance:body", args=[code, body.pk]),
        )
        for section, found in ((REVIEWS_DUE, attention.due), (RULES_BROKEN, attention.breaks))
        for body, finding in found
    ]


SECTIONS = (
    Section(
        "Structure",
        "governance:structure",
        "the partnership's bodies, and rules needing attention",
        10,
    ),
    Section("Partners", "governance:partners", "statutory and invited organisations", 20),
    Section(
        "Members of bodies",
        "governance:persons",
        "who sits where",
        30,
        permission="partnerships.view_members",
    ),
    Section(
        "Localities",
        "governance:localities",
        "the parts of the area local partnerships cover",
        40,
    ),
    Section(
        "Contact details",
        "governance:contact",
        "how the public contacts the partnership",
        50,
        permission="partnerships.manage_structure",
    ),
    Section(
        "Accounts and roles",
        "governance:people",
        "who holds which role in the partnership",
        900,
        permission="partnerships.view_people",
    ),
)
EXCEPTIONS = (ExceptionSource((REVIEWS_DUE, RULES_BROKEN), exception_lines, 40),)
