"""Counting a participatory budgeting vote: the votes for each project (online and paper),
the rule's winners, and why each other project was not funded.

The rules are ``pabutools``'s (the reference implementation the PB research community
uses), with satisfaction measured by cost ("cost utilities"), so that:

- **greedy** takes projects in order of votes and funds each that still fits (what CONSUL
  does): ``greedy_utilitarian_welfare`` with ``Cost_Sat``, whose welfare per pound is
  the number of votes;
- **Method of Equal Shares** gives each voter an equal share of the budget; a project is
  funded when its supporters' shares can pay for it, cheapest per supporter first; the
  money left is then spent greedily (``method_of_equal_shares`` completed by
  ``greedy_utilitarian_welfare``, as ``completion_by_rule_combination`` does).

Ties (the same votes, or the same price per supporter) are broken by the stated rule
``TIE_RULE``: the cheaper project first, then the one proposed first.

With part funding, money left when the rule has finished goes to the first project in the
rule's order that it skipped for want of money: it is funded in part. A project nobody
voted for is never funded."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from pabutools.election import (
    ApprovalMultiProfile,
    Cost_Sat,
    FrozenApprovalBallot,
    Instance,
)
from pabutools.election import (
    Project as PbProject,
)
from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares
from pabutools.tiebreaking import TieBreakingRule

TIE_RULE = "Ties are broken in favour of the cheaper project, then of the one proposed first."

GREEDY = "greedy"
EQUAL_SHARES = "equal_shares"

# Why a project was or was not funded (the results page's words).
FUNDED = "funded"
FUNDED_SHARES = "funded_shares"
FUNDED_LEFTOVER = "funded_leftover"
PART_FUNDED = "part_funded"
OVER_BUDGET = "over_budget"
LOST = "lost"
NO_SUPPORT = "no_support"
NO_VOTES = "no_votes"

REASONS = {
    FUNDED: "Funded: it had enough votes and fitted the money left.",
    FUNDED_SHARES: "Funded: its supporters' equal shares paid for it.",
    FUNDED_LEFTOVER: "Funded with the money left after equal shares, in order of votes.",
    PART_FUNDED: "Part funded with the money left.",
    OVER_BUDGET: "Not funded: it costs more than the whole budget.",
    LOST: "Not funded: projects with more votes used the money first.",
    NO_SUPPORT: "Not funded: not enough support under equal shares, and too little money "
    "was left for it.",
    NO_VOTES: "Not funded: nobody voted for it.",
}


@dataclass(frozen=True)
class Choice:
    """One ballot as the count sees it: the projects (by id) it chose, and how many
    identical ballots it stands for (a pile of paper ballots; 1 online)."""

    projects: frozenset[int]
    count: int = 1
    paper: bool = False


@dataclass
class Outcome:
    """The count: for each project (by id) its votes, the money it gets and why; voters'
    shares spent under equal shares."""

    funded: dict[int, int] = field(default_factory=dict)  # project id -> pounds
    reasons: dict[int, str] = field(default_factory=dict)
    votes_online: dict[int, int] = field(default_factory=dict)
    votes_paper: dict[int, int] = field(default_factory=dict)
    order: list[int] = field(default_factory=list)  # the order the rule funded them in
    ballots_online: int = 0
    ballots_paper: int = 0
    share_spent: list[tuple[Fraction, int]] = field(default_factory=list)  # (share, voters)

    @property
    def spent(self) -> int:
        return sum(self.funded.values())


class CostSat(Cost_Sat):
    """``pabutools``'s ``Cost_Sat`` (a project's cost if the ballot chose it, else 0), each
        ballot's satisfactions worked out once, by project name: the same numbers, without the
        generic look-up per (ballot, project), and the ballot's hash (the key of its number of
    voters) kept, not worked out again at each look-up: 20,000 ballots took seconds."""

    def __init__(self, instance, profile, ballot):
        super().__init__(instance, profile, ballot)
        self._by_name = {project.name: project.cost for project in ballot}
        self._hash = hash(ballot)  # a frozen ballot's hash, worked out once

    def __hash__(self):
        return self._hash

    def get_project_sat(self, project):
        return self._by_name.get(project.name, 0)

    def sat_project(self, project):
        return self._by_name.get(project.name, 0)

    def sat(self, projects):
        return sum(self._by_name.get(project.name, 0) for project in projects)


def _tie_key(instance, profile, project) -> tuple:
    return (project.cost, int(project.name))


TIE_BREAKING = TieBreakingRule(_tie_key)


def election(
    *, budget: int, costs: dict[int, int], ballots: list[Choice]
) -> tuple[Instance, ApprovalMultiProfile, dict[int, PbProject]]:
    """The election as ``pabutools`` holds it: projects named by their id."""
    instance = Instance(budget_limit=budget)
    projects = {pk: PbProject(str(pk), cost) for pk, cost in costs.items()}
    instance.update(projects.values())
    profile = ApprovalMultiProfile(instance=instance)
    for ballot in ballots:
        frozen = FrozenApprovalBallot([projects[pk] for pk in sorted(ballot.projects)])
        for _ in range(ballot.count):
            profile.append(frozen)
    return instance, profile, projects


def _shares_spent(details, budget: int, voters: int) -> list[tuple[Fraction, int]]:
    """How much of each voter's equal share equal shares spent: (share spent, voters),
    from ``pabutools``'s record of every voter's money before and after each project."""
    if not voters:
        return []
    share = Fraction(budget, voters)
    multiplicity = details.voter_multiplicity
    final = None
    for iteration in details.iterations:
        final = iteration.voters_budget_after_selection or iteration.voters_budget
    if final is None:
        final = [share] * len(multiplicity)
    spent: dict[Fraction, int] = {}
    for left, how_many in zip(final, multiplicity, strict=True):
        fraction = (share - Fraction(int(left.numerator), int(left.denominator))) / share
        spent[fraction] = spent.get(fraction, 0) + how_many
    return sorted(spent.items())


def count(
    *, budget: int, costs: dict[int, int], ballots: list[Choice], rule: str, part_funding=False
) -> Outcome:
    """Count the votes under ``rule`` (``GREEDY`` or ``EQUAL_SHARES``)."""
    outcome = Outcome()
    for pk in costs:
        outcome.votes_online[pk] = 0
        outcome.votes_paper[pk] = 0
    for ballot in ballots:
        tally = outcome.votes_paper if ballot.paper else outcome.votes_online
        for pk in ballot.projects:
            tally[pk] += ballot.count
        if ballot.paper:
            outcome.ballots_paper += ballot.count
        else:
            outcome.ballots_online += ballot.count
    # Only projects somebody voted for are candidates: a rule never funds one nobody chose.
    voted = {
        pk: cost for pk, cost in costs.items() if outcome.votes_online[pk] + outcome.votes_paper[pk]
    }
    instance, profile, projects = election(budget=budget, costs=voted, ballots=ballots)
    by_name = {str(pk): pk for pk in projects}
    if rule == EQUAL_SHARES:
        shares = method_of_equal_shares(
            instance, profile, sat_class=CostSat, tie_breaking=TIE_BREAKING, analytics=True
        )
        chosen = greedy_utilitarian_welfare(
            instance,
            profile,
            sat_class=CostSat,
            tie_breaking=TIE_BREAKING,
            initial_budget_allocation=list(shares),
        )
        by_shares = {by_name[p.name] for p in shares}
        outcome.share_spent = _shares_spent(shares.details, budget, profile.num_ballots())
    else:
        chosen = greedy_utilitarian_welfare(
            instance, profile, sat_class=CostSat, tie_breaking=TIE_BREAKING
        )
        by_shares = set()
    for project in chosen:
        pk = by_name[project.name]
        outcome.order.append(pk)
        outcome.funded[pk] = costs[pk]
        if rule == EQUAL_SHARES:
            outcome.reasons[pk] = FUNDED_SHARES if pk in by_shares else FUNDED_LEFTOVER
        else:
            outcome.reasons[pk] = FUNDED
    left = budget - outcome.spent
    # The rest, in order of votes (ties: TIE_RULE): the order part funding follows.
    rest = sorted(
        (pk for pk in costs if pk not in outcome.funded),
        key=lambda pk: (-(outcome.votes_online[pk] + outcome.votes_paper[pk]), costs[pk], pk),
    )
    for pk in rest:
        votes = outcome.votes_online[pk] + outcome.votes_paper[pk]
        if part_funding and left > 0 and votes > 0 and costs[pk] <= budget:
            outcome.funded[pk] = left
            outcome.reasons[pk] = PART_FUNDED
            outcome.order.append(pk)
            left = 0
        elif votes == 0:
            outcome.reasons[pk] = NO_VOTES
        elif costs[pk] > budget:
            outcome.reasons[pk] = OVER_BUDGET
        else:
            outcome.reasons[pk] = NO_SUPPORT if rule == EQUAL_SHARES else LOST
    return outcome
