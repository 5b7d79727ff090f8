"""Forms for improvement actions, their progress and recommendations. They validate
input; the rules live in services."""

from __future__ import annotations

from django import forms

from placeplan.core.forms import FilterChoiceField, date_field
from placeplan.delivery.models import ActionStatus, ImprovementAction, Recommendation
from placeplan.partnerships import selectors as partnership_selectors
from placeplan.partnerships.models import Body, Partner, Person
from placeplan.plans.models import Commitment, Outcome, OutcomeIndicator, Plan


class PartnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.organisation.name


class CommitmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.outcome.plan.title}: {obj.what[:90]}"


class OutcomeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.plan.title}: {obj.statement[:90]}"


class IndicatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.outcome.plan.title}: {obj.measure.name}, {obj.area.name}"


class ActionForm(forms.ModelForm):
    accountable_partner = PartnerChoiceField(
        queryset=None,
        label="Accountable partner",
        error_messages={"required": "Choose the accountable partner"},
    )
    commitment = CommitmentChoiceField(
        queryset=None, required=False, label="Plan commitment it delivers"
    )
    outcome = OutcomeChoiceField(queryset=None, required=False, label="Plan outcome it serves")
    indicator = IndicatorChoiceField(
        queryset=None, required=False, label="Plan indicator it should move"
    )
    start = date_field("Start date", required=False)
    due = date_field("Due date")

    class Meta:
        model = ImprovementAction
        fields = [
            "title",
            "improvement",
            "source",
            "recommendation",
            "commitment",
            "outcome",
            "indicator",
            "owner",
            "accountable_partner",
            "responsible_body",
            "start",
            "due",
            "status",
            "cancelled_reason",
        ]
        labels = {
            "title": "Action",
            "improvement": "What will improve",
            "source": "Where the action comes from",
            "recommendation": "Recommendation it answers",
            "owner": "Owner (the person who will see it done)",
            "responsible_body": "Responsible body",
            "cancelled_reason": "Why it was cancelled (when it is)",
        }
        widgets = {
            "improvement": forms.Textarea(attrs={"rows": 3}),
            "cancelled_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accountable_partner"].queryset = Partner.objects.filter(
            partnership=partnership
        ).select_related("organisation")
        self.fields["responsible_body"].queryset = Body.objects.filter(
            partnership=partnership
        ).order_by("name")
        self.fields["owner"].queryset = Person.objects.filter(partnership=partnership)
        self.fields["recommendation"].queryset = Recommendation.objects.filter(
            partnership=partnership
        )
        self.fields["commitment"].queryset = (
            Commitment.objects.filter(outcome__plan__partnership=partnership)
            .exclude(outcome__plan__status=Plan.Status.SUPERSEDED)
            .select_related("outcome__plan")
            .order_by("outcome__plan__title", "outcome__number", "number")
        )
        self.fields["outcome"].queryset = (
            Outcome.objects.filter(plan__partnership=partnership)
            .exclude(plan__status=Plan.Status.SUPERSEDED)
            .select_related("plan")
            .order_by("plan__title", "parent_id", "number")
        )
        self.fields["indicator"].queryset = (
            OutcomeIndicator.objects.filter(outcome__plan__partnership=partnership)
            .exclude(outcome__plan__status=Plan.Status.SUPERSEDED)
            .select_related("outcome__plan", "measure", "area")
            .order_by("outcome__plan__title", "measure__name", "area__name")
        )
        messages = {
            "title": "Enter the action",
            "improvement": "Enter what will improve",
            "source": "Choose where the action comes from",
            "responsible_body": "Choose the responsible body",
            "status": "Choose the status",
        }
        for name, message in messages.items():
            self.fields[name].error_messages["required"] = message


class ProgressUpdateForm(forms.Form):
    on = date_field("Date of the update")
    status = forms.ChoiceField(
        choices=ActionStatus.choices,
        label="Status from now on",
        error_messages={"required": "Choose the status"},
    )
    narrative = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Progress",
        help_text="What has been done, and what happens next.",
        error_messages={"required": "Say what progress has been made"},
    )
    cancelled_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Why it was cancelled (when it is)",
    )


class RecommendationForm(forms.ModelForm):
    made_on = date_field("Date of the report")

    class Meta:
        model = Recommendation
        fields = ["source_document", "reference", "text", "made_on"]
        labels = {"source_document": "Report", "reference": "Its number in the report"}
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_document"].error_messages["required"] = "Enter the report"
        self.fields["text"].error_messages["required"] = "Enter the recommendation"


STATUS_FILTERS = [
    ("open", "Open (not complete or cancelled)"),
    ("all", "Any status"),
    *ActionStatus.choices,
]


class ActionFilterForm(forms.Form):
    """The action list's filters (query keys: body, partner, status, layout). A value the
    list does not know means no filter (for status: open actions), never an error."""

    body = FilterChoiceField(queryset=Body.objects.none(), required=False)
    partner = FilterChoiceField(queryset=Partner.objects.none(), required=False)
    status = forms.CharField(required=False)
    layout = forms.CharField(required=False)

    def __init__(self, query, *, partnership):
        asked = {key: query[key] for key in ("body", "partner", "status", "layout") if key in query}
        super().__init__(asked)
        self.fields["body"].queryset = partnership_selectors.bodies_of(partnership=partnership)
        self.fields["partner"].queryset = partnership_selectors.partners_of(partnership=partnership)

    def clean_status(self) -> str:
        status = self.cleaned_data.get("status") or "open"
        return status if status in dict(STATUS_FILTERS) else "open"

    def clean_layout(self) -> str:
        return "board" if self.cleaned_data.get("layout") == "board" else "list"

    def filters(self) -> dict:
        """What the list is filtered by: body, partner, status ("open", "all" or one
        status) and layout ("list" or "board")."""
        self.is_valid()  # every field falls back to "no filter", so it always is
        return self.cleaned_data

    def label(self) -> str:
        """The list's choices in words, for its caption."""
        chosen = self.filters()
        status = chosen["status"]
        words = {"open": "open actions", "all": "every status"}.get(status)
        words = words or f"{ActionStatus(status).label.lower()} actions"
        if chosen["body"] is not None:
            words += f" of {chosen['body'].name}"
        if chosen["partner"] is not None:
            words += f" of {chosen['partner'].organisation.name}"
        return words
