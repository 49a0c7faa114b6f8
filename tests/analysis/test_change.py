"""Change, reliable change, group comparisons, McNemar and loss to follow-up.

Every expected value comes from somewhere other than the code under test:

* scipy (ttest_rel with confidence_interval, wilcoxon, mannwhitneyu, ttest_ind with
  equal_var=False) and statsmodels (mcnemar) where they implement the same method;
* published values: Student's sleep data as printed by R's ``t.test`` example; the effectsize R
  package's own tests (Ben-Shachar, Lüdecke and Makowski 2020, tests/testthat/test-rankES.R and
  test-cohens_d.R) for the rank-biserial and Hedges' g intervals; Agresti's approval-rating
  table for McNemar;
* hand arithmetic written out in the test with a different code path (explicit loops, full
  enumeration, math.comb, statistics.stdev).
"""

from __future__ import annotations

import itertools
import math
import statistics

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.contingency_tables import mcnemar

from wesaid.analysis.certainty import Certainty
from wesaid.analysis.change import (
    ChoiceReason,
    GroupComparison,
    LossNote,
    McNemarMethod,
    PairedTest,
    UnpairedTest,
    analyse_outcome,
    compare_groups,
    hedges_correction,
    hodges_lehmann,
    loss_to_follow_up,
    median_interval,
    noncentrality_interval,
    paired_change,
    reliable_change,
    signed_rank_biserial,
    smallest_mann_whitney_p,
    yes_no_change,
)
from wesaid.analysis.errors import AnalysisInputError
from wesaid.analysis.scoring import InstrumentDefinition

# Student (1908) / Cushny and Peebles: extra hours of sleep with two drugs, same 10 patients.
SLEEP_DRUG_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP_DRUG_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]

# Hollander and Wolfe (1973, p. 29) depression scores, first and second visit (R's
# ?wilcox.test example; used by effectsize's rank_biserial test with x = first, y = second).
DEPRESSION_FIRST = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
DEPRESSION_SECOND = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]

# mtcars weight (1000 lbs) by transmission: automatic (am = 0) and manual (am = 1).
WT_AUTOMATIC = [3.215, 3.440, 3.460, 3.570, 3.190, 3.150, 3.440, 3.440, 4.070, 3.730]
WT_AUTOMATIC += [3.780, 5.250, 5.424, 5.345, 2.465, 3.520, 3.435, 3.840, 3.845]
WT_MANUAL = [2.620, 2.875, 2.320, 2.200, 1.615, 1.835, 1.935, 2.140, 1.513, 3.170]
WT_MANUAL += [2.770, 3.570, 2.780]


def random_pairs(seed: int, n: int, shift: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    before = rng.normal(22, 4, n).round()
    return before, (before + rng.normal(shift, 3, n)).round()


# --- paired change: the t-test path ---------------------------------------------------------


def test_it_reproduces_the_published_t_test_on_students_sleep_data() -> None:
    """R's t.test(extra ~ group, paired = TRUE): t = -4.0621, df = 9, p-value = 0.002833,
    95 percent CI -2.4598858 to -0.7001142, mean difference -1.58."""
    result = paired_change(SLEEP_DRUG_2, SLEEP_DRUG_1, test="t")
    assert result.test is PairedTest.T
    assert result.statistic == pytest.approx(-4.0621, abs=5e-5)
    assert result.df == 9
    assert result.p_value == pytest.approx(0.002833, abs=5e-7)
    assert result.mean_change == pytest.approx(-1.58)
    assert result.mean_change_ci.low == pytest.approx(-2.4598858, abs=1e-7)
    assert result.mean_change_ci.high == pytest.approx(-0.7001142, abs=1e-7)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("n", [8, 30, 200])
def test_its_t_test_matches_scipy_ttest_rel(seed: int, n: int) -> None:
    before, after = random_pairs(seed, n)
    ours = paired_change(before, after, test="t", level=0.9)
    reference = stats.ttest_rel(after, before)
    interval = reference.confidence_interval(confidence_level=0.9)
    assert ours.statistic == pytest.approx(reference.statistic, rel=1e-12)
    assert ours.p_value == pytest.approx(reference.pvalue, rel=1e-9)
    assert ours.mean_change_ci.low == pytest.approx(interval.low, rel=1e-12)
    assert ours.mean_change_ci.high == pytest.approx(interval.high, rel=1e-12)
    assert ours.mean_change_ci.level == 0.9


# --- paired change: the Wilcoxon path -------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "n"),
    # n = 12 with ties runs scipy's exhaustive permutation (slow), so only once.
    [(0, 6), (1, 6), (2, 6), (0, 12), (0, 60), (1, 60), (2, 60)],
)
def test_its_wilcoxon_test_matches_scipy(seed: int, n: int) -> None:
    before, after = random_pairs(seed, n)  # rounded, so ties and zeros are common
    ours = paired_change(before, after, test="rank")
    reference = stats.wilcoxon(after - before, zero_method="wilcox")
    assert ours.test is PairedTest.WILCOXON
    assert ours.statistic == reference.statistic
    assert ours.p_value == pytest.approx(reference.pvalue, rel=1e-12)


def test_its_exact_wilcoxon_p_value_matches_full_enumeration() -> None:
    """All 2^8 sign patterns of ranks 1..8 are equally likely under no change; the two-sided p
    is twice the smaller tail at the observed T+ (counted here, not computed from a formula)."""
    diffs = [1.5, -0.3, 2.2, 0.7, -1.1, 3.1, 0.9, 2.6]
    order = sorted(range(8), key=lambda i: abs(diffs[i]))
    rank = {i: r + 1 for r, i in enumerate(order)}
    observed = sum(rank[i] for i in range(8) if diffs[i] > 0)
    sums = [
        sum(r for r, s in zip(range(1, 9), signs, strict=True) if s)
        for signs in itertools.product([0, 1], repeat=8)
    ]
    lower = sum(1 for s in sums if s <= observed) / 256
    upper = sum(1 for s in sums if s >= observed) / 256
    result = paired_change([0.0] * 8, diffs, test="rank")
    assert result.p_value == pytest.approx(min(1.0, 2 * min(lower, upper)))


def test_it_reproduces_effectsizes_matched_pairs_rank_biserial_example() -> None:
    """effectsize test-rankES.R: rank_biserial(x, y, paired = TRUE) = 0.777 with CI
    0.2953631 to 0.9441559 (x = first visit, y = second; change taken as x - y)."""
    result = paired_change(DEPRESSION_SECOND, DEPRESSION_FIRST)
    assert result.rank_biserial == pytest.approx(0.777, abs=0.001)
    assert result.rank_biserial_ci.low == pytest.approx(0.2953631, abs=1e-6)
    assert result.rank_biserial_ci.high == pytest.approx(0.9441559, abs=1e-6)


def test_its_rank_biserial_follows_kerbys_simple_difference_formula() -> None:
    """Kerby (2014): r = (share of rank sum that is favourable) - (share unfavourable). Ranks
    are worked out here with explicit loops, ties sharing the average rank, zeros dropped."""
    diffs = [3, -1, 2, 2, 0, 5, -2, 4, 1, 0, 3, -4]
    nonzero = [d for d in diffs if d != 0]
    magnitudes = sorted(abs(d) for d in nonzero)
    ranks = {}
    for value in set(magnitudes):
        positions = [i + 1 for i, m in enumerate(magnitudes) if m == value]
        ranks[value] = sum(positions) / len(positions)
    favourable = sum(ranks[abs(d)] for d in nonzero if d > 0)
    unfavourable = sum(ranks[abs(d)] for d in nonzero if d < 0)
    expected = (favourable - unfavourable) / (favourable + unfavourable)
    r, _, n_nonzero = signed_rank_biserial(diffs)
    assert r == pytest.approx(expected)
    assert n_nonzero == 10
    # scipy's one-sided statistic is T+, so r = 2 T+ / (n(n+1)/2) - 1 as well.
    t_plus = stats.wilcoxon(diffs, alternative="greater").statistic
    assert r == pytest.approx(2 * t_plus / 55 - 1)


def test_a_perfect_rank_biserial_keeps_an_interval_that_reaches_one() -> None:
    r, interval, _ = signed_rank_biserial([1, 2, 3, 4, 5, 6])
    assert r == 1.0
    assert interval.high == 1.0
    assert 0 < interval.low < 1


# --- paired change: effect sizes and the median ---------------------------------------------


def test_hedges_correction_matches_the_gamma_formula_and_its_approximation() -> None:
    for df in (2, 5, 9, 29, 200):
        exact = math.gamma(df / 2) / (math.sqrt(df / 2) * math.gamma((df - 1) / 2))
        assert hedges_correction(df) == pytest.approx(exact, rel=1e-12)
    for df in (5, 9, 29, 200):
        assert hedges_correction(df) == pytest.approx(1 - 3 / (4 * df - 1), abs=2e-3)


def test_its_effect_size_interval_reproduces_effectsizes_hedges_g() -> None:
    """effectsize test-cohens_d.R: hedges_g(wt ~ am, data = mtcars) = 1.844, CI 1.004 to
    2.664, checked there to a relative tolerance of 0.001, as here. The same noncentral-t
    inversion gives the paired d_z interval."""
    result = compare_groups(WT_AUTOMATIC, WT_MANUAL)
    assert result.hedges_g == pytest.approx(1.844, rel=1e-3)
    assert result.hedges_g_ci.low == pytest.approx(1.004, rel=1e-3)
    assert result.hedges_g_ci.high == pytest.approx(2.664, rel=1e-3)


def test_its_d_z_is_mean_change_over_sd_of_change() -> None:
    changes = [a - b for a, b in zip(SLEEP_DRUG_2, SLEEP_DRUG_1, strict=True)]
    result = paired_change(SLEEP_DRUG_1, SLEEP_DRUG_2)
    assert result.d_z == pytest.approx(statistics.mean(changes) / statistics.stdev(changes))
    j = math.gamma(4.5) / (math.sqrt(4.5) * math.gamma(4))
    assert result.g_z == pytest.approx(j * result.d_z)


def test_its_d_z_interval_approaches_the_large_sample_formula() -> None:
    """For large n the interval tends to d +/- 1.96 sqrt(1/n + d^2 / (2n))."""
    before, after = random_pairs(seed=3, n=5000)
    result = paired_change(before, after)
    d, n = result.d_z, 5000
    half = 1.959964 * math.sqrt(1 / n + d**2 / (2 * n))
    j = hedges_correction(n - 1)
    assert result.g_z_ci.low == pytest.approx(j * (d - half), abs=2e-3)
    assert result.g_z_ci.high == pytest.approx(j * (d + half), abs=2e-3)


def test_the_noncentral_t_interval_covers_the_true_effect_95_times_in_100() -> None:
    """Simulated normal changes with true d_z = 0.5 and n = 12; coverage of 800 intervals
    should be 0.95 within sampling error (SD about 0.008)."""
    rng = np.random.default_rng(2024)
    n, true_d, hits, reps = 12, 0.5, 0, 800
    for _ in range(reps):
        changes = rng.normal(true_d, 1.0, n)
        t_obs = changes.mean() / (changes.std(ddof=1) / math.sqrt(n))
        low, high = noncentrality_interval(t_obs, n - 1, 0.95)
        hits += low / math.sqrt(n) <= true_d <= high / math.sqrt(n)
    assert 0.925 <= hits / reps <= 0.975


def test_the_median_interval_uses_binomial_order_statistics() -> None:
    """n = 10: P(B <= 1) = 11/1024 <= 0.025 < P(B <= 2) = 56/1024, so the interval runs from
    the 2nd to the 9th smallest value, with coverage 1 - 2 * 11/1024."""
    values = [7.0, 1.0, 9.0, 3.0, 5.0, 2.0, 8.0, 10.0, 4.0, 6.0]
    tail = sum(math.comb(10, k) for k in range(2)) / 2**10
    median, interval = median_interval(values)
    assert median == 5.5
    assert (interval.low, interval.high) == (2.0, 9.0)
    assert interval.level == pytest.approx(1 - 2 * tail)


@pytest.mark.parametrize("n", [6, 11, 25, 40, 101])
def test_the_median_interval_is_the_tightest_with_at_least_95_percent_coverage(n: int) -> None:
    values = np.arange(1.0, n + 1)
    _, interval = median_interval(values)
    lower = int(interval.low)

    def coverage(rank: int) -> float:
        return 1 - 2 * sum(math.comb(n, k) for k in range(rank)) / 2**n

    assert coverage(lower) >= 0.95
    assert coverage(lower + 1) < 0.95
    assert interval.high == n - lower + 1


def test_the_median_interval_for_five_people_is_the_whole_range_and_says_so() -> None:
    _, interval = median_interval([3.0, 1.0, 2.0, 5.0, 4.0])
    assert (interval.low, interval.high) == (1.0, 5.0)
    assert interval.level == pytest.approx(1 - 2 / 32)


# --- Hodges-Lehmann estimate and the interval matching the Wilcoxon test ---------------------


def walsh_by_hand(changes: list[float]) -> list[float]:
    return sorted((a + b) / 2 for a, b in itertools.combinations_with_replacement(changes, 2))


def sign_pattern_sums(n: int) -> list[int]:
    """T+ for each of the 2^n equally likely sign patterns of the ranks 1..n."""
    return [
        sum(r for r, s in zip(range(1, n + 1), signs, strict=True) if s)
        for signs in itertools.product([0, 1], repeat=n)
    ]


def sign_pattern_p(shifted: list[float]) -> float:
    """Two-sided signed-rank p over every sign pattern of the (shared) ranks of the non-zero
    values, counted pattern by pattern: scipy's method with ties and at most 13 values, which
    takes scipy about a second per call, too slow to call once per gap."""
    nonzero = [v for v in shifted if v != 0]
    ranks = stats.rankdata([abs(v) for v in nonzero])
    observed = sum(r for r, v in zip(ranks, nonzero, strict=True) if v > 0)
    sums = [
        sum(r for r, s in zip(ranks, signs, strict=True) if s)
        for signs in itertools.product([0, 1], repeat=len(nonzero))
    ]
    below = sum(1 for t in sums if t <= observed + 1e-9) / len(sums)
    above = sum(1 for t in sums if t >= observed - 1e-9) / len(sums)
    return min(1.0, 2 * min(below, above))


def scipy_p(shifted: np.ndarray) -> float:
    nonzero = shifted[shifted != 0]
    tied = len(set(np.abs(nonzero).tolist())) < nonzero.size or nonzero.size < shifted.size
    if tied and shifted.size <= 13:
        return sign_pattern_p(shifted.tolist())
    return float(stats.wilcoxon(shifted, zero_method="wilcox").pvalue)


def shifts_the_test_keeps(changes: list[float], level: float = 0.95) -> tuple[float, float]:
    """The interval by brute force: run the signed-rank test on the changes minus d for one d
    inside every gap between distinct Walsh averages (and beyond both ends), keep the gaps it
    does not reject and join them up; below the reachable level, use the smallest reachable
    (R's rule); stretch to 0 if the test on the changes themselves does not reject."""
    x = np.round(np.array(changes, dtype=float), 10)
    walsh = sorted({round(w, 11) for w in walsh_by_hand(x.tolist())})
    inside = [walsh[0] - 1] + [(a + b) / 2 for a, b in itertools.pairwise(walsh)] + [walsh[-1] + 1]
    p = [scipy_p(x - d) for d in inside]
    cut = max(1 - level, p[0], p[-1])
    kept = [k for k, value in enumerate(p) if value > cut]
    bounds = [-math.inf, *walsh, math.inf]
    low, high = (bounds[kept[0]], bounds[kept[-1] + 1]) if kept else (walsh[0], walsh[-1])
    if np.any(x != 0) and scipy_p(x) > cut:
        low, high = min(low, 0.0), max(high, 0.0)
    return low, high


def test_hodges_lehmann_reproduces_rs_published_example() -> None:
    """R's wilcox.test(diff, exact = TRUE, conf.int = TRUE) for diff = -3.1, -2.2, 1.3, 2.4,
    3.5, 4.6, 5.7 prints V = 22, p-value = 0.2188, 95 percent confidence interval -2.2 to 4.6,
    (pseudo)median 1.8 (as quoted in the Cross Validated answer "Confidence interval does not
    include 0, but Wilcoxon test is significant")."""
    diff = [-3.1, -2.2, 1.3, 2.4, 3.5, 4.6, 5.7]
    estimate, interval, method = hodges_lehmann(diff)
    assert method == "exact"
    assert estimate == pytest.approx(1.8)
    assert (interval.low, interval.high) == pytest.approx((-2.2, 4.6))
    result = paired_change([0.0] * 7, diff)
    assert result.p_value == pytest.approx(0.2188, abs=5e-5)
    assert result.headline == ("median", pytest.approx(1.8), interval)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-6, 9), min_size=3, max_size=12))
def test_hodges_lehmann_is_the_median_of_the_walsh_averages(changes: list[int]) -> None:
    estimate, interval, _ = hodges_lehmann(changes)
    assert estimate == pytest.approx(statistics.median(walsh_by_hand([float(c) for c in changes])))
    assert interval.contains(estimate)


@pytest.mark.parametrize("seed", range(6))
def test_the_exact_interval_runs_between_the_walsh_averages_rs_rule_picks(seed: int) -> None:
    """No ties or zeros: from the k-th smallest to the k-th largest Walsh average, k the
    smallest T+ with P(T+ <= k) >= 0.025 (R's qsignrank), here counted over every sign
    pattern; the coverage is 1 - 2 P(T+ <= k - 1)."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(6, 13))
    changes = rng.permutation(np.arange(1, n + 1) * rng.choice([-1, 1], n) + 0.1 * seed).tolist()
    sums = sign_pattern_sums(n)
    k = min(t for t in range(n * (n + 1) // 2 + 1) if sum(s <= t for s in sums) >= 0.025 * 2**n)
    walsh = walsh_by_hand(changes)
    _, interval, method = hodges_lehmann(changes)
    assert method == "exact"
    assert (interval.low, interval.high) == pytest.approx((walsh[k - 1], walsh[-k]))
    assert interval.level == pytest.approx(1 - 2 * sum(s <= k - 1 for s in sums) / 2**n)


changes_with_ties = st.lists(st.integers(-4, 7), min_size=3, max_size=13)


@settings(max_examples=25, deadline=None)
@given(changes_with_ties)
def test_the_interval_holds_the_shifts_the_test_does_not_reject(changes: list[int]) -> None:
    """The interval against brute force: the test (scipy's, or every sign pattern counted here
    where scipy would do that) run once per gap between Walsh averages."""
    assume(any(changes))
    _, interval, _ = hodges_lehmann(changes)
    assert (interval.low, interval.high) == pytest.approx(shifts_the_test_keeps(changes))


@pytest.mark.parametrize(("seed", "n"), [(0, 20), (1, 35), (2, 60)])
def test_the_normal_approximation_interval_holds_the_shifts_the_test_does_not_reject(
    seed: int, n: int
) -> None:
    before, after = random_pairs(seed, n)  # rounded: ties and zeros
    changes = (after - before).tolist()
    _, interval, method = hodges_lehmann(changes)
    assert method == "normal approximation"
    assert (interval.low, interval.high) == pytest.approx(shifts_the_test_keeps(changes))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(-5, 9), min_size=3, max_size=40))
def test_the_interval_leaves_out_zero_only_when_the_wilcoxon_test_rejects(changes) -> None:
    """What the plain words rely on: "fairly sure" (0 outside the interval) never disagrees
    with the test. Without zero changes or two changes of equal size and opposite sign, 0 is
    no Walsh average and the two agree both ways."""
    assume(any(changes))
    _, interval, _ = hodges_lehmann(changes)
    p = (
        float(stats.wilcoxon(changes, zero_method="wilcox").pvalue)
        if len(changes) > 13
        else (scipy_p(np.array(changes, dtype=float)))
    )
    if interval.level < 0.95:  # 5 or fewer changes: the plain words never say "sure"
        return
    if not interval.contains(0.0):
        assert p <= 0.05
    if 0 not in walsh_by_hand([float(c) for c in changes]):
        assert interval.contains(0.0) == (p > 0.05)


def test_negating_the_changes_mirrors_the_estimate_and_interval() -> None:
    changes = [3.0, -1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 0.0, 3.0]
    estimate, interval, _ = hodges_lehmann(changes)
    mirrored, mirrored_interval, _ = hodges_lehmann([-c for c in changes])
    assert mirrored == -estimate
    assert (mirrored_interval.low, mirrored_interval.high) == (-interval.high, -interval.low)


def test_below_six_changes_the_interval_is_the_whole_range_and_says_so() -> None:
    """As R: no interval reaches 95% (the smallest two-sided p is 2/2^5), so the interval is
    the smallest to the largest change, covering 1 - 2/32."""
    _, interval, _ = hodges_lehmann([3.0, 1.0, 2.0, 5.0, 4.0])
    assert (interval.low, interval.high) == (1.0, 5.0)
    assert interval.level == pytest.approx(1 - 2 / 32)


def test_paired_change_leaves_the_hodges_lehmann_fields_empty_for_very_large_groups() -> None:
    rng = np.random.default_rng(3)
    before = rng.normal(20, 3, 2001).round()
    result = paired_change(before, before + rng.normal(1, 2, 2001).round())
    assert result.hodges_lehmann is None and result.hodges_lehmann_ci is None
    assert result.headline[0] == "mean"


# --- choosing the test ----------------------------------------------------------------------


def test_it_uses_the_t_test_for_30_or_more_people() -> None:
    before, after = random_pairs(seed=1, n=30)
    result = paired_change(before, after)
    assert result.test is PairedTest.T
    assert result.normality_p is None
    assert result.headline[0] == "mean"


def test_it_uses_wilcoxon_for_fewer_than_8_people() -> None:
    result = paired_change([10, 12, 14, 11, 13, 15, 9], [12, 13, 14, 15, 13, 18, 12])
    assert result.test is PairedTest.WILCOXON
    assert result.headline[0] == "median"
    assert result.test_reason is ChoiceReason.TOO_FEW_TO_CHECK


def test_it_checks_normality_between_8_and_29_people() -> None:
    normal = np.array([-1.2, 0.3, 0.8, 1.1, 1.9, 2.4, 2.9, 3.6, 4.4, 5.1, 1.5, 2.0])
    skewed = np.array([0.0, 0.1, 0.1, 0.2, 0.2, 0.3, 0.4, 0.5, 0.6, 9.0, 12.0, 15.0])
    ok = paired_change(np.zeros(12), normal)
    not_ok = paired_change(np.zeros(12), skewed)
    assert ok.normality_p == pytest.approx(stats.shapiro(normal).pvalue)
    assert ok.test is PairedTest.T
    assert not_ok.normality_p == pytest.approx(stats.shapiro(skewed).pvalue)
    assert not_ok.test is PairedTest.WILCOXON


# --- paired change: properties and bad input ------------------------------------------------

scores = st.integers(min_value=7, max_value=35)


@settings(max_examples=40, deadline=None)
@given(pairs=st.lists(st.tuples(scores, scores), min_size=3, max_size=40))
def test_swapping_baseline_and_follow_up_flips_every_sign(pairs: list[tuple[int, int]]) -> None:
    before = np.array([p[0] for p in pairs], dtype=float)
    after = np.array([p[1] for p in pairs], dtype=float)
    assume(np.ptp(after - before) > 0)
    forward = paired_change(before, after, test="t")
    backward = paired_change(after, before, test="t")
    assert backward.mean_change == pytest.approx(-forward.mean_change)
    assert backward.median_change == pytest.approx(-forward.median_change)
    assert backward.g_z == pytest.approx(-forward.g_z)
    assert backward.g_z_ci.low == pytest.approx(-forward.g_z_ci.high, abs=1e-7)
    assert backward.rank_biserial == pytest.approx(-forward.rank_biserial)
    assert backward.mean_change_ci.high == pytest.approx(-forward.mean_change_ci.low)
    assert np.sign(forward.d_z) == np.sign(forward.mean_change)
    assert forward.g_z_ci.contains(forward.g_z)
    assert forward.rank_biserial_ci.contains(forward.rank_biserial)
    assert forward.median_change_ci.contains(forward.median_change)


@settings(max_examples=30, deadline=None)
@given(
    pairs=st.lists(st.tuples(scores, scores), min_size=3, max_size=30),
    offset=st.integers(-20, 20),
)
def test_adding_the_same_amount_to_everyone_changes_nothing(pairs, offset: int) -> None:
    before = np.array([p[0] for p in pairs], dtype=float)
    after = np.array([p[1] for p in pairs], dtype=float)
    assume(np.ptp(after - before) > 0)
    plain = paired_change(before, after)
    moved = paired_change(before + offset, after + offset)
    assert moved.mean_change == pytest.approx(plain.mean_change)
    assert moved.g_z == pytest.approx(plain.g_z)
    assert moved.p_value == pytest.approx(plain.p_value)


@pytest.mark.parametrize(
    ("before", "after", "message"),
    [
        ([1, 2, 3] * 3 + [4], [1, 2, 3] * 3, r"same length \(got 10 and 9\)"),
        ([], [], "baseline is empty"),
        ([1, 2], [2, 3], r"at least 3 people with both scores \(got 2\)"),
        ([1, 2, float("nan")], [2, 3, 4], "missing or infinite value at position 3"),
        ([1, 2, 3], [2, 3, 4], "exactly the same amount"),
        ([1, 2, 3], [1, 2, 3], "exactly the same amount"),
        (["a", "b", "c"], [1, 2, 3], "must be numbers"),
    ],
)
def test_it_explains_bad_paired_input(before, after, message: str) -> None:
    with pytest.raises(AnalysisInputError, match=message):
        paired_change(before, after)


def test_it_rejects_an_unknown_test_name_and_level() -> None:
    with pytest.raises(AnalysisInputError, match="'auto', 't' or 'rank'"):
        paired_change([1, 2, 3], [2, 2, 5], test="welch")  # type: ignore[arg-type]
    with pytest.raises(AnalysisInputError, match="confidence level"):
        paired_change([1, 2, 3], [2, 2, 5], level=95)


# --- reliable change ------------------------------------------------------------------------


def test_reliable_change_follows_jacobson_and_truax_worked_by_hand() -> None:
    """SD_pre = 5, reliability 0.84: SE = 5 * sqrt(0.16) = 2; S_diff = sqrt(2 * 2^2) = 2.8284;
    RCI = change / 2.8284. Changes +6 (RCI 2.12), +5 (1.77), 0, -5 (-1.77), -6 (-2.12)."""
    result = reliable_change(
        [20, 20, 20, 20, 20], [26, 25, 20, 15, 14], reliability=0.84, sd_baseline=5
    )
    assert result.standard_error == pytest.approx(2.0)
    assert result.s_diff == pytest.approx(math.sqrt(8))
    np.testing.assert_allclose(
        result.rci, [6 / math.sqrt(8), 5 / math.sqrt(8), 0, -5 / math.sqrt(8), -6 / math.sqrt(8)]
    )
    assert (result.improved, result.unchanged, result.deteriorated) == (1, 3, 1)
    assert result.smallest_reliable_change == pytest.approx(1.96 * math.sqrt(8))


def test_reliable_change_respects_lower_is_better() -> None:
    result = reliable_change(
        [20, 20, 20, 20], [27, 27, 13, 20], reliability=0.84, sd_baseline=5, higher_is_better=False
    )
    assert (result.improved, result.unchanged, result.deteriorated) == (1, 1, 2)


def test_reliable_change_defaults_to_the_sample_sd_of_the_baseline_scores() -> None:
    before = [18, 22, 25, 19, 30, 27, 21]
    after = [20, 23, 24, 25, 31, 29, 20]
    result = reliable_change(before, after, reliability=0.9)
    assert result.sd_baseline == pytest.approx(statistics.stdev(before))
    assert result.standard_error == pytest.approx(statistics.stdev(before) * math.sqrt(0.1))


def test_it_counts_meaningful_change_including_exactly_the_threshold() -> None:
    result = reliable_change(
        [20, 20, 20, 20, 20, 20],
        [23, 22, 26, 17, 18, 20],
        reliability=0.8,
        sd_baseline=4,
        meaningful_change=3,
    )
    assert result.meaningful_improved == 2  # +3 and +6
    assert result.meaningful_deteriorated == 1  # -3
    assert result.share_meaningful_improved == pytest.approx(2 / 6)


def test_meaningful_change_tolerates_floating_point_noise() -> None:
    result = reliable_change(
        [0.1, 0.0, 0.0], [0.4, 0.1, 0.0], reliability=0.8, meaningful_change=0.3
    )
    assert result.meaningful_improved == 1  # 0.4 - 0.1 is 0.30000000000000004 or 0.29999...


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"reliability": 1.0}, "below 1"),
        ({"reliability": -0.1}, "at least 0"),
        ({"reliability": 0.8, "sd_baseline": 0}, "must be positive"),
        ({"reliability": 0.8, "meaningful_change": -3}, "positive number of points"),
    ],
)
def test_it_explains_bad_reliable_change_input(options: dict, message: str) -> None:
    with pytest.raises(AnalysisInputError, match=message):
        reliable_change([10, 12, 14], [11, 15, 13], **options)


def test_it_asks_for_a_published_sd_when_everyone_starts_the_same() -> None:
    with pytest.raises(AnalysisInputError, match="published sd_baseline"):
        reliable_change([10, 10, 10], [11, 15, 13], reliability=0.8)


# --- unpaired comparison --------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_its_welch_test_matches_scipy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    a, b = rng.normal(20, 4, 35), rng.normal(22, 7, 50)
    ours = compare_groups(a, b, test="t")
    reference = stats.ttest_ind(a, b, equal_var=False)
    interval = reference.confidence_interval()
    assert ours.test is UnpairedTest.WELCH
    assert ours.statistic == pytest.approx(reference.statistic, rel=1e-12)
    assert ours.p_value == pytest.approx(reference.pvalue, rel=1e-9)
    assert ours.df == pytest.approx(reference.df, rel=1e-12)
    assert ours.mean_difference_ci.low == pytest.approx(interval.low, rel=1e-12)
    assert ours.mean_difference_ci.high == pytest.approx(interval.high, rel=1e-12)


@pytest.mark.parametrize("seed", range(4))
def test_its_mann_whitney_test_and_rank_biserial_match_scipy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    a, b = rng.integers(7, 36, 9).astype(float), rng.integers(7, 36, 14).astype(float)
    ours = compare_groups(a, b, test="rank")
    reference = stats.mannwhitneyu(a, b, alternative="two-sided")
    assert ours.test is UnpairedTest.MANN_WHITNEY
    assert ours.statistic == reference.statistic
    assert ours.p_value == pytest.approx(reference.pvalue, rel=1e-12)
    assert ours.rank_biserial == pytest.approx(2 * reference.statistic / (9 * 14) - 1)


def test_it_reproduces_effectsizes_two_sample_rank_biserial_example() -> None:
    """effectsize test-rankES.R: rank_biserial(A, B) = 0.6071429."""
    result = compare_groups([48, 48, 77, 86, 85, 85, 16], [14, 34, 34, 77])
    assert result.rank_biserial == pytest.approx(0.6071429, abs=1e-7)


def test_swapping_the_groups_flips_the_signs() -> None:
    forward = compare_groups(WT_AUTOMATIC, WT_MANUAL)
    backward = compare_groups(WT_MANUAL, WT_AUTOMATIC)
    assert backward.mean_difference == pytest.approx(-forward.mean_difference)
    assert backward.hedges_g == pytest.approx(-forward.hedges_g)
    assert backward.hedges_g_ci.low == pytest.approx(-forward.hedges_g_ci.high)
    assert backward.rank_biserial == pytest.approx(-forward.rank_biserial)


def test_it_picks_welch_for_two_groups_of_30_or_more_and_mann_whitney_for_small_ones() -> None:
    rng = np.random.default_rng(5)
    assert compare_groups(rng.normal(0, 1, 30), rng.normal(0, 1, 40)).test is UnpairedTest.WELCH
    assert compare_groups([1, 2, 3, 5], [2, 4, 6, 8, 9]).test is UnpairedTest.MANN_WHITNEY


def test_it_explains_bad_group_input() -> None:
    with pytest.raises(AnalysisInputError, match=r"at least 2 people \(got 1 and 3\)"):
        compare_groups([1], [1, 2, 3])
    with pytest.raises(AnalysisInputError, match="spread is zero"):
        compare_groups([4, 4, 4], [2, 2])
    with pytest.raises(AnalysisInputError, match="the second group has a missing"):
        compare_groups([4, 5, 4], [2, float("nan")])


def test_it_treats_floating_point_noise_in_two_constant_groups_as_no_spread() -> None:
    """np.var([0.1, 0.1, 0.1], ddof=1) is about 3e-34, not 0; without the check Hedges' g
    came out near -5e15 with an interval to match."""
    assert np.var([0.1] * 3, ddof=1) > 0
    with pytest.raises(AnalysisInputError, match="spread is zero"):
        compare_groups([0.1] * 3, [0.7] * 3)


@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")
def test_it_refuses_scores_so_large_that_the_spread_overflows() -> None:
    with pytest.raises(AnalysisInputError, match="too large"):
        paired_change([1e308, -1e308, 1e308], [1, 2, 3])
    with pytest.raises(AnalysisInputError, match="too large"):
        compare_groups([1e308, -1e308, 1e308], [1, 2, 3])


# --- yes/no asked twice ---------------------------------------------------------------------


def yes_no_from_table(
    both_yes: int, yes_no: int, no_yes: int, both_no: int
) -> tuple[list[bool], list[bool]]:
    before = [True] * (both_yes + yes_no) + [False] * (no_yes + both_no)
    after = [True] * both_yes + [False] * yes_no + [True] * no_yes + [False] * both_no
    return before, after


@pytest.mark.parametrize(
    "table",
    [
        (5, 2, 9, 4),
        (10, 0, 6, 3),
        (3, 4, 4, 2),
        (20, 12, 12, 30),
        (50, 30, 10, 40),
        (794, 150, 86, 570),
    ],
)
def test_mcnemar_matches_statsmodels(table: tuple[int, int, int, int]) -> None:
    before, after = yes_no_from_table(*table)
    ours = yes_no_change(before, after)
    exact = table[1] + table[2] < 25
    reference = mcnemar([[table[0], table[1]], [table[2], table[3]]], exact=exact, correction=True)
    assert ours.method is (McNemarMethod.EXACT if exact else McNemarMethod.CHI_SQUARE)
    assert ours.statistic == pytest.approx(reference.statistic)
    assert ours.p_value == pytest.approx(reference.pvalue, rel=1e-10)
    assert (ours.yes_to_no, ours.no_to_yes) == (table[1], table[2])


def test_mcnemar_reproduces_agrestis_approval_rating_example() -> None:
    """Agresti, Categorical Data Analysis (2nd ed., 2002, chapter 10): 1600 people rated a
    leader's performance twice; 944 then 880 approved (0.59 and 0.55), 150 switched to
    disapprove and 86 to approve. The difference is 0.04 with 95% CI 0.02 to 0.06 (Wald);
    McNemar z = -4.17 (z^2 = 17.36 without continuity correction)."""
    result = yes_no_change(*yes_no_from_table(794, 150, 86, 570))
    assert (result.share_before, result.share_after) == (0.59, 0.55)
    assert result.difference == pytest.approx(-0.04)
    assert round(result.difference_ci.low, 2) == -0.06
    assert round(result.difference_ci.high, 2) == -0.02
    # With continuity correction: (|86 - 150| - 1)^2 / 236 = 63^2 / 236.
    assert result.statistic == pytest.approx(63**2 / 236)


def test_its_difference_interval_is_agresti_and_mins_adjusted_wald() -> None:
    """Add 1/2 to each cell (n = 12 + 2 = 14): p12 = 1.5/14, p21 = 6.5/14; centre 5/14;
    SE = sqrt((8/14 - (5/14)^2) / 14)."""
    result = yes_no_change(*yes_no_from_table(3, 1, 6, 2))
    se = math.sqrt((8 / 14 - (5 / 14) ** 2) / 14)
    assert result.difference == pytest.approx(5 / 12)
    assert result.difference_ci.low == pytest.approx(5 / 14 - 1.959963985 * se)
    assert result.difference_ci.high == pytest.approx(5 / 14 + 1.959963985 * se)


def test_mcnemar_with_nobody_switching_gives_p_of_one() -> None:
    result = yes_no_change([True, False, True], [True, False, True])
    assert (result.p_value, result.difference) == (1.0, 0.0)
    assert result.difference_ci.contains(0.0)


@pytest.mark.parametrize(
    ("before", "after", "message"),
    [
        ([True, None], [True, False], r"answer 2 is None"),
        ([True, "yes"], [True, False], r"answer 2 is 'yes'"),
        ([True, False, True], [True, False], r"same length \(got 3 and 2\)"),
        ([], [], "non-empty"),
    ],
)
def test_it_explains_bad_yes_no_input(before, after, message: str) -> None:
    with pytest.raises(AnalysisInputError, match=message):
        yes_no_change(before, after)


# --- loss to follow-up ----------------------------------------------------------------------


def test_it_counts_who_answered_when_and_compares_leavers_with_stayers() -> None:
    baseline = {"a": 10.0, "b": 12.0, "c": 20.0, "d": 22.0, "e": 24.0, "f": 11.0}
    follow_up = {"c": 25.0, "d": 20.0, "e": 26.0, "z": 30.0}
    result = loss_to_follow_up(baseline, follow_up)
    assert (result.baseline_only, result.follow_up_only, result.both) == (3, 1, 3)
    assert result.share_lost == 0.5
    comparison = result.comparison
    assert isinstance(comparison, GroupComparison)
    # Leavers a, b, f: mean 11; stayers c, d, e: mean 22 -> leavers 11 points lower.
    assert comparison.mean_difference == pytest.approx(11 - 22)
    assert (comparison.n_a, comparison.n_b) == (3, 3)


def test_it_explains_when_too_few_left_to_compare() -> None:
    result = loss_to_follow_up({"a": 1.0, "b": 2.0, "c": 3.0}, {"a": 2.0, "b": 2.0})
    assert result.comparison is None
    assert result.comparison_note is LossNote.TOO_FEW


def test_it_does_not_compare_leavers_and_stayers_who_each_all_started_alike() -> None:
    result = loss_to_follow_up({"a": 0.1, "b": 0.1, "c": 5.0, "d": 5.0}, {"c": 1.0, "d": 2.0})
    assert result.comparison is None
    assert result.comparison_note is LossNote.NO_SPREAD


def test_it_rejects_missing_scores_in_the_loss_to_follow_up() -> None:
    with pytest.raises(AnalysisInputError, match="baseline has a missing"):
        loss_to_follow_up({"a": float("nan"), "b": 1.0}, {"a": 1.0})
    with pytest.raises(AnalysisInputError, match="no scores"):
        loss_to_follow_up({}, {})


# --- the whole analysis ---------------------------------------------------------------------


def four_item_answers() -> tuple[InstrumentDefinition, dict[str, list]]:
    definition = InstrumentDefinition.uniform(
        "four", ("a", "b", "c", "d"), 1, 5, reverse_scored={"d"}, max_missing=1
    )
    people = {
        # code: (baseline answers a..d, follow-up answers a..d or None)
        "P1": ([2, 2, 3, 4], [3, 3, 4, 2]),
        "P2": ([1, 2, 2, 5], [2, 2, 3, 4]),
        "P3": ([3, 3, 3, 3], [4, 4, 4, 1]),
        "P4": ([4, 4, None, 2], [4, 5, 5, 1]),
        "P5": ([2, 3, 2, 4], [2, 3, 2, 4]),
        "P6": ([1, 1, 2, 5], None),
        "P7": ([2, 2, None, None], [3, 3, 3, 3]),
    }
    columns: dict[str, list] = {"respondent": [], "wave": [], "item": [], "value": []}
    for code, waves in people.items():
        for wave, values in zip(("start", "end"), waves, strict=True):
            if values is None:
                continue
            for item, value in zip("abcd", values, strict=True):
                columns["respondent"].append(code)
                columns["wave"].append(wave)
                columns["item"].append(item)
                columns["value"].append(float("nan") if value is None else value)
    return definition, columns


def test_the_full_analysis_scores_pairs_tests_and_counts_reliable_change() -> None:
    definition, answers = four_item_answers()
    result = analyse_outcome(
        answers, definition, baseline_wave="start", follow_up_wave="end", reliability=0.8
    )
    # Baseline by hand (d reversed as 6 - d): P1 2+2+3+2 = 9; P2 1+2+2+1 = 6; P3 3+3+3+3 = 12;
    # P4 4+4+4 = 12 -> 12 * 4 / 3 = 16; P5 2+3+2+2 = 9; P6 1+1+2+1 = 5; P7 two missing: none.
    # Follow-up: P1 3+3+4+4 = 14; P2 2+2+3+2 = 9; P3 4+4+4+5 = 17; P4 4+5+5+5 = 19;
    # P5 9; P7 3+3+3+3 = 12.
    before = [9, 6, 12, 16, 9]
    after = [14, 9, 17, 19, 9]
    assert result.codes.tolist() == ["P1", "P2", "P3", "P4", "P5"]
    assert result.paired == paired_change(before, after)
    expected_rc = reliable_change(before, after, reliability=0.8)
    assert (result.reliable.improved, result.reliable.s_diff) == (
        expected_rc.improved,
        expected_rc.s_diff,
    )
    assert (result.scored_baseline, result.unscored_baseline) == (6, 1)
    assert (result.scored_follow_up, result.unscored_follow_up) == (6, 0)
    # P6 left; P7 had no usable baseline score, so counts as follow-up only.
    assert (result.loss.baseline_only, result.loss.follow_up_only, result.loss.both) == (1, 1, 5)
    assert result.loss.comparison is None


def test_the_full_analysis_needs_two_different_waves_that_exist() -> None:
    definition, answers = four_item_answers()
    with pytest.raises(AnalysisInputError, match="must be different"):
        analyse_outcome(
            answers, definition, baseline_wave="end", follow_up_wave="end", reliability=0.8
        )
    with pytest.raises(AnalysisInputError, match="no answers for wave 'middle'"):
        analyse_outcome(
            answers, definition, baseline_wave="start", follow_up_wave="middle", reliability=0.8
        )


# --- how sure: never surer than the exact test allows ----------------------------------------


def test_the_smallest_mann_whitney_p_is_two_orderings_out_of_all() -> None:
    # C(6, 3) = 20 orderings of 3 and 3: the two most extreme give 2/20. C(5, 2) = 10.
    assert smallest_mann_whitney_p(3, 3) == pytest.approx(0.1)
    assert smallest_mann_whitney_p(2, 3) == pytest.approx(0.2)
    assert smallest_mann_whitney_p(4, 4) == pytest.approx(2 / 70)


def test_large_groups_do_not_overflow_the_smallest_mann_whitney_p() -> None:
    # C(1200, 600) has about 360 digits: more than a float can hold.
    assert smallest_mann_whitney_p(600, 600) == 0.0
    rng = np.random.default_rng(3)
    result = compare_groups(rng.normal(0, 1, 600), rng.normal(0.5, 1, 600), test="rank")
    assert result.smallest_p == 0.0


@pytest.mark.parametrize(("a", "b"), [([1, 2, 3], [10, 11, 12]), ([1, 2], [10, 11, 12])])
def test_groups_too_small_for_mann_whitney_to_reach_5_percent_are_never_clear(
    a: list[int], b: list[int]
) -> None:
    result = compare_groups(a, b, test="rank")
    # Completely separated groups: the rank-biserial interval alone would leave out 0.5.
    assert result.share_a_higher_ci.high < 0.5
    assert result.certainty is Certainty.UNCLEAR


def test_separated_groups_of_four_can_be_clear_after_mann_whitney() -> None:
    result = compare_groups([1, 2, 3, 4], [10, 11, 12, 13], test="rank")
    assert result.p_value == pytest.approx(2 / 70)
    assert result.certainty is Certainty.CLEAR


def test_a_welch_difference_is_clear_exactly_when_its_interval_leaves_out_zero() -> None:
    apart = compare_groups([1.0, 2.0, 3.0, 2.5], [10.0, 11.0, 12.0, 10.5], test="t")
    together = compare_groups([1.0, 5.0, 3.0], [2.0, 4.0, 3.5], test="t")
    assert apart.certainty is Certainty.CLEAR and apart.p_value < 0.05
    assert together.certainty is Certainty.UNCLEAR and together.p_value >= 0.05


def test_four_people_switching_to_yes_are_never_clear() -> None:
    # 10 people, 4 change from no to yes and nobody the other way. The exact McNemar test
    # gives 2 * 0.5**4 = 0.125; the Agresti-Min interval on its own would leave out 0.
    before = [0, 0, 0, 0, 1, 1, 0, 0, 1, 0]
    after = [1, 1, 1, 1, 1, 1, 0, 0, 1, 0]
    result = yes_no_change(before, after)
    assert result.p_value == pytest.approx(0.125)
    assert result.difference_ci.low > 0
    assert result.certainty is Certainty.UNCLEAR


def test_many_people_switching_to_yes_is_clear() -> None:
    before = [0] * 20 + [1] * 10
    after = [1] * 18 + [0] * 2 + [1] * 10
    result = yes_no_change(before, after)
    assert result.p_value < 0.001 and result.certainty is Certainty.CLEAR


def test_a_paired_interval_below_the_level_asked_for_is_never_clear() -> None:
    # 4 people all better: the sign-test interval covers only 87.5%, not 95%.
    result = paired_change([10, 12, 14, 11], [15, 18, 19, 17])
    assert result.headline[2].level < 0.95
    assert result.certainty is Certainty.UNCLEAR


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"reliability": "0.8"}, "reliability"),
        ({"reliability": 0.8, "sd_baseline": "3"}, "sd_baseline"),
        ({"reliability": 0.8, "meaningful_change": "3"}, "meaningful_change"),
        ({"reliability": 0.8, "higher_is_better": "no"}, "higher_is_better"),
    ],
)
def test_reliable_change_refuses_numbers_given_as_text(
    kwargs: dict[str, object], argument: str
) -> None:
    with pytest.raises(AnalysisInputError) as caught:
        reliable_change([10, 12, 14], [12, 13, 18], **kwargs)  # type: ignore[arg-type]
    assert caught.value.argument == argument


def test_a_level_given_as_text_is_a_clear_error() -> None:
    with pytest.raises(AnalysisInputError) as caught:
        paired_change([10, 12, 14], [12, 13, 18], level="0.95")  # type: ignore[arg-type]
    assert (caught.value.code, caught.value.argument) == ("not_a_number", "level")
