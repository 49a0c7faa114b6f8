"""Every input error the analysis package raises carries a code from one closed list and the
public parameter it is about, so pages can word it without reading the English message.

The expected codes, arguments and params below are written by hand from each function's
documented parameters, not taken from the code under test.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wesaid.analysis import (
    agreement,
    change,
    consensus,
    its,
    meta,
    representation,
    scoring,
    suppression,
)
from wesaid.analysis.errors import AnalysisInputError, InputProblem

ANALYSIS = Path(__file__).resolve().parents[2] / "wesaid" / "analysis"


def _raise_sites() -> list[tuple[str, ast.Call]]:
    sites = []
    for path in sorted(ANALYSIS.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "AnalysisInputError"
            ):
                sites.append((f"{path.name}:{node.lineno}", node))
    return sites


def _members(node: ast.expr) -> list[str] | None:
    """The InputProblem members a ``code=`` expression can give (``a if c else b`` too), or
    None when it is anything else (a string, a variable)."""
    if isinstance(node, ast.IfExp):
        body, orelse = _members(node.body), _members(node.orelse)
        return None if body is None or orelse is None else body + orelse
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "InputProblem"
    ):
        return [node.attr]
    return None


def test_every_raise_site_passes_a_member_of_the_enumeration_and_an_argument() -> None:
    sites = _raise_sites()
    assert len(sites) > 140, "the walk found almost no raise sites: is the path right?"
    wrong = []
    for where, call in sites:
        keywords = {k.arg: k.value for k in call.keywords}
        members = _members(keywords["code"]) if "code" in keywords else None
        if members is None or not all(m in InputProblem.__members__ for m in members):
            wrong.append(f"{where}: code is not InputProblem.<member>")
        argument = keywords.get("argument")
        if argument is None or (isinstance(argument, ast.Constant) and argument.value is None):
            wrong.append(f"{where}: no argument")
    assert wrong == []


def test_an_input_error_cannot_be_raised_without_a_code() -> None:
    with pytest.raises(TypeError):
        AnalysisInputError("no code", argument="level")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="not_a_code"):
        AnalysisInputError("made-up code", code="not_a_code", argument="level")  # type: ignore[arg-type]


def test_the_codes_pages_already_knew_keep_their_values() -> None:
    earlier = {
        "not_a_number",
        "not_a_whole_number",
        "not_finite",
        "too_large",
        "bad_level",
        "bad_choice",
        "not_true_or_false",
        "not_a_mapping",
        "not_a_list_of_names",
        "scores_without_groups",
        "empty",
        "interval_reversed",
        "lags_not_used",
    }
    assert earlier <= {member.value for member in InputProblem}
    assert 25 <= len(InputProblem) <= 35


# --- real bad inputs to the public functions -------------------------------------------------

SCALE = scoring.InstrumentDefinition.uniform("made-up scale", ["q1", "q2"], 1, 5)
MONTHS = ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"]
SERIES = [10.0, 12.0, 11.0, 20.0, 22.0, 21.0]
P = InputProblem


def _answers(items: list[str]) -> dict[str, list[Any]]:
    return {
        "respondent": ["r1"] * len(items),
        "wave": ["start"] * len(items),
        "item": items,
        "value": [3] * len(items),
    }


CASES: list[tuple[str, Callable[[], object], InputProblem, str, dict[str, object]]] = [
    # change
    (
        "two pairs",
        lambda: change.paired_change([1, 2], [2, 3]),
        P.TOO_FEW_PEOPLE,
        "baseline",
        {"least": 3},
    ),
    (
        "lengths",
        lambda: change.paired_change([1, 2, 3], [1, 2]),
        P.LENGTHS_DIFFER,
        "baseline",
        {"other": "follow_up"},
    ),
    (
        "a gap",
        lambda: change.paired_change([1, 2, math.nan], [1, 2, 3]),
        P.NOT_FINITE,
        "baseline",
        {"position": 3},
    ),
    (
        "same change",
        lambda: change.paired_change([1, 2, 3], [2, 3, 4]),
        P.SAME_CHANGE,
        "baseline",
        {"other": "follow_up"},
    ),
    (
        "unknown test",
        lambda: change.paired_change([1, 2, 3], [2, 4, 3], test="median"),
        P.BAD_CHOICE,
        "test",
        {"choices": ("auto", "t", "rank")},
    ),
    (
        "low level",
        lambda: change.paired_change([1, 2, 3], [2, 4, 3], level=0.3),
        P.BAD_LEVEL,
        "level",
        {"low": 0.5, "high": 1},
    ),
    (
        "reliability 1",
        lambda: change.reliable_change([1, 2, 3], [2, 3, 5], reliability=1.0),
        P.OUT_OF_RANGE,
        "reliability",
        {"low": 0, "high": 1},
    ),
    (
        "everyone starts alike",
        lambda: change.reliable_change([5, 5, 5], [4, 6, 7], reliability=0.8),
        P.NO_VARIATION,
        "baseline",
        {},
    ),
    (
        "negative published sd",
        lambda: change.reliable_change([1, 2, 3], [2, 3, 5], reliability=0.8, sd_baseline=-1.0),
        P.NOT_POSITIVE,
        "sd_baseline",
        {},
    ),
    (
        "one person in a group",
        lambda: change.compare_groups([1], [2, 3]),
        P.TOO_FEW_PEOPLE,
        "group_a",
        {"least": 2},
    ),
    (
        "not yes or no",
        lambda: change.yes_no_change([True, 2, False], [True, False, True]),
        P.NOT_TRUE_OR_FALSE,
        "before",
        {"position": 2},
    ),
    (
        "same wave",
        lambda: change.analyse_outcome(
            _answers(["q1", "q2"]),
            SCALE,
            baseline_wave="start",
            follow_up_wave="start",
            reliability=0.8,
        ),
        P.SAME_WAVE,
        "baseline_wave",
        {"other": "follow_up_wave"},
    ),
    (
        "unknown wave",
        lambda: change.analyse_outcome(
            _answers(["q1", "q2"]),
            SCALE,
            baseline_wave="start",
            follow_up_wave="end",
            reliability=0.8,
        ),
        P.UNKNOWN_NAME,
        "follow_up_wave",
        {"other": "answers", "wave": "end"},
    ),
    # interrupted time series
    (
        "months out of order",
        lambda: its.segmented_regression(["2024-01", "2024-03", "2024-02"], [1, 2, 3], "2024-02"),
        P.NOT_IN_ORDER,
        "months",
        {"month": "2024-02"},
    ),
    (
        "a month twice",
        lambda: its.segmented_regression(["2024-01", "2024-01", "2024-02"], [1, 2, 3], "2024-02"),
        P.DUPLICATE,
        "months",
        {"month": "2024-01"},
    ),
    (
        "not a month",
        lambda: its.segmented_regression(["2024-01", "2024-13"], [1, 2], "2024-02"),
        P.NOT_A_MONTH,
        "months",
        {"position": 2},
    ),
    (
        "change before the series",
        lambda: its.segmented_regression(MONTHS, SERIES, "2023-12"),
        P.OUT_OF_RANGE,
        "change_at",
        {"low": "2024-02", "high": "2024-06"},
    ),
    (
        "two months after",
        lambda: its.segmented_regression(MONTHS, SERIES, "2024-05"),
        P.TOO_FEW_MONTHS,
        "months",
        {"least": 3},
    ),
    (
        "a zero denominator",
        lambda: its.segmented_regression(
            MONTHS, SERIES, "2024-04", denominators=[100, 100, 0, 100, 100, 100]
        ),
        P.NOT_POSITIVE,
        "denominators",
        {"position": 3},
    ),
    (
        "comparison denominators alone",
        lambda: its.segmented_regression(
            MONTHS, SERIES, "2024-04", comparison_denominators=[100] * 6
        ),
        P.CONFLICTS_WITH,
        "comparison_denominators",
        {"other": "comparison"},
    ),
    (
        "per of zero",
        lambda: its.segmented_regression(MONTHS, SERIES, "2024-04", per=0),
        P.NOT_POSITIVE,
        "per",
        {},
    ),
    # meta-analysis
    (
        "fewer variances",
        lambda: meta.pool([0.1, 0.2], [0.1]),
        P.LENGTHS_DIFFER,
        "effects",
        {"other": "variances"},
    ),
    (
        "a variance of 0",
        lambda: meta.pool([0.1, 0.2], [0.1, 0.0]),
        P.NOT_POSITIVE,
        "variances",
        {"position": 2},
    ),
    (
        "unknown method",
        lambda: meta.pool([0.1, 0.2], [0.1, 0.1], "bayes"),  # type: ignore[arg-type]
        P.BAD_CHOICE,
        "method",
        {"choices": ("fixed", "dl", "pm", "reml")},
    ),
    (
        "half a person",
        lambda: meta.log_risk_ratios([1], [2], [3], [2.5]),
        P.NOT_A_WHOLE_NUMBER,
        "control_non_events",
        {"position": 1},
    ),
    (
        "a negative sd",
        lambda: meta.standardised_mean_differences([1], [1], [10], [2], [-1], [10]),
        P.NEGATIVE,
        "sd_2",
        {"position": 1},
    ),
    (
        "an empty arm",
        lambda: meta.log_risk_ratios([1, 0], [2, 0], [3, 1], [2, 1]),
        P.TOO_FEW_PEOPLE,
        "treated_events",
        {"least": 1, "position": 2},
    ),
    # representation
    (
        "a category without a population figure",
        lambda: representation.compare_with_population({"A": 3, "C": 2}, {"A": 1, "B": 1}),
        P.UNKNOWN_NAME,
        "counts",
        {"other": "population", "names": ("C",)},
    ),
    (
        "nobody",
        lambda: representation.compare_with_population({"A": 0}, {"A": 1, "B": 1}),
        P.TOO_FEW_PEOPLE,
        "counts",
        {"least": 1},
    ),
    (
        "one category left",
        lambda: representation.compare_with_population({"A": 2}, {"A": 1, "B": 0}),
        P.TOO_FEW,
        "population",
        {"least": 2},
    ),
    (
        "participants where the population is 0",
        lambda: representation.compare_with_population({"A": 2, "B": 1}, {"A": 1, "B": 0}),
        P.NOT_POSITIVE,
        "population",
        {"names": ("B",)},
    ),
    # scoring
    (
        "an item twice",
        lambda: scoring.InstrumentDefinition.uniform("made-up", ["q1", "q1"], 1, 5),
        P.DUPLICATE,
        "items",
        {"names": ("q1",)},
    ),
    (
        "too many missing allowed",
        lambda: scoring.InstrumentDefinition.uniform("made-up", ["q1", "q2"], 1, 5, max_missing=2),
        P.OUT_OF_RANGE,
        "max_missing",
        {"low": 0, "high": 1},
    ),
    (
        "a lookup with a gap",
        lambda: scoring.InstrumentDefinition.uniform(
            "made-up", ["q1", "q2"], 1, 2, method="lookup", lookup={2: 10.0, 4: 30.0}
        ),
        P.LOOKUP_INCOMPLETE,
        "lookup",
        {"low": 2, "high": 4, "names": ("3",)},
    ),
    (
        "an answer above the scale",
        lambda: scoring.score_person(SCALE, {"q1": 7, "q2": 3}, respondent="r1"),
        P.OUT_OF_RANGE,
        "answers",
        {"low": 1.0, "high": 5.0, "respondent": "r1", "item": "q1"},
    ),
    (
        "an item the scale does not have",
        lambda: scoring.score_long(SCALE, _answers(["q1", "q9"])),
        P.UNKNOWN_NAME,
        "answers",
        {"other": "definition", "respondent": "r1", "item": "q9"},
    ),
    (
        "an answer given twice",
        lambda: scoring.score_long(SCALE, _answers(["q1", "q1"])),
        P.DUPLICATE,
        "answers",
        {"respondent": "r1", "wave": "start", "item": "q1"},
    ),
    # consensus
    (
        "a score of 10",
        lambda: consensus.classify({"Outcome A": {"members": [7, 10]}}),
        P.OUT_OF_RANGE,
        "ratings",
        {"low": 1, "high": 9, "item": "Outcome A", "group": "members"},
    ),
    (
        "no groups rated",
        lambda: consensus.classify({"Outcome A": {}}),
        P.MISSING,
        "ratings",
        {"item": "Outcome A"},
    ),
    (
        "only don't know",
        lambda: consensus.classify({"Outcome A": {"members": [None, None]}}),
        P.MISSING,
        "ratings",
        {"item": "Outcome A"},
    ),
    (
        "a share above 1",
        lambda: consensus.ConsensusRules(in_critical_at_least=1.5),
        P.OUT_OF_RANGE,
        "in_critical_at_least",
        {"low": 0, "high": 1},
    ),
    (
        "half rule above the in rule",
        lambda: consensus.ConsensusRules(out_convention="half", out_critical_at_most=0.8),
        P.CONFLICTS_WITH,
        "out_critical_at_most",
        {"other": "in_critical_at_least"},
    ),
    # agreement
    (
        "coders with different lengths",
        lambda: agreement.cohens_kappa(["a", "b"], ["a"]),
        P.LENGTHS_DIFFER,
        "coder_a",
        {"other": "coder_b"},
    ),
    (
        "one category for everything",
        lambda: agreement.cohens_kappa(["a", "a"], ["a", "a"]),
        P.NO_VARIATION,
        "coder_a",
        {},
    ),
    (
        "coder B left one out",
        lambda: agreement.cohens_kappa(["a", "b", "a"], ["a", None, "b"]),
        P.MISSING,
        "coder_b",
        {"position": 2},
    ),
    (
        "a code not in the categories",
        lambda: agreement.cohens_kappa(["a", "b"], ["a", "c"], categories=["a", "b"]),
        P.UNKNOWN_NAME,
        "coder_b",
        {"other": "categories", "names": ("c",)},
    ),
    (
        "items with different numbers of coders",
        lambda: agreement.fleiss_kappa([["a", "b"], ["a", "b"], ["a"]]),
        P.BAD_SHAPE,
        "ratings",
        {"position": 3},
    ),
    (
        "one item only",
        lambda: agreement.fleiss_kappa_from_counts([[2, 1]]),
        P.TOO_FEW,
        "counts",
        {"least": 2},
    ),
    (
        "a level of 95",
        lambda: agreement.cohens_kappa(["a", "b"], ["a", "b"], level=95),
        P.BAD_LEVEL,
        "level",
        {"low": 0, "high": 1},
    ),
    # suppression
    (
        "a threshold of 0",
        lambda: suppression.suppress_counts([1, 2], threshold=0),
        P.NOT_A_WHOLE_NUMBER,
        "threshold",
        {"least": 1},
    ),
    ("no cells", lambda: suppression.suppress_counts([]), P.EMPTY, "cells", {}),
    ("ragged table", lambda: suppression.suppress_table([[1, 2], [3]]), P.BAD_SHAPE, "table", {}),
    (
        "half a count",
        lambda: suppression.suppress_table([[1, 2.5], [3, 4]]),
        P.NOT_A_WHOLE_NUMBER,
        "table",
        {},
    ),
]


@pytest.mark.parametrize(
    ("call", "code", "argument", "params"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_a_bad_input_names_its_problem_and_the_parameter(
    call: Callable[[], object], code: InputProblem, argument: str, params: dict[str, object]
) -> None:
    with pytest.raises(AnalysisInputError) as caught:
        call()
    assert (caught.value.code, caught.value.argument) == (code, argument)
    assert caught.value.params == params
