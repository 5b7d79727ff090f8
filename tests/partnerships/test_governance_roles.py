"""Roles flow from membership: a body's lead officer manages it, its chair and lead officer
own it; the structure's attention list; and the audit history of localities.

Everything is built by the factories (tests/factories/) in a fictional partnership."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError

from placeplan.accounts.models import User
from placeplan.partnerships import body_rules, permissions, selectors, services
from placeplan.partnerships.models import Body, Membership, Partnership, Role
from tests.factories import (
    BodyFactory,
    IntermediateZoneFactory,
    LocalityFactory,
    MembershipFactory,
    PartnershipFactory,
    PartnershipRoleFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 22)
M = Membership.MemberRole
C = Membership.Category


def _user(partnership, role) -> User:
    return PartnershipRoleFactory(partnership=partnership, role=role).user


@dataclass
class Governance:
    partnership: Partnership
    officer: User  # a partner officer, the lead officer of the safety partnership
    chair: User  # a board member, the chair of the board
    support: User
    community_member: User
    board: Body
    safer: Body
    environment: Body


@pytest.fixture
def gov():
    partnership = PartnershipFactory()
    officer = _user(partnership, Role.PARTNER_OFFICER)
    chair = _user(partnership, Role.BOARD_MEMBER)
    board = BodyFactory(partnership=partnership, name="Fictional Partnership Board")
    group = {
        "partnership": partnership,
        "reports_to": board,
        "kind": Body.Kind.THEMATIC,
        "level": Body.Level.OPERATIONAL,
        "requires_chair": False,
        "requires_lead_officer": True,
    }
    safer = BodyFactory(name="Fictional Community Safety Partnership", **group)
    environment = BodyFactory(name="Fictional Environment Group", **group)
    MembershipFactory(body=board, person__user=chair, role=M.CHAIR)
    MembershipFactory(body=safer, person__user=officer, role=M.LEAD_OFFICER)
    MembershipFactory(body=environment, role=M.LEAD_OFFICER)
    return Governance(
        partnership=partnership,
        officer=officer,
        chair=chair,
        support=_user(partnership, Role.SUPPORT_OFFICER),
        community_member=_user(partnership, Role.COMMUNITY_MEMBER),
        board=board,
        safer=safer,
        environment=environment,
    )


def test_lead_officer_manages_their_group_and_owns_it(gov):
    officer, safer, environment = gov.officer, gov.safer, gov.environment
    assert officer.has_perm("partnerships.manage_body", safer)
    assert officer.has_perm("partnerships.own_body", safer)
    assert not officer.has_perm("partnerships.manage_body", environment)
    assert not officer.has_perm("partnerships.own_body", environment)
    # Seeing the body is not managing the structure.
    assert not officer.has_perm("partnerships.manage_structure", safer.partnership)


def test_chair_owns_the_body_but_does_not_manage_its_members(gov):
    chair, board = gov.chair, gov.board
    assert permissions.is_owner_of(chair, board)
    assert not permissions.is_lead_officer_of(chair, board)
    assert not chair.has_perm("partnerships.manage_body", board)


def test_ending_the_lead_officers_membership_ends_their_rights(gov):
    officer, safer = gov.officer, gov.safer
    seat = safer.memberships.get(person__user=officer, end__isnull=True)
    assert officer.has_perm("partnerships.manage_body", safer)
    # A second lead officer first, so the group keeps the lead officer it requires.
    services.membership_add(
        body=safer,
        person=PersonFactory(partnership=safer.partnership),
        role=Membership.MemberRole.LEAD_OFFICER,
        category=Membership.Category.OFFICER,
        start=seat.start,
    )
    services.membership_end(membership=seat, end=seat.start)
    assert not officer.has_perm("partnerships.manage_body", safer)
    assert not officer.has_perm("partnerships.own_body", safer)


def test_support_officer_manages_only_their_own_partnerships_bodies(gov):
    assert gov.support.has_perm("partnerships.manage_body", gov.safer)
    elsewhere = BodyFactory()  # of another partnership
    assert not gov.support.has_perm("partnerships.manage_body", elsewhere)
    assert not gov.support.has_perm("partnerships.view_body", elsewhere)


def test_predicates_refuse_things_that_are_not_bodies(gov):
    officer = gov.officer
    assert not permissions.is_lead_officer_of(officer, None)
    assert not permissions.is_owner_of(officer, officer)


def test_attention_groups_every_finding_by_urgency(gov):
    # A local partnership with 3 of its 3 places filled since April 2025, reviewed yearly:
    # close to its limit, and every review due (April 2026) by TODAY.
    full = BodyFactory(
        partnership=gov.partnership,
        name="Fictional Local Partnership",
        reports_to=gov.board,
        kind=Body.Kind.LOCAL,
        level=Body.Level.LOCAL,
        max_members=3,
        requires_chair=False,
        review_after_months=12,
    )
    for _ in range(3):
        MembershipFactory(body=full, start=datetime.date(2025, 4, 1), today=TODAY)
    # A group with no chair, which it requires: a rule broken.
    BodyFactory(partnership=gov.partnership, name="Fictional Chairless Group")
    nodes = selectors.partnership_structure(partnership=gov.partnership, today=TODAY)
    attention = selectors.structure_attention(nodes)
    close = {body.name for body, finding in attention.close}
    assert close == {"Fictional Local Partnership"}
    assert all(f.severity == "close" for _, f in attention.close)
    assert {body.name for body, _ in attention.breaks} == {"Fictional Chairless Group"}
    everything = [f for node in selectors.structure_flat(nodes) for f in node.findings]
    assert len(attention.breaks) + len(attention.close) + len(attention.due) == len(everything)
    assert len(attention.due) == 3
    for body, _finding in attention.due:
        assert body.review_after_months == 12


def test_findings_never_name_a_community_representative_without_consent(gov):
    body = BodyFactory(partnership=gov.partnership, requires_chair=False)
    for _ in range(2):
        MembershipFactory(body=body, category=C.COMMUNITY)
    current = selectors.body_detail(body=body, today=TODAY).current
    withheld = [
        m
        for m in current
        if m.category == Membership.Category.COMMUNITY and not m.person.public_name_consent
    ]
    assert len(withheld) == 2
    for m in withheld:
        m.next_review = TODAY  # make every review due
    findings = body_rules.body_findings(body, current, set(), TODAY)
    text = " ".join(f.message for f in findings)
    for m in withheld:
        assert m.person.name not in text
    assert "A community representative (member): membership was due for review" in text


def test_locality_changes_are_in_the_audit_history(gov):
    council = gov.partnership.council_area
    before = [IntermediateZoneFactory(council_area=council) for _ in range(2)]
    locality = LocalityFactory(partnership=gov.partnership, communities=before)
    history = locality.history.count()
    services.locality_save(locality=locality, communities=before[:1])
    assert locality.history.count() > history
    latest = locality.history.latest()
    assert [c.area_id for c in latest.communities.all()] == [before[0].pk]


def test_linking_an_account_gives_its_holder_the_seats_rights(gov, client):
    """A support officer links a person to their account; the lead officer's rights follow."""
    environment = gov.environment
    lead = environment.memberships.get(role="lead_officer", end__isnull=True).person
    community_member = gov.community_member
    assert not community_member.has_perm("partnerships.manage_body", environment)
    client.force_login(gov.support)
    response = client.post(
        f"/workspace/{gov.partnership.council_area.code}/members/{lead.pk}/edit/",
        {"name": lead.name, "job_title": lead.job_title, "user": community_member.pk},
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.user == community_member
    assert community_member.has_perm("partnerships.manage_body", environment)


def test_only_accounts_with_a_role_in_the_partnership_can_be_linked(gov):
    person = PersonFactory(partnership=gov.partnership)
    person.user = _user(PartnershipFactory(), Role.SUPPORT_OFFICER)
    with pytest.raises(ValidationError) as refused:
        services.person_save(person=person)
    assert "role in this partnership" in refused.value.messages[0]
