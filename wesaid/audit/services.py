"""Writing the audit log. Call ``record`` inside the same transaction as the change."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, models, transaction

from .actions import Action
from .models import AuditEvent

CHANGED = "changed"


class UnknownAction(ValueError):
    """An action that is not in the one enumeration (``audit.actions.Action``)."""


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of some fields, to compare after an edit."""
    return {name: getattr(instance, name) for name in fields}


def changes_between(
    before: dict[str, Any], instance: models.Model, *, created: bool = False
) -> dict[str, Any]:
    """Which fields changed; values only for fields the model lists as safe to record.

    A model opts fields in with ``AUDIT_VALUE_FIELDS``; every other field is recorded by name
    only, so personal and special-category data never reaches the log.
    """
    value_fields: frozenset[str] = getattr(type(instance), "AUDIT_VALUE_FIELDS", frozenset())
    changes: dict[str, Any] = {}
    for name, old in before.items():
        new = getattr(instance, name)
        if created or old != new:
            if name in value_fields:
                changes[name] = {"from": None if created else _plain(old), "to": _plain(new)}
            else:
                changes[name] = CHANGED
    return changes


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def record(
    *,
    action: Action,
    actor=None,
    organisation=None,
    obj: models.Model | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event. ``actor`` is a Person (or None for the system)."""
    if action not in Action.values:
        raise UnknownAction(f"{action!r} is not an audit action: add it to audit/actions.py")
    if organisation is None and obj is not None:
        organisation = getattr(obj, "organisation", None)
    if organisation is None and actor is not None:
        organisation = actor.organisation
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        organisation=organisation,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        changes=changes or {},
    )


def create_audited(instance: models.Model, *, action: Action, actor, fields: Iterable[str]):
    """Validate and save a new row, and record which of ``fields`` it was given.

    Call inside the service's ``transaction.atomic()`` so the row and its event stay together.
    """
    instance.full_clean()
    instance.save()
    record(
        action=action,
        actor=actor,
        obj=instance,
        changes=changes_between(dict.fromkeys(fields), instance, created=True),
    )
    return instance


def update_audited(
    instance: models.Model, *, action: Action, actor, fields: Iterable[str], values: dict[str, Any]
):
    """Change some of ``fields``, validate, save, and record what changed (nothing if nothing did)."""
    fields = tuple(fields)
    before = snapshot(instance, fields)
    for name, value in values.items():
        if name not in fields:
            raise ValueError(f"{name} cannot be changed here")
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    changes = changes_between(before, instance)
    if changes:
        record(action=action, actor=actor, obj=instance, changes=changes)
    return instance


@transaction.atomic
def audit_purge_before(*, organisation, before) -> int:
    """Delete an organisation's audit events older than ``before``: retention's one way in.

    On PostgreSQL the table's trigger refuses every DELETE unless this transaction says
    ``SET LOCAL wesaid.audit_purge = 'on'``; the setting ends with the transaction. The purge
    itself is then recorded, with the number of rows only.
    """
    table = AuditEvent._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL wesaid.audit_purge = 'on'")
        cursor.execute(
            f"DELETE FROM {table} WHERE organisation_id = %s AND created_at < %s",  # noqa: S608
            [organisation.pk, before],
        )
        removed = cursor.rowcount
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL wesaid.audit_purge = 'off'")
    if removed:
        record(action=Action.AUDIT_PURGED, organisation=organisation, changes={"rows": removed})
    return removed
