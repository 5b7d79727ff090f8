"""Benchmark: the plan pages, CSV downloads and API on the demo plans, and on a large
synthetic plan (10 long-term and 50 intermediate outcomes, 150 indicators with baselines
and targets, 200 commitments) with a second version, to show how they scale.

    .venv/bin/python bench/plans.py             # SQLite (a temporary file)
    .venv/bin/python bench/plans.py --postgres  # PostgreSQL on 127.0.0.1:5432

Goal (issue 4): every plan page, download and API answer under 500 ms server time
(median), including the large plan. Prints the figures and writes them to
bench/results/plans-<database>.json. The synthetic plan is benchmark data only, in a
throwaway database.
"""

from __future__ import annotations

import datetime
import sys
import time

from common import bench_start, pages_time, results_report

HIGHLAND, GLASGOW = "S12000017", "S12000049"
GOAL_MS = 500
DATABASE = "placeplan_bench_plans"


def _large_plan():
    """A published Glasgow plan of benchmark size, amended into a second published
    version with one target changed (benchmark data only)."""
    from placeplan.partnerships import services as partnerships
    from placeplan.partnerships.models import Body, OrganisationKind, Partnership
    from placeplan.performance.models import Measure
    from placeplan.plans import services
    from placeplan.plans.models import Commitment, Outcome, Plan

    glasgow = Partnership.objects.get(council_area__code=GLASGOW)
    board = partnerships.body_save(
        body=Body(partnership=glasgow, name="Bench Board", kind="board", level="strategic")
    )
    partner = partnerships.partner_add(
        partnership=glasgow,
        organisation=partnerships.organisation_ensure(
            name="Bench Council", kind=OrganisationKind.COUNCIL
        ),
    )
    plan = services.plan_save(
        plan=Plan(
            partnership=glasgow,
            kind=Plan.Kind.LOIP,
            title="Bench plan",
            period_start=datetime.date(2024, 4, 1),
            period_end=datetime.date(2034, 3, 31),
            owning_body=board,
            priority_limit=10,
        )
    )
    measures = [
        measure
        for measure in Measure.objects.filter(collection="cpop").exclude(higher_is_better=None)
        if "council_area" in measure.levels and measure.valid_max in (None, 100)
    ]
    area = glasgow.council_area
    due = datetime.date(2030, 3, 31)
    for top_number in range(10):
        top = services.outcome_save(
            outcome=Outcome(
                plan=plan, statement=f"Long-term outcome {top_number}", is_priority=True
            )
        )
        for child_number in range(5):
            child = services.outcome_save(
                outcome=Outcome(plan=plan, parent=top, statement=f"Outcome {child_number}")
            )
            for k in range(3):
                measure = measures[(top_number * 5 + child_number + k) % len(measures)]
                indicator = services.indicator_add(outcome=child, measure=measure, area=area)
                services.indicator_baseline_set(indicator=indicator, value=50.0, period="2023/24")
                step = 1 if measure.higher_is_better else -1
                for n, year in enumerate((2028, 2032), start=1):
                    services.target_add(
                        indicator=indicator,
                        value=50.0 + step * n,
                        due=datetime.date(year, 3, 31),
                    )
            for k in range(4):
                services.commitment_save(
                    commitment=Commitment(
                        outcome=child, what=f"Commitment {k}", lead_partner=partner, due=due
                    )
                )
    services.plan_agree(plan=plan, agreed_by=board, agreed_on=datetime.date(2024, 3, 1))
    services.plan_publish(plan=plan, published_on=datetime.date(2024, 3, 2))
    amended = services.plan_amend(plan=plan)
    services.target_remove(
        target=amended.outcomes.exclude(parent=None).first().indicators.first().targets.first()
    )
    services.plan_agree(plan=amended, agreed_by=board, agreed_on=datetime.date(2025, 3, 1))
    services.plan_publish(plan=amended, published_on=datetime.date(2025, 3, 2))
    return plan, amended, partner


def main() -> int:
    args = bench_start(description=__doc__, name=DATABASE)
    from django.core.management import call_command
    from django.test import Client

    from placeplan.accounts.models import User
    from placeplan.plans.models import Plan

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    started = time.perf_counter()
    call_command("load_demo", verbosity=0)
    demo_seconds = time.perf_counter() - started
    started = time.perf_counter()
    first, second, partner = _large_plan()
    large_seconds = time.perf_counter() - started

    soa = Plan.objects.get(
        partnership__council_area__code=HIGHLAND, kind="loip", status="published"
    )
    public = [
        f"/areas/{HIGHLAND}/plans/",
        f"/areas/{HIGHLAND}/plans/{soa.pk}/",
        f"/areas/{GLASGOW}/plans/{second.pk}/",
        f"/areas/{GLASGOW}/plans/{second.pk}/commitments.csv",
        f"/areas/{GLASGOW}/plans/{second.pk}/compare/{first.pk}/",
        f"/areas/{GLASGOW}/partnership/partners/{partner.pk}/",
        f"/api/v1/partnerships/{GLASGOW}/plans",
        f"/api/v1/plans/{second.pk}",
    ]
    staff = [
        f"/workspace/{HIGHLAND}/plans/",
        f"/workspace/{GLASGOW}/plans/{second.pk}/",
        f"/workspace/{GLASGOW}/plans/{second.pk}/compare/{first.pk}/",
        f"/workspace/{GLASGOW}/indicators/",
        f"/workspace/{GLASGOW}/partners/{partner.pk}/",
    ]
    anonymous, admin = Client(), Client()
    admin.force_login(User.objects.get(email="site.admin@demo.placeplan.invalid"))
    pages = {**pages_time(anonymous, public, args.repeat), **pages_time(admin, staff, args.repeat)}
    return results_report(
        name="plans",
        pages=pages,
        goal_ms=GOAL_MS,
        postgres=args.postgres,
        database=DATABASE,
        load_demo_s=round(demo_seconds, 1),
        large_plan_build_s=round(large_seconds, 1),
    )


if __name__ == "__main__":
    sys.exit(main())
