"""Benchmark: the governance pages and API on the demo structures, and on a large
synthetic partnership (120 bodies, 1,800 memberships) to show how they scale.

    .venv/bin/python bench/governance.py             # SQLite (a temporary file)
    .venv/bin/python bench/governance.py --postgres  # PostgreSQL on 127.0.0.1:5432

Goal (issue 3): every governance page and API answer under 500 ms server time (median),
including the large partnership. Prints the figures and writes them to
bench/results/governance-<database>.json. The synthetic bodies are benchmark data only,
in a throwaway database.
"""

from __future__ import annotations

import datetime
import sys
import time

from common import bench_start, pages_time, results_report

HIGHLAND, PERTH, GLASGOW = "S12000017", "S12000048", "S12000049"
GOAL_MS = 500
DATABASE = "placeplan_bench_gov"


def _large_partnership() -> None:
    """Glasgow with 1 board, 9 groups, 30 sub-groups and 80 local partnerships, 15 members
    each (benchmark data only)."""
    from placeplan.partnerships import services
    from placeplan.partnerships.models import Body, Membership, Partnership, Person

    glasgow = Partnership.objects.get(council_area__code=GLASGOW)
    start = datetime.date(2026, 1, 1)
    board = services.body_save(
        body=Body(partnership=glasgow, name="Bench Board", kind="board", level="strategic"),
        remit=[f"Remit point {n}" for n in range(1, 8)],
    )
    parents = [board]
    layout = [(9, "thematic_group", "strategic"), (30, "sub_group", "operational")]
    for count, kind, level in layout:
        made = []
        for n in range(count):
            made.append(
                services.body_save(
                    body=Body(
                        partnership=glasgow,
                        name=f"Bench {kind} {n}",
                        kind=kind,
                        level=level,
                        reports_to=parents[n % len(parents)],
                    ),
                    remit=["Remit point 1", "Remit point 2"],
                )
            )
        parents = made
    for n in range(80):
        services.body_save(
            body=Body(
                partnership=glasgow,
                name=f"Bench local partnership {n}",
                kind="local_partnership",
                level="local",
                reports_to=board,
                max_members=15,
                review_after_months=12,
            ),
            remit=[],
        )
    people = Person.objects.bulk_create(
        Person(partnership=glasgow, name=f"Bench Person {n}") for n in range(1800)
    )
    bodies = list(Body.objects.filter(partnership=glasgow))
    Membership.objects.bulk_create(
        Membership(
            body=bodies[n // 15],
            person=people[n],
            role="chair" if n % 15 == 0 else "member",
            category="officer",
            start=start,
            next_review=start if n % 7 == 0 else None,
        )
        for n in range(min(1800, 15 * len(bodies)))
    )


def main() -> int:
    args = bench_start(description=__doc__, name=DATABASE)
    from django.core.management import call_command
    from django.test import Client

    from placeplan.accounts.models import User
    from placeplan.partnerships.models import Body

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    started = time.perf_counter()
    call_command("load_demo", verbosity=0)
    demo_seconds = time.perf_counter() - started
    _large_partnership()

    cog = Body.objects.get(partnership__council_area__code=HIGHLAND, name="Chief Officers Group")
    city = Body.objects.get(
        partnership__council_area__code=PERTH,
        name="Perth City Local Community Planning Partnership",
    )
    bench_board = Body.objects.get(partnership__council_area__code=GLASGOW, name="Bench Board")
    public = [
        f"/areas/{HIGHLAND}/partnership/",
        f"/areas/{HIGHLAND}/partnership/bodies/{cog.pk}/",
        f"/areas/{PERTH}/partnership/bodies/{city.pk}/",
        f"/areas/{GLASGOW}/partnership/",
        f"/areas/{GLASGOW}/partnership/bodies/{bench_board.pk}/",
        f"/api/v1/partnerships/{HIGHLAND}/structure",
        f"/api/v1/partnerships/{GLASGOW}/structure",
        f"/api/v1/partnerships/{PERTH}/bodies/{city.pk}",
    ]
    staff = [
        f"/workspace/{PERTH}/structure/",
        f"/workspace/{PERTH}/bodies/{city.pk}/",
        f"/workspace/{PERTH}/bodies/{city.pk}/members/add/",
        f"/workspace/{GLASGOW}/structure/",
        f"/workspace/{GLASGOW}/members/",
    ]
    anonymous, admin = Client(), Client()
    admin.force_login(User.objects.get(email="site.admin@demo.placeplan.invalid"))
    pages = {**pages_time(anonymous, public, args.repeat), **pages_time(admin, staff, args.repeat)}
    return results_report(
        name="governance",
        pages=pages,
        goal_ms=GOAL_MS,
        postgres=args.postgres,
        database=DATABASE,
        load_demo_s=round(demo_seconds, 1),
    )


if __name__ == "__main__":
    sys.exit(main())
