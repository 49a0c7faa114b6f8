"""Pooling across projects, checked against metafor's published dat.bcg results, statsmodels'
combine_effects and an independent numerical maximisation of the REML likelihood."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize
from scipy import stats as sps
from statsmodels.stats.meta_analysis import combine_effects, effectsize_smd

from wesaid.analysis.certainty import Certainty
from wesaid.analysis.errors import AnalysisInputError
from wesaid.analysis.meta import (
    METHODS,
    log_risk_ratios,
    pool,
    reml_observed_information,
    reml_score_and_information,
    standardised_mean_differences,
)

from .reference_data import BCG


@pytest.fixture(scope="module")
def bcg():
    return log_risk_ratios(*zip(*BCG, strict=True))


def restricted_log_likelihood(tau2: float, y: np.ndarray, v: np.ndarray) -> float:
    """REML log-likelihood of the random-effects model, written out independently of meta.py."""
    w = 1 / (v + tau2)
    mu = np.sum(w * y) / np.sum(w)
    return float(
        -0.5 * np.sum(np.log(v + tau2)) - 0.5 * np.log(np.sum(w)) - 0.5 * np.sum(w * (y - mu) ** 2)
    )


# --- effect sizes ---------------------------------------------------------------------------


def test_it_reproduces_metafor_escalc_log_risk_ratios_for_bcg(bcg):
    """escalc("RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg) (metafor documentation;
    Viechtbauer 2010, J Stat Softw 36(3)), shown to 4 decimals."""
    yi = [
        -0.8893,
        -1.5854,
        -1.3481,
        -1.4416,
        -0.2175,
        -0.7861,
        -1.6209,
        0.0120,
        -0.4694,
        -1.3713,
        -0.3394,
        0.4459,
        -0.0173,
    ]
    vi = [
        0.3256,
        0.1946,
        0.4154,
        0.0200,
        0.0512,
        0.0069,
        0.2230,
        0.0040,
        0.0564,
        0.0730,
        0.0124,
        0.5325,
        0.0714,
    ]
    assert np.round(bcg.effects, 4) == pytest.approx(yi, abs=1e-12)
    assert np.round(bcg.variances, 4) == pytest.approx(vi, abs=1e-12)


def test_it_adds_half_to_every_cell_of_a_study_with_a_zero():
    """Hand-worked: (0, 10, 2, 8) becomes (0.5, 10.5, 2.5, 8.5);
    log((0.5/11)/(2.5/11)) = log(0.2); var = 1/0.5 - 1/11 + 1/2.5 - 1/11."""
    result = log_risk_ratios([0], [10], [2], [8])
    assert result.effects[0] == pytest.approx(math.log(0.2))
    assert result.variances[0] == pytest.approx(2 - 1 / 11 + 0.4 - 1 / 11)


def test_it_matches_borensteins_worked_hedges_g():
    """Borenstein et al. (2009) Introduction to Meta-Analysis, ch. 4: means 103 and 100, SDs 5.5
    and 4.5, 50 per group give d = 0.5970, J = 0.9923, g = 0.5924. The variance is metafor's
    default ("LS"): 1/50 + 1/50 + g^2 / 200 = 0.04175 (Borenstein's J^2 * Vd would be 0.0411)."""
    result = standardised_mean_differences([103], [5.5], [50], [100], [4.5], [50])
    assert result.effects[0] == pytest.approx(0.5924, abs=5e-5)
    assert result.variances[0] == pytest.approx(0.04 + 0.5924**2 / 200, abs=1e-6)


def test_it_agrees_with_statsmodels_hedges_g_to_its_approximation():
    """statsmodels.effectsize_smd uses J = 1 - 3/(4N - 9); the exact gamma-function J differs by
    well under 0.1% at these sizes."""
    args = (
        [10.0, 5.2, 30.1],
        [2.0, 1.5, 7.7],
        [12, 20, 40],
        [8.5, 5.9, 28.0],
        [2.5, 1.1, 6.9],
        [15, 18, 44],
    )
    ours = standardised_mean_differences(*args)
    reference, _ = effectsize_smd(*(np.asarray(a, float) for a in args))
    assert ours.effects == pytest.approx(list(reference), rel=1e-3)


def test_it_refuses_groups_with_no_spread():
    with pytest.raises(AnalysisInputError, match="no spread"):
        standardised_mean_differences([1], [0], [5], [1], [0], [5])


def test_it_refuses_counts_that_are_not_whole_numbers():
    with pytest.raises(AnalysisInputError, match="whole numbers"):
        log_risk_ratios([1.5], [10], [2], [8])


# --- published pooled values ----------------------------------------------------------------


def test_it_reproduces_metafors_fixed_effect_for_bcg(bcg):
    """rma(yi, vi, method="FE"): -0.4303, CI -0.5097 to -0.3509, Q(df = 12) = 152.2330."""
    result = pool(bcg.effects, bcg.variances, "fixed")
    assert result.estimate == pytest.approx(-0.4303, abs=5e-5)
    assert result.ci == pytest.approx((-0.5097, -0.3509), abs=5e-5)
    assert result.q == pytest.approx(152.2330, abs=5e-5)
    assert result.q_df == 12
    assert result.tau2 == 0
    assert result.pi is None


def test_it_reproduces_metafors_dersimonian_laird_for_bcg(bcg):
    """rma(yi, vi, method="DL"): -0.7141, CI -1.0644 to -0.3638, tau^2 0.3088, I^2 92.12%."""
    result = pool(bcg.effects, bcg.variances, "dl")
    assert result.estimate == pytest.approx(-0.7141, abs=5e-5)
    assert result.ci == pytest.approx((-1.0644, -0.3638), abs=5e-5)
    assert result.tau2 == pytest.approx(0.3088, abs=5e-5)
    assert result.i2 == pytest.approx(0.9212, abs=5e-5)


def test_it_reproduces_metafors_reml_for_bcg(bcg):
    """rma(yi, vi) (REML default; metafor documentation and Viechtbauer 2010): estimate -0.7145,
    se 0.1798, CI -1.0669 to -0.3622, tau^2 0.3132, I^2 92.22%, H^2 12.86."""
    result = pool(bcg.effects, bcg.variances)
    assert result.method == "reml"
    assert result.estimate == pytest.approx(-0.7145, abs=5e-5)
    assert result.se == pytest.approx(0.1798, abs=5e-5)
    assert result.ci == pytest.approx((-1.0669, -0.3622), abs=5e-5)
    assert result.tau2 == pytest.approx(0.3132, abs=5e-5)
    assert result.i2 == pytest.approx(0.9222, abs=5e-5)
    assert result.h2 == pytest.approx(12.86, abs=5e-3)


def test_it_reproduces_paule_mandel_tau2_for_bcg(bcg):
    """rma(yi, vi, method="PM"): tau^2 about 0.3181."""
    assert pool(bcg.effects, bcg.variances, "pm").tau2 == pytest.approx(0.3181, abs=5e-5)


@pytest.mark.parametrize(("ours", "theirs"), [("dl", "dl"), ("pm", "iterated")])
def test_it_agrees_with_statsmodels_combine_effects(bcg, ours, theirs):
    """statsmodels.stats.meta_analysis.combine_effects: DL and iterated (Paule-Mandel)."""
    result = pool(bcg.effects, bcg.variances, ours)
    reference = combine_effects(np.array(bcg.effects), np.array(bcg.variances), method_re=theirs)
    assert result.tau2 == pytest.approx(reference.tau2, rel=1e-6)
    assert result.estimate == pytest.approx(reference.mean_effect_re, rel=1e-6)
    assert result.se == pytest.approx(reference.sd_eff_w_re, rel=1e-6)
    assert result.q == pytest.approx(reference.q, rel=1e-10)
    assert result.weights == pytest.approx(list(100 * reference.weights_rel_re), rel=1e-6)
    fixed = pool(bcg.effects, bcg.variances, "fixed")
    assert fixed.estimate == pytest.approx(reference.mean_effect_fe, rel=1e-10)
    assert fixed.se == pytest.approx(reference.sd_eff_w_fe, rel=1e-10)


def test_its_reml_tau2_maximises_the_restricted_likelihood_found_numerically(bcg):
    """A different code path: bounded scalar maximisation of the REML log-likelihood."""
    y, v = np.array(bcg.effects), np.array(bcg.variances)
    found = optimize.minimize_scalar(
        lambda t: -restricted_log_likelihood(t, y, v),
        bounds=(0, 5),
        method="bounded",
        options={"xatol": 1e-10},
    )
    result = pool(y, v, "reml")
    assert result.tau2 == pytest.approx(found.x, abs=1e-6)
    assert restricted_log_likelihood(result.tau2, y, v) >= -found.fun - 1e-12
    # The score equation holds at the solution, checked by a central finite difference.
    h = 1e-6
    slope = (
        restricted_log_likelihood(result.tau2 + h, y, v)
        - restricted_log_likelihood(result.tau2 - h, y, v)
    ) / (2 * h)
    assert slope == pytest.approx(0, abs=1e-6)
    assert reml_score_and_information(y, v, result.tau2)[0] == pytest.approx(0, abs=1e-9)


def test_its_reml_stops_at_zero_when_the_likelihood_peaks_below_zero():
    """Very similar effects: the restricted likelihood falls as tau^2 rises from 0."""
    y = np.array([0.20, 0.21, 0.19, 0.205])
    v = np.array([0.04, 0.05, 0.03, 0.06])
    result = pool(y, v, "reml")
    assert result.tau2 == 0
    h = 1e-6
    assert restricted_log_likelihood(h, y, v) < restricted_log_likelihood(0, y, v)
    assert result.estimate == pytest.approx(pool(y, v, "fixed").estimate)


def test_its_reml_finds_the_higher_of_two_likelihood_peaks():
    """These ten studies give a restricted likelihood with a low peak near tau^2 = 0.10 (where
    a climb from the DL value, 0.088, stops) and a higher one near 1.0. A dense grid followed by
    a bounded search, independent of meta.py, locates the higher peak."""
    y = np.array([-0.28, -0.82, -1.67, 3.58, 1.31, 0.9, 2.57, -0.04, -0.39, 4.42])
    v = np.array([0.114, 1.526, 0.383, 2.451, 1.99, 1.027, 6.737, 0.0001, 0.005, 3.416])
    grid = np.linspace(0.001, 5, 5000)
    best = grid[np.argmax([restricted_log_likelihood(t, y, v) for t in grid])]
    found = optimize.minimize_scalar(
        lambda t: -restricted_log_likelihood(t, y, v),
        bounds=(best - 0.01, best + 0.01),
        method="bounded",
        options={"xatol": 1e-10},
    )
    low_peak = restricted_log_likelihood(0.104, y, v)
    assert restricted_log_likelihood(0.12, y, v) < low_peak < restricted_log_likelihood(1.0, y, v)
    assert pool(y, v, "reml").tau2 == pytest.approx(found.x, abs=1e-6)


def test_its_reml_derivatives_match_finite_differences():
    rng = np.random.default_rng(3)
    y, v = rng.normal(0, 1, 8), rng.uniform(0.1, 1, 8)
    h = 1e-4
    for tau2 in (0.3, 1.2):
        f = [restricted_log_likelihood(tau2 + d, y, v) for d in (-h, 0, h)]
        assert reml_score_and_information(y, v, tau2)[0] == pytest.approx(
            (f[2] - f[0]) / (2 * h), rel=1e-6
        )
        assert reml_observed_information(y, v, tau2) == pytest.approx(
            -(f[2] - 2 * f[1] + f[0]) / h**2, rel=1e-4
        )


# --- prediction interval and forest data -----------------------------------------------------


def test_its_prediction_interval_uses_t_with_k_minus_2_df(bcg):
    """Higgins, Thompson and Spiegelhalter (2009): mu +/- t(k-2) sqrt(tau^2 + se^2)."""
    result = pool(bcg.effects, bcg.variances, "reml")
    half = sps.t.ppf(0.975, 11) * math.sqrt(result.tau2 + result.se**2)
    assert result.pi == pytest.approx((result.estimate - half, result.estimate + half))
    assert result.pi[0] < result.ci[0] and result.pi[1] > result.ci[1]


@pytest.mark.parametrize("method", ["dl", "pm", "reml"])
def test_it_gives_no_prediction_interval_for_fewer_than_three_projects(method):
    assert pool([0.1, 0.5], [0.02, 0.03], method).pi is None


def test_it_gives_forest_plot_rows_in_input_order(bcg):
    labels = [f"Trial {i}" for i in range(1, 14)]
    result = pool(bcg.effects, bcg.variances, "dl", labels=labels)
    assert [s.label for s in result.studies] == labels
    assert sum(result.weights) == pytest.approx(100)
    first = result.studies[0]
    assert first.ci == pytest.approx(
        (
            first.estimate - 1.959964 * math.sqrt(first.variance),
            first.estimate + 1.959964 * math.sqrt(first.variance),
        ),
        abs=1e-5,
    )
    assert [s.weight_percent for s in result.studies] == list(result.weights)


def test_it_reports_the_heterogeneity_p_value_from_chi_square(bcg):
    result = pool(bcg.effects, bcg.variances)
    assert result.q_p == pytest.approx(sps.chi2.sf(152.2330080823733, 12), rel=1e-6)


# --- properties -------------------------------------------------------------------------------

effects_and_variances = st.integers(min_value=2, max_value=12).flatmap(
    lambda k: st.tuples(
        st.lists(st.floats(-5, 5, allow_nan=False), min_size=k, max_size=k),
        st.lists(st.floats(1e-3, 5, allow_nan=False), min_size=k, max_size=k),
    )
)


@given(st.floats(-10, 10), st.floats(1e-4, 10), st.sampled_from(METHODS))
def test_it_returns_a_single_study_unchanged(effect, variance, method):
    result = pool([effect], [variance], method)
    assert result.estimate == pytest.approx(effect)
    assert result.se == pytest.approx(math.sqrt(variance))
    assert result.tau2 == 0 and result.q_p is None and result.pi is None


@given(effects_and_variances, st.floats(0.01, 100))
def test_it_keeps_the_fixed_effect_estimate_when_all_variances_are_scaled(data, c):
    y, v = data
    base = pool(y, v, "fixed")
    scaled = pool(y, [x * c for x in v], "fixed")
    assert scaled.estimate == pytest.approx(base.estimate, abs=1e-9)
    assert scaled.se == pytest.approx(base.se * math.sqrt(c), rel=1e-9)


@settings(max_examples=60)
@given(effects_and_variances, st.sampled_from(METHODS))
def test_it_keeps_estimates_between_the_smallest_and_largest_effect(data, method):
    y, v = data
    result = pool(y, v, method)
    assert min(y) - 1e-9 <= result.estimate <= max(y) + 1e-9
    assert result.tau2 >= 0
    assert 0 <= result.i2 <= 1
    # H^2 = Q / df for the fixed-effect model can fall below 1; the random-effects H^2 cannot.
    assert result.h2 >= (0 if method == "fixed" else 1 - 1e-12)


@settings(max_examples=40)
@given(effects_and_variances)
def test_its_reml_is_never_below_the_likelihood_at_zero(data):
    y, v = (np.array(x) for x in data)
    result = pool(y, v, "reml")
    assert (
        restricted_log_likelihood(result.tau2, y, v) >= restricted_log_likelihood(0.0, y, v) - 1e-9
    )


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("effects", "variances", "message"),
    [
        ([], [], "empty"),
        ([0.1, 0.2], [0.1], "must match"),
        ([0.1, 0.2], [0.1, 0.0], "above zero"),
        ([0.1, 0.2], [0.1, -0.2], "above zero"),
        ([0.1, float("nan")], [0.1, 0.2], "missing or infinite"),
        ([0.1, 0.2], [0.1, float("inf")], "missing or infinite"),
        (["a", 0.2], [0.1, 0.2], "must be numbers"),
    ],
)
def test_it_refuses_bad_effects_or_variances(effects, variances, message):
    with pytest.raises(AnalysisInputError, match=message):
        pool(effects, variances)


@pytest.mark.parametrize(
    ("effects", "variances", "method"),
    [
        ([1, 2, 3], [1e-200, 1, 1], "dl"),  # sum(w)^2 overflows: I^2 was NaN
        ([1, 2, 3], [1e300, 1e300, 1e300], "reml"),  # H^2 was NaN
        ([1e200, -1e200, 3], [1, 1, 1], "reml"),  # was a bare ZeroDivisionError
    ],
)
def test_it_refuses_numbers_too_extreme_to_pool_rather_than_return_nan(effects, variances, method):
    with pytest.raises(AnalysisInputError, match="too extreme"):
        pool(effects, variances, method)


def test_it_refuses_an_unknown_method_level_or_label_count():
    with pytest.raises(AnalysisInputError, match="method"):
        pool([0.1], [0.1], "bayes")
    with pytest.raises(AnalysisInputError, match="level"):
        pool([0.1], [0.1], level=95)
    with pytest.raises(AnalysisInputError, match="labels"):
        pool([0.1, 0.2], [0.1, 0.1], labels=["only one"])


def test_two_projects_are_never_clear_however_narrow_the_interval() -> None:
    # Two precise projects far from 0: the interval leaves out 0, but with k = 2 the spread
    # between projects cannot be estimated.
    result = pool([0.5, 0.6], [0.001, 0.001], method="reml")
    assert result.ci[0] > 0
    assert result.certainty is Certainty.UNCLEAR
    three = pool([0.5, 0.6, 0.55], [0.001, 0.001, 0.001], method="reml")
    assert three.ci[0] > 0 and three.certainty is Certainty.CLEAR
