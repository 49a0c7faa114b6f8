"""Delphi consensus under COMET rules, with hand-worked percentages in each test."""

from __future__ import annotations

import numpy as np
import pytest

from wesaid.analysis.consensus import (
    COMET,
    COMET_OUT_AT_MOST_HALF_CRITICAL,
    ConsensusRules,
    Verdict,
    classify,
    distribution,
)
from wesaid.analysis.errors import AnalysisInputError


def one_item(**groups):
    return {"Feeling safe at home": groups}


def verdict(ratings, rules=COMET):
    return classify(ratings, rules).items[0].verdict


def test_it_finds_consensus_in_when_every_group_agrees():
    """Lived experience 8 of 10 score 7-9 (80%), 1 of 10 score 1-3 (10%); carers 7 of 10 (70%,
    exactly the threshold) and 0 low; practitioners 9 of 10 and 0 low: in."""
    ratings = one_item(
        lived=[7, 8, 9, 9, 8, 7, 7, 8, 5, 2],
        carers=[7, 7, 7, 8, 9, 9, 4, 5, 6, 7],
        practitioners=[9, 9, 9, 8, 8, 8, 7, 7, 7, 6],
    )
    assert verdict(ratings) is Verdict.IN


def test_it_needs_fewer_than_fifteen_percent_low_scores_not_fifteen_exactly():
    """20 ratings, 14 score 7-9 (70%). With 3 scoring 1-3 (15%) that is not "fewer than 15%";
    with 2 (10%) it is."""
    fifteen = [8] * 14 + [1, 2, 3] + [5] * 3
    ten = [8] * 14 + [1, 2] + [5] * 4
    assert verdict(one_item(everyone=fifteen)) is Verdict.NONE
    assert verdict(one_item(everyone=ten)) is Verdict.IN


def test_it_lets_one_group_below_seventy_percent_block_consensus():
    """Lived experience 10 of 10 critical; practitioners 6 of 10 (60%): no consensus."""
    ratings = one_item(lived=[9] * 10, practitioners=[8] * 6 + [5] * 4)
    assert verdict(ratings) is Verdict.NONE


def test_it_can_find_consensus_in_pooled_groups_that_separate_groups_miss():
    """Pooled: 16 of 20 critical (80%), 0 low: in when the rules pool the groups."""
    ratings = one_item(lived=[9] * 10, practitioners=[8] * 6 + [5] * 4)
    assert verdict(ratings, ConsensusRules(within_every_group=False)) is Verdict.IN


def test_it_finds_consensus_out_under_the_mirror_rule():
    """7 of 10 score 1-3 (70%) and 1 of 10 scores 7-9 (10%) in both groups: out."""
    group = [1, 2, 3, 1, 2, 3, 1, 5, 6, 8]
    assert verdict(one_item(lived=group, carers=group)) is Verdict.OUT


def test_it_finds_consensus_out_under_the_at_most_half_critical_rule():
    """5 of 10 critical (50%) is "at most 50%": out; 6 of 10 (60%) is not out, and not in."""
    half = [7, 8, 9, 7, 8, 4, 5, 6, 5, 4]
    sixty = [7, 8, 9, 7, 8, 9, 5, 6, 5, 4]
    assert verdict(one_item(a=half, b=half), COMET_OUT_AT_MOST_HALF_CRITICAL) is Verdict.OUT
    assert verdict(one_item(a=half, b=sixty), COMET_OUT_AT_MOST_HALF_CRITICAL) is Verdict.NONE
    assert verdict(one_item(a=half, b=half)) is Verdict.NONE  # mirror: only 0% score 1-3


def test_it_leaves_dont_know_out_of_the_percentages_and_reports_it():
    """[7, 7, 7, don't know, don't know]: 3 of 3 scores are 7-9 (100%)."""
    result = classify(one_item(carers=[7, 7, 7, None, None]))
    item = result.items[0]
    assert item.verdict is Verdict.IN
    carers = item.groups[0]
    assert carers.n_rated == 3 and carers.dont_know == 2
    assert carers.share_critical == 1.0


def test_it_lets_a_group_with_no_scores_block_consensus_and_lists_it():
    ratings = {
        "Feeling safe at home": {"lived": [9, 9, 9], "carers": [None, None]},
        "Having a say": {"lived": [8, 8, 8], "carers": [9, 9]},
    }
    result = classify(ratings)
    assert result.items[0].verdict is Verdict.NONE
    assert result.items[0].groups_without_ratings == ("carers",)
    assert result.items[1].verdict is Verdict.IN
    assert result.with_verdict(Verdict.IN) == ("Having a say",)


def test_it_treats_a_group_missing_from_an_item_as_giving_no_scores():
    ratings = {"A": {"lived": [9, 9], "carers": [9, 9]}, "B": {"lived": [9, 9]}}
    result = classify(ratings)
    assert result.groups == ("lived", "carers")
    assert result.items[1].verdict is Verdict.NONE
    assert result.items[1].groups_without_ratings == ("carers",)


def test_it_gives_the_distribution_for_feedback():
    """Scores 1, 3, 5, 5, 7, 9, 9 and one don't know: counts per score, bands 2/7, 2/7, 3/7,
    median 5."""
    d = distribution("carers", [1, 3, 5, 5, 7, 9, 9, None])
    assert d.counts == (1, 0, 1, 0, 2, 0, 1, 0, 2)
    assert d.dont_know == 1 and d.n_rated == 7
    assert d.share_not_important == pytest.approx(2 / 7)
    assert d.share_important == pytest.approx(2 / 7)
    assert d.share_critical == pytest.approx(3 / 7)
    assert d.median == 5.0


def test_it_accepts_numpy_whole_numbers_from_a_data_frame():
    assert verdict(one_item(lived=list(np.array([9, 8, 7], dtype=np.int64)))) is Verdict.IN


@pytest.mark.parametrize("bad", [0, 10, 7.5, "7", True])
def test_it_refuses_scores_outside_one_to_nine(bad):
    with pytest.raises(AnalysisInputError, match="1 to 9"):
        classify(one_item(lived=[7, bad]))


def test_it_refuses_empty_ratings_and_items_with_only_dont_know():
    with pytest.raises(AnalysisInputError, match="No items"):
        classify({})
    with pytest.raises(AnalysisInputError, match="no ratings"):
        classify({"A": {}})
    with pytest.raises(AnalysisInputError, match='only "don\'t know"'):
        classify(one_item(lived=[None, None]))


def test_it_refuses_rules_that_are_not_shares_or_that_overlap():
    with pytest.raises(AnalysisInputError, match="between 0 and 1"):
        ConsensusRules(in_critical_at_least=70)
    with pytest.raises(AnalysisInputError, match="both in and out"):
        ConsensusRules(out_convention="half", out_critical_at_most=0.8)
    with pytest.raises(AnalysisInputError, match="out_convention"):
        ConsensusRules(out_convention="strict")


@pytest.mark.parametrize(
    "ratings",
    [{"Feeling safe": [7, 8, 9]}, {"Feeling safe": {"members": "789"}}, [("Feeling safe", {})]],
)
def test_scores_without_their_groups_are_a_clear_error(ratings: object) -> None:
    with pytest.raises(AnalysisInputError) as caught:
        classify(ratings)  # type: ignore[arg-type]
    assert caught.value.code in {"scores_without_groups", "not_a_mapping"}
