"""Building blocks for plain-words sentences in English and Welsh.

Every result family (change, representation, service data, agreement, pooling) has a
``describe_*`` function that returns :class:`PlainWords`. They build their sentences from the
pieces here so the wording rules in docs/statistics.md ("Plain words") hold everywhere:

1. Say how big the change or difference is, in the measure's own units or as a share.
2. Say how many people (or projects, or months) it rests on.
3. Say how sure we can be, from the confidence interval, never from a p-value alone.
4. Say when the group is small, and that the result is then a rough guide.
5. Short sentences, everyday words, no statistical term without an explanation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from .errors import AnalysisInputError

#: Below this many people, sentences add the small-group caution (the SWEMWBS owners advise
#: at least 30 people with two time points before reading much into a change).
SMALL_GROUP = 30


@dataclass(frozen=True)
class PlainWords:
    """One message in English and Welsh."""

    en: str
    cy: str

    def in_language(self, code: str) -> str:
        """The text for a language code such as ``"en"``, ``"cy"`` or ``"en-gb"``."""
        return self.cy if code.lower().startswith("cy") else self.en

    def __add__(self, other: PlainWords) -> PlainWords:
        return PlainWords(en=f"{self.en} {other.en}", cy=f"{self.cy} {other.cy}")


def join(*parts: PlainWords) -> PlainWords:
    """Sentences one after another."""
    if not parts:
        raise AnalysisInputError("join() needs at least one sentence.")
    result = parts[0]
    for part in parts[1:]:
        result = result + part
    return result


class Certainty(Enum):
    """How sure we can be, read from a 95% confidence interval."""

    CLEAR = "clear"  # the interval leaves out "no difference"
    UNCLEAR = "unclear"  # the interval includes "no difference"


def certainty(low: float, high: float, *, null: float = 0.0) -> Certainty:
    """Whether an interval from ``low`` to ``high`` leaves out the no-difference value."""
    if not (math.isfinite(low) and math.isfinite(high)):
        raise AnalysisInputError("A confidence interval must have finite ends.")
    if low > high:
        raise AnalysisInputError("A confidence interval's lower end is above its upper end.")
    return Certainty.CLEAR if (low > null or high < null) else Certainty.UNCLEAR


def has_no_width(low: float, high: float, *, scale: float = 1.0) -> bool:
    """True when an interval is a single point, allowing for floating-point noise relative to
    ``scale`` (the size of the numbers involved). Such an interval comes from a standard error
    of zero (coders agreeing on every item, figures lying exactly on a line), not from
    certainty, so the sentences never say "fairly sure" from it."""
    return high - low <= 1e-9 * max(abs(low), abs(high), abs(scale))


def number(value: float, places: int = 1) -> str:
    """A number rounded for reading: no trailing ``.0``, minus sign kept."""
    if not math.isfinite(value):
        raise AnalysisInputError("Cannot put a missing or infinite number into words.")
    rounded = round(value, places)
    if rounded == 0:
        rounded = 0.0  # avoid "-0"
    text = f"{rounded:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def signed_words(value: float, places: int = 1) -> PlainWords:
    """A number for a sentence, with a minus sign in words: ``-1.2 -> "minus 1.2"`` /
    ``"minws 1.2"``. A bare "-" is easy to miss in a sentence."""
    text = number(value, places)
    if text.startswith("-"):
        return PlainWords(en=f"minus {text[1:]}", cy=f"minws {text[1:]}")
    return PlainWords(en=text, cy=text)


def percent(share: float, places: int = 0) -> str:
    """A share between 0 and 1 as a percentage, e.g. ``0.25 -> "25%"``."""
    return f"{number(share * 100, places)}%"


def people(n: int) -> PlainWords:
    """``"12 people"`` / ``"12 o bobl"``."""
    if n < 0:
        raise AnalysisInputError("A count of people cannot be negative.")
    if n == 1:
        return PlainWords(en="1 person", cy="1 person")
    return PlainWords(en=f"{n} people", cy=f"{n} o bobl")


def sure_sentence(level: Certainty) -> PlainWords:
    """The sentence that says how sure we can be."""
    if level is Certainty.CLEAR:
        return PlainWords(
            en="We can be fairly sure this is a real difference, not chance.",
            cy="Gallwn fod yn weddol siŵr bod hwn yn wahaniaeth go iawn, nid siawns.",
        )
    return PlainWords(
        en="We cannot be sure this is a real difference: it could be chance.",
        cy="Allwn ni ddim bod yn siŵr bod hwn yn wahaniaeth go iawn: gallai fod yn siawns.",
    )


def likely_range(
    low: float, high: float, *, unit: str = "", unit_cy: str = "", places: int = 1
) -> PlainWords:
    """``"The true difference is likely to be between 1.2 and 3.4 points."``, with negative
    ends in words (``"between minus 0.4 and 2 points"`` / ``"rhwng minws 0.4 a 2 pwynt"``), and
    ``"about 0.5 points"`` when both ends read the same."""
    en_unit = f" {unit}" if unit else ""
    cy_unit = f" {unit_cy or unit}" if unit else ""
    first, last = signed_words(low, places), signed_words(high, places)
    if first == last:
        return PlainWords(
            en=f"The true difference is likely to be about {first.en}{en_unit}.",
            cy=f"Mae'r gwahaniaeth go iawn yn debygol o fod tua {first.cy}{cy_unit}.",
        )
    return PlainWords(
        en=f"The true difference is likely to be between {first.en} and {last.en}{en_unit}.",
        cy=f"Mae'r gwahaniaeth go iawn yn debygol o fod rhwng {first.cy} a {last.cy}{cy_unit}.",
    )


def small_group_note(n: int, *, threshold: int = SMALL_GROUP) -> PlainWords | None:
    """The caution added when a result rests on fewer than ``threshold`` people."""
    if n >= threshold:
        return None
    return PlainWords(
        en="This is a small group, so treat the result as a rough guide.",
        cy="Grŵp bach yw hwn, felly cymerwch y canlyniad fel arweiniad bras.",
    )
