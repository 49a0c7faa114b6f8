from django import forms
from django.utils.translation import gettext_lazy as _

NOT_CONFIRMED = _("Tick the box to say you understand that erasing cannot be undone.")


class ConfirmErasureForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that erasing cannot be undone"),
        error_messages={"required": NOT_CONFIRMED},
    )
