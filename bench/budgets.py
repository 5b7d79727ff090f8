"""Benchmark: participatory budgeting (issue 19). Ballots submitted by 20 concurrent voters
through the real vote page, beside a minimal view in the same run, with the duplicates
counted; and Equal Shares results for 20,000 ballots over 60 projects, beside greedy on
the same ballots. PostgreSQL and Redis only.

    .venv/bin/python bench/budgets.py                  # about 3 minutes on a 2-core machine
    .venv/bin/python bench/budgets.py --processes 10

Set-up, in a throwaway database ``placeplan_bench_budgets`` on 127.0.0.1:5432 and Redis
127.0.0.1:6379 (database 8, keys under a prefix of the run's own, removed at the end):
migrate, the reference data and ``collectstatic``, with the production settings (DEBUG
off); then ``--processes`` (20) fictional votes of Perth and Kinross open today, each with
eight projects on a knapsack ballot, and 21 fictional residents with confirmed addresses.
gunicorn as docs/deployment.md runs it (5 single-threaded workers; ``--workers`` and
``--threads`` to try others) and the task worker (so that ``/health/`` answers 200).

(a) Ballots: 21 residents sign in through the sign-in form. One submits a ballot (two
    projects that fit the budget) to every vote alone: the time the server spends on one.
    Then the other 20, each in a thread of its own, submit theirs to every vote,
    together: one POST of the vote form each, timed, each on a connection of its own as
    the reverse proxy of docs/deployment.md passes requests on. Then each submits again to
    every vote, all at once: every one of those must be refused ("already cast", 409).
    Beside it, in the same run, the same number of GETs of ``/health/``, the smallest view
    in the product (bench/load.py says why), from 20 threads connecting the same way
    (``submit_all`` says why it matters). Goals: p95 of a submission under
    200 ms; zero duplicates (exactly one ballot per resident per vote in the database).
(b) Counting: 20,000 random ballots (1 to 8 of 60 projects, fixed seed) counted by Equal
    Shares (``budgets.results.count``, pabutools' rule completed greedily), the median of
    three; beside greedy on the same ballots. Goal: under 5 s.

Writes bench/results/budgets-postgresql.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

from common import ROOT, clients_load, database_drop, database_use
from load import (
    cookie,
    free_port,
    get,
    gunicorn,
    redis_clear,
    server_env,
    stop,
    wait_until_healthy,
)

DATABASE = "placeplan_bench_budgets"
PERTH = "S12000048"
VOTERS = 20
PASSWORD = "A-fictional-bench-password-19"  # noqa: S105 - a throwaway database's
P95_GOAL_MS = 200
COUNT_GOAL_S = 5.0


def prepare(prefix: str) -> None:
    """The database, the reference data and the static files, as production."""
    database_use(postgres=True, name=DATABASE)
    os.environ.update(server_env(prefix))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def make_votes(processes: int) -> tuple[list[int], list[str], dict[int, list[int]]]:
    """``processes`` votes open today with eight projects each, and the residents."""
    import datetime

    from allauth.account.models import EmailAddress
    from django.utils import timezone

    from placeplan.accounts.models import User
    from placeplan.budgets import services
    from placeplan.budgets.models import Feasibility, Process, Project
    from placeplan.partnerships.models import Partnership
    from placeplan.residents.moderation import Moderation
    from placeplan.residents.services import resident_create

    today = timezone.localdate()
    partnership = Partnership.objects.get(council_area__code=PERTH)
    ids, projects = [], {}
    for n in range(processes):
        process = services.process_save(
            process=Process(
                partnership=partnership,
                title=f"Fictional bench vote {n}",
                purpose="A benchmark's fictional vote.",
                budget=100_000,
                proposals_open=today - datetime.timedelta(days=60),
                proposals_close=today - datetime.timedelta(days=40),
                voting_open=today - datetime.timedelta(days=1),
                voting_close=today + datetime.timedelta(days=30),
                status=Process.Status.PUBLISHED,
            ),
            today=today - datetime.timedelta(days=70),
        )
        made = Project.objects.bulk_create(
            Project(
                process=process,
                title=f"Fictional project {n}-{k}",
                description="A fictional project.",
                cost=10_000 + 5_000 * k,
                status=Moderation.APPROVED,
                feasibility=Feasibility.FEASIBLE,
                feasibility_reason="Fictional: feasible.",
            )
            for k in range(8)
        )
        ids.append(process.pk)
        projects[process.pk] = [p.pk for p in made]
    emails = []
    for n in range(VOTERS + 1):  # the first votes alone, the others together
        email = f"fictional.voter.{n}@bench.placeplan.invalid"
        user = User.objects.create_user(email=email, password=PASSWORD, full_name=f"Voter {n}")
        resident_create(user=user, display_name=f"Fictional Voter {n}", council_area=None)
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        emails.append(email)
    return ids, emails, projects


def sign_in(port: int, email: str) -> tuple[str, str]:
    """Sign in through the form: the session cookie and the CSRF secret."""
    _, page, set_cookie = get(port, "/accounts/login/")
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
    return cookie(set_cookie, "sessionid"), csrf


def submit_all(port, sessions, votes, projects, *, expect: int) -> dict:
    """Each voter, in a thread of their own, POSTs a ballot to every vote: latencies of the
    submissions and any answer other than ``expect``. Each submission on a connection of
    its own, as the reverse proxy of docs/deployment.md passes each request on (nginx's
    default: no connections kept to gunicorn), so each goes to whichever gunicorn worker
    is free, not always to the one that took the voter's first connection."""
    latencies: list[float] = []
    wrong: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(sessions))

    def voter(session: str, csrf: str) -> None:
        headers = {
            "Connection": "close",
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"sessionid={session}; csrftoken={csrf}",
            "Referer": f"http://127.0.0.1:{port}/",
        }
        barrier.wait(timeout=60)
        for pk in votes:
            chosen = projects[pk][:2]  # £10,000 and £15,000: within the £100,000
            body = urllib.parse.urlencode(
                [("csrfmiddlewaretoken", csrf), ("declared", "on")]
                + [("projects", str(p)) for p in chosen]
            )
            path = f"/contribute/{PERTH}/budgets/{pk}/vote/"
            began = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            connection.close()
            took = time.perf_counter() - began
            with lock:
                latencies.append(took)
                if response.status != expect:
                    wrong.append(f"{path} answered {response.status}")

    threads = [threading.Thread(target=voter, args=pair) for pair in sessions]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    latencies.sort()
    return {
        "submissions": len(latencies),
        "submissions_per_s": round(len(latencies) / seconds, 1),
        "p50_ms": round(1000 * latencies[len(latencies) // 2], 1),
        "p95_ms": round(1000 * latencies[int(len(latencies) * 0.95) - 1], 1),
        "unexpected_answers": wrong[:5],
        "unexpected_count": len(wrong),
    }


def counting() -> dict:
    """Equal Shares and greedy on 20,000 random ballots over 60 projects."""
    from placeplan.budgets.results import Choice, count

    rng = random.Random(19)
    costs = {pk: rng.randrange(5_000, 60_000, 500) for pk in range(1, 61)}
    ballots = [
        Choice(frozenset(rng.sample(range(1, 61), rng.randint(1, 8)))) for _ in range(20_000)
    ]
    timings = {}
    for rule in ("greedy", "equal_shares"):
        samples = []
        for _ in range(3):
            began = time.perf_counter()
            outcome = count(budget=500_000, costs=costs, ballots=ballots, rule=rule)
            samples.append(time.perf_counter() - began)
        timings[rule] = {
            "median_s": round(statistics.median(samples), 2),
            "funded": len(outcome.funded),
            "spent": outcome.spent,
        }
    timings["equal_shares_over_greedy"] = round(
        timings["equal_shares"]["median_s"] / timings["greedy"]["median_s"], 2
    )
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--processes", type=int, default=20, help="votes open at once")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn's worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads in each worker")
    args = parser.parse_args()
    prefix = f"bench-budgets-{secrets.token_hex(4)}"
    prepare(prefix)
    from django.db import connection

    from placeplan.budgets.models import Ballot

    votes, emails, projects = make_votes(args.processes)
    connection.close()
    port = free_port()
    server = gunicorn(port, args.workers, args.threads)  # by default as docs/deployment.md
    worker = subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "manage.py", "run_worker", "--interval", "1"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_until_healthy([port])
        sessions = [sign_in(port, email) for email in emails]
        submissions = VOTERS * len(votes)
        expected = (VOTERS + 1) * len(votes)
        minimal = clients_load(port, "/health/", submissions, clients=VOTERS, keep_alive=False)
        alone = submit_all(port, sessions[:1], votes, projects, expect=302)
        first = submit_all(port, sessions[1:], votes, projects, expect=302)
        again = submit_all(port, sessions, votes, projects, expect=409)
    finally:
        stop([server, worker])
        redis_clear(prefix)
    stored = Ballot.objects.filter(process_id__in=votes).count()
    pairs = Ballot.objects.filter(process_id__in=votes).values("process", "voter").distinct()
    duplicates = stored - pairs.count()
    results = {
        "database": connection.vendor,
        "gunicorn": f"{args.workers} workers x {args.threads} threads",
        "voters": VOTERS,
        "votes_open": len(votes),
        "minimal_view": minimal,
        "one_voter_alone": alone,
        "first_submissions": first,
        "second_submissions_refused": again,
        "ballots_stored": stored,
        "ballots_expected": expected,
        "duplicates": duplicates,
        "submissions_per_s_over_minimal": round(
            first["submissions_per_s"] / minimal["requests_per_s"], 2
        ),
        "counting_20000_ballots_60_projects": counting(),
    }
    results["goal_met"] = (
        first["p95_ms"] < P95_GOAL_MS
        and alone["unexpected_count"] == 0
        and duplicates == 0
        and stored == expected
        and first["unexpected_count"] == 0
        and again["unexpected_count"] == 0
        and results["counting_20000_ballots_60_projects"]["equal_shares"]["median_s"] < COUNT_GOAL_S
    )
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "budgets-postgresql.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    connection.close()
    database_drop(name=DATABASE)
    return 0 if results["goal_met"] else 1


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main())
