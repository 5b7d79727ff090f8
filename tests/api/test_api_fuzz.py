"""Schemathesis over ``/api/v1/openapi.json``: every operation gets at least
``FUZZ_CASES`` generated requests (100 unless set; values that fit the schema and values
that do not, with and without a partner's API token), and none is answered with a server
error. A deeper sweep before a release: ``FUZZ_CASES=1000 bash script/test
tests/api/test_api_fuzz.py``.

The requests go to the in-process WSGI application, in the test's transaction. Seeded
(``derandomize=True``) and bounded (``max_examples``, no per-example deadline), so a run
is repeatable; the time it takes is in docs/security.md.
"""

from __future__ import annotations

import os
import time

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from placeplan.accounts.models import User
from placeplan.api.v1 import api
from placeplan.demo.services import demo_email
from placeplan.partnerships.models import Partner
from placeplan.performance.services import api_token_create

pytestmark = pytest.mark.django_db

CASES_PER_OPERATION = int(os.environ.get("FUZZ_CASES", "100"))


@pytest.fixture
def application():
    """Django's WSGI application, kept from closing the test's database connection at the
    end of each request (as Django's own test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def token():
    """A Highland partner's API token, made by Highland's support officer."""
    _, secret = api_token_create(
        partner=Partner.objects.filter(partnership__council_area__code="S12000017").first(),
        name="Schemathesis",
        user=User.objects.get(email=demo_email("highland", "support_officer")),
    )
    return secret


#: Real values put in place of generated ones in about one case in four, so that hostile
#: values in the other parameters meet a partnership that exists rather than a 404.
REAL = {"code": "S12000017", "iz_code": "S02001978", "slug": "cpop-child-poverty"}


def _check_operation(operation, token: str) -> int:
    """Up to ``CASES_PER_OPERATION`` requests to one operation; how many were made."""
    made = 0
    cases = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )

    @settings(
        max_examples=CASES_PER_OPERATION,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases, with_token=st.booleans(), real=st.integers(0, 3))
    def check(case, with_token, real):
        nonlocal made
        if real == 0 and isinstance(case.path_parameters, dict):
            for name, value in REAL.items():
                if name in case.path_parameters:
                    case.path_parameters[name] = value
        headers = {"Authorization": f"Bearer {token}"} if with_token else None
        response = case.call(headers=headers)
        made += 1
        case.validate_response(response, checks=[not_a_server_error])

    check()
    return made


def _operations() -> list[tuple[str, str]]:
    """(method, path) of every operation in the API's schema, read when tests are
    collected so that each operation is its own test (and a new one is fuzzed too)."""
    paths = api.get_openapi_schema()["paths"]
    return sorted((method.upper(), path) for path, item in paths.items() for method in item)


OPERATIONS = _operations()


def test_every_operation_is_fuzzed():
    assert len(OPERATIONS) >= 16
    assert ("POST", "/api/v1/observations") in OPERATIONS


@pytest.mark.parametrize("method, path", OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_the_api_gives_no_server_error(application, token, method, path):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operation = schema[path][method]
    started = time.monotonic()
    made = _check_operation(operation, token)
    print(f"\n{method} {path}: {made} cases, 0 server errors, {time.monotonic() - started:.1f} s")
    # An operation with parameters or a body gets the full count; one without any (the
    # area list, the measures) has only a handful of distinct requests to make.
    if "{" in path or method == "POST":
        assert made >= CASES_PER_OPERATION
