"""Plain words for pooling, representation, time series, agreement, consensus and suppression:
how big, how many, how sure (from intervals, never a p-value), small-group cautions, and
Welsh alongside English."""

from __future__ import annotations

import re

import numpy as np
import pytest

from wesaid.analysis.agreement import cohens_kappa_from_table, fleiss_kappa_from_counts
from wesaid.analysis.consensus import classify
from wesaid.analysis.describe_more import (
    describe_consensus,
    describe_item,
    describe_its,
    describe_kappa,
    describe_pool,
    describe_representation,
    describe_suppression,
)
from wesaid.analysis.errors import AnalysisInputError
from wesaid.analysis.its import segmented_regression
from wesaid.analysis.meta import log_risk_ratios, pool
from wesaid.analysis.plain import PlainWords
from wesaid.analysis.representation import compare_with_population
from wesaid.analysis.suppression import suppress_counts, suppress_table

from .reference_data import BCG

MONTHS = [f"{2022 + m // 12}-{m % 12 + 1:02d}" for m in range(24)]


def assert_well_formed(words: PlainWords) -> None:
    for text in (words.en, words.cy):
        assert text and "nan" not in text.lower() and "inf" not in text.lower()
        assert not re.search(r"\bp\s*[=<>]|p-value|gwerth p", text, re.IGNORECASE)
        assert "  " not in text
    assert words.en != words.cy


def test_it_describes_a_pooled_ratio_with_its_range_and_spread():
    """BCG, REML: exp(-0.7145) = 0.49, CI exp(-1.0669, -0.3622) = 0.34 to 0.70, I^2 92%."""
    effects = log_risk_ratios(*zip(*BCG, strict=True))
    words = describe_pool(pool(effects.effects, effects.variances), ratio=True)
    assert_well_formed(words)
    assert "13 projects" in words.en and "13 prosiect" in words.cy
    assert "0.49" in words.en and "0.34 and 0.7" in words.en
    assert "very different" in words.en and "92%" in words.en
    assert "fairly sure" in words.en and "weddol siŵr" in words.cy
    assert "In a new project" in words.en and "Mewn prosiect newydd" in words.cy


def test_it_warns_when_few_projects_are_pooled():
    words = describe_pool(pool([1.2, 2.0], [0.3, 0.4], "fixed"), unit="points", unit_cy="pwynt")
    assert_well_formed(words)
    assert "only 2 projects" in words.en and "Dim ond 2 prosiect" in words.cy
    assert "same true effect" in words.en
    assert "1.54 points" in words.en and "1.54 pwynt" in words.cy


def test_it_names_missing_and_fewer_groups_in_both_languages():
    counts = {"Asian": 1, "Black": 0, "Mixed": 1, "White": 60, "Other": 0, "Prefer not to say": 2}
    population = {"Asian": 9.3, "Black": 4.0, "Mixed": 2.9, "White": 81.7, "Other": 2.1}
    words = describe_representation(
        compare_with_population(counts, population), names_cy={"Asian": "Asiaidd", "Black": "Du"}
    )
    assert_well_formed(words)
    assert "62 people who answered" in words.en and "62 o bobl" in words.cy
    assert "2 people preferred not to say" in words.en and "beidio â dweud" in words.cy
    assert "took part from these groups: Asian." in words.en and "hyn: Asiaidd." in words.cy
    assert "No one from the Black group took part" in words.en
    assert "Ni chymerodd neb o'r grŵp Du ran" in words.cy


def test_it_adds_the_small_group_caution_to_representation():
    words = describe_representation(compare_with_population({"A": 5, "B": 7}, {"A": 1, "B": 1}))
    assert "rough guide" in words.en and "arweiniad bras" in words.cy
    assert "No group was clearly less common" in words.en


def test_it_describes_a_time_series_in_months_and_directions():
    t = np.arange(24)
    y = 10 + 0.5 * t - 3 * (t >= 12) + 0.2 * np.clip(t - 12, 0, None)
    y = y + np.where(t % 2 == 0, 0.3, -0.3)
    words = describe_its(segmented_regression(MONTHS, y, "2023-01"))
    assert_well_formed(words)
    assert "January 2023" in words.en and "ym mis Ionawr 2023" in words.cy
    assert "12 months before" in words.en and "12 mis cyn" in words.cy
    assert "lower than the earlier trend" in words.en and "yn is na'r hyn" in words.cy
    assert "a month higher than before" in words.en and "y mis yn uwch" in words.cy
    assert "rough guide" not in words.en


def test_it_flags_a_short_series_and_describes_the_comparison():
    t = np.arange(16)
    rng = np.random.default_rng(2)
    y = 20 + 0.5 * t - 5 * (t >= 10) + rng.normal(0, 1, 16)
    c = 20 + 0.5 * t + rng.normal(0, 1, 16)
    words = describe_its(segmented_regression(MONTHS[:16], y, "2022-11", comparison=c))
    assert_well_formed(words)
    assert "Compared with the comparison series" in words.en and "gyfres gymharu" in words.cy
    assert "short series" in words.en and "gyfres fer" in words.cy


def test_it_says_about_the_same_when_a_change_rounds_to_nothing():
    flat = segmented_regression(MONTHS, [5.0] * 24, "2023-01")
    words = describe_its(flat)
    assert_well_formed(words)
    assert "was about the same as the earlier trend suggested (likely close to 0)" in words.en
    assert "tua'r un fath â'r hyn" in words.cy and "tua'r un fath ag o'r blaen" in words.cy
    assert "0 lower" not in words.en and "0 higher" not in words.en


def test_it_describes_cohens_kappa_with_strength_and_range():
    words = describe_kappa(cohens_kappa_from_table([[20, 5], [10, 15]]))
    assert_well_formed(words)
    assert "agreed on 35 of the 50 items (70%)" in words.en
    assert "35 o'r 50 eitem" in words.cy
    assert "agreement was fair" in words.en and "yn weddol" in words.cy
    assert "better than chance" in words.en


def test_it_says_when_no_range_can_be_given_for_fleiss_kappa():
    words = describe_kappa(fleiss_kappa_from_counts([[2, 0], [0, 2]]))
    assert_well_formed(words)
    assert "cannot give a likely range" in words.en and "only 2 items" in words.en


@pytest.mark.parametrize(
    "result",
    [
        cohens_kappa_from_table([[3, 0], [0, 2]]),
        fleiss_kappa_from_counts([[3, 0], [0, 3], [3, 0], [0, 3]]),
    ],
    ids=["cohen", "fleiss"],
)
def test_full_agreement_on_a_few_items_is_not_called_sure(result):
    """Full agreement gives a standard error of 0 and an interval from 1 to 1: no evidence of
    certainty, least of all from 4 or 5 items."""
    assert result.ci == (1.0, 1.0)
    words = describe_kappa(result)
    assert_well_formed(words)
    n = result.n_items
    assert f"They agreed on all {n} items, but {n} items are too few to be sure" in words.en
    assert f"Cytunon nhw ar bob un o'r {n} eitem, ond mae {n} eitem yn rhy ychydig" in words.cy
    assert "fairly sure" not in words.en and "weddol siŵr" not in words.cy
    assert "between 1 and 1" not in words.en and "rhwng 1 a 1" not in words.cy


def test_full_agreement_on_many_items_gives_no_range_and_no_certainty():
    words = describe_kappa(cohens_kappa_from_table([[20, 0], [0, 20]]))
    assert_well_formed(words)
    assert "They agreed on all 40 items." in words.en
    assert "no likely range can be worked out for kappa" in words.en
    assert "does dim modd cyfrifo ystod debygol ar gyfer kappa" in words.cy
    assert "fairly sure" not in words.en and "weddol siŵr" not in words.cy
    assert "rough guide" not in words.en


def test_a_series_exactly_on_straight_lines_is_not_called_sure():
    """No ups and downs: the standard errors are 0 (to rounding) and the intervals have no
    width, so "fairly sure" and "between 3 and 3" would both mislead."""
    t = np.arange(24)
    result = segmented_regression(MONTHS, 10 + 0.5 * t + 3 * (t >= 12), "2023-01")
    assert result.level_change.ci[1] - result.level_change.ci[0] < 1e-9
    words = describe_its(result)
    assert_well_formed(words)
    assert "fairly sure" not in words.en and "weddol siŵr" not in words.cy
    assert "3 higher than the earlier trend suggested (no range can be worked out)" in words.en
    assert "(does dim modd cyfrifo ystod)" in words.cy
    assert "lie exactly on straight lines" in words.en
    assert "yn union ar linellau syth" in words.cy


def test_it_summarises_a_delphi_round_and_one_item_for_feedback():
    result = classify(
        {
            "Feeling safe": {"Lived experience": [9, 9, 8, 7, None], "Carers": [7, 8, 9] * 4},
            "Having a say": {"Lived experience": [1, 2, 5]},
        }
    )
    summary = describe_consensus(result)
    assert_well_formed(summary)
    assert "Agreed as critical: 1 of 2 outcomes" in summary.en
    item = describe_item(
        result.items[0], names_cy={"Carers": "Gofalwyr", "Feeling safe": "Teimlo'n ddiogel"}
    )
    assert_well_formed(item)
    assert "Feeling safe: agreed as critical by every group" in item.en
    assert "Teimlo'n ddiogel: cytunwyd ei fod yn hanfodol ym mhob grŵp" in item.cy
    assert "Gofalwyr: o blith 12 o bobl" in item.cy
    assert "1 person said they did not know" in item.en and "nad oedd yn gwybod" in item.cy
    assert "Some groups are small" in item.en
    other = describe_item(result.items[1])
    assert "Carers: no scores yet" in other.en and "no agreement yet" in other.en


def test_it_explains_hidden_numbers_and_says_nothing_when_none_are_hidden():
    assert describe_suppression(suppress_counts([10, 20])) is None
    primary_only = describe_suppression(suppress_counts([3, 2, 50]))
    assert primary_only is not None and "under 5." in primary_only.en
    both = describe_suppression(suppress_table([[3, 10, 12], [20, 25, 30], [7, 8, 2]]))
    assert both is not None
    assert_well_formed(both)
    assert "worked out from the totals" in both.en and "o'r cyfansymiau" in both.cy


def test_it_refuses_a_result_of_the_wrong_kind():
    with pytest.raises(AnalysisInputError):
        describe_kappa(object())  # type: ignore[arg-type]
    with pytest.raises(AnalysisInputError):
        describe_suppression(object())  # type: ignore[arg-type]
