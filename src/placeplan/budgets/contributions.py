"""What participatory budgeting contributes to the workspace and to residents' pages: its
section; the proposals awaiting moderation and the results awaiting publication (the
"what needs you" of the people who run the process); a resident's proposals and ballots
in their data download (plugged in from ``apps.py``)."""

from __future__ import annotations

import datetime

from django.urls import reverse

from placeplan.budgets.models import Ballot, Process
from placeplan.budgets.selectors import pending_projects, projects_by
from placeplan.partnerships.models import Partnership
from placeplan.residents.registry import PersonalDataSource
from placeplan.workspace.registry import Need, NeedSource, Section


def _url(process: Process, name: str = "budgets:process") -> str:
    return reverse(name, args=[process.partnership.council_area.code, process.pk])


def waiting(user, today: datetime.date) -> list[Need]:
    """For the people who run a process: proposals waiting for moderation, and results
    to publish once voting has closed."""
    if not user.is_authenticated or user.is_superuser:
        return []
    needs = []
    partnerships = Partnership.objects.filter(roles__user=user).distinct()
    processes = Process.objects.filter(partnership__in=partnerships, results_published_at=None)
    for process in processes.select_related("partnership__council_area", "body"):
        if not user.has_perm("budgets.run_process", process):
            continue
        pending = pending_projects(process).count()
        if pending:
            needs.append(
                Need(
                    partnership=process.partnership,
                    text=f"Moderate {pending} project idea{'s' if pending != 1 else ''} "
                    f"for “{process.title}”.",
                    url=_url(process, "budgets:proposals"),
                    due=process.proposals_close,
                    overdue=today > process.proposals_close,
                    key=(process.proposals_close, process.pk),
                )
            )
        if today > process.voting_close:
            needs.append(
                Need(
                    partnership=process.partnership,
                    text=f"Publish the results of “{process.title}” (voting closed "
                    f"{process.voting_close:%-d %B %Y}).",
                    url=_url(process, "budgets:results"),
                    due=process.voting_close,
                    overdue=True,
                    key=(process.voting_close, process.pk),
                )
            )
    return needs


def resident_data(user) -> list[dict]:
    """A resident's project ideas and ballots, for their data download."""
    items = [
        {
            "kind": "project idea",
            "process": project.process.title,
            "title": project.title,
            "description": project.description,
            "cost": project.cost,
            "status": project.get_status_display(),
            "submitted_at": project.created_at.isoformat(),
        }
        for project in projects_by(user=user)
    ]
    for ballot in Ballot.objects.filter(voter=user).select_related("process"):
        items.append(
            {
                "kind": "ballot",
                "process": ballot.process.title,
                "cast_at": ballot.cast_at.isoformat(),
                "projects": sorted(p.title for p in ballot.projects.all()),
            }
        )
    return items


PERSONAL_DATA = PersonalDataSource(
    "Participatory budgeting: project ideas and ballots", resident_data
)

SECTIONS = (
    Section(
        "Participatory budgeting",
        "budgets:list",
        "votes on how to spend money: proposals, review, voting, results and delivery",
        340,
        "budgets.view_budgets",
    ),
)
NEEDS = (NeedSource("budgets", "Participatory budgeting", waiting, 45),)
