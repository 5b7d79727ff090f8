"""Benchmark: load the reference data into an empty database, reload it, and time the
public pages and API on the loaded data.

    .venv/bin/python bench/reference_data.py             # SQLite (a temporary file)
    .venv/bin/python bench/reference_data.py --postgres  # PostgreSQL on 127.0.0.1:5432

Goals (issue 2): a load from scratch under 120 s on a 2-core machine, on both databases.
Prints the figures and writes them to bench/results/reference_data-<database>.json.
"""

from __future__ import annotations

import json
import resource
import sys
import time

from common import ROOT, bench_start, database_drop, pages_time

DATABASE = "placeplan_bench"
PAGES = [
    "/",
    "/areas/S12000049/",  # Glasgow City: the most data zones (746)
    "/areas/S12000023/",
    "/areas/S12000049/communities/S02001842/",
    "/api/v1/areas/",
    "/api/v1/areas/S12000049",
    "/api/v1/areas/S12000049/communities/S02001842",
]


def main() -> int:
    args = bench_start(description=__doc__, name=DATABASE)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("load_reference_data", verbosity=0)
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    call_command("load_reference_data", verbosity=0)
    reload_seconds = time.perf_counter() - started

    client = Client()
    pages = pages_time(client, PAGES, args.repeat)

    results = {
        "database": connection.vendor,
        "load_from_scratch_s": round(load_seconds, 1),
        "reload_unchanged_s": round(reload_seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "pages": pages,
        "goal_load_under_s": 120,
        "goal_met": load_seconds < 120,
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"reference_data-{connection.vendor}.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    connection.close()
    if args.postgres:
        database_drop(name=DATABASE)
    return 0 if results["goal_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
