"""What needs a person, on their workspace home and in their daily digest: for each role,
exactly the items they may act on, only in partnerships they hold a role in, grouped by
partnership with counts, overdue ones labelled in words, and the same items in both."""

import datetime
from dataclasses import dataclass

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from placeplan.meetings import services as meeting_services
from placeplan.partnerships.models import Membership, PartnershipRole
from placeplan.partnerships.services import partnership_role_grant
from placeplan.performance import imports
from placeplan.plans import services as plan_services
from placeplan.workspace.digests import daily_digests_send, digest_for
from placeplan.workspace.needs import needs_for, needs_list
from tests.factories import (
    BodyFactory,
    ChallengeFactory,
    ChallengeStepFactory,
    ImportBatchFactory,
    ImprovementActionFactory,
    MeetingFactory,
    MembershipFactory,
    OutcomeFactory,
    PaperFactory,
    PartnershipFactory,
    PersonFactory,
    PlanFactory,
    UserFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

ALL_KINDS = {
    "challenges",
    "actions",
    "papers_to_publish",
    "imports",
    "plans",
    "answers",
    "papers_to_read",
}


def _today():
    # The permission rules read memberships as of the real today, as the pages do.
    return timezone.localdate()


@dataclass
class World:
    partnership: object
    body: object
    people: dict
    batch: object


def _seat(user, body, role):
    person = PersonFactory(partnership=body.partnership, name=user.full_name, user=user)
    MembershipFactory(body=body, person=person, role=role)


def _world(name: str) -> World:
    """A fictional partnership with one item of each kind, and one person for each role
    (with a seat on its board where the role goes with one)."""
    today = _today()
    partnership = PartnershipFactory(name=f"Fictional {name} Partnership")
    code = partnership.council_area.code
    body = BodyFactory(partnership=partnership, name=f"{name} Fictional Board")

    def person(role, full_name):
        return user_with_role(role, council_code=code, full_name=f"{full_name} of {name}")

    people = {
        "support_officer": person("support_officer", "Fictional Support Officer"),
        # The board's lead officer, a partner officer: answers for the board, records
        # its actions, runs its meetings and imports data.
        "partner_officer": person("partner_officer", "Fictional Lead Officer"),
        # The board's chair: answers for the board and runs its meetings, but does not
        # record actions or import data.
        "board_chair": person("board_member", "Fictional Chair"),
        # A board member who raised a challenge that has been answered.
        "board_member": person("board_member", "Fictional Board Member"),
        "community_member": person("community_member", "Fictional Resident"),
    }
    _seat(people["partner_officer"], body, Membership.MemberRole.LEAD_OFFICER)
    _seat(people["board_chair"], body, Membership.MemberRole.CHAIR)
    _seat(people["board_member"], body, Membership.MemberRole.MEMBER)

    ChallengeFactory(  # waiting for the board's answer
        partnership=partnership,
        question=f"Fictional: why has {name} stalled?",
        raised_by_body=None,
        to_partner=None,
        to_body=body,
        raised_on=today - datetime.timedelta(days=10),
        answer_due=today + datetime.timedelta(days=5),
    )
    answered = ChallengeFactory(
        partnership=partnership,
        question=f"Fictional: when will {name} report?",
        raised_by_body=None,
        to_partner=None,
        to_body=body,
        raised_on=today - datetime.timedelta(days=20),
        answer_due=today - datetime.timedelta(days=2),
        user=people["board_member"],
    )
    ChallengeStepFactory(challenge=answered, on=today - datetime.timedelta(days=3))
    ImprovementActionFactory(
        partnership=partnership,
        title=f"Fictional {name} action",
        responsible_body=body,
        due=today - datetime.timedelta(days=3),
        today=today,
    )
    meeting = MeetingFactory(
        body=body,
        starts_at=timezone.make_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=10), datetime.time(10))
        ),
    )
    PaperFactory(meeting=meeting, title=f"Fictional {name} draft paper")
    meeting_services.paper_publish(
        paper=PaperFactory(meeting=meeting, title=f"Fictional {name} published paper")
    )
    batch = ImportBatchFactory(partnership=partnership, created_by=people["support_officer"])
    plan = PlanFactory(
        partnership=partnership,
        owning_body=body,
        title=f"Fictional {name} Outcomes Plan",
        period_start=today - datetime.timedelta(days=3 * 365),
        period_end=today + datetime.timedelta(days=100),
    )
    OutcomeFactory(plan=plan)
    on = today - datetime.timedelta(days=365)
    plan_services.plan_agree(plan=plan, agreed_by=body, agreed_on=on)
    plan_services.plan_publish(plan=plan, published_on=on)
    return World(partnership, body, people, batch)


@pytest.fixture
def mine():
    return _world("Glenmuckle")


@pytest.fixture
def other():
    return _world("Strathnowhere")


# What each role may act on (the permission rules: challenges.answer,
# delivery.manage_actions, meetings.run_meetings, performance.import_data,
# plans.edit_plan, challenges.respond_to_answer, meetings.view_draft_papers).
EXPECTED = {
    "support_officer": {"papers_to_publish", "imports", "plans"},
    "partner_officer": {
        "challenges",
        "actions",
        "papers_to_publish",
        "imports",
        "plans",
        "papers_to_read",
    },
    "board_chair": {"challenges", "papers_to_publish", "plans", "papers_to_read"},
    "board_member": {"answers", "papers_to_read"},
    "community_member": set(),
}


def _kinds(groups) -> dict[str, int]:
    return {kind.source.name: kind.count for group in groups for kind in group.kinds}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_sees_exactly_the_items_it_may_act_on(mine, other, role):
    user = mine.people[role]
    groups = needs_for(user, _today())
    assert _kinds(groups) == dict.fromkeys(EXPECTED[role], 1)
    assert all(group.partnership == mine.partnership for group in groups)
    assert "Strathnowhere" not in " ".join(need.text for need in needs_list(user, _today()))


@pytest.mark.parametrize("role", ["national_reader", "site_admin"])
def test_national_readers_and_site_admins_have_nothing_that_needs_them(mine, role):
    user = user_with_role(role)
    assert needs_for(user, _today()) == []
    client = Client()
    client.force_login(user)
    assert "Nothing needs you today." in client.get("/workspace/").content.decode()


def test_a_seat_without_a_role_in_the_partnership_brings_nothing(mine, other):
    """Someone who still leads another partnership's board after their role there was
    taken away (in the admin) sees none of its items."""
    user = mine.people["partner_officer"]
    partnership_role_grant(user=user, partnership=other.partnership, role="partner_officer")
    _seat(user, other.body, Membership.MemberRole.LEAD_OFFICER)
    assert {group.partnership for group in needs_for(user, _today())} == {
        mine.partnership,
        other.partnership,
    }
    PartnershipRole.objects.filter(user=user, partnership=other.partnership).delete()
    assert {group.partnership for group in needs_for(user, _today())} == {mine.partnership}


def test_roles_in_two_partnerships_are_grouped_by_partnership(mine, other):
    user = mine.people["support_officer"]
    partnership_role_grant(user=user, partnership=other.partnership, role="support_officer")
    groups = needs_for(user, _today())
    assert [group.partnership for group in groups] == [mine.partnership, other.partnership]
    assert [group.count for group in groups] == [3, 3]
    html = _home(user)
    assert html.index("Fictional Glenmuckle Partnership (3)") < html.index(
        "Fictional Strathnowhere Partnership (3)"
    )


def test_each_partnerships_workspace_home_lists_its_own_items_only(mine, other):
    user = mine.people["support_officer"]
    partnership_role_grant(user=user, partnership=other.partnership, role="support_officer")
    client = Client()
    client.force_login(user)
    for here, there in ((mine, other), (other, mine)):
        html = client.get(f"/workspace/{here.partnership.council_area.code}/").content.decode()
        assert f"{here.partnership.name} (3)" in html
        assert there.partnership.name not in html
    # With nothing of its own, a partnership's home says so.
    client.force_login(user_with_role("national_reader"))
    html = client.get(f"/workspace/{mine.partnership.council_area.code}/").content.decode()
    assert "Nothing needs you today." in html


def _home(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/workspace/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_home_lists_each_item_with_its_partnership_count_and_link(mine, other):
    user = mine.people["partner_officer"]
    html = _home(user)
    assert "What needs you" in html
    assert "Fictional Glenmuckle Partnership (6)" in html
    assert "Improvement actions due (1, 1 overdue)" in html
    assert "Challenges to answer (1)" in html
    assert "Imports to confirm (1)" in html
    assert "Nothing needs you today." not in html
    code = mine.partnership.council_area.code
    assert f'href="/workspace/{code}/data/imports/{mine.batch.pk}/"' in html
    assert "Strathnowhere" not in html


def test_an_overdue_action_is_labelled_overdue_in_words(mine):
    user = mine.people["partner_officer"]
    [action] = [n for n in needs_list(user, _today()) if "action" in n.text]
    assert action.overdue
    due = _today() - datetime.timedelta(days=3)
    assert action.text == f"Action “Fictional Glenmuckle action” is overdue since {due:%-d %B %Y}."
    html = _home(user)
    tagged = '<strong class="ds_tag ds_tag--red">Overdue</strong> <a href="' + action.url
    assert tagged in html
    # The challenge, due in five days, is not.
    [challenge] = [n for n in needs_list(user, _today()) if "stalled" in n.text]
    assert not challenge.overdue
    assert html.count(">Overdue</strong>") == 1


def test_a_confirmed_import_no_longer_needs_anybody(mine):
    user = mine.people["support_officer"]
    assert "imports" in _kinds(needs_for(user, _today()))
    imports.batch_confirm(batch=mine.batch, user=user)
    assert "imports" not in _kinds(needs_for(user, _today()))
    assert "Imports to confirm" not in _home(user)


def test_the_home_and_the_digest_list_the_same_items(mine, other):
    today = _today()
    for user in mine.people.values():
        items = [need.text for need in needs_list(user, today)]
        assert digest_for(user, today).lines == items
        html = _home(user)
        for text in items:
            assert escape(text) in html
    mail.outbox.clear()
    daily_digests_send(today=today)
    lead = mine.people["partner_officer"]
    [email] = [m for m in mail.outbox if m.to == [lead.email]]
    assert email.subject.startswith("Placeplan: 6 things for you")
    for text in digest_for(lead, today).lines:
        assert f"- {text}" in email.body
    assert [m for m in mail.outbox if m.to == [mine.people["community_member"].email]] == []


def test_nobody_with_nothing_to_do_is_told_so_plainly():
    user = UserFactory()
    assert "Nothing needs you today." in _home(user)
