"""Forms for importing data and for partner systems' API tokens."""

from django import forms

from placeplan.partnerships.models import Partner


class UploadForm(forms.Form):
    file = forms.FileField(
        label="File of values",
        help_text="A .csv or .xlsx file with the template's columns: measure, area_code, "
        "period, value, and optionally numerator, denominator, kind and source.",
    )


class TokenForm(forms.Form):
    partner = forms.ModelChoiceField(
        label="Partner", queryset=Partner.objects.none(), help_text="Whose system will use it."
    )
    name = forms.CharField(
        label="What the token is for", max_length=120, help_text="For example the system's name."
    )
    expires_on = forms.DateField(
        label="Works until (optional)",
        required=False,
        help_text="The last day the token works, at most a year ahead, e.g. 31/3/2027. "
        "Leave empty for a year from today.",
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partnership.partners.select_related("organisation")
        self.fields["partner"].label_from_instance = lambda partner: partner.organisation.name
