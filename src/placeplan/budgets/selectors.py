"""Reading participatory budgeting: processes, the ballot, a voter's own ballot, the count
and the published results, turnout against the area's population, and the funded
projects' delivery. Vote counts are read only through ``results_figures`` (while counting,
for the staff who publish) and ``published_results`` (once published, for everyone)."""

from __future__ import annotations

import datetime
from collections import Counter
from fractions import Fraction

from django.db.models import Prefetch, QuerySet

from placeplan.budgets import results
from placeplan.budgets.models import Ballot, Feasibility, Process, Project, Result, VotingCode
from placeplan.performance.localities import community_populations
from placeplan.performance.selectors import area_population
from placeplan.places.models import Area
from placeplan.places.selectors import communities_of
from placeplan.residents.moderation import Moderation

POPULATION_NOTE = (
    "Turnout is against everyone living in the area (SIMD 2020 population base, all ages): "
    "the shipped figures have no ages, so turnout among people old enough to vote is higher."
)


def process_list(*, partnership, public: bool = False) -> QuerySet[Process]:
    processes = Process.objects.filter(partnership=partnership).select_related(
        "body", "locality", "partnership__council_area"
    )
    if public:
        processes = processes.filter(status=Process.Status.PUBLISHED)
    return processes


def process_get(*, partnership, pk: int, public: bool = False) -> Process:
    return process_list(partnership=partnership, public=public).get(pk=pk)


def public_process_get(*, council_code: str, pk: int, for_page: bool = True) -> Process:
    """A published process of the partnership of ``council_code``, in one query (raises
    ``Process.DoesNotExist``): what a resident's ballot reads first. ``for_page=False``
    (a ballot being cast, which shows no page when it is accepted): without its
    partnership and locality, read later only if a page needs them."""
    processes = Process.objects.filter(
        status=Process.Status.PUBLISHED, partnership__council_area__code=council_code
    )
    if for_page:
        processes = processes.select_related("locality", "partnership__council_area")
    return processes.get(pk=pk)


def area_communities(process: Process) -> list[Area]:
    """The communities (intermediate zones) the process is for."""
    if process.locality_id:
        return list(process.locality.communities.order_by("name"))
    chosen = list(process.communities.order_by("name")) if process.pk else []
    if chosen:
        return chosen
    return list(communities_of(area=process.partnership.council_area).order_by("name"))


def population(process: Process) -> int | None:
    """People living in the process's area (SIMD 2020 base): the whole council area's, or
    the sum of its communities'."""
    council = process.partnership.council_area
    if not process.locality_id and not process.communities.exists():
        return area_population(area=council)
    people = community_populations(council_area=council)
    total = sum(people.get(area.pk, 0.0) for area in area_communities(process))
    return round(total) if total else None


def published_projects(process: Process) -> QuerySet[Project]:
    """Proposals the public may see: approved by a moderator."""
    return process.projects.filter(status=Moderation.APPROVED).select_related(
        "community", "merged_into"
    )


def ballot_projects(process: Process, *, for_page: bool = True) -> list[Project]:
    """The projects on the ballot: published and reviewed feasible, cheapest first
    (``for_page=False``: without the community each benefits, which only a page shows)."""
    # Every ballot shown and every ballot cast reads this: one query, no joins but the
    # community's, sorted here.
    projects = process.projects.filter(status=Moderation.APPROVED, feasibility=Feasibility.FEASIBLE)
    if for_page:
        projects = projects.select_related("community")
    return sorted(projects.order_by(), key=lambda p: (p.ballot_cost, p.title, p.pk))


def pending_projects(process: Process) -> QuerySet[Project]:
    return process.projects.filter(status=Moderation.PENDING).select_related("community")


def projects_by(*, user) -> QuerySet[Project]:
    """A resident's own proposals, whatever their state."""
    return (
        Project.objects.filter(proposer=user)
        .select_related("process__partnership")
        .order_by("-process__voting_open", "process_id", "title", "pk")
    )


def ballot_of(*, process: Process, user) -> Ballot | None:
    """The person's own ballot in the process, with its projects."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Ballot.objects.filter(process=process, voter=user)
        .prefetch_related(Prefetch("projects", queryset=Project.objects.order_by("title")))
        .first()
    )


def ballot_total(process: Process, projects) -> dict:
    """What a ballot's projects cost together, and what is left of the budget (or how far
    over it they go): the running total the ballot page shows and its rules check."""
    total = sum(p.ballot_cost for p in projects)
    left = process.budget - total
    return {"total": total, "left": max(left, 0), "over": max(-left, 0)}


def ballots_cast(process: Process) -> tuple[int, int]:
    """Ballots cast so far, (online, on paper): paper piles counted in full. A number, never
    how anyone voted."""
    online = process.ballots.filter(channel=Ballot.Channel.ONLINE).count()
    paper = sum(
        process.ballots.filter(channel=Ballot.Channel.PAPER).values_list("count", flat=True)
    )
    return online, paper


def proposal_counts(process: Process) -> dict[str, dict[str, int]]:
    """How many proposals are in each state of moderation, and how many published ones
    in each state of review."""
    moderation = Counter(process.projects.values_list("status", flat=True))
    review = Counter(
        process.projects.filter(status=Moderation.APPROVED).values_list("feasibility", flat=True)
    )
    return {"moderation": dict(moderation), "review": dict(review)}


def turnout(process: Process) -> dict:
    """Ballots cast online and on paper (paper piles counted in full), against the area's
    population."""
    online, paper = ballots_cast(process)
    people = population(process)
    return {
        "ballots": online + paper,
        "online": online,
        "paper": paper,
        "population": people,
        "turnout_percent": round(100 * (online + paper) / people, 2) if people else None,
    }


def choices(process: Process) -> list[results.Choice]:
    """Every ballot as the count sees it: its projects and how many ballots it stands for."""
    chosen: dict[int, set[int]] = {}
    for ballot_id, project_id in Ballot.projects.through.objects.filter(
        ballot__process=process
    ).values_list("ballot_id", "project_id"):
        chosen.setdefault(ballot_id, set()).add(project_id)
    return [
        results.Choice(frozenset(chosen.get(pk, ())), count, channel == Ballot.Channel.PAPER)
        for pk, count, channel in process.ballots.values_list("pk", "count", "channel")
    ]


def _share_bands(share_spent: list[tuple[Fraction, int]]) -> list[dict]:
    """Voters by how much of their equal share was spent: none, some, most, all."""
    bands = [
        ("None of it", lambda f: f == 0),
        ("Less than half", lambda f: 0 < f < Fraction(1, 2)),
        ("Half or more, not all", lambda f: Fraction(1, 2) <= f < 1),
        ("All of it", lambda f: f >= 1),
    ]
    voters = sum(n for _, n in share_spent) or 1
    rows = []
    for label, test in bands:
        count = sum(n for fraction, n in share_spent if test(fraction))
        rows.append({"band": label, "voters": count, "percent": round(100 * count / voters, 1)})
    return rows


def results_figures(process: Process) -> dict:
    """The count of the process's votes under its rule, as the results page, the API and
    the frozen record show it: each project's votes, cost, money and the reason; turnout;
    voters' shares spent under equal shares."""
    projects = ballot_projects(process)
    costs = {p.pk: p.ballot_cost for p in projects}
    outcome = results.count(
        budget=process.budget,
        costs=costs,
        ballots=choices(process),
        rule=process.rule,
        part_funding=process.part_funding,
    )
    rows = []
    rank = {pk: i for i, pk in enumerate(outcome.order)}
    for project in projects:
        pk = project.pk
        votes = outcome.votes_online[pk] + outcome.votes_paper[pk]
        rows.append(
            {
                "id": pk,
                "title": project.title,
                "cost": costs[pk],
                "votes_online": outcome.votes_online[pk],
                "votes_paper": outcome.votes_paper[pk],
                "votes": votes,
                "funded": pk in outcome.funded,
                "funded_amount": outcome.funded.get(pk, 0),
                "reason": outcome.reasons[pk],
                "reason_text": results.REASONS[outcome.reasons[pk]],
                "order": rank.get(pk),
            }
        )
    rows.sort(key=lambda r: (-r["votes"], r["cost"], r["id"]))
    people = turnout(process)
    return {
        "rule": process.rule,
        "part_funding": process.part_funding,
        "budget": process.budget,
        "spent": outcome.spent,
        "left": process.budget - outcome.spent,
        "ballots": people["ballots"],
        "ballots_online": people["online"],
        "ballots_paper": people["paper"],
        "population": people["population"],
        "turnout_percent": people["turnout_percent"],
        "projects": rows,
        "shares": _share_bands(outcome.share_spent) if process.rule == results.EQUAL_SHARES else [],
        "tie_rule": results.TIE_RULE,
    }


def published_results(process: Process) -> dict | None:
    """The frozen results, once published (None before: no counts are shown)."""
    result = Result.objects.filter(process_id=process.pk).only("figures").first()
    return result.figures if result is not None else None


def delivery(process: Process) -> list[Project]:
    """Funded projects with the improvement actions that deliver them."""
    return list(
        process.projects.filter(action__isnull=False).select_related("action").order_by("title")
    )


def codes_summary(process: Process) -> list[dict]:
    """Codes issued and used, by batch (the codes themselves are never kept)."""
    rows: dict[str, dict] = {}
    for batch, used_at in VotingCode.objects.filter(process=process).values_list(
        "batch", "used_at"
    ):
        row = rows.setdefault(batch, {"batch": batch, "issued": 0, "used": 0})
        row["issued"] += 1
        row["used"] += used_at is not None
    return list(rows.values())


def paper_ballots(process: Process) -> QuerySet[Ballot]:
    return process.ballots.filter(channel=Ballot.Channel.PAPER).prefetch_related("projects")


def for_review(process: Process) -> QuerySet[Project]:
    """Published proposals, for staff's review."""
    return published_projects(process).order_by("feasibility", "title", "pk")


def open_for_voting(*, today: datetime.date) -> QuerySet[Process]:
    return Process.objects.filter(
        status=Process.Status.PUBLISHED, voting_open__lte=today, voting_close__gte=today
    )
