from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wesaid.core.forms import DateField

from .models import Band, Study, Way

DONT_KNOW = "dont_know"
SCORE_CHOICES = [(str(n), str(n)) for n in range(9, 0, -1)]
CHOOSE_SCORE = _("Choose how important this is, or “I don't know”")
BAND_WORDS = {
    Band.VERY_IMPORTANT: _("Very important"),
    Band.IMPORTANT: _("Important"),
    Band.NOT_IMPORTANT: _("Not important"),
}


class StudyForm(forms.Form):
    title = forms.CharField(
        label=_("Name"),
        help_text=_("For example, “What a good result looks like for us”."),
        max_length=200,
        error_messages={"required": _("Enter a name")},
    )
    rule = forms.ChoiceField(
        label=_("Whose agreement decides?"),
        choices=Study.Rule.choices,
        initial=Study.Rule.LIVED_EXPERIENCE_AND_CARERS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whose agreement decides")},
    )
    govuk = {
        "rule": {
            "items": {
                Study.Rule.LIVED_EXPERIENCE_AND_CARERS: {
                    "hint": {
                        "text": _(
                            "The usual choice. Staff ratings are shown beside them, and any "
                            "difference is pointed out."
                        )
                    }
                },
                Study.Rule.EVERY_GROUP: {
                    "hint": {"text": _("Every group must agree, staff included.")}
                },
            }
        }
    }


class IdeaForm(forms.Form):
    words = forms.CharField(
        label=_("What would a good result look like for you?"),
        help_text=_("Write it in your own words. One idea at a time."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write your idea"),
            "max_length": _("Your idea must be 1,000 characters or fewer"),
        },
    )
    govuk = {
        "words": {
            "component": "character-count",
            "label": {"isPageHeading": True, "classes": "govuk-label--l"},
        }
    }


class IdeaForOtherForm(IdeaForm):
    """A facilitator writes down an idea someone gave out loud, by phone or on paper."""

    person = forms.ModelChoiceField(
        label=_("Whose idea is it?"),
        queryset=None,
        empty_label=_("Choose a person"),
        error_messages={
            "required": _("Choose whose idea it is"),
            "invalid_choice": _("Choose a person from the list"),
        },
    )
    way = forms.ChoiceField(
        label=_("How did they give it?"),
        choices=[c for c in Way.choices if c[0] != Way.ONLINE],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how they gave it")},
    )
    field_order = ["person", "way", "words"]
    govuk = {"words": {"component": "character-count"}}

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["words"].label = _("Their idea, in their own words")
        self.fields["person"].queryset = places
        self.fields["person"].label_from_instance = lambda person: person.display_name


NAME_OR_START = _("Enter the outcome in English, or choose one to start from")


class CandidateForm(forms.Form):
    start_from = forms.ChoiceField(
        label=_("Start from an outcome in the library (optional)"),
        help_text=_(
            "Its wording fills any box you leave empty. Using the library's words lets "
            "projects' results be put together later."
        ),
        required=False,
    )
    name = forms.CharField(
        label=_("The outcome, in English"),
        help_text=_("Short and plain, for example “Feeling listened to”."),
        max_length=200,
        required=False,
    )
    name_cy = forms.CharField(label=_("The outcome, in Welsh"), max_length=200, required=False)
    easy_read = forms.CharField(
        label=_("Easy read, in English"),
        help_text=_("One short sentence in everyday words, for example “People listen to me”."),
        max_length=300,
        required=False,
    )
    easy_read_cy = forms.CharField(label=_("Easy read, in Welsh"), max_length=300, required=False)
    ideas = forms.MultipleChoiceField(
        label=_("Which ideas does it come from?"),
        help_text=_("Every idea stays visible, in the words it was given."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, ideas=(), library=None, own=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._sources = {}
        if library is None and own is None:
            del self.fields["start_from"]
        else:
            choices = [("", _("None: I will type it"))]
            for outcome in own or ():
                self._sources[f"own-{outcome.pk}"] = ("own", outcome)
                choices.append(
                    (f"own-{outcome.pk}", _("Ours: %(name)s") % {"name": outcome.wording()})
                )
            for outcome in library or ():
                self._sources[f"library-{outcome.pk}"] = ("library", outcome)
                choices.append((f"library-{outcome.pk}", outcome.wording()))
            self.fields["start_from"].choices = choices
        self._ideas = {str(idea.pk): idea for idea in ideas}
        if self._ideas:
            self.fields["ideas"].choices = [(k, i.words) for k, i in self._ideas.items()]
        else:
            del self.fields["ideas"]

    def clean(self):
        data = super().clean()
        if not data.get("name") and not data.get("start_from") and "name" not in self.errors:
            self.add_error("name", NAME_OR_START)
        return data

    def source(self):
        """(library outcome, own outcome) for the service, from the choice made; either None."""
        kind, outcome = self._sources.get(self.cleaned_data.get("start_from") or "", (None, None))
        return (outcome if kind == "library" else None, outcome if kind == "own" else None)

    def chosen_ideas(self):
        return [self._ideas[k] for k in self.cleaned_data.get("ideas", [])]


class MergeForm(forms.Form):
    merge = forms.MultipleChoiceField(
        label=_("Which outcomes say the same thing?"),
        help_text=_("They join this one. The ideas behind them stay visible here."),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one outcome to merge")},
    )

    def __init__(self, *args, others, **kwargs):
        super().__init__(*args, **kwargs)
        self._others = {str(c.pk): c for c in others}
        self.fields["merge"].choices = [(k, c.name) for k, c in self._others.items()]

    def chosen(self):
        return [self._others[k] for k in self.cleaned_data["merge"]]


class RoundForm(forms.Form):
    opens_on = DateField(label=_("Opens on"), help_text=_("For example, 14 1 2027"))
    closes_on = DateField(label=_("Closes on"), help_text=_("You can move it later."))

    def clean(self):
        data = super().clean()
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("The closing date must be on or after the opening date"))
        return data


def _score_choices():
    return [*SCORE_CHOICES, (DONT_KNOW, _("I don't know"))]


def _band_choices():
    return [*((b.value, BAND_WORDS[b]) for b in BAND_WORDS), (DONT_KNOW, _("I don't know"))]


class RatingForm(forms.Form):
    """One outcome on one page: 1 to 9, or the three easy-read choices; "I don't know" in both."""

    rating = forms.ChoiceField(widget=forms.RadioSelect, error_messages={"required": CHOOSE_SCORE})

    def __init__(self, *args, question: str, easy_read: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.easy_read = easy_read
        field = self.fields["rating"]
        field.label = question
        field.choices = _band_choices() if easy_read else _score_choices()
        field.error_messages["invalid_choice"] = CHOOSE_SCORE
        if easy_read:
            field.help_text = _("Choose one.")
        else:
            field.help_text = _(
                "9 is the most important. 7 to 9: very important. 4 to 6: important. "
                "1 to 3: not important."
            )

    @property
    def score_and_band(self) -> tuple[int | None, str]:
        value = self.cleaned_data["rating"]
        if value == DONT_KNOW:
            return None, ""
        if self.easy_read:
            return None, value
        return int(value), ""


def rating_initial(rating, *, easy_read: bool) -> str | None:
    """What a saved rating looks like on the form (a 1-9 score shows as its band in easy read)."""
    if rating is None:
        return None
    if rating.dont_know:
        return DONT_KNOW
    if easy_read:
        return rating.shown_band.value
    if rating.score is None:
        return None  # chosen in easy read: ask again for a number rather than guess one
    return str(rating.score)


class SheetForm(forms.Form):
    """A facilitator types in one person's rating sheet: given on paper, by phone or in a session."""

    person = forms.ModelChoiceField(
        label=_("Whose ratings are these?"),
        queryset=None,
        empty_label=_("Choose a person"),
        error_messages={
            "required": _("Choose whose ratings these are"),
            "invalid_choice": _("Choose a person from the list"),
        },
    )
    way = forms.ChoiceField(
        label=_("How did they give them?"),
        choices=[c for c in Way.choices if c[0] != Way.ONLINE],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how they gave their ratings")},
    )

    def __init__(self, *args, places, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = places
        self.fields["person"].label_from_instance = lambda person: person.display_name
        self.candidates = list(candidates)
        for candidate in self.candidates:
            self.fields[f"outcome_{candidate.pk}"] = forms.ChoiceField(
                label=candidate.name,
                choices=_score_choices(),
                required=False,
                widget=forms.RadioSelect,
                help_text=_("Leave it empty if they did not rate this one."),
            )
        self.govuk = {
            f"outcome_{c.pk}": {"classes": "govuk-radios--small govuk-radios--inline"}
            for c in self.candidates
        }

    def scores(self):
        """(candidate, score or None for "I don't know") for each outcome they rated."""
        given = []
        for candidate in self.candidates:
            value = self.cleaned_data.get(f"outcome_{candidate.pk}")
            if value:
                given.append((candidate, None if value == DONT_KNOW else int(value)))
        return given

    def clean(self):
        data = super().clean()
        if not any(data.get(f"outcome_{c.pk}") for c in self.candidates):
            raise forms.ValidationError(_("Enter at least one rating from the sheet"))
        return data


class AgreedForm(forms.Form):
    outcomes = forms.MultipleChoiceField(
        label=_("Which outcomes did the group confirm?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one outcome")},
    )
    decided_on = DateField(label=_("Date of the meeting"), help_text=_("For example, 14 1 2027"))
    reason = forms.CharField(
        label=_("Why did the agreed outcomes change?"),
        help_text=_("Needed for every version after the first."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, candidates, first: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self._candidates = {str(c.pk): c for c in candidates}
        self.fields["outcomes"].choices = [(k, c.name) for k, c in self._candidates.items()]
        if first:
            del self.fields["reason"]

    def chosen(self):
        return [self._candidates[k] for k in self.cleaned_data["outcomes"]]
