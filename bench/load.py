"""Benchmark: two web processes, as two machines would run them, on one PostgreSQL and one
Redis, holding the reference data and the demo, under 50 concurrent clients; then one
of them is killed mid-run ("Beyond one machine"). PostgreSQL and Redis only.

    .venv/bin/python bench/load.py                # about 4 minutes on a 2-core machine
    .venv/bin/python bench/load.py --seconds 10   # shorter phases

Set-up, in a throwaway database ``placeplan_bench_load`` on 127.0.0.1:5432 and Redis
127.0.0.1:6379 (database 8, keys under a prefix of the run's own): migrate, the reference
data and the demo, and ``collectstatic``, all with the production settings (DEBUG off);
then two gunicorn processes (2 workers × 4 threads each) and the task worker
(``manage.py run_worker``, so that ``/health/`` answers 200).

The clients are one asyncio loop in this process, a pure-Python client (nothing to
install). Each request opens a connection of its own (HTTP/1.0, as nginx talks to its
upstreams by default) to the two processes in turn, like the load balancer of
docs/deployment.md: a request that cannot connect, or whose connection breaks before the
whole answer arrives, is sent to the other process, and the failed one is skipped for
10 s (``proxy_next_upstream error timeout``, ``fail_timeout=10s``). All traffic goes to
127.0.0.1. Each phase lasts ``--seconds`` (20) or ``MAX_REQUESTS``, whichever ends first:

- minimal: ``/health/``, the baseline (below);
- public, cached: a partnership's outcomes dashboard and a plan indicator's page, kept in
  Redis under the evidence version for people not signed in;
- public, not cached: the home page (the 32 areas and their map), built for every request;
- API: four GET endpoints, built for every request;
- workspace: two staff pages, signed in as the demo's four Highland people (two-factor
  sign-in is not required of them: MFA_REQUIRED_ROLES=none);
- kill: the cached pages, the API and the workspace pages together; halfway through, one
  gunicorn (master and workers) is killed with SIGKILL.

The baseline is ``/health/``, the smallest view in the product: it passes every
middleware a page does and answers a few bytes of JSON after three tiny queries (the
database answers, the migrations, the worker's last check-in). A static file would be
smaller still, but WhiteNoise answers it before Django's middleware and views run, so it
would measure gunicorn rather than a Django request. Nothing is added to the product for
the benchmark.

All clients come from 127.0.0.1, so the API's limit per address is raised
(API_RATE_LIMIT_PER_ADDRESS); the limit is still checked on every API request.

Goals: no errors; p95 under 300 ms for the pages built for every request (public not
cached, API, workspace); the cached public pages at least a quarter of the minimal view's
throughput; in the kill phase the other process keeps serving and no request fails beyond
those in flight at the kill (here: none, as those are sent again). Writes
bench/results/load-postgresql.json.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import itertools
import json
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse

from common import ROOT, database_drop, database_use

DATABASE = "placeplan_bench_load"
REDIS_URL = "redis://127.0.0.1:6379/8"
HIGHLAND = "S12000017"
CLIENTS = 50
MAX_REQUESTS = 200_000  # a phase's bound in count, beside its bound in time
REQUEST_SECONDS = 30
FAIL_TIMEOUT = 10.0  # how long the balancer skips a process that failed
STARTING_SECONDS = 90
PASSWORD = "demo-placeplan-2026"  # noqa: S105 - the demo's published password
STAFF = [
    f"{role}.highland@demo.placeplan.invalid"
    for role in ("support.officer", "partner.officer", "board.member", "community.member")
]
BUILT_EACH_TIME = ("public, not cached", "API", "workspace")


class NothingReceived(Exception):
    """The connection ended before any of the answer arrived: the request may be sent to
    the other process (a load balancer does)."""


class CutOff(Exception):
    """The connection ended after part of the answer arrived: a load balancer that has
    passed part of it on cannot send the request elsewhere, so it fails."""


class Unavailable(Exception):
    """Neither process answered."""


async def fetch(port: int, request: bytes) -> tuple[int, int]:
    """Send one request on a connection of its own; the status and the answer's size."""
    received = bytearray()
    try:
        async with asyncio.timeout(REQUEST_SECONDS):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            try:
                writer.write(request)
                while chunk := await reader.read(65536):  # HTTP/1.0: closed when done
                    received += chunk
            finally:
                writer.close()
    except (OSError, TimeoutError) as error:
        if received:
            raise CutOff from error
        raise
    if not received:
        raise NothingReceived
    head, blank, body = bytes(received).partition(b"\r\n\r\n")
    length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    if not blank or not head.startswith(b"HTTP/") or (length and int(length[1]) != len(body)):
        raise CutOff
    return int(head[9:12]), len(received)


class Balancer:
    """Round robin over the processes; a request that could not be sent, or got nothing
    back, goes to the next one, and the failed process is skipped for ``FAIL_TIMEOUT``."""

    def __init__(self, ports: list[int]) -> None:
        self.ports = ports
        self.turn = itertools.count()
        self.down_until = dict.fromkeys(ports, 0.0)
        self.sent_again = 0

    def _order(self) -> list[int]:
        start = next(self.turn) % len(self.ports)
        ports = self.ports[start:] + self.ports[:start]
        now = time.monotonic()
        return sorted(ports, key=lambda port: self.down_until[port] > now)  # up ones first

    async def get(self, request: bytes) -> tuple[int, int, int]:
        """The status, the size and the port of the process that answered."""
        for port in self._order():
            try:
                status, size = await fetch(port, request)
            except (OSError, TimeoutError, NothingReceived):
                self.down_until[port] = time.monotonic() + FAIL_TIMEOUT
                self.sent_again += 1
                continue
            return status, size, port
        raise Unavailable


def request_bytes(path: str, cookie: str = "") -> bytes:
    lines = [f"GET {path} HTTP/1.0", "Host: 127.0.0.1", "User-Agent: placeplan-bench"]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def percentile(sorted_values: list[float], share: float) -> float:
    index = max(0, min(len(sorted_values) - 1, round(share * len(sorted_values)) - 1))
    return sorted_values[index]


async def phase(balancer: Balancer, requests: list[bytes], seconds: float, *, kill=None) -> dict:
    """``CLIENTS`` clients sending ``requests`` in turn for ``seconds``; with ``kill``,
    that is called halfway through (the kill phase)."""
    latencies: list[float] = []
    errors: dict[str, int] = {}
    answered: list[tuple[float, int]] = []  # (when, port) of each successful answer
    sizes: list[int] = []
    began = time.monotonic()
    deadline = began + seconds
    sent_again_before = balancer.sent_again
    cpu_before = time.process_time()
    killed_at = None

    async def client(number: int) -> None:
        for turn in itertools.count(number):
            if time.monotonic() >= deadline or len(latencies) + sum(errors.values()) >= (
                MAX_REQUESTS
            ):
                return
            request = requests[turn % len(requests)]
            start = time.perf_counter()
            try:
                status, size, port = await balancer.get(request)
            except Unavailable:
                errors["no process answered"] = errors.get("no process answered", 0) + 1
                continue
            except CutOff:
                errors["answer cut off"] = errors.get("answer cut off", 0) + 1
                continue
            if status != 200:
                errors[str(status)] = errors.get(str(status), 0) + 1
                continue
            latencies.append(time.perf_counter() - start)
            sizes.append(size)
            answered.append((time.monotonic() - began, port))

    async def killer() -> None:
        nonlocal killed_at
        await asyncio.sleep(seconds / 2)
        killed_at = time.monotonic() - began
        kill()

    tasks = [client(number) for number in range(CLIENTS)]
    if kill is not None:
        tasks.append(killer())
    await asyncio.gather(*tasks)
    elapsed = time.monotonic() - began
    latencies.sort()
    result = {
        "requests": len(latencies) + sum(errors.values()),
        "seconds": round(elapsed, 1),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * percentile(latencies, 0.50), 1) if latencies else None,
        "p95_ms": round(1000 * percentile(latencies, 0.95), 1) if latencies else None,
        "mean_kb": round(statistics.mean(sizes) / 1024, 1) if sizes else None,
        "errors": sum(errors.values()),
        "errors_by_kind": errors,
        "sent_again_to_the_other_process": balancer.sent_again - sent_again_before,
        "client_cpu_share_of_one_core": round((time.process_time() - cpu_before) / elapsed, 2),
    }
    if killed_at is not None:
        result.update(kill_report(answered, killed_at, elapsed))
    return result


def kill_report(answered: list[tuple[float, int]], killed_at: float, elapsed: float) -> dict:
    """Throughput before and after the kill, and who answered after it."""
    before = [port for when, port in answered if when < killed_at]
    after = [port for when, port in answered if when >= killed_at]
    per_second = [0] * (int(elapsed) + 1)
    for when, _ in answered:
        per_second[int(when)] += 1
    after_seconds = per_second[int(killed_at) + 1 : int(elapsed)]
    return {
        "killed_at_s": round(killed_at, 1),
        "requests_per_s_before_kill": round(len(before) / killed_at, 1),
        "requests_per_s_after_kill": round(len(after) / (elapsed - killed_at), 1),
        "fewest_answers_in_a_second_after_kill": min(after_seconds) if after_seconds else None,
        "answered_after_kill_by": {str(port): after.count(port) for port in sorted(set(after))},
    }


# -- the servers ---------------------------------------------------------------------------


def server_env(prefix: str) -> dict:
    """The production environment every process of the run shares."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "placeplan.config.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CACHE_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "MFA_REQUIRED_ROLES": "none",
        "API_RATE_LIMIT_PER_ADDRESS": "100000000",
    }


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn(port: int, workers: int, threads: int) -> subprocess.Popen:
    """A gunicorn of its own process group (so its master and workers can be killed)."""
    return subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "placeplan.config.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            f"--threads={threads}",
            "--graceful-timeout=5",
            "--log-level=error",
        ],
        cwd=ROOT,
        start_new_session=True,
    )


def get(port: int, path: str, headers: dict | None = None, body: str | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_SECONDS)
    try:
        connection.request("POST" if body else "GET", path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read(), response.getheader("Set-Cookie") or ""
    finally:
        connection.close()


def wait_until_healthy(ports: list[int]) -> None:
    deadline = time.monotonic() + STARTING_SECONDS
    for port in ports:
        while True:
            try:
                if get(port, "/health/")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the process on port {port} was not healthy in time")
            time.sleep(0.2)


def cookie(set_cookie: str, name: str) -> str:
    found = re.search(rf"{name}=([^;]+)", set_cookie)
    if not found:
        raise RuntimeError(f"no {name} cookie in {set_cookie!r}")
    return found.group(1)


def sign_in(port: int, email: str) -> str:
    """Sign in through the sign-in form; the session cookie."""
    status, page, set_cookie = get(port, "/accounts/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    csrf = cookie(set_cookie, "csrftoken")
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "login": email, "password": PASSWORD}
    )
    status, _, set_cookie = get(
        port,
        "/accounts/login/",
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}"},
        form,
    )
    if status != 302:
        raise RuntimeError(f"signing in {email} answered {status}")
    return f"sessionid={cookie(set_cookie, 'sessionid')}"


def first_build_ms(port: int, path: str) -> float:
    """The first request of a cached page: built, then kept."""
    began = time.perf_counter()
    status, _, _ = get(port, path)
    if status != 200:
        raise RuntimeError(f"{path} answered {status}")
    return round(1000 * (time.perf_counter() - began), 1)


def one_client(port: int, requests: dict[str, list[bytes]]) -> dict[str, float]:
    """Each request alone (median of 5, one client, no queue): the time the server spends
    on it, against which the phases' latencies show the waiting."""
    timings = {}
    for request in {request for group in requests.values() for request in group}:
        path = request.split(b" ")[1].decode()
        if path in timings:
            continue  # the same page for another person
        samples = []
        for _ in range(5):
            began = time.perf_counter()
            asyncio.run(fetch(port, request))
            samples.append(time.perf_counter() - began)
        timings[path] = round(1000 * statistics.median(samples), 1)
    return dict(sorted(timings.items()))


def redis_clear(prefix: str) -> None:
    import redis

    store = redis.Redis.from_url(REDIS_URL)
    for key in store.scan_iter(match=f"{prefix}:*"):
        store.delete(key)
    store.close()


def prepare(prefix: str) -> None:
    """The database, the reference data, the demo and the static files, as production."""
    database_use(postgres=True, name=DATABASE)
    os.environ.update(server_env(prefix))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    call_command("load_demo", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    connection.close()


def run(args) -> dict:
    seconds = args.seconds
    ports = [free_port(), free_port()]
    processes = [gunicorn(port, args.workers, args.threads) for port in ports]
    worker = subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "manage.py", "run_worker", "--interval", "1"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_until_healthy(ports)
        for port in ports:  # each process loads the base templates once
            get(port, "/")
        dashboard = f"/areas/{HIGHLAND}/performance/"
        built = {dashboard: first_build_ms(ports[0], dashboard)}
        _, page, _ = get(ports[1], dashboard)  # from the cache A filled
        indicator = re.search(rf"/areas/{HIGHLAND}/performance/indicators/\d+/".encode(), page)
        indicator = indicator[0].decode()
        built[indicator] = first_build_ms(ports[1], indicator)
        sessions = [sign_in(ports[n % 2], email) for n, email in enumerate(STAFF)]
        groups = {
            "minimal": ["/health/"],
            "public, cached": [dashboard, indicator],
            "public, not cached": ["/"],
            "API": [
                "/api/v1/areas/",
                f"/api/v1/partnerships/{HIGHLAND}/structure",
                f"/api/v1/partnerships/{HIGHLAND}/plans",
                f"/api/v1/partnerships/{HIGHLAND}/indicators/cpop-child-poverty",
            ],
        }
        requests = {name: [request_bytes(path) for path in paths] for name, paths in groups.items()}
        requests["workspace"] = [
            request_bytes(path, session)
            for session in sessions
            for path in (f"/workspace/{HIGHLAND}/", f"/workspace/{HIGHLAND}/performance/")
        ]
        for group in requests.values():  # every request answers 200 through each process
            for request in group:
                for port in ports:
                    status, _ = asyncio.run(fetch(port, request))
                    if status != 200:
                        raise RuntimeError(f"{request!r} answered {status} on {port}")
        results = {"one_client_median_ms": one_client(ports[0], requests)}
        for name, group in requests.items():
            results[name] = asyncio.run(phase(Balancer(ports), group, seconds))
        mixed = requests["public, cached"] + requests["API"] + requests["workspace"]

        def kill() -> None:
            os.killpg(processes[0].pid, signal.SIGKILL)  # its master and workers at once

        results["kill"] = asyncio.run(phase(Balancer(ports), mixed, seconds, kill=kill))
        results["kill"]["killed_port"] = ports[0]
        results["first_build_of_the_cached_pages_ms"] = built
        return results
    finally:
        stop([*processes, worker])


def stop(processes: list[subprocess.Popen]) -> None:
    """SIGTERM each process still running, then SIGKILL any that lingers."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20, help="length of each phase")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers a process")
    parser.add_argument("--threads", type=int, default=4, help="threads a gunicorn worker")
    args = parser.parse_args()
    prefix = f"placeplan-bench-load-{os.getpid()}"
    try:
        began = time.monotonic()
        prepare(prefix)
        prepared = round(time.monotonic() - began, 1)
        phases = run(args)
    finally:
        if "django.db" in sys.modules:
            from django.db import connections

            connections.close_all()
        redis_clear(prefix)
        database_drop(name=DATABASE)
    minimal = phases["minimal"]["requests_per_s"]
    cached = phases["public, cached"]["requests_per_s"]
    kill = phases["kill"]
    survivor = [port for port in kill["answered_after_kill_by"] if int(port) != kill["killed_port"]]
    goals = {
        "no_errors": all(
            phases[name]["errors"] == 0 for name in ("minimal", "public, cached", *BUILT_EACH_TIME)
        ),
        "p95_under_300_ms_when_built_each_time": all(
            phases[name]["p95_ms"] is not None and phases[name]["p95_ms"] < 300
            for name in BUILT_EACH_TIME
        ),
        "cached_at_least_a_quarter_of_minimal": cached >= minimal / 4,
        "kill_the_other_kept_serving": bool(survivor)
        and kill["fewest_answers_in_a_second_after_kill"] > 0,
        "kill_no_request_failed": kill["errors"] == 0,
    }
    results = {
        "database": "postgresql",
        "cache": "redis",
        "web_processes": f"2 gunicorn, {args.workers} workers x {args.threads} threads each",
        "clients": CLIENTS,
        "phase_seconds": args.seconds,
        "prepare_s": prepared,
        "one_client_median_ms": phases.pop("one_client_median_ms"),
        "first_build_of_the_cached_pages_ms": phases.pop("first_build_of_the_cached_pages_ms"),
        "phases": phases,
        "cached_share_of_minimal": round(cached / minimal, 3),
        "goals": goals,
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "load-postgresql.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    return 0 if all(goals.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
