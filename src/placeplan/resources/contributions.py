"""What resources and prevention contribute to the workspace: its section; the partners
yet to confirm a round past its date (the "what needs you" of the support officers and
board members, and of the partner's own officers), a section of the exception report,
the partner's contributions on its accountability page, and where the money of a
participatory budgeting vote comes from on the vote's pages, staff's (slot ``process``)
and the public's (slot ``public_process``) (plugged in from ``apps.py``)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from placeplan.budgets import selectors as budget_selectors
from placeplan.partnerships.models import Partnership, Role
from placeplan.resources import selectors
from placeplan.workspace.registry import (
    ExceptionSource,
    Need,
    NeedSource,
    Panel,
    ReportLine,
    Section,
)

UNCONFIRMED = "Resources not confirmed"


def _round_url(round) -> str:
    """The round's page: where each partner stands."""
    return reverse("resources:round", args=[round.partnership.council_area.code, round.year])


def unconfirmed(user, today: datetime.date) -> list[Need]:
    """Rounds past their date that partners have not confirmed: for support officers and
    board members, every such partner; for a partner officer, the partners they enter
    lines for."""
    if not user.is_authenticated or user.is_superuser:
        return []
    roles = user.partnership_roles.values_list("partnership", "role")
    watching = {pk for pk, role in roles if role in (Role.SUPPORT_OFFICER, Role.BOARD_MEMBER)}
    ids = {pk for pk, _role in roles}
    needs = []
    for partnership in Partnership.objects.filter(pk__in=ids).select_related("council_area"):
        for round, partners in selectors.rounds_overdue(on=today, partnership=partnership):
            if partnership.pk not in watching:
                partners = [p for p in partners if user.has_perm("resources.edit_lines", p)]
            if not partners:
                continue
            names = ", ".join(p.organisation.name for p in partners)
            needs.append(
                Need(
                    partnership=partnership,
                    text=f"Resources for {round.label} not confirmed by {names} (due "
                    f"{round.due:%-d %B %Y}).",
                    url=_round_url(round),
                    due=round.due,
                    overdue=True,
                    key=(round.due, round.pk),
                )
            )
    return needs


def exception_lines(*, partnership, on: datetime.date) -> list[ReportLine]:
    lines = []
    for round, partners in selectors.rounds_overdue(on=on, partnership=partnership):
        for partner in partners:
            lines.append(
                ReportLine(
                    UNCONFIRMED,
                    f"{partner.organisation.name} has not confirmed its resources for "
                    f"{round.label} (due {round.due:%-d %B %Y}).",
                    _round_url(round),
                )
            )
    return lines


def partner_resources(*, request, subject, partnership) -> dict | None:
    """On a partner's accountability page: what it puts into the partnership's outcomes,
    year by year, the latest year spread across outcomes and localities, and any round it
    has yet to confirm."""
    if not request.user.has_perm("resources.view_resources", partnership):
        return None
    public = not request.user.has_perm("resources.see_unpublished", partnership)
    years = selectors.partner_years(partner=subject, public=public)
    return {
        "partner": subject,
        "years": years,
        "spread": selectors.partner_spread(entry=years[0]) if years else None,
        "unconfirmed": [
            round
            for round, partners in selectors.rounds_overdue(
                on=timezone.localdate(), partnership=partnership
            )
            if subject in partners
        ],
    }


def process_funds(*, request, subject, partnership) -> dict | None:
    """On a participatory budgeting vote's workspace page (subject: the ``Process``): the
    joint budgets that pay for it and what was put into each in the latest round, in full
    for those who see the figures in full, else the published figures; nothing when no
    joint budget is linked to the vote."""
    if not request.user.has_perm("resources.view_resources", partnership):
        return None
    public = not request.user.has_perm("resources.see_unpublished", partnership)
    found = selectors.process_funds(process=subject, public=public)
    if found is None:
        return None
    return {"found": found, "public": public, "process": subject, "staff": True}


def public_process_funds(*, request, subject, partnership) -> dict | None:
    """On a published vote's public page: its joint budgets and the published figures of
    what was put into each in the latest round; nothing for a vote the public may not see
    or one no joint budget pays for."""
    published = budget_selectors.process_list(partnership=partnership, public=True)
    if not published.filter(pk=subject.pk).exists():
        return None
    found = selectors.process_funds(process=subject, public=True)
    if found is None:
        return None
    return {"found": found, "public": True, "process": subject, "staff": False}


SECTIONS = (
    Section(
        "Resources and prevention",
        "resources:overview",
        "what each partner puts into each outcome, and the shift to prevention",
        330,
        "resources.view_resources",
    ),
)
PANELS = (
    Panel("partner", "resources/includes/_partner_resources.html", partner_resources, 30),
    Panel("process", "resources/includes/_process_funds.html", process_funds, 10),
    Panel("public_process", "resources/includes/_process_funds.html", public_process_funds, 10),
)
NEEDS = (NeedSource("resources", "Resources to confirm", unconfirmed, 40),)
EXCEPTIONS = (ExceptionSource((UNCONFIRMED,), exception_lines, 40),)
