"""The one way forms are drawn: every Django form field through a GOV.UK component.

``GovukFormRenderer`` makes ``{{ form }}`` and ``{{ field.as_field_group }}`` draw each field
with ``field_component``: a bound field becomes the params of the right GOV.UK macro (label,
hint, error message, value, items with their checked state), rendered by
``wesaid.core.components``. Display options are GOV.UK params too, given where the field is
drawn (``{% govuk_field form.feeling fieldset.legend.isPageHeading=True %}``) or once per form
class in a ``govuk`` mapping::

    class AnswerForm(forms.Form):
        govuk = {"feeling": {"fieldset": {"legend": {"classes": "govuk-fieldset__legend--l"}}}}

For a field with choices, ``items`` may be a mapping from a choice's value to what to add to
that item (a ``hint``, a ``conditional`` reveal); a list replaces the items. The one key that
is not a GOV.UK param, ``component``, draws a field with another component (for example
``"character-count"`` for a Textarea). Pages show the error summary with
``{% govuk_error_summary form %}``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django import forms
from django.forms import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import components


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"


# Which component draws each Django widget (BoundField.widget_type).
WIDGET_COMPONENTS = {
    "text": "input",
    "email": "input",
    "password": "input",
    "number": "input",
    "url": "input",
    "search": "input",
    "tel": "input",
    "textarea": "textarea",
    "select": "select",
    "radioselect": "radios",
    "checkboxselectmultiple": "checkboxes",
    "checkbox": "checkboxes",
    "date": "date-input",
    "file": "file-upload",
    "clearablefile": "file-upload",
}
# Widget attributes that the GOV.UK macros take as params of their own.
OWN_PARAMS = {"autocomplete", "inputmode", "spellcheck", "autocapitalize", "pattern", "rows"}
# Legends are small bold text unless a page says otherwise (as before this library).
DEFAULT_LEGEND_CLASSES = "govuk-fieldset__legend--s"


def first_input_id(field: BoundField) -> str:
    """Where the error summary's link for a field lands: its first box or option."""
    if field.widget_type in {"radioselect", "checkboxselectmultiple", "date"}:
        return f"{field.auto_id}_0"
    return field.auto_id


def field_component(field: BoundField, options: Mapping[str, Any] | None = None):
    """The component name and GOV.UK params that draw one bound field."""
    form_options = getattr(field.form, "govuk", {}).get(field.name, {})
    options = components.merge(form_options, options or {})
    name = options.pop("component", None) or WIDGET_COMPONENTS.get(field.widget_type)
    if name is None:
        raise ValueError(
            f"No GOV.UK component draws the {field.widget_type!r} widget of {field.name!r}: "
            "add it to WIDGET_COMPONENTS or give a component"
        )
    params = _builder_for(field, name)(field, name)
    item_options = options.pop("items", None)
    if isinstance(item_options, Mapping):
        params["items"] = [
            components.merge(item, item_options.get(str(item.get("value")), {}))
            for item in params["items"]
        ]
    elif item_options is not None:
        params["items"] = item_options
    return name, components.merge(params, options)


def render_field(field: BoundField, options: Mapping[str, Any] | None = None) -> SafeString:
    if field.is_hidden:
        return SafeString(str(field))
    name, params = field_component(field, options)
    return components.render(name, params)


def _hint(field: BoundField) -> dict[str, Any]:
    return {"hint": {"text": str(field.help_text)}} if field.help_text else {}


def _error(field: BoundField) -> dict[str, Any]:
    if not field.errors:
        return {}
    return {"errorMessage": components.lines([str(e) for e in field.errors])}


def _attributes(field: BoundField) -> tuple[dict[str, Any], dict[str, Any]]:
    """The widget's attributes split into the macro's own params and other attributes."""
    own: dict[str, Any] = {}
    other: dict[str, Any] = {}
    for key, value in field.field.widget.attrs.items():
        if key in OWN_PARAMS:
            own[key] = (
                {"true": True, "false": False}.get(value, value) if key == "spellcheck" else value
            )
        elif key not in {"class", "type", "cols"}:  # cols: the GOV.UK textarea is full width
            other[key] = value
    if field.field.disabled:
        own["disabled"] = True
    classes = field.field.widget.attrs.get("class")
    if classes:
        own["classes"] = classes
    if other:
        own["attributes"] = other
    return own, other


def _single_input(field: BoundField, name: str) -> dict[str, Any]:
    widget = field.field.widget
    own, _other = _attributes(field)
    params: dict[str, Any] = {
        "id": field.auto_id,
        "name": field.html_name,
        "label": {"text": str(field.label)},
        **_hint(field),
        **_error(field),
        **own,
    }
    if name == "input":
        params["type"] = widget.attrs.get("type", getattr(widget, "input_type", "text"))
    if name == "file-upload":
        if getattr(widget, "allow_multiple_selected", False):
            params["multiple"] = True
        return params
    value = field.value()
    if isinstance(widget, forms.PasswordInput) and not widget.render_value:
        value = None
    value = widget.format_value(value)
    if value not in (None, ""):
        params["value"] = str(value)
    if name == "character-count" and getattr(field.field, "max_length", None):
        params["maxlength"] = field.field.max_length
    return params


def _choices(field: BoundField, name: str) -> dict[str, Any]:
    own, _other = _attributes(field)
    items = [
        {
            "value": str(option.data["value"]),
            "text": str(option.choice_label),
            "id": option.id_for_label,
            ("selected" if name == "select" else "checked"): bool(option.data["selected"]),
        }
        for option in field.subwidgets
    ]
    params: dict[str, Any] = {
        "name": field.html_name,
        "items": items,
        **_hint(field),
        **_error(field),
    }
    if name == "select":
        return {"id": field.auto_id, "label": {"text": str(field.label)}, **params, **own}
    return {
        "idPrefix": field.auto_id,
        "fieldset": {"legend": {"text": str(field.label), "classes": DEFAULT_LEGEND_CLASSES}},
        **params,
        **own,
    }


def _single_checkbox(field: BoundField, name: str) -> dict[str, Any]:
    """A lone checkbox (a BooleanField): one small checkbox, its label the field's label."""
    own, _other = _attributes(field)
    item: dict[str, Any] = {
        "value": "on",
        "text": str(field.label),
        "id": field.auto_id,
        "checked": bool(field.value()),
    }
    if field.help_text:
        item["hint"] = {"text": str(field.help_text)}
    return {
        "idPrefix": field.auto_id,
        "name": field.html_name,
        "classes": "govuk-checkboxes--small",
        "items": [item],
        **_error(field),
        **own,
    }


def date_items(
    widget: forms.MultiWidget, name: str, value: Any, id_: str, *, error: bool = False
) -> list[dict[str, Any]]:
    """The date input's three boxes, named and numbered as Django reads them back."""
    context = widget.get_context(name, value, {"id": id_})
    labels = [gettext("Day"), gettext("Month"), gettext("Year")]
    widths = ["govuk-input--width-2", "govuk-input--width-2", "govuk-input--width-4"]
    items = []
    for sub, label, width in zip(context["widget"]["subwidgets"], labels, widths, strict=True):
        item = {
            "id": sub["attrs"]["id"],
            "name": sub["name"],
            "label": label,
            "classes": width + (" govuk-input--error" if error else ""),
        }
        if sub["value"] not in (None, ""):
            item["value"] = str(sub["value"])
        items.append(item)
    return items


def _date(field: BoundField, name: str) -> dict[str, Any]:
    items = date_items(
        field.field.widget, field.html_name, field.value(), field.auto_id, error=bool(field.errors)
    )
    return {
        "id": field.auto_id,
        "fieldset": {"legend": {"text": str(field.label), "classes": DEFAULT_LEGEND_CLASSES}},
        "items": items,
        **_hint(field),
        **_error(field),
    }


BUILDERS = {
    "radios": _choices,
    "checkboxes": _choices,
    "select": _choices,
    "date-input": _date,
}


def _builder_for(field: BoundField, name: str):
    if field.widget_type == "checkbox" and name == "checkboxes":
        return _single_checkbox
    return BUILDERS.get(name, _single_input)


def error_summary_params(*forms_: forms.BaseForm | None) -> dict[str, Any] | None:
    """The error summary for some forms, linking each message to its field's first input."""
    errors = []
    for form in forms_:
        if form is None or not form.is_bound:
            continue
        # A problem with the form as a whole links to its first box, as GOV.UK advises.
        visible = form.visible_fields()
        first = f"#{first_input_id(visible[0])}" if visible else ""
        for message in form.non_field_errors():
            errors.append({"text": str(message), **({"href": first} if first else {})})
        for field in form:
            for message in field.errors:
                # A hidden field has nothing to jump to: its message stands alone.
                item = {"text": str(message)}
                if not field.is_hidden:
                    item["href"] = f"#{first_input_id(field)}"
                errors.append(item)
    if not errors:
        return None
    return {"titleText": gettext("There is a problem"), "errorList": errors}


class DateInput(forms.MultiWidget):
    """Day, month and year in three boxes, as the GOV.UK date input pattern asks.

    A form draws it with its label and fieldset through ``field_component``; drawn on its own
    (``{{ form.starts_on }}``) it is the bare date input component.
    """

    def __init__(self, attrs=None):
        widgets = {
            "day": forms.TextInput(attrs={"inputmode": "numeric"}),
            "month": forms.TextInput(attrs={"inputmode": "numeric"}),
            "year": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def render(self, name, value, attrs=None, renderer=None):
        id_ = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        items = date_items(self, name, value, id_)
        return components.render("date-input", {"id": id_, "items": items})


class DateField(forms.MultiValueField):
    """A date typed as day, month and year, with errors that say which part is wrong."""

    widget = DateInput
    default_error_messages = {
        "required": _("Enter a date"),
        "incomplete": _("The date must include a day, month and year"),
        "invalid": _("The date must be a real date, for example 27 3 2026"),
    }

    def __init__(self, **kwargs):
        fields = (
            forms.IntegerField(min_value=1, max_value=31),
            forms.IntegerField(min_value=1, max_value=12),
            forms.IntegerField(min_value=1900, max_value=2200),
        )
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def clean(self, value):
        # One plain message for the whole date rather than one per box.
        parts = [str(part).strip() if part is not None else "" for part in (value or [])]
        parts += [""] * (3 - len(parts))
        if not any(parts):
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return None
        if not all(parts):
            raise forms.ValidationError(self.error_messages["incomplete"], code="incomplete")
        try:
            day, month, year = (int(part) for part in parts)
            if not 1900 <= year <= 2200:
                raise ValueError(year)
            return datetime.date(year, month, day)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def compress(self, data_list):  # pragma: no cover - clean() above does the work
        raise NotImplementedError
