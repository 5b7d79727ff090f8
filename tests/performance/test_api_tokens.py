"""API tokens for partner systems: made once, kept only as a hash, revoked for good, and
working only until they expire and while their maker may still manage tokens."""

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from placeplan.partnerships.models import PartnershipRole, Role
from placeplan.partnerships.services import partnership_role_grant
from placeplan.performance.models import ApiToken
from placeplan.performance.services import (
    api_token_authenticate,
    api_token_check,
    api_token_create,
    api_token_revoke,
)
from tests.factories import PartnerFactory, PartnershipFactory, PartnershipRoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_user(partnership=None, role=Role.SUPPORT_OFFICER):
    if partnership is None:
        return UserFactory()
    return PartnershipRoleFactory(partnership=partnership, role=role).user


@pytest.fixture
def other_partnership():
    return PartnershipFactory()


@pytest.fixture
def user(partnership):
    """A support officer of the partnership, who may make its tokens."""
    return make_user(partnership)


@pytest.fixture
def partner(partnership):
    return PartnerFactory(partnership=partnership)


@pytest.fixture
def other_partner(other_partnership):
    return PartnerFactory(partnership=other_partnership)


@pytest.fixture
def made(partner, user):
    return api_token_create(partner=partner, name="  Council performance system  ", user=user)


def stored(token):
    return ApiToken.objects.get(pk=token.pk)


def test_a_new_token_authenticates_to_itself(made, partner, user):
    token, secret = made
    assert secret.startswith("pp_")
    assert len(secret) >= 40  # 32 random bytes, URL-safe
    assert token.pk is not None
    assert (token.partner, token.created_by) == (partner, user)
    assert token.name == "Council performance system"
    assert token.prefix == secret[:10]
    assert token.is_active and token.revoked_at is None
    assert api_token_authenticate(secret) == token
    assert api_token_authenticate(secret).partner.partnership == partner.partnership


def test_each_token_has_its_own_secret(made, partner, other_partner, user):
    token, secret = made
    other, other_secret = api_token_create(partner=partner, name="Another system", user=user)
    their_officer = make_user(other_partner.partnership)
    theirs, their_secret = api_token_create(
        partner=other_partner, name="Theirs", user=their_officer
    )
    assert len({secret, other_secret, their_secret}) == 3
    assert len({token.token_hash, other.token_hash, theirs.token_hash}) == 3
    assert api_token_authenticate(other_secret) == other
    assert api_token_authenticate(their_secret) == theirs
    assert api_token_authenticate(secret) == token


def test_only_the_hash_of_the_secret_is_stored(made):
    token, secret = made
    row = stored(token)
    assert row.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert len(row.token_hash) == 64
    records = [row, *row.history.all()]
    assert len(records) == 2
    for record in records:
        for field in record._meta.concrete_fields:
            assert secret not in str(field.value_from_object(record)), field.name
            assert secret[3:] not in str(field.value_from_object(record)), field.name
    assert not ApiToken.objects.filter(token_hash=secret).exists()


def test_a_revoked_token_no_longer_authenticates(made, user):
    token, secret = made
    revoked = api_token_revoke(token=token, user=user)
    assert revoked.revoked_at is not None and not revoked.is_active
    row = stored(token)
    assert (row.revoked_at, row.revoked_by) == (revoked.revoked_at, user)
    assert api_token_authenticate(secret) is None


def test_revoking_twice_keeps_the_first_revocation(made, user):
    token, secret = made
    first = api_token_revoke(token=token, user=user).revoked_at
    history = stored(token).history.count()
    someone_else = make_user()
    again = api_token_revoke(token=stored(token), user=someone_else)
    assert again.revoked_at == first
    row = stored(token)
    assert (row.revoked_at, row.revoked_by) == (first, user)
    assert row.history.count() == history
    assert api_token_authenticate(secret) is None


def test_revoking_one_token_leaves_the_others_working(made, partner, user):
    token, secret = made
    other, other_secret = api_token_create(partner=partner, name="Another system", user=user)
    api_token_revoke(token=token, user=user)
    assert api_token_authenticate(other_secret) == other
    assert api_token_authenticate(secret) is None


@pytest.mark.parametrize(
    "variant",
    [
        lambda s: "",
        lambda s: None,
        lambda s: "pp_",
        lambda s: "pp_" + "A" * 43,  # well formed, never issued
        lambda s: s[3:],  # without the prefix
        lambda s: "xx_" + s[3:],
        lambda s: s[:-1],
        lambda s: s + "x",
        lambda s: s.upper(),
        lambda s: " " + s,
        lambda s: s + " ",
        lambda s: "Bearer " + s,
        lambda s: s[:10],  # only the shown prefix
        lambda s: hashlib.sha256(s.encode()).hexdigest(),  # the stored hash itself
    ],
)
def test_unknown_or_malformed_secrets_do_not_authenticate(made, variant):
    token, secret = made
    assert api_token_authenticate(variant(secret)) is None
    assert stored(token).last_used_at is None


def test_using_a_token_records_when(made):
    token, secret = made
    assert stored(token).last_used_at is None
    before = timezone.now()
    assert api_token_authenticate(secret) is not None
    first_use = stored(token).last_used_at
    assert first_use is not None and before <= first_use <= timezone.now()
    assert api_token_authenticate(secret) is not None
    assert stored(token).last_used_at >= first_use
    # Using a token is not a change to audit.
    assert stored(token).history.count() == 1


def test_history_records_creation_and_revocation(made, user):
    token, _ = made
    api_token_revoke(token=token, user=user)
    history = list(stored(token).history.order_by("history_date", "history_id"))
    assert [(h.history_type, h.history_change_reason) for h in history] == [
        ("+", "API token created"),
        ("~", "API token revoked"),
    ]
    assert history[0].revoked_at is None
    assert history[1].revoked_at is not None and history[1].revoked_by_id == user.pk


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_a_token_needs_a_name(partner, user, name):
    count = ApiToken.objects.count()
    with pytest.raises(ValidationError) as refusal:
        api_token_create(partner=partner, name=name, user=user)
    assert "name" in refusal.value.message_dict
    assert ApiToken.objects.count() == count


def test_a_long_name_is_shortened(partner, user):
    token, _ = api_token_create(partner=partner, name="n" * 200, user=user)
    assert stored(token).name == "n" * 120


# -- expiry ------------------------------------------------------------------------------------


def test_a_token_expires_a_year_after_it_is_made_by_default(made):
    token, _ = made
    lifetime = stored(token).expires_at - stored(token).created_at
    assert datetime.timedelta(days=364, hours=23) < lifetime <= datetime.timedelta(days=365)


def test_a_token_may_be_given_a_shorter_life(partner, user):
    last_day = timezone.localdate() + datetime.timedelta(days=30)
    token, secret = api_token_create(partner=partner, name="Pilot", user=user, expires_on=last_day)
    expires = timezone.localtime(stored(token).expires_at)
    assert expires.date() == last_day + datetime.timedelta(days=1)
    assert (expires.hour, expires.minute) == (0, 0)  # works to the end of the last day
    assert api_token_authenticate(secret) == token


@pytest.mark.parametrize("days", [0, -1, 366, 5000])
def test_a_token_life_must_end_after_today_and_within_a_year(partner, user, days):
    count = ApiToken.objects.count()
    with pytest.raises(ValidationError) as refusal:
        api_token_create(
            partner=partner,
            name="Pilot",
            user=user,
            expires_on=timezone.localdate() + datetime.timedelta(days=days),
        )
    assert "expires_on" in refusal.value.message_dict
    assert ApiToken.objects.count() == count


def test_an_expired_token_is_refused_and_says_so(made):
    token, secret = made
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    found, refusal = api_token_check(secret)
    assert found is None and "expired" in refusal
    assert api_token_authenticate(secret) is None
    assert stored(token).last_used_at is None  # a refused use is not a use


def test_a_token_works_until_the_moment_it_expires(made):
    token, secret = made
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() + datetime.timedelta(minutes=1)
    )
    assert api_token_authenticate(secret) == token


# -- the maker's account and role, checked at each use ----------------------------------------


def test_a_token_stops_working_when_its_maker_is_deactivated(made, user):
    token, secret = made
    user.is_active = False
    user.save()
    found, refusal = api_token_check(secret)
    assert found is None and "no longer has an active account" in refusal
    user.is_active = True
    user.save()
    assert api_token_authenticate(secret) == token


def test_a_token_stops_working_when_its_maker_loses_the_role(made, user, partnership):
    token, secret = made
    PartnershipRole.objects.filter(user=user, role=Role.SUPPORT_OFFICER).delete()
    # Another role in the partnership does not let someone manage tokens.
    partnership_role_grant(user=user, partnership=partnership, role=Role.PARTNER_OFFICER)
    found, refusal = api_token_check(secret)
    assert found is None and "no longer allowed to manage" in refusal
    assert stored(token).last_used_at is None


def test_a_support_officer_of_another_partnership_cannot_keep_a_token_working(
    made, user, other_partnership
):
    _, secret = made
    PartnershipRole.objects.filter(user=user).delete()
    partnership_role_grant(user=user, partnership=other_partnership, role=Role.SUPPORT_OFFICER)
    assert api_token_authenticate(secret) is None


def test_a_site_administrators_token_works_while_they_are_one(partner):
    admin = make_user()
    admin.is_superuser = True
    admin.save()
    token, secret = api_token_create(partner=partner, name="Admin-made", user=admin)
    assert api_token_authenticate(secret) == token
    admin.is_superuser = False
    admin.save()
    assert api_token_authenticate(secret) is None


def test_a_token_whose_maker_was_deleted_is_refused(made, user):
    token, secret = made
    user.delete()
    assert stored(token).created_by is None
    found, refusal = api_token_check(secret)
    assert found is None and "no longer has an active account" in refusal


# -- the tokens page ----------------------------------------------------------------------------


def tokens_url(partnership):
    return f"/workspace/{partnership.council_area.code}/data/tokens/"


def token_row(client, token):
    from html import unescape

    url = tokens_url(token.partner.partnership)
    content = unescape(client.get(url).content.decode())
    start = content.index(f'<th scope="row">{token.name}</th>')
    return " ".join(content[start : content.index("</tr>", start)].split())


def test_the_tokens_page_shows_expiry_and_last_use(client, made, user):
    from django.utils.dateformat import format as date_format

    token, secret = made
    client.force_login(user)
    row = token_row(client, token)
    expires = date_format(timezone.localtime(stored(token).expires_at), "j M Y H:i")
    assert f"<td>{expires}</td> <td>Never</td>" in row
    assert "Revoke" in row

    assert api_token_authenticate(secret) == token
    used = date_format(timezone.localtime(stored(token).last_used_at), "j M Y H:i")
    assert f"<td>{expires}</td> <td>{used}</td>" in token_row(client, token)

    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    row = token_row(client, token)
    assert "Expired" in row and "Revoke" not in row


def test_a_support_officer_chooses_a_tokens_last_day_on_the_page(client, partner, user):
    client.force_login(user)
    last_day = timezone.localdate() + datetime.timedelta(days=90)
    url = tokens_url(partner.partnership)
    response = client.post(
        url, {"partner": partner.pk, "name": "Quarterly", "expires_on": last_day.isoformat()}
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(name="Quarterly")
    assert timezone.localtime(token.expires_at).date() == last_day + datetime.timedelta(days=1)
    too_late = timezone.localdate() + datetime.timedelta(days=400)
    response = client.post(
        url, {"partner": partner.pk, "name": "Forever", "expires_on": too_late.isoformat()}
    )
    assert "A token can last at most a year" in response.content.decode()
    assert not ApiToken.objects.filter(name="Forever").exists()
