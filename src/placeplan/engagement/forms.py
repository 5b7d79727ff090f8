"""Forms for engagement: activities, themes and "we did", the summary of responses and
Place Standard results (a resident's response is the public site's form). They validate
input; the rules live in services."""

from __future__ import annotations

import csv
import io

from django import forms
from django.db.models import Q

from placeplan.core.forms import date_field
from placeplan.delivery.models import ImprovementAction
from placeplan.engagement.models import (
    PLACE_STANDARD_THEMES,
    SCORE_MAX,
    SCORE_MIN,
    THEME_LABELS,
    Activity,
    Theme,
)
from placeplan.partnerships.models import Body, Locality
from placeplan.places.models import Area
from placeplan.plans.models import Commitment, Outcome, Plan

UPLOAD_MAX_BYTES = 1_000_000


class ActivityForm(forms.ModelForm):
    starts_on = date_field("Opened on")
    ends_on = date_field("Closed on")

    class Meta:
        model = Activity
        fields = [
            "title",
            "kind",
            "body",
            "purpose",
            "who_asked",
            "method",
            "starts_on",
            "ends_on",
            "participants",
            "takes_responses",
            "status",
        ]
        labels = {
            "title": "Name of the activity",
            "kind": "Kind of activity",
            "body": "Body that ran it",
            "purpose": "Purpose",
            "status": "Draft or published",
        }
        help_texts = {
            "status": "Published activities are on the partnership's public pages; "
            "residents' responses never are.",
        }
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "who_asked": forms.Textarea(attrs={"rows": 2}),
            "method": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, partnership, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        body.queryset = (
            bodies if bodies is not None else Body.objects.filter(partnership=partnership)
        ).order_by("name")
        if bodies is not None:
            # A body's chair or lead officer records their own body's activities only.
            body.required = True
            body.error_messages["required"] = "Choose the body that ran it"
        else:
            body.empty_label = "The partnership as a whole"
        messages = {
            "title": "Enter the name of the activity",
            "kind": "Choose the kind of activity",
            "purpose": "Enter its purpose",
            "who_asked": "Say who was asked",
            "method": "Say how people were asked",
            "status": "Choose draft or published",
        }
        for name, message in messages.items():
            self.fields[name].error_messages["required"] = message


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["title", "said", "raised_by"]
        widgets = {"said": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = "Enter the theme"
        self.fields["said"].error_messages["required"] = "Say what people said"
        self.fields["raised_by"].error_messages["required"] = "Enter how many people raised it"


class OutcomeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        kind = "Priority" if obj.is_priority else "Outcome"
        return f"{obj.plan.title}: {kind}: {obj.statement[:90]}"


class CommitmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.outcome.plan.title}: {obj.what[:90]}"


class WeDidForm(forms.Form):
    we_did = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What we did",
        help_text="The change made because of what people said: link it below.",
    )
    outcome = OutcomeChoiceField(
        queryset=Outcome.objects.none(), required=False, label="Plan outcome or priority it changed"
    )
    commitment = CommitmentChoiceField(
        queryset=Commitment.objects.none(), required=False, label="Plan commitment it changed"
    )
    action = forms.ModelChoiceField(
        queryset=ImprovementAction.objects.none(),
        required=False,
        label="Improvement action it led to",
    )
    no_action_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Or: why we did not act",
        help_text="Leave “What we did” and the links empty when you give a reason.",
    )
    responded_on = date_field("Date recorded")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        current = ~Q(plan__status=Plan.Status.SUPERSEDED)
        self.fields["outcome"].queryset = (
            Outcome.objects.filter(current, plan__partnership=partnership)
            .select_related("plan")
            .order_by("plan__title", "parent_id", "number")
        )
        self.fields["commitment"].queryset = (
            Commitment.objects.filter(outcome__plan__partnership=partnership)
            .exclude(outcome__plan__status=Plan.Status.SUPERSEDED)
            .select_related("outcome__plan")
            .order_by("outcome__plan__title", "outcome__number", "number")
        )
        self.fields["action"].queryset = ImprovementAction.objects.filter(
            partnership=partnership
        ).order_by("title")


class SummaryForm(forms.Form):
    response_summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        label="Summary of the responses",
        help_text="Published on the activity's public page. Do not quote anyone who could be "
        "identified; the responses themselves stay private.",
        error_messages={"required": "Enter the summary of the responses"},
    )

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)


class PlaceChoiceMixin(forms.Form):
    locality = forms.ModelChoiceField(
        queryset=Locality.objects.none(), required=False, label="Locality"
    )
    community = forms.ModelChoiceField(
        queryset=Area.objects.none(),
        required=False,
        label="Or a community",
        help_text="Choose a locality or a community, not both.",
    )

    def _places(self, partnership):
        self.fields["locality"].queryset = Locality.objects.filter(partnership=partnership)
        self.fields["community"].queryset = Area.objects.filter(
            level=Area.Level.INTERMEDIATE_ZONE, council_area=partnership.council_area
        ).order_by("name")


def score_field_name(theme: str) -> str:
    return theme


def respondents_field_name(theme: str) -> str:
    return f"{theme}_respondents"


class PlaceStandardSummaryForm(PlaceChoiceMixin):
    """A score (1 to 7, one decimal place) and a number of respondents for each theme."""

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self._places(partnership)
        for key, label in PLACE_STANDARD_THEMES:
            self.fields[score_field_name(key)] = forms.DecimalField(
                label=f"{label}: score",
                min_value=SCORE_MIN,
                max_value=SCORE_MAX,
                decimal_places=1,
                max_digits=2,
                error_messages={
                    "required": f"Enter the score for {label}",
                    "invalid": f"Enter the score for {label} as a number from 1 to 7",
                    "min_value": f"The score for {label} is from 1 to 7",
                    "max_value": f"The score for {label} is from 1 to 7",
                    "max_decimal_places": f"Give the score for {label} to one decimal place",
                    "max_digits": f"The score for {label} is from 1 to 7",
                },
            )
            self.fields[respondents_field_name(key)] = forms.IntegerField(
                label=f"{label}: number of respondents",
                min_value=1,
                error_messages={
                    "required": f"Enter how many people scored {label}",
                    "invalid": f"Enter how many people scored {label} as a whole number",
                    "min_value": f"At least 1 person scored {label}",
                },
            )

    def theme_rows(self):
        """The form's fields a theme a row (for the table layout)."""
        return [
            (label, self[score_field_name(key)], self[respondents_field_name(key)])
            for key, label in PLACE_STANDARD_THEMES
        ]

    def scores(self) -> dict[str, tuple]:
        data = self.cleaned_data
        return {
            key: (data[score_field_name(key)], data[respondents_field_name(key)])
            for key, _ in PLACE_STANDARD_THEMES
        }


class PlaceStandardUploadForm(PlaceChoiceMixin):
    """Every respondent's scores as a CSV file: a row a respondent, a column a theme (its
    name as in the tool, e.g. "Moving around"), whole scores from 1 to 7, blank where a
    respondent gave none."""

    file = forms.FileField(
        label="Respondents' scores (CSV)",
        help_text="A row for each respondent and a column for each theme, headed with the "
        "theme's name (“Moving around”, “Public transport” …); whole scores from 1 to 7.",
        error_messages={"required": "Choose the CSV file of the respondents' scores"},
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self._places(partnership)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > UPLOAD_MAX_BYTES:
            raise forms.ValidationError("The file is too large: keep it under 1 MB.")
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as bad:
            raise forms.ValidationError("The file is not a CSV file in UTF-8.") from bad
        by_label = {label.casefold(): key for key, label in PLACE_STANDARD_THEMES}
        by_label.update({key: key for key in THEME_LABELS})
        reader = csv.DictReader(io.StringIO(text))
        headers = [h.strip() for h in (reader.fieldnames or [])]
        unknown = [h for h in headers if h and h.casefold() not in by_label]
        if not headers or unknown:
            raise forms.ValidationError(
                "Head each column with a theme's name"
                + (f": “{unknown[0]}” is not one." if unknown else ".")
            )
        respondents = []
        for row in reader:
            answers = {
                by_label[(k or "").strip().casefold()]: (v or "").strip()
                for k, v in row.items()
                if k and k.strip()
            }
            if any(answers.values()):
                respondents.append(answers)
        if not respondents:
            raise forms.ValidationError("The file has no respondents' scores.")
        return respondents
