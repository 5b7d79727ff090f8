"""Form pieces every app shares: the date field, bounded to the era of community planning."""

from __future__ import annotations

from django import forms

from placeplan.core.parsing import DATE_MAX, DATE_MIN, validate_era_date

DATE_HINT = "For example, 2026-11-23 (year, month, day)."


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        attrs = {"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat(), **(attrs or {})}
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label: str, **kwargs) -> forms.DateField:
    """A date a person types, refused with a form error outside 1990 to 2100 (a year-1
    meeting would otherwise break its pack, and far dates overflow date arithmetic)."""
    return forms.DateField(
        label=label,
        widget=DateInput(),
        help_text=kwargs.pop("help_text", DATE_HINT),
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a real date, for example 2026-11-23",
        },
        validators=[validate_era_date, *kwargs.pop("validators", [])],
        **kwargs,
    )


class FilterChoiceField(forms.ModelChoiceField):
    """A list filter's choice: a value it does not know (another partnership's id, a
    mistyped address) means "no filter", not an error, so the whole list is shown."""

    def clean(self, value):
        try:
            return super().clean(value)
        except forms.ValidationError:
            return None


class _GroupedIterator(forms.models.ModelChoiceIterator):
    """The queryset's choices in ``<optgroup>``s, one per ``field.group_of(obj)`` in the
    order the queryset gives them (order it by the group first)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[str, list] = {}
        queryset = self.queryset
        if not queryset._prefetch_related_lookups:
            queryset = queryset.iterator()
        for obj in queryset:
            groups.setdefault(self.field.group_of(obj), []).append(self.choice(obj))
        yield from groups.items()


class GroupedModelChoiceField(forms.ModelChoiceField):
    """A choice of records shown in groups (``<optgroup label="…">``): ``group_of`` gives
    a record's group's label. What may be chosen is still the whole queryset."""

    iterator = _GroupedIterator

    def __init__(self, *args, group_of, **kwargs):
        self.group_of = group_of
        super().__init__(*args, **kwargs)
