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


REQUIRED = {
    "controller": _("Enter who is responsible for the data"),
    "contact": _("Enter how people contact you about their data"),
    "dpo_contact": _("Enter how to contact your data protection officer"),
    "report_contact": _("Enter how people report a problem"),
    "reviewed_on": _("Enter when the statement was last reviewed"),
}


class PrivacyNoticeForm(forms.Form):
    controller = forms.CharField(max_length=200)
    contact = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    dpo_contact = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    extra_en = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    extra_cy = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        from .models import PrivacyNotice

        super().__init__(*args, **kwargs)
        _from_model(self, PrivacyNotice)


class AccessibilityStatementForm(forms.Form):
    status = forms.ChoiceField(widget=forms.RadioSelect)
    known_issues_en = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 5}))
    known_issues_cy = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 5}))
    report_contact = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        from wesaid.core.forms import DateField

        from .models import AccessibilityStatement

        super().__init__(*args, **kwargs)
        self.fields["reviewed_on"] = DateField(help_text=_("For example, 14 1 2027"))
        self.fields["status"].choices = AccessibilityStatement.Status.choices
        _from_model(self, AccessibilityStatement)


def _from_model(form: forms.Form, model) -> None:
    """Labels and help from the model's fields, and our own messages for what is required."""
    for name, field in form.fields.items():
        model_field = model._meta.get_field(name)
        field.label = model_field.verbose_name
        if model_field.help_text:
            field.help_text = model_field.help_text
        if name in REQUIRED:
            field.error_messages["required"] = REQUIRED[name]
