"""What delivery contributes to the workspace and to other capabilities' pages: its
sections, the actions on a plan indicator's page, the actions due that need a person
(their workspace home and daily digest), and the
exception report's actions (plugged in from ``apps.py``)."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.urls import reverse

from placeplan.delivery import selectors
from placeplan.delivery.models import CLOSED_STATUSES, TROUBLED_STATUSES, ImprovementAction
from placeplan.partnerships.selectors import bodies_led_by
from placeplan.workspace.registry import (
    ExceptionSource,
    Need,
    NeedSource,
    Panel,
    ReportLine,
    Section,
)

ACTION_WARNING_DAYS = 14


def actions_due(user, today: datetime.date) -> list[Need]:
    """Open actions the person owns, or whose responsible body they chair or lead, due
    within 14 days or overdue: those whose progress they may record."""
    led = bodies_led_by(user=user, day=today)
    soon = today + datetime.timedelta(days=ACTION_WARNING_DAYS)
    actions = (
        ImprovementAction.objects.filter(Q(owner__user=user) | Q(responsible_body_id__in=led))
        .exclude(status__in=CLOSED_STATUSES)
        .filter(due__lte=soon)
        .select_related("partnership__council_area")
    )
    needs = []
    for action in actions:
        if not user.has_perm("delivery.manage_actions", action.partnership):
            continue
        overdue = action.is_overdue(today)
        when = "overdue since" if overdue else "due on"
        needs.append(
            Need(
                partnership=action.partnership,
                text=f"Action “{action.title}” is {when} {action.due:%-d %B %Y}.",
                url=reverse(
                    "delivery:action", args=[action.partnership.council_area.code, action.pk]
                ),
                due=action.due,
                overdue=overdue,
                key=(action.due, action.pk),
            )
        )
    return needs


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
NEEDS = (NeedSource("actions", "Improvement actions due", actions_due, 20),)
EXCEPTIONS = (ExceptionSource((OVERDUE, TROUBLED), exception_lines, 20),)
