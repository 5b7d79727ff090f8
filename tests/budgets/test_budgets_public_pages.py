"""Participatory budgeting's public and residents' pages: the list and a process's page
(no vote counts before the results are published; the frozen results, turnout, equal
shares' bands and delivery after), the Pabulib file only once published, proposing a
project, voting without JavaScript (every problem listed with the running total, the
declaration required, a second ballot refused, a ballot changed), voting codes used once,
and staff refused on residents' pages."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from placeplan.budgets import selectors, services
from placeplan.budgets.models import Ballot, Process, Project
from placeplan.delivery.models import ActionStatus
from placeplan.partnerships.services import partnership_role_grant
from placeplan.residents.moderation import Moderation
from tests.factories import (
    AFTER_VOTING,
    PROPOSALS_DAY,
    VOTING_DAY,
    BallotFactory,
    BodyFactory,
    PartnerFactory,
    ProcessFactory,
    ProjectFactory,
    ResidentFactory,
    ResultFactory,
    VotingCodeFactory,
)
from tests.factories.accounts import UserFactory
from tests.factories.engagement import verified_resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(monkeypatch):
    """Set the day the views see."""

    def set_day(day: datetime.date):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
        return day

    return set_day


@pytest.fixture
def process():
    """A published knapsack vote for £100: three projects on the ballot (£40, £50, £30), a
    project reviewed not feasible, and one waiting for moderation."""
    process = ProcessFactory(codes_vote=True)
    ProjectFactory(process=process, title="Fictional benches", cost=40)
    ProjectFactory(process=process, title="Fictional lights", cost=50)
    ProjectFactory(process=process, title="Fictional garden", cost=30)
    ProjectFactory(
        process=process,
        title="Fictional pool",
        cost=90,
        feasibility="unfeasible",
        feasibility_reason="Fictionally far too dear to run.",
    )
    ProjectFactory(process=process, title="Fictional pending idea", status=Moderation.PENDING)
    return process


def _code(process):
    return process.partnership.council_area.code


def _page(process):
    return reverse("public:budget", args=[_code(process), process.pk])


def _vote(process, name="pb:vote"):
    return reverse(name, args=[_code(process), process.pk])


def _projects(process, *titles):
    return [Project.objects.get(process=process, title=t) for t in titles]


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _html(response):
    return " ".join(response.content.decode().split())


def _text(response):
    """The page's words, without its markup."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def _vote_piles(process):
    """Votes cast online and on paper (a pile of 37)."""
    benches, lights, garden = _projects(
        process, "Fictional benches", "Fictional lights", "Fictional garden"
    )
    BallotFactory(process=process, voter=UserFactory(), projects=[benches, lights])
    BallotFactory(process=process, voter=UserFactory(), projects=[lights, garden])
    BallotFactory(
        process=process, channel=Ballot.Channel.PAPER, count=37, projects=[benches, garden]
    )


# -- the public pages ------------------------------------------------------------------------


def test_the_list_and_the_page_show_the_published_process(process, today):
    today(VOTING_DAY)
    draft = ProcessFactory(partnership=process.partnership, status=Process.Status.DRAFT)
    listing = _client().get(reverse("public:budgets", args=[_code(process)]))
    assert listing.status_code == 200
    text = _text(listing)
    assert process.title in text and draft.title not in text
    assert "Voting" in text and "£100" in text and "Knapsack" in text and "greedy" in text
    page = _client().get(_page(process))
    assert page.status_code == 200
    text = _text(page)
    assert process.purpose in text
    # The published proposals with their review; never the one awaiting moderation.
    assert "Fictional benches" in text and "Fictional pool" in text
    assert "Not feasible" in text and "Fictionally far too dear to run." in text
    assert "Fictional pending idea" not in text
    assert "Vote with your account" in text and "Vote with a voting code" in text
    assert _client().get(_page(draft)).status_code == 404


def test_a_merged_proposal_links_to_the_one_it_joined_and_a_changed_cost_says_why(process, today):
    today(datetime.date(2026, 2, 10))
    benches, lights = _projects(process, "Fictional benches", "Fictional lights")
    services.project_merge(project=benches, into=lights, today=datetime.date(2026, 2, 10))
    services.project_review(
        project=lights,
        feasibility="feasible",
        reason="Fictionally doable.",
        adjusted_cost=55,
        cost_note="Fictional cables cost more.",
        today=datetime.date(2026, 2, 10),
    )
    page = _client().get(_page(process))
    assert f'href="#project-{lights.pk}"' in _html(page)
    text = _text(page)
    assert "£55 (proposed at £50)" in text and "Fictional cables cost more." in text


def test_no_vote_counts_before_the_results_are_published(process, today):
    today(AFTER_VOTING)
    _vote_piles(process)
    page = _client().get(_page(process))
    text = _text(page)
    assert page.context["results"] is None
    assert "Votes online" not in text and "37 on paper" not in text and "Turnout" not in text
    assert "The results will be published here" in text
    pabulib = reverse("public:budget_pabulib", args=[_code(process), process.pk])
    assert _client().get(pabulib).status_code == 404


def test_the_published_results_turnout_and_pabulib_file(process, today):
    today(AFTER_VOTING)
    _vote_piles(process)
    ResultFactory(process=process)
    page = _client().get(_page(process))
    text = _text(page)
    results = page.context["results"]
    assert results == Process.objects.get(pk=process.pk).result.figures
    # By hand: benches 1 online + 37 paper = 38, garden 1 + 37 = 38, lights 2 + 0.
    # Greedy, budget 100: garden (38 votes, £30, cheaper) then benches (£40): £70; lights
    # (£50) no longer fits.
    rows = {row["title"]: row for row in results["projects"]}
    assert (
        rows["Fictional benches"]["votes_online"],
        rows["Fictional benches"]["votes_paper"],
    ) == (
        1,
        37,
    )
    assert rows["Fictional garden"]["funded_amount"] == 30
    assert rows["Fictional lights"]["funded_amount"] == 0
    assert "Votes online" in text and "Votes on paper" in text
    assert "Not funded: projects with more votes used the money first." in text
    assert "39 ballots: 2 online and 37 on paper." in text
    assert selectors.POPULATION_NOTE in text
    response = _client().get(reverse("public:budget_pabulib", args=[_code(process), process.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    assert body.startswith("META\n") and "PROJECTS\n" in body and "VOTES\n" in body
    assert "voter" not in body.replace("voter_id", "")


def test_equal_shares_results_show_how_much_of_each_share_was_spent(today):
    today(AFTER_VOTING)
    process = ProcessFactory(rule=Process.Rule.EQUAL_SHARES)
    (project,) = [ProjectFactory(process=process, cost=40)]
    BallotFactory(process=process, voter=UserFactory(), projects=[project])
    ResultFactory(process=process)
    text = _text(_client().get(_page(process)))
    assert "How much of each voter's share was spent" in text
    assert "Less than half" in text and "All of it" in text


def test_you_voted_we_delivered(process, today):
    today(AFTER_VOTING)
    _vote_piles(process)
    ResultFactory(process=process)
    (garden,) = _projects(process, "Fictional garden")
    action = services.project_deliver(
        project=garden,
        accountable_partner=PartnerFactory(partnership=process.partnership),
        responsible_body=BodyFactory(partnership=process.partnership),
        due=datetime.date(2026, 9, 30),
        today=AFTER_VOTING,
    )
    assert action.status == ActionStatus.NOT_STARTED
    text = _text(_client().get(_page(process)))
    assert "You voted, we delivered" in text
    assert "Fictional garden Not started 30 September 2026" in text


def test_demonstration_content_is_labelled(today):
    today(VOTING_DAY)
    process = ProcessFactory(is_demo=True)
    assert "Demonstration content." in _text(_client().get(_page(process)))
    listing = _client().get(reverse("public:budgets", args=[_code(process)]))
    assert "Demonstration" in _text(listing)


# -- proposing a project ---------------------------------------------------------------------


def test_a_resident_proposes_a_project_held_for_moderation(process, today):
    today(PROPOSALS_DAY)
    resident = verified_resident()
    url = _vote(process, "pb:propose")
    assert _client(resident).get(url).status_code == 200
    response = _client(resident).post(
        url, {"title": "Fictional swings", "description": "New fictional swings.", "cost": "25"}
    )
    assert response.status_code == 302 and response["Location"] == _page(process)
    project = Project.objects.get(title="Fictional swings")
    assert (project.status, project.proposer, project.cost) == (Moderation.PENDING, resident, 25)
    assert "Fictional swings" not in _text(_client().get(_page(process)))


def test_a_proposal_over_the_budget_is_refused_with_the_reason(process, today):
    today(PROPOSALS_DAY)
    response = _client(verified_resident()).post(
        _vote(process, "pb:propose"),
        {"title": "Fictional castle", "description": "A castle.", "cost": "1000"},
    )
    assert response.status_code == 200
    assert "That is more than the whole budget (£100)." in _text(response)
    assert not Project.objects.filter(title="Fictional castle").exists()


def test_proposals_are_rate_limited(process, today, settings):
    today(PROPOSALS_DAY)
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "resident_proposal": "1/h/user"}
    cache.clear()
    client = _client(verified_resident())
    url = _vote(process, "pb:propose")
    data = {"title": "Fictional one", "description": "One.", "cost": "10"}
    assert client.post(url, data).status_code == 302
    refused = client.post(url, {**data, "title": "Fictional two"})
    assert refused.status_code == 200 and "a lot in a short time" in _text(refused)


def test_proposing_outside_the_proposals_phase_goes_back_to_the_page(process, today):
    today(VOTING_DAY)
    response = _client(verified_resident()).get(_vote(process, "pb:propose"))
    assert response.status_code == 302 and response["Location"] == _page(process)


# -- voting ----------------------------------------------------------------------------------


def test_the_ballot_lists_the_projects_with_their_costs_and_the_budget(process, today):
    today(VOTING_DAY)
    response = _client(verified_resident()).get(_vote(process))
    assert response.status_code == 200
    text = _text(response)
    for title, cost in (("Fictional garden", 30), ("Fictional benches", 40)):
        assert f"{title}: £{cost}" in text
    assert "Fictional pool" not in text  # not feasible: not on the ballot
    assert "£100 of the £100 budget is left" in text and "I live in" in text
    html = _html(response)
    assert 'id="ballot-total" aria-live="polite"' in html and 'name="declared"' in html
    assert "placeplan/ballot.js" in html and "<script>" not in html


def test_a_ballot_without_javascript_lists_every_problem_and_the_running_total(process, today):
    today(VOTING_DAY)
    resident = verified_resident()
    ids = [p.pk for p in _projects(process, "Fictional benches", "Fictional lights")]
    garden = _projects(process, "Fictional garden")[0].pk
    response = _client(resident).post(_vote(process), {"projects": [*ids, garden]})
    assert response.status_code == 200
    text = _text(response)
    assert "There is a problem" in text
    assert "Your projects cost £120: more than the budget of £100. Take some out." in text
    assert "Confirm that you live in" in text
    assert "You chose 3 projects costing £120, of a budget of £100." in text
    assert "That is £20 over the £100 budget." in text
    assert not Ballot.objects.filter(process=process).exists()


def test_the_declaration_is_required(process, today):
    today(VOTING_DAY)
    garden = _projects(process, "Fictional garden")[0].pk
    response = _client(verified_resident()).post(_vote(process), {"projects": [garden]})
    assert response.status_code == 200 and "Confirm that you live in" in _text(response)
    assert not Ballot.objects.filter(process=process).exists()


def test_a_ballot_is_cast_in_few_queries(process, today, django_assert_max_num_queries):
    """The busiest write residents make reads only what it needs: the person (with their
    resident profile and confirmed address), the vote, its ballot; then writes the ballot
    (in a savepoint here, inside the test's transaction)."""
    today(VOTING_DAY)
    benches, garden = _projects(process, "Fictional benches", "Fictional garden")
    client = _client(verified_resident())
    with django_assert_max_num_queries(7):
        cast = client.post(_vote(process), {"projects": [benches.pk, garden.pk], "declared": "on"})
    assert cast.status_code == 302
    assert Ballot.objects.get(process=process).projects.count() == 2


def test_a_resident_votes_sees_their_ballot_and_a_second_is_refused(process, today):
    today(VOTING_DAY)
    resident = verified_resident()
    client = _client(resident)
    benches, garden = _projects(process, "Fictional benches", "Fictional garden")
    cast = client.post(_vote(process), {"projects": [benches.pk, garden.pk], "declared": "on"})
    assert cast.status_code == 302 and cast["Location"] == _vote(process)
    confirmation = _text(client.get(_vote(process)))
    assert "Your vote is cast" in confirmation
    assert "Fictional benches: £40" in confirmation and "Fictional garden: £30" in confirmation
    assert "Change your vote" in confirmation
    again = client.post(_vote(process), {"projects": [garden.pk], "declared": "on"})
    assert again.status_code == 409 and "A ballot has already been cast" in _text(again)
    (ballot,) = Ballot.objects.filter(process=process)
    assert {p.pk for p in ballot.projects.all()} == {benches.pk, garden.pk}


def test_a_resident_changes_their_ballot_within_the_budget(process, today):
    today(VOTING_DAY)
    resident = verified_resident()
    client = _client(resident)
    benches, lights, garden = _projects(
        process, "Fictional benches", "Fictional lights", "Fictional garden"
    )
    client.post(_vote(process), {"projects": [benches.pk], "declared": "on"})
    change = _vote(process, "pb:change")
    form = _text(client.get(change))
    assert "£60 of the £100 budget is left" in form
    over = client.post(change, {"projects": [benches.pk, lights.pk, garden.pk]})
    assert over.status_code == 200 and "more than the budget" in _text(over)
    assert client.post(change, {"projects": [lights.pk, garden.pk]}).status_code == 302
    ballot = Ballot.objects.get(process=process, voter=resident)
    assert {p.pk for p in ballot.projects.all()} == {lights.pk, garden.pk}
    assert ballot.changed_at is not None


def test_an_approval_ballot_takes_up_to_k_projects(today):
    today(VOTING_DAY)
    process = ProcessFactory(ballot=Process.BallotKind.APPROVAL, max_choices=1)
    first, second = ProjectFactory(process=process), ProjectFactory(process=process)
    client = _client(verified_resident())
    page = _text(client.get(_vote(process)))
    assert "Choose up to 1 project." in page and "You have chosen 0 of up to 1 project." in page
    response = client.post(_vote(process), {"projects": [first.pk, second.pk], "declared": "on"})
    assert response.status_code == 200 and "Choose at most 1 project." in _text(response)


def test_an_unverified_resident_is_asked_to_confirm_their_email(process, today):
    today(VOTING_DAY)
    user = ResidentFactory(verified=False).user
    client = _client(user)
    assert "Confirm your email address before you vote" in _text(client.get(_vote(process)))
    garden = _projects(process, "Fictional garden")[0].pk
    client.post(_vote(process), {"projects": [garden], "declared": "on"})
    assert not Ballot.objects.filter(process=process).exists()


def test_voting_when_voting_is_not_open_goes_back_to_the_page(process, today):
    today(PROPOSALS_DAY)
    response = _client(verified_resident()).get(_vote(process))
    assert response.status_code == 302 and response["Location"] == _page(process)


def test_a_voting_code_votes_once(process, today):
    today(VOTING_DAY)
    VotingCodeFactory(process=process, code="FICTI23456")
    garden = _projects(process, "Fictional garden")[0].pk
    url = _vote(process, "pb:code_vote")
    anonymous = _client()
    assert anonymous.get(url).status_code == 200
    wrong = anonymous.post(url, {"code": "NOTAC-ODE22", "projects": [garden]})
    assert wrong.status_code == 200 and "That code is not one of this vote" in _text(wrong)
    cast = anonymous.post(url, {"code": "ficti-23456", "projects": [garden]})
    assert cast.status_code == 200 and "Your voting code has been used" in _text(cast)
    again = _client().post(url, {"code": "FICTI-23456", "projects": [garden]})
    assert again.status_code == 409 and "already been cast with this voting code" in _text(again)
    (ballot,) = Ballot.objects.filter(process=process)
    assert ballot.voter is None and ballot.code.used_at is not None


def test_codes_are_rate_limited(process, today, settings):
    today(VOTING_DAY)
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "budget_code": "1/h/ip"}
    cache.clear()
    url = _vote(process, "pb:code_vote")
    client = _client()
    client.post(url, {"code": "WRONG-CODE2", "projects": []})
    refused = client.post(url, {"code": "WRONG-CODE3", "projects": []})
    assert "a lot in a short time" in _text(refused)


def test_a_vote_without_codes_has_no_code_page(today):
    today(VOTING_DAY)
    process = ProcessFactory(codes_vote=False)
    response = _client().get(_vote(process, "pb:code_vote"))
    assert response.status_code == 302 and response["Location"] == _page(process)


@pytest.mark.parametrize("name", ["pb:propose", "pb:vote", "pb:change", "pb:code_vote"])
def test_staff_are_refused_on_residents_pages(process, today, name):
    today(VOTING_DAY)
    staff = UserFactory()
    partnership_role_grant(user=staff, partnership=process.partnership, role="support_officer")
    assert _client(staff).get(_vote(process, name)).status_code == 403
    assert _client(staff).post(_vote(process, name), {}).status_code == 403
