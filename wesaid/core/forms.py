"""The one way forms are drawn: GOV.UK markup for every Django form.

``GovukFormRenderer`` makes ``{{ form }}`` render each field with its label, hint, error
message and the right GOV.UK classes (fieldsets for radios, checkboxes and dates). Pages show
the error summary with ``{% govuk_error_summary form %}`` (see core/templatetags/govuk.py).
"""

from __future__ import annotations

import datetime

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"


class DateInput(forms.MultiWidget):
    """Day, month and year in three boxes, as the GOV.UK date input pattern asks."""

    template_name = "govuk/widgets/date.html"

    def __init__(self, attrs=None):
        widgets = {
            "day": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 2}),
            "month": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 2}),
            "year": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 4}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


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
