"""Who takes part compared with who lives in the area.

Why: co-production should reach the people who draw on care and support locally. A project
compares the people taking part (by ethnic group, disability, unpaid care, sex...) with the
local population from the Census 2021 tables (TS021, TS038, TS039, TS009) and asks: which
groups are missing or clearly fewer than we would expect?

For each category we report the participant share, the population share, the representation
ratio (participant share / population share, 1 = in line with the area) and a confidence
interval for that ratio. The population share is treated as known (it comes from a census),
so the interval is the Wilson (default) or Clopper-Pearson interval for the participant
proportion divided by the population share. "Prefer not to say" answers are counted
separately and left out of every share.

The overall goodness-of-fit test compares observed counts with those expected from the
population shares, using Pearson's X² statistic throughout:

- all expected counts at least 5: the chi-square distribution with k - 1 df;
- otherwise, when the number of possible outcomes is small enough: the exact multinomial
  distribution (p = total probability of outcomes with X² at least the observed value);
- otherwise: Monte Carlo with a fixed seed, ``p = (1 + #{X²_sim >= X²_obs}) / (B + 1)``.

A category is flagged as under-represented when the upper end of its ratio interval is
below 1 ("clearly fewer"), or when nobody from it took part although at least one person
would be expected ("none taking part").

How sure we are that the mix as a whole differs from the area (``overall``) comes from the
ratio intervals, not from the goodness-of-fit p-value alone: it is "clear" when at least one
category's ratio interval at the Bonferroni-adjusted level 1 - (1 - level) / k leaves out 1,
so that looking at k categories at once does not make a chance difference look real. The
goodness-of-fit test is reported beside it for staff; it says whether the counts could come
from a random sample of the area, not which groups differ or by how much. See
docs/statistics.md.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

import numpy as np
from scipy import special, stats

from .certainty import Certainty
from .errors import AnalysisInputError, InputProblem

#: Answers that mean the person chose not to tell us; counted, never part of the shares.
NOT_STATED: tuple[str, ...] = ("Prefer not to say",)
#: Expected count below which the chi-square approximation is not trusted (Cochran 1954).
MIN_EXPECTED = 5.0
#: Largest number of possible outcomes the exact multinomial test will enumerate.
EXACT_LIMIT = 100_000
#: Monte Carlo draws when exact enumeration is too big (p-value MC error at most ~0.0035).
SIMULATIONS = 20_000
#: Fixed seed (Census day, 21 March 2021) so the same data always give the same p-value.
SEED = 20210321
#: Largest count of people in one category (more than the UK population, with room to spare):
#: a larger number is a mistake, and it would overflow the simulations.
MAX_COUNT = 10**9


class Status(StrEnum):
    UNDER = "under"
    OVER = "over"
    IN_LINE = "in line"


class UnderReason(StrEnum):
    #: The upper end of the ratio interval is below 1.
    CLEARLY_FEWER = "clearly fewer"
    #: Nobody took part although at least one person would be expected.
    NONE_TAKING_PART = "none taking part"


CiMethod = Literal["wilson", "exact"]
GofMethod = Literal["chi-square", "exact", "monte-carlo"]


@dataclass(frozen=True)
class CategoryRow:
    """One category: how many took part, how many the population would suggest, and the ratio.

    ``status`` is ``"under"``, ``"over"`` or ``"in line"``; ``under_reason`` is
    ``"clearly fewer"`` (upper end of the ratio interval below 1) or ``"none taking part"``
    (nobody took part although at least one person was expected), else ``None``.
    """

    category: str
    observed: int
    expected: float
    participant_share: float
    population_share: float
    ratio: float
    ratio_ci: tuple[float, float]
    status: Status
    under_reason: UnderReason | None
    #: The ratio interval at the Bonferroni-adjusted level 1 - (1 - level) / k, used for the
    #: judgement about the mix as a whole.
    ratio_ci_simultaneous: tuple[float, float] = (0.0, math.inf)


@dataclass(frozen=True)
class GoodnessOfFit:
    """Overall test of "participants look like a random sample of the population"."""

    method: GofMethod
    statistic: float
    df: int
    p_value: float
    smallest_expected: float
    simulations: int | None
    seed: int | None


@dataclass(frozen=True)
class RepresentationResult:
    """Per-category comparison, the overall test and the list of under-represented groups."""

    rows: tuple[CategoryRow, ...]
    total: int
    not_stated: int
    gof: GoodnessOfFit
    under_represented: tuple[str, ...]
    dropped: tuple[str, ...]
    level: float
    ci_method: str

    @property
    def overall(self) -> Certainty:
        """CLEAR when at least one category's simultaneous ratio interval leaves out 1."""
        for row in self.rows:
            low, high = row.ratio_ci_simultaneous
            if low > 1 or high < 1:
                return Certainty.CLEAR
        return Certainty.UNCLEAR

    @property
    def clearly_different(self) -> tuple[CategoryRow, ...]:
        """The categories whose simultaneous interval leaves out 1 (fewer or more)."""
        return tuple(
            r for r in self.rows if r.ratio_ci_simultaneous[0] > 1 or r.ratio_ci_simultaneous[1] < 1
        )


# --- intervals ----------------------------------------------------------------------------


def wilson_interval(successes: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """Wilson (1927) score interval for a binomial proportion, without continuity correction."""
    z = float(stats.norm.ppf(0.5 + level / 2))
    p = successes / n
    denominator = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    return max(0.0, centre - half), min(1.0, centre + half)


def clopper_pearson_interval(successes: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """Clopper and Pearson (1934) "exact" interval from beta quantiles; conservative."""
    alpha = 1 - level
    low = 0.0 if successes == 0 else float(stats.beta.ppf(alpha / 2, successes, n - successes + 1))
    high = (
        1.0
        if successes == n
        else float(stats.beta.ppf(1 - alpha / 2, successes + 1, n - successes))
    )
    return low, high


# --- goodness of fit ----------------------------------------------------------------------


def pearson_statistic(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """Pearson's X² = sum (O - E)² / E along the last axis."""
    return np.sum((observed - expected) ** 2 / expected, axis=-1)


def multinomial_outcomes(n: int, k: int) -> np.ndarray:
    """Every way to split ``n`` people into ``k`` categories, one row per outcome."""
    rows = np.zeros((1, 0), dtype=np.int64)
    remaining = np.array([n], dtype=np.int64)
    for _ in range(k - 1):
        sizes = remaining + 1
        parent = np.repeat(np.arange(rows.shape[0]), sizes)
        starts = np.repeat(np.cumsum(sizes) - sizes, sizes)
        value = np.arange(parent.size) - starts
        rows = np.column_stack([rows[parent], value])
        remaining = remaining[parent] - value
    return np.column_stack([rows, remaining])


def outcome_count(n: int, k: int) -> int:
    """How many outcomes :func:`multinomial_outcomes` would list: C(n + k - 1, k - 1)."""
    return math.comb(n + k - 1, k - 1)


def _at_least(values: np.ndarray, observed: float) -> np.ndarray:
    # Outcomes with the same X² as the one observed count as "at least as extreme"; a tiny
    # tolerance stops floating-point noise from splitting ties.
    return values >= observed - 1e-9 * max(1.0, observed)


def exact_multinomial_p(observed: np.ndarray, shares: np.ndarray) -> float:
    """P(X² >= observed X²) under the multinomial with these shares, by full enumeration."""
    n = int(observed.sum())
    expected = n * shares
    outcomes = multinomial_outcomes(n, shares.size)
    log_p = (
        special.gammaln(n + 1)
        - special.gammaln(outcomes + 1).sum(axis=1)
        + (outcomes * np.log(shares)).sum(axis=1)
    )
    x2 = pearson_statistic(outcomes, expected)
    x2_observed = float(pearson_statistic(observed, expected))
    return float(min(1.0, np.exp(log_p[_at_least(x2, x2_observed)]).sum()))


def monte_carlo_p(observed: np.ndarray, shares: np.ndarray, simulations: int, seed: int) -> float:
    """Simulated P(X² >= observed X²), counting the observed table as one of the draws
    (Davison and Hinkley 1997), so the p-value is never 0."""
    n = int(observed.sum())
    expected = n * shares
    draws = np.random.default_rng(seed).multinomial(n, shares, size=simulations)
    x2 = pearson_statistic(draws, expected)
    x2_observed = float(pearson_statistic(observed, expected))
    return float((1 + np.count_nonzero(_at_least(x2, x2_observed))) / (simulations + 1))


def goodness_of_fit(
    observed: np.ndarray,
    shares: np.ndarray,
    *,
    simulations: int = SIMULATIONS,
    seed: int = SEED,
    exact_limit: int = EXACT_LIMIT,
) -> GoodnessOfFit:
    """Pick chi-square, exact or Monte Carlo by the rule in the module docstring, and run it."""
    n = int(observed.sum())
    k = shares.size
    expected = n * shares
    statistic = float(pearson_statistic(observed, expected))
    smallest = float(expected.min())
    if smallest >= MIN_EXPECTED:
        p = float(stats.chi2.sf(statistic, k - 1))
        return GoodnessOfFit("chi-square", statistic, k - 1, p, smallest, None, None)
    if outcome_count(n, k) <= exact_limit:
        return GoodnessOfFit(
            "exact", statistic, k - 1, exact_multinomial_p(observed, shares), smallest, None, None
        )
    p = monte_carlo_p(observed, shares, simulations, seed)
    return GoodnessOfFit("monte-carlo", statistic, k - 1, p, smallest, simulations, seed)


# --- the comparison -----------------------------------------------------------------------


def _check_count(category: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer | float):
        raise AnalysisInputError(
            f"The count for {category!r} must be a whole number.",
            code=InputProblem.NOT_A_WHOLE_NUMBER,
            argument="counts",
            category=category,
        )
    if not math.isfinite(value) or value < 0 or value != int(value):
        raise AnalysisInputError(
            f"The count for {category!r} must be a whole number of 0 or more.",
            code=InputProblem.NOT_A_WHOLE_NUMBER,
            argument="counts",
            category=category,
        )
    if value > MAX_COUNT:
        raise AnalysisInputError(
            f"The count for {category!r} is more than {MAX_COUNT:,}: check the figure.",
            code=InputProblem.TOO_LARGE,
            argument="counts",
            category=category,
            largest=MAX_COUNT,
        )
    return int(value)


def _check_share(category: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise AnalysisInputError(
            f"The population figure for {category!r} must be a number.",
            code=InputProblem.NOT_A_NUMBER,
            argument="population",
            category=category,
        )
    if not math.isfinite(value) or value < 0:
        raise AnalysisInputError(
            f"The population figure for {category!r} must be a finite number of 0 or more.",
            code=InputProblem.NOT_A_NUMBER,
            argument="population",
            category=category,
        )
    return float(value)


def _status(
    ci: tuple[float, float], observed: int, expected: float
) -> tuple[Status, UnderReason | None]:
    if ci[1] < 1:
        return Status.UNDER, UnderReason.CLEARLY_FEWER
    if observed == 0 and expected >= 1:
        return Status.UNDER, UnderReason.NONE_TAKING_PART
    if ci[0] > 1:
        return Status.OVER, None
    return Status.IN_LINE, None


def _not_stated_names(value: object) -> set[str]:
    """The not-stated categories as a set of names. One name given as text is one category,
    never its letters ("Unknown" is not "U", "n", ...)."""
    if isinstance(value, str):
        return {value}
    if not isinstance(value, Collection) or not all(isinstance(v, str) for v in value):
        raise AnalysisInputError(
            "not_stated must be a list of category names, for example ['Prefer not to say'].",
            code=InputProblem.NOT_A_LIST_OF_NAMES,
            argument="not_stated",
        )
    return set(value)


def compare_with_population(
    counts: Mapping[str, int],
    population: Mapping[str, float],
    *,
    not_stated: Collection[str] = NOT_STATED,
    level: float = 0.95,
    ci_method: CiMethod = "wilson",
    simulations: int = SIMULATIONS,
    seed: int = SEED,
    exact_limit: int = EXACT_LIMIT,
) -> RepresentationResult:
    """Compare participants' categories with population shares (or counts, scaled to shares).

    ``counts`` maps category to the number of participants; categories missing from it count
    as 0. ``population`` maps category to a population count or share, in the order rows
    should be shown (e.g. the Census order). Categories in ``not_stated`` are counted
    separately. A category with a population share of 0 and nobody taking part is dropped
    (listed in ``dropped``); one with participants but no population share is an error.
    """
    if isinstance(level, bool) or not (isinstance(level, int | float) and 0 < level < 1):
        raise AnalysisInputError(
            "level must be between 0 and 1, for example 0.95.",
            code=InputProblem.BAD_LEVEL,
            argument="level",
            low=0,
            high=1,
        )
    if ci_method not in ("wilson", "exact"):
        raise AnalysisInputError(
            'ci_method must be "wilson" or "exact".',
            code=InputProblem.BAD_CHOICE,
            argument="ci_method",
            choices=("wilson", "exact"),
        )
    for name, value, least in (
        ("simulations", simulations, 100),
        ("exact_limit", exact_limit, 0),
        ("seed", seed, 0),
    ):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < least:
            raise AnalysisInputError(
                f"{name} must be a whole number of at least {least}.",
                code=InputProblem.NOT_A_WHOLE_NUMBER,
                argument=name,
                least=least,
            )
    if not isinstance(counts, Mapping) or not isinstance(population, Mapping):
        raise AnalysisInputError(
            "counts and population must map each category to a number.",
            code=InputProblem.NOT_A_MAPPING,
            argument="counts" if not isinstance(counts, Mapping) else "population",
        )
    skip = _not_stated_names(not_stated)
    checked_counts = {str(c): _check_count(str(c), v) for c, v in counts.items()}
    population_figures = {
        str(c): _check_share(str(c), v) for c, v in population.items() if str(c) not in skip
    }
    unknown = sorted(set(checked_counts) - set(population_figures) - skip)
    if unknown:
        raise AnalysisInputError(
            "These categories have participants but no population figure: " + ", ".join(unknown),
            code=InputProblem.UNKNOWN_NAME,
            argument="counts",
            other="population",
            names=tuple(unknown),
        )
    dropped = tuple(
        c for c, v in population_figures.items() if v == 0 and checked_counts.get(c, 0) == 0
    )
    impossible = [
        c for c, v in population_figures.items() if v == 0 and checked_counts.get(c, 0) > 0
    ]
    if impossible:
        raise AnalysisInputError(
            "These categories have participants but a population figure of 0: "
            + ", ".join(impossible),
            code=InputProblem.NOT_POSITIVE,
            argument="population",
            names=tuple(impossible),
        )
    categories = [c for c in population_figures if c not in dropped]
    if len(categories) < 2:
        raise AnalysisInputError(
            "At least two categories with a population figure are needed.",
            code=InputProblem.TOO_FEW,
            argument="population",
            least=2,
        )
    observed = np.array([checked_counts.get(c, 0) for c in categories], dtype=np.int64)
    total = int(observed.sum())
    if total == 0:
        raise AnalysisInputError(
            "Nobody with a stated category: there is nothing to compare.",
            code=InputProblem.TOO_FEW_PEOPLE,
            argument="counts",
            least=1,
        )
    figures = np.array([population_figures[c] for c in categories])
    shares = figures / figures.sum()
    expected = total * shares
    interval = wilson_interval if ci_method == "wilson" else clopper_pearson_interval
    simultaneous_level = 1 - (1 - level) / len(categories)

    rows = []
    for category, o, e, share in zip(categories, observed, expected, shares, strict=True):
        low, high = interval(int(o), total, level)
        ci = (low / share, high / share)
        s_low, s_high = interval(int(o), total, simultaneous_level)
        status, reason = _status(ci, int(o), float(e))
        rows.append(
            CategoryRow(
                category=category,
                observed=int(o),
                expected=float(e),
                participant_share=float(o / total),
                population_share=float(share),
                ratio=float(o / total / share),
                ratio_ci=(float(ci[0]), float(ci[1])),
                status=status,
                under_reason=reason,
                ratio_ci_simultaneous=(float(s_low / share), float(s_high / share)),
            )
        )
    return RepresentationResult(
        rows=tuple(rows),
        total=total,
        not_stated=sum(v for c, v in checked_counts.items() if c in skip),
        gof=goodness_of_fit(
            observed, shares, simulations=simulations, seed=seed, exact_limit=exact_limit
        ),
        under_represented=tuple(r.category for r in rows if r.status is Status.UNDER),
        dropped=dropped,
        level=level,
        ci_method=ci_method,
    )
