"""Forms for the yearly rounds: opening a round, a partner's line and its assets, a
reason for changing confirmed figures, the template's upload and the joint budgets. They
check what was typed; the rules (shares adding to 100, pooled money counted once, a
reason once confirmed) live in ``services``, which refuses with every problem at once."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from placeplan.budgets import selectors as budget_selectors
from placeplan.core.forms import date_field
from placeplan.resources import selectors
from placeplan.resources.models import (
    ARRANGEMENT_HELP,
    FIELD_OF_LEVEL,
    FIRST_YEAR,
    LAST_YEAR,
    LEVEL_DEFINITIONS,
    Arrangement,
    Asset,
    Pool,
)

POUNDS = "In pounds and pence, without the £ sign or commas, for example 125000.50."
MAX_POUNDS = Decimal("999999999999.99")


def pounds_field(label: str, *, required: bool = True, help_text: str = POUNDS):
    what = label.lower()
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal(0),
        max_value=MAX_POUNDS,
        max_digits=14,
        decimal_places=2,
        help_text=help_text,
        error_messages={
            "required": f"Enter the {what}",
            "invalid": f"Enter the {what} in pounds, for example 125000.50",
            "min_value": f"Enter the {what} as £0 or more",
            "max_value": f"Enter the {what} as less than £1 trillion",
            "max_decimal_places": f"Enter the {what} to the penny at most",
            "max_digits": f"Enter the {what} as less than £1 trillion",
        },
    )


def reason_field() -> forms.CharField:
    return forms.CharField(
        label="Reason for the change",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed once the partner has confirmed its figures; kept with the change "
        "in the history.",
    )


def level_help(level) -> str:
    meaning, examples = LEVEL_DEFINITIONS[level]
    return f"{meaning} For example: {examples}"


def year_field(label: str = "Financial year starting in") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text="For example 2026 for 2026/27.",
        error_messages={
            "required": "Enter the year the financial year starts in",
            "invalid": "Enter the year as four digits, for example 2026",
            "min_value": f"Enter a year from {FIRST_YEAR}",
            "max_value": f"Enter a year up to {LAST_YEAR}",
        },
    )


class RoundOpenForm(forms.Form):
    year = year_field()
    due = date_field("Partners confirm by")
    request = forms.CharField(
        label="What partners are asked for",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown on each partner's page for the round.",
    )

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)


class LineForm(forms.Form):
    """A partner's line: what it is for, the money and staff, how it is arranged and its
    prevention profile. The definition of each level is beside its share."""

    title = forms.CharField(
        label="Budget line",
        max_length=200,
        help_text="The service or budget, as your organisation names it.",
        error_messages={"required": "Enter the budget line"},
    )
    outcome = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Outcome it serves",
        help_text="Choose one outcome, or a commitment, or a locality below.",
    )
    commitment = forms.ModelChoiceField(
        queryset=None, required=False, label="Or a commitment it serves"
    )
    locality = forms.ModelChoiceField(queryset=None, required=False, label="Or a locality")
    budget = pounds_field("Budget")
    outturn = pounds_field(
        "Outturn",
        required=False,
        help_text="What was spent, once the year's accounts are closed. " + POUNDS,
    )
    staff_fte = forms.DecimalField(
        label="Staff (full-time equivalent)",
        required=False,
        min_value=Decimal(0),
        max_digits=8,
        decimal_places=2,
        help_text="For example 2.5. Leave empty for none.",
        error_messages={
            "invalid": "Enter the staff as a number, for example 2.5",
            "min_value": "Enter the staff as 0 or more",
            "max_decimal_places": "Enter the staff to two decimal places at most",
            "max_digits": "Enter the staff as less than 1,000,000",
        },
    )
    arrangement = forms.ChoiceField(
        label="Arrangement",
        choices=Arrangement.choices,
        widget=forms.RadioSelect,
        initial=Arrangement.ALIGNED,
        help_text=" ".join(
            f"{label}: {ARRANGEMENT_HELP[value]}" for value, label in Arrangement.choices
        ),
        error_messages={"required": "Choose how the money is arranged"},
    )
    pool = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Joint budget",
        help_text="For pooled or delegated money: the joint budget it goes into.",
    )
    not_for_publication = forms.BooleanField(
        label="Not for publication",
        required=False,
        help_text="Shown in the workspace only; in published figures it counts only within a "
        "sum of at least three partners' lines, never on its own.",
    )
    reason = reason_field()

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = selectors.outcome_choices(partnership=partnership)
        self.fields["outcome"].label_from_instance = selectors.outcome_label
        self.fields["commitment"].queryset = selectors.commitment_choices(partnership=partnership)
        self.fields["locality"].queryset = partnership.localities.order_by("name")
        self.fields["pool"].queryset = selectors.pool_list(partnership=partnership)
        for level, name in FIELD_OF_LEVEL.items():
            label = level.label
            self.fields[name] = forms.IntegerField(
                label=f"{label} (%)",
                min_value=0,
                max_value=100,
                initial=100 if name == "not_preventative" else 0,
                help_text=level_help(level),
                error_messages={
                    "required": f"Enter the share of {label.lower()}, 0 if none",
                    "invalid": f"Enter the share of {label.lower()} as a whole number",
                    "min_value": f"Enter the share of {label.lower()} as 0 or more",
                    "max_value": f"Enter the share of {label.lower()} as 100 or less",
                },
            )
        # The reason last, after the figures it explains.
        self.fields["reason"] = self.fields.pop("reason")

    def line_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("reason", None)
        if data.get("staff_fte") is None:
            data["staff_fte"] = Decimal(0)
        return data


class AssetForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of asset",
        choices=Asset.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of asset"},
    )
    description = forms.CharField(
        label="Description",
        max_length=300,
        help_text="What it is and how it is used, for example “Community centre, two days a week”.",
        error_messages={"required": "Describe the asset"},
    )
    value = pounds_field("Value", required=False, help_text="Where known. " + POUNDS)
    reason = reason_field()

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)


class ReasonForm(forms.Form):
    reason = reason_field()

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)


class ConfirmForm(forms.Form):
    """Posted by the confirm button; nothing to fill in."""

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)


class UploadForm(forms.Form):
    file = forms.FileField(
        label="The completed template",
        help_text="The .xlsx template of this page, with a row per line. Every row is checked; "
        "nothing is saved unless every row is right.",
        error_messages={"required": "Choose the completed template to upload"},
    )

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)


class PoolForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=160, error_messages={"required": "Enter the joint budget's name"}
    )
    kind = forms.ChoiceField(
        label="Kind of joint budget",
        choices=Pool.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of joint budget"},
    )
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    locality = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Locality",
        help_text="For a locality partnership's budget: the locality.",
    )
    host = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Held by",
        help_text="The partner that holds the budget. Its money is counted from the lines of "
        "the partners that put money in, so the holder does not enter it again.",
    )
    process = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Vote it pays for",
        help_text="For a participatory budgeting fund: the participatory budgeting vote "
        "its money pays for. The vote's page then shows where its money comes from.",
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = partnership.localities.order_by("name")
        self.fields["host"].queryset = selectors.partner_queryset(partnership=partnership)
        self.fields["host"].label_from_instance = lambda partner: partner.organisation.name
        self.fields["process"].queryset = budget_selectors.process_list(partnership=partnership)
        self.fields["process"].label_from_instance = lambda process: (
            process.title if process.is_published else f"{process.title} (draft)"
        )
