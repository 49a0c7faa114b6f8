"""Representation against population shares, checked against scipy (chisquare, binomtest
intervals, multinomial pmf) and a hand-worked exact multinomial test."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from wesaid.analysis.certainty import Certainty
from wesaid.analysis.errors import AnalysisInputError
from wesaid.analysis.representation import (
    compare_with_population,
    exact_multinomial_p,
    multinomial_outcomes,
    outcome_count,
)

# Census 2021 ethnic group, high-level, England and Wales (ONS TS021, rounded % of residents).
ENGLAND_AND_WALES = {"Asian": 9.3, "Black": 4.0, "Mixed": 2.9, "White": 81.7, "Other": 2.1}


def test_it_uses_chi_square_when_every_expected_count_is_at_least_five():
    counts = {"A": 30, "B": 45, "C": 25}
    population = {"A": 0.25, "B": 0.5, "C": 0.25}
    result = compare_with_population(counts, population)
    reference = stats.chisquare([30, 45, 25], f_exp=[25, 50, 25])
    assert result.gof.method == "chi-square"
    assert result.gof.statistic == pytest.approx(reference.statistic, rel=1e-12)
    assert result.gof.p_value == pytest.approx(reference.pvalue, rel=1e-12)
    assert result.gof.df == 2


def test_it_matches_a_hand_worked_exact_multinomial_test():
    """n = 4, shares (1/2, 1/4, 1/4), observed (4, 0, 0): expected (2, 1, 1), X^2 = 4.
    Of the 15 outcomes, those with X^2 >= 4 are (4,0,0) 16/256, (0,4,0) and (0,0,4) 1/256 each,
    (1,3,0) and (1,0,3) 8/256 each, (0,3,1) and (0,1,3) 4/256 each, (0,2,2) 6/256:
    p = 48/256 = 0.1875."""
    result = compare_with_population({"A": 4}, {"A": 50, "B": 25, "C": 25})
    assert result.gof.method == "exact"
    assert result.gof.statistic == pytest.approx(4.0)
    assert result.gof.p_value == pytest.approx(0.1875, abs=1e-12)


def test_its_exact_p_value_agrees_with_brute_force_using_scipy_multinomial():
    observed = np.array([0, 1, 6, 2])
    shares = np.array([0.1, 0.2, 0.3, 0.4])
    n = observed.sum()
    expected = n * shares
    x2_obs = np.sum((observed - expected) ** 2 / expected)
    p = 0.0
    for outcome in itertools.product(range(n + 1), repeat=4):
        if sum(outcome) != n:
            continue
        if np.sum((np.array(outcome) - expected) ** 2 / expected) >= x2_obs - 1e-9:
            p += stats.multinomial.pmf(outcome, n, shares)
    assert exact_multinomial_p(observed, shares) == pytest.approx(p, rel=1e-10)


def test_it_lists_every_outcome_once():
    outcomes = multinomial_outcomes(5, 3)
    assert len(outcomes) == outcome_count(5, 3) == 21
    assert len({tuple(o) for o in outcomes}) == 21
    assert np.all(outcomes.sum(axis=1) == 5)


def test_it_falls_back_to_a_seeded_monte_carlo_that_agrees_with_the_exact_test():
    counts = {"A": 0, "B": 1, "C": 6, "D": 2}
    population = {"A": 0.1, "B": 0.2, "C": 0.3, "D": 0.4}
    exact = compare_with_population(counts, population)
    simulated = compare_with_population(counts, population, exact_limit=0)
    again = compare_with_population(counts, population, exact_limit=0)
    assert exact.gof.method == "exact"
    assert simulated.gof.method == "monte-carlo"
    assert simulated.gof.simulations == 20_000 and simulated.gof.seed is not None
    assert simulated.gof.p_value == again.gof.p_value
    error = 4 * np.sqrt(exact.gof.p_value * (1 - exact.gof.p_value) / 20_000)
    assert simulated.gof.p_value == pytest.approx(exact.gof.p_value, abs=error)


@pytest.mark.parametrize("method", ["wilson", "exact"])
def test_its_ratio_interval_is_the_scipy_binomial_interval_over_the_population_share(method):
    counts = {"Asian": 3, "Black": 0, "Mixed": 2, "White": 40, "Other": 1}
    result = compare_with_population(counts, ENGLAND_AND_WALES, ci_method=method)
    total = sum(counts.values())
    for row in result.rows:
        ci = stats.binomtest(row.observed, total).proportion_ci(0.95, method=method)
        assert row.ratio_ci == pytest.approx(
            (ci.low / row.population_share, ci.high / row.population_share), rel=1e-9, abs=1e-12
        )
        assert row.ratio == pytest.approx(row.observed / total / row.population_share)
        assert row.population_share == pytest.approx(ENGLAND_AND_WALES[row.category] / 100)


def test_it_counts_prefer_not_to_say_separately_and_leaves_it_out_of_the_shares():
    counts = {"A": 10, "B": 10, "Prefer not to say": 5}
    result = compare_with_population(counts, {"A": 1, "B": 1})
    assert result.total == 20
    assert result.not_stated == 5
    assert [r.participant_share for r in result.rows] == [0.5, 0.5]


def test_it_flags_a_group_whose_interval_is_wholly_below_one():
    """10 of 100 against a 30% share: Wilson upper 0.174, ratio upper 0.58 < 1."""
    result = compare_with_population({"A": 10, "B": 90}, {"A": 30, "B": 70})
    row = result.rows[0]
    assert row.status == "under" and row.under_reason == "clearly fewer"
    assert row.ratio_ci[1] < 1
    assert result.under_represented == ("A",)
    assert result.rows[1].status == "over"


def test_it_flags_a_group_with_nobody_where_at_least_one_was_expected():
    """0 of 20 against a 10% share: expected 2, ratio upper (3.84 / 23.84) / 0.1 = 1.61."""
    result = compare_with_population({"A": 0, "B": 20}, {"A": 10, "B": 90})
    row = result.rows[0]
    assert row.ratio_ci[1] > 1
    assert row.status == "under" and row.under_reason == "none taking part"


def test_it_does_not_flag_a_missing_group_when_under_one_person_was_expected():
    result = compare_with_population({"A": 0, "B": 20}, {"A": 2, "B": 98})
    assert result.rows[0].expected == pytest.approx(0.4)
    assert result.rows[0].status == "in line"
    assert result.under_represented == ()


def test_it_drops_an_empty_category_the_area_does_not_have():
    result = compare_with_population({"A": 5, "B": 5}, {"A": 50, "B": 50, "Roma": 0})
    assert result.dropped == ("Roma",)
    assert [r.category for r in result.rows] == ["A", "B"]


@pytest.mark.parametrize(
    ("counts", "population", "message"),
    [
        ({"A": 1, "Z": 2}, {"A": 1, "B": 1}, "no population figure: Z"),
        ({"A": 1, "B": 2}, {"A": 1, "B": 0}, "population figure of 0: B"),
        ({"Prefer not to say": 3}, {"A": 1, "B": 1}, "Nobody"),
        ({}, {"A": 1, "B": 1}, "Nobody"),
        ({"A": -1}, {"A": 1, "B": 1}, "0 or more"),
        ({"A": 1.5}, {"A": 1, "B": 1}, "whole number"),
        ({"A": float("nan")}, {"A": 1, "B": 1}, "whole number"),
        ({"A": 1}, {"A": 1, "B": float("nan")}, "finite"),
        ({"A": 1}, {"A": 1, "B": -2}, "finite number of 0 or more"),
        ({"A": 1}, {"A": 1}, "two categories"),
    ],
)
def test_it_refuses_bad_counts_or_population_figures(counts, population, message):
    with pytest.raises(AnalysisInputError, match=message):
        compare_with_population(counts, population)


def test_it_refuses_a_bad_level_or_interval_method():
    with pytest.raises(AnalysisInputError, match="level"):
        compare_with_population({"A": 1}, {"A": 1, "B": 1}, level=1.5)
    with pytest.raises(AnalysisInputError, match="ci_method"):
        compare_with_population({"A": 1}, {"A": 1, "B": 1}, ci_method="wald")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(0, 12), min_size=2, max_size=5),
    st.lists(st.floats(0.05, 1), min_size=5, max_size=5),
)
def test_its_intervals_hold_the_ratio_and_its_flags_follow_the_rule(observed, weights):
    if sum(observed) == 0:
        observed[0] = 1
    names = [f"G{i}" for i in range(len(observed))]
    result = compare_with_population(
        dict(zip(names, observed, strict=True)), dict(zip(names, weights, strict=False))
    )
    assert 0 <= result.gof.p_value <= 1
    for row in result.rows:
        assert row.ratio_ci[0] - 1e-12 <= row.ratio <= row.ratio_ci[1] + 1e-12
        rule = row.ratio_ci[1] < 1 or (row.observed == 0 and row.expected >= 1)
        assert (row.category in result.under_represented) == rule


# --- how sure about the mix as a whole, and bad input ----------------------------------------


def test_the_mix_is_clearly_different_only_from_a_simultaneous_ratio_interval() -> None:
    from statsmodels.stats.proportion import proportion_confint

    result = compare_with_population({"A": 2, "B": 38}, {"A": 50, "B": 50})
    # Two categories: the Bonferroni level is 1 - 0.05 / 2 = 0.975 (statsmodels' Wilson).
    low, high = proportion_confint(2, 40, alpha=0.025, method="wilson")
    row = result.rows[0]
    assert row.ratio_ci_simultaneous == pytest.approx((low / 0.5, high / 0.5))
    assert result.overall is Certainty.CLEAR
    assert [r.category for r in result.clearly_different] == ["A", "B"]


def test_a_small_p_value_alone_does_not_make_the_mix_clearly_different() -> None:
    # Eight categories each a little off: no simultaneous interval leaves out 1.
    population = dict.fromkeys("ABCDEFGH", 1)
    counts = {"A": 9, "B": 9, "C": 9, "D": 9, "E": 1, "F": 1, "G": 1, "H": 1}
    result = compare_with_population(counts, population)
    assert result.gof.p_value < 0.05
    assert result.overall is Certainty.UNCLEAR
    result_even = compare_with_population({"A": 10, "B": 10}, {"A": 1, "B": 1})
    assert result_even.overall is Certainty.UNCLEAR


def test_a_single_not_stated_name_is_one_category_not_its_letters() -> None:
    result = compare_with_population(
        {"U": 5, "V": 5, "Unknown": 3}, {"U": 1, "V": 1}, not_stated="Unknown"
    )
    assert result.not_stated == 3
    assert [r.category for r in result.rows] == ["U", "V"]


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"simulations": "500"}, "simulations"),
        ({"seed": 1.5}, "seed"),
        ({"level": "0.95"}, "level"),
        ({"not_stated": 3}, "not_stated"),
    ],
)
def test_bad_options_give_a_clear_error(kwargs: dict[str, object], argument: str) -> None:
    with pytest.raises(AnalysisInputError) as caught:
        compare_with_population({"A": 1, "B": 2}, {"A": 1, "B": 1}, **kwargs)  # type: ignore[arg-type]
    assert caught.value.argument == argument


def test_an_impossibly_large_count_is_refused() -> None:
    with pytest.raises(AnalysisInputError) as caught:
        compare_with_population({"A": 1e20, "B": 2}, {"A": 1, "B": 1})
    assert caught.value.code == "too_large"
