from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Feeling


class CheckInForm(forms.Form):
    title = forms.CharField(
        label=_("Name of the check-in"),
        help_text=_("For example, the session's date or topic."),
        max_length=200,
        error_messages={"required": _("Enter a name for the check-in")},
    )


class AnswerForm(forms.Form):
    # The question is the page's heading (GOV.UK params; see wesaid.core.forms).
    govuk = {
        "feeling": {
            "fieldset": {"legend": {"isPageHeading": True, "classes": "govuk-fieldset__legend--l"}}
        }
    }

    feeling = forms.TypedChoiceField(
        coerce=int,
        choices=[(f.value, f.label) for f in reversed(Feeling)],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how the session felt"),
            "invalid_choice": _("Choose one of the answers"),
        },
    )
    submission_id = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Please send the form again"),
            "invalid": _("Please send the form again"),
        },
    )

    def __init__(self, *args, question: str, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("submission_id", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.fields["feeling"].label = question
