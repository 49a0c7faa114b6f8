"""The analysis package stays pure: it imports without Django.

A fresh interpreter blocks Django (``sys.modules["django"] = None`` makes any ``import django``
fail) and imports ``wesaid.analysis`` and every submodule pkgutil can find, so modules added
later are covered without editing this test.
"""

from __future__ import annotations

import os
import re
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
    for module in (
        "wesaid.analysis.scoring",
        "wesaid.analysis.change",
        "wesaid.analysis.certainty",
    ):
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


def test_no_result_carries_sentences_only_numbers_names_and_codes() -> None:
    """Findings are typed: a text field on a result must be a name the caller gave, a label,
    or an enumeration; words are made on the Django side (wesaid.findings)."""
    import dataclasses
    import importlib
    import pkgutil

    import wesaid.analysis as package

    # Fields that hold names the caller gave, labels or identifiers, never our sentences.
    allowed = {
        "CategoryRow.category",
        "StudyRow.label",
        "ItemConsensus.item",
        "ItemConsensus.groups_without_ratings",
        "InstrumentDefinition.reverse_scored",
        "GroupDistribution.group",
        "ConsensusResult.groups",
        "RepresentationResult.under_represented",
        "RepresentationResult.dropped",
        "RepresentationResult.ci_method",
        "GoodnessOfFit.method",
        "PoolResult.method",
        "OutcomeAnalysis.instrument",
        "InstrumentDefinition.key",
        "InstrumentDefinition.method",
        "InstrumentDefinition.items",
        "InstrumentDefinition.name",
        "InstrumentDefinition.version",
        "PairedChange.hodges_lehmann_method",
        "FleissKappa.categories",
        "CohenKappa.categories",
        "ItsResult.months",
        "ItsResult.change_at",
        "ItsResult.method",
        "ItsNote.gaps",
        "ScoredTable.respondents",
    }
    problems = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"wesaid.analysis.{info.name}")
        for name, value in vars(module).items():
            if not (dataclasses.is_dataclass(value) and value.__module__ == module.__name__):
                continue
            for item in dataclasses.fields(value):
                text = str(item.type)  # the annotation as written (postponed evaluation)
                if re.search(r"\bstr\b", text) and f"{name}.{item.name}" not in allowed:
                    problems.append(f"{name}.{item.name}: {text}")
    assert not problems, "Result fields that could carry sentences:\n  " + "\n  ".join(problems)
