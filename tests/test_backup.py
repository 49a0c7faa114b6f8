"""`wesaid backup` and `wesaid restore` through the command line, on the engine under test.

The suite runs on SQLite by default and again on PostgreSQL in CI (DATABASE_URL set), so both
engines are covered. Each test works on its own fresh databases, never the test database.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def make_database(tmp_path: Path) -> dict[str, str]:
    """Environment for a new, empty database of the engine under test."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "WESAID_SQLITE_PATH"}}
    env["WESAID_VAR_DIR"] = str(tmp_path / "var")
    if ON_POSTGRES:
        import psycopg

        base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
        name = f"wesaid_backup_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = f"{base}/{name}"
        CREATED.append((base, name))
    else:
        env["WESAID_SQLITE_PATH"] = str(tmp_path / f"{uuid.uuid4().hex[:8]}.sqlite3")
    return env


CREATED: list[tuple[str, str]] = []


@pytest.fixture(scope="module", autouse=True)
def drop_databases():
    yield
    if ON_POSTGRES:
        import psycopg

        for base, name in CREATED:
            with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    CREATED.clear()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A database with the demo data, and a backup of it, shared by the tests here."""
    tmp_path = tmp_path_factory.mktemp("source")
    env = make_database(tmp_path)
    wesaid(env, "migrate", "-v0")
    wesaid(env, "demo")
    backup = tmp_path / "backup.jsonl.gz"
    wesaid(env, "backup", str(backup))
    return env, backup


def wesaid(env, *args, ok=True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "wesaid", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if ok:
        assert result.returncode == 0, result.stderr
    return result


def rows(path: Path) -> list[str]:
    """Each row as canonical JSON: PostgreSQL's jsonb keeps a JSON field's keys in its own order."""
    with gzip.open(path, "rt") as handle:
        lines = handle.read().splitlines()
    return sorted(json.dumps(json.loads(line), sort_keys=True) for line in lines[1:-1])


def test_a_backup_restored_into_an_empty_database_has_every_row(tmp_path, demo):
    _, backup = demo

    target = make_database(tmp_path)
    wesaid(target, "migrate", "-v0")
    out = wesaid(target, "restore", str(backup))
    assert "Restored" in out.stdout

    again = tmp_path / "again.jsonl.gz"
    wesaid(target, "backup", str(again))
    original, restored = rows(backup), rows(again)
    assert len(original) > 100
    missing = set(original) - set(restored)
    assert missing == set()
    # The only new row is the audit event for the restore itself.
    extra = [json.loads(line) for line in set(restored) - set(original)]
    assert [(e["model"], e["fields"]["action"]) for e in extra] == [
        ("audit.auditevent", "backup.restored")
    ]
    # New rows after a restore get fresh ids (sequences were moved past the restored rows).
    wesaid(target, "demo")


def test_restore_refuses_a_database_that_is_not_empty_and_writes_nothing(demo):
    env, backup = demo
    result = wesaid(env, "restore", str(backup), ok=False)
    assert result.returncode != 0
    assert "The database is not empty" in result.stderr
    assert "Nothing was restored" in result.stderr


def test_a_damaged_backup_says_which_line_and_writes_nothing(tmp_path, demo):
    _, backup = demo
    with gzip.open(backup, "rt") as handle:
        lines = handle.read().splitlines()
    lines[5] = lines[5][:20]  # cut a row in half
    damaged = tmp_path / "damaged.jsonl.gz"
    with gzip.open(damaged, "wt") as handle:
        handle.write("\n".join(lines) + "\n")

    target = make_database(tmp_path)
    wesaid(target, "migrate", "-v0")
    result = wesaid(target, "restore", str(damaged), ok=False)
    assert "Line 6" in result.stderr
    check = tmp_path / "check.jsonl.gz"
    wesaid(target, "backup", str(check))
    assert rows(check) == []


if ON_POSTGRES:

    def test_a_backup_moves_from_sqlite_to_postgresql(tmp_path):
        source = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        source["WESAID_VAR_DIR"] = str(tmp_path / "var")
        source["WESAID_SQLITE_PATH"] = str(tmp_path / "source.sqlite3")
        wesaid(source, "migrate", "-v0")
        wesaid(source, "demo")
        backup = tmp_path / "from-sqlite.jsonl.gz"
        wesaid(source, "backup", str(backup))
        target = make_database(tmp_path)
        wesaid(target, "migrate", "-v0")
        wesaid(target, "restore", str(backup))
        again = tmp_path / "again.jsonl.gz"
        wesaid(target, "backup", str(again))
        assert set(rows(backup)) <= set(rows(again))


@pytest.mark.skipif(os.name != "posix", reason="file permissions are POSIX")
def test_a_backup_file_is_readable_by_its_owner_only(demo):
    _, backup = demo
    assert backup.stat().st_mode & 0o777 == 0o600


ERASE_AMIRA = """
from wesaid.accounts.models import User
from wesaid.privacy.services import person_erase
amira = User.objects.get(username="amira").person
sam = User.objects.get(username="sam").person
person_erase(person=amira, actor=sam)
print(amira.pk)
"""

AMIRA_STATE = """
from wesaid.organisations.models import Person
from wesaid.accounts.models import User
p = Person.objects.get(pk={pk})
print(repr(p.display_name), p.erased_at is not None, User.objects.filter(person=p).exists())
"""


def test_a_restore_older_than_an_erasure_warns_and_erases_again(tmp_path):
    source = make_database(tmp_path / "source")
    ledger = tmp_path / "ledger" / "erasures.jsonl"
    source["WESAID_ERASURE_LEDGER"] = str(ledger)
    wesaid(source, "migrate", "-v0")
    wesaid(source, "demo")
    backup = tmp_path / "before.jsonl.gz"
    wesaid(source, "backup", str(backup))
    pk = int(wesaid(source, "shell", "-c", ERASE_AMIRA).stdout.strip().splitlines()[-1])
    assert ledger.exists() and "Amira" not in ledger.read_text()

    target = make_database(tmp_path / "target")
    target["WESAID_ERASURE_LEDGER"] = str(ledger)
    wesaid(target, "migrate", "-v0")
    out = wesaid(target, "restore", str(backup))
    assert "older than 1 erasure(s)" in out.stderr
    assert f"person #{pk} " in out.stderr
    state = wesaid(target, "shell", "-c", AMIRA_STATE.format(pk=pk)).stdout.strip().splitlines()
    assert state[-1] == "'' True False"


def test_a_restore_without_a_ledger_says_nothing_about_erasures(tmp_path, demo):
    _, backup = demo
    target = make_database(tmp_path)
    target["WESAID_ERASURE_LEDGER"] = str(tmp_path / "none.jsonl")
    wesaid(target, "migrate", "-v0")
    out = wesaid(target, "restore", str(backup))
    assert "erasure" not in out.stderr
