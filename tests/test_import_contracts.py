"""The import contracts in pyproject.toml hold, and a wrong-way import breaks them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def run_contracts(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(tree / "pyproject.toml")],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def copy_of_the_code(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    shutil.copytree(
        ROOT / "wesaid",
        tree / "wesaid",
        ignore=shutil.ignore_patterns("__pycache__", "static", "locale", "templates"),
    )
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_the_contracts_hold_today(tmp_path):
    result = run_contracts(copy_of_the_code(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_statistics_package_importing_django_breaks_a_contract(tmp_path):
    tree = copy_of_the_code(tmp_path)
    errors = tree / "wesaid" / "analysis" / "errors.py"
    errors.write_text("import django.db  # noqa\n" + errors.read_text())
    result = run_contracts(tree)
    assert result.returncode != 0
    assert "The statistics package imports nothing from Django" in result.stdout
    assert "BROKEN" in result.stdout


def test_an_upward_import_between_apps_breaks_a_contract(tmp_path):
    tree = copy_of_the_code(tmp_path)
    services = tree / "wesaid" / "projects" / "services.py"
    services.write_text("import wesaid.checkins.models  # noqa\n" + services.read_text())
    result = run_contracts(tree)
    assert result.returncode != 0
    assert "wesaid.projects is not allowed to import wesaid.checkins" in result.stdout
