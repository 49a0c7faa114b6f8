"""A simple check-in: one question, five answers. The walking skeleton for surveys."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from wesaid.core.tenancy import OrganisationOwned, TenantQuerySet


class Feeling(models.IntegerChoices):
    """Answers to "How did today's session feel?", worst to best."""

    VERY_BAD = 1, _("Very bad")
    BAD = 2, _("Bad")
    OKAY = 3, _("Okay")
    GOOD = 4, _("Good")
    VERY_GOOD = 5, _("Very good")


STANDARD_QUESTION = _("How did today's session feel?")


class CheckIn(OrganisationOwned):
    TENANT_PARENT = "project"

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="checkins"
    )
    title = models.CharField(_("Name of the check-in"), max_length=200)
    # Empty means the standard question, shown in each reader's own language.
    question = models.CharField(_("Question"), max_length=300, blank=True, default="")
    is_open = models.BooleanField(_("Open for answers"), default=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    #: The results released outside the project team when it closed, frozen then:
    #: {"members": n, "counts": [very bad, bad, okay, good, very good]}.
    released = models.JSONField(null=True, blank=True)
    created_by = models.ForeignKey(
        "organisations.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    AUDIT_VALUE_FIELDS = frozenset({"title", "question", "is_open", "closed_at"})

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def question_text(self) -> str:
        return self.question or str(STANDARD_QUESTION)


class CheckInAnswerQuerySet(TenantQuerySet):
    def for_checkin(self, checkin: CheckIn) -> CheckInAnswerQuerySet:
        return self.filter(checkin=checkin)


class CheckInAnswer(OrganisationOwned):
    """One person's answer. ``submission_id`` makes a retried submission land once."""

    TENANT_PARENT = "checkin"

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="answers")
    # Cleared when the person is erased: the answer stays in the totals and points at nobody.
    person = models.ForeignKey(
        "organisations.Person", on_delete=models.CASCADE, related_name="+", null=True
    )
    feeling = models.PositiveSmallIntegerField(_("Answer"), choices=Feeling.choices)
    submission_id = models.UUIDField(unique=True)
    answered_at = models.DateTimeField(auto_now_add=True)

    objects = CheckInAnswerQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["checkin", "person"], name="one_answer_per_person")
        ]

    def __str__(self) -> str:
        return f"Answer {self.pk} to check-in {self.checkin_id}"
