"""Partnership roles: the `rules` predicates and permissions, granting roles and reading them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from placeplan.accounts.models import User
from placeplan.partnerships import permissions
from placeplan.partnerships.models import Partnership, PartnershipRole, Role
from placeplan.partnerships.selectors import user_partnership_roles
from placeplan.partnerships.services import partnership_role_grant

pytestmark = pytest.mark.django_db

HIGHLAND = "S12000017"
PERTH = "S12000048"
VIEW_WORKSPACE = "partnerships.view_workspace"
VIEW_PEOPLE = "partnerships.view_people"

_counter = iter(range(1_000_000))


@pytest.fixture
def highland():
    return Partnership.objects.get(council_area__code=HIGHLAND)


@pytest.fixture
def perth():
    return Partnership.objects.get(council_area__code=PERTH)


@pytest.fixture
def make_user():
    def make(*, role=None, partnership=None, **flags):
        user = User.objects.create_user(
            email=f"person{next(_counter)}@example.org",
            password="a-long-enough-test-password",
            full_name="Test Person",
            **flags,
        )
        if role:
            partnership_role_grant(user=user, partnership=partnership, role=role)
        return user

    return make


# (role in Highland, or a flag) -> (view_workspace Highland, view_people Highland,
#                                   view_workspace Perth, view_people Perth)
EXPECTED = {
    Role.COMMUNITY_MEMBER: (True, False, False, False),
    Role.BOARD_MEMBER: (True, False, False, False),
    Role.PARTNER_OFFICER: (True, False, False, False),
    Role.SUPPORT_OFFICER: (True, True, False, False),
    "national_reader": (True, False, True, False),
    "site_admin": (True, True, True, True),
    "no_role": (False, False, False, False),
}


def _user_for(kind, make_user, highland, *, is_active=True):
    if kind == "national_reader":
        return make_user(is_national_reader=True, is_active=is_active)
    if kind == "site_admin":
        return make_user(is_superuser=True, is_staff=True, is_active=is_active)
    if kind == "no_role":
        return make_user(is_active=is_active)
    return make_user(role=kind, partnership=highland, is_active=is_active)


@pytest.mark.parametrize(
    ("kind", "expected"), [pytest.param(k, v, id=str(k)) for k, v in EXPECTED.items()]
)
def test_permissions_per_role(kind, expected, make_user, highland, perth):
    user = _user_for(kind, make_user, highland)
    actual = (
        user.has_perm(VIEW_WORKSPACE, highland),
        user.has_perm(VIEW_PEOPLE, highland),
        user.has_perm(VIEW_WORKSPACE, perth),
        user.has_perm(VIEW_PEOPLE, perth),
    )
    assert actual == expected


@pytest.mark.parametrize("kind", ["national_reader", "site_admin", "no_role"])
def test_inactive_users_without_roles_are_denied(kind, make_user, highland, perth):
    user = _user_for(kind, make_user, highland, is_active=False)
    for perm in (VIEW_WORKSPACE, VIEW_PEOPLE):
        for partnership in (highland, perth):
            assert not user.has_perm(perm, partnership), (perm, partnership)


@pytest.mark.parametrize("role", Role.values)
def test_inactive_role_holders_are_denied(role, make_user, highland):
    user = _user_for(role, make_user, highland, is_active=False)
    assert not user.has_perm(VIEW_WORKSPACE, highland)
    assert not user.has_perm(VIEW_PEOPLE, highland)


def test_a_deactivated_member_loses_workspace_access(client, make_user, highland):
    """Defence in depth aside, deactivation ends access: the session no longer authenticates."""
    user = make_user(role=Role.SUPPORT_OFFICER, partnership=highland)
    client.force_login(user)
    assert client.get(f"/workspace/{HIGHLAND}/people/").status_code == 200

    user.is_active = False
    user.save()

    response = client.get(f"/workspace/{HIGHLAND}/people/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login/")


def test_anonymous_people_have_no_partnership_permissions(highland):
    anonymous = AnonymousUser()
    assert not anonymous.has_perm(VIEW_WORKSPACE, highland)
    assert not anonymous.has_perm(VIEW_PEOPLE, highland)


def test_permissions_need_a_partnership(make_user, highland):
    member = make_user(role=Role.SUPPORT_OFFICER, partnership=highland)
    assert not member.has_perm(VIEW_WORKSPACE)
    assert not member.has_perm(VIEW_PEOPLE)
    assert not member.has_perm(VIEW_WORKSPACE, None)


def test_predicates(make_user, highland, perth):
    officer = make_user(role=Role.SUPPORT_OFFICER, partnership=highland)
    member = make_user(role=Role.COMMUNITY_MEMBER, partnership=highland)
    reader = make_user(is_national_reader=True)
    admin = make_user(is_superuser=True, is_staff=True)
    inactive_admin = make_user(is_superuser=True, is_staff=True, is_active=False)
    inactive_reader = make_user(is_national_reader=True, is_active=False)
    anonymous = AnonymousUser()

    assert permissions.has_any_role_in(officer, highland)
    assert permissions.has_any_role_in(member, highland)
    assert not permissions.has_any_role_in(member, perth)
    assert not permissions.has_any_role_in(reader, highland)
    assert not permissions.has_any_role_in(anonymous, highland)
    assert not permissions.has_any_role_in(officer, None)

    assert permissions.is_support_officer_of(officer, highland)
    assert not permissions.is_support_officer_of(officer, perth)
    assert not permissions.is_support_officer_of(member, highland)
    assert not permissions.is_support_officer_of(anonymous, highland)
    assert not permissions.is_support_officer_of(officer, None)

    assert permissions.is_national_reader(reader)
    assert not permissions.is_national_reader(inactive_reader)
    assert not permissions.is_national_reader(officer)
    assert not permissions.is_national_reader(anonymous)

    assert permissions.is_site_admin(admin)
    assert not permissions.is_site_admin(inactive_admin)
    assert not permissions.is_site_admin(reader)
    assert not permissions.is_site_admin(anonymous)


def test_a_role_in_several_partnerships(make_user, highland, perth):
    user = make_user(role=Role.SUPPORT_OFFICER, partnership=highland)
    partnership_role_grant(user=user, partnership=perth, role=Role.BOARD_MEMBER)
    assert user.has_perm(VIEW_PEOPLE, highland)
    assert user.has_perm(VIEW_WORKSPACE, perth)
    assert not user.has_perm(VIEW_PEOPLE, perth)


# --- Granting roles ---


def test_grant_refuses_an_unknown_role(make_user, highland):
    user = make_user()
    with pytest.raises(ValidationError, match="not a partnership role"):
        partnership_role_grant(user=user, partnership=highland, role="chief_executive")
    with pytest.raises(ValidationError):
        partnership_role_grant(user=user, partnership=highland, role="Support officer")
    assert not PartnershipRole.objects.filter(user=user).exists()


def test_grant_is_idempotent(make_user, highland):
    user = make_user()
    first = partnership_role_grant(user=user, partnership=highland, role=Role.BOARD_MEMBER)
    again = partnership_role_grant(user=user, partnership=highland, role=Role.BOARD_MEMBER)
    assert first.pk == again.pk
    assert PartnershipRole.objects.filter(user=user).count() == 1


def test_grant_is_recorded_in_the_history(make_user, highland):
    user = make_user()
    grant = partnership_role_grant(user=user, partnership=highland, role=Role.PARTNER_OFFICER)

    history = list(PartnershipRole.history.filter(id=grant.pk))
    assert len(history) == 1
    record = history[0]
    assert record.history_type == "+"
    assert record.user_id == user.pk
    assert record.partnership_id == highland.pk
    assert record.role == Role.PARTNER_OFFICER
    assert record.instance == grant

    # Granting it again changes nothing, so adds no history; removing it is recorded.
    partnership_role_grant(user=user, partnership=highland, role=Role.PARTNER_OFFICER)
    assert PartnershipRole.history.filter(id=grant.pk).count() == 1
    grant_id = grant.pk
    grant.delete()
    assert list(
        PartnershipRole.history.filter(id=grant_id)
        .order_by("history_date")
        .values_list("history_type", flat=True)
    ) == ["+", "-"]


# --- Reading roles ---


def test_user_partnership_roles_groups_roles_by_partnership(make_user, highland, perth):
    user = make_user()
    partnership_role_grant(user=user, partnership=perth, role=Role.COMMUNITY_MEMBER)
    partnership_role_grant(user=user, partnership=highland, role=Role.SUPPORT_OFFICER)
    partnership_role_grant(user=user, partnership=highland, role=Role.BOARD_MEMBER)

    grouped = user_partnership_roles(user=user)

    # By partnership name (Highland before Perth), roles as their labels.
    assert grouped == [
        {"partnership": highland, "roles": ["Board member", "Support officer"]},
        {"partnership": perth, "roles": ["Community member"]},
    ]


def test_user_partnership_roles_is_empty_without_roles(make_user):
    assert user_partnership_roles(user=make_user(is_national_reader=True)) == []
