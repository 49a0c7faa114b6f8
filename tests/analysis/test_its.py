"""Interrupted time series, checked against an exact hand-built series and against statsmodels
fitted directly (formula interface, so the design is built by a different code path)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf

from wesaid.analysis.errors import AnalysisInputError
from wesaid.analysis.its import default_lags, month_index, segmented_regression

MONTHS = [f"{2022 + m // 12}-{m % 12 + 1:02d}" for m in range(24)]  # Jan 2022 .. Dec 2023


def noisy_series(seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(24)
    noise = np.zeros(24)
    for i in range(1, 24):  # AR(1) noise, the case Newey-West is there for
        noise[i] = 0.5 * noise[i - 1] + rng.normal(0, 2)
    return 40 + 0.4 * t - 6 * (t >= 12) - 0.3 * np.clip(t - 12, 0, None) + noise


def frame(values: np.ndarray, group: int = 0) -> pd.DataFrame:
    t = np.arange(len(values), dtype=float)
    after = (t >= 12).astype(float)
    return pd.DataFrame(
        {"y": values, "time": t, "after": after, "since": after * (t - 12), "group": group}
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
    assert result.level_change.se == pytest.approx(0, abs=1e-9)
    assert result.fitted == pytest.approx(list(y))
    assert result.counterfactual[-1] == pytest.approx(10 + 0.5 * 23)
    assert (result.n_before, result.n_after) == (12, 12)
    assert result.warnings == ()


def test_it_matches_statsmodels_ols_with_newey_west_errors():
    y = noisy_series()
    result = segmented_regression(MONTHS, y, "2023-01")
    reference = smf.ols("y ~ time + after + since", frame(y)).fit(
        cov_type="HAC", cov_kwds={"maxlags": 2, "use_correction": True}, use_t=True
    )
    ci = reference.conf_int()
    for name, estimate in [
        ("Intercept", result.baseline_level),
        ("time", result.baseline_trend),
        ("after", result.level_change),
        ("since", result.trend_change),
    ]:
        assert estimate.estimate == pytest.approx(reference.params[name], rel=1e-10)
        assert estimate.se == pytest.approx(reference.bse[name], rel=1e-10)
        assert estimate.ci == pytest.approx(tuple(ci.loc[name]), rel=1e-10)
    assert result.lags == 2
    assert result.df_resid == 20


def test_it_uses_the_newey_west_rule_of_thumb_for_lags():
    """floor(4 (n/100)^(2/9)): n = 24 -> 4 * 0.7284 = 2.91 -> 2; n = 48 -> 3.39 -> 3; n = 100 -> 4."""
    assert [default_lags(n) for n in (24, 48, 100)] == [2, 3, 4]


def test_it_lets_the_caller_set_the_lag():
    y = noisy_series()
    result = segmented_regression(MONTHS, y, "2023-01", lags=0)
    reference = smf.ols("y ~ time + after + since", frame(y)).fit(
        cov_type="HAC", cov_kwds={"maxlags": 0, "use_correction": True}, use_t=True
    )
    assert result.level_change.se == pytest.approx(reference.bse["after"], rel=1e-10)


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


def test_its_controlled_estimates_match_statsmodels_and_the_difference_series():
    """Differences in level and trend are the group interactions of a stacked model; with the
    same months their point estimates equal a plain ITS of (intervention - comparison)."""
    y = noisy_series(7)
    c = noisy_series(11) + 6 * (np.arange(24) >= 12)  # the comparison also dips: no real effect
    result = segmented_regression(MONTHS, y, "2023-01", comparison=c)
    stacked = pd.concat([frame(c, 0), frame(y, 1)], ignore_index=True)
    reference = smf.ols("y ~ (time + after + since) * group", stacked).fit(
        cov_type="hac-panel",
        cov_kwds={"groups": stacked["group"], "maxlags": 2, "df_correction": False},
        use_t=True,
    )
    assert result.comparison is not None
    assert result.comparison.difference_in_level.estimate == pytest.approx(
        reference.params["after:group"], rel=1e-10
    )
    assert result.comparison.difference_in_trend.estimate == pytest.approx(
        reference.params["since:group"], rel=1e-10
    )
    assert result.comparison.difference_in_level.se == pytest.approx(
        reference.bse["after:group"], rel=1e-10
    )
    assert result.comparison.difference_in_trend.ci == pytest.approx(
        tuple(reference.conf_int().loc["since:group"]), rel=1e-10
    )
    difference = segmented_regression(MONTHS, y - c, "2023-01")
    assert result.comparison.difference_in_level.estimate == pytest.approx(
        difference.level_change.estimate
    )
    assert result.comparison.difference_in_trend.estimate == pytest.approx(
        difference.trend_change.estimate
    )


def test_it_warns_when_a_segment_has_fewer_than_eight_months():
    result = segmented_regression(MONTHS[:16], noisy_series()[:16], "2022-11")
    assert result.n_before == 10 and result.n_after == 6
    assert len(result.warnings) == 1
    assert "Only 6 months after" in result.warnings[0]


def test_it_counts_time_across_missing_months_and_says_so():
    keep = [i for i in range(24) if i not in (5, 17)]
    y = noisy_series()
    result = segmented_regression([MONTHS[i] for i in keep], y[keep], "2023-01")
    reference = smf.ols("y ~ time + after + since", frame(y).iloc[keep]).fit()
    assert result.level_change.estimate == pytest.approx(reference.params["after"])
    assert any("2022-06" in w and "2023-06" in w for w in result.warnings)


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
        (MONTHS, list(range(24)), "2023-01", {"lags": 30}, "lags"),
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
