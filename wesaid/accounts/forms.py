from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

# Error messages users can hit, reused by the tests.
WRONG_PASSWORD = _("The username or password is not right. Check them and try again.")
WRONG_CODE = _(
    "That code does not work. It may be mistyped, used already or out of date. "
    "Check it, or ask your facilitator for a new card."
)
WRONG_TOKEN = _("That code is not right. Enter the 6 numbers your app shows now, or a backup code.")
PASSWORDS_DIFFER = _("The two passwords are not the same")
WRONG_CURRENT_PASSWORD = _("Your current password is not right. Check it and try again.")


class SignInForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}
        ),
        error_messages={"required": _("Enter your username")},
    )
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password")},
    )


class CodeForm(forms.Form):
    govuk = {"code": {"classes": "govuk-input--width-20 wesaid-code-input"}}

    code = forms.CharField(
        label=_("Your sign-in code"),
        help_text=_(
            "It is on your card and looks like ABCD-EFGH-JK. Capital letters are not needed."
        ),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autocapitalize": "characters",
            }
        ),
        error_messages={"required": _("Enter the code from your card")},
    )


class EmailLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the right format, like name@example.com"),
        },
    )


class TokenForm(forms.Form):
    govuk = {"token": {"classes": "govuk-input--width-10"}}

    token = forms.CharField(
        label=_("Code"),
        help_text=_("The 6 numbers from your authenticator app, or one of your backup codes."),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "spellcheck": "false"}
        ),
        error_messages={"required": _("Enter the code from your app or a backup code")},
    )

    def __init__(self, *args, member: bool = False, setting_up: bool = False, **kwargs):
        """``member``: plain words for someone who chose the extra step. ``setting_up``: there
        are no backup codes yet, so the hint names only the app."""
        super().__init__(*args, **kwargs)
        token = self.fields["token"]
        if setting_up:
            token.help_text = (
                _("The 6 numbers the app on your phone shows.")
                if member
                else _("The 6 numbers from your authenticator app.")
            )
            token.error_messages["required"] = _("Enter the 6 numbers from your app")
        elif member:
            token.help_text = _(
                "The 6 numbers the app on your phone shows, or one of your spare codes."
            )
            token.error_messages["required"] = _("Enter the numbers from your app or a spare code")


class SetPasswordForm(forms.Form):
    """A first password, or a new one: changing a password asks for the current one, so whoever
    holds a sign-in card cannot lock the owner out."""

    current_password = forms.CharField(
        label=_("Current password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your current password")},
    )
    password = forms.CharField(
        label=_("New password"),
        help_text=_(
            "At least 10 characters. A few words together are easy to remember and hard to guess."
        ),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Enter a new password")},
    )
    password_again = forms.CharField(
        label=_("Type the new password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Type the new password again")},
    )

    field_order = ["current_password", "password", "password_again"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            del self.fields["current_password"]  # a first password, after a card or a link

    def clean_current_password(self):
        typed = self.cleaned_data["current_password"]
        if not self.user.check_password(typed):
            raise forms.ValidationError(WRONG_CURRENT_PASSWORD)
        return typed

    def clean(self):
        data = super().clean()
        if (
            data.get("password")
            and data.get("password_again")
            and data["password"] != data["password_again"]
        ):
            self.add_error("password_again", PASSWORDS_DIFFER)
        return data
