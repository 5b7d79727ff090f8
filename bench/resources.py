"""Benchmark: resources and prevention (issue 20). The workspace's resources overview and
the joint resourcing return, on a partnership of benchmark size, each beside a minimal
view measured in the same run.

    .venv/bin/python bench/resources.py             # SQLite (a temporary file)
    .venv/bin/python bench/resources.py --postgres  # PostgreSQL on 127.0.0.1:5432
    .venv/bin/python bench/resources.py --repeat 3

Set-up, in a new, empty database (``placeplan_bench_resources`` on PostgreSQL): migrate
and the reference data; then for Glasgow (no demonstration content) 30 fictional partners,
a published plan of 60 outcomes (10 long-term, 50 intermediate), a prevention fund and an
integration budget, and ten yearly rounds (2017/18 to 2026/27) of 66 lines a partner (one
to each outcome and six pooled): 19,800 lines, made with ``bulk_create``. Every partner
has confirmed every round but the latest, where two have not; one line in 50 is not for
publication; prevention targets and ten interventions with ten years of spend and savings.
The pages are read by a fictional support officer of the partnership (figures in full).
Each round's preventative share is then kept (``services.shares_changed``, as after any
change through the services): the kept shares are part of the data, like an index, not
the cache, so they are there for every request below.

Each page is requested ``--repeat`` times (5) from scratch: the cache emptied before
every request, so each request makes all its own queries (counted); one request before
them, not measured, warms the process (imports, templates). Beside them the
minimal view, ``/health/`` (the smallest view in the product: bench/load.py says why),
measured the same way in the same run; each page's median is given as a ratio of its.

Pages: the workspace overview (this year and an earlier one), an outcome's page, and the
public overview and outcome page (read by the same signed-in officer: the public pages
show published figures to everybody). Goals (reported, not asserted in tests): each page
under 300 ms, the return (Excel and PDF) under 3 s. Writes bench/results/resources-<database>.json.
"""

from __future__ import annotations

import datetime
import json
import random
import statistics
import sys
import time
from decimal import Decimal

from common import ROOT, bench_start, database_drop

GLASGOW = "S12000049"
DATABASE = "placeplan_bench_resources"
PARTNERS, TOP, CHILDREN, YEARS = 30, 10, 5, range(2017, 2027)
POOLED_PER_PARTNER = 6
PAGE_GOAL_MS, RETURN_GOAL_MS = 300, 3000


def build() -> tuple[str, object]:
    """The benchmark partnership (benchmark data only, in a throwaway database); answers
    its code and its support officer."""
    from django.utils import timezone

    from placeplan.accounts.models import User
    from placeplan.partnerships import services as partnerships
    from placeplan.partnerships.models import Body, OrganisationKind, Partnership, Role
    from placeplan.plans import services as plans
    from placeplan.plans.models import Outcome, Plan
    from placeplan.resources import services
    from placeplan.resources.models import (
        Arrangement,
        Confirmation,
        Intervention,
        Line,
        Pool,
        Round,
    )

    rng = random.Random(20)
    glasgow = Partnership.objects.get(council_area__code=GLASGOW)
    board = partnerships.body_save(
        body=Body(partnership=glasgow, name="Bench Board", kind="board", level="strategic")
    )
    partners = [
        partnerships.partner_add(
            partnership=glasgow,
            organisation=partnerships.organisation_ensure(
                name=f"Bench partner {n:02d}", kind=OrganisationKind.OTHER
            ),
        )
        for n in range(PARTNERS)
    ]
    plan = plans.plan_save(
        plan=Plan(
            partnership=glasgow,
            kind=Plan.Kind.LOIP,
            title="Bench plan",
            period_start=datetime.date(2017, 4, 1),
            period_end=datetime.date(2027, 3, 31),
            owning_body=board,
            priority_limit=TOP,
        )
    )
    for top_number in range(TOP):
        top = plans.outcome_save(
            outcome=Outcome(plan=plan, statement=f"Long-term outcome {top_number}")
        )
        for child_number in range(CHILDREN):
            plans.outcome_save(
                outcome=Outcome(plan=plan, parent=top, statement=f"Outcome {child_number}")
            )
    plans.plan_agree(plan=plan, agreed_by=board, agreed_on=datetime.date(2017, 3, 1))
    plans.plan_publish(plan=plan, published_on=datetime.date(2017, 3, 2))
    outcomes = list(Outcome.objects.filter(plan=plan).order_by("pk"))
    fund = services.pool_save(
        partnership=glasgow, name="Bench prevention fund", kind=Pool.Kind.PREVENTION,
        host=partners[0],
    )  # fmt: skip
    integration = services.pool_save(
        partnership=glasgow, name="Bench integration budget", kind=Pool.Kind.INTEGRATION,
        host=partners[1],
    )  # fmt: skip
    for index, year in enumerate(YEARS):
        round = services.round_open(
            partnership=glasgow,
            year=year,
            due=datetime.date(year, 2, 28),
            request="Bench round.",
            user=None,
        )
        lines = []
        for partner in partners:
            for k, outcome in enumerate(outcomes + outcomes[:POOLED_PER_PARTNER]):
                pooled = k >= len(outcomes)
                pool = fund if k % 2 else integration
                if pooled and pool.host_id == partner.pk:
                    pool = integration if pool is fund else fund
                primary = min(60, rng.randrange(0, 30) + 2 * index)
                secondary = rng.randrange(0, 20)
                tertiary = rng.randrange(0, 20)
                lines.append(
                    Line(
                        round=round,
                        partner=partner,
                        title=f"Bench line {k}",
                        outcome=outcome,
                        budget=Decimal(rng.randrange(1_000_000, 500_000_000)) / 100,
                        outturn=(
                            Decimal(rng.randrange(1_000_000, 500_000_000)) / 100
                            if year < YEARS[-1]
                            else None
                        ),
                        staff_fte=Decimal(rng.randrange(0, 5000)) / 100,
                        arrangement=Arrangement.POOLED if pooled else Arrangement.ALIGNED,
                        pool=pool if pooled else None,
                        primary=primary,
                        secondary=secondary,
                        tertiary=tertiary,
                        not_preventative=100 - primary - secondary - tertiary,
                        not_for_publication=rng.randrange(50) == 0,
                    )
                )
        Line.objects.bulk_create(lines, batch_size=2000)
        confirming = partners if year < YEARS[-1] else partners[:-2]
        Confirmation.objects.bulk_create(
            Confirmation(round=round, partner=partner, confirmed_at=timezone.now())
            for partner in confirming
        )
        services.shares_changed(round=round)  # as the services do after a change
    for year, share in ((2022, Decimal("30")), (2026, Decimal("40")), (2030, Decimal("50"))):
        services.target_save(partnership=glasgow, year=year, share=share)
    for n in range(10):
        intervention = services.intervention_save(
            partnership=glasgow,
            title=f"Bench intervention {n}",
            kind=Intervention.Kind.PROGRAMME,
            level="primary",
            lead_partner=partners[n],
            pool=fund,
            demand="Benchmark demand.",
        )
        for year in YEARS:
            services.intervention_year_save(
                intervention=intervention,
                year=year,
                spend=Decimal("100000.00"),
                expected_cashable=Decimal("20000.00"),
                realised_cashable=Decimal("15000.00") if year < YEARS[-1] else None,
            )
    officer = User.objects.create_user(
        email="support.officer@bench.placeplan.invalid",
        password="A-fictional-bench-password-20",  # noqa: S106 - a throwaway database's
        full_name="Fictional Benchofficer",
    )
    partnerships.partnership_role_grant(
        user=officer, partnership=glasgow, role=Role.SUPPORT_OFFICER
    )
    assert Round.objects.filter(partnership=glasgow).count() == len(YEARS)
    return GLASGOW, officer


def time_cold(client, url: str, repeat: int) -> dict:
    """Median and first server time, queries and size of a page requested ``repeat``
    times, the cache emptied before each (after one request, not measured, that warms the
    process); raises if it does not answer 200."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # the process warmed (imports, templates, fonts): not measured
    timings, queries = [], []
    for _ in range(repeat):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - began)
        queries.append(len(captured))
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    return {
        "median_ms": round(1000 * statistics.median(timings), 1),
        "first_ms": round(1000 * timings[0], 1),
        "queries": max(queries),
        "bytes": len(response.content),
    }


def main() -> int:
    args = bench_start(description=__doc__, name=DATABASE)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from placeplan.core import worker
    from placeplan.plans.models import Outcome
    from placeplan.resources.models import Line

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    started = time.perf_counter()
    code, officer = build()
    build_seconds = time.perf_counter() - started
    worker.check_in("bench-resources", timezone.now())  # so that /health/ answers 200

    client = Client()
    client.force_login(officer)
    latest = YEARS[-1]
    baseline = time_cold(client, "/health/", args.repeat)
    outcome = (
        Outcome.objects.filter(plan__partnership__council_area__code=code).order_by("pk").first()
    )
    label = f"{latest}/{(latest + 1) % 100:02d}"
    pages = {
        f"/workspace/{code}/resources/?year={label}": PAGE_GOAL_MS,
        f"/workspace/{code}/resources/?year=2020/21": PAGE_GOAL_MS,
        f"/workspace/{code}/resources/{latest}/outcomes/{outcome.pk}/": PAGE_GOAL_MS,
        f"/areas/{code}/resources/?year={label}": PAGE_GOAL_MS,
        f"/areas/{code}/resources/{latest}/outcomes/{outcome.pk}/": PAGE_GOAL_MS,
        f"/workspace/{code}/resources/{latest}/return.xlsx": RETURN_GOAL_MS,
        f"/workspace/{code}/resources/{latest}/return.pdf": RETURN_GOAL_MS,
    }
    measured = {}
    for url, goal in pages.items():
        page = time_cold(client, url, args.repeat)
        page["over_minimal"] = round(page["median_ms"] / baseline["median_ms"], 1)
        page["goal_under_ms"] = goal
        page["goal_met"] = page["median_ms"] < goal
        measured[url] = page
    results = {
        "database": connection.vendor,
        "partners": PARTNERS,
        "outcomes": TOP * (1 + CHILDREN),
        "years": len(YEARS),
        "lines": Line.objects.count(),
        "build_s": round(build_seconds, 1),
        "repeat": args.repeat,
        "minimal_view": {"/health/": baseline},
        "pages": measured,
        "goal_met": all(page["goal_met"] for page in measured.values()),
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"resources-{connection.vendor}.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    connection.close()
    if args.postgres:
        database_drop(name=DATABASE)
    return 0 if results["goal_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
