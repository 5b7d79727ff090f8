"""Forms for building a plan. They validate input; the plan's rules live in services."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from placeplan.core.forms import date_field
from placeplan.core.numbers import measure_value_text
from placeplan.partnerships import selectors as partnership_selectors
from placeplan.partnerships.models import Locality, Partner, Partnership
from placeplan.performance.models import MAX_DECIMALS, Observation, ValueKind
from placeplan.places import selectors as places
from placeplan.places.models import Area
from placeplan.plans import selectors, services
from placeplan.plans.models import Commitment, Outcome, Plan


def _bodies(partnership: Partnership):
    return partnership_selectors.bodies_of(partnership=partnership)


def _partners(partnership: Partnership):
    return Partner.objects.filter(partnership=partnership).select_related("organisation")


class PartnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.organisation.name


class PartnersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.organisation.name


class PlanForm(forms.ModelForm):
    period_start = date_field("Start of the plan's period", help_text="For example, 2017-04-01.")
    period_end = date_field("End of the plan's period", help_text="For example, 2027-03-31.")

    class Meta:
        model = Plan
        fields = [
            "kind",
            "title",
            "summary",
            "period_start",
            "period_end",
            "owning_body",
            "locality",
            "supports_plan",
            "priority_limit",
        ]
        labels = {
            "kind": "Kind of plan",
            "owning_body": "Body that owns the plan",
            "locality": "Locality (locality plans only)",
            "supports_plan": "Plan it contributes to (optional)",
            "priority_limit": "How many priorities the plan allows",
        }
        help_texts = {
            "owning_body": "Its chair and lead officer may change the plan, as may support "
            "officers.",
            "priority_limit": "A short, explicit list: Audit Scotland found that when "
            "everything is a priority, nothing is. Usually 3 to 5.",
        }
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owning_body"].queryset = _bodies(partnership)
        self.fields["locality"].queryset = Locality.objects.filter(partnership=partnership)
        self.fields["supports_plan"].queryset = Plan.objects.filter(
            partnership=partnership, kind=Plan.Kind.LOIP, status__in=selectors.CURRENT_STATUSES
        )
        self.fields["kind"].error_messages["required"] = "Choose the kind of plan"
        self.fields["title"].error_messages["required"] = "Enter the plan's title"
        self.fields["owning_body"].error_messages["required"] = "Choose the body that owns it"
        self.fields["priority_limit"].error_messages["required"] = (
            "Enter how many priorities the plan allows"
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end <= start:
            self.add_error("period_end", "The end of the period must be after its start")
        limit = data.get("priority_limit")
        if limit is not None and not 1 <= limit <= 20:
            self.add_error("priority_limit", "Enter a number of priorities from 1 to 20")
        return data


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = [
            "statement",
            "parent",
            "theme",
            "lead_body",
            "is_priority",
            "national_outcomes",
            "policy_priorities",
            "supports",
        ]
        labels = {
            "statement": "Outcome",
            "parent": "Long-term outcome it sits under",
            "theme": "Theme (optional)",
            "lead_body": "Lead body responsible",
            "is_priority": "This outcome is one of the plan's priorities",
            "national_outcomes": "National outcomes it contributes to",
            "policy_priorities": "National policy priorities it contributes to",
            "supports": "Outcomes of the Local Outcomes Improvement Plan it contributes to",
        }
        help_texts = {
            "statement": "The change people will see in their lives, in a sentence.",
            "parent": "Leave empty for a long-term (10-year) outcome.",
            "national_outcomes": "The National Performance Framework's national outcomes.",
            "policy_priorities": "",
        }
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 3}),
            "national_outcomes": forms.CheckboxSelectMultiple,
            "policy_priorities": forms.CheckboxSelectMultiple,
            "supports": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        parents = plan.outcomes.filter(parent__isnull=True)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].empty_label = "None: this is a long-term outcome"
        self.fields["lead_body"].queryset = _bodies(plan.partnership)
        self.fields["statement"].error_messages["required"] = "Enter the outcome"
        if plan.supports_plan_id:
            self.fields["supports"].queryset = plan.supports_plan.outcomes.order_by(
                "parent_id", "number"
            )
        else:
            del self.fields["supports"]


class IndicatorAddForm(forms.Form):
    measure = forms.ModelChoiceField(
        queryset=None,
        label="Indicator",
        help_text="National measures already loaded, and the partnership's own indicators.",
        error_messages={"required": "Choose an indicator"},
    )
    area = forms.ModelChoiceField(
        queryset=None,
        label="Geography the baseline and targets are for",
        error_messages={"required": "Choose the geography"},
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = selectors.measure_choices(partnership=plan.partnership)
        council = plan.partnership.council_area
        if plan.locality_id:
            communities = plan.locality.communities.order_by("name")
        else:
            communities = places.communities_of(area=council)
        self.fields["area"].queryset = Area.objects.filter(
            pk__in=[council.pk, *communities.values_list("pk", flat=True)]
        ).order_by("-level", "name")
        self.fields["area"].initial = council.pk
        self.fields["area"].label_from_instance = lambda a: (
            f"{a.name} ({a.get_level_display().lower()})"
        )


class BaselineForm(forms.Form):
    observation = forms.ModelChoiceField(
        queryset=None,
        required=False,
        widget=forms.RadioSelect,
        label="Take the baseline from the data",
        empty_label=None,
    )
    value = forms.FloatField(
        required=False,
        label="Or enter the baseline value",
        error_messages={"invalid": "Enter the baseline as a number, for example 12.5"},
    )
    period = forms.CharField(
        required=False,
        max_length=40,
        label="Period the entered value is for",
        help_text="For example, 2016/17.",
    )

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["observation"]
        field.queryset = (
            Observation.objects.filter(pk__in=[o.pk for o in options])
            .select_related("period", "measure")
            .order_by("-period__start")
        )
        field.label_from_instance = _observation_label
        if not options:
            field.help_text = "There is no loaded data for this indicator and geography."

    def clean(self):
        data = super().clean()
        if data.get("observation") is None:
            if data.get("value") is None and "value" not in self.errors:
                self.add_error("value", "Choose a value from the data, or enter the baseline")
            if not (data.get("period") or "").strip():
                self.add_error("period", "Enter the period the baseline is for")
        return data


def _observation_label(observation) -> str:
    kind = "" if observation.kind == ValueKind.RAW else f" ({observation.get_kind_display()})"
    value = measure_value_text(observation.value, observation.measure)
    return f"{observation.period.label}: {value}{kind}"


class TargetForm(forms.Form):
    value = forms.FloatField(
        label="Target value",
        error_messages={
            "required": "Enter the target value",
            "invalid": "Enter the target as a number, for example 12.5",
        },
    )
    due = date_field("Date the target is to be reached by", help_text="For example, 2027-03-31.")

    def __init__(self, *args, indicator=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator

    def clean(self):
        """The plan's rules for what could be read, beside any field that could not, so
        every problem is shown at once (``services.target_problems``, as ``target_add``)."""
        data = super().clean()
        if self.indicator is not None:
            problems = services.target_problems(
                indicator=self.indicator, value=data.get("value"), due=data.get("due")
            )
            for field, problem in problems.items():
                self.add_error(field, problem)
        return data


class GapTargetForm(forms.Form):
    gap_reduction = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=100,
        label="Share of the gap to close (per cent)",
        help_text="The gap between the most and least deprived fifth of communities: 50 "
        "halves it. Leave empty for no inequality target.",
        error_messages={
            "invalid": "Enter a whole number from 1 to 100",
            "min_value": "Enter a whole number from 1 to 100",
            "max_value": "Enter a whole number from 1 to 100",
        },
    )
    gap_by = date_field("Date the gap is to be closed by", required=False)


class ToleranceForm(forms.Form):
    tolerance = forms.IntegerField(
        min_value=0,
        max_value=100,
        label="Tolerance (per cent)",
        help_text="How far short of the trajectory to the next target still counts as "
        "at risk rather than off track, as a share of the distance from the baseline to the "
        "target. Placeplan uses 5 unless you set another.",
        error_messages={
            "required": "Enter the tolerance, a whole number from 0 to 100",
            "invalid": "Enter a whole number from 0 to 100",
            "min_value": "Enter a whole number from 0 to 100",
            "max_value": "Enter a whole number from 0 to 100",
        },
    )


class CommitmentForm(forms.ModelForm):
    lead_partner = PartnerChoiceField(
        queryset=None,
        required=False,
        label="Accountable partner (by whom)",
        help_text="The partner accountable for delivering it. Needed before the plan is agreed.",
    )
    contributing_partners = PartnersChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Contributing partners",
    )
    due = date_field(
        "When: date it will be achieved by",
        required=False,
        help_text="For example, 2027-03-31. Needed before the plan is agreed.",
    )

    class Meta:
        model = Commitment
        fields = [
            "what",
            "indicator",
            "how",
            "lead_partner",
            "contributing_partners",
            "lead_body",
            "due",
            "is_preventative",
        ]
        labels = {
            "what": "What will improve",
            "indicator": "Indicator that shows the improvement",
            "how": "How it will be done",
            "lead_body": "Lead body",
            "is_preventative": "This commitment is preventative (early intervention)",
        }
        widgets = {
            "what": forms.Textarea(attrs={"rows": 3}),
            "how": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, outcome: Outcome, **kwargs):
        super().__init__(*args, **kwargs)
        partnership = outcome.plan.partnership
        self.fields["indicator"].queryset = outcome.indicators.select_related("measure", "area")
        self.fields["lead_partner"].queryset = _partners(partnership)
        self.fields["contributing_partners"].queryset = _partners(partnership)
        self.fields["lead_body"].queryset = _bodies(partnership)
        self.fields["what"].error_messages["required"] = "Enter what will improve"


class AgreeForm(forms.Form):
    agreed_by = forms.ModelChoiceField(
        queryset=None,
        label="Body that agreed the plan",
        error_messages={"required": "Choose the body"},
    )
    agreed_on = date_field("Date it was agreed")

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreed_by"].queryset = _bodies(plan.partnership)
        self.fields["agreed_by"].initial = plan.owning_body_id
        self.fields["agreed_on"].initial = timezone.localdate()


class PublishForm(forms.Form):
    published_on = date_field("Date of publication")

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["published_on"].initial = timezone.localdate()


class ConfirmForm(forms.Form):
    """A confirmation with nothing to fill in (amend, remove)."""

    def __init__(self, *args, plan: Plan | None = None, **kwargs):
        super().__init__(*args, **kwargs)


DIRECTION_CHOICES = [
    ("higher", "Higher is better"),
    ("lower", "Lower is better"),
    ("neither", "Neither: it is context"),
]
LEVEL_CHOICES = [
    (Area.Level.COUNCIL_AREA.value, "Council area"),
    (Area.Level.INTERMEDIATE_ZONE.value, "Intermediate zone (community)"),
    (Area.Level.DATA_ZONE.value, "Data zone"),
]


class LocalIndicatorForm(forms.Form):
    name = forms.CharField(
        max_length=160, error_messages={"required": "Enter the indicator's name"}
    )
    definition = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what the indicator measures"},
    )
    unit = forms.CharField(
        max_length=80,
        help_text="For example, %, people, per 1,000 population.",
        error_messages={"required": "Enter the unit"},
    )
    decimals = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=MAX_DECIMALS,
        label="Decimal places shown (optional)",
        help_text="How many decimal places its values are shown with on pages and reports. "
        "Leave empty for the usual for its unit: 1 for %, rates and scores, 0 for people and "
        "money, 3 for a share from 0 to 1. Downloads keep every decimal.",
        error_messages={
            "invalid": f"Enter the decimal places as a whole number from 0 to {MAX_DECIMALS}",
            "min_value": f"Enter the decimal places as a whole number from 0 to {MAX_DECIMALS}",
            "max_value": f"Enter the decimal places as a whole number from 0 to {MAX_DECIMALS}",
        },
    )
    direction = forms.ChoiceField(
        choices=DIRECTION_CHOICES,
        widget=forms.RadioSelect,
        label="Which way is better?",
        error_messages={"required": "Choose which way is better"},
    )
    source = forms.CharField(
        max_length=300,
        help_text="Who produces the figures.",
        error_messages={"required": "Enter the source"},
    )
    frequency = forms.CharField(
        max_length=80,
        help_text="For example, yearly, quarterly.",
        error_messages={"required": "Enter how often it is reported"},
    )
    levels = forms.MultipleChoiceField(
        choices=LEVEL_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        label="Geographies it will be reported for",
        error_messages={"required": "Choose at least one geography"},
    )

    def __init__(self, *args, partnership: Partnership | None = None, **kwargs):
        super().__init__(*args, **kwargs)

    def higher_is_better(self) -> bool | None:
        return {"higher": True, "lower": False}.get(self.cleaned_data["direction"])
