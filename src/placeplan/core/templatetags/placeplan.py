"""Template helpers for Scottish Government Design System markup."""

from django import template

from placeplan.core.numbers import (
    change_text,
    measure_value_text,
    number_text,
    percent_text,
    pounds_text,
)
from placeplan.core.untrusted import render_markdown

register = template.Library()


@register.filter
def ds_widget(field, css_class="ds_input"):
    """Render a form field's widget with a Design System class (``ds_input`` unless
    given) and the ARIA links to its hint and error message."""
    attrs = {"class": css_class}
    described = []
    if field.help_text:
        described.append(f"{field.id_for_label}-hint")
    if field.errors:
        described.append(f"{field.id_for_label}-error")
        attrs["aria-invalid"] = "true"
        if css_class.startswith("ds_input"):
            attrs["class"] += " ds_input--error"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def measure_number(value, measure):
    """A measure's value rounded to the measure's decimal places, with thousands
    separators (``core.numbers.measure_value_text``): ``{{ value|measure_number:measure }}``.
    Every page, report and pack shows measure values through it."""
    return measure_value_text(value, measure)


@register.filter
def fixed_number(value, decimals):
    """A figure that is not in a measure's unit (an index, a ratio) to ``decimals``
    places, with thousands separators; empty for no value."""
    if value is None or value == "":
        return ""
    return number_text(float(value), int(decimals))


@register.filter
def pounds(value):
    """An amount in whole pounds as people write it ("£12,500"): ``core.numbers.pounds_text``."""
    return pounds_text(value)


@register.filter
def money(value):
    """An amount to the penny when it has pence ("£12,500.05"): ``pounds_text(exact=True)``."""
    return pounds_text(value, exact=True)


@register.filter
def taken_by(step, names):
    """Who took a step (of a challenge), by the reader's display-name rule (``names``, a
    ``partnerships.selectors.PersonNames`` the view puts in the context); nothing when the
    page has no rule to apply."""
    if not names:
        return ""
    return names.of_user(step.by_id, step.by_name)


@register.filter
def percent(share):
    """A share (0 to 1) as a whole percentage: ``core.numbers.percent_text``."""
    return percent_text(share)


@register.filter
def change(percent):
    """A signed change in per cent: ``core.numbers.change_text``."""
    return change_text(percent)


@register.filter
def untrusted_markdown(text):
    """Text somebody wrote, as HTML through the sanitiser (``core.untrusted``): the only
    way Placeplan shows a resident's words as anything but plain text."""
    return render_markdown(text)
