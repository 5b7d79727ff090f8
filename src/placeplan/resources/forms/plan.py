"""Forms for the prevention plan: an intervention, its spend and savings in a year, the
trajectory's targets, and the annual review. The rules live in ``services``."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from placeplan.resources import selectors
from placeplan.resources.forms.rounds import level_help, pounds_field, year_field
from placeplan.resources.models import (
    PREVENTATIVE_LEVELS,
    Intervention,
    ReviewEntry,
)


class InterventionForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the intervention's title"}
    )
    kind = forms.ChoiceField(
        label="Kind",
        choices=Intervention.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of intervention"},
    )
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    level = forms.ChoiceField(
        label="Level of prevention",
        choices=[(level.value, level.label) for level in PREVENTATIVE_LEVELS],
        widget=forms.RadioSelect,
        help_text=" ".join(f"{level.label}: {level_help(level)}" for level in PREVENTATIVE_LEVELS),
        error_messages={"required": "Choose the level of prevention"},
    )
    lead_partner = forms.ModelChoiceField(queryset=None, required=False, label="Lead partner")
    action = forms.ModelChoiceField(
        queryset=None, required=False, label="Improvement action that delivers it"
    )
    pool = forms.ModelChoiceField(
        queryset=None, required=False, label="Joint budget that pays for it"
    )
    demand = forms.CharField(
        label="Demand it aims to reduce",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The need it should prevent, in plain words.",
        error_messages={"required": "Say what demand it aims to reduce"},
    )
    indicators = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Plan indicators that should show the demand falling",
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_partner"].queryset = selectors.partner_queryset(partnership=partnership)
        self.fields["lead_partner"].label_from_instance = lambda partner: partner.organisation.name
        self.fields["action"].queryset = selectors.action_choices(partnership=partnership)
        self.fields["pool"].queryset = selectors.pool_list(partnership=partnership)
        self.fields["indicators"].queryset = selectors.indicator_choices(partnership=partnership)
        self.fields["indicators"].label_from_instance = lambda use: (
            f"{use.measure.name} ({use.area.name})"
        )


class InterventionYearForm(forms.Form):
    year = year_field()
    spend = pounds_field("Spend")
    expected_cashable = pounds_field("Cashable savings expected")
    expected_non_cashable = pounds_field(
        "Savings expected that are not cashable",
        help_text="Demand avoided or time freed, valued in pounds. In pounds and pence.",
    )
    realised_cashable = pounds_field(
        "Cashable savings realised", required=False, help_text="Once known. In pounds and pence."
    )
    realised_non_cashable = pounds_field(
        "Savings realised that are not cashable",
        required=False,
        help_text="Once known. In pounds and pence.",
    )

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)


class TargetForm(forms.Form):
    year = year_field()
    share = forms.DecimalField(
        label="Preventative share to reach (%)",
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
        help_text="The share of the partnership's resources that is preventative by that year, "
        "for example 35.",
        error_messages={
            "required": "Enter the share to reach",
            "invalid": "Enter the share as a number, for example 35",
            "min_value": "Enter a share of 0%% or more",
            "max_value": "Enter a share of 100%% or less",
            "max_decimal_places": "Enter the share to two decimal places at most",
            "max_digits": "Enter a share of 100%% or less",
        },
    )

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)


class ReviewStartForm(forms.Form):
    year = year_field("Review of the financial year starting in")


class ReviewForm(forms.Form):
    """The review's summary and, for each intervention, its progress and note."""

    summary = forms.CharField(
        label="Summary", required=False, max_length=8000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = list(review.entries.all())
        for entry in self.entries:
            title = entry.intervention.title
            self.fields[f"progress_{entry.pk}"] = forms.ChoiceField(
                label=f"Progress of “{title}”",
                choices=ReviewEntry.Progress.choices,
                initial=entry.progress,
                error_messages={"required": f"Choose the progress of “{title}”"},
            )
            self.fields[f"note_{entry.pk}"] = forms.CharField(
                label=f"Note on “{title}”",
                max_length=4000,
                initial=entry.note,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"required": f"Write a note on “{title}”"},
            )

    def entry_values(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {e.pk: (data[f"progress_{e.pk}"], data[f"note_{e.pk}"]) for e in self.entries}
