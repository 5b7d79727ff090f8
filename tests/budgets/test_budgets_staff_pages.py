"""Participatory budgeting's staff pages: every page renders for the people allowed it and
is refused to others; each form's refusal is listed in the error summary and changes
nothing; moderation, review, merging, a proposal entered for a group, the voting codes
sheet (shown once, only hashes kept, never cached), paper ballots, the results' preview
(hidden from readers), publication (frozen) and delivery (an improvement action).

Fictional records from tests/factories/, in a fictional partnership; "today" is fixed by
patching ``django.utils.timezone.localdate``."""

import datetime
import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from placeplan.budgets import services
from placeplan.budgets.models import Ballot, Feasibility, Process, Project, VotingCode
from placeplan.budgets.selectors import POPULATION_NOTE
from placeplan.delivery.models import ImprovementAction
from placeplan.partnerships.models import Membership, Role
from placeplan.places.models import Area
from placeplan.residents.moderation import Moderation
from tests.factories import (
    AFTER_VOTING,
    REVIEW_DAY,
    VOTING_DAY,
    AreaFactory,
    BodyFactory,
    MembershipFactory,
    PartnerFactory,
    PartnershipFactory,
    PartnershipRoleFactory,
    PersonFactory,
    ProcessFactory,
    ProjectFactory,
    ResidentFactory,
)

pytestmark = pytest.mark.django_db

REAL_LOCALDATE = timezone.localdate


@pytest.fixture
def today(monkeypatch):
    """Set the day the pages see: ``today(VOTING_DAY)``."""

    def set_day(day: datetime.date):
        monkeypatch.setattr(
            timezone,
            "localdate",
            lambda value=None, timezone=None: (
                day if value is None else REAL_LOCALDATE(value, timezone)
            ),
        )

    return set_day


@pytest.fixture
def ours():
    return PartnershipFactory()


@pytest.fixture
def code(ours):
    return ours.council_area.code


@pytest.fixture
def process(ours):
    return ProcessFactory(partnership=ours, budget=100, codes_vote=True)


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def runner(ours):
    return _client(PartnershipRoleFactory(partnership=ours, role=Role.SUPPORT_OFFICER).user)


@pytest.fixture
def reader(ours):
    return _client(PartnershipRoleFactory(partnership=ours, role=Role.COMMUNITY_MEMBER).user)


@pytest.fixture
def stranger():
    """A support officer of another partnership."""
    return _client(PartnershipRoleFactory(role=Role.SUPPORT_OFFICER).user)


def url(name, code, process=None, *more):
    args = [code] + ([process.pk] if process is not None else []) + list(more)
    return reverse(f"budgets:{name}", args=args)


def text(response) -> str:
    return unescape(response.content.decode())


def summary(response) -> str:
    """The error summary's text (empty when there is none)."""
    found = re.search(r'<div class="ds_error-summary".*?</div>', response.content.decode(), re.S)
    return unescape(re.sub(r"<[^>]+>", " ", found.group(0))) if found else ""


def _voted(process, projects, count=1):
    """``count`` paper ballots choosing ``projects``, entered during the vote."""
    return services.paper_enter(
        process=process, projects=projects, count=count, event="A fictional fete", user=None,
        today=VOTING_DAY,
    )  # fmt: skip


# -- who may open which page ------------------------------------------------------------


RUN_PAGES = ("edit", "proposals", "codes", "paper")
READ_PAGES = ("process", "results")


def test_pages_render_for_the_people_who_run_the_process(runner, code, process, today):
    today(REVIEW_DAY)
    for name in ("list", "add"):
        assert runner.get(url(name, code)).status_code == 200, name
    for name in RUN_PAGES + READ_PAGES:
        assert runner.get(url(name, code, process)).status_code == 200, name


def test_readers_read_the_list_overview_and_results_only(reader, code, process, today):
    today(REVIEW_DAY)
    assert reader.get(url("list", code)).status_code == 200
    for name in READ_PAGES:
        assert reader.get(url(name, code, process)).status_code == 200, name
    assert reader.get(url("add", code)).status_code == 403
    for name in RUN_PAGES:
        assert reader.get(url(name, code, process)).status_code == 403, name
    # Every change is a POST, refused to a reader whatever it asks.
    for name in ("process", "results", "proposals", "codes", "paper"):
        assert reader.post(url(name, code, process), {"action": "publish"}).status_code == 403
    assert Process.objects.get(pk=process.pk).status == Process.Status.PUBLISHED


def test_people_of_another_partnership_and_residents_are_refused(stranger, code, process):
    resident = _client(ResidentFactory(verified=True).user)
    for client in (stranger, resident):
        assert client.get(url("list", code)).status_code == 403
        for name in RUN_PAGES + READ_PAGES:
            assert client.get(url(name, code, process)).status_code == 403, name
    assert _client().get(url("list", code)).status_code == 302  # to sign in


def test_unknown_processes_and_projects_are_not_found(runner, code, process):
    other = ProcessFactory()  # another partnership's
    for name in RUN_PAGES + READ_PAGES:
        assert runner.get(url(name, code, other)).status_code == 404, name
    project = ProjectFactory(process=process)
    assert runner.get(url("deliver", code, process, project.pk)).status_code == 404  # not funded
    assert runner.get(url("deliver", code, process, 999999)).status_code == 404


def test_the_list_shows_each_process_phase_in_words(reader, code, process, today):
    today(VOTING_DAY)
    page = text(reader.get(url("list", code)))
    assert process.title in page
    assert '<strong class="ds_tag ds_tag--green">Voting</strong>' in page
    assert "£100" in page
    assert "Start a participatory budgeting process" not in page


# -- the process's settings ---------------------------------------------------------------


def _process_data(**changes):
    data = {
        "title": "Fictional Town Decides",
        "purpose": "To share a fictional fund.",
        "budget": "5000",
        "proposals_open": "2026-01-05",
        "proposals_close": "2026-01-31",
        "voting_open": "2026-03-01",
        "voting_close": "2026-03-31",
        "ballot": "knapsack",
        "min_spend_percent": "0",
        "rule": "greedy",
        "residents_vote": "on",
        "min_age": "16",
        "may_change_ballot": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_process_is_added_as_a_draft_and_published(runner, ours, code, today):
    today(datetime.date(2025, 12, 1))
    response = runner.post(url("add", code), _process_data())
    process = Process.objects.get(partnership=ours, title="Fictional Town Decides")
    assert response.status_code == 302
    assert response["Location"] == url("process", code, process)
    assert process.status == Process.Status.DRAFT and process.budget == 5000

    published = runner.post(url("process", code, process), {"action": "publish"})
    assert published.status_code == 302
    assert Process.objects.get(pk=process.pk).is_published


def test_the_process_form_lists_every_error_and_saves_nothing(runner, ours, code, today):
    today(datetime.date(2025, 12, 1))
    response = runner.post(
        url("add", code),
        _process_data(title="", budget="lots", voting_open="2026-01-20", residents_vote=None),
    )
    assert response.status_code == 200
    errors = summary(response)
    assert "Enter the name of the process" in errors
    assert "Enter the total budget (£) in whole pounds" in errors
    assert not Process.objects.filter(partnership=ours).exists()

    # The service's rules, on a form otherwise valid, are listed too.
    response = runner.post(
        url("add", code), _process_data(voting_open="2026-01-20", residents_vote=None)
    )
    errors = summary(response)
    assert "Voting must open after proposals close" in errors
    assert "Say who may vote" in errors
    assert not Process.objects.filter(partnership=ours).exists()


def test_body_choices_are_the_partnership_s_own(runner, ours, code):
    mine, theirs = BodyFactory(partnership=ours), BodyFactory()
    form = runner.get(url("add", code)).context["form"]
    bodies = set(form.fields["body"].queryset)
    assert mine in bodies and theirs not in bodies


def test_the_ballot_rules_are_refused_once_voting_has_opened(runner, code, process, today):
    today(VOTING_DAY)
    data = {**_form_data(runner, url("edit", code, process)), "budget": "999"}
    response = runner.post(url("edit", code, process), data)
    assert response.status_code == 200
    assert services.FROZEN in summary(response)
    assert Process.objects.get(pk=process.pk).budget == 100

    data["budget"], data["title"] = "100", "Fictional renamed vote"
    assert runner.post(url("edit", code, process), data).status_code == 302
    assert Process.objects.get(pk=process.pk).title == "Fictional renamed vote"


def _form_data(client, address) -> dict:
    """What a form page would post if saved as shown."""
    response = client.get(address)
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            value = "on"
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        elif isinstance(value, list):
            value = [getattr(v, "pk", v) for v in value]
        data[name] = value
    version = re.search(r'name="edit_version" value="([^"]+)"', response.content.decode())
    if version:
        data["edit_version"] = version.group(1)
    return data


# -- proposals ----------------------------------------------------------------------------


@pytest.fixture
def proposer():
    return ResidentFactory(verified=True, display_name="Fictional Proposer Ada")


def test_the_proposer_is_named_to_the_people_who_run_the_process(
    runner, reader, code, process, proposer, today
):
    today(REVIEW_DAY)
    pending = ProjectFactory(process=process, proposer=proposer.user, status=Moderation.PENDING)
    page = text(runner.get(url("proposals", code, process)))
    assert "Fictional Proposer Ada" in page
    # Each row's form says which proposal it decides.
    assert f'name="project" value="{pending.pk}" id="id_moderate_{pending.pk}_project"' in page
    assert "Fictional Proposer Ada" not in text(reader.get(url("process", code, process)))


def test_moderation_publishes_or_rejects_with_a_reason(runner, code, process, proposer, today):
    today(REVIEW_DAY)
    good = ProjectFactory(process=process, proposer=proposer.user, status=Moderation.PENDING)
    bad = ProjectFactory(process=process, proposer=proposer.user, status=Moderation.PENDING)
    address = url("proposals", code, process)

    refused = runner.post(
        address, {"action": "moderate", "project": bad.pk, "decision": "reject", "reason": ""}
    )
    assert refused.status_code == 200
    assert "Say why it is rejected" in summary(refused)
    assert Project.objects.get(pk=bad.pk).status == Moderation.PENDING

    missing = runner.post(address, {"action": "moderate", "project": bad.pk})
    assert "Choose whether to publish or reject it" in summary(missing)

    assert (
        runner.post(
            address, {"action": "moderate", "project": good.pk, "decision": "approve"}
        ).status_code
        == 302
    )
    runner.post(
        address,
        {"action": "moderate", "project": bad.pk, "decision": "reject", "reason": "Off topic."},
    )
    assert Project.objects.get(pk=good.pk).status == Moderation.APPROVED
    rejected = Project.objects.get(pk=bad.pk)
    assert (rejected.status, rejected.reason) == (Moderation.REJECTED, "Off topic.")

    # Decided once: deciding again is refused, on the page.
    again = runner.post(address, {"action": "moderate", "project": good.pk, "decision": "approve"})
    assert "no longer waiting for moderation" in summary(again)


def test_review_needs_a_public_reason_and_a_note_for_a_new_cost(runner, code, process, today):
    today(REVIEW_DAY)
    project = ProjectFactory(
        process=process, feasibility=Feasibility.UNREVIEWED, feasibility_reason="", cost=40
    )
    address = url("proposals", code, process)
    review = {"action": "review", "project": project.pk, "feasibility": "feasible"}

    refused = runner.post(address, {**review, "adjusted_cost": "60"})
    errors = summary(refused)
    assert "Give the public reason" in errors and "Say why the cost changed" in errors
    assert Project.objects.get(pk=project.pk).feasibility == Feasibility.UNREVIEWED

    done = runner.post(
        address,
        {
            **review,
            "feasibility_reason": "The fictional council can do it.",
            "adjusted_cost": "60",
            "cost_note": "Fencing costs more.",
        },
    )
    assert done.status_code == 302
    project.refresh_from_db()
    assert (project.feasibility, project.adjusted_cost, project.cost_note) == (
        Feasibility.FEASIBLE,
        60,
        "Fencing costs more.",
    )


def test_a_duplicate_is_merged_into_another(runner, code, process, today):
    today(REVIEW_DAY)
    kept, duplicate = ProjectFactory(process=process), ProjectFactory(process=process)
    address = url("proposals", code, process)

    refused = runner.post(
        address, {"action": "merge", "project": duplicate.pk, "merged_into": duplicate.pk}
    )
    assert "Choose another proposal of this process" in summary(refused)
    assert Project.objects.get(pk=duplicate.pk).merged_into is None

    done = runner.post(
        address, {"action": "merge", "project": duplicate.pk, "merged_into": kept.pk}
    )
    assert done.status_code == 302
    duplicate.refresh_from_db()
    assert (duplicate.feasibility, duplicate.merged_into) == (Feasibility.MERGED, kept)


def test_staff_enter_a_proposal_for_a_group(runner, code, process, today):
    today(REVIEW_DAY)
    address = url("proposals", code, process)
    entry = {
        "action": "enter",
        "title": "Fictional benches",
        "description": "Benches in a fictional park.",
        "cost": "30",
        "on_behalf_of": "",
    }
    refused = runner.post(address, entry)
    assert "Name the group the project is put forward for" in summary(refused)
    refused = runner.post(address, {**entry, "on_behalf_of": "Friends", "cost": "500"})
    assert "more than the whole budget" in summary(refused)
    assert not process.projects.exists()

    done = runner.post(address, {**entry, "on_behalf_of": "Friends of the Fictional Park"})
    assert done.status_code == 302
    project = process.projects.get()
    assert (project.status, project.on_behalf_of) == (
        Moderation.APPROVED,
        "Friends of the Fictional Park",
    )


def test_an_unknown_form_on_a_page_is_not_found(runner, code, process):
    assert runner.post(url("proposals", code, process), {"action": "x"}).status_code == 404
    assert runner.post(url("proposals", code, process), {}).status_code == 404


# -- voting codes -------------------------------------------------------------------------


def test_codes_are_shown_once_on_a_sheet_never_cached_and_only_hashes_kept(runner, code, process):
    address = url("codes", code, process)
    response = runner.post(
        address, {"action": "generate", "number": "3", "batch": "Fictional gala"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = text(response)
    codes = re.findall(r'class="pp-slip__code">([A-Z2-9]{5}-[A-Z2-9]{5})<', page)
    assert len(codes) == 3
    assert "they are shown only once" in page
    assert process.title in page and f"/contribute/{code}/budgets/{process.pk}/vote/code/" in page
    stored = VotingCode.objects.filter(process=process)
    assert {c.digest for c in stored} == {services.code_digest(process.pk, c) for c in codes}
    assert all(c.replace("-", "") not in (v.digest + v.batch) for c in codes for v in stored)

    later = text(runner.get(address))
    assert not any(c in later for c in codes)
    assert re.search(r"Fictional gala</th><td[^>]*>3</td><td[^>]*>0</td>", later)


def test_the_codes_form_lists_its_errors_and_makes_none(runner, code, process):
    address = url("codes", code, process)
    response = runner.post(address, {"action": "generate", "number": "0", "batch": ""})
    errors = summary(response)
    assert "Make at least 1 code" in errors and "Say where the codes will be handed out" in errors
    assert not VotingCode.objects.filter(process__partnership=process.partnership).exists()

    no_codes = ProcessFactory(partnership=process.partnership, codes_vote=False)
    response = runner.post(
        url("codes", code, no_codes), {"action": "generate", "number": "2", "batch": "Gala"}
    )
    assert "does not take voting codes" in summary(response)
    assert not VotingCode.objects.filter(process__partnership=process.partnership).exists()


# -- paper ballots ------------------------------------------------------------------------


def test_paper_ballots_are_entered_listed_and_taken_out(runner, code, process, today):
    today(VOTING_DAY)
    one, two = ProjectFactory(process=process, cost=40), ProjectFactory(process=process, cost=70)
    address = url("paper", code, process)
    pile = {"action": "enter", "event": "Fictional fete", "count": "12", "projects": [one.pk]}

    refused = runner.post(address, {**pile, "event": "", "count": "0"})
    errors = summary(refused)
    assert "Say where the paper ballots were cast" in errors and "Enter 1 or more" in errors
    refused = runner.post(address, {**pile, "projects": [one.pk, two.pk]})
    assert "more than the budget" in summary(refused)
    assert not Ballot.objects.filter(process=process).exists()

    assert runner.post(address, pile).status_code == 302
    ballot = Ballot.objects.get(process=process)
    assert (ballot.channel, ballot.count, list(ballot.projects.all())) == ("paper", 12, [one])
    page = text(runner.get(address))
    assert "Fictional fete" in page and one.title in page

    assert runner.post(address, {"action": "remove", "ballot": ballot.pk}).status_code == 302
    assert not Ballot.objects.filter(process=process).exists()
    gone = runner.post(address, {"action": "remove", "ballot": ballot.pk})
    assert "not there any more" in summary(gone)


def test_the_overview_counts_ballots_but_not_votes_while_voting(reader, code, process, today):
    today(VOTING_DAY)
    project = ProjectFactory(process=process, title="Fictional skate park")
    _voted(process, [project], count=7)
    page = text(reader.get(url("process", code, process)))
    assert re.search(r'id="ballots-cast">7 ballots cast so far', page)
    assert "Fictional skate park" not in page
    results = text(reader.get(url("results", code, process)))
    assert "Fictional skate park" not in results and "No vote counts are shown" in results


# -- results and delivery -----------------------------------------------------------------


@pytest.fixture
def counted(process):
    """A vote over: two projects, 5 paper ballots for one and 2 for the other."""
    winner = ProjectFactory(process=process, title="Fictional play park", cost=60)
    loser = ProjectFactory(process=process, title="Fictional mural", cost=50)
    _voted(process, [winner], count=5)
    _voted(process, [loser], count=2)
    return winner, loser


def test_the_preview_is_for_the_people_who_run_the_process_only(
    runner, reader, code, process, counted, today
):
    today(AFTER_VOTING)
    address = url("results", code, process)
    preview = text(runner.get(address))
    assert "Preview: not published" in preview and "Fictional play park" in preview
    hidden = text(reader.get(address))
    assert "Fictional play park" not in hidden and "not yet published" in hidden
    assert "Publish the results" not in hidden


def test_publishing_freezes_the_results(runner, reader, code, process, counted, today):
    winner, loser = counted
    today(VOTING_DAY)
    early = runner.post(url("results", code, process), {"action": "publish"})
    assert "Voting has not closed" in summary(early)
    assert not Process.objects.get(pk=process.pk).results_published

    today(AFTER_VOTING)
    assert runner.post(url("results", code, process), {"action": "publish"}).status_code == 302
    pile = Ballot.objects.filter(process=process).first()
    refused = runner.post(url("paper", code, process), {"action": "remove", "ballot": pile.pk})
    assert "frozen" in summary(refused)
    assert Ballot.objects.filter(pk=pile.pk).exists()

    page = text(reader.get(url("results", code, process)))
    assert "Preview" not in page and "frozen when they were published" in page
    row = re.search(r"Fictional play park</th>(.*?)</tr>", page, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    assert cells[:5] == ["0", "5", "5", "£60", "£60"]
    assert "<strong>Funded</strong>" in cells[5]
    assert "<strong>Not funded</strong>" in page
    assert POPULATION_NOTE in page
    assert 'id="turnout-table"' in page and '<th scope="row">Ballots in all</th>' in page


def test_equal_shares_results_show_the_voters_shares(reader, code, ours, today):
    process = ProcessFactory(partnership=ours, rule=Process.Rule.EQUAL_SHARES, budget=100)
    project = ProjectFactory(process=process, cost=60)
    _voted(process, [project], count=3)
    services.results_publish(process=process, user=None, today=AFTER_VOTING)
    today(AFTER_VOTING)
    page = text(reader.get(url("results", code, process)))
    assert 'id="shares-table"' in page and "Less than half" in page


def test_a_funded_project_is_delivered_as_an_improvement_action(
    runner, code, ours, process, counted, today
):
    winner, loser = counted
    services.results_publish(process=process, user=None, today=AFTER_VOTING)
    today(AFTER_VOTING)
    partner, body = PartnerFactory(partnership=ours), BodyFactory(partnership=ours)
    owner = PersonFactory(partnership=ours)
    address = url("deliver", code, process, winner.pk)
    assert runner.get(url("deliver", code, process, loser.pk)).status_code == 404  # not funded

    refused = runner.post(address, {"accountable_partner": partner.pk, "due": ""})
    errors = summary(refused)
    assert "Choose the responsible body" in errors and "Enter the due date" in errors
    assert not ImprovementAction.objects.filter(partnership=ours).exists()

    done = runner.post(
        address,
        {
            "accountable_partner": partner.pk,
            "responsible_body": body.pk,
            "owner": owner.pk,
            "due": "2026-10-31",
        },
    )
    assert done.status_code == 302
    action = ImprovementAction.objects.get(partnership=ours)
    assert (action.title, action.owner, action.responsible_body) == (winner.title, owner, body)
    assert Project.objects.get(pk=winner.pk).action == action

    page = text(runner.get(url("process", code, process)))
    assert reverse("delivery:action", args=[code, action.pk]) in page
    assert action.get_status_display() in page


def test_saving_a_process_without_communities_keeps_its_communities(ours):
    """``process_save(communities=None)`` leaves the chosen communities alone (it used to
    clear them)."""
    community = AreaFactory(
        code="S02990001", level=Area.Level.INTERMEDIATE_ZONE, council_area=ours.council_area
    )
    process = ProcessFactory(partnership=ours, communities=[community])
    process.title = "Fictional renamed"
    services.process_save(process=process, today=REVIEW_DAY)
    assert list(Process.objects.get(pk=process.pk).communities.all()) == [community]


def test_pending_proposals_are_still_moderated_once_voting_opens(runner, code, process, today):
    today(VOTING_DAY)
    late = ProjectFactory(process=process, status=Moderation.PENDING)
    address = url("proposals", code, process)
    refused = runner.post(
        address, {"action": "moderate", "project": late.pk, "decision": "approve"}
    )
    assert "Voting has opened" in summary(refused)
    done = runner.post(
        address,
        {"action": "moderate", "project": late.pk, "decision": "reject", "reason": "Too late."},
    )
    assert done.status_code == 302
    assert Project.objects.get(pk=late.pk).status == Moderation.REJECTED


def test_a_body_s_chair_starts_and_runs_processes_of_their_own_body_only(ours, code, today):
    today(datetime.date(2025, 12, 1))
    user = PartnershipRoleFactory(partnership=ours, role=Role.BOARD_MEMBER).user
    theirs, other = BodyFactory(partnership=ours), BodyFactory(partnership=ours)
    MembershipFactory(
        body=theirs,
        person=PersonFactory(partnership=ours, user=user),
        role=Membership.MemberRole.CHAIR,
    )
    chair = _client(user)
    form = chair.get(url("add", code)).context["form"]
    assert list(form.fields["body"].queryset) == [theirs]

    refused = chair.post(url("add", code), _process_data(body=str(other.pk)))
    assert "Select a valid choice" in summary(refused)
    assert chair.post(url("add", code), _process_data(body=str(theirs.pk))).status_code == 302
    mine = Process.objects.get(partnership=ours, body=theirs)
    assert chair.get(url("edit", code, mine)).status_code == 200
    not_mine = ProcessFactory(partnership=ours, body=other)
    assert chair.get(url("edit", code, not_mine)).status_code == 403
    assert chair.get(url("process", code, not_mine)).status_code == 200
