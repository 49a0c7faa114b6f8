"""Measures: an organisation's instruments, each with versions that hold a JSON definition.

A version's definition is checked against the JSON Schema and the scorer whenever it is saved
(``InstrumentVersion.clean``). A version is locked once it is frozen (it has answers: the
survey app calls ``services.instrument_version_freeze`` on the first one) or, for a licensed
measure, once its wording is confirmed; a change then makes a new version.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wesaid.core.tenancy import OrganisationOwned

from . import definitions

LOCKED = _(
    "This version cannot be changed: it has answers, or its licensed wording is confirmed. "
    "Make a new version instead."
)


WRONG_NUMBER = _("version: the definition's version number must match the version it is saved as")


class MeasureKind(models.TextChoices):
    """The kinds of measure an evaluation plan can use for an outcome."""

    QUESTION_SET = "question_set", _("Question set")
    LICENSED_INSTRUMENT = "licensed_instrument", _("Licensed questionnaire")
    SERVICE_METRIC = "service_metric", _("Service count, with what it is out of")
    STORY_PROMPT = "story_prompt", _("Story prompt")


#: One sentence about each kind, for hints beside a choice.
MEASURE_KIND_HINTS = {
    MeasureKind.QUESTION_SET: _(
        "A few short questions: our own plain-language ones, or free public ones such as the "
        "ONS wellbeing questions."
    ),
    MeasureKind.LICENSED_INSTRUMENT: _(
        "A questionnaire someone else owns, such as WEMWBS. Your organisation needs its own "
        "licence and types the questions in."
    ),
    MeasureKind.SERVICE_METRIC: _(
        "A number counted each month, such as admissions, with the number it is out of."
    ),
    MeasureKind.STORY_PROMPT: _("A question people answer in their own words, or out loud."),
}


class LicenceType(models.TextChoices):
    OURS = "ours", _("Written by wesaid: free to use and change")
    OPEN = "open", _("Public wording: free to use, not to change")
    BRING_YOUR_OWN = "bring_your_own", _("Licensed: your organisation holds the licence")


class Instrument(OrganisationOwned):
    """A measure in one organisation's list. Its wording lives in its versions."""

    key = models.SlugField(_("Short name"), max_length=63)
    name = models.CharField(_("Name"), max_length=200)
    kind = models.CharField(max_length=30, choices=MeasureKind.choices)
    licence_type = models.CharField(max_length=20, choices=LicenceType.choices)
    #: Where it came from: "shipped:<key>" or "shape:<key>".
    origin = models.CharField(max_length=80)
    copyright_line = models.CharField(_("Copyright line"), max_length=500)
    licence_reference = models.CharField(
        _("Licence or registration reference"), max_length=200, blank=True, default=""
    )
    #: Versions besides English the licence holder approved: "cy", "en-easy", "cy-easy".
    approved_versions = models.JSONField(default=list, blank=True)
    #: For a licensed shape the organisation completes: items, low, high, method.
    shape_params = models.JSONField(default=dict, blank=True)
    licence_confirmed_by = models.ForeignKey(
        "organisations.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    licence_confirmed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        "organisations.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    AUDIT_VALUE_FIELDS = frozenset(
        {
            "key",
            "name",
            "kind",
            "licence_type",
            "origin",
            "copyright_line",
            "licence_reference",
            "approved_versions",
            "shape_params",
            "licence_confirmed_at",
        }
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="one_measure_per_key")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_licensed(self) -> bool:
        return self.licence_type == LicenceType.BRING_YOUR_OWN

    @property
    def latest_version(self) -> InstrumentVersion | None:
        versions = list(self.versions.all())  # prefetched on the list page
        return max(versions, key=lambda v: v.number) if versions else None

    @property
    def shown_name(self) -> str:
        """The name in the reader's language, where the measure has one."""
        latest = self.latest_version
        names = latest.definition.get("name", {}) if latest else {}
        return names.get(get_language() or "en") or self.name


class InstrumentVersion(OrganisationOwned):
    TENANT_PARENT = "instrument"

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    definition = models.JSONField()
    reason = models.CharField(_("What changed and why"), max_length=500, blank=True, default="")
    created_by = models.ForeignKey(
        "organisations.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    #: Licensed wording confirmed as typed exactly from the licence holder's copy.
    wording_confirmed_at = models.DateTimeField(null=True, blank=True)
    #: When the first answer arrived; from then on the definition never changes.
    frozen_at = models.DateTimeField(null=True, blank=True)

    # Not the definition: a licensed one holds wording that must not be copied into the log.
    AUDIT_VALUE_FIELDS = frozenset({"number", "reason", "wording_confirmed_at", "frozen_at"})

    class Meta:
        ordering = ["instrument", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.instrument} version {self.number}"

    @property
    def is_locked(self) -> bool:
        return self.frozen_at is not None or self.wording_confirmed_at is not None

    def clean(self) -> None:
        super().clean()
        if self.pk is not None:
            stored = InstrumentVersion.objects.filter(pk=self.pk).first()
            if stored is not None and stored.is_locked and stored.definition != self.definition:
                raise ValidationError({"definition": LOCKED})
        found = definitions.problems(self.definition)
        if found:
            raise ValidationError({"definition": [str(problem) for problem in found]})
        if self.definition.get("version") != self.number:
            raise ValidationError({"definition": WRONG_NUMBER})
