"""Forms for participatory budgeting's staff pages: a process's settings, moderating and
reviewing proposals, a proposal entered for a group, voting codes, paper ballots and a
funded project's delivery. They validate input; the rules live in services."""

from __future__ import annotations

from django import forms
from django.forms.models import construct_instance

from placeplan.budgets.models import Ballot, Feasibility, Process, Project
from placeplan.core.forms import date_field
from placeplan.core.numbers import pounds_text
from placeplan.partnerships.models import Body, Locality, Partner, Person
from placeplan.places.models import Area
from placeplan.plans.models import Outcome, Plan
from placeplan.residents.moderation import Moderation

POUNDS = "Whole pounds, without the £ sign or commas."


def _whole_pounds(label: str, *, required: bool = True, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=2_000_000_000,
        help_text=kwargs.pop("help_text", POUNDS),
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} in whole pounds, for example 2500",
            "min_value": f"Enter the {label.lower()} as £0 or more",
            "max_value": f"Enter the {label.lower()} as £2,000,000,000 or less",
        },
        **kwargs,
    )


class OutcomeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.plan.title}: {obj.statement[:90]}"


class ProcessForm(forms.ModelForm):
    """Every setting of a process. The ballot rules are refused by the service once voting
    has opened."""

    budget = _whole_pounds("Total budget (£)")
    min_cost = _whole_pounds(
        "Smallest cost of a project (£)", required=False, help_text="Optional. " + POUNDS
    )
    max_cost = _whole_pounds(
        "Largest cost of a project (£)", required=False, help_text="Optional. " + POUNDS
    )
    proposals_open = date_field("Proposals open on")
    proposals_close = date_field("Proposals close on")
    voting_open = date_field("Voting opens on")
    voting_close = date_field("Voting closes on")
    outcome = OutcomeChoiceField(
        queryset=Outcome.objects.none(), required=False, label="Plan outcome it serves"
    )
    communities = forms.ModelMultipleChoiceField(
        queryset=Area.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Or chosen communities",
        help_text="When it is for neither the whole area nor a locality.",
    )

    class Meta:
        model = Process
        fields = [
            "title",
            "purpose",
            "body",
            "locality",
            "communities",
            "theme",
            "outcome",
            "budget",
            "min_cost",
            "max_cost",
            "proposals_open",
            "proposals_close",
            "voting_open",
            "voting_close",
            "ballot",
            "max_choices",
            "min_spend_percent",
            "rule",
            "part_funding",
            "residents_vote",
            "codes_vote",
            "min_age",
            "may_change_ballot",
        ]
        labels = {
            "title": "Name of the process",
            "body": "Body that runs it",
            "locality": "Locality it is for",
            "ballot": "Kind of ballot",
            "rule": "How the winners are chosen",
        }
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "ballot": forms.RadioSelect,
            "rule": forms.RadioSelect,
            "min_age": forms.RadioSelect,
        }

    def __init__(self, *args, partnership, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        body.queryset = (
            bodies if bodies is not None else Body.objects.filter(partnership=partnership)
        ).order_by("name")
        if bodies is not None:
            # A body's chair or lead officer runs processes of their own bodies only.
            body.required = True
            body.error_messages["required"] = "Choose the body that runs it"
        else:
            body.empty_label = "The partnership as a whole"
        locality = self.fields["locality"]
        locality.queryset = Locality.objects.filter(partnership=partnership).order_by("name")
        locality.empty_label = "None: the whole area, or the communities chosen below"
        self.fields["communities"].queryset = Area.objects.filter(
            level=Area.Level.INTERMEDIATE_ZONE, council_area=partnership.council_area
        ).order_by("name")
        self.fields["outcome"].queryset = (
            Outcome.objects.filter(plan__partnership=partnership)
            .exclude(plan__status=Plan.Status.SUPERSEDED)
            .select_related("plan")
            .order_by("plan__title", "parent_id", "number")
        )
        messages = {
            "title": "Enter the name of the process",
            "purpose": "Say what the money is for",
            "ballot": "Choose the kind of ballot",
            "rule": "Choose how the winners are chosen",
            "min_age": "Choose the minimum age",
            "min_spend_percent": "Enter the smallest share of the budget to spend (0 for none)",
        }
        for name, message in messages.items():
            self.fields[name].error_messages["required"] = message
        self.fields["min_spend_percent"].error_messages["invalid"] = (
            "Enter the smallest share to spend as a whole number from 0 to 100"
        )
        self.fields["max_choices"].error_messages["invalid"] = (
            "Enter the most projects a voter may choose as a whole number"
        )

    def _post_clean(self):
        # The service checks the rules (and the database's constraints) with the
        # communities, and says which rule is broken; the form only reads the input.
        self.instance = construct_instance(self, self.instance, self._meta.fields)


def _chosen(field: forms.ModelChoiceField, message: str) -> forms.ModelChoiceField:
    field.error_messages["invalid_choice"] = message
    field.error_messages["required"] = message
    return field


class ModerateForm(forms.Form):
    """Publish a pending proposal, or reject it with the reason the proposer is told."""

    project = forms.ModelChoiceField(queryset=Project.objects.none(), widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        choices=[("approve", "Publish it"), ("reject", "Reject it")],
        widget=forms.RadioSelect,
        label="Decision",
        error_messages={"required": "Choose whether to publish or reject it"},
    )
    reason = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Why it is rejected",
        help_text="Only when you reject it: the proposer is told.",
    )

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        _chosen(self.fields["project"], "This proposal is no longer waiting for moderation.")
        self.fields["project"].queryset = process.projects.filter(status=Moderation.PENDING)


class ReviewForm(forms.Form):
    """Staff's review of a published proposal: feasible or not, with a public reason; the
    cost changed with a public note."""

    project = forms.ModelChoiceField(queryset=Project.objects.none(), widget=forms.HiddenInput)
    feasibility = forms.ChoiceField(
        choices=[(Feasibility.FEASIBLE, "Feasible"), (Feasibility.UNFEASIBLE, "Not feasible")],
        widget=forms.RadioSelect,
        label="Can it be done?",
        error_messages={"required": "Say whether it is feasible"},
    )
    feasibility_reason = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Reason (public)",
        help_text="Why it is or is not feasible: published.",
    )
    adjusted_cost = _whole_pounds(
        "Cost after review (£)",
        required=False,
        help_text="Only when the cost changes. " + POUNDS,
    )
    cost_note = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Why the cost changed (public)",
    )

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        _chosen(self.fields["project"], "This proposal cannot be reviewed now.")
        self.fields["project"].queryset = process.projects.filter(
            status=Moderation.APPROVED
        ).exclude(feasibility=Feasibility.MERGED)


class MergeForm(forms.Form):
    """A duplicate proposal merged into another."""

    project = forms.ModelChoiceField(queryset=Project.objects.none(), widget=forms.HiddenInput)
    merged_into = forms.ModelChoiceField(
        queryset=Project.objects.none(),
        label="Merge it into",
        empty_label="Choose the proposal it duplicates",
        error_messages={
            "required": "Choose the proposal it duplicates",
            "invalid_choice": "Choose a published proposal of this process",
        },
    )

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        _chosen(self.fields["project"], "This proposal cannot be merged now.")
        published = process.projects.filter(status=Moderation.APPROVED).exclude(
            feasibility=Feasibility.MERGED
        )
        self.fields["project"].queryset = published
        self.fields["merged_into"].queryset = published.order_by("title", "pk")


class EnterForm(forms.Form):
    """A proposal staff enter for a group (at an event, for example)."""

    title = forms.CharField(
        max_length=120,
        label="Title of the project",
        error_messages={"required": "Enter a title for the project"},
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="What it would do",
        error_messages={"required": "Say what the project would do"},
    )
    cost = _whole_pounds("Cost estimate (£)")
    community = forms.ModelChoiceField(
        queryset=Area.objects.none(),
        required=False,
        label="Community it benefits",
        empty_label="The whole area",
    )
    on_behalf_of = forms.CharField(
        max_length=200,
        label="Put forward for (a group)",
        help_text="The group the project is entered for, at an event for example.",
        error_messages={"required": "Name the group the project is put forward for"},
    )

    def __init__(self, *args, process, communities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = Area.objects.filter(
            pk__in=[area.pk for area in communities]
        ).order_by("name")
        self.fields["community"].error_messages["invalid_choice"] = (
            "Choose one of the communities this process is for"
        )


class CodesForm(forms.Form):
    number = forms.IntegerField(
        label="How many codes",
        min_value=1,
        max_value=2000,
        error_messages={
            "required": "Enter how many codes to make",
            "invalid": "Enter how many codes to make as a whole number",
            "min_value": "Make at least 1 code",
            "max_value": "Make at most 2,000 codes at a time",
        },
    )
    batch = forms.CharField(
        max_length=120,
        label="Where they will be handed out",
        help_text="An event or a letter round, for example “Library open day, 14 March”.",
        error_messages={"required": "Say where the codes will be handed out"},
    )

    def __init__(self, *args, process=None, **kwargs):
        super().__init__(*args, **kwargs)


class PaperForm(forms.Form):
    """A pile of identical paper ballots counted at an event."""

    event = forms.CharField(
        max_length=200,
        label="Where they were cast",
        error_messages={"required": "Say where the paper ballots were cast"},
    )
    count = forms.IntegerField(
        label="Number of ballots",
        min_value=1,
        max_value=1_000_000,
        help_text="How many paper ballots chose exactly these projects.",
        error_messages={
            "required": "Enter how many paper ballots chose these projects",
            "invalid": "Enter the number of ballots as a whole number",
            "min_value": "Enter 1 or more ballots",
            "max_value": "Enter at most 1,000,000 ballots",
        },
    )
    projects = forms.ModelMultipleChoiceField(
        queryset=Project.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Projects ticked",
        error_messages={
            "required": "Tick the projects these ballots chose",
            "invalid_choice": "Tick only projects on this ballot",
            "invalid_pk_value": "Tick only projects on this ballot",
        },
    )

    def __init__(self, *args, process, ballot_projects, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["projects"]
        field.queryset = Project.objects.filter(pk__in=[p.pk for p in ballot_projects]).order_by(
            "title", "pk"
        )
        costs = {p.pk: p.ballot_cost for p in ballot_projects}
        field.label_from_instance = lambda p: f"{p.title} ({pounds_text(costs.get(p.pk, p.cost))})"


class DeliverForm(forms.Form):
    """A funded project made an improvement action."""

    accountable_partner = forms.ModelChoiceField(
        queryset=Partner.objects.none(),
        label="Accountable partner",
        error_messages={"required": "Choose the accountable partner"},
    )
    responsible_body = forms.ModelChoiceField(
        queryset=Body.objects.none(),
        label="Responsible body",
        error_messages={"required": "Choose the responsible body"},
    )
    owner = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Owner (the person who will see it done)",
    )
    due = date_field("Due date")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        partner = self.fields["accountable_partner"]
        partner.queryset = Partner.objects.filter(partnership=partnership).select_related(
            "organisation"
        )
        partner.label_from_instance = lambda p: p.organisation.name
        self.fields["responsible_body"].queryset = Body.objects.filter(
            partnership=partnership
        ).order_by("name")
        self.fields["owner"].queryset = Person.objects.filter(partnership=partnership)


class ConfirmForm(forms.Form):
    """A button: nothing to fill in."""

    def __init__(self, *args, process=None, **kwargs):
        super().__init__(*args, **kwargs)


class PileForm(forms.Form):
    """A pile of paper ballots to take out."""

    ballot = forms.ModelChoiceField(
        queryset=Ballot.objects.none(),
        widget=forms.HiddenInput,
        error_messages={
            "required": "Choose the pile to take out",
            "invalid_choice": "That pile of paper ballots is not there any more",
        },
    )

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ballot"].queryset = process.ballots.filter(channel=Ballot.Channel.PAPER)
