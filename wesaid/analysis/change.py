"""Change between two waves, reliable change, group comparisons and loss to follow-up.

Every function takes plain numbers and returns a frozen result with confidence intervals, so
reports can say how big a change is and how sure we can be, never a p-value alone. The rules
that choose between tests, the formulas and the references are in docs/statistics.md; the
docstrings below say why each choice was made.

Co-production groups are small (often 8 to 30 people), so small-sample behaviour matters more
here than asymptotics: exact or small-sample methods are used where they exist, and results
carry their sample sizes so the plain words can say "this is a small group".
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy import optimize, special, stats

from .certainty import Certainty, agreeing, from_interval, has_no_width
from .errors import AnalysisInputError, InputProblem
from .scoring import InstrumentDefinition, LongAnswers, score_long

#: Confidence level for every interval unless a caller asks otherwise.
CONFIDENCE = 0.95
#: Fewer pairs than this and we refuse: with 2 people a t interval spans +/- 12.7 SDs.
MIN_PAIRS = 3
#: Fewest people per group for an unpaired comparison (a standard deviation needs 2).
MIN_GROUP = 2
#: From this many people the t-test is used without a normality check (central limit theorem;
#: the SWEMWBS owners also advise t-tests with at least 30 people at two time points).
LARGE_SAMPLE = 30
#: Below this many people a normality check has almost no power, so we do not trust a pass.
NORMALITY_MIN = 8
#: A Shapiro-Wilk p-value below this counts as "the changes do not look normal".
NORMALITY_ALPHA = 0.05
#: Jacobson and Truax's criterion: |RCI| above this is reliable change (two-sided 95%).
RCI_CRITERION = 1.96
#: Differences are rounded to this many decimal places before ranking, so that floating-point
#: noise (0.1 + 0.2 - 0.3) does not split ties or turn a zero change into a tiny one.
RANK_DECIMALS = 10

#: Beyond this |t| the noncentral t interval switches to its closed-form limit (see below).
HUGE_T = 1e4
#: Above this many people the Hodges-Lehmann estimate is not worked out: it needs all
#: n(n + 1)/2 averages of two changes (2 million at 2,000 people). The t-test leads there.
HODGES_LEHMANN_MAX = 2000
#: scipy's Wilcoxon test: exact distribution up to this many changes without ties or zeros.
WILCOXON_EXACT_MAX = 50
#: scipy's Wilcoxon test: with ties or zeros, every sign pattern up to this many changes.
WILCOXON_PERMUTATION_MAX = 13

TestChoice = Literal["auto", "t", "rank"]


class PairedTest(StrEnum):
    T = "paired t-test"
    WILCOXON = "Wilcoxon signed-rank test"


class UnpairedTest(StrEnum):
    WELCH = "Welch t-test"
    MANN_WHITNEY = "Mann-Whitney U test"


class ChoiceReason(StrEnum):
    """Why a test was chosen; the wording layer says it in words."""

    ASKED = "asked"  # the caller asked for this test
    LARGE_SAMPLE = "large_sample"  # 30 or more (in each group): the t-test's average holds
    TOO_FEW_TO_CHECK = "too_few_to_check"  # under 8: normality cannot be checked
    NOT_NORMAL = "not_normal"  # Shapiro-Wilk p < 0.05 (the p is on the result)
    LOOKS_NORMAL = "looks_normal"  # Shapiro-Wilk p >= 0.05
    ALL_SAME = "all_same"  # a group's scores are all the same


class LossNote(StrEnum):
    """Why the people who left were not compared with those who stayed."""

    TOO_FEW = "too_few"  # fewer than MIN_GROUP left or stayed
    NO_SPREAD = "no_spread"  # every leaver had one score and every stayer another


class McNemarMethod(StrEnum):
    EXACT = "exact binomial"
    CHI_SQUARE = "chi-square with continuity correction"


@dataclass(frozen=True)
class Interval:
    """A confidence interval. ``level`` is the coverage it was built for (or achieves)."""

    low: float
    high: float
    level: float = CONFIDENCE

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high


# --- input checks ---------------------------------------------------------------------------


def _scores(
    values: Sequence[float] | npt.ArrayLike, name: str, *, argument: str
) -> npt.NDArray[np.float64]:
    """A 1-D float array of finite numbers, or an error naming ``name`` (the public parameter
    is ``argument``)."""
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise AnalysisInputError(
            f"{name} must be numbers ({exc!s}).", code=InputProblem.NOT_A_NUMBER, argument=argument
        ) from exc
    if array.ndim != 1:
        raise AnalysisInputError(
            f"{name} must be a flat list of numbers.",
            code=InputProblem.BAD_SHAPE,
            argument=argument,
        )
    if array.size == 0:
        raise AnalysisInputError(f"{name} is empty.", code=InputProblem.EMPTY, argument=argument)
    if not np.isfinite(array).all():
        bad = int(np.flatnonzero(~np.isfinite(array))[0])
        raise AnalysisInputError(
            f"{name} has a missing or infinite value at position {bad + 1}; "
            "remove people without a score before comparing.",
            code=InputProblem.NOT_FINITE,
            argument=argument,
            position=bad + 1,
        )
    return array


def _paired(
    baseline: npt.ArrayLike, follow_up: npt.ArrayLike
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    before = _scores(baseline, "baseline", argument="baseline")
    after = _scores(follow_up, "follow-up", argument="follow_up")
    if before.size != after.size:
        raise AnalysisInputError(
            "baseline and follow-up must have the same length "
            f"(got {before.size} and {after.size}).",
            code=InputProblem.LENGTHS_DIFFER,
            argument="baseline",
            other="follow_up",
        )
    if before.size < MIN_PAIRS:
        raise AnalysisInputError(
            f"A change needs at least {MIN_PAIRS} people with both scores (got {before.size}).",
            code=InputProblem.TOO_FEW_PEOPLE,
            argument="baseline",
            least=MIN_PAIRS,
        )
    return before, after


def _real(value: object, name: str) -> float:
    """A number given as a number (not text, not True/False), or an error naming it."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise AnalysisInputError(
            f"{name} must be a number (got {value!r}).",
            code=InputProblem.NOT_A_NUMBER,
            argument=name,
        )
    return float(value)


def _level(level: float) -> float:
    level = _real(level, "level")
    if not 0.5 <= level < 1:
        raise AnalysisInputError(
            f"The confidence level must be between 0.5 and 1 (got {level}).",
            code=InputProblem.BAD_LEVEL,
            argument="level",
            low=0.5,
            high=1,
        )
    return level


def _choice(test: str) -> TestChoice:
    if test not in ("auto", "t", "rank"):
        raise AnalysisInputError(
            f"test must be 'auto', 't' or 'rank' (got {test!r}).",
            code=InputProblem.BAD_CHOICE,
            argument="test",
            choices=("auto", "t", "rank"),
        )
    return test  # type: ignore[return-value]


# --- building blocks ------------------------------------------------------------------------


def hedges_correction(df: float) -> float:
    """Hedges' small-sample factor J(df) = G(df/2) / (sqrt(df/2) G((df-1)/2)).

    The exact gamma form (Hedges 1981), not the 1 - 3/(4df - 1) approximation, because our
    groups are small enough for the two to differ in the third decimal.
    """
    if df <= 1:
        raise AnalysisInputError(
            f"Hedges' correction needs more than 1 degree of freedom (got {df}).",
            code=InputProblem.TOO_SMALL,
            argument="df",
            least=1,
        )
    return math.exp(special.gammaln(df / 2) - special.gammaln((df - 1) / 2)) / math.sqrt(df / 2)


def noncentrality_interval(t_observed: float, df: float, level: float) -> tuple[float, float]:
    """Noncentrality parameters whose noncentral t puts ``t_observed`` at each tail.

    Inverting the noncentral t distribution (Steiger and Fouladi 1997; Cumming and Finch 2001)
    gives the exact interval for a standardised mean difference under normality, which the
    usual d +/- 1.96 SE shortcut is not at small n. The cdf falls as the noncentrality rises,
    so each end is a single root, found by bracketing then Brent's method.
    """
    alpha = 1 - level
    if abs(t_observed) > HUGE_T:
        # Far out the normal part of T = (Z + nc) / sqrt(V / df) is negligible, so
        # P(T <= t) = P(V >= df (nc / t)^2) and each end has a closed form (scipy's nct
        # returns NaN out here).
        sign, size = math.copysign(1.0, t_observed), abs(t_observed)
        ends = [size * math.sqrt(stats.chi2.isf(q, df) / df) for q in (alpha / 2, 1 - alpha / 2)]
        low, high = sorted(sign * end for end in ends)
        return low, high

    def root(target: float) -> float:
        def gap(nc: float) -> float:
            value = float(stats.nct.cdf(t_observed, df, nc))
            if not math.isfinite(value):
                # scipy gives NaN far below t, where the cdf is 1 to within 1e-10.
                value = 1.0 if nc < t_observed else 0.0
            return value - target

        step = 2.0 + abs(t_observed) / math.sqrt(df)
        low, high = t_observed - step, t_observed + step
        for _ in range(60):
            if gap(low) > 0 > gap(high):
                return float(optimize.brentq(gap, low, high, xtol=1e-12, rtol=1e-12))
            step *= 2
            low, high = t_observed - step, t_observed + step
        raise AnalysisInputError(
            "The scores are too extreme to put a range on the effect size; check the data.",
            code=InputProblem.DID_NOT_CONVERGE,
            argument="t_observed",
        )

    return root(1 - alpha / 2), root(alpha / 2)


def median_interval(values: npt.ArrayLike, level: float = CONFIDENCE) -> tuple[float, Interval]:
    """The median with its distribution-free order-statistic interval.

    The count of values below the true median is Binomial(n, 1/2), so the interval from the
    l-th to the (n - l + 1)-th smallest value covers it with probability 1 - 2 P(B <= l - 1)
    (Conover 1999, chapter 3; Campbell and Gardner 1988). We take the largest l keeping that
    at or above ``level`` and report the coverage it achieves. Below 6 values no l reaches 95%;
    the interval is then the smallest to largest value and its (lower) coverage is reported.
    """
    ordered = np.sort(_scores(values, "values", argument="values"))
    n = ordered.size
    alpha = 1 - _level(level)
    j = int(stats.binom.ppf(alpha / 2, n, 0.5))
    # l - 1 is the largest j with P(B <= j) <= alpha/2; ppf gives the smallest with >=.
    lower_rank = j + 1 if stats.binom.cdf(j, n, 0.5) <= alpha / 2 else j
    lower_rank = max(lower_rank, 1)
    achieved = 1 - 2 * float(stats.binom.cdf(lower_rank - 1, n, 0.5))
    interval = Interval(float(ordered[lower_rank - 1]), float(ordered[n - lower_rank]), achieved)
    return float(np.median(ordered)), interval


def _fisher_interval(r: float, se: float, level: float, limit: float) -> Interval:
    """tanh(atanh(r) +/- z se), with |r| held inside ``limit`` so a perfect r keeps a width."""
    z = stats.norm.ppf(1 - (1 - level) / 2)
    centre = math.atanh(max(-limit, min(limit, r)))
    low, high = math.tanh(centre - z * se), math.tanh(centre + z * se)
    # At r = +/-1 atanh is infinite; we centre half a step inside and keep the outer end at 1.
    return Interval(-1.0 if r <= -limit else low, 1.0 if r >= limit else high, level)


def _rank_differences(diff: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return np.round(diff, RANK_DECIMALS)


def _all_same(values: npt.NDArray[np.float64]) -> bool:
    """Every value equal, ignoring floating-point noise (the sample variance of three copies
    of 0.1 is about 3e-34, not 0, and would give an effect size of about 10^15)."""
    return bool(np.ptp(_rank_differences(values)) == 0)


def _finite_spread(what: str, *values: float, argument: str) -> None:
    """An error, not an infinite or NaN interval, when the arithmetic overflows."""
    if not all(math.isfinite(value) for value in values):
        raise AnalysisInputError(
            f"The {what} are too large to work with (their spread overflows); check the scores.",
            code=InputProblem.TOO_LARGE,
            argument=argument,
        )


def signed_rank_biserial(
    diff: npt.ArrayLike, level: float = CONFIDENCE
) -> tuple[float, Interval, int]:
    """Matched-pairs rank-biserial correlation, its interval and the non-zero count.

    r = (T+ - T-) / (T+ + T-) with T+ and T- the rank sums of the positive and negative
    changes, zeros dropped (Kerby 2014's simple difference formula). The interval uses Fisher's
    z with SE = sqrt(n(n + 1)(2n + 1) / 6) / (n(n + 1) / 2), the null standard error of r from
    the Wilcoxon variance, as the effectsize R package does (Ben-Shachar et al. 2020).
    """
    d = _rank_differences(_scores(diff, "changes", argument="diff"))
    nonzero = d[d != 0]
    n = nonzero.size
    if n == 0:
        raise AnalysisInputError(
            "Nobody's score changed, so there is no rank-based effect size.",
            code=InputProblem.NO_VARIATION,
            argument="diff",
        )
    ranks = stats.rankdata(np.abs(nonzero))
    total = n * (n + 1) / 2
    r = (2 * float(ranks[nonzero > 0].sum()) - total) / total
    se = math.sqrt(n * (n + 1) * (2 * n + 1) / 6) / total
    return r, _fisher_interval(r, se, level, 1 - 1 / total), n


def _t_interval(estimate: float, se: float, df: float, level: float) -> Interval:
    half = float(stats.t.ppf(1 - (1 - level) / 2, df)) * se
    return Interval(estimate - half, estimate + half, level)


# --- Hodges-Lehmann estimate and the interval matching the Wilcoxon test ---------------------


def walsh_averages(values: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Every average of two values, each value paired with itself too: n(n + 1)/2 of them,
    unsorted (Walsh averages; Tukey). Rounded so that equal averages compare equal."""
    x = np.asarray(values, dtype=np.float64)
    first, second = np.triu_indices(x.size)
    return np.round((x[first] + x[second]) / 2, RANK_DECIMALS + 1)


def signed_rank_distribution(n: int) -> npt.NDArray[np.float64]:
    """P(T+ = t) for t = 0..n(n+1)/2 when ranks 1..n each get a random sign (no ties)."""
    counts = np.zeros(n * (n + 1) // 2 + 1, dtype=np.int64)
    counts[0] = 1
    for rank in range(1, n + 1):
        counts[rank:] = counts[rank:] + counts[:-rank].copy()
    return counts / float(2**n)


def _two_sided(null: npt.NDArray[np.float64], t: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Two-sided p-values 2 min(P(T <= t), P(T >= t)), at most 1, where ``null[k] = P(T = k)``
    and ``t`` are whole numbers on the same scale."""
    cdf = np.cumsum(null)
    t = np.asarray(t, dtype=np.int64)
    below = cdf[t]
    above = 1 - np.where(t > 0, cdf[np.maximum(t - 1, 0)], 0.0)
    return np.minimum(1.0, 2 * np.minimum(below, above))


def _sign_pattern_p(shifted: npt.NDArray[np.float64]) -> float:
    """Two-sided p of the signed-rank statistic over all 2^m sign patterns of the ranks of the
    m non-zero values (what scipy's ``wilcoxon`` does with ties or zeros and at most 13
    values). The patterns are counted by adding one rank at a time; ranks are doubled so that
    shared (half) ranks stay whole numbers."""
    nonzero = shifted[shifted != 0]
    doubled = np.round(2 * stats.rankdata(np.abs(nonzero))).astype(np.int64)
    counts = np.zeros(int(doubled.sum()) + 1)
    counts[0] = 1
    for rank in doubled:
        counts[rank:] = counts[rank:] + counts[:-rank].copy()
    observed = int(doubled[nonzero > 0].sum())
    return float(_two_sided(counts / 2.0**nonzero.size, observed))


def _normal_p(values: npt.NDArray[np.float64]) -> float:
    """Two-sided p of the signed-rank statistic by the normal approximation, zeros dropped,
    tie-corrected variance, no continuity correction (scipy's ``wilcoxon`` defaults)."""
    nonzero = values[values != 0]
    m = nonzero.size
    ranks = stats.rankdata(np.abs(nonzero))
    _, ties = np.unique(np.abs(nonzero), return_counts=True)
    sd = math.sqrt((m * (m + 1) * (2 * m + 1) - float(np.sum(ties**3 - ties)) / 2) / 24)
    z = (float(ranks[nonzero > 0].sum()) - m * (m + 1) / 4) / sd
    return float(2 * stats.norm.sf(abs(z)))


def signed_rank_p(values: npt.ArrayLike) -> float:
    """The two-sided p-value of scipy's ``wilcoxon(values, zero_method="wilcox")``, worked out
    the same way (exact distribution with no ties or zeros up to 50 values; every sign pattern
    with ties or zeros up to 13; the normal approximation otherwise) but without scipy's
    resampling machinery, which takes a second with ties at 13 values."""
    x = _rank_differences(_scores(values, "changes", argument="values"))
    nonzero = x[x != 0]
    if nonzero.size == 0:
        return 1.0
    tied = np.unique(np.abs(nonzero)).size < nonzero.size
    if x.size > WILCOXON_EXACT_MAX:
        return _normal_p(x)
    if not tied and nonzero.size == x.size:
        ranks = stats.rankdata(np.abs(x)).astype(np.int64)
        null = signed_rank_distribution(x.size)
        return float(_two_sided(null, int(ranks[x > 0].sum())))
    if x.size <= WILCOXON_PERMUTATION_MAX:
        return _sign_pattern_p(x)
    return _normal_p(x)


def _normal_t_range(
    n: int, tie_sizes: npt.NDArray[np.int64], alpha: float
) -> tuple[int, int, float]:
    """The T+ values the normal approximation does not reject: |T+ - M/2| below z sd, with
    the tie-corrected sd and no continuity correction (scipy's choice), and the p-value cut
    used (``alpha``, or the smallest p possible when ``alpha`` cannot be reached)."""
    total = n * (n + 1) // 2
    variance = (n * (n + 1) * (2 * n + 1) - float(np.sum(tie_sizes**3 - tie_sizes)) / 2) / 24
    sd = math.sqrt(variance)

    def p(t: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        return 2 * stats.norm.sf(np.abs(t - total / 2) / sd)

    cut = max(alpha, float(p(np.array([total]))[0]))
    guess = math.floor(total / 2 + float(stats.norm.isf(cut / 2)) * sd)
    candidates = np.arange(max(guess - 2, 0), min(guess + 3, total) + 1)
    kept = candidates[p(candidates) > cut]
    high = int(kept.max()) if kept.size else total // 2
    return total - high, high, cut


def hodges_lehmann(diff: npt.ArrayLike, level: float = CONFIDENCE) -> tuple[float, Interval, str]:
    """The Hodges-Lehmann estimate of the middle change with the interval that matches the
    Wilcoxon signed-rank test, and how the interval was found.

    The estimate is the median of the Walsh averages of all the changes, zeros included. The
    interval holds every shift ``d`` that the signed-rank test, run on the changes minus ``d``
    as :func:`paired_change` runs it on the changes (scipy's ``wilcoxon``), does not reject at
    ``1 - level`` (Hodges and Lehmann 1963; Hollander and Wolfe 1999, chapter 3). Between two
    neighbouring Walsh averages the shifted changes have no zeros, the only ties are changes
    that were equal to start with, and T+ is the number of Walsh averages above ``d``
    (Tukey), so the interval runs from one Walsh average to another:

    - "exact" (no two changes equal, at most 50): the test uses the exact null distribution
      of T+, so the interval runs from the k-th smallest to the k-th largest Walsh average, k
      the smallest T+ with P(T+ <= k) >= (1 - level)/2. With no zeros this is the interval R's
      ``wilcox.test(conf.int = TRUE)`` gives. ``level`` is the coverage achieved.
    - "every sign pattern" (equal changes, at most 13): the test uses all 2^n sign patterns
      of the shared ranks, which depend on the shift, so each gap between Walsh averages is
      tested on its own.
    - "normal approximation" (otherwise): T+ against n(n+1)/4 with the tie-corrected variance
      and no continuity correction, as scipy does. R corrects for continuity and drops zeros
      here, so its interval can differ a little.

    Below 6 changes no interval reaches 95%; as in R it is then the smallest to the largest
    change, with its lower coverage in ``level``. The test drops zero changes (Wilcoxon's
    convention, scipy's ``zero_method="wilcox"``) but shifted changes have none, so with zero
    changes the test at exactly 0 can accept while shifts either side are rejected: the
    interval is then stretched to take in 0. So it leaves out 0 only when the test rejects.
    """
    level = _level(level)
    x = np.sort(_rank_differences(_scores(diff, "changes", argument="diff")))
    n = x.size
    if n > HODGES_LEHMANN_MAX:
        raise AnalysisInputError(
            f"The Hodges-Lehmann estimate is worked out for at most {HODGES_LEHMANN_MAX} "
            f"people (got {n}).",
            code=InputProblem.TOO_MANY,
            argument="diff",
            most=HODGES_LEHMANN_MAX,
        )
    walsh = walsh_averages(x)
    total = walsh.size
    alpha = 1 - level
    _, tie_sizes = np.unique(x, return_counts=True)
    tied = bool(np.any(tie_sizes > 1))
    if n > WILCOXON_EXACT_MAX or (tied and n > WILCOXON_PERMUTATION_MAX):
        method = "normal approximation"
        t_low, t_high, cut = _normal_t_range(n, tie_sizes, alpha)
        # T+ <= t_high from the (total - t_high)-th smallest Walsh average on, and T+ >= t_low
        # up to the (total - t_low + 1)-th (both counted from 1).
        ends = [total - t_high - 1, total - t_low, (total - 1) // 2, total // 2]
        ordered = np.partition(walsh, ends)
        low, high = float(ordered[ends[0]]), float(ordered[ends[1]])
        estimate = float((ordered[ends[2]] + ordered[ends[3]]) / 2)
        coverage = 1 - cut if cut > alpha else level
    else:
        walsh = np.sort(walsh)
        estimate = float(np.median(walsh))
        # One shift inside each gap between neighbouring distinct Walsh averages and one
        # beyond each end: the test gives the same p-value all along a gap.
        distinct = np.unique(walsh)
        inside = np.concatenate(
            [[distinct[0] - 1], (distinct[:-1] + distinct[1:]) / 2, [distinct[-1] + 1]]
        )
        if tied:
            method = "every sign pattern"
            p_gap = np.array([_sign_pattern_p(x - d) for d in inside])
        else:
            method = "exact"
            null = signed_rank_distribution(n)
            t_gap = total - np.searchsorted(walsh, inside, side="right")  # T+ in each gap
            p_gap = _two_sided(null, t_gap)
        cut = alpha
        if p_gap[0] > alpha or p_gap[-1] > alpha:  # too few changes to reach the level
            cut = float(max(p_gap[0], p_gap[-1]))
        kept = np.flatnonzero(p_gap > cut)
        bounds = np.concatenate([[-math.inf], distinct, [math.inf]])
        if kept.size:
            low, high = float(bounds[kept[0]]), float(bounds[kept[-1] + 1])
        else:  # every change the same: only that one value is left
            low, high = float(distinct[0]), float(distinct[-1])
        if method == "exact":
            t_all = np.arange(total + 1)
            coverage = float(null[_two_sided(null, t_all) > cut].sum())
        else:
            coverage = 1 - cut if cut > alpha else level
    if signed_rank_p(x) > cut:  # the test itself does not reject "no change"
        low, high = min(low, 0.0), max(high, 0.0)
    return estimate + 0.0, Interval(low, high, coverage), method  # + 0.0: no "-0"


# --- paired change --------------------------------------------------------------------------


@dataclass(frozen=True)
class PairedChange:
    """Change from baseline to follow-up for the same people (follow-up minus baseline)."""

    n: int
    mean_baseline: float
    mean_follow_up: float
    mean_change: float
    mean_change_ci: Interval
    sd_change: float
    median_change: float
    median_change_ci: Interval
    test: PairedTest
    test_reason: ChoiceReason
    statistic: float
    p_value: float
    df: float | None
    normality_p: float | None
    d_z: float
    g_z: float
    g_z_ci: Interval
    rank_biserial: float
    rank_biserial_ci: Interval
    n_unchanged: int
    #: The Hodges-Lehmann estimate of the middle change and its interval from the Wilcoxon
    #: signed-rank test (see :func:`hodges_lehmann`); ``None`` after a t-test, or above
    #: HODGES_LEHMANN_MAX people (call :func:`hodges_lehmann` directly for those).
    hodges_lehmann: float | None = None
    hodges_lehmann_ci: Interval | None = None
    #: How that interval was found: "exact", "every sign pattern" or "normal approximation".
    hodges_lehmann_method: str | None = None

    @property
    def headline(self) -> tuple[str, float, Interval]:
        """What the plain words lead with: the mean and its t interval for the t-test; for the
        Wilcoxon test, the middle change as the Hodges-Lehmann estimate with the interval that
        matches the test (the plain median and its sign-test interval when it was not worked
        out)."""
        if self.test is PairedTest.T:
            return ("mean", self.mean_change, self.mean_change_ci)
        if self.hodges_lehmann is not None and self.hodges_lehmann_ci is not None:
            return ("median", self.hodges_lehmann, self.hodges_lehmann_ci)
        return ("median", self.median_change, self.median_change_ci)

    @property
    def certainty(self) -> Certainty:
        """How sure, from the headline interval. With 5 or fewer people no interval can reach
        the level asked for (3 people: 75%) and no signed-rank or sign test can reach it
        either, so an interval that covers less than the level the others use is never
        "clear"."""
        _, _, interval = self.headline
        if interval.level < self.mean_change_ci.level - 1e-12:
            return Certainty.UNCLEAR
        if has_no_width(interval.low, interval.high):
            return Certainty.NO_WIDTH
        return from_interval(interval.low, interval.high)


def choose_paired_test(
    diff: npt.NDArray[np.float64], test: TestChoice = "auto"
) -> tuple[PairedTest, ChoiceReason, float | None]:
    """The test for these changes, the reason, and the Shapiro-Wilk p if it was run.

    Rule: 30 or more people -> t-test. 8 to 29 -> Shapiro-Wilk on the changes; t-test unless
    p < 0.05. Fewer than 8 -> Wilcoxon, because normality cannot be checked on so few.
    """
    n = diff.size
    if test == "t":
        return PairedTest.T, ChoiceReason.ASKED, None
    if test == "rank":
        return PairedTest.WILCOXON, ChoiceReason.ASKED, None
    if n >= LARGE_SAMPLE:
        return PairedTest.T, ChoiceReason.LARGE_SAMPLE, None
    if n < NORMALITY_MIN:
        return PairedTest.WILCOXON, ChoiceReason.TOO_FEW_TO_CHECK, None
    normality = float(stats.shapiro(diff).pvalue)
    if normality < NORMALITY_ALPHA:
        return PairedTest.WILCOXON, ChoiceReason.NOT_NORMAL, normality
    return PairedTest.T, ChoiceReason.LOOKS_NORMAL, normality


def paired_change(
    baseline: npt.ArrayLike,
    follow_up: npt.ArrayLike,
    *,
    test: TestChoice = "auto",
    level: float = CONFIDENCE,
) -> PairedChange:
    """Mean and median change with intervals, the chosen test, and effect sizes with intervals.

    ``baseline[i]`` and ``follow_up[i]`` belong to the same person.
    """
    before, after = _paired(baseline, follow_up)
    level = _level(level)
    diff = after - before
    n = diff.size
    mean = float(diff.mean())
    sd = float(diff.std(ddof=1))
    _finite_spread("changes", mean, sd, argument="follow_up")
    if sd == 0 or _all_same(diff):
        raise AnalysisInputError(
            f"Every person's score changed by exactly the same amount ({diff[0]:g}), so the "
            "spread of changes is zero and no interval or effect size can be worked out.",
            code=InputProblem.SAME_CHANGE,
            argument="baseline",
            other="follow_up",
        )

    se = sd / math.sqrt(n)
    df = n - 1
    t_value = mean / se
    chosen, reason, normality = choose_paired_test(diff, _choice(test))
    if chosen is PairedTest.T:
        statistic, p_value, test_df = t_value, float(2 * stats.t.sf(abs(t_value), df)), float(df)
    else:
        result = stats.wilcoxon(_rank_differences(diff), zero_method="wilcox")
        statistic, p_value, test_df = float(result.statistic), float(result.pvalue), None

    d_z = mean / sd
    correction = hedges_correction(df)
    nc_low, nc_high = noncentrality_interval(t_value, df, level)
    root_n = math.sqrt(n)
    r, r_ci, n_nonzero = signed_rank_biserial(diff, level)
    median, median_ci = median_interval(diff, level)
    # Only the rank test leads with it, and it costs O(n^2) memory: skip it after a t-test.
    wanted = chosen is not PairedTest.T and n <= HODGES_LEHMANN_MAX
    hl, hl_ci, hl_method = hodges_lehmann(diff, level) if wanted else (None, None, None)
    return PairedChange(
        n=n,
        mean_baseline=float(before.mean()),
        mean_follow_up=float(after.mean()),
        mean_change=mean,
        mean_change_ci=_t_interval(mean, se, df, level),
        sd_change=sd,
        median_change=median,
        median_change_ci=median_ci,
        test=chosen,
        test_reason=reason,
        statistic=float(statistic),
        p_value=p_value,
        df=test_df,
        normality_p=normality,
        d_z=d_z,
        g_z=correction * d_z,
        g_z_ci=Interval(correction * nc_low / root_n, correction * nc_high / root_n, level),
        rank_biserial=r,
        rank_biserial_ci=r_ci,
        n_unchanged=n - n_nonzero,
        hodges_lehmann=hl,
        hodges_lehmann_ci=hl_ci,
        hodges_lehmann_method=hl_method,
    )


# --- reliable change ------------------------------------------------------------------------


@dataclass(frozen=True)
class ReliableChange:
    """Jacobson and Truax's reliable change index for each person, and the counts it gives.

    ``rci`` holds one value per person (follow-up minus baseline, over S_diff), in input order.
    "Improved" respects ``higher_is_better``.
    """

    n: int
    reliability: float
    sd_baseline: float
    standard_error: float
    s_diff: float
    criterion: float
    smallest_reliable_change: float
    higher_is_better: bool
    improved: int
    unchanged: int
    deteriorated: int
    meaningful_change: float | None
    meaningful_improved: int | None
    meaningful_deteriorated: int | None
    rci: npt.NDArray[np.float64] = field(repr=False, compare=False)

    @property
    def share_improved(self) -> float:
        return self.improved / self.n

    @property
    def share_unchanged(self) -> float:
        return self.unchanged / self.n

    @property
    def share_deteriorated(self) -> float:
        return self.deteriorated / self.n

    @property
    def share_meaningful_improved(self) -> float | None:
        return None if self.meaningful_improved is None else self.meaningful_improved / self.n


def reliable_change(
    baseline: npt.ArrayLike,
    follow_up: npt.ArrayLike,
    *,
    reliability: float,
    sd_baseline: float | None = None,
    higher_is_better: bool = True,
    meaningful_change: float | None = None,
    criterion: float = RCI_CRITERION,
) -> ReliableChange:
    """Who changed by more than the measure's own noise (Jacobson and Truax 1991).

    SE = SD_pre * sqrt(1 - reliability); S_diff = sqrt(2) * SE; RCI = (post - pre) / S_diff.
    |RCI| > ``criterion`` (1.96) is reliable change. ``sd_baseline`` defaults to the sample
    standard deviation of these baseline scores; pass a published norm when you have one, as
    Jacobson and Truax advise for small samples. ``meaningful_change`` (e.g. 3 points on
    SWEMWBS) additionally counts who moved at least that far either way.
    """
    before, after = _paired(baseline, follow_up)
    reliability = _real(reliability, "reliability")
    criterion = _real(criterion, "criterion")
    if sd_baseline is not None:
        sd_baseline = _real(sd_baseline, "sd_baseline")
    if meaningful_change is not None:
        meaningful_change = _real(meaningful_change, "meaningful_change")
    if not isinstance(higher_is_better, bool):
        raise AnalysisInputError(
            "higher_is_better must be True or False.",
            code=InputProblem.NOT_TRUE_OR_FALSE,
            argument="higher_is_better",
        )
    if not (math.isfinite(reliability) and 0 <= reliability < 1):
        raise AnalysisInputError(
            f"reliability must be at least 0 and below 1 (got {reliability}); a reliability "
            "of 1 would make every change reliable.",
            code=InputProblem.OUT_OF_RANGE,
            argument="reliability",
            low=0,
            high=1,
        )
    if not (math.isfinite(criterion) and criterion > 0):
        raise AnalysisInputError(
            f"criterion must be a positive number (got {criterion}).",
            code=InputProblem.NOT_POSITIVE,
            argument="criterion",
        )
    sd = float(before.std(ddof=1)) if sd_baseline is None else float(sd_baseline)
    if not (math.isfinite(sd) and sd > 0):
        # Given: the figure itself is wrong. Worked out: everyone started with one score.
        raise AnalysisInputError(
            f"The baseline standard deviation must be positive (got {sd:g}); when everyone "
            "starts with the same score, pass a published sd_baseline.",
            code=InputProblem.NO_VARIATION if sd_baseline is None else InputProblem.NOT_POSITIVE,
            argument="baseline" if sd_baseline is None else "sd_baseline",
        )
    if meaningful_change is not None and not (
        math.isfinite(meaningful_change) and meaningful_change > 0
    ):
        raise AnalysisInputError(
            f"meaningful_change must be a positive number of points (got {meaningful_change}).",
            code=InputProblem.NOT_POSITIVE,
            argument="meaningful_change",
        )

    standard_error = sd * math.sqrt(1 - reliability)
    s_diff = math.sqrt(2) * standard_error
    diff = after - before
    rci = diff / s_diff
    better = rci if higher_is_better else -rci
    improved = int((better > criterion).sum())
    deteriorated = int((better < -criterion).sum())

    meaningful_up = meaningful_down = None
    if meaningful_change is not None:
        gain = diff if higher_is_better else -diff
        tolerance = 1e-9 * max(1.0, meaningful_change)  # 0.1 + 0.2 should count as 0.3
        meaningful_up = int((gain >= meaningful_change - tolerance).sum())
        meaningful_down = int((gain <= -meaningful_change + tolerance).sum())
    rci.setflags(write=False)
    return ReliableChange(
        n=int(diff.size),
        reliability=float(reliability),
        sd_baseline=sd,
        standard_error=standard_error,
        s_diff=s_diff,
        criterion=float(criterion),
        smallest_reliable_change=criterion * s_diff,
        higher_is_better=higher_is_better,
        improved=improved,
        unchanged=int(diff.size) - improved - deteriorated,
        deteriorated=deteriorated,
        meaningful_change=meaningful_change,
        meaningful_improved=meaningful_up,
        meaningful_deteriorated=meaningful_down,
        rci=rci,
    )


# --- unpaired comparison --------------------------------------------------------------------


@dataclass(frozen=True)
class GroupComparison:
    """Group a against group b (differences are a minus b)."""

    n_a: int
    n_b: int
    mean_a: float
    mean_b: float
    median_a: float
    median_b: float
    mean_difference: float
    mean_difference_ci: Interval
    test: UnpairedTest
    test_reason: ChoiceReason
    statistic: float
    p_value: float
    df: float | None
    hedges_g: float
    hedges_g_ci: Interval
    rank_biserial: float
    rank_biserial_ci: Interval
    #: The smallest two-sided p-value the exact Mann-Whitney test can give for groups of
    #: these sizes, 2 / C(n_a + n_b, n_a) (ties only make it larger): 0.1 for 3 and 3,
    #: 0.2 for 2 and 3. When it is above 1 - level no result can be "clear".
    smallest_p: float = 0.0

    @property
    def median_difference(self) -> float:
        return self.median_a - self.median_b

    @property
    def share_a_higher(self) -> float:
        """Chance a random person from a scores above one from b (ties half): (r + 1) / 2."""
        return (self.rank_biserial + 1) / 2

    @property
    def share_a_higher_ci(self) -> Interval:
        ci = self.rank_biserial_ci
        return Interval((ci.low + 1) / 2, (ci.high + 1) / 2, ci.level)

    @property
    def certainty(self) -> Certainty:
        """How sure that the groups differ. After Welch, from the interval for the difference
        in averages (it leaves out 0 exactly when the test rejects). After Mann-Whitney, from
        the interval for how often a person from a scores higher, and only when the test
        rejects and groups this size can reach the level at all."""
        if self.test is UnpairedTest.WELCH:
            ci = self.mean_difference_ci
            return from_interval(ci.low, ci.high)
        ci = self.share_a_higher_ci
        alpha = 1 - ci.level
        if self.smallest_p >= alpha:
            return Certainty.UNCLEAR
        return agreeing(from_interval(ci.low, ci.high, null=0.5), test_p=self.p_value, alpha=alpha)


def smallest_mann_whitney_p(n_a: int, n_b: int) -> float:
    """The smallest two-sided p-value an exact Mann-Whitney test can reach for groups of
    ``n_a`` and ``n_b``: the two most extreme orderings out of C(n_a + n_b, n_a)."""
    # Integer division: groups in the thousands give 0.0 instead of overflowing a float.
    return min(1.0, 2 / math.comb(n_a + n_b, n_a))


def choose_unpaired_test(
    a: npt.NDArray[np.float64], b: npt.NDArray[np.float64], test: TestChoice = "auto"
) -> tuple[UnpairedTest, ChoiceReason]:
    """Welch unless the groups are small and do not look normal (same rule as the paired case).

    Welch's t rather than Student's: it does not assume equal variances and loses almost
    nothing when they are equal (Delacre, Lakens and Leys 2017).
    """
    if test == "t":
        return UnpairedTest.WELCH, ChoiceReason.ASKED
    if test == "rank":
        return UnpairedTest.MANN_WHITNEY, ChoiceReason.ASKED
    smaller = min(a.size, b.size)
    if smaller >= LARGE_SAMPLE:
        return UnpairedTest.WELCH, ChoiceReason.LARGE_SAMPLE
    if smaller < NORMALITY_MIN:
        return UnpairedTest.MANN_WHITNEY, ChoiceReason.TOO_FEW_TO_CHECK
    for group in (a, b):
        if _all_same(group):
            return UnpairedTest.MANN_WHITNEY, ChoiceReason.ALL_SAME
        if float(stats.shapiro(group).pvalue) < NORMALITY_ALPHA:
            return UnpairedTest.MANN_WHITNEY, ChoiceReason.NOT_NORMAL
    return UnpairedTest.WELCH, ChoiceReason.LOOKS_NORMAL


def compare_groups(
    group_a: npt.ArrayLike,
    group_b: npt.ArrayLike,
    *,
    test: TestChoice = "auto",
    level: float = CONFIDENCE,
) -> GroupComparison:
    """Two separate groups: Welch or Mann-Whitney, Hedges' g and rank-biserial with intervals."""
    a = _scores(group_a, "the first group", argument="group_a")
    b = _scores(group_b, "the second group", argument="group_b")
    level = _level(level)
    if min(a.size, b.size) < MIN_GROUP:
        raise AnalysisInputError(
            f"Each group needs at least {MIN_GROUP} people (got {a.size} and {b.size}).",
            code=InputProblem.TOO_FEW_PEOPLE,
            argument="group_a" if a.size < MIN_GROUP else "group_b",
            least=MIN_GROUP,
        )
    na, nb = a.size, b.size
    va, vb = float(a.var(ddof=1)), float(b.var(ddof=1))
    _finite_spread("scores", float(a.mean()), float(b.mean()), va, vb, argument="group_a")
    if _all_same(a) and _all_same(b):
        raise AnalysisInputError(
            "Everyone in both groups has the same score within their group, so the groups' "
            "spread is zero and no effect size can be worked out.",
            code=InputProblem.NO_VARIATION,
            argument="group_a",
        )
    difference = float(a.mean() - b.mean())
    welch_se = math.sqrt(va / na + vb / nb)
    welch_df = (va / na + vb / nb) ** 2 / ((va / na) ** 2 / (na - 1) + (vb / nb) ** 2 / (nb - 1))

    chosen, reason = choose_unpaired_test(a, b, _choice(test))
    if chosen is UnpairedTest.WELCH:
        statistic = difference / welch_se
        p_value = float(2 * stats.t.sf(abs(statistic), welch_df))
        test_df: float | None = welch_df
    else:
        result = stats.mannwhitneyu(a, b, alternative="two-sided")
        statistic, p_value, test_df = float(result.statistic), float(result.pvalue), None

    # Hedges' g on the pooled SD, interval by noncentral t then scaled by J (as effectsize).
    df = na + nb - 2
    pooled_sd = math.sqrt(((na - 1) * va + (nb - 1) * vb) / df)
    d = difference / pooled_sd
    scale = math.sqrt(na * nb / (na + nb))
    nc_low, nc_high = noncentrality_interval(d * scale, df, level)
    correction = hedges_correction(df)

    # Rank-biserial from U: r = 2 U_a / (na nb) - 1 (Wendt 1972; Kerby 2014).
    ranks = stats.rankdata(np.concatenate([a, b]))
    u_a = float(ranks[:na].sum()) - na * (na + 1) / 2
    r = 2 * u_a / (na * nb) - 1
    r_ci = _fisher_interval(r, math.sqrt((na + nb + 1) / (3 * na * nb)), level, 1 - 1 / (na * nb))

    return GroupComparison(
        n_a=na,
        n_b=nb,
        mean_a=float(a.mean()),
        mean_b=float(b.mean()),
        median_a=float(np.median(a)),
        median_b=float(np.median(b)),
        mean_difference=difference,
        mean_difference_ci=_t_interval(difference, welch_se, welch_df, level),
        test=chosen,
        test_reason=reason,
        statistic=float(statistic),
        p_value=p_value,
        df=test_df,
        hedges_g=correction * d,
        hedges_g_ci=Interval(correction * nc_low / scale, correction * nc_high / scale, level),
        rank_biserial=r,
        rank_biserial_ci=r_ci,
        smallest_p=smallest_mann_whitney_p(na, nb),
    )


# --- yes/no asked twice ---------------------------------------------------------------------


@dataclass(frozen=True)
class YesNoChange:
    """A yes/no question asked twice of the same people (McNemar's test)."""

    n: int
    yes_before: int
    yes_after: int
    yes_to_no: int
    no_to_yes: int
    method: McNemarMethod
    statistic: float
    p_value: float
    difference: float
    difference_ci: Interval

    @property
    def share_before(self) -> float:
        return self.yes_before / self.n

    @property
    def share_after(self) -> float:
        return self.yes_after / self.n

    @property
    def discordant(self) -> int:
        return self.yes_to_no + self.no_to_yes

    @property
    def certainty(self) -> Certainty:
        """How sure the share answering yes changed: the Agresti-Min interval and McNemar's
        test must agree. With few people switching (4 or fewer can never reach 5%) the
        interval can leave out 0 while the exact test does not reject; that is "unclear"."""
        ci = self.difference_ci
        return agreeing(from_interval(ci.low, ci.high), test_p=self.p_value, alpha=1 - ci.level)


#: Below this many people who changed their answer, McNemar's test is exact (binomial).
MCNEMAR_EXACT_BELOW = 25


def _yes_no(values: Sequence[object] | npt.ArrayLike, name: str) -> npt.NDArray[np.bool_]:
    array = np.asarray(values, dtype=object)
    if array.ndim != 1 or array.size == 0:
        raise AnalysisInputError(
            f"{name} must be a non-empty list of yes/no answers.",
            code=InputProblem.BAD_SHAPE if array.ndim != 1 else InputProblem.EMPTY,
            argument=name,
        )
    allowed = {0, 1}  # True and False compare equal to these
    for position, value in enumerate(array.tolist()):
        if value not in allowed:
            raise AnalysisInputError(
                f"{name} answer {position + 1} is {value!r}; use True/False or 1/0, and leave "
                "out people who did not answer both times.",
                code=InputProblem.NOT_TRUE_OR_FALSE,
                argument=name,
                position=position + 1,
            )
    return array.astype(bool)


def yes_no_change(
    before: Sequence[object] | npt.ArrayLike,
    after: Sequence[object] | npt.ArrayLike,
    *,
    level: float = CONFIDENCE,
) -> YesNoChange:
    """McNemar's test and the change in the share answering yes, with an interval.

    Exact binomial test on the discordant pairs when there are fewer than 25 of them, else the
    chi-square test with continuity correction (Edwards 1948), as statsmodels' ``mcnemar``
    computes them. The interval for (share yes after - share yes before) is the Wald interval
    with 1/2 added to each cell (Agresti and Min 2005), which keeps its coverage near 95% in
    small groups where the plain Wald interval falls short.
    """
    first, second = _yes_no(before, "before"), _yes_no(after, "after")
    level = _level(level)
    if first.size != second.size:
        raise AnalysisInputError(
            f"before and after must have the same length (got {first.size} and {second.size}).",
            code=InputProblem.LENGTHS_DIFFER,
            argument="before",
            other="after",
        )
    n = int(first.size)
    yes_to_no = int((first & ~second).sum())
    no_to_yes = int((~first & second).sum())
    discordant = yes_to_no + no_to_yes
    if discordant < MCNEMAR_EXACT_BELOW:
        method = McNemarMethod.EXACT
        statistic = float(min(yes_to_no, no_to_yes))
        p_value = min(1.0, 2 * float(stats.binom.cdf(statistic, discordant, 0.5)))
    else:
        method = McNemarMethod.CHI_SQUARE
        statistic = (abs(yes_to_no - no_to_yes) - 1) ** 2 / discordant
        p_value = float(stats.chi2.sf(statistic, 1))

    total = n + 2
    p12, p21 = (yes_to_no + 0.5) / total, (no_to_yes + 0.5) / total
    centre = p21 - p12
    se = math.sqrt((p12 + p21 - centre**2) / total)
    z = float(stats.norm.ppf(1 - (1 - level) / 2))
    return YesNoChange(
        n=n,
        yes_before=int(first.sum()),
        yes_after=int(second.sum()),
        yes_to_no=yes_to_no,
        no_to_yes=no_to_yes,
        method=method,
        statistic=float(statistic),
        p_value=p_value,
        difference=(no_to_yes - yes_to_no) / n,
        difference_ci=Interval(max(-1.0, centre - z * se), min(1.0, centre + z * se), level),
    )


# --- loss to follow-up ----------------------------------------------------------------------


@dataclass(frozen=True)
class LossToFollowUp:
    """Who answered when, and whether those who left differed at the start.

    ``comparison`` is people who left (a) against people who stayed (b), on baseline scores;
    ``None`` with ``comparison_note`` when there are too few to compare.
    """

    baseline_only: int
    follow_up_only: int
    both: int
    comparison: GroupComparison | None
    comparison_note: LossNote | None

    @property
    def answered_baseline(self) -> int:
        return self.baseline_only + self.both

    @property
    def share_lost(self) -> float:
        return self.baseline_only / self.answered_baseline if self.answered_baseline else 0.0


def _keyed_scores(scores: Mapping[str, float], name: str, *, argument: str) -> dict[str, float]:
    values = _scores(list(scores.values()), name, argument=argument).tolist()
    return dict(zip(scores.keys(), values, strict=True))


def loss_to_follow_up(
    baseline: Mapping[str, float],
    follow_up: Mapping[str, float],
    *,
    test: TestChoice = "auto",
    level: float = CONFIDENCE,
) -> LossToFollowUp:
    """Counts of who answered only at baseline, only at follow-up, or both, and whether the
    people who left started out different (an early warning that the change for those who
    stayed may not hold for everyone). Keys are pseudonymous codes; values are scores.
    """
    if not baseline and not follow_up:
        raise AnalysisInputError(
            "There are no scores at baseline or follow-up.",
            code=InputProblem.EMPTY,
            argument="baseline",
        )
    before = _keyed_scores(baseline, "baseline", argument="baseline") if baseline else {}
    after = _keyed_scores(follow_up, "follow-up", argument="follow_up") if follow_up else {}
    leavers = [score for code, score in before.items() if code not in after]
    stayers = [score for code, score in before.items() if code in after]
    follow_up_only = sum(1 for code in after if code not in before)
    return _loss(
        np.array(leavers, dtype=float),
        np.array(stayers, dtype=float),
        follow_up_only,
        test=test,
        level=level,
    )


def _loss(
    leavers: npt.NDArray[np.float64],
    stayers: npt.NDArray[np.float64],
    follow_up_only: int,
    *,
    test: TestChoice,
    level: float,
) -> LossToFollowUp:
    comparison: GroupComparison | None = None
    note: LossNote | None = None
    if min(leavers.size, stayers.size) < MIN_GROUP:
        note = LossNote.TOO_FEW
    elif _all_same(leavers) and _all_same(stayers):
        note = LossNote.NO_SPREAD
    else:
        comparison = compare_groups(leavers, stayers, test=test, level=level)
    return LossToFollowUp(
        baseline_only=int(leavers.size),
        follow_up_only=int(follow_up_only),
        both=int(stayers.size),
        comparison=comparison,
        comparison_note=note,
    )


# --- the whole analysis ---------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeAnalysis:
    """Everything the report shows for one outcome measured at two waves."""

    instrument: str
    baseline_wave: object
    follow_up_wave: object
    higher_is_better: bool
    scored_baseline: int
    unscored_baseline: int
    scored_follow_up: int
    unscored_follow_up: int
    paired: PairedChange
    reliable: ReliableChange
    loss: LossToFollowUp
    codes: np.ndarray = field(repr=False, compare=False)


def analyse_outcome(
    answers: LongAnswers,
    definition: InstrumentDefinition,
    *,
    baseline_wave: object,
    follow_up_wave: object,
    reliability: float,
    sd_baseline: float | None = None,
    meaningful_change: float | None = None,
    test: TestChoice = "auto",
    level: float = CONFIDENCE,
) -> OutcomeAnalysis:
    """Score long-format answers, pair the two waves, test the change, size it, and count
    reliable change: the full change analysis for one outcome.

    ``answers`` has columns respondent, wave, item and value (see :func:`score_long`).
    ``reliability`` is the measure's published reliability (e.g. Cronbach's alpha).
    ``codes`` on the result lists the respondents in the order of ``reliable.rci``.
    """
    if baseline_wave == follow_up_wave:
        raise AnalysisInputError(
            "The baseline and follow-up waves must be different.",
            code=InputProblem.SAME_WAVE,
            argument="baseline_wave",
            other="follow_up_wave",
        )
    table = score_long(definition, answers)
    for argument, wave in (("baseline_wave", baseline_wave), ("follow_up_wave", follow_up_wave)):
        table._wave_position(wave, argument=argument)
    before = table.scores_by_respondent(baseline_wave)
    after = table.scores_by_respondent(follow_up_wave)
    has_before, has_after = ~np.isnan(before), ~np.isnan(after)
    both = has_before & has_after

    baseline_rows = table.wave_index == table.wave_position(baseline_wave)
    follow_up_rows = table.wave_index == table.wave_position(follow_up_wave)
    scored = table.has_score
    paired_before, paired_after = before[both], after[both]
    return OutcomeAnalysis(
        instrument=definition.key,
        baseline_wave=baseline_wave,
        follow_up_wave=follow_up_wave,
        higher_is_better=definition.higher_is_better,
        scored_baseline=int((scored & baseline_rows).sum()),
        unscored_baseline=int((~scored & baseline_rows).sum()),
        scored_follow_up=int((scored & follow_up_rows).sum()),
        unscored_follow_up=int((~scored & follow_up_rows).sum()),
        paired=paired_change(paired_before, paired_after, test=test, level=level),
        reliable=reliable_change(
            paired_before,
            paired_after,
            reliability=reliability,
            sd_baseline=sd_baseline,
            higher_is_better=definition.higher_is_better,
            meaningful_change=meaningful_change,
        ),
        loss=_loss(
            before[has_before & ~has_after],
            paired_before,
            int((has_after & ~has_before).sum()),
            test=test,
            level=level,
        ),
        codes=table.respondent_codes[both],
    )
