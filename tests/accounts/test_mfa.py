"""Two-factor authentication (django-allauth's mfa): required of the roles named in
MFA_REQUIRED_ROLES on the real sign-in, offered to everyone, and the admin behind it.

The test settings set MFA_REQUIRED_ROLES to none so the policy table's force_login sessions
test roles alone; these tests turn on production's default and sign in through the form.
"""

import os
import subprocess
import sys

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal import auth as totp_auth
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret
from django.test import override_settings

from placeplan.accounts.models import SecurityEvent, SecurityEventKind
from tests.accounts.factories import PASSWORD, user_with_role

pytestmark = pytest.mark.django_db

PRODUCTION_DEFAULT = override_settings(MFA_REQUIRED_ROLES=["site_admin", "support_officer"])
NOW = 1_800_000_000  # a fixed moment, so a code never crosses a 30-second step mid-test


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch):
    monkeypatch.setattr(
        totp_auth, "yield_hotp_counters_from_time", lambda: iter([NOW // mfa_settings.TOTP_PERIOD])
    )


def code_for(secret: str) -> str:
    """What the person's authenticator app shows at NOW."""
    return format_hotp_value(totp_auth.hotp_value(secret, NOW // mfa_settings.TOTP_PERIOD))


def sign_in(client, user):
    return client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})


def with_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@PRODUCTION_DEFAULT
@pytest.mark.parametrize("role", ["support_officer", "site_admin"])
def test_a_required_role_without_mfa_is_sent_to_set_it_up(client, role):
    person = user_with_role(role)
    assert sign_in(client, person).status_code == 302

    for page in ["/workspace/", "/admin/", "/"]:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response.headers["Location"] == "/accounts/2fa/"
    setup = client.get("/accounts/2fa/", follow=True)
    assert setup.status_code == 200
    assert "two-factor authentication" in setup.content.decode()


@PRODUCTION_DEFAULT
@pytest.mark.parametrize("role", ["community_member", "board_member", "partner_officer"])
def test_other_roles_may_sign_in_without_mfa(client, role):
    person = user_with_role(role)
    sign_in(client, person)
    assert client.get("/workspace/").status_code == 200


@PRODUCTION_DEFAULT
def test_setting_up_an_authenticator_app_lets_a_support_officer_in(
    client, django_capture_on_commit_callbacks
):
    person = user_with_role("support_officer")
    sign_in(client, person)
    # allauth asks for the password again before a second factor is changed.
    asked = client.get("/accounts/2fa/totp/activate/")
    assert asked.headers["Location"].startswith("/accounts/reauthenticate/")
    client.post(asked.headers["Location"], {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    content = page.content.decode()
    assert 'src="data:image/svg+xml' in content  # the QR code an authenticator app scans
    assert "ds_site-footer" in content  # in the site's own layout
    secret = client.session[totp_auth.SECRET_SESSION_KEY]

    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert not Authenticator.objects.filter(user=person).exists()

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post("/accounts/2fa/totp/activate/", {"code": code_for(secret)})

    assert done.status_code == 302
    assert Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists()
    assert client.get("/workspace/").status_code == 200
    added = SecurityEvent.objects.filter(kind=SecurityEventKind.MFA_ADDED, user=person)
    assert set(added.values_list("detail", flat=True)) == {"TOTP Authenticator", "Recovery codes"}
    # The recovery codes it made, shown with allauth's script (a file: no inline code).
    codes = client.get("/accounts/2fa/recovery-codes/").content.decode()
    assert "mfa/js/recovery_codes.js" in codes
    assert "ds_site-footer" in codes


@PRODUCTION_DEFAULT
def test_signing_in_with_mfa_asks_for_the_code(client):
    person = user_with_role("support_officer")
    secret = with_totp(person)

    response = sign_in(client, person)

    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/2fa/authenticate/"
    # The password alone signs nobody in.
    assert client.get("/workspace/").headers["Location"].startswith("/accounts/login/")

    sign_in(client, person)
    refused = client.post("/accounts/2fa/authenticate/", {"code": "123456"})
    assert refused.status_code == 200
    assert SecurityEvent.objects.filter(kind=SecurityEventKind.MFA_FAILED, user=person).exists()

    accepted = client.post("/accounts/2fa/authenticate/", {"code": code_for(secret)})

    assert accepted.status_code == 302
    assert client.get("/workspace/").status_code == 200


def test_everyone_is_offered_mfa_from_their_workspace(client):
    person = user_with_role("community_member")
    sign_in(client, person)
    workspace = client.get("/workspace/").content.decode()
    assert 'href="/accounts/2fa/"' in workspace
    assert client.get("/accounts/2fa/").status_code == 200


def test_the_admin_sign_in_is_the_one_sign_in(client):
    response = client.get("/admin/login/?next=/admin/accounts/user/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/login/?next=/admin/accounts/user/"
    # Somewhere else is not somewhere to be sent after signing in.
    off_site = client.get("/admin/login/?next=https://evil.example/")
    assert off_site.headers["Location"] == "/accounts/login/?next=/admin/"


def test_the_admin_sign_in_refuses_a_signed_in_person_who_is_not_an_administrator(client):
    client.force_login(user_with_role("support_officer"))
    assert client.get("/admin/login/?next=/admin/").status_code == 403


@PRODUCTION_DEFAULT
def test_a_site_administrator_reaches_the_admin_only_after_both_factors(client):
    admin = user_with_role("site_admin")
    secret = with_totp(admin)
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": admin.email, "password": PASSWORD}
    )
    assert response.headers["Location"].startswith("/accounts/2fa/authenticate/")
    assert client.get("/admin/").status_code == 302

    done = client.post("/accounts/2fa/authenticate/", {"code": code_for(secret)})

    assert done.headers["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/login/").headers["Location"] == "/admin/"


def _settings_in_a_fresh_process(extra: dict) -> str:
    environ = {
        "PATH": os.environ.get("PATH", ""),
        "SECRET_KEY": "x",
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": "sqlite:///:memory:",
        **extra,
    }
    program = (
        "import placeplan.config.settings as s;"
        "print(s.MFA_REQUIRED_ROLES, s.SESSION_IDLE_MINUTES, s.SESSION_MAX_HOURS,"
        " s.AXES_LOCKOUT_PARAMETERS, s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME)"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and a fixed program
        [sys.executable, "-c", program], env=environ, capture_output=True, text=True, check=False
    )
    return done.stdout + done.stderr


def test_production_defaults_require_mfa_of_administrators_and_support_officers():
    out = _settings_in_a_fresh_process({})
    assert out.strip() == ("['site_admin', 'support_officer'] 30 12 ['username'] 5 0:15:00")


def test_an_unknown_role_stops_start_up():
    out = _settings_in_a_fresh_process({"MFA_REQUIRED_ROLES": "site_admin,chief"})
    assert "MFA_REQUIRED_ROLES may name" in out


@pytest.mark.parametrize("next_url", ["0", "12426", "admin", "//elsewhere.example/"])
def test_the_admin_sign_in_sends_a_site_admin_only_to_a_path_of_this_site(client, next_url):
    """A ``next`` that is not a path of this site (a bare word would be taken for a view's
    name, and fail) sends a signed-in site administrator to the admin's index."""
    client.force_login(user_with_role("site_admin"))
    response = client.get("/admin/login/", {"next": next_url})
    assert response.status_code == 302 and response["Location"] == "/admin/"
