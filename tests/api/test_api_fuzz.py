"""Schemathesis over ``/api/v1/openapi.json``: every operation gets at least 500 generated
requests (values that fit the schema and values that do not, with and without a partner's
API token), and none is answered with a server error.

The requests go to the in-process WSGI application, in the test's transaction. Seeded
(``derandomize=True``) and bounded (``max_examples``, no per-example deadline), so a run
is repeatable; the time it takes is in docs/security.md.
"""

from __future__ import annotations

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
from placeplan.demo.services import demo_email
from placeplan.partnerships.models import Partner
from placeplan.performance.services import api_token_create

pytestmark = pytest.mark.django_db

CASES_PER_OPERATION = 500


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
    @given(case=cases, with_token=st.booleans())
    def check(case, with_token):
        nonlocal made
        headers = {"Authorization": f"Bearer {token}"} if with_token else None
        response = case.call(headers=headers)
        made += 1
        case.validate_response(response, checks=[not_a_server_error])

    check()
    return made


def test_the_api_gives_no_server_error(application, token):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    made = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        made[operation.label] = _check_operation(operation, token)
    assert len(made) >= 15, sorted(made)
    print("\nSchemathesis cases per operation (0 server errors):")
    for label, count in sorted(made.items()):
        print(f"  {count:5d}  {label}")
    print(f"  {sum(made.values()):5d}  in all")
    # Operations with parameters or a body get the full count; those without any (the
    # area list, the measures) have only a handful of distinct requests to make.
    for label, count in made.items():
        if "{" in label or label.startswith("POST"):
            assert count >= CASES_PER_OPERATION, (label, count)
