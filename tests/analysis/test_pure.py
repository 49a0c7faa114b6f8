"""The analysis package stays pure: it imports without Django.

A fresh interpreter blocks Django (``sys.modules["django"] = None`` makes any ``import django``
fail) and imports ``wesaid.analysis`` and every submodule pkgutil can find, so modules added
later are covered without editing this test.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import importlib
    import pkgutil
    import sys

    sys.modules["django"] = None
    import wesaid.analysis as analysis

    names = [m.name for m in pkgutil.walk_packages(analysis.__path__, "wesaid.analysis.")]
    for name in names:
        importlib.import_module(name)
    leaked = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
    assert leaked == ["django"] and sys.modules["django"] is None, leaked
    print(len(names), " ".join(names))
    """
)


def _without_django_settings() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}


def test_the_analysis_package_and_all_its_modules_import_without_django() -> None:
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**_without_django_settings(), "PYTHONPATH": str(ROOT)},
    )
    assert completed.returncode == 0, completed.stderr
    count, _, names = completed.stdout.strip().partition(" ")
    assert int(count) >= 3
    for module in ("wesaid.analysis.scoring", "wesaid.analysis.change", "wesaid.analysis.plain"):
        assert module in names.split()


def test_blocking_django_really_blocks_it() -> None:
    """Guard against a vacuous pass: the same trick must make ``import django`` fail."""
    completed = subprocess.run(
        [sys.executable, "-c", 'import sys; sys.modules["django"] = None; import django'],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode != 0
    assert "ModuleNotFoundError" in completed.stderr or "ImportError" in completed.stderr
