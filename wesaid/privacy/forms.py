from django import forms
from django.utils.translation import gettext_lazy as _

NOT_CONFIRMED = _("Tick the box to say you understand that erasing cannot be undone.")


class ConfirmErasureForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that erasing cannot be undone"),
        error_messages={"required": NOT_CONFIRMED},
    )


class RetentionForm(forms.Form):
    """One number of days per kind of data; people who left may be kept with no timer."""

    def __init__(self, *args, **kwargs):
        from wesaid.core.personal_data import Retention

        from .models import RETENTION_LABELS, SETTABLE

        super().__init__(*args, **kwargs)
        self.govuk = {}
        for kind in SETTABLE:
            optional = kind is Retention.PEOPLE
            self.fields[kind.value] = forms.IntegerField(
                label=RETENTION_LABELS[kind],
                help_text=_("Leave empty to keep them until someone erases them.")
                if optional
                else _("In days."),
                required=not optional,
                min_value=1,
                max_value=3650,
                error_messages={
                    "required": _("Enter a number of days"),
                    "invalid": _("Enter a whole number of days, like 30"),
                    "min_value": _("Enter at least 1 day"),
                    "max_value": _("Enter 3650 days (10 years) or fewer"),
                },
            )
            self.govuk[kind.value] = {
                "classes": "govuk-input--width-5",
                "suffix": {"text": _("days")},
                "inputmode": "numeric",
            }
