"""Roles flow from membership: a body's lead officer manages it, its chair and lead officer
own it; the structure's attention list; and the audit history of localities."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from placeplan.accounts.models import User
from placeplan.demo.services import demo_email
from placeplan.partnerships import body_rules, permissions, selectors, services
from placeplan.partnerships.models import Body, Locality, Membership, Partnership, Person

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 22)


def _user(role, slug="highland"):
    return User.objects.get(email=demo_email(slug, role))


def _body(name, code="S12000017"):
    return Body.objects.get(partnership__council_area__code=code, name=name)


def test_lead_officer_manages_their_group_and_owns_it():
    officer = _user("partner_officer")
    safer, environment = _body("Safer Highland"), _body("Environment")
    assert officer.has_perm("partnerships.manage_body", safer)
    assert officer.has_perm("partnerships.own_body", safer)
    assert not officer.has_perm("partnerships.manage_body", environment)
    assert not officer.has_perm("partnerships.own_body", environment)
    # Seeing the body is not managing the structure.
    assert not officer.has_perm("partnerships.manage_structure", safer.partnership)


def test_chair_owns_the_body_but_does_not_manage_its_members():
    chair = _user("board_member")
    board = _body("Members Partnership Board")
    assert permissions.is_owner_of(chair, board)
    assert not permissions.is_lead_officer_of(chair, board)
    assert not chair.has_perm("partnerships.manage_body", board)


def test_ending_the_lead_officers_membership_ends_their_rights():
    officer = _user("partner_officer")
    safer = _body("Safer Highland")
    seat = safer.memberships.get(person__user=officer, end__isnull=True)
    # A second lead officer first, so the group keeps the lead officer it requires.
    services.membership_add(
        body=safer,
        person=Person.objects.create(partnership=safer.partnership, name="Tam Standin-Fictional"),
        role=Membership.MemberRole.LEAD_OFFICER,
        category=Membership.Category.OFFICER,
        start=seat.start,
    )
    services.membership_end(membership=seat, end=seat.start)
    assert not officer.has_perm("partnerships.manage_body", safer)
    assert not officer.has_perm("partnerships.own_body", safer)


def test_support_officer_manages_only_their_own_partnerships_bodies():
    highland_support = _user("support_officer")
    assert highland_support.has_perm("partnerships.manage_body", _body("Safer Highland"))
    perth_city = _body("Perth City Local Community Planning Partnership", "S12000048")
    assert not highland_support.has_perm("partnerships.manage_body", perth_city)
    assert not highland_support.has_perm("partnerships.view_body", perth_city)


def test_predicates_refuse_things_that_are_not_bodies():
    officer = _user("partner_officer")
    assert not permissions.is_lead_officer_of(officer, None)
    assert not permissions.is_owner_of(officer, officer)


def test_attention_groups_every_finding_by_urgency():
    perth = Partnership.objects.get(council_area__code="S12000048")
    nodes = selectors.partnership_structure(partnership=perth, today=TODAY)
    attention = selectors.structure_attention(nodes)
    close = {body.name for body, finding in attention.close}
    # Perth City has 15 of 15 places filled.
    assert "Perth City Local Community Planning Partnership" in close
    assert all(f.severity == "close" for _, f in attention.close)
    everything = [f for node in selectors.structure_flat(nodes) for f in node.findings]
    assert len(attention.breaks) + len(attention.close) + len(attention.due) == len(everything)
    # The demo's members joined 300 days ago, every fifth 400 days ago: with a 12-month
    # review only the latter are due.
    assert attention.due
    for body, _finding in attention.due:
        assert body.review_after_months == 12


def test_findings_never_name_a_community_representative_without_consent():
    perth_city = _body("Perth City Local Community Planning Partnership", "S12000048")
    current = selectors.body_detail(body=perth_city, today=TODAY).current
    withheld = [
        m
        for m in current
        if m.category == Membership.Category.COMMUNITY and not m.person.public_name_consent
    ]
    assert withheld
    for m in withheld:
        m.next_review = TODAY  # make every review due
    findings = body_rules.body_findings(perth_city, current, set(), TODAY)
    text = " ".join(f.message for f in findings)
    for m in withheld:
        assert m.person.name not in text
    assert "A community representative (member): membership was due for review" in text


def test_locality_changes_are_in_the_audit_history():
    perth = Partnership.objects.get(council_area__code="S12000048")
    locality = Locality.objects.filter(partnership=perth).first()
    before = list(locality.communities.all())
    history = locality.history.count()
    services.locality_save(locality=locality, communities=before[:1])
    assert locality.history.count() > history
    latest = locality.history.latest()
    assert [c.area_id for c in latest.communities.all()] == [before[0].pk]


def test_linking_an_account_gives_its_holder_the_seats_rights(client):
    """A support officer links a person to their account; the lead officer's rights follow."""
    environment = _body("Environment")
    lead = environment.memberships.get(role="lead_officer", end__isnull=True).person
    community_member = _user("community_member")
    assert not community_member.has_perm("partnerships.manage_body", environment)
    client.force_login(_user("support_officer"))
    response = client.post(
        f"/workspace/S12000017/members/{lead.pk}/edit/",
        {"name": lead.name, "job_title": lead.job_title, "user": community_member.pk},
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.user == community_member
    assert community_member.has_perm("partnerships.manage_body", environment)


def test_only_accounts_with_a_role_in_the_partnership_can_be_linked():
    person = Person.objects.filter(partnership__council_area__code="S12000017").first()
    person.user = _user("support_officer", slug="perth")
    with pytest.raises(ValidationError) as refused:
        services.person_save(person=person)
    assert "role in this partnership" in refused.value.messages[0]
