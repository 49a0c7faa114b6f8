"""Interrupted time series: did a monthly figure jump or change course after a change?

Why: many things co-production changes show up in service data first (referrals, complaints,
missed visits, people reached per 1,000). Segmented regression asks whether, after a change
made with people who draw on care and support, the monthly figure stepped up or down (level
change) and whether its month-by-month trend changed (trend change), compared with where the
earlier trend was heading.

Model (Wagner et al. 2002; Bernal, Cummins and Gasparrini 2017)::

    y_t = b0 + b1 * time + b2 * after + b3 * time_since_change + e_t

``time`` counts months from the first month (0, 1, 2, ... with gaps kept), ``after`` is 1 from
the change month on, ``time_since_change`` is 0 in the change month and counts up after it. So
``b2`` is the jump in the change month against the earlier trend carried forward and ``b3`` is
the change in slope per month.

Errors are first-order autoregressive over the actual month spacing, ``corr(e_s, e_t) =
rho ** |s - t|``, so a missing month is a gap of two. ``rho`` is estimated by restricted
maximum likelihood (REML), the coefficients by generalised least squares at that ``rho``, and
each coefficient's interval is a t interval on Satterthwaite (1946) degrees of freedom, which
allow for ``rho`` being estimated. Turner et al. (2021) found REML with Satterthwaite degrees
of freedom the best of the usual methods for coverage in short, autocorrelated series; OLS with
Newey-West errors, used before, covered far less than 95% (docs/statistics.md).

Even so, no method reaches 95% in every short series. ``COVERAGE_TABLE`` holds the coverage of
this method's 95% intervals measured by simulation (``benchmarks/its_coverage.py``), and a
result whose length and estimated autocorrelation fall where coverage is below
``TRUSTED_COVERAGE`` has ``intervals_trustworthy = False``: its estimates are UNCLEAR, never
"fairly sure".

With a comparison series (same months; controlled ITS) the differences in level and trend are
the level and trend changes of the difference series (intervention minus comparison), fitted
the same way; for the same months these equal the group interactions of a stacked model.

Counts can be turned into rates with ``denominators`` (rate = count / denominator * per).
Seasonality is not modelled and counts are treated as continuous; see docs/statistics.md.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from scipy import optimize, stats

from .certainty import Certainty, from_interval, has_no_width
from .errors import AnalysisInputError, InputProblem

#: Fewer than this many months on either side of the change adds SHORT_SERIES. Wagner et al.
#: (2002) suggest 12 on each side (to see seasonal patterns); 8 is this product's floor for
#: "a rough guide", not a power calculation (Bernal et al. 2017: power depends on more than n).
MIN_POINTS = 8
#: Fewer than this many months on either side is an error: the Cochrane EPOC criteria need at
#: least three points before and three after for an interrupted time series.
HARD_MINIMUM = 3
#: The search range for the autocorrelation; an estimate this close to an end is RHO_AT_BOUND.
RHO_BOUND = 0.99
_RHO_EDGE = 0.98
#: Satterthwaite degrees of freedom are never taken below this (a t on 1 df is very wide).
DF_FLOOR = 1.0
#: Intervals whose simulated coverage (COVERAGE_TABLE) is below this are not trusted.
TRUSTED_COVERAGE = 0.93

#: Coverage of 95% intervals from REML-AR(1) with Satterthwaite df, by simulation:
#: ``(months in all, rho): (level change, trend change)``, the change in the middle month.
#: Source: ``benchmarks/its_coverage.py`` (2,000 series per cell, seed 20260601); checked by
#: ``benchmarks/its_coverage.py --quick --check`` (make bench). Do not edit by hand.
COVERAGE_TABLE: dict[tuple[int, float], tuple[float, float]] = {
    (12, 0.0): (0.9400, 0.9520),
    (12, 0.3): (0.9205, 0.9450),
    (12, 0.6): (0.9175, 0.9245),
    (24, 0.0): (0.9530, 0.9585),
    (24, 0.3): (0.9195, 0.9490),
    (24, 0.6): (0.9190, 0.9485),
    (36, 0.0): (0.9565, 0.9535),
    (36, 0.3): (0.9285, 0.9545),
    (36, 0.6): (0.9385, 0.9525),
    (48, 0.0): (0.9660, 0.9520),
    (48, 0.3): (0.9460, 0.9585),
    (48, 0.6): (0.9315, 0.9575),
}
COVERAGE_LENGTHS = (12, 24, 36, 48)
COVERAGE_RHOS = (0.0, 0.3, 0.6)

MonthLike = dt.date | str

_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


class ItsMethod(StrEnum):
    """How the segmented regression was fitted."""

    #: AR(1) errors over the month spacing, rho by REML, GLS coefficients, Satterthwaite df.
    REML_AR1 = "reml_ar1"


class ItsCaution(StrEnum):
    """Why a result should be read with care; the findings layer words each one."""

    #: Fewer than ``MIN_POINTS`` months before or after the change.
    SHORT_SERIES = "short_series"
    #: Months are missing between the first and the last (see ``ItsResult.gaps``).
    GAPS = "gaps"
    #: Simulated coverage for this length and autocorrelation is below ``TRUSTED_COVERAGE``,
    #: or the series is shorter than any length simulated, or rho is at its bound.
    INTERVALS_UNTRUSTED = "intervals_untrusted"
    #: The autocorrelation estimate is at the edge of its range: the model may not fit.
    RHO_AT_BOUND = "rho_at_bound"


@dataclass(frozen=True)
class ItsNote:
    """Which months are missing, as ``"YYYY-MM"`` labels."""

    gaps: tuple[str, ...]


@dataclass(frozen=True)
class Estimate:
    """A coefficient with its standard error, Satterthwaite df and t interval.

    ``trustworthy`` is False when simulated coverage says intervals like this one are too
    narrow; then :attr:`certainty` is UNCLEAR whatever the interval says.
    """

    estimate: float
    se: float
    ci: tuple[float, float]
    df: float
    trustworthy: bool

    @property
    def certainty(self) -> Certainty:
        low, high = self.ci
        if self.se == 0 or has_no_width(low, high, scale=self.estimate):
            return Certainty.NO_WIDTH
        if not self.trustworthy:
            return Certainty.UNCLEAR
        return from_interval(low, high)


@dataclass(frozen=True)
class ComparisonResult:
    """Controlled ITS: how the intervention series differs from the comparison series.

    ``level_change`` and ``trend_change`` are the comparison series' own; the differences are
    fitted as a plain ITS of (intervention - comparison), with its own ``difference_rho``.
    """

    values: tuple[float, ...]
    level_change: Estimate
    trend_change: Estimate
    difference_in_level: Estimate
    difference_in_trend: Estimate
    rho: float
    difference_rho: float
    intervals_trustworthy: bool


@dataclass(frozen=True)
class ItsResult:
    """Segmented regression results, fitted and counterfactual lines, and cautions."""

    months: tuple[str, ...]
    values: tuple[float, ...]
    change_at: str
    n_before: int
    n_after: int
    baseline_level: Estimate
    baseline_trend: Estimate
    level_change: Estimate
    trend_change: Estimate
    fitted: tuple[float, ...]
    counterfactual: tuple[float, ...]
    method: ItsMethod
    rho: float
    intervals_trustworthy: bool
    rate_per: float | None
    comparison: ComparisonResult | None
    cautions: tuple[ItsCaution, ...]
    gaps: ItsNote
    level: float

    @property
    def exact(self) -> bool:
        """True when the figures lie exactly on the two straight lines (no spread at all)."""
        return self.level_change.se == 0 and self.trend_change.se == 0


# --- input handling -----------------------------------------------------------------------


def month_index(value: MonthLike) -> int:
    """A month as a whole number (year * 12 + month - 1) from a date or "YYYY-MM[-DD]" text."""
    return _month_index(value, argument="value")


def _month_index(value: MonthLike, *, argument: str, position: int | None = None) -> int:
    if isinstance(value, dt.date):
        return value.year * 12 + value.month - 1
    if isinstance(value, str):
        match = _MONTH.match(value.strip())
        if match and 1 <= int(match.group(2)) <= 12:
            year, month = int(match.group(1)), int(match.group(2))
            try:  # a day, when given, must exist in that month ("2024-02-30" is refused)
                dt.date(year, month, int(match.group(3) or 1))
            except ValueError:
                pass
            else:
                return year * 12 + month - 1
    where = {} if position is None else {"position": position}
    raise AnalysisInputError(
        f"{value!r} is not a month: use a date or text like 2024-03.",
        code=InputProblem.NOT_A_MONTH,
        argument=argument,
        **where,
    )


def month_label(index: int) -> str:
    """``"2024-03"`` from :func:`month_index`."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _finite(values: Sequence[float], name: str, n: int, *, argument: str) -> np.ndarray:
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as error:
        raise AnalysisInputError(
            f"{name} must be numbers.", code=InputProblem.NOT_A_NUMBER, argument=argument
        ) from error
    if array.ndim != 1 or array.size != n:
        raise AnalysisInputError(
            f"{name} has {array.size} values but there are {n} months.",
            code=InputProblem.LENGTHS_DIFFER,
            argument=argument,
            other="months",
        )
    if not np.all(np.isfinite(array)):
        bad = int(np.flatnonzero(~np.isfinite(array))[0])
        raise AnalysisInputError(
            f"{name} has a missing or infinite value (month {bad + 1}).",
            code=InputProblem.NOT_FINITE,
            argument=argument,
            position=bad + 1,
        )
    return array


def _series(
    values: Sequence[float], denominators: Sequence[float] | None, per: float, name: str, n: int
) -> np.ndarray:
    y = _finite(values, name, n, argument=name)
    if denominators is None:
        return y
    # The public parameters: values with denominators, comparison with comparison_denominators.
    over = "denominators" if name == "values" else f"{name}_denominators"
    d = _finite(denominators, f"{name} denominators", n, argument=over)
    if np.any(d <= 0):
        bad = int(np.flatnonzero(d <= 0)[0])
        raise AnalysisInputError(
            f"{name} denominators must be above zero; month {bad + 1} has {d[bad]:g}.",
            code=InputProblem.NOT_POSITIVE,
            argument=over,
            position=bad + 1,
        )
    if np.any(y < 0):
        raise AnalysisInputError(
            f"{name} counts cannot be negative when making rates.",
            code=InputProblem.NEGATIVE,
            argument=name,
            position=int(np.flatnonzero(y < 0)[0]) + 1,
        )
    return y / d * per


def _months(months: Sequence[MonthLike]) -> np.ndarray:
    index = np.array(
        [_month_index(m, argument="months", position=i + 1) for i, m in enumerate(months)],
        dtype=np.int64,
    )
    if index.size == 0:
        raise AnalysisInputError(
            "months is empty: a time series needs months.",
            code=InputProblem.EMPTY,
            argument="months",
        )
    unique, counts = np.unique(index, return_counts=True)
    if np.any(counts > 1):
        repeated = month_label(int(unique[counts > 1][0]))
        raise AnalysisInputError(
            f"Month {repeated} appears more than once.",
            code=InputProblem.DUPLICATE,
            argument="months",
            month=repeated,
        )
    steps = np.diff(index)
    if np.any(steps < 0):
        bad = int(np.flatnonzero(steps < 0)[0])
        raise AnalysisInputError(
            f"Months must be in order: {month_label(int(index[bad + 1]))} is listed after "
            f"{month_label(int(index[bad]))}.",
            code=InputProblem.NOT_IN_ORDER,
            argument="months",
            month=month_label(int(index[bad + 1])),
        )
    return index


# --- fitting ------------------------------------------------------------------------------


def design_matrix(time: np.ndarray, change: int) -> np.ndarray:
    """Columns: constant, time, after, time since change (see module docstring)."""
    after = (time >= change).astype(float)
    since = np.where(after == 1, time - change, 0.0)
    return np.column_stack([np.ones_like(time, dtype=float), time.astype(float), after, since])


def ar1_covariance(time: np.ndarray, rho: float) -> np.ndarray:
    """``V_ij = rho ** |t_i - t_j| / (1 - rho ** 2)``: stationary AR(1) with unit innovation
    variance, over the actual month spacing (a gap of two months gives ``rho ** 2``)."""
    lag = np.abs(np.subtract.outer(time, time))
    return np.power(rho, lag) / (1.0 - rho * rho)


@dataclass(frozen=True)
class GlsFit:
    """GLS at one rho: coefficients, unscaled covariance (X'V^-1X)^-1, residual quadratic form
    and log|V| + log|X'V^-1X| (the REML determinant terms)."""

    beta: np.ndarray
    unscaled: np.ndarray
    quadratic: float
    log_dets: float


def whiten(time: np.ndarray, rho: float) -> tuple[np.ndarray, np.ndarray, float]:
    """The AR(1) whitening over the month spacing, without building ``V``: an AR(1) is Markov,
    so ``e_i`` given ``e_(i-1)`` a gap of ``g`` months earlier has mean ``rho ** g e_(i-1)`` and
    variance ``(1 - rho ** (2 g)) / (1 - rho ** 2)``. Returns the multipliers ``a`` (of the
    previous row) and scales ``s`` such that ``(v_i - a_i v_(i-1)) / s_i`` (the first row
    ``v_0 / s_0``) is ``L^-1 v`` for the Cholesky factor ``L`` of :func:`ar1_covariance`, and
    ``log |V|``. With no gaps this is the Prais-Winsten transform."""
    gap = np.diff(time)
    a = np.power(rho, gap)
    s = np.sqrt(np.concatenate([[1.0], (1.0 - a * a)]) / (1.0 - rho * rho))
    return np.concatenate([[0.0], a]), s, float(2.0 * np.sum(np.log(s)))


def gls(y: np.ndarray, x: np.ndarray, time: np.ndarray, rho: float) -> GlsFit:
    """Generalised least squares with AR(1) errors at a given ``rho`` (0 gives OLS)."""
    a, s, log_det_v = whiten(time, rho)
    z = x.copy()
    z[1:] -= a[1:, None] * x[:-1]
    z /= s[:, None]
    w = y.copy()
    w[1:] -= a[1:] * y[:-1]
    w /= s
    q, r = np.linalg.qr(z)
    qw = q.T @ w
    beta = np.linalg.solve(r, qw)
    r_inv = np.linalg.inv(r)
    resid = w - z @ beta
    quadratic = float(resid @ resid)
    log_dets = log_det_v + 2.0 * float(np.sum(np.log(np.abs(np.diag(r)))))
    return GlsFit(beta, r_inv @ r_inv.T, quadratic, log_dets)


def _reml(fit: GlsFit, n: int, p: int, log_sigma2: float) -> float:
    """Restricted log-likelihood (constants dropped) at sigma^2 = exp(log_sigma2)."""
    return -0.5 * ((n - p) * log_sigma2 + fit.log_dets + math.exp(-log_sigma2) * fit.quadratic)


def _profile(fit: GlsFit, n: int, p: int) -> float:
    """Restricted log-likelihood with sigma^2 profiled out (sigma^2 = Q / (n - p))."""
    return _reml(fit, n, p, math.log(fit.quadratic / (n - p)))


@dataclass(frozen=True)
class _Fit:
    beta: np.ndarray
    se: np.ndarray
    df: np.ndarray
    rho: float
    exact: bool


def fit_reml_ar1(y: np.ndarray, x: np.ndarray, time: np.ndarray) -> _Fit:
    """REML-AR(1) fit with Satterthwaite df per coefficient (see the module docstring).

    Satterthwaite: for ``var_j(theta) = sigma^2 [(X'V(rho)^-1 X)^-1]_jj`` with ``theta =
    (log sigma^2, rho)``, ``df_j = 2 var_j^2 / (g' A g)`` where ``g`` is the gradient of
    ``var_j`` in ``theta`` (the rho part by central differences) and ``A`` the inverse of the
    observed information of the restricted likelihood at its maximum.
    """
    n, p = x.shape
    ols = gls(y, x, time, 0.0)
    scale = max(float(np.max(np.abs(y))), 1.0)
    if ols.quadratic <= (1e-12 * scale) ** 2 * n:
        # The figures lie exactly on the lines: no spread, so no autocorrelation to estimate.
        return _Fit(ols.beta, np.zeros(p), np.full(p, float(n - p)), 0.0, True)

    def negative(rho: float) -> float:
        return -_profile(gls(y, x, time, rho), n, p)

    found = optimize.minimize_scalar(
        negative,
        bounds=(-RHO_BOUND, RHO_BOUND),
        method="bounded",
        options={"xatol": 1e-7},
    )
    rho = float(found.x)
    best = gls(y, x, time, rho)
    if -negative(0.0) > _profile(best, n, p):  # the bounded search can miss a flat maximum
        rho, best = 0.0, ols
    sigma2 = best.quadratic / (n - p)
    variance = sigma2 * np.diag(best.unscaled)

    h = 1e-4
    lo, hi = max(rho - h, -0.999), min(rho + h, 0.999)
    below, above = gls(y, x, time, lo), gls(y, x, time, hi)
    step = hi - lo
    d_unscaled = (np.diag(above.unscaled) - np.diag(below.unscaled)) / step
    # Observed information of the restricted likelihood in (log sigma^2, rho), at the maximum.
    phi = math.log(sigma2)
    mid = 0.5 * (lo + hi)
    centre = best if mid == rho else gls(y, x, time, mid)
    d2_rho = (
        _reml(above, n, p, phi) - 2.0 * _reml(centre, n, p, phi) + _reml(below, n, p, phi)
    ) / (0.5 * step) ** 2
    info = np.array(
        [
            [
                0.5 * best.quadratic / sigma2,
                -0.5 * (above.quadratic - below.quadratic) / step / sigma2,
            ],
            [0.0, -d2_rho],
        ]
    )
    info[1, 0] = info[0, 1]
    df = np.full(p, DF_FLOOR)
    if np.all(np.isfinite(info)) and np.linalg.det(info) > 0 and info[1, 1] > 0:
        inverse = np.linalg.inv(info)
        for j in range(p):
            g = np.array([variance[j], sigma2 * d_unscaled[j]])
            spread = float(g @ inverse @ g)
            if spread > 0 and math.isfinite(spread):
                df[j] = max(DF_FLOOR, 2.0 * variance[j] ** 2 / spread)
    return _Fit(best.beta, np.sqrt(variance), df, rho, False)


def simulated_coverage(n: int, rho: float) -> tuple[float, float] | None:
    """Simulated coverage of 95% intervals (level change, trend change) for a series of ``n``
    months with estimated autocorrelation ``rho``: the table's longest length at or below
    ``n``, and the table's rho nearest to ``rho`` clipped to the table's range (halfway
    between two goes to the higher). ``None`` when ``n`` is shorter than any simulated
    length: nothing says such intervals hold."""
    lengths = [m for m in COVERAGE_LENGTHS if m <= n]
    if not lengths:
        return None
    clipped = min(max(rho, COVERAGE_RHOS[0]), COVERAGE_RHOS[-1])
    nearest = min(reversed(COVERAGE_RHOS), key=lambda g: abs(g - clipped))
    return COVERAGE_TABLE[(lengths[-1], nearest)]


def _trusted(n: int, rho: float) -> bool:
    if abs(rho) > _RHO_EDGE:
        return False
    coverage = simulated_coverage(n, rho)
    return coverage is not None and min(coverage) >= TRUSTED_COVERAGE


def _estimates(fit: _Fit, level: float, trusted: bool) -> list[Estimate]:
    out = []
    for b, se, df in zip(fit.beta, fit.se, fit.df, strict=True):
        half = float(stats.t.ppf(0.5 + level / 2, df)) * float(se)
        out.append(
            Estimate(float(b), float(se), (float(b) - half, float(b) + half), float(df), trusted)
        )
    return out


def _cautions(
    n_before: int, n_after: int, min_points: int, gaps: list[str], trusted: bool, rho: float
) -> tuple[ItsCaution, ...]:
    cautions = []
    if min(n_before, n_after) < min_points:
        cautions.append(ItsCaution.SHORT_SERIES)
    if gaps:
        cautions.append(ItsCaution.GAPS)
    if not trusted:
        cautions.append(ItsCaution.INTERVALS_UNTRUSTED)
    if abs(rho) > _RHO_EDGE:
        cautions.append(ItsCaution.RHO_AT_BOUND)
    return tuple(cautions)


def segmented_regression(
    months: Sequence[MonthLike],
    values: Sequence[float],
    change_at: MonthLike,
    *,
    denominators: Sequence[float] | None = None,
    per: float = 1000.0,
    comparison: Sequence[float] | None = None,
    comparison_denominators: Sequence[float] | None = None,
    level: float = 0.95,
    min_points: int = MIN_POINTS,
    lags: object = None,
) -> ItsResult:
    """Fit the segmented regression; ``change_at`` is the first month under the new way.

    ``values`` are monthly counts or measures; with ``denominators`` they become rates per
    ``per``. ``comparison`` (and its denominators) is a series for the same months that did
    not have the change. ``lags`` is refused: Newey-West lags are no longer used.
    """
    if lags is not None:
        raise AnalysisInputError(
            "lags is no longer used: the fit models autocorrelation (REML AR(1)) instead of "
            "Newey-West lags.",
            code=InputProblem.LAGS_NOT_USED,
            argument="lags",
        )
    if isinstance(level, bool) or not (isinstance(level, int | float) and 0 < level < 1):
        raise AnalysisInputError(
            "level must be between 0 and 1, for example 0.95.",
            code=InputProblem.BAD_LEVEL,
            argument="level",
            low=0,
            high=1,
        )
    if isinstance(per, bool) or not (
        isinstance(per, int | float) and math.isfinite(per) and per > 0
    ):
        raise AnalysisInputError(
            "per must be a number above zero, for example 1000.",
            code=InputProblem.NOT_POSITIVE,
            argument="per",
        )
    index = _months(months)
    n = int(index.size)
    y = _series(values, denominators, per, "values", n)
    change = _month_index(change_at, argument="change_at")
    if not index[0] < change <= index[-1]:
        raise AnalysisInputError(
            f"The change month {month_label(change)} must be after the first month "
            f"({month_label(int(index[0]))}) and no later than the last ({month_label(int(index[-1]))}).",
            code=InputProblem.OUT_OF_RANGE,
            argument="change_at",
            low=month_label(int(index[0]) + 1),
            high=month_label(int(index[-1])),
        )
    n_after = int(np.count_nonzero(index >= change))
    n_before = n - n_after
    if min(n_before, n_after) < HARD_MINIMUM:
        raise AnalysisInputError(
            f"At least {HARD_MINIMUM} months are needed on each side of the change; "
            f"there are {n_before} before and {n_after} after.",
            code=InputProblem.TOO_FEW_MONTHS,
            argument="months",
            least=HARD_MINIMUM,
        )

    time = (index - index[0]).astype(float)
    x = design_matrix(time, change - int(index[0]))
    fit = fit_reml_ar1(y, x, time)
    trusted = _trusted(n, fit.rho)
    b0, b1, b2, b3 = _estimates(fit, level, trusted)
    counterfactual = x[:, :2] @ fit.beta[:2]

    comparison_result = None
    if comparison is not None:
        c = _series(comparison, comparison_denominators, per, "comparison", n)
        own = fit_reml_ar1(c, x, time)
        difference = fit_reml_ar1(y - c, x, time)
        own_estimates = _estimates(own, level, _trusted(n, own.rho))
        difference_trusted = _trusted(n, difference.rho)
        difference_estimates = _estimates(difference, level, difference_trusted)
        comparison_result = ComparisonResult(
            values=tuple(float(v) for v in c),
            level_change=own_estimates[2],
            trend_change=own_estimates[3],
            difference_in_level=difference_estimates[2],
            difference_in_trend=difference_estimates[3],
            rho=own.rho,
            difference_rho=difference.rho,
            intervals_trustworthy=difference_trusted,
        )
    elif comparison_denominators is not None:
        raise AnalysisInputError(
            "comparison_denominators was given without a comparison series.",
            code=InputProblem.CONFLICTS_WITH,
            argument="comparison_denominators",
            other="comparison",
        )

    present = set(index.tolist())
    gaps = [month_label(m) for m in range(int(index[0]), int(index[-1]) + 1) if m not in present]
    return ItsResult(
        months=tuple(month_label(int(m)) for m in index),
        values=tuple(float(v) for v in y),
        change_at=month_label(change),
        n_before=n_before,
        n_after=n_after,
        baseline_level=b0,
        baseline_trend=b1,
        level_change=b2,
        trend_change=b3,
        fitted=tuple(float(v) for v in x @ fit.beta),
        counterfactual=tuple(float(v) for v in counterfactual),
        method=ItsMethod.REML_AR1,
        rho=fit.rho,
        intervals_trustworthy=trusted,
        rate_per=per if denominators is not None else None,
        comparison=comparison_result,
        cautions=_cautions(n_before, n_after, min_points, gaps, trusted, fit.rho),
        gaps=ItsNote(tuple(gaps)),
        level=level,
    )
