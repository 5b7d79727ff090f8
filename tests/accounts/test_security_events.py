"""The security event log: what is recorded, through one service, read by site admins only;
and how to report a vulnerability (security.txt, SECURITY.md)."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import RequestFactory, override_settings

from placeplan.accounts.models import SecurityEvent, SecurityEventKind
from placeplan.accounts.services import security_event_record
from tests.accounts.factories import PASSWORD, user_with_role

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.7"


def kinds(**filters) -> list[str]:
    return list(SecurityEvent.objects.filter(**filters).values_list("kind", flat=True))


def sign_in(client, login, password=PASSWORD):
    return client.post(
        "/accounts/login/", {"login": login, "password": password}, REMOTE_ADDR=ADDRESS
    )


def test_the_service_records_who_where_and_what():
    person = user_with_role("support_officer")
    request = RequestFactory().get("/workspace/x/people.csv", REMOTE_ADDR=ADDRESS)
    request.user = person

    event = security_event_record(
        kind=SecurityEventKind.PERSONAL_DATA_EXPORTED, request=request, detail="people.csv"
    )

    event.refresh_from_db()
    assert (event.kind, event.user, event.address, event.path, event.detail) == (
        "personal_data_exported",
        person,
        ADDRESS,
        "/workspace/x/people.csv",
        "people.csv",
    )


def test_the_service_works_without_a_request_and_refuses_unknown_kinds():
    person = user_with_role("partner_officer")
    event = security_event_record(kind=SecurityEventKind.TOKEN_USED, user=person, detail="t1")
    assert (event.user, event.address, event.path) == (person, None, "")
    with pytest.raises(ValueError, match="Unknown security event kind"):
        security_event_record(kind="made_up")


def test_sign_ins_and_failures_are_recorded(client):
    person = user_with_role("board_member")

    sign_in(client, person.email, "wrong-password")
    sign_in(client, "nobody@example.org", "wrong-password")
    sign_in(client, person.email)

    assert kinds(user=person) == ["signed_in", "sign_in_failed"]
    failed = SecurityEvent.objects.get(kind="sign_in_failed", user=person)
    assert failed.address == ADDRESS
    assert PASSWORD not in failed.detail and "wrong-password" not in failed.detail
    unknown = SecurityEvent.objects.get(kind="sign_in_failed", user=None)
    assert unknown.detail == "for 'nobody@example.org' (no such account)"


def test_a_lock_out_is_recorded(client):
    person = user_with_role("board_member")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, person.email, "wrong-password")
    assert kinds(user=person, kind="locked_out") == ["locked_out"]


def test_a_permission_refusal_is_recorded(client):
    person = user_with_role("community_member")
    client.force_login(person)

    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 403
    refusal = SecurityEvent.objects.get(kind="permission_refused")
    assert (refusal.user, refusal.path) == (person, "/admin/login/")
    assert refusal.detail == "GET /admin/login/?next=/admin/"


@override_settings(API_RATE_LIMIT_PER_ADDRESS=1)
def test_reaching_the_api_rate_limit_is_recorded_once(client):
    for _ in range(4):
        client.get("/api/v1/areas/", REMOTE_ADDR=ADDRESS)
    # The minute may turn over between calls; either way at most one event per minute.
    assert 1 <= len(kinds(kind="rate_limited")) <= 2


def test_a_refused_api_token_is_recorded_without_the_token(client):
    response = client.post(
        "/api/v1/observations",
        data="{}",
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer not-a-real-token-value",
        REMOTE_ADDR=ADDRESS,
    )

    assert response.status_code == 401
    event = SecurityEvent.objects.get(kind="token_used")
    assert event.address == ADDRESS
    assert event.detail == "POST /api/v1/observations → 401"
    assert "not-a-real-token-value" not in event.detail


def test_reading_the_api_with_a_token_is_not_logged_each_time(client):
    client.get("/api/v1/areas/", HTTP_AUTHORIZATION="Bearer anything")
    assert kinds() == []


def test_a_download_from_the_workspace_is_recorded(client):
    person = user_with_role("support_officer")
    client.force_login(person)
    url = "/workspace/S12000017/performance/places/poorest.csv"

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    event = SecurityEvent.objects.get(kind="workspace_download")
    assert (event.user, event.path) == (person, url)
    assert event.detail.startswith(f"GET {url}: ")
    # The same file from the public site is nobody's personal data: not logged.
    client.logout()
    SecurityEvent.objects.all().delete()
    client.get("/areas/S12000017/plans/")
    assert kinds(kind="workspace_download") == []


def test_an_event_needs_a_known_kind_and_a_real_address():
    with pytest.raises(ValidationError):
        SecurityEvent(kind="signed_in", address="not-an-address").full_clean()
    with pytest.raises(ValidationError):
        SecurityEvent(kind="made_up").full_clean()


# --- Read by site administrators only ---


def test_site_administrators_read_the_log_and_cannot_change_it(client):
    person = user_with_role("board_member")
    security_event_record(kind=SecurityEventKind.SIGN_IN_FAILED, user=person, detail="seen")
    event = SecurityEvent.objects.get(detail="seen")
    client.force_login(user_with_role("site_admin"))

    listing = client.get("/admin/accounts/securityevent/")
    assert listing.status_code == 200
    assert person.email in listing.content.decode()
    detail = client.get(f"/admin/accounts/securityevent/{event.pk}/change/")
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert client.get("/admin/accounts/securityevent/add/").status_code == 403
    assert client.post(f"/admin/accounts/securityevent/{event.pk}/delete/").status_code == 403
    assert SecurityEvent.objects.filter(pk=event.pk, detail="seen").exists()


def test_staff_who_are_not_site_administrators_cannot_read_the_log(client):
    client.force_login(user_with_role("support_officer", is_staff=True))
    assert client.get("/admin/accounts/securityevent/").status_code == 403


# --- security.txt and SECURITY.md ---


def test_security_txt_follows_rfc_9116(client):
    response = client.get("/.well-known/security.txt")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert set(fields) == {"Contact", "Expires", "Policy", "Preferred-Languages", "Canonical"}
    assert fields["Contact"] == settings.SECURITY_CONTACT
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"
    assert fields["Policy"] == "http://testserver/.well-known/security-policy.txt"
    assert fields["Preferred-Languages"] == "en"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", fields["Expires"])
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    # RFC 9116 advises less than a year ahead; it must be in the future.
    now = datetime.now(UTC)
    assert now < expires < now + timedelta(days=365)


@override_settings(
    SECURITY_CONTACT="mailto:security@council.example", SECURITY_POLICY_URL="https://x.example/p"
)
def test_security_txt_takes_the_operators_contact_and_policy(client):
    text = client.get("/.well-known/security.txt").content.decode()
    assert "Contact: mailto:security@council.example\n" in text
    assert "Policy: https://x.example/p\n" in text


def test_the_policy_is_the_repositorys_security_md(client):
    response = client.get("/.well-known/security-policy.txt")
    assert response.status_code == 200
    text = response.content.decode()
    assert text == (settings.BASE_DIR / "SECURITY.md").read_text(encoding="utf-8")
    for heading in ("How to report a vulnerability", "In scope", "Supported versions"):
        assert f"## {heading}" in text
