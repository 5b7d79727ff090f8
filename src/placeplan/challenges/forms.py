"""Forms of the challenge log: raising a challenge, answering it, and accepting or
escalating the answer. They validate input; the rules live in the services."""

from __future__ import annotations

from django import forms

from placeplan.core.forms import GroupedModelChoiceField, date_field
from placeplan.delivery.models import ImprovementAction
from placeplan.meetings import selectors as meeting_selectors
from placeplan.meetings.models import AgendaItem, Meeting
from placeplan.partnerships import selectors as partnership_selectors
from placeplan.partnerships.models import Partner
from placeplan.plans.models import OutcomeIndicator, Plan


class IndicatorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.measure.name}, {obj.area.name} ({obj.outcome.plan.title})"


class PartnerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.organisation.name


class ChallengeForm(forms.Form):
    question = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Challenge",
        help_text="What you are asking, and why: for example what the evidence shows.",
        error_messages={"required": "Enter the challenge"},
    )
    to_partner = PartnerChoice(queryset=None, required=False, label="Addressed to a partner")
    to_body = forms.ModelChoiceField(queryset=None, required=False, label="or addressed to a body")
    answer_due = date_field("Date the answer is due")
    raised_by_body = forms.ModelChoiceField(queryset=None, required=False, label="Raised by (body)")
    indicator = IndicatorChoice(queryset=None, required=False, label="About an indicator")
    action = forms.ModelChoiceField(queryset=None, required=False, label="About an action")
    meeting = forms.ModelChoiceField(queryset=None, required=False, label="Raised at a meeting")
    # Items grouped by their meeting (body and date), in meeting date order.
    agenda_item = GroupedModelChoiceField(
        queryset=None,
        required=False,
        label="Under the agenda item",
        group_of=lambda item: str(item.meeting),
    )
    is_public = forms.BooleanField(
        required=False, initial=True, label="Show it, with its answers, on the public log"
    )

    def __init__(self, *args, partnership, user, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = partnership_selectors.bodies_of(partnership=partnership)
        self.fields["to_partner"].queryset = Partner.objects.filter(
            partnership=partnership
        ).select_related("organisation")
        self.fields["to_body"].queryset = bodies
        # Only the bodies the person sits on (every body for support officers).
        self.fields["raised_by_body"].queryset = partnership_selectors.bodies_acting_for(
            user=user, partnership=partnership
        )
        self.fields["indicator"].queryset = (
            OutcomeIndicator.objects.filter(outcome__plan__partnership=partnership)
            .exclude(outcome__plan__status=Plan.Status.SUPERSEDED)
            .select_related("measure", "area", "outcome__plan")
        )
        self.fields["action"].queryset = ImprovementAction.objects.filter(
            partnership=partnership
        ).order_by("title")
        self.fields["meeting"].queryset = Meeting.objects.filter(
            body__partnership=partnership
        ).select_related("body")
        # Confidential items only for the body's members (``sees_confidential``).
        hidden = meeting_selectors.confidential_item_ids(partnership=partnership, user=user)
        self.fields["agenda_item"].queryset = (
            AgendaItem.objects.filter(meeting__body__partnership=partnership)
            .exclude(pk__in=hidden)
            .select_related("meeting__body")
            .order_by("meeting__starts_at", "meeting__pk", "number")
        )

    def clean(self):
        data = super().clean()
        if bool(data.get("to_partner")) == bool(data.get("to_body")):
            self.add_error("to_partner", "Choose a partner or a body to address it to")
        return data


class AnswerForm(forms.Form):
    on = date_field("Date of the answer")
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Answer",
        error_messages={"required": "Enter the answer"},
    )
    actions = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Improvement actions the answer commits to",
        help_text="Add a new action from Improvement actions first if it is not listed.",
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = (
            ImprovementAction.objects.filter(partnership=partnership)
            .exclude(status__in=["complete", "cancelled"])
            .order_by("title")
        )


class AcceptForm(forms.Form):
    on = date_field("Date the answer was accepted")
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Comment (optional)"
    )

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)


class EscalateForm(forms.Form):
    on = date_field("Date of the escalation")
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Why the answer is not accepted",
        error_messages={"required": "Say why the answer is not accepted"},
    )
    answer_due = date_field("Date the new answer is due")

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
