"""The person a signed-in request is from is read in one query, with their resident profile,
whether their email address is confirmed and whether a role of theirs needs two factors;
the rules give the same answers from that reading as from the database, and ask the
database again when what they were read with has changed."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user
from django.test import Client, RequestFactory

from placeplan.accounts import selectors
from placeplan.accounts.backends import AuthenticationBackend, ModelBackend
from placeplan.residents.selectors import email_verified, is_resident, may_contribute
from tests.factories import PartnershipRoleFactory, ResidentFactory
from tests.factories.accounts import UserFactory
from tests.factories.engagement import verified_resident

pytestmark = pytest.mark.django_db


def test_a_resident_is_read_with_what_requests_ask_in_one_query(django_assert_num_queries):
    resident = verified_resident()
    with django_assert_num_queries(1):
        user = selectors.request_user(pk=resident.pk)
        assert is_resident(user)
        assert user.resident.user_id == resident.pk
        assert email_verified(user)
        assert may_contribute(user)
        assert not selectors.mfa_required(user=user)


def test_an_unconfirmed_address_reads_as_unconfirmed(django_assert_num_queries):
    user = ResidentFactory(verified=False).user
    with django_assert_num_queries(1):
        assert not email_verified(selectors.request_user(pk=user.pk))


def test_an_address_changed_since_it_was_read_is_asked_about_again():
    user = verified_resident()
    read = selectors.request_user(pk=user.pk)
    read.email = "someone.else@example.org"
    assert not email_verified(read)
    EmailAddress.objects.create(user=user, email=read.email, verified=True)
    assert email_verified(read)


def test_a_staff_member_is_no_resident_and_a_missing_person_is_none():
    staff = UserFactory()
    read = selectors.request_user(pk=staff.pk)
    assert not is_resident(read)
    assert not email_verified(read)
    assert selectors.request_user(pk=staff.pk + 10_000) is None


@pytest.mark.parametrize(
    ("required", "role", "expected"),
    [
        (["support_officer"], "support_officer", True),
        (["support_officer"], "board_member", False),
        (["board_member", "support_officer"], "board_member", True),
        ([], "support_officer", False),
    ],
)
def test_the_two_factor_rule_reads_the_same_either_way(
    settings, django_assert_num_queries, required, role, expected
):
    settings.MFA_REQUIRED_ROLES = required
    user = PartnershipRoleFactory(role=role).user
    with django_assert_num_queries(1):
        read = selectors.request_user(pk=user.pk)
        assert selectors.mfa_required(user=read) is expected
    assert selectors.mfa_required(user=UserFactory._meta.model.objects.get(pk=user.pk)) is expected


def test_account_roles_need_two_factors_without_a_partnership_role(settings):
    settings.MFA_REQUIRED_ROLES = ["site_admin"]
    admin = UserFactory(is_superuser=True, is_staff=True)
    assert selectors.mfa_required(user=selectors.request_user(pk=admin.pk))
    assert not selectors.mfa_required(user=selectors.request_user(pk=UserFactory().pk))


@pytest.mark.parametrize("backend", [ModelBackend, AuthenticationBackend])
def test_the_backends_read_the_person_that_way_and_refuse_an_inactive_one(backend):
    user = verified_resident()
    read = backend().get_user(user.pk)
    assert read == user
    assert getattr(read, selectors.EMAIL_CONFIRMED) is True
    user.is_active = False
    user.save()
    assert backend().get_user(user.pk) is None


def test_a_signed_in_request_is_from_the_person_read_in_one_query(django_assert_num_queries):
    user = verified_resident()
    client = Client()
    client.force_login(user)
    request = RequestFactory().get("/")
    request.session = client.session
    with django_assert_num_queries(1):
        person = get_user(request)
        assert person == user and may_contribute(person)
