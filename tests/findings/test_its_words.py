"""Plain words for service data before and after (interrupted time series), in English and
Welsh: months used, the step and the trend change with likely ranges, how sure (never surer
than the simulated coverage allows), the comparison series and cautions."""

from __future__ import annotations

import numpy as np

from wesaid.analysis.its import segmented_regression
from wesaid.findings.service import describe_its

from .both import both

MONTHS = [f"{2022 + m // 12}-{m % 12 + 1:02d}" for m in range(24)]
LONG = [f"{2020 + m // 12}-{m % 12 + 1:02d}" for m in range(48)]


def series(n: int = 24, step: float = -6.0, slope: float = 0.3, seed: int = 3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    return (
        40
        + 0.4 * t
        + step * (t >= n // 2)
        + slope * np.clip(t - n // 2, 0, None)
        + rng.normal(0, 0.5, n)
    )


def test_it_says_which_months_and_the_step_lower_than_the_earlier_trend():
    words = both(describe_its, segmented_regression(MONTHS, series(), "2023-01"))
    assert "January 2023" in words.en and "ym mis Ionawr 2023" in words.cy
    assert "12 months before" in words.en and "12 mis cyn" in words.cy
    assert "lower than the earlier trend" in words.en and "yn is na'r hyn" in words.cy
    assert "a month higher than before" in words.en and "y mis yn uwch" in words.cy
    assert words.easy_en and "lower than we expected" in words.easy_en
    assert words.easy_cy and "yn is na'r hyn" in words.easy_cy


def test_a_long_clear_series_is_fairly_sure_and_a_short_one_a_rough_guide():
    long = segmented_regression(LONG, series(48, seed=5), "2022-01")
    assert long.intervals_trustworthy
    words = both(describe_its, long)
    assert "fairly sure this change in level" in words.en
    assert "rough guide" not in words.en
    short = both(describe_its, segmented_regression(MONTHS[:10], series(10), "2022-06"))
    assert "rough guide" in short.en and "gyfres fer" in short.cy
    assert "fairly sure" not in short.en
    assert "too narrow" in short.en  # 10 months: shorter than any simulated series
    assert "rough guide" in short.easy_en


def test_the_comparison_series_is_worded():
    c = series(seed=11, step=0.0, slope=0.0)
    words = both(describe_its, segmented_regression(MONTHS, series(), "2023-01", comparison=c))
    assert "Compared with the comparison series" in words.en
    assert "gyfres gymharu" in words.cy


def test_a_flat_series_is_likely_close_to_0():
    rng = np.random.default_rng(1)
    flat = 20 + rng.normal(0, 0.001, 24)
    words = both(describe_its, segmented_regression(MONTHS, flat, "2023-01"))
    assert "about the same as the earlier trend suggested (likely close to 0)" in words.en
    assert "(yn debygol o fod yn agos at 0)" in words.cy


def test_figures_exactly_on_straight_lines_give_no_range_and_no_certainty():
    t = np.arange(24)
    y = 10 + 0.5 * t + 3 * (t >= 12) - 0.2 * np.clip(t - 12, 0, None)
    words = both(describe_its, segmented_regression(MONTHS, y, "2023-01"))
    assert "(no range can be worked out)" in words.en
    assert "(does dim modd cyfrifo ystod)" in words.cy
    assert "lie exactly on straight lines" in words.en
    assert "fairly sure" not in words.en
    assert "3 higher" in words.en


def test_missing_months_and_rates_are_named():
    keep = [i for i in range(24) if i != 5]
    y = series()
    result = segmented_regression(
        [MONTHS[i] for i in keep], y[keep] * 10, "2023-01", denominators=[10000.0] * 23
    )
    words = both(describe_its, result, unit="")
    assert "June 2022" in words.en and "Mehefin 2022" in words.cy
    assert "per 1000" in words.en and "i bob 1000" in words.cy
