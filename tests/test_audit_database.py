"""The audit log cannot be rewritten through the ORM paths that skip the model's guards, and on
PostgreSQL not even with SQL: the table's trigger refuses UPDATE and DELETE."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.utils import DatabaseError

from wesaid.audit.models import AppendOnlyError, AuditEvent
from wesaid.audit.services import audit_purge_before, record

pytestmark = pytest.mark.django_db

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


@pytest.fixture
def event(organisation):
    return record(action="project.created", organisation=organisation)


def test_the_base_manager_refuses_updates(event):
    with pytest.raises(AppendOnlyError):
        AuditEvent._base_manager.filter(pk=event.pk).update(action="changed")


def test_a_raw_delete_is_refused(event):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk)._raw_delete(connection.alias)


def test_a_new_instance_with_an_existing_id_does_not_overwrite(event):
    forged = AuditEvent(pk=event.pk, action="something.else")
    with pytest.raises(IntegrityError), transaction.atomic():
        forged.save()
    event.refresh_from_db()
    assert event.action == "project.created"


def test_the_purge_removes_only_older_rows_of_one_organisation(organisation, other_organisation):
    from django.utils import timezone

    mine = record(action="project.created", organisation=organisation)
    theirs = record(action="project.created", organisation=other_organisation)
    removed = audit_purge_before(organisation=organisation, before=timezone.now())
    assert removed >= 1
    assert not AuditEvent.objects.filter(pk=mine.pk).exists()
    assert AuditEvent.objects.filter(pk=theirs.pk).exists()
    assert AuditEvent.objects.filter(action="audit.purged", organisation=organisation).exists()


if ON_POSTGRES:

    @pytest.mark.parametrize(
        "sql",
        [
            "UPDATE audit_auditevent SET action = 'rewritten' WHERE id = %s",
            "DELETE FROM audit_auditevent WHERE id = %s",
        ],
    )
    def test_the_database_itself_refuses_to_change_or_delete_a_row(event, sql):
        refused = pytest.raises(DatabaseError, match="audit events cannot be changed or deleted")
        with refused, transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
        event.refresh_from_db()
        assert event.action == "project.created"

    def test_the_purge_setting_ends_with_its_transaction(organisation, event):
        from django.utils import timezone

        audit_purge_before(organisation=organisation, before=timezone.now())
        kept = record(action="project.created", organisation=organisation)
        refused = pytest.raises(DatabaseError)
        with refused, transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [kept.pk])
