"""Interrupted time series (REML AR(1), Satterthwaite df), checked against an exact hand-built
series, statsmodels (OLS, GLS with the AR(1) covariance built in the test, ARIMA with the AR
coefficient fixed), a brute-force REML written in the test, and the checked-in coverage table."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
import statsmodels.formula.api as smf
from scipy import stats

from wesaid.analysis import its
from wesaid.analysis.certainty import Certainty
from wesaid.analysis.errors import AnalysisInputError
from wesaid.analysis.its import (
    COVERAGE_TABLE,
    ItsCaution,
    ItsMethod,
    month_index,
    segmented_regression,
    simulated_coverage,
)

MONTHS = [f"{2022 + m // 12}-{m % 12 + 1:02d}" for m in range(24)]  # Jan 2022 .. Dec 2023


def noisy_series(seed: int = 7, n: int = 24, rho: float = 0.5) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    noise = np.zeros(n)
    for i in range(1, n):
        noise[i] = rho * noise[i - 1] + rng.normal(0, 2)
    return 40 + 0.4 * t - 6 * (t >= n // 2) - 0.3 * np.clip(t - n // 2, 0, None) + noise


def frame(values: np.ndarray, change: int = 12) -> pd.DataFrame:
    t = np.arange(len(values), dtype=float)
    after = (t >= change).astype(float)
    return pd.DataFrame({"y": values, "time": t, "after": after, "since": after * (t - change)})


def covariance(time: np.ndarray, rho: float) -> np.ndarray:
    """AR(1) covariance written out element by element, not with the code under test."""
    n = len(time)
    v = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            v[i, j] = rho ** abs(time[i] - time[j]) / (1 - rho**2)
    return v


def reml_by_brute_force(y: np.ndarray, x: np.ndarray, time: np.ndarray, rho: float) -> float:
    """Restricted log-likelihood with sigma^2 profiled out, from the explicit covariance
    (Harville 1977): -(n-p)/2 log(r'V^-1 r/(n-p)) - 1/2 log|V| - 1/2 log|X'V^-1 X|."""
    n, p = x.shape
    v = covariance(time, rho)
    vi = np.linalg.inv(v)
    xvx = x.T @ vi @ x
    beta = np.linalg.solve(xvx, x.T @ vi @ y)
    r = y - x @ beta
    return -0.5 * (
        (n - p) * math.log(r @ vi @ r / (n - p))
        + np.linalg.slogdet(v)[1]
        + np.linalg.slogdet(xvx)[1]
    )


def test_it_recovers_the_level_and_trend_change_of_an_exact_line():
    """y = 10 + 0.5 t, then +3 in January 2023 and the slope falls by 0.2 a month."""
    t = np.arange(24)
    y = 10 + 0.5 * t + 3 * (t >= 12) - 0.2 * np.clip(t - 12, 0, None)
    result = segmented_regression(MONTHS, y, "2023-01")
    assert result.baseline_level.estimate == pytest.approx(10, abs=1e-9)
    assert result.baseline_trend.estimate == pytest.approx(0.5, abs=1e-9)
    assert result.level_change.estimate == pytest.approx(3, abs=1e-9)
    assert result.trend_change.estimate == pytest.approx(-0.2, abs=1e-9)
    assert result.level_change.se == 0 and result.trend_change.se == 0
    assert result.level_change.certainty is Certainty.NO_WIDTH
    assert result.trend_change.certainty is Certainty.NO_WIDTH
    assert result.exact
    assert result.fitted == pytest.approx(list(y))
    assert result.counterfactual[-1] == pytest.approx(10 + 0.5 * 23)
    assert (result.n_before, result.n_after) == (12, 12)
    assert result.cautions == ()
    assert result.method is ItsMethod.REML_AR1


@pytest.mark.parametrize("keep", [list(range(24)), [i for i in range(24) if i not in (5, 17)]])
def test_gls_at_rho_0_is_statsmodels_ols(keep):
    y = noisy_series()[keep]
    time = np.array(keep, dtype=float)
    x = its.design_matrix(time, 12)
    fit = its.gls(y, x, time, 0.0)
    reference = smf.ols("y ~ time + after + since", frame(noisy_series()).iloc[keep]).fit()
    assert fit.beta == pytest.approx(np.asarray(reference.params), rel=1e-10)
    sigma2 = fit.quadratic / (len(y) - 4)
    assert np.sqrt(sigma2 * np.diag(fit.unscaled)) == pytest.approx(
        np.asarray(reference.bse), rel=1e-9
    )


@pytest.mark.parametrize("rho", [0.6, -0.4])
def test_gls_with_gaps_matches_statsmodels_gls_on_the_covariance_built_here(rho):
    keep = [i for i in range(24) if i not in (5, 6, 17)]  # gaps of 3 and 2 months
    y = noisy_series()[keep]
    time = np.array(keep, dtype=float)
    x = its.design_matrix(time, 12)
    fit = its.gls(y, x, time, rho)
    reference = sm.GLS(y, x, sigma=covariance(time, rho)).fit()
    assert fit.beta == pytest.approx(np.asarray(reference.params), rel=1e-9)
    sigma2 = fit.quadratic / (len(y) - 4)
    assert np.sqrt(sigma2 * np.diag(fit.unscaled)) == pytest.approx(
        np.asarray(reference.bse), rel=1e-9
    )


@pytest.mark.parametrize("keep", [list(range(24)), [i for i in range(24) if i not in (5, 17)]])
def test_rho_maximises_the_restricted_likelihood_computed_by_brute_force(keep):
    y = noisy_series()[keep]
    time = np.array(keep, dtype=float)
    x = its.design_matrix(time, 12)
    result = segmented_regression([MONTHS[i] for i in keep], y, "2023-01")
    grid = np.linspace(-0.98, 0.98, 197)
    values = [reml_by_brute_force(y, x, time, r) for r in grid]
    best = grid[int(np.argmax(values))]
    assert result.rho == pytest.approx(best, abs=0.011)
    at = reml_by_brute_force(y, x, time, result.rho)
    assert at >= max(values) - 1e-9
    assert 0.1 < result.rho < 0.95  # the series was made with rho = 0.5


def test_coefficients_match_statsmodels_arima_with_the_ar_term_fixed_at_the_reml_rho():
    """Given rho, the maximum-likelihood coefficients of a regression with AR(1) errors are
    the GLS ones, so statsmodels' state-space ARIMA (exact likelihood, stationary start) with
    ar.L1 fixed at our rho must give our coefficients."""
    y = noisy_series()
    result = segmented_regression(MONTHS, y, "2023-01")
    x = its.design_matrix(np.arange(24, dtype=float), 12)
    model = sm.tsa.arima.ARIMA(y, exog=x[:, 1:], order=(1, 0, 0), trend="c")
    with model.fix_params({"ar.L1": result.rho}):
        reference = model.fit()
    ours = [
        result.baseline_level.estimate,
        result.baseline_trend.estimate,
        result.level_change.estimate,
        result.trend_change.estimate,
    ]
    # ARIMA's "const" with exog is the intercept of the regression, as here.
    assert ours == pytest.approx(list(np.asarray(reference.params)[:4]), rel=1e-4, abs=1e-4)


def satterthwaite_by_brute_force(y, x, time, rho):
    """Satterthwaite df in the parametrisation (sigma^2, rho), from explicit matrices and a
    numerical Hessian of the full restricted likelihood (df do not depend on the
    parametrisation, the code under test uses log sigma^2)."""
    n, p = x.shape

    def parts(r):
        vi = np.linalg.inv(covariance(time, r))
        xvx = x.T @ vi @ x
        beta = np.linalg.solve(xvx, x.T @ vi @ y)
        res = y - x @ beta
        return (
            np.linalg.inv(xvx),
            res @ vi @ res,
            np.linalg.slogdet(covariance(time, r))[1],
            (np.linalg.slogdet(xvx)[1]),
        )

    def loglik(s2, r):
        _, q, ldv, ldx = parts(r)
        return -0.5 * ((n - p) * math.log(s2) + ldv + ldx + q / s2)

    unscaled, q, _, _ = parts(rho)
    s2 = q / (n - p)
    h = np.array([s2 * 1e-3, 1e-3])
    theta = np.array([s2, rho])
    hess = np.empty((2, 2))
    for i in range(2):
        for j in range(2):
            ei, ej = np.eye(2)[i] * h[i], np.eye(2)[j] * h[j]
            hess[i, j] = (
                loglik(*(theta + ei + ej))
                - loglik(*(theta + ei - ej))
                - loglik(*(theta - ei + ej))
                + loglik(*(theta - ei - ej))
            ) / (4 * h[i] * h[j])
    inverse = np.linalg.inv(-hess)
    up, down = parts(rho + 1e-3)[0], parts(rho - 1e-3)[0]
    dfs = []
    for k in range(p):
        g = np.array([unscaled[k, k], s2 * (up[k, k] - down[k, k]) / 2e-3])
        dfs.append(2 * (s2 * unscaled[k, k]) ** 2 / (g @ inverse @ g))
    return dfs


def test_satterthwaite_df_match_a_brute_force_computation_and_the_t_interval_uses_them():
    y = noisy_series()
    result = segmented_regression(MONTHS, y, "2023-01")
    x = its.design_matrix(np.arange(24, dtype=float), 12)
    expected = satterthwaite_by_brute_force(y, x, np.arange(24, dtype=float), result.rho)
    estimates = [result.baseline_level, result.baseline_trend, result.level_change]
    estimates.append(result.trend_change)
    for estimate, df in zip(estimates, expected, strict=True):
        assert estimate.df == pytest.approx(df, rel=0.02)
        assert 1 <= estimate.df < 20  # fewer than the n - 4 = 20 of a known rho
        half = stats.t.ppf(0.975, df) * estimate.se
        assert estimate.ci == pytest.approx(
            (estimate.estimate - half, estimate.estimate + half), rel=1e-3
        )


def test_it_refuses_newey_west_lags_with_a_code():
    with pytest.raises(AnalysisInputError, match="lags") as caught:
        segmented_regression(MONTHS, noisy_series(), "2023-01", lags=2)
    assert caught.value.code == "lags_not_used"
    assert caught.value.argument == "lags"
    assert not hasattr(its, "default_lags")


def test_it_turns_counts_into_rates_per_thousand():
    rng = np.random.default_rng(3)
    denominators = rng.integers(900, 1100, size=24).astype(float)
    rates = noisy_series() / 1000
    counts = rates * denominators
    from_counts = segmented_regression(MONTHS, counts, "2023-01", denominators=denominators)
    from_rates = segmented_regression(MONTHS, rates * 1000, "2023-01")
    assert from_counts.level_change.estimate == pytest.approx(from_rates.level_change.estimate)
    assert from_counts.rate_per == 1000
    assert from_rates.rate_per is None


def test_the_comparison_is_a_plain_its_of_the_difference_series():
    y = noisy_series(7)
    c = noisy_series(11) + 6 * (np.arange(24) >= 12)  # the comparison also dips: no real effect
    result = segmented_regression(MONTHS, y, "2023-01", comparison=c)
    assert result.comparison is not None
    difference = segmented_regression(MONTHS, y - c, "2023-01")
    own = segmented_regression(MONTHS, c, "2023-01")
    assert result.comparison.difference_in_level == difference.level_change
    assert result.comparison.difference_in_trend == difference.trend_change
    assert result.comparison.difference_rho == difference.rho
    assert result.comparison.intervals_trustworthy == difference.intervals_trustworthy
    assert result.comparison.level_change == own.level_change
    assert result.comparison.rho == own.rho
    # ... and the difference's coefficients are GLS at its rho (statsmodels, covariance here).
    time = np.arange(24, dtype=float)
    reference = sm.GLS(
        y - c, its.design_matrix(time, 12), sigma=covariance(time, difference.rho)
    ).fit()
    assert result.comparison.difference_in_level.estimate == pytest.approx(
        reference.params[2], rel=1e-9
    )
    assert result.comparison.difference_in_trend.se == pytest.approx(reference.bse[3], rel=1e-9)


def test_a_short_segment_is_a_caution():
    result = segmented_regression(MONTHS[:16], noisy_series()[:16], "2022-11")
    assert result.n_before == 10 and result.n_after == 6
    assert ItsCaution.SHORT_SERIES in result.cautions


def test_missing_months_are_counted_across_and_named_as_data():
    keep = [i for i in range(24) if i not in (5, 17)]
    y = noisy_series()
    result = segmented_regression([MONTHS[i] for i in keep], y[keep], "2023-01")
    assert ItsCaution.GAPS in result.cautions
    assert result.gaps.gaps == ("2022-06", "2023-06")
    assert result.n_before == 11 and result.n_after == 11


def test_a_series_shorter_than_any_simulated_length_is_never_fairly_sure():
    """8 months with a huge step: the interval leaves out 0, but nothing shows that intervals
    from 8 months hold, so the estimate is UNCLEAR."""
    rng = np.random.default_rng(5)
    y = np.r_[np.full(4, 10.0), np.full(4, 40.0)] + rng.normal(0, 0.5, 8)
    result = segmented_regression(MONTHS[:8], y, "2022-05")
    assert result.level_change.ci[0] > 0
    assert not result.intervals_trustworthy
    assert ItsCaution.INTERVALS_UNTRUSTED in result.cautions
    assert result.level_change.certainty is Certainty.UNCLEAR


def test_a_long_series_with_little_autocorrelation_is_trusted_and_can_be_clear():
    result = segmented_regression(
        [f"{2020 + m // 12}-{m % 12 + 1:02d}" for m in range(48)],
        noisy_series(3, n=48, rho=0.0),
        "2022-01",
    )
    assert abs(result.rho) < 0.15
    assert result.intervals_trustworthy
    assert result.cautions == ()
    assert result.level_change.ci[1] < 0
    assert result.level_change.certainty is Certainty.CLEAR


def test_the_coverage_table_covers_the_grid_and_lookups_pick_the_right_cell():
    assert set(COVERAGE_TABLE) == {(n, r) for n in (12, 24, 36, 48) for r in (0.0, 0.3, 0.6)}
    assert all(0.85 < a < 1 and 0.85 < b < 1 for a, b in COVERAGE_TABLE.values())
    assert simulated_coverage(11, 0.0) is None
    assert simulated_coverage(12, 0.0) == COVERAGE_TABLE[(12, 0.0)]
    assert simulated_coverage(30, 0.2) == COVERAGE_TABLE[(24, 0.3)]  # length at or below
    assert simulated_coverage(30, 0.14) == COVERAGE_TABLE[(24, 0.0)]
    assert simulated_coverage(30, 0.15) == COVERAGE_TABLE[(24, 0.3)]  # halfway: the higher
    assert simulated_coverage(100, -0.5) == COVERAGE_TABLE[(48, 0.0)]  # clipped
    assert simulated_coverage(47, 0.9) == COVERAGE_TABLE[(36, 0.6)]


def test_intervals_are_untrusted_where_the_table_is_below_the_line():
    low = [key for key, cells in COVERAGE_TABLE.items() if min(cells) < its.TRUSTED_COVERAGE]
    assert low, "the table has cells below the line (the reason for the rule)"
    n, rho = low[0]
    assert not its._trusted(n, rho)
    high = [key for key, cells in COVERAGE_TABLE.items() if min(cells) >= its.TRUSTED_COVERAGE]
    assert its._trusted(*high[0])
    assert not its._trusted(48, 0.985)  # at the bound


def test_it_accepts_dates_and_text_months():
    assert month_index(dt.date(2024, 3, 15)) == month_index("2024-03") == month_index("2024-03-01")
    dates = [dt.date(2022 + m // 12, m % 12 + 1, 1) for m in range(24)]
    by_date = segmented_regression(dates, noisy_series(), dt.date(2023, 1, 1))
    assert by_date.change_at == "2023-01"
    assert by_date.months[0] == "2022-01"


@pytest.mark.parametrize(
    ("months", "values", "change_at", "kwargs", "message"),
    [
        (MONTHS[:3] + [MONTHS[2]] + MONTHS[4:], list(range(24)), "2023-01", {}, "more than once"),
        ([MONTHS[1], MONTHS[0], *MONTHS[2:]], list(range(24)), "2023-01", {}, "in order"),
        (MONTHS, list(range(23)), "2023-01", {}, "23 values but there are 24 months"),
        (MONTHS, [1.0] * 23 + [math.nan], "2023-01", {}, "missing or infinite"),
        (MONTHS, list(range(24)), "2022-01", {}, "must be after the first month"),
        (MONTHS, list(range(24)), "2024-01", {}, "no later than the last"),
        (MONTHS, list(range(24)), "2023-11", {}, "At least 3 months"),
        (MONTHS, list(range(24)), "2023-01", {"denominators": [100] * 23 + [0]}, "above zero"),
        (MONTHS, list(range(24)), "2023-01", {"level": 1.5}, "level"),
        (MONTHS, list(range(24)), "2023-01", {"per": 0}, "per"),
        (
            MONTHS,
            list(range(24)),
            "2023-01",
            {"comparison_denominators": [1] * 24},
            "without a comparison",
        ),
        (MONTHS, list(range(24)), "2023-01", {"comparison": [1.0] * 20}, "20 values"),
        (["2022-13", *MONTHS[1:]], list(range(24)), "2023-01", {}, "not a month"),
        (["2022-01-40", *MONTHS[1:]], list(range(24)), "2023-01", {}, "not a month"),
        (MONTHS, list(range(24)), "2023-02-30", {}, "not a month"),
        ([], [], "2023-01", {}, "empty"),
    ],
)
def test_it_refuses_bad_series_with_a_clear_message(months, values, change_at, kwargs, message):
    with pytest.raises(AnalysisInputError, match=message):
        segmented_regression(months, values, change_at, **kwargs)
