"""Choosing outcomes together: members propose outcomes and rate them in rounds (Delphi style).

A project's *study* holds the candidate outcomes, the ideas people gave in their own words, the
rating rounds and, at the end, the agreed set of outcomes, versioned and locked. The consensus
rules themselves are in ``wesaid.analysis.consensus``; ``selectors.py`` feeds it.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wesaid.core.tenancy import OrganisationOwned


class Way(models.TextChoices):
    """How someone gave an idea or a rating: the facilitator records it when it was not online."""

    ONLINE = "online", _("Online, by themselves")
    SESSION = "session", _("Out loud in a session")
    PHONE = "phone", _("By phone")
    PAPER = "paper", _("On paper")


class Band(models.TextChoices):
    """The three easy-read choices, stored as the score bands the consensus rules count."""

    NOT_IMPORTANT = "not_important", _("Not important")
    IMPORTANT = "important", _("Important")
    VERY_IMPORTANT = "very_important", _("Very important")


#: Which scores each band stands for (COMET: 1-3, 4-6, 7-9).
BAND_SCORES = {
    Band.NOT_IMPORTANT: (1, 2, 3),
    Band.IMPORTANT: (4, 5, 6),
    Band.VERY_IMPORTANT: (7, 8, 9),
}


def band_of(score: int) -> Band:
    for band, scores in BAND_SCORES.items():
        if score in scores:
            return band
    raise ValueError(f"{score} is not a score from 1 to 9")


class Study(OrganisationOwned):
    """One project's choice of outcomes."""

    TENANT_PARENT = "project"

    class Rule(models.TextChoices):
        LIVED_EXPERIENCE_AND_CARERS = (
            "lived_experience_and_carers",
            _("Among people who draw on care and support and unpaid carers"),
        )
        EVERY_GROUP = "every_group", _("In every stakeholder group")

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="consensus_studies"
    )
    title = models.CharField(_("Name"), max_length=200)
    rule = models.CharField(
        _("Whose agreement counts"),
        max_length=30,
        choices=Rule.choices,
        default=Rule.LIVED_EXPERIENCE_AND_CARERS,
    )
    #: COMET's thresholds, in percent: "in" needs at least ``in_at_least`` scoring 7-9 and
    #: under ``in_low_below`` scoring 1-3; "out" is the mirror image.
    in_at_least = models.PositiveSmallIntegerField(_("Very important: at least (%)"), default=70)
    in_low_below = models.PositiveSmallIntegerField(_("Not important: under (%)"), default=15)
    #: Ideas are welcome until the first round closes.
    created_by = models.ForeignKey(
        "organisations.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    AUDIT_VALUE_FIELDS = frozenset({"title", "rule", "in_at_least", "in_low_below"})

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("choice of outcomes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(in_at_least__gt=50, in_at_least__lte=100)
                & models.Q(in_low_below__gt=0, in_low_below__lt=50),
                name="consensus_thresholds_make_sense",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def current_round(self) -> Round | None:
        return self.rounds.order_by("-number").first()

    @property
    def agreed(self) -> AgreedSet | None:
        return self.agreed_sets.order_by("-version").first()


class Candidate(OrganisationOwned):
    """An outcome people may rate. Merged near-duplicates point at the one they joined."""

    TENANT_PARENT = "study"

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="candidates")
    name = models.CharField(_("Outcome, in English"), max_length=200)
    name_cy = models.CharField(_("Outcome, in Welsh"), max_length=200, blank=True)
    easy_read = models.CharField(_("Easy read, in English"), max_length=300, blank=True)
    easy_read_cy = models.CharField(_("Easy read, in Welsh"), max_length=300, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    #: The outcome it comes from, if any: the shared library's common words let projects'
    #: chosen outcomes be pooled later; an organisation's own outcome says which it is closest to.
    library_outcome = models.ForeignKey(
        "outcomes.LibraryOutcome",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    own_outcome = models.ForeignKey(
        "outcomes.OrganisationOutcome",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_by = models.ForeignKey(
        "organisations.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    AUDIT_VALUE_FIELDS = frozenset(
        {"name", "name_cy", "easy_read", "easy_read_cy", "merged_into", "library_outcome"}
    )

    @property
    def policy_project(self):
        return self.study.project

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    def wording(self, *, easy_read: bool = False) -> str:
        """The words to show in the active language, easy read first if chosen."""
        welsh = (get_language() or "en").startswith("cy")
        if easy_read:
            text = (self.easy_read_cy if welsh else self.easy_read) or ""
            if text:
                return text
        return (self.name_cy if welsh else self.name) or self.name

    @property
    def missing(self) -> list[str]:
        """Which wordings a round needs and this outcome lacks."""
        gaps = []
        if not self.name_cy:
            gaps.append(str(_("Welsh")))
        if not self.easy_read:
            gaps.append(str(_("Easy read in English")))
        if not self.easy_read_cy:
            gaps.append(str(_("Easy read in Welsh")))
        return gaps


class Proposal(OrganisationOwned):
    """An idea for an outcome in someone's own words, kept as they gave it."""

    TENANT_PARENT = "study"

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="proposals")
    # Cleared when the person is erased; the idea stays with the outcome it became.
    person = models.ForeignKey(
        "organisations.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    words = models.TextField(_("In their own words"), max_length=1000)
    way = models.CharField(_("How it was given"), max_length=10, choices=Way.choices)
    recorded_by = models.ForeignKey(
        "organisations.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    candidate = models.ForeignKey(
        Candidate, null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    AUDIT_VALUE_FIELDS = frozenset({"way", "candidate"})

    class Meta:
        ordering = ["pk"]


class Round(OrganisationOwned):
    """One rating round. Dates can move; a rating after the closing date is kept and marked late."""

    TENANT_PARENT = "study"

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField()
    opens_on = models.DateField(_("Opens on"))
    closes_on = models.DateField(_("Closes on"))
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    AUDIT_VALUE_FIELDS = frozenset({"number", "opens_on", "closes_on", "closed_at"})

    @property
    def policy_project(self):
        return self.study.project

    class Meta:
        ordering = ["study", "number"]
        constraints = [
            models.UniqueConstraint(fields=["study", "number"], name="one_round_number_per_study"),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="round_closes_after_it_opens",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Round %(number)s") % {"number": self.number})

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and self.opens_on <= timezone.localdate()

    @property
    def is_late(self) -> bool:
        return timezone.localdate() > self.closes_on

    @property
    def takes_ideas(self) -> bool:
        """Round one welcomes new outcomes in people's own words."""
        return self.number == 1 and self.closed_at is None


class Rating(OrganisationOwned):
    """How important one person finds one outcome in one round.

    ``score`` is 1-9; an easy-read choice is stored as its ``band`` with no score; neither
    means "I don't know". Saved as given, so a person can stop and come back.
    """

    TENANT_PARENT = "round"

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ratings")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="ratings")
    # Cleared when the person is erased: the rating stays in the figures and points at nobody.
    person = models.ForeignKey(
        "organisations.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: Their stakeholder group in the project when they rated (ProjectMember.Group).
    group = models.CharField(max_length=20)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    band = models.CharField(max_length=20, choices=Band.choices, blank=True)
    way = models.CharField(max_length=10, choices=Way.choices, default=Way.ONLINE)
    entered_by = models.ForeignKey(
        "organisations.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    late = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    AUDIT_VALUE_FIELDS = frozenset({"way", "late"})

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "candidate", "person"], name="one_rating_per_person"
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=9),
                name="rating_score_1_to_9",
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(band=""),
                name="rating_score_or_band",
            ),
        ]

    @property
    def dont_know(self) -> bool:
        return self.score is None and not self.band

    @property
    def shown_band(self) -> Band | None:
        if self.score is not None:
            return band_of(self.score)
        return Band(self.band) if self.band else None


class AgreedSet(OrganisationOwned):
    """The outcomes the group confirmed at a meeting: a locked version. A change is a new one."""

    TENANT_PARENT = "study"

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="agreed_sets")
    version = models.PositiveSmallIntegerField()
    #: Frozen when confirmed: [{"candidate": id, "name": ..., "name_cy": ..., "verdict": ...}].
    outcomes = models.JSONField()
    decided_on = models.DateField(_("Date of the meeting"))
    reason = models.TextField(_("Why it changed"), blank=True, max_length=2000)
    recorded_by = models.ForeignKey(
        "organisations.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    AUDIT_VALUE_FIELDS = frozenset({"version", "decided_on"})

    class Meta:
        ordering = ["study", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["study", "version"], name="one_agreed_set_version")
        ]
