"""Shared pieces for the findings' words: numbers for reading, placeholders with Welsh
mutations, and the sentences every kind of result uses (how many, how sure, small groups).

The rules (docs/statistics.md, "Plain words"): say how big, in the measure's units or as a
share; say how many people it rests on; say how sure from the interval, never from a p-value
alone; add a caution when the group is small; short sentences and everyday words.
"""

from __future__ import annotations

import math
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import get_language, ngettext, pgettext

from wesaid.analysis.certainty import SMALL_GROUP, Certainty

from . import welsh


@dataclass(frozen=True)
class Wording:
    """A finding in words, in the language active when it was made.

    ``text`` is the plain wording for everyone; ``easy_read`` is the easy-read wording (short
    sentences, one idea each), or ``None`` where the finding has none yet.
    """

    text: str
    easy_read: str | None = None


def join(parts: Iterable[str | None]) -> str:
    """Sentences one after another, leaving out the ``None`` ones."""
    return " ".join(part for part in parts if part)


class _Formatter(string.Formatter):
    """``str.format`` where a format spec may name a Welsh mutation (see welsh.SPECS)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec in welsh.SPECS:
            text = str(value)
            return welsh.mutate(format_spec, text) if _welsh() else text
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def _welsh() -> bool:
    return (get_language() or "en").lower().startswith("cy")


def fill(template: str, /, **values: object) -> str:
    """A translated sentence with its placeholders filled, mutations made."""
    return _FORMATTER.vformat(template, (), values)


def placeholders(template: str) -> set[tuple[str, str]]:
    """The (name, format spec) of each placeholder, for the translation tests."""
    return {(name, spec or "") for _, name, spec, _ in _FORMATTER.parse(template) if name}


# --- numbers --------------------------------------------------------------------------------


def rounded(value: float, places: int = 1) -> Decimal:
    """``value`` rounded to ``places`` decimals with halves away from zero (2.5 → 3, not
    Python's 2), from the decimal as written (0.125 → 0.13)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"Cannot put {value!r} into words: it must be a finite number.")
    step = Decimal(1).scaleb(-places)
    result = Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP)
    return result + 0  # -0 → 0


def number(value: float, places: int = 1) -> str:
    """A number for reading: rounded half up, no trailing ``.0``, minus sign kept."""
    text = f"{rounded(value, places):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def whole(value: float) -> int:
    """The nearest whole number, halves up: "about 3 people" for an expected 2.5."""
    return int(rounded(value, 0))


def signed(value: float, places: int = 1) -> str:
    """A number for a sentence with its minus sign in words ("minus 1.2"): a bare "-" is easy
    to miss. A value that is not 0 is never shown as 0 (0.0039 → "0.004")."""
    text = number(value, places)
    while text in ("0", "-0") and value != 0 and places < 6:
        # A small end such as 0.0039 is not shown as 0: that would read as "no difference".
        places += 1
        text = number(value, places)
    if text.startswith("-"):
        return fill(pgettext("a negative number", "minus {number}"), number=text[1:])
    return text


def percent(share: float, places: int = 0) -> str:
    """A share between 0 and 1 as a percentage: 0.25 → "25%"."""
    return fill(pgettext("a percentage", "{number}%"), number=number(share * 100, places))


def rounds_to_zero(value: float, places: int) -> bool:
    return number(abs(value), places) == "0"


def capital(text: str) -> str:
    """``text`` with a capital first letter (for a name that starts a sentence)."""
    return text[:1].upper() + text[1:]


# --- shared sentences ---------------------------------------------------------------------


def people(n: int) -> str:
    """ "12 people" / "12 o bobl"."""
    return fill(ngettext("{n} person", "{n} people", n), n=n)


def sure(level: Certainty) -> str:
    """The sentence that says how sure we can be."""
    if level is Certainty.CLEAR:
        return pgettext("how sure", "We can be fairly sure this is a real difference, not chance.")
    if level is Certainty.NO_WIDTH:
        return pgettext(
            "how sure",
            "There is no spread in these figures, so we cannot say how sure to be.",
        )
    return pgettext("how sure", "We cannot be sure this is a real difference: it could be chance.")


def likely_range(low: float, high: float, *, places: int = 1, unit: str = "") -> str:
    """ "The true difference is likely to be between 1.2 and 3.4 points.", with negative ends in
    words, and "about ..." when both ends read the same. ``unit`` is already translated."""
    first, last = signed(low, places), signed(high, places)
    if first == last:
        if unit:
            return fill(
                pgettext(
                    "likely range", "The true difference is likely to be about {value} {unit}."
                ),
                value=first,
                unit=unit,
            )
        return fill(
            pgettext("likely range", "The true difference is likely to be about {value}."),
            value=first,
        )
    if unit:
        return fill(
            pgettext(
                "likely range",
                "The true difference is likely to be between {low} and {high} {unit}.",
            ),
            low=first,
            high=last,
            unit=unit,
        )
    return fill(
        pgettext("likely range", "The true difference is likely to be between {low} and {high}."),
        low=first,
        high=last,
    )


def small_group(n: int, *, threshold: int = SMALL_GROUP) -> str | None:
    """The caution added when a result rests on fewer than ``threshold`` people."""
    if n >= threshold:
        return None
    return pgettext("caution", "This is a small group, so treat the result as a rough guide.")


def easy_small_group(n: int, *, threshold: int = SMALL_GROUP) -> str | None:
    """The easy-read caution for a small group."""
    if n >= threshold:
        return None
    return pgettext("easy read", "Not many people answered. So this is only a rough guide.")


def easy_sure(level: Certainty) -> str:
    """How sure, in easy read."""
    if level is Certainty.CLEAR:
        return pgettext("easy read", "We are fairly sure this change is real.")
    return pgettext("easy read", "We are not sure this change is real. It could be luck.")


def name_in(names: Mapping[str, str] | None, name: str) -> str:
    """A caller-given name in the active language: ``names`` maps the stored (English) name
    to the Welsh one, used when Welsh is active."""
    if names and _welsh():
        return names.get(name, name)
    return name
