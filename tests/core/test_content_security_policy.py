"""The Content-Security-Policy: the header as served (no 'unsafe-inline' or 'unsafe-eval',
and the directives that stop base-tag, plugin, framing and form hijacks), pages and
templates with nothing inline that the policy would block, and the report view that logs
what browsers say they blocked.

That the charts still draw under this policy, with no violation, is shown in a real
browser by tests/browser/test_evidence_pages_a11y.py."""

import json
import logging
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse

from placeplan.accounts.models import User
from placeplan.core import views
from placeplan.demo.services import DEMO_DOMAIN

HEADER = "Content-Security-Policy"
REPORT_URL = "/csp-report/"
EXPECTED_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "font-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "report-uri": [REPORT_URL],
}
# Templates never served to a browser: the agenda pack's and the joint resourcing return's HTML
# is only printed to PDF by WeasyPrint (core/documents.py), which needs its page rules in the
# document itself.
PRINT_ONLY_TEMPLATES = {"meetings/pack.html", "resources/return.html"}


def directives(header: str) -> dict[str, list[str]]:
    """The policy's directives, each with its sources."""
    policy = {}
    for directive in header.split(";"):
        name, *sources = directive.split()
        assert name not in policy, f"{name} given twice"
        policy[name] = sources
    return policy


class _InlineCode(HTMLParser):
    """Collects what a strict policy blocks in a page: <script> without src (other than
    JSON data), <style> elements, style attributes, on… handlers and javascript: links."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        json_data = attributes.get("type") == "application/json"
        if tag == "script" and "src" not in attributes and not json_data:
            self.found.append(f"inline <script {attrs}>")
        if tag == "style":
            self.found.append("<style> element")
        for name, value in attrs:
            if name == "style":
                self.found.append(f'<{tag} style="{value}">')
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}={value}>")


def inline_code(html: str) -> list[str]:
    parser = _InlineCode()
    parser.feed(html)
    return parser.found


# --- The header as served. ---


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/areas/S12000017/", "/accounts/login/"])
def test_the_policy_as_served_is_strict(client, url):
    response = client.get(url)
    assert response.status_code == 200
    header = response[HEADER]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    assert "unsafe-hashes" not in header
    assert directives(header) == EXPECTED_POLICY


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/areas/S12000017/",  # charts: Vega specifications in application/json blocks
        "/areas/S12000017/performance/",
        "/about-the-data/",
        "/accounts/login/",
    ],
)
def test_public_pages_have_nothing_inline_the_policy_blocks(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert inline_code(response.content.decode()) == []


@pytest.mark.django_db
def test_the_charts_data_is_a_json_block_not_a_script(client):
    """The Vega specifications reach charts.js as JSON data, which the policy allows."""
    html = client.get("/areas/S12000017/").content.decode()
    charts = re.findall(r'data-chart="([^"]+)"', html)
    assert charts
    for chart_id in charts:
        assert f'<script id="{chart_id}" type="application/json">' in html


@pytest.mark.django_db
def test_the_admin_serves_nothing_inline_the_policy_blocks(client):
    """Django's admin (5.2) needs no inline script or style: its index, and every
    registered model's list and add pages, as a site administrator."""
    client.force_login(User.objects.get(email=f"site.admin@{DEMO_DOMAIN}"))
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
    problems = {}
    for url in urls:
        response = client.get(url)
        if response.status_code == 403 and url.endswith("/add/"):
            continue  # that model is not added through the admin
        assert response.status_code == 200, url
        assert "unsafe" not in response[HEADER]
        if found := inline_code(response.content.decode()):
            problems[url] = found
    assert len(urls) > 10
    assert problems == {}


# --- Templates: nothing inline anywhere, so no page can need 'unsafe-inline'. ---


def _project_templates():
    roots = [Path(settings.TEMPLATES[0]["DIRS"][0])]
    roots += sorted(Path(settings.PACKAGE_DIR).glob("*/templates"))
    for root in roots:
        for template in sorted(root.rglob("*.html")):
            yield template.relative_to(root).as_posix(), template.read_text()


def test_the_template_walk_finds_the_templates():
    names = {name for name, _ in _project_templates()}
    assert {"base.html", "includes/_chart.html", "meetings/pack.html"} <= names
    assert len(names) > 50


def test_no_template_has_inline_script_or_style():
    problems = {}
    for name, text in _project_templates():
        found = inline_code(text)
        if name in PRINT_ONLY_TEMPLATES:
            found = [problem for problem in found if problem != "<style> element"]
        if found:
            problems[name] = found
    assert problems == {}


def test_the_inline_check_catches_what_the_policy_blocks():
    """The checker itself: each kind of inline code is caught; JSON data and src are not."""
    assert inline_code('<p style="color: red">') == ['<p style="color: red">']
    assert inline_code("<style>p{}</style>") == ["<style> element"]
    assert inline_code("<script>alert(1)</script>") == ["inline <script []>"]
    assert inline_code('<button onclick="go()">') == ["<button onclick=…>"]
    assert inline_code('<a href="javascript:go()">') == ["<a href=javascript:go()>"]
    assert inline_code('<script src="/static/x.js"></script>') == []
    assert inline_code('<script id="c" type="application/json">{}</script>') == []


# --- The report view. ---


def _report(**fields) -> dict:
    return {
        "csp-report": {
            "document-uri": "https://placeplan.example/areas/S12000017/",
            "referrer": "",
            "violated-directive": "style-src-attr",
            "effective-directive": "style-src-attr",
            "original-policy": "default-src 'self'",
            "disposition": "enforce",
            "blocked-uri": "inline",
            "line-number": 12,
            "source-file": "https://placeplan.example/static/placeplan/charts.js",
            "status-code": 200,
            "script-sample": "",
            **fields,
        }
    }


def _post(body, content_type="application/csp-report", client=None):
    client = client or Client(enforce_csrf_checks=True)
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post(REPORT_URL, data=data, content_type=content_type)


def _logged(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "placeplan.csp"]


def test_a_report_is_logged_as_a_warning_and_answered_204(caplog):
    caplog.set_level(logging.WARNING, logger="placeplan.csp")
    response = _post(_report())  # as a browser sends it: no CSRF token, no session
    assert response.status_code == 204
    assert response.content == b""
    [record] = _logged(caplog)
    assert record.levelno == logging.WARNING
    message = record.getMessage()
    assert "directive='style-src-attr'" in message
    assert "blocked='inline'" in message
    assert "document='https://placeplan.example/areas/S12000017/'" in message
    assert "source='https://placeplan.example/static/placeplan/charts.js'" in message
    assert "line='12'" in message


def test_reporting_api_reports_are_logged_one_by_one(caplog):
    caplog.set_level(logging.WARNING, logger="placeplan.csp")
    reports = [
        {
            "type": "csp-violation",
            "url": "https://placeplan.example/",
            "body": {
                "documentURL": "https://placeplan.example/",
                "effectiveDirective": directive,
                "blockedURL": "eval",
                "disposition": "enforce",
            },
        }
        for directive in ("script-src", "style-src-elem")
    ]
    response = _post(reports, content_type="application/reports+json")
    assert response.status_code == 204
    messages = [record.getMessage() for record in _logged(caplog)]
    assert len(messages) == 2
    assert "directive='script-src'" in messages[0]
    assert "directive='style-src-elem'" in messages[1]
    assert all("blocked='eval'" in message for message in messages)


def test_a_hostile_value_stays_on_one_short_log_line(caplog):
    caplog.set_level(logging.WARNING, logger="placeplan.csp")
    response = _post(_report(**{"blocked-uri": "x\nFORGED log line " + "A" * 5000}))
    assert response.status_code == 204
    [record] = _logged(caplog)
    message = record.getMessage()
    assert "\n" not in message
    assert "FORGED" in message  # quoted, with the line break escaped
    assert len(message) < 1500


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"\xff\xfe\x00 not utf-8",
        b"[" * 5000 + b"]" * 5000,  # deep enough to exhaust the JSON parser's recursion
        "null",
        "42",
        '"csp-report"',
        "[]",
        '{"csp-report": "inline"}',
        '{"something": {"blocked-uri": "inline"}}',
        '[{"type": "csp-violation", "body": "inline"}]',
        '[{"type": "deprecation", "body": {}}]',
        '[{"type": "csp-violation", "body": {}}, 7]',
    ],
)
def test_a_body_that_is_not_a_report_is_refused_with_400(caplog, body):
    caplog.set_level(logging.WARNING, logger="placeplan.csp")
    response = _post(body)
    assert response.status_code == 400
    assert _logged(caplog) == []


class _UnreadableStream:
    def read(self, *args):
        raise AssertionError("the report body was read")

    readline = read


def test_a_report_over_the_size_limit_is_refused_before_it_is_read(caplog):
    caplog.set_level(logging.WARNING, logger="placeplan.csp")
    limit = settings.CSP_REPORT_MAX_BYTES
    big = json.dumps(_report(**{"script-sample": "A" * limit}))
    assert _post(big).status_code == 413
    # Its Content-Length alone refuses it: the body is never read.
    request = RequestFactory().post(REPORT_URL, content_type="application/csp-report")
    request.META["CONTENT_LENGTH"] = str(limit + 1)
    request.META["wsgi.input"] = _UnreadableStream()
    request._stream = _UnreadableStream()
    assert views.csp_report(request).status_code == 413
    # A report just under the limit is taken.
    padding = limit - len(json.dumps(_report(**{"script-sample": ""}))) - 10
    assert _post(_report(**{"script-sample": "A" * padding})).status_code == 204
    assert len(_logged(caplog)) == 1


@pytest.mark.parametrize("length", ["-1", "lots"])
def test_a_nonsense_content_length_is_refused_with_400(length):
    request = RequestFactory().post(REPORT_URL, content_type="application/csp-report")
    request.META["CONTENT_LENGTH"] = length
    assert views.csp_report(request).status_code == 400


def test_the_report_view_takes_only_posts():
    assert Client().get(REPORT_URL).status_code == 405
    assert Client().put(REPORT_URL, data="{}").status_code == 405
