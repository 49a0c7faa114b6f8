"""Scoring answers against an instrument definition.

Expected scores are worked by hand in each test (the arithmetic is written out), and the fast
long-format scorer is checked against the item-by-item scorer, which is a separate code path.
The lookup tables are made up: we never ship licensed tables.
"""

from __future__ import annotations

import math
import random

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wesaid.analysis.errors import AnalysisInputError
from wesaid.analysis.scoring import (
    REASON_NO_ANSWERS,
    InstrumentDefinition,
    NoScore,
    round_half_up,
    score_long,
    score_person,
)

SEVEN = tuple(f"q{i}" for i in range(1, 8))


def seven_item(**options) -> InstrumentDefinition:
    return InstrumentDefinition.uniform("seven", SEVEN, 1, 5, **options)


def made_up_table() -> tuple[tuple[int, float], ...]:
    # Raw 7..35 -> an invented curve; NOT the SWEMWBS table.
    return tuple(
        (raw, round(7 + (raw - 7) * 0.9 + (0.5 if raw % 2 else 0.0), 2)) for raw in range(7, 36)
    )


def long_table(rows: list[tuple[str, str, str, float]]) -> dict[str, list]:
    return {
        "respondent": [r[0] for r in rows],
        "wave": [r[1] for r in rows],
        "item": [r[2] for r in rows],
        "value": [r[3] for r in rows],
    }


# --- one person -----------------------------------------------------------------------------


def test_it_sums_items_and_reverses_reverse_scored_items() -> None:
    definition = seven_item(reverse_scored={"q2", "q5"})
    answers = dict(zip(SEVEN, [4, 2, 3, 5, 1, 2, 4], strict=True))
    # q2: 1 + 5 - 2 = 4; q5: 1 + 5 - 1 = 5 -> 4 + 4 + 3 + 5 + 5 + 2 + 4 = 27
    result = score_person(definition, answers)
    assert result.score == 27
    assert (result.items_answered, result.items_missing, result.reason) == (7, 0, None)


def test_it_prorates_one_missing_item_and_rounds_halves_up() -> None:
    definition = seven_item(max_missing=1)
    # Six answers summing to 15: 15 * 7 / 6 = 17.5 -> 18 (halves up, not to even).
    halves = {"q1": 1, "q2": 2, "q3": 3, "q4": 4, "q5": 3, "q6": 2}
    # Six answers summing to 16: 16 * 7 / 6 = 18.67 -> 19.
    thirds = {"q1": 2, "q2": 2, "q3": 3, "q4": 4, "q5": 3, "q7": 2}
    assert score_person(definition, halves).score == 18
    assert score_person(definition, thirds).score == 19
    assert score_person(definition, thirds).items_missing == 1


def test_it_rounds_halves_up_where_python_would_round_to_even() -> None:
    assert round(16.5) == 16
    assert round_half_up(16.5) == 17
    assert round_half_up(17.5) == 18
    assert round_half_up(17.49) == 17


def test_it_refuses_to_score_when_too_many_answers_are_missing() -> None:
    definition = seven_item(max_missing=1)
    result = score_person(definition, {"q1": 3, "q2": 3, "q3": None, "q4": 4, "q5": 2, "q6": 1})
    assert result.score is None
    assert result.items_missing == 2
    assert result.reason is NoScore.TOO_MANY_MISSING
    assert (result.items_missing, result.max_missing) == (2, 1)


def test_it_says_when_nothing_was_answered() -> None:
    result = score_person(seven_item(), {"q1": float("nan")})
    assert (result.score, result.reason, result.items_answered) == (None, REASON_NO_ANSWERS, 0)


def test_it_gives_the_mean_of_answered_items_for_a_mean_measure() -> None:
    definition = InstrumentDefinition.uniform(
        "mean", ("a", "b", "c", "d"), 0, 10, method="mean", max_missing=1
    )
    assert score_person(definition, {"a": 7, "b": 8, "c": 6, "d": 9}).score == 7.5  # 30 / 4
    assert score_person(definition, {"a": 7, "b": 8, "c": 6}).score == 7.0  # 21 / 3


def test_it_converts_raw_sums_through_a_lookup_table() -> None:
    table = made_up_table()
    definition = seven_item(method="lookup", lookup=table)
    answers = dict(zip(SEVEN, [3, 3, 3, 3, 3, 3, 3], strict=True))  # raw 21
    assert score_person(definition, answers).score == dict(table)[21]


def test_it_prorates_before_looking_up() -> None:
    table = made_up_table()
    definition = seven_item(method="lookup", lookup=table, max_missing=1)
    answers = {"q1": 3, "q2": 3, "q3": 3, "q4": 3, "q5": 3, "q6": 4}  # 19 * 7 / 6 = 22.17 -> 22
    assert score_person(definition, answers).score == dict(table)[22]


def test_it_names_the_respondent_item_and_value_when_an_answer_is_out_of_range() -> None:
    with pytest.raises(AnalysisInputError, match=r"'P7'.*'q3'.*answer 6 .*1 to 5"):
        score_person(seven_item(), {"q3": 6}, respondent="P7")


def test_it_rejects_items_the_instrument_does_not_have() -> None:
    with pytest.raises(AnalysisInputError, match="does not have: q9"):
        score_person(seven_item(), {"q9": 3})


@pytest.mark.parametrize("value", ["3", True, float("inf")])
def test_it_rejects_answers_that_are_not_finite_numbers(value: object) -> None:
    with pytest.raises(AnalysisInputError, match="'q1'"):
        score_person(seven_item(), {"q1": value})  # type: ignore[dict-item]


# --- the definition -------------------------------------------------------------------------


def test_it_requires_a_lookup_table_to_cover_every_raw_sum() -> None:
    partial = tuple((raw, float(raw)) for raw in range(7, 30))
    with pytest.raises(AnalysisInputError, match="from 7 to 35.*30, 31, 32, 33, 34 and more"):
        seven_item(method="lookup", lookup=partial)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"reverse_scored": {"q8"}}, "reverse-scores items it does not have: q8"),
        ({"method": "median"}, "scoring method 'median'"),
        ({"max_missing": 7}, "between 0 and 6"),
        ({"lookup": ((7, 1.0),)}, "has a lookup table but scores by sum"),
    ],
)
def test_it_rejects_inconsistent_definitions(options: dict, message: str) -> None:
    with pytest.raises(AnalysisInputError, match=message):
        seven_item(**options)


def test_it_needs_one_range_per_item_and_sensible_ranges() -> None:
    with pytest.raises(AnalysisInputError, match="2 ranges for 3 items"):
        InstrumentDefinition(key="x", items=("a", "b", "c"), ranges=((1, 5), (1, 5)))
    with pytest.raises(AnalysisInputError, match="invalid range 5 to 1"):
        InstrumentDefinition(key="x", items=("a",), ranges=((5, 1),))
    with pytest.raises(AnalysisInputError, match="more than once: a"):
        InstrumentDefinition.uniform("x", ("a", "a"), 1, 5)


def test_it_only_prorates_items_that_share_one_scale() -> None:
    with pytest.raises(AnalysisInputError, match="must share one range"):
        InstrumentDefinition(key="x", items=("a", "b"), ranges=((0, 1), (0, 10)), max_missing=1)
    mixed = InstrumentDefinition(key="x", items=("a", "b"), ranges=((0, 1), (0, 10)))
    assert score_person(mixed, {"a": 1, "b": 7}).score == 8


def test_it_accepts_a_lookup_table_as_a_mapping() -> None:
    table = dict(made_up_table())
    assert seven_item(method="lookup", lookup=table).lookup == made_up_table()


def test_it_reads_a_definition_from_versioned_json() -> None:
    data = {
        "key": "ours",
        "items": [
            {"id": "a", "min": 0, "max": 3},
            {"id": "b", "min": 0, "max": 3, "reverse": True},
        ],
        "max_missing": 0,
        "higher_is_better": False,
    }
    definition = InstrumentDefinition.from_mapping(data)
    assert definition == InstrumentDefinition(
        key="ours",
        items=("a", "b"),
        ranges=((0, 3), (0, 3)),
        reverse_scored=frozenset({"b"}),
        higher_is_better=False,
    )
    with pytest.raises(AnalysisInputError, match="incomplete or malformed"):
        InstrumentDefinition.from_mapping({"key": "x"})


# --- a whole long-format table --------------------------------------------------------------


def test_it_scores_a_long_table_like_it_scores_each_person() -> None:
    definition = seven_item(reverse_scored={"q3"}, max_missing=1)
    rows = [("A", "t1", item, v) for item, v in zip(SEVEN, [1, 2, 3, 4, 5, 4, 3], strict=True)]
    rows += [("A", "t2", item, v) for item, v in zip(SEVEN[:6], [2, 2, 2, 2, 2, 3], strict=True)]
    rows += [("B", "t1", item, v) for item, v in zip(SEVEN[:5], [5, 5, 5, 5, 5], strict=True)]
    table = score_long(definition, long_table(rows))

    # A t1: 1 + 2 + (6 - 3) + 4 + 5 + 4 + 3 = 22; A t2: 2+2+4+2+2+3 = 15 -> 15 * 7 / 6 = 17.5 -> 18
    frame = table.to_frame().set_index(["respondent", "wave"])
    assert frame.loc[("A", "t1"), "score"] == 22
    assert frame.loc[("A", "t2"), "score"] == 18
    assert math.isnan(frame.loc[("B", "t1"), "score"])
    assert frame.loc[("B", "t1"), "items_missing"] == 2
    assert table.reasons()[2] is NoScore.TOO_MANY_MISSING


def test_it_accepts_a_dataframe_and_treats_nan_values_as_missing() -> None:
    definition = seven_item(max_missing=1)
    rows = [("A", "t1", item, 3.0) for item in SEVEN[:6]] + [("A", "t1", "q7", float("nan"))]
    table = score_long(
        definition, pd.DataFrame(rows, columns=["respondent", "wave", "item", "value"])
    )
    assert table.score.tolist() == [21.0]  # 18 * 7 / 6 = 21
    assert table.items_answered.tolist() == [6]


def test_it_looks_up_a_whole_table_through_the_conversion() -> None:
    table = made_up_table()
    definition = seven_item(method="lookup", lookup=table, max_missing=1)
    rows = [("A", "t1", item, 5) for item in SEVEN] + [("B", "t1", item, 1) for item in SEVEN[:6]]
    scored = score_long(definition, long_table(rows))
    assert scored.score.tolist() == [dict(table)[35], dict(table)[7]]


def test_it_names_the_first_out_of_range_answer_in_a_long_table() -> None:
    rows = [("A", "t1", "q1", 3), ("B", "t2", "q4", 0), ("C", "t1", "q2", 9)]
    with pytest.raises(
        AnalysisInputError,
        match=r"Respondent 'B' \(wave 't2'\), item 'q4': answer 0 is outside the valid range 1 "
        r"to 5\. \(1 more answers",
    ):
        score_long(seven_item(), long_table(rows))


def test_it_rejects_repeated_answers_to_one_item() -> None:
    rows = [("A", "t1", "q1", 3), ("A", "t1", "q1", 4)]
    with pytest.raises(AnalysisInputError, match="'A' has more than one answer to item 'q1'"):
        score_long(seven_item(), long_table(rows))


def test_it_rejects_unknown_items_in_a_long_table() -> None:
    with pytest.raises(AnalysisInputError, match="'A' answered item 'x'"):
        score_long(seven_item(), long_table([("A", "t1", "x", 3)]))


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"respondent": [], "wave": [], "item": [], "value": []}, "no answers"),
        ({"respondent": ["A"], "wave": ["t"], "item": ["q1"]}, "columns respondent"),
        (
            {"respondent": ["A", "B"], "wave": ["t"], "item": ["q1"], "value": [1]},
            "same length",
        ),
        ({"respondent": ["A"], "wave": ["t"], "item": ["q1"], "value": ["three"]}, "number"),
        ({"respondent": ["A"], "wave": ["t"], "item": ["q1"], "value": [np.inf]}, "infinite"),
    ],
)
def test_it_rejects_malformed_long_tables(answers: dict, message: str) -> None:
    with pytest.raises(AnalysisInputError, match=message):
        score_long(seven_item(), answers)


def test_it_gives_each_respondent_their_score_for_a_wave() -> None:
    rows = [("A", "t1", i, 1) for i in SEVEN] + [("B", "t2", i, 2) for i in SEVEN]
    table = score_long(seven_item(), long_table(rows))
    assert table.respondent_codes.tolist() == ["A", "B"]
    np.testing.assert_array_equal(table.scores_by_respondent("t1"), [7.0, np.nan])
    np.testing.assert_array_equal(table.scores_by_respondent("t2"), [np.nan, 14.0])
    with pytest.raises(AnalysisInputError, match="no answers for wave 't3'"):
        table.scores_by_respondent("t3")


def random_rows(seed: int, people: int = 40) -> list[tuple[str, str, str, float]]:
    rng = random.Random(seed)
    rows = []
    for p in range(people):
        for wave in ("t1", "t2"):
            for item in SEVEN:
                if rng.random() < 0.12:
                    continue  # a skipped question
                rows.append((f"P{p}", wave, item, float(rng.randint(1, 5))))
    return rows


@pytest.mark.parametrize("method", ["sum", "mean", "lookup"])
def test_the_long_scorer_agrees_with_the_person_scorer_on_random_answers(method: str) -> None:
    definition = seven_item(
        reverse_scored={"q2", "q6"},
        max_missing=2,
        method=method,
        lookup=made_up_table() if method == "lookup" else (),
    )
    rows = random_rows(seed=11)
    table = score_long(definition, long_table(rows))
    by_person: dict[tuple[str, str], dict[str, float]] = {}
    for code, wave, item, value in rows:
        by_person.setdefault((code, wave), {})[item] = value
    for code, wave, score, answered in zip(
        table.respondent, table.wave, table.score, table.items_answered, strict=True
    ):
        expected = score_person(definition, by_person[(code, wave)], respondent=code)
        assert expected.items_answered == answered
        if expected.score is None:
            assert math.isnan(score)
        else:
            assert score == pytest.approx(expected.score)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), shuffle_seed=st.integers(0, 10_000))
def test_scores_do_not_depend_on_row_order_or_item_order(seed: int, shuffle_seed: int) -> None:
    definition = seven_item(reverse_scored={"q4"}, max_missing=1)
    rows = random_rows(seed, people=6)
    expected = score_long(definition, long_table(rows)).to_frame().set_index(["respondent", "wave"])

    shuffled = rows[:]
    random.Random(shuffle_seed).shuffle(shuffled)
    order = list(SEVEN)
    random.Random(shuffle_seed + 1).shuffle(order)
    reordered = InstrumentDefinition.uniform(
        "seven", order, 1, 5, reverse_scored={"q4"}, max_missing=1
    )
    got = score_long(reordered, long_table(shuffled)).to_frame().set_index(["respondent", "wave"])
    pd.testing.assert_series_equal(
        got["score"].sort_index(), expected["score"].sort_index(), check_exact=True
    )
