"""How far coders agree when they sort the same comments, stories or answers into themes.

Why: co-produced qualitative analysis often has two or more people (staff and members with
lived experience) code the same material. Kappa says how much they agree beyond what chance
alone would give, so a team can see whether its coding frame is clear enough to share.

- Cohen's kappa (Cohen 1960), two coders, with the large-sample standard error of Fleiss,
  Cohen and Everitt (1969), which does not assume kappa is 0; CI = kappa ± z * SE, cut to
  [-1, 1]. A Wald interval is too narrow for small numbers of items and is a point when the
  coders agree on everything; the plain words add a caution for under 30 items.
- Fleiss' kappa (Fleiss 1971), any fixed number of coders per item; CI from the jackknife
  over items (Efron 1982), kappa ± z * SE_jackknife, because no simple non-null standard
  error is agreed for it.

Strength words follow Landis and Koch (1977), a convention not a law.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from scipy import stats

from .errors import AnalysisInputError, InputProblem


@dataclass(frozen=True)
class CohenKappa:
    """Cohen's kappa for two coders with its agreement table (rows coder A, columns coder B)."""

    kappa: float
    se: float
    ci: tuple[float, float]
    observed_agreement: float
    expected_agreement: float
    n_items: int
    agreements: int
    categories: tuple[Hashable, ...]
    table: tuple[tuple[int, ...], ...]
    level: float


@dataclass(frozen=True)
class FleissKappa:
    """Fleiss' kappa for several coders; ``se``/``ci`` are ``None`` when a jackknife
    replicate has no chance disagreement left (kappa undefined without one item)."""

    kappa: float
    se: float | None
    ci: tuple[float, float] | None
    observed_agreement: float
    expected_agreement: float
    n_items: int
    n_raters: int
    categories: tuple[Hashable, ...]
    category_shares: tuple[float, ...]
    level: float


def _z(level: float) -> float:
    if not (isinstance(level, int | float) and 0 < level < 1):
        raise AnalysisInputError(
            "level must be between 0 and 1, for example 0.95.",
            code=InputProblem.BAD_LEVEL,
            argument="level",
            low=0,
            high=1,
        )
    return float(stats.norm.ppf(0.5 + level / 2))


def _is_missing(label: object) -> bool:
    return label is None or (isinstance(label, float) and math.isnan(label))


def _categories(
    labels: Sequence[Hashable],
    categories: Sequence[Hashable] | None,
    *,
    owner: Callable[[int], tuple[str, int]],
) -> list[Hashable]:
    """The categories, checked against the codes; ``owner`` gives the public parameter and
    the position (from 1) there of each code in ``labels``, for the errors."""
    for position, label in enumerate(labels):
        if _is_missing(label):
            argument, place = owner(position)
            raise AnalysisInputError(
                f"Item {position + 1} has no code: every item needs one.",
                code=InputProblem.MISSING,
                argument=argument,
                position=place,
            )
    if categories is None:
        return sorted(set(labels), key=lambda c: (type(c).__name__, str(c)))
    chosen = list(categories)
    if len(set(chosen)) != len(chosen):
        repeated = sorted({str(c) for c in chosen if chosen.count(c) > 1})
        raise AnalysisInputError(
            "categories lists the same category more than once.",
            code=InputProblem.DUPLICATE,
            argument="categories",
            names=tuple(repeated),
        )
    unknown = sorted({str(x) for x in labels} - {str(c) for c in chosen})
    if set(labels) - set(chosen):
        first = next(i for i, label in enumerate(labels) if label not in set(chosen))
        raise AnalysisInputError(
            "These codes are not in categories: " + ", ".join(unknown),
            code=InputProblem.UNKNOWN_NAME,
            argument=owner(first)[0],
            other="categories",
            names=tuple(unknown),
        )
    return chosen


def _table(values: Sequence[Sequence[int]], what: str, *, argument: str) -> np.ndarray:
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError) as error:
        raise AnalysisInputError(
            f"The {what} must hold numbers, in rows of equal length.",
            code=InputProblem.BAD_SHAPE,
            argument=argument,
        ) from error


# --- Cohen ----------------------------------------------------------------------------------


def fce_variance(p: np.ndarray, kappa: float) -> float:
    """Fleiss, Cohen and Everitt (1969) large-sample variance of kappa times n.

    ``p`` is the table of proportions (rows coder A, columns coder B).
    """
    rows = p.sum(axis=1)
    cols = p.sum(axis=0)
    pe = float(rows @ cols)
    diagonal = np.diag(p)
    term_a = float(np.sum(diagonal * (1 - (rows + cols) * (1 - kappa)) ** 2))
    cross = p * (cols[:, None] + rows[None, :]) ** 2
    np.fill_diagonal(cross, 0.0)
    term_b = (1 - kappa) ** 2 * float(cross.sum())
    term_c = (kappa - pe * (1 - kappa)) ** 2
    return max(0.0, (term_a + term_b - term_c) / (1 - pe) ** 2)


def cohens_kappa_from_table(
    table: Sequence[Sequence[int]],
    *,
    categories: Sequence[Hashable] | None = None,
    level: float = 0.95,
) -> CohenKappa:
    """Cohen's kappa from a square table of counts (rows coder A, columns coder B)."""
    return _cohen_from_table(table, categories=categories, level=level, argument="table")


def _cohen_from_table(
    table: Sequence[Sequence[int]],
    *,
    categories: Sequence[Hashable] | None,
    level: float,
    argument: str,
) -> CohenKappa:
    """:func:`cohens_kappa_from_table`, naming ``argument`` when the codes are the problem."""
    z = _z(level)
    counts = _table(table, "agreement table", argument=argument)
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1] or counts.shape[0] < 1:
        raise AnalysisInputError(
            "The agreement table must be square: one row and column per category.",
            code=InputProblem.BAD_SHAPE,
            argument=argument,
        )
    if not np.all(np.isfinite(counts)) or np.any(counts < 0) or np.any(counts != np.round(counts)):
        raise AnalysisInputError(
            "The agreement table must hold whole numbers of 0 or more.",
            code=InputProblem.NOT_A_WHOLE_NUMBER,
            argument=argument,
        )
    n = float(counts.sum())
    if n == 0:
        raise AnalysisInputError(
            "The agreement table is empty: no items were coded.",
            code=InputProblem.EMPTY,
            argument=argument,
        )
    names = tuple(categories) if categories is not None else tuple(range(counts.shape[0]))
    if len(names) != counts.shape[0]:
        raise AnalysisInputError(
            "categories must name each row of the table once.",
            code=InputProblem.LENGTHS_DIFFER,
            argument="categories",
            other=argument,
        )
    p = counts / n
    po = float(np.trace(p))
    pe = float(p.sum(axis=1) @ p.sum(axis=0))
    if math.isclose(pe, 1.0):
        raise AnalysisInputError(
            "Both coders used one and the same category for every item, so agreement beyond "
            "chance cannot be measured.",
            code=InputProblem.NO_VARIATION,
            argument=argument,
        )
    kappa = (po - pe) / (1 - pe)
    se = math.sqrt(fce_variance(p, kappa) / n)
    return CohenKappa(
        kappa=kappa,
        se=se,
        ci=(max(-1.0, kappa - z * se), min(1.0, kappa + z * se)),
        observed_agreement=po,
        expected_agreement=pe,
        n_items=int(n),
        agreements=int(np.trace(counts)),
        categories=names,
        table=tuple(tuple(int(x) for x in row) for row in counts),
        level=level,
    )


def cohens_kappa(
    coder_a: Sequence[Hashable],
    coder_b: Sequence[Hashable],
    *,
    categories: Sequence[Hashable] | None = None,
    level: float = 0.95,
) -> CohenKappa:
    """Cohen's kappa for two coders' codes, item by item in the same order."""
    a, b = list(coder_a), list(coder_b)
    if len(a) != len(b):
        raise AnalysisInputError(
            f"Coder A coded {len(a)} items and coder B {len(b)}: they must code the same items.",
            code=InputProblem.LENGTHS_DIFFER,
            argument="coder_a",
            other="coder_b",
        )
    if not a:
        raise AnalysisInputError(
            "No items were coded.", code=InputProblem.EMPTY, argument="coder_a"
        )

    def owner(position: int) -> tuple[str, int]:
        return (
            ("coder_a", position + 1) if position < len(a) else ("coder_b", position - len(a) + 1)
        )

    names = _categories(a + b, categories, owner=owner)
    position = {c: i for i, c in enumerate(names)}
    counts = np.zeros((len(names), len(names)), dtype=np.int64)
    for x, y in zip(a, b, strict=True):
        counts[position[x], position[y]] += 1
    return _cohen_from_table(counts, categories=names, level=level, argument="coder_a")


# --- Fleiss ---------------------------------------------------------------------------------


def _fleiss_parts(counts: np.ndarray) -> tuple[float, float, float, np.ndarray]:
    """Kappa, mean observed agreement P-bar, chance agreement P-bar-e and category shares."""
    n_items, _ = counts.shape
    raters = counts[0].sum()
    shares = counts.sum(axis=0) / (n_items * raters)
    per_item = (np.sum(counts**2, axis=1) - raters) / (raters * (raters - 1))
    observed = float(per_item.mean())
    expected = float(np.sum(shares**2))
    if math.isclose(expected, 1.0):
        return math.nan, observed, expected, shares
    return (observed - expected) / (1 - expected), observed, expected, shares


def fleiss_kappa_from_counts(
    counts: Sequence[Sequence[int]],
    *,
    categories: Sequence[Hashable] | None = None,
    level: float = 0.95,
) -> FleissKappa:
    """Fleiss' kappa from an items x categories table: how many coders chose each category."""
    return _fleiss_from_counts(counts, categories=categories, level=level, argument="counts")


def _fleiss_from_counts(
    counts: Sequence[Sequence[int]],
    *,
    categories: Sequence[Hashable] | None,
    level: float,
    argument: str,
) -> FleissKappa:
    """:func:`fleiss_kappa_from_counts`, naming ``argument`` when the codes are the problem."""
    z = _z(level)
    table = _table(counts, "table", argument=argument)
    if table.ndim != 2 or table.shape[0] < 1 or table.shape[1] < 1:
        raise AnalysisInputError(
            "The table needs one row per item and one column per category.",
            code=InputProblem.BAD_SHAPE,
            argument=argument,
        )
    if not np.all(np.isfinite(table)) or np.any(table < 0) or np.any(table != np.round(table)):
        raise AnalysisInputError(
            "The table must hold whole numbers of 0 or more.",
            code=InputProblem.NOT_A_WHOLE_NUMBER,
            argument=argument,
        )
    raters = table.sum(axis=1)
    if np.any(raters != raters[0]):
        raise AnalysisInputError(
            "Every item must be coded by the same number of coders.",
            code=InputProblem.BAD_SHAPE,
            argument=argument,
            position=int(np.flatnonzero(raters != raters[0])[0]) + 1,
        )
    if raters[0] < 2:
        raise AnalysisInputError(
            "Each item needs at least two coders.",
            code=InputProblem.TOO_FEW,
            argument=argument,
            least=2,
        )
    if table.shape[0] < 2:
        raise AnalysisInputError(
            "At least two items are needed.", code=InputProblem.TOO_FEW, argument=argument, least=2
        )
    names = tuple(categories) if categories is not None else tuple(range(table.shape[1]))
    if len(names) != table.shape[1]:
        raise AnalysisInputError(
            "categories must name each column of the table once.",
            code=InputProblem.LENGTHS_DIFFER,
            argument="categories",
            other=argument,
        )
    kappa, observed, expected, shares = _fleiss_parts(table)
    if math.isnan(kappa):
        raise AnalysisInputError(
            "Every coder used one and the same category for every item, so agreement beyond "
            "chance cannot be measured.",
            code=InputProblem.NO_VARIATION,
            argument=argument,
        )
    se = _jackknife_se(table)
    return FleissKappa(
        kappa=kappa,
        se=se,
        ci=None if se is None else (max(-1.0, kappa - z * se), min(1.0, kappa + z * se)),
        observed_agreement=observed,
        expected_agreement=expected,
        n_items=int(table.shape[0]),
        n_raters=int(raters[0]),
        categories=names,
        category_shares=tuple(float(s) for s in shares),
        level=level,
    )


def _jackknife_se(table: np.ndarray) -> float | None:
    """Jackknife standard error over items: sqrt((m-1)/m * sum (k_(i) - k_(.))²)."""
    m = table.shape[0]
    replicates = np.array([_fleiss_parts(np.delete(table, i, axis=0))[0] for i in range(m)])
    if np.any(np.isnan(replicates)):
        return None
    return float(math.sqrt((m - 1) / m * np.sum((replicates - replicates.mean()) ** 2)))


def fleiss_kappa(
    ratings: Sequence[Sequence[Hashable]],
    *,
    categories: Sequence[Hashable] | None = None,
    level: float = 0.95,
) -> FleissKappa:
    """Fleiss' kappa from each item's list of codes (one code per coder, same number each)."""
    items = [list(r) for r in ratings]
    if not items:
        raise AnalysisInputError(
            "No items were coded.", code=InputProblem.EMPTY, argument="ratings"
        )
    item_of = [row for row, item in enumerate(items) for _ in item]
    names = _categories(
        [c for item in items for c in item],
        categories,
        owner=lambda position: ("ratings", item_of[position] + 1),
    )
    position = {c: i for i, c in enumerate(names)}
    counts = np.zeros((len(items), len(names)), dtype=np.int64)
    for row, item in enumerate(items):
        for code in item:
            counts[row, position[code]] += 1
    return _fleiss_from_counts(counts, categories=names, level=level, argument="ratings")


# --- words ------------------------------------------------------------------------------------


class Strength(StrEnum):
    """Landis and Koch's (1977) bands for kappa; the wording layer puts them into words."""

    POOR = "poor"
    SLIGHT = "slight"
    FAIR = "fair"
    MODERATE = "moderate"
    SUBSTANTIAL = "substantial"
    ALMOST_PERFECT = "almost perfect"


#: Upper end of each band (a kappa of exactly 0.20 is "slight").
STRENGTH_BANDS: tuple[tuple[float, Strength], ...] = (
    (0.0, Strength.POOR),
    (0.20, Strength.SLIGHT),
    (0.40, Strength.FAIR),
    (0.60, Strength.MODERATE),
    (0.80, Strength.SUBSTANTIAL),
    (1.0, Strength.ALMOST_PERFECT),
)


def strength(kappa: float) -> Strength:
    """Landis and Koch's band for a kappa value (below 0 is "poor")."""
    if isinstance(kappa, bool) or not isinstance(kappa, int | float) or not math.isfinite(kappa):
        raise AnalysisInputError(
            "kappa must be a finite number.", code=InputProblem.NOT_A_NUMBER, argument="kappa"
        )
    if kappa < 0:
        return Strength.POOR
    for upper, band in STRENGTH_BANDS[1:]:
        if kappa <= upper:
            return band
    return Strength.ALMOST_PERFECT
