"""What the benchmarks share: a throwaway database and timing pages with the test client."""

from __future__ import annotations

import http.client
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/test"
sys.path.insert(0, str(ROOT / "src"))


def database_use(*, postgres: bool, name: str) -> None:
    """Point Django at a new, empty database: a temporary SQLite file or PostgreSQL
    database ``name`` (dropped first if it is left over from an earlier run)."""
    if postgres:
        database_drop(name=name)
        import psycopg

        with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    else:
        folder = tempfile.mkdtemp(prefix="placeplan-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    os.environ["DJANGO_SETTINGS_MODULE"] = "placeplan.config.settings_test"


def bench_start(*, description: str, name: str):
    """Read the page benchmarks' options (``--postgres``, ``--repeat``), point Django at a
    new, empty database and set Django up; answers the options."""
    import argparse

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--repeat", type=int, default=5, help="requests per page")
    args = parser.parse_args()
    database_use(postgres=args.postgres, name=name)
    import django

    django.setup()
    return args


def database_drop(*, name: str) -> None:
    """Drop a PostgreSQL benchmark database."""
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name}")


def pages_time(client, urls: list[str], repeat: int) -> dict[str, dict]:
    """Median server time and size of each page; raises if one does not answer 200."""
    pages = {}
    for url in urls:
        timings = []
        for _ in range(repeat):
            began = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - began)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        pages[url] = {
            "median_ms": round(1000 * statistics.median(timings), 1),
            "bytes": len(response.content),
        }
    return pages


def results_report(
    *, name: str, pages: dict, goal_ms: float, postgres: bool, database: str, **figures
) -> int:
    """Print and save a page benchmark's results (bench/results/<name>-<vendor>.json), drop
    its PostgreSQL database, and answer the exit status: 0 when every page met the goal."""
    import json

    from django.db import connection

    slowest = max(page["median_ms"] for page in pages.values())
    results = {
        "database": connection.vendor,
        **figures,
        "pages": pages,
        "slowest_ms": slowest,
        "goal_under_ms": goal_ms,
        "goal_met": slowest < goal_ms,
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}-{connection.vendor}.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    connection.close()
    if postgres:
        database_drop(name=database)
    return 0 if results["goal_met"] else 1


def clients_load(
    port: int, path: str, requests: int, *, clients: int, keep_alive: bool = True
) -> dict:
    """``requests`` GETs of ``path`` on 127.0.0.1:``port`` from ``clients`` threads, each
    keeping its connection (or, ``keep_alive=False``, with a connection of its own for each
    request, as the reverse proxy of docs/deployment.md connects): throughput and latency;
    raises if one does not answer 200."""
    latencies: list[float] = []
    lock = threading.Lock()
    failures: list[str] = []

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(requests // clients):
            began = time.perf_counter()
            if keep_alive:
                connection.request("GET", path)
            else:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                connection.request("GET", path, headers={"Connection": "close"})
            response = connection.getresponse()
            response.read()
            if not keep_alive:
                connection.close()
            if response.status != 200:
                failures.append(f"{path} answered {response.status}")
                return
            with lock:
                latencies.append(time.perf_counter() - began)
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    if failures:
        raise RuntimeError(failures[0])
    latencies.sort()
    return {
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / seconds, 1),
        "p50_ms": round(1000 * latencies[len(latencies) // 2], 1),
        "p95_ms": round(1000 * latencies[int(len(latencies) * 0.95) - 1], 1),
    }
