"""Instrument definitions: the JSON Schema, the scorer's checks, and problems in plain words.

A definition is checked in two steps, both when it is saved (never when answers arrive):

1. the JSON Schema (``data/instrument-schema.json``, the one file; ``docs/instrument-schema.json``
   is a copy a test keeps identical), with the ``jsonschema`` library;
2. what the scorer accepts: the checks below say each rule of ``wesaid.analysis.scoring`` in
   plain words naming the field, then ``InstrumentDefinition.from_mapping`` builds the scorer's
   definitions, which runs the scorer's own checks too.

Every problem names the field (``items[2].options[0].value``) and says what is wrong in the
reader's language; a raw jsonschema message is never shown.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from wesaid.analysis.errors import AnalysisInputError
from wesaid.analysis.scoring import InstrumentDefinition

#: The one schema file the code reads.
SCHEMA_PATH = Path(__file__).with_name("data") / "instrument-schema.json"

LANGUAGES = ("en", "cy")
SCORED_METHODS = ("sum", "mean", "lookup")


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    Draft202012Validator.check_schema(schema())
    return Draft202012Validator(schema())


@dataclass(frozen=True)
class DefinitionProblem:
    """One thing wrong with a definition: the field, and what is wrong in plain words."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class DefinitionInvalid(ValueError):
    def __init__(self, problems: Sequence[DefinitionProblem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


# Plain words for each kind of schema problem. Field names in brackets are the JSON names.
MISSING = {
    "id": _("each one needs an id"),
    "name": _("the measure needs a name"),
    "version": _("the definition needs a version number"),
    "licence": _("say what licence the measure has"),
    "type": _("say which kind it is"),
    "copyright": _("the copyright line is needed: it is always shown with the measure"),
    "languages": _("say which languages the measure is approved in"),
    "items": _("the measure needs its questions"),
    "scoring": _("say how the answers are scored"),
    "method": _("say how the answers are added up (sum, mean, lookup or each_item)"),
    "wording": _("each question needs its words"),
    "options": _("a question with answers to choose from needs its answers (options)"),
    "value": _("each answer needs a value"),
    "label": _("each answer needs a label"),
    "points": _("say how many points of change matter"),
    "source": _("say where this figure was published"),
    "population": _("say who the figures are about"),
    "mean": _("give the average score"),
    "min": _("give the lowest value"),
    "max": _("give the highest value"),
}
SHOULD_BE = {
    "string": _("this should be some text"),
    "number": _("this should be a number"),
    "integer": _("this should be a whole number"),
    "object": _("this should be a group of named fields"),
    "array": _("this should be a list"),
    "boolean": _("this should be true or false"),
}
UNKNOWN_FIELD = _("this is not part of an instrument definition: check the spelling")
NOT_A_RAW_SCORE = _("each raw score in the table must be a whole number")
UNKNOWN_LANGUAGE = _("words can only be in en, cy, en-easy or cy-easy")
EMPTY = _("this cannot be empty")
REPEATED = _("this list has the same entry twice")
ID_FORM = _("use only small letters, numbers and dashes, starting with a letter or number")
NEEDS_ENGLISH = _("English (en) must be one of the languages")
NO_WORDS = _("give the words in at least one language")
TEXT_HAS_NO_OPTIONS = _("a free-text question has no answers to choose from")
WRONG_SHAPE = _("this is not in the right form")
AT_LEAST_ENTRIES = ngettext_lazy(
    "this list needs at least %(count)s entry",
    "this list needs at least %(count)s entries",
    "count",
)
AT_LEAST = _("this should be at least %(limit)s")
MORE_THAN = _("this should be more than %(limit)s")
LESS_THAN = _("this should be less than %(limit)s")
ONE_OF = _("this should be one of: %(choices)s")

# Plain words for the scorer's rules and the checks across fields.
DUPLICATE_ID = _("two questions have the id “%(id)s”: each needs its own")
DUPLICATE_VALUE = _("two answers have the value %(value)s: each answer needs its own value")
FEWER_THAN_TWO_SCORED = _("a question needs at least two answers that are scored")
MISSING_VERSION = _("the words in %(version)s are missing, but the measure says it has them")
UNAPPROVED_VERSION = _(
    "there are words in %(version)s, but that version is not listed as approved "
    "(languages or easy_read)"
)
REVERSE_UNKNOWN = _("“%(id)s” is not one of the questions")
REVERSE_TEXT = _("“%(id)s” is a free-text question, so it cannot be scored the other way round")
NO_SCORED_ITEMS = _("the measure has no questions with answers to score")
NEEDS_TABLE = _("scoring by lookup needs the conversion table (lookup)")
TABLE_NOT_USED = _("there is a conversion table, but the answers are not scored by lookup")
TABLE_GAPS = _(
    "the conversion table must have a row for every raw total from %(low)s to %(high)s; %(missing)s missing"
)
TABLE_WHOLE = _("scoring by lookup needs whole-number answer values")
TOO_MANY_MISSING = _("at most %(most)s questions may be left unanswered (one fewer than there are)")
PRORATE_SAME_SCALE = _(
    "allowing unanswered questions in a total needs every question to have the same answer values"
)
EACH_ITEM_NO_MISSING = _("when each question is reported on its own, leave out max_missing")
RANGE_NEEDED = _("give the lowest and highest score (valid_range) so the scorer can check it")
RANGE_WRONG = _("the scorer works out scores from %(low)s to %(high)s, not %(min)s to %(max)s")
RANGE_ORDER = _("the lowest value must be below the highest")
BAND_OUTSIDE = _("this band goes outside the answers' values, %(low)s to %(high)s")
BAND_OVERLAP = _("this band overlaps the one before it")
SCORER_REFUSED = _("the scorer cannot use this definition: check the questions and the scoring")

VERSION_NAMES = {
    "en": _("English"),
    "cy": _("Welsh"),
    "en-easy": _("easy read English"),
    "cy-easy": _("easy read Welsh"),
}


def field_path(parts: Sequence[str | int]) -> str:
    """``("items", 2, "options")`` -> ``items[2].options``."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "definition"


def _number(value: float) -> str:
    return f"{value:g}"


def _schema_problems(error: SchemaError) -> Iterator[DefinitionProblem]:
    path = list(error.absolute_path)
    kind = error.validator
    value = error.validator_value
    here = field_path(path)
    if kind == "required":
        for name in value:
            if isinstance(error.instance, Mapping) and name not in error.instance:
                yield DefinitionProblem(
                    field_path([*path, name]), str(MISSING.get(name, WRONG_SHAPE))
                )
        return
    if kind == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        for name in sorted(set(error.instance) - known):
            if path and path[-1] == "lookup":
                message = NOT_A_RAW_SCORE
            elif set(known) == {"en", "cy", "en-easy", "cy-easy"}:
                message = UNKNOWN_LANGUAGE
            else:
                message = UNKNOWN_FIELD
            yield DefinitionProblem(field_path([*path, name]), str(message))
        return
    if kind == "type":
        yield DefinitionProblem(here, str(SHOULD_BE.get(value, WRONG_SHAPE)))
    elif kind in ("enum", "const"):
        choices = value if kind == "enum" else [value]
        yield DefinitionProblem(here, str(ONE_OF) % {"choices": ", ".join(map(str, choices))})
    elif kind == "minLength":
        yield DefinitionProblem(here, str(EMPTY))
    elif kind == "minItems":
        yield DefinitionProblem(here, str(AT_LEAST_ENTRIES) % {"count": value})
    elif kind == "minProperties":
        yield DefinitionProblem(here, str(NO_WORDS))
    elif kind == "uniqueItems":
        yield DefinitionProblem(here, str(REPEATED))
    elif kind == "pattern":
        yield DefinitionProblem(here, str(ID_FORM))
    elif kind == "contains":
        yield DefinitionProblem(here, str(NEEDS_ENGLISH))
    elif kind == "minimum":
        yield DefinitionProblem(here, str(AT_LEAST) % {"limit": _number(value)})
    elif kind == "exclusiveMinimum":
        yield DefinitionProblem(here, str(MORE_THAN) % {"limit": _number(value)})
    elif kind == "exclusiveMaximum":
        yield DefinitionProblem(here, str(LESS_THAN) % {"limit": _number(value)})
    elif kind == "not":
        yield DefinitionProblem(field_path([*path, "options"]), str(TEXT_HAS_NO_OPTIONS))
    else:  # a keyword the schema may gain later: still name the field, in plain words
        yield DefinitionProblem(here, str(WRONG_SHAPE))


def schema_problems(data: Any) -> list[DefinitionProblem]:
    problems: list[DefinitionProblem] = []
    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    for error in errors:
        for problem in _schema_problems(error):
            if problem not in problems:
                problems.append(problem)
    return problems


# --- After the schema: the scorer's rules, in plain words ------------------------------------


def is_choice(item: Mapping[str, Any]) -> bool:
    return item.get("type", "choice") == "choice"


def scored_values(item: Mapping[str, Any]) -> list[float]:
    return [o["value"] for o in item.get("options", []) if not o.get("not_scored")]


def item_range(item: Mapping[str, Any]) -> tuple[float, float]:
    values = scored_values(item)
    return (min(values), max(values))


def versions_of(data: Mapping[str, Any]) -> list[str]:
    """The text versions the definition says it has: each language, then each easy read."""
    return list(data["languages"]) + [f"{lang}-easy" for lang in data.get("easy_read", [])]


def _text_problems(text: Mapping[str, str], where: str, versions: list[str], *, needed: list[str]):
    for version in needed:
        if version not in text:
            name = VERSION_NAMES[version]
            yield DefinitionProblem(where, str(MISSING_VERSION) % {"version": name})
    for version in text:
        if version not in versions:
            name = VERSION_NAMES[version]
            yield DefinitionProblem(where, str(UNAPPROVED_VERSION) % {"version": name})


def _cross_problems(data: Mapping[str, Any]) -> Iterator[DefinitionProblem]:
    versions = versions_of(data)
    yield from _text_problems(data["name"], "name", versions, needed=list(data["languages"]))
    if "introduction" in data:
        yield from _text_problems(data["introduction"], "introduction", versions, needed=versions)
    seen: set[str] = set()
    for i, item in enumerate(data["items"]):
        if item["id"] in seen:
            yield DefinitionProblem(f"items[{i}].id", str(DUPLICATE_ID) % {"id": item["id"]})
        seen.add(item["id"])
        yield from _text_problems(item["wording"], f"items[{i}].wording", versions, needed=versions)
        if not is_choice(item):
            continue
        values: set[float] = set()
        for j, option in enumerate(item["options"]):
            where = f"items[{i}].options[{j}]"
            if option["value"] in values:
                yield DefinitionProblem(
                    f"{where}.value", str(DUPLICATE_VALUE) % {"value": _number(option["value"])}
                )
            values.add(option["value"])
            yield from _text_problems(option["label"], f"{where}.label", versions, needed=versions)
        if len(set(scored_values(item))) < 2:
            yield DefinitionProblem(f"items[{i}].options", str(FEWER_THAN_TWO_SCORED))
            continue
        yield from _band_problems(item, i, versions)
    ids = {item["id"]: item for item in data["items"]}
    for k, item_id in enumerate(data.get("reverse_scored", [])):
        if item_id not in ids:
            yield DefinitionProblem(f"reverse_scored[{k}]", str(REVERSE_UNKNOWN) % {"id": item_id})
        elif not is_choice(ids[item_id]):
            yield DefinitionProblem(f"reverse_scored[{k}]", str(REVERSE_TEXT) % {"id": item_id})


def _band_problems(item: Mapping[str, Any], i: int, versions: list[str]):
    low, high = item_range(item)
    previous_max: float | None = None
    for b, band in enumerate(item.get("bands", [])):
        where = f"items[{i}].bands[{b}]"
        if band["min"] > band["max"]:
            yield DefinitionProblem(where, str(RANGE_ORDER))
        elif band["min"] < low or band["max"] > high:
            yield DefinitionProblem(
                where, str(BAND_OUTSIDE) % {"low": _number(low), "high": _number(high)}
            )
        elif previous_max is not None and band["min"] <= previous_max:
            yield DefinitionProblem(where, str(BAND_OVERLAP))
        previous_max = band["max"]
        yield from _text_problems(band["label"], f"{where}.label", versions, needed=versions)


def _scoring_problems(data: Mapping[str, Any]) -> Iterator[DefinitionProblem]:
    scoring = data["scoring"]
    method = scoring["method"]
    scored = [item for item in data["items"] if is_choice(item)]
    if not scored:
        yield DefinitionProblem("items", str(NO_SCORED_ITEMS))
        return
    if method == "lookup" and "lookup" not in scoring:
        yield DefinitionProblem("scoring.lookup", str(NEEDS_TABLE))
    if method != "lookup" and "lookup" in scoring:
        yield DefinitionProblem("scoring.lookup", str(TABLE_NOT_USED))
    if method == "each_item":
        if scoring.get("max_missing"):
            yield DefinitionProblem("scoring.max_missing", str(EACH_ITEM_NO_MISSING))
        return
    max_missing = scoring.get("max_missing", 0)
    if max_missing >= len(scored):
        yield DefinitionProblem(
            "scoring.max_missing", str(TOO_MANY_MISSING) % {"most": len(scored) - 1}
        )
    ranges = {item_range(item) for item in scored}
    if max_missing > 0 and method != "mean" and len(ranges) > 1:
        yield DefinitionProblem("scoring.max_missing", str(PRORATE_SAME_SCALE))
    if method == "lookup":
        if not all(float(v).is_integer() for item in scored for v in scored_values(item)):
            yield DefinitionProblem("items", str(TABLE_WHOLE))
        elif "lookup" in scoring:
            low = int(sum(lo for lo, _ in map(item_range, scored)))
            high = int(sum(hi for _, hi in map(item_range, scored)))
            table = {int(k) for k in scoring["lookup"]}
            missing = [r for r in range(low, high + 1) if r not in table]
            if missing:
                shown = ", ".join(str(m) for m in missing[:5]) + (" …" if len(missing) > 5 else "")
                yield DefinitionProblem(
                    "scoring.lookup",
                    str(TABLE_GAPS) % {"low": low, "high": high, "missing": shown},
                )
    if "valid_range" not in scoring:
        yield DefinitionProblem("scoring.valid_range", str(RANGE_NEEDED))


def scorer_mappings(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """What ``InstrumentDefinition.from_mapping`` takes, built from a checked definition.

    One mapping for a measure scored as a whole; one per choice question for ``each_item``.
    Free-text questions are never scored; answers marked ``not_scored`` count as unanswered.
    """
    scoring = data["scoring"]
    reverse = set(data.get("reverse_scored", []))
    items = [
        {"id": item["id"], "min": lo, "max": hi, "reverse": item["id"] in reverse}
        for item in data["items"]
        if is_choice(item)
        for lo, hi in [item_range(item)]
    ]
    if scoring["method"] == "each_item":
        by_id = {item["id"]: item for item in data["items"]}
        return [
            {
                "key": f"{data['id']}.{item['id']}",
                "items": [item],
                "method": "sum",
                "higher_is_better": by_id[item["id"]].get("higher_is_better", True),
            }
            for item in items
        ]
    mapping: dict[str, Any] = {
        "key": data["id"],
        "items": items,
        "method": scoring["method"],
        "max_missing": scoring.get("max_missing", 0),
        "higher_is_better": scoring.get("higher_is_better", True),
    }
    if "lookup" in scoring:
        mapping["lookup"] = scoring["lookup"]
    return [mapping]


def scorer_definitions(data: Mapping[str, Any]) -> list[InstrumentDefinition]:
    """The scorer's definitions for a valid definition (see :func:`check`)."""
    return [InstrumentDefinition.from_mapping(m) for m in scorer_mappings(data)]


def problems(data: Any) -> list[DefinitionProblem]:
    """Everything wrong with a definition, in plain words; empty when it can be saved."""
    found = schema_problems(data)
    if found:
        return found  # the later checks need the shape the schema promises
    found = [*_cross_problems(data), *_scoring_problems(data)]
    if found:
        return found
    try:
        definitions = scorer_definitions(data)
    except AnalysisInputError:
        return [DefinitionProblem("scoring", str(SCORER_REFUSED))]
    valid = data["scoring"].get("valid_range")
    if valid is not None and data["scoring"]["method"] in SCORED_METHODS:
        low, high = definitions[0].score_range
        if not (math.isclose(low, valid["min"]) and math.isclose(high, valid["max"])):
            found.append(
                DefinitionProblem(
                    "scoring.valid_range",
                    str(RANGE_WRONG)
                    % {
                        "low": _number(low),
                        "high": _number(high),
                        "min": _number(valid["min"]),
                        "max": _number(valid["max"]),
                    },
                )
            )
    return found


def check(data: Any) -> list[InstrumentDefinition]:
    """The scorer's definitions, or :class:`DefinitionInvalid` listing every problem."""
    found = problems(data)
    if found:
        raise DefinitionInvalid(found)
    return scorer_definitions(data)


def text_in(text: Mapping[str, str], version: str) -> str:
    """The words of one version (``en``, ``cy``, ``en-easy``, ``cy-easy``), or empty."""
    return text.get(version, "")
