"""Residents' accounts: signing up (a resident, never staff), confirming the email address,
the account page, the download of their data, deleting the account, and the workspace
closed to them."""

from __future__ import annotations

import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from placeplan.accounts.models import SecurityEvent, SecurityEventKind, User
from placeplan.places.models import Area
from placeplan.residents import registry
from placeplan.residents.limits import TOO_MANY
from placeplan.residents.models import Resident
from placeplan.residents.selectors import A_RESIDENT, attribution, may_contribute
from placeplan.residents.services import resident_update
from tests.factories import (
    PASSWORD,
    AreaFactory,
    IntermediateZoneFactory,
    ResidentFactory,
    SecurityEventFactory,
    user_with_role,
)

SIGNUP = "/accounts/signup/"
ACCOUNT = "/residents/account/"
DOWNLOAD = "/residents/account/download.json"
DELETE = "/residents/account/delete/"
RESEND = "/residents/account/confirm-email/"
CHECK_EMAIL = "/accounts/confirm-email/"
NEW_EMAIL = "new.resident@example.org"


@pytest.fixture
def council(db):
    return AreaFactory()


def signup_data(council, **overrides):
    return {
        "email": NEW_EMAIL,
        "display_name": "Fictional Newcomer",
        "council_area": council.pk,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "privacy": "on",
        **overrides,
    }


def _confirmation_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


# --- Signing up ---


def test_the_sign_up_page_asks_for_what_a_resident_needs(client, db):
    page = client.get(SIGNUP)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Create a resident&#x27;s account" in content or "Create a resident's account" in content
    for name in ("email", "display_name", "council_area", "password1", "password2", "privacy"):
        assert f'name="{name}"' in content, name
    assert 'href="/residents/privacy/"' in content
    assert "placeholder" not in content.split('id="main"')[1]


def test_sign_up_makes_a_resident_with_an_unconfirmed_email_and_sends_the_link(client, council):
    response = client.post(SIGNUP, signup_data(council))

    assert response.status_code == 302
    assert response.headers["Location"] == CHECK_EMAIL
    user = User.objects.get(email=NEW_EMAIL)
    resident = user.resident
    assert resident.display_name == "Fictional Newcomer"
    assert resident.council_area == council
    assert resident.community is None
    assert resident.privacy_accepted_at is not None
    assert user.full_name == "Fictional Newcomer"
    assert not (user.is_staff or user.is_superuser or user.is_national_reader)
    assert not user.partnership_roles.exists()
    address = EmailAddress.objects.get(user=user)
    assert address.email == NEW_EMAIL and not address.verified
    assert not may_contribute(user)
    assert [m.to for m in mail.outbox] == [[NEW_EMAIL]]
    assert "/accounts/confirm-email/" in mail.outbox[0].body
    check = client.get(CHECK_EMAIL)
    assert "Check your email" in check.content.decode()
    assert not check.wsgi_request.user.is_authenticated
    # They may sign in before confirming: their account page says it is not confirmed yet.
    client.post("/accounts/login/", {"login": NEW_EMAIL, "password": PASSWORD})
    page = client.get(ACCOUNT)
    assert page.status_code == 200
    assert "Not confirmed yet" in page.content.decode()


def test_following_the_link_confirms_the_email_and_the_resident_may_contribute(client, council):
    client.post(SIGNUP, signup_data(council))
    user = User.objects.get(email=NEW_EMAIL)
    link = _confirmation_link(mail.outbox[0])

    page = client.get(link)
    assert page.status_code == 200
    assert "Confirm your email address" in page.content.decode()
    confirmed = client.post(link)

    assert confirmed.status_code == 302
    assert confirmed.headers["Location"] == "/accounts/login/"  # then they sign in
    assert EmailAddress.objects.get(user=user).verified
    assert may_contribute(user)


def test_every_mistake_is_shown_at_once_in_the_error_summary(client, council):
    response = client.post(
        SIGNUP,
        {"email": "not-an-address", "password1": "short", "password2": "different"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    summary = content.split('id="error-summary"')[1].split("</ul>")[0]
    for message in (
        "Enter an email address in the right format",
        "Enter a display name",
        "Choose the council area you live in",
        "Confirm that you have read the privacy notice",
    ):
        assert message in summary, message
    assert 'href="#id_password1"' in summary or 'href="#id_password2"' in summary
    assert not User.objects.filter(email="not-an-address").exists()


def test_the_privacy_notice_must_be_ticked(client, council):
    data = signup_data(council)
    del data["privacy"]
    response = client.post(SIGNUP, data)
    assert response.status_code == 200
    assert "Confirm that you have read the privacy notice" in response.content.decode()
    assert not User.objects.filter(email=NEW_EMAIL).exists()
    assert mail.outbox == []


def test_sign_up_never_makes_staff_or_grants_a_role(client, council):
    client.post(
        SIGNUP, {**signup_data(council), "is_staff": "on", "is_superuser": "on", "role": "x"}
    )
    user = User.objects.get(email=NEW_EMAIL)
    assert not (user.is_staff or user.is_superuser or user.is_national_reader)
    assert Resident.objects.filter(user=user).exists()


def test_sign_up_with_an_address_already_used_says_nothing_about_it(client, council):
    existing = ResidentFactory(verified=True)
    officer = user_with_role("support_officer")
    new = client.post(SIGNUP, signup_data(council))
    for email in (existing.user.email, officer.email.upper()):
        response = client.post(SIGNUP, signup_data(council, email=email))
        # The same answer as for a new address; no account is made, and the address's
        # owner is told how to sign in instead (no confirmation link).
        assert (response.status_code, response.headers["Location"]) == (
            new.status_code,
            new.headers["Location"],
        )
        assert User.objects.filter(email__iexact=email).count() == 1
    assert [m.to for m in mail.outbox[1:]] == [[existing.user.email], [officer.email]]
    assert "/accounts/confirm-email/" not in mail.outbox[1].body
    officer.refresh_from_db()
    assert not Resident.objects.filter(user=officer).exists()


def test_sign_up_is_rate_limited_per_address(client, council):
    limit = int(settings.ACCOUNT_RATE_LIMITS["signup"].split("/")[0])
    for _ in range(limit):
        # Wrong on purpose, so that nobody is signed in and each try counts.
        assert client.post(SIGNUP, {"email": "x"}).status_code == 200
    response = client.post(SIGNUP, signup_data(council))
    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert not User.objects.filter(email=NEW_EMAIL).exists()


# --- The account page ---


def test_the_account_page_changes_the_display_name_and_community(client, db):
    resident = ResidentFactory(verified=True)
    community = IntermediateZoneFactory(council_area=resident.council_area)
    client.force_login(resident.user)
    page = client.get(ACCOUNT)
    content = page.content.decode()
    assert resident.user.email in content and "Confirmed" in content
    version = re.search(r'name="edit_version" value="([^"]+)"', content).group(1)

    response = client.post(
        ACCOUNT,
        {
            "display_name": "New Name",
            "council_area": resident.council_area.pk,
            "community": community.pk,
            "edit_version": version,
        },
    )

    assert response.status_code == 302
    resident.refresh_from_db()
    assert (resident.display_name, resident.community) == ("New Name", community)
    assert resident.user.full_name == "New Name"


def test_the_community_list_is_the_council_areas_communities(client, db):
    resident = ResidentFactory()
    mine = IntermediateZoneFactory(council_area=resident.council_area)
    other = IntermediateZoneFactory()  # of another council area
    client.force_login(resident.user)
    content = client.get(ACCOUNT).content.decode()
    assert f'value="{mine.pk}"' in content
    assert f'value="{other.pk}"' not in content


def test_a_community_of_another_council_area_is_refused(client, db):
    resident = ResidentFactory()
    other = IntermediateZoneFactory()
    client.force_login(resident.user)
    response = client.post(
        ACCOUNT,
        {
            "display_name": "Name",
            "council_area": resident.council_area.pk,
            "community": other.pk,
        },
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    resident.refresh_from_db()
    assert resident.community is None


def test_the_service_refuses_a_community_outside_the_council_area(db):
    resident = ResidentFactory()
    other = IntermediateZoneFactory()
    with pytest.raises(Exception) as refused:
        resident_update(
            resident=resident,
            display_name="Name",
            council_area=resident.council_area,
            community=other,
        )
    assert "community" in refused.value.message_dict


def test_changing_the_council_area_clears_a_community_of_the_old_one(client, db):
    old = IntermediateZoneFactory()
    resident = ResidentFactory(council_area=old.council_area, community=old)
    new_council = AreaFactory()
    client.force_login(resident.user)
    response = client.post(
        ACCOUNT,
        {"display_name": "Name", "council_area": new_council.pk, "community": old.pk},
        follow=True,
    )
    assert "your community was cleared" in response.content.decode()
    resident.refresh_from_db()
    assert (resident.council_area, resident.community) == (new_council, None)


def test_a_save_over_a_newer_change_is_refused(client, db):
    resident = ResidentFactory()
    client.force_login(resident.user)
    content = client.get(ACCOUNT).content.decode()
    version = re.search(r'name="edit_version" value="([^"]+)"', content).group(1)
    # Changed in another tab meanwhile.
    resident_update(
        resident=resident,
        display_name="Other Tab",
        council_area=resident.council_area,
        community=None,
    )
    response = client.post(
        ACCOUNT,
        {
            "display_name": "This Tab",
            "council_area": resident.council_area.pk,
            "edit_version": version,
        },
    )
    assert response.status_code == 200
    assert "after you opened this form" in response.content.decode()
    resident.refresh_from_db()
    assert resident.display_name == "Other Tab"


def test_the_confirmation_link_can_be_sent_again_but_not_at_once_twice(client, db):
    resident = ResidentFactory()
    client.force_login(resident.user)
    first = client.post(RESEND, follow=True)
    assert "We have sent a new link" in first.content.decode()
    assert [m.to for m in mail.outbox] == [[resident.user.email]]
    second = client.post(RESEND, follow=True)
    assert "We sent you a link a few minutes ago" in second.content.decode()
    assert len(mail.outbox) == 1


# --- Their data ---


def test_the_download_holds_the_residents_data_and_nobody_elses(client, db):
    community = IntermediateZoneFactory()
    resident = ResidentFactory(
        verified=True, council_area=community.council_area, community=community
    )
    other = ResidentFactory(display_name="Somebody Else Entirely")
    SecurityEventFactory(user=resident.user)
    SecurityEventFactory(user=other.user)
    source = registry.PersonalDataSource(
        name="test_notes",
        items=lambda user: [{"text": f"note by {user.email}"}],
    )
    registry.register(source)
    try:
        client.force_login(resident.user)
        response = client.get(DOWNLOAD)
    finally:
        registry.sources.remove(source)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == resident.user.email
    assert data["account"]["email_verified"] is True
    assert data["profile"]["display_name"] == resident.display_name
    assert data["profile"]["community"] == {"code": community.code, "name": community.name}
    assert data["contributions"]["test_notes"] == [{"text": f"note by {resident.user.email}"}]
    assert len(data["security_events"]) >= 1
    text = response.content.decode()
    assert other.user.email not in text and other.display_name not in text
    assert SecurityEvent.objects.filter(
        user=resident.user, kind=SecurityEventKind.PERSONAL_DATA_EXPORTED
    ).exists()


def test_deleting_the_account_removes_it_and_the_profile_and_signs_out(client, db):
    resident = ResidentFactory(verified=True)
    user = resident.user
    SecurityEventFactory(user=user)
    client.force_login(user)
    assert client.get(DELETE).status_code == 200

    wrong = client.post(DELETE, {"password": "not-the-password"})
    assert wrong.status_code == 200
    assert "The password is not right" in wrong.content.decode()
    assert User.objects.filter(pk=user.pk).exists()

    response = client.post(DELETE, {"password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == "/"
    assert "Your account has been deleted" in response.content.decode()
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Resident.objects.filter(pk=resident.pk).exists()
    assert not EmailAddress.objects.filter(email=user.email).exists()
    # The account's own change history (which held the email address) goes too.
    assert not User.history.filter(id=user.pk).exists()
    # Records that stay are no longer linked to the person.
    assert SecurityEvent.objects.filter(user__isnull=True).exists()
    assert not response.wsgi_request.user.is_authenticated
    assert client.get(ACCOUNT).status_code == 302  # to sign in


def test_what_a_deleted_account_wrote_is_shown_as_by_a_resident():
    assert attribution(None) == A_RESIDENT


def test_staff_accounts_are_never_deleted_here(client, db):
    officer = user_with_role("support_officer")
    client.force_login(officer)
    response = client.post(DELETE, {"password": PASSWORD})
    assert response.status_code == 403
    assert User.objects.filter(pk=officer.pk).exists()


def test_unconfirmed_accounts_are_removed_after_thirty_days(db):
    old = ResidentFactory()
    old.user.date_joined = timezone.now() - timezone.timedelta(days=31)
    old.user.save(update_fields=["date_joined"])
    confirmed = ResidentFactory(verified=True)
    confirmed.user.date_joined = timezone.now() - timezone.timedelta(days=31)
    confirmed.user.save(update_fields=["date_joined"])
    recent = ResidentFactory()
    staff = user_with_role("partner_officer")
    staff.date_joined = timezone.now() - timezone.timedelta(days=400)
    staff.save(update_fields=["date_joined"])

    call_command("residents_prune_unverified", verbosity=0)

    assert not User.objects.filter(pk=old.user.pk).exists()
    assert User.objects.filter(pk__in=[confirmed.user.pk, recent.user.pk, staff.pk]).count() == 3


# --- No workspace ---


def test_a_resident_at_the_workspace_goes_to_their_account(client, db):
    resident = ResidentFactory(verified=True)
    client.force_login(resident.user)
    response = client.get("/workspace/")
    assert response.status_code == 302
    assert response.headers["Location"] == ACCOUNT


def test_a_resident_is_refused_a_partnerships_workspace_with_a_clear_message(client, db):
    resident = ResidentFactory(verified=True)
    client.force_login(resident.user)
    code = Area.objects.filter(level=Area.Level.COUNCIL_AREA, partnership__isnull=False).first()
    response = client.get(f"/workspace/{code.code}/")
    assert response.status_code == 403
    content = response.content.decode()
    assert "A resident&#x27;s account does not open it" in content or (
        "A resident's account does not open it" in content
    )


def test_a_resident_signing_in_goes_to_their_account(client, db):
    resident = ResidentFactory(verified=True)
    response = client.post("/accounts/login/", {"login": resident.user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == ACCOUNT


def test_staff_sign_in_is_unchanged(client, db):
    officer = user_with_role("support_officer")
    response = client.post("/accounts/login/", {"login": officer.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/workspace/"
    assert mail.outbox == []  # no confirmation link for staff
    assert client.get("/workspace/").status_code == 200


def test_staff_are_refused_the_residents_pages(client, db):
    officer = user_with_role("support_officer")
    client.force_login(officer)
    for url in (ACCOUNT, DOWNLOAD, DELETE):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "This page is for residents" in response.content.decode()
    assert client.get("/residents/privacy/").status_code == 200
