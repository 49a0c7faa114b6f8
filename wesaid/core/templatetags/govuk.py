"""Template helpers for GOV.UK markup. Loaded into every template (settings TEMPLATES builtins)."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()

FIELDSET_WIDGETS = {"radioselect", "checkboxselectmultiple", "date"}


def first_input_id(field: BoundField) -> str:
    """Where the error summary's link should land for a field."""
    widget_type = field.widget_type
    if widget_type in {"radioselect", "checkboxselectmultiple"}:
        return f"{field.auto_id}_0"
    if widget_type == "date":
        return f"{field.auto_id}_0"
    return field.auto_id


@register.filter
def is_fieldset(field: BoundField) -> bool:
    return field.widget_type in FIELDSET_WIDGETS


@register.simple_tag
def govuk_widget(field: BoundField, classes: str = "") -> str:
    """Render a single-input widget with GOV.UK classes and the hint and error wired up."""
    widget_type = field.widget_type
    base = {
        "textarea": "govuk-textarea",
        "select": "govuk-select",
        "checkbox": "govuk-checkboxes__input",
    }.get(widget_type, "govuk-input")
    css = [base, *classes.split()]
    if field.errors and base != "govuk-checkboxes__input":
        css.append(f"{base}--error")
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    attrs = {"class": " ".join(c for c in css if c)}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.inclusion_tag("govuk/error_summary.html")
def govuk_error_summary(*forms):
    """The error summary at the top of a page, linking to each field with an error."""
    items = []
    for form in forms:
        if form is None or not form.is_bound:
            continue
        # A problem with the form as a whole links to its first box, as GOV.UK advises.
        visible = form.visible_fields()
        first = f"#{first_input_id(visible[0])}" if visible else ""
        for message in form.non_field_errors():
            items.append({"href": first, "message": message})
        for field in form:
            for message in field.errors:
                # A hidden field has nothing to jump to: its message stands alone.
                href = "" if field.is_hidden else f"#{first_input_id(field)}"
                items.append({"href": href, "message": message})
    return {"items": items}


@register.simple_tag(takes_context=True)
def other_language_url(context, language: str) -> str:
    """The same page in another language (Welsh pages live under /cy/)."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    return translate_url(path, language)


@register.simple_tag
def current_language() -> str:
    return get_language() or "en"


@register.filter
def bar_width(count: int, total: int) -> int:
    """A bar's width class (0-100) for a count out of a total."""
    if not total:
        return 0
    return round(100 * count / total)
