"""Demonstration content: fictional people with each role, for trying Placeplan out.

Everything here is labelled as demonstration data; the names are invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction

from placeplan.accounts.models import User
from placeplan.partnerships.models import Partnership, PartnershipRole, Role
from placeplan.partnerships.services import partnership_contact_set, partnership_role_grant
from placeplan.places.models import Area
from placeplan.residents.models import Resident
from placeplan.residents.services import resident_create

DEMO_PASSWORD = "demo-placeplan-2026"  # noqa: S105 - printed for demo sign-in; never production
DEMO_DOMAIN = "demo.placeplan.invalid"
# Highland and Perth and Kinross: the partnerships the seed documents describe.
DEMO_PARTNERSHIPS = {"S12000017": "highland", "S12000048": "perth"}
DEMO_RESIDENT_EMAIL = f"resident.perth@{DEMO_DOMAIN}"
DEMO_PEOPLE = {
    Role.SUPPORT_OFFICER: "Ailsa Exampleton",
    Role.PARTNER_OFFICER: "Ruaridh Sampleson",
    Role.BOARD_MEMBER: "Morven Demoford",
    Role.COMMUNITY_MEMBER: "Calum Trialwood",
}


@dataclass(frozen=True)
class DemoLogin:
    email: str
    name: str
    role: str
    partnership: str


def demo_email(slug: str, role: str) -> str:
    return f"{role.replace('_', '.')}.{slug}@{DEMO_DOMAIN}"


def _demo_user(*, email: str, name: str, **flags) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, full_name=name, **flags
        )
    else:
        changed = user.full_name != name or any(getattr(user, k) != v for k, v in flags.items())
        if changed:
            user.full_name = name
            for key, value in flags.items():
                setattr(user, key, value)
            user.save()
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
    return user


@transaction.atomic
def demo_load() -> list[DemoLogin]:
    """Create (or refresh) the demo accounts: one per role in each demo partnership, a site
    administrator and a national reader. Safe to run again."""
    logins = []
    admin = _demo_user(
        email=f"site.admin@{DEMO_DOMAIN}",
        name="Isla Adminsworth (demo)",
        is_staff=True,
        is_superuser=True,
    )
    logins.append(DemoLogin(admin.email, admin.full_name, "Site administrator", "all"))
    reader = _demo_user(
        email=f"national.reader@{DEMO_DOMAIN}",
        name="Fraser Readwell (demo)",
        is_national_reader=True,
    )
    logins.append(DemoLogin(reader.email, reader.full_name, "National reader", "all"))
    for code, slug in DEMO_PARTNERSHIPS.items():
        partnership = Partnership.objects.get(council_area__code=code)
        for role, name in DEMO_PEOPLE.items():
            person = f"{name} ({partnership.council_area.name}, demo)"
            user = _demo_user(email=demo_email(slug, role), name=person)
            if not PartnershipRole.objects.filter(
                user=user, partnership=partnership, role=role
            ).exists():
                partnership_role_grant(user=user, partnership=partnership, role=role)
            logins.append(DemoLogin(user.email, person, Role(role).label, partnership.name))
        if not partnership.has_contact:  # never over a contact a support officer set
            demo_contact_set(partnership=partnership, slug=slug)
    resident = demo_resident_load()
    logins.append(DemoLogin(resident.email, resident.full_name, "Resident", "none"))
    return logins


def demo_resident_load() -> User:
    """A resident of Perth, email address verified: proposes edits to the Stories of Place
    and answers consultations; holds no role in any partnership."""
    user = _demo_user(email=DEMO_RESIDENT_EMAIL, name="Robin Residentson (demo)")
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    if not Resident.objects.filter(user=user).exists():
        council = Area.objects.get(code="S12000048")
        community = (
            Area.objects.filter(
                level=Area.Level.INTERMEDIATE_ZONE, council_area=council, name="Letham"
            )
            .order_by("name")
            .first()
        )
        resident_create(
            user=user,
            display_name="Robin R. (demo)",
            council_area=council,
            community=community,
        )
    return user


def demo_contact_set(*, partnership: Partnership, slug: str) -> Partnership:
    """A demo partnership's contact details: obviously fictional (example.org), and the
    address says it is a demonstration."""
    return partnership_contact_set(
        partnership=partnership,
        email=f"community.planning.{slug}@example.org",
        address="Demonstration only: not a real address\n"
        "Fictional Community Planning Team\n1 Example Street",
        url=f"https://www.example.org/demonstration/{slug}",
    )
