"""What delivery contributes to the workspace and to other capabilities' pages: its
sections, the actions on a plan indicator's page, lines in the daily digest, and the
exception report's actions (plugged in from ``apps.py``)."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.urls import reverse

from placeplan.delivery import selectors
from placeplan.delivery.models import CLOSED_STATUSES, TROUBLED_STATUSES, ImprovementAction
from placeplan.partnerships.models import Membership
from placeplan.partnerships.selectors import memberships_current
from placeplan.workspace.registry import (
    DigestSource,
    ExceptionSource,
    Panel,
    ReportLine,
    Section,
)

ACTION_WARNING_DAYS = 14


def action_lines(user, today: datetime.date) -> list[tuple[tuple, str]]:
    """Open actions the person owns, or whose responsible body they chair or lead, due
    within 14 days or overdue."""
    led = memberships_current(today).filter(person__user=user, role__in=Membership.LEADING_ROLES)
    soon = today + datetime.timedelta(days=ACTION_WARNING_DAYS)
    actions = (
        ImprovementAction.objects.filter(
            Q(owner__user=user) | Q(responsible_body_id__in=led.values("body_id"))
        )
        .exclude(status__in=CLOSED_STATUSES)
        .filter(due__lte=soon)
    )
    lines = []
    for action in actions:
        when = "overdue since" if action.due < today else "due on"
        lines.append(
            ((action.due, action.pk), f"Action “{action.title}” is {when} {action.due:%-d %B %Y}.")
        )
    return lines


def indicator_actions(*, request, subject, partnership) -> dict | None:
    """On a plan indicator's staff page: the improvement actions that should move it, for
    those who may see actions."""
    if not request.user.has_perm("delivery.view_actions", partnership):
        return None
    return {"actions": selectors.action_list(partnership=partnership, indicator=subject)}


def partner_actions(*, request, subject, partnership) -> dict:
    """On a partner's staff page: the actions it is accountable for."""
    return {"partner": subject, "actions": selectors.partner_actions(partner=subject)}


OVERDUE = "Actions overdue"
TROUBLED = "Actions at risk or off track"


def exception_lines(*, partnership, on: datetime.date) -> list[ReportLine]:
    """Open actions past their due date, and those at risk or off track."""
    code = partnership.council_area.code
    lines = []
    for action in selectors.action_list(partnership=partnership, open_only=True):
        url = reverse("delivery:action", args=[code, action.pk])
        who = f"{action.responsible_body.name}, {action.accountable_partner.organisation.name}"
        if action.due < on:
            lines.append(
                ReportLine(OVERDUE, f"{action.title} ({who}): due {action.due:%-d %B %Y}.", url)
            )
        if action.status in TROUBLED_STATUSES:
            lines.append(
                ReportLine(
                    TROUBLED, f"{action.title} ({who}): {action.get_status_display().lower()}.", url
                )
            )
    return lines


SECTIONS = (
    Section(
        "Improvement actions",
        "delivery:actions",
        "who is doing what, by when, and how it is going",
        300,
    ),
    Section(
        "Recommendations",
        "delivery:recommendations",
        "what inspectors and auditors asked for, and the actions answering it",
        310,
    ),
)
PANELS = (
    Panel("indicator", "delivery/includes/_indicator_actions.html", indicator_actions, 10),
    Panel("partner", "delivery/includes/_partner_actions.html", partner_actions, 20),
)
DIGEST = (DigestSource("actions", action_lines, 10),)
EXCEPTIONS = (ExceptionSource((OVERDUE, TROUBLED), exception_lines, 20),)
