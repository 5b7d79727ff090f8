"""Demonstration participatory budgeting for Perth and Kinross: two votes run by the Perth
City Local Community Planning Partnership for the Perth City locality.

- "Perth City Community Choices 2025 (demonstration)": knapsack ballots counted by the
  greedy rule, results published, its funded projects delivered as improvement actions.
  Its paper ballots are chosen so that the Method of Equal Shares would fund a different
  set of projects (``tests/budgets/test_budgets_demo.py`` counts both).
- "Perth City Small Grants vote (demonstration)": in voting now, approval ballots
  (up to three projects), the Method of Equal Shares; residents vote online with their
  account or with a voting code.

Everything is made through the budgets services, flagged ``is_demo`` and named
"(demonstration)"; the projects, costs and ballots (piles of paper ballots counted at
fictional events) are illustrative, not the partnership's."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from placeplan.budgets import services
from placeplan.budgets.models import Feasibility, Process
from placeplan.delivery.models import ActionStatus
from placeplan.delivery.services import action_save
from placeplan.partnerships.models import Body, Locality, Partner, Partnership

D = datetime.date
PERTH = "S12000048"
LOCAL_CPP = "Perth City Local Community Planning Partnership"
COUNCIL = "Perth and Kinross Council"
DEMO = "(demonstration)"

# 2025's projects: title, cost, group, description.
PROJECTS_2025 = [
    (
        "North Muirton play park",
        25_000,
        "North Muirton Residents' Association",
        "Replace the worn play equipment in the North Muirton play park, with swings a "
        "wheelchair user can use (demonstration).",
    ),
    (
        "Lighting the riverside path",
        20_000,
        "Friends of the North Inch",
        "Low lights along the riverside path from the North Inch to Bells Sports Centre, "
        "so people feel safe walking it after dark (demonstration).",
    ),
    (
        "Benches and planters on South Street",
        15_000,
        "Perth City Centre traders",
        "Seats and planters along South Street, so older people can rest on the way to "
        "the shops (demonstration).",
    ),
    (
        "Letham community growing space",
        12_000,
        "Letham Climate Action",
        "Raised beds, a shed and water for a community garden beside the Letham hub "
        "(demonstration).",
    ),
    (
        "Warm space in Hillyland hall",
        10_000,
        "Hillyland Community Group",
        "Heating, tea and a lending library two afternoons a week through the winter "
        "(demonstration).",
    ),
    (
        "Youth music sessions",
        8_000,
        "Perth Youth Forum",
        "A year of weekly music sessions for young people aged 12 to 18, with instruments "
        "to borrow (demonstration).",
    ),
]
# Piles of paper ballots counted at (fictional) events: how many, and which projects (by
# their index in PROJECTS_2025). Greedy funds the play park, the path and the benches;
# equal shares, the play park, the warm space and the music sessions by their supporters'
# shares, then the benches with the money left (not the path).
BALLOTS_2025 = [
    (70, (0, 1, 2), "Perth City community fun day (demonstration)"),
    (30, (3, 4, 5), "Letham hub open day (demonstration)"),
    (25, (0, 3, 5), "North Muirton gala (demonstration)"),
    (15, (1, 4), "Perth City community fun day (demonstration)"),
]
# The improvement actions' progress (demonstration), by project title.
DELIVERED = {
    "North Muirton play park": ActionStatus.COMPLETE,
    "Lighting the riverside path": ActionStatus.ON_TRACK,
    "Benches and planters on South Street": ActionStatus.NOT_STARTED,
}

PROJECTS_2026 = [
    (
        "Bike repair days",
        6_000,
        "Perth Cycle Hub",
        "Monthly free bike repair days in Muirton and Letham (demonstration).",
    ),
    (
        "Community fridge",
        9_000,
        "Perth City Food Share",
        "A community fridge in the city centre for surplus food (demonstration).",
    ),
    (
        "Wildflower verges",
        7_500,
        "Tulloch Environmental Group",
        "Sow wildflowers on grass verges in Tulloch and Hillyland (demonstration).",
    ),
    (
        "Digital drop-in for older people",
        11_000,
        "Age Friendly Perth",
        "Weekly help with phones, tablets and online forms at the AK Bell Library (demonstration).",
    ),
    (
        "Outdoor gym on the South Inch",
        18_000,
        "South Inch Users",
        "Outdoor exercise equipment beside the South Inch play park (demonstration).",
    ),
]


def _projects(process, rows, *, today):
    projects = []
    for title, cost, group, description in rows:
        project = services.project_enter(
            process=process,
            user=None,
            title=f"{title} {DEMO}",
            description=description,
            cost=cost,
            on_behalf_of=f"{group} (demonstration)",
            today=today,
        )
        projects.append(
            services.project_review(
                project=project,
                feasibility=Feasibility.FEASIBLE,
                reason="The council can deliver it within the year (demonstration).",
                today=today,
            )
        )
    return projects


def _first(partnership, body, city) -> Process:
    """2025: published results (greedy), funded projects delivered."""
    process = services.process_save(
        process=Process(
            partnership=partnership,
            body=body,
            locality=city,
            title=f"Perth City Community Choices 2025 {DEMO}",
            purpose="Demonstration: £60,000 for projects that make Perth City a better place "
            "to live, chosen by the people who live there (illustrative, not the "
            "partnership's).",
            theme="Safe, healthy and connected neighbourhoods",
            budget=60_000,
            max_cost=30_000,
            proposals_open=D(2025, 1, 13),
            proposals_close=D(2025, 2, 28),
            voting_open=D(2025, 4, 7),
            voting_close=D(2025, 4, 27),
            ballot=Process.BallotKind.KNAPSACK,
            rule=Process.Rule.GREEDY,
            residents_vote=True,
            codes_vote=True,
            is_demo=True,
            status=Process.Status.PUBLISHED,
        ),
        today=D(2025, 1, 6),
    )
    projects = _projects(process, PROJECTS_2025, today=D(2025, 3, 3))
    pool = services.project_enter(
        process=process,
        user=None,
        title=f"A swimming pool for North Muirton {DEMO}",
        description="A new swimming pool in North Muirton (demonstration).",
        cost=30_000,
        on_behalf_of="North Muirton Residents' Association (demonstration)",
        today=D(2025, 2, 20),
    )
    services.project_review(
        project=pool,
        feasibility=Feasibility.UNFEASIBLE,
        reason="A pool costs millions to build and run: far more than this budget. The idea "
        "was passed to Live Active Leisure (demonstration).",
        today=D(2025, 3, 3),
    )
    lights = services.project_enter(
        process=process,
        user=None,
        title=f"Lights on the North Inch path {DEMO}",
        description="Put lights along the path by the river (demonstration).",
        cost=22_000,
        on_behalf_of="North Inch dog walkers (demonstration)",
        today=D(2025, 2, 21),
    )
    services.project_merge(project=lights, into=projects[1], today=D(2025, 3, 3))
    for count, chosen, event in BALLOTS_2025:
        services.paper_enter(
            process=process,
            projects=[projects[i] for i in chosen],
            count=count,
            event=event,
            user=None,
            today=D(2025, 4, 27),
        )
    services.results_publish(process=process, user=None, today=D(2025, 5, 6))
    council = Partner.objects.get(partnership=partnership, organisation__name=COUNCIL)
    for project in projects:
        status = DELIVERED.get(project.title.removesuffix(f" {DEMO}"))
        if status is None:
            continue
        action = services.project_deliver(
            project=project,
            accountable_partner=council,
            responsible_body=body,
            due=D(2026, 3, 31),
            today=D(2025, 6, 2),
        )
        if status != action.status:
            action.status = status
            action_save(action=action, today=D(2025, 11, 14))
    return process


def _second(partnership, body, city, today) -> Process:
    """2026: in voting now, approval ballots, equal shares."""
    process = services.process_save(
        process=Process(
            partnership=partnership,
            body=body,
            locality=city,
            title=f"Perth City Small Grants vote {DEMO}",
            purpose="Demonstration: £30,000 for small projects in Perth City, shared fairly "
            "by the Method of Equal Shares (illustrative, not the partnership's).",
            theme="Greener, kinder neighbourhoods",
            budget=30_000,
            max_cost=20_000,
            proposals_open=today - datetime.timedelta(days=70),
            proposals_close=today - datetime.timedelta(days=35),
            voting_open=today - datetime.timedelta(days=7),
            voting_close=today + datetime.timedelta(days=21),
            ballot=Process.BallotKind.APPROVAL,
            max_choices=3,
            rule=Process.Rule.EQUAL_SHARES,
            residents_vote=True,
            codes_vote=True,
            is_demo=True,
            status=Process.Status.PUBLISHED,
        ),
        today=today - datetime.timedelta(days=80),
    )
    projects = _projects(process, PROJECTS_2026, today=today - datetime.timedelta(days=30))
    services.paper_enter(
        process=process,
        projects=projects[:2],
        count=12,
        event="Perth City library drop-in (demonstration)",
        user=None,
        today=today,
    )
    return process


@transaction.atomic
def budgets_demo_load(today: datetime.date | None = None) -> int:
    """Create Perth and Kinross's demonstration participatory budgeting once; returns how
    many processes were created."""
    today = today or timezone.localdate()
    partnership = Partnership.objects.get(council_area__code=PERTH)
    if Process.objects.filter(partnership=partnership, is_demo=True).exists():
        return 0
    body = Body.objects.get(partnership=partnership, name=LOCAL_CPP)
    city = Locality.objects.get(partnership=partnership, name="Perth City")
    _first(partnership, body, city)
    _second(partnership, body, city, today)
    return Process.objects.filter(partnership=partnership, is_demo=True).count()
