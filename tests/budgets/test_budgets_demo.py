"""The demonstration participatory budgeting: labelled, loaded once however often the demo
loads, the first vote's results published under greedy with its funded projects
delivered, and its ballots chosen so that the Method of Equal Shares funds other
projects; the second vote is open now, under equal shares."""

import pytest
from django.utils import timezone

from placeplan.budgets import results, selectors
from placeplan.budgets.models import Ballot, Process, Project
from placeplan.demo.budgets import budgets_demo_load
from placeplan.engagement.models import Activity

pytestmark = pytest.mark.django_db
PERTH = "S12000048"


def _demo():
    return Process.objects.filter(partnership__council_area__code=PERTH, is_demo=True)


def test_the_demo_is_labelled_and_has_a_published_vote_and_an_open_one():
    published, voting = sorted(_demo(), key=lambda p: p.results_published_at is None)
    assert all("(demonstration)" in p.title and "Demonstration" in p.purpose for p in _demo())
    assert published.results_published and published.rule == Process.Rule.GREEDY
    assert published.ballot == Process.BallotKind.KNAPSACK
    assert published.locality.name == "Perth City"
    assert voting.is_voting(timezone.localdate()) and voting.rule == Process.Rule.EQUAL_SHARES
    assert all("(demonstration)" in p.title for p in Project.objects.filter(process__in=_demo()))
    # The funded projects are delivered as improvement actions, labelled as demonstration.
    delivered = selectors.delivery(published)
    funded = [r for r in published.result.figures["projects"] if r["funded_amount"]]
    assert len(delivered) == len(funded) == 3
    assert all(p.action.is_demo for p in delivered)
    # The vote is an engagement activity of its own, labelled.
    activity = Activity.objects.get(kind=Activity.Kind.PARTICIPATORY_BUDGETING, is_demo=True)
    assert "(demonstration)" in activity.title


def test_greedy_and_equal_shares_differ_on_the_published_demo_vote():
    (process,) = [p for p in _demo() if p.results_published]
    costs = {p.pk: p.ballot_cost for p in selectors.ballot_projects(process)}
    ballots = selectors.choices(process)
    greedy = results.count(budget=process.budget, costs=costs, ballots=ballots, rule=results.GREEDY)
    shares = results.count(
        budget=process.budget, costs=costs, ballots=ballots, rule=results.EQUAL_SHARES
    )
    assert set(greedy.funded) != set(shares.funded)
    # The published (frozen) results are greedy's.
    published = {r["id"] for r in process.result.figures["projects"] if r["funded_amount"]}
    assert published == set(greedy.funded)
    names = {p.pk: p.title.removesuffix(" (demonstration)") for p in process.projects.all()}
    assert sorted(names[pk] for pk in greedy.funded) == [
        "Benches and planters on South Street",
        "Lighting the riverside path",
        "North Muirton play park",
    ]
    # Equal shares: the play park, the warm space and the music sessions paid by their
    # supporters' shares; the benches with the money left. Not the riverside path.
    assert sorted(names[pk] for pk in shares.funded) == [
        "Benches and planters on South Street",
        "North Muirton play park",
        "Warm space in Hillyland hall",
        "Youth music sessions",
    ]


def test_the_demo_loads_twice_without_duplicating():
    before = (_demo().count(), Project.objects.count(), Ballot.objects.count())
    assert budgets_demo_load() == 0
    assert (_demo().count(), Project.objects.count(), Ballot.objects.count()) == before
    assert before[0] == 2
