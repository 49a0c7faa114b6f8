"""The shared outcome library as data: ``library.json``, its checks, and the rows it makes.

The file is versioned: raise ``version`` whenever an outcome is added, reworded or retired,
then run ``wesaid outcomes_load``. An outcome is never deleted: one left out of a newer
version is marked retired, so anything that points at it still finds it.

Each outcome has a ``code`` (a slug, stable for ever), its ``beneficiary`` and ``domain``,
``name`` and ``easy_read`` in ``en`` and ``cy``, ``evidence`` (each a section of the brief,
the reference numbers of the studies it names there, and our own summary in both languages)
and ``measures``, each one of:

- ``{"kind": "questions", "title", "answers": "agree" | "often" | "yes_no", "questions": [...]}``
- ``{"kind": "service_metric", "title", "counted", "denominator"}``
- ``{"kind": "story", "title", "prompt"}``

where every text is ``{"en": ..., "cy": ...}``. Only our own plain wording goes here, never a
licensed questionnaire's.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .models import DOMAIN_BENEFICIARY, AnswerScale, Domain, MeasureKind

LIBRARY_FILE = Path(__file__).with_name("library.json")
LANGUAGES = ("en", "cy")
CODE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SECTION = re.compile(r"^\d+(\.\d+)*$")
NAME_LENGTH = 120
EASY_READ_LENGTH = 300
MEASURE_TEXTS = {
    MeasureKind.QUESTIONS: (),
    MeasureKind.SERVICE_METRIC: ("counted", "denominator"),
    MeasureKind.STORY: ("prompt",),
}


class LibraryError(ValueError):
    """The library file is not what the loader expects; ``problems`` names each field."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def read_library(path: Path = LIBRARY_FILE) -> dict[str, Any]:
    with path.open(encoding="utf-8") as file:
        return json.load(file)


def _text_problems(where: str, value: Any, limit: int | None = None) -> list[str]:
    if not isinstance(value, dict):
        return [f"{where} must have an English and a Welsh text"]
    problems = []
    for language in LANGUAGES:
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}.{language} is missing")
        elif limit is not None and len(text) > limit:
            problems.append(f"{where}.{language} is longer than {limit} characters")
    return problems


def library_problems(data: Any) -> list[str]:
    """Everything wrong with the library data, each naming the field (empty when it is fine)."""
    if not isinstance(data, dict):
        return ["the library must be a JSON object"]
    problems: list[str] = []
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problems.append("version must be a whole number, 1 or more")
    references = data.get("references")
    if not isinstance(references, dict) or not all(
        key.isdigit() and isinstance(cite, str) and cite for key, cite in references.items()
    ):
        problems.append("references must map each reference number to its citation")
        references = {}
    outcomes = data.get("outcomes")
    if not isinstance(outcomes, list) or not outcomes:
        return [*problems, "outcomes must be a list with at least one outcome"]
    seen: set[str] = set()
    for index, outcome in enumerate(outcomes):
        where = f"outcomes[{index}]"
        if not isinstance(outcome, dict):
            problems.append(f"{where} must be an object")
            continue
        code = outcome.get("code")
        if not isinstance(code, str) or not CODE.match(code) or len(code) > 80:
            problems.append(f"{where}.code must be lower-case words joined by hyphens")
        elif code in seen:
            problems.append(f"{where}.code {code!r} is used twice")
        else:
            seen.add(code)
            where = f"outcomes[{index}] ({code})"
        domain = outcome.get("domain")
        if domain not in Domain.values:
            problems.append(f"{where}.domain must be one of {', '.join(Domain.values)}")
        elif outcome.get("beneficiary") != DOMAIN_BENEFICIARY[Domain(domain)]:
            problems.append(
                f"{where}.beneficiary must be {DOMAIN_BENEFICIARY[Domain(domain)].value!r} "
                f"for the domain {domain!r}"
            )
        problems += _text_problems(f"{where}.name", outcome.get("name"), NAME_LENGTH)
        problems += _text_problems(f"{where}.easy_read", outcome.get("easy_read"), EASY_READ_LENGTH)
        problems += _evidence_problems(where, outcome.get("evidence"), references)
        problems += _measure_problems(where, outcome.get("measures"))
    return problems


def _evidence_problems(where: str, evidence: Any, references: dict[str, str]) -> list[str]:
    if not isinstance(evidence, list) or not evidence:
        return [f"{where}.evidence must cite the brief at least once"]
    problems = []
    for number, item in enumerate(evidence):
        here = f"{where}.evidence[{number}]"
        if not isinstance(item, dict):
            problems.append(f"{here} must be an object")
            continue
        section = item.get("section")
        if not isinstance(section, str) or not SECTION.match(section):
            problems.append(f"{here}.section must be a section number such as 3.1.1")
        studies = item.get("studies")
        if not isinstance(studies, list):
            problems.append(f"{here}.studies must be a list of reference numbers (maybe empty)")
        else:
            for study in studies:
                if str(study) not in references:
                    problems.append(
                        f"{here}.studies names reference {study!r}, which is not listed"
                    )
        problems += _text_problems(f"{here}.summary", item.get("summary"))
    return problems


def _measure_problems(where: str, measures: Any) -> list[str]:
    if not isinstance(measures, list) or not measures:
        return [f"{where}.measures must have at least one default measure"]
    problems = []
    for number, measure in enumerate(measures):
        here = f"{where}.measures[{number}]"
        if not isinstance(measure, dict) or measure.get("kind") not in MeasureKind.values:
            problems.append(f"{here}.kind must be one of {', '.join(MeasureKind.values)}")
            continue
        kind = MeasureKind(measure["kind"])
        problems += _text_problems(f"{here}.title", measure.get("title"))
        for key in MEASURE_TEXTS[kind]:
            problems += _text_problems(f"{here}.{key}", measure.get(key))
        if kind == MeasureKind.QUESTIONS:
            if measure.get("answers") not in AnswerScale.values:
                problems.append(f"{here}.answers must be one of {', '.join(AnswerScale.values)}")
            questions = measure.get("questions")
            if not isinstance(questions, list) or not questions:
                problems.append(f"{here}.questions must have at least one question")
            else:
                for q, question in enumerate(questions):
                    problems += _text_problems(f"{here}.questions[{q}]", question)
    return problems


def library_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The field values of each ``LibraryOutcome`` the data describes (checked first)."""
    problems = library_problems(data)
    if problems:
        raise LibraryError(problems)
    references = data["references"]
    rows = []
    for position, outcome in enumerate(data["outcomes"], start=1):
        rows.append(
            {
                "code": outcome["code"],
                "beneficiary": outcome["beneficiary"],
                "domain": outcome["domain"],
                "position": position,
                "name": outcome["name"]["en"],
                "name_cy": outcome["name"]["cy"],
                "easy_read": outcome["easy_read"]["en"],
                "easy_read_cy": outcome["easy_read"]["cy"],
                "evidence": [
                    {
                        "section": item["section"],
                        "studies": [
                            {"number": int(study), "cite": references[str(study)]}
                            for study in item["studies"]
                        ],
                        "summary": item["summary"],
                    }
                    for item in outcome["evidence"]
                ],
                "measures": outcome["measures"],
                "library_version": data["version"],
                "retired_in": None,
            }
        )
    return rows
