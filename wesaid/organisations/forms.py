from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wesaid.core.roles import Role

from .models import Person


class PersonForm(forms.Form):
    display_name = forms.CharField(
        label=_("Name"),
        help_text=_("The name they like to be called."),
        max_length=200,
        error_messages={"required": _("Enter the person's name")},
    )
    roles = forms.MultipleChoiceField(
        label=_("What do they do here?"),
        help_text=_("Select all that apply."),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one thing they do here")},
    )
    email = forms.EmailField(
        label=_("Email address (optional)"),
        help_text=_(
            "Leave this empty if they do not use email. You can print them a sign-in card."
        ),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "invalid": _("Enter an email address in the right format, like name@example.com")
        },
    )
    phone = forms.CharField(
        label=_("Phone number (optional)"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "type": "tel"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Which language do they prefer?"),
        choices=Person.Language.choices,
        initial=Person.Language.ENGLISH,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the language they prefer")},
    )

    def __init__(self, *args, grantable_roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        if grantable_roles is not None:
            # Offer only the roles this organiser may give (wesaid.core.policy.roles_grantable_by).
            self.fields["roles"].choices = [
                (value, label) for value, label in Role.choices if value in grantable_roles
            ]


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        help_text=_("Select all that apply."),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one role")},
    )
