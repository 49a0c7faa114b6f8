"""Coverage of the interrupted time series' 95% intervals, by simulation.

Not a timing benchmark: it measures how often the level-change and trend-change intervals of
``wesaid.analysis.its`` contain the true values, for series of 12, 24, 36 and 48 months (the
change in the middle month) with AR(1) errors of autocorrelation 0, 0.3 and 0.6, and compares
OLS with Newey-West errors (the method used before; statsmodels, lag
``floor(4 (n / 100) ** (2 / 9))``, small-sample correction, t on n - 4 df).

Truth: ``y = 10 + 0.5 t + 3 after - 0.2 since + e``, ``e`` stationary AR(1) with innovation
standard deviation 1 (the first error drawn from the stationary distribution). Seeded, so a
run is reproducible; each cell has its own seed stream.

    .venv/bin/python benchmarks/its_coverage.py              # 2,000 series per cell (the table)
    .venv/bin/python benchmarks/its_coverage.py --quick      # 300 per cell, about half a minute
    .venv/bin/python benchmarks/its_coverage.py --quick --check

The full run prints ``COVERAGE_TABLE`` for ``wesaid/analysis/its.py``. ``--check`` exits with
status 1 when any measured REML cell differs from the checked-in table by more than 4 Monte
Carlo standard errors (of the difference between the two runs), or when the Newey-West
intervals cover better than REML's somewhere (the reason for the change).
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np
import statsmodels.api as sm

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wesaid.analysis import its  # noqa: E402

SEED = 20260601
FULL_REPS = 2000
QUICK_REPS = 300
TRUE = {"level": 3.0, "trend": -0.2}


def simulate(n: int, rho: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    t = np.arange(n, dtype=float)
    change = n // 2
    x = its.design_matrix(t, change)
    e = np.empty(n)
    e[0] = rng.normal(0, 1 / math.sqrt(1 - rho * rho))
    shocks = rng.normal(0, 1, n)
    for i in range(1, n):
        e[i] = rho * e[i - 1] + shocks[i]
    y = x @ np.array([10.0, 0.5, TRUE["level"], TRUE["trend"]]) + e
    return y, x


def covers(ci: tuple[float, float], truth: float) -> bool:
    return ci[0] <= truth <= ci[1]


def cell(n: int, rho: float, reps: int) -> dict[str, tuple[float, float]]:
    rng = np.random.default_rng([SEED, n, round(rho * 100)])
    time_ = np.arange(n, dtype=float)
    lag = int(math.floor(4 * (n / 100) ** (2 / 9)))
    hits = {"reml": np.zeros(2), "ols_nw": np.zeros(2)}
    for _ in range(reps):
        y, x = simulate(n, rho, rng)
        fit = its.fit_reml_ar1(y, x, time_)
        estimates = its._estimates(fit, 0.95, True)
        hits["reml"] += [
            covers(estimates[2].ci, TRUE["level"]),
            covers(estimates[3].ci, TRUE["trend"]),
        ]
        ols = sm.OLS(y, x).fit(
            cov_type="HAC", cov_kwds={"maxlags": lag, "use_correction": True}, use_t=True
        )
        ci = np.asarray(ols.conf_int(alpha=0.05))
        hits["ols_nw"] += [covers(tuple(ci[2]), TRUE["level"]), covers(tuple(ci[3]), TRUE["trend"])]
    return {name: (float(h[0] / reps), float(h[1] / reps)) for name, h in hits.items()}


def monte_carlo_se(p: float, reps: int) -> float:
    return math.sqrt(max(p * (1 - p), 1e-4) / reps)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_REPS} series per cell")
    parser.add_argument("--check", action="store_true", help="fail if the table is off")
    parser.add_argument("--reps", type=int, default=None)
    args = parser.parse_args()
    reps = args.reps or (QUICK_REPS if args.quick else FULL_REPS)

    started = time.perf_counter()
    results = {}
    print(f"Coverage of 95% intervals, {reps} series per cell, seed {SEED}")
    print(f"{'months':>6} {'rho':>4}   REML level  REML trend   NW level    NW trend")
    for n in its.COVERAGE_LENGTHS:
        for rho in its.COVERAGE_RHOS:
            results[(n, rho)] = found = cell(n, rho, reps)
            reml, nw = found["reml"], found["ols_nw"]
            print(
                f"{n:>6} {rho:>4}   {reml[0]:>9.1%}  {reml[1]:>9.1%}   {nw[0]:>8.1%}  {nw[1]:>9.1%}"
            )
    print(f"({time.perf_counter() - started:.0f} s)")
    print("\nCOVERAGE_TABLE = {")
    for key, found in results.items():
        print(f"    {key}: ({found['reml'][0]:.4f}, {found['reml'][1]:.4f}),")
    print("}")

    if not args.check:
        return 0
    problems = []
    for key, found in results.items():
        table = its.COVERAGE_TABLE.get(key)
        if table is None:
            problems.append(f"{key}: not in COVERAGE_TABLE")
            continue
        for which, measured, expected in zip(("level", "trend"), found["reml"], table, strict=True):
            se = math.hypot(monte_carlo_se(expected, reps), monte_carlo_se(expected, FULL_REPS))
            if abs(measured - expected) > 4 * se:
                problems.append(
                    f"{key} {which}: measured {measured:.3f}, table {expected:.3f} "
                    f"(4 Monte Carlo SE = {4 * se:.3f})"
                )
        if min(found["ols_nw"]) > min(found["reml"]) + 4 * monte_carlo_se(0.9, reps):
            problems.append(f"{key}: Newey-West covers better than REML")
    for problem in problems:
        print("FAIL", problem)
    print("check:", "failed" if problems else "passed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
