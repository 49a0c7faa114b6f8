"""Delphi consensus on which outcomes matter, by stakeholder group.

Why: in a co-produced core outcome set, people with lived experience, unpaid carers and
practitioners each rate every candidate outcome from 1 (not important) to 9 (critical). An
outcome is "in" only when every group agrees it is critical, so no group's view is outvoted.
Each round's per-group distributions are fed back to people in the next round (COMET).

Rules (COMET conventions; Williamson et al. 2017, the COMET Handbook version 1.0):

- consensus in: at least 70% score 7-9 and fewer than 15% score 1-3, in every group;
- consensus out ("mirror", default): at least 70% score 1-3 and fewer than 15% score 7-9,
  in every group;
- consensus out ("half", an alternative convention): at most 50% score 7-9 in every group;
- otherwise: no consensus.

"Don't know" (``None``) answers are left out of every percentage and reported separately.
Comparisons use exact fractions, so 7 of 10 is exactly 70%. Projects can change every
threshold through :class:`ConsensusRules`.
"""

from __future__ import annotations

import numbers
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Literal

from .errors import AnalysisInputError, InputProblem

SCORES = tuple(range(1, 10))
NOT_IMPORTANT = (1, 2, 3)
IMPORTANT = (4, 5, 6)
CRITICAL = (7, 8, 9)


@dataclass(frozen=True)
class ConsensusRules:
    """Thresholds for consensus; shares are between 0 and 1.

    ``out_convention`` is ``"mirror"`` (the two ``out_*`` mirror thresholds) or ``"half"``
    (``out_critical_at_most``). With ``within_every_group=False`` all groups are pooled.
    """

    in_critical_at_least: float = 0.70
    in_not_important_below: float = 0.15
    out_convention: Literal["mirror", "half"] = "mirror"
    out_not_important_at_least: float = 0.70
    out_critical_below: float = 0.15
    out_critical_at_most: float = 0.50
    within_every_group: bool = True

    def __post_init__(self) -> None:
        for name in (
            "in_critical_at_least",
            "in_not_important_below",
            "out_not_important_at_least",
            "out_critical_below",
            "out_critical_at_most",
        ):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
                raise AnalysisInputError(
                    f"{name} must be a share between 0 and 1, e.g. 0.7.",
                    code=InputProblem.OUT_OF_RANGE,
                    argument=name,
                    low=0,
                    high=1,
                )
        if self.out_convention not in ("mirror", "half"):
            raise AnalysisInputError(
                'out_convention must be "mirror" or "half".',
                code=InputProblem.BAD_CHOICE,
                argument="out_convention",
                choices=("mirror", "half"),
            )
        if self.out_convention == "half" and self.out_critical_at_most >= self.in_critical_at_least:
            raise AnalysisInputError(
                "out_critical_at_most must be below in_critical_at_least, or an item could be "
                "both in and out.",
                code=InputProblem.CONFLICTS_WITH,
                argument="out_critical_at_most",
                other="in_critical_at_least",
            )


#: COMET's default rules.
COMET = ConsensusRules()
#: COMET "in" with the alternative "out": at most 50% score 7-9 in every group.
COMET_OUT_AT_MOST_HALF_CRITICAL = ConsensusRules(out_convention="half")


class Verdict(StrEnum):
    """The outcome of one item under the rules."""

    IN = "in"
    OUT = "out"
    NONE = "no consensus"


@dataclass(frozen=True)
class GroupDistribution:
    """One group's scores for one item, as fed back in the next round.

    Shares are of people who gave a score (``n_rated``), ``None`` when nobody did.
    """

    group: str
    counts: tuple[int, ...]
    dont_know: int
    n_rated: int
    share_not_important: float | None
    share_important: float | None
    share_critical: float | None
    median: float | None


@dataclass(frozen=True)
class ItemConsensus:
    """The verdict on one item with its per-group and overall distributions."""

    item: str
    verdict: Verdict
    groups: tuple[GroupDistribution, ...]
    overall: GroupDistribution
    groups_without_ratings: tuple[str, ...]


@dataclass(frozen=True)
class ConsensusResult:
    """Every item's verdict, in input order, with the rules used."""

    items: tuple[ItemConsensus, ...]
    groups: tuple[str, ...]
    rules: ConsensusRules

    def with_verdict(self, verdict: Verdict) -> tuple[str, ...]:
        """Names of the items with this verdict."""
        return tuple(i.item for i in self.items if i.verdict is verdict)


def _check_score(item: str, group: str, score: object) -> int | None:
    if score is None:
        return None
    if isinstance(score, bool) or not isinstance(score, numbers.Integral) or score not in SCORES:
        raise AnalysisInputError(
            f"{item!r}, {group!r}: scores must be whole numbers from 1 to 9 or None for "
            f'"don\'t know"; got {score!r}.',
            code=InputProblem.OUT_OF_RANGE,
            argument="ratings",
            low=SCORES[0],
            high=SCORES[-1],
            item=item,
            group=group,
        )
    return int(score)


def distribution(group: str, scores: Sequence[int | None]) -> GroupDistribution:
    """Counts for each score 1-9, "don't know" count, band shares and median."""
    rated = [s for s in scores if s is not None]
    counts = tuple(rated.count(s) for s in SCORES)
    n = len(rated)

    def share(band: tuple[int, ...]) -> float | None:
        return None if n == 0 else sum(counts[s - 1] for s in band) / n

    return GroupDistribution(
        group=group,
        counts=counts,
        dont_know=len(scores) - n,
        n_rated=n,
        share_not_important=share(NOT_IMPORTANT),
        share_important=share(IMPORTANT),
        share_critical=share(CRITICAL),
        median=float(statistics.median(rated)) if rated else None,
    )


def _fraction(counts: tuple[int, ...], band: tuple[int, ...], n: int) -> Fraction:
    return Fraction(sum(counts[s - 1] for s in band), n)


def _threshold(value: float) -> Fraction:
    # From the decimal as written (0.7 means exactly 7/10), not its binary approximation.
    return Fraction(str(value))


def meets_in(d: GroupDistribution, rules: ConsensusRules) -> bool:
    """Whether one group's scores meet the "consensus in" rule."""
    if d.n_rated == 0:
        return False
    critical = _fraction(d.counts, CRITICAL, d.n_rated)
    low = _fraction(d.counts, NOT_IMPORTANT, d.n_rated)
    return critical >= _threshold(rules.in_critical_at_least) and low < _threshold(
        rules.in_not_important_below
    )


def meets_out(d: GroupDistribution, rules: ConsensusRules) -> bool:
    """Whether one group's scores meet the "consensus out" rule of the chosen convention."""
    if d.n_rated == 0:
        return False
    critical = _fraction(d.counts, CRITICAL, d.n_rated)
    if rules.out_convention == "half":
        return critical <= _threshold(rules.out_critical_at_most)
    low = _fraction(d.counts, NOT_IMPORTANT, d.n_rated)
    return low >= _threshold(rules.out_not_important_at_least) and critical < _threshold(
        rules.out_critical_below
    )


def classify(
    ratings: Mapping[str, Mapping[str, Sequence[int | None]]],
    rules: ConsensusRules = COMET,
) -> ConsensusResult:
    """Classify each item from ``ratings[item][group] = [scores 1-9 or None for don't know]``.

    A group that gave no scores to an item (absent, or only "don't know") blocks consensus
    on that item when the rules require it within every group; it is listed in
    ``groups_without_ratings`` so the team can chase it.
    """
    if not isinstance(rules, ConsensusRules):
        raise AnalysisInputError(
            "rules must be a ConsensusRules.", code=InputProblem.BAD_SHAPE, argument="rules"
        )
    if not isinstance(ratings, Mapping):
        raise AnalysisInputError(
            "ratings must map each item to its groups' scores.",
            code=InputProblem.NOT_A_MAPPING,
            argument="ratings",
        )
    if not ratings:
        raise AnalysisInputError(
            "No items to classify.", code=InputProblem.EMPTY, argument="ratings"
        )
    groups: list[str] = []
    for item, by_group in ratings.items():
        if not isinstance(by_group, Mapping) or any(
            isinstance(scores, str | bytes) or not isinstance(scores, Sequence)
            for scores in by_group.values()
        ):
            raise AnalysisInputError(
                f"{item!r}: give the scores by group, for example "
                '{"members": [7, 8, None], "staff": [5, 9]}.',
                code=InputProblem.SCORES_WITHOUT_GROUPS,
                argument="ratings",
                item=str(item),
            )
        if not by_group:
            raise AnalysisInputError(
                f"{item!r} has no ratings from any group.",
                code=InputProblem.MISSING,
                argument="ratings",
                item=str(item),
            )
        for group in by_group:
            if str(group) not in groups:
                groups.append(str(group))

    results = []
    for item, by_group in ratings.items():
        name = str(item)
        given = {
            str(g): [_check_score(name, str(g), s) for s in scores]
            for g, scores in by_group.items()
        }
        dists = tuple(distribution(g, given.get(g, [])) for g in groups)
        overall = distribution("all", [s for scores in given.values() for s in scores])
        if overall.n_rated == 0:
            raise AnalysisInputError(
                f'{name!r} has no scores, only "don\'t know" answers.',
                code=InputProblem.MISSING,
                argument="ratings",
                item=name,
            )
        judged = dists if rules.within_every_group else (overall,)
        if all(meets_in(d, rules) for d in judged):
            verdict = Verdict.IN
        elif all(meets_out(d, rules) for d in judged):
            verdict = Verdict.OUT
        else:
            verdict = Verdict.NONE
        results.append(
            ItemConsensus(
                item=name,
                verdict=verdict,
                groups=dists,
                overall=overall,
                groups_without_ratings=tuple(d.group for d in dists if d.n_rated == 0),
            )
        )
    return ConsensusResult(items=tuple(results), groups=tuple(groups), rules=rules)
