"""Benchmark: the full change analysis against a hand-written numpy baseline, same run.

What is timed (both sides do the same arithmetic on the same data):

    score 30 items x 3 waves for every respondent (reverse items, prorating, missing rule)
    -> pair baseline with follow-up -> paired t-test with its interval, median change with its
    order-statistic interval, d_z / Hedges g_z with the noncentral-t interval, rank-biserial
    with its interval -> reliable change counts and meaningful-change counts -> loss to
    follow-up with a Welch comparison of leavers and stayers.

"Ours" is ``wesaid.analysis.change.analyse_outcome`` (which also validates every answer, checks
for repeated answers and builds frozen results). The baseline is the shortest vectorised numpy
a careful person would write for the same numbers, with no checks. Both sides turn string
codes into integers with ``pandas.factorize``, so the ratio measures our validation and
structure, not a slower code mapping on one side.

Data: 10,000 respondents x 3 waves x 30 items = 900,000 answers in long format (fixed seed),
about 1% of answers skipped and 15% of people leaving before the follow-up (their follow-up
rows are blank). Also 1,000 respondents, to see how the time scales.

Aims: ours within 3x of the baseline at full size; ten times the data costs at most twelve
times the time. ``--check`` exits with status 1 if an aim is missed.

    .venv/bin/python benchmarks/bench_change.py [--check] [--repeats 9]
"""

from __future__ import annotations

import argparse
import gc
import math
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import optimize, special, stats

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wesaid.analysis.change import analyse_outcome  # noqa: E402
from wesaid.analysis.scoring import InstrumentDefinition  # noqa: E402

SEED = 20261126
ITEMS = tuple(f"item{j:02d}" for j in range(1, 31))
REVERSED = frozenset(ITEMS[j] for j in (2, 7, 12, 19, 25))
WAVES = ("baseline", "midpoint", "follow-up")
LOW, HIGH, MAX_MISSING = 1, 5, 3
RELIABILITY, MEANINGFUL, LEVEL = 0.9, 3.0, 0.95

RATIO_AIM = 3.0
SCALING_AIM = 12.0

DEFINITION = InstrumentDefinition.uniform(
    "bench-30", ITEMS, LOW, HIGH, reverse_scored=REVERSED, max_missing=MAX_MISSING
)


def make_answers(respondents: int, seed: int = SEED) -> dict[str, np.ndarray]:
    """Long-format answers: one row per respondent, wave and item."""
    rng = np.random.default_rng(seed)
    k, waves = len(ITEMS), len(WAVES)
    codes = np.array([f"P{i:06d}" for i in range(respondents)], dtype=object)
    trait = rng.normal(3.0, 0.6, respondents)
    gain = rng.normal(0.15, 0.25, respondents)
    values = np.empty((respondents, waves, k))
    for w in range(waves):
        centre = trait + gain * w / (waves - 1)
        noise = rng.normal(0, 0.8, (respondents, k))
        values[:, w, :] = np.clip(np.rint(centre[:, None] + noise), LOW, HIGH)
    reverse = [j for j, item in enumerate(ITEMS) if item in REVERSED]
    values[:, :, reverse] = LOW + HIGH - values[:, :, reverse]
    values[rng.random(values.shape) < 0.01] = np.nan
    leavers = rng.random(respondents) < 0.15
    values[leavers, waves - 1, :] = np.nan
    return {
        "respondent": np.repeat(codes, waves * k),
        "wave": np.tile(np.repeat(np.array(WAVES, dtype=object), k), respondents),
        "item": np.tile(np.array(ITEMS, dtype=object), respondents * waves),
        "value": values.ravel(),
    }


# --- the baseline: the same arithmetic, written straight -------------------------------------


def _nc_interval(t_obs: float, df: float) -> tuple[float, float]:
    def solve(target: float) -> float:
        step = 2.0 + abs(t_obs) / math.sqrt(df)
        while True:
            lo, hi = t_obs - step, t_obs + step
            f_lo = stats.nct.cdf(t_obs, df, lo) - target
            f_hi = stats.nct.cdf(t_obs, df, hi) - target
            if f_lo > 0 > f_hi:
                return optimize.brentq(
                    lambda nc: stats.nct.cdf(t_obs, df, nc) - target, lo, hi, xtol=1e-12, rtol=1e-12
                )
            step *= 2

    alpha = 1 - LEVEL
    return solve(1 - alpha / 2), solve(alpha / 2)


def _j(df: float) -> float:
    return math.exp(special.gammaln(df / 2) - special.gammaln((df - 1) / 2)) / math.sqrt(df / 2)


def baseline(data: dict[str, np.ndarray]) -> dict[str, float]:
    r, r_codes = pd.factorize(data["respondent"])
    w, w_codes = pd.factorize(data["wave"])
    i, i_codes = pd.factorize(data["item"])
    position = {name: j for j, name in enumerate(ITEMS)}
    i = np.array([position[c] for c in i_codes])[i]
    k = len(ITEMS)
    grid = np.full((len(r_codes), len(w_codes), k), np.nan)
    grid[r, w, i] = data["value"]
    rev = [position[name] for name in REVERSED]
    grid[:, :, rev] = LOW + HIGH - grid[:, :, rev]
    answered = (~np.isnan(grid)).sum(axis=2)
    raw = np.nansum(grid, axis=2)
    score = np.where(answered == k, raw, np.floor(raw * k / np.maximum(answered, 1) + 0.5))
    score[(k - answered > MAX_MISSING) | (answered == 0)] = np.nan

    wb, wf = list(w_codes).index("baseline"), list(w_codes).index("follow-up")
    before_all, after_all = score[:, wb], score[:, wf]
    both = ~np.isnan(before_all) & ~np.isnan(after_all)
    before, after = before_all[both], after_all[both]
    d = after - before
    n = d.size
    mean, sd = d.mean(), d.std(ddof=1)
    se = sd / math.sqrt(n)
    t = mean / se
    p = 2 * stats.t.sf(abs(t), n - 1)
    half = stats.t.ppf(1 - (1 - LEVEL) / 2, n - 1) * se
    ordered = np.sort(d)
    j = int(stats.binom.ppf((1 - LEVEL) / 2, n, 0.5))
    lower = j + 1 if stats.binom.cdf(j, n, 0.5) <= (1 - LEVEL) / 2 else j
    median_ci = (ordered[lower - 1], ordered[n - lower])
    nc_lo, nc_hi = _nc_interval(t, n - 1)
    g = _j(n - 1) * mean / sd
    nz = d[d != 0]
    ranks = stats.rankdata(np.abs(nz))
    total = nz.size * (nz.size + 1) / 2
    r_rb = (2 * ranks[nz > 0].sum() - total) / total
    r_se = math.sqrt(nz.size * (nz.size + 1) * (2 * nz.size + 1) / 6) / total
    z = stats.norm.ppf(1 - (1 - LEVEL) / 2)
    r_ci = (math.tanh(math.atanh(r_rb) - z * r_se), math.tanh(math.atanh(r_rb) + z * r_se))

    s_diff = math.sqrt(2) * before.std(ddof=1) * math.sqrt(1 - RELIABILITY)
    rci = d / s_diff
    improved, deteriorated = int((rci > 1.96).sum()), int((rci < -1.96).sum())

    leavers = before_all[~np.isnan(before_all) & np.isnan(after_all)]
    va, vb = leavers.var(ddof=1), before.var(ddof=1)
    na, nb = leavers.size, before.size
    diff = leavers.mean() - before.mean()
    welch_se = math.sqrt(va / na + vb / nb)
    welch_df = (va / na + vb / nb) ** 2 / ((va / na) ** 2 / (na - 1) + (vb / nb) ** 2 / (nb - 1))
    welch_p = 2 * stats.t.sf(abs(diff / welch_se), welch_df)
    pooled = math.sqrt(((na - 1) * va + (nb - 1) * vb) / (na + nb - 2))
    scale = math.sqrt(na * nb / (na + nb))
    g_lo, g_hi = _nc_interval(diff / pooled * scale, na + nb - 2)
    all_ranks = stats.rankdata(np.concatenate([leavers, before]))
    u = all_ranks[:na].sum() - na * (na + 1) / 2
    return {
        "n": n,
        "mean_change": mean,
        "ci_low": mean - half,
        "ci_high": mean + half,
        "p": p,
        "median_low": median_ci[0],
        "median_high": median_ci[1],
        "g_z": g,
        "g_z_low": _j(n - 1) * nc_lo / math.sqrt(n),
        "g_z_high": _j(n - 1) * nc_hi / math.sqrt(n),
        "r": r_rb,
        "r_low": r_ci[0],
        "improved": improved,
        "deteriorated": deteriorated,
        "meaningful": int((d >= MEANINGFUL).sum()),
        "leavers": na,
        "welch_p": welch_p,
        "leavers_g_low": _j(na + nb - 2) * g_lo / scale,
        "leavers_r": 2 * u / (na * nb) - 1,
    }


def ours(data: dict[str, np.ndarray]) -> dict[str, float]:
    result = analyse_outcome(
        data,
        DEFINITION,
        baseline_wave="baseline",
        follow_up_wave="follow-up",
        reliability=RELIABILITY,
        meaningful_change=MEANINGFUL,
        level=LEVEL,
    )
    paired, reliable, loss = result.paired, result.reliable, result.loss
    assert loss.comparison is not None
    return {
        "n": paired.n,
        "mean_change": paired.mean_change,
        "ci_low": paired.mean_change_ci.low,
        "ci_high": paired.mean_change_ci.high,
        "p": paired.p_value,
        "median_low": paired.median_change_ci.low,
        "median_high": paired.median_change_ci.high,
        "g_z": paired.g_z,
        "g_z_low": paired.g_z_ci.low,
        "g_z_high": paired.g_z_ci.high,
        "r": paired.rank_biserial,
        "r_low": paired.rank_biserial_ci.low,
        "improved": reliable.improved,
        "deteriorated": reliable.deteriorated,
        "meaningful": reliable.meaningful_improved,
        "leavers": loss.baseline_only,
        "welch_p": loss.comparison.p_value,
        "leavers_g_low": loss.comparison.hedges_g_ci.low,
        "leavers_r": loss.comparison.rank_biserial,
    }


# --- measuring -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    wall: float
    cpu: float
    peak_mib: float


def fastest(
    functions: dict[str, Callable[[dict], dict]], data: dict, repeats: int
) -> dict[str, tuple[float, float]]:
    """Fastest wall-clock and CPU time of ``repeats`` runs each, taking turns so a burst of
    load elsewhere on the machine hits both sides alike. Garbage collection is off while
    timing, as in timeit. CPU time (this process only) is what the aims are judged on: it is
    much less disturbed by other work on a small shared machine than wall-clock time."""
    for function in functions.values():
        function(data)  # warm caches and imports
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in functions}
    for _ in range(repeats):
        for name, function in functions.items():
            gc.collect()
            gc.disable()
            try:
                wall, cpu = time.perf_counter(), time.process_time()
                function(data)
                times[name].append((time.perf_counter() - wall, time.process_time() - cpu))
            finally:
                gc.enable()
    return {
        name: (min(w for w, _ in values), min(c for _, c in values))
        for name, values in times.items()
    }


def peak_mib(function: Callable[[dict], dict], data: dict) -> float:
    """Peak memory traced while ``function`` runs (the input data is not counted)."""
    gc.collect()
    tracemalloc.start()
    function(data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def same_numbers(a: dict[str, float], b: dict[str, float]) -> list[str]:
    return [key for key in a if not math.isclose(a[key], b[key], rel_tol=1e-9, abs_tol=1e-9)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if an aim is missed")
    parser.add_argument("--repeats", type=int, default=9, help="timed runs; the fastest counts")
    parser.add_argument("--respondents", type=int, default=10_000, help="full-size respondents")
    args = parser.parse_args(argv)

    sizes = (args.respondents // 10, args.respondents)
    results: dict[int, tuple[Measure, Measure]] = {}
    for size in sizes:
        data = make_answers(size)
        mismatched = same_numbers(ours(data), baseline(data))
        if mismatched:
            print(f"Ours and the baseline disagree at {size} respondents: {mismatched}")
            return 2
        seconds = fastest({"ours": ours, "baseline": baseline}, data, args.repeats)
        results[size] = (
            Measure(*seconds["ours"], peak_mib(ours, data)),
            Measure(*seconds["baseline"], peak_mib(baseline, data)),
        )

    print(
        f"{'respondents':>11} {'answers':>9} {'ours cpu':>9} {'base cpu':>9} {'ratio':>6} "
        f"{'ours wall':>10} {'base wall':>10} {'ours MiB':>9} {'base MiB':>9}"
    )
    for size, (mine, base) in results.items():
        answers = size * len(WAVES) * len(ITEMS)
        print(
            f"{size:>11,} {answers:>9,} {mine.cpu:>9.3f} {base.cpu:>9.3f} "
            f"{mine.cpu / base.cpu:>6.2f} {mine.wall:>10.3f} {base.wall:>10.3f} "
            f"{mine.peak_mib:>9.1f} {base.peak_mib:>9.1f}"
        )
    small, large = (results[s] for s in sizes)
    ratio = large[0].cpu / large[1].cpu
    scaling = large[0].cpu / small[0].cpu
    base_scaling = large[1].cpu / small[1].cpu
    print(
        f"ratio ours/baseline at full size: {ratio:.2f} CPU, "
        f"{large[0].wall / large[1].wall:.2f} wall (aim <= {RATIO_AIM})"
    )
    print(
        f"scaling ours 10x data: {scaling:.2f}x CPU, {large[0].wall / small[0].wall:.2f}x wall "
        f"(aim <= {SCALING_AIM}); baseline {base_scaling:.2f}x CPU"
    )
    missed = []
    if ratio > RATIO_AIM:
        missed.append("ratio")
    if scaling > SCALING_AIM:
        missed.append("scaling")
    if missed:
        print(f"Aims missed: {', '.join(missed)}")
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
