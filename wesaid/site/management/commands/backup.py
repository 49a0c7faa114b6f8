from pathlib import Path

from django.core.management.base import BaseCommand

from wesaid.audit.actions import Action
from wesaid.audit.services import record
from wesaid.core.backup import write_backup


class Command(BaseCommand):
    help = "Write every row of the database to FILE (gzip JSON Lines when FILE ends in .gz)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        counts = write_backup(file)
        record(
            action=Action.BACKUP_CREATED,
            changes={"rows": {"from": None, "to": sum(counts.values())}},
        )
        self.stdout.write(self.style.SUCCESS(f"Backed up {sum(counts.values())} rows to {file}."))
