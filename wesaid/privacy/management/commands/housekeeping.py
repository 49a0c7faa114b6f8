"""Apply every organisation's retention periods now (or queue it for the task worker)."""

from django.core.management.base import BaseCommand

from wesaid.privacy.retention import apply_retention, retention_apply


class Command(BaseCommand):
    help = "Remove what is past its retention period, and say how much went (counts only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue", action="store_true", help="Hand the work to the task worker instead."
        )

    def handle(self, *args, queue: bool, **options):
        if queue:
            apply_retention.enqueue()
            self.stdout.write("Housekeeping queued for the task worker.")
            return
        report = retention_apply()
        for organisation_id, counts in report.items():
            summary = ", ".join(f"{kind} {count}" for kind, count in counts.items())
            self.stdout.write(f"Organisation #{organisation_id}: removed {summary}.")
