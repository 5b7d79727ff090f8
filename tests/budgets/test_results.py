"""Counting: greedy and the Method of Equal Shares on small elections worked by hand,
ties broken by the stated rule, part funding, paper piles counted in full, voters' shares
spent; and, on random elections (Hypothesis), the same winners as ``pabutools``'s own
``completion_by_rule_combination`` and ``greedy_utilitarian_welfare``."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st
from pabutools.election import Cost_Sat
from pabutools.rules import (
    completion_by_rule_combination,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
)

from placeplan.budgets import results
from placeplan.budgets.results import Choice, count

C = Choice


def test_greedy_funds_in_order_of_votes_skipping_what_does_not_fit():
    # Budget 100. A (60) 3 votes, B (50) 2 votes, C (40) 1 vote.
    # By hand: A first (40 left); B costs 50 > 40, skipped; C 40 fits (0 left).
    ballots = [C(frozenset({1, 2})), C(frozenset({1, 2})), C(frozenset({1, 3}))]
    outcome = count(budget=100, costs={1: 60, 2: 50, 3: 40}, ballots=ballots, rule="greedy")
    assert outcome.funded == {1: 60, 3: 40}
    assert outcome.order == [1, 3]
    assert outcome.reasons[2] == results.LOST
    assert (outcome.votes_online[1], outcome.votes_online[2], outcome.votes_online[3]) == (3, 2, 1)


def test_ties_go_to_the_cheaper_project_then_the_one_proposed_first():
    # 1 and 2 have 2 votes each; 2 is cheaper: 2 first (50 left), then 1 (60) does not fit,
    # then 3 (40) does. Then 4 and 5: same votes, same cost: 4 (proposed first) wins.
    ballots = [C(frozenset({1, 2}))] * 2 + [C(frozenset({3}))]
    outcome = count(budget=100, costs={1: 60, 2: 50, 3: 40}, ballots=ballots, rule="greedy")
    assert outcome.order == [2, 3]
    tied = count(budget=50, costs={5: 50, 4: 50}, ballots=[C(frozenset({4, 5}))], rule="greedy")
    assert tied.funded == {4: 50}


def test_equal_shares_funds_what_each_group_of_voters_can_pay_for():
    # Budget 120, 6 voters: share 20 each. Four back X (80) and Y (40); two back Z (40).
    # By hand: X costs 80 / 4 supporters = 20 each: affordable (price 20 a head);
    # Y 40 / 4 = 10 each, but after X the four have nothing left; Z 40 / 2 = 20 each:
    # affordable. Y (10 a head) goes first, then X needs 80 from four with 10 left each:
    # not affordable; Z: the two pay 20 each. Equal shares funds Y and Z (80), then greedy
    # with the 40 left, in order of votes: X (80) does not fit.
    ballots = [C(frozenset({1, 2}))] * 4 + [C(frozenset({3}))] * 2
    costs = {1: 80, 2: 40, 3: 40}
    shares = count(budget=120, costs=costs, ballots=ballots, rule="equal_shares")
    assert shares.funded == {2: 40, 3: 40}
    assert shares.reasons[2] == shares.reasons[3] == results.FUNDED_SHARES
    assert shares.reasons[1] == results.NO_SUPPORT
    # Greedy gives the majority everything: X (4 votes) then Y (4 votes, cheaper first).
    greedy = count(budget=120, costs=costs, ballots=ballots, rule="greedy")
    assert greedy.funded == {2: 40, 1: 80}
    # Shares spent: the four paid 10 each of 20 (half); the two paid all 20.
    assert shares.share_spent == [(Fraction(1, 2), 4), (Fraction(1), 2)]


def test_equal_shares_is_completed_greedily_with_the_money_left():
    # Budget 100, 2 voters (50 each). One backs A (60), the other B (30).
    # By hand: A needs 60 from one voter with 50: not affordable; B 30 from its voter: yes.
    # 70 left: greedy in order of votes (both 1: the cheaper, B, is funded): A (60) fits.
    ballots = [C(frozenset({1})), C(frozenset({2}))]
    outcome = count(budget=100, costs={1: 60, 2: 30}, ballots=ballots, rule="equal_shares")
    assert outcome.funded == {2: 30, 1: 60}
    assert outcome.reasons == {2: results.FUNDED_SHARES, 1: results.FUNDED_LEFTOVER}


def test_part_funding_gives_the_money_left_to_the_next_project_by_votes():
    # Budget 100: A (70) 3 votes funded; B (50) 2 votes does not fit 30: part funded 30.
    ballots = [C(frozenset({1, 2}))] * 2 + [C(frozenset({1, 3}))]
    costs = {1: 70, 2: 50, 3: 40}
    whole = count(budget=100, costs=costs, ballots=ballots, rule="greedy")
    assert whole.funded == {1: 70} and whole.spent == 70
    part = count(budget=100, costs=costs, ballots=ballots, rule="greedy", part_funding=True)
    assert part.funded == {1: 70, 2: 30}
    assert part.reasons[2] == results.PART_FUNDED and part.reasons[3] == results.LOST
    assert part.spent == 100


def test_paper_piles_count_in_full_and_apart_from_online_votes():
    ballots = [C(frozenset({1})), C(frozenset({2}), count=5, paper=True)]
    outcome = count(budget=50, costs={1: 50, 2: 50}, ballots=ballots, rule="greedy")
    assert (outcome.votes_online[2], outcome.votes_paper[2]) == (0, 5)
    assert (outcome.ballots_online, outcome.ballots_paper) == (1, 5)
    assert outcome.funded == {2: 50}


def test_reasons_for_projects_nobody_chose_or_too_dear():
    outcome = count(
        budget=100, costs={1: 100, 2: 150, 3: 10}, ballots=[C(frozenset({1, 2}))], rule="greedy"
    )
    assert outcome.reasons == {1: results.FUNDED, 2: results.OVER_BUDGET, 3: results.NO_VOTES}


elections = st.integers(min_value=2, max_value=7).flatmap(
    lambda n: st.tuples(
        st.integers(min_value=50, max_value=400),
        st.lists(st.integers(min_value=5, max_value=200), min_size=n, max_size=n),
        st.lists(
            st.frozensets(st.integers(min_value=1, max_value=n), min_size=1),
            min_size=1,
            max_size=25,
        ),
    )
)


@settings(max_examples=150, deadline=None)
@given(elections)
def test_the_winners_are_pabutools_own(election):
    budget, cost_list, ballot_sets = election
    costs = {i + 1: cost for i, cost in enumerate(cost_list)}
    ballots = [C(b) for b in ballot_sets]
    chosen = set().union(*ballot_sets)
    voted = {pk: cost for pk, cost in costs.items() if pk in chosen}
    instance, profile, _ = results.election(budget=budget, costs=voted, ballots=ballots)
    tie = results.TIE_BREAKING
    mes = completion_by_rule_combination(
        instance,
        profile,
        [method_of_equal_shares, greedy_utilitarian_welfare],
        [
            {"sat_class": Cost_Sat, "tie_breaking": tie},
            {"sat_class": Cost_Sat, "tie_breaking": tie},
        ],
    )
    greedy = greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat, tie_breaking=tie)
    ours_mes = count(budget=budget, costs=costs, ballots=ballots, rule="equal_shares")
    ours_greedy = count(budget=budget, costs=costs, ballots=ballots, rule="greedy")
    assert set(ours_mes.funded) == {int(p.name) for p in mes}
    assert set(ours_greedy.funded) == {int(p.name) for p in greedy}
    assert ours_mes.spent <= budget and ours_greedy.spent <= budget
    # Greedy by hand: in order of votes (ties: cheaper, then lower id), each that fits.
    votes = {pk: sum(pk in b for b in ballot_sets) for pk in costs}
    left, by_hand = budget, set()
    for pk in sorted(costs, key=lambda pk: (-votes[pk], costs[pk], pk)):
        if votes[pk] and costs[pk] <= left:
            by_hand.add(pk)
            left -= costs[pk]
    assert set(ours_greedy.funded) == by_hand
