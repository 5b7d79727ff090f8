"""Participatory budgeting's rules: phases from the dates; ballot rules frozen once voting
opens; proposals moderated then reviewed (feasible or not with a public reason, cost
adjusted with a note, duplicates merged), and the ballot fixed once voting opens;
knapsack and approval ballots checked; one ballot per resident, per code; codes kept
hashed and single-use; paper piles in every total and in the turnout; results counted by
the chosen rule, frozen when published, the vote recorded as engagement with its "we did";
funded projects delivered as improvement actions; the Pabulib file passes
``pabulib-checker`` and gives the same winners when ``pabutools`` reads it back.

Everything is fictional (tests/factories/), with fixed dates."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from pabulib import Checker
from pabutools.election import Cost_Sat
from pabutools.election.pabulib import parse_pabulib_from_string
from pabutools.rules import greedy_utilitarian_welfare

from placeplan.budgets import contributions, pabulib, results, selectors, services
from placeplan.budgets.models import Ballot, Feasibility, Phase, Process, VotingCode
from placeplan.delivery.models import ImprovementAction
from placeplan.engagement.models import Activity
from placeplan.residents.moderation import Moderation
from tests.factories import (
    AFTER_VOTING,
    PROPOSALS_DAY,
    REVIEW_DAY,
    VOTING_DAY,
    BallotFactory,
    BodyFactory,
    PartnerFactory,
    ProcessFactory,
    ProjectFactory,
    UserFactory,
    VotingCodeFactory,
    verified_resident,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def process():
    return ProcessFactory(budget=100)


def _projects(process, *costs):
    return [ProjectFactory(process=process, cost=cost) for cost in costs]


# -- phases and frozen rules -----------------------------------------------------------


def test_the_phase_follows_the_dates_then_the_results(process):
    assert process.phase(D(2026, 1, 1)) == Phase.UPCOMING
    assert process.phase(PROPOSALS_DAY) == Phase.PROPOSALS
    assert process.phase(REVIEW_DAY) == Phase.REVIEW
    assert process.phase(VOTING_DAY) == Phase.VOTING
    assert process.phase(AFTER_VOTING) == Phase.COUNTING
    project = ProjectFactory(process=process, cost=50)
    BallotFactory(process=process, voter=verified_resident(), projects=[project])
    services.results_publish(process=process, user=None, today=AFTER_VOTING)
    process.refresh_from_db()
    assert process.phase(AFTER_VOTING) == Phase.RESULTS


def test_phases_must_follow_one_another():
    with pytest.raises(ValidationError) as refused:
        ProcessFactory(voting_open=D(2026, 1, 20), voting_close=D(2026, 1, 10))
    assert set(refused.value.message_dict) == {"voting_open", "voting_close"}


def test_ballot_rules_can_change_before_voting_and_are_frozen_once_it_opens(process):
    process.budget = 200
    services.process_save(process=process, today=REVIEW_DAY)
    process.refresh_from_db()
    assert process.budget == 200
    process.rule = Process.Rule.EQUAL_SHARES
    process.part_funding = True
    with pytest.raises(ValidationError) as refused:
        services.process_save(process=process, today=VOTING_DAY)
    assert set(refused.value.message_dict) == {"rule", "part_funding"}
    assert "cannot change now" in refused.value.message_dict["rule"][0]
    process.refresh_from_db()
    assert (process.rule, process.part_funding) == (Process.Rule.GREEDY, False)
    # What is not a rule may still change: the purpose, the closing date.
    process.purpose = "A fictional purpose, clarified."
    process.voting_close = D(2026, 4, 5)
    services.process_save(process=process, today=VOTING_DAY)


def test_a_ballot_cast_early_freezes_the_rules_too(process):
    BallotFactory(process=process, voter=verified_resident())
    process.budget = 300
    with pytest.raises(ValidationError):
        services.process_save(process=process, today=REVIEW_DAY)


def test_settings_are_checked_together():
    with pytest.raises(ValidationError) as refused:
        ProcessFactory(
            ballot=Process.BallotKind.APPROVAL,
            max_choices=None,
            min_spend_percent=20,
            min_cost=500,
            max_cost=100,
            residents_vote=False,
            codes_vote=False,
        )
    assert set(refused.value.message_dict) == {
        "max_choices",
        "min_spend_percent",
        "max_cost",
        "residents_vote",
    }


# -- proposals, moderation and review ----------------------------------------------------


def test_a_resident_proposes_during_the_proposals_phase_and_it_waits_for_moderation(process):
    resident = verified_resident()
    project = services.project_propose(
        process=process, user=resident, title="Fictional benches", description="Six benches.",
        cost=30, today=PROPOSALS_DAY,
    )  # fmt: skip
    assert project.status == Moderation.PENDING
    assert project not in selectors.published_projects(process)
    with pytest.raises(ValidationError):
        services.project_propose(
            process=process, user=resident, title="Late", description="Too late.", cost=30,
            today=REVIEW_DAY,
        )  # fmt: skip


def test_proposals_are_checked_against_the_process(process):
    process.min_cost, process.max_cost = 10, 80
    services.process_save(process=process, today=PROPOSALS_DAY)
    with pytest.raises(ValidationError) as refused:
        services.project_propose(
            process=process, user=verified_resident(), title=" ", description="",
            cost=90, today=PROPOSALS_DAY,
        )  # fmt: skip
    assert set(refused.value.message_dict) == {"title", "description", "cost"}
    assert "at most £80" in refused.value.message_dict["cost"][0]


def test_an_unverified_resident_cannot_propose(process):
    from tests.factories import ResidentFactory

    unverified = ResidentFactory(verified=False).user
    with pytest.raises(ValidationError):
        services.project_propose(
            process=process, user=unverified, title="X", description="Y", cost=10,
            today=PROPOSALS_DAY,
        )  # fmt: skip


def test_moderation_publishes_or_rejects_with_a_reason(process):
    moderator = UserFactory()
    resident = verified_resident()
    kept = ProjectFactory(process=process, proposer=resident, status=Moderation.PENDING,
                          feasibility=Feasibility.UNREVIEWED, feasibility_reason="")  # fmt: skip
    dropped = ProjectFactory(process=process, proposer=resident, status=Moderation.PENDING,
                             feasibility=Feasibility.UNREVIEWED, feasibility_reason="")  # fmt: skip
    services.project_approve(project=kept, moderator=moderator, today=PROPOSALS_DAY)
    with pytest.raises(ValidationError):
        services.project_reject(project=dropped, moderator=moderator, reason=" ")
    services.project_reject(project=dropped, moderator=moderator, reason="Fictional abuse.")
    assert set(selectors.published_projects(process)) == {kept}
    with pytest.raises(ValidationError):  # decided already
        services.project_approve(project=dropped, moderator=moderator, today=PROPOSALS_DAY)


def test_review_marks_feasibility_with_a_reason_and_adjusts_the_cost_with_a_note(process):
    project = ProjectFactory(process=process, cost=40, feasibility=Feasibility.UNREVIEWED,
                             feasibility_reason="")  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.project_review(
            project=project, feasibility=Feasibility.FEASIBLE, reason="", adjusted_cost=55,
            today=REVIEW_DAY,
        )  # fmt: skip
    assert set(refused.value.message_dict) == {"feasibility_reason", "cost_note"}
    process.max_cost = 50
    services.process_save(process=process, today=REVIEW_DAY)
    with pytest.raises(ValidationError) as refused:
        services.project_review(
            project=project, feasibility=Feasibility.FEASIBLE, reason="Fine.", adjusted_cost=55,
            cost_note="Dearer.", today=REVIEW_DAY,
        )  # fmt: skip
    assert "at most £50" in refused.value.message_dict["adjusted_cost"][0]
    process.max_cost = None
    services.process_save(process=process, today=REVIEW_DAY)
    services.project_review(
        project=project, feasibility=Feasibility.FEASIBLE, reason="The council can do it.",
        adjusted_cost=55, cost_note="Fictional surfacing costs more.", today=REVIEW_DAY,
    )  # fmt: skip
    project.refresh_from_db()
    assert project.ballot_cost == 55 and project.on_ballot
    assert selectors.ballot_projects(process) == [project]
    # Once voting opens the ballot is fixed.
    with pytest.raises(ValidationError):
        services.project_review(
            project=project, feasibility=Feasibility.UNFEASIBLE, reason="Changed our mind.",
            today=VOTING_DAY,
        )  # fmt: skip


def test_a_duplicate_is_merged_and_leaves_the_ballot(process):
    kept, duplicate = _projects(process, 40, 45)
    services.project_merge(project=duplicate, into=kept, today=REVIEW_DAY)
    duplicate.refresh_from_db()
    assert duplicate.feasibility == Feasibility.MERGED and duplicate.merged_into == kept
    assert selectors.ballot_projects(process) == [kept]
    with pytest.raises(ValidationError):
        services.project_merge(project=kept, into=duplicate, today=REVIEW_DAY)
    # Merging the kept one on: its duplicate follows it, so merges never chain.
    (third,) = _projects(process, 50)
    services.project_merge(project=kept, into=third, today=REVIEW_DAY)
    duplicate.refresh_from_db()
    assert duplicate.merged_into == third
    assert selectors.ballot_projects(process) == [third]


def test_staff_enter_a_proposal_for_a_group_published_at_once(process):
    project = services.project_enter(
        process=process, user=UserFactory(), title="Fictional play park", description="Swings.",
        cost=60, on_behalf_of="Fictional Parents Group", today=REVIEW_DAY,
    )  # fmt: skip
    assert project.status == Moderation.APPROVED and project.proposer is None


# -- ballots -------------------------------------------------------------------------------


def test_a_knapsack_ballot_must_fit_the_budget_and_spend_the_minimum_share(process):
    a, b, c = _projects(process, 60, 50, 30)
    assert services.ballot_problems(process, [a, c]) == []
    assert "more than the budget" in services.ballot_problems(process, [a, b])[0]
    assert services.ballot_problems(process, []) == ["Choose at least one project."]
    process.min_spend_percent = 50
    services.process_save(process=process, today=REVIEW_DAY)
    assert "at least 50% of the budget (£50)" in services.ballot_problems(process, [c])[0]


def test_an_approval_ballot_chooses_up_to_k_projects_of_its_own_ballot():
    process = ProcessFactory(ballot=Process.BallotKind.APPROVAL, max_choices=2)
    a, b, c = _projects(process, 60, 50, 30)
    stranger = ProjectFactory()
    assert services.ballot_problems(process, [a, b]) == []  # costs need not fit
    assert services.ballot_problems(process, [a, b, c]) == ["Choose at most 2 projects."]
    assert services.ballot_problems(process, [stranger]) == ["Choose only projects on this ballot."]


def test_one_ballot_per_resident_who_declares_and_may_change_it(process):
    a, b, c = _projects(process, 60, 40, 30)
    resident = verified_resident()
    with pytest.raises(ValidationError) as refused:
        services.ballot_cast(process=process, projects=[a], user=resident, today=VOTING_DAY)
    assert "declared" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.ballot_cast(
            process=process, projects=[a], user=resident, today=REVIEW_DAY, declared=True
        )
    services.ballot_cast(process=process, projects=[a, b], user=resident, today=VOTING_DAY,
                         declared=True)  # fmt: skip
    with pytest.raises(services.AlreadyVoted):
        services.ballot_cast(process=process, projects=[c], user=resident, today=VOTING_DAY,
                             declared=True)  # fmt: skip
    services.ballot_change(process=process, user=resident, projects=[c], today=VOTING_DAY)
    ballot = selectors.ballot_of(process=process, user=resident)
    assert list(ballot.projects.all()) == [c]
    resident.is_active = False  # a deactivated account changes nothing
    resident.save()
    with pytest.raises(ValidationError):
        services.ballot_change(process=process, user=resident, projects=[a], today=VOTING_DAY)
    assert Ballot.objects.filter(process=process).count() == 1


def test_a_ballot_cannot_change_when_the_process_says_so(process):
    process.may_change_ballot = False
    services.process_save(process=process, today=REVIEW_DAY)
    (a,) = _projects(process, 60)
    resident = verified_resident()
    services.ballot_cast(process=process, projects=[a], user=resident, today=VOTING_DAY,
                         declared=True)  # fmt: skip
    with pytest.raises(ValidationError):
        services.ballot_change(process=process, user=resident, projects=[a], today=VOTING_DAY)


def test_the_database_holds_one_ballot_per_voter():
    from django.db import IntegrityError, transaction

    process = ProcessFactory()
    resident = verified_resident()
    BallotFactory(process=process, voter=resident)
    with pytest.raises(IntegrityError), transaction.atomic():
        BallotFactory(process=process, voter=resident)


def test_codes_are_kept_hashed_and_vote_once():
    process = ProcessFactory(codes_vote=True)
    (a,) = _projects(process, 60)
    codes = services.codes_generate(process=process, number=3, batch="Fictional gala", user=None)
    assert len(set(codes)) == 3 and all(len(code) == 11 for code in codes)
    stored = set(VotingCode.objects.filter(process=process).values_list("digest", flat=True))
    assert not any(code.replace("-", "") in digest for code in codes for digest in stored)
    assert services.code_digest(process.pk, codes[0]) in stored
    services.ballot_cast(process=process, projects=[a], code=codes[0].lower(), today=VOTING_DAY)
    with pytest.raises(services.AlreadyVoted):
        services.ballot_cast(process=process, projects=[a], code=codes[0], today=VOTING_DAY)
    with pytest.raises(ValidationError):
        services.ballot_cast(process=process, projects=[a], code="NOT-A-CODE", today=VOTING_DAY)
    assert selectors.codes_summary(process) == [{"batch": "Fictional gala", "issued": 3, "used": 1}]


def test_a_code_of_another_process_does_not_vote():
    VotingCodeFactory(code="FICTIONAL01")
    other = ProcessFactory(codes_vote=True)
    (a,) = _projects(other, 60)
    with pytest.raises(ValidationError):
        services.ballot_cast(process=other, projects=[a], code="FICTIONAL01", today=VOTING_DAY)


# -- paper ballots, results and turnout ---------------------------------------------------


def test_paper_piles_are_in_every_total_and_in_the_turnout(process):
    a, b = _projects(process, 60, 50)
    BallotFactory(process=process, voter=verified_resident(), projects=[a])
    services.paper_enter(process=process, projects=[b], count=3, event="Fictional hall",
                         user=None, today=VOTING_DAY)  # fmt: skip
    figures = selectors.results_figures(process)
    rows = {row["id"]: row for row in figures["projects"]}
    assert (rows[b.pk]["votes_online"], rows[b.pk]["votes_paper"], rows[b.pk]["votes"]) == (0, 3, 3)
    assert rows[b.pk]["funded"] and not rows[a.pk]["funded"]
    assert rows[a.pk]["reason"] == results.LOST
    assert (figures["ballots"], figures["ballots_online"], figures["ballots_paper"]) == (4, 1, 3)
    with pytest.raises(ValidationError) as refused:
        services.paper_enter(process=process, projects=[a, b], count=0, event="",
                             user=None, today=VOTING_DAY)  # fmt: skip
    assert set(refused.value.message_dict) == {"count", "event", "projects"}


def test_turnout_is_ballots_over_the_areas_population(process):
    people = selectors.population(process)
    BallotFactory(process=process, voter=verified_resident())
    figures = selectors.turnout(process)
    assert figures["population"] == people
    if people:
        assert figures["turnout_percent"] == round(100 / people, 2)


def test_results_are_published_once_after_voting_and_frozen(process):
    a, b = _projects(process, 60, 50)
    BallotFactory(process=process, voter=verified_resident(), projects=[a])
    with pytest.raises(ValidationError):
        services.results_publish(process=process, user=None, today=VOTING_DAY)
    result = services.results_publish(process=process, user=None, today=AFTER_VOTING)
    assert selectors.published_results(process) == result.figures
    assert [row["funded_amount"] for row in result.figures["projects"]] == [60, 0]
    # Frozen: no paper ballots, no second publication, no change to the process.
    with pytest.raises(ValidationError):
        services.paper_enter(process=process, projects=[b], count=9, event="Late",
                             user=None, today=AFTER_VOTING)  # fmt: skip
    with pytest.raises(ValidationError):
        services.results_publish(process=process, user=None, today=AFTER_VOTING)
    process.refresh_from_db()
    process.purpose = "Rewritten after the vote."
    with pytest.raises(ValidationError):
        services.process_save(process=process, today=AFTER_VOTING)


def test_no_counts_before_publication(process):
    assert selectors.published_results(process) is None


def test_publishing_records_the_vote_as_engagement_with_what_was_done(process):
    a, b = _projects(process, 60, 50)
    for _ in range(2):
        BallotFactory(process=process, voter=verified_resident(), projects=[a])
    services.results_publish(process=process, user=None, today=AFTER_VOTING)
    activity = Activity.objects.get(partnership=process.partnership, kind="pb_vote")
    assert activity.participants == 2 and activity.is_published
    (theme,) = activity.themes.all()
    assert (theme.title, theme.raised_by) == (a.title, 2)
    assert theme.has_response and "Funded £60" in theme.we_did


def test_a_funded_project_becomes_an_improvement_action(process):
    a, b = _projects(process, 60, 50)
    BallotFactory(process=process, voter=verified_resident(), projects=[a])
    services.results_publish(process=process, user=None, today=AFTER_VOTING)
    body = BodyFactory(partnership=process.partnership)
    partner = PartnerFactory(partnership=process.partnership)
    action = services.project_deliver(
        project=a, accountable_partner=partner, responsible_body=body, due=D(2026, 12, 31),
        today=AFTER_VOTING,
    )  # fmt: skip
    assert action.source == ImprovementAction.Source.PARTICIPATORY_BUDGETING
    assert "Funded £60" in action.improvement
    assert selectors.delivery(process) == [a]
    process.refresh_from_db()
    assert process.phase(AFTER_VOTING) == Phase.DELIVERY
    with pytest.raises(ValidationError):  # b was not funded
        services.project_deliver(
            project=b, accountable_partner=partner, responsible_body=body,
            due=D(2026, 12, 31), today=AFTER_VOTING,
        )  # fmt: skip


# -- Pabulib -------------------------------------------------------------------------------


def _published(rule, part_funding=False):
    process = ProcessFactory(budget=120, rule=rule, part_funding=part_funding)
    x, y, z = (ProjectFactory(process=process, cost=c) for c in (80, 40, 40))
    for _ in range(4):
        BallotFactory(process=process, voter=verified_resident(), projects=[x, y])
    services.paper_enter(process=process, projects=[z], count=2, event="Fictional hall",
                         user=None, today=VOTING_DAY)  # fmt: skip
    services.results_publish(process=process, user=None, today=AFTER_VOTING)
    process.refresh_from_db()
    return process, (x, y, z)


def _checked(text: str) -> dict:
    """``pabulib-checker``'s errors and warnings for one file."""
    checked = Checker().process_files([text])
    report = next(value for key, value in checked.items() if key not in ("metadata", "summary"))
    return report["results"]


@pytest.mark.parametrize("rule", [Process.Rule.GREEDY, Process.Rule.EQUAL_SHARES])
def test_the_pabulib_file_passes_the_checker_and_recomputes_the_winners(rule):
    process, (x, y, z) = _published(rule)
    text = pabulib.export(process)
    assert _checked(text) == {"errors": {}, "warnings": {}}
    # The checker recomputes the rule: a file claiming another winner fails it.
    loser = next(row for row in process.result.figures["projects"] if not row["funded"])
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{loser['id']};"))
    cells = lines[at].split(";")
    cells[4] = "1"
    lines[at] = ";".join(cells)
    assert any("rule not followed" in key for key in _checked("\n".join(lines) + "\n")["errors"])
    instance, profile = parse_pabulib_from_string(text)
    assert instance.budget_limit == 120 and profile.num_ballots() == 6
    winners = {row["id"] for row in process.result.figures["projects"] if row["funded"]}
    if rule == Process.Rule.GREEDY:
        assert winners == {x.pk, y.pk}
        recomputed = greedy_utilitarian_welfare(
            instance, profile, sat_class=Cost_Sat, tie_breaking=results.TIE_BREAKING
        )
        assert {int(p.name) for p in recomputed} == winners
    else:
        assert winners == {y.pk, z.pk}
        ballots = [results.Choice(frozenset(int(p.name) for p in ballot)) for ballot in profile]
        costs = {int(p.name): int(p.cost) for p in instance}
        again = results.count(budget=120, costs=costs, ballots=ballots, rule="equal_shares")
        assert set(again.funded) == winners


# -- what needs people, personal data -----------------------------------------------------


def test_runners_are_asked_to_moderate_and_to_publish(process):
    from tests.factories import user_with_role

    officer = user_with_role("support_officer", council_code=process.partnership.council_area.code)
    ProjectFactory(process=process, status=Moderation.PENDING,
                   feasibility=Feasibility.UNREVIEWED, feasibility_reason="")  # fmt: skip
    texts = [need.text for need in contributions.waiting(officer, AFTER_VOTING)]
    assert any("Moderate 1 project idea " in text for text in texts)
    assert any("Publish the results" in text for text in texts)
    assert contributions.waiting(UserFactory(), AFTER_VOTING) == []


def test_a_residents_ideas_and_ballots_are_in_their_download(process):
    resident = verified_resident()
    (a,) = _projects(process, 60)
    services.project_propose(process=process, user=resident, title="Fictional idea",
                             description="Fictional.", cost=20, today=PROPOSALS_DAY)  # fmt: skip
    BallotFactory(process=process, voter=resident, projects=[a])
    kinds = [item["kind"] for item in contributions.resident_data(resident)]
    assert sorted(kinds) == ["ballot", "project idea"]


def test_the_running_total_and_the_proposal_counts_by_hand(process):
    a, b = _projects(process, 60, 50)
    assert selectors.ballot_total(process, [a]) == {"total": 60, "left": 40, "over": 0}
    assert selectors.ballot_total(process, [a, b]) == {"total": 110, "left": 0, "over": 10}
    ProjectFactory(process=process, status=Moderation.PENDING,
                   feasibility=Feasibility.UNREVIEWED, feasibility_reason="")  # fmt: skip
    counts = selectors.proposal_counts(process)
    assert counts == {"moderation": {"approved": 2, "pending": 1}, "review": {"feasible": 2}}
    BallotFactory(process=process, voter=verified_resident(), projects=[a])
    services.paper_enter(process=process, projects=[b], count=4, event="Fictional hall",
                         user=None, today=VOTING_DAY)  # fmt: skip
    assert selectors.ballots_cast(process) == (1, 4)
