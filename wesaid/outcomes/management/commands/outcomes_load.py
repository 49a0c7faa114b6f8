"""Load the shared outcome library from library.json (or another file): safe to run again."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wesaid.outcomes.library import LIBRARY_FILE, LibraryError, read_library
from wesaid.outcomes.services import library_load


class Command(BaseCommand):
    help = (
        "Load the shared outcome library (wesaid/outcomes/library.json by default). New "
        "outcomes are added, changed ones rewritten, missing ones retired; nothing is deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", type=Path, default=LIBRARY_FILE, help="A library file to load instead."
        )

    def handle(self, *args, file: Path, **options):
        try:
            result = library_load(data=read_library(file))
        except (OSError, ValueError) as problem:
            problems = problem.problems if isinstance(problem, LibraryError) else [str(problem)]
            raise CommandError(
                f"The outcome library in {file} was not loaded:\n  " + "\n  ".join(problems)
            ) from problem
        if not result.changed_anything:
            self.stdout.write(f"The outcome library is already at version {result.version}.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Outcome library version {result.version} loaded: {result.added} added, "
                f"{result.changed} changed, {result.retired} retired."
            )
        )
