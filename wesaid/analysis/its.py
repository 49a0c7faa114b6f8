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
the change in slope per month. Fitted by ordinary least squares (statsmodels) with
Newey-West (HAC, Bartlett kernel) standard errors to allow for autocorrelation, with the
small-sample correction n / (n - p) and t intervals on the residual degrees of freedom.
The default lag is ``floor(4 * (n / 100) ** (2 / 9))`` (Newey and West 1994 rule of thumb).

With a comparison series (same months; controlled ITS) both series are stacked and every
term gets a group interaction; the group-by-after and group-by-time-since terms are the
difference-in-level and difference-in-trend. Their standard errors are Newey-West within
each series (statsmodels ``hac-panel``).

Counts can be turned into rates with ``denominators`` (rate = count / denominator * per).
Seasonality is not modelled and counts are treated as continuous; see docs/statistics.md.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import statsmodels.api as sm

from .errors import AnalysisInputError

#: Fewer than this many months on either side of the change adds a warning. Wagner et al.
#: (2002) suggest 12 on each side (to see seasonal patterns); 8 is this product's floor for
#: "a rough guide", not a power calculation (Bernal et al. 2017: power depends on more than n).
MIN_POINTS = 8
#: Fewer than this many months on either side is an error: the Cochrane EPOC criteria need at
#: least three points before and three after for an interrupted time series.
HARD_MINIMUM = 3

MonthLike = dt.date | str

_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


@dataclass(frozen=True)
class Estimate:
    """A coefficient with its Newey-West standard error and confidence interval."""

    estimate: float
    se: float
    ci: tuple[float, float]


@dataclass(frozen=True)
class ComparisonResult:
    """Controlled ITS: how the intervention series differs from the comparison series."""

    values: tuple[float, ...]
    level_change: Estimate
    trend_change: Estimate
    difference_in_level: Estimate
    difference_in_trend: Estimate
    lags: int
    df_resid: int


@dataclass(frozen=True)
class ItsResult:
    """Segmented regression results, fitted and counterfactual lines, and warnings."""

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
    lags: int
    df_resid: int
    rate_per: float | None
    comparison: ComparisonResult | None
    warnings: tuple[str, ...]
    level: float


# --- input handling -----------------------------------------------------------------------


def month_index(value: MonthLike) -> int:
    """A month as a whole number (year * 12 + month - 1) from a date or "YYYY-MM[-DD]" text."""
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
    raise AnalysisInputError(f"{value!r} is not a month: use a date or text like 2024-03.")


def month_label(index: int) -> str:
    """``"2024-03"`` from :func:`month_index`."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def default_lags(n: int) -> int:
    """Newey and West (1994) rule of thumb: floor(4 * (n / 100) ** (2 / 9))."""
    return int(math.floor(4 * (n / 100) ** (2 / 9)))


def _finite(values: Sequence[float], name: str, n: int) -> np.ndarray:
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as error:
        raise AnalysisInputError(f"{name} must be numbers.") from error
    if array.ndim != 1 or array.size != n:
        raise AnalysisInputError(f"{name} has {array.size} values but there are {n} months.")
    if not np.all(np.isfinite(array)):
        bad = int(np.flatnonzero(~np.isfinite(array))[0])
        raise AnalysisInputError(f"{name} has a missing or infinite value (month {bad + 1}).")
    return array


def _series(
    values: Sequence[float], denominators: Sequence[float] | None, per: float, name: str, n: int
) -> np.ndarray:
    y = _finite(values, name, n)
    if denominators is None:
        return y
    d = _finite(denominators, f"{name} denominators", n)
    if np.any(d <= 0):
        bad = int(np.flatnonzero(d <= 0)[0])
        raise AnalysisInputError(
            f"{name} denominators must be above zero; month {bad + 1} has {d[bad]:g}."
        )
    if np.any(y < 0):
        raise AnalysisInputError(f"{name} counts cannot be negative when making rates.")
    return y / d * per


def _months(months: Sequence[MonthLike]) -> np.ndarray:
    index = np.array([month_index(m) for m in months], dtype=np.int64)
    if index.size == 0:
        raise AnalysisInputError("months is empty: a time series needs months.")
    unique, counts = np.unique(index, return_counts=True)
    if np.any(counts > 1):
        raise AnalysisInputError(
            f"Month {month_label(int(unique[counts > 1][0]))} appears more than once."
        )
    steps = np.diff(index)
    if np.any(steps < 0):
        bad = int(np.flatnonzero(steps < 0)[0])
        raise AnalysisInputError(
            f"Months must be in order: {month_label(int(index[bad + 1]))} is listed after "
            f"{month_label(int(index[bad]))}."
        )
    return index


# --- fitting ------------------------------------------------------------------------------


def design_matrix(time: np.ndarray, change: int) -> np.ndarray:
    """Columns: constant, time, after, time since change (see module docstring)."""
    after = (time >= change).astype(float)
    since = np.where(after == 1, time - change, 0.0)
    return np.column_stack([np.ones_like(time, dtype=float), time.astype(float), after, since])


def _estimates(
    fit: sm.regression.linear_model.RegressionResultsWrapper, level: float
) -> list[Estimate]:
    ci = np.asarray(fit.conf_int(alpha=1 - level))
    return [
        Estimate(float(b), float(se), (float(lo), float(hi)))
        for b, se, (lo, hi) in zip(np.asarray(fit.params), np.asarray(fit.bse), ci, strict=True)
    ]


def _fit_single(y: np.ndarray, x: np.ndarray, lags: int):
    return sm.OLS(y, x).fit(
        cov_type="HAC", cov_kwds={"maxlags": lags, "use_correction": True}, use_t=True
    )


def _fit_controlled(y: np.ndarray, c: np.ndarray, x: np.ndarray, lags: int):
    """Stacked comparison-then-intervention model with group interactions; NW within series."""
    zeros = np.zeros_like(x)
    stacked_x = np.vstack([np.hstack([x, zeros]), np.hstack([x, x])])
    groups = np.repeat([0, 1], y.size)
    return sm.OLS(np.concatenate([c, y]), stacked_x).fit(
        cov_type="hac-panel",
        cov_kwds={
            "groups": groups,
            "maxlags": lags,
            "use_correction": "hac",
            "df_correction": False,
        },
        use_t=True,
    )


def _warnings(n_before: int, n_after: int, min_points: int, gaps: list[str]) -> tuple[str, ...]:
    notes = []
    if n_before < min_points:
        notes.append(
            f"Only {n_before} months before the change (fewer than {min_points}): "
            "the earlier trend is uncertain."
        )
    if n_after < min_points:
        notes.append(
            f"Only {n_after} months after the change (fewer than {min_points}): "
            "the later trend is uncertain."
        )
    if gaps:
        notes.append(
            "Months missing from the series: " + ", ".join(gaps) + ". Time is counted "
            "across the gaps, but the autocorrelation allowance assumes evenly spaced months."
        )
    return tuple(notes)


def segmented_regression(
    months: Sequence[MonthLike],
    values: Sequence[float],
    change_at: MonthLike,
    *,
    denominators: Sequence[float] | None = None,
    per: float = 1000.0,
    comparison: Sequence[float] | None = None,
    comparison_denominators: Sequence[float] | None = None,
    lags: int | None = None,
    level: float = 0.95,
    min_points: int = MIN_POINTS,
) -> ItsResult:
    """Fit the segmented regression; ``change_at`` is the first month under the new way.

    ``values`` are monthly counts or measures; with ``denominators`` they become rates per
    ``per``. ``comparison`` (and its denominators) is a series for the same months that did
    not have the change. ``lags`` overrides the Newey-West rule of thumb.
    """
    if not (isinstance(level, int | float) and 0 < level < 1):
        raise AnalysisInputError("level must be between 0 and 1, for example 0.95.")
    if not (math.isfinite(per) and per > 0):
        raise AnalysisInputError("per must be a number above zero, for example 1000.")
    index = _months(months)
    n = int(index.size)
    y = _series(values, denominators, per, "values", n)
    change = month_index(change_at)
    if not index[0] < change <= index[-1]:
        raise AnalysisInputError(
            f"The change month {month_label(change)} must be after the first month "
            f"({month_label(int(index[0]))}) and no later than the last ({month_label(int(index[-1]))})."
        )
    n_after = int(np.count_nonzero(index >= change))
    n_before = n - n_after
    if min(n_before, n_after) < HARD_MINIMUM:
        raise AnalysisInputError(
            f"At least {HARD_MINIMUM} months are needed on each side of the change; "
            f"there are {n_before} before and {n_after} after."
        )
    if lags is None:
        lags = default_lags(n)
    if isinstance(lags, bool) or not isinstance(lags, numbers.Integral) or not 0 <= lags < n:
        raise AnalysisInputError(f"lags must be a whole number from 0 to {n - 1}.")

    time = index - index[0]
    x = design_matrix(time, change - int(index[0]))
    lags = int(lags)
    fit = _fit_single(y, x, lags)
    b0, b1, b2, b3 = _estimates(fit, level)
    params = np.asarray(fit.params)
    counterfactual = x[:, :2] @ params[:2]

    comparison_result = None
    if comparison is not None:
        c = _series(comparison, comparison_denominators, per, "comparison", n)
        controlled = _fit_controlled(y, c, x, lags)
        e = _estimates(controlled, level)
        comparison_result = ComparisonResult(
            values=tuple(float(v) for v in c),
            level_change=e[2],
            trend_change=e[3],
            difference_in_level=e[6],
            difference_in_trend=e[7],
            lags=lags,
            df_resid=int(controlled.df_resid),
        )
    elif comparison_denominators is not None:
        raise AnalysisInputError("comparison_denominators was given without a comparison series.")

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
        fitted=tuple(float(v) for v in np.asarray(fit.fittedvalues)),
        counterfactual=tuple(float(v) for v in counterfactual),
        lags=lags,
        df_resid=int(fit.df_resid),
        rate_per=per if denominators is not None else None,
        comparison=comparison_result,
        warnings=_warnings(n_before, n_after, min_points, gaps),
        level=level,
    )
