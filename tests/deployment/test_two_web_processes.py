"""Two web processes on one PostgreSQL and one Redis, as two machines run them
(docs/deployment.md): a value saved through one is served fresh by the other, and each
answers ``/health/`` with 503 until a task worker has checked in, 200 once one has.

PostgreSQL only: two processes need a database server both can reach. Each process is
gunicorn with the production settings (DEBUG off; ``tests/deployment/production_settings.py``
changes only where the collected static files are), serving a copy of the run's loaded
test database (``CREATE DATABASE … TEMPLATE``) and a Redis cache under a key prefix of
this test's own. The processes, the copy and the keys are removed afterwards.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import pickle
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse

import psycopg
import pytest
import redis
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from django.test import override_settings

from placeplan.core.evidence_cache import EVIDENCE_VERSION_KEY
from tests import database_template

pytestmark = [
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="two web processes need a database server both can reach: this runs on "
        "PostgreSQL only (DATABASE_URL=postgres://…), not SQLite",
    ),
    # So that the run sets up its test database, which is copied below before the test's
    # own transaction begins; the test itself reads and writes only the copy.
    pytest.mark.django_db,
]

# A Redis database number the product's defaults (0) do not use; the key prefix is what
# keeps runs apart.
REDIS_URL = "redis://127.0.0.1:6379/9"
STARTING_SECONDS = 60  # the most a process may take to answer its first request
STOPPING_SECONDS = 10
NEW_VALUE, NEW_PERIOD = 11.9, "2025/26"


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """The production static build (hashed names and their manifest) in a folder of the
    test's own; without WhiteNoise's compressed copies, which take 20 s to make."""
    folder = tmp_path_factory.mktemp("static")
    manifest = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}
    with override_settings(
        STATIC_ROOT=folder, STORAGES={**settings.STORAGES, "staticfiles": manifest}
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
    return folder


@pytest.fixture(scope="module")
def cache_prefix():
    """A key prefix no other run shares, on a Redis that answers; its keys are removed."""
    store = redis.Redis.from_url(REDIS_URL)
    try:
        store.ping()
    except redis.ConnectionError:
        pytest.skip(f"no Redis answers at {REDIS_URL} (the web processes' shared cache)")
    prefix = f"placeplan-test-{os.getpid()}-{secrets.token_hex(4)}"
    yield prefix
    for key in store.scan_iter(match=f"{prefix}:*"):
        store.delete(key)
    assert not list(store.scan_iter(match=f"{prefix}:*"))
    store.close()


@pytest.fixture(scope="module")
def copied_database(request, django_db_blocker):
    """A copy of the run's loaded test database (the reference data and the demo) for the
    web processes: of the template the workers start from or, in one process (``-n 0``),
    of this process's own test database. Dropped afterwards."""
    request.getfixturevalue("django_db_setup")
    database = connections["default"].settings_dict
    source = os.environ.get(database_template.ENVIRONMENT)
    if not source:
        source = database["NAME"]
        with django_db_blocker.unblock():
            connections.close_all()  # PostgreSQL copies only a database nobody is in
    name = f"{database['NAME']}_web"
    for _ in range(100):  # another worker may be copying the same template this moment
        try:
            database_template.copy_to(database, name, source)
            break
        except psycopg.errors.ObjectInUse:
            time.sleep(0.05)
    else:
        pytest.fail(f"{source} stayed in use; could not copy it")
    try:
        yield name
    finally:
        database_template.remove(database, name)


def _database_url(name: str) -> str:
    database = connections["default"].settings_dict
    user = urllib.parse.quote(database["USER"] or "")
    if database["PASSWORD"]:
        user += ":" + urllib.parse.quote(database["PASSWORD"])
    return f"postgres://{user}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{name}"


def _sql(name: str, statement: str) -> None:
    with psycopg.connect(_database_url(name)) as db:
        db.execute(statement)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _request(port: int, path: str, *, body: dict | None = None, token: str = ""):
    """GET ``path`` (or POST ``body`` as JSON): the status and the content."""
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(
            "POST" if body is not None else "GET",
            path,
            body=json.dumps(body) if body is not None else None,
            headers=headers,
        )
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class WebProcess:
    """One gunicorn (master and worker) in a process group of its own, on a free port."""

    def __init__(self, name: str, env: dict, log_folder) -> None:
        self.name = name
        self.port = _free_port()
        self.log = log_folder / f"{name}.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "placeplan.config.wsgi",
                    f"--bind=127.0.0.1:{self.port}",
                    "--workers=1",
                    "--threads=4",
                    f"--graceful-timeout={STOPPING_SECONDS // 2}",
                    "--log-level=warning",
                ],
                cwd=database_template.ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_until_answering(self) -> None:
        """Poll until the process answers any HTTP request (or fail with its log)."""
        deadline = time.monotonic() + STARTING_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"web process {self.name} stopped:\n{self.log.read_text()}")
            try:
                _request(self.port, "/health/")
                return
            except ConnectionRefusedError:
                time.sleep(0.05)
        pytest.fail(f"web process {self.name} did not answer in {STARTING_SECONDS} s")

    def get(self, path: str):
        return _request(self.port, path)

    def stop(self) -> None:
        """Ask it to stop (SIGTERM: gunicorn finishes the requests in hand)."""
        if self.process.poll() is None:
            self.process.terminate()

    def wait_stopped(self) -> None:
        """Wait for it to stop; SIGKILL its group (master and worker) if it lingers."""
        try:
            self.process.wait(timeout=STOPPING_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def _stop(processes: list[WebProcess]) -> None:
    for process in processes:
        process.stop()
    for process in processes:
        process.wait_stopped()


@pytest.fixture(scope="module")
def site(cache_prefix, copied_database, static_root, tmp_path_factory):
    """Web processes A and B on the copy and the shared cache, and what the scenario made
    in the copy (tests/deployment/scenario.py): a published indicator page, its local
    measure and an API token."""
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.deployment.production_settings",
        PLACEPLAN_STATIC_ROOT=str(static_root),
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=_database_url(copied_database),
        CACHE_URL=REDIS_URL,
        CACHE_KEY_PREFIX=cache_prefix,
    )
    _sql(copied_database, "DELETE FROM core_workercheckin")  # none until the test's
    logs = tmp_path_factory.mktemp("logs")
    processes: list[WebProcess] = []
    try:
        for name in ("A", "B"):
            processes.append(WebProcess(name, env, logs))
        # While they start: the scenario, in a process of its own against the copy.
        scenario = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
            [
                sys.executable,
                "manage.py",
                "shell",
                "-v",
                "0",
                "-c",
                "from tests.deployment.scenario import main; main()",
            ],
            cwd=database_template.ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert scenario.returncode == 0, scenario.stderr
        made = json.loads(scenario.stdout.strip().splitlines()[-1])
        for process in processes:
            process.wait_until_answering()
        yield {"a": processes[0], "b": processes[1], "database": copied_database, **made}
    finally:
        _stop(processes)


def test_two_web_processes_serve_one_database_and_one_cache_as_one_site(site, cache_prefix):
    """Both answer 503 until a task worker checks in, then 200; a value saved through A
    is on B's next page, although B had the page cached."""
    _healthy_only_once_a_worker_has_checked_in(site)
    _saved_through_a_served_fresh_by_b(site, cache_prefix)


def _healthy_only_once_a_worker_has_checked_in(site) -> None:
    for process in (site["a"], site["b"]):
        status, body = process.get("/health/")
        assert (status, json.loads(body)["worker"]) == (503, "not checked in"), process.name
    _sql(
        site["database"],
        "INSERT INTO core_workercheckin (worker_id, host, pid, started_at, last_seen) "
        "VALUES ('worker-of-the-test', 'test', 1, now(), now())",
    )
    for process in (site["a"], site["b"]):
        status, body = process.get("/health/")
        assert status == 200, (process.name, body)
        assert json.loads(body) == {
            "status": "ok",
            "database": "ok",
            "migrations": "ok",
            "worker": "ok",
        }


def _saved_through_a_served_fresh_by_b(site, cache_prefix) -> None:
    a, b, page = site["a"], site["b"], site["page"]
    store = redis.Redis.from_url(REDIS_URL)
    version_key = f"{cache_prefix}:1:{EVIDENCE_VERSION_KEY}"

    def page_key(version: int) -> str:
        # CachedForThePublic's key (placeplan/core/evidence_cache.py) as Django's
        # Redis cache stores it: the prefix, the cache's own version, the key.
        digest = hashlib.sha256(page.encode()).hexdigest()
        return f"{cache_prefix}:1:placeplan:page:{version}:{digest}"

    # B builds the page and keeps it in the shared cache under the evidence version.
    status, before = b.get(page)
    assert status == 200, before[:2000]
    version = int(store.get(version_key))
    cached = store.get(page_key(version))
    assert cached is not None, "B did not keep the page in Redis"
    assert pickle.loads(cached) == before  # noqa: S301 - this test's own key and Redis
    assert b.get(page) == (200, before)  # and serves it again as kept
    assert f"{NEW_VALUE} in {NEW_PERIOD}".encode() not in before

    # A saves a new value through the submission API, which moves the shared version.
    row = {"measure": site["measure"], "area_code": site["area"], "period": NEW_PERIOD}
    status, answer = _request(
        a.port,
        "/api/v1/observations",
        body={"rows": [{**row, "value": NEW_VALUE}]},
        token=site["token"],
    )
    assert status == 201, answer
    assert json.loads(answer)["created"] == 1
    assert int(store.get(version_key)) == version + 1

    # B builds the page afresh, with the new value ("Latest: 11.9 in 2025/26"), and keeps it.
    status, after = b.get(page)
    assert status == 200
    assert f"{NEW_VALUE} in {NEW_PERIOD}".encode() in after
    assert pickle.loads(store.get(page_key(version + 1))) == after  # noqa: S301 - as above
    store.close()
