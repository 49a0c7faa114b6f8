"""Install the shared outcome library shipped with this release, so no deployment starts
without it. Later versions of library.json are loaded with ``wesaid outcomes_load``, which
records each change in the audit log; this first install is part of the schema, like a
table, and records nothing."""

from django.db import migrations


def load(apps, schema_editor):
    from wesaid.outcomes.library import library_rows, read_library

    LibraryOutcome = apps.get_model("outcomes", "LibraryOutcome")
    if LibraryOutcome.objects.exists():
        return
    known = {field.name for field in LibraryOutcome._meta.concrete_fields}
    for values in library_rows(read_library()):
        # Only the fields this migration's model has: a later library may carry more.
        LibraryOutcome.objects.create(**{k: v for k, v in values.items() if k in known})


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
