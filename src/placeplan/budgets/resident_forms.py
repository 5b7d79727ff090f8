"""Residents' forms for participatory budgeting: proposing a project, and a ballot (by
account, with the declaration, or by voting code). The ballot's rules are checked by
``services.ballot_problems``, in the view, so every problem is listed at once."""

from __future__ import annotations

from django import forms
from django.utils.functional import lazy

from placeplan.budgets import selectors
from placeplan.budgets.services import DESCRIPTION_MAX
from placeplan.core.numbers import pounds_text
from placeplan.places.models import Area


class ProposalForm(forms.Form):
    title = forms.CharField(
        label="Name of the project",
        max_length=120,
        error_messages={"required": "Enter a title for the project."},
    )
    description = forms.CharField(
        label="What would the project do?",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=DESCRIPTION_MAX,
        help_text=f"Who it would help and how. Up to {DESCRIPTION_MAX:,} characters.",
        error_messages={"required": "Say what the project would do."},
    )
    cost = forms.IntegerField(
        label="What would it cost? (£, whole pounds)",
        min_value=1,
        max_value=2_000_000_000,
        help_text="Your best estimate: the partnership checks it and publishes any change.",
        error_messages={
            "required": "Enter what it would cost, in whole pounds (£1 or more).",
            "invalid": "Enter the cost in whole pounds, like 5000.",
            "min_value": "Enter what it would cost, in whole pounds (£1 or more).",
            "max_value": "Enter a cost that is not more than the budget.",
        },
    )
    community = forms.ModelChoiceField(
        label="Which community would it benefit? (optional)",
        queryset=None,
        required=False,
        empty_label="The whole area",
    )

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        communities = [a.pk for a in selectors.area_communities(process)]
        self.fields["community"].queryset = Area.objects.filter(pk__in=communities).order_by("name")
        if process.max_cost:
            most = pounds_text(process.max_cost)
            self.fields["cost"].help_text += f" Projects cost at most {most}."


class BallotForm(forms.Form):
    """The projects chosen (checked against the ballot's rules in the view), and, for a
    resident, the declaration that they may vote."""

    projects = forms.MultipleChoiceField(
        label="Projects",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose only projects on this ballot."},
    )

    def __init__(self, *args, process, projects, declaration=True, code=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.process = process
        self.ballot = projects
        self.fields["projects"].choices = [(str(p.pk), p.title) for p in projects]
        if code:
            self.fields["code"] = forms.CharField(
                label="Your voting code",
                max_length=40,
                help_text="The code printed on your card or letter, like ABCDE-23456.",
                error_messages={"required": "Enter your voting code."},
            )
        if declaration:
            # Worked out when shown, not when a ballot is only checked (the area's name
            # may need a query).
            declared = lazy(lambda: f"I live in {process.area_label} and am {process.min_age} "
                                    "or over", str)  # fmt: skip
            missing = lazy(lambda: f"Confirm that you live in {process.area_label} and are "
                                   f"{process.min_age} or over.", str)  # fmt: skip
            self.fields["declared"] = forms.BooleanField(
                label=declared(), error_messages={"required": missing()}
            )

    def chosen(self) -> list:
        """The ballot's projects that were ticked (in the ballot's order)."""
        picked = set(self.data.getlist("projects")) if hasattr(self.data, "getlist") else set()
        if self.is_bound and hasattr(self, "cleaned_data"):
            picked = set(self.cleaned_data.get("projects") or picked)
        return [p for p in self.ballot if str(p.pk) in picked]
