"""Benchmark: the outcomes profile and the national comparison (issue 17), built from
scratch and under 10 clients, beside a minimal view in the same run. PostgreSQL and
Redis only.

    .venv/bin/python bench/profiles.py               # about 3 minutes on a 2-core machine
    .venv/bin/python bench/profiles.py --requests 200

Set-up, in a throwaway database ``placeplan_bench_profiles`` on 127.0.0.1:5432 and Redis
127.0.0.1:6379 (database 8, keys under a prefix of the run's own, removed at the end):
migrate and the reference data, with the production settings (DEBUG off). Pages:

- the outcomes profile of Glasgow City (``/areas/S12000049/outcomes/``): 20 measures
  over 15 years against Scotland and family group 4, ranks and rates of improvement
  among the 32, inequality in two years for 8 measures, 136 communities in the round;
- the national comparison of child poverty in 2021/22 with Glasgow City highlighted,
  and its years (``/compare/?measure=…&period=…&area=…``).

(a) Built from scratch: each page built in this process by Django's test client with
    the evidence version moved on before each request, so nothing comes from the cache
    (the same code path as the first visitor after new values are saved); the median of
    ``--builds`` (7). Goal: under 300 ms.
(b) Under 10 clients: gunicorn (2 workers × 4 threads) and the task worker (so that
    ``/health/`` answers 200); ``--requests`` (400) GETs of each page from 10 threads,
    each keeping its connection, for people not signed in, so the pages come from the
    cache under the evidence version, as the public gets them; and the same of
    ``/health/``, the smallest view in the product (bench/load.py says why), in the same
    run. Goal: each page's throughput at least a quarter of the minimal view's.

Writes bench/results/profiles-postgresql.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from common import ROOT, clients_load, database_drop, database_use
from load import REDIS_URL, free_port, gunicorn, redis_clear, server_env, wait_until_healthy

DATABASE = "placeplan_bench_profiles"
GLASGOW = "S12000049"
CLIENTS = 10
PAGES = {
    "profile": f"/areas/{GLASGOW}/outcomes/",
    "comparison": f"/compare/?measure=cpop-child-poverty&period=2021/22&area={GLASGOW}",
}
GOAL_BUILD_MS = 300


def built_from_scratch(builds: int) -> dict:
    """The median time to build each page with nothing in the cache."""
    from django.test import Client

    from placeplan.core.evidence_cache import evidence_changed

    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for name, path in PAGES.items():
        client.get(path)  # templates compiled and connections made once, as in a server
        timings = []
        for _ in range(builds):
            evidence_changed()
            began = time.perf_counter()
            response = client.get(path)
            timings.append(time.perf_counter() - began)
            if response.status_code != 200:
                raise RuntimeError(f"{path} answered {response.status_code}")
        median = 1000 * statistics.median(timings)
        results[name] = {
            "path": path,
            "median_ms": round(median, 1),
            "slowest_ms": round(1000 * max(timings), 1),
            "bytes": len(response.content),
            "goal_met": median < GOAL_BUILD_MS,
        }
    return results


def under_load(requests: int) -> dict:
    port = free_port()
    server = gunicorn(port, 2, 4)
    worker = subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "manage.py", "run_worker", "--interval", "1"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_until_healthy([port])
        for path in PAGES.values():
            clients_load(port, path, CLIENTS, clients=CLIENTS)  # each worker warm, the pages kept
        minimal = clients_load(port, "/health/", requests, clients=CLIENTS)
        results = {"minimal_view": {"path": "/health/", **minimal}}
        for name, path in PAGES.items():
            figures = clients_load(port, path, requests, clients=CLIENTS)
            share = figures["requests_per_s"] / minimal["requests_per_s"]
            results[name] = {
                "path": path,
                **figures,
                "share_of_minimal": round(share, 3),
                "goal_met": share >= 0.25,
            }
        return results
    finally:
        for process in (server, worker):
            process.terminate()
        for process in (server, worker):
            process.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builds", type=int, default=7)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    prefix = f"bench-profiles-{os.getpid()}"
    database_use(postgres=True, name=DATABASE)
    os.environ.update(server_env(prefix))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        call_command("migrate", verbosity=0)
        call_command("load_reference_data", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        results = {
            "database": "postgresql",
            "cache": REDIS_URL,
            "clients": CLIENTS,
            "built_from_scratch": built_from_scratch(args.builds),
        }
        connection.close()
        results["under_load"] = under_load(args.requests)
    finally:
        connection.close()
        redis_clear(prefix)
        database_drop(name=DATABASE)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "profiles-postgresql.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    met = all(page["goal_met"] for page in results["built_from_scratch"].values()) and all(
        results["under_load"][name]["goal_met"] for name in PAGES
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
