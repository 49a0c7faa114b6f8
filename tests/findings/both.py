"""Run a ``describe_*`` function in English and in Welsh, for tests that check both."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import translation

from wesaid.findings.words import Wording


@dataclass(frozen=True)
class ByLanguage:
    """A name given by the caller in each language (a group, a category)."""

    en: str
    cy: str


@dataclass(frozen=True)
class Both:
    en: str
    cy: str
    easy_en: str | None
    easy_cy: str | None


def both(describe: Callable[..., Wording | None], *args: Any, **kwargs: Any) -> Both | None:
    made: dict[str, Wording | None] = {}
    for language in ("en", "cy"):
        values = {
            key: getattr(value, language) if isinstance(value, ByLanguage) else value
            for key, value in kwargs.items()
        }
        with translation.override(language):
            made[language] = describe(*args, **values)
    en, cy = made["en"], made["cy"]
    if en is None or cy is None:
        assert en is cy, "a finding must be absent in both languages or in neither"
        return None
    return Both(en.text, cy.text, en.easy_read, cy.easy_read)
