"""The governance pages: forms hand their data to the services, refusals are shown on the
form and change nothing, and the public sees only what it may."""

from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from placeplan.accounts.models import User
from placeplan.demo.services import demo_email
from placeplan.partnerships import body_rules, selectors
from placeplan.partnerships.models import (
    Body,
    Locality,
    Membership,
    Organisation,
    Partner,
    Partnership,
    Person,
)
from placeplan.places.models import Area

pytestmark = pytest.mark.django_db
HIGHLAND, PERTH = "S12000017", "S12000048"
PERTH_CITY = "Perth City Local Community Planning Partnership"


def _sign_in(client, slug, role):
    user = User.objects.get(email=demo_email(slug, role))
    client.force_login(user)
    return user


def _body(code, name):
    return Body.objects.get(partnership__council_area__code=code, name=name)


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


def test_sixteenth_member_is_refused_on_the_form_and_nothing_changes(client):
    _sign_in(client, "perth", "support_officer")
    body = _body(PERTH, PERTH_CITY)
    people, memberships = Person.objects.count(), Membership.objects.count()
    url = reverse("governance:member_add", args=[PERTH, body.pk])

    response = client.post(url, _member_form())

    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "There is a problem" in page
    assert "Rule “At most 15 representatives”" in page
    # The new person is not recorded either: the whole change is refused.
    assert Person.objects.count() == people
    assert Membership.objects.count() == memberships


def test_ending_a_membership_frees_a_place_for_a_new_member(client):
    _sign_in(client, "perth", "support_officer")
    body = _body(PERTH, PERTH_CITY)
    leaving = body.memberships.filter(role="member", end__isnull=True).first()
    today = timezone.localdate().isoformat()

    ended = client.post(
        reverse("governance:membership_end", args=[PERTH, body.pk, leaving.pk]),
        {"end": today, "reason": "Stood down"},
    )
    assert ended.status_code == 302
    leaving.refresh_from_db()
    assert leaving.end.isoformat() == today and leaving.end_reason == "Stood down"
    assert _representatives(body) == 14

    added = client.post(reverse("governance:member_add", args=[PERTH, body.pk]), _member_form())
    assert added.status_code == 302
    assert _representatives(body) == 15
    new = body.memberships.get(person__name="Wilma Testperson-Fictional")
    # The body reviews memberships after 12 months.
    assert new.next_review == body_rules.add_months(new.start, 12)
    # The ended membership is kept as history and listed as a past member.
    page = client.get(reverse("governance:body", args=[PERTH, body.pk])).content.decode()
    assert "Past members" in page and leaving.person.name in page


def test_ending_the_only_chair_is_refused_naming_the_rule(client):
    _sign_in(client, "perth", "support_officer")
    body = _body(PERTH, PERTH_CITY)
    chair = body.memberships.get(role="chair", end__isnull=True)
    response = client.post(
        reverse("governance:membership_end", args=[PERTH, body.pk, chair.pk]),
        {"end": timezone.localdate().isoformat(), "reason": ""},
    )
    assert response.status_code == 200
    assert "Rule “A chair is required”" in unescape(response.content.decode())
    chair.refresh_from_db()
    assert chair.end is None


def test_a_body_cannot_report_to_a_body_below_it(client):
    _sign_in(client, "highland", "support_officer")
    cog = _body(HIGHLAND, "Chief Officers Group")
    safer = _body(HIGHLAND, "Safer Highland")
    form = client.get(reverse("governance:body_edit", args=[HIGHLAND, cog.pk])).context["form"]
    data = {
        name: ("on" if value is True else "" if value in (None, False) else value)
        for name, value in form.initial.items()
        if name in form.fields
    }
    data["remit"] = "\n".join(form.initial["remit"])
    data["reports_to"] = safer.pk
    data = {key: value for key, value in data.items() if value != ""}
    response = client.post(reverse("governance:body_edit", args=[HIGHLAND, cog.pk]), data)
    assert response.status_code == 200
    assert "already reports, directly or through other bodies, to Chief Officers Group" in (
        unescape(response.content.decode())
    )
    cog.refresh_from_db()
    assert cog.reports_to.name == "Members Partnership Board"


def test_support_officer_adds_a_body_with_a_numbered_remit(client):
    _sign_in(client, "highland", "support_officer")
    safer = _body(HIGHLAND, "Safer Highland")
    response = client.post(
        reverse("governance:body_add", args=[HIGHLAND]),
        {
            "name": "Violence Against Women Sub-group",
            "kind": "sub_group",
            "level": "operational",
            "reports_to": safer.pk,
            "remit": "Co-ordinate services\n\n  Report each quarter  \n",
            "requires_chair": "on",
        },
    )
    assert response.status_code == 302
    body = _body(HIGHLAND, "Violence Against Women Sub-group")
    assert response.headers["Location"] == reverse("governance:body", args=[HIGHLAND, body.pk])
    assert [(item.number, item.text) for item in body.remit.all()] == [
        (1, "Co-ordinate services"),
        (2, "Report each quarter"),
    ]
    assert body.reports_to == safer
    assert body.history.count() == 1  # in the audit history


def test_a_blank_body_form_lists_each_problem(client):
    _sign_in(client, "highland", "support_officer")
    bodies = Body.objects.count()
    response = client.post(reverse("governance:body_add", args=[HIGHLAND]), {})
    page = unescape(response.content.decode())
    assert response.status_code == 200
    for message in ("Enter the body's name", "Choose what kind of body it is"):
        assert message in page
    assert Body.objects.count() == bodies


def test_partner_added_as_a_new_invited_organisation(client):
    _sign_in(client, "highland", "support_officer")
    partnership = Partnership.objects.get(council_area__code=HIGHLAND)
    response = client.post(
        reverse("governance:partner_add", args=[HIGHLAND]),
        {"name": "Highland Housing Alliance (fictional)", "kind": "other", "status": "schedule"},
    )
    assert response.status_code == 302
    partner = Partner.objects.get(
        partnership=partnership, organisation__name="Highland Housing Alliance (fictional)"
    )
    assert partner.is_statutory is False  # "other" is not a Schedule 1 kind


def test_national_body_is_shared_not_duplicated(client):
    _sign_in(client, "highland", "support_officer")
    police = Organisation.objects.get(name="Police Scotland")
    response = client.post(
        reverse("governance:partner_add", args=[HIGHLAND]),
        {"name": "police scotland", "kind": "police", "status": "schedule"},
    )
    assert response.status_code == 200
    assert "already in Placeplan" in unescape(response.content.decode())
    assert Organisation.objects.filter(name__iexact="Police Scotland").count() == 1
    assert police.partners.count() >= 2  # Highland's and Perth and Kinross's


def test_lead_officer_manages_their_own_group_only(client):
    user = _sign_in(client, "highland", "partner_officer")
    safer = _body(HIGHLAND, "Safer Highland")
    other = _body(HIGHLAND, "Environment")
    assert safer.memberships.get(role="lead_officer", end__isnull=True).person.user == user

    assert (
        client.get(reverse("governance:member_add", args=[HIGHLAND, safer.pk])).status_code == 200
    )
    assert (
        client.get(reverse("governance:member_add", args=[HIGHLAND, other.pk])).status_code == 403
    )
    # The page form, not the structure: no reporting line or rules to change.
    form = client.get(reverse("governance:body_edit", args=[HIGHLAND, safer.pk])).context["form"]
    assert set(form.fields) == {"purpose", "meeting_frequency", "remit"}
    response = client.post(
        reverse("governance:body_edit", args=[HIGHLAND, safer.pk]),
        {"purpose": "Community safety.", "meeting_frequency": "Monthly", "remit": "One\nTwo"},
    )
    assert response.status_code == 302
    safer.refresh_from_db()
    assert safer.meeting_frequency == "Monthly" and safer.reports_to.name == "Chief Officers Group"
    assert [item.text for item in safer.remit.all()] == ["One", "Two"]


def test_public_body_page_withholds_community_names_without_consent(client):
    body = _body(PERTH, PERTH_CITY)
    current = [m for m in body.memberships.select_related("person") if m.end is None]
    withheld = [
        m.person.name
        for m in current
        if m.category == "community_representative" and not m.person.public_name_consent
    ]
    shown = [m.person.name for m in current if m.category == "officer"]
    assert withheld and shown

    page = client.get(reverse("public:body", args=[PERTH, body.pk])).content.decode()

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


def test_locality_needs_communities_of_its_own_council_area(client):
    _sign_in(client, "perth", "support_officer")
    partnership = Partnership.objects.get(council_area__code=PERTH)
    highland_zone = Area.objects.filter(
        level=Area.Level.INTERMEDIATE_ZONE, council_area__code=HIGHLAND
    ).first()
    response = client.post(
        reverse("governance:locality_add", args=[PERTH]),
        {"name": "Nowhere", "communities": [highland_zone.pk]},
    )
    assert response.status_code == 200
    assert not Locality.objects.filter(partnership=partnership, name="Nowhere").exists()

    zones = selectors_zones = list(
        Area.objects.filter(level=Area.Level.INTERMEDIATE_ZONE, council_area__code=PERTH)[:3]
    )
    response = client.post(
        reverse("governance:locality_add", args=[PERTH]),
        {"name": "Test Locality", "communities": [zone.pk for zone in selectors_zones]},
    )
    assert response.status_code == 302
    locality = Locality.objects.get(partnership=partnership, name="Test Locality")
    assert set(locality.communities.all()) == set(zones)
    marked = selectors.locality_zones(locality=locality)
    assert sorted(z["code"] for z in marked if z["in_locality"]) == sorted(z.code for z in zones)
    assert (
        len(marked)
        == Area.objects.filter(level=Area.Level.INTERMEDIATE_ZONE, council_area__code=PERTH).count()
    )
