"""Outcomes: the shared library every organisation reads, and each organisation's own outcomes.

The library (``LibraryOutcome``) is the common vocabulary: one set of rows for every
organisation, loaded from the versioned ``library.json`` and never edited through a screen.
An organisation adds its own outcomes (``OrganisationOutcome``), which only it can see, and may
say which library outcome each is closest to, so results can still be pooled later
(decision 0016).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from wesaid.core.tenancy import GLOBAL, OrganisationOwned, TenantQuerySet


class Beneficiary(models.TextChoices):
    """Who an outcome is for: the four groups of the brief (SCIE 2022, section 3)."""

    PEOPLE = "people", _("People who draw on care and support, and unpaid carers")
    STAFF = "staff", _("People who work in services")
    ORGANISATIONS = "organisations", _("Organisations")
    COMMUNITY = "community", _("The community")


BENEFICIARY_EASY_READ = {
    Beneficiary.PEOPLE: pgettext_lazy("easy read", "People who get care and support, and carers"),
    Beneficiary.STAFF: pgettext_lazy("easy read", "People who work in services"),
    Beneficiary.ORGANISATIONS: pgettext_lazy("easy read", "Services, like a council or a charity"),
    Beneficiary.COMMUNITY: pgettext_lazy("easy read", "Everyone who lives in the area"),
}


class Domain(models.TextChoices):
    """What kind of difference an outcome is about. Each domain belongs to one group."""

    CONFIDENCE = "confidence", _("Self-confidence, self-esteem and empowerment")
    HEALTH = "health", _("Health and wellbeing")
    ENGAGEMENT = "engagement", _("Engagement and trust")
    SATISFACTION = "satisfaction", _("Satisfaction with and awareness of services")
    SKILLS = "skills", _("Skills, employment and connection")
    JOB = "job", _("Job satisfaction, motivation and practice")
    DIALOGUE = "dialogue", _("Trust and dialogue")
    SERVICES = "services", _("Use of services, changes in practice and capacity")
    AWARENESS = "awareness", _("Community awareness")


DOMAIN_BENEFICIARY = {
    Domain.CONFIDENCE: Beneficiary.PEOPLE,
    Domain.HEALTH: Beneficiary.PEOPLE,
    Domain.ENGAGEMENT: Beneficiary.PEOPLE,
    Domain.SATISFACTION: Beneficiary.PEOPLE,
    Domain.SKILLS: Beneficiary.PEOPLE,
    Domain.JOB: Beneficiary.STAFF,
    Domain.DIALOGUE: Beneficiary.STAFF,
    Domain.SERVICES: Beneficiary.ORGANISATIONS,
    Domain.AWARENESS: Beneficiary.COMMUNITY,
}

DOMAIN_EASY_READ = {
    Domain.CONFIDENCE: pgettext_lazy("easy read", "Feeling confident and in control"),
    Domain.HEALTH: pgettext_lazy("easy read", "Health and feeling well"),
    Domain.ENGAGEMENT: pgettext_lazy("easy read", "Taking part and trust"),
    Domain.SATISFACTION: pgettext_lazy("easy read", "Knowing about services and liking them"),
    Domain.SKILLS: pgettext_lazy("easy read", "Skills, work and friends"),
    Domain.JOB: pgettext_lazy("easy read", "Liking your job and doing it well"),
    Domain.DIALOGUE: pgettext_lazy("easy read", "Trust and talking together"),
    Domain.SERVICES: pgettext_lazy("easy read", "How services are used and run"),
    Domain.AWARENESS: pgettext_lazy("easy read", "What people in the area know"),
}


def domains_of(beneficiary: str) -> list[Domain]:
    return [domain for domain, group in DOMAIN_BENEFICIARY.items() if group == beneficiary]


def welsh_active() -> bool:
    return (get_language() or "en").startswith("cy")


class MeasureKind(models.TextChoices):
    QUESTIONS = "questions", _("Questions to ask")
    SERVICE_METRIC = "service_metric", _("Something the service counts")
    STORY = "story", _("A story prompt")


class AnswerScale(models.TextChoices):
    """The answer choices our own questions use. Plain, and nobody's licensed wording."""

    AGREE = "agree", _("Agree or disagree")
    OFTEN = "often", _("How often")
    YES_NO = "yes_no", _("Yes or no")


SCALE_ANSWERS = {
    AnswerScale.AGREE: [
        _("Strongly agree"),
        _("Agree"),
        _("Neither agree nor disagree"),
        _("Disagree"),
        _("Strongly disagree"),
    ],
    AnswerScale.OFTEN: [_("Always"), _("Often"), _("Sometimes"), _("Rarely"), _("Never")],
    AnswerScale.YES_NO: [_("Yes"), _("No"), _("Not sure")],
}


def _pick(texts: dict[str, str]) -> str:
    """The Welsh text on a Welsh page when there is one, otherwise the English."""
    return (texts.get("cy") if welsh_active() else "") or texts.get("en", "")


@dataclass(frozen=True)
class DefaultMeasure:
    """One way to measure a library outcome, in the active language."""

    kind: MeasureKind
    title: str
    questions: list[str]
    answers: list[str]
    counted: str
    denominator: str
    prompt: str

    @property
    def kind_label(self) -> str:
        return str(self.kind.label)

    @classmethod
    def from_data(cls, data: dict) -> DefaultMeasure:
        kind = MeasureKind(data["kind"])
        scale = data.get("answers")
        return cls(
            kind=kind,
            title=_pick(data["title"]),
            questions=[_pick(question) for question in data.get("questions", [])],
            answers=[str(answer) for answer in SCALE_ANSWERS.get(scale, [])] if scale else [],
            counted=_pick(data.get("counted", {})),
            denominator=_pick(data.get("denominator", {})),
            prompt=_pick(data.get("prompt", {})),
        )


@dataclass(frozen=True)
class Study:
    number: int
    cite: str  # "Baldwin et al. (2018)": names and years are the same in both languages


@dataclass(frozen=True)
class Citation:
    """Where the brief supports an outcome: its section, the studies it names there, and our
    own short summary of what they found."""

    section: str
    studies: list[Study]
    summary: str

    @property
    def source(self) -> str:
        return str(_("SCIE 2022, section %(section)s")) % {"section": self.section}


class Worded(models.Model):
    """The four wordings every outcome has: a short name and an easy-read wording, each in
    English and Welsh. ``wording(easy_read)`` gives the right one in the active language."""

    name = models.CharField(_("Name in English"), max_length=120)
    easy_read = models.CharField(_("Easy read in English"), max_length=300, blank=True)
    name_cy = models.CharField(_("Name in Welsh"), max_length=120, blank=True)
    easy_read_cy = models.CharField(_("Easy read in Welsh"), max_length=300, blank=True)

    class Meta:
        abstract = True

    def _chosen(self, easy_read: bool) -> tuple[str, str]:
        """(text, language) for the reader; Welsh readers get English only when Welsh is missing."""
        english = (self.easy_read if easy_read else "") or self.name
        if welsh_active():
            welsh = (self.easy_read_cy if easy_read else "") or self.name_cy
            if welsh:
                return welsh, "cy"
        return english, "en"

    def wording(self, easy_read: bool = False) -> str:
        """The name, or the easy-read wording, in the active language."""
        return self._chosen(easy_read)[0]

    def wording_language(self, easy_read: bool = False) -> str:
        """The language ``wording`` is in ("en" on a Welsh page when the Welsh is missing)."""
        return self._chosen(easy_read)[1]

    # For templates, which cannot pass arguments.
    @property
    def display_name(self) -> str:
        return self.wording(False)

    @property
    def display_name_language(self) -> str:
        return self.wording_language(False)

    @property
    def display_easy_read(self) -> str:
        return self.wording(True)

    @property
    def display_easy_read_language(self) -> str:
        return self.wording_language(True)

    def missing_wordings(self) -> list[str]:
        """The wordings still to write, in plain words (empty when all four are there)."""
        missing = []
        if not self.easy_read.strip():
            missing.append(str(_("the easy-read wording in English")))
        if not self.name_cy.strip():
            missing.append(str(_("the name in Welsh")))
        if not self.easy_read_cy.strip():
            missing.append(str(_("the easy-read wording in Welsh")))
        return missing

    @property
    def beneficiary_easy_read(self) -> str:
        return str(BENEFICIARY_EASY_READ[Beneficiary(self.beneficiary)])

    @property
    def domain_easy_read(self) -> str:
        return str(DOMAIN_EASY_READ[Domain(self.domain)])


class LibraryQuerySet(models.QuerySet):
    def in_organisation(self, organisation) -> LibraryQuerySet:
        """Every organisation reads the same shared library (the loaders call this)."""
        return self.all()

    def current(self) -> LibraryQuerySet:
        """Outcomes in the library now (a later version may retire one; its page stays)."""
        return self.filter(retired_in__isnull=True)


class LibraryOutcome(Worded):
    """One outcome of the shared library, loaded from ``library.json`` (``outcomes_load``)."""

    TENANCY = GLOBAL
    TENANCY_REASON = (
        "the shared outcome library is the same for every organisation, so their results can "
        "be pooled; it is loaded from a versioned file and no organisation can change it"
    )

    #: Stable for ever, in every installation: pooled results name outcomes by it. A retired
    #: outcome keeps its code. (Routes use the numeric id: only numbers go in paths.)
    code = models.SlugField(unique=True, max_length=80)
    beneficiary = models.CharField(max_length=20, choices=Beneficiary.choices)
    domain = models.CharField(max_length=20, choices=Domain.choices)
    position = models.PositiveSmallIntegerField(default=0)
    #: [{"section": "3.1.1", "studies": [{"number": 8, "cite": "..."}], "summary": {"en", "cy"}}]
    evidence = models.JSONField(default=list)
    #: [{"kind": ..., "title": {"en", "cy"}, ...}]: see library.py for each kind's keys.
    measures = models.JSONField(default=list)
    #: The library version that last wrote this row, and the one that retired it.
    library_version = models.PositiveIntegerField()
    retired_in = models.PositiveIntegerField(null=True, blank=True)

    objects = LibraryQuerySet.as_manager()

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_library(self) -> bool:
        return True

    def citations(self) -> list[Citation]:
        return [
            Citation(
                section=item["section"],
                studies=[Study(study["number"], study["cite"]) for study in item["studies"]],
                summary=_pick(item["summary"]),
            )
            for item in self.evidence
        ]

    def default_measures(self) -> list[DefaultMeasure]:
        return [DefaultMeasure.from_data(measure) for measure in self.measures]


class OrganisationOutcome(Worded, OrganisationOwned):
    """An outcome one organisation added in its own words. Only that organisation sees it."""

    beneficiary = models.CharField(_("Who benefits"), max_length=20, choices=Beneficiary.choices)
    domain = models.CharField(_("What kind of difference"), max_length=20, choices=Domain.choices)
    #: The library outcome this one is closest to, so results can be pooled with others'.
    closest_to = models.ForeignKey(
        LibraryOutcome,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisation_outcomes",
        verbose_name=_("Closest library outcome"),
    )
    created_by = models.ForeignKey(
        "organisations.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TenantQuerySet.as_manager()

    AUDIT_VALUE_FIELDS = frozenset(
        {"name", "easy_read", "name_cy", "easy_read_cy", "beneficiary", "domain", "closest_to"}
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="one_own_outcome_name_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_library(self) -> bool:
        return False
