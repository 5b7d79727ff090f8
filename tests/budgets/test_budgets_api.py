"""Participatory budgeting's open data: published processes only; a process's projects
with cost, feasibility and reason; vote figures (online, paper, funded, turnout) only once
the results are published, never before and never a voter's identity; the Pabulib file
only once published."""

import pytest
from django.test import Client

from placeplan.budgets.models import Ballot, Process
from placeplan.residents.moderation import Moderation
from tests.factories import (
    BallotFactory,
    ProcessFactory,
    ProjectFactory,
    ResultFactory,
)
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    process = ProcessFactory()
    benches = ProjectFactory(process=process, title="Fictional benches", cost=40)
    lights = ProjectFactory(process=process, title="Fictional lights", cost=70)
    ProjectFactory(
        process=process,
        title="Fictional pool",
        cost=90,
        feasibility="unfeasible",
        feasibility_reason="Fictionally far too dear to run.",
    )
    ProjectFactory(process=process, title="Fictional pending idea", status=Moderation.PENDING)
    voter = UserFactory(email="fictional.voter@example.org", full_name="Fictional Voter")
    BallotFactory(process=process, voter=voter, projects=[benches])
    BallotFactory(process=process, channel=Ballot.Channel.PAPER, count=5, projects=[lights])
    return process


def _json(url):
    response = Client().get(url)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_the_list_gives_published_processes_with_phase_budget_ballot_and_rule(process):
    draft = ProcessFactory(partnership=process.partnership, status=Process.Status.DRAFT)
    code = process.partnership.council_area.code
    data = _json(f"/api/v1/partnerships/{code}/budgets")
    assert [p["id"] for p in data] == [process.pk]
    (row,) = data
    assert (row["budget"], row["ballot"], row["rule"]) == (100, "knapsack", "greedy")
    assert row["phase"] in {"upcoming", "proposals", "review", "voting", "counting"}
    assert row["page_url"] == f"/areas/{code}/budgets/{process.pk}/"
    assert row["api_url"] == f"/api/v1/budgets/{process.pk}"
    assert draft.pk not in [p["id"] for p in data]
    assert Client().get(f"/api/v1/budgets/{draft.pk}").status_code == 404
    assert Client().get("/api/v1/partnerships/S12999999/budgets").status_code == 404


def test_no_vote_figures_before_the_results_are_published(process):
    data = _json(f"/api/v1/budgets/{process.pk}")
    assert data["results"] is None
    titles = {p["title"]: p for p in data["projects"]}
    assert "Fictional pending idea" not in titles
    pool = titles["Fictional pool"]
    assert (pool["feasibility"], pool["reason"], pool["cost"], pool["on_ballot"]) == (
        "unfeasible",
        "Fictionally far too dear to run.",
        90,
        False,
    )
    for project in data["projects"]:
        for key in ("votes_online", "votes_paper", "votes", "funded", "funded_amount"):
            assert project[key] is None, (project["title"], key)
    assert Client().get(f"/api/v1/budgets/{process.pk}/pabulib").status_code == 404


def test_the_published_results_with_turnout_and_no_voter(process):
    ResultFactory(process=process)
    data = _json(f"/api/v1/budgets/{process.pk}")
    titles = {p["title"]: p for p in data["projects"]}
    # By hand: lights 5 paper votes (£70) funded first; benches 1 online vote (£40) does
    # not fit in the £30 left.
    lights, benches = titles["Fictional lights"], titles["Fictional benches"]
    assert (lights["votes_online"], lights["votes_paper"], lights["funded"]) == (0, 5, True)
    assert lights["funded_amount"] == 70
    assert (benches["votes_online"], benches["votes_paper"], benches["funded"]) == (1, 0, False)
    assert titles["Fictional pool"]["votes"] is None  # never on the ballot
    results = data["results"]
    assert (results["ballots"], results["ballots_online"], results["ballots_paper"]) == (6, 1, 5)
    assert (results["spent"], results["left"]) == (70, 30)
    assert "turnout_percent" in results and results["population_note"]
    text = str(data).lower()
    assert "fictional.voter" not in text and "fictional voter" not in text
    pabulib = Client().get(f"/api/v1/budgets/{process.pk}/pabulib")
    assert pabulib.status_code == 200 and pabulib["Content-Type"].startswith("text/plain")
    body = pabulib.content.decode()
    assert body.startswith("META\n") and "fictional.voter" not in body


def test_the_page_and_its_twin_give_the_same_figures(process):
    ResultFactory(process=process)
    code = process.partnership.council_area.code
    page = Client().get(f"/areas/{code}/budgets/{process.pk}/")
    data = _json(f"/api/v1/budgets/{process.pk}")
    figures = page.context["results"]
    by_id = {p["id"]: p for p in data["projects"]}
    for row in figures["projects"]:
        twin = by_id[row["id"]]
        assert (twin["votes_online"], twin["votes_paper"], twin["funded_amount"]) == (
            row["votes_online"],
            row["votes_paper"],
            row["funded_amount"],
        )
    assert data["results"]["ballots"] == figures["ballots"]


def test_an_unknown_process_is_404_with_detail():
    response = Client().get("/api/v1/budgets/999999999")
    assert response.status_code == 404 and "999999999" in response.json()["detail"]
