"""Participatory budgeting as open data: the partnership's published processes, one
process's published proposals with their review (cost, feasibility and the public
reason), and, once the results are published, the frozen figures (votes online and on
paper, funded or not and how much, turnout) and the Pabulib file. Twins of the public
pages, read through the same selectors. Never a vote count before the results are
published, and never a voter's identity."""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from placeplan.api.engagement import ErrorOut
from placeplan.api.progress import _partnership
from placeplan.budgets import pabulib, selectors
from placeplan.budgets.models import Process

router = Router(tags=["budgets"])


class ProcessOut(Schema):
    id: int
    title: str
    purpose: str
    run_by: str
    area: str
    phase: str
    phase_label: str
    budget: int
    min_cost: int | None
    max_cost: int | None
    ballot: str
    ballot_label: str
    max_choices: int | None
    min_spend_percent: int
    rule: str
    rule_label: str
    part_funding: bool
    residents_vote: bool
    codes_vote: bool
    min_age: int
    proposals_open: datetime.date
    proposals_close: datetime.date
    voting_open: datetime.date
    voting_close: datetime.date
    results_published: datetime.datetime | None
    is_demo: bool
    page_url: str
    api_url: str


class ProjectOut(Schema):
    id: int
    title: str
    description: str
    community: str | None
    on_behalf_of: str | None
    cost: int
    proposed_cost: int
    cost_note: str | None
    feasibility: str
    feasibility_label: str
    reason: str | None
    merged_into: int | None
    on_ballot: bool
    # Only once the results are published (null before).
    votes_online: int | None = None
    votes_paper: int | None = None
    votes: int | None = None
    funded: bool | None = None
    funded_amount: int | None = None
    result_reason: str | None = None
    action_status: str | None = None


class ShareBandOut(Schema):
    band: str
    voters: int
    percent: float


class ResultsOut(Schema):
    published: datetime.datetime
    rule: str
    part_funding: bool
    budget: int
    spent: int
    left: int
    ballots: int
    ballots_online: int
    ballots_paper: int
    population: int | None
    turnout_percent: float | None
    population_note: str
    tie_rule: str
    shares: list[ShareBandOut]
    pabulib_url: str


class ProcessDetailOut(ProcessOut):
    projects: list[ProjectOut]
    results: ResultsOut | None


def _process(process: Process, today: datetime.date) -> dict:
    code = process.partnership.council_area.code
    phase = process.phase(today)
    return {
        "id": process.pk,
        "title": process.title,
        "purpose": process.purpose,
        "run_by": process.runner,
        "area": process.area_label,
        "phase": phase.value,
        "phase_label": phase.label,
        "budget": process.budget,
        "min_cost": process.min_cost,
        "max_cost": process.max_cost,
        "ballot": process.ballot,
        "ballot_label": process.get_ballot_display(),
        "max_choices": process.max_choices,
        "min_spend_percent": process.min_spend_percent,
        "rule": process.rule,
        "rule_label": process.get_rule_display(),
        "part_funding": process.part_funding,
        "residents_vote": process.residents_vote,
        "codes_vote": process.codes_vote,
        "min_age": process.min_age,
        "proposals_open": process.proposals_open,
        "proposals_close": process.proposals_close,
        "voting_open": process.voting_open,
        "voting_close": process.voting_close,
        "results_published": process.results_published_at,
        "is_demo": process.is_demo,
        "page_url": reverse("public:budget", args=[code, process.pk]),
        "api_url": reverse("api-v1:budget_detail", args=[process.pk]),
    }


def _project(project, figures: dict | None) -> dict:
    row = {
        "id": project.pk,
        "title": project.title,
        "description": project.description,
        "community": project.community.name if project.community_id else None,
        "on_behalf_of": project.on_behalf_of or None,
        "cost": project.ballot_cost,
        "proposed_cost": project.cost,
        "cost_note": project.cost_note or None,
        "feasibility": project.feasibility,
        "feasibility_label": project.get_feasibility_display(),
        "reason": project.feasibility_reason or None,
        "merged_into": project.merged_into_id,
        "on_ballot": project.on_ballot,
    }
    if figures is not None:
        result = figures.get(project.pk)
        if result is not None:
            row.update(
                votes_online=result["votes_online"],
                votes_paper=result["votes_paper"],
                votes=result["votes"],
                funded=bool(result["funded_amount"]),
                funded_amount=result["funded_amount"],
                result_reason=result["reason_text"],
            )
        if project.action_id:
            row["action_status"] = project.action.get_status_display()
    return row


def _get(process_id: int) -> Process:
    process = (
        Process.objects.filter(pk=process_id, status=Process.Status.PUBLISHED)
        .select_related("partnership__council_area", "body", "locality")
        .first()
    )
    if process is None:
        raise HttpError(404, f"No participatory budgeting process {process_id} is published.")
    return process


@router.get(
    "/partnerships/{code}/budgets",
    response={200: list[ProcessOut], 404: ErrorOut},
    url_name="budget_list",
)
def budget_list(request, code: str):
    """The partnership's published participatory budgeting processes: where each stands
    (``phase``), its budget, ballot (knapsack or approval) and the rule that chooses the
    winners (greedy or the Method of Equal Shares)."""
    partnership = _partnership(code)
    today = timezone.localdate()
    return [
        _process(p, today) for p in selectors.process_list(partnership=partnership, public=True)
    ]


@router.get(
    "/budgets/{process_id}",
    response={200: ProcessDetailOut, 404: ErrorOut},
    url_name="budget_detail",
)
def budget_detail(request, process_id: int):
    """One published process with its published proposals: each one's cost (after
    review; ``proposed_cost`` as proposed, with ``cost_note``), feasibility and public
    reason. Once the results are published, each ballot project's ``votes_online``,
    ``votes_paper``, ``funded`` and ``funded_amount`` (the frozen figures), and the
    ``results`` with turnout; before that, every vote figure is null. No voter's identity
    ever appears."""
    process = _get(process_id)
    results = selectors.published_results(process)
    by_id = {row["id"]: row for row in results["projects"]} if results else None
    projects = (
        selectors.published_projects(process).select_related("action").order_by("title", "pk")
    )
    data = {
        **_process(process, timezone.localdate()),
        "projects": [_project(p, by_id) for p in projects],
        "results": None,
    }
    if results:
        data["results"] = {
            "published": process.results_published_at,
            "population_note": selectors.POPULATION_NOTE,
            "pabulib_url": reverse("api-v1:budget_pabulib", args=[process.pk]),
            **{
                key: results[key]
                for key in (
                    "rule",
                    "part_funding",
                    "budget",
                    "spent",
                    "left",
                    "ballots",
                    "ballots_online",
                    "ballots_paper",
                    "population",
                    "turnout_percent",
                    "tie_rule",
                    "shares",
                )
            },
        }
    return data


@router.get(
    "/budgets/{process_id}/pabulib",
    response={200: str, 404: ErrorOut},
    url_name="budget_pabulib",
)
def budget_pabulib(request, process_id: int):
    """The published results in the Pabulib format (text/plain): the election (META), each
    project's cost, votes and whether it was selected (PROJECTS), and every ballot's
    projects under a number that is not the voter (VOTES). 404 until the results are
    published."""
    process = _get(process_id)
    if not process.results_published:
        raise HttpError(404, f"The results of process {process_id} are not published yet.")
    return HttpResponse(pabulib.export(process), content_type="text/plain; charset=utf-8")
