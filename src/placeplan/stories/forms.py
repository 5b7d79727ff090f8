"""Forms of Stories of Place: a section's text (written directly, or proposed by a
resident), the sections' headings and order, a moderator's decision, a community asset."""

from __future__ import annotations

from django import forms

from placeplan.stories.models import Asset

MARKDOWN_HINT = (
    "Plain text. You may use *italics*, **bold**, lists (a line starting with - ) and links "
    "written as [words](https://address); anything else is shown as you typed it."
)


def _text_field(label: str, hint: str = MARKDOWN_HINT, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=hint,
        error_messages={"required": "Enter the text for this section"},
    )


class SectionTextForm(forms.Form):
    """Someone with a role in the partnership writes a section's text."""

    text = _text_field("Text of the section")
    note = forms.CharField(label="What you changed (optional)", required=False, max_length=300)

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)


class ProposalForm(forms.Form):
    """A resident proposes a section's text."""

    text = _text_field("Your text for this section")
    note = forms.CharField(
        label="Why you propose this change (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The moderators read this; it is not published.",
    )


class SectionsForm(forms.Form):
    """Every section's heading and place in the story."""

    def __init__(self, *args, sections, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        count = len(sections)
        for section in sections:
            self.fields[f"heading_{section.pk}"] = forms.CharField(
                label=f"Heading of “{section.get_evidence_display()}”",
                max_length=120,
                initial=section.heading,
                error_messages={"required": "Enter a heading for every section"},
            )
            self.fields[f"position_{section.pk}"] = forms.TypedChoiceField(
                label=f"Place of “{section.get_evidence_display()}” in the story",
                choices=[(n, str(n)) for n in range(1, count + 1)],
                coerce=int,
                initial=section.position,
            )

    def headings(self) -> dict[int, tuple[str, int]]:
        data = self.cleaned_data
        return {s.pk: (data[f"heading_{s.pk}"], data[f"position_{s.pk}"]) for s in self.sections}


class DecisionForm(forms.Form):
    """A moderator's decision on a proposal: publish (as written or edited) or not."""

    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Publish it"), ("reject", "Do not publish it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to publish the proposal"},
    )
    text = _text_field(
        "Text to publish",
        hint="You may edit the resident's text before publishing it. " + MARKDOWN_HINT,
        required=False,
    )
    over_newer = forms.BooleanField(
        label="I have compared it with the current text and publish it over the newer version",
        required=False,
    )
    reason = forms.CharField(
        label="Why not (the resident sees this)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, stale: bool = False, with_text: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not stale:
            del self.fields["over_newer"]
        if not with_text:
            del self.fields["text"]

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Say why: the resident will see this")
        if (
            data.get("decision") == "approve"
            and "text" in self.fields
            and not (data.get("text") or "").strip()
        ):
            self.add_error("text", "Enter the text to publish")
        return data


class AssetForm(forms.Form):
    """A community asset, put forward by a resident or added by staff."""

    community = forms.ModelChoiceField(
        queryset=None,
        label="Community",
        error_messages={"required": "Choose the community it is in"},
    )
    category = forms.ChoiceField(
        label="What kind of asset",
        choices=[("", "Choose…"), *Asset.Category.choices],
        error_messages={"required": "Choose what kind of asset it is"},
    )
    name = forms.CharField(
        label="Name",
        max_length=150,
        error_messages={"required": "Enter the asset's name"},
    )
    description = forms.CharField(
        label="What it offers (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MARKDOWN_HINT,
    )

    def __init__(self, *args, story, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = story.locality.communities.order_by("name")
