"""The Content-Security-Policy in a real browser: every kind of chart page is served with
the strict policy, its charts are drawn as SVG (Vega with its expression interpreter, no
eval, no inline style) and the browser reports no violation. A control shows that the
listener and the report endpoint do see a violation when there is one."""

from __future__ import annotations

import logging
import threading

import pytest
from playwright.sync_api import expect

from placeplan.partnerships.models import Locality
from placeplan.plans.models import OutcomeIndicator, Plan
from tests.browser.conftest import server_may_run
from tests.browser.test_evidence_pages_a11y import SOA, _wait_for_charts
from tests.browser.test_governance_pages_a11y import _no_console_problems

pytestmark = pytest.mark.browser

HIGHLAND = "S12000017"
PERTH = "S12000048"
HIGHLAND_IZ = "S02001978"  # Lochaber West, a Highland community

# Runs in every document before the page's own scripts (Playwright injects it outside the
# page's policy): keeps each violation the browser raises, as the page itself would see it.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}` +
    ` at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def watched_page(page):
    page.add_init_script(LISTEN)
    return page


def _violations(page) -> list[str]:
    return page.evaluate("() => window.__cspViolations")


def _chart_pages() -> dict[str, str]:
    indicator = OutcomeIndicator.objects.filter(
        outcome__plan__title=SOA, outcome__plan__status=Plan.Status.PUBLISHED
    ).first()
    perth_city = Locality.objects.get(partnership__council_area__code=PERTH, name="Perth City")
    return {
        "home map": "/",
        "area profile": f"/areas/{HIGHLAND}/",
        "community": f"/areas/{HIGHLAND}/communities/{HIGHLAND_IZ}/",
        "indicator progress": f"/areas/{HIGHLAND}/performance/indicators/{indicator.pk}/",
        "locality measure": (
            f"/areas/{PERTH}/performance/localities/{perth_city.pk}/measures/cpop-child-poverty/"
        ),
    }


CHART_PAGES = ["home map", "area profile", "community", "indicator progress", "locality measure"]


@pytest.mark.parametrize("name", CHART_PAGES)
def test_charts_draw_under_the_strict_policy(name, watched_page):
    page = watched_page
    response = page.goto(_chart_pages()[name])
    assert response is not None and response.status == 200
    policy = response.headers["content-security-policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "script-src 'self'" in policy and "style-src 'self'" in policy

    assert page.locator(".pp-chart__canvas").count() > 0
    _wait_for_charts(page)  # every chart drawn as a visible SVG, none failed
    first = page.locator(".pp-chart__canvas svg").first
    # Drawn, not just an empty frame: the SVG holds Vega's marks.
    assert first.locator("path, rect, line, circle, text").count() > 5
    # Hovering a mark works (tooltips evaluate expressions) without tripping the policy.
    first.locator("path, rect, circle").first.hover(force=True)

    assert _violations(page) == []
    _no_console_problems(page)


class _Reports(logging.Handler):
    """The violations the report view logs, with a way to wait for the next one (the
    browser posts reports on its own schedule, outside the page's network events)."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []
        self.arrived = threading.Condition()

    def emit(self, record):
        with self.arrived:
            self.messages.append(record.getMessage())
            self.arrived.notify_all()

    def wait_for(self, text: str) -> str:
        def found():
            return next((message for message in self.messages if text in message), None)

        # The report is a request of its own: the server needs its turn to take it.
        with server_may_run(), self.arrived:
            assert self.arrived.wait_for(found, timeout=15), (text, self.messages)
            return found()


@pytest.fixture
def reports():
    handler = _Reports()
    logger = logging.getLogger("placeplan.csp")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def test_a_violation_is_seen_and_reported(watched_page, reports):
    """The control: an inline style and eval on the page are blocked, the listener sees
    each, and the browser posts each report to /csp-report/, which logs it."""
    page = watched_page
    page.goto("/about-the-data/")

    page.evaluate('() => document.querySelector("h1").setAttribute("style", "color: red")')
    expect(page.locator("h1")).not_to_have_css("color", "rgb(255, 0, 0)")
    assert "style-src-attr blocked inline" in " ".join(_violations(page))
    logged = reports.wait_for("directive='style-src-attr'")
    assert "document='http://localhost" in logged and "/about-the-data/'" in logged

    # Later, not during Playwright's own evaluation (which the browser lets eval).
    outcome = page.evaluate(
        """() => new Promise((resolve) => setTimeout(() => {
            try { resolve(String(window.eval("1 + 1"))); } catch (error) { resolve(error.name); }
        }))"""
    )
    assert outcome == "EvalError"  # no 'unsafe-eval'
    assert "script-src blocked eval" in " ".join(_violations(page))
    reports.wait_for("blocked='eval'")
    # Chromium also logs each as a console error, so every browser test that checks the
    # console (`_no_console_problems`) fails on a violation too.
    assert any("Content Security Policy" in problem for problem in page.console_problems)
    page.console_problems.clear()


def test_vega_without_its_interpreter_would_be_blocked(watched_page):
    """Why charts.js passes `ast: true`: the same chart compiled to code by Vega is refused."""
    page = watched_page
    page.goto(f"/areas/{HIGHLAND}/")
    _wait_for_charts(page)
    outcome = page.evaluate(
        """() => {
            const source = document.querySelector(".pp-chart__canvas").dataset.chart;
            const spec = JSON.parse(document.getElementById(source).textContent);
            const target = document.createElement("div");
            document.body.append(target);
            const options = { actions: false, renderer: "svg", defaultStyle: false,
                              tooltip: { disableDefaultStyle: true }, ast: false };
            // Later, not during Playwright's own evaluation (which the browser lets eval).
            return new Promise((resolve) => setTimeout(() => {
                window.vegaEmbed(target, spec, options).then(() => resolve("drawn"),
                                                             (error) => resolve(error.name));
            }));
        }"""
    )
    assert outcome == "EvalError"
    assert any(v.startswith("script-src blocked eval") for v in _violations(page))
    page.console_problems.clear()
