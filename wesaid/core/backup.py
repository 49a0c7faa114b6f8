"""Backups that move between SQLite and PostgreSQL: gzip JSON Lines, one row per line.

Line 1 is a header (format, version, when, the migrations the data fits); then one line per row;
the last line holds the row count per model, which ``restore`` checks after loading.
"""

from __future__ import annotations

import datetime
import gzip
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "wesaid-backup"
VERSION = 1
# Rebuilt by migrations or worthless after a restore.
SKIPPED = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


class _ExactEncoder(DjangoJSONEncoder):
    """Keeps microseconds (Django's encoder rounds times to milliseconds, losing data)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class BackupError(Exception):
    """A backup that cannot be restored here; the message says why. Nothing was written."""


def backed_up_models() -> list:
    app_list = dict.fromkeys(apps.get_app_configs())
    ordered = serializers.sort_dependencies(app_list.items(), allow_cycles=True)
    return [
        m
        for m in ordered
        if m._meta.label_lower not in SKIPPED and m._meta.managed and not m._meta.proxy
    ]


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> list[list[str]]:
    recorder = MigrationRecorder(connections[using])
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _open(path: Path, mode: str):
    return (
        gzip.open(path, mode + "t", encoding="utf-8")
        if path.suffix == ".gz"
        else path.open(mode, encoding="utf-8")
    )


def write_backup(path: Path, using: str = DEFAULT_DB_ALIAS) -> Counter:
    counts: Counter = Counter()
    connection = connections[using]
    # A backup holds everyone's personal data and second-factor keys: its owner alone reads it.
    path.touch(mode=0o600)
    path.chmod(0o600)
    with transaction.atomic(using=using), _open(path, "w") as out:
        if connection.vendor == "postgresql":
            # One consistent snapshot of every table, even while people keep working.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        header = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": timezone.now().isoformat(),
            "migrations": applied_migrations(using),
        }
        out.write(json.dumps(header) + "\n")
        for model in backed_up_models():
            rows = (
                model._base_manager.using(using)
                .order_by(model._meta.pk.name)
                .iterator(chunk_size=2000)
            )
            for row in serializers.serialize("python", rows):
                out.write(json.dumps(row, cls=_ExactEncoder) + "\n")
                counts[model._meta.label_lower] += 1
        out.write(json.dumps({"counts": dict(counts)}) + "\n")
    return counts


def _read(path: Path) -> tuple[dict, Iterator[dict], dict]:
    with _open(path, "r") as handle:
        lines = handle.read().splitlines()
    if not lines:
        raise BackupError(f"{path} is empty.")
    try:
        header = json.loads(lines[0])
        footer = json.loads(lines[-1])
    except json.JSONDecodeError as exc:
        raise BackupError(
            f"{path} is not a wesaid backup: {exc.msg} on line {exc.lineno}."
        ) from exc
    if header.get("format") != FORMAT or "counts" not in footer:
        raise BackupError(
            f"{path} is not a complete wesaid backup (header or final counts missing)."
        )
    if header.get("version") != VERSION:
        raise BackupError(
            f"{path} is backup format version {header.get('version')}; this wesaid reads {VERSION}."
        )

    def rows():
        for number, line in enumerate(lines[1:-1], start=2):
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise BackupError(f"Line {number} of {path} is damaged: {exc.msg}.") from exc

    return header, rows(), footer["counts"]


def database_is_empty(using: str = DEFAULT_DB_ALIAS) -> bool:
    return not any(model._base_manager.using(using).exists() for model in backed_up_models())


def restore_backup(path: Path, using: str = DEFAULT_DB_ALIAS) -> Counter:
    """Load a backup into an empty, migrated database, all or nothing."""
    header, rows, expected = _read(path)
    if header["migrations"] != applied_migrations(using):
        raise BackupError(
            "The backup was made with a different version of wesaid's database. "
            "Install the matching version (or run `wesaid migrate` so both are the same) and try again."
        )
    if not database_is_empty(using):
        raise BackupError("The database is not empty. Restore only into a new, migrated database.")
    counts: Counter = Counter()
    connection = connections[using]
    with transaction.atomic(using=using):
        with connection.constraint_checks_disabled():
            for obj in serializers.deserialize("python", rows, using=using):
                obj.save(using=using)
                counts[obj.object._meta.label_lower] += 1
        connection.check_constraints()
        if dict(counts) != expected:
            raise BackupError(
                f"The backup's rows do not add up (expected {expected}, read {dict(counts)})."
            )
        models = [apps.get_model(label) for label in counts]
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(_NoStyle(), models):
                cursor.execute(statement)
    return counts


class _NoStyle:
    def __getattr__(self, name):
        return lambda text: text
