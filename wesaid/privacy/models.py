"""An organisation's own retention periods and notices."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wesaid.core.personal_data import Retention
from wesaid.core.tenancy import OrganisationOwned

#: The kinds an organisation sets; projects are kept with the project, not on a timer.
SETTABLE = (
    Retention.SIGN_IN,
    Retention.SESSIONS,
    Retention.LOCKOUTS,
    Retention.ANSWERS,
    Retention.AUDIT,
    Retention.PEOPLE,
)

RETENTION_LABELS = {
    Retention.SIGN_IN: _("Sign-in cards and emailed links, after they expire or are used"),
    Retention.SESSIONS: _("Signed-in sessions, after they end"),
    Retention.LOCKOUTS: _("Records of sign-ins and failed sign-ins"),
    Retention.ANSWERS: _("Answers in a finished project, after its end date"),
    Retention.AUDIT: _("The audit log"),
    Retention.PEOPLE: _("People who have left, after they left (then they are erased)"),
    Retention.PROJECTS: _("Projects and who was in them"),
}

#: The shortest audit log we allow: less than a year cannot show how data was looked after.
AUDIT_MINIMUM_DAYS = 365


class RetentionPeriod(OrganisationOwned):
    """How long one kind of data is kept, in days, for one organisation (default when absent)."""

    kind = models.CharField(
        max_length=20, choices=[(k.value, RETENTION_LABELS[k]) for k in SETTABLE]
    )
    #: None: not removed on a timer (only for people, who are then erased only on request).
    days = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(3650)]
    )

    AUDIT_VALUE_FIELDS = frozenset({"kind", "days"})

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind"], name="one_period_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.days}"


class PrivacyNotice(OrganisationOwned):
    """The organisation's own privacy notice: its details; the rest comes from the register."""

    controller = models.CharField(
        _("Who is responsible for the data (the data controller)"),
        max_length=200,
        help_text=_("Usually the organisation's full legal name."),
    )
    contact = models.TextField(
        _("How people contact you about their data"),
        help_text=_("An email address, a phone number or a postal address."),
    )
    dpo_contact = models.TextField(
        _("How to contact your data protection officer"),
        help_text=_("Councils and health and care bodies must have one."),
    )
    extra_en = models.TextField(_("Anything else to say, in English"), blank=True)
    extra_cy = models.TextField(_("Anything else to say, in Welsh"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    AUDIT_VALUE_FIELDS = frozenset({"controller"})

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation"], name="one_privacy_notice")]

    def __str__(self) -> str:
        return f"Privacy notice of {self.organisation_id}"


class AccessibilityStatement(OrganisationOwned):
    """The organisation's accessibility statement, in the form the Public Sector Bodies
    (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 ask for."""

    class Status(models.TextChoices):
        FULL = "full", _("Fully compliant")
        PARTIAL = "partial", _("Partially compliant")
        NOT = "not", _("Not compliant")

    status = models.CharField(
        _("How far the service meets WCAG 2.2 level AA"),
        max_length=10,
        choices=Status.choices,
        default=Status.PARTIAL,
    )
    known_issues_en = models.TextField(_("What does not work yet, in English"), blank=True)
    known_issues_cy = models.TextField(_("What does not work yet, in Welsh"), blank=True)
    report_contact = models.TextField(
        _("How people report a problem or ask for another format"),
        help_text=_("An email address and a phone number, and how soon you answer."),
    )
    reviewed_on = models.DateField(_("When the statement was last reviewed"))
    updated_at = models.DateTimeField(auto_now=True)

    AUDIT_VALUE_FIELDS = frozenset({"status", "reviewed_on"})

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="one_accessibility_statement")
        ]

    def __str__(self) -> str:
        return f"Accessibility statement of {self.organisation_id}"
