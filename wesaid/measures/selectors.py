"""Reads for measures: the shipped definitions and an organisation's list."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import get_language

from wesaid.organisations.models import Organisation

from .models import Instrument

SHIPPED_DIR = Path(__file__).with_name("data") / "shipped"


@cache
def _shipped() -> dict[str, dict[str, Any]]:
    found = {}
    for path in sorted(SHIPPED_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found[data["id"]] = data
    return found


def shipped_measures() -> list[dict[str, Any]]:
    """Every definition the product ships (our own questions, then public ones), as copies."""
    order = {"ours": 0, "open": 1}
    items = sorted(
        _shipped().values(), key=lambda d: (order[d["licence"]["type"]], d["name"]["en"])
    )
    return [json.loads(json.dumps(d)) for d in items]


def shipped_measure(key: str) -> dict[str, Any] | None:
    found = _shipped().get(key)
    return json.loads(json.dumps(found)) if found is not None else None


def organisation_measures(organisation: Organisation) -> QuerySet[Instrument]:
    return Instrument.objects.in_organisation(organisation).prefetch_related("versions")


def shipped_not_added(organisation: Organisation) -> list[dict[str, Any]]:
    """The shipped definitions not yet added, each with ``shown_name`` in the reader's language."""
    added = set(Instrument.objects.in_organisation(organisation).values_list("origin", flat=True))
    language = get_language() or "en"
    found = [d for d in shipped_measures() if f"shipped:{d['id']}" not in added]
    for d in found:
        d["shown_name"] = d["name"].get(language, d["name"]["en"])
    return found
