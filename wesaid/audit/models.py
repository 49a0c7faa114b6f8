from __future__ import annotations

from django.db import models

from wesaid.core.tenancy import GLOBAL

from .actions import Action


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or remove an audit row."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: ARG002
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted.")

    def _raw_delete(self, using):  # noqa: ARG002 - the path Django's collector takes
        raise AppendOnlyError("Audit events cannot be deleted.")

    def bulk_update(self, *args, **kwargs):  # noqa: ARG002
        raise AppendOnlyError("Audit events cannot be changed.")

    def in_organisation(self, organisation) -> AuditEventQuerySet:
        return self.filter(organisation=organisation)


class AuditEvent(models.Model):
    """Who did what, when (UTC), to which object, and which fields changed.

    Append-only: no code path updates or deletes a row, and no screen offers to. Sensitive
    fields are named in ``changes`` but their values are never stored.
    """

    # Not OrganisationOwned: system events have no organisation, and no row may cascade away.
    TENANCY = GLOBAL
    TENANCY_REASON = "history outlives its organisation; reads are scoped with in_organisation"

    # No database constraints and no cascades: removing an organisation or erasing a person
    # never rewrites or removes the history.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor = models.ForeignKey(
        "organisations.Person",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(max_length=80, choices=Action.choices)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        # Related lookups and Django's own internals use the base manager: the same guards.
        base_manager_name = "objects"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("Audit events cannot be changed.")
        # Always an INSERT: a new instance given an existing id fails instead of overwriting.
        kwargs["force_insert"] = True
        kwargs.pop("force_update", None)
        kwargs.pop("update_fields", None)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")
