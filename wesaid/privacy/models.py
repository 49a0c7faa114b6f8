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
