"""Write docs/data-map.md from the register of personal data, or check that it matches."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wesaid.core.personal_data import data_map


class Command(BaseCommand):
    help = "Write docs/data-map.md from the register of personal data (--check: only compare)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail if the file differs.")
        parser.add_argument(
            "--path", default=str(Path(settings.PROJECT_DIR) / "docs" / "data-map.md")
        )

    def handle(self, *args, check: bool, path: str, **options):
        target = Path(path)
        text = data_map()
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                raise CommandError(f"{target} does not match the register: run `wesaid datamap`.")
            self.stdout.write(f"{target} matches the register.")
            return
        target.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {target}.")
