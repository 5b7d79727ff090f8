"""Template helpers for Scottish Government Design System markup."""

from django import template

register = template.Library()


@register.filter
def ds_widget(field, extra_class=""):
    """Render a form field's widget with the Design System's input class and the
    ARIA links to its hint and error message."""
    attrs = {"class": f"ds_input {extra_class}".strip()}
    described = []
    if field.help_text:
        described.append(f"{field.id_for_label}-hint")
    if field.errors:
        described.append(f"{field.id_for_label}-error")
        attrs["aria-invalid"] = "true"
        attrs["class"] += " ds_input--error"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
