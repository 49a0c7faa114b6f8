"""Coder agreement, checked against published worked examples, statsmodels.stats.inter_rater
and an independent delta-method variance."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats import inter_rater

from wesaid.analysis.agreement import (
    cohens_kappa,
    cohens_kappa_from_table,
    fleiss_kappa,
    fleiss_kappa_from_counts,
    strength,
)
from wesaid.analysis.errors import AnalysisInputError

# Wikipedia "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories. The page
# gives p_j = 0.143, 0.200, 0.279, 0.150, 0.229; P-bar = 0.378; P-bar-e = 0.213; kappa = 0.210.
WIKIPEDIA_FLEISS = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def test_it_reproduces_the_wikipedia_cohen_example():
    """Wikipedia "Cohen's kappa": 50 grant proposals, yes/yes 20, yes/no 5, no/yes 10, no/no 15:
    p_o = 0.7, p_e = 0.5, kappa = 0.4."""
    result = cohens_kappa_from_table([[20, 5], [10, 15]])
    assert result.observed_agreement == pytest.approx(0.7)
    assert result.expected_agreement == pytest.approx(0.5)
    assert result.kappa == pytest.approx(0.4)
    assert result.agreements == 35 and result.n_items == 50


def test_it_matches_statsmodels_kappa_and_fleiss_cohen_everitt_variance():
    rng = np.random.default_rng(5)
    for _ in range(20):
        table = rng.integers(0, 15, size=(4, 4)) + np.eye(4, dtype=int) * 10
        ours = cohens_kappa_from_table(table)
        reference = inter_rater.cohens_kappa(table)
        assert ours.kappa == pytest.approx(reference.kappa, rel=1e-12)
        assert ours.se == pytest.approx(math.sqrt(reference.var_kappa), rel=1e-10)


def test_its_standard_error_agrees_with_a_numerical_delta_method():
    """FCE 1969 is the delta-method variance of kappa under multinomial sampling:
    var = g' (diag(p) - p p') g / n with g the gradient of kappa in the cell proportions."""
    table = np.array([[22, 3, 2], [4, 18, 5], [1, 6, 14]], dtype=float)
    n = table.sum()
    p = (table / n).ravel()

    def kappa_of(cells: np.ndarray) -> float:
        m = cells.reshape(3, 3) / cells.sum()
        pe = m.sum(axis=1) @ m.sum(axis=0)
        return (np.trace(m) - pe) / (1 - pe)

    gradient = np.array(
        [(kappa_of(p + 1e-7 * e) - kappa_of(p - 1e-7 * e)) / 2e-7 for e in np.eye(9)]
    )
    variance = gradient @ (np.diag(p) - np.outer(p, p)) @ gradient / n
    assert cohens_kappa_from_table(table).se == pytest.approx(math.sqrt(variance), rel=1e-6)


def test_it_builds_the_table_from_two_coders_lists():
    a = ["theme 1", "theme 2", "theme 2", "theme 3", "theme 1", "theme 3"]
    b = ["theme 1", "theme 2", "theme 3", "theme 3", "theme 2", "theme 3"]
    result = cohens_kappa(a, b)
    assert result.categories == ("theme 1", "theme 2", "theme 3")
    assert result.table == ((1, 1, 0), (0, 1, 1), (0, 0, 2))
    assert result.kappa == pytest.approx(inter_rater.cohens_kappa(np.array(result.table)).kappa)
    assert -1 <= result.ci[0] <= result.kappa <= result.ci[1] <= 1


@given(st.lists(st.sampled_from("abcd"), min_size=2, max_size=40))
def test_it_gives_one_for_identical_coders(codes):
    if len(set(codes)) < 2:
        codes = [*codes, "z" if codes[0] != "z" else "y"]
    assert cohens_kappa(codes, codes).kappa == pytest.approx(1)


def test_it_reproduces_the_wikipedia_fleiss_example():
    result = fleiss_kappa_from_counts(WIKIPEDIA_FLEISS)
    assert round(result.kappa, 3) == 0.210
    assert round(result.observed_agreement, 3) == 0.378
    assert round(result.expected_agreement, 3) == 0.213
    assert [round(s, 3) for s in result.category_shares] == [0.143, 0.200, 0.279, 0.150, 0.229]
    assert result.kappa == pytest.approx(inter_rater.fleiss_kappa(np.array(WIKIPEDIA_FLEISS)))


def test_its_fleiss_kappa_matches_statsmodels_and_its_jackknife_matches_a_separate_loop():
    rng = np.random.default_rng(9)
    ratings = [
        [rng.choice(3, p=[0.6, 0.3, 0.1]) if i % 2 else i % 3 for _ in range(5)] for i in range(25)
    ]
    result = fleiss_kappa(ratings)
    counts, _ = inter_rater.aggregate_raters(np.array(ratings))
    assert result.kappa == pytest.approx(inter_rater.fleiss_kappa(counts), rel=1e-12)
    replicates = np.array(
        [inter_rater.fleiss_kappa(np.delete(counts, i, axis=0)) for i in range(len(counts))]
    )
    m = len(replicates)
    jackknife = math.sqrt((m - 1) / m * np.sum((replicates - replicates.mean()) ** 2))
    assert result.se == pytest.approx(jackknife, rel=1e-10)
    assert result.ci == pytest.approx(
        (result.kappa - 1.959964 * jackknife, result.kappa + 1.959964 * jackknife), abs=1e-5
    )


@settings(max_examples=30)
@given(st.lists(st.sampled_from(["x", "y", "z"]), min_size=3, max_size=20), st.integers(2, 6))
def test_it_gives_one_for_several_identical_coders(items, raters):
    if len(set(items)) < 2:
        items = [*items, "w"]
    assert fleiss_kappa([[code] * raters for code in items]).kappa == pytest.approx(1)


def test_it_names_landis_and_koch_strengths():
    assert strength(-0.1) == "poor"
    assert strength(0.2) == "slight"
    assert strength(0.21) == "fair"
    assert strength(0.6) == "moderate"
    assert strength(0.7) == "substantial"
    assert strength(1.0) == "almost perfect"


@pytest.mark.parametrize(
    ("a", "b", "kwargs", "message"),
    [
        (["x", "y"], ["x"], {}, "coded 2 items and coder B 1"),
        ([], [], {}, "No items"),
        (["x", None], ["x", "y"], {}, "Item 2 has no code"),
        (["x", math.nan], ["x", "y"], {}, "Item 2 has no code"),
        (["x", "x"], ["x", "x"], {}, "one and the same category"),
        (["x", "q"], ["x", "y"], {"categories": ["x", "y"]}, "not in categories: q"),
        (["x", "y"], ["x", "y"], {"level": 0}, "level"),
    ],
)
def test_it_refuses_bad_codes_for_cohens_kappa(a, b, kwargs, message):
    with pytest.raises(AnalysisInputError, match=message):
        cohens_kappa(a, b, **kwargs)


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ([[1, 2], [3]], "rows of equal length"),
        ([[2, 0], [1, 2]], "same number of coders"),
        ([[1, 0], [0, 1]], "at least two coders"),
        ([[2, 0]], "two items"),
        ([[2, 0], [2, 0]], "one and the same category"),
        ([[1.5, 0.5], [2, 0]], "whole numbers"),
    ],
)
def test_it_refuses_bad_tables_for_fleiss_kappa(counts, message):
    with pytest.raises(AnalysisInputError, match=message):
        fleiss_kappa_from_counts(counts)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ([[1, 2, 3], [4, 5, 6]], "square"),
        ([[1, 2], [3]], "rows of equal length"),
        ([[0, 0], [0, 0]], "empty"),
        ([[1, -1], [0, 2]], "whole numbers"),
    ],
)
def test_it_refuses_bad_agreement_tables(table, message):
    with pytest.raises(AnalysisInputError, match=message):
        cohens_kappa_from_table(table)
