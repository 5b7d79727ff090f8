"""Signing in and out, lockout after repeated failures, password reset, and sign-up that
makes no staff account."""

import importlib
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail

from placeplan.accounts.models import User

PASSWORD = "a-long-enough-test-password"
NEW_PASSWORD = "another-long-test-password"
LOGIN_URL = "/accounts/login/"
RESET_URL = "/accounts/password/reset/"

# Failures are counted per account (placeplan.accounts.throttling.axes_username).


@pytest.fixture
def person(db):
    return User.objects.create_user(
        email="Morag.Testperson@Example.ORG", password=PASSWORD, full_name="Morag Testperson"
    )


def sign_in(client, login, password):
    return client.post(LOGIN_URL, {"login": login, "password": password})


def signed_in_user(client):
    """Who the client's session belongs to, as the next request sees it (None if nobody)."""
    response = client.get("/workspace/")
    return response.wsgi_request.user if response.status_code == 200 else None


# --- Who users are ---


def test_users_are_identified_by_email_stored_lower_case(person):
    assert get_user_model().USERNAME_FIELD == "email"
    assert person.email == "morag.testperson@example.org"
    person.refresh_from_db()
    assert person.email == "morag.testperson@example.org"


def test_production_settings_hash_passwords_with_argon2_first():
    base = importlib.import_module("placeplan.config.settings")
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    # The test settings swap in MD5 for speed only.
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]


# --- Signing in and out ---


def test_sign_in_with_email_and_password(client, person):
    page = client.get(LOGIN_URL)
    assert page.status_code == 200
    content = page.content.decode()
    assert 'name="login"' in content and 'name="password"' in content

    response = sign_in(client, "morag.testperson@example.org", PASSWORD)

    assert response.status_code == 302
    assert response.headers["Location"] == "/workspace/"
    assert signed_in_user(client) == person


def test_sign_in_honours_a_safe_next_url(client, person):
    response = client.post(
        f"{LOGIN_URL}?next=/workspace/S12000017/",
        {"login": person.email, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/workspace/S12000017/"


def test_wrong_password_shows_the_error_summary_and_does_not_sign_in(client, person):
    response = sign_in(client, person.email, "not-the-password")

    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "<title>Error: Sign in" in content
    assert not response.wsgi_request.user.is_authenticated
    assert signed_in_user(client) is None


def test_unknown_account_gets_the_same_error_as_a_wrong_password(client, person):
    response = sign_in(client, "nobody@example.org", PASSWORD)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert signed_in_user(client) is None


def test_sign_in_is_paused_after_too_many_failures(client, person):
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5
    for _ in range(limit - 1):
        response = sign_in(client, person.email, "not-the-password")
        assert response.status_code == 200
        assert "There is a problem" in response.content.decode()
    # The limit-th failure already pauses the account.
    response = sign_in(client, person.email, "not-the-password")
    assert response.status_code == 429

    # Even the right password is refused now, with the lockout page.
    response = sign_in(client, person.email, PASSWORD)

    assert response.status_code == 429
    content = response.content.decode()
    assert "Signing in to this account is paused" in content
    assert "Too many failed attempts" in content
    assert RESET_URL in content  # the page offers a way out
    assert not response.wsgi_request.user.is_authenticated
    assert signed_in_user(client) is None


def test_a_successful_sign_in_resets_the_failure_count(client, person):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, person.email, "not-the-password")
    assert sign_in(client, person.email, PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    # A fresh run of failures starts from zero: one more failure does not lock.
    response = sign_in(client, person.email, "not-the-password")
    assert response.status_code == 200
    assert sign_in(client, person.email, PASSWORD).status_code == 302


def test_failures_are_counted_against_the_account(client, person):
    sign_in(client, person.email, "not-the-password")
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [person.email]


def test_locking_one_account_leaves_other_accounts_alone(client, person):
    other = User.objects.create_user(
        email="other.person@example.org", password=PASSWORD, full_name="Other Person"
    )
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, person.email, "not-the-password")
    response = sign_in(client, other.email, PASSWORD)
    assert response.status_code == 302
    assert signed_in_user(client) == other


def test_sign_out_ends_the_session(client, person):
    sign_in(client, person.email, PASSWORD)
    assert signed_in_user(client) == person

    confirm = client.get("/accounts/logout/")  # GET asks for confirmation, does not sign out
    assert confirm.status_code == 200
    assert signed_in_user(client) == person

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert signed_in_user(client) is None
    workspace = client.get("/workspace/")
    assert workspace.status_code == 302
    assert workspace.headers["Location"].startswith(LOGIN_URL)


# --- Password reset ---


def _reset_link(message):
    match = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_password_reset_sends_a_link_that_sets_a_new_password(client, person):
    response = client.post(RESET_URL, {"email": person.email})

    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/password/reset/done/"
    done = client.get(response.headers["Location"])
    assert "Check your email" in done.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [person.email]
    link = _reset_link(message)

    # allauth moves the key into the session and redirects to a key-less form URL.
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert "Choose a new password" in form_page.content.decode()
    form_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    changed = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert changed.status_code == 302
    assert changed.headers["Location"] == "/accounts/password/reset/key/done/"

    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    client.logout()
    assert sign_in(client, person.email, PASSWORD).status_code == 200  # old one refused
    assert sign_in(client, person.email, NEW_PASSWORD).status_code == 302
    assert signed_in_user(client) == person

    # The link works once.
    client.logout()
    again = client.get(link, follow=True)
    assert "This link has expired" in again.content.decode()


def test_password_reset_for_an_unknown_email_leaks_nothing(client, person):
    known = client.post(RESET_URL, {"email": person.email})
    mail.outbox.clear()

    unknown = client.post(RESET_URL, {"email": "nobody@example.org"})

    # The same answer as for a real account: straight on to "Check your email".
    assert unknown.status_code == known.status_code == 302
    assert unknown.headers["Location"] == known.headers["Location"]
    # allauth (ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS, on by default) tells the address's owner
    # that somebody asked, but there is no reset link in it.
    assert [m.to for m in mail.outbox] == [["nobody@example.org"]]
    assert "/accounts/password/reset/key/" not in mail.outbox[0].body


# --- Sign-up is for residents only ---


def test_sign_up_makes_no_staff_account(client, db):
    """Staff accounts are given by support officers; public sign-up asks for what a
    resident's account needs (tests/residents/test_accounts.py), and a bare email and
    password make nothing."""
    page = client.get("/accounts/signup/")
    assert page.status_code == 200
    assert "account/signup.html" in [t.name for t in page.templates]
    assert "Staff accounts are not made here" in page.content.decode()

    users_before = User.objects.count()
    response = client.post(
        "/accounts/signup/",
        {"email": "walk.in@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert User.objects.count() == users_before
    assert not User.objects.filter(email="walk.in@example.org").exists()
    assert signed_in_user(client) is None
