"""Bad input never gives a 500: every URL pattern in the project's resolver, with hostile
values in its path parts and in every query parameter a view reads, asked for anonymously,
as a site administrator and as a partnership's support officer.

Hypothesis is seeded (``derandomize=True``) and bounded (a few examples a pattern, no
deadline per example), so a run is repeatable and takes a couple of minutes. The test
client re-raises a view's exception, so a crash shows its traceback and the shrunk input.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from placeplan.accounts.models import User
from placeplan.challenges.models import Challenge
from placeplan.delivery.models import ImprovementAction
from placeplan.demo.services import DEMO_DOMAIN, demo_email
from placeplan.meetings.models import Meeting, Paper
from placeplan.partnerships.models import Body, Locality, Membership, Partner, Person
from placeplan.performance.models import Measure
from placeplan.plans.models import Commitment, Outcome, OutcomeIndicator, Plan, Target

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "placeplan"
HIGHLAND, PERTH, HIGHLAND_IZ = "S12000017", "S12000048", "S02001978"

#: Every query parameter a view reads (``request.GET``). ``test_query_parameter_table``
#: checks this against the source, so a new parameter cannot be left out of the fuzzing.
QUERY_PARAMETERS = (
    "action",
    "agenda_item",
    "area",
    "body",
    "communities",
    "end",
    "from",
    "indicator",
    "layout",
    "measure",
    "meeting",
    "next",
    "page",
    "parent",
    "partner",
    "period",
    "q",
    "recommendation",
    "section",
    "start",
    "status",
    "to",
    "to_body",
    "to_partner",
    "year",
)

ROLES = {
    "anonymous": None,
    "site_admin": f"site.admin@{DEMO_DOMAIN}",
    "support_officer": demo_email("highland", "support_officer"),
}
ROLES_SQLITE_ONLY = {"site_admin"}

#: Values that broke, or could break, parsing: digits ``isdigit`` accepts and ``int``
#: refuses, numbers past every integer column, dates past date arithmetic, traversal,
#: NUL bytes, markup and very long strings.
HOSTILE = (
    "0",
    "-1",
    "2147483648",
    "99999999999999999999",
    str(2**63),
    "1" * 400,
    "²",
    "١٢٣",
    "٣",
    "1.5",
    "1e309",
    "NaN",
    "inf",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2024-02-30",
    "1900-01-01",
    "0000/01",
    "9999/00",
    "..",
    "../..",
    "%00",
    "\x00",
    "a\x00b",
    " ",
    "'; DROP TABLE places_area; --",
    "<script>alert(1)</script>",
    "S12000017\n",
    "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
    "x" * 5000,
)

hostile = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates().map(str),
)


def _walk(patterns, prefix=""):
    """(route, pattern) for every pattern written with ``path()``; regex patterns (the
    admin's app index and catch-all, allauth's key links) are left to their own tests."""
    for pattern in patterns:
        if isinstance(pattern.pattern, RegexPattern):
            continue
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


ROUTES = sorted({route for route, _ in _walk(get_resolver().url_patterns)})
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def _known_values():
    """Real values for each kind of path part, so that a hostile value in one part meets
    a view that got past the others."""
    highland = {"partnership__council_area__code": HIGHLAND}
    ids = set()
    for model, lookup in (
        (Body, highland),
        (Partner, highland),
        (Person, highland),
        (Locality, highland),
        (Plan, highland),
        (ImprovementAction, highland),
        (Challenge, highland),
        (Meeting, {"body__partnership__council_area__code": HIGHLAND}),
        (Paper, {"meeting__body__partnership__council_area__code": HIGHLAND}),
        (Membership, {"body__partnership__council_area__code": HIGHLAND}),
        (Outcome, {"plan__partnership__council_area__code": HIGHLAND}),
        (OutcomeIndicator, {"outcome__plan__partnership__council_area__code": HIGHLAND}),
        (Target, {"indicator__outcome__plan__partnership__council_area__code": HIGHLAND}),
        (Commitment, {"outcome__plan__partnership__council_area__code": HIGHLAND}),
    ):
        ids.update(model.objects.filter(**lookup).values_list("pk", flat=True)[:10])
    return {
        "id": sorted(str(pk) for pk in ids),
        "code": [HIGHLAND, PERTH],
        "community": [HIGHLAND_IZ],
        "iz_code": [HIGHLAND_IZ],
        "fmt": ["csv", "xlsx", "pdf", "docx", "json", "ics"],
        "table": ["commitments", "outcomes", "indicators", "places", "values"],
        "slug": list(Measure.objects.values_list("code", flat=True)[:10]),
    }


def _value_kind(converter: str | None, name: str) -> str:
    if converter in ("id", "int") or name.endswith("_id") or name in ("id", "object_id"):
        return "id"
    if converter == "slug" or name in ("measure", "slug"):
        return "slug"
    return name


def _segment(value: str) -> str:
    return quote(value, safe="")


def _path(route: str, chosen: dict[str, str]) -> str:
    return "/" + PARAMETER.sub(lambda m: _segment(chosen[m.group("name")]), route)


@pytest.fixture(scope="module")
def known(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return _known_values()


def test_the_walk_finds_the_project_urls():
    assert "areas/<str:code>/meetings/<id:pk>/pack.<str:fmt>" in ROUTES
    assert "api/v1/partnerships/<code>/meetings/<meeting_id>" in ROUTES
    assert "workspace/<str:code>/actions/" in ROUTES
    assert len(ROUTES) > 150


def _ask_each(client, route, path_values, query, parts) -> int:
    """Ask for ``route`` a few times with drawn values; the number of requests made."""
    asked = 0

    # Django's own admin pages get fewer examples than the project's (their ids are
    # parsed by the admin; HistoryAdmin guards the audit history's).
    @settings(
        max_examples=3 if route.startswith("admin/") or not parts else 6,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(chosen=path_values, params=query)
    def ask(chosen, params):
        nonlocal asked
        url = _path(route, chosen)
        response = client.get(url, params)
        asked += 1
        assert response.status_code < 500, (url, params, response.status_code)

    ask()
    return asked


# A cache key a memcached backend would refuse is an error here, not a warning.
@pytest.mark.filterwarnings("error::django.core.cache.backends.base.CacheKeyWarning")
@pytest.mark.parametrize("role", ROLES)
def test_no_url_gives_a_server_error(client, role, known, worker_checked_in):
    """Each route gets hostile or real values in its path parts and hostile values in
    every query parameter; every answer is below 500."""
    if role in ROLES_SQLITE_ONLY and connection.vendor == "postgresql":
        pytest.skip(
            "on PostgreSQL the sweep runs as a support officer (who sees the most of a "
            "partnership's workspace) and anonymously; the site admin's, mostly Django's "
            "own admin pages, runs on SQLite"
        )
    if ROLES[role]:
        client.force_login(User.objects.get(email=ROLES[role]))
    seen = 0
    for route in ROUTES:
        parts = [(m.group("converter"), m.group("name")) for m in PARAMETER.finditer(route)]
        strategies = {
            name: st.one_of(hostile, st.sampled_from(known[_value_kind(conv, name)]))
            if known.get(_value_kind(conv, name))
            else hostile
            for conv, name in parts
        }
        query = st.dictionaries(st.sampled_from(QUERY_PARAMETERS), hostile, max_size=6)

        answers = _ask_each(client, route, st.fixed_dictionaries(strategies), query, parts)
        seen += answers
    assert seen >= 3 * len(ROUTES)
    print(f"{role}: {seen} requests over {len(ROUTES)} URL patterns, none a server error")


def test_real_values_reach_the_views(client, known):
    """The fuzzing is not only knocking at 404s: a real partnership and meeting with
    hostile query values still gets the page."""
    client.force_login(User.objects.get(email=ROLES["support_officer"]))
    response = client.get(
        f"/workspace/{HIGHLAND}/meetings/",
        {"body": "²", "start": "0001-01-01", "end": "9999-12-31"},
    )
    assert response.status_code == 200


# The query parameter table must list every key the source reads from request.GET.
_LITERAL_READ = re.compile(
    r"\.GET(?:\.get|\.getlist)?\(\s*[\"'](\w+)[\"']|\.GET\[\s*[\"'](\w+)[\"']"
)
_DECLARED = re.compile(r"#\s*query keys:\s*(\w+(?:,\s*\w+)*)")


def _query_keys_in_source() -> dict[str, set[str]]:
    """Keys read from ``request.GET`` across the source. A read with a computed key must
    say which keys it reads in a ``# query keys: a, b`` comment on its line or the one
    above."""
    keys: dict[str, set[str]] = {}
    undeclared = []
    for path in SRC.rglob("*.py"):
        lines = path.read_text().splitlines()
        for number, line in enumerate(lines, 1):
            if ".GET" not in line:
                continue
            found = {a or b for a, b in _LITERAL_READ.findall(line)}
            for nearby in (line, lines[number - 2] if number > 1 else ""):
                if declared := _DECLARED.search(nearby):
                    found |= {key.strip() for key in declared.group(1).split(",")}
            if not found:
                undeclared.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
            for key in found:
                keys.setdefault(key, set()).add(f"{path.relative_to(SRC)}:{number}")
    assert not undeclared, (
        "request.GET read with a computed key; add '# query keys: ...' to the line: "
        + "; ".join(undeclared)
    )
    return keys


def test_query_parameter_table():
    in_source = _query_keys_in_source()
    missing = set(in_source) - set(QUERY_PARAMETERS)
    assert not missing, (
        f"Views read query parameters the fuzz test does not send: {sorted(missing)} "
        f"({[sorted(in_source[k]) for k in sorted(missing)]}); add them to QUERY_PARAMETERS."
    )
    assert {"body", "recommendation", "parent", "from"} <= set(in_source)
