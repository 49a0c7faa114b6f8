from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from wesaid.core.tenancy import OrganisationOwned


class Project(OrganisationOwned):
    class Area(models.TextChoices):
        POLICY = "policy", _("Policy")
        SERVICE_DESIGN = "service_design", _("Service design")
        SERVICE_DELIVERY = "service_delivery", _("Service delivery")
        CARE_ENVIRONMENT = "care_environment", _("Care environment")

    class Status(models.TextChoices):
        PLANNING = "planning", _("Planning")
        ACTIVE = "active", _("Active")
        FINISHED = "finished", _("Finished")

    name = models.CharField(_("Project name"), max_length=200)
    aims = models.TextField(_("Aims"))
    area = models.CharField(_("Area of work"), max_length=20, choices=Area.choices)
    starts_on = models.DateField(_("Start date"))
    ends_on = models.DateField(_("End date"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PLANNING
    )
    created_at = models.DateTimeField(auto_now_add=True)

    AUDIT_VALUE_FIELDS = frozenset({"name", "aims", "area", "starts_on", "ends_on", "status"})

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="project_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def policy_project(self) -> Project:
        """The project the policy checks membership of: a project is its own."""
        return self

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("The end date must be on or after the start date.")}
            )


class ProjectMember(OrganisationOwned):
    """A person's place in a project. Their stakeholder group is separate from their role."""

    class Group(models.TextChoices):
        LIVED_EXPERIENCE = "lived_experience", _("People who draw on care and support")
        CARER = "carer", _("Unpaid carers")
        PRACTITIONER = "practitioner", _("People who work in services")
        LEADERSHIP = "leadership", _("Managers and leaders")
        COMMUNITY = "community", _("Community members")

    TENANT_PARENT = "project"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "organisations.Person", on_delete=models.CASCADE, related_name="project_places"
    )
    group = models.CharField(_("Stakeholder group"), max_length=20, choices=Group.choices)
    joined_at = models.DateTimeField(auto_now_add=True)

    # The group is not recorded: it can reveal lived experience or caring.
    AUDIT_VALUE_FIELDS: frozenset[str] = frozenset()

    class Meta:
        ordering = ["person__display_name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "person"], name="one_place_per_project")
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.project}"
