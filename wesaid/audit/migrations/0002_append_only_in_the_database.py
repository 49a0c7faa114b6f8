"""The audit table refuses UPDATE and DELETE in the database itself (PostgreSQL).

A DELETE is let through only inside a transaction that has set ``wesaid.audit_purge`` to
``on`` (``SET LOCAL``): the one path retention uses (``audit.services.audit_purge_before``).
SQLite has no such triggers here; there the guards are in Python only (docs/architecture.md).
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION wesaid_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('wesaid.audit_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION USING
        MESSAGE = 'audit events cannot be changed or deleted (' || TG_OP || ')',
        ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_auditevent_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION wesaid_audit_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS wesaid_audit_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.AlterModelOptions(
            name="auditevent",
            options={"base_manager_name": "objects", "ordering": ["-created_at", "-id"]},
        ),
        migrations.RunPython(forwards, backwards),
    ]
