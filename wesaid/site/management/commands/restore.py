from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wesaid.audit.actions import Action
from wesaid.audit.services import record
from wesaid.core.backup import BackupError, restore_backup
from wesaid.privacy.services import erasures_reapply, erasures_undone_by_restore


class Command(BaseCommand):
    help = "Load a backup made by `wesaid backup` into a new, migrated, empty database."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        if not file.exists():
            raise CommandError(f"There is no file at {file}.")
        try:
            counts = restore_backup(file)
        except BackupError as problem:
            raise CommandError(f"{problem} Nothing was restored.") from problem
        record(
            action=Action.BACKUP_RESTORED,
            changes={"rows": {"from": None, "to": sum(counts.values())}},
        )
        self.stdout.write(self.style.SUCCESS(f"Restored {sum(counts.values())} rows from {file}."))
        # The backup may be older than some erasures: those people must not come back.
        undone = erasures_undone_by_restore()
        if undone:
            self.stderr.write(
                self.style.WARNING(
                    f"Warning: the backup is older than {len(undone)} erasure(s) made since. "
                    "The restore brought these people back, so they have been erased again:"
                )
            )
            for entry in undone:
                self.stderr.write(
                    f"  person #{entry.person_id} (organisation #{entry.organisation_id}), "
                    f"erased {entry.erased_at:%Y-%m-%d %H:%M} UTC"
                )
            erasures_reapply(entries=undone)
