"""Input errors in words: every code has its own sentence in English and in Welsh, and real bad
inputs read as the hand-written sentences below."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from wesaid.analysis.change import paired_change
from wesaid.analysis.consensus import classify
from wesaid.analysis.errors import AnalysisInputError, InputProblem
from wesaid.analysis.its import segmented_regression
from wesaid.analysis.representation import compare_with_population
from wesaid.findings.errors import input_error

# Page labels for the two parameters, made-up words in neither language, so that any English
# left in the Welsh comes from the sentence itself.
LABELS = {"first": "Zorb", "second": "Quix"}
PARAMS = {"least": 3, "most": 2000, "low": 1, "high": 9, "other": "second"}
FALLBACK = {
    "en": "cannot be used for this calculation",
    "cy": "Does dim modd defnyddio",
}


def worded(language: str, error: AnalysisInputError, **kwargs: object) -> str:
    with translation.override(language):
        return input_error(error, **kwargs)  # type: ignore[arg-type]


def every_code(language: str, **params: object) -> dict[InputProblem, str]:
    return {
        code: worded(
            language,
            AnalysisInputError("for developers", code=code, argument="first", **params),
            labels=LABELS,
        )
        for code in InputProblem
    }


def words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)} - {"zorb", "quix"}


def test_every_code_has_its_own_sentence_in_english_and_welsh() -> None:
    english, welsh = every_code("en", **PARAMS), every_code("cy", **PARAMS)
    assert len(set(english.values())) == len(InputProblem)
    assert len(set(welsh.values())) == len(InputProblem)
    for code in InputProblem:
        assert FALLBACK["en"] not in english[code], code
        assert FALLBACK["cy"] not in welsh[code], code
        assert "Zorb" in english[code] and "Zorb" in welsh[code], code
        # No English word of the English sentence is left in the Welsh one.
        assert words(english[code]) & words(welsh[code]) == set(), (code, welsh[code])


def test_the_plural_forms_read_right_for_one_and_for_two() -> None:
    # Welsh counts people with the singular after 1 and "o bobl" after other numbers.
    for least, en, cy in [
        (1, "Zorb needs at least 1 person.", "Mae angen o leiaf 1 person ar gyfer Zorb."),
        (2, "Zorb needs at least 2 people.", "Mae angen o leiaf 2 o bobl ar gyfer Zorb."),
    ]:
        error = AnalysisInputError(
            "x", code=InputProblem.TOO_FEW_PEOPLE, argument="first", least=least
        )
        assert worded("en", error, labels=LABELS) == en
        assert worded("cy", error, labels=LABELS) == cy


def test_where_in_the_input_is_said_after_the_problem() -> None:
    error = AnalysisInputError(
        "x",
        code=InputProblem.NOT_A_NUMBER,
        argument="first",
        respondent="P-07",
        wave="spring",
        item="q2",
        position=4,
        names=("A", "B"),
    )
    assert worded("en", error, labels=LABELS) == (
        "Zorb must be a number. This is about the answers of “P-07”. This is about the answers "
        "from “spring”. This is about “q2”. This is about entry 4. The ones in question: “A”, "
        "“B”."
    )
    assert worded("cy", error, labels=LABELS) == (
        "Rhaid i'r gwerth ar gyfer Zorb fod yn rhif. Mae hyn yn ymwneud ag atebion “P-07”. "
        "Mae hyn yn ymwneud â'r atebion o “spring”. Mae hyn yn ymwneud â “q2”. Mae hyn yn "
        "ymwneud â chofnod 4. Y rhai dan sylw: “A”, “B”."
    )


def caught(call) -> AnalysisInputError:  # type: ignore[no-untyped-def]
    with pytest.raises(AnalysisInputError) as raised:
        call()
    return raised.value


def test_too_few_pairs_in_words() -> None:
    error = caught(lambda: paired_change([1, 2], [2, 3]))
    assert worded("en", error) == "Baseline needs at least 3 people."
    assert worded("en", error, labels={"baseline": "the first round of scores"}) == (
        "The first round of scores needs at least 3 people."
    )
    assert worded("cy", error, labels={"baseline": "y sgorau cyntaf"}) == (
        "Mae angen o leiaf 3 o bobl ar gyfer y sgorau cyntaf."
    )


def test_months_out_of_order_in_words() -> None:
    error = caught(
        lambda: segmented_regression(["2024-01", "2024-03", "2024-02"], [1, 2, 3], "2024-02")
    )
    assert worded("en", error) == (
        "Months must be in order, earliest first. This is about the month 2024-02."
    )
    assert worded("cy", error, labels={"months": "y misoedd"}) == (
        "Rhaid i'r gwerthoedd ar gyfer y misoedd fod mewn trefn, y cynharaf yn gyntaf. "
        "Mae hyn yn ymwneud â'r mis 2024-02."
    )


def test_a_score_outside_1_to_9_in_words() -> None:
    error = caught(lambda: classify({"Outcome A": {"members": [7, 10]}}))
    assert worded("en", error, labels={"ratings": "the scores"}) == (
        "The scores must be from 1 to 9. This is about “Outcome A”. This is about the group "
        "“members”."
    )
    assert worded("cy", error, labels={"ratings": "y sgorau"}) == (
        "Rhaid i'r gwerth ar gyfer y sgorau fod o 1 i 9. Mae hyn yn ymwneud â “Outcome A”. "
        "Mae hyn yn ymwneud â'r grŵp “members”."
    )


def test_a_category_missing_from_the_population_in_words() -> None:
    error = caught(lambda: compare_with_population({"A": 3, "C": 2}, {"A": 1, "B": 1}))
    assert worded("en", error, labels={"counts": "Who took part", "population": "the area"}) == (
        "Who took part has a name that is not in the area. The ones in question: “C”."
    )
    assert worded("cy", error, labels={"counts": "pwy gymerodd ran", "population": "yr ardal"}) == (
        "Mae enw ar gyfer pwy gymerodd ran nad yw yn y rhestr ar gyfer yr ardal. Y rhai dan "
        "sylw: “C”."
    )


def test_nobody_to_compare_in_words_uses_the_singular() -> None:
    error = caught(lambda: compare_with_population({"A": 0}, {"A": 1, "B": 1}))
    assert worded("en", error) == "Counts needs at least 1 person."
    assert worded("cy", error, labels={"counts": "y niferoedd"}) == (
        "Mae angen o leiaf 1 person ar gyfer y niferoedd."
    )
