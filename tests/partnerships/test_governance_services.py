"""The rules bodies declare, enforced by the partnership services (issue 3 groundwork).

The rules are tested on a fictional body built by the factories (tests/factories/) with
the same rules as the demo's Perth City local partnership; the demo's own governance is
tested on the demo."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from placeplan.partnerships import body_rules, selectors, services
from placeplan.partnerships.models import Body, Membership, OrganisationKind, Partnership
from tests.factories import BodyFactory, MembershipFactory, PartnerFactory, PersonFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 22)
M = Membership.MemberRole
C = Membership.Category


@pytest.fixture
def perth():
    return Partnership.objects.get(council_area__code="S12000048")


@pytest.fixture
def perth_city(perth):
    return Body.objects.get(
        partnership=perth, name="Perth City Local Community Planning Partnership"
    )


@pytest.fixture
def full_body():
    """A local partnership at its limit of 15 representatives: a chair and a lead officer
    (senior officers of partners, as the body requires) and 13 members, reviewed yearly."""
    body = BodyFactory(
        name="Fictional Town Local Community Planning Partnership",
        kind=Body.Kind.LOCAL,
        level=Body.Level.LOCAL,
        max_members=15,
        requires_chair=True,
        requires_lead_officer=True,
        leads_from_partners=True,
        review_after_months=12,
    )
    partner = PartnerFactory(partnership=body.partnership)
    seat = {"body": body, "start": datetime.date(2025, 4, 1), "today": TODAY}
    for role in (M.CHAIR, M.LEAD_OFFICER):
        MembershipFactory(
            role=role, organisation=partner.organisation, is_senior_officer=True, **seat
        )
    for _ in range(13):
        MembershipFactory(role=M.MEMBER, category=C.COMMUNITY, **seat)
    return body


def _person(partnership):
    return PersonFactory(partnership=partnership)


def _current(body):
    return selectors.body_detail(body=body, today=TODAY).current


def test_demo_local_cpp_is_at_its_limit_of_15(perth_city):
    assert perth_city.max_members == 15
    assert len(body_rules.representatives(_current(perth_city))) == 15


def test_the_fictional_body_is_at_its_limit_of_15(full_body):
    assert len(body_rules.representatives(_current(full_body))) == 15


def test_sixteenth_representative_is_refused_naming_the_rule(full_body):
    before = full_body.memberships.count()
    with pytest.raises(ValidationError) as refused:
        services.membership_add(
            body=full_body,
            person=_person(full_body.partnership),
            role=M.MEMBER,
            category=C.COMMUNITY,
            start=TODAY,
            today=TODAY,
        )
    assert "At most 15 representatives" in refused.value.messages[0]
    assert full_body.memberships.count() == before


def test_in_attendance_does_not_count_towards_the_limit(full_body):
    services.membership_add(
        body=full_body,
        person=_person(full_body.partnership),
        role=M.IN_ATTENDANCE,
        category=C.OFFICER,
        start=TODAY,
        today=TODAY,
    )
    assert len(body_rules.representatives(_current(full_body))) == 15


def test_ending_a_membership_frees_a_place_and_keeps_the_history(full_body):
    member = next(m for m in _current(full_body) if m.role == M.MEMBER)
    services.membership_end(membership=member, end=TODAY, reason="Stood down")
    newcomer = services.membership_add(
        body=full_body,
        person=_person(full_body.partnership),
        role=M.MEMBER,
        category=C.COMMUNITY,
        start=TODAY,
        today=TODAY,
    )
    assert newcomer.pk
    member.refresh_from_db()
    assert member.end == TODAY and member.end_reason == "Stood down"
    assert member.history.latest().history_type == "~"
    assert Membership.objects.filter(pk=member.pk).exists()


def test_the_only_chair_cannot_be_ended(full_body):
    chair = next(m for m in _current(full_body) if m.role == M.CHAIR)
    with pytest.raises(ValidationError, match="A chair is required"):
        services.membership_end(membership=chair, end=TODAY)


def test_chair_must_be_a_senior_officer_of_a_partner(full_body):
    member = next(m for m in _current(full_body) if m.role == M.MEMBER)
    services.membership_end(membership=member, end=TODAY)
    outsider = services.organisation_ensure(
        name="Fictional Outside Body Ltd", kind=OrganisationKind.OTHER
    )
    with pytest.raises(ValidationError, match="senior officers of partners"):
        services.membership_add(
            body=full_body,
            person=_person(full_body.partnership),
            role=M.CHAIR,
            category=C.OFFICER,
            start=TODAY,
            organisation=outsider,
            is_senior_officer=True,
            today=TODAY,
        )


def test_review_falls_due_after_the_declared_months(full_body):
    membership = next(m for m in _current(full_body) if m.role == M.MEMBER)
    assert membership.next_review == body_rules.add_months(membership.start, 12)
    services.membership_review(membership=membership, reviewed_on=TODAY)
    assert membership.next_review == datetime.date(2027, 11, 22)


def test_add_months_keeps_to_the_end_of_short_months():
    assert body_rules.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert body_rules.add_months(datetime.date(2026, 11, 22), 12) == datetime.date(2027, 11, 22)


def test_reporting_line_cycles_are_refused():
    board = BodyFactory()
    group = BodyFactory(partnership=board.partnership, reports_to=board)
    board.reports_to = group
    with pytest.raises(ValidationError, match="already reports"):
        services.body_save(body=board)


def test_a_body_cannot_report_to_another_partnership():
    group = BodyFactory()
    group.reports_to = BodyFactory()  # of another (new) partnership
    with pytest.raises(ValidationError, match="own partnership"):
        services.body_save(body=group)


def test_findings_name_breaking_close_and_due_rules(full_body):
    findings = selectors.body_detail(body=full_body, today=TODAY).findings
    severities = {(f.rule, f.severity) for f in findings}
    assert ("At most 15 representatives", "close") in severities
    missing_lead = body_rules.body_findings(
        full_body, [m for m in _current(full_body) if m.role != M.LEAD_OFFICER], set(), TODAY
    )
    assert ("A lead officer is required", "breaks") in {(f.rule, f.severity) for f in missing_lead}


def test_structure_tree_of_highland(db):
    highland = Partnership.objects.get(council_area__code="S12000017")
    roots = selectors.partnership_structure(partnership=highland, today=TODAY)
    assert [n.body.name for n in roots] == ["Members Partnership Board"]
    cog = roots[0].children[0]
    assert cog.body.short_name == "COG"
    assert len(cog.children) == 7
    assert [item.number for item in cog.body.remit.all()] == [1, 2, 3, 4, 5, 6, 7]


def test_community_names_are_withheld_without_consent(full_body):
    partnership = full_body.partnership
    consented = MembershipFactory(
        body=full_body,
        role=M.IN_ATTENDANCE,
        category=C.COMMUNITY,
        person__public_name_consent=True,
        today=TODAY,
    ).person
    names = selectors.person_names(user=None, partnership=partnership)
    community = Membership.objects.filter(body__partnership=partnership, category=C.COMMUNITY)
    withheld = [m.person for m in community if not m.person.public_name_consent]
    assert len(withheld) == 13
    assert {names(p) for p in withheld} == {"Community representative (name withheld)"}
    assert names(consented) == consented.name
