"""The governance pages: forms hand their data to the services, refusals are shown on the
form and change nothing, and the public sees only what it may.

The pages show a fictional partnership built by the factories (tests/factories/): a
board, a chief officers group under it and a community safety partnership under that,
and a local partnership at its limit of 15 representatives; the demo's public structure
is tested on the demo."""

from dataclasses import dataclass
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from placeplan.accounts.models import User
from placeplan.partnerships import body_rules, selectors
from placeplan.partnerships.models import (
    Body,
    Locality,
    Membership,
    Organisation,
    OrganisationKind,
    Partner,
    Partnership,
    Person,
    Role,
)
from placeplan.places.models import Area
from tests.factories import (
    BodyFactory,
    IntermediateZoneFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnerFactory,
    PartnershipFactory,
    PartnershipRoleFactory,
)

pytestmark = pytest.mark.django_db
HIGHLAND = "S12000017"
M = Membership.MemberRole
C = Membership.Category
LETTERS = "ABCDEFGHIJKLMN"


@dataclass
class Governance:
    partnership: Partnership
    code: str
    support: User
    lead_officer: User  # a partner officer, the lead officer of ``safer``
    board: Body
    cog: Body  # reports to the board
    safer: Body  # reports to the chief officers group
    environment: Body  # reports to the chief officers group
    local: Body  # 15 of 15 places filled


@pytest.fixture
def gov():
    partnership = PartnershipFactory()
    lead_officer = PartnershipRoleFactory(partnership=partnership, role=Role.PARTNER_OFFICER).user
    group = {"partnership": partnership, "kind": Body.Kind.THEMATIC, "requires_chair": False}
    board = BodyFactory(partnership=partnership, name="Fictional Partnership Board")
    cog = BodyFactory(name="Fictional Chief Officers Group", reports_to=board, **group)
    safer = BodyFactory(name="Fictional Community Safety Partnership", reports_to=cog, **group)
    environment = BodyFactory(name="Fictional Environment Group", reports_to=cog, **group)
    MembershipFactory(body=safer, person__user=lead_officer, role=M.LEAD_OFFICER)
    MembershipFactory(body=environment, role=M.LEAD_OFFICER)
    local = BodyFactory(
        partnership=partnership,
        name="Fictional Town Local Community Planning Partnership",
        kind=Body.Kind.LOCAL,
        level=Body.Level.LOCAL,
        max_members=15,
        review_after_months=12,
    )
    # A chair and six officers, named publicly, and eight community representatives who
    # have not agreed to be named; the letters keep every name distinct from the others.
    MembershipFactory(body=local, role=M.CHAIR, person__name="Fictional Officer Chair")
    for letter in LETTERS[:6]:
        MembershipFactory(body=local, person__name=f"Fictional Officer {letter}")
    for letter in LETTERS[:8]:
        MembershipFactory(
            body=local,
            category=C.COMMUNITY,
            person__name=f"Fictional Representative {letter}",
            person__email=f"representative-{letter.lower()}@example.org",
        )
    return Governance(
        partnership=partnership,
        code=partnership.council_area.code,
        support=PartnershipRoleFactory(partnership=partnership, role=Role.SUPPORT_OFFICER).user,
        lead_officer=lead_officer,
        board=board,
        cog=cog,
        safer=safer,
        environment=environment,
        local=local,
    )


@pytest.fixture
def support(client, gov):
    """The client, signed in as the partnership's support officer."""
    client.force_login(gov.support)
    return client


def _representatives(body):
    today = timezone.localdate()
    return len(
        body_rules.representatives(
            [m for m in body.memberships.all() if body_rules.is_current(m, today)]
        )
    )


def _member_form(**overrides):
    data = {
        "person": "",
        "new_name": "Wilma Testperson-Fictional",
        "new_job_title": "",
        "organisation": "",
        "role": "member",
        "category": "community_representative",
        "start": timezone.localdate().isoformat(),
    }
    return {**data, **overrides}


def test_sixteenth_member_is_refused_on_the_form_and_nothing_changes(support, gov):
    body = gov.local
    assert _representatives(body) == 15
    people, memberships = Person.objects.count(), Membership.objects.count()
    url = reverse("governance:member_add", args=[gov.code, body.pk])

    response = support.post(url, _member_form())

    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "There is a problem" in page
    assert "Rule “At most 15 representatives”" in page
    # The new person is not recorded either: the whole change is refused.
    assert Person.objects.count() == people
    assert Membership.objects.count() == memberships


def test_ending_a_membership_frees_a_place_for_a_new_member(support, gov):
    body, code = gov.local, gov.code
    leaving = body.memberships.filter(role="member", end__isnull=True).first()
    today = timezone.localdate().isoformat()

    ended = support.post(
        reverse("governance:membership_end", args=[code, body.pk, leaving.pk]),
        {"end": today, "reason": "Stood down"},
    )
    assert ended.status_code == 302
    leaving.refresh_from_db()
    assert leaving.end.isoformat() == today and leaving.end_reason == "Stood down"
    assert _representatives(body) == 14

    added = support.post(reverse("governance:member_add", args=[code, body.pk]), _member_form())
    assert added.status_code == 302
    assert _representatives(body) == 15
    new = body.memberships.get(person__name="Wilma Testperson-Fictional")
    # The body reviews memberships after 12 months.
    assert new.next_review == body_rules.add_months(new.start, 12)
    # The ended membership is kept as history and listed as a past member.
    page = support.get(reverse("governance:body", args=[code, body.pk])).content.decode()
    assert "Past members" in page and leaving.person.name in page


def test_ending_the_only_chair_is_refused_naming_the_rule(support, gov):
    body, code = gov.local, gov.code
    chair = body.memberships.get(role="chair", end__isnull=True)
    response = support.post(
        reverse("governance:membership_end", args=[code, body.pk, chair.pk]),
        {"end": timezone.localdate().isoformat(), "reason": ""},
    )
    assert response.status_code == 200
    assert "Rule “A chair is required”" in unescape(response.content.decode())
    chair.refresh_from_db()
    assert chair.end is None


def test_a_body_cannot_report_to_a_body_below_it(support, gov):
    cog, safer, code = gov.cog, gov.safer, gov.code
    form = support.get(reverse("governance:body_edit", args=[code, cog.pk])).context["form"]
    data = {
        name: ("on" if value is True else "" if value in (None, False) else value)
        for name, value in form.initial.items()
        if name in form.fields
    }
    data["remit"] = "\n".join(form.initial["remit"])
    data["reports_to"] = safer.pk
    data = {key: value for key, value in data.items() if value != ""}
    response = support.post(reverse("governance:body_edit", args=[code, cog.pk]), data)
    assert response.status_code == 200
    assert (
        "already reports, directly or through other bodies, to Fictional Chief Officers Group"
        in unescape(response.content.decode())
    )
    cog.refresh_from_db()
    assert cog.reports_to == gov.board


def test_support_officer_adds_a_body_with_a_numbered_remit(support, gov):
    code, safer = gov.code, gov.safer
    response = support.post(
        reverse("governance:body_add", args=[code]),
        {
            "name": "Fictional Violence Against Women Sub-group",
            "kind": "sub_group",
            "level": "operational",
            "reports_to": safer.pk,
            "remit": "Co-ordinate services\n\n  Report each quarter  \n",
            "requires_chair": "on",
        },
    )
    assert response.status_code == 302
    body = Body.objects.get(
        partnership=gov.partnership, name="Fictional Violence Against Women Sub-group"
    )
    assert response.headers["Location"] == reverse("governance:body", args=[code, body.pk])
    assert [(item.number, item.text) for item in body.remit.all()] == [
        (1, "Co-ordinate services"),
        (2, "Report each quarter"),
    ]
    assert body.reports_to == safer
    assert body.history.count() == 1  # in the audit history


def test_a_blank_body_form_lists_each_problem(support, gov):
    bodies = Body.objects.count()
    response = support.post(reverse("governance:body_add", args=[gov.code]), {})
    page = unescape(response.content.decode())
    assert response.status_code == 200
    for message in ("Enter the body's name", "Choose what kind of body it is"):
        assert message in page
    assert Body.objects.count() == bodies


def test_partner_added_as_a_new_invited_organisation(support, gov):
    response = support.post(
        reverse("governance:partner_add", args=[gov.code]),
        {"name": "Fictional Housing Alliance", "kind": "other", "status": "schedule"},
    )
    assert response.status_code == 302
    partner = Partner.objects.get(
        partnership=gov.partnership, organisation__name="Fictional Housing Alliance"
    )
    assert partner.is_statutory is False  # "other" is not a Schedule 1 kind


def test_national_body_is_shared_not_duplicated(support, gov):
    agency = OrganisationFactory(
        name="Fictional National Agency", kind=OrganisationKind.NATIONAL_AGENCY, is_national=True
    )
    PartnerFactory(organisation=agency)  # a partner of another partnership
    response = support.post(
        reverse("governance:partner_add", args=[gov.code]),
        {"name": "fictional national agency", "kind": "national_agency", "status": "schedule"},
    )
    assert response.status_code == 200
    assert "already in Placeplan" in unescape(response.content.decode())
    assert Organisation.objects.filter(name__iexact="Fictional National Agency").count() == 1
    assert agency.partners.count() == 1


def test_lead_officer_manages_their_own_group_only(client, gov):
    client.force_login(gov.lead_officer)
    code, safer, other = gov.code, gov.safer, gov.environment
    assert safer.memberships.get(role="lead_officer", end__isnull=True).person.user == (
        gov.lead_officer
    )

    assert client.get(reverse("governance:member_add", args=[code, safer.pk])).status_code == 200
    assert client.get(reverse("governance:member_add", args=[code, other.pk])).status_code == 403
    # The page form, not the structure: no reporting line or rules to change.
    form = client.get(reverse("governance:body_edit", args=[code, safer.pk])).context["form"]
    assert set(form.fields) == {"purpose", "meeting_frequency", "remit"}
    response = client.post(
        reverse("governance:body_edit", args=[code, safer.pk]),
        {"purpose": "Community safety.", "meeting_frequency": "Monthly", "remit": "One\nTwo"},
    )
    assert response.status_code == 302
    safer.refresh_from_db()
    assert safer.meeting_frequency == "Monthly" and safer.reports_to == gov.cog
    assert [item.text for item in safer.remit.all()] == ["One", "Two"]


def test_public_body_page_withholds_community_names_without_consent(client, gov):
    body = gov.local
    current = [m for m in body.memberships.select_related("person") if m.end is None]
    withheld = [
        m.person.name
        for m in current
        if m.category == "community_representative" and not m.person.public_name_consent
    ]
    shown = [m.person.name for m in current if m.category == "officer"]
    assert len(withheld) == 8 and len(shown) == 7

    page = client.get(reverse("public:body", args=[gov.code, body.pk])).content.decode()

    for name in withheld:
        assert name not in page
    for name in shown:
        assert name in page
    assert "Community representative (name withheld)" in page
    assert "@" not in page.split("<main", 1)[1].split("</main>", 1)[0]  # no email addresses


def test_public_structure_lists_every_highland_body(client):
    bodies = Body.objects.filter(partnership__council_area__code=HIGHLAND)
    page = unescape(client.get(reverse("public:partnership", args=[HIGHLAND])).content.decode())
    for body in bodies:
        assert reverse("public:body", args=[HIGHLAND, body.pk]) in page
        assert body.name in page
    assert "Demonstration content" in page


def test_locality_needs_communities_of_its_own_council_area(support, gov):
    partnership, code = gov.partnership, gov.code
    elsewhere = IntermediateZoneFactory()  # a community of another council area
    response = support.post(
        reverse("governance:locality_add", args=[code]),
        {"name": "Nowhere", "communities": [elsewhere.pk]},
    )
    assert response.status_code == 200
    assert not Locality.objects.filter(partnership=partnership, name="Nowhere").exists()

    council = partnership.council_area
    zones = [IntermediateZoneFactory(council_area=council) for _ in range(3)]
    IntermediateZoneFactory(council_area=council)  # one the locality leaves out
    response = support.post(
        reverse("governance:locality_add", args=[code]),
        {"name": "Test Locality", "communities": [zone.pk for zone in zones]},
    )
    assert response.status_code == 302
    locality = Locality.objects.get(partnership=partnership, name="Test Locality")
    assert set(locality.communities.all()) == set(zones)
    marked = selectors.locality_zones(locality=locality)
    assert sorted(z["code"] for z in marked if z["in_locality"]) == sorted(z.code for z in zones)
    assert (
        len(marked)
        == Area.objects.filter(level=Area.Level.INTERMEDIATE_ZONE, council_area=council).count()
        == 4
    )
