"""The demo accounts: one fictional person per role, safe to load again, printed for sign-in."""

from io import StringIO

import pytest
from django.core.management import call_command

from placeplan.accounts.models import User
from placeplan.demo.services import (
    DEMO_DOMAIN,
    DEMO_PARTNERSHIPS,
    DEMO_PASSWORD,
    DEMO_PEOPLE,
    DEMO_RESIDENT_EMAIL,
    demo_email,
    demo_load,
)
from placeplan.partnerships.models import PartnershipRole, Role
from placeplan.residents.selectors import may_contribute

pytestmark = pytest.mark.django_db

SITE_ADMIN = f"site.admin@{DEMO_DOMAIN}"
NATIONAL_READER = f"national.reader@{DEMO_DOMAIN}"
# The site administrator, the national reader and the resident of Perth, beside one person
# per role in each demo partnership.
WITHOUT_ROLES = 3


def demo_users():
    return User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")


def demo_grants():
    return PartnershipRole.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}")


def test_demo_covers_highland_and_perth_and_every_role():
    assert DEMO_PARTNERSHIPS == {"S12000017": "highland", "S12000048": "perth"}
    assert set(DEMO_PEOPLE) == set(Role)


def test_demo_load_creates_one_user_per_role_per_partnership():
    demo_load()

    for code, slug in DEMO_PARTNERSHIPS.items():
        for role in Role:
            user = User.objects.get(email=demo_email(slug, role))
            grants = list(
                user.partnership_roles.values_list("partnership__council_area__code", "role")
            )
            assert grants == [(code, role.value)], user.email
            assert not (user.is_superuser or user.is_staff or user.is_national_reader)
            assert user.is_active
        per_role = (
            PartnershipRole.objects.filter(partnership__council_area__code=code)
            .filter(user__email__endswith=f"@{DEMO_DOMAIN}")
            .values_list("role", flat=True)
        )
        assert sorted(per_role) == sorted(Role.values)

    admin = User.objects.get(email=SITE_ADMIN)
    assert admin.is_superuser and admin.is_staff and not admin.is_national_reader
    assert not admin.partnership_roles.exists()
    reader = User.objects.get(email=NATIONAL_READER)
    assert reader.is_national_reader and not (reader.is_superuser or reader.is_staff)
    assert not reader.partnership_roles.exists()
    resident = User.objects.get(email=DEMO_RESIDENT_EMAIL)
    assert may_contribute(resident)
    assert resident.resident.council_area.code == "S12000048"
    assert not (resident.is_superuser or resident.is_staff or resident.is_national_reader)
    assert not resident.partnership_roles.exists()

    expected_users = WITHOUT_ROLES + len(DEMO_PARTNERSHIPS) * len(Role)
    assert demo_users().count() == expected_users
    assert demo_grants().count() == len(DEMO_PARTNERSHIPS) * len(Role)


def test_every_demo_account_signs_in_with_the_demo_password():
    demo_load()
    for user in demo_users():
        assert user.check_password(DEMO_PASSWORD), user.email


def test_demo_load_returns_every_login():
    logins = demo_load()
    assert {login.email for login in logins} == set(demo_users().values_list("email", flat=True))
    assert len(logins) == demo_users().count()
    roles = {(login.role, login.partnership) for login in logins}
    assert ("Site administrator", "all") in roles
    assert ("National reader", "all") in roles
    assert ("Support officer", "Highland Community Planning Partnership") in roles
    assert ("Community member", "Perth and Kinross Community Planning Partnership") in roles


def test_demo_load_twice_creates_no_duplicates():
    demo_load()
    users = sorted(demo_users().values_list("pk", "email"))
    grants = sorted(demo_grants().values_list("pk", "user_id", "partnership_id", "role"))
    history = PartnershipRole.history.count()

    demo_load()

    assert sorted(demo_users().values_list("pk", "email")) == users
    assert sorted(demo_grants().values_list("pk", "user_id", "partnership_id", "role")) == grants
    assert PartnershipRole.history.count() == history  # nothing re-granted


def test_demo_load_repairs_a_changed_demo_account():
    reader = User.objects.get(email=NATIONAL_READER)
    reader.set_password("someone-changed-this-one")
    reader.is_national_reader = False
    reader.full_name = "Somebody Else"
    reader.save()

    demo_load()

    reader.refresh_from_db()
    assert reader.check_password(DEMO_PASSWORD)
    assert reader.is_national_reader
    assert reader.full_name == "Fraser Readwell (demo)"


def test_demo_names_are_obviously_fictional():
    demo_load()
    names = list(demo_users().values_list("full_name", flat=True))
    assert len(names) == WITHOUT_ROLES + len(DEMO_PARTNERSHIPS) * len(Role)
    for name in names:
        assert name.endswith("demo)"), name
    assert "Ailsa Exampleton (Highland, demo)" in names
    assert "Ailsa Exampleton (Perth and Kinross, demo)" in names
    # The emails use a reserved, undeliverable domain (RFC 2606 .invalid).
    assert DEMO_DOMAIN.endswith(".invalid")


def test_load_demo_command_prints_every_login_and_the_password():
    out = StringIO()
    call_command("load_demo", stdout=out)
    output = out.getvalue()

    assert "demonstration accounts, fictional people" in output
    emails = list(demo_users().values_list("email", flat=True))
    assert len(emails) == WITHOUT_ROLES + len(DEMO_PARTNERSHIPS) * len(Role)
    for email in emails:
        assert email in output
    assert f"Password for every demo account: {DEMO_PASSWORD}" in output
    for label in ("Site administrator", "National reader", "Resident", *Role.labels):
        assert label in output
