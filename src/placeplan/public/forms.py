"""The public site's forms: the national comparison's choices and a resident's response
to a consultation."""

from django import forms

from placeplan.search import selectors as search


class ComparisonForm(forms.Form):
    """The national comparison's choices (query keys: measure, period, area). A value it
    does not know falls back, never an error: the first measure, the measure's latest
    period that is not a projection (``default_period_of``; else its latest), no area
    highlighted."""

    KEYS = ("measure", "period", "area")

    measure = forms.CharField(required=False)
    period = forms.CharField(required=False)
    area = forms.CharField(required=False)

    def __init__(self, query, *, measures, periods_of, areas, default_period_of=None):
        super().__init__({key: query[key] for key in self.KEYS if key in query})
        self.measures = measures
        self.periods_of = periods_of
        self.default_period_of = default_period_of
        self.areas = areas

    def choices(self) -> dict:
        """The measure (a Measure, or None when no national measure is loaded), its
        periods, the period (a label, or None when the measure has no values) and the area
        to highlight (an Area or None)."""
        self.is_valid()  # every field is optional text, so it always is
        asked = self.cleaned_data
        by_code = {measure.code: measure for measure in self.measures}
        measure = by_code.get(asked["measure"]) or next(iter(self.measures), None)
        periods = self.periods_of(measure) if measure else []
        default = self.default_period_of(measure) if measure and self.default_period_of else None
        if asked["period"] in periods:
            period = asked["period"]
        else:
            period = default or next(reversed(periods), None)
        area = next((a for a in self.areas if a.code == asked["area"]), None)
        return {"measure": measure, "periods": periods, "period": period, "area": area}


class SearchForm(forms.Form):
    """The site search's words (query key: q). Empty is allowed (the page then shows only
    the box); too long, or with a null character, is refused with a message."""

    q = forms.CharField(label="Search", required=False)

    def __init__(self, query):
        super().__init__({"q": query["q"]} if "q" in query else {}, auto_id="search-%s")

    def clean_q(self):
        text = self.cleaned_data["q"]
        problem = search.query_problem(text)
        if problem:
            raise forms.ValidationError(problem)
        return text


class ResponseForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        label="Your response",
        help_text="The partnership reads every response; it publishes a summary, never "
        "your words or your name. You may use simple formatting (*emphasis*, lists).",
        max_length=5000,
        error_messages={
            "required": "Enter your response",
            "max_length": "Keep your response to 5,000 characters",
        },
    )
