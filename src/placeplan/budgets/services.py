"""Writes to participatory budgeting: processes and their ballot rules, proposals (moderated
and reviewed), voting codes, ballots online and on paper, published results and the
funded projects' delivery. Every write goes through here, checked, in one transaction;
processes, proposals and results are in the audit history (ballots are secret: none)."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from placeplan.budgets import selectors
from placeplan.budgets.models import Ballot, Feasibility, Process, Project, Result, VotingCode
from placeplan.core.numbers import number_text, pounds_text
from placeplan.delivery.models import ImprovementAction
from placeplan.delivery.services import action_save
from placeplan.engagement.models import Activity, Theme
from placeplan.engagement.services import activity_save, theme_save
from placeplan.residents.moderation import Moderation, decide, pending_locked, tell_proposer
from placeplan.residents.selectors import may_contribute

# The ballot rules: frozen once voting opens (or a ballot is cast).
RULE_FIELDS = (
    "budget",
    "min_cost",
    "max_cost",
    "ballot",
    "max_choices",
    "min_spend_percent",
    "rule",
    "part_funding",
    "residents_vote",
    "codes_vote",
    "min_age",
    "may_change_ballot",
    "voting_open",
)
FROZEN = (
    "Voting has opened: the ballot rules (budget, costs, ballot, rule, part funding, who may "
    "vote) cannot change now, so every vote is counted under the rules it was cast under."
)
ALREADY_VOTED = "A ballot has already been cast: you cannot vote twice in this process."
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off paper
CODE_LENGTH = 10
CODES_AT_ONCE = 2000
DESCRIPTION_MAX = 3000


class AlreadyVoted(ValidationError):
    """The voter (or code) has a ballot in this process already."""


def rules_frozen(process: Process, today: datetime.date) -> bool:
    """Whether voting has opened (or anyone has voted): the ballot rules are fixed."""
    return bool(process.pk) and (
        today >= Process.objects.get(pk=process.pk).voting_open or process.ballots.exists()
    )


def _process_problems(process: Process, communities) -> dict[str, str]:
    problems = {}
    partnership_id = process.partnership_id
    if process.body_id and process.body.partnership_id != partnership_id:
        problems["body"] = f"Choose one of this partnership's own bodies: {process.body} is not."
    if process.locality_id and process.locality.partnership_id != partnership_id:
        problems["locality"] = (
            f"Choose one of this partnership's localities: {process.locality} is not."
        )
    council = process.partnership.council_area
    if communities:
        if process.locality_id:
            problems["communities"] = "Choose a locality or communities, not both."
        strangers = [a.name for a in communities if a.council_area_id != council.pk]
        if strangers:
            problems["communities"] = f"Not communities of {council.name}: {', '.join(strangers)}."
    if process.budget is not None and process.budget <= 0:
        problems["budget"] = "Enter a budget of at least £1."
    if (
        process.min_cost is not None
        and process.max_cost is not None
        and process.min_cost > process.max_cost
    ):
        problems["max_cost"] = "The largest cost must be at least the smallest."
    if process.max_cost is not None and process.budget and process.max_cost > process.budget:
        problems["max_cost"] = "The largest cost of a project cannot exceed the whole budget."
    if process.ballot == Process.BallotKind.APPROVAL:
        if not process.max_choices:
            problems["max_choices"] = "Say how many projects a voter may choose (1 or more)."
    elif process.max_choices:
        problems["max_choices"] = "Only an approval ballot has a most number of projects."
    if process.ballot == Process.BallotKind.APPROVAL and process.min_spend_percent:
        problems["min_spend_percent"] = "Only a knapsack ballot has a smallest share to spend."
    if process.min_spend_percent > 100:
        problems["min_spend_percent"] = "Enter a share from 0 to 100%."
    if not (process.residents_vote or process.codes_vote):
        problems["residents_vote"] = "Say who may vote: residents, code holders or both."
    dates = (process.proposals_open, process.proposals_close, process.voting_open)
    if all(dates) and process.voting_close:
        if process.proposals_close < process.proposals_open:
            problems["proposals_close"] = "Proposals must close on or after they open."
        if process.voting_open <= process.proposals_close:
            problems["voting_open"] = "Voting must open after proposals close (review between)."
        if process.voting_close < process.voting_open:
            problems["voting_close"] = "Voting must close on or after it opens."
    return problems


@transaction.atomic
def process_save(*, process: Process, today: datetime.date, communities=None) -> Process:
    """Create or change a process. Its ballot rules are refused once voting has opened;
    results, once published, are frozen, and the process with them."""
    if process.pk:
        stored = Process.objects.select_for_update().get(pk=process.pk)
        if stored.results_published:
            raise ValidationError("The results are published: the process is frozen.")
        if rules_frozen(stored, today):
            changed = [f for f in RULE_FIELDS if getattr(stored, f) != getattr(process, f)]
            if changed:
                raise ValidationError(dict.fromkeys(changed, FROZEN))
    # None leaves a saved process's communities as they are (and checks them).
    chosen = (
        list(communities)
        if communities is not None
        else (list(process.communities.all()) if process.pk else [])
    )
    problems = _process_problems(process, chosen)
    if problems:
        raise ValidationError(problems)
    process.full_clean(exclude=["communities"])
    process.save()
    if communities is not None:
        process.communities.set(chosen)
    return process


@transaction.atomic
def process_publish(*, process: Process) -> Process:
    process = Process.objects.select_for_update().get(pk=process.pk)
    process.status = Process.Status.PUBLISHED
    process.save(update_fields=["status", "updated_at"])
    return process


def _project_problems(process: Process, title, description, cost, community) -> dict:
    problems = {}
    if not (title or "").strip():
        problems["title"] = "Enter a title for the project."
    if not (description or "").strip():
        problems["description"] = "Say what the project would do."
    elif len(description) > DESCRIPTION_MAX:
        problems["description"] = f"Keep the description to {DESCRIPTION_MAX} characters or fewer."
    if cost is None or cost <= 0:
        problems["cost"] = "Enter what it would cost, in whole pounds (£1 or more)."
    elif process.min_cost is not None and cost < process.min_cost:
        problems["cost"] = (
            f"Projects in this process cost at least {pounds_text(process.min_cost)}."
        )
    elif process.max_cost is not None and cost > process.max_cost:
        problems["cost"] = f"Projects in this process cost at most {pounds_text(process.max_cost)}."
    elif cost > process.budget:
        problems["cost"] = f"That is more than the whole budget ({pounds_text(process.budget)})."
    if community is not None and community.pk not in {
        a.pk for a in selectors.area_communities(process)
    }:
        problems["community"] = "Choose one of the communities this process is for."
    return problems


def project_propose(
    *,
    process: Process,
    user,
    title: str,
    description: str,
    cost,
    community=None,
    today: datetime.date,
) -> Project:
    """A resident's proposal, held for moderation (only while proposals are open)."""
    if not may_contribute(user):
        raise ValidationError("Confirm your email address before you propose a project.")
    if not process.takes_proposals(today):
        raise ValidationError("This process is not taking proposals now.")
    problems = _project_problems(process, title, description, cost, community)
    if problems:
        raise ValidationError(problems)
    return Project.objects.create(
        process=process,
        title=title.strip(),
        description=description.strip(),
        cost=cost,
        community=community,
        proposer=user,
    )


@transaction.atomic
def project_enter(
    *,
    process: Process,
    user,
    title: str,
    description: str,
    cost,
    on_behalf_of: str,
    community=None,
    today: datetime.date,
) -> Project:
    """Staff enter a proposal for a group (at an event): published at once, since the
    person entering it moderates it. Not once voting has opened."""
    if today >= process.voting_open:
        raise ValidationError("Voting has opened: the ballot's projects cannot change.")
    problems = _project_problems(process, title, description, cost, community)
    if not on_behalf_of.strip():
        problems["on_behalf_of"] = "Name the group the project is put forward for."
    if problems:
        raise ValidationError(problems)
    return Project.objects.create(
        process=process,
        title=title.strip(),
        description=description.strip(),
        cost=cost,
        community=community,
        on_behalf_of=on_behalf_of.strip(),
        proposer=None,
        status=Moderation.APPROVED,
        decided_by=user,
        decided_at=timezone.now(),
    )


def _before_voting(project: Project, today: datetime.date) -> None:
    if today >= project.process.voting_open:
        raise ValidationError("Voting has opened: the ballot's projects cannot change.")


@transaction.atomic
def project_approve(*, project: Project, moderator, today: datetime.date) -> Project:
    project = pending_locked(Project, project.pk)
    _before_voting(project, today)
    decide(project, moderator, Moderation.APPROVED)
    tell_proposer(
        project,
        subject="Your project idea is published",
        lines=[
            f"Your idea “{project.title}” for {project.process.title} is now public.",
            "The partnership will now check whether it can be done and what it costs.",
        ],
    )
    return project


@transaction.atomic
def project_reject(*, project: Project, moderator, reason: str) -> Project:
    if not reason.strip():
        raise ValidationError({"reason": "Say why it is rejected: the proposer sees this."})
    project = pending_locked(Project, project.pk)
    decide(project, moderator, Moderation.REJECTED, reason.strip())
    tell_proposer(
        project,
        subject="Your project idea was not published",
        lines=[f"Your idea “{project.title}” was not published.", f"Why: {reason.strip()}"],
    )
    return project


@transaction.atomic
def project_withdraw(*, project: Project, user) -> Project:
    project = pending_locked(Project, project.pk)
    if user is None or project.proposer_id != user.pk:
        raise ValidationError("Only the person who proposed it can withdraw it.")
    project.status = Moderation.WITHDRAWN
    project.save(update_fields=["status", "updated_at"])
    return project


@transaction.atomic
def project_review(
    *,
    project: Project,
    feasibility: str,
    reason: str,
    today: datetime.date,
    adjusted_cost=None,
    cost_note: str = "",
) -> Project:
    """Staff's review: feasible or not, with a public reason; a changed cost with a public
    note. Only published proposals, and only before voting opens."""
    project = (
        Project.objects.select_for_update(of=("self",)).select_related("process").get(pk=project.pk)
    )
    _before_voting(project, today)
    problems = {}
    if project.status != Moderation.APPROVED:
        raise ValidationError("Only a published proposal can be reviewed.")
    if feasibility not in (Feasibility.FEASIBLE, Feasibility.UNFEASIBLE):
        problems["feasibility"] = "Say whether it is feasible."
    if not reason.strip():
        problems["feasibility_reason"] = "Give the public reason for the decision."
    if adjusted_cost is not None:
        if adjusted_cost <= 0:
            problems["adjusted_cost"] = "Enter the reviewed cost in whole pounds (£1 or more)."
        elif adjusted_cost > project.process.budget:
            problems["adjusted_cost"] = "That is more than the whole budget."
        elif project.process.max_cost is not None and adjusted_cost > project.process.max_cost:
            problems["adjusted_cost"] = (
                f"Projects in this process cost at most {pounds_text(project.process.max_cost)}."
            )
        elif adjusted_cost != project.cost and not cost_note.strip():
            problems["cost_note"] = "Say why the cost changed: it is published."
    if problems:
        raise ValidationError(problems)
    project.feasibility = feasibility
    project.feasibility_reason = reason.strip()
    project.adjusted_cost = adjusted_cost if adjusted_cost != project.cost else None
    project.cost_note = cost_note.strip() if project.adjusted_cost is not None else ""
    project.save()
    return project


@transaction.atomic
def project_merge(*, project: Project, into: Project, today: datetime.date) -> Project:
    """A duplicate merged into another proposal of the same process: it leaves the ballot
    and its page points to the one it joined."""
    project = (
        Project.objects.select_for_update(of=("self",)).select_related("process").get(pk=project.pk)
    )
    _before_voting(project, today)
    if into.process_id != project.process_id or into.pk == project.pk:
        raise ValidationError({"merged_into": "Choose another proposal of this process."})
    if into.merged_into_id or into.status != Moderation.APPROVED:
        raise ValidationError({"merged_into": "Choose a published proposal not itself merged."})
    if project.status != Moderation.APPROVED:
        raise ValidationError("Only a published proposal can be merged.")
    project.feasibility = Feasibility.MERGED
    project.merged_into = into
    project.feasibility_reason = f"Merged into “{into.title}”, which proposes the same."
    project.save()
    # Those merged into it before now point to the one it joined: merges never chain.
    for earlier in Project.objects.select_for_update().filter(merged_into=project):
        earlier.merged_into = into
        earlier.feasibility_reason = f"Merged into “{into.title}”, which proposes the same."
        earlier.save()
    return project


# Voting codes ------------------------------------------------------------------------


def code_digest(process_id: int, code: str) -> str:
    """What is stored of a code: its SHA-256 with the process, never the code."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(f"placeplan-pb:{process_id}:{cleaned}".encode()).hexdigest()


@transaction.atomic
def codes_generate(*, process: Process, number: int, batch: str, user) -> list[str]:
    """``number`` new one-use codes: the codes themselves are answered once, for the
    printable sheet, and only their hashes kept."""
    if not process.codes_vote:
        raise ValidationError("This process does not take voting codes.")
    if process.results_published:
        raise ValidationError("The results are published: no more codes.")
    if not 1 <= number <= CODES_AT_ONCE:
        raise ValidationError({"number": f"Make from 1 to {CODES_AT_ONCE} codes at a time."})
    if not batch.strip():
        raise ValidationError({"batch": "Say where the codes will be handed out."})
    codes = [
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)) for _ in range(number)
    ]
    VotingCode.objects.bulk_create(
        VotingCode(
            process=process,
            digest=code_digest(process.pk, code),
            batch=batch.strip(),
            created_by=user,
        )
        for code in codes
    )
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def code_find(*, process: Process, code: str) -> VotingCode:
    """The process's voting code typed in, refused when unknown or used."""
    found = VotingCode.objects.filter(process=process, digest=code_digest(process.pk, code)).first()
    if found is None:
        raise ValidationError({"code": "That code is not one of this vote's codes: check it."})
    if found.used_at is not None:
        raise AlreadyVoted({"code": "That code has been used already: each code votes once."})
    return found


# Ballots -----------------------------------------------------------------------------


def ballot_problems(process: Process, projects: list[Project]) -> list[str]:
    """What is wrong with a ballot under the process's rules (nothing: an empty list)."""
    problems = []
    ids = [p.pk for p in projects]
    if len(set(ids)) != len(ids):
        problems.append("Choose each project once.")
    if not projects:
        problems.append("Choose at least one project.")
    if any(p.process_id != process.pk or not p.on_ballot for p in projects):
        problems.append("Choose only projects on this ballot.")
    if process.ballot == Process.BallotKind.KNAPSACK:
        total = selectors.ballot_total(process, projects)["total"]
        if total > process.budget:
            problems.append(
                f"Your projects cost {pounds_text(total)}: more than the budget of "
                f"{pounds_text(process.budget)}. Take some out."
            )
        least = process.budget * process.min_spend_percent / 100
        if projects and total < least:
            problems.append(
                f"Your projects cost {pounds_text(total)}: choose projects worth at least "
                f"{process.min_spend_percent}% of the budget ({pounds_text(least)})."
            )
    elif process.max_choices and len(projects) > process.max_choices:
        most = process.max_choices
        problems.append(f"Choose at most {most} project{'s' if most != 1 else ''}.")
    return problems


def _may_vote(process: Process, user, today: datetime.date, declared: bool) -> None:
    if not process.is_voting(today):
        raise ValidationError("Voting is not open in this process now.")
    if not process.residents_vote:
        raise ValidationError("This vote is by voting code only: enter your code.")
    if not may_contribute(user):
        raise ValidationError("Confirm your email address before you vote.")
    if not declared:
        raise ValidationError(
            {
                "declared": f"Confirm that you live in {process.area_label} and are "
                f"{process.min_age} or over."
            }
        )


def _check(process: Process, projects: list[Project]) -> None:
    problems = ballot_problems(process, projects)
    if problems:
        raise ValidationError({"projects": problems})


def ballot_cast(
    *,
    process: Process,
    projects: list[Project],
    today: datetime.date,
    user=None,
    code: str = "",
    declared: bool = False,
) -> Ballot:
    """Cast a resident's (``user``) or a code holder's (``code``) ballot. One each, held by
    the database: of simultaneous submissions one is stored and the others are refused
    with ``AlreadyVoted``. ``process`` is the one the request read: its ballot rules cannot
    change once voting is open."""
    if code:
        if not process.is_voting(today):
            raise ValidationError("Voting is not open in this process now.")
        if not process.codes_vote:
            raise ValidationError("This vote does not take voting codes.")
    else:
        _may_vote(process, user, today, declared)
    _check(process, projects)
    try:
        with transaction.atomic():
            now = timezone.now()
            voting_code = None
            if code:
                voting_code = code_find(process=process, code=code)
                used = VotingCode.objects.filter(pk=voting_code.pk, used_at__isnull=True).update(
                    used_at=now
                )
                if not used:
                    raise AlreadyVoted({"code": "That code has been used already."})
            ballot = Ballot.objects.create(
                process=process,
                voter=None if code else user,
                code=voting_code,
                cast_at=now,
            )
            # A new ballot has no choices yet: written at once, without reading them first.
            Ballot.projects.through.objects.bulk_create(
                Ballot.projects.through(ballot=ballot, project=project) for project in projects
            )
    except IntegrityError as error:
        raise AlreadyVoted(ALREADY_VOTED) from error
    return ballot


@transaction.atomic
def ballot_change(
    *, process: Process, user, projects: list[Project], today: datetime.date
) -> Ballot:
    """A resident changes their ballot, when the process allows it, until voting closes."""
    process = Process.objects.get(pk=process.pk)
    if not process.may_change_ballot:
        raise ValidationError("Ballots in this process cannot be changed once cast.")
    if not may_contribute(user):
        raise ValidationError("Only a resident with a confirmed account may change a ballot.")
    if not process.is_voting(today):
        raise ValidationError("Voting is not open in this process now.")
    ballot = Ballot.objects.select_for_update().filter(process=process, voter=user).first()
    if ballot is None:
        raise ValidationError("You have not voted in this process yet.")
    _check(process, projects)
    ballot.projects.set(projects)
    ballot.changed_at = timezone.now()
    ballot.save(update_fields=["changed_at"])
    return ballot


@transaction.atomic
def paper_enter(
    *,
    process: Process,
    projects: list[Project],
    count: int,
    event: str,
    user,
    today: datetime.date,
) -> Ballot:
    """``count`` paper ballots counted at ``event`` that chose exactly ``projects``: in
    every total and in the turnout. From voting's opening until the results are
    published."""
    process = Process.objects.select_for_update().get(pk=process.pk)
    if process.results_published:
        raise ValidationError("The results are published: they are frozen.")
    if today < process.voting_open:
        raise ValidationError("Voting has not opened: there are no paper ballots yet.")
    problems = {}
    if count is None or count < 1:
        problems["count"] = "Enter how many paper ballots chose these projects (1 or more)."
    if not event.strip():
        problems["event"] = "Say where the paper ballots were cast."
    ballot_issues = ballot_problems(process, projects)
    if ballot_issues:
        problems["projects"] = ballot_issues
    if problems:
        raise ValidationError(problems)
    ballot = Ballot.objects.create(
        process=process,
        channel=Ballot.Channel.PAPER,
        count=count,
        event=event.strip(),
        entered_by=user,
        cast_at=timezone.now(),
    )
    ballot.projects.set(projects)
    return ballot


@transaction.atomic
def paper_remove(*, ballot: Ballot) -> None:
    """Take out paper ballots entered in error (not once the results are published)."""
    ballot = Ballot.objects.select_related("process").get(pk=ballot.pk)
    if ballot.channel != Ballot.Channel.PAPER:
        raise ValidationError("Only paper ballots can be taken out.")
    if ballot.process.results_published:
        raise ValidationError("The results are published: they are frozen.")
    ballot.delete()


# Results and delivery ----------------------------------------------------------------


@transaction.atomic
def results_publish(*, process: Process, user, today: datetime.date) -> Result:
    """Count the votes under the process's rule and publish the results, frozen: the
    figures are stored and never recounted. The process becomes an engagement activity
    whose themes are the funded projects."""
    process = Process.objects.select_for_update().get(pk=process.pk)
    if process.results_published:
        raise ValidationError("The results are published already.")
    if today <= process.voting_close:
        raise ValidationError("Voting has not closed: the results can be published after it.")
    figures = selectors.results_figures(process)
    now = timezone.now()
    result = Result.objects.create(
        process=process, published_at=now, published_by=user, figures=figures
    )
    process.results_published_at = now
    process.save(update_fields=["results_published_at", "updated_at"])
    _record_engagement(process, figures)
    return result


def _record_engagement(process: Process, figures: dict) -> Activity:
    """The vote as an engagement activity: who was asked, how many took part, and, for each
    funded project, what people chose and what the partnership does about it."""
    ballots = process.get_ballot_display().split(":")[0].lower()
    activity = activity_save(
        activity=Activity(
            partnership=process.partnership,
            body=process.body,
            title=f"Participatory budgeting: {process.title}",
            kind=Activity.Kind.PARTICIPATORY_BUDGETING,
            purpose=process.purpose,
            who_asked=f"People living in {process.area_label} aged {process.min_age} or over.",
            method=f"A vote on {len(figures['projects'])} projects for "
            f"{pounds_text(process.budget)}: {ballots} ballots, online and on paper.",
            starts_on=process.voting_open,
            ends_on=process.voting_close,
            participants=figures["ballots"],
            status=Activity.Status.PUBLISHED,
            is_demo=process.is_demo,
        )
    )
    for row in figures["projects"]:
        if not row["funded_amount"]:
            continue
        theme_save(
            theme=Theme(
                activity=activity,
                title=row["title"],
                said=f"{number_text(row['votes'], 0)} people voted for it.",
                raised_by=row["votes"],
                we_did=f"Funded {pounds_text(row['funded_amount'])}: delivered as an "
                "improvement action (its progress is on the vote's page).",
                responded_on=timezone.localdate(),
            )
        )
    return activity


@transaction.atomic
def project_deliver(
    *,
    project: Project,
    accountable_partner,
    responsible_body,
    due: datetime.date,
    owner=None,
    today: datetime.date,
) -> ImprovementAction:
    """A funded project becomes an improvement action, with its owner and due date."""
    project = (
        Project.objects.select_for_update(of=("self",)).select_related("process").get(pk=project.pk)
    )
    process = project.process
    if not process.results_published:
        raise ValidationError("Publish the results first: only funded projects are delivered.")
    funded = {row["id"]: row for row in process.result.figures["projects"]}
    row = funded.get(project.pk)
    if row is None or not row["funded_amount"]:
        raise ValidationError("Only a funded project becomes an action.")
    if project.action_id:
        raise ValidationError("This project is delivered by an action already.")
    action = action_save(
        action=ImprovementAction(
            partnership=process.partnership,
            title=project.title[:200],
            improvement=f"{project.description}\n\nFunded {pounds_text(row['funded_amount'])} by "
            f"participatory budgeting: {process.title}.",
            source=ImprovementAction.Source.PARTICIPATORY_BUDGETING,
            outcome=process.outcome,
            owner=owner,
            accountable_partner=accountable_partner,
            responsible_body=responsible_body,
            start=today,
            due=due,
            is_demo=process.is_demo,
        ),
        today=today,
    )
    project.action = action
    project.save(update_fields=["action", "updated_at"])
    return action
