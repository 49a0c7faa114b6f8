from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import definitions
from .shapes import SHAPES

CHOOSE_MEASURE = _("Choose a measure to add")
CHOOSE_SHAPE = _("Choose the licensed measure you have")
CONFIRM_LICENCE = _("Confirm that your organisation holds a licence for this measure")
ENTER_NAME = _("Enter the name of the measure")
ENTER_COPYRIGHT = _("Enter the copyright line, exactly as your licence gives it")
ENTER_ITEMS = _("Enter how many questions the measure has, from 1 to 60")
ENTER_LOW = _("Enter the value of the lowest answer, a whole number from 0 to 10")
ENTER_HIGH = _("Enter the value of the highest answer, a whole number from 1 to 20")
HIGH_ABOVE_LOW = _("The highest answer must be worth more than the lowest")
CHOOSE_METHOD = _("Choose how the answers are added up")
ENTER_QUESTION = _("Enter the words of question %(number)s in %(version)s")
ENTER_ANSWER = _("Enter the words of the answer worth %(value)s in %(version)s")
ENTER_QUESTION_ANSWER = _(
    "Enter the words of question %(number)s's answer worth %(value)s in %(version)s"
)
ENTER_CONVERTED = _("Enter the converted score for a total of %(raw)s, as a number")
CHOOSE_REVERSED = _("Choose exactly %(count)s questions that are scored the other way round")
CONFIRM_WORDING = _("Confirm that you typed the wording exactly as the licence holder gives it")
ENTER_REASON = _("Say what changed and why")

VERSION_LABELS = {
    "en": _("In English"),
    "cy": _("In Welsh"),
    "en-easy": _("In easy read English"),
    "cy-easy": _("In easy read Welsh"),
}

METHOD_CHOICES = [
    ("sum", _("Add up the answers")),
    ("mean", _("Take the average of the answers")),
    ("each_item", _("Report each question on its own")),
]


class AddShippedForm(forms.Form):
    measure = forms.ChoiceField(
        label=_("Which measure do you want to add?"),
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_MEASURE, "invalid_choice": CHOOSE_MEASURE},
    )
    govuk = {
        "measure": {
            "fieldset": {"legend": {"isPageHeading": True, "classes": "govuk-fieldset__legend--l"}}
        }
    }

    def __init__(self, *args, measures: list[dict[str, Any]], hints: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "en"
        self.fields["measure"].choices = [
            (m["id"], m["name"].get(language, m["name"]["en"])) for m in measures
        ]
        self.govuk = {
            "measure": {
                **self.govuk["measure"],
                "items": {key: {"hint": {"text": hint}} for key, hint in hints.items()},
            }
        }


class ChooseShapeForm(forms.Form):
    shape = forms.ChoiceField(
        label=_("Which licensed measure does your organisation have?"),
        choices=[(s.key, s.name) for s in SHAPES],
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_SHAPE, "invalid_choice": CHOOSE_SHAPE},
    )
    govuk = {
        "shape": {
            "fieldset": {"legend": {"isPageHeading": True, "classes": "govuk-fieldset__legend--l"}},
            "items": {s.key: {"hint": {"text": s.about}} for s in SHAPES},
        }
    }


class LicenceForm(forms.Form):
    """Confirm the licence; for a shape that leaves them open, say its size and scoring."""

    name = forms.CharField(
        label=_("Name of the measure"), max_length=200, error_messages={"required": ENTER_NAME}
    )
    copyright_line = forms.CharField(
        label=_("Copyright line"),
        help_text=_("Copy it exactly from your licence. It is shown whenever the measure is."),
        max_length=500,
        error_messages={"required": ENTER_COPYRIGHT},
    )
    licence_reference = forms.CharField(
        label=_("Licence or registration reference (optional)"), max_length=200, required=False
    )
    approved_versions = forms.MultipleChoiceField(
        label=_("Which other versions has the licence holder approved? (optional)"),
        help_text=_(
            "Only tick a version the licence holder gave you or approved. Never translate or "
            "reword a licensed measure yourself."
        ),
        choices=[
            ("cy", _("Welsh")),
            ("en-easy", _("Easy read in English")),
            ("cy-easy", _("Easy read in Welsh")),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    items = forms.IntegerField(
        label=_("How many questions does it have?"),
        min_value=1,
        max_value=60,
        error_messages={
            "required": ENTER_ITEMS,
            "invalid": ENTER_ITEMS,
            "min_value": ENTER_ITEMS,
            "max_value": ENTER_ITEMS,
        },
    )
    low = forms.IntegerField(
        label=_("What is the lowest answer worth?"),
        min_value=0,
        max_value=10,
        error_messages={
            "required": ENTER_LOW,
            "invalid": ENTER_LOW,
            "min_value": ENTER_LOW,
            "max_value": ENTER_LOW,
        },
    )
    high = forms.IntegerField(
        label=_("What is the highest answer worth?"),
        min_value=1,
        max_value=20,
        error_messages={
            "required": ENTER_HIGH,
            "invalid": ENTER_HIGH,
            "min_value": ENTER_HIGH,
            "max_value": ENTER_HIGH,
        },
    )
    method = forms.ChoiceField(
        label=_("How are the answers added up?"),
        choices=METHOD_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_METHOD, "invalid_choice": CHOOSE_METHOD},
    )
    confirm = forms.BooleanField(
        label=_(
            "My organisation holds a licence to use this measure, and I may type its wording "
            "into wesaid."
        ),
        error_messages={"required": CONFIRM_LICENCE},
    )
    govuk = {
        "items": {"classes": "govuk-input--width-3"},
        "low": {"classes": "govuk-input--width-3"},
        "high": {"classes": "govuk-input--width-3"},
    }

    def __init__(self, *args, shape, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("name", shape.name)
        super().__init__(*args, **kwargs)
        if shape.n_items is not None:
            del self.fields["items"]
        if shape.values is not None:
            del self.fields["low"], self.fields["high"]
        if shape.method is not None:
            del self.fields["method"]

    def clean(self):
        data = super().clean()
        low, high = data.get("low"), data.get("high")
        if low is not None and high is not None and high <= low:
            self.add_error("high", HIGH_ABOVE_LOW)
        return data

    def params(self) -> dict[str, Any]:
        return {
            k: self.cleaned_data[k] for k in ("items", "low", "high", "method") if k in self.fields
        }


class WordingForm(forms.Form):
    """The words of every question and answer, in each version the measure has.

    Built from a definition (a licensed measure's skeleton, or the latest version); answers
    that every question shares are asked for once. ``definition()`` gives the filled copy.
    """

    def __init__(
        self,
        *args,
        skeleton: dict[str, Any],
        licensed: bool,
        reversed_count: int = 0,
        needs_reason: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.skeleton = skeleton
        self.licensed = licensed
        self.reversed_count = reversed_count
        self.versions = definitions.versions_of(skeleton)
        self.groups: list[tuple[str, list[str]]] = []
        choice_items = [item for item in skeleton["items"] if definitions.is_choice(item)]
        option_sets = {
            tuple((o["value"], tuple(sorted(o["label"].items()))) for o in item["options"])
            for item in choice_items
        }
        self.shared_options = len(choice_items) > 1 and len(option_sets) == 1
        for i, item in enumerate(skeleton["items"], start=1):
            names = []
            for version in self.versions:
                name = f"item-{i}-{version}"
                self.fields[name] = forms.CharField(
                    label=VERSION_LABELS[version],
                    max_length=500,
                    initial=item["wording"].get(version, ""),
                    error_messages={
                        "required": ENTER_QUESTION
                        % {"number": i, "version": definitions.VERSION_NAMES[version]}
                    },
                )
                names.append(name)
            if definitions.is_choice(item) and not self.shared_options:
                for option in item["options"]:
                    names += self._option_fields(option, f"item-{i}-", question=i)
            self.groups.append((str(_("Question %(number)s") % {"number": i}), names))
        if self.shared_options:
            names = []
            for option in choice_items[0]["options"]:
                names += self._option_fields(option, "", question=None)
            self.groups.append((str(_("Answers, the same for every question")), names))
        if licensed and reversed_count:
            self.fields["reverse"] = forms.MultipleChoiceField(
                label=_("Which questions are scored the other way round?"),
                help_text=_("Your copy of the measure says which. Choose %(count)s.")
                % {"count": reversed_count},
                choices=[
                    (item["id"], _("Question %(number)s") % {"number": n})
                    for n, item in enumerate(skeleton["items"], start=1)
                ],
                widget=forms.CheckboxSelectMultiple,
                initial=skeleton.get("reverse_scored", []),
                error_messages={"required": CHOOSE_REVERSED % {"count": reversed_count}},
            )
        self.lookup_range: tuple[int, int] | None = None
        if skeleton["scoring"]["method"] == "lookup" and licensed:
            low = int(sum(definitions.item_range(item)[0] for item in choice_items))
            high = int(sum(definitions.item_range(item)[1] for item in choice_items))
            self.lookup_range = (low, high)
            table = skeleton["scoring"].get("lookup", {})
            for raw in range(low, high + 1):
                self.fields[f"lookup-{raw}"] = forms.FloatField(
                    label=_("A total of %(raw)s converts to") % {"raw": raw},
                    initial=table.get(str(raw)),
                    error_messages={
                        "required": ENTER_CONVERTED % {"raw": raw},
                        "invalid": ENTER_CONVERTED % {"raw": raw},
                    },
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
                )
        if needs_reason:
            self.fields["reason"] = forms.CharField(
                label=_("What changed and why"),
                max_length=500,
                error_messages={"required": ENTER_REASON},
            )
        if licensed:
            self.fields["confirm"] = forms.BooleanField(
                label=_(
                    "I typed the wording exactly as the licence holder gives it. I understand "
                    "it cannot be changed afterwards: a change needs a new version."
                ),
                error_messages={"required": CONFIRM_WORDING},
            )

    def _option_fields(self, option: dict[str, Any], prefix: str, *, question: int | None):
        names = []
        value = definitions._number(option["value"])
        for version in self.versions:
            name = f"{prefix}option-{value}-{version}"
            name = name.replace(".", "_")
            if question is None:
                required = ENTER_ANSWER % {
                    "value": value,
                    "version": definitions.VERSION_NAMES[version],
                }
            else:
                required = ENTER_QUESTION_ANSWER % {
                    "number": question,
                    "value": value,
                    "version": definitions.VERSION_NAMES[version],
                }
            self.fields[name] = forms.CharField(
                label=_("Answer worth %(value)s, %(version)s")
                % {"value": value, "version": definitions.VERSION_NAMES[version]},
                max_length=200,
                initial=option["label"].get(version, ""),
                error_messages={"required": required},
            )
            names.append(name)
        return names

    @property
    def grouped(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.groups]

    @property
    def other_fields(self):
        grouped = {name for _legend, names in self.groups for name in names}
        return [self[name] for name in self.fields if name not in grouped]

    def clean(self):
        data = super().clean()
        reverse = data.get("reverse")
        if "reverse" in self.fields and reverse is not None and len(reverse) != self.reversed_count:
            self.add_error("reverse", CHOOSE_REVERSED % {"count": self.reversed_count})
        return data

    def definition(self) -> dict[str, Any]:
        data = self.cleaned_data
        definition = copy.deepcopy(self.skeleton)
        for i, item in enumerate(definition["items"], start=1):
            item["wording"] = {v: data[f"item-{i}-{v}"] for v in self.versions}
            if not definitions.is_choice(item):
                continue
            prefix = "" if self.shared_options else f"item-{i}-"
            for option in item["options"]:
                value = definitions._number(option["value"]).replace(".", "_")
                option["label"] = {v: data[f"{prefix}option-{value}-{v}"] for v in self.versions}
        if "reverse" in self.fields:
            definition["reverse_scored"] = list(data["reverse"])
        if self.lookup_range is not None:
            low, high = self.lookup_range
            table = {str(raw): data[f"lookup-{raw}"] for raw in range(low, high + 1)}
            definition["scoring"]["lookup"] = table
            values = list(table.values())
            definition["scoring"]["valid_range"] = {"min": min(values), "max": max(values)}
        return definition
