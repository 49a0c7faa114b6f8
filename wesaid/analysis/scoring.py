"""Score answers against an instrument definition.

An instrument (a licensed measure the organisation brings, or one of our own question sets) is
described by an :class:`InstrumentDefinition`: its items, each item's valid range, which items
are reverse-scored, how items combine into a score (``sum``, ``mean`` or ``lookup``), and how
many items may be missing before we refuse to score.

Two entry points do the same arithmetic by different routes:

* :func:`score_person` scores one person's answers, item by item, in plain Python. It is the
  readable statement of the rules and what the web layer uses for a single submission.
* :func:`score_long` scores a whole long-format table (one row per respondent, wave, item and
  value) with numpy, for reports and for the benchmark.

The tests check each against hand-worked values and against each other.

Rules (also in docs/statistics.md, "Scoring"):

* A reverse-scored answer ``x`` on an item with range ``(low, high)`` counts as
  ``low + high - x``.
* An answer outside its item's range is an error, never a silent skip: it means the survey and
  the instrument disagree, and a person should look.
* A missing answer is an absent row or a NaN value. With ``k`` items and ``m`` answered, a
  score is given when ``k - m <= max_missing``. For ``sum`` and ``lookup`` a part-missing sum
  is *prorated*: ``raw_sum * k / m``, rounded to the nearest whole number with halves rounded
  up, so it sits on the same scale as a complete sum (and a lookup table can be used). For
  ``mean`` the score is the mean of the answered items.
* ``lookup`` converts the (possibly prorated) raw sum through a raw -> converted table, as
  SWEMWBS does. We never ship licensed tables; organisations type theirs in.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from .errors import AnalysisInputError, InputProblem

Method = Literal["sum", "mean", "lookup"]
METHODS: tuple[str, ...] = ("sum", "mean", "lookup")

#: The columns of a long-format answers table.
LONG_COLUMNS: tuple[str, ...] = ("respondent", "wave", "item", "value")


class NoScore(StrEnum):
    """Why a person has no score at a wave; the wording layer says it in words."""

    NO_ANSWERS = "no_answers"  # nothing was answered
    TOO_MANY_MISSING = "too_many_missing"  # more items missing than the instrument allows


REASON_NO_ANSWERS = NoScore.NO_ANSWERS
REASON_TOO_MANY_MISSING = NoScore.TOO_MANY_MISSING


@dataclass(frozen=True)
class InstrumentDefinition:
    """The shape of a measure: enough to score it, never its licensed wording.

    ``ranges`` holds one ``(low, high)`` pair per item, in the order of ``items``. Use
    :meth:`uniform` when every item shares one range. ``lookup`` holds ``(raw, converted)``
    pairs and must cover every whole raw sum the instrument can produce.
    """

    key: str
    items: tuple[str, ...]
    ranges: tuple[tuple[float, float], ...]
    reverse_scored: frozenset[str] = frozenset()
    method: Method = "sum"
    max_missing: int = 0
    lookup: tuple[tuple[int, float], ...] = ()
    higher_is_better: bool = True

    def __post_init__(self) -> None:
        # Normalise containers so definitions built from lists or JSON compare equal.
        object.__setattr__(self, "items", tuple(str(i) for i in self.items))
        object.__setattr__(self, "ranges", tuple((float(lo), float(hi)) for lo, hi in self.ranges))
        object.__setattr__(self, "reverse_scored", frozenset(str(i) for i in self.reverse_scored))
        pairs = self.lookup.items() if isinstance(self.lookup, Mapping) else self.lookup
        object.__setattr__(self, "lookup", tuple(sorted((int(r), float(c)) for r, c in pairs)))
        _check_definition(self)

    @classmethod
    def uniform(
        cls,
        key: str,
        items: Sequence[str],
        low: float,
        high: float,
        **options: Any,
    ) -> InstrumentDefinition:
        """A definition whose items all share the range ``low`` to ``high``."""
        return cls(key=key, items=tuple(items), ranges=((low, high),) * len(items), **options)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> InstrumentDefinition:
        """Build from the versioned JSON an instrument version stores.

        Expected keys: ``key``, ``items`` (a list of ``{"id", "min", "max"}`` objects, with an
        optional ``"reverse": true``), and optionally ``method``, ``max_missing``,
        ``lookup`` (``{"raw": converted}``) and ``higher_is_better``.
        """
        try:
            raw_items = list(data["items"])
            items = tuple(str(item["id"]) for item in raw_items)
            ranges = tuple((item["min"], item["max"]) for item in raw_items)
            reverse = frozenset(str(item["id"]) for item in raw_items if item.get("reverse"))
            lookup = tuple((int(raw), conv) for raw, conv in dict(data.get("lookup", {})).items())
            return cls(
                key=str(data["key"]),
                items=items,
                ranges=ranges,
                reverse_scored=reverse,
                method=data.get("method", "sum"),
                max_missing=int(data.get("max_missing", 0)),
                lookup=lookup,
                higher_is_better=bool(data.get("higher_is_better", True)),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise AnalysisInputError(
                f"The instrument definition is incomplete or malformed: {exc!s}.",
                code=InputProblem.BAD_SHAPE,
                argument="data",
            ) from exc

    @property
    def n_items(self) -> int:
        return len(self.items)

    @property
    def raw_range(self) -> tuple[float, float]:
        """The lowest and highest possible raw sums."""
        return (sum(lo for lo, _ in self.ranges), sum(hi for _, hi in self.ranges))

    @property
    def score_range(self) -> tuple[float, float]:
        """The lowest and highest possible scores, in the score's own units."""
        low, high = self.raw_range
        if self.method == "mean":
            return (min(lo for lo, _ in self.ranges), max(hi for _, hi in self.ranges))
        if self.method == "lookup":
            converted = [c for _, c in self.lookup]
            return (min(converted), max(converted))
        return (low, high)

    def converted(self, raw_sum: int) -> float:
        """The lookup table's value for a whole raw sum."""
        table = dict(self.lookup)
        if raw_sum not in table:
            raise AnalysisInputError(
                f"The lookup table for {self.key!r} has no entry for a raw sum of {raw_sum}.",
                code=InputProblem.LOOKUP_INCOMPLETE,
                argument="lookup",
                names=(str(raw_sum),),
            )
        return table[raw_sum]


def _check_definition(definition: InstrumentDefinition) -> None:
    name = definition.key or "the instrument"
    if not definition.items:
        raise AnalysisInputError(
            f"{name} needs at least one item.", code=InputProblem.EMPTY, argument="items"
        )
    if len(set(definition.items)) != len(definition.items):
        repeated = sorted({i for i in definition.items if definition.items.count(i) > 1})
        raise AnalysisInputError(
            f"{name} lists these items more than once: {', '.join(repeated)}.",
            code=InputProblem.DUPLICATE,
            argument="items",
            names=tuple(repeated),
        )
    if len(definition.ranges) != len(definition.items):
        raise AnalysisInputError(
            f"{name} needs one (min, max) range per item "
            f"(got {len(definition.ranges)} ranges for {len(definition.items)} items).",
            code=InputProblem.LENGTHS_DIFFER,
            argument="ranges",
            other="items",
        )
    for item, (low, high) in zip(definition.items, definition.ranges, strict=True):
        if not (math.isfinite(low) and math.isfinite(high)) or low >= high:
            finite = math.isfinite(low) and math.isfinite(high)
            raise AnalysisInputError(
                f"Item {item!r} of {name} has an invalid range {low:g} to {high:g}.",
                code=InputProblem.INTERVAL_REVERSED if finite else InputProblem.NOT_FINITE,
                argument="ranges",
                item=item,
            )
    unknown = sorted(definition.reverse_scored - set(definition.items))
    if unknown:
        raise AnalysisInputError(
            f"{name} reverse-scores items it does not have: {', '.join(unknown)}.",
            code=InputProblem.UNKNOWN_NAME,
            argument="reverse_scored",
            other="items",
            names=tuple(unknown),
        )
    if definition.method not in METHODS:
        raise AnalysisInputError(
            f"{name} has scoring method {definition.method!r}; use one of {', '.join(METHODS)}.",
            code=InputProblem.BAD_CHOICE,
            argument="method",
            choices=METHODS,
        )
    if not 0 <= definition.max_missing < len(definition.items):
        raise AnalysisInputError(
            f"{name} allows {definition.max_missing} missing items; it must be between 0 and "
            f"{len(definition.items) - 1}.",
            code=InputProblem.OUT_OF_RANGE,
            argument="max_missing",
            low=0,
            high=len(definition.items) - 1,
        )
    # A prorated sum stands in the missing answers with the mean of the answered ones, which
    # only makes sense when every item shares one scale.
    prorates = definition.max_missing > 0 and definition.method != "mean"
    if prorates and len(set(definition.ranges)) != 1:
        raise AnalysisInputError(
            f"{name} prorates missing answers, so all its items must share one range.",
            code=InputProblem.CONFLICTS_WITH,
            argument="ranges",
            other="max_missing",
        )
    if definition.method == "lookup":
        _check_lookup(definition, name)
    elif definition.lookup:
        raise AnalysisInputError(
            f"{name} has a lookup table but scores by {definition.method}.",
            code=InputProblem.CONFLICTS_WITH,
            argument="lookup",
            other="method",
        )


def _check_lookup(definition: InstrumentDefinition, name: str) -> None:
    if not all(lo.is_integer() and hi.is_integer() for lo, hi in definition.ranges):
        raise AnalysisInputError(
            f"{name} scores by lookup, so its item ranges must be whole numbers.",
            code=InputProblem.NOT_A_WHOLE_NUMBER,
            argument="ranges",
        )
    low, high = (int(v) for v in definition.raw_range)
    table = dict(definition.lookup)
    if len(table) != len(definition.lookup):
        raws = [raw for raw, _ in definition.lookup]
        twice = sorted({raw for raw in raws if raws.count(raw) > 1})
        raise AnalysisInputError(
            f"The lookup table for {name} lists a raw sum more than once.",
            code=InputProblem.DUPLICATE,
            argument="lookup",
            names=tuple(str(raw) for raw in twice),
        )
    missing = [raw for raw in range(low, high + 1) if raw not in table]
    if missing:
        shown = ", ".join(str(m) for m in missing[:5])
        raise AnalysisInputError(
            f"The lookup table for {name} must cover every raw sum from {low} to {high}; "
            f"it has no entry for {shown}{' and more' if len(missing) > 5 else ''}.",
            code=InputProblem.LOOKUP_INCOMPLETE,
            argument="lookup",
            low=low,
            high=high,
            names=tuple(str(m) for m in missing[:5]),
        )
    if not all(math.isfinite(c) for c in table.values()):
        raise AnalysisInputError(
            f"The lookup table for {name} has a missing or infinite value.",
            code=InputProblem.NOT_FINITE,
            argument="lookup",
        )


@dataclass(frozen=True)
class ScoreResult:
    """One person's score at one wave, or the reason there is none."""

    score: float | None
    reason: NoScore | None
    items_answered: int
    items_missing: int
    #: The most missing items the instrument allows for a score.
    max_missing: int = 0


def round_half_up(value: float) -> float:
    """Nearest whole number with halves rounded up.

    Python's round() sends halves to the even neighbour (16.5 -> 16); scoring guides round
    them up (16.5 -> 17), and so do we.
    """
    return float(math.floor(value + 0.5))


def score_person(
    definition: InstrumentDefinition,
    answers: Mapping[str, float | None],
    *,
    respondent: str = "this person",
) -> ScoreResult:
    """Score one person's answers (item id -> value; missing items absent, None or NaN)."""
    answers = {str(item): value for item, value in answers.items()}
    unknown = sorted(set(answers) - set(definition.items))
    if unknown:
        raise AnalysisInputError(
            f"Respondent {respondent!r} answered items that {definition.key!r} does not have: "
            f"{', '.join(map(str, unknown))}.",
            code=InputProblem.UNKNOWN_NAME,
            argument="answers",
            other="definition",
            respondent=str(respondent),
            names=tuple(map(str, unknown)),
        )
    answered: list[float] = []
    for item, (low, high) in zip(definition.items, definition.ranges, strict=True):
        value = _one_answer(answers.get(item), respondent=respondent, item=item)
        if value is None:
            continue
        if not low <= value <= high:
            raise AnalysisInputError(
                f"Respondent {respondent!r}, item {item!r}: answer {value:g} is outside the "
                f"valid range {low:g} to {high:g}.",
                code=InputProblem.OUT_OF_RANGE,
                argument="answers",
                low=low,
                high=high,
                respondent=str(respondent),
                item=item,
            )
        answered.append(low + high - value if item in definition.reverse_scored else value)

    k, m = definition.n_items, len(answered)
    if m == 0:
        return ScoreResult(None, REASON_NO_ANSWERS, 0, k)
    if k - m > definition.max_missing:
        return ScoreResult(None, NoScore.TOO_MANY_MISSING, m, k - m, definition.max_missing)

    raw = sum(answered)
    if definition.method == "mean":
        return ScoreResult(raw / m, None, m, k - m)
    # Multiply before dividing so an exact half stays exact and rounds up as documented.
    total = raw if m == k else round_half_up(raw * k / m)
    if definition.method == "sum":
        return ScoreResult(float(total), None, m, k - m)
    if not float(total).is_integer():
        raise AnalysisInputError(
            f"Respondent {respondent!r}: the raw sum {total:g} is not a whole number, so it "
            f"cannot be looked up.",
            code=InputProblem.NOT_A_WHOLE_NUMBER,
            argument="answers",
            respondent=str(respondent),
        )
    return ScoreResult(definition.converted(int(total)), None, m, k - m)


def _one_answer(value: object, *, respondent: str, item: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise AnalysisInputError(
            f"Respondent {respondent!r}, item {item!r}: answer {value!r} is not a number.",
            code=InputProblem.NOT_A_NUMBER,
            argument="answers",
            respondent=str(respondent),
            item=item,
        )
    number = float(value)
    if math.isnan(number):
        return None
    if math.isinf(number):
        raise AnalysisInputError(
            f"Respondent {respondent!r}, item {item!r}: answer {value!r} is infinite.",
            code=InputProblem.NOT_FINITE,
            argument="answers",
            respondent=str(respondent),
            item=item,
        )
    return number


@dataclass(frozen=True)
class ScoredTable:
    """Scores for every (respondent, wave) in a long-format table, one entry per pair.

    ``score`` is NaN where no score could be given; :meth:`reasons` says why. The integer
    ``respondent_index`` and ``wave_index`` point into ``respondent_codes`` and ``wave_codes``,
    which lets later steps pair waves without touching strings again.
    """

    definition: InstrumentDefinition
    respondent_codes: np.ndarray = field(repr=False, compare=False)
    wave_codes: np.ndarray = field(repr=False, compare=False)
    respondent_index: npt.NDArray[np.intp] = field(repr=False, compare=False)
    wave_index: npt.NDArray[np.intp] = field(repr=False, compare=False)
    score: npt.NDArray[np.float64] = field(repr=False, compare=False)
    items_answered: npt.NDArray[np.int64] = field(repr=False, compare=False)

    def __len__(self) -> int:
        return int(self.score.shape[0])

    @property
    def respondent(self) -> np.ndarray:
        return self.respondent_codes[self.respondent_index]

    @property
    def wave(self) -> np.ndarray:
        return self.wave_codes[self.wave_index]

    @property
    def items_missing(self) -> npt.NDArray[np.int64]:
        return self.definition.n_items - self.items_answered

    @property
    def has_score(self) -> npt.NDArray[np.bool_]:
        return ~np.isnan(self.score)

    def wave_position(self, wave: object) -> int:
        """The index of ``wave`` in ``wave_codes``; an error if nobody answered in it."""
        return self._wave_position(wave, argument="wave")

    def _wave_position(self, wave: object, *, argument: str) -> int:
        matches = np.flatnonzero(self.wave_codes == wave)
        if matches.size == 0:
            known = ", ".join(repr(w) for w in self.wave_codes[:10])
            raise AnalysisInputError(
                f"There are no answers for wave {wave!r} (waves: {known}).",
                code=InputProblem.UNKNOWN_NAME,
                argument=argument,
                other="answers",
                wave=str(wave),
            )
        return int(matches[0])

    def scores_by_respondent(self, wave: object) -> npt.NDArray[np.float64]:
        """One entry per respondent code: the score at ``wave``, NaN if none."""
        position = self.wave_position(wave)
        out = np.full(self.respondent_codes.shape[0], np.nan)
        rows = self.wave_index == position
        out[self.respondent_index[rows]] = self.score[rows]
        return out

    def reasons(self) -> list[NoScore | None]:
        """Why each entry has no score (None where it has one)."""
        return [result.reason for result in self.results()]

    def results(self) -> Iterator[ScoreResult]:
        k, allowed = self.definition.n_items, self.definition.max_missing
        for value, answered in zip(self.score.tolist(), self.items_answered.tolist(), strict=True):
            if not math.isnan(value):
                yield ScoreResult(value, None, answered, k - answered)
            elif answered == 0:
                yield ScoreResult(None, REASON_NO_ANSWERS, 0, k)
            else:
                yield ScoreResult(None, NoScore.TOO_MANY_MISSING, answered, k - answered, allowed)

    def to_frame(self) -> pd.DataFrame:
        """A plain table for exports: respondent, wave, score, items answered and missing."""
        return pd.DataFrame(
            {
                "respondent": self.respondent,
                "wave": self.wave,
                "score": self.score,
                "items_answered": self.items_answered,
                "items_missing": self.items_missing,
            }
        )


LongAnswers = Mapping[str, Any] | pd.DataFrame


def long_columns(answers: LongAnswers) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The respondent, wave, item and value columns as arrays of one length."""
    try:
        columns = [answers[name] for name in LONG_COLUMNS]
    except (KeyError, TypeError) as exc:
        raise AnalysisInputError(
            f"Answers need the columns respondent, wave, item and value (missing {exc!s}).",
            code=InputProblem.BAD_SHAPE,
            argument="answers",
        ) from exc
    arrays = [np.asarray(col) for col in columns]
    lengths = {
        name: a.shape[0] if a.ndim else -1 for name, a in zip(LONG_COLUMNS, arrays, strict=True)
    }
    if any(a.ndim != 1 for a in arrays) or len(set(lengths.values())) != 1:
        shown = ", ".join(f"{name} {n}" for name, n in lengths.items())
        raise AnalysisInputError(
            f"The answer columns must be one-dimensional and the same length (got {shown}).",
            code=InputProblem.BAD_SHAPE,
            argument="answers",
        )
    if arrays[0].shape[0] == 0:
        raise AnalysisInputError(
            "There are no answers to score.", code=InputProblem.EMPTY, argument="answers"
        )
    try:
        values = arrays[3].astype(np.float64, copy=False)
    except (TypeError, ValueError) as exc:
        raise AnalysisInputError(
            f"Every answer value must be a number or missing ({exc!s}).",
            code=InputProblem.NOT_A_NUMBER,
            argument="answers",
        ) from exc
    return arrays[0], arrays[1], arrays[2], values


def score_long(definition: InstrumentDefinition, answers: LongAnswers) -> ScoredTable:
    """Score a long-format table: columns ``respondent``, ``wave``, ``item``, ``value``.

    ``answers`` may be a pandas DataFrame or any mapping of those names to equal-length arrays.
    A NaN value is a missing answer. Items the instrument does not have, repeated
    (respondent, wave, item) rows and out-of-range answers are errors naming the first case.
    """
    respondent, wave, item, values = long_columns(answers)
    if np.isinf(values).any():
        first = int(np.flatnonzero(np.isinf(values))[0])
        raise AnalysisInputError(
            f"Respondent {_shown(respondent[first])} (wave {_shown(wave[first])}), item {_shown(item[first])}: "
            f"answer {values[first]:g} is infinite.",
            code=InputProblem.NOT_FINITE,
            argument="answers",
            **_where(respondent[first], wave[first], item[first]),
        )

    item_index = _item_positions(definition, item, respondent)
    respondent_index, respondent_codes = pd.factorize(respondent)
    wave_index, wave_codes = pd.factorize(wave)
    if (respondent_index < 0).any() or (wave_index < 0).any():
        raise AnalysisInputError(
            "Every answer needs a respondent code and a wave.",
            code=InputProblem.MISSING,
            argument="answers",
        )
    pair_index, pairs = pd.factorize(
        respondent_index.astype(np.int64) * len(wave_codes) + wave_index
    )

    k = definition.n_items
    cell = pair_index.astype(np.int64) * k + item_index
    counts = np.bincount(cell, minlength=len(pairs) * k)
    if counts.max() > 1:
        first = int(np.flatnonzero(counts[cell] > 1)[0])
        raise AnalysisInputError(
            f"Respondent {_shown(respondent[first])} has more than one answer to item "
            f"{_shown(item[first])} in wave {_shown(wave[first])}.",
            code=InputProblem.DUPLICATE,
            argument="answers",
            **_where(respondent[first], wave[first], item[first]),
        )

    low = np.array([lo for lo, _ in definition.ranges])
    high = np.array([hi for _, hi in definition.ranges])
    out_of_range = (values < low[item_index]) | (values > high[item_index])
    if out_of_range.any():
        rows = np.flatnonzero(out_of_range)
        first = int(rows[0])
        lo, hi = definition.ranges[item_index[first]]
        more = f" ({rows.size - 1} more answers are out of range.)" if rows.size > 1 else ""
        raise AnalysisInputError(
            f"Respondent {_shown(respondent[first])} (wave {_shown(wave[first])}), item {_shown(item[first])}: "
            f"answer {values[first]:g} is outside the valid range {lo:g} to {hi:g}.{more}",
            code=InputProblem.OUT_OF_RANGE,
            argument="answers",
            low=lo,
            high=hi,
            **_where(respondent[first], wave[first], item[first]),
        )

    grid = np.full(len(pairs) * k, np.nan)
    grid[cell] = values
    grid = grid.reshape(len(pairs), k)
    reverse = [j for j, name in enumerate(definition.items) if name in definition.reverse_scored]
    if reverse:
        grid[:, reverse] = (low + high)[reverse] - grid[:, reverse]

    score, answered = _combine(definition, grid)
    return ScoredTable(
        definition=definition,
        respondent_codes=np.asarray(respondent_codes, dtype=object),
        wave_codes=np.asarray(wave_codes, dtype=object),
        respondent_index=(pairs // len(wave_codes)).astype(np.intp),
        wave_index=(pairs % len(wave_codes)).astype(np.intp),
        score=score,
        items_answered=answered,
    )


def _shown(value: object) -> str:
    """A code for an error message: numpy scalars shown as the plain value they hold."""
    return repr(value.item() if isinstance(value, np.generic) else value)


def _text(value: object) -> str:
    return str(value.item() if isinstance(value, np.generic) else value)


def _where(respondent: object, wave: object, item: object) -> dict[str, str]:
    """Where in a long table an error is, for the error's params."""
    return {"respondent": _text(respondent), "wave": _text(wave), "item": _text(item)}


def _item_positions(
    definition: InstrumentDefinition, item: np.ndarray, respondent: np.ndarray
) -> npt.NDArray[np.int64]:
    codes, uniques = pd.factorize(item)
    position = {name: j for j, name in enumerate(definition.items)}
    mapped = np.array([position.get(str(u), -1) for u in uniques], dtype=np.int64)
    if (codes < 0).any() or (mapped < 0).any():
        bad = np.flatnonzero((codes < 0) | (mapped[codes] < 0))[0]
        raise AnalysisInputError(
            f"Respondent {_shown(respondent[bad])} answered item {_shown(item[bad])}, which "
            f"{definition.key!r} does not have.",
            code=InputProblem.UNKNOWN_NAME,
            argument="answers",
            other="definition",
            respondent=_text(respondent[bad]),
            item=_text(item[bad]),
        )
    return mapped[codes]


def _combine(
    definition: InstrumentDefinition, grid: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    """Scores from an (entries x items) grid of already-reversed answers, NaN = missing."""
    k = definition.n_items
    present = ~np.isnan(grid)
    answered = present.sum(axis=1, dtype=np.int64)
    raw = np.where(present, grid, 0.0).sum(axis=1)
    scorable = (k - answered <= definition.max_missing) & (answered > 0)
    divisor = np.maximum(answered, 1)

    if definition.method == "mean":
        score = raw / divisor
    else:
        prorated = np.floor(raw * k / divisor + 0.5)
        score = np.where(answered == k, raw, prorated)
        if definition.method == "lookup":
            score = _look_up(definition, score, scorable)
    return np.where(scorable, score, np.nan), answered


def _look_up(
    definition: InstrumentDefinition,
    raw: npt.NDArray[np.float64],
    scorable: npt.NDArray[np.bool_],
) -> npt.NDArray[np.float64]:
    low, high = (int(v) for v in definition.raw_range)
    converted = dict(definition.lookup)
    table = np.array([converted[raw_sum] for raw_sum in range(low, high + 1)])
    usable = raw[scorable]
    if not np.all(np.mod(usable, 1.0) == 0.0):
        raise AnalysisInputError(
            f"Some raw sums for {definition.key!r} are not whole numbers, so they cannot be "
            f"looked up; check that the answers are whole numbers.",
            code=InputProblem.NOT_A_WHOLE_NUMBER,
            argument="answers",
        )
    offsets = np.where(scorable, raw - low, 0).astype(np.int64)
    if offsets.min() < 0 or offsets.max() >= table.size:  # cannot happen with valid answers
        raise AnalysisInputError(
            f"A raw sum for {definition.key!r} is outside its lookup table.",
            code=InputProblem.LOOKUP_INCOMPLETE,
            argument="lookup",
        )
    return table[offsets]
