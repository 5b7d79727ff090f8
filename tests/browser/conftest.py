"""Real-browser fixtures: a live Django server thread and a headless Chromium, shared by
the tests in this package, with every test's writes rolled back.

The server thread serves requests one at a time over the test's own database connection
(as Django's live server does for an in-memory SQLite database), so it sees the test's
uncommitted rows and everything it writes is rolled back with the test: each module runs
in a transaction, each test in a savepoint of it (pytest-django's ``db``), on SQLite and
PostgreSQL alike. Nothing needs deleting afterwards.

One connection may be used by one thread at a time. The test's thread holds the turn while
its own code runs and gives it up only while it waits on Playwright (which is when the
browser sends requests); the server takes the turn for each request. Commit hooks
(``transaction.on_commit``) run when the code's own outermost atomic block ends, as they
would on a real commit, since the test's transaction never commits.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.cache import cache
from django.core.servers.basehttp import WSGIServer
from django.db import connections, transaction
from django.db.transaction import Atomic
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
from django.test.utils import modify_settings
from playwright._impl._sync_base import EventInfo, SyncBase
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}
# Every page the tests open: British English, and motion reduced as a user may ask, so that
# the Design System's smooth scrolling (off under prefers-reduced-motion) does not make each
# click on an error link wait for the page to stop moving.
CONTEXT = {"locale": "en-GB", "reduced_motion": "reduce"}
BLOCKING_IMPACTS = {"serious", "critical"}
ALLOW_ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
HOST = "localhost"

logger = logging.getLogger(__name__)


class _Turn:
    """Whose turn it is to use the shared connection: the test's thread or the server's."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.test_holds = False

    def take(self) -> None:
        self.lock.acquire()
        self.test_holds = True

    def give(self) -> None:
        self.test_holds = False
        self.lock.release()


_turn = _Turn()
_shared: dict[str, object] = {}  # "connection": the connection the server thread shares


def _from_test_only(connection) -> bool:
    """Whether every open atomic block is the test's (so the code sees autocommit)."""
    return all(getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def _run_commit_hooks(connection) -> None:
    """What a commit would run, as Django does (robust hooks log their errors)."""
    while connection.run_on_commit:
        _sids, hook, robust = connection.run_on_commit.pop(0)
        if robust:
            try:
                hook()
            except Exception:
                logger.exception("A robust on_commit hook failed")
        else:
            hook()


@contextmanager
def server_may_run() -> Iterator[None]:
    """Give the server the turn while this thread waits for a request outside Playwright
    (e.g. a report the browser posts on its own schedule)."""
    if not _turn.test_holds:
        yield
        return
    _turn.give()
    try:
        yield
    finally:
        _turn.take()


_django_sync = SyncBase._sync
_event_value = EventInfo.value
_django_atomic_exit = Atomic.__exit__


def _sync(self, awaitable):
    """Playwright's every call: give the server the turn while the browser works."""
    with server_may_run():
        return _django_sync(self, awaitable)


@property
def _waited_value(self):
    """Waiting for an event (``with page.expect_navigation(): …``) is waiting on the
    browser too: the server has the turn meanwhile (a redirect needs a second request)."""
    with server_may_run():
        return _event_value.fget(self)


def _atomic_exit(self, exc_type, exc_value, traceback):
    connection = transaction.get_connection(self.using)
    result = _django_atomic_exit(self, exc_type, exc_value, traceback)
    if (
        connection is _shared.get("connection")
        and exc_type is None
        and not self._from_testcase
        and _from_test_only(connection)
        and not connection.needs_rollback
    ):
        _run_commit_hooks(connection)
    return result


class _OneAtATimeServer(WSGIServer):
    """Serves one request at a time (closing each connection), in the server's turn."""

    def process_request(self, request, client_address):
        with _turn.lock:
            super().process_request(request, client_address)


class _SharedConnectionServerThread(LiveServerThread):
    def _create_server(self, connections_override=None):
        return _OneAtATimeServer(
            (self.host, self.port), QuietWSGIRequestHandler, allow_reuse_address=False
        )


@pytest.fixture(scope="package")
def _live_server(django_db_setup, django_db_blocker, browser):
    """The server thread, sharing this thread's connection, with database access open for
    the package's whole life.

    While Playwright runs, this thread's ``connections["default"]`` is another connection
    than before it started (asgiref's Local sees its event loop), so the one to share is
    taken once the browser is open: the one the tests' code and ``db`` then use."""
    with django_db_blocker.unblock():
        connection = connections["default"]
        connection.ensure_connection()
        connection.inc_thread_sharing()
        patched = {
            # Closing the shared connection would lose the test's transaction.
            "close": lambda: None,
            "close_if_unusable_or_obsolete": lambda: None,
            "on_commit": lambda hook, robust=False: (
                (hook() if not robust else _robust(hook))
                if _from_test_only(connection)
                else type(connection).on_commit(connection, hook, robust)
            ),
        }
        for name, method in patched.items():
            setattr(connection, name, method)
        _shared["connection"] = connection
        SyncBase._sync = _sync
        EventInfo.value = _waited_value
        Atomic.__exit__ = _atomic_exit
        _turn.take()
        server = _SharedConnectionServerThread(
            HOST, StaticFilesHandler, connections_override={"default": connection}
        )
        server.daemon = True
        settings_change = modify_settings(ALLOWED_HOSTS={"append": HOST})
        settings_change.enable()
        try:
            server.start()
            server.is_ready.wait()
            if server.error:
                raise server.error
            yield server
        finally:
            if _turn.test_holds:  # a request waiting for its turn may finish first
                _turn.give()
            server.terminate()
            settings_change.disable()
            Atomic.__exit__ = _django_atomic_exit
            EventInfo.value = _event_value
            SyncBase._sync = _django_sync
            _shared.clear()
            for name in patched:
                delattr(connection, name)
            connection.dec_thread_sharing()
            connection.close()


def _robust(hook) -> None:
    try:
        hook()
    except Exception:
        logger.exception("A robust on_commit hook failed")


@pytest.fixture(scope="module", autouse=True)
def _module_transaction(_live_server):
    """Each module in a transaction, rolled back after it: what its module-scoped fixtures
    write (a sign-in) is undone with it. Each test is a savepoint inside (``db``)."""
    atomic = transaction.atomic()
    atomic._from_testcase = True  # the code under test sees autocommit, as in TestCase
    atomic.__enter__()
    try:
        yield
    finally:
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture(scope="package")
def server_url(_live_server) -> str:
    """The live server's base URL, without a trailing slash."""
    return f"http://{_live_server.host}:{_live_server.port}"


@pytest.fixture(scope="package")
def browser(django_db_setup):
    """Headless Debian Chromium (never a downloaded browser).

    Playwright's sync API keeps an asyncio loop running in this thread, which makes Django
    refuse ORM calls here ("async context"). The database is therefore set up before the
    browser starts, and while the browser is open ORM calls from test code are allowed:
    they are still made synchronously, in this thread.
    """
    previous = os.environ.get(ALLOW_ASYNC_UNSAFE)
    os.environ[ALLOW_ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield chromium
            finally:
                chromium.close()
    finally:
        if previous is None:
            os.environ.pop(ALLOW_ASYNC_UNSAFE, None)
        else:
            os.environ[ALLOW_ASYNC_UNSAFE] = previous


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Each test is a new visitor: the browser tests sign in dozens of times a minute from
    one address, past allauth's per-address sign-in rate limit (kept in the cache, which
    the live server shares with the tests' process)."""
    cache.clear()


@pytest.fixture(scope="module")
def _module_page(browser, server_url):
    """One page for the module's tests, reset for each (opening a page starts a renderer
    process: about half a second a test, which sharing saves)."""
    context = browser.new_context(viewport=VIEWPORT, base_url=server_url, **CONTEXT)
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(f"{page.url}: console {message.type}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    page.console_problems = problems
    page.devtools = context.new_cdp_session(page)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def page(db, _module_page, server_url):
    """The module's page, as a new one would be: blank, with no cookies, permissions, cache
    or stored data, and no console problems noted yet."""
    page = _module_page
    page.goto("about:blank")
    page.context.clear_cookies()
    page.context.clear_permissions()
    page.devtools.send("Network.clearBrowserCache")
    page.devtools.send("Storage.clearDataForOrigin", {"origin": server_url, "storageTypes": "all"})
    page.console_problems.clear()
    try:
        yield page
    finally:
        page.goto("about:blank")  # no request of this test reaches the server after it


def _counts() -> dict[str, int]:
    from django.apps import apps

    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model.__module__.startswith("placeplan.")
    }


@pytest.fixture
def unchanged_database(db, browser):
    """Fails the test if it added or removed a row of any of the project's models (their
    history included): page visits and empty forms must write nothing."""
    before = _counts()
    yield
    after = _counts()
    changed = {
        label: (before.get(label), n) for label, n in after.items() if before.get(label) != n
    }
    assert not changed, f"a page visit or an empty form changed the database: {changed}"


_axe = Axe()


def _describe(violation: dict) -> str:
    lines = [
        f"- {violation['id']} ({violation['impact']}): {violation['help']}",
        f"  {violation.get('helpUrl', '')}",
    ]
    for node in violation["nodes"]:
        target = " ".join(str(part) for part in node.get("target", []))
        lines.append(f"    target: {target}")
        lines.append(f"      html: {node.get('html', '')[:200]}")
        summary = (node.get("failureSummary") or "").replace("\n", " ")
        if summary:
            lines.append(f"      why: {summary[:300]}")
    return "\n".join(lines)


def check_accessibility(page) -> None:
    """Run axe on the page as it is now; fail on any serious or critical violation."""
    results = _axe.run(page)
    violations = results.response["violations"]
    blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
    for violation in violations:
        if violation not in blocking:  # reported (pytest shows it on failure or with -s)
            print(f"axe on {page.url} (not failing):\n{_describe(violation)}")
    if blocking:
        details = "\n".join(_describe(v) for v in blocking)
        pytest.fail(
            f"axe found {len(blocking)} serious/critical violation(s) on {page.url}:\n{details}",
            pytrace=False,
        )


@pytest.fixture(name="check_accessibility")
def check_accessibility_fixture():
    """The axe check, as a fixture so test modules need not import from conftest."""
    return check_accessibility


def check_footer_links(page) -> None:
    """Every page's footer links to the accessibility statement and to About the data."""
    footer = page.locator("footer.ds_site-footer")
    accessibility = footer.get_by_role("link", name="Accessibility", exact=True)
    about = footer.get_by_role("link", name="About the data", exact=True)
    assert accessibility.count() == 1, f"no Accessibility footer link on {page.url}"
    assert about.count() == 1, f"no About the data footer link on {page.url}"
    assert accessibility.get_attribute("href") == "/accessibility/"
    assert about.get_attribute("href") == "/about-the-data/"


@pytest.fixture(name="check_footer_links")
def check_footer_links_fixture():
    return check_footer_links


@pytest.fixture(scope="module")
def highland_cookies(browser, server_url):
    """Highland's support officer signed in once for the module (undone with the module's
    transaction). A module may define its own instead."""
    from placeplan.demo.services import demo_email
    from tests.browser.test_governance_pages_a11y import _sign_in_cookies

    return _sign_in_cookies(browser, server_url, demo_email("highland", "support_officer"))


@pytest.fixture
def highland_page(page, highland_cookies):
    """A page signed in as Highland's support officer."""
    page.context.add_cookies(highland_cookies)
    return page
