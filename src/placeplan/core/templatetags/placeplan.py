"""Template helpers for Scottish Government Design System markup."""

from django import template

from placeplan.core.numbers import change_text, number_text, percent_text

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
def plan_number(value):
    """A value as people write it (see ``core.numbers.number_text``)."""
    if value is None or value == "":
        return ""
    return number_text(value)


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
