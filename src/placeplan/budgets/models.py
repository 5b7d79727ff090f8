"""Participatory budgeting: a process with dated phases (proposals, review, voting,
results, delivery) and ballot rules frozen once voting opens; residents' proposals,
moderated and then reviewed (feasible or not, cost adjusted, duplicates merged); voting
codes stored hashed; one ballot per person (or code) per process, held by the database;
paper ballots counted at events; results by a rule chosen before voting, frozen when
published; funded projects delivered as improvement actions.

Amounts are whole pounds, as PB costs are set and as the Pabulib format holds them."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from placeplan.core.models import AuditedModel
from placeplan.partnerships.models import Body, Locality, Partnership
from placeplan.places.models import Area
from placeplan.residents.moderation import Moderated


class Phase(models.TextChoices):
    """Where a process stands, from its dates and whether its results are published."""

    UPCOMING = "upcoming", "Not yet open"
    PROPOSALS = "proposals", "Proposals"
    REVIEW = "review", "Review"
    VOTING = "voting", "Voting"
    COUNTING = "counting", "Counting the votes"
    RESULTS = "results", "Results"
    DELIVERY = "delivery", "Delivery"


PHASE_TAGS = {
    Phase.UPCOMING: "ds_tag--grey",
    Phase.PROPOSALS: "ds_tag--blue",
    Phase.REVIEW: "ds_tag--purple",
    Phase.VOTING: "ds_tag--green",
    Phase.COUNTING: "ds_tag--orange",
    Phase.RESULTS: "ds_tag--teal",
    Phase.DELIVERY: "ds_tag--teal",
}


class Process(AuditedModel):
    """A participatory budgeting process run by a partnership, one of its bodies or a
    locality partnership, for the partnership's area, a locality or chosen communities."""

    class BallotKind(models.TextChoices):
        KNAPSACK = "knapsack", "Knapsack: choose projects whose total cost fits the budget"
        APPROVAL = "approval", "Approval: choose up to a number of projects"

    class Rule(models.TextChoices):
        GREEDY = "greedy", "Most votes first, within the budget (greedy)"
        EQUAL_SHARES = "equal_shares", "Method of Equal Shares (proportional)"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    class MinimumAge(models.IntegerChoices):
        SIXTEEN = 16, "16 or over"
        TWELVE = 12, "12 or over"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="budget_processes"
    )
    body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_processes",
        help_text="The body that runs it (none: the partnership as a whole).",
    )
    locality = models.ForeignKey(
        Locality,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_processes",
        help_text="The locality it is for (none: the whole partnership area, or the "
        "communities chosen below).",
    )
    communities = models.ManyToManyField(
        Area,
        blank=True,
        related_name="budget_processes",
        help_text="Chosen communities it is for, when it is for neither the whole area nor "
        "a locality.",
    )
    title = models.CharField(max_length=200)
    purpose = models.TextField(help_text="What the money is for, and why.")
    theme = models.CharField(max_length=200, blank=True, help_text="The theme it serves.")
    outcome = models.ForeignKey(
        "plans.Outcome",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_processes",
        help_text="The plan outcome it serves.",
    )
    budget = models.PositiveIntegerField("Total budget (£)")
    min_cost = models.PositiveIntegerField("Smallest cost of a project (£)", null=True, blank=True)
    max_cost = models.PositiveIntegerField("Largest cost of a project (£)", null=True, blank=True)
    proposals_open = models.DateField("Proposals open on")
    proposals_close = models.DateField("Proposals close on")
    voting_open = models.DateField("Voting opens on")
    voting_close = models.DateField("Voting closes on")
    # Ballot rules: frozen once voting opens (services.RULE_FIELDS).
    ballot = models.CharField(
        max_length=10, choices=BallotKind.choices, default=BallotKind.KNAPSACK
    )
    max_choices = models.PositiveSmallIntegerField(
        "Most projects a voter may choose", null=True, blank=True
    )
    min_spend_percent = models.PositiveSmallIntegerField(
        "Smallest share of the budget a knapsack ballot must spend (%)",
        default=0,
        help_text="0: a voter may choose as little as one project.",
    )
    rule = models.CharField(max_length=15, choices=Rule.choices, default=Rule.GREEDY)
    part_funding = models.BooleanField(
        "Allow part funding",
        default=False,
        help_text="Money left when the rule has finished goes to the next project in the "
        "rule's order that it could not afford, as part of its cost.",
    )
    residents_vote = models.BooleanField(
        "Residents with a verified account may vote",
        default=True,
        help_text="They declare that they live in the area and meet the minimum age.",
    )
    codes_vote = models.BooleanField(
        "Holders of a voting code may vote",
        default=False,
        help_text="Printed codes handed out at events or by letter, one use each.",
    )
    min_age = models.PositiveSmallIntegerField(
        "Minimum age", choices=MinimumAge.choices, default=MinimumAge.SIXTEEN
    )
    may_change_ballot = models.BooleanField(
        "Voters may change their ballot until voting closes", default=True
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    results_published_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False, help_text="Demonstration content.")

    class Meta:
        ordering = ["partnership", "-voting_open", "title", "pk"]
        verbose_name = "participatory budgeting process"
        verbose_name_plural = "participatory budgeting processes"
        permissions = []
        constraints = [
            models.CheckConstraint(
                name="budgets_phases_in_order",
                condition=Q(proposals_close__gte=F("proposals_open"))
                & Q(voting_open__gt=F("proposals_close"))
                & Q(voting_close__gte=F("voting_open")),
                violation_error_message="The phases' dates must follow one another.",
            ),
            models.CheckConstraint(
                name="budgets_someone_votes",
                condition=Q(residents_vote=True) | Q(codes_vote=True),
                violation_error_message="Say who may vote: residents, code holders or both.",
            ),
            models.CheckConstraint(
                name="budgets_min_spend_percent",
                condition=Q(min_spend_percent__lte=100),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def results_published(self) -> bool:
        return self.results_published_at is not None

    def phase(self, today: datetime.date) -> Phase:
        """Where it stands on ``today``: its dates, then the results' publication and the
        funded projects' delivery."""
        if self.results_published:
            delivered = self.projects.filter(action__isnull=False).exists()
            return Phase.DELIVERY if delivered else Phase.RESULTS
        if today < self.proposals_open:
            return Phase.UPCOMING
        if today <= self.proposals_close:
            return Phase.PROPOSALS
        if today < self.voting_open:
            return Phase.REVIEW
        if today <= self.voting_close:
            return Phase.VOTING
        return Phase.COUNTING

    def is_voting(self, today: datetime.date) -> bool:
        return self.is_published and self.voting_open <= today <= self.voting_close

    def takes_proposals(self, today: datetime.date) -> bool:
        return self.is_published and self.proposals_open <= today <= self.proposals_close

    @property
    def runner(self) -> str:
        return self.body.name if self.body else self.partnership.name

    @property
    def area_label(self) -> str:
        if self.locality_id:
            return self.locality.name
        chosen = list(self.communities.all())
        if chosen:
            return ", ".join(area.name for area in chosen)
        return self.partnership.council_area.name


class Feasibility(models.TextChoices):
    UNREVIEWED = "unreviewed", "Not yet reviewed"
    FEASIBLE = "feasible", "Feasible"
    UNFEASIBLE = "unfeasible", "Not feasible"
    MERGED = "merged", "Merged into another proposal"


FEASIBILITY_TAGS = {
    Feasibility.UNREVIEWED: "ds_tag--grey",
    Feasibility.FEASIBLE: "ds_tag--green",
    Feasibility.UNFEASIBLE: "ds_tag--red",
    Feasibility.MERGED: "ds_tag--grey",
}


class Project(Moderated):
    """A proposal: put forward by a resident (or by staff for a group, at an event),
    moderated before publication, then reviewed. Feasible ones go on the ballot."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(max_length=120)
    description = models.TextField()
    cost = models.PositiveIntegerField("Cost estimate (£)")
    community = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The community it benefits (none: the whole area).",
    )
    on_behalf_of = models.CharField(
        "Put forward for (a group)",
        max_length=200,
        blank=True,
        help_text="When staff enter it for a group, at an event for example.",
    )
    feasibility = models.CharField(
        max_length=12, choices=Feasibility.choices, default=Feasibility.UNREVIEWED
    )
    feasibility_reason = models.TextField(
        "Reason (public)", blank=True, help_text="Why it is or is not feasible: published."
    )
    adjusted_cost = models.PositiveIntegerField("Cost after review (£)", null=True, blank=True)
    cost_note = models.TextField(
        "Why the cost changed (public)", blank=True, help_text="Published beside the cost."
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    action = models.OneToOneField(
        "delivery.ImprovementAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_project",
        help_text="The improvement action that delivers it, once funded.",
    )

    class Meta:
        ordering = ["process_id", "title", "pk"]  # by column: no join to the process
        constraints = [
            models.CheckConstraint(
                name="budgets_project_rejection_has_reason",
                condition=~Q(status="rejected") | ~Q(reason=""),
            ),
            models.CheckConstraint(
                name="budgets_project_reviewed_with_reason",
                condition=Q(feasibility__in=["unreviewed", "merged"]) | ~Q(feasibility_reason=""),
            ),
            models.CheckConstraint(
                name="budgets_project_merged_has_target",
                condition=Q(feasibility="merged", merged_into__isnull=False)
                | (~Q(feasibility="merged") & Q(merged_into__isnull=True)),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def ballot_cost(self) -> int:
        """What it costs on the ballot: the reviewed cost when there is one."""
        return self.adjusted_cost if self.adjusted_cost is not None else self.cost

    @property
    def on_ballot(self) -> bool:
        return self.status == "approved" and self.feasibility == Feasibility.FEASIBLE

    @property
    def feasibility_tag(self) -> str:
        return FEASIBILITY_TAGS[self.feasibility]


class VotingCode(models.Model):
    """A one-use code for voting, printed and handed out: only its hash is kept."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, unique=True)
    batch = models.CharField(max_length=120, help_text="Where the codes were handed out.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["process_id", "created_at", "pk"]

    def __str__(self):
        return f"Voting code ({self.batch})"


class Ballot(models.Model):
    """One vote: a resident's (``voter``), a code holder's (``code``), or a pile of
    ``count`` identical paper ballots counted at an event. The database holds one ballot per
    voter and per code in each process. A ballot keeps no history: who voted for what is
    never shown to anyone, and a changed ballot replaces its choices."""

    class Channel(models.TextChoices):
        ONLINE = "online", "Online"
        PAPER = "paper", "Paper"

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="ballots")
    channel = models.CharField(max_length=6, choices=Channel.choices, default=Channel.ONLINE)
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_ballots",
    )
    code = models.OneToOneField(
        VotingCode, null=True, blank=True, on_delete=models.PROTECT, related_name="ballot"
    )
    count = models.PositiveIntegerField(default=1, help_text="Paper ballots with these choices.")
    event = models.CharField(max_length=200, blank=True, help_text="Where paper ballots were cast.")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    projects = models.ManyToManyField(Project, related_name="ballots")
    cast_at = models.DateTimeField()
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["process_id", "cast_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "voter"],
                condition=Q(voter__isnull=False),
                name="budgets_one_ballot_per_voter",
                violation_error_message="You have already voted in this process.",
            ),
            models.CheckConstraint(
                name="budgets_ballot_online_or_paper",
                condition=Q(channel="paper", voter__isnull=True, code__isnull=True, count__gte=1)
                | Q(channel="online", count=1),
            ),
        ]

    def __str__(self):
        return f"Ballot {self.pk}"


class Result(models.Model):
    """Published results: the figures frozen at publication (the rule's outcome for each
    project, votes, turnout, voters' shares spent). Never recomputed after."""

    process = models.OneToOneField(Process, on_delete=models.CASCADE, related_name="result")
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    figures = models.JSONField()

    def __str__(self):
        return f"Results of {self.process}"
