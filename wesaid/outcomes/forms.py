from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DOMAIN_BENEFICIARY, Beneficiary, Domain, LibraryOutcome
from .selectors import library_outcomes

CHOOSE_BENEFICIARY = _("Choose who benefits from this outcome")
CHOOSE_DOMAIN = _("Choose what kind of difference it is")
ENTER_NAME = _("Enter a name for the outcome")
NAME_TOO_LONG = _("The name must be 120 characters or fewer")
EASY_READ_TOO_LONG = _("The easy-read wording must be 300 characters or fewer")
CHOOSE_FROM_LIST = _("Choose an outcome from the list, or none of these")


class LibraryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: LibraryOutcome) -> str:
        return obj.display_name


class OwnOutcomeForm(forms.Form):
    beneficiary = forms.ChoiceField(
        label=_("Who benefits?"),
        choices=Beneficiary.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_BENEFICIARY, "invalid_choice": CHOOSE_BENEFICIARY},
    )
    domain = forms.ChoiceField(
        label=_("What kind of difference is it?"),
        choices=Domain.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_DOMAIN, "invalid_choice": CHOOSE_DOMAIN},
    )
    name = forms.CharField(
        label=_("Name in English"),
        help_text=_("Short and plain, in the group's own words. For example, Feeling less alone."),
        max_length=120,
        widget=forms.TextInput(attrs={"lang": "en"}),
        error_messages={"required": ENTER_NAME, "max_length": NAME_TOO_LONG},
    )
    easy_read = forms.CharField(
        label=_("Easy read in English (optional)"),
        help_text=_(
            "Very short sentences and everyday words. For example, I have people to talk to."
        ),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "en"}),
        error_messages={"max_length": EASY_READ_TOO_LONG},
    )
    name_cy = forms.CharField(
        label=_("Name in Welsh (optional)"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"lang": "cy"}),
        error_messages={"max_length": NAME_TOO_LONG},
    )
    easy_read_cy = forms.CharField(
        label=_("Easy read in Welsh (optional)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "cy"}),
        error_messages={"max_length": EASY_READ_TOO_LONG},
    )
    closest_to = LibraryChoiceField(
        label=_("Which library outcome is it closest to? (optional)"),
        help_text=_("So your results can be put together with other organisations' later."),
        queryset=LibraryOutcome.objects.none(),
        required=False,
        empty_label=_("None of these"),
        to_field_name="code",
        error_messages={"invalid_choice": CHOOSE_FROM_LIST},
    )

    def __init__(self, *args, current: LibraryOutcome | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # A retired library outcome stays choosable only for the outcome already linked to it.
        choices = library_outcomes()
        if current is not None:
            choices = choices | LibraryOutcome.objects.filter(pk=current.pk)
        self.fields["closest_to"].queryset = choices
        self.govuk = {
            "domain": {
                "items": {
                    domain.value: {"hint": {"text": str(DOMAIN_BENEFICIARY[domain].label)}}
                    for domain in Domain
                }
            },
            "easy_read": {"component": "character-count"},
            "easy_read_cy": {"component": "character-count"},
        }
