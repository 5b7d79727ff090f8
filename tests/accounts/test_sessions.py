"""Sessions, lock-out across addresses and behind proxies, no-store, API rate limits."""

import pytest
from allauth.account.adapter import get_adapter
from axes.models import AccessAttempt
from django.conf import settings
from django.test import RequestFactory, override_settings

from placeplan.accounts import middleware
from placeplan.accounts.throttling import client_address
from tests.accounts.factories import PASSWORD, user_with_role

pytestmark = pytest.mark.django_db

HOME_ADDRESS = "198.51.100.7"
CAFE_ADDRESS = "203.0.113.20"
PROXY = "10.0.0.2"


def sign_in(client, user, password=PASSWORD, **headers):
    return client.post("/accounts/login/", {"login": user.email, "password": password}, **headers)


# --- Lock-out follows the account, whatever the address ---


def test_five_failures_from_two_addresses_pause_the_account_everywhere(client):
    person = user_with_role("board_member")
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        address = HOME_ADDRESS if attempt % 2 else CAFE_ADDRESS
        assert sign_in(client, person, "wrong-password", REMOTE_ADDR=address).status_code == 200
    fifth = sign_in(client, person, "wrong-password", REMOTE_ADDR=HOME_ADDRESS)
    assert fifth.status_code == 429

    # The right password, from an address that never failed, is refused too.
    third = sign_in(client, person, REMOTE_ADDR="192.0.2.99")

    assert third.status_code == 429
    assert "Signing in to this account is paused" in third.content.decode()
    assert client.get("/workspace/").status_code == 302


def test_the_pause_lasts_the_cool_off_time(client, settings):
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    person = user_with_role("board_member")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, person, "wrong-password", REMOTE_ADDR=HOME_ADDRESS)
    attempt = AccessAttempt.objects.get(username=person.email)
    # Move the failures back 15 minutes: the pause is over.
    attempt.attempt_time -= settings.AXES_COOLOFF_TIME
    attempt.save()
    assert sign_in(client, person, REMOTE_ADDR=CAFE_ADDRESS).status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_forwarded_address_is_the_callers(client):
    person = user_with_role("board_member")
    for address in (HOME_ADDRESS, CAFE_ADDRESS):
        # A client may put anything at the front of the header; the proxy adds the truth.
        sign_in(
            client,
            person,
            "wrong-password",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"127.0.0.1, {address}",
        )
    attempts = AccessAttempt.objects.filter(username=person.email)
    assert set(attempts.values_list("ip_address", flat=True)) == {HOME_ADDRESS, CAFE_ADDRESS}


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, HOME_ADDRESS, "", HOME_ADDRESS),
        (0, PROXY, f"{CAFE_ADDRESS}", PROXY),  # no proxy trusted: the header is ignored
        (1, PROXY, f"{CAFE_ADDRESS}", CAFE_ADDRESS),
        (1, PROXY, f"1.2.3.4, {CAFE_ADDRESS}", CAFE_ADDRESS),  # spoofed entry on the left
        (2, PROXY, f"1.2.3.4, {CAFE_ADDRESS}, 10.0.0.1", CAFE_ADDRESS),
        (2, PROXY, f"{CAFE_ADDRESS}", PROXY),  # too short to have passed both proxies
        (1, PROXY, "not-an-address", None),
    ],
)
def test_client_address(proxies, remote, forwarded, expected):
    headers = {"REMOTE_ADDR": remote}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().get("/", **headers)
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert client_address(request) == expected


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_allauths_rate_limits_see_the_same_address():
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"1.2.3.4, {CAFE_ADDRESS}"
    )
    assert get_adapter(request).get_client_ip(request) == CAFE_ADDRESS


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_a_request_that_did_not_pass_every_proxy_still_signs_in(client):
    person = user_with_role("board_member")
    response = sign_in(client, person, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=HOME_ADDRESS)
    assert response.status_code == 302


# --- Sessions end when idle and after a maximum time ---


@pytest.fixture
def clock(monkeypatch):
    """The sessions' clock, moved on by hand."""
    state = {"now": 1_800_000_000.0}
    monkeypatch.setattr(middleware, "now", lambda: state["now"])

    def advance(minutes):
        state["now"] += minutes * 60

    return advance


def test_a_session_ends_after_30_minutes_idle(client, clock):
    assert settings.SESSION_IDLE_MINUTES == 30
    person = user_with_role("partner_officer")
    sign_in(client, person)
    clock(29)
    assert client.get("/workspace/").status_code == 200
    clock(31)

    response = client.get("/workspace/")

    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/login/?next=/workspace/"
    # Signed out for good: not only this request.
    assert client.get("/workspace/").status_code == 302
    login_page = client.get("/accounts/login/").content.decode()
    assert "after 30 minutes without using Placeplan" in login_page


def test_a_session_ends_12_hours_after_signing_in_however_busy(client, clock):
    assert settings.SESSION_MAX_HOURS == 12
    person = user_with_role("partner_officer")
    sign_in(client, person)
    for _ in range(12 * 60 // 20):
        clock(20)
        assert client.get("/workspace/").status_code == 200
    clock(20)

    response = client.get("/workspace/")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login/")


@override_settings(SESSION_IDLE_MINUTES=5)
def test_the_idle_time_is_a_setting(client, clock):
    sign_in(client, user_with_role("partner_officer"))
    clock(6)
    assert client.get("/workspace/").status_code == 302


def test_the_session_cookie_does_not_outlive_the_maximum():
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_MAX_HOURS * 3600


# --- Nothing a signed-in person sees is kept by a browser or proxy cache ---


def _no_store(response) -> bool:
    return "no-store" in response.headers.get("Cache-Control", "")


@pytest.mark.parametrize("url", ["/workspace/", "/", "/api/v1/areas/", "/accounts/2fa/"])
def test_every_signed_in_page_is_no_store(client, url):
    client.force_login(user_with_role("board_member"))
    response = client.get(url)
    assert response.status_code == 200, url
    assert _no_store(response)
    assert "private" in response.headers["Cache-Control"]


def test_answers_to_a_request_with_credentials_are_no_store(client):
    response = client.get("/api/v1/areas/", HTTP_AUTHORIZATION="Bearer anything")
    assert _no_store(response)


def test_public_answers_to_anonymous_callers_may_be_cached(client):
    assert not _no_store(client.get("/api/v1/areas/"))
    assert not _no_store(client.get("/"))


def test_signing_in_answers_no_store(client):
    response = sign_in(client, user_with_role("board_member"))
    assert response.status_code == 302
    assert _no_store(response)


# --- API rate limits ---


@pytest.fixture
def minute(monkeypatch):
    """A fixed moment 15 seconds into a minute, so a window never ends mid-test."""
    moment = {"now": 1_800_000_015.0}
    monkeypatch.setattr(middleware, "now", lambda: moment["now"])
    return moment


@override_settings(API_RATE_LIMIT_PER_ADDRESS=3)
def test_the_api_answers_429_past_the_limit_per_address(client, minute):
    for _ in range(3):
        assert client.get("/api/v1/areas/", REMOTE_ADDR=HOME_ADDRESS).status_code == 200

    refused = client.get("/api/v1/areas/", REMOTE_ADDR=HOME_ADDRESS)

    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "45"
    assert "at most 3 a minute per address" in refused.json()["detail"]
    # Another address is not held back, and the next minute starts afresh.
    assert client.get("/api/v1/areas/", REMOTE_ADDR=CAFE_ADDRESS).status_code == 200
    minute["now"] += 45
    assert client.get("/api/v1/areas/", REMOTE_ADDR=HOME_ADDRESS).status_code == 200
    # Pages outside the API are not counted.
    minute["now"] -= 45
    assert client.get("/", REMOTE_ADDR=HOME_ADDRESS).status_code == 200


@override_settings(API_RATE_LIMIT_PER_TOKEN=2)
def test_the_api_answers_429_past_the_limit_per_token_from_any_address(client, minute):
    token = {"HTTP_AUTHORIZATION": "Bearer some-partner-token"}
    for address in (HOME_ADDRESS, CAFE_ADDRESS):
        client.get("/api/v1/areas/", REMOTE_ADDR=address, **token)

    refused = client.get("/api/v1/areas/", REMOTE_ADDR="192.0.2.1", **token)

    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "45"
    assert "per token" in refused.json()["detail"]
    other = {"HTTP_AUTHORIZATION": "Bearer another-token"}
    assert client.get("/api/v1/areas/", REMOTE_ADDR="192.0.2.1", **other).status_code == 200


@override_settings(API_RATE_LIMIT_PER_ADDRESS=1, TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_api_limit_is_per_caller_not_per_proxy(client, minute):
    def call(address):
        return client.get("/api/v1/areas/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)

    assert call(HOME_ADDRESS).status_code == 200
    assert call(CAFE_ADDRESS).status_code == 200
    assert call(HOME_ADDRESS).status_code == 429
