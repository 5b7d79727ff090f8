"""Real-browser fixtures: a live Django server thread and a headless Chromium, shared by
the tests in this package.

The server thread reads the session's test database, which tests/conftest.py fills once
with the reference data and the demo accounts (committed, so the thread sees them). We do
not use pytest-django's ``live_server`` fixture: it forces ``transactional_db``, whose
flush after each test would wipe the reference data for every later test.
"""

from __future__ import annotations

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.cache import cache
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

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
BLOCKING_IMPACTS = {"serious", "critical"}
ALLOW_ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.fixture
def db(django_db_setup):
    """The session's committed test database, with no per-test transaction.

    Overrides pytest-django's ``db`` for the browser tests only. pytest-django creates the
    test database only for tests that ask for ``db`` (or ``transactional_db``,
    ``live_server`` or a ``django_db`` mark); asking for this one is how a run of just
    tests/browser gets one. Its own ``db`` would wrap each test in a transaction, which on
    SQLite (``BEGIN IMMEDIATE``) holds the write lock the server thread needs to sign in.
    """


@pytest.fixture(scope="package")
def _live_server(django_db_setup, django_db_blocker):
    """A Django server thread on localhost, with database access open for its whole life."""
    with django_db_blocker.unblock():
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server
        finally:
            server.stop()
            server._live_server_modified_settings.disable()


@pytest.fixture(scope="package")
def server_url(_live_server) -> str:
    """The live server's base URL, without a trailing slash."""
    return _live_server.url


@pytest.fixture(scope="package")
def browser(_live_server):
    """Headless Debian Chromium (never a downloaded browser).

    Playwright's sync API keeps an asyncio loop running in this thread, which makes Django
    refuse ORM calls here ("async context"). The database is therefore set up before the
    browser starts (hence the dependency on the server), and while the browser is open ORM
    calls from test code are allowed: they are still made synchronously, in this thread.
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


@pytest.fixture
def page(db, browser, server_url):
    """A fresh page in a new browser context (no cookies shared between tests)."""
    context = browser.new_context(viewport=VIEWPORT, base_url=server_url, locale="en-GB")
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
    try:
        yield page
    finally:
        context.close()


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
    """Highland's support officer signed in once for the module; what the sign-in leaves
    behind is undone after it. A module may define its own instead."""
    from placeplan.demo.services import demo_email
    from tests.browser.test_evidence_journey import sign_ins_undone
    from tests.browser.test_governance_pages_a11y import _sign_in_cookies

    email = demo_email("highland", "support_officer")
    with sign_ins_undone(email):
        yield _sign_in_cookies(browser, server_url, email)


@pytest.fixture
def highland_page(page, highland_cookies):
    """A page signed in as Highland's support officer."""
    page.context.add_cookies(highland_cookies)
    return page
