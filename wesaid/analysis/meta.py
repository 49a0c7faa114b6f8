"""Pooling results across projects: fixed-effect and random-effects meta-analysis.

Why: an organisation running the same outcome measure in several co-production projects wants
one answer to "what difference does this make, on average, and how much does it vary?". Each
project contributes an effect (for example a mean change or a standardised mean difference) and
its sampling variance; :func:`pool` combines them by inverse-variance weighting.

Methods (see docs/statistics.md, "Pooling across projects"):

- ``"fixed"``: one true effect shared by every project (inverse-variance weights ``1/v``).
- ``"dl"``: random effects, DerSimonian and Laird (1986) method-of-moments tau².
- ``"pm"``: random effects, Paule and Mandel (1982) tau², solving ``Q(tau²) = k - 1``.
- ``"reml"`` (default): random effects, restricted maximum likelihood tau² (Viechtbauer 2005)
  by Newton and Fisher-scoring steps with step halving, truncated at 0, with a grid check for
  a second, higher peak. statsmodels has no REML, so it is written here.

Confidence intervals use the normal distribution (as metafor does by default). The prediction
interval follows Higgins, Thompson and Spiegelhalter (2009): ``mu ± t(k-2) * sqrt(tau² + se²)``,
which needs at least three projects; with fewer, or with the fixed-effect model (which assumes
no spread between projects), ``pi`` is ``None`` rather than a number that looks more certain
than the data allow.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import optimize, special, stats

from .certainty import Certainty, from_interval
from .errors import AnalysisInputError, InputProblem

Method = Literal["fixed", "dl", "pm", "reml"]
METHODS: tuple[str, ...] = ("fixed", "dl", "pm", "reml")

#: The REML climb stops when a step in tau² is smaller than this (absolute; relative above 1).
REML_TOLERANCE = 1e-10
#: ... or after this many steps, when it gives up with an error rather than a guess.
REML_MAX_ITERATIONS = 200
#: Fewest projects from which a pooled result can be called "clear" (see PoolResult.certainty).
MIN_PROJECTS_SURE = 3
#: Fewer projects than this and the words add that the spread between projects is hard to
#: judge (heterogeneity statistics from so few are very uncertain).
FEW_PROJECTS = 5


@dataclass(frozen=True)
class StudyRow:
    """One row of a forest plot: a project's own estimate, interval and share of the weight."""

    label: str
    estimate: float
    variance: float
    ci: tuple[float, float]
    weight_percent: float


@dataclass(frozen=True)
class PoolResult:
    """A pooled estimate with its heterogeneity statistics and the data for a forest plot.

    ``weights`` are the percentage weights (summing to 100) under the chosen model, in input
    order. ``i2`` is a share between 0 and 1 (not a percentage). For random-effects methods
    ``i2 = tau² / (tau² + s²)`` and ``h2 = (tau² + s²) / s²`` with ``s²`` the "typical"
    within-project variance (Higgins and Thompson 2002), as metafor reports them; for the
    fixed-effect model ``i2 = max(0, (Q - df) / Q)`` and ``h2 = Q / df``. With one project
    there is nothing to compare: ``q = 0``, ``q_df = 0``, ``q_p = None``, ``i2 = 0``, ``h2 = 1``.
    """

    method: str
    k: int
    estimate: float
    se: float
    ci: tuple[float, float]
    pi: tuple[float, float] | None
    tau2: float
    i2: float
    h2: float
    q: float
    q_df: int
    q_p: float | None
    weights: tuple[float, ...]
    studies: tuple[StudyRow, ...]
    level: float
    iterations: int

    @property
    def tau(self) -> float:
        """Standard deviation of the true effects between projects."""
        return math.sqrt(self.tau2)

    @property
    def certainty(self) -> Certainty:
        """How sure the pooled effect differs from none (0 on the scale pooled: a difference,
        or a log ratio). Never "clear" from fewer than ``MIN_PROJECTS_SURE`` projects: with two,
        the spread between projects cannot be estimated and the interval's coverage cannot be
        relied on, however narrow it looks."""
        if self.k < MIN_PROJECTS_SURE:
            return Certainty.UNCLEAR
        return from_interval(*self.ci)


@dataclass(frozen=True)
class EffectSizes:
    """Per-study effects and their sampling variances, ready for :func:`pool`."""

    effects: tuple[float, ...]
    variances: tuple[float, ...]


# --- input checks -------------------------------------------------------------------------


def _as_finite_array(values: Sequence[float], name: str) -> np.ndarray:
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as error:
        raise AnalysisInputError(
            f"{name} must be numbers.", code=InputProblem.NOT_A_NUMBER, argument=name
        ) from error
    if array.ndim != 1:
        raise AnalysisInputError(
            f"{name} must be a flat list of numbers.", code=InputProblem.BAD_SHAPE, argument=name
        )
    if array.size == 0:
        raise AnalysisInputError(
            f"{name} is empty: at least one study is needed.",
            code=InputProblem.EMPTY,
            argument=name,
        )
    if not np.all(np.isfinite(array)):
        bad = int(np.flatnonzero(~np.isfinite(array))[0])
        raise AnalysisInputError(
            f"{name} has a missing or infinite value (position {bad + 1}).",
            code=InputProblem.NOT_FINITE,
            argument=name,
            position=bad + 1,
        )
    return array


def _check_level(level: float) -> None:
    if not (isinstance(level, int | float) and 0 < level < 1):
        raise AnalysisInputError(
            "level must be between 0 and 1, for example 0.95.",
            code=InputProblem.BAD_LEVEL,
            argument="level",
            low=0,
            high=1,
        )


def _check_inputs(
    effects: Sequence[float], variances: Sequence[float]
) -> tuple[np.ndarray, np.ndarray]:
    y = _as_finite_array(effects, "effects")
    v = _as_finite_array(variances, "variances")
    if y.size != v.size:
        raise AnalysisInputError(
            f"effects has {y.size} values but variances has {v.size}: they must match.",
            code=InputProblem.LENGTHS_DIFFER,
            argument="effects",
            other="variances",
        )
    if np.any(v <= 0):
        bad = int(np.flatnonzero(v <= 0)[0])
        raise AnalysisInputError(
            f"variances must be above zero; study {bad + 1} has {v[bad]!r}.",
            code=InputProblem.NOT_POSITIVE,
            argument="variances",
            position=bad + 1,
        )
    return y, v


# --- tau² estimators ----------------------------------------------------------------------


def _weighted_mean(y: np.ndarray, w: np.ndarray) -> float:
    return float(np.sum(w * y) / np.sum(w))


def cochran_q(y: np.ndarray, v: np.ndarray, tau2: float = 0.0) -> float:
    """Generalised Cochran's Q: ``sum w (y - mu_w)²`` with ``w = 1/(v + tau²)``."""
    w = 1.0 / (v + tau2)
    return float(np.sum(w * (y - _weighted_mean(y, w)) ** 2))


def tau2_dl(y: np.ndarray, v: np.ndarray) -> float:
    """DerSimonian and Laird (1986) moment estimator, truncated at 0."""
    if y.size < 2:
        return 0.0
    w = 1.0 / v
    c = np.sum(w) - np.sum(w**2) / np.sum(w)
    return max(0.0, (cochran_q(y, v) - (y.size - 1)) / c)


def tau2_pm(y: np.ndarray, v: np.ndarray) -> float:
    """Paule and Mandel (1982): the tau² at which generalised Q equals its df, ``k - 1``.

    Q(tau²) falls steadily as tau² grows, so a bracketing root-finder is safe; when even
    tau² = 0 gives Q below k - 1 the estimate is 0.
    """
    df = y.size - 1
    if df < 1 or cochran_q(y, v) <= df:
        return 0.0
    upper = max(float(np.var(y, ddof=1)), 1e-8)
    while cochran_q(y, v, upper) > df:
        upper *= 2.0
    return float(
        optimize.brentq(lambda t: cochran_q(y, v, t) - df, 0.0, upper, xtol=1e-14, rtol=1e-14)
    )


def reml_score_and_information(y: np.ndarray, v: np.ndarray, tau2: float) -> tuple[float, float]:
    """First derivative of the restricted log-likelihood in tau², and its expected information.

    With ``w = 1/(v + tau²)`` and ``P = W - W11'W / sum(w)``:
    score = ``(y'PPy - tr P) / 2``, information = ``tr(PP) / 2`` (Viechtbauer 2005).
    """
    w = 1.0 / (v + tau2)
    sw = np.sum(w)
    resid = y - np.sum(w * y) / sw
    trace_p = sw - np.sum(w**2) / sw
    ypp_y = np.sum(w**2 * resid**2)
    trace_pp = np.sum(w**2) - 2 * np.sum(w**3) / sw + (np.sum(w**2) / sw) ** 2
    return 0.5 * (ypp_y - trace_p), 0.5 * trace_pp


def reml_observed_information(y: np.ndarray, v: np.ndarray, tau2: float) -> float:
    """Minus the second derivative of the restricted log-likelihood: ``y'PPPy - tr(PP) / 2``."""
    w = 1.0 / (v + tau2)
    sw = np.sum(w)
    py = w * (y - np.sum(w * y) / sw)
    ypppy = np.sum(w * py**2) - np.sum(w * py) ** 2 / sw
    return float(ypppy - reml_score_and_information(y, v, tau2)[1])


def restricted_log_likelihood(y: np.ndarray, v: np.ndarray, tau2: float) -> float:
    """REML log-likelihood up to a constant: ``-(sum log(v + tau²) + log sum w + Q(tau²)) / 2``."""
    w = 1.0 / (v + tau2)
    return float(-0.5 * (np.sum(np.log(v + tau2)) + np.log(np.sum(w)) + cochran_q(y, v, tau2)))


def _reml_climb(
    y: np.ndarray, v: np.ndarray, start: float, tolerance: float, max_iterations: int
) -> tuple[float, int]:
    """Newton/Fisher-scoring ascent of the restricted likelihood from ``start`` (see tau2_reml)."""
    tau2 = start
    current = restricted_log_likelihood(y, v, tau2)
    for iteration in range(1, max_iterations + 1):
        score, expected = reml_score_and_information(y, v, tau2)
        observed = reml_observed_information(y, v, tau2)
        step = score / (observed if observed > 0 else expected)
        if tau2 == 0.0 and step <= 0:
            return 0.0, iteration
        if abs(step) <= tolerance * max(1.0, tau2):
            return max(0.0, tau2 + step), iteration
        for _ in range(60):
            proposal = max(0.0, tau2 + step)
            proposed = restricted_log_likelihood(y, v, proposal)
            # Near the top the likelihood is flat to rounding error, so ties within that noise
            # count as "not lower"; otherwise the last tiny Newton steps would be refused.
            if proposed >= current - 1e-12 * (1.0 + abs(current)):
                break
            step /= 2
        else:
            return tau2, iteration  # no step up the likelihood is left at machine precision
        tau2, current = proposal, proposed
    raise AnalysisInputError(
        f"The REML estimate of between-project variance did not settle after {max_iterations} "
        'steps. Try method="pm" or method="dl".',
        code=InputProblem.DID_NOT_CONVERGE,
        argument="method",
    )


def _reml_grid_best(y: np.ndarray, v: np.ndarray) -> float:
    """The best of 0 and 120 log-spaced tau² values up to 10 (var(y) + max v): a coarse look
    for the highest peak, since the restricted likelihood can have more than one."""
    upper = 10.0 * (float(np.var(y)) + float(np.max(v)))
    grid = np.concatenate([[0.0], np.geomspace(upper * 1e-6, upper, 120)])
    heights = [restricted_log_likelihood(y, v, t) for t in grid]
    return float(grid[int(np.argmax(heights))])


def tau2_reml(
    y: np.ndarray,
    v: np.ndarray,
    *,
    tolerance: float = REML_TOLERANCE,
    max_iterations: int = REML_MAX_ITERATIONS,
) -> tuple[float, int]:
    """Restricted maximum likelihood tau², kept at or above 0.

    Returns the estimate and the number of steps taken. Each step divides the score by the
    observed information (a Newton step) where that is positive, and otherwise by the
    expected information (a Fisher scoring step, Viechtbauer 2005). Fisher scoring alone can
    zigzag towards the answer very slowly, and Newton alone can head the wrong way far from
    it. A step that would lower the likelihood is halved until it does not, and a step below
    zero is cut to zero; if the score is still negative there, zero is the constrained maximum.
    The climb starts from the DL estimate; because the restricted likelihood can have two
    peaks, a coarse grid is also checked and, if it finds higher ground, the climb is rerun
    from there and the higher of the two answers kept.
    """
    if y.size < 2:
        return 0.0, 0
    tau2, iterations = _reml_climb(y, v, tau2_dl(y, v), tolerance, max_iterations)
    height = restricted_log_likelihood(y, v, tau2)
    start = _reml_grid_best(y, v)
    if restricted_log_likelihood(y, v, start) > height + 1e-9 * (1.0 + abs(height)):
        other, more = _reml_climb(y, v, start, tolerance, max_iterations)
        iterations += more
        if restricted_log_likelihood(y, v, other) > height:
            tau2 = other
    return tau2, iterations


# --- pooling ------------------------------------------------------------------------------


def _study_rows(
    y: np.ndarray, v: np.ndarray, weight_percent: np.ndarray, labels: Sequence[str] | None, z: float
) -> tuple[StudyRow, ...]:
    if labels is None:
        names = [f"Study {i + 1}" for i in range(y.size)]
    else:
        names = [str(label) for label in labels]
        if len(names) != y.size:
            raise AnalysisInputError(
                f"labels has {len(names)} names but there are {y.size} studies: they must match.",
                code=InputProblem.LENGTHS_DIFFER,
                argument="labels",
                other="effects",
            )
    return tuple(
        StudyRow(
            label=name,
            estimate=float(yi),
            variance=float(vi),
            ci=(float(yi - z * math.sqrt(vi)), float(yi + z * math.sqrt(vi))),
            weight_percent=float(wp),
        )
        for name, yi, vi, wp in zip(names, y, v, weight_percent, strict=True)
    )


def _heterogeneity(
    method: str, q: float, df: int, tau2: float, v: np.ndarray
) -> tuple[float, float]:
    """I² (as a share) and H², defined as in the :class:`PoolResult` docstring."""
    if df < 1:
        return 0.0, 1.0
    if method == "fixed":
        i2 = max(0.0, (q - df) / q) if q > 0 else 0.0
        return i2, q / df
    w = 1.0 / v
    typical = df * np.sum(w) / (np.sum(w) ** 2 - np.sum(w**2))
    return float(tau2 / (tau2 + typical)), float((tau2 + typical) / typical)


def _pool_numbers(
    y: np.ndarray, v: np.ndarray, method: str, level: float
) -> tuple[float, float, float, float, float, float, np.ndarray, tuple[float, float] | None, int]:
    """tau², the weighted estimate and the rest of :func:`pool`'s numbers, unchecked."""
    k = int(y.size)
    iterations = 0
    if method == "fixed":
        tau2 = 0.0
    elif method == "dl":
        tau2 = tau2_dl(y, v)
    elif method == "pm":
        tau2 = tau2_pm(y, v)
    else:
        tau2, iterations = tau2_reml(y, v)

    w = 1.0 / (v + tau2)
    estimate = _weighted_mean(y, w)
    total_weight = float(np.sum(w))
    se = math.sqrt(1.0 / total_weight) if total_weight > 0 else math.inf
    q = cochran_q(y, v)
    i2, h2 = _heterogeneity(method, q, k - 1, tau2, v)
    weight_percent = 100.0 * w / np.sum(w)

    pi: tuple[float, float] | None = None
    if method != "fixed" and k >= 3:
        t = float(stats.t.ppf(0.5 + level / 2, k - 2))
        half = t * math.sqrt(tau2 + se**2)
        pi = (estimate - half, estimate + half)
    return estimate, se, float(tau2), q, float(i2), float(h2), weight_percent, pi, iterations


def pool(
    effects: Sequence[float],
    variances: Sequence[float],
    method: Method = "reml",
    *,
    level: float = 0.95,
    labels: Sequence[str] | None = None,
) -> PoolResult:
    """Combine per-project effects into one estimate with CI, prediction interval and I².

    ``effects`` and ``variances`` are on the same scale (e.g. log risk ratios and their
    variances, or standardised mean differences). Variances must be above zero: a study
    claiming no uncertainty would take all the weight.
    """
    if method not in METHODS:
        raise AnalysisInputError(
            f"method must be one of {', '.join(METHODS)}; got {method!r}.",
            code=InputProblem.BAD_CHOICE,
            argument="method",
            choices=tuple(METHODS),
        )
    _check_level(level)
    y, v = _check_inputs(effects, variances)
    k = int(y.size)
    # Effects or variances many orders of magnitude apart can overflow; numpy's warnings are
    # silenced here and every number is checked below instead, so the caller gets a clear
    # error rather than a NaN or a bare ZeroDivisionError.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        result = _pool_numbers(y, v, method, level)
    estimate, se, tau2, q, i2, h2, weight_percent, pi, iterations = result
    if not all(
        math.isfinite(x) for x in (estimate, se, tau2, q, i2, h2, *weight_percent, *(pi or ()))
    ):
        raise AnalysisInputError(
            "The effects or variances are too extreme to pool (the arithmetic overflows); "
            "check that they are on the same scale.",
            code=InputProblem.TOO_LARGE,
            argument="effects",
        )
    z = float(stats.norm.ppf(0.5 + level / 2))
    df = k - 1

    return PoolResult(
        method=method,
        k=k,
        estimate=estimate,
        se=se,
        ci=(estimate - z * se, estimate + z * se),
        pi=pi,
        tau2=float(tau2),
        i2=float(i2),
        h2=float(h2),
        q=q,
        q_df=df,
        q_p=float(stats.chi2.sf(q, df)) if df >= 1 else None,
        weights=tuple(float(x) for x in weight_percent),
        studies=_study_rows(y, v, weight_percent, labels, z),
        level=level,
        iterations=iterations,
    )


# --- effect sizes -------------------------------------------------------------------------


def _counts(values: Sequence[float], name: str) -> np.ndarray:
    array = _as_finite_array(values, name)
    if np.any(array < 0) or np.any(array != np.round(array)):
        raise AnalysisInputError(
            f"{name} must be whole numbers of zero or more.",
            code=InputProblem.NOT_A_WHOLE_NUMBER,
            argument=name,
            position=int(np.flatnonzero((array < 0) | (array != np.round(array)))[0]) + 1,
        )
    return array


def log_risk_ratios(
    treated_events: Sequence[int],
    treated_non_events: Sequence[int],
    control_events: Sequence[int],
    control_non_events: Sequence[int],
    *,
    correction: float = 0.5,
) -> EffectSizes:
    """Log risk ratios and their large-sample variances from 2x2 counts, one study per position.

    ``log RR = log(a/(a+b)) - log(c/(c+d))``, ``var = 1/a - 1/(a+b) + 1/c - 1/(c+d)``.
    Studies with a zero cell get ``correction`` added to all four cells (metafor's default,
    "only0"), because the log of zero is not a number.
    """
    a = _counts(treated_events, "treated_events")
    b = _counts(treated_non_events, "treated_non_events")
    c = _counts(control_events, "control_events")
    d = _counts(control_non_events, "control_non_events")
    if not (a.size == b.size == c.size == d.size):
        sizes = {"treated_non_events": b.size, "control_events": c.size}
        sizes["control_non_events"] = d.size
        other = next(name for name, size in sizes.items() if size != a.size)
        raise AnalysisInputError(
            "The four lists of counts must be the same length.",
            code=InputProblem.LENGTHS_DIFFER,
            argument="treated_events",
            other=other,
        )
    if np.any(a + b == 0) or np.any(c + d == 0):
        treated_empty = bool(np.any(a + b == 0))
        empty = (a + b == 0) if treated_empty else (c + d == 0)
        raise AnalysisInputError(
            "Each study needs at least one person in each arm.",
            code=InputProblem.TOO_FEW_PEOPLE,
            argument="treated_events" if treated_empty else "control_events",
            least=1,
            position=int(np.flatnonzero(empty)[0]) + 1,
        )
    if np.any((a == 0) & (c == 0)) or np.any((b == 0) & (d == 0)):
        alike = ((a == 0) & (c == 0)) | ((b == 0) & (d == 0))
        raise AnalysisInputError(
            "A study with no events (or no non-events) in either arm has no risk ratio to give.",
            code=InputProblem.NO_VARIATION,
            argument="treated_events",
            position=int(np.flatnonzero(alike)[0]) + 1,
        )
    zero = (a == 0) | (b == 0) | (c == 0) | (d == 0)
    add = np.where(zero, correction, 0.0)
    a, b, c, d = a + add, b + add, c + add, d + add
    effects = np.log(a / (a + b)) - np.log(c / (c + d))
    variances = 1 / a - 1 / (a + b) + 1 / c - 1 / (c + d)
    return EffectSizes(tuple(float(x) for x in effects), tuple(float(x) for x in variances))


def standardised_mean_differences(
    mean_1: Sequence[float],
    sd_1: Sequence[float],
    n_1: Sequence[int],
    mean_2: Sequence[float],
    sd_2: Sequence[float],
    n_2: Sequence[int],
) -> EffectSizes:
    """Hedges' g (group 1 minus group 2) and its variance from each study's group summaries.

    ``d = (m1 - m2) / s_pooled``; ``g = J d`` with the exact small-sample factor
    ``J = Γ(m/2) / (sqrt(m/2) Γ((m-1)/2))``, ``m = n1 + n2 - 2`` (Hedges 1981);
    ``var(g) = 1/n1 + 1/n2 + g² / (2 (n1 + n2))`` (Hedges and Olkin 1985; metafor's default).
    """
    m1, s1, k1 = (
        _as_finite_array(x, name) for x, name in ((mean_1, "mean_1"), (sd_1, "sd_1"), (n_1, "n_1"))
    )
    m2, s2, k2 = (
        _as_finite_array(x, name) for x, name in ((mean_2, "mean_2"), (sd_2, "sd_2"), (n_2, "n_2"))
    )
    if len({m1.size, s1.size, k1.size, m2.size, s2.size, k2.size}) != 1:
        sizes = {"sd_1": s1.size, "n_1": k1.size, "mean_2": m2.size, "sd_2": s2.size}
        sizes["n_2"] = k2.size
        other = next(name for name, size in sizes.items() if size != m1.size)
        raise AnalysisInputError(
            "All six lists of group summaries must be the same length.",
            code=InputProblem.LENGTHS_DIFFER,
            argument="mean_1",
            other=other,
        )
    if np.any(k1 < 2) or np.any(k2 < 2) or np.any(k1 != np.round(k1)) or np.any(k2 != np.round(k2)):
        name, group_sizes = (
            ("n_1", k1) if np.any(k1 < 2) or np.any(k1 != np.round(k1)) else ("n_2", k2)
        )
        fractional = group_sizes != np.round(group_sizes)
        raise AnalysisInputError(
            "Each group needs a whole number of at least 2 people.",
            code=InputProblem.NOT_A_WHOLE_NUMBER
            if np.any(fractional)
            else InputProblem.TOO_FEW_PEOPLE,
            argument=name,
            least=2,
            position=int(np.flatnonzero(fractional | (group_sizes < 2))[0]) + 1,
        )
    if np.any(s1 < 0) or np.any(s2 < 0):
        name, spread = ("sd_1", s1) if np.any(s1 < 0) else ("sd_2", s2)
        raise AnalysisInputError(
            "Standard deviations cannot be negative.",
            code=InputProblem.NEGATIVE,
            argument=name,
            position=int(np.flatnonzero(spread < 0)[0]) + 1,
        )
    df = k1 + k2 - 2
    pooled_sd = np.sqrt(((k1 - 1) * s1**2 + (k2 - 1) * s2**2) / df)
    if np.any(pooled_sd == 0):
        raise AnalysisInputError(
            "A study has no spread in either group (all values equal), so no standardised "
            "difference can be calculated.",
            code=InputProblem.NO_VARIATION,
            argument="sd_1",
            position=int(np.flatnonzero(pooled_sd == 0)[0]) + 1,
        )
    j = np.exp(special.gammaln(df / 2) - special.gammaln((df - 1) / 2)) / np.sqrt(df / 2)
    g = j * (m1 - m2) / pooled_sd
    variances = 1 / k1 + 1 / k2 + g**2 / (2 * (k1 + k2))
    return EffectSizes(tuple(float(x) for x in g), tuple(float(x) for x in variances))
