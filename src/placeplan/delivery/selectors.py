"""Reads of delivery: action lists, what needs attention per body and per partner, and
recommendations with the actions that answer them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from placeplan.delivery.models import (
    CLOSED_STATUSES,
    STATUS_TAGS,
    TROUBLED_STATUSES,
    ActionStatus,
    ImprovementAction,
    ProgressUpdate,
    Recommendation,
)


def _actions(partnership):
    return ImprovementAction.objects.filter(partnership=partnership).select_related(
        "responsible_body",
        "accountable_partner__organisation",
        "owner",
        "recommendation",
        "commitment__outcome__plan",
        "outcome__plan",
        "indicator__outcome__plan",
        "indicator__measure",
        "indicator__area",
    )


def action_list(
    *,
    partnership,
    body=None,
    partner=None,
    indicator=None,
    status: str = "",
    open_only: bool = False,
) -> list[ImprovementAction]:
    """A partnership's actions, soonest due first, optionally of one body or partner, on
    one plan indicator, of one status, or only those still open (neither complete nor
    cancelled)."""
    query = _actions(partnership)
    if indicator is not None:
        query = query.filter(indicator=indicator)
    if body is not None:
        query = query.filter(responsible_body=body)
    if partner is not None:
        query = query.filter(accountable_partner=partner)
    if status:
        query = query.filter(status=status)
    if open_only:
        query = query.exclude(status__in=CLOSED_STATUSES)
    return list(query.order_by("due", "title", "pk"))


def action_board(actions: list[ImprovementAction]) -> list[tuple[ActionStatus, str, list]]:
    """The actions in columns by status (with the status's tag colour), in the order work
    moves (not started, on track, at risk, off track, complete, cancelled), each column
    keeping the actions' order."""
    return [
        (status, STATUS_TAGS[status], [a for a in actions if a.status == status])
        for status in ActionStatus
    ]


def action_get(*, partnership, pk: int) -> ImprovementAction:
    """One action of the partnership, with its updates newest first (raises
    ``ImprovementAction.DoesNotExist``)."""
    updates = ProgressUpdate.objects.select_related("recorded_by").order_by("-on", "-pk")
    return _actions(partnership).prefetch_related(Prefetch("updates", queryset=updates)).get(pk=pk)


@dataclass
class Attention:
    """The open actions of one body or partner that are overdue, or at risk or off track."""

    name: str
    key: int
    overdue: list[ImprovementAction] = field(default_factory=list)
    troubled: list[ImprovementAction] = field(default_factory=list)


def needing_attention(*, partnership, today: datetime.date) -> dict[str, list[Attention]]:
    """Open actions that are overdue (due before ``today``) or at risk or off track,
    grouped by responsible body (``"bodies"``) and by accountable partner
    (``"partners"``), each group by name. An action both overdue and at risk is in both
    lists."""
    groups: dict[str, dict[int, Attention]] = {"bodies": {}, "partners": {}}
    for action in action_list(partnership=partnership, open_only=True):
        overdue = action.due < today
        troubled = action.status in TROUBLED_STATUSES
        if not (overdue or troubled):
            continue
        for kind, key, name in (
            ("bodies", action.responsible_body_id, action.responsible_body.name),
            (
                "partners",
                action.accountable_partner_id,
                action.accountable_partner.organisation.name,
            ),
        ):
            entry = groups[kind].setdefault(key, Attention(name=name, key=key))
            if overdue:
                entry.overdue.append(action)
            if troubled:
                entry.troubled.append(action)
    return {kind: sorted(g.values(), key=lambda a: a.name) for kind, g in groups.items()}


def recommendation_list(*, partnership) -> list[Recommendation]:
    """The partnership's recommendations, newest report first, each with its actions."""
    actions = ImprovementAction.objects.select_related(
        "responsible_body", "accountable_partner__organisation"
    ).order_by("due")
    return list(
        Recommendation.objects.filter(partnership=partnership).prefetch_related(
            Prefetch("actions", queryset=actions)
        )
    )


def partner_actions(*, partner) -> list[ImprovementAction]:
    """The actions a partner is accountable for: open ones first, soonest due first."""
    return sorted(
        ImprovementAction.objects.filter(accountable_partner=partner).select_related(
            "responsible_body", "accountable_partner__organisation"
        ),
        key=lambda a: (a.status in CLOSED_STATUSES, a.due, a.pk),
    )
